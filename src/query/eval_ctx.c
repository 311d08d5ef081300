/* SPDX-License-Identifier: Apache-2.0 */
/* The evaluation context's functions: what expressions ask of it (qctx.h: terms by id, new terms,
 * EXISTS, the base, NOW()), and what the operator files share (the deadline, named graphs,
 * sub-patterns). A sub-pattern runs through c->dispatch, which eval.c sets: this file and the
 * operator files below eval.c never call it, so the recursion of the algebra (EXISTS in a
 * FILTER in an OPTIONAL ...) closes here, through that pointer. */
#include "query/eval_ctx.h"

#include <time.h>

/* ---- The context, for expressions --------------------------------------------------------- */

ilokg_status
ilokg_qctx_term(ilokg_qctx *c, ilokg_id id, ilokg_qterm *out)
{
    if (id >= ILOKG_ID_OVERLAY) {
        const ilokg_qterm *t = ilokg_dict_term(c->overlay, id);
        if (!t) {
            return ILOKG_ERR_NOT_FOUND;
        }
        *out = *t;
        return ILOKG_OK;
    }
    return ilokg_qstore_term(c->st, id, out);
}

ilokg_status
ilokg_qctx_intern(ilokg_qctx *c, const ilokg_qterm *t, ilokg_id *out)
{
    ilokg_qterm  n  = *t;
    ilokg_status st = ILOKG_OK;
    ilokg_qterm_normalize(&n);
    if ((st = ilokg_qstore_find(c->st, &n, out))) {
        return st;
    }
    if (*out == ILOKG_ID_NONE) {
        st = ilokg_dict_intern(c->overlay, &n, out);
    }
    return st;
}

/* A sink that wants one solution: ASK and EXISTS. */
static ilokg_status
first_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row)
{
    (void)c;
    (void)row;
    s->full = 1;
    return ILOKG_OK;
}

ilokg_status
ilokg_qctx_exists(ilokg_qctx *c, const ilokg_op *op, const ilokg_id *row, int *out)
{
    /* The pattern runs in the active graph of the expression, with row's bindings standing for
     * constants (substitute()); it may itself hold filters with EXISTS, hence the save. */
    const ilokg_ev_graph *g     = c->cur_graph ? c->cur_graph : &c->dflt;
    ilokg_ev_sink         first = {first_emit, 0};
    ilokg_status          st    = ilokg_ev_op(c, op, g, row, &first);
    c->cur_graph                = g;
    *out                        = first.full;
    return st;
}

const char *
ilokg_qctx_base(const ilokg_qctx *c)
{
    if (c->q->base) {
        return c->q->base;
    }
    return c->base;
}

const char *
ilokg_qctx_now(const ilokg_qctx *c)
{
    return c->now;
}

size_t
ilokg_qctx_solution_serial(const ilokg_qctx *c)
{
    return c->serial;
}

ilokg_regex_slot *
ilokg_qctx_regex_slot(ilokg_qctx *c)
{
    return &c->regex;
}

ilokg_status
ilokg_ev_op(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
            ilokg_ev_sink *s)
{
    if (c->halted) {
        return c->halted;
    }
    return c->dispatch(c, op, g, seed, s);
}

/* ---- Shared by the evaluator's files -------------------------------------------------------- */

double
ilokg_ev_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

ilokg_status
ilokg_ev_tick(ilokg_qctx *c)
{
    if (c->halted) {
        return c->halted;
    }
    if ((++c->tick & 4095u) != 1) { /* the first unit of work checks too */
        return ILOKG_OK;
    }
    if (c->deadline > 0 && ilokg_ev_clock() > c->deadline) {
        c->halted = ilokg_report(c->diag, ILOKG_ERR_QUERY, NULL, SIZE_MAX,
                                 "query timed out after %.1f s", c->deadline - c->started);
    } else if (c->cancel && c->cancel(c->cancel_payload)) {
        c->halted = ilokg_report(c->diag, ILOKG_ERR_QUERY, NULL, SIZE_MAX, "cancelled");
    }
    return c->halted;
}

int
ilokg_ev_is_named(const ilokg_qctx *c, ilokg_id g)
{
    size_t lo = 0, hi = c->n_named;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->named[mid] == g) {
            return 1;
        }
        if (c->named[mid] < g) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return 0;
}

ilokg_qt_kind
ilokg_ev_kind(ilokg_qctx *c, ilokg_id id)
{
    ilokg_qterm t;
    if (!id || ilokg_qctx_term(c, id, &t)) {
        return 0;
    }
    return t.kind;
}

static ilokg_status
collect_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row)
{
    struct {
        ilokg_ev_sink  base;
        ilokg_ev_rows *rows;
    } *k = (void *)s;
    (void)c;
    return ilokg_ev_rows_add(k->rows, row);
}

ilokg_status
ilokg_ev_collect(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
                 ilokg_ev_rows *out)
{
    struct {
        ilokg_ev_sink  base;
        ilokg_ev_rows *rows;
    } k        = {{collect_emit, 0}, out};
    out->width = c->width;
    return ilokg_ev_op(c, op, g, seed, &k.base);
}
