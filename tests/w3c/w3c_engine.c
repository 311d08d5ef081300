/* SPDX-License-Identifier: Apache-2.0 */
/* The W3C harness's use of the query engine: a fresh in-memory store per test, the query
 * parsed with the query file as base, evaluated, and the answer turned into a result table. */
#include "w3c.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query/algebra.h"
#include "query/eval.h"
#include "query/qstore.h"
#include "util/source.h"

/* The time one test may take. */
#define W3C_TEST_SECONDS 20.0

typedef struct {
    ilokg_buf *msg;
} collector;

static void
collect(const ilokg_message *m, void *payload)
{
    collector *c = payload;
    if (m->level != ILOKG_LEVEL_ERROR || c->msg->len) {
        return;
    }
    if (m->file) {
        (void)ilokg_buf_printf(c->msg, "%s:%zu:%zu: ", m->file, m->line, m->col);
    }
    (void)ilokg_buf_adds(c->msg, m->text);
}

int
w3c_engine_present(void)
{
    return 1;
}

static ilokg_status
parse(ilokg_sparql **q, const char *path, const char *iri, ilokg_diag *diag)
{
    ilokg_source        *src = NULL;
    ilokg_sparql_options opt = {NULL, 0, iri};
    ilokg_status         st  = ilokg_source_load(&src, path, diag);
    if (!st) {
        st = ilokg_sparql_parse(q, src, &opt, diag);
    }
    ilokg_source_free(src);
    return st;
}

ilokg_status
w3c_engine_parse(const char *query_path, const char *query_iri, ilokg_buf *msg)
{
    collector     c    = {msg};
    ilokg_diag    diag = {collect, &c, 0, 0};
    ilokg_sparql *q    = NULL;
    ilokg_status  st   = parse(&q, query_path, query_iri, &diag);
    ilokg_sparql_free(q);
    return st;
}

/* The graph ids of names (IRIs), in a frozen store; a name the store lacks gets no id (an
 * empty graph). */
static ilokg_status
graph_ids(ilokg_id **out, size_t *n, ilokg_qstore *st, char *const *names, size_t n_names)
{
    ilokg_id *ids = calloc(n_names + 1, sizeof *ids);
    *n            = 0;
    if (!ids) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < n_names; i++) {
        ilokg_qterm t  = {ILOKG_QT_IRI, names[i], strlen(names[i]), NULL, NULL};
        ilokg_id    id = ILOKG_ID_NONE;
        if (ilokg_qstore_find(st, &t, &id) == ILOKG_OK && id != ILOKG_ID_NONE) {
            ids[(*n)++] = id;
        }
    }
    *out = ids;
    return ILOKG_OK;
}

/* Whether the query's own dataset (FROM, FROM NAMED) makes the test's dataset: when the query
 * has one and the test names no default graph data (constructwhere04 names its FROM file as
 * qt:graphData only). */
static int
query_dataset(const w3c_case *c, const ilokg_sparql *q)
{
    return !c->n_data && (q->n_from || q->n_from_named);
}

