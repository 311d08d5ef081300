/* SPDX-License-Identifier: Apache-2.0 */
/* SPARQL queries through librdf/rasqal over the persistent store or files: the query is checked
 * and rewritten first (query_rewrite.c), the dataset is assembled here (FROM and FROM NAMED
 * included, which librdf would drop), and the answer goes through the results writers. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <redland.h>

#include "buf.h"
#include "endpoint.h"
#include "query_rewrite.h"
#include "results.h"
#include "source.h"
#include "store.h"
#include "triples_source.h"
#include "world.h"

#define XSD "http://www.w3.org/2001/XMLSchema#"

/* ---- Messages from rasqal, located in the query the user wrote ---------------------------- */

typedef struct {
    ilokg_world         *world;
    const ilokg_source  *src;
    const ilokg_rewrite *rw;
} query_log;

static int
query_logger(void *user_data, librdf_log_message *message)
{
    query_log       *ql    = user_data;
    librdf_log_level level = librdf_log_message_level(message);
    const char      *text  = librdf_log_message_message(message);
    raptor_locator  *loc   = librdf_log_message_locator(message);
    /* rasqal's warnings (unused variables) are about the rewritten text, not the user's. */
    if (level < LIBRDF_LOG_ERROR && librdf_log_message_facility(message) == LIBRDF_FROM_QUERY) {
        return 1;
    }
    if (level < LIBRDF_LOG_WARN) {
        return 1;
    }
    ilokg_status st  = level >= LIBRDF_LOG_ERROR ? ILOKG_ERR_QUERY : ILOKG_OK;
    size_t       off = SIZE_MAX;
    int          line = loc ? raptor_locator_line(loc) : -1;
    if (line > 0 && librdf_log_message_facility(message) == LIBRDF_FROM_QUERY) {
        /* rasqal gives the line in the rewritten text: find its first token, then its source. */
        const char *t = ql->rw->text;
        size_t      o = 0;
        for (int l = 1; l < line && t[o]; o++) {
            l += t[o] == '\n';
        }
        while (t[o] == ' ' || t[o] == '\t') {
            o++;
        }
        off = ilokg_rewrite_source_offset(ql->rw, o);
    }
    if (off != SIZE_MAX) {
        ilokg_report(&ql->world->diag, st, ql->src, off, "%s", text ? text : "(no message)");
    } else {
        ilokg_report_at(&ql->world->diag, st, ql->src->name, 0, 0, "%s",
                        text ? text : "(no message)");
    }
    return 1;
}

/* ---- Terms -------------------------------------------------------------------------------- */

static void
node_term(ilokg_term *t, librdf_node *n)
{
    memset(t, 0, sizeof *t);
    if (!n) {
        return;
    }
    switch (n->type) {
    case RAPTOR_TERM_TYPE_URI:
        t->kind  = ILOKG_TERM_IRI;
        t->value = (const char *)raptor_uri_as_string(n->value.uri);
        break;
    case RAPTOR_TERM_TYPE_BLANK:
        t->kind  = ILOKG_TERM_BLANK;
        t->value = (const char *)n->value.blank.string;
        break;
    case RAPTOR_TERM_TYPE_LITERAL:
        t->kind     = ILOKG_TERM_LITERAL;
        t->value    = (const char *)n->value.literal.string;
        t->lang     = (const char *)n->value.literal.language;
        t->datatype = n->value.literal.datatype ?
                          (const char *)raptor_uri_as_string(n->value.literal.datatype) :
                          NULL;
        break;
    default: break;
    }
}

/* ---- Answers ------------------------------------------------------------------------------ */

typedef struct {
    ilokg_world               *world;
    const ilokg_query_options *opt;
    const ilokg_rewrite       *rw;
    const ilokg_source        *src;
    librdf_world              *lw;
    librdf_model              *model;
    librdf_uri                *base;
    FILE                      *fp;
} run_ctx;

static ilokg_status
execute(run_ctx *rc, const char *text, librdf_query_results **out, librdf_query **q_out)
{
    librdf_world *lw = rc->lw;
    size_t        errors = rc->world->diag.n_errors;
    librdf_query *q      = librdf_new_query(lw, "sparql", NULL, (const unsigned char *)text,
                                            rc->base);
    librdf_query_results *r = q ? librdf_query_execute(q, rc->model) : NULL;
    if (!r) {
        if (q) {
            librdf_free_query(q);
        }
        if (rc->world->diag.n_errors == errors) {
            ilokg_report_at(&rc->world->diag, ILOKG_ERR_QUERY, rc->src->name, 0, 0,
                            "the query engine could not run this query");
        }
        return ILOKG_ERR_QUERY;
    }
    *out   = r;
    *q_out = q;
    return ILOKG_OK;
}

