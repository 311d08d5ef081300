/* SPDX-License-Identifier: Apache-2.0 */
/* RDF files for the W3C harness, through raptor2: manifests, expected graphs and the result-set
 * vocabulary (rs:ResultSet) of the SPARQL 1.0 tests. */
#include "w3c.h"

#include <raptor2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RS "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"

typedef struct {
    w3c_result  *g;
    ilokg_status st;
    ilokg_buf    err;
} rdf_reading;

static ilokg_status
from_raptor(w3c_result *g, ilokg_qterm *cell, const raptor_term *t)
{
    ilokg_qterm q   = {0};
    size_t      len = 0;
    switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
        q.kind = ILOKG_QT_IRI;
        q.lex  = (const char *)raptor_uri_as_counted_string(t->value.uri, &len);
        break;
    case RAPTOR_TERM_TYPE_BLANK:
        q.kind = ILOKG_QT_BLANK;
        q.lex  = (const char *)t->value.blank.string;
        len    = t->value.blank.string_len;
        break;
    case RAPTOR_TERM_TYPE_LITERAL:
        q.kind = ILOKG_QT_LITERAL;
        q.lex  = (const char *)t->value.literal.string;
        len    = t->value.literal.string_len;
        q.lang = (const char *)t->value.literal.language;
        if (t->value.literal.datatype) {
            q.dt = (const char *)raptor_uri_as_string(t->value.literal.datatype);
        }
        break;
    default:
        return ILOKG_ERR_RDF;
    }
    q.lex_len = len;
    return w3c_result_set(g, cell, &q);
}

static void
on_statement(void *payload, raptor_statement *s)
{
    rdf_reading *rd = payload;
    ilokg_qterm *row;
    if (rd->st || (rd->st = w3c_result_add_row(rd->g, &row)) ||
        (rd->st = from_raptor(rd->g, &row[0], s->subject)) ||
        (rd->st = from_raptor(rd->g, &row[1], s->predicate)) ||
        (rd->st = from_raptor(rd->g, &row[2], s->object))) {
        return;
    }
}

static void
on_log(void *payload, raptor_log_message *msg)
{
    rdf_reading *rd = payload;
    if (msg->level >= RAPTOR_LOG_LEVEL_ERROR) {
        if (!rd->err.len) {
            (void)ilokg_buf_printf(&rd->err, "line %d: %s", msg->locator ? msg->locator->line : 0,
                                   msg->text);
        }
        rd->st = ILOKG_ERR_RDF;
    }
}

static const char *
parser_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && strcmp(dot, ".rdf") == 0) {
        return "rdfxml";
    }
    if (dot && strcmp(dot, ".nt") == 0) {
        return "ntriples";
    }
    return "turtle";
}

ilokg_status
w3c_rdf_read(w3c_result *out, const char *path, const char *base_iri, char **err)
{
    rdf_reading    rd   = {out, ILOKG_OK, ILOKG_BUF_INIT};
    raptor_world  *w    = raptor_new_world();
    raptor_parser *p    = NULL;
    raptor_uri    *base = NULL;
    FILE          *fp   = NULL;
    *out                = (w3c_result)W3C_RESULT_INIT;
    out->kind           = W3C_GRAPH;
    if (!w || raptor_world_open(w) || (rd.st = w3c_result_add_var(out, "s")) ||
        (rd.st = w3c_result_add_var(out, "p")) || (rd.st = w3c_result_add_var(out, "o"))) {
        rd.st = rd.st ? rd.st : ILOKG_ERR_NOMEM;
        goto done;
    }
    raptor_world_set_log_handler(w, &rd, on_log);
    p    = raptor_new_parser(w, parser_name(path));
    base = raptor_new_uri(w, (const unsigned char *)base_iri);
    fp   = fopen(path, "rb");
    if (!p || !base || !fp) {
        rd.st = fp ? ILOKG_ERR_NOMEM : ILOKG_ERR_IO;
        (void)ilokg_buf_adds(&rd.err, fp ? "out of memory" : "cannot open");
        goto done;
    }
    raptor_parser_set_statement_handler(p, &rd, on_statement);
    if (raptor_parser_parse_file_stream(p, fp, path, base) && !rd.st) {
        rd.st = ILOKG_ERR_RDF;
    }
done:
    if (rd.st && err) {
        *err = rd.err.len ? ilokg_buf_detach(&rd.err) : strdup("cannot read");
    }
    ilokg_buf_free(&rd.err);
    if (fp) {
        fclose(fp);
    }
    if (base) {
        raptor_free_uri(base);
    }
    if (p) {
        raptor_free_parser(p);
    }
    if (w) {
        raptor_free_world(w);
    }
    return rd.st;
}

