/* SPDX-License-Identifier: Apache-2.0 */
/* The SPARQL 1.1 Protocol at /sparql (serve_int.h): a query by GET, by POST of a form or of the
 * query itself, its answer in the format the Accept header prefers; the Service Description
 * when there is no query; updates refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <microhttpd.h>

#include "query/algebra.h"
#include "query/run.h"
#include "serve/describe.h"
#include "serve/serve_int.h"
#include "util/source.h"

/* What an answer can be written as. The first of each kind is the default (Accept: * / *);
 * name is the value of the format parameter that asks for it without an Accept header. */
typedef struct {
    const char          *type, *content_type, *name;
    ilokg_results_format results;
    ilokg_format         rdf;
} answer_type;

static const answer_type solution_types[] = {
    {"application/sparql-results+json", "application/sparql-results+json", "json",
     ILOKG_RESULTS_JSON, 0},
    {"application/sparql-results+xml", "application/sparql-results+xml", "xml", ILOKG_RESULTS_XML,
     0},
    {"text/csv", "text/csv; charset=utf-8", "csv", ILOKG_RESULTS_CSV, 0},
    {"text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "tsv",
     ILOKG_RESULTS_TSV, 0},
    {"application/json", "application/sparql-results+json", NULL, ILOKG_RESULTS_JSON, 0},
    {"application/xml", "application/sparql-results+xml", NULL, ILOKG_RESULTS_XML, 0},
};

static const answer_type graph_types[] = {
    {"text/turtle", "text/turtle; charset=utf-8", "ttl", 0, ILOKG_FORMAT_TURTLE},
    {"application/n-triples", "application/n-triples", "nt", 0, ILOKG_FORMAT_NTRIPLES},
    {"application/ld+json", "application/ld+json", "jsonld", 0, ILOKG_FORMAT_JSONLD},
    {"application/rdf+xml", "application/rdf+xml", "rdf", 0, ILOKG_FORMAT_RDFXML},
    {"application/x-turtle", "text/turtle; charset=utf-8", NULL, 0, ILOKG_FORMAT_TURTLE},
    {"text/plain", "application/n-triples", NULL, 0, ILOKG_FORMAT_NTRIPLES},
    {"application/json", "application/ld+json", NULL, 0, ILOKG_FORMAT_JSONLD},
};

#define N_SOLUTION_TYPES (sizeof solution_types / sizeof solution_types[0])
#define N_GRAPH_TYPES (sizeof graph_types / sizeof graph_types[0])

/* The answer type of a query form: by the format parameter when given, else by Accept; NULL
 * (with the reply set) when none fits. */
static const answer_type *
choose_type(const serve_request *rq, const ilokg_http_form *params, int graph, serve_reply *r)
{
    const answer_type *t = graph ? graph_types : solution_types;
    size_t             n = graph ? N_GRAPH_TYPES : N_SOLUTION_TYPES;
    const char        *f = ilokg_http_form_get(params, "format");
    if (f) {
        for (size_t i = 0; i < n; i++) {
            if (t[i].name && !strcmp(t[i].name, f)) {
                return &t[i];
            }
        }
        serve_reply_text(r, MHD_HTTP_BAD_REQUEST,
                         graph ? "format=%s: this query's answer is a graph: ask for ttl, nt, "
                                 "jsonld or rdf"
                               : "format=%s: this query's answer is solutions: ask for json, "
                                 "xml, csv or tsv",
                         f);
        return NULL;
    }
    const char *types[N_GRAPH_TYPES > N_SOLUTION_TYPES ? N_GRAPH_TYPES : N_SOLUTION_TYPES];
    for (size_t i = 0; i < n; i++) {
        types[i] = t[i].type;
    }
    int k = ilokg_http_choose(rq->accept, types, n);
    if (k < 0) {
        serve_reply_text(r, MHD_HTTP_NOT_ACCEPTABLE,
                         graph ? "this query's answer is a graph: Accept text/turtle, "
                                 "application/n-triples, application/ld+json or "
                                 "application/rdf+xml"
                               : "this query's answer is solutions: Accept "
                                 "application/sparql-results+json, "
                                 "application/sparql-results+xml, text/csv or "
                                 "text/tab-separated-values");
        return NULL;
    }
    return &t[k];
}