/* rasqal gives no row (no GROUP BY) or a bogus row (GROUP BY) for aggregates over an empty
 * pattern: answer those from SPARQL's definitions instead. *done is set when answered here. */
static ilokg_status
empty_aggregate(run_ctx *rc, int *done)
{
    const ilokg_rewrite *rw = rc->rw;
    *done                   = 0;
    if (!rw->ask_text) {
        return ILOKG_OK;
    }
    librdf_query_results *r = NULL;
    librdf_query         *q = NULL;
    ilokg_status          st = execute(rc, rw->ask_text, &r, &q);
    if (st) {
        return st;
    }
    int nonempty = librdf_query_results_get_boolean(r);
    librdf_free_query_results(r);
    librdf_free_query(q);
    if (nonempty) {
        return ILOKG_OK;
    }
    *done = 1;
    ilokg_term *row = calloc(rw->n_proj ? rw->n_proj : 1, sizeof *row);
    if (!row) {
        return ILOKG_ERR_NOMEM;
    }
    int with_row = !rw->group_by;
    for (size_t i = 0; with_row && i < rw->n_proj; i++) {
        switch (rw->proj_empty[i]) {
        case ILOKG_EMPTY_UNBOUND: break;
        case ILOKG_EMPTY_ZERO:
            row[i] = (ilokg_term){ILOKG_TERM_LITERAL, "0", NULL, XSD "integer"};
            break;
        case ILOKG_EMPTY_STRING: row[i] = (ilokg_term){ILOKG_TERM_LITERAL, "", NULL, NULL}; break;
        case ILOKG_EMPTY_UNKNOWN:
            free(row);
            return ilokg_report_at(&rc->world->diag, ILOKG_ERR_QUERY, rc->src->name, 0, 0,
                                   "the pattern matched nothing, and the query engine cannot "
                                   "compute the expression for '?%s' over no rows; project the "
                                   "aggregate itself, as (COUNT(...) AS ?n)",
                                   rw->proj_names[i]);
        }
    }
    if (with_row && rw->having) {
        free(row);
        return ilokg_report_at(&rc->world->diag, ILOKG_ERR_QUERY, rc->src->name, 0, 0,
                               "the pattern matched nothing, and the query engine cannot apply "
                               "HAVING to the empty group; drop HAVING or add GROUP BY");
    }
    ilokg_results_writer *w = NULL;
    st = ilokg_results_begin(&w, rc->opt->results, rc->fp, (const char *const *)rw->proj_names,
                             rw->n_proj);
    if (!st && with_row) {
        st = ilokg_results_row(w, row);
    }
    if (!st) {
        st = ilokg_results_end(w);
    }
    ilokg_results_free(w);
    free(row);
    return st;
}

/* ---- Ordering (ORDER BY taken out of the text by the rewriter) -------------------------- */

typedef struct {
    ilokg_term *terms; /* n_vars terms, strings owned */
    size_t      index; /* arrival order, for a stable sort */
} held_row;

typedef struct {
    const size_t *cols;
    const int    *desc;
    size_t        n;
} order_spec;

static int
is_numeric_type(const char *dt)
{
    static const char *const types[] = {"integer", "decimal", "double", "float", "int", "long",
                                        "short", "byte", "nonNegativeInteger", "positiveInteger",
                                        "nonPositiveInteger", "negativeInteger", "unsignedInt",
                                        "unsignedLong", "unsignedShort", "unsignedByte"};
    if (!dt || strncmp(dt, XSD, strlen(XSD))) {
        return 0;
    }
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (!strcmp(dt + strlen(XSD), types[i])) {
            return 1;
        }
    }
    return 0;
}

static int
cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* SPARQL 1.1 section 15.1: unbound, blank nodes, IRIs, literals; numbers by value. */
static int
cmp_term(const ilokg_term *a, const ilokg_term *b)
{
    if (a->kind != b->kind) {
        return a->kind == ILOKG_TERM_UNBOUND  ? -1 :
               b->kind == ILOKG_TERM_UNBOUND  ? 1 :
               a->kind == ILOKG_TERM_BLANK    ? -1 :
               b->kind == ILOKG_TERM_BLANK    ? 1 :
               a->kind == ILOKG_TERM_IRI      ? -1 : 1;
    }
    if (a->kind == ILOKG_TERM_UNBOUND) {
        return 0;
    }
    if (a->kind == ILOKG_TERM_LITERAL && is_numeric_type(a->datatype) &&
        is_numeric_type(b->datatype)) {
        double x = strtod(a->value, NULL), y = strtod(b->value, NULL);
        if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    int c = cmp_str(a->value, b->value);
    if (!c) {
        c = cmp_str(a->datatype, b->datatype);
    }
    return c ? c : cmp_str(a->lang, b->lang);
}

static int
cmp_rows(const held_row *a, const held_row *b, const order_spec *spec)
{
    for (size_t i = 0; i < spec->n; i++) {
        int c = cmp_term(&a->terms[spec->cols[i]], &b->terms[spec->cols[i]]);
        if (c) {
            return spec->desc[i] ? -c : c;
        }
    }
    return a->index < b->index ? -1 : a->index > b->index;
}

/* A stable merge sort with the ordering passed along (qsort takes no payload). */
static void
sort_rows(held_row *rows, held_row *tmp, size_t n, const order_spec *spec)
{
    if (n < 2) {
        return;
    }
    size_t half = n / 2;
    sort_rows(rows, tmp, half, spec);
    sort_rows(rows + half, tmp, n - half, spec);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n) {
        tmp[k++] = cmp_rows(&rows[j], &rows[i], spec) < 0 ? rows[j++] : rows[i++];
    }
    while (i < half) {
        tmp[k++] = rows[i++];
    }
    while (j < n) {
        tmp[k++] = rows[j++];
    }
    memcpy(rows, tmp, n * sizeof *rows);
}

