/* SPDX-License-Identifier: Apache-2.0 */
/* The SPARQL 1.1 functions on terms, numbers, dates and hashes (17.4.1, 17.4.2, 17.4.4-6):
 * DATATYPE, IRI, BNODE, UUID, RAND, ABS..ROUND, YEAR..TZ, NOW, MD5..SHA512, the isX tests. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include "util/buf.h"
#include "query/func.h"
#include "query/value.h"

/* ---- IRIs (RFC 3986 section 5.2 resolution) ----------------------------------------------- */

static int
has_scheme(const char *s, size_t len)
{
    size_t i = 0;
    if (!len || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) {
        return 0;
    }
    for (i = 1; i < len; i++) {
        char ch = s[i];
        if (ch == ':') {
            return 1;
        }
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '+' || ch == '-' || ch == '.')) {
            return 0;
        }
    }
    return 0;
}

/* Appends path p (len bytes) to b with its dot segments removed. */
static ilokg_status
add_path(ilokg_buf *b, const char *p, size_t len)
{
    size_t       start = b->len;
    ilokg_status st    = ILOKG_OK;
    size_t       i     = 0;
    while (i < len && !st) {
        size_t j = i + 1;
        while (j < len && p[j] != '/') {
            j++;
        }
        /* the segment p[i, j) starts with '/' unless it is the first one */
        const char *seg      = p + i;
        size_t      sl       = j - i;
        int         sl_slash = seg[0] == '/';
        const char *name     = seg + sl_slash;
        size_t      nl       = sl - (size_t)sl_slash;
        if (nl == 1 && name[0] == '.') {
            if (j >= len) {
                st = ilokg_buf_addc(b, '/');
            }
        } else if (nl == 2 && name[0] == '.' && name[1] == '.') {
            while (b->len > start && b->ptr[b->len - 1] != '/') {
                b->len--;
            }
            if (b->len > start) {
                b->len--;
            }
            if (j >= len) {
                st = ilokg_buf_addc(b, '/');
            }
        } else {
            st = ilokg_buf_add(b, seg, sl);
        }
        i = j;
    }
    if (b->ptr) {
        b->ptr[b->len] = '\0';
    }
    return st;
}

static ilokg_status
resolve_iri(ilokg_buf *b, const char *base, const char *rel, size_t len)
{
    size_t blen = strlen(base), scheme = 0, auth_end, path_end;
    while (scheme < blen && base[scheme] != ':') {
        scheme++;
    }
    auth_end = scheme + 1;
    if (auth_end + 1 < blen && base[auth_end] == '/' && base[auth_end + 1] == '/') {
        auth_end += 2;
        while (auth_end < blen && base[auth_end] != '/' && base[auth_end] != '?' &&
               base[auth_end] != '#') {
            auth_end++;
        }
    }
    for (path_end = auth_end; path_end < blen && base[path_end] != '?' && base[path_end] != '#';
         path_end++) {
    }
    if (len >= 2 && rel[0] == '/' && rel[1] == '/') {
        return ilokg_buf_add(b, base, scheme + 1) || ilokg_buf_add(b, rel, len) ? ILOKG_ERR_NOMEM
                                                                                : ILOKG_OK;
    }
    if (ilokg_buf_add(b, base, auth_end)) {
        return ILOKG_ERR_NOMEM;
    }
    if (len == 0 || rel[0] == '#') {
        size_t q_end = path_end;
        while (q_end < blen && base[q_end] != '#') {
            q_end++;
        }
        return ilokg_buf_add(b, base + auth_end, q_end - auth_end) || ilokg_buf_add(b, rel, len)
                   ? ILOKG_ERR_NOMEM
                   : ILOKG_OK;
    }
    if (rel[0] == '?') {
        return ilokg_buf_add(b, base + auth_end, path_end - auth_end) || ilokg_buf_add(b, rel, len)
                   ? ILOKG_ERR_NOMEM
                   : ILOKG_OK;
    }
    size_t rp = 0;
    while (rp < len && rel[rp] != '?' && rel[rp] != '#') {
        rp++;
    }
    ilokg_buf    merged = ILOKG_BUF_INIT;
    ilokg_status st     = ILOKG_OK;
    if (rel[0] == '/') {
        st = ilokg_buf_add(&merged, rel, rp);
    } else {
        size_t last = path_end;
        while (last > auth_end && base[last - 1] != '/') {
            last--;
        }
        if (last == auth_end && auth_end > scheme + 1) {
            st = ilokg_buf_addc(&merged, '/');
        } else {
            st = ilokg_buf_add(&merged, base + auth_end, last - auth_end);
        }
        st = st ? st : ilokg_buf_add(&merged, rel, rp);
    }
    if (!st) {
        st = add_path(b, merged.ptr ? merged.ptr : "", merged.len);
    }
    ilokg_buf_free(&merged);
    return st ? st : ilokg_buf_add(b, rel + rp, len - rp);
}

