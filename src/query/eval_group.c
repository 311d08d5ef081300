/* SPDX-License-Identifier: Apache-2.0 */
/* The solution modifiers and grouping (SPARQL 1.1 sections 18.5 and 11): Group with its
 * aggregates, OrderBy (a stable sort), Project, Distinct and Reduced, Slice. */
#include "query/eval_group.h"

#include "query/agg.h"
#include "query/expr.h"
#include "query/order.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* ---- Group ------------------------------------------------------------------------------------
 */

typedef struct {
    ilokg_qctx           *c;
    const ilokg_op       *op;
    const ilokg_ev_graph *g;
    ilokg_ev_rowset       groups; /* key tuples (n_exprs ids each), in order of first sight */
    ilokg_agg_state     **states; /* groups.rows.n * n_aggs */
    size_t                cap_states;
    ilokg_ev_rowset      *distinct; /* COUNT(DISTINCT *): (group, solution) pairs seen */
    ilokg_id             *key, *solution;
    unsigned char        *hidden; /* variables no solution shows (names starting '.') */
} grouping;

static ilokg_status
group_of(grouping *gr, const ilokg_id *key, size_t *out)
{
    int          added;
    size_t       n_aggs = gr->op->n_aggs;
    ilokg_status st     = ilokg_ev_rowset_add(&gr->groups, key, &added);
    if (st || !added) {
        *out = ilokg_ev_rowset_find(&gr->groups, key);
        return st;
    }
    *out = gr->groups.rows.n - 1;
    if (n_aggs && (st = ilokg_grow(&gr->states, &gr->cap_states, (*out + 1) * n_aggs - 1,
                                   sizeof *gr->states))) {
        return st;
    }
    for (size_t j = 0; !st && j < n_aggs; j++) {
        st = ilokg_agg_new(&gr->states[*out * n_aggs + j], gr->c, &gr->op->aggs[j]);
    }
    return st;
}

/* Whether this solution is new to COUNT(DISTINCT *) number j in group gid. */
static ilokg_status
first_sight(grouping *gr, size_t j, size_t gid, const ilokg_id *row, int *added)
{
    size_t w        = gr->c->width;
    gr->solution[0] = (ilokg_id)gid;
    for (size_t v = 0; v < w; v++) {
        gr->solution[v + 1] = gr->hidden[v] ? ILOKG_ID_NONE : row[v];
    }
    return ilokg_ev_rowset_add(&gr->distinct[j], gr->solution, added);
}

static ilokg_status
group_add(grouping *gr, const ilokg_id *row)
{
    ilokg_status st = ILOKG_OK;
    size_t       gid;
    gr->c->cur_graph = gr->g;
    for (size_t i = 0; !st && i < gr->op->n_exprs; i++) {
        st = ilokg_expr_eval(gr->c, gr->op->exprs[i], row, &gr->key[i]);
    }
    if (st || (st = group_of(gr, gr->key, &gid))) {
        return st;
    }
    for (size_t j = 0; !st && j < gr->op->n_aggs; j++) {
        const ilokg_aggregate *a     = &gr->op->aggs[j];
        ilokg_id               v     = ILOKG_ID_DEFAULT_GRAPH; /* COUNT(*): any id */
        int                    added = 1;
        if (a->arg) {
            gr->c->cur_graph = gr->g;
            st               = ilokg_expr_eval(gr->c, a->arg, row, &v);
        } else if (a->distinct) {
            st = first_sight(gr, j, gid, row, &added);
        }
        if (!st && added) {
            st = ilokg_agg_add(gr->states[gid * gr->op->n_aggs + j], v);
        }
    }
    return st;
}

static ilokg_status
group_emit_all(grouping *gr, const ilokg_id *seed, ilokg_ev_sink *s)
{
    const ilokg_op *op  = gr->op;
    ilokg_id       *out = malloc((gr->c->width + 1) * sizeof *out);
    ilokg_status    st  = out ? ILOKG_OK : ILOKG_ERR_NOMEM;
    for (size_t gid = 0; !st && !s->full && gid < gr->groups.rows.n; gid++) {
        const ilokg_id *key = ilokg_ev_rows_at(&gr->groups.rows, gid);
        int             ok  = 1;
        memcpy(out, seed, gr->c->width * sizeof *out);
        for (size_t i = 0; i < op->n_exprs && i < op->n_vars; i++) {
            if (op->vars[i] != ILOKG_VAR_NONE && key[i]) {
                ok               = ok && (!out[op->vars[i]] || out[op->vars[i]] == key[i]);
                out[op->vars[i]] = key[i];
            }
        }
        for (size_t j = 0; !st && j < op->n_aggs; j++) {
            ilokg_id v = ILOKG_ID_NONE;
            st         = ilokg_agg_result(gr->states[gid * op->n_aggs + j], &v);
            if (v) {
                out[op->aggs[j].var] = v;
            }
        }
        if (!st && ok) {
            st = s->emit(gr->c, s, out);
        }
    }
    free(out);
    return st;
}

