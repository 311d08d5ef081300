/* SPDX-License-Identifier: Apache-2.0 */
/* The evaluator's entry point: prepares a query (the ids of its constants), evaluates its
 * algebra over a store (SPARQL 1.1 section 18.5) through the operator files, and keeps the
 * answer. It sits above every other file of the evaluator: they reach back through the dispatch
 * pointer it puts in the context (eval_ctx.h). */
#include "query/eval.h"

#include "query/eval_bgp.h"
#include "query/eval_construct.h"
#include "query/eval_ctx.h"
#include "query/eval_group.h"
#include "query/eval_join.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct ilokg_answer {
    ilokg_qstore *st;
    ilokg_dict   *overlay;
    ilokg_id     *ids; /* n_rows * n_cols */
    size_t        n_rows, n_cols;
    int           boolean;
    ilokg_quad   *triples;
    size_t        n_triples;
};

/* ---- The dispatch over the operators (the context's, see ilokg_ev_op) ---------------------- */

static ilokg_status
eval_op(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
        ilokg_ev_sink *s)
{
    switch (op->kind) {
    case ILOKG_OP_BGP:
        return ilokg_ev_bgp(c, op, g, seed, s);
    case ILOKG_OP_JOIN:
        return ilokg_ev_join(c, op, g, seed, s);
    case ILOKG_OP_LEFTJOIN:
        return ilokg_ev_leftjoin(c, op, g, seed, s);
    case ILOKG_OP_MINUS:
        return ilokg_ev_minus(c, op, g, seed, s);
    case ILOKG_OP_UNION: {
        ilokg_status st = ilokg_ev_op(c, op->a, g, seed, s);
        if (!st && !s->full) {
            st = ilokg_ev_op(c, op->b, g, seed, s);
        }
        return st;
    }
    case ILOKG_OP_FILTER:
        return ilokg_ev_filter(c, op, g, seed, s);
    case ILOKG_OP_GRAPH:
        return ilokg_ev_graph_op(c, op, g, seed, s);
    case ILOKG_OP_EXTEND:
        return ilokg_ev_extend(c, op, g, seed, s);
    case ILOKG_OP_TABLE:
        return ilokg_ev_table(c, op, seed, s);
    case ILOKG_OP_GROUP:
        return ilokg_ev_group(c, op, g, seed, s);
    case ILOKG_OP_ORDER:
        return ilokg_ev_order(c, op, g, seed, s);
    case ILOKG_OP_PROJECT:
        return ilokg_ev_project(c, op, g, seed, s);
    case ILOKG_OP_DISTINCT:
    case ILOKG_OP_REDUCED:
        return ilokg_ev_distinct(c, op, g, seed, s);
    case ILOKG_OP_SLICE:
        return ilokg_ev_slice(c, op, g, seed, s);
    }
    return ilokg_report(c->diag, ILOKG_ERR_INTERNAL, NULL, SIZE_MAX, "unknown algebra operator %d",
                        (int)op->kind);
}

/* ---- Preparing: the ids of the query's constants --------------------------------------------- */

static ilokg_status prep_op(ilokg_qctx *c, ilokg_op *op);

static ilokg_status
prep_node(ilokg_qctx *c, ilokg_qnode *n)
{
    if (n->is_var || n->term.kind == 0) {
        return ILOKG_OK;
    }
    return ilokg_qctx_intern(c, &n->term, &n->id);
}

static ilokg_status
prep_expr(ilokg_qctx *c, ilokg_expr *e)
{
    ilokg_status st = ILOKG_OK;
    if (!e) {
        return ILOKG_OK;
    }
    if (e->kind == ILOKG_EX_CONST && (st = ilokg_qctx_intern(c, &e->term, &e->id))) {
        return st;
    }
    for (size_t i = 0; !st && i < e->n_args; i++) {
        st = prep_expr(c, e->args[i]);
    }
    if (!st && e->op) {
        st = prep_op(c, e->op);
    }
    return st;
}

static ilokg_status
prep_path(ilokg_qctx *c, ilokg_path *p)
{
    ilokg_status st = ILOKG_OK;
    if (!p) {
        return ILOKG_OK;
    }
    if (p->kind == ILOKG_PATH_LINK) {
        st = prep_node(c, &p->iri);
    }
    for (size_t i = 0; !st && i < p->n_fwd; i++) {
        st = prep_node(c, &p->fwd[i]);
    }
    for (size_t i = 0; !st && i < p->n_inv; i++) {
        st = prep_node(c, &p->inv[i]);
    }
    if (!st) {
        st = prep_path(c, p->a);
    }
    if (!st) {
        st = prep_path(c, p->b);
    }
    return st;
}

