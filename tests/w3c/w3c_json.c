/* SPDX-License-Identifier: Apache-2.0 */
/* The SPARQL 1.1 Query Results JSON format (.srj): a small JSON reader, just enough for it. */
#include "w3c.h"

#include <stdlib.h>
#include <string.h>

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype;

typedef struct jv jv;
struct jv {
    jtype  type;
    char  *str; /* J_STR (decoded UTF-8), J_NUM (as written); J_OBJ: member names in keys */
    size_t len;
    int    b;
    jv    *items;
    char **keys;
    size_t n;
};

typedef struct {
    const char *p, *end;
    int         depth;
} jreader;

static void
jv_free(jv *v)
{
    for (size_t i = 0; i < v->n; i++) {
        jv_free(&v->items[i]);
        if (v->keys) {
            free(v->keys[i]);
        }
    }
    free(v->items);
    free(v->keys);
    free(v->str);
}

static void
skip_ws(jreader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')) {
        r->p++;
    }
}

static int
hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (unsigned)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= (unsigned)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= (unsigned)(c - 'A' + 10);
        } else {
            return 0;
        }
    }
    *out = v;
    return 1;
}

static void
add_utf8(ilokg_buf *b, unsigned cp)
{
    if (cp < 0x80) {
        (void)ilokg_buf_addc(b, (char)cp);
    } else if (cp < 0x800) {
        (void)ilokg_buf_addc(b, (char)(0xC0 | (cp >> 6)));
        (void)ilokg_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        (void)ilokg_buf_addc(b, (char)(0xE0 | (cp >> 12)));
        (void)ilokg_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        (void)ilokg_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        (void)ilokg_buf_addc(b, (char)(0xF0 | (cp >> 18)));
        (void)ilokg_buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
        (void)ilokg_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        (void)ilokg_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

/* A string after its opening quote. */
static int
read_string(jreader *r, char **out, size_t *len)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    while (r->p < r->end && *r->p != '"') {
        char c = *r->p++;
        if (c != '\\') {
            (void)ilokg_buf_addc(&b, c);
            continue;
        }
        if (r->p >= r->end) {
            break;
        }
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char       *k = memchr(from, *r->p, sizeof from - 1);
        unsigned          cp, lo;
        if (k) {
            (void)ilokg_buf_addc(&b, to[k - from]);
            r->p++;
        } else if (*r->p == 'u' && r->end - r->p >= 5 && hex4(r->p + 1, &cp)) {
            r->p += 5;
            if (cp >= 0xD800 && cp < 0xDC00 && r->end - r->p >= 6 && r->p[0] == '\\' &&
                r->p[1] == 'u' && hex4(r->p + 2, &lo)) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                r->p += 6;
            }
            add_utf8(&b, cp);
        } else {
            break;
        }
    }
    if (r->p >= r->end || *r->p != '"') {
        ilokg_buf_free(&b);
        return 0;
    }
    r->p++;
    *len = b.len;
    *out = ilokg_buf_detach(&b);
    return *out != NULL;
}

static int read_value(jreader *r, jv *v);

static int
read_members(jreader *r, jv *v, char close)
{
    skip_ws(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        return 1;
    }
    for (;;) {
        char  *key = NULL;
        size_t klen;
        skip_ws(r);
        if (close == '}') {
            if (r->p >= r->end || *r->p++ != '"' || !read_string(r, &key, &klen)) {
                return 0;
            }
            skip_ws(r);
            if (r->p >= r->end || *r->p++ != ':') {
                free(key);
                return 0;
            }
        }
        jv    *items = realloc(v->items, (v->n + 1) * sizeof *items);
        char **keys  = close == '}' ? realloc(v->keys, (v->n + 1) * sizeof *keys) : NULL;
        if (items) {
            v->items = items;
        }
        if (keys) {
            v->keys = keys;
        }
        if (!items || (close == '}' && !keys)) {
            free(key);
            return 0;
        }
        memset(&v->items[v->n], 0, sizeof *items);
        if (keys) {
            keys[v->n] = key;
        }
        v->n++;
        if (!read_value(r, &v->items[v->n - 1])) {
            return 0;
        }
        skip_ws(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        return r->p < r->end && *r->p++ == close;
    }
}

static int
read_value(jreader *r, jv *v)
{
    skip_ws(r);
    if (r->p >= r->end) {
        return 0;
    }
    char c = *r->p;
    if (c == '{' || c == '[') {
        if (++r->depth > 64) {
            return 0;
        }
        r->p++;
        v->type = c == '{' ? J_OBJ : J_ARR;
        int ok  = read_members(r, v, c == '{' ? '}' : ']');
        r->depth--;
        return ok;
    }
    if (c == '"') {
        r->p++;
        v->type = J_STR;
        return read_string(r, &v->str, &v->len);
    }
    static const char *const words[] = {"true", "false", "null"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(r->end - r->p) >= n && memcmp(r->p, words[i], n) == 0) {
            r->p += n;
            v->type = i == 2 ? J_NULL : J_BOOL;
            v->b    = i == 0;
            return 1;
        }
    }
    const char *s = r->p;
    while (r->p < r->end && strchr("+-0123456789.eE", *r->p)) {
        r->p++;
    }
    v->type = J_NUM;
    v->len  = (size_t)(r->p - s);
    return v->len > 0 && (v->str = ilokg_strndup(s, v->len)) != NULL;
}

