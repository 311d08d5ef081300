/* SPDX-License-Identifier: Apache-2.0 */
/* Property paths (SPARQL 1.1 sections 9 and 18.5): links, inverses, sequences and alternatives
 * as multisets; ZeroOrOne, ZeroOrMore and OneOrMore breadth-first from each start node with a
 * visited set (distinct end points); negated property sets. */
#include "query/eval_path.h"

#include "query/eval_match.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

typedef struct {
    ilokg_id *v;
    size_t    n, cap;
} idvec;

static ilokg_status
idvec_push(idvec *a, ilokg_id id)
{
    ilokg_status st = ilokg_grow(&a->v, &a->cap, a->n, sizeof *a->v);
    if (!st) {
        a->v[a->n++] = id;
    }
    return st;
}

/* ---- One step: the nodes a path reaches from a node ------------------------------------------ */

typedef struct {
    idvec             *out;
    int                take_s; /* push the quad's subject (else its object) */
    const ilokg_qnode *not_p;  /* NEG: predicates to skip */
    size_t             n_not;
} step_collect;

static int
among(const ilokg_qnode *set, size_t n, ilokg_id p)
{
    for (size_t i = 0; i < n; i++) {
        if (set[i].id == p) {
            return 1;
        }
    }
    return 0;
}

static ilokg_status
on_step_quad(ilokg_qctx *c, const ilokg_quad *q, void *payload, int *stop)
{
    step_collect *k = payload;
    (void)c;
    (void)stop;
    if (k->not_p && among(k->not_p, k->n_not, q->p)) {
        return ILOKG_OK;
    }
    return idvec_push(k->out, k->take_s ? q->s : q->o);
}

/* The nodes y with (x, y) in the path (fwd) or (y, x) (backwards), duplicates allowed. */
static ilokg_status step_nodes(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p,
                               ilokg_id x, int fwd, idvec *out);

static ilokg_status closure(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id x,
                            int fwd, int zero, size_t max_depth, idvec *out);

static ilokg_status
step_link(ilokg_qctx *c, const ilokg_ev_graph *g, ilokg_id p, ilokg_id x, int fwd,
          const ilokg_qnode *not_p, size_t n_not, idvec *out)
{
    ilokg_quad   pat = {ILOKG_ID_NONE, fwd ? x : ILOKG_ID_NONE, p, fwd ? ILOKG_ID_NONE : x};
    step_collect k   = {out, !fwd, not_p, n_not};
    if (p == ILOKG_ID_NONE && !not_p) {
        return ILOKG_OK; /* a link to an IRI the store does not have */
    }
    return ilokg_ev_match(c, g, c->none_row, &pat, on_step_quad, &k);
}

static ilokg_status
step_neg(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id x, int fwd,
         idvec *out)
{
    /* !(a|^b): forwards over predicates other than a, backwards over those other than b; a
     * set with only inverse members has no forward part, and the other way round. */
    ilokg_status st      = ILOKG_OK;
    int          has_fwd = p->n_fwd > 0 || p->n_inv == 0;
    int          has_inv = p->n_inv > 0;
    if (has_fwd) {
        st = step_link(c, g, ILOKG_ID_NONE, x, fwd, p->fwd, p->n_fwd, out);
    }
    if (!st && has_inv) {
        st = step_link(c, g, ILOKG_ID_NONE, x, !fwd, p->inv, p->n_inv, out);
    }
    return st;
}

static ilokg_status
step_seq(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id x, int fwd,
         idvec *out)
{
    idvec        mid = {NULL, 0, 0};
    ilokg_status st  = step_nodes(c, g, fwd ? p->a : p->b, x, fwd, &mid);
    for (size_t i = 0; !st && i < mid.n; i++) {
        st = step_nodes(c, g, fwd ? p->b : p->a, mid.v[i], fwd, out);
    }
    free(mid.v);
    return st;
}

static ilokg_status
step_nodes(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id x, int fwd,
           idvec *out)
{
    ilokg_status st = ilokg_ev_tick(c);
    if (st) {
        return st;
    }
    switch (p->kind) {
    case ILOKG_PATH_LINK:
        return step_link(c, g, p->iri.id, x, fwd, NULL, 0, out);
    case ILOKG_PATH_INV:
        return step_nodes(c, g, p->a, x, !fwd, out);
    case ILOKG_PATH_SEQ:
        return step_seq(c, g, p, x, fwd, out);
    case ILOKG_PATH_ALT:
        st = step_nodes(c, g, p->a, x, fwd, out);
        return st ? st : step_nodes(c, g, p->b, x, fwd, out);
    case ILOKG_PATH_ZERO_OR_MORE:
        return closure(c, g, p->a, x, fwd, 1, SIZE_MAX, out);
    case ILOKG_PATH_ONE_OR_MORE:
        return closure(c, g, p->a, x, fwd, 0, SIZE_MAX, out);
    case ILOKG_PATH_ZERO_OR_ONE:
        return closure(c, g, p->a, x, fwd, 1, 1, out);
    case ILOKG_PATH_NEG:
        return step_neg(c, g, p, x, fwd, out);
    }
    return ILOKG_ERR_INTERNAL;
}