static char *
dup_or_null(const char *s)
{
    return s ? ilokg_strndup(s, strlen(s)) : NULL;
}

static void
free_held(held_row *rows, size_t n_rows, size_t n_vars)
{
    for (size_t r = 0; r < n_rows; r++) {
        for (size_t i = 0; i < n_vars; i++) {
            free((char *)rows[r].terms[i].value);
            free((char *)rows[r].terms[i].lang);
            free((char *)rows[r].terms[i].datatype);
        }
        free(rows[r].terms);
    }
    free(rows);
}

static ilokg_status
write_bindings(run_ctx *rc, librdf_query_results *r)
{
    int         n_vars = librdf_query_results_get_bindings_count(r);
    const char **names = calloc(n_vars > 0 ? (size_t)n_vars : 1, sizeof *names);
    ilokg_term  *row   = calloc(n_vars > 0 ? (size_t)n_vars : 1, sizeof *row);
    librdf_node **vals = calloc(n_vars > 0 ? (size_t)n_vars : 1, sizeof *vals);
    ilokg_results_writer *w = NULL;
    ilokg_status          st = ILOKG_OK;
    if (!names || !row || !vals) {
        st = ILOKG_ERR_NOMEM;
    }
    for (int i = 0; !st && i < n_vars; i++) {
        names[i] = librdf_query_results_get_binding_name(r, i);
    }
    if (!st && n_vars <= 0) {
        /* rasqal names no variables when there is no row: the projection says them. */
        st = ilokg_results_begin(&w, rc->opt->results, rc->fp,
                                 (const char *const *)rc->rw->proj_names, rc->rw->n_proj);
    } else if (!st) {
        st = ilokg_results_begin(&w, rc->opt->results, rc->fp, names, (size_t)n_vars);
    }
    const ilokg_rewrite *rw     = rc->rw;
    int                  hold   = rw->n_order > 0 && n_vars > 0;
    held_row            *held   = NULL;
    size_t               n_held = 0, cap_held = 0;
    size_t n_rows = 0;
    while (!st && hold && !librdf_query_results_finished(r)) {
        if (ilokg_grow(&held, &cap_held, n_held, sizeof *held) ||
            !(held[n_held].terms = calloc((size_t)n_vars, sizeof(ilokg_term)))) {
            st = ILOKG_ERR_NOMEM;
            break;
        }
        held[n_held].index = n_held;
        for (int i = 0; i < n_vars; i++) {
            librdf_node *v = librdf_query_results_get_binding_value(r, i);
            ilokg_term   t;
            node_term(&t, v);
            held[n_held].terms[i] = (ilokg_term){t.kind, dup_or_null(t.value), dup_or_null(t.lang),
                                                 dup_or_null(t.datatype)};
            if (v) {
                librdf_free_node(v);
            }
        }
        n_held++;
        librdf_query_results_next(r);
    }
    if (!st && hold) {
        size_t *cols = calloc(rw->n_order, sizeof *cols);
        if (!cols) {
            st = ILOKG_ERR_NOMEM;
        }
        for (size_t k = 0; !st && k < rw->n_order; k++) {
            cols[k] = SIZE_MAX;
            for (int i = 0; i < n_vars; i++) {
                if (!strcmp(names[i], rw->order_vars[k])) {
                    cols[k] = (size_t)i;
                }
            }
            if (cols[k] == SIZE_MAX) {
                st = ilokg_report_at(&rc->world->diag, ILOKG_ERR_QUERY, rc->src->name, 0, 0,
                                     "cannot order by ?%s: it is not in the answer",
                                     rw->order_vars[k]);
            }
        }
        held_row *tmp = st ? NULL : calloc(n_held ? n_held : 1, sizeof *tmp);
        if (!st && !tmp) {
            st = ILOKG_ERR_NOMEM;
        }
        if (!st) {
            order_spec spec = {cols, rw->order_desc, rw->n_order};
            sort_rows(held, tmp, n_held, &spec);
        }
        free(tmp);
        free(cols);
        size_t from = rw->offset < n_held ? rw->offset : n_held;
        size_t to   = rw->limit == SIZE_MAX || rw->limit > n_held - from ? n_held : from + rw->limit;
        for (size_t k = from; !st && k < to; k++) {
            if (rc->opt->max_rows && n_rows == rc->opt->max_rows) {
                ilokg_report_at(&rc->world->diag, ILOKG_OK, NULL, 0, 0,
                                "stopped after %zu rows (--max-rows); the answer has more",
                                n_rows);
                break;
            }
            st = ilokg_results_row(w, held[k].terms);
            n_rows++;
        }
    }
    free_held(held, n_held, n_vars > 0 ? (size_t)n_vars : 0);
    while (!st && !hold && !librdf_query_results_finished(r)) {
        if (rc->opt->max_rows && n_rows == rc->opt->max_rows) {
            ilokg_report_at(&rc->world->diag, ILOKG_OK, NULL, 0, 0,
                            "stopped after %zu rows (--max-rows); the answer has more",
                            n_rows);
            break;
        }
        for (int i = 0; i < n_vars; i++) {
            vals[i] = librdf_query_results_get_binding_value(r, i);
            node_term(&row[i], vals[i]);
        }
        st = ilokg_results_row(w, row);
        for (int i = 0; i < n_vars; i++) {
            if (vals[i]) {
                librdf_free_node(vals[i]);
            }
            vals[i] = NULL;
        }
        n_rows++;
        librdf_query_results_next(r);
    }
    if (!st) {
        st = ilokg_results_end(w);
    }
    if (st == ILOKG_ERR_IO) {
        ilokg_report_at(&rc->world->diag, st, NULL, 0, 0, "cannot write the results: %s",
                        strerror(errno));
    }
    ilokg_results_free(w);
    free(vals);
    free(row);
    free(names);
    return st;
}

