/* SPDX-License-Identifier: Apache-2.0 */
/* One quad pattern matched in the active graph of a pattern: one graph, the merge of several
 * (a triple in two of them counted once), or each named graph in turn for GRAPH ?g. */
#include "query/eval_match.h"

/* ---- Matching one quad pattern in the active graph ------------------------------------------- */

static ilokg_status
has_quad(ilokg_qctx *c, ilokg_id g, const ilokg_quad *q, int *out)
{
    ilokg_quad   pat = {g, q->s, q->p, q->o};
    ilokg_qiter *it  = NULL;
    ilokg_quad   got;
    ilokg_status st = ilokg_qstore_match(c->st, &pat, &it);
    if (!st) {
        st = ilokg_qiter_next(it, &got, out);
    }
    ilokg_qiter_free(it);
    return st;
}

/* Quads of graph k of a merge that an earlier graph of it already gave are skipped, so that a
 * triple in two merged graphs counts once (RDF merge). */
static ilokg_status
seen_earlier(ilokg_qctx *c, const ilokg_ev_graph *g, size_t k, const ilokg_quad *q, int *out)
{
    ilokg_status st = ILOKG_OK;
    *out            = 0;
    for (size_t j = 0; !st && !*out && j < k; j++) {
        if (g->ids[j] && g->ids[j] < ILOKG_ID_OVERLAY) {
            st = has_quad(c, g->ids[j], q, out);
        }
    }
    return st;
}

static ilokg_status
match_graph(ilokg_qctx *c, ilokg_id gid, int skip_unnamed, const ilokg_quad *pat,
            ilokg_ev_quad_fn fn, void *payload, const ilokg_ev_graph *merge, size_t k, int *stop)
{
    ilokg_quad   p  = {gid, pat->s, pat->p, pat->o};
    ilokg_qiter *it = NULL;
    ilokg_quad   q;
    int          got = 1;
    ilokg_status st  = ilokg_qstore_match(c->st, &p, &it);
    while (!st && !*stop && !(st = ilokg_qiter_next(it, &q, &got)) && got) {
        int dup = 0;
        if ((st = ilokg_ev_tick(c))) {
            break;
        }
        if (skip_unnamed &&
            (q.g == ILOKG_ID_DEFAULT_GRAPH || (!c->all_named && !ilokg_ev_is_named(c, q.g)))) {
            continue;
        }
        if (merge && k > 0 && (st = seen_earlier(c, merge, k, &q, &dup))) {
            break;
        }
        if (!dup) {
            st = fn(c, &q, payload, stop);
        }
    }
    ilokg_qiter_free(it);
    return st;
}

ilokg_status
ilokg_ev_match(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_id *row, const ilokg_quad *pat,
               ilokg_ev_quad_fn fn, void *payload)
{
    int          stop = 0;
    ilokg_status st   = ILOKG_OK;
    if (pat->s >= ILOKG_ID_OVERLAY || pat->p >= ILOKG_ID_OVERLAY || pat->o >= ILOKG_ID_OVERLAY) {
        return ILOKG_OK; /* a term the store does not have matches nothing */
    }
    if (g->var != ILOKG_VAR_NONE) {
        ilokg_id gid = row[g->var];
        if (!gid) {
            return match_graph(c, ILOKG_ID_NONE, 1, pat, fn, payload, NULL, 0, &stop);
        }
        if (gid >= ILOKG_ID_OVERLAY || !ilokg_ev_is_named(c, gid)) {
            return ILOKG_OK;
        }
        return match_graph(c, gid, 0, pat, fn, payload, NULL, 0, &stop);
    }
    for (size_t k = 0; !st && !stop && k < g->n; k++) {
        if (g->ids[k] && g->ids[k] < ILOKG_ID_OVERLAY) {
            st = match_graph(c, g->ids[k], 0, pat, fn, payload, g->n > 1 ? g : NULL, k, &stop);
        }
    }
    return st;
}