static void
grouping_free(grouping *gr)
{
    for (size_t i = 0; gr->states && i < gr->groups.rows.n * gr->op->n_aggs; i++) {
        ilokg_agg_free(gr->states[i]);
    }
    free(gr->states);
    for (size_t j = 0; gr->distinct && j < gr->op->n_aggs; j++) {
        ilokg_ev_rowset_free(&gr->distinct[j]);
    }
    free(gr->distinct);
    ilokg_ev_rowset_free(&gr->groups);
    free(gr->key);
    free(gr->solution);
    free(gr->hidden);
}

static ilokg_status
grouping_init(grouping *gr, ilokg_qctx *c)
{
    size_t w = c->width;
    ilokg_ev_rowset_init(&gr->groups, gr->op->n_exprs);
    if (!(gr->key = calloc(gr->op->n_exprs + 1, sizeof *gr->key)) ||
        !(gr->solution = calloc(w + 2, sizeof *gr->solution)) || !(gr->hidden = calloc(w + 1, 1)) ||
        !(gr->distinct = calloc(gr->op->n_aggs + 1, sizeof *gr->distinct))) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t v = 0; v < w; v++) {
        gr->hidden[v] = c->q->var_names && c->q->var_names[v] && c->q->var_names[v][0] == '.';
    }
    for (size_t j = 0; j < gr->op->n_aggs; j++) {
        ilokg_ev_rowset_init(&gr->distinct[j], w + 1);
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_ev_group(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
               ilokg_ev_sink *s)
{
    grouping      gr;
    ilokg_ev_rows rows = {NULL, 0, 0, c->width};
    ilokg_status  st;
    size_t        gid;
    memset(&gr, 0, sizeof gr);
    gr.c  = c;
    gr.op = op;
    gr.g  = g;
    if ((st = grouping_init(&gr, c)) || (st = ilokg_ev_collect(c, op->a, g, seed, &rows))) {
        goto done;
    }
    if (!op->n_exprs && (st = group_of(&gr, gr.key, &gid))) {
        goto done; /* no keys: one group, even over no solutions */
    }
    for (size_t r = 0; !st && r < rows.n; r++) {
        if (!(st = ilokg_ev_tick(c))) {
            st = group_add(&gr, ilokg_ev_rows_at(&rows, r));
        }
    }
    if (!st) {
        st = group_emit_all(&gr, seed, s);
    }
done:
    ilokg_ev_rows_free(&rows);
    grouping_free(&gr);
    return st;
}

/* ---- OrderBy ----------------------------------------------------------------------------------
 */

typedef struct {
    ilokg_qctx     *c;
    const ilokg_op *op;
    const ilokg_id *keys; /* n_rows * n_conds */
} sorting;

static int
row_cmp(const sorting *so, size_t a, size_t b)
{
    size_t n = so->op->n_conds;
    for (size_t i = 0; i < n; i++) {
        int r = ilokg_expr_order_cmp(so->c, so->keys[a * n + i], so->keys[b * n + i]);
        if (r) {
            return so->op->conds[i].desc ? -r : r;
        }
    }
    return 0;
}

/* A stable merge sort of idx[0..n) (tmp: n scratch entries). */
static void
merge_sort(const sorting *so, size_t *idx, size_t *tmp, size_t n)
{
    if (n < 2) {
        return;
    }
    size_t h = n / 2;
    merge_sort(so, idx, tmp, h);
    merge_sort(so, idx + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) {
        tmp[k++] = row_cmp(so, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
    }
    while (i < h) {
        tmp[k++] = idx[i++];
    }
    while (j < n) {
        tmp[k++] = idx[j++];
    }
    memcpy(idx, tmp, n * sizeof *idx);
}

ilokg_status
ilokg_ev_order(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
               ilokg_ev_sink *s)
{
    ilokg_ev_rows rows = {NULL, 0, 0, c->width};
    ilokg_id     *keys = NULL;
    size_t       *idx = NULL, *tmp = NULL;
    size_t        nc = op->n_conds;
    ilokg_status  st = ilokg_ev_collect(c, op->a, g, seed, &rows);
    if (st || !rows.n) {
        goto done;
    }
    if (rows.n > SIZE_MAX / (nc + 1) / sizeof *keys ||
        !(keys = malloc(rows.n * (nc + 1) * sizeof *keys)) ||
        !(idx = malloc(rows.n * sizeof *idx)) || !(tmp = malloc(rows.n * sizeof *tmp))) {
        st = ILOKG_ERR_NOMEM;
        goto done;
    }
    for (size_t r = 0; !st && r < rows.n; r++) {
        idx[r] = r;
        for (size_t i = 0; !st && i < nc; i++) {
            c->cur_graph = g;
            st           = ilokg_expr_eval(c, op->conds[i].expr, ilokg_ev_rows_at(&rows, r),
                                           &keys[r * nc + i]);
        }
    }
    if (!st) {
        sorting so = {c, op, keys};
        merge_sort(&so, idx, tmp, rows.n);
    }
    for (size_t r = 0; !st && !s->full && r < rows.n; r++) {
        st = s->emit(c, s, ilokg_ev_rows_at(&rows, idx[r]));
    }
done:
    ilokg_ev_rows_free(&rows);
    free(keys);
    free(idx);
    free(tmp);
    return st;
}

/* ---- Project, Distinct, Slice --------------------------------------------------------------- */

typedef struct {
    ilokg_ev_sink   base;
    ilokg_ev_sink  *down;
    const ilokg_op *op;
    const ilokg_id *seed;
    ilokg_id       *buf;
    ilokg_ev_rowset seen;
    size_t          skipped, given;
} mod_sink;

static ilokg_status
project_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row)
{
    mod_sink    *k = (mod_sink *)s;
    ilokg_status st;
    memcpy(k->buf, k->seed, c->width * sizeof *row);
    for (size_t i = 0; i < k->op->n_vars; i++) {
        k->buf[k->op->vars[i]] = row[k->op->vars[i]];
    }
    st      = k->down->emit(c, k->down, k->buf);
    s->full = k->down->full;
    return st;
}

ilokg_status
ilokg_ev_project(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
                 ilokg_ev_sink *s)
{
    mod_sink     k;
    ilokg_status st = ILOKG_ERR_NOMEM;
    memset(&k, 0, sizeof k);
    k.base.emit = project_emit;
    k.down      = s;
    k.op        = op;
    k.seed      = seed;
    if ((k.buf = malloc((c->width + 1) * sizeof *k.buf))) {
        st = ilokg_ev_op(c, op->a, g, seed, &k.base);
    }
    free(k.buf);
    return st;
}

static ilokg_status
distinct_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row)
{
    mod_sink    *k = (mod_sink *)s;
    int          added;
    ilokg_status st = ilokg_ev_rowset_add(&k->seen, row, &added);
    if (!st && added) {
        st = k->down->emit(c, k->down, row);
    }
    s->full = k->down->full;
    return st;
}

