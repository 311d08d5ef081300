/* SPDX-License-Identifier: Apache-2.0 */
/* Basic graph patterns: an index nested loop over the triple and path patterns, ordered
 * greedily by the store's estimates given what is bound, in the active graph of the pattern
 * (one graph, the merge of several, or each named graph in turn for GRAPH ?g). */
#include "query/eval_bgp.h"

#include "query/eval_match.h"
#include "query/eval_path.h"

#include <stdlib.h>
#include <string.h>

/* ---- Ordering the patterns --------------------------------------------------------------- */

typedef struct {
    ilokg_qctx           *c;
    const ilokg_op       *op;
    const ilokg_ev_graph *g;
    ilokg_ev_sink        *s;
    ilokg_id             *row;   /* the solution being built (starts as the seed) */
    size_t               *order; /* the patterns in the order they are matched */
    ilokg_ev_graph        one;   /* a path's graph when the graph is row[g->var] */
} bgp_run;

static ilokg_id
node_value(const ilokg_qnode *n, const ilokg_id *row)
{
    return n->is_var ? row[n->var] : n->id;
}

static size_t
estimate_triple(bgp_run *r, const ilokg_triple *t, const unsigned char *later)
{
    ilokg_quad         pat  = {ILOKG_ID_NONE, node_value(&t->s, r->row), node_value(&t->p, r->row),
                               node_value(&t->o, r->row)};
    const ilokg_qnode *n[3] = {&t->s, &t->p, &t->o};
    /* A place bound by an earlier pattern (value unknown yet) narrows the match a lot; by how
     * much is a guess: most by the subject, least by the predicate. */
    static const size_t narrow[3] = {64, 4, 16};
    size_t              est       = 0;
    if (pat.s >= ILOKG_ID_OVERLAY || pat.p >= ILOKG_ID_OVERLAY || pat.o >= ILOKG_ID_OVERLAY) {
        return 0;
    }
    if (r->g->var != ILOKG_VAR_NONE) {
        pat.g = r->row[r->g->var];
        est   = ilokg_qstore_estimate(r->c->st, &pat);
    } else {
        for (size_t k = 0; k < r->g->n; k++) {
            pat.g = r->g->ids[k];
            est += ilokg_qstore_estimate(r->c->st, &pat);
        }
    }
    for (size_t k = 0; k < 3; k++) {
        if (n[k]->is_var && !r->row[n[k]->var] && later[n[k]->var]) {
            est = est / narrow[k] + 1;
        }
    }
    return est;
}

static size_t
estimate(bgp_run *r, const ilokg_triple *t, const unsigned char *later)
{
    if (!t->path) {
        return estimate_triple(r, t, later);
    }
    size_t big   = ilokg_qstore_size(r->c->st) + 1;
    int    s_set = !t->s.is_var || r->row[t->s.var], o_set = !t->o.is_var || r->row[t->o.var];
    int    s_later = t->s.is_var && later[t->s.var], o_later = t->o.is_var && later[t->o.var];
    if (s_set || o_set) {
        return 32;
    }
    if (s_later || o_later) {
        return 256;
    }
    return big * 4;
}

static void
mark_bound(const ilokg_triple *t, unsigned char *later)
{
    const ilokg_qnode *n[3] = {&t->s, &t->p, &t->o};
    for (size_t k = 0; k < 3; k++) {
        if (n[k]->is_var && (k != 1 || !t->path)) {
            later[n[k]->var] = 1;
        }
    }
}

/* The variables of t bound neither in the row nor by a pattern chosen before it. */
static size_t
free_places(const bgp_run *r, const ilokg_triple *t, const unsigned char *later)
{
    const ilokg_qnode *n[3] = {&t->s, &t->p, &t->o};
    size_t             k    = 0;
    for (size_t i = 0; i < 3; i++) {
        if (n[i]->is_var && (i != 1 || !t->path) && !r->row[n[i]->var] && !later[n[i]->var]) {
            k++;
        }
    }
    return k;
}