/* ---- Graph answers ------------------------------------------------------------------------ */

static ilokg_status
add_json_string(ilokg_buf *b, const char *s)
{
    ilokg_status st = ilokg_buf_addc(b, '"');
    for (; *s && !st; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            st = ilokg_buf_printf(b, "\\%c", c);
        } else if (c < 0x20) {
            st = ilokg_buf_printf(b, "\\u%04x", c);
        } else {
            st = ilokg_buf_addc(b, (char)c);
        }
    }
    return st ? st : ilokg_buf_addc(b, '"');
}

/* JSON-LD in expanded form, one node object per statement (valid JSON-LD; raptor writes none). */
static ilokg_status
write_jsonld(run_ctx *rc, librdf_stream *s, size_t *n)
{
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = ilokg_buf_adds(&b, "[");
    for (; !st && !librdf_stream_end(s); librdf_stream_next(s)) {
        librdf_statement *stmt = librdf_stream_get_object(s);
        ilokg_term        t[3];
        node_term(&t[0], stmt->subject);
        node_term(&t[1], stmt->predicate);
        node_term(&t[2], stmt->object);
        if (rc->opt->max_rows && *n == rc->opt->max_rows) {
            ilokg_report_at(&rc->world->diag, ILOKG_OK, NULL, 0, 0,
                            "stopped after %zu triples (--max-rows); the answer has more", *n);
            break;
        }
        st = ilokg_buf_adds(&b, *n ? ",\n  { \"@id\": " : "\n  { \"@id\": ");
        if (!st && t[0].kind == ILOKG_TERM_BLANK) {
            st = ilokg_buf_printf(&b, "\"_:%s\"", t[0].value);
        } else if (!st) {
            st = add_json_string(&b, t[0].value);
        }
        if (!st) {
            st = ilokg_buf_adds(&b, ", ");
        }
        if (!st) {
            st = add_json_string(&b, t[1].value);
        }
        if (!st && t[2].kind == ILOKG_TERM_LITERAL) {
            st = ilokg_buf_adds(&b, ": [ { \"@value\": ");
            if (!st) {
                st = add_json_string(&b, t[2].value);
            }
            if (!st && t[2].lang && *t[2].lang) {
                st = ilokg_buf_adds(&b, ", \"@language\": ");
                if (!st) {
                    st = add_json_string(&b, t[2].lang);
                }
            } else if (!st && t[2].datatype && strcmp(t[2].datatype, XSD "string")) {
                st = ilokg_buf_adds(&b, ", \"@type\": ");
                if (!st) {
                    st = add_json_string(&b, t[2].datatype);
                }
            }
        } else if (!st) {
            st = ilokg_buf_adds(&b, ": [ { \"@id\": ");
            if (!st && t[2].kind == ILOKG_TERM_BLANK) {
                st = ilokg_buf_printf(&b, "\"_:%s\"", t[2].value);
            } else if (!st) {
                st = add_json_string(&b, t[2].value);
            }
        }
        if (!st) {
            st = ilokg_buf_adds(&b, " } ] }");
        }
        (*n)++;
    }
    if (!st) {
        st = ilokg_buf_adds(&b, "\n]\n");
    }
    if (!st && fwrite(b.ptr, 1, b.len, rc->fp) != b.len) {
        st = ILOKG_ERR_IO;
    }
    ilokg_buf_free(&b);
    return st;
}