ilokg_status
ilokg_ev_distinct(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
                  ilokg_ev_sink *s)
{
    mod_sink     k;
    ilokg_status st;
    memset(&k, 0, sizeof k);
    k.base.emit = distinct_emit;
    k.down      = s;
    ilokg_ev_rowset_init(&k.seen, c->width);
    st = ilokg_ev_op(c, op->a, g, seed, &k.base);
    ilokg_ev_rowset_free(&k.seen);
    return st;
}

static ilokg_status
slice_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row)
{
    mod_sink    *k  = (mod_sink *)s;
    ilokg_status st = ILOKG_OK;
    if (k->skipped < k->op->offset) {
        k->skipped++;
        return ILOKG_OK;
    }
    if (k->given < k->op->limit) {
        k->given++;
        st = k->down->emit(c, k->down, row);
    }
    s->full = k->down->full || k->given >= k->op->limit;
    return st;
}

ilokg_status
ilokg_ev_slice(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
               ilokg_ev_sink *s)
{
    mod_sink k;
    if (op->limit == 0) {
        return ILOKG_OK;
    }
    memset(&k, 0, sizeof k);
    k.base.emit = slice_emit;
    k.down      = s;
    k.op        = op;
    return ilokg_ev_op(c, op->a, g, seed, &k.base);
}
