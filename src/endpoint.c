/* SPDX-License-Identifier: Apache-2.0 */
/* A SPARQL 1.1 Protocol client over libcurl, and a reader of SPARQL 1.1 JSON results that hands
 * the rows to the results writers (results.c): an endpoint's answer looks like a local one. */
#include "endpoint.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <raptor2.h>

#include "results.h"

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
    nt_check      c   = {0, 0, ""};
    raptor_world *rw  = raptor_new_world();
    raptor_parser *p  = NULL;
    raptor_uri   *u   = NULL;
    ilokg_status  st  = ILOKG_OK;
    if (!rw || raptor_world_open(rw) || raptor_world_set_log_handler(rw, &c, on_nt_log) ||
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
                                          c.line, c.text) :
                          ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
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
        raptor_free_world(rw);
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
    default: break;
    }
    return ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0, "%s: %s", url, why);
}

ilokg_status
ilokg_endpoint_fetch_with(ilokg_diag *diag, const char *url, const char *query,
                          const char *accept, const ilokg_endpoint_limits *lim, ilokg_buf *body)
{
    static int initialised;
    /* curl also reads file://, ftp://, dict://...: an endpoint is a web server, nothing else
     * (file:///etc/passwd would put a local file's first line in the error message). */
    if (!has_prefix_nocase(url, "http://") && !has_prefix_nocase(url, "https://")) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                               "the endpoint must be an http:// or https:// URL, not '%s'", url);
    }
    if (!initialised) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
            return ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0,
                                   "%s: cannot initialise the HTTP client", url);
        }
        initialised = 1;
    }
    CURL              *c       = curl_easy_init();
    struct curl_slist *headers = NULL;
    ilokg_buf          h_accept = ILOKG_BUF_INIT;
    ilokg_buf          form     = ILOKG_BUF_INIT;
    char               err[CURL_ERROR_SIZE] = "";
    ilokg_status       st       = ILOKG_OK;
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
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                         (long)(lim->connect_timeout * 1000.0 + 0.5));
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

/* ---- JSON --------------------------------------------------------------------------------- */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jkind;

typedef struct jval jval;
struct jval {
    jkind   kind;
    int     boolean;
    char   *str;     /* J_STR: the decoded string (NUL-terminated) */
    jval   *items;   /* J_ARR, J_OBJ: the values */
    char  **keys;    /* J_OBJ: the member names */
    size_t  n_items;
};

typedef struct {
    const char *p, *end;
    int         depth;
} jparser;

static void
jfree(jval *v)
{
    free(v->str);
    for (size_t i = 0; i < v->n_items; i++) {
        jfree(&v->items[i]);
        if (v->keys) {
            free(v->keys[i]);
        }
    }
    free(v->items);
    free(v->keys);
    memset(v, 0, sizeof *v);
}

static void
jskip(jparser *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) {
        j->p++;
    }
}

static int
hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (unsigned)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= (unsigned)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= (unsigned)(c - 'A' + 10);
        } else {
            return 1;
        }
    }
    *out = v;
    return 0;
}

static int
put_utf8(ilokg_buf *b, unsigned cp)
{
    char   s[4];
    size_t n;
    if (cp < 0x80) {
        s[0] = (char)cp;
        n    = 1;
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        n    = 2;
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        n    = 3;
    } else {
        s[0] = (char)(0xF0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        n    = 4;
    }
    return ilokg_buf_add(b, s, n) != ILOKG_OK;
}

/* A string at j->p (the opening quote); 0 on success. */
static int
jstring(jparser *j, char **out)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    j->p++;
    while (j->p < j->end && *j->p != '"') {
        char c = *j->p++;
        if ((unsigned char)c < 0x20) {
            goto fail;
        }
        if (c != '\\') {
            if (ilokg_buf_addc(&b, c)) {
                goto fail;
            }
            continue;
        }
        if (j->p >= j->end) {
            goto fail;
        }
        c = *j->p++;
        const char *esc = strchr("\"\\/bfnrt", c);
        if (c && esc) {
            static const char with[] = "\"\\/\b\f\n\r\t";
            if (ilokg_buf_addc(&b, with[esc - "\"\\/bfnrt"])) {
                goto fail;
            }
            continue;
        }
        unsigned cp, lo;
        if (c != 'u' || j->end - j->p < 4 || hex4(j->p, &cp)) {
            goto fail;
        }
        j->p += 4;
        if (cp >= 0xD800 && cp < 0xDC00) {
            if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' || hex4(j->p + 2, &lo) ||
                lo < 0xDC00 || lo > 0xDFFF) {
                goto fail;
            }
            j->p += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp < 0xE000) {
            goto fail;
        }
        if (put_utf8(&b, cp)) {
            goto fail;
        }
    }
    if (j->p >= j->end || ilokg_buf_addc(&b, '\0')) {
        goto fail;
    }
    j->p++;
    *out = ilokg_buf_detach(&b);
    return *out == NULL;
fail:
    ilokg_buf_free(&b);
    return 1;
}

static int jvalue(jparser *j, jval *v);