/* Writes the triples of s (freed here) in the --format asked for. */
static ilokg_status
write_stream(run_ctx *rc, librdf_stream *s)
{
    librdf_world *lw = rc->lw;
    size_t        n  = 0;
    ilokg_status st = ILOKG_OK;
    if (rc->opt->rdf_format == ILOKG_FORMAT_JSONLD) {
        st = write_jsonld(rc, s, &n);
        librdf_free_stream(s);
        return st;
    }
    /* TriG with only a default graph is Turtle; N-Quads without graphs is N-Triples. */
    static const char *const ser[ILOKG_FORMAT_COUNT] = {"turtle", "ntriples", "ntriples",
                                                        "turtle", "rdfxml-abbrev", NULL};
    librdf_serializer *z = librdf_new_serializer(lw, ser[rc->opt->rdf_format], NULL, NULL);
    librdf_storage    *ms = librdf_new_storage(lw, "trees", "out", "");
    librdf_model      *m  = ms ? librdf_new_model(lw, ms, NULL) : NULL;
    if (!z || !m) {
        st = ilokg_report_at(&rc->world->diag, ILOKG_ERR_RDF, NULL, 0, 0,
                             "cannot create the RDF writer");
    }
    for (; !st && !librdf_stream_end(s); librdf_stream_next(s)) {
        if (rc->opt->max_rows && n == rc->opt->max_rows) {
            ilokg_report_at(&rc->world->diag, ILOKG_OK, NULL, 0, 0,
                            "stopped after %zu triples (--max-rows); the answer has more", n);
            break;
        }
        if (librdf_model_add_statement(m, librdf_stream_get_object(s))) {
            st = ILOKG_ERR_RDF;
        }
        n++;
    }
    for (size_t i = 0; !st && ilokg_predeclared_prefixes[i][0]; i++) {
        const char *iri = ilokg_predeclared_prefixes[i][1];
        librdf_uri *u   = librdf_new_uri(lw, (const unsigned char *)(iri ? iri : ILOKG_DEFAULT_BASE));
        if (u) {
            librdf_serializer_set_namespace(z, u, ilokg_predeclared_prefixes[i][0]);
            librdf_free_uri(u);
        }
    }
    if (!st && librdf_serializer_serialize_model_to_file_handle(z, rc->fp, NULL, m)) {
        st = ilokg_report_at(&rc->world->diag, ILOKG_ERR_IO, NULL, 0, 0,
                             "cannot write the answer");
    }
    if (m) {
        librdf_free_model(m);
    }
    if (ms) {
        librdf_free_storage(ms);
    }
    if (z) {
        librdf_free_serializer(z);
    }
    librdf_free_stream(s);
    return st;
}

static ilokg_status
write_graph(run_ctx *rc, librdf_query_results *r)
{
    librdf_stream *s = librdf_query_results_as_stream(r);
    if (!s) {
        return ilokg_report_at(&rc->world->diag, ILOKG_ERR_QUERY, rc->src->name, 0, 0,
                               "the query engine gave no triples");
    }
    return write_stream(rc, s);
}

/* ---- A remote endpoint (endpoint.c) ------------------------------------------------------- */

/* Sends the query as the user wrote it after the predeclared prefixes it uses (checked with
 * ILOKG_RW_CHECK_ONLY: the server is not rasqal, so nothing was refused or rewritten for it), and
 * writes the answer as a local one. */
