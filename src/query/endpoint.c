/* SPDX-License-Identifier: Apache-2.0 */
/* A SPARQL 1.1 Protocol client over libcurl, and a reader of SPARQL 1.1 JSON results that hands
 * the rows to the results writers (results.c): an endpoint's answer looks like a local one. */
#include "query/endpoint.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <raptor2.h>

#include "graph/world.h"
#include "util/json.h"
#include "util/vocab.h"
#include "query/results.h"
#include "query/rworld.h"

/* ---- HTTP --------------------------------------------------------------------------------- */

/* The answer so far, refused past its limit (an endpoint that never stops must not fill memory). */
typedef struct {
    ilokg_buf *body;
    size_t     max_bytes, start;
    int        too_big, nomem;
} sink_body;

static size_t
on_body(char *p, size_t size, size_t n, void *payload)
{
    sink_body *sb = payload;
    if (sb->max_bytes && sb->body->len - sb->start + size * n > sb->max_bytes) {
        sb->too_big = 1;
        return 0;
    }
    if (ilokg_buf_add(sb->body, p, size * n)) {
        sb->nomem = 1;
        return 0;
    }
    return size * n;
}

static int
has_prefix_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        if (c != *prefix) {
            return 0;
        }
    }
    return 1;
}

/* ---- Checking an N-Triples answer --------------------------------------------------------- */

typedef struct {
    int  n_errors;
    int  line;
    char text[200];
} nt_check;

static void
on_nt_log(void *payload, raptor_log_message *m)
{
    nt_check *c = payload;
    if (m->level < RAPTOR_LOG_LEVEL_ERROR || c->n_errors++) {
        return;
    }
    c->line = m->locator ? raptor_locator_line(m->locator) : 0;
    snprintf(c->text, sizeof c->text, "%s", m->text ? m->text : "syntax error");
}

static void
on_nt_triple(void *payload, raptor_statement *t)
{
    (void)payload, (void)t;
}

/* A CONSTRUCT or DESCRIBE answer must be N-Triples as asked: an HTML error page or a truncated
 * answer served with status 200 would otherwise read as an empty graph. */
static ilokg_status
check_ntriples(ilokg_diag *diag, const char *url, const ilokg_buf *body, size_t start)
{
    nt_check       c  = {0, 0, ""};
    raptor_world  *rw = raptor_new_world();
    raptor_parser *p  = NULL;
    raptor_uri    *u  = NULL;
    ilokg_status   st = ILOKG_OK;
    if (!rw || ilokg_raptor_world_open(rw) || raptor_world_set_log_handler(rw, &c, on_nt_log) ||
        !(p = raptor_new_parser(rw, "ntriples")) ||
        !(u = raptor_new_uri(rw, (const unsigned char *)"http://endpoint.invalid/"))) {
        st = ilokg_report_at(diag, ILOKG_ERR_RDF, NULL, 0, 0, "cannot create an N-Triples reader");
    } else {
        raptor_parser_set_statement_handler(p, NULL, on_nt_triple);
        int bad = raptor_parser_parse_start(p, u) ||
                  raptor_parser_parse_chunk(p, (const unsigned char *)body->ptr + start,
                                            body->len - start, 1);
        if (bad || c.n_errors) {
            st = c.line ? ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                                          "%s: the answer is not N-Triples (line %d: %s)", url,
                                          c.line, c.text)
                        : ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                                          "%s: the answer is not N-Triples%s%s", url,
                                          *c.text ? ": " : "", c.text);
        }
    }
    if (u) {
        raptor_free_uri(u);
    }
    if (p) {
        raptor_free_parser(p);
    }
    if (rw) {
        ilokg_raptor_world_free(rw);
    }
    return st;
}

/* The first line of an error page, for the message (at most 200 bytes, printable). */
static void
first_line(char *out, size_t cap, const ilokg_buf *b)
{
    size_t k = 0;
    for (size_t i = 0; i < b->len && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)b->ptr[i];
        if (c == '\n' || c == '\r') {
            if (k) {
                break;
            }
            continue;
        }
        out[k++] = c < 0x20 ? ' ' : (char)c;
    }
    out[k] = '\0';
}

ilokg_status
ilokg_endpoint_fetch(ilokg_diag *diag, const char *url, const char *query, const char *accept,
                     double timeout, ilokg_buf *body)
{
    ilokg_endpoint_limits lim = ILOKG_ENDPOINT_LIMITS_INIT;
    if (timeout > 0) {
        lim.timeout = timeout;
    }
    return ilokg_endpoint_fetch_with(diag, url, query, accept, &lim, body);
}