static int
is_iri(const ilokg_qterm *t, const char *iri)
{
    return t->kind == ILOKG_QT_IRI && strlen(iri) == t->lex_len &&
           memcmp(t->lex, iri, t->lex_len) == 0;
}

const ilokg_qterm *
w3c_graph_object(const w3c_result *g, const ilokg_qterm *s, const char *p)
{
    for (size_t i = 0; i < g->n_rows; i++) {
        const ilokg_qterm *row = &g->cells[3 * i];
        if (is_iri(&row[1], p) && ilokg_qterm_equal(&row[0], s)) {
            return &row[2];
        }
    }
    return NULL;
}

int
w3c_graph_has(const w3c_result *g, const ilokg_qterm *s, const char *p, const char *o_iri)
{
    for (size_t i = 0; i < g->n_rows; i++) {
        const ilokg_qterm *row = &g->cells[3 * i];
        if (is_iri(&row[1], p) && is_iri(&row[2], o_iri) && ilokg_qterm_equal(&row[0], s)) {
            return 1;
        }
    }
    return 0;
}

static ilokg_status
push(const ilokg_qterm ***arr, size_t *n, const ilokg_qterm *t)
{
    const ilokg_qterm **a = realloc(*arr, (*n + 2) * sizeof *a);
    if (!a) {
        return ILOKG_ERR_NOMEM;
    }
    a[(*n)++] = t;
    a[*n]     = NULL;
    *arr      = a;
    return ILOKG_OK;
}

ilokg_status
w3c_graph_list(const ilokg_qterm ***out, size_t *n, const w3c_result *g, const ilokg_qterm *head)
{
    const ilokg_qterm **arr = NULL;
    ilokg_status        st  = ILOKG_OK;
    *n                      = 0;
    for (size_t guard = 0; head && !is_iri(head, ILOKG_RDF "nil") && guard < 100000; guard++) {
        const ilokg_qterm *first = w3c_graph_object(g, head, ILOKG_RDF "first");
        if (!first) {
            break;
        }
        if ((st = push(&arr, n, first))) {
            break;
        }
        head = w3c_graph_object(g, head, ILOKG_RDF "rest");
    }
    if (!st && !arr) {
        st = push(&arr, n, NULL);
        *n = 0;
    }
    *out = arr;
    return st;
}

ilokg_status
w3c_graph_objects(const ilokg_qterm ***out, size_t *n, const w3c_result *g, const ilokg_qterm *s,
                  const char *p)
{
    const ilokg_qterm **arr = NULL;
    ilokg_status        st  = ILOKG_OK;
    *n                      = 0;
    for (size_t i = 0; i < g->n_rows && !st; i++) {
        const ilokg_qterm *row = &g->cells[3 * i];
        if (is_iri(&row[1], p) && ilokg_qterm_equal(&row[0], s)) {
            st = push(&arr, n, &row[2]);
        }
    }
    if (!st && !arr) {
        st = push(&arr, n, NULL);
        *n = 0;
    }
    *out = arr;
    return st;
}

typedef struct {
    long               index;
    const ilokg_qterm *node;
} solution;