/* The distinct nodes reached from x by zero (when zero) or more steps of p, at most max_depth
 * steps, in breadth-first order. */
static ilokg_status
closure(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id x, int fwd, int zero,
        size_t max_depth, idvec *out)
{
    ilokg_ev_idset seen  = {NULL, 0, 0};
    idvec          queue = {NULL, 0, 0}, next = {NULL, 0, 0};
    ilokg_status   st = ILOKG_OK;
    int            added;
    if (zero && !(st = ilokg_ev_idset_add(&seen, x, &added))) {
        st = idvec_push(out, x);
    }
    if (!st) {
        st = idvec_push(&queue, x);
    }
    size_t head = 0;
    for (size_t depth = 0; !st && depth < max_depth && head < queue.n; depth++) {
        size_t end = queue.n;
        for (; !st && head < end; head++) {
            next.n = 0;
            st     = step_nodes(c, g, p, queue.v[head], fwd, &next);
            for (size_t i = 0; !st && i < next.n; i++) {
                if (!(st = ilokg_ev_idset_add(&seen, next.v[i], &added)) && added &&
                    !(st = idvec_push(out, next.v[i]))) {
                    st = idvec_push(&queue, next.v[i]);
                }
            }
        }
    }
    ilokg_ev_idset_free(&seen);
    free(queue.v);
    free(next.v);
    return st;
}

/* ---- Pairs: a path pattern with its ends --------------------------------------------------- */

typedef struct {
    ilokg_ev_pair_fn fn;
    void            *payload;
    int              same;
} pair_out;

#define SWAP_TERMS(f)                                                                              \
    (((f) & ~(ILOKG_EV_S_TERM | ILOKG_EV_O_TERM)) |                                                \
     (((f)&ILOKG_EV_S_TERM) ? ILOKG_EV_O_TERM : 0u) |                                              \
     (((f)&ILOKG_EV_O_TERM) ? ILOKG_EV_S_TERM : 0u))

static ilokg_status pairs(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id s,
                          ilokg_id o, unsigned flags, int swap, pair_out *po, int *stop);

static ilokg_status
give(ilokg_qctx *c, ilokg_id x, ilokg_id y, int swap, pair_out *po, int *stop)
{
    if (swap) {
        ilokg_id t = x;
        x          = y;
        y          = t;
    }
    if (po->same && x != y) {
        return ILOKG_OK;
    }
    return po->fn(c, x, y, po->payload, stop);
}

typedef struct {
    pair_out          *po;
    int                swap, rev;
    const ilokg_qnode *not_p;
    size_t             n_not;
    int               *outer; /* the caller's stop flag */
} link_ctx;

static ilokg_status
on_link_quad(ilokg_qctx *c, const ilokg_quad *q, void *payload, int *stop)
{
    link_ctx *k = payload;
    if (k->not_p && among(k->not_p, k->n_not, q->p)) {
        return ILOKG_OK;
    }
    ilokg_status st = k->rev ? give(c, q->o, q->s, k->swap, k->po, k->outer)
                             : give(c, q->s, q->o, k->swap, k->po, k->outer);
    *stop           = *k->outer;
    return st;
}

static ilokg_status
pairs_link(ilokg_qctx *c, const ilokg_ev_graph *g, ilokg_id p, ilokg_id s, ilokg_id o, int swap,
           pair_out *po, int rev, const ilokg_qnode *not_p, size_t n_not, int *stop)
{
    ilokg_quad pat = {ILOKG_ID_NONE, rev ? o : s, p, rev ? s : o};
    link_ctx   k   = {po, swap, rev, not_p, n_not, stop};
    if (p == ILOKG_ID_NONE && !not_p) {
        return ILOKG_OK;
    }
    return ilokg_ev_match(c, g, c->none_row, &pat, on_link_quad, &k);
}

/* The nodes of the active graph: its subjects and objects, each once. */
static ilokg_status
on_node_quad(ilokg_qctx *c, const ilokg_quad *q, void *payload, int *stop)
{
    void          **k    = payload;
    idvec          *out  = k[0];
    ilokg_ev_idset *seen = k[1];
    ilokg_status    st;
    int             added;
    (void)c;
    (void)stop;
    if (!(st = ilokg_ev_idset_add(seen, q->s, &added)) && added) {
        st = idvec_push(out, q->s);
    }
    if (!st && !(st = ilokg_ev_idset_add(seen, q->o, &added)) && added) {
        st = idvec_push(out, q->o);
    }
    return st;
}

static ilokg_status
graph_nodes(ilokg_qctx *c, const ilokg_ev_graph *g, idvec *out)
{
    ilokg_ev_idset seen = {NULL, 0, 0};
    void          *k[2] = {out, &seen};
    ilokg_quad     pat  = {ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE};
    ilokg_status   st   = ilokg_ev_match(c, g, c->none_row, &pat, on_node_quad, k);
    ilokg_ev_idset_free(&seen);
    return st;
}