static ilokg_status
prep_triple(ilokg_qctx *c, ilokg_triple *t)
{
    ilokg_status st = prep_node(c, &t->s);
    if (!st) {
        st = prep_node(c, &t->p);
    }
    if (!st) {
        st = prep_node(c, &t->o);
    }
    if (!st) {
        st = prep_path(c, t->path);
    }
    return st;
}

static ilokg_status
prep_op(ilokg_qctx *c, ilokg_op *op)
{
    ilokg_status st = ILOKG_OK;
    if (!op) {
        return ILOKG_OK;
    }
    for (size_t i = 0; !st && i < op->n_triples; i++) {
        st = prep_triple(c, &op->triples[i]);
    }
    for (size_t i = 0; !st && i < op->n_exprs; i++) {
        st = prep_expr(c, op->exprs[i]);
    }
    if (!st && op->kind == ILOKG_OP_TABLE) {
        for (size_t i = 0; !st && i < op->n_rows * op->n_vars; i++) {
            st = prep_node(c, &op->rows[i]);
        }
    }
    if (!st && op->kind == ILOKG_OP_GRAPH) {
        st = prep_node(c, &op->graph);
    }
    for (size_t i = 0; !st && i < op->n_aggs; i++) {
        st = prep_expr(c, op->aggs[i].arg);
    }
    for (size_t i = 0; !st && i < op->n_conds; i++) {
        st = prep_expr(c, op->conds[i].expr);
    }
    if (!st) {
        st = prep_expr(c, op->expr);
    }
    if (!st) {
        st = prep_op(c, op->a);
    }
    if (!st) {
        st = prep_op(c, op->b);
    }
    return st;
}

static ilokg_status
prep_query(ilokg_qctx *c, ilokg_sparql *q)
{
    ilokg_status st = prep_op(c, q->where);
    for (size_t i = 0; !st && i < q->n_construct; i++) {
        ilokg_triple *t    = &q->construct[i];
        ilokg_qnode  *n[3] = {&t->s, &t->p, &t->o};
        for (size_t k = 0; !st && k < 3; k++) {
            if (n[k]->term.kind != ILOKG_QT_BLANK) {
                st = prep_node(c, n[k]);
            }
        }
    }
    for (size_t i = 0; !st && i < q->n_describe; i++) {
        st = prep_node(c, &q->describe[i]);
    }
    return st;
}

/* ---- The dataset ------------------------------------------------------------------------- */

static int
cmp_id(const void *a, const void *b)
{
    ilokg_id x = *(const ilokg_id *)a, y = *(const ilokg_id *)b;
    return (x > y) - (x < y);
}

static ilokg_status
set_dataset(ilokg_qctx *c, const ilokg_eval_options *opt)
{
    const ilokg_id *names = opt->named_graphs;
    size_t          n     = opt->n_named;
    ilokg_status    st    = ILOKG_OK;
    c->dflt_one           = ILOKG_ID_DEFAULT_GRAPH;
    c->dflt.ids           = opt->n_default ? opt->default_graphs : &c->dflt_one;
    c->dflt.n             = opt->n_default ? opt->n_default : 1;
    c->dflt.var           = ILOKG_VAR_NONE;
    if (opt->all_named && (st = ilokg_qstore_graphs(c->st, &names, &n))) {
        return st;
    }
    if (!(c->named = malloc((n ? n : 1) * sizeof *c->named))) {
        return ILOKG_ERR_NOMEM;
    }
    if (n) {
        memcpy(c->named, names, n * sizeof *names);
    }
    qsort(c->named, n, sizeof *c->named, cmp_id);
    c->n_named = n;
    return ILOKG_OK;
}

