/* SPDX-License-Identifier: Apache-2.0 */
/* JSON: the one string escaper every JSON writer uses (JSON-LD, CONSTRUCT answers as JSON-LD),
 * and a small reader, the one the SPARQL JSON results of an endpoint and the W3C test harness's
 * expected results are read with: strict (RFC 8259 strings, nesting at most 64 deep). */
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

ilokg_status
ilokg_json_escape(ilokg_buf *b, const char *s, size_t len)
{
    ilokg_status st = ilokg_buf_addc(b, '"');
    for (size_t i = 0; !st && i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':
            st = ilokg_buf_adds(b, "\\\"");
            break;
        case '\\':
            st = ilokg_buf_adds(b, "\\\\");
            break;
        case '\b':
            st = ilokg_buf_adds(b, "\\b");
            break;
        case '\f':
            st = ilokg_buf_adds(b, "\\f");
            break;
        case '\n':
            st = ilokg_buf_adds(b, "\\n");
            break;
        case '\r':
            st = ilokg_buf_adds(b, "\\r");
            break;
        case '\t':
            st = ilokg_buf_adds(b, "\\t");
            break;
        default:
            /* U+007F is legal raw JSON but invisible; escaped like the C0 controls. */
            st = c < 0x20 || c == 0x7F ? ilokg_buf_printf(b, "\\u%04x", c)
                                       : ilokg_buf_addc(b, (char)c);
        }
    }
    return st ? st : ilokg_buf_addc(b, '"');
}

typedef struct {
    const char *p, *end;
    int         depth;
    const char *start; /* of the text: offsets are counted from it */
} jparser;

void
ilokg_json_free(ilokg_json *v)
{
    free(v->str);
    for (size_t i = 0; i < v->n_items; i++) {
        ilokg_json_free(&v->items[i]);
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

/* A string at j->p (the opening quote), its decoded length in *len; 0 on success. */
static int
jstring(jparser *j, char **out, size_t *len)
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
        c               = *j->p++;
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
    *len = b.len - 1;
    *out = ilokg_buf_detach(&b);
    return *out == NULL;
fail:
    ilokg_buf_free(&b);
    return 1;
}

static int jvalue(jparser *j, ilokg_json *v);

static size_t
jdigits(jparser *j)
{
    const char *s = j->p;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
        j->p++;
    }
    return (size_t)(j->p - s);
}

/* A number as RFC 8259 writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; 0 when read. */
static int
jnumber(jparser *j)
{
    if (j->p < j->end && *j->p == '-') {
        j->p++;
    }
    const char *first = j->p;
    size_t      n     = jdigits(j);
    if (n == 0 || (n > 1 && *first == '0')) {
        return 1;
    }
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (!jdigits(j)) {
            return 1;
        }
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-')) {
            j->p++;
        }
        if (!jdigits(j)) {
            return 1;
        }
    }
    return 0;
}

static int
jcompound(jparser *j, ilokg_json *v, char close)
{
    size_t cap = 0, kcap = 0;
    j->p++;
    jskip(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return 0;
    }
    for (;;) {
        char  *key = NULL;
        size_t key_len;
        if (close == '}') {
            jskip(j);
            if (j->p >= j->end || *j->p != '"' || jstring(j, &key, &key_len)) {
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
jvalue(jparser *j, ilokg_json *v)
{
    jskip(j);
    if (j->p >= j->end || j->depth > 64) {
        return 1;
    }
    v->off = (size_t)(j->p - j->start);
    switch (*j->p) {
    case '"':
        v->kind = ILOKG_JSON_STR;
        return jstring(j, &v->str, &v->len);
    case '{':
    case '[': {
        char close = *j->p == '{' ? '}' : ']';
        v->kind    = close == '}' ? ILOKG_JSON_OBJ : ILOKG_JSON_ARR;
        j->depth++;
        int r = jcompound(j, v, close);
        j->depth--;
        return r;
    }
    }
    static const struct {
        const char     *word;
        ilokg_json_kind kind;
        int             boolean;
    } words[] = {
        {"true", ILOKG_JSON_BOOL, 1}, {"false", ILOKG_JSON_BOOL, 0}, {"null", ILOKG_JSON_NULL, 0}};
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
    if (jnumber(j)) {
        j->p = s; /* the error is the number's, not its last digit's */
        return 1;
    }
    v->kind = ILOKG_JSON_NUM;
    v->len  = (size_t)(j->p - s);
    return !(v->str = ilokg_strndup(s, v->len));
}

const ilokg_json *
ilokg_json_get(const ilokg_json *v, const char *key)
{
    if (!v || v->kind != ILOKG_JSON_OBJ) {
        return NULL;
    }
    for (size_t i = 0; i < v->n_items; i++) {
        if (!strcmp(v->keys[i], key)) {
            return &v->items[i];
        }
    }
    return NULL;
}

const char *
ilokg_json_str(const ilokg_json *v, const char *key)
{
    const ilokg_json *m = ilokg_json_get(v, key);
    return m && m->kind == ILOKG_JSON_STR ? m->str : NULL;
}

ilokg_status
ilokg_json_parse(ilokg_json *out, const char *bytes, size_t len, size_t *at)
{
    jparser j   = {bytes, bytes + len, 0, bytes};
    int     bad = 0;
    memset(out, 0, sizeof *out);
    bad = jvalue(&j, out);
    jskip(&j);
    if (at) {
        *at = (size_t)(j.p - bytes);
    }
    if (bad || j.p != j.end) {
        ilokg_json_free(out);
        return ILOKG_ERR_SYNTAX;
    }
    return ILOKG_OK;
}
