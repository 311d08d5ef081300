/* SPDX-License-Identifier: Apache-2.0 */
/* Accept negotiation, form decoding and entity-tag matching for `ilokg serve` (http.h). */
#include "serve/http.h"

#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"

static int
is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* The bytes of s..end without the optional white space around them. */
static void
trim(const char **s, const char **end)
{
    while (*s < *end && is_ows(**s)) {
        (*s)++;
    }
    while (*end > *s && is_ows((*end)[-1])) {
        (*end)--;
    }
}

static int
same_ci(const char *a, size_t na, const char *b, size_t nb)
{
    if (na != nb) {
        return 0;
    }
    for (size_t i = 0; i < na; i++) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i];
        char y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] + 32) : b[i];
        if (x != y) {
            return 0;
        }
    }
    return 1;
}

/* The q parameter of a media range's parameters (";q=0.5;level=1"); 1 when absent. Values
 * outside 0..1 or malformed count as 0: a client that wrote nonsense gets nothing from it. */
static double
q_value(const char *p, const char *end)
{
    while (p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *stop = semi ? semi : end;
        const char *s = p, *e = stop;
        trim(&s, &e);
        if (e - s >= 2 && (s[0] == 'q' || s[0] == 'Q') && s[1] == '=') {
            double q = 0, scale = 1;
            int    dot = 0, digits = 0;
            for (s += 2; s < e; s++) {
                if (*s == '.' && !dot) {
                    dot = 1;
                } else if (*s >= '0' && *s <= '9' && digits < 4) {
                    digits++;
                    if (dot) {
                        scale /= 10;
                        q += (*s - '0') * scale;
                    } else {
                        q = q * 10 + (*s - '0');
                    }
                } else {
                    return 0;
                }
            }
            return digits && q <= 1 ? q : 0;
        }
        p = semi ? semi + 1 : end;
    }
    return 1;
}

/* How specifically the range type/sub (without parameters) matches media type mt: 3 exact, 2
 * a type with any subtype, 1 any type at all, 0 not at all. */
static int
range_match(const char *r, const char *rend, const char *mt)
{
    const char *slash  = memchr(r, '/', (size_t)(rend - r));
    const char *mslash = strchr(mt, '/');
    if (!slash || !mslash) {
        return 0;
    }
    size_t rt = (size_t)(slash - r), rs = (size_t)(rend - slash - 1);
    size_t mtl = (size_t)(mslash - mt), msl = strlen(mslash + 1);
    if (rt == 1 && *r == '*' && rs == 1 && slash[1] == '*') {
        return 1;
    }
    if (!same_ci(r, rt, mt, mtl)) {
        return 0;
    }
    if (rs == 1 && slash[1] == '*') {
        return 2;
    }
    return same_ci(slash + 1, rs, mslash + 1, msl) ? 3 : 0;
}

int
ilokg_http_choose(const char *accept, const char *const *offered, size_t n)
{
    if (!accept || !*accept) {
        return n ? 0 : -1;
    }
    int    best   = -1;
    double best_q = 0;
    for (size_t i = 0; i < n; i++) {
        int         spec = 0;
        double      q    = 0;
        const char *p    = accept;
        while (*p) {
            const char *comma = strchr(p, ',');
            const char *end   = comma ? comma : p + strlen(p);
            const char *semi  = memchr(p, ';', (size_t)(end - p));
            const char *r = p, *rend = semi ? semi : end;
            trim(&r, &rend);
            int m = range_match(r, rend, offered[i]);
            if (m > spec) {
                spec = m;
                q    = semi ? q_value(semi + 1, end) : 1;
            }
            p = comma ? comma + 1 : end;
        }
        if (spec && q > best_q) {
            best   = (int)i;
            best_q = q;
        }
    }
    return best;
}