static double
now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The graph IRIs of the parameter name (borrowed from params) into a new array. */
static const char **
graph_params(const ilokg_http_form *params, const char *name, size_t *n)
{
    const char **v = calloc(params->n ? params->n : 1, sizeof *v);
    *n             = 0;
    for (size_t i = 0; v && i < params->n; i++) {
        if (!strcmp(params->params[i].name, name)) {
            v[(*n)++] = params->params[i].value;
        }
    }
    return v;
}

/* Evaluates the parsed query and sets the reply to its answer or to what went wrong. */
static void
evaluate(serve_ctx *ctx, ilokg_sparql *q, const ilokg_http_form *params, const char *base,
         const answer_type *t, serve_reply *r, ilokg_diag *diag, ilokg_buf *msgs)
{
    ilokg_query_options opt = ILOKG_QUERY_OPTIONS_INIT;
    serve_store         s;
    char               *out = NULL;
    size_t              len = 0, n_dg = 0, n_ng = 0;
    const char        **dg = graph_params(params, "default-graph-uri", &n_dg);
    const char        **ng = graph_params(params, "named-graph-uri", &n_ng);
    opt.results            = t->results;
    opt.rdf_format         = t->rdf;
    opt.timeout            = ctx->opt->timeout;
    opt.max_rows           = ctx->opt->max_rows;
    if (!dg || !ng) {
        serve_reply_text(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    } else if (serve_store_open(ctx, &s, diag)) {
        serve_reply_text(r, MHD_HTTP_SERVICE_UNAVAILABLE, "the store cannot be read:\n%s",
                         msgs->ptr ? msgs->ptr : "");
    } else {
        ilokg_query_store_options so = {s.store, dg, n_dg, ng, n_ng, base, serve_is_stopping, ctx};
        FILE                     *fp = open_memstream(&out, &len);
        double                    t0 = now_seconds();
        ilokg_status st = fp ? ilokg_query_on_store(diag, q, &so, &opt, fp) : ILOKG_ERR_NOMEM;
        if (fp && fclose(fp) && !st) {
            st = ILOKG_ERR_NOMEM;
        }
        if (!st) {
            r->status = MHD_HTTP_OK;
            serve_reply_type(r, t->content_type);
            ilokg_buf_free(&r->body);
            r->body.ptr = out;
            r->body.len = len;
            r->body.cap = len + 1;
            out         = NULL;
        } else if (atomic_load(&ctx->stopping)) {
            serve_reply_text(r, MHD_HTTP_SERVICE_UNAVAILABLE, "the server is stopping");
        } else if (st == ILOKG_ERR_QUERY && opt.timeout > 0 && now_seconds() - t0 >= opt.timeout) {
            serve_reply_text(r, MHD_HTTP_SERVICE_UNAVAILABLE,
                             "%sthe query was stopped after the server's limit of %g s "
                             "(ilokg serve --timeout)",
                             msgs->ptr ? msgs->ptr : "", opt.timeout);
        } else {
            serve_reply_text(
                r, st == ILOKG_ERR_QUERY ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_INTERNAL_SERVER_ERROR,
                "%s", msgs->ptr ? msgs->ptr : ilokg_strerror(st));
        }
        serve_store_close(&s);
    }
    free(out);
    free(dg);
    free(ng);
}

static void
run_query(serve_ctx *ctx, const serve_request *rq, const ilokg_http_form *params, const char *query,
          serve_reply *r)
{
    ilokg_buf     msgs = ILOKG_BUF_INIT, base = ILOKG_BUF_INIT;
    ilokg_diag    diag;
    ilokg_source *src = NULL;
    ilokg_sparql *q   = NULL;
    serve_diag_init(&diag, &msgs);
    ilokg_status st = serve_endpoint_url(ctx, rq, &base);
    if (!st) {
        st = ilokg_source_from_bytes(&src, "query", query, strlen(query), &diag);
    }
    if (!st) {
        ilokg_prefix_table pt;
        ilokg_query_prefixes_for(&pt, NULL);
        ilokg_sparql_options po = {(const char *const(*)[2])pt.p, pt.n, base.ptr};
        st                      = ilokg_sparql_parse(&q, src, &po, &diag);
    }
    if (st) {
        serve_reply_text(
            r, st == ILOKG_ERR_NOMEM ? MHD_HTTP_INTERNAL_SERVER_ERROR : MHD_HTTP_BAD_REQUEST, "%s",
            msgs.ptr ? msgs.ptr : ilokg_strerror(st));
    } else {
        int graph            = q->form == ILOKG_FORM_CONSTRUCT || q->form == ILOKG_FORM_DESCRIBE;
        const answer_type *t = choose_type(rq, params, graph, r);
        if (t) {
            evaluate(ctx, q, params, base.ptr, t, r, &diag, &msgs);
        }
    }
    serve_reply_header(r, "Vary", "Accept");
    ilokg_sparql_free(q);
    ilokg_source_free(src);
    ilokg_buf_free(&msgs);
    ilokg_buf_free(&base);
}

/* ---- Service Description ---------------------------------------------------------------- */

static ilokg_status
sd_turtle(serve_ctx *ctx, const serve_request *rq, ilokg_qstore *store, ilokg_buf *b)
{
    ilokg_buf    ep = ILOKG_BUF_INIT;
    ilokg_status st = serve_endpoint_url(ctx, rq, &ep);
    if (!st) {
        st = ilokg_buf_printf(
            b,
            "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
            "@prefix fmt: <http://www.w3.org/ns/formats/> .\n"
            "@prefix void: <http://rdfs.org/ns/void#> .\n"
            "<%s> a sd:Service ;\n"
            "  sd:endpoint <%s> ;\n"
            "  sd:supportedLanguage sd:SPARQL11Query ;\n"
            "  sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML,\n"
            "    fmt:SPARQL_Results_CSV, fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples,\n"
            "    fmt:JSON-LD, fmt:RDF_XML ;\n"
            "  sd:feature sd:UnionDefaultGraph ;\n"
            "  sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;\n"
            "  sd:defaultDataset [ a sd:Dataset ;\n"
            "    void:sparqlEndpoint <%s> ;\n"
            "    sd:defaultGraph [ a sd:Graph ]",
            ep.ptr, ep.ptr, ep.ptr);
    }
    const ilokg_id *g = NULL;
    size_t          n = 0;
    if (!st) {
        st = ilokg_qstore_graphs(store, &g, &n);
    }
    for (size_t i = 0; !st && i < n; i++) {
        ilokg_qterm t;
        if (!(st = ilokg_qstore_term(store, g[i], &t)) && t.kind == ILOKG_QT_IRI) {
            st = ilokg_buf_printf(b, " ;\n    sd:namedGraph [ a sd:NamedGraph ; sd:name <%s> ]",
                                  t.lex);
        }
    }
    if (!st) {
        st = ilokg_buf_adds(b, " ] .\n");
    }
    ilokg_buf_free(&ep);
    return st;
}

static void
service_description(serve_ctx *ctx, const serve_request *rq, serve_reply *r)
{
    const char *types[8];
    for (size_t i = 0; i < serve_n_rdf_types; i++) {
        types[i] = serve_rdf_types[i].type;
    }
    int k = ilokg_http_choose(rq->accept, types, serve_n_rdf_types);
    serve_reply_header(r, "Vary", "Accept");
    if (k < 0) {
        serve_reply_text(r, MHD_HTTP_NOT_ACCEPTABLE,
                         "the Service Description is RDF: Accept text/turtle, "
                         "application/n-triples, application/ld+json or application/rdf+xml");
        return;
    }
    ilokg_buf     msgs = ILOKG_BUF_INIT, ttl = ILOKG_BUF_INIT;
    ilokg_diag    diag;
    serve_store   s;
    ilokg_qstore *mem = NULL;
    char         *out = NULL;
    size_t        len = 0;
    serve_diag_init(&diag, &msgs);
    ilokg_status st = serve_store_open(ctx, &s, &diag);
    if (!st) {
        st = sd_turtle(ctx, rq, s.store, &ttl);
        serve_store_close(&s);
    }
    if (!st && !(st = ilokg_qstore_mem_new(&mem)) &&
        !(st = ilokg_qstore_mem_load_bytes(mem, ttl.ptr, ttl.len, "service description", "turtle",
                                           NULL, NULL, &diag, NULL)) &&
        !(st = ilokg_qstore_mem_freeze(mem))) {
        FILE *fp = open_memstream(&out, &len);
        st = fp ? ilokg_describe_write(&diag, mem, serve_rdf_types[k].format, fp) : ILOKG_ERR_NOMEM;
        if (fp && fclose(fp) && !st) {
            st = ILOKG_ERR_NOMEM;
        }
    }
    if (st) {
        serve_reply_text(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "%s",
                         msgs.ptr ? msgs.ptr : ilokg_strerror(st));
    } else {
        serve_reply_type(r, serve_rdf_types[k].type);
        ilokg_buf_add(&r->body, out, len);
    }
    free(out);
    ilokg_qstore_free(mem);
    ilokg_buf_free(&ttl);
    ilokg_buf_free(&msgs);
}

/* ---- The endpoint ----------------------------------------------------------------------- */

/* Whether the media type of a Content-Type header (parameters aside) is type. */
static int
is_type(const char *content_type, const char *type)
{
    size_t n = strlen(type);
    if (!content_type) {
        return 0;
    }
    while (*content_type == ' ' || *content_type == '\t') {
        content_type++;
    }
    if (strncasecmp(content_type, type, n)) {
        return 0;
    }
    char c = content_type[n];
    return !c || c == ';' || c == ' ' || c == '\t';
}

void
serve_sparql(serve_ctx *ctx, const serve_request *rq, serve_reply *r)
{
    ilokg_http_form        form   = ILOKG_HTTP_FORM_INIT;
    const ilokg_http_form *params = &rq->args;
    const char            *query  = NULL;
    int                    post   = !strcmp(rq->method, "POST");
    if (post && is_type(rq->content_type, "application/x-www-form-urlencoded")) {
        if (ilokg_http_form_parse(&form, rq->body, rq->body_len)) {
            serve_reply_text(r, MHD_HTTP_BAD_REQUEST,
                             "the form is not application/x-www-form-urlencoded: a '%%' not "
                             "followed by two hexadecimal digits, or %%00");
            goto done;
        }
        params = &form;
    } else if (post && is_type(rq->content_type, "application/sparql-query")) {
        query = rq->body;
    } else if (post && !is_type(rq->content_type, "application/sparql-update")) {
        serve_reply_text(r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
                         "POST a query as application/x-www-form-urlencoded (query=...) or as "
                         "application/sparql-query, not %s",
                         rq->content_type ? rq->content_type : "without a Content-Type");
        goto done;
    }
    if ((post && is_type(rq->content_type, "application/sparql-update")) ||
        ilokg_http_form_count(params, "update")) {
        serve_reply_text(r, MHD_HTTP_BAD_REQUEST,
                         "SPARQL Update is not supported: ilokg serve is read-only (load new "
                         "data with 'ilokg load'; the server sees it at the next request)");
        goto done;
    }
    if (ilokg_http_form_count(params, "query") > 1 ||
        (query && ilokg_http_form_count(params, "query"))) {
        serve_reply_text(r, MHD_HTTP_BAD_REQUEST, "more than one query in the request");
        goto done;
    }
    if (!query) {
        query = ilokg_http_form_get(params, "query");
    }
    if (!query && post) {
        serve_reply_text(r, MHD_HTTP_BAD_REQUEST, "no query: send query=...");
    } else if (!query) {
        service_description(ctx, rq, r);
    } else if (query == rq->body && strlen(query) != rq->body_len) {
        serve_reply_text(r, MHD_HTTP_BAD_REQUEST, "the query holds a NUL byte");
    } else {
        run_query(ctx, rq, params, query, r);
    }
done:
    ilokg_http_form_free(&form);
}