/* What went wrong in curl_easy_perform, said in the user's terms. */
static ilokg_status
report_transfer(ilokg_diag *diag, const char *url, CURLcode rc, const char *err,
                const ilokg_endpoint_limits *lim, const sink_body *sb)
{
    const char *why = *err ? err : curl_easy_strerror(rc);
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        return ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0,
                               "%s: no answer within %g seconds (--timeout)", url, lim->timeout);
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
        return ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0,
                               "cannot connect to the endpoint %s: %s", url, why);
    case CURLE_TOO_MANY_REDIRECTS:
        return ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0,
                               "%s: more than %ld redirects; giving up", url, lim->max_redirects);
    case CURLE_UNSUPPORTED_PROTOCOL:
        return ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0,
                               "%s: redirected to a URL that is not http or https; not followed",
                               url);
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:
        if (sb->nomem) {
            return ilokg_report_at(diag, ILOKG_ERR_NOMEM, NULL, 0, 0,
                                   "%s: out of memory reading the answer", url);
        }
        if (sb->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
            return ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0,
                                   "%s: the answer is larger than %zu bytes; stopped", url,
                                   lim->max_bytes);
        }
        break;
    default:
        break;
    }
    return ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0, "%s: %s", url, why);
}

ilokg_status
ilokg_endpoint_fetch_with(ilokg_diag *diag, const char *url, const char *query, const char *accept,
                          const ilokg_endpoint_limits *lim, ilokg_buf *body)
{
    /* curl also reads file://, ftp://, dict://...: an endpoint is a web server, nothing else
     * (file:///etc/passwd would put a local file's first line in the error message). */
    if (!has_prefix_nocase(url, "http://") && !has_prefix_nocase(url, "https://")) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                               "the endpoint must be an http:// or https:// URL, not '%s'", url);
    }
    CURL              *c                    = curl_easy_init();
    struct curl_slist *headers              = NULL;
    ilokg_buf          h_accept             = ILOKG_BUF_INIT;
    ilokg_buf          form                 = ILOKG_BUF_INIT;
    char               err[CURL_ERROR_SIZE] = "";
    ilokg_status       st                   = ILOKG_OK;
    if (!c || ilokg_buf_printf(&h_accept, "Accept: %s", accept)) {
        st = ILOKG_ERR_NOMEM;
        goto done;
    }
    /* Form-encoded (SPARQL 1.1 Protocol 2.1.2): every server reads it; some (Virtuoso 7.2)
     * wait forever on a direct application/sparql-query POST. */
    char *enc = curl_easy_escape(c, query, (int)strlen(query));
    if (!enc || ilokg_buf_adds(&form, "query=") || ilokg_buf_adds(&form, enc)) {
        curl_free(enc);
        st = ILOKG_ERR_NOMEM;
        goto done;
    }
    curl_free(enc);
    struct curl_slist *h1 =
        curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded");
    struct curl_slist *h2 = h1 ? curl_slist_append(h1, h_accept.ptr) : NULL;
    if (!h2) {
        curl_slist_free_all(h1);
        st = ILOKG_ERR_NOMEM;
        goto done;
    }
    headers = h2;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, form.ptr);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)form.len);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    sink_body sb = {body, lim->max_bytes, body->len, 0, 0};
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sb);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, lim->max_redirects > 0 ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, lim->max_redirects);
    /* A redirected POST stays a POST (301/302 would otherwise turn it into a GET without the
     * query). */
    curl_easy_setopt(c, CURLOPT_POSTREDIR, (long)CURL_REDIR_POST_ALL);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "ilokg/" ILOKG_VERSION);
    if (lim->max_bytes) {
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)lim->max_bytes);
    }
    if (lim->connect_timeout > 0) {
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)(lim->connect_timeout * 1000.0 + 0.5));
    }
    if (lim->timeout > 0) {
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(lim->timeout * 1000.0 + 0.5));
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        st = report_transfer(diag, url, rc, err, lim, &sb);
    } else {
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (status < 200 || status > 299) {
            char line[201];
            first_line(line, sizeof line, body);
            st = ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0,
                                 "%s: the endpoint answered HTTP status %ld%s%s", url, status,
                                 *line ? ": " : "", line);
        } else if (!strcmp(accept, ILOKG_ENDPOINT_TRIPLES)) {
            st = check_ntriples(diag, url, body, sb.start);
        }
    }
done:
    curl_slist_free_all(headers);
    ilokg_buf_free(&h_accept);
    ilokg_buf_free(&form);
    if (c) {
        curl_easy_cleanup(c);
    }
    return st;
}

/* ---- SPARQL JSON results -> results writers ----------------------------------------------- */

#define RDF_LANG_STRING "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#define XSD_STRING ILOKG_NS_XSD "string"

