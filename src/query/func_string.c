/* SPDX-License-Identifier: Apache-2.0 */
/* The string functions of SPARQL 1.1 (17.4.2, 17.4.3): argument compatibility of 17.4.3.1.2,
 * results that keep the language tag, code-point positions, REGEX and REPLACE over PCRE2. */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include <pcre2.h>

#include "util/buf.h"
#include "query/func.h"
#include "query/value.h"
#include "util/utf8.h"

int
ilokg_fn_is_string(ilokg_builtin fn)
{
    switch (fn) {
    case ILOKG_FN_STR:
    case ILOKG_FN_LANG:
    case ILOKG_FN_LANGMATCHES:
    case ILOKG_FN_CONCAT:
    case ILOKG_FN_SUBSTR:
    case ILOKG_FN_STRLEN:
    case ILOKG_FN_REPLACE:
    case ILOKG_FN_UCASE:
    case ILOKG_FN_LCASE:
    case ILOKG_FN_ENCODE_FOR_URI:
    case ILOKG_FN_CONTAINS:
    case ILOKG_FN_STRSTARTS:
    case ILOKG_FN_STRENDS:
    case ILOKG_FN_STRBEFORE:
    case ILOKG_FN_STRAFTER:
    case ILOKG_FN_REGEX:
    case ILOKG_FN_STRLANG:
    case ILOKG_FN_STRDT:
        return 1;
    default:
        return 0;
    }
}

static int
is_string(const ilokg_xval *v)
{
    return v->kind == ILOKG_XV_STR || v->kind == ILOKG_XV_LANG;
}

/* 17.4.3.1.2: two simple/xsd:string literals, two with the same tag, or tagged then untagged. */
static int
compatible(const ilokg_xval *a, const ilokg_xval *b)
{
    if (!is_string(a) || !is_string(b)) {
        return 0;
    }
    if (b->kind == ILOKG_XV_STR) {
        return 1;
    }
    return a->kind == ILOKG_XV_LANG && !strcasecmp(a->t.lang, b->t.lang);
}

/* The byte offset of code point n (1-based positions; n past the end: the length). */
static size_t
cp_offset(const char *s, size_t len, double n)
{
    size_t i = 0;
    for (double k = 1; k < n && i < len; k++) {
        uint32_t cp;
        size_t   l = ilokg_utf8_decode(&cp, s + i, len - i);
        i += l ? l : 1;
    }
    return i;
}

static double
xpath_round(double d)
{
    return floor(d + 0.5);
}

static ilokg_status
fn_substr(ilokg_qctx *c, const ilokg_xval *v, const ilokg_xval *args, size_t n, ilokg_id *out)
{
    if (!ilokg_xsd_is_numeric(args[1].kind) || (n == 3 && !ilokg_xsd_is_numeric(args[2].kind))) {
        return ILOKG_OK;
    }
    double start = xpath_round(args[1].d);
    double end   = n == 3 ? start + xpath_round(args[2].d) : INFINITY;
    if (isnan(start) || isnan(end)) {
        end = start = 1;
    }
    double first = start < 1 ? 1 : start;
    size_t a = 0, b = 0;
    if (end > first) {
        a = cp_offset(v->t.lex, v->t.lex_len, first);
        b = isinf(end) ? v->t.lex_len : cp_offset(v->t.lex, v->t.lex_len, end);
    }
    return ilokg_fx_literal(c, v->t.lex + a, b - a, v->t.lang, NULL, out);
}

/* Unicode case mapping, code point by code point, through glibc's C.UTF-8 tables. */
static ilokg_status
fn_case(ilokg_qctx *c, const ilokg_xval *v, int upper, ilokg_id *out)
{
    ilokg_buf    b   = ILOKG_BUF_INIT;
    ilokg_status st  = ILOKG_OK;
    locale_t     loc = (locale_t)0;
    const char  *s   = v->t.lex;
    size_t       len = v->t.lex_len;
    for (size_t i = 0; i < len && !st;) {
        uint32_t cp;
        char     enc[4];
        size_t   l = ilokg_utf8_decode(&cp, s + i, len - i);
        if (!l) {
            cp = (unsigned char)s[i];
            l  = 1;
        }
        if (cp < 0x80) {
            if (upper && cp >= 'a' && cp <= 'z') {
                cp -= 32;
            } else if (!upper && cp >= 'A' && cp <= 'Z') {
                cp += 32;
            }
        } else {
            if (!loc && !(loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0))) {
                st = ILOKG_ERR_INTERNAL;
                break;
            }
            cp = (uint32_t)(upper ? towupper_l((wint_t)cp, loc) : towlower_l((wint_t)cp, loc));
        }
        st = ilokg_buf_add(&b, enc, ilokg_utf8_encode(enc, cp));
        i += l;
    }
    if (!st) {
        st = ilokg_fx_literal(c, b.ptr ? b.ptr : "", b.len, v->t.lang, NULL, out);
    }
    if (loc) {
        freelocale(loc);
    }
    ilokg_buf_free(&b);
    return st;
}