static int
loaded_before(const ilokg_sparql *q, size_t i)
{
    const char *iri = i < q->n_from ? q->from[i] : q->from_named[i - q->n_from];
    for (size_t j = 0; j < i; j++) {
        if (strcmp(iri, j < q->n_from ? q->from[j] : q->from_named[j - q->n_from]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The dataset: the manifest's files, or else the query's FROM and FROM NAMED files, each once,
 * as a named graph named by its IRI. */
static ilokg_status
load(ilokg_qstore *st, const w3c_case *c, const ilokg_sparql *q, ilokg_diag *diag)
{
    ilokg_status s = ILOKG_OK;
    if (!query_dataset(c, q)) {
        for (size_t i = 0; i < c->n_data && !s; i++) {
            s = ilokg_qstore_mem_load(st, c->data[i], NULL, NULL, c->data_iri[i], diag, NULL);
        }
        for (size_t i = 0; i < c->n_named && !s; i++) {
            s = ilokg_qstore_mem_load(st, c->named[i], NULL, c->named_iri[i], c->named_iri[i], diag,
                                      NULL);
        }
        return s;
    }
    for (size_t i = 0; i < q->n_from + q->n_from_named && !s; i++) {
        const char *iri  = i < q->n_from ? q->from[i] : q->from_named[i - q->n_from];
        char       *path = loaded_before(q, i) ? NULL : w3c_iri_to_path(iri);
        if (path) {
            s = ilokg_qstore_mem_load(st, path, NULL, iri, iri, diag, NULL);
        } else if (!loaded_before(q, i)) {
            s = ilokg_report(diag, ILOKG_ERR_IO, NULL, SIZE_MAX, "%s: not a file", iri);
        }
        free(path);
    }
    return s;
}

static ilokg_status
answer_term(w3c_result *out, ilokg_qterm *cell, const ilokg_answer *a, ilokg_id id)
{
    ilokg_qterm  t;
    ilokg_status st = ilokg_answer_term(a, id, &t);
    return st ? st : w3c_result_set(out, cell, &t);
}

static ilokg_status
to_result(w3c_result *out, const ilokg_sparql *q, const ilokg_answer *a)
{
    ilokg_status st = ILOKG_OK;
    ilokg_qterm *row;
    if (q->form == ILOKG_FORM_ASK) {
        out->kind    = W3C_BOOLEAN;
        out->boolean = ilokg_answer_boolean(a);
        return ILOKG_OK;
    }
    if (q->form != ILOKG_FORM_SELECT) {
        size_t            n;
        const ilokg_quad *t = ilokg_answer_triples(a, &n);
        out->kind           = W3C_GRAPH;
        st                  = w3c_result_add_var(out, "s");
        st                  = st ? st : w3c_result_add_var(out, "p");
        st                  = st ? st : w3c_result_add_var(out, "o");
        for (size_t i = 0; i < n && !st; i++) {
            if (!(st = w3c_result_add_row(out, &row)) &&
                !(st = answer_term(out, &row[0], a, t[i].s)) &&
                !(st = answer_term(out, &row[1], a, t[i].p))) {
                st = answer_term(out, &row[2], a, t[i].o);
            }
        }
        return st;
    }
    for (size_t v = 0; v < q->n_result_vars && !st; v++) {
        st = w3c_result_add_var(out, q->var_names[q->result_vars[v]]);
    }
    size_t n_cols = ilokg_answer_cols(a);
    if (!st && n_cols != q->n_result_vars) {
        return ILOKG_ERR_INTERNAL;
    }
    for (size_t i = 0; i < ilokg_answer_rows(a) && !st; i++) {
        const ilokg_id *ids = ilokg_answer_row(a, i);
        st                  = w3c_result_add_row(out, &row);
        for (size_t c = 0; c < n_cols && !st; c++) {
            if (ids[c] != ILOKG_ID_NONE) {
                st = answer_term(out, &row[c], a, ids[c]);
            }
        }
    }
    return st;
}

/* The ORDER BY under the solution modifiers at the top of a SELECT. */
static void
order_of(w3c_order_names *ord, w3c_result *out, const ilokg_sparql *q)
{
    const ilokg_op *op = q->where;
    memset(ord, 0, sizeof *ord);
    while (op && (op->kind == ILOKG_OP_SLICE || op->kind == ILOKG_OP_DISTINCT ||
                  op->kind == ILOKG_OP_REDUCED || op->kind == ILOKG_OP_PROJECT ||
                  op->kind == ILOKG_OP_EXTEND)) {
        op = op->a;
    }
    if (q->form != ILOKG_FORM_SELECT || !op || op->kind != ILOKG_OP_ORDER) {
        return;
    }
    ord->ordered  = 1;
    ord->all_vars = op->n_conds <= 16;
    for (size_t i = 0; i < op->n_conds && ord->all_vars; i++) {
        const ilokg_expr *e = op->conds[i].expr;
        long col = e->kind == ILOKG_EX_VAR ? w3c_result_var_index(out, q->var_names[e->var]) : -1;
        ord->all_vars            = col >= 0;
        ord->keys[ord->n_keys++] = col >= 0 ? out->vars[col] : NULL;
    }
    if (!ord->all_vars) {
        ord->n_keys = 0;
    }
}

ilokg_status
w3c_engine_run(w3c_result *out, w3c_order_names *ord, const w3c_case *c, const char **stage,
               ilokg_buf *msg)
{
    collector          col   = {msg};
    ilokg_diag         diag  = {collect, &col, 0, 0};
    ilokg_sparql      *q     = NULL;
    ilokg_qstore      *store = NULL;
    ilokg_answer      *a     = NULL;
    ilokg_id          *dflt = NULL, *named = NULL;
    ilokg_eval_options opt = ILOKG_EVAL_OPTIONS_INIT;
    ilokg_status       st;
    *out = (w3c_result)W3C_RESULT_INIT;
    memset(ord, 0, sizeof *ord);
    *stage = "parse";
    if ((st = parse(&q, c->query_path, c->query_iri, &diag))) {
        goto done;
    }
    *stage = "data";
    if ((st = ilokg_qstore_mem_new(&store)) || (st = load(store, c, q, &diag)) ||
        (st = ilokg_qstore_mem_freeze(store))) {
        goto done;
    }
    if (query_dataset(c, q)) {
        if ((st = graph_ids(&dflt, &opt.n_default, store, q->from, q->n_from)) ||
            (st = graph_ids(&named, &opt.n_named, store, q->from_named, q->n_from_named))) {
            goto done;
        }
        opt.default_graphs = dflt;
        opt.named_graphs   = named;
        opt.all_named      = 0;
    }
    opt.base = c->query_iri;
    /* A test that runs away stops as an evaluation error instead of stalling the suite. */
    struct timespec now;
    if (clock_gettime(CLOCK_MONOTONIC, &now) == 0) {
        opt.deadline = (double)now.tv_sec + (double)now.tv_nsec / 1e9 + W3C_TEST_SECONDS;
    }
    *stage = "eval";
    if ((st = ilokg_eval(&a, store, q, &opt, &diag)) || (st = to_result(out, q, a))) {
        goto done;
    }
    order_of(ord, out, q);
done:
    ilokg_answer_free(a);
    ilokg_qstore_free(store);
    ilokg_sparql_free(q);
    free(dflt);
    free(named);
    return st;
}
