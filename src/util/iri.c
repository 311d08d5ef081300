/* SPDX-License-Identifier: Apache-2.0 */
/* RFC 3986 reference resolution (iri.h): the algorithm of section 5.2 as written there. */
#include "util/iri.h"

#include <string.h>

#include "util/ascii.h"

bool
ilokg_iri_has_scheme(const char *s)
{
    if (!ilokg_is_alpha(*s)) {
        return false;
    }
    for (s++; *s && *s != ':'; s++) {
        if (!(ilokg_is_alnum(*s) || *s == '+' || *s == '-' || *s == '.')) {
            return false;
        }
    }
    return *s == ':';
}

/* The five components of a reference (section 3); each a span of the text, NULL when absent. */
typedef struct {
    const char *scheme, *authority, *path, *query, *fragment;
    size_t      scheme_len, authority_len, path_len, query_len, fragment_len;
} parts;

static void
split(parts *p, const char *s)
{
    memset(p, 0, sizeof *p);
    if (ilokg_iri_has_scheme(s)) {
        p->scheme     = s;
        p->scheme_len = (size_t)(strchr(s, ':') - s);
        s += p->scheme_len + 1;
    }
    if (s[0] == '/' && s[1] == '/') {
        s += 2;
        p->authority     = s;
        p->authority_len = strcspn(s, "/?#");
        s += p->authority_len;
    }
    p->path     = s;
    p->path_len = strcspn(s, "?#");
    s += p->path_len;
    if (*s == '?') {
        p->query     = ++s;
        p->query_len = strcspn(s, "#");
        s += p->query_len;
    }
    if (*s == '#') {
        p->fragment     = s + 1;
        p->fragment_len = strlen(s + 1);
    }
}

/* Appends path[0, len) to out with its dot segments removed (section 5.2.4). */
static ilokg_status
add_without_dots(ilokg_buf *out, const char *in, size_t len)
{
    size_t       start = out->len, i = 0;
    ilokg_status st = ILOKG_OK;
    while (i < len && !st) {
        const char *p = in + i;
        size_t      n = len - i;
        if (n >= 3 && !memcmp(p, "../", 3)) {
            i += 3;
        } else if (n >= 2 && !memcmp(p, "./", 2)) {
            i += 2;
        } else if ((n >= 3 && !memcmp(p, "/./", 3)) || (n == 2 && !memcmp(p, "/.", 2))) {
            i += 2; /* "/./x" -> "/x", "/." -> "/" */
            if (n == 2) {
                st = ilokg_buf_addc(out, '/');
            }
        } else if ((n >= 4 && !memcmp(p, "/../", 4)) || (n == 3 && !memcmp(p, "/..", 3))) {
            i += 3; /* remove the last segment written */
            while (out->len > start && out->ptr[out->len - 1] != '/') {
                out->len--;
            }
            if (out->len > start) {
                out->len--;
            }
            if (n == 3) {
                st = ilokg_buf_addc(out, '/');
            }
        } else if ((n == 1 && p[0] == '.') || (n == 2 && !memcmp(p, "..", 2))) {
            i += n;
        } else {
            size_t seg = 1;
            while (seg < n && p[seg] != '/') {
                seg++;
            }
            if (p[0] != '/') {
                seg = 0;
                while (seg < n && p[seg] != '/') {
                    seg++;
                }
            }
            st = ilokg_buf_add(out, p, seg);
            i += seg;
        }
    }
    return st;
}

ilokg_status
ilokg_iri_resolve(ilokg_buf *out, const char *base, const char *ref)
{
    parts b, r;
    split(&b, base);
    split(&r, ref);
    const parts *auth  = r.scheme || r.authority ? &r : &b;
    const parts *query = r.scheme || r.authority || r.path_len || r.query ? &r : &b;
    ilokg_status st =
        ilokg_buf_add(out, r.scheme ? r.scheme : b.scheme, r.scheme ? r.scheme_len : b.scheme_len);
    st = st ? st : ilokg_buf_addc(out, ':');
    if (!st && auth->authority) {
        st = ilokg_buf_adds(out, "//");
        st = st ? st : ilokg_buf_add(out, auth->authority, auth->authority_len);
    }
    if (st) {
        return st;
    }
    if (r.scheme || r.authority || (r.path_len && r.path[0] == '/')) {
        st = add_without_dots(out, r.path, r.path_len);
    } else if (!r.path_len) {
        st = ilokg_buf_add(out, b.path, b.path_len);
    } else {
        /* merge (5.2.3): the base's path up to its last '/', or "/" after an empty path with
         * an authority, then the reference's path; dot segments removed from the whole */
        ilokg_buf merged = ILOKG_BUF_INIT;
        if (b.authority && !b.path_len) {
            st = ilokg_buf_addc(&merged, '/');
        } else {
            size_t keep = b.path_len;
            while (keep && b.path[keep - 1] != '/') {
                keep--;
            }
            st = ilokg_buf_add(&merged, b.path, keep);
        }
        st = st ? st : ilokg_buf_add(&merged, r.path, r.path_len);
        st = st ? st : add_without_dots(out, merged.ptr, merged.len);
        ilokg_buf_free(&merged);
    }
    if (!st && query->query) {
        st = ilokg_buf_addc(out, '?');
        st = st ? st : ilokg_buf_add(out, query->query, query->query_len);
    }
    if (!st && r.fragment) {
        st = ilokg_buf_addc(out, '#');
        st = st ? st : ilokg_buf_add(out, r.fragment, r.fragment_len);
    }
    if (!st) {
        out->ptr[out->len] = '\0'; /* dot segments removed may have cut the buffer short */
    }
    return st;
}
