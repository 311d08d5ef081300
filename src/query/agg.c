/* SPDX-License-Identifier: Apache-2.0 */
/* The set functions of SPARQL 1.1 (section 18.5.1): COUNT, SUM, AVG, MIN, MAX, SAMPLE and
 * GROUP_CONCAT over one group's values, with DISTINCT over term ids. */
#include "query/agg.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "query/value.h"
#include "query/order.h"

struct ilokg_agg_state {
    ilokg_qctx            *c;
    const ilokg_aggregate *a;
    int                    err;   /* an error value met: SUM, AVG, GROUP_CONCAT are errors */
    size_t                 count; /* values added (not errors) */
    ilokg_xval             sum;   /* SUM, AVG: the running numeric sum */
    ilokg_id               best;  /* MIN, MAX, SAMPLE */
    ilokg_buf              text;  /* GROUP_CONCAT */
    ilokg_id              *seen;  /* DISTINCT: an open-addressing set of ids (0 empty) */
    size_t                 seen_cap, seen_n;
};

ilokg_status
ilokg_agg_new(ilokg_agg_state **out, ilokg_qctx *c, const ilokg_aggregate *a)
{
    ilokg_agg_state *s = calloc(1, sizeof *s);
    if (!s) {
        return ILOKG_ERR_NOMEM;
    }
    s->c             = c;
    s->a             = a;
    s->sum.kind      = ILOKG_XV_INT; /* the sum of nothing is 0 */
    s->sum.dec.m     = 0;
    s->sum.dec.scale = 0;
    s->sum.d         = 0;
    *out             = s;
    return ILOKG_OK;
}

void
ilokg_agg_free(ilokg_agg_state *s)
{
    if (s) {
        ilokg_buf_free(&s->text);
        free(s->seen);
        free(s);
    }
}

static size_t
slot(ilokg_id id, size_t cap)
{
    uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ull;
    return (size_t)(h >> 20) & (cap - 1);
}

/* Adds id to the DISTINCT set: *fresh 1 when it was not there. */
static ilokg_status
seen_add(ilokg_agg_state *s, ilokg_id id, int *fresh)
{
    if ((s->seen_n + 1) * 2 > s->seen_cap) {
        size_t    cap = s->seen_cap ? s->seen_cap * 2 : 64;
        ilokg_id *set = calloc(cap, sizeof *set);
        if (!set) {
            return ILOKG_ERR_NOMEM;
        }
        for (size_t i = 0; i < s->seen_cap; i++) {
            if (s->seen[i]) {
                size_t j = slot(s->seen[i], cap);
                while (set[j]) {
                    j = (j + 1) & (cap - 1);
                }
                set[j] = s->seen[i];
            }
        }
        free(s->seen);
        s->seen     = set;
        s->seen_cap = cap;
    }
    size_t j = slot(id, s->seen_cap);
    while (s->seen[j] && s->seen[j] != id) {
        j = (j + 1) & (s->seen_cap - 1);
    }
    *fresh = !s->seen[j];
    if (*fresh) {
        s->seen[j] = id;
        s->seen_n++;
    }
    return ILOKG_OK;
}

static ilokg_status
add_sum(ilokg_agg_state *s, ilokg_id value)
{
    ilokg_xval   v, r;
    int          ok;
    ilokg_status st = ilokg_fx_value(s->c, value, &v, &ok);
    if (st || !ok) {
        return st;
    }
    if (ilokg_fx_arith_value(&r, ILOKG_EX_ADD, &s->sum, &v)) {
        s->err = 1;
    } else {
        s->sum = r;
    }
    return ILOKG_OK;
}

static ilokg_status
add_text(ilokg_agg_state *s, ilokg_id value)
{
    ilokg_qterm  t;
    ilokg_status st = ilokg_qctx_term(s->c, value, &t);
    if (st) {
        return st;
    }
    if (t.kind != ILOKG_QT_LITERAL) {
        s->err = 1;
        return ILOKG_OK;
    }
    if (s->count > 1) {
        const char *sep = s->a->separator ? s->a->separator : " ";
        if ((st = ilokg_buf_adds(&s->text, sep))) {
            return st;
        }
    }
    return ilokg_buf_add(&s->text, t.lex, t.lex_len);
}

ilokg_status
ilokg_agg_add(ilokg_agg_state *s, ilokg_id value)
{
    ilokg_status st;
    int          fresh = 1;
    if (value == ILOKG_ID_NONE) {
        s->err = 1; /* COUNT, MIN, MAX and SAMPLE leave errors out */
        return ILOKG_OK;
    }
    if (s->a->distinct && s->a->arg && (st = seen_add(s, value, &fresh))) {
        return st;
    }
    if (!fresh || (s->err && s->a->kind != ILOKG_AGG_COUNT && s->a->kind != ILOKG_AGG_MIN &&
                   s->a->kind != ILOKG_AGG_MAX && s->a->kind != ILOKG_AGG_SAMPLE)) {
        return ILOKG_OK;
    }
    s->count++;
    switch (s->a->kind) {
    case ILOKG_AGG_SUM:
    case ILOKG_AGG_AVG:
        return add_sum(s, value);
    case ILOKG_AGG_MIN:
    case ILOKG_AGG_MAX: {
        int r = s->best ? ilokg_expr_order_cmp(s->c, value, s->best) : 0;
        if (!s->best || (s->a->kind == ILOKG_AGG_MIN ? r < 0 : r > 0)) {
            s->best = value;
        }
        return ILOKG_OK;
    }
    case ILOKG_AGG_SAMPLE:
        if (!s->best) {
            s->best = value;
        }
        return ILOKG_OK;
    case ILOKG_AGG_GROUP_CONCAT:
        return add_text(s, value);
    default:
        return ILOKG_OK;
    }
}

ilokg_status
ilokg_agg_result(ilokg_agg_state *s, ilokg_id *out)
{
    ilokg_dec  n = {(ilokg_i128)s->count, 0};
    ilokg_xval cnt, avg;
    *out = ILOKG_ID_NONE;
    switch (s->a->kind) {
    case ILOKG_AGG_COUNT:
        return ilokg_fx_number(s->c, ILOKG_XV_INT, n, 0, out);
    case ILOKG_AGG_SUM:
        return s->err ? ILOKG_OK : ilokg_fx_number(s->c, s->sum.kind, s->sum.dec, s->sum.d, out);
    case ILOKG_AGG_AVG:
        if (s->err) {
            return ILOKG_OK;
        }
        if (s->count == 0) {
            return ilokg_fx_number(s->c, ILOKG_XV_INT, n, 0, out);
        }
        memset(&cnt, 0, sizeof cnt);
        cnt.kind = ILOKG_XV_INT;
        cnt.dec  = n;
        cnt.d    = (double)s->count;
        if (ilokg_fx_arith_value(&avg, ILOKG_EX_DIV, &s->sum, &cnt)) {
            return ILOKG_OK;
        }
        return ilokg_fx_number(s->c, avg.kind, avg.dec, avg.d, out);
    case ILOKG_AGG_MIN:
    case ILOKG_AGG_MAX:
    case ILOKG_AGG_SAMPLE:
        *out = s->best;
        return ILOKG_OK;
    default:
        if (s->err) {
            return ILOKG_OK;
        }
        return ilokg_fx_literal(s->c, s->text.ptr ? s->text.ptr : "", s->text.len, NULL, NULL, out);
    }
}