static ilokg_status
fn_iri(ilokg_qctx *c, const ilokg_xval *v, ilokg_id *out)
{
    const char  *base = ilokg_qctx_base(c);
    ilokg_buf    b    = ILOKG_BUF_INIT;
    ilokg_status st   = ILOKG_OK;
    if (v->kind == ILOKG_XV_IRI) {
        return ilokg_qctx_intern(c, &v->t, out);
    }
    if (v->kind != ILOKG_XV_STR) {
        return ILOKG_OK;
    }
    for (size_t i = 0; i < v->t.lex_len; i++) { /* what an IRIREF cannot hold: an error */
        unsigned char ch = (unsigned char)v->t.lex[i];
        if (ch <= 0x20 || strchr("<>\"{}|^`\\", ch)) {
            return ILOKG_OK;
        }
    }
    if (has_scheme(v->t.lex, v->t.lex_len)) {
        st = ilokg_buf_add(&b, v->t.lex, v->t.lex_len);
    } else if (!base || !has_scheme(base, strlen(base))) {
        return ILOKG_OK; /* a relative IRI and nothing to resolve it against: an error */
    } else {
        st = resolve_iri(&b, base, v->t.lex, v->t.lex_len);
    }
    if (!st) {
        ilokg_qterm t = {ILOKG_QT_IRI, b.ptr ? b.ptr : "", b.len, NULL, NULL};
        st            = ilokg_qctx_intern(c, &t, out);
    }
    ilokg_buf_free(&b);
    return st;
}

/* ---- Blank nodes, UUIDs, RAND ------------------------------------------------------------ */

static ilokg_status
random_bytes(unsigned char *p, size_t n)
{
    while (n) {
        ssize_t r = getrandom(p, n, 0);
        if (r <= 0) {
            return ILOKG_ERR_INTERNAL;
        }
        p += r;
        n -= (size_t)r;
    }
    return ILOKG_OK;
}

static void
hex(char *out, const unsigned char *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i]     = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

/* Labels start with '.', which no parsed blank node label can: they never meet the data's. */
static ilokg_status
fn_bnode(ilokg_qctx *c, const ilokg_xval *v, ilokg_id *out)
{
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = ILOKG_OK;
    if (!v) {
        unsigned char r[16];
        char          h[33];
        if ((st = random_bytes(r, sizeof r))) {
            return st;
        }
        hex(h, r, sizeof r);
        st = ilokg_buf_printf(&b, ".r%s", h);
    } else if (v->kind != ILOKG_XV_STR) {
        return ILOKG_OK;
    } else {
        st = ilokg_buf_printf(&b, ".s%zu-", ilokg_qctx_solution_serial(c));
        for (size_t i = 0; i < v->t.lex_len && !st; i++) {
            st = ilokg_buf_printf(&b, "%02x", (unsigned char)v->t.lex[i]);
        }
    }
    if (!st) {
        ilokg_qterm t = {ILOKG_QT_BLANK, b.ptr, b.len, NULL, NULL};
        st            = ilokg_qctx_intern(c, &t, out);
    }
    ilokg_buf_free(&b);
    return st;
}