static ilokg_status
answer_remote(run_ctx *rc)
{
    const char *url  = rc->opt->endpoint;
    ilokg_buf   body = ILOKG_BUF_INIT;
    int graph       = rc->rw->form == ILOKG_QFORM_CONSTRUCT || rc->rw->form == ILOKG_QFORM_DESCRIBE;
    ilokg_status st = ilokg_endpoint_fetch(&rc->world->diag, url, rc->rw->text,
                                           graph ? ILOKG_ENDPOINT_TRIPLES : ILOKG_ENDPOINT_RESULTS,
                                           rc->opt->timeout, &body);
    if (!st && !graph) {
        st = ilokg_endpoint_write_json(&rc->world->diag, url, body.ptr ? body.ptr : "", body.len,
                                       rc->opt->results, rc->opt->max_rows, rc->fp);
    } else if (!st) {
        librdf_storage *ms = librdf_new_storage(rc->lw, "trees", "remote", "");
        librdf_model   *m  = ms ? librdf_new_model(rc->lw, ms, NULL) : NULL;
        librdf_parser  *p  = librdf_new_parser(rc->lw, "ntriples", NULL, NULL);
        librdf_uri     *u  = librdf_new_uri(rc->lw, (const unsigned char *)url);
        if (!m || !p || !u) {
            st = ilokg_report_at(&rc->world->diag, ILOKG_ERR_RDF, NULL, 0, 0,
                                 "cannot create the RDF reader");
        } else if (ilokg_buf_addc(&body, '\0')) {
            st = ILOKG_ERR_NOMEM;
        } else if (librdf_parser_parse_counted_string_into_model(
                       p, (const unsigned char *)body.ptr, body.len - 1, u, m)) {
            st = ilokg_report_at(&rc->world->diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                                 "%s: the answer is not N-Triples", url);
        } else {
            librdf_stream *s = librdf_model_as_stream(m);
            st = s ? write_stream(rc, s) : ILOKG_ERR_RDF;
        }
        if (u) {
            librdf_free_uri(u);
        }
        if (p) {
            librdf_free_parser(p);
        }
        if (m) {
            librdf_free_model(m);
        }
        if (ms) {
            librdf_free_storage(ms);
        }
    }
    ilokg_buf_free(&body);
    return st;
}

static ilokg_status
answer(run_ctx *rc)
{
    if (rc->rw->form == ILOKG_QFORM_SELECT && rc->rw->aggregates) {
        int          done = 0;
        ilokg_status st   = empty_aggregate(rc, &done);
        if (st || done) {
            return st;
        }
    }
    librdf_query_results *r  = NULL;
    librdf_query         *q  = NULL;
    ilokg_status          st = execute(rc, rc->rw->text, &r, &q);
    if (st) {
        return st;
    }
    if (librdf_query_results_is_boolean(r)) {
        int v = librdf_query_results_get_boolean(r);
        st    = v < 0 ? ilokg_report_at(&rc->world->diag, ILOKG_ERR_QUERY, rc->src->name, 0, 0,
                                        "the query engine gave no answer") :
                        ilokg_results_boolean(rc->opt->results, rc->fp, v);
    } else if (librdf_query_results_is_graph(r)) {
        st = write_graph(rc, r);
    } else {
        st = write_bindings(rc, r);
    }
    librdf_free_query_results(r);
    librdf_free_query(q);
    return st;
}

/* ---- Time limit --------------------------------------------------------------------------- */

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* rasqal cannot be interrupted, so a query with a time limit runs in a child process that is
 * killed at the deadline; its answer is passed on only when it finished in time. */
static ilokg_status
answer_with_timeout(run_ctx *rc)
{
    int fds[2];
    fflush(rc->fp);
    fflush(stderr);
    if (pipe(fds)) {
        return ilokg_report_at(&rc->world->diag, ILOKG_ERR_IO, NULL, 0, 0, "cannot run: %s",
                               strerror(errno));
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return ilokg_report_at(&rc->world->diag, ILOKG_ERR_IO, NULL, 0, 0, "cannot run: %s",
                               strerror(errno));
    }
    if (pid == 0) {
        close(fds[0]);
        FILE *out = fdopen(fds[1], "w");
        if (!out) {
            _exit(ILOKG_ERR_IO);
        }
        rc->fp          = out;
        ilokg_status st = answer(rc);
        if (fclose(out) && !st) {
            st = ILOKG_ERR_IO;
        }
        fflush(stderr);
        _exit((int)st);
    }
    close(fds[1]);
    ilokg_buf    b        = ILOKG_BUF_INIT;
    ilokg_status st       = ILOKG_OK;
    double       deadline = now() + rc->opt->timeout;
    for (;;) {
        double left = deadline - now();
        if (left <= 0) {
            kill(pid, SIGKILL);
            st = ilokg_report_at(&rc->world->diag, ILOKG_ERR_QUERY, rc->src->name, 0, 0,
                                 "the query ran out of time (--timeout %g s)", rc->opt->timeout);
            break;
        }
        struct pollfd pfd = {fds[0], POLLIN, 0};
        int           pr  = poll(&pfd, 1, (int)(left * 1000) + 1);
        if (pr < 0 && errno == EINTR) {
            continue;
        }
        if (pr <= 0) {
            continue;
        }
        if (ilokg_buf_reserve(&b, 65536)) {
            kill(pid, SIGKILL);
            st = ILOKG_ERR_NOMEM;
            break;
        }
        ssize_t got = read(fds[0], b.ptr + b.len, 65536);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        b.len += (size_t)got;
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!st) {
        if (WIFEXITED(status)) {
            st = (ilokg_status)WEXITSTATUS(status);
        } else {
            st = ilokg_report_at(&rc->world->diag, ILOKG_ERR_INTERNAL, rc->src->name, 0, 0,
                                 "the query engine crashed (signal %d)", WTERMSIG(status));
        }
        /* Messages were printed by the child; count its failure here too. */
        if (st && rc->world->diag.n_errors == 0) {
            rc->world->diag.n_errors++;
        }
    }
    if (!st && b.len && fwrite(b.ptr, 1, b.len, rc->fp) != b.len) {
        st = ilokg_report_at(&rc->world->diag, ILOKG_ERR_IO, NULL, 0, 0,
                             "cannot write the results: %s", strerror(errno));
    }
    ilokg_buf_free(&b);
    return st;
}