static ilokg_status
fn_encode(ilokg_qctx *c, const ilokg_xval *v, ilokg_id *out)
{
    static const char hex[] = "0123456789ABCDEF";
    ilokg_buf         b     = ILOKG_BUF_INIT;
    ilokg_status      st    = ilokg_buf_reserve(&b, v->t.lex_len * 3);
    for (size_t i = 0; i < v->t.lex_len && !st; i++) {
        unsigned char ch = (unsigned char)v->t.lex[i];
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            st = ilokg_buf_addc(&b, (char)ch);
        } else {
            char pct[3] = {'%', hex[ch >> 4], hex[ch & 15]};
            st          = ilokg_buf_add(&b, pct, 3);
        }
    }
    if (!st) {
        st = ilokg_fx_literal(c, b.ptr ? b.ptr : "", b.len, NULL, NULL, out);
    }
    ilokg_buf_free(&b);
    return st;
}

static const char *
find_sub(const char *h, size_t hlen, const char *n, size_t nlen)
{
    if (nlen == 0) {
        return h;
    }
    for (size_t i = 0; i + nlen <= hlen; i++) {
        if (h[i] == n[0] && !memcmp(h + i, n, nlen)) {
            return h + i;
        }
    }
    return NULL;
}

static ilokg_status
fn_two_strings(ilokg_qctx *c, ilokg_builtin fn, const ilokg_xval *a, const ilokg_xval *b,
               ilokg_id *out)
{
    const char *h = a->t.lex, *n = b->t.lex;
    size_t      hl = a->t.lex_len, nl = b->t.lex_len;
    if (!compatible(a, b)) {
        return ILOKG_OK;
    }
    const char *at = find_sub(h, hl, n, nl);
    switch (fn) {
    case ILOKG_FN_CONTAINS:
        return ilokg_fx_bool(c, at != NULL, out);
    case ILOKG_FN_STRSTARTS:
        return ilokg_fx_bool(c, nl <= hl && !memcmp(h, n, nl), out);
    case ILOKG_FN_STRENDS:
        return ilokg_fx_bool(c, nl <= hl && !memcmp(h + hl - nl, n, nl), out);
    case ILOKG_FN_STRBEFORE:
        if (!at) {
            return ilokg_fx_literal(c, "", 0, NULL, NULL, out);
        }
        return ilokg_fx_literal(c, h, (size_t)(at - h), a->t.lang, NULL, out);
    default: /* STRAFTER */
        if (!at) {
            return ilokg_fx_literal(c, "", 0, NULL, NULL, out);
        }
        return ilokg_fx_literal(c, at + nl, hl - (size_t)(at - h) - nl, a->t.lang, NULL, out);
    }
}

static ilokg_status
fn_concat(ilokg_qctx *c, const ilokg_xval *v, size_t n, ilokg_id *out)
{
    ilokg_buf    b    = ILOKG_BUF_INIT;
    ilokg_status st   = ILOKG_OK;
    const char  *lang = n && v[0].kind == ILOKG_XV_LANG ? v[0].t.lang : NULL;
    for (size_t i = 0; i < n && !st; i++) {
        if (!is_string(&v[i])) {
            ilokg_buf_free(&b);
            return ILOKG_OK;
        }
        if (lang && (!v[i].t.lang || strcasecmp(lang, v[i].t.lang))) {
            lang = NULL;
        }
        st = ilokg_buf_add(&b, v[i].t.lex, v[i].t.lex_len);
    }
    if (!st) {
        st = ilokg_fx_literal(c, b.ptr ? b.ptr : "", b.len, lang, NULL, out);
    }
    ilokg_buf_free(&b);
    return st;
}

