/* SPDX-License-Identifier: Apache-2.0 */
/* `ilokg serve`: the HTTP server (libmicrohttpd, a pool of threads) around the handlers of
 * serve_sparql.c and serve_linked.c: a request's body gathered up to the size limit, the reply
 * sent with the CORS headers, the data opened per request, a clean stop. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "graph/world.h"
#include "query/run.h"
#include "serve/serve_int.h"
#include "util/io.h"

/* ---- HTTP ----------------------------------------------------------------------------------- */

/* What a connection gathers of its current request before the handler runs. */
typedef struct {
    ilokg_buf body;
    int       has_body, too_big, answered;
} conn_state;

static enum MHD_Result
add_arg(void *payload, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    return ilokg_http_form_add_raw(payload, key, value) ? MHD_NO : MHD_YES;
}

/* Paths and query strings are decoded here (ilokg_http_form_add_raw), not by the library: an IRI
 * with a percent-encoded character must keep it. */
static size_t
keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

static void
add_cors(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
    MHD_add_response_header(resp, "Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
    MHD_add_response_header(resp, "Access-Control-Allow-Headers",
                            "Accept, Content-Type, If-None-Match");
    MHD_add_response_header(resp, "Access-Control-Expose-Headers",
                            "ETag, Link, Location, Content-Location, Vary");
}

static enum MHD_Result
send_reply(struct MHD_Connection *con, serve_reply *r)
{
    size_t               len  = r->body.len;
    char                *body = ilokg_buf_detach(&r->body);
    struct MHD_Response *resp =
        body ? MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE) : NULL;
    if (!resp) {
        free(body);
        return MHD_NO;
    }
    if (r->type[0]) {
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type);
    }
    for (size_t i = 0; i < r->n_headers; i++) {
        MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
    }
    add_cors(resp);
    enum MHD_Result ret = MHD_queue_response(con, r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void
reply_free(serve_reply *r)
{
    ilokg_buf_free(&r->body);
    for (size_t i = 0; i < r->n_headers; i++) {
        free(r->headers[i][1]);
    }
}

static void
route(serve_ctx *ctx, const serve_request *rq, serve_reply *r)
{
    int get    = !strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD");
    int sparql = !strcmp(rq->path, "/sparql");
    if (!strcmp(rq->method, "OPTIONS")) {
        r->status = MHD_HTTP_NO_CONTENT;
        serve_reply_header(r, "Allow", "%s",
                           sparql ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD, OPTIONS");
        serve_reply_header(r, "Access-Control-Max-Age", "86400");
    } else if (sparql && (get || !strcmp(rq->method, "POST"))) {
        serve_sparql(ctx, rq, r);
    } else if (get) {
        serve_linked(ctx, rq, r);
    } else {
        serve_reply_text(r, MHD_HTTP_METHOD_NOT_ALLOWED,
                         "%s is not allowed here: ilokg serve is read-only (GET, HEAD, and POST "
                         "of a query to /sparql)",
                         rq->method);
        serve_reply_header(r, "Allow", "%s",
                           sparql ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD, OPTIONS");
    }
}

static enum MHD_Result
answer(serve_ctx *ctx, struct MHD_Connection *con, const char *url, const char *method,
       conn_state *cs)
{
    serve_reply   r  = {.status = MHD_HTTP_OK};
    serve_request rq = {.method = method, .path = url};
    rq.accept        = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
    rq.content_type =
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    rq.if_none_match =
        MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    rq.host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    if (cs->has_body) {
        rq.body     = cs->body.ptr ? cs->body.ptr : "";
        rq.body_len = cs->body.len;
    }
    if (cs->too_big) {
        serve_reply_text(&r, MHD_HTTP_CONTENT_TOO_LARGE,
                         "the request's body is over the server's limit of %zu bytes "
                         "(--max-request)",
                         ctx->opt->max_request);
    } else if (MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, add_arg, &rq.args) < 0) {
        serve_reply_text(&r, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    } else {
        route(ctx, &rq, &r);
    }
    enum MHD_Result ret = send_reply(con, &r);
    reply_free(&r);
    ilokg_http_form_free(&rq.args);
    return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *con, const char *url, const char *method,
           const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    serve_ctx  *ctx = cls;
    conn_state *cs  = *con_cls;
    (void)version;
    if (!cs) {
        if (!(cs = calloc(1, sizeof *cs))) {
            return MHD_NO;
        }
        *con_cls = cs;
        const char *len =
            MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        /* Refused before reading it: the client is told at once, the body never stored. */
        if (len && strtoull(len, NULL, 10) > ctx->opt->max_request) {
            cs->too_big  = 1;
            cs->answered = 1;
            return answer(ctx, con, url, method, cs);
        }
        return MHD_YES;
    }
    if (cs->answered) {
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        cs->has_body = 1;
        if (!cs->too_big && cs->body.len + *upload_size <= ctx->opt->max_request) {
            cs->too_big = ilokg_buf_add(&cs->body, upload, *upload_size) != ILOKG_OK;
        } else {
            cs->too_big = 1;
            ilokg_buf_free(&cs->body);
        }
        *upload_size = 0;
        return MHD_YES;
    }
    cs->has_body |= !strcmp(method, "POST");
    cs->answered = 1;
    return answer(ctx, con, url, method, cs);
}

static void
on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    conn_state *cs = *con_cls;
    (void)cls;
    (void)con;
    (void)toe;
    if (cs) {
        ilokg_buf_free(&cs->body);
        free(cs);
        *con_cls = NULL;
    }
}

/* ---- Start and stop ------------------------------------------------------------------------- */

/* The site root and the path base is served at: "https://w3id.org/ilokg/id/" is served at
 * "/id/" of the site "https://w3id.org/ilokg/" (the w3id namespace redirects there). */
static ilokg_status
split_base(serve_ctx *ctx, ilokg_diag *diag)
{
    const char *b   = ctx->base;
    size_t      len = strlen(b);
    const char *s   = strstr(b, "://");
    if (!s || len < 2 || b[len - 1] != '/') {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                               "--base %s: an absolute IRI ending in '/' is needed", b);
    }
    size_t last = len - 1;
    while (last > 0 && b[last - 1] != '/') {
        last--;
    }
    if (b + last <= strchr(s + 3, '/')) {
        ctx->root    = ilokg_strndup(b, len);
        ctx->id_path = ilokg_strndup("/", 1);
    } else {
        ctx->root   = ilokg_strndup(b, last);
        ilokg_buf p = ILOKG_BUF_INIT;
        if (!ilokg_buf_printf(&p, "/%s", b + last)) {
            ctx->id_path = ilokg_buf_detach(&p);
        }
        ilokg_buf_free(&p);
    }
    return ctx->root && ctx->id_path ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

/* The --data files in one frozen store whose default graph is the union of them all. */
static ilokg_status
load_data(serve_ctx *ctx, ilokg_diag *diag)
{
    const ilokg_serve_options *opt = ctx->opt;
    ilokg_status               st  = ilokg_qstore_mem_new(&ctx->mem);
    for (size_t i = 0; !st && i < opt->n_data; i++) {
        st =
            ilokg_qstore_mem_load(ctx->mem, opt->data[i], opt->data_format, NULL, NULL, diag, NULL);
    }
    if (!st) {
        st = ilokg_qstore_mem_add_union(ctx->mem);
    }
    ctx->mem_time = time(NULL);
    return st ? st : ilokg_qstore_mem_freeze(ctx->mem);
}

static ilokg_status
load_ontology(serve_ctx *ctx, const ilokg_world *world)
{
    char        *path  = ilokg_world_data_path(world, "ontology/ilokg.ttl");
    ilokg_diag   quiet = {NULL, NULL, 0, 0};
    ilokg_status st    = path ? ilokg_qstore_mem_new(&ctx->ontology) : ILOKG_ERR_NOMEM;
    if (!st && ilokg_qstore_mem_load(ctx->ontology, path, "turtle", NULL, NULL, &quiet, NULL)) {
        ilokg_qstore_free(ctx->ontology); /* served as 404 then: the data directory lacks it */
        ctx->ontology = NULL;
    } else if (!st) {
        st = ilokg_qstore_mem_freeze(ctx->ontology);
    }
    free(path);
    return st;
}

static ilokg_status
setup(serve_ctx *ctx, ilokg_world *world)
{
    ilokg_status st = split_base(ctx, &world->diag);
    if (!st && !(ctx->store_dir = ilokg_strndup(ilokg_store_dir(ctx->opt->store),
                                                strlen(ilokg_store_dir(ctx->opt->store))))) {
        st = ILOKG_ERR_NOMEM;
    }
    if (!st && ctx->opt->n_data) {
        st = load_data(ctx, &world->diag);
    } else if (!st) {
        /* Refused now rather than at every request: there must be a store to serve. */
        serve_store s;
        if (!(st = serve_store_open(ctx, &s, &world->diag))) {
            serve_store_close(&s);
        }
    }
    return st ? st : load_ontology(ctx, world);
}

static ilokg_status
listen_addr(struct sockaddr_storage *ss, const ilokg_serve_options *opt, int *v6, ilokg_diag *diag)
{
    const char *l = opt->listen ? opt->listen : "127.0.0.1";
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in  *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    *v6                     = strchr(l, ':') != NULL;
    if (*v6 ? inet_pton(AF_INET6, l, &a6->sin6_addr) != 1
            : inet_pton(AF_INET, l, &a4->sin_addr) != 1) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                               "--listen %s: not an IPv4 or IPv6 address", l);
    }
    if (opt->port > 65535) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0, "--port %u: over 65535",
                               opt->port);
    }
    if (*v6) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port   = htons((uint16_t)opt->port);
    } else {
        a4->sin_family = AF_INET;
        a4->sin_port   = htons((uint16_t)opt->port);
    }
    return ILOKG_OK;
}