static const jv *
member(const jv *o, const char *key)
{
    for (size_t i = 0; o && o->type == J_OBJ && i < o->n; i++) {
        if (strcmp(o->keys[i], key) == 0) {
            return &o->items[i];
        }
    }
    return NULL;
}

static const char *
str_member(const jv *o, const char *key)
{
    const jv *v = member(o, key);
    return v && v->type == J_STR ? v->str : NULL;
}

static ilokg_status
srj_term(w3c_result *out, ilokg_qterm *cell, const jv *t)
{
    const char *type = str_member(t, "type");
    const jv   *val  = member(t, "value");
    ilokg_qterm q    = {0};
    if (!type || !val || val->type != J_STR) {
        return ILOKG_ERR_SYNTAX;
    }
    q.lex     = val->str;
    q.lex_len = val->len;
    q.lang    = str_member(t, "xml:lang");
    q.dt      = str_member(t, "datatype");
    q.kind    = strcmp(type, "uri") == 0     ? ILOKG_QT_IRI
                : strcmp(type, "bnode") == 0 ? ILOKG_QT_BLANK
                : strcmp(type, "literal") == 0 || strcmp(type, "typed-literal") == 0 ? ILOKG_QT_LITERAL
                                                                                     : 0;
    return q.kind ? w3c_result_set(out, cell, &q) : ILOKG_ERR_SYNTAX;
}

static ilokg_status
srj_walk(w3c_result *out, const jv *doc)
{
    const jv    *vars   = member(member(doc, "head"), "vars");
    const jv    *bool_v = member(doc, "boolean");
    const jv    *rows   = member(member(doc, "results"), "bindings");
    ilokg_status st     = ILOKG_OK;
    if (bool_v && bool_v->type == J_BOOL) {
        out->kind    = W3C_BOOLEAN;
        out->boolean = bool_v->b;
        return ILOKG_OK;
    }
    for (size_t i = 0; vars && vars->type == J_ARR && i < vars->n && !st; i++) {
        st = vars->items[i].type == J_STR ? w3c_result_add_var(out, vars->items[i].str)
                                          : ILOKG_ERR_SYNTAX;
    }
    if (!rows || rows->type != J_ARR) {
        return ILOKG_ERR_SYNTAX;
    }
    for (size_t i = 0; i < rows->n && !st; i++) {
        const jv    *b = &rows->items[i];
        ilokg_qterm *row;
        if (b->type != J_OBJ || (st = w3c_result_add_row(out, &row))) {
            st = st ? st : ILOKG_ERR_SYNTAX;
            break;
        }
        for (size_t k = 0; k < b->n && !st; k++) {
            long c = w3c_result_var_index(out, b->keys[k]);
            st     = c < 0 ? ILOKG_ERR_SYNTAX : srj_term(out, &row[c], &b->items[k]);
        }
    }
    return st;
}

ilokg_status
w3c_srj_read(w3c_result *out, const char *bytes, size_t len, char **err)
{
    jreader      r   = {bytes, bytes + len, 0};
    jv           doc = {0};
    ilokg_status st  = ILOKG_ERR_SYNTAX;
    *out             = (w3c_result)W3C_RESULT_INIT;
    if (read_value(&r, &doc)) {
        skip_ws(&r);
        st = r.p == r.end ? srj_walk(out, &doc) : ILOKG_ERR_SYNTAX;
    }
    if (st) {
        *err = strdup("bad SPARQL JSON results");
    }
    jv_free(&doc);
    return st;
}