/* RFC 4647 basic filtering. */
static int
lang_matches(const ilokg_qterm *tag, const ilokg_qterm *range)
{
    if (range->lex_len == 1 && range->lex[0] == '*') {
        return tag->lex_len > 0;
    }
    if (range->lex_len > tag->lex_len || range->lex_len == 0) {
        return 0;
    }
    if (strncasecmp(tag->lex, range->lex, range->lex_len)) {
        return 0;
    }
    return tag->lex_len == range->lex_len || tag->lex[range->lex_len] == '-';
}

/* ---- REGEX and REPLACE --------------------------------------------------------------------- */

static pcre2_code *
compile_regex(const ilokg_xval *pat, const ilokg_xval *flags)
{
    uint32_t opt = PCRE2_UTF | PCRE2_UCP;
    int      err;
    size_t   off;
    if (pat->kind != ILOKG_XV_STR || (flags && flags->kind != ILOKG_XV_STR)) {
        return NULL;
    }
    for (size_t i = 0; flags && i < flags->t.lex_len; i++) {
        switch (flags->t.lex[i]) {
        case 'i':
            opt |= PCRE2_CASELESS;
            break;
        case 's':
            opt |= PCRE2_DOTALL;
            break;
        case 'm':
            opt |= PCRE2_MULTILINE;
            break;
        case 'x':
            opt |= PCRE2_EXTENDED;
            break;
        case 'q':
            opt |= PCRE2_LITERAL;
            break;
        default:
            return NULL;
        }
    }
    if (opt & PCRE2_LITERAL) { /* "q": of the other flags only "i" still applies */
        opt &= PCRE2_LITERAL | PCRE2_CASELESS | PCRE2_UTF;
    }
    return pcre2_compile((PCRE2_SPTR)pat->t.lex, pat->t.lex_len, opt, &err, &off, NULL);
}

static void
release_regex(void *p)
{
    ilokg_regex_slot *slot = p;
    pcre2_match_data_free(slot->match_data);
    pcre2_code_free(slot->code);
    free(slot->pattern);
    free(slot->flags);
    memset(slot, 0, sizeof *slot);
}

static int
same_text(const char *kept, const ilokg_qterm *t)
{
    return kept && strlen(kept) == t->lex_len && !memcmp(kept, t->lex, t->lex_len);
}

/* The compiled pattern and its match data, from the context's slot when the same pattern and
 * flags were compiled last (a FILTER applies one pattern to every row); NULL when the pattern or
 * its flags are invalid, *st set when memory ran out. Both stay the slot's. */
static pcre2_code *
cached_regex(ilokg_qctx *c, const ilokg_xval *pat, const ilokg_xval *flags, pcre2_match_data **md,
             ilokg_status *st)
{
    ilokg_regex_slot        *slot = ilokg_qctx_regex_slot(c);
    static const ilokg_qterm none = {ILOKG_QT_LITERAL, "", 0, NULL, NULL};
    const ilokg_qterm       *ft   = flags ? &flags->t : &none;
    if (slot->code && same_text(slot->pattern, &pat->t) && same_text(slot->flags, ft)) {
        *md = slot->match_data;
        return slot->code;
    }
    pcre2_code *re = compile_regex(pat, flags);
    if (!re) {
        return NULL;
    }
    if (slot->release) {
        slot->release(slot);
    }
    slot->code       = re;
    slot->release    = release_regex;
    slot->match_data = pcre2_match_data_create_from_pattern(re, NULL);
    slot->pattern    = ilokg_strndup(pat->t.lex, pat->t.lex_len);
    slot->flags      = ilokg_strndup(ft->lex, ft->lex_len);
    if (!slot->match_data || !slot->pattern || !slot->flags) {
        release_regex(slot);
        *st = ILOKG_ERR_NOMEM;
        return NULL;
    }
    *md = slot->match_data;
    return slot->code;
}

static ilokg_status
fn_regex(ilokg_qctx *c, const ilokg_xval *v, size_t n, ilokg_id *out)
{
    pcre2_code       *re;
    pcre2_match_data *md = NULL;
    ilokg_status      st = ILOKG_OK;
    if (!is_string(&v[0]) || !(re = cached_regex(c, &v[1], n > 2 ? &v[2] : NULL, &md, &st))) {
        return st;
    }
    int r = pcre2_match(re, (PCRE2_SPTR)v[0].t.lex, v[0].t.lex_len, 0, 0, md, NULL);
    if (r >= 0 || r == PCRE2_ERROR_NOMATCH) {
        st = ilokg_fx_bool(c, r >= 0, out);
    }
    return st;
}

