/* SPDX-License-Identifier: Apache-2.0 */
/* What the handlers of ilokg serve share (serve_int.h): replies, diagnostics into a reply, the
 * store a request reads, the endpoint's URL. Kept apart from serve.c, which calls the handlers,
 * so that calls go one way. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "serve/serve_int.h"
#include "util/io.h"

const serve_rdf_type serve_rdf_types[] = {
    {"text/turtle", "ttl", ILOKG_FORMAT_TURTLE},
    {"application/n-triples", "nt", ILOKG_FORMAT_NTRIPLES},
    {"application/ld+json", "jsonld", ILOKG_FORMAT_JSONLD},
    {"application/rdf+xml", "rdf", ILOKG_FORMAT_RDFXML},
};
const size_t serve_n_rdf_types = sizeof serve_rdf_types / sizeof serve_rdf_types[0];

/* ---- Diagnostics into a reply --------------------------------------------------------------- */

static void
collect_message(const ilokg_message *m, void *payload)
{
    ilokg_buf  *b   = payload;
    const char *lvl = m->level == ILOKG_LEVEL_ERROR     ? "error"
                      : m->level == ILOKG_LEVEL_WARNING ? "warning"
                                                        : "note";
    ilokg_buf_adds(b, m->file ? m->file : "ilokg");
    if (m->file && m->line && m->col) {
        ilokg_buf_printf(b, ":%zu:%zu", m->line, m->col);
    } else if (m->file && m->line) {
        ilokg_buf_printf(b, ":%zu", m->line);
    }
    ilokg_buf_printf(b, ": %s: %s\n", lvl, m->text);
    if (m->excerpt) {
        size_t col = 1;
        ilokg_buf_printf(b, " %s\n ", m->excerpt);
        for (const char *p = m->excerpt; *p && col < m->excerpt_col; p++) {
            if (((unsigned char)*p & 0xC0) != 0x80) {
                ilokg_buf_addc(b, *p == '\t' ? '\t' : ' ');
                col++;
            }
        }
        ilokg_buf_adds(b, "^\n");
    }
}

void
serve_diag_init(ilokg_diag *diag, ilokg_buf *out)
{
    memset(diag, 0, sizeof *diag);
    diag->sink    = collect_message;
    diag->payload = out;
}

/* ---- Replies -------------------------------------------------------------------------------- */

void
serve_reply_type(serve_reply *r, const char *type)
{
    snprintf(r->type, sizeof r->type, "%s", type);
}

void
serve_reply_text(serve_reply *r, unsigned status, const char *fmt, ...)
{
    va_list ap;
    r->status   = status;
    r->body.len = 0;
    serve_reply_type(r, "text/plain; charset=utf-8");
    va_start(ap, fmt);
    ilokg_buf_vprintf(&r->body, fmt, ap);
    va_end(ap);
    ilokg_buf_addc(&r->body, '\n');
}

void
serve_reply_header(serve_reply *r, const char *name, const char *fmt, ...)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    va_list   ap;
    va_start(ap, fmt);
    ilokg_status st = ilokg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (st || r->n_headers == SERVE_MAX_HEADERS) {
        ilokg_buf_free(&b);
        return;
    }
    r->headers[r->n_headers][0] = (char *)name;
    r->headers[r->n_headers][1] = ilokg_buf_detach(&b);
    r->n_headers++;
}

int
serve_not_modified(const serve_request *rq, serve_reply *r, const char *etag)
{
    if (!ilokg_http_etag_matches(rq->if_none_match, etag)) {
        return 0;
    }
    r->status   = MHD_HTTP_NOT_MODIFIED;
    r->body.len = 0;
    r->type[0]  = '\0';
    return 1;
}

/* Whether a Host header is a host name or address and port, nothing else (it is written into
 * the Service Description and the VoID). */
static int
host_ok(const char *h)
{
    if (!h || !*h || strlen(h) > 255) {
        return 0;
    }
    for (const char *p = h; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == ':' || c == '[' || c == ']')) {
            return 0;
        }
    }
    return 1;
}

ilokg_status
serve_endpoint_url(const serve_ctx *ctx, const serve_request *rq, ilokg_buf *out)
{
    if (host_ok(rq->host)) {
        return ilokg_buf_printf(out, "http://%s/sparql", rq->host);
    }
    const char *l = ctx->opt->listen ? ctx->opt->listen : "127.0.0.1";
    return ilokg_buf_printf(out, strchr(l, ':') ? "http://[%s]:%u/sparql" : "http://%s:%u/sparql",
                            l, atomic_load(&ctx->port));
}

/* ---- The data of a request ------------------------------------------------------------------ */

/* The persistent store's current generation: the directory its link points at (so that the
 * generation named is the one opened), its name as the tag. A store that is a plain directory
 * (older ilokg) is tagged by its data file's time and size. */
static ilokg_status
open_generation(serve_ctx *ctx, serve_store *s, ilokg_diag *diag)
{
    char        target[1024];
    ssize_t     n   = readlink(ctx->store_dir, target, sizeof target - 1);
    char       *dir = NULL;
    struct stat sb;
    if (n > 0) {
        target[n]       = '\0';
        const char *sl  = strrchr(ctx->store_dir, '/');
        char       *par = sl ? ilokg_strndup(ctx->store_dir, (size_t)(sl - ctx->store_dir + 1))
                             : ilokg_strndup("", 0);
        dir             = par && target[0] != '/' ? ilokg_path_join(par, target)
                                                  : ilokg_strndup(target, (size_t)n);
        free(par);
        if (!dir) {
            return ILOKG_ERR_NOMEM;
        }
        const char *base = strrchr(target, '/');
        snprintf(s->tag, sizeof s->tag, "%.90s", base ? base + 1 : target);
    }
    const char  *path = dir ? dir : ctx->store_dir;
    char        *data = ilokg_path_join(path, "data.mdb");
    ilokg_status st   = data ? ILOKG_OK : ILOKG_ERR_NOMEM;
    if (!st && !stat(data, &sb)) {
        s->mtime = sb.st_mtime;
        if (!dir) {
            snprintf(s->tag, sizeof s->tag, "%lld-%lld", (long long)sb.st_mtime,
                     (long long)sb.st_size);
        }
    }
    if (!st) {
        st = ilokg_qstore_disk_open(&s->store, path, diag);
    }
    s->owned = !st;
    free(data);
    free(dir);
    return st;
}

ilokg_status
serve_store_open(serve_ctx *ctx, serve_store *out, ilokg_diag *diag)
{
    memset(out, 0, sizeof *out);
    if (ctx->mem) {
        out->store = ctx->mem;
        out->mtime = ctx->mem_time;
        snprintf(out->tag, sizeof out->tag, "data-%lld", (long long)ctx->mem_time);
        return ILOKG_OK;
    }
    /* A load may remove the generation just read from the link before it is opened: once more
     * then, with the new one. */
    ilokg_diag   quiet = {NULL, NULL, 0, 0};
    ilokg_status st    = open_generation(ctx, out, &quiet);
    if (st) {
        memset(out, 0, sizeof *out);
        st = open_generation(ctx, out, diag);
    }
    return st;
}

void
serve_store_close(serve_store *s)
{
    if (s->owned) {
        ilokg_qstore_free(s->store);
    }
    s->store = NULL;
}

int
serve_is_stopping(void *payload)
{
    return atomic_load(&((serve_ctx *)payload)->stopping);
}
