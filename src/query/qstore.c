/* SPDX-License-Identifier: Apache-2.0 */
/* The quad store interface: dispatch to the kind of store (in memory or LMDB), and the choice of
 * index order both kinds share. */
#include "query/qstore.h"

#include <stdlib.h>

#include "query/qstore_int.h"
#include "util/buf.h"

const unsigned char ilokg_qorder_perm[QORDER_COUNT][4] = {
    {0, 1, 2, 3}, /* G S P O */
    {0, 2, 3, 1}, /* G P O S */
    {0, 3, 1, 2}, /* G O S P */
};

static ilokg_id
place(const ilokg_quad *q, unsigned i)
{
    switch (i) {
    case 0:
        return q->g;
    case 1:
        return q->s;
    case 2:
        return q->p;
    default:
        return q->o;
    }
}

void
ilokg_qrow_from_quad(qrow *out, const ilokg_quad *q, int k)
{
    for (unsigned i = 0; i < 4; i++) {
        out->v[i] = place(q, ilokg_qorder_perm[k][i]);
    }
}

void
ilokg_qrow_to_quad(ilokg_quad *out, const qrow *r, int k)
{
    ilokg_id v[4];
    for (unsigned i = 0; i < 4; i++) {
        v[ilokg_qorder_perm[k][i]] = r->v[i];
    }
    out->g = v[0];
    out->s = v[1];
    out->p = v[2];
    out->o = v[3];
}

int
ilokg_qorder_choose(const ilokg_quad *pat, size_t *n_prefix)
{
    int    best   = QORDER_GSPO;
    size_t best_n = 0;
    for (int k = 0; k < QORDER_COUNT; k++) {
        /* The prefix after g: with g unbound, the stores walk the graphs one by one, so the
         * places after g still narrow each graph's range. */
        size_t n = 0;
        for (unsigned i = 1; i < 4 && place(pat, ilokg_qorder_perm[k][i]) != ILOKG_ID_NONE; i++) {
            n++;
        }
        if (n > best_n) {
            best   = k;
            best_n = n;
        }
    }
    *n_prefix = best_n + (pat->g != ILOKG_ID_NONE);
    return best;
}

int
ilokg_quad_matches(const ilokg_quad *pat, const ilokg_quad *q)
{
    return (!pat->g || pat->g == q->g) && (!pat->s || pat->s == q->s) &&
           (!pat->p || pat->p == q->p) && (!pat->o || pat->o == q->o);
}

void
ilokg_qstore_named_of(const ilokg_id *all, size_t n_all, const ilokg_id **out, size_t *n)
{
    size_t skip = n_all && all[0] == ILOKG_ID_DEFAULT_GRAPH;
    *out        = all ? all + skip : NULL;
    *n          = n_all - skip;
}

ilokg_status
ilokg_qstore_find(ilokg_qstore *st, const ilokg_qterm *t, ilokg_id *out)
{
    return st->ops->find(st, t, out);
}

ilokg_status
ilokg_qstore_term(ilokg_qstore *st, ilokg_id id, ilokg_qterm *out)
{
    return st->ops->term(st, id, out);
}

ilokg_status
ilokg_qstore_match(ilokg_qstore *st, const ilokg_quad *pat, ilokg_qiter **out)
{
    return st->ops->match(st, pat, out);
}

ilokg_status
ilokg_qiter_next(ilokg_qiter *it, ilokg_quad *out, int *got)
{
    return it->next(it, out, got);
}

void
ilokg_qiter_free(ilokg_qiter *it)
{
    if (it) {
        it->free(it);
    }
}

ilokg_status
ilokg_qstore_collect(ilokg_quad **out, size_t *n_out, ilokg_qstore *store, const ilokg_quad *pat)
{
    ilokg_quad  *tr = NULL;
    size_t       n = 0, cap = 0;
    ilokg_qiter *it = NULL;
    ilokg_status st = ilokg_qstore_match(store, pat, &it);
    for (int got = 1; !st && got;) {
        ilokg_quad q;
        if (!(st = ilokg_qiter_next(it, &q, &got)) && got &&
            !(st = ilokg_grow(&tr, &cap, n, sizeof *tr))) {
            tr[n++] = q;
        }
    }
    ilokg_qiter_free(it);
    if (st) {
        free(tr);
        tr = NULL;
        n  = 0;
    }
    *out   = tr;
    *n_out = n;
    return st;
}

size_t
ilokg_qstore_estimate(ilokg_qstore *st, const ilokg_quad *pat)
{
    return st->ops->estimate(st, pat);
}

ilokg_status
ilokg_qstore_graphs(ilokg_qstore *st, const ilokg_id **out, size_t *n)
{
    return st->ops->graphs(st, out, n);
}

size_t
ilokg_qstore_size(ilokg_qstore *st)
{
    return st->ops->size(st);
}

void
ilokg_qstore_free(ilokg_qstore *st)
{
    if (st) {
        st->ops->free(st);
    }
}