/* Waits until the stop descriptor is readable (or closed). */
static void
wait_for_stop(int fd)
{
    struct pollfd p = {fd, POLLIN, 0};
    while (poll(&p, fd >= 0 ? 1 : 0, -1) < 0 && errno == EINTR) {
    }
}

static ilokg_status
run_daemon(serve_ctx *ctx, ilokg_diag *diag)
{
    const ilokg_serve_options *opt = ctx->opt;
    struct sockaddr_storage    ss;
    int                        v6 = 0;
    ilokg_status               st = listen_addr(&ss, opt, &v6, diag);
    if (st) {
        return st;
    }
    unsigned           threads = opt->threads ? opt->threads : 1;
    unsigned           flags   = MHD_USE_AUTO_INTERNAL_THREAD | (v6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d       = MHD_start_daemon(
              flags, (uint16_t)opt->port, NULL, NULL, on_request, ctx, MHD_OPTION_SOCK_ADDR, &ss,
              MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, threads * 64u,
              MHD_OPTION_CONNECTION_TIMEOUT, opt->idle_timeout, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
              ctx, MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL, MHD_OPTION_END);
    if (!d) {
        return ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0,
                               "cannot listen on %s port %u: %s (is the port taken?)",
                               opt->listen ? opt->listen : "127.0.0.1", opt->port, strerror(errno));
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned                    port = info ? info->port : opt->port;
    atomic_store(&ctx->port, port);
    if (opt->ready) {
        ilokg_buf   url = ILOKG_BUF_INIT;
        const char *l   = opt->listen ? opt->listen : "127.0.0.1";
        if (!ilokg_buf_printf(&url, v6 ? "http://[%s]:%u/" : "http://%s:%u/", l, port)) {
            opt->ready(url.ptr, opt->payload);
        }
        ilokg_buf_free(&url);
    }
    wait_for_stop(opt->stop_fd);
    /* Queries under way see the flag and stop; the threads end with their requests. */
    atomic_store(&ctx->stopping, 1);
    MHD_stop_daemon(d);
    return ILOKG_OK;
}

ilokg_status
ilokg_serve(ilokg_world *world, const ilokg_serve_options *opt)
{
    serve_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.opt      = opt;
    ctx.base     = opt->base ? opt->base : ILOKG_DEFAULT_BASE;
    ctx.data_dir = ilokg_world_data_dir(world);
    atomic_init(&ctx.stopping, 0);
    atomic_init(&ctx.port, opt->port);
    ilokg_status st = setup(&ctx, world);
    if (!st) {
        st = run_daemon(&ctx, &world->diag);
    }
    ilokg_qstore_free(ctx.mem);
    ilokg_qstore_free(ctx.ontology);
    free(ctx.store_dir);
    free(ctx.root);
    free(ctx.id_path);
    return st;
}
