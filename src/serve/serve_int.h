/* SPDX-License-Identifier: Apache-2.0 */
/* Inside `ilokg serve`: the server's shared state, one request and its reply as the handlers
 * (serve_sparql.c, serve_linked.c) see them, apart from the HTTP library (serve.c). */
#ifndef ILOKG_SERVE_INT_H
#define ILOKG_SERVE_INT_H

#include <stdatomic.h>
#include <stddef.h>
#include <time.h>

#include "ilokg.h"
#include "query/qstore.h"
#include "serve/http.h"
#include "util/buf.h"
#include "util/status.h"

/** What every request reads; set up before the server starts, read-only afterwards (but for
 *  stopping). */
typedef struct {
    const ilokg_serve_options *opt;
    const char                *base;    /* the resource IRI base ("https://w3id.org/ilokg/id/") */
    char                      *root;    /* the site it is part of: base without its last segment */
    char                      *id_path; /* where base is served ("/id/"): base's last segment */
    const char                *data_dir;
    char                      *store_dir;
    ilokg_qstore              *mem;      /* the --data files, frozen; NULL when serving the store */
    time_t                     mem_time; /* when the --data files were read */
    ilokg_qstore *ontology; /* ontology/ilokg.ttl of the data directory, frozen, or NULL */
    atomic_int    stopping; /* non-zero: running queries are cancelled */
    atomic_uint   port;     /* the port listened on, once known */
} serve_ctx;

/** Whether the server is stopping (payload: the serve_ctx); the evaluator's cancel callback. */
int serve_is_stopping(void *payload);

/** One request, complete. Strings are borrowed for the duration of the handler. */
typedef struct {
    const char     *method, *path; /* path as sent, not percent-decoded, without the query */
    const char     *accept, *content_type, *if_none_match, *host;
    ilokg_http_form args; /* the URL's query string, decoded */
    const char     *body; /* NULL when none */
    size_t          body_len;
} serve_request;

#define SERVE_MAX_HEADERS 8

/** A reply being built: status, media type, body, extra headers. */
typedef struct {
    unsigned  status;
    char      type[96];
    ilokg_buf body;
    char     *headers[SERVE_MAX_HEADERS][2]; /* name (static), value (owned) */
    size_t    n_headers;
} serve_reply;

/** The store a request reads, and the generation it is (for ETag and Last-Modified). */
typedef struct {
    ilokg_qstore *store; /* owned when opened for this request, else the server's (mem) */
    int           owned;
    char          tag[96]; /* the generation, usable inside an entity tag */
    time_t        mtime;
} serve_store;

/** Opens the data a request reads: the --data store, else the persistent store's current
 *  generation. Errors are reported to diag. */
ilokg_status serve_store_open(serve_ctx *ctx, serve_store *out, ilokg_diag *diag);
void         serve_store_close(serve_store *s);

/** A diagnostics sink that writes each message as the tool does ("query:2:7: error: ...", the
 *  line and a caret) into out. */
void serve_diag_init(ilokg_diag *diag, ilokg_buf *out);

/** Sets the reply's status, type and body to a plain-text message (fmt, then a newline). */
void serve_reply_text(serve_reply *r, unsigned status, const char *fmt, ...) ILOKG_PRINTF(3, 4);
/** Adds a header to the reply (value formatted, copied); silently dropped past the maximum. */
void serve_reply_header(serve_reply *r, const char *name, const char *fmt, ...) ILOKG_PRINTF(3, 4);
/** Sets the reply's media type. */
void serve_reply_type(serve_reply *r, const char *type);
/** Whether the request's If-None-Match names etag; then sets a 304 reply with it. */
int serve_not_modified(const serve_request *rq, serve_reply *r, const char *etag);
/** The URL of the endpoint the client reached: "http://HOST/sparql" (Host header, when
 *  well-formed, else the address listened on), into out. */
ilokg_status serve_endpoint_url(const serve_ctx *ctx, const serve_request *rq, ilokg_buf *out);

/** The RDF formats a document is offered in, in the order of preference for "*" + "/" + "*". */
typedef struct {
    const char  *type; /* media type */
    const char  *ext;  /* file extension of the variant (".ttl" without the dot) */
    ilokg_format format;
} serve_rdf_type;
extern const serve_rdf_type serve_rdf_types[];
extern const size_t         serve_n_rdf_types;

/** The SPARQL 1.1 Protocol at /sparql (serve_sparql.c). */
void serve_sparql(serve_ctx *ctx, const serve_request *rq, serve_reply *r);
/** Everything else: the linked data, the VoID, the ontology and the pages (serve_linked.c). */
void serve_linked(serve_ctx *ctx, const serve_request *rq, serve_reply *r);

#endif
