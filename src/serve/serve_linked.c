/* SPDX-License-Identifier: Apache-2.0 */
/* Linked data (serve_int.h): every IRI under the base answers at its path with 303 See Other to
 * its description document (Cool URIs for the Semantic Web, section 4.3), which is served in the
 * format Accept prefers or the one its extension names, with an ETag and Last-Modified from the
 * store's generation and Link headers to the other formats; the ontology at its namespace (hash
 * IRIs: no redirect) and the VoID at /.well-known/void. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "serve/describe.h"
#include "serve/page.h"
#include "serve/serve_int.h"

#define DOC_PATH "/doc/"
#define VOID_PATH "/.well-known/void"
#define NS_PATH "/ns"

/* The formats of a document: its RDF, then (for resources) its HTML page. RDF is first so that
 * a client asking for anything gets data; browsers ask for text/html first. */
typedef struct {
    const char  *type, *content_type, *ext;
    ilokg_format format;
    int          html;
} doc_type;

static const doc_type doc_types[] = {
    {"text/turtle", "text/turtle; charset=utf-8", "ttl", ILOKG_FORMAT_TURTLE, 0},
    {"application/n-triples", "application/n-triples", "nt", ILOKG_FORMAT_NTRIPLES, 0},
    {"application/ld+json", "application/ld+json", "jsonld", ILOKG_FORMAT_JSONLD, 0},
    {"application/rdf+xml", "application/rdf+xml", "rdf", ILOKG_FORMAT_RDFXML, 0},
    {"text/html", "text/html; charset=utf-8", "html", ILOKG_FORMAT_TURTLE, 1},
};
#define N_DOC_TYPES (sizeof doc_types / sizeof doc_types[0])
#define N_RDF_TYPES (N_DOC_TYPES - 1) /* the VoID and the ontology: no page */

/* Where the pages link local resources: their description documents. */
#define PAGE_BASE DOC_PATH

/* What the description of a resource is written from. */
typedef enum { FROM_RESOURCE, FROM_VOID, FROM_ONTOLOGY } doc_source;

/* A document of the site: its path without extension, its variant, and what fills it. */
typedef struct {
    const char *path; /* "/doc/actor/ILO", "/.well-known/void", "/ns" */
    const char *iri;  /* the resource described (FROM_RESOURCE) */
    doc_source  from;
    int         variant; /* index in doc_types */
    int         negotiated;
} doc_request;

static int
starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* The variant an extension names at the end of path (its length without it in *len), or -1. */
static int
variant_of_path(const char *path, size_t *len)
{
    const char *dot   = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    *len              = strlen(path);
    if (!dot || (slash && dot < slash)) {
        return -1;
    }
    for (size_t i = 0; i < N_DOC_TYPES; i++) {
        if (!strcmp(dot + 1, doc_types[i].ext)) {
            *len = (size_t)(dot - path);
            return (int)i;
        }
    }
    return -1;
}

/* The document type Accept prefers among the first n of doc_types, or -1. */
static int
negotiate(const serve_request *rq, size_t n)
{
    const char *types[N_DOC_TYPES];
    for (size_t i = 0; i < n; i++) {
        types[i] = doc_types[i].type;
    }
    return ilokg_http_choose(rq->accept, types, n);
}