/* One binding object {"type": ..., "value": ...} as a term; 0 on success. */
static int
binding_term(ilokg_term *t, const ilokg_json *b)
{
    const char *type  = ilokg_json_str(b, "type");
    const char *value = ilokg_json_str(b, "value");
    memset(t, 0, sizeof *t);
    if (!type || !value) {
        return 1;
    }
    t->value = value;
    if (!strcmp(type, "uri")) {
        t->kind = ILOKG_TERM_IRI;
    } else if (!strcmp(type, "bnode")) {
        t->kind = ILOKG_TERM_BLANK;
    } else if (!strcmp(type, "literal") || !strcmp(type, "typed-literal")) {
        t->kind     = ILOKG_TERM_LITERAL;
        t->lang     = ilokg_json_str(b, "xml:lang");
        t->datatype = t->lang ? NULL : ilokg_json_str(b, "datatype");
        /* A plain literal is an xsd:string one (RDF 1.1): written alike by every server. */
        if (t->datatype &&
            (!strcmp(t->datatype, XSD_STRING) || !strcmp(t->datatype, RDF_LANG_STRING))) {
            t->datatype = NULL;
        }
    } else {
        return 1;
    }
    return 0;
}

static ilokg_status
write_bindings(ilokg_diag *diag, const char *url, const ilokg_json *doc,
               ilokg_results_format format, size_t max_rows, FILE *fp)
{
    const ilokg_json *vars     = ilokg_json_get(ilokg_json_get(doc, "head"), "vars");
    const ilokg_json *bindings = ilokg_json_get(ilokg_json_get(doc, "results"), "bindings");
    if (!vars || vars->kind != ILOKG_JSON_ARR || !bindings || bindings->kind != ILOKG_JSON_ARR) {
        return ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                               "%s: the answer is not SPARQL JSON results (no head.vars or "
                               "results.bindings)",
                               url);
    }
    size_t       n_vars = vars->n_items;
    const char **names  = calloc(n_vars ? n_vars : 1, sizeof *names);
    ilokg_term  *row    = calloc(n_vars ? n_vars : 1, sizeof *row);
    ilokg_status st     = names && row ? ILOKG_OK : ILOKG_ERR_NOMEM;
    for (size_t i = 0; !st && i < n_vars; i++) {
        if (vars->items[i].kind != ILOKG_JSON_STR) {
            st = ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                                 "%s: a variable name in head.vars is not a string", url);
        } else {
            names[i] = vars->items[i].str;
        }
    }
    ilokg_results_writer *w = NULL;
    if (!st) {
        st = ilokg_results_begin(&w, format, fp, names, n_vars);
    }
    if (!st) {
        ilokg_results_report_to(w, diag);
    }
    for (size_t r = 0; !st && r < bindings->n_items; r++) {
        if (max_rows && r == max_rows) {
            ilokg_report_at(diag, ILOKG_OK, NULL, 0, 0,
                            "stopped after %zu rows (--max-rows); the answer has more", r);
            break;
        }
        const ilokg_json *b = &bindings->items[r];
        if (b->kind != ILOKG_JSON_OBJ) {
            st = ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                                 "%s: result row %zu is not a JSON object", url, r + 1);
            break;
        }
        for (size_t i = 0; !st && i < n_vars; i++) {
            const ilokg_json *v = ilokg_json_get(b, names[i]);
            if (!v) {
                memset(&row[i], 0, sizeof row[i]);
            } else if (binding_term(&row[i], v)) {
                st = ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                                     "%s: result row %zu: the value of ?%s has no known type "
                                     "and value",
                                     url, r + 1, names[i]);
            }
        }
        if (!st) {
            st = ilokg_results_row(w, row);
        }
    }
    if (!st) {
        st = ilokg_results_end(w);
        if (st) {
            ilokg_report_at(diag, st, NULL, 0, 0, "cannot write the results");
        }
    }
    ilokg_results_free(w);
    free(names);
    free(row);
    return st;
}

ilokg_status
ilokg_endpoint_write_json(ilokg_diag *diag, const char *url, const char *json, size_t len,
                          ilokg_results_format format, size_t max_rows, FILE *fp)
{
    ilokg_json doc;
    size_t     at = 0;
    if (ilokg_json_parse(&doc, json, len, &at) || doc.kind != ILOKG_JSON_OBJ) {
        ilokg_json_free(&doc);
        return ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                               "%s: the answer is not valid JSON (at byte %zu of %zu)", url, at,
                               len);
    }
    ilokg_status      st;
    const ilokg_json *boolean = ilokg_json_get(&doc, "boolean");
    if (boolean) {
        st = boolean->kind == ILOKG_JSON_BOOL
                 ? ilokg_results_boolean(format, fp, boolean->boolean)
                 : ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                                   "%s: \"boolean\" is not true or false", url);
    } else {
        st = write_bindings(diag, url, &doc, format, max_rows, fp);
    }
    ilokg_json_free(&doc);
    return st;
}

/* Defined here, not in world.c, so that libcurl is reached only from the RDF module
 * (src/module/): a query over the store never loads it. */
ilokg_status
ilokg_world_http(ilokg_world *world)
{
    if (!world->http_ready) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
            return ilokg_report_at(&world->diag, ILOKG_ERR_IO, NULL, 0, 0,
                                   "cannot initialise the HTTP client");
        }
        world->http_cleanup = curl_global_cleanup;
        world->http_ready   = 1;
    }
    return ILOKG_OK;
}