static int
jcompound(jparser *j, jval *v, char close)
{
    size_t cap = 0, kcap = 0;
    j->p++;
    jskip(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return 0;
    }
    for (;;) {
        char *key = NULL;
        if (close == '}') {
            jskip(j);
            if (j->p >= j->end || *j->p != '"' || jstring(j, &key)) {
                return 1;
            }
            jskip(j);
            if (j->p >= j->end || *j->p != ':') {
                free(key);
                return 1;
            }
            j->p++;
        }
        if (ilokg_grow(&v->items, &cap, v->n_items, sizeof *v->items) ||
            (close == '}' && ilokg_grow(&v->keys, &kcap, v->n_items, sizeof *v->keys))) {
            free(key);
            return 1;
        }
        if (close == '}') {
            v->keys[v->n_items] = key;
        }
        memset(&v->items[v->n_items], 0, sizeof *v->items);
        v->n_items++;
        if (jvalue(j, &v->items[v->n_items - 1])) {
            return 1;
        }
        jskip(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return 0;
        }
        return 1;
    }
}

static int
jvalue(jparser *j, jval *v)
{
    jskip(j);
    if (j->p >= j->end || j->depth > 64) {
        return 1;
    }
    switch (*j->p) {
    case '"': v->kind = J_STR; return jstring(j, &v->str);
    case '{':
    case '[': {
        char close = *j->p == '{' ? '}' : ']';
        v->kind    = close == '}' ? J_OBJ : J_ARR;
        j->depth++;
        int r = jcompound(j, v, close);
        j->depth--;
        return r;
    }
    }
    static const struct {
        const char *word;
        jkind       kind;
        int         boolean;
    } words[] = {{"true", J_BOOL, 1}, {"false", J_BOOL, 0}, {"null", J_NULL, 0}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(j->end - j->p) >= n && !memcmp(j->p, words[i].word, n)) {
            j->p += n;
            v->kind    = words[i].kind;
            v->boolean = words[i].boolean;
            return 0;
        }
    }
    const char *s = j->p;
    while (j->p < j->end && strchr("+-0123456789.eE", *j->p) && *j->p) {
        j->p++;
    }
    v->kind = J_NUM;
    return j->p == s;
}

static const jval *
jget(const jval *v, const char *key)
{
    if (!v || v->kind != J_OBJ) {
        return NULL;
    }
    for (size_t i = 0; i < v->n_items; i++) {
        if (!strcmp(v->keys[i], key)) {
            return &v->items[i];
        }
    }
    return NULL;
}

static const char *
jstr(const jval *v, const char *key)
{
    const jval *m = jget(v, key);
    return m && m->kind == J_STR ? m->str : NULL;
}

/* ---- SPARQL JSON results -> results writers ----------------------------------------------- */

#define RDF_LANG_STRING "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#define XSD_STRING "http://www.w3.org/2001/XMLSchema#string"

/* One binding object {"type": ..., "value": ...} as a term; 0 on success. */
static int
binding_term(ilokg_term *t, const jval *b)
{
    const char *type  = jstr(b, "type");
    const char *value = jstr(b, "value");
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
        t->lang     = jstr(b, "xml:lang");
        t->datatype = t->lang ? NULL : jstr(b, "datatype");
        /* A plain literal is an xsd:string one (RDF 1.1): written alike by every server. */
        if (t->datatype && (!strcmp(t->datatype, XSD_STRING) ||
                            !strcmp(t->datatype, RDF_LANG_STRING))) {
            t->datatype = NULL;
        }
    } else {
        return 1;
    }
    return 0;
}

static ilokg_status
write_bindings(ilokg_diag *diag, const char *url, const jval *doc, ilokg_results_format format,
               size_t max_rows, FILE *fp)
{
    const jval *vars     = jget(jget(doc, "head"), "vars");
    const jval *bindings = jget(jget(doc, "results"), "bindings");
    if (!vars || vars->kind != J_ARR || !bindings || bindings->kind != J_ARR) {
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
        if (vars->items[i].kind != J_STR) {
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
    for (size_t r = 0; !st && r < bindings->n_items; r++) {
        if (max_rows && r == max_rows) {
            ilokg_report_at(diag, ILOKG_OK, NULL, 0, 0,
                            "stopped after %zu rows (--max-rows); the answer has more", r);
            break;
        }
        const jval *b = &bindings->items[r];
        if (b->kind != J_OBJ) {
            st = ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                                 "%s: result row %zu is not a JSON object", url, r + 1);
            break;
        }
        for (size_t i = 0; !st && i < n_vars; i++) {
            const jval *v = jget(b, names[i]);
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
    jparser j   = {json, json + len, 0};
    jval    doc = {J_NULL, 0, NULL, NULL, NULL, 0};
    int     bad = jvalue(&j, &doc);
    jskip(&j);
    if (bad || j.p != j.end || doc.kind != J_OBJ) {
        jfree(&doc);
        return ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                               "%s: the answer is not valid JSON (at byte %zu of %zu)", url,
                               (size_t)(j.p - json), len);
    }
    ilokg_status st;
    const jval  *boolean = jget(&doc, "boolean");
    if (boolean) {
        st = boolean->kind == J_BOOL ? ilokg_results_boolean(format, fp, boolean->boolean) :
                                       ilokg_report_at(diag, ILOKG_ERR_QUERY, NULL, 0, 0,
                                                       "%s: \"boolean\" is not true or false",
                                                       url);
    } else {
        st = write_bindings(diag, url, &doc, format, max_rows, fp);
    }
    jfree(&doc);
    return st;
}