/* The replacement of fn:replace: $N a group, \$ and \\ themselves; anything else an error. */
static int
add_replacement(ilokg_buf *b, const ilokg_qterm *rep, const char *subj, const PCRE2_SIZE *ov,
                int n_groups, ilokg_status *st)
{
    const char *r = rep->lex;
    for (size_t i = 0; i < rep->lex_len && !*st; i++) {
        if (r[i] == '\\') {
            if (i + 1 >= rep->lex_len || (r[i + 1] != '\\' && r[i + 1] != '$')) {
                return -1;
            }
            *st = ilokg_buf_addc(b, r[++i]);
        } else if (r[i] == '$') {
            if (i + 1 >= rep->lex_len || r[i + 1] < '0' || r[i + 1] > '9') {
                return -1;
            }
            int g = r[++i] - '0';
            while (i + 1 < rep->lex_len && r[i + 1] >= '0' && r[i + 1] <= '9' &&
                   g * 10 + (r[i + 1] - '0') < n_groups) {
                g = g * 10 + (r[++i] - '0');
            }
            if (g < n_groups && ov[2 * g] != PCRE2_UNSET) {
                *st = ilokg_buf_add(b, subj + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            }
        } else {
            *st = ilokg_buf_addc(b, r[i]);
        }
    }
    return 0;
}

static ilokg_status
replace_all(ilokg_buf *b, pcre2_code *re, pcre2_match_data *md, const ilokg_xval *v, int *bad)
{
    const char  *s   = v[0].t.lex;
    size_t       len = v[0].t.lex_len, pos = 0, copied = 0;
    ilokg_status st = ILOKG_OK;
    uint32_t     n_cap;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &n_cap);
    /* A pattern that matches the empty string is an error (fn:replace, FORX0003). */
    if (pcre2_match(re, (PCRE2_SPTR) "", 0, 0, 0, md, NULL) >= 0) {
        *bad = 1;
        return ILOKG_OK;
    }
    while (pos <= len && !st) {
        int r = pcre2_match(re, (PCRE2_SPTR)s, len, pos, 0, md, NULL);
        if (r < 0) {
            *bad = r != PCRE2_ERROR_NOMATCH;
            break;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if ((st = ilokg_buf_add(b, s + copied, ov[0] - copied))) {
            break;
        }
        uint32_t opts = 0;
        pcre2_pattern_info(re, PCRE2_INFO_ARGOPTIONS, &opts);
        if (opts & PCRE2_LITERAL) { /* flag "q": the replacement is taken as it is too */
            st = ilokg_buf_add(b, v[2].t.lex, v[2].t.lex_len);
        } else if (add_replacement(b, &v[2].t, s, ov, (int)n_cap + 1, &st)) {
            *bad = 1;
            break;
        }
        copied = ov[1];
        pos    = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
    }
    return st ? st : ilokg_buf_add(b, s + copied, len - copied);
}

static ilokg_status
fn_replace(ilokg_qctx *c, const ilokg_xval *v, size_t n, ilokg_id *out)
{
    pcre2_code       *re;
    pcre2_match_data *md  = NULL;
    ilokg_buf         b   = ILOKG_BUF_INIT;
    ilokg_status      st  = ILOKG_OK;
    int               bad = 0;
    if (!is_string(&v[0]) || v[2].kind != ILOKG_XV_STR ||
        !(re = cached_regex(c, &v[1], n > 3 ? &v[3] : NULL, &md, &st))) {
        return st;
    }
    if (!(st = replace_all(&b, re, md, v, &bad)) && !bad) {
        st = ilokg_fx_literal(c, b.ptr ? b.ptr : "", b.len, v[0].t.lang, NULL, out);
    }
    ilokg_buf_free(&b);
    return st;
}

/* ---- Dispatch ---------------------------------------------------------------------------- */

static ilokg_status
fn_one_string(ilokg_qctx *c, ilokg_builtin fn, const ilokg_xval *v, ilokg_id *out)
{
    char   num[32];
    size_t len;
    if (fn == ILOKG_FN_STR) {
        if (v->kind == ILOKG_XV_BLANK) {
            return ILOKG_OK;
        }
        return ilokg_fx_literal(c, v->t.lex, v->t.lex_len, NULL, NULL, out);
    }
    if (fn == ILOKG_FN_LANG) {
        if (v->t.kind != ILOKG_QT_LITERAL) {
            return ILOKG_OK;
        }
        const char *l = v->t.lang ? v->t.lang : "";
        return ilokg_fx_literal(c, l, strlen(l), NULL, NULL, out);
    }
    if (!is_string(v)) {
        return ILOKG_OK;
    }
    switch (fn) {
    case ILOKG_FN_STRLEN: {
        ilokg_dec d = {(ilokg_i128)ilokg_utf8_count(v->t.lex, v->t.lex_len), 0};
        len         = ilokg_dec_format(num, d, 1);
        return ilokg_fx_literal(c, num, len, NULL, ILOKG_XSD "integer", out);
    }
    case ILOKG_FN_UCASE:
    case ILOKG_FN_LCASE:
        return fn_case(c, v, fn == ILOKG_FN_UCASE, out);
    default:
        return fn_encode(c, v, out);
    }
}

/* BCP 47's outline, as Turtle and SPARQL write tags: [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*. */
static int
lang_tag_ok(const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        char ch    = s[i];
        int  alpha = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        int  digit = ch >= '0' && ch <= '9';
        if (ch == '-' && run > 0 && i + 1 < len) {
            run = 0;
            continue;
        }
        if (!alpha && !(digit && i > run)) { /* digits only after the first subtag */
            return 0;
        }
        run++;
    }
    return len > 0;
}