static int
cmp_solution(const void *pa, const void *pb)
{
    const solution *a = pa, *b = pb;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* The columns: rs:resultVariable, then any variable a binding names that was not declared. */
static ilokg_status
rs_vars(w3c_result *out, const w3c_result *g, const ilokg_qterm *rs)
{
    const ilokg_qterm **vars = NULL;
    size_t              n    = 0;
    ilokg_status        st   = w3c_graph_objects(&vars, &n, g, rs, RS "resultVariable");
    for (size_t i = 0; i < n && !st; i++) {
        if (w3c_result_var_index(out, vars[i]->lex) < 0) {
            st = w3c_result_add_var(out, vars[i]->lex);
        }
    }
    free(vars);
    for (size_t i = 0; i < g->n_rows && !st; i++) {
        const ilokg_qterm *row = &g->cells[3 * i];
        if (is_iri(&row[1], RS "variable") && w3c_result_var_index(out, row[2].lex) < 0) {
            st = w3c_result_add_var(out, row[2].lex);
        }
    }
    return st;
}

static ilokg_status
rs_row(w3c_result *out, const w3c_result *g, const ilokg_qterm *sol)
{
    const ilokg_qterm **bind = NULL;
    size_t              n    = 0;
    ilokg_qterm        *row  = NULL;
    ilokg_status        st   = w3c_graph_objects(&bind, &n, g, sol, RS "binding");
    if (!st) {
        st = w3c_result_add_row(out, &row);
    }
    for (size_t i = 0; i < n && !st; i++) {
        const ilokg_qterm *var = w3c_graph_object(g, bind[i], RS "variable");
        const ilokg_qterm *val = w3c_graph_object(g, bind[i], RS "value");
        long               c   = var ? w3c_result_var_index(out, var->lex) : -1;
        if (c < 0 || !val) {
            st = ILOKG_ERR_SYNTAX;
        } else {
            st = w3c_result_set(out, &row[c], val);
        }
    }
    free(bind);
    return st;
}

ilokg_status
w3c_rs_convert(w3c_result *out, const w3c_result *g, int *ordered, char **err)
{
    const ilokg_qterm  *rs     = NULL;
    const ilokg_qterm **sols   = NULL;
    solution           *sorted = NULL;
    size_t              n      = 0;
    *out                       = (w3c_result)W3C_RESULT_INIT;
    *ordered                   = 0;
    for (size_t i = 0; i < g->n_rows && !rs; i++) {
        if (is_iri(&g->cells[3 * i + 1], ILOKG_RDF "type") &&
            is_iri(&g->cells[3 * i + 2], RS "ResultSet")) {
            rs = &g->cells[3 * i];
        }
    }
    if (!rs) {
        return ILOKG_ERR_NOT_FOUND;
    }
    const ilokg_qterm *b = w3c_graph_object(g, rs, RS "boolean");
    if (b) {
        out->kind    = W3C_BOOLEAN;
        out->boolean = strcmp(b->lex, "true") == 0 || strcmp(b->lex, "1") == 0;
        return ILOKG_OK;
    }
    ilokg_status st = rs_vars(out, g, rs);
    if (!st) {
        st = w3c_graph_objects(&sols, &n, g, rs, RS "solution");
    }
    if (!st && !(sorted = calloc(n + 1, sizeof *sorted))) {
        st = ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < n && !st; i++) {
        const ilokg_qterm *idx = w3c_graph_object(g, sols[i], RS "index");
        sorted[i]              = (solution){idx ? strtol(idx->lex, NULL, 10) : 0, sols[i]};
        *ordered |= idx != NULL;
    }
    if (!st && *ordered) {
        qsort(sorted, n, sizeof *sorted, cmp_solution);
    }
    for (size_t i = 0; i < n && !st; i++) {
        st = rs_row(out, g, sorted[i].node);
    }
    if (st && err) {
        *err = strdup(st == ILOKG_ERR_SYNTAX ? "rs:binding without rs:variable or rs:value"
                                             : "out of memory");
    }
    free(sols);
    free(sorted);
    return st;
}