static void
set_now(ilokg_qctx *c)
{
    struct timespec ts;
    struct tm       tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(c->now, sizeof c->now, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(c->now + n, sizeof c->now - n, ".%03ldZ", (long)(ts.tv_nsec / 1000000));
}

/* ---- The answer ------------------------------------------------------------------------------ */

static ilokg_status
answer_select(ilokg_qctx *c, ilokg_answer *a)
{
    ilokg_ev_rows rows = {NULL, 0, 0, c->width};
    ilokg_status  st   = ilokg_ev_collect(c, c->q->where, &c->dflt, c->none_row, &rows);
    size_t        nc   = c->q->n_result_vars;
    if (!st && rows.n && nc) {
        if (rows.n > SIZE_MAX / nc / sizeof(ilokg_id)) {
            st = ILOKG_ERR_NOMEM;
        } else if (!(a->ids = malloc(rows.n * nc * sizeof(ilokg_id)))) {
            st = ILOKG_ERR_NOMEM;
        }
        for (size_t r = 0; !st && r < rows.n; r++) {
            const ilokg_id *row = ilokg_ev_rows_at(&rows, r);
            for (size_t k = 0; k < nc; k++) {
                a->ids[r * nc + k] = row[c->q->result_vars[k]];
            }
        }
    }
    a->n_rows = rows.n;
    a->n_cols = nc;
    ilokg_ev_rows_free(&rows);
    return st;
}

static ilokg_status
answer_graph(ilokg_qctx *c, ilokg_answer *a)
{
    ilokg_ev_rows rows = {NULL, 0, 0, c->width};
    ilokg_status  st   = ILOKG_OK;
    if (c->q->where) {
        st = ilokg_ev_collect(c, c->q->where, &c->dflt, c->none_row, &rows);
    } else {
        st = ilokg_ev_rows_add(&rows, c->none_row);
    }
    if (!st && c->q->form == ILOKG_FORM_CONSTRUCT) {
        st = ilokg_ev_construct(c, &rows, &a->triples, &a->n_triples);
    } else if (!st) {
        st = ilokg_ev_describe(c, &rows, &a->triples, &a->n_triples);
    }
    ilokg_ev_rows_free(&rows);
    return st;
}

static ilokg_status
answer_ask(ilokg_qctx *c, ilokg_answer *a)
{
    /* At the top, EXISTS and ASK are one: any solution of the pattern in the default graph. */
    return ilokg_qctx_exists(c, c->q->where, c->none_row, &a->boolean);
}

ilokg_status
ilokg_eval(ilokg_answer **out, ilokg_qstore *st, ilokg_sparql *q, const ilokg_eval_options *opt,
           ilokg_diag *diag)
{
    ilokg_eval_options defaults = ILOKG_EVAL_OPTIONS_INIT;
    ilokg_qctx         c;
    ilokg_status       s = ILOKG_ERR_NOMEM;
    ilokg_answer      *a = calloc(1, sizeof *a);
    memset(&c, 0, sizeof c);
    c.st             = st;
    c.q              = q;
    opt              = opt ? opt : &defaults;
    c.diag           = diag;
    c.width          = q->n_vars;
    c.started        = ilokg_ev_clock();
    c.deadline       = opt->deadline;
    c.cancel         = opt->cancel;
    c.cancel_payload = opt->cancel_payload;
    c.base           = opt->base;
    c.all_named      = opt->all_named;
    c.dispatch       = eval_op;
    set_now(&c);
    if (!a || !(c.none_row = calloc(c.width + 1, sizeof(ilokg_id))) ||
        (s = ilokg_dict_new(&c.overlay, ILOKG_ID_OVERLAY)) || (s = set_dataset(&c, opt)) ||
        (s = prep_query(&c, q))) {
        goto done;
    }
    if (!q->where && q->form != ILOKG_FORM_DESCRIBE) {
        s = ilokg_report(diag, ILOKG_ERR_INTERNAL, NULL, SIZE_MAX, "query without a pattern");
        goto done;
    }
    switch (q->form) {
    case ILOKG_FORM_SELECT:
        s = answer_select(&c, a);
        break;
    case ILOKG_FORM_ASK:
        s = answer_ask(&c, a);
        break;
    case ILOKG_FORM_CONSTRUCT:
    case ILOKG_FORM_DESCRIBE:
        s = answer_graph(&c, a);
        break;
    }
    if (!s) {
        a->st      = st;
        a->overlay = c.overlay;
        c.overlay  = NULL;
        *out       = a;
        a          = NULL;
    }
done:
    ilokg_answer_free(a);
    if (c.regex.release) {
        c.regex.release(&c.regex);
    }
    ilokg_dict_free(c.overlay);
    free(c.named);
    free(c.none_row);
    return s;
}

void
ilokg_answer_free(ilokg_answer *a)
{
    if (!a) {
        return;
    }
    ilokg_dict_free(a->overlay);
    free(a->ids);
    free(a->triples);
    free(a);
}

size_t
ilokg_answer_rows(const ilokg_answer *a)
{
    return a->n_rows;
}

size_t
ilokg_answer_cols(const ilokg_answer *a)
{
    return a->n_cols;
}

const ilokg_id *
ilokg_answer_row(const ilokg_answer *a, size_t i)
{
    return a->ids ? a->ids + i * a->n_cols : NULL;
}

int
ilokg_answer_boolean(const ilokg_answer *a)
{
    return a->boolean;
}

const ilokg_quad *
ilokg_answer_triples(const ilokg_answer *a, size_t *n)
{
    *n = a->n_triples;
    return a->triples;
}

ilokg_status
ilokg_answer_term(const ilokg_answer *a, ilokg_id id, ilokg_qterm *out)
{
    if (id >= ILOKG_ID_OVERLAY) {
        const ilokg_qterm *t = a->overlay ? ilokg_dict_term(a->overlay, id) : NULL;
        if (!t) {
            return ILOKG_ERR_NOT_FOUND;
        }
        *out = *t;
        return ILOKG_OK;
    }
    return ilokg_qstore_term(a->st, id, out);
}