static ilokg_status
fn_make(ilokg_qctx *c, ilokg_builtin fn, const ilokg_xval *v, ilokg_id *out)
{
    if (v[0].kind != ILOKG_XV_STR) {
        return ILOKG_OK;
    }
    if (fn == ILOKG_FN_STRLANG) {
        char *lang;
        if (v[1].kind != ILOKG_XV_STR || !lang_tag_ok(v[1].t.lex, v[1].t.lex_len)) {
            return ILOKG_OK;
        }
        if (!(lang = ilokg_strndup(v[1].t.lex, v[1].t.lex_len))) {
            return ILOKG_ERR_NOMEM;
        }
        ilokg_status st = ilokg_fx_literal(c, v[0].t.lex, v[0].t.lex_len, lang, NULL, out);
        free(lang);
        return st;
    }
    if (v[1].kind != ILOKG_XV_IRI) {
        return ILOKG_OK;
    }
    return ilokg_fx_literal(c, v[0].t.lex, v[0].t.lex_len, NULL, v[1].t.lex, out);
}

ilokg_status
ilokg_fn_string(ilokg_qctx *c, ilokg_builtin fn, const ilokg_id *args, size_t n, ilokg_id *out)
{
    ilokg_xval   stack[4], *v = stack;
    ilokg_status st = ILOKG_OK;
    int          ok;
    *out = ILOKG_ID_NONE;
    if (n > 4 && !(v = malloc(n * sizeof *v))) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if ((st = ilokg_fx_value(c, args[i], &v[i], &ok)) || !ok) {
            goto done;
        }
    }
    switch (fn) {
    case ILOKG_FN_CONCAT:
        st = fn_concat(c, v, n, out);
        break;
    case ILOKG_FN_STR:
    case ILOKG_FN_LANG:
    case ILOKG_FN_STRLEN:
    case ILOKG_FN_UCASE:
    case ILOKG_FN_LCASE:
    case ILOKG_FN_ENCODE_FOR_URI:
        st = n == 1 ? fn_one_string(c, fn, v, out) : ILOKG_OK;
        break;
    case ILOKG_FN_SUBSTR:
        st = (n == 2 || n == 3) && is_string(v) ? fn_substr(c, v, v, n, out) : ILOKG_OK;
        break;
    case ILOKG_FN_LANGMATCHES:
        if (n == 2 && v[0].kind == ILOKG_XV_STR && v[1].kind == ILOKG_XV_STR) {
            st = ilokg_fx_bool(c, lang_matches(&v[0].t, &v[1].t), out);
        }
        break;
    case ILOKG_FN_REGEX:
        st = n == 2 || n == 3 ? fn_regex(c, v, n, out) : ILOKG_OK;
        break;
    case ILOKG_FN_REPLACE:
        st = n == 3 || n == 4 ? fn_replace(c, v, n, out) : ILOKG_OK;
        break;
    case ILOKG_FN_STRLANG:
    case ILOKG_FN_STRDT:
        st = n == 2 ? fn_make(c, fn, v, out) : ILOKG_OK;
        break;
    default:
        st = n == 2 ? fn_two_strings(c, fn, &v[0], &v[1], out) : ILOKG_OK;
        break;
    }
done:
    if (v != stack) {
        free(v);
    }
    return st;
}