/* ---- Dataset ------------------------------------------------------------------------------ */

/* The file behind a FROM IRI (resolved against the query's base); NULL with an error reported
 * when it is not a local file. */
static char *
from_file(run_ctx *rc, const char *iri, size_t off, char **graph_out)
{
    librdf_world *lw  = rc->lw;
    raptor_world *rw  = librdf_world_get_raptor(lw);
    raptor_uri   *u   = raptor_new_uri_relative_to_base(rw, (raptor_uri *)rc->base,
                                                        (const unsigned char *)iri);
    char         *out = NULL;
    if (!u) {
        ilokg_report(&rc->world->diag, ILOKG_ERR_QUERY, rc->src, off, "not an IRI: <%s>", iri);
        return NULL;
    }
    const char *s = (const char *)raptor_uri_as_string(u);
    if (!strncmp(s, "file:", 5)) {
        char *fn = raptor_uri_uri_string_to_filename((const unsigned char *)s);
        if (fn) {
            out = ilokg_strndup(fn, strlen(fn));
            raptor_free_memory(fn);
        }
        *graph_out = ilokg_strndup(s, strlen(s));
    } else {
        ilokg_report(&rc->world->diag, ILOKG_ERR_QUERY, rc->src, off,
                     "FROM <%s>: only local files can be loaded (a relative path or a file: "
                     "IRI); download it and name the file",
                     s);
    }
    raptor_free_uri(u);
    return out;
}

/* Loads the file behind a FROM (into graph dg, the default graph's context or NULL) or FROM
 * NAMED (named: into the graph its IRI names). */
static ilokg_status
add_from(run_ctx *rc, ilokg_store *s, const char *iri, size_t off, const char *dg, int named)
{
    char        *graph = NULL;
    char        *path  = from_file(rc, iri, off, &graph);
    ilokg_status st    = ILOKG_ERR_QUERY;
    if (path && graph) {
        st = ilokg_store_add_file(s, path, rc->opt->data_format, named ? graph : dg, NULL);
    }
    free(path);
    free(graph);
    return st;
}

static char *
file_iri(const char *path)
{
    unsigned char *u = raptor_uri_filename_to_uri_string(path);
    char          *s = u ? ilokg_strndup((const char *)u, strlen((const char *)u)) : NULL;
    raptor_free_memory(u);
    return s;
}

/* The query's base IRI: its file's, else the working directory's. */
static char *
query_base(const char *name)
{
    if (name && name[0] != '<' && access(name, R_OK) == 0) {
        return file_iri(name);
    }
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd - 2)) {
        return ilokg_strndup("file:///", 8);
    }
    size_t n = strlen(cwd);
    if (n && cwd[n - 1] != '/') {
        cwd[n]     = '/';
        cwd[n + 1] = '\0';
    }
    return file_iri(cwd);
}