static ilokg_status
on_any_quad(ilokg_qctx *c, const ilokg_quad *q, void *payload, int *stop)
{
    (void)c;
    (void)q;
    *(int *)payload = 1;
    *stop           = 1;
    return ILOKG_OK;
}

/* Whether x is a subject or an object of the graph. */
static ilokg_status
is_node(ilokg_qctx *c, const ilokg_ev_graph *g, ilokg_id x, int *out)
{
    ilokg_quad   as_s = {ILOKG_ID_NONE, x, ILOKG_ID_NONE, ILOKG_ID_NONE};
    ilokg_quad   as_o = {ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE, x};
    ilokg_status st   = ILOKG_OK;
    *out              = 0;
    if (x < ILOKG_ID_OVERLAY &&
        !(st = ilokg_ev_match(c, g, c->none_row, &as_s, on_any_quad, out)) && !*out) {
        st = ilokg_ev_match(c, g, c->none_row, &as_o, on_any_quad, out);
    }
    return st;
}

/* Sequences and the arbitrary-length forms: the steps from each start node (an end that is a
 * term of the pattern, else a fixed end, else every node of the graph). A start that is a
 * variable's value must be a node of the graph (18.5: a zero-length path between variables
 * ranges over the graph's nodes; any longer path needs a triple of the node anyway). */
static ilokg_status
pairs_steps(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id s, ilokg_id o,
            unsigned flags, int swap, pair_out *po, int *stop)
{
    idvec        starts = {NULL, 0, 0}, reached = {NULL, 0, 0};
    int          fwd = s != ILOKG_ID_NONE || o == ILOKG_ID_NONE;
    ilokg_status st  = ILOKG_OK;
    int          term;
    if (o != ILOKG_ID_NONE && (flags & ILOKG_EV_O_TERM) && !(flags & ILOKG_EV_S_TERM)) {
        fwd = 0;
    }
    term = fwd ? (flags & ILOKG_EV_S_TERM) != 0 : (flags & ILOKG_EV_O_TERM) != 0;
    if (s != ILOKG_ID_NONE || o != ILOKG_ID_NONE) {
        int node = 1;
        if (!term) {
            st = is_node(c, g, fwd ? s : o, &node);
        }
        if (!st && node) {
            st = idvec_push(&starts, fwd ? s : o);
        }
    } else {
        st = graph_nodes(c, g, &starts);
    }
    for (size_t i = 0; !st && !*stop && i < starts.n; i++) {
        ilokg_id x = starts.v[i];
        reached.n  = 0;
        st         = step_nodes(c, g, p, x, fwd, &reached);
        for (size_t k = 0; !st && !*stop && k < reached.n; k++) {
            ilokg_id y   = reached.v[k];
            ilokg_id end = fwd ? o : s;
            if (end != ILOKG_ID_NONE && y != end) {
                continue;
            }
            st = fwd ? give(c, x, y, swap, po, stop) : give(c, y, x, swap, po, stop);
        }
    }
    free(starts.v);
    free(reached.v);
    return st;
}

static ilokg_status
pairs(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id s, ilokg_id o,
      unsigned flags, int swap, pair_out *po, int *stop)
{
    ilokg_status st = ILOKG_OK;
    switch (p->kind) {
    case ILOKG_PATH_LINK:
        return pairs_link(c, g, p->iri.id, s, o, swap, po, 0, NULL, 0, stop);
    case ILOKG_PATH_INV:
        return pairs(c, g, p->a, o, s, SWAP_TERMS(flags), !swap, po, stop);
    case ILOKG_PATH_ALT:
        st = pairs(c, g, p->a, s, o, flags, swap, po, stop);
        if (!st && !*stop) {
            st = pairs(c, g, p->b, s, o, flags, swap, po, stop);
        }
        return st;
    case ILOKG_PATH_NEG:
        if (p->n_fwd > 0 || p->n_inv == 0) {
            st = pairs_link(c, g, ILOKG_ID_NONE, s, o, swap, po, 0, p->fwd, p->n_fwd, stop);
        }
        if (!st && !*stop && p->n_inv > 0) {
            st = pairs_link(c, g, ILOKG_ID_NONE, s, o, swap, po, 1, p->inv, p->n_inv, stop);
        }
        return st;
    case ILOKG_PATH_SEQ:
    case ILOKG_PATH_ZERO_OR_MORE:
    case ILOKG_PATH_ONE_OR_MORE:
    case ILOKG_PATH_ZERO_OR_ONE:
        return pairs_steps(c, g, p, s, o, flags, swap, po, stop);
    }
    return ILOKG_ERR_INTERNAL;
}

ilokg_status
ilokg_ev_path(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id s, ilokg_id o,
              unsigned flags, ilokg_ev_pair_fn fn, void *payload)
{
    pair_out po   = {fn, payload, (flags & ILOKG_EV_SAME) != 0};
    int      stop = 0;
    return pairs(c, g, p, s, o, flags, 0, &po, &stop);
}