/* Decodes one component of a form into a new string (*out the caller's). */
static ilokg_status
decode(char **out, const char *p, size_t len)
{
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = ilokg_buf_reserve(&b, len + 1);
    for (size_t i = 0; !st && i < len; i++) {
        char c = p[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi = i + 2 < len ? ilokg_hex_value(p[i + 1]) : -1;
            int lo = i + 2 < len ? ilokg_hex_value(p[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                st = ILOKG_ERR_SYNTAX;
                break;
            }
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        st = ilokg_buf_addc(&b, c);
    }
    if (!st && !b.ptr) {
        st = ilokg_buf_adds(&b, "");
    }
    if (!st) {
        *out = ilokg_buf_detach(&b);
    }
    ilokg_buf_free(&b);
    return st;
}

static ilokg_status
add_pair(ilokg_http_form *form, char *name, char *value)
{
    ilokg_status st = ilokg_grow(&form->params, &form->cap, form->n, sizeof *form->params);
    if (st) {
        free(name);
        free(value);
        return st;
    }
    form->params[form->n].name  = name;
    form->params[form->n].value = value;
    form->n++;
    return ILOKG_OK;
}

ilokg_status
ilokg_http_form_parse(ilokg_http_form *form, const char *text, size_t len)
{
    const char  *p = text, *end = text + len;
    ilokg_status st = ILOKG_OK;
    while (!st && p < end) {
        const char *amp  = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq   = memchr(p, '=', (size_t)(stop - p));
        char       *name = NULL, *value = NULL;
        if (stop > p) {
            st = decode(&name, p, (size_t)((eq ? eq : stop) - p));
            if (!st) {
                st = eq ? decode(&value, eq + 1, (size_t)(stop - eq - 1)) : decode(&value, "", 0);
            }
            st = st ? (free(name), free(value), st) : add_pair(form, name, value);
        }
        p = amp ? amp + 1 : end;
    }
    return st;
}

ilokg_status
ilokg_http_form_add_raw(ilokg_http_form *form, const char *name, const char *value)
{
    char        *n = NULL, *v = NULL;
    ilokg_status st = decode(&n, name, strlen(name));
    if (!st) {
        st = decode(&v, value ? value : "", value ? strlen(value) : 0);
    }
    if (st) {
        free(n);
        return st;
    }
    return add_pair(form, n, v);
}

ilokg_status
ilokg_http_form_add(ilokg_http_form *form, const char *name, const char *value)
{
    char *n = ilokg_strndup(name, strlen(name));
    char *v = ilokg_strndup(value, strlen(value));
    if (!n || !v) {
        free(n);
        free(v);
        return ILOKG_ERR_NOMEM;
    }
    return add_pair(form, n, v);
}

const char *
ilokg_http_form_get(const ilokg_http_form *form, const char *name)
{
    for (size_t i = 0; i < form->n; i++) {
        if (!strcmp(form->params[i].name, name)) {
            return form->params[i].value;
        }
    }
    return NULL;
}

size_t
ilokg_http_form_count(const ilokg_http_form *form, const char *name)
{
    size_t k = 0;
    for (size_t i = 0; i < form->n; i++) {
        k += !strcmp(form->params[i].name, name);
    }
    return k;
}

void
ilokg_http_form_free(ilokg_http_form *form)
{
    for (size_t i = 0; form && i < form->n; i++) {
        free(form->params[i].name);
        free(form->params[i].value);
    }
    if (form) {
        free(form->params);
        form->params = NULL;
        form->n = form->cap = 0;
    }
}

/* The opaque part of an entity tag (without W/ and quotes) at s..e. */
static void
opaque(const char **s, const char **e)
{
    trim(s, e);
    if (*e - *s >= 2 && (*s)[0] == 'W' && (*s)[1] == '/') {
        *s += 2;
    }
    if (*e - *s >= 2 && **s == '"' && (*e)[-1] == '"') {
        (*s)++;
        (*e)--;
    }
}

int
ilokg_http_etag_matches(const char *if_none_match, const char *etag)
{
    if (!if_none_match || !etag) {
        return 0;
    }
    const char *t = etag, *te = etag + strlen(etag);
    opaque(&t, &te);
    for (const char *p = if_none_match; *p;) {
        const char *comma = strchr(p, ',');
        const char *s = p, *e = comma ? comma : p + strlen(p);
        trim(&s, &e);
        if (e - s == 1 && *s == '*') {
            return 1;
        }
        opaque(&s, &e);
        if (e - s == te - t && !memcmp(s, t, (size_t)(te - t))) {
            return 1;
        }
        p = comma ? comma + 1 : e;
        if (!comma) {
            break;
        }
    }
    return 0;
}