static ilokg_status
build_dataset(run_ctx *rc, ilokg_store **out)
{
    const ilokg_query_options *opt  = rc->opt;
    const ilokg_rewrite       *rw   = rc->rw;
    ilokg_diag                *diag = &rc->world->diag;
    int files = opt->n_data || opt->n_named;
    if (files && (rw->n_from || rw->n_from_named)) {
        ilokg_report(diag, ILOKG_OK, rc->src, rw->n_from ? rw->from_off[0] : rw->from_named_off[0],
                     "FROM and FROM NAMED are ignored: --data and --named give the dataset");
    }
    if (!files && !rw->n_from && !rw->n_from_named) {
        return ilokg_store_open(out, rc->world, ilokg_store_dir(opt->store));
    }
    int contexts = files ? opt->n_named > 0 : rw->n_from_named > 0;
    contexts |= rw->uses_graph;
    ilokg_store *s  = NULL;
    ilokg_status st = ilokg_store_new_memory(&s, rc->world, contexts);
    if (!st) {
        rc->model = ilokg_store_model(s);
    }
    const char *dg = rw->default_context ? ILOKG_DEFAULT_GRAPH : NULL;
    if (files) {
        for (size_t i = 0; !st && i < opt->n_data; i++) {
            st = ilokg_store_add_file(s, opt->data[i], opt->data_format, dg, NULL);
        }
        for (size_t i = 0; !st && i < opt->n_named; i++) {
            char *g = file_iri(opt->named[i]);
            st      = g ? ilokg_store_add_file(s, opt->named[i], opt->data_format, g, NULL) :
                          ILOKG_ERR_NOMEM;
            free(g);
        }
    } else {
        for (size_t i = 0; !st && i < rw->n_from; i++) {
            st = add_from(rc, s, rw->from[i], rw->from_off[i], dg, 0);
        }
        for (size_t i = 0; !st && i < rw->n_from_named; i++) {
            st = add_from(rc, s, rw->from_named[i], rw->from_named_off[i], NULL, 1);
        }
    }
    if (st) {
        ilokg_store_free(s);
        return st;
    }
    *out = s;
    return ILOKG_OK;
}

ilokg_status
ilokg_query_run(ilokg_world *world, const char *query, const char *name,
                const ilokg_query_options *opt, FILE *fp)
{
    ilokg_query_options defaults = ILOKG_QUERY_OPTIONS_INIT;
    ilokg_source       *src      = NULL;
    ilokg_rewrite      *rw       = NULL;
    ilokg_store        *store    = NULL;
    librdf_world       *lw       = NULL;
    char               *base     = NULL;
    run_ctx             rc = {world, opt ? opt : &defaults, NULL, NULL, NULL, NULL, NULL, fp};
    if (!name) {
        name = "<query>";
    }
    ilokg_status st = ilokg_source_from_bytes(&src, name, query, strlen(query), &world->diag);
    if (!st) {
        unsigned flags = (rc.opt->n_data || rc.opt->n_named ? ILOKG_RW_FILES : 0) |
                         (rc.opt->n_named ? ILOKG_RW_NAMED : 0) |
                         (rc.opt->endpoint ? ILOKG_RW_CHECK_ONLY : 0);
        st = ilokg_query_rewrite(&rw, src, NULL, flags, &world->diag);
    }
    if (!st) {
        st = ilokg_store_rdf_world(&lw, world);
    }
    if (!st && rc.opt->endpoint) {
        rc.lw  = lw;
        rc.rw  = rw;
        rc.src = src;
        query_log ql = {world, src, rw};
        librdf_world_set_logger(lw, &ql, query_logger);
        st = answer_remote(&rc);
        ilokg_store_logger_reset(world);
        ilokg_rewrite_free(rw);
        ilokg_source_free(src);
        return st;
    }
    if (!st && !(base = query_base(name))) {
        st = ILOKG_ERR_NOMEM;
    }
    rc.lw = lw;
    if (!st && !(rc.base = librdf_new_uri(lw, (const unsigned char *)base))) {
        st = ILOKG_ERR_NOMEM;
    }
    rc.rw  = rw;
    rc.src = src;
    if (!st) {
        /* FROM files resolve against the base: a model is needed first for the world. */
        st = build_dataset(&rc, &store);
    }
    if (!st) {
        rc.model = ilokg_store_model(store);
        /* Patterns go through the model's indexes (triples_source.c), not librdf's scans. */
        ilokg_triples_source ts = {lw, rc.model, rw->default_context ? ILOKG_DEFAULT_GRAPH : NULL};
        st                      = ilokg_triples_source_install(&ts);
        if (st) {
            ilokg_report_at(&world->diag, st, NULL, 0, 0, "cannot set up the query engine");
        }
        query_log ql = {world, src, rw};
        librdf_world_set_logger(lw, &ql, query_logger);
        if (!st) {
            st = rc.opt->timeout > 0 ? answer_with_timeout(&rc) : answer(&rc);
        }
        ilokg_store_logger_reset(world);
        ilokg_triples_source_remove(lw);
    }
    ilokg_store_free(store);
    if (rc.base) {
        librdf_free_uri(rc.base);
    }
    free(base);
    ilokg_rewrite_free(rw);
    ilokg_source_free(src);
    return st;
}

void
ilokg_prefixes_print(FILE *fp)
{
    for (size_t i = 0; ilokg_predeclared_prefixes[i][0]; i++) {
        const char *iri = ilokg_predeclared_prefixes[i][1];
        fprintf(fp, "%s: <%s>\n", ilokg_predeclared_prefixes[i][0], iri ? iri : ILOKG_DEFAULT_BASE);
    }
}