/* Whether t has a variable bound in the row or by a pattern chosen before it. */
static int
is_connected(const bgp_run *r, const ilokg_triple *t, const unsigned char *later)
{
    const ilokg_qnode *n[3] = {&t->s, &t->p, &t->o};
    for (size_t k = 0; k < 3; k++) {
        if (n[k]->is_var && (r->row[n[k]->var] || later[n[k]->var])) {
            return 1;
        }
    }
    return 0;
}

static ilokg_status
plan(bgp_run *r)
{
    size_t n = r->op->n_triples;
    if (n <= 1) {
        r->order[0] = 0; /* nothing to choose (order has room for one) */
        return ILOKG_OK;
    }
    unsigned char *later = calloc(r->c->width + 1, 1);
    unsigned char *used  = calloc(n + 1, 1);
    ilokg_status   st    = ILOKG_ERR_NOMEM;
    if (!later || !used) {
        goto done;
    }
    for (size_t d = 0; d < n; d++) {
        size_t best = SIZE_MAX, best_cost = SIZE_MAX;
        /* Patterns that share a variable with what is bound come first: choosing a cheap
         * pattern unconnected to them would multiply the rows (a cross product). */
        int connected_only = 0;
        for (size_t i = 0; d > 0 && i < n && !connected_only; i++) {
            connected_only = !used[i] && is_connected(r, &r->op->triples[i], later);
        }
        /* Fewest places still unknown first, then the smallest estimate: a pattern whose
         * subject or object is already known (a constant, a value of the row, a variable of an
         * earlier pattern) narrows the rows, where a small pattern of two unknowns (every
         * meeting's date) would only fan out through the patterns after it. */
        size_t best_free = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            size_t cost, n_free;
            if (used[i] || (connected_only && !is_connected(r, &r->op->triples[i], later))) {
                continue;
            }
            n_free = free_places(r, &r->op->triples[i], later);
            cost   = estimate(r, &r->op->triples[i], later);
            if (best == SIZE_MAX || n_free < best_free ||
                (n_free == best_free && cost < best_cost)) {
                best      = i;
                best_cost = cost;
                best_free = n_free;
            }
        }
        used[best]  = 1;
        r->order[d] = best;
        mark_bound(&r->op->triples[best], later);
    }
    st = ILOKG_OK;
done:
    free(later);
    free(used);
    return st;
}

/* ---- The nested loop ----------------------------------------------------------------------- */

static ilokg_status solve(bgp_run *r, size_t depth, int *stop);

typedef struct {
    bgp_run *r;
    size_t   depth;
} step;

/* Binds the variable of place n to v; 0 when it is bound to another term already. */
static int
bind(ilokg_id *row, const ilokg_qnode *n, ilokg_id v, ilokg_var *undo, size_t *n_undo)
{
    if (!n->is_var) {
        return 1;
    }
    if (row[n->var]) {
        return row[n->var] == v;
    }
    row[n->var]       = v;
    undo[(*n_undo)++] = n->var;
    return 1;
}

static ilokg_status
on_quad(ilokg_qctx *c, const ilokg_quad *q, void *payload, int *stop)
{
    step               *k = payload;
    bgp_run            *r = k->r;
    const ilokg_triple *t = &r->op->triples[r->order[k->depth]];
    ilokg_var           undo[4];
    size_t              n_undo = 0;
    ilokg_qnode         gnode  = {1, r->g->var, {0, NULL, 0, NULL, NULL}, 0};
    ilokg_status        st     = ILOKG_OK;
    (void)c;
    if ((r->g->var == ILOKG_VAR_NONE || bind(r->row, &gnode, q->g, undo, &n_undo)) &&
        bind(r->row, &t->s, q->s, undo, &n_undo) && bind(r->row, &t->p, q->p, undo, &n_undo) &&
        bind(r->row, &t->o, q->o, undo, &n_undo)) {
        st    = solve(r, k->depth + 1, stop);
        *stop = *stop || r->s->full;
    }
    while (n_undo) {
        r->row[undo[--n_undo]] = ILOKG_ID_NONE;
    }
    return st;
}