/* An HTTP date (RFC 9110 5.6.7), locale-free. */
static void
http_date(char out[32], time_t t)
{
    static const char *const days[]   = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm                tm;
    gmtime_r(&t, &tm);
    snprintf(out, 32, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void
add_links(serve_reply *r, const doc_request *d)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    size_t    n = d->from == FROM_RESOURCE ? N_DOC_TYPES : N_RDF_TYPES;
    for (size_t i = 0; i < n; i++) {
        ilokg_buf_printf(&b, "%s<%s.%s>; rel=\"alternate\"; type=\"%s\"", i ? ", " : "", d->path,
                         doc_types[i].ext, doc_types[i].type);
    }
    if (d->iri) {
        ilokg_buf_printf(&b, ", <%s>; rel=\"describes\"", d->iri);
    }
    if (b.ptr) {
        serve_reply_header(r, "Link", "%s", b.ptr);
    }
    ilokg_buf_free(&b);
}

/* Copies what the document describes into mem; ILOKG_ERR_NOT_FOUND when nothing. */
static ilokg_status
collect(serve_ctx *ctx, const serve_request *rq, const doc_request *d, ilokg_qstore *store,
        ilokg_qstore *mem)
{
    if (d->from == FROM_RESOURCE) {
        return ilokg_describe_collect(mem, store, d->iri, NULL);
    }
    /* The VoID: the export's graph of it, else the dataset's own triples; plus the endpoint. */
    ilokg_buf    g = ILOKG_BUF_INIT, ds = ILOKG_BUF_INIT, ep = ILOKG_BUF_INIT;
    ilokg_status st = ilokg_buf_printf(&g, "%sgraph/dataset", ctx->base);
    if (!st) {
        st = ilokg_buf_printf(&ds, "%sdataset", ctx->base);
    }
    if (!st) {
        st = ilokg_describe_collect_graph(mem, store, g.ptr, NULL);
        if (st == ILOKG_ERR_NOT_FOUND) {
            st = ilokg_describe_collect(mem, store, ds.ptr, NULL);
        }
    }
    if (!st) {
        st = serve_endpoint_url(ctx, rq, &ep);
    }
    if (!st) {
        st = ilokg_describe_add(mem, ds.ptr, "http://rdfs.org/ns/void#sparqlEndpoint", ep.ptr, 0,
                                NULL);
    }
    ilokg_buf_free(&g);
    ilokg_buf_free(&ds);
    ilokg_buf_free(&ep);
    return st;
}

/* Writes the document's RDF into the reply. */
static ilokg_status
write_rdf(serve_ctx *ctx, const serve_request *rq, const doc_request *d, ilokg_qstore *store,
          serve_reply *r, ilokg_diag *diag)
{
    ilokg_qstore *mem = NULL, *from = ctx->ontology;
    char         *out = NULL;
    size_t        len = 0;
    ilokg_status  st  = ILOKG_OK;
    if (doc_types[d->variant].html) {
        ilokg_page_options po = ILOKG_PAGE_OPTIONS_INIT;
        po.base               = PAGE_BASE;
        po.ns                 = ctx->base;
        return ilokg_page_resource_opt(diag, store, &po, d->iri, &r->body);
    }
    if (d->from != FROM_ONTOLOGY) {
        st = ilokg_qstore_mem_new(&mem);
        if (!st) {
            st = collect(ctx, rq, d, store, mem);
        }
        if (!st) {
            st = ilokg_qstore_mem_freeze(mem);
        }
        from = mem;
    } else if (!from) {
        st = ILOKG_ERR_NOT_FOUND;
    }
    if (!st) {
        FILE *fp = open_memstream(&out, &len);
        st       = fp ? ilokg_describe_write(diag, from, doc_types[d->variant].format, fp)
                      : ILOKG_ERR_NOMEM;
        if (fp && fclose(fp) && !st) {
            st = ILOKG_ERR_NOMEM;
        }
    }
    if (!st) {
        st = ilokg_buf_add(&r->body, out, len);
    }
    free(out);
    ilokg_qstore_free(mem);
    return st;
}

static void
serve_document(serve_ctx *ctx, const serve_request *rq, const doc_request *d, serve_reply *r)
{
    ilokg_buf   msgs = ILOKG_BUF_INIT;
    ilokg_diag  diag;
    serve_store s;
    char        etag[160], date[32];
    serve_diag_init(&diag, &msgs);
    if (d->negotiated) {
        serve_reply_header(r, "Vary", "Accept");
        serve_reply_header(r, "Content-Location", "%s.%s", d->path, doc_types[d->variant].ext);
    }
    add_links(r, d);
    if (serve_store_open(ctx, &s, &diag)) {
        serve_reply_text(r, MHD_HTTP_SERVICE_UNAVAILABLE, "the store cannot be read:\n%s",
                         msgs.ptr ? msgs.ptr : "");
        ilokg_buf_free(&msgs);
        return;
    }
    /* The ontology is the data directory's, read at start: the server's start tags it. */
    snprintf(etag, sizeof etag, "\"%s-%s\"", d->from == FROM_ONTOLOGY ? "ns" : s.tag,
             doc_types[d->variant].ext);
    http_date(date, d->from == FROM_ONTOLOGY ? ctx->mem_time : s.mtime);
    serve_reply_header(r, "ETag", "%s", etag);
    serve_reply_header(r, "Last-Modified", "%s", date);
    if (!serve_not_modified(rq, r, etag)) {
        ilokg_status st = write_rdf(ctx, rq, d, s.store, r, &diag);
        if (st == ILOKG_ERR_NOT_FOUND) {
            serve_reply_text(r, MHD_HTTP_NOT_FOUND, "nothing is said about <%s> in the graph",
                             d->iri ? d->iri : d->path);
        } else if (st) {
            serve_reply_text(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "%s",
                             msgs.ptr ? msgs.ptr : ilokg_strerror(st));
        } else {
            serve_reply_type(r, doc_types[d->variant].content_type);
        }
    }
    serve_store_close(&s);
    ilokg_buf_free(&msgs);
}

/* A thing under the base: 303 See Other to its description in the format Accept prefers. */
static void
serve_thing(serve_ctx *ctx, const serve_request *rq, const char *rest, serve_reply *r)
{
    ilokg_buf   iri = ILOKG_BUF_INIT, msgs = ILOKG_BUF_INIT;
    ilokg_diag  diag;
    serve_store s;
    ilokg_id    id = ILOKG_ID_NONE;
    serve_diag_init(&diag, &msgs);
    serve_reply_header(r, "Vary", "Accept");
    if (ilokg_buf_printf(&iri, "%s%s", ctx->base, rest)) {
        serve_reply_text(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    } else if (serve_store_open(ctx, &s, &diag)) {
        serve_reply_text(r, MHD_HTTP_SERVICE_UNAVAILABLE, "the store cannot be read:\n%s",
                         msgs.ptr ? msgs.ptr : "");
    } else {
        ilokg_qterm t = {ILOKG_QT_IRI, iri.ptr, iri.len, NULL, NULL};
        if (ilokg_qstore_find(s.store, &t, &id) || id == ILOKG_ID_NONE) {
            serve_reply_text(r, MHD_HTTP_NOT_FOUND, "<%s> is not in the graph", iri.ptr);
        } else {
            int k = negotiate(rq, N_DOC_TYPES);
            serve_reply_text(r, MHD_HTTP_SEE_OTHER, "See %s%s%s%s", DOC_PATH, rest,
                             k < 0 ? "" : ".", k < 0 ? "" : doc_types[k].ext);
            serve_reply_header(r, "Location", "%s%s%s%s", DOC_PATH, rest, k < 0 ? "" : ".",
                               k < 0 ? "" : doc_types[k].ext);
        }
        serve_store_close(&s);
    }
    ilokg_buf_free(&iri);
    ilokg_buf_free(&msgs);
}

/* Sets up a document request from its path; 0 (and the reply set) when it cannot be served. */
static int
document_of(serve_ctx *ctx, const serve_request *rq, doc_request *d, ilokg_buf *path,
            ilokg_buf *iri, serve_reply *r)
{
    size_t len = 0;
    d->variant = variant_of_path(rq->path, &len);
    if (ilokg_buf_add(path, rq->path, len)) {
        return 0;
    }
    d->path  = path->ptr;
    d->from  = !strcmp(path->ptr, VOID_PATH) ? FROM_VOID
               : !strcmp(path->ptr, NS_PATH) ? FROM_ONTOLOGY
                                             : FROM_RESOURCE;
    size_t n = d->from == FROM_RESOURCE ? N_DOC_TYPES : N_RDF_TYPES;
    if (d->variant >= (int)n) {
        serve_reply_text(r, MHD_HTTP_NOT_FOUND, "%s is served as RDF only", d->path);
        return 0;
    }
    if (d->variant < 0) {
        d->negotiated = 1;
        d->variant    = negotiate(rq, n);
    }
    if (d->variant < 0) {
        serve_reply_header(r, "Vary", "Accept");
        serve_reply_text(r, MHD_HTTP_NOT_ACCEPTABLE,
                         "documents are served as text/turtle, application/n-triples, "
                         "application/ld+json, application/rdf+xml%s (or add .ttl, .nt, "
                         ".jsonld, .rdf%s to the path)",
                         n == N_DOC_TYPES ? " or text/html" : "",
                         n == N_DOC_TYPES ? ", .html" : "");
        return 0;
    }
    if (d->from == FROM_RESOURCE) {
        d->from = FROM_RESOURCE;
        if (ilokg_buf_printf(iri, "%s%s", ctx->base, path->ptr + strlen(DOC_PATH))) {
            return 0;
        }
        d->iri = iri->ptr;
    }
    return 1;
}

/* The query page: the editor and the canned queries of the data directory. */
static void
serve_query_page(serve_ctx *ctx, serve_reply *r)
{
    ilokg_buf          msgs = ILOKG_BUF_INIT;
    ilokg_diag         diag;
    ilokg_page_options po = ILOKG_PAGE_OPTIONS_INIT;
    po.base               = PAGE_BASE;
    po.ns                 = ctx->base;
    po.endpoint           = "/sparql";
    serve_diag_init(&diag, &msgs);
    ilokg_status st = ilokg_page_query_opt(&diag, ctx->data_dir, &po, &r->body);
    if (st) {
        serve_reply_text(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "%s",
                         msgs.ptr ? msgs.ptr : ilokg_strerror(st));
    } else {
        serve_reply_type(r, "text/html; charset=utf-8");
    }
    ilokg_buf_free(&msgs);
}

void
serve_linked(serve_ctx *ctx, const serve_request *rq, serve_reply *r)
{
    const char *p = rq->path;
    if (!strcmp(p, "/") || !strcmp(p, "/index.html")) {
        serve_query_page(ctx, r);
        return;
    }
    if (starts_with(p, ctx->id_path) && p[strlen(ctx->id_path)]) {
        serve_thing(ctx, rq, p + strlen(ctx->id_path), r);
        return;
    }
    if (!(starts_with(p, DOC_PATH) && p[strlen(DOC_PATH)]) && !starts_with(p, VOID_PATH) &&
        !starts_with(p, NS_PATH)) {
        serve_reply_text(r, MHD_HTTP_NOT_FOUND,
                         "nothing here: the resources are under %s, their descriptions under "
                         "%s, the SPARQL endpoint at /sparql, the VoID at %s",
                         ctx->id_path, DOC_PATH, VOID_PATH);
        return;
    }
    doc_request d    = {NULL, NULL, FROM_RESOURCE, -1, 0};
    ilokg_buf   path = ILOKG_BUF_INIT, iri = ILOKG_BUF_INIT;
    if (document_of(ctx, rq, &d, &path, &iri, r)) {
        if (d.from != FROM_RESOURCE || starts_with(d.path, DOC_PATH)) {
            serve_document(ctx, rq, &d, r);
        } else {
            serve_reply_text(r, MHD_HTTP_NOT_FOUND, "nothing here");
        }
    }
    ilokg_buf_free(&path);
    ilokg_buf_free(&iri);
}