static ilokg_status
fn_uuid(ilokg_qctx *c, int as_iri, ilokg_id *out)
{
    unsigned char r[16];
    char          h[33], s[64];
    ilokg_status  st = random_bytes(r, sizeof r);
    if (st) {
        return st;
    }
    r[6] = (unsigned char)((r[6] & 0x0f) | 0x40); /* version 4 */
    r[8] = (unsigned char)((r[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    hex(h, r, sizeof r);
    int len = snprintf(s, sizeof s, "%s%.8s-%.4s-%.4s-%.4s-%.12s", as_iri ? "urn:uuid:" : "", h,
                       h + 8, h + 12, h + 16, h + 20);
    if (as_iri) {
        ilokg_qterm t = {ILOKG_QT_IRI, s, (size_t)len, NULL, NULL};
        return ilokg_qctx_intern(c, &t, out);
    }
    return ilokg_fx_literal(c, s, (size_t)len, NULL, NULL, out);
}

static ilokg_status
fn_rand(ilokg_qctx *c, ilokg_id *out)
{
    unsigned char r[8];
    uint64_t      u  = 0;
    ilokg_dec     z  = {0, 0};
    ilokg_status  st = random_bytes(r, sizeof r);
    if (st) {
        return st;
    }
    for (int i = 0; i < 8; i++) {
        u = u << 8 | r[i];
    }
    return ilokg_fx_number(c, ILOKG_XV_DBL, z, (double)(u >> 11) / 9007199254740992.0, out);
}

/* ---- Numbers ----------------------------------------------------------------------------- */

static ilokg_status
fn_numeric(ilokg_qctx *c, ilokg_builtin fn, const ilokg_xval *v, ilokg_id *out)
{
    ilokg_dec d    = v->dec;
    double    x    = v->d;
    char      mode = fn == ILOKG_FN_CEIL ? 'c' : fn == ILOKG_FN_FLOOR ? 'f' : 'r';
    if (!ilokg_xsd_is_numeric(v->kind)) {
        return ILOKG_OK;
    }
    if (fn == ILOKG_FN_ABS) {
        d.m = d.m < 0 ? -d.m : d.m;
        x   = fabs(x);
    } else if (v->kind == ILOKG_XV_DEC) {
        d = ilokg_dec_round(d, mode);
    } else if (v->kind != ILOKG_XV_INT) {
        x = mode == 'c' ? ceil(x) : mode == 'f' ? floor(x) : isfinite(x) ? floor(x + 0.5) : x;
    }
    return ilokg_fx_number(c, v->kind, d, x, out);
}

/* ---- Dates ------------------------------------------------------------------------------- */

static ilokg_status
fn_timezone(ilokg_qctx *c, const ilokg_xval *v, int as_duration, ilokg_id *out)
{
    char buf[32];
    int  len, tz = v->dt.tz_min, a = tz < 0 ? -tz : tz;
    if (!as_duration) {
        if (!v->dt.has_tz) {
            return ilokg_fx_literal(c, "", 0, NULL, NULL, out);
        }
        if (v->t.lex[v->t.lex_len - 1] == 'Z') {
            return ilokg_fx_literal(c, "Z", 1, NULL, NULL, out);
        }
        len = snprintf(buf, sizeof buf, "%c%02d:%02d", tz < 0 ? '-' : '+', a / 60, a % 60);
        return ilokg_fx_literal(c, buf, (size_t)len, NULL, NULL, out);
    }
    if (!v->dt.has_tz) {
        return ILOKG_OK;
    }
    if (tz == 0) {
        len = snprintf(buf, sizeof buf, "PT0S");
    } else if (a % 60) {
        len = a >= 60 ? snprintf(buf, sizeof buf, "%sPT%dH%dM", tz < 0 ? "-" : "", a / 60, a % 60)
                      : snprintf(buf, sizeof buf, "%sPT%dM", tz < 0 ? "-" : "", a);
    } else {
        len = snprintf(buf, sizeof buf, "%sPT%dH", tz < 0 ? "-" : "", a / 60);
    }
    return ilokg_fx_literal(c, buf, (size_t)len, NULL, ILOKG_XSD "dayTimeDuration", out);
}

static ilokg_status
fn_date(ilokg_qctx *c, ilokg_builtin fn, const ilokg_xval *v, ilokg_id *out)
{
    ilokg_dec d = {0, 0};
    char      buf[64];
    if (v->kind != ILOKG_XV_DT && !(v->kind == ILOKG_XV_DATE && fn <= ILOKG_FN_DAY)) {
        if (!(v->kind == ILOKG_XV_DATE && (fn == ILOKG_FN_TIMEZONE || fn == ILOKG_FN_TZ))) {
            return ILOKG_OK;
        }
    }
    switch (fn) {
    case ILOKG_FN_YEAR:
        d.m = v->dt.year;
        break;
    case ILOKG_FN_MONTH:
        d.m = v->dt.mon;
        break;
    case ILOKG_FN_DAY:
        d.m = v->dt.day;
        break;
    case ILOKG_FN_HOURS:
        d.m = v->dt.h;
        break;
    case ILOKG_FN_MINUTES:
        d.m = v->dt.mi;
        break;
    case ILOKG_FN_SECONDS: {
        /* Canonical: whole seconds without a fraction, as the W3C tests expect them. */
        ilokg_dec sec = ilokg_dec_trim(v->dt.sec);
        size_t    len = ilokg_dec_format(buf, sec, sec.scale == 0);
        return ilokg_fx_literal(c, buf, len, NULL, ILOKG_XSD "decimal", out);
    }
    default:
        return fn_timezone(c, v, fn == ILOKG_FN_TIMEZONE, out);
    }
    return ilokg_fx_number(c, ILOKG_XV_INT, d, 0, out);
}

/* ---- Hashes ------------------------------------------------------------------------------ */

static ilokg_status
fn_hash(ilokg_qctx *c, ilokg_builtin fn, const ilokg_xval *v, ilokg_id *out)
{
    unsigned char  dg[SHA512_DIGEST_SIZE];
    char           h[2 * SHA512_DIGEST_SIZE + 1];
    size_t         n;
    const uint8_t *p   = (const uint8_t *)v->t.lex;
    size_t         len = v->t.lex_len;
    if (v->kind != ILOKG_XV_STR) {
        return ILOKG_OK;
    }
    if (fn == ILOKG_FN_MD5) {
        struct md5_ctx x;
        md5_init(&x);
        md5_update(&x, len, p);
        md5_digest(&x, n = MD5_DIGEST_SIZE, dg);
    } else if (fn == ILOKG_FN_SHA1) {
        struct sha1_ctx x;
        sha1_init(&x);
        sha1_update(&x, len, p);
        sha1_digest(&x, n = SHA1_DIGEST_SIZE, dg);
    } else if (fn == ILOKG_FN_SHA256) {
        struct sha256_ctx x;
        sha256_init(&x);
        sha256_update(&x, len, p);
        sha256_digest(&x, n = SHA256_DIGEST_SIZE, dg);
    } else if (fn == ILOKG_FN_SHA384) {
        struct sha384_ctx x;
        sha384_init(&x);
        sha384_update(&x, len, p);
        sha384_digest(&x, n = SHA384_DIGEST_SIZE, dg);
    } else {
        struct sha512_ctx x;
        sha512_init(&x);
        sha512_update(&x, len, p);
        sha512_digest(&x, n = SHA512_DIGEST_SIZE, dg);
    }
    hex(h, dg, n);
    return ilokg_fx_literal(c, h, 2 * n, NULL, NULL, out);
}

/* ---- Dispatch ---------------------------------------------------------------------------- */

static ilokg_status
fn_term(ilokg_qctx *c, ilokg_builtin fn, const ilokg_xval *v, ilokg_id *out)
{
    switch (fn) {
    case ILOKG_FN_DATATYPE: {
        if (v->t.kind != ILOKG_QT_LITERAL) {
            return ILOKG_OK;
        }
        const char *dt = ilokg_qterm_datatype(&v->t);
        ilokg_qterm t  = {ILOKG_QT_IRI, dt, strlen(dt), NULL, NULL};
        return ilokg_qctx_intern(c, &t, out);
    }
    case ILOKG_FN_ISIRI:
    case ILOKG_FN_ISURI:
        return ilokg_fx_bool(c, v->kind == ILOKG_XV_IRI, out);
    case ILOKG_FN_ISBLANK:
        return ilokg_fx_bool(c, v->kind == ILOKG_XV_BLANK, out);
    case ILOKG_FN_ISLITERAL:
        return ilokg_fx_bool(c, v->t.kind == ILOKG_QT_LITERAL, out);
    case ILOKG_FN_ISNUMERIC:
        return ilokg_fx_bool(c, ilokg_xsd_is_numeric(v->kind), out);
    case ILOKG_FN_IRI:
    case ILOKG_FN_URI:
        return fn_iri(c, v, out);
    case ILOKG_FN_BNODE:
        return fn_bnode(c, v, out);
    case ILOKG_FN_ABS:
    case ILOKG_FN_CEIL:
    case ILOKG_FN_FLOOR:
    case ILOKG_FN_ROUND:
        return fn_numeric(c, fn, v, out);
    case ILOKG_FN_MD5:
    case ILOKG_FN_SHA1:
    case ILOKG_FN_SHA256:
    case ILOKG_FN_SHA384:
    case ILOKG_FN_SHA512:
        return fn_hash(c, fn, v, out);
    case ILOKG_FN_YEAR:
    case ILOKG_FN_MONTH:
    case ILOKG_FN_DAY:
    case ILOKG_FN_HOURS:
    case ILOKG_FN_MINUTES:
    case ILOKG_FN_SECONDS:
    case ILOKG_FN_TIMEZONE:
    case ILOKG_FN_TZ:
        return fn_date(c, fn, v, out);
    default:
        return ILOKG_OK; /* not a function of one argument */
    }
}

ilokg_status
ilokg_fn_misc(ilokg_qctx *c, ilokg_builtin fn, const ilokg_id *args, size_t n, ilokg_id *out)
{
    ilokg_xval   v;
    int          ok;
    ilokg_status st = ILOKG_OK;
    *out            = ILOKG_ID_NONE;
    if (n == 0) {
        switch (fn) {
        case ILOKG_FN_BNODE:
            return fn_bnode(c, NULL, out);
        case ILOKG_FN_RAND:
            return fn_rand(c, out);
        case ILOKG_FN_UUID:
        case ILOKG_FN_STRUUID:
            return fn_uuid(c, fn == ILOKG_FN_UUID, out);
        case ILOKG_FN_NOW: {
            const char *now = ilokg_qctx_now(c);
            return ilokg_fx_literal(c, now, strlen(now), NULL, ILOKG_XSD "dateTime", out);
        }
        default:
            return ILOKG_OK;
        }
    }
    if (n != 1 || (st = ilokg_fx_value(c, args[0], &v, &ok)) || !ok) {
        return n == 1 ? st : ILOKG_OK;
    }
    return fn_term(c, fn, &v, out);
}