static ilokg_status
on_pair(ilokg_qctx *c, ilokg_id x, ilokg_id y, void *payload, int *stop)
{
    step               *k = payload;
    bgp_run            *r = k->r;
    const ilokg_triple *t = &r->op->triples[r->order[k->depth]];
    ilokg_var           undo[2];
    size_t              n_undo = 0;
    ilokg_status        st     = ILOKG_OK;
    (void)c;
    if (bind(r->row, &t->s, x, undo, &n_undo) && bind(r->row, &t->o, y, undo, &n_undo)) {
        st    = solve(r, k->depth + 1, stop);
        *stop = *stop || r->s->full;
    }
    while (n_undo) {
        r->row[undo[--n_undo]] = ILOKG_ID_NONE;
    }
    return st;
}

static ilokg_status
solve_path(bgp_run *r, const ilokg_triple *t, step *k)
{
    ilokg_id s     = node_value(&t->s, r->row);
    ilokg_id o     = node_value(&t->o, r->row);
    unsigned flags = (t->s.is_var && t->o.is_var && t->s.var == t->o.var ? ILOKG_EV_SAME : 0u) |
                     (t->s.is_var ? 0u : ILOKG_EV_S_TERM) | (t->o.is_var ? 0u : ILOKG_EV_O_TERM);
    if (r->g->var == ILOKG_VAR_NONE) {
        return ilokg_ev_path(r->c, r->g, t->path, s, o, flags, on_pair, k);
    }
    ilokg_var    gv = r->g->var;
    ilokg_status st = ILOKG_OK;
    if (r->row[gv]) {
        if (r->row[gv] < ILOKG_ID_OVERLAY && ilokg_ev_is_named(r->c, r->row[gv])) {
            r->one.ids = &r->row[gv];
            st         = ilokg_ev_path(r->c, &r->one, t->path, s, o, flags, on_pair, k);
        }
        return st;
    }
    for (size_t i = 0; !st && !r->s->full && i < r->c->n_named; i++) {
        r->row[gv] = r->c->named[i];
        r->one.ids = &r->c->named[i];
        st         = ilokg_ev_path(r->c, &r->one, t->path, s, o, flags, on_pair, k);
    }
    r->row[gv] = ILOKG_ID_NONE;
    return st;
}

static ilokg_status
solve(bgp_run *r, size_t depth, int *stop)
{
    if (r->s->full) {
        *stop = 1;
        return ILOKG_OK;
    }
    if (depth == r->op->n_triples) {
        ilokg_status st = ilokg_ev_tick(r->c);
        r->c->serial++;
        if (!st) {
            st = r->s->emit(r->c, r->s, r->row);
        }
        *stop = r->s->full;
        return st;
    }
    const ilokg_triple *t = &r->op->triples[r->order[depth]];
    step                k = {r, depth};
    if (t->path) {
        ilokg_status st = solve_path(r, t, &k);
        *stop           = *stop || r->s->full;
        return st;
    }
    ilokg_quad   pat = {ILOKG_ID_NONE, node_value(&t->s, r->row), node_value(&t->p, r->row),
                        node_value(&t->o, r->row)};
    ilokg_status st  = ilokg_ev_match(r->c, r->g, r->row, &pat, on_quad, &k);
    *stop            = *stop || r->s->full;
    return st;
}

ilokg_status
ilokg_ev_bgp(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
             ilokg_ev_sink *s)
{
    bgp_run      r    = {c, op, g, s, NULL, NULL, {NULL, 1, ILOKG_VAR_NONE}};
    int          stop = 0;
    ilokg_status st   = ILOKG_ERR_NOMEM;
    if (!(r.row = malloc((c->width + 1) * sizeof *r.row)) ||
        !(r.order = malloc((op->n_triples + 1) * sizeof *r.order))) {
        goto done;
    }
    memcpy(r.row, seed, c->width * sizeof *r.row);
    if (!(st = plan(&r))) {
        st = solve(&r, 0, &stop);
    }
done:
    free(r.row);
    free(r.order);
    return st;
}
