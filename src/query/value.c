/* SPDX-License-Identifier: Apache-2.0 */
/* The values of terms and the terms operators make: values by id, canonical literals, the
 * comparisons '=' and '<' of SPARQL 1.1 section 17.3 (XPath's value comparisons), and
 * arithmetic with numeric type promotion (xsd:decimal exact). */
#include "query/value.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- Values and results ------------------------------------------------------------------ */

ilokg_status
ilokg_fx_value(ilokg_qctx *c, ilokg_id id, ilokg_xval *out, int *ok)
{
    ilokg_qterm  t;
    ilokg_status st;
    *ok = 0;
    if (id == ILOKG_ID_NONE) {
        return ILOKG_OK;
    }
    if ((st = ilokg_qctx_term(c, id, &t))) {
        return st;
    }
    ilokg_xsd_value(out, &t);
    *ok = 1;
    return ILOKG_OK;
}

ilokg_status
ilokg_fx_literal(ilokg_qctx *c, const char *lex, size_t len, const char *lang, const char *dt,
                 ilokg_id *out)
{
    ilokg_qterm t = {ILOKG_QT_LITERAL, lex, len, lang, dt};
    ilokg_qterm_normalize(&t);
    return ilokg_qctx_intern(c, &t, out);
}

ilokg_status
ilokg_fx_bool(ilokg_qctx *c, int b, ilokg_id *out)
{
    return b ? ilokg_fx_literal(c, "true", 4, NULL, ILOKG_XSD "boolean", out)
             : ilokg_fx_literal(c, "false", 5, NULL, ILOKG_XSD "boolean", out);
}

/* Whole doubles and floats below 10^4 written as integers ("9", "2100"), the rest in the XSD
 * canonical form ("3.21E4", "2.0E-1"): the forms the W3C tests expect of computed values. */
static size_t
format_double(char *buf, double d, int is_float)
{
    if (d == floor(d) && fabs(d) < 1e4 && !(d == 0 && signbit(d))) {
        return (size_t)snprintf(buf, 40, "%.0f", d);
    }
    return ilokg_xsd_format_double(buf, d, is_float);
}

ilokg_status
ilokg_fx_number(ilokg_qctx *c, ilokg_xv_kind k, ilokg_dec dec, double d, ilokg_id *out)
{
    char   buf[64];
    size_t len;
    switch (k) {
    case ILOKG_XV_INT:
        len = ilokg_dec_format(buf, dec, 1);
        return ilokg_fx_literal(c, buf, len, NULL, ILOKG_XSD "integer", out);
    case ILOKG_XV_DEC:
        len = ilokg_dec_format(buf, dec, dec.scale == 0);
        return ilokg_fx_literal(c, buf, len, NULL, ILOKG_XSD "decimal", out);
    case ILOKG_XV_FLT:
        len = format_double(buf, d, 1);
        return ilokg_fx_literal(c, buf, len, NULL, ILOKG_XSD "float", out);
    default:
        len = format_double(buf, d, 0);
        return ilokg_fx_literal(c, buf, len, NULL, ILOKG_XSD "double", out);
    }
}

/* ---- Comparison -------------------------------------------------------------------------- */

static int
numeric_cmp(const ilokg_xval *a, const ilokg_xval *b)
{
    if ((a->kind == ILOKG_XV_INT || a->kind == ILOKG_XV_DEC) &&
        (b->kind == ILOKG_XV_INT || b->kind == ILOKG_XV_DEC)) {
        return ilokg_dec_cmp(a->dec, b->dec);
    }
    if (isnan(a->d) || isnan(b->d)) {
        return ILOKG_CMP_NAN;
    }
    if (a->kind == ILOKG_XV_FLT || b->kind == ILOKG_XV_FLT) {
        if (a->kind != ILOKG_XV_DBL && b->kind != ILOKG_XV_DBL) {
            float x = (float)a->d, y = (float)b->d;
            return x < y ? -1 : x > y;
        }
    }
    return a->d < b->d ? -1 : a->d > b->d;
}

static int
lex_cmp(const ilokg_qterm *a, const ilokg_qterm *b)
{
    size_t n = a->lex_len < b->lex_len ? a->lex_len : b->lex_len;
    int    r = memcmp(a->lex, b->lex, n);
    if (r) {
        return r < 0 ? -1 : 1;
    }
    return a->lex_len < b->lex_len ? -1 : a->lex_len > b->lex_len;
}

int
ilokg_fx_compare(const ilokg_xval *a, const ilokg_xval *b)
{
    if (ilokg_xsd_is_numeric(a->kind) && ilokg_xsd_is_numeric(b->kind)) {
        return numeric_cmp(a, b);
    }
    if (a->kind != b->kind) {
        return ILOKG_CMP_ERROR;
    }
    switch (a->kind) {
    case ILOKG_XV_STR:
        return lex_cmp(&a->t, &b->t); /* UTF-8 byte order is code point order */
    case ILOKG_XV_BOOL:
        return a->b < b->b ? -1 : a->b > b->b;
    case ILOKG_XV_DT:
    case ILOKG_XV_DATE: {
        int r = ilokg_xdt_cmp(&a->dt, &b->dt);
        return r == 2 ? ILOKG_CMP_ERROR : r;
    }
    default:
        return ILOKG_CMP_ERROR;
    }
}

int
ilokg_fx_equal(const ilokg_xval *a, const ilokg_xval *b)
{
    int same = ilokg_qterm_equal(&a->t, &b->t);
    if (a->kind == ILOKG_XV_LANG && b->kind == ILOKG_XV_LANG) {
        return same;
    }
    int r = ilokg_fx_compare(a, b);
    if (r != ILOKG_CMP_ERROR) {
        return r == 0;
    }
    if ((a->kind == ILOKG_XV_DT || a->kind == ILOKG_XV_DATE) && a->kind == b->kind) {
        return -1; /* one zone unknown and the instants too close to tell */
    }
    if (same) {
        return 1;
    }
    if (a->t.kind != ILOKG_QT_LITERAL || b->t.kind != ILOKG_QT_LITERAL) {
        return 0;
    }
    /* Two literals with no common value space: different values when both datatypes are
     * known (or one is a language-tagged string), unknown otherwise (open world, 17.4.1.7). */
    if (a->kind == ILOKG_XV_LANG || b->kind == ILOKG_XV_LANG) {
        return 0;
    }
    if (a->kind == ILOKG_XV_OTHER || b->kind == ILOKG_XV_OTHER) {
        return -1;
    }
    return 0;
}

/* ---- Arithmetic -------------------------------------------------------------------------- */

int
ilokg_fx_arith_value(ilokg_xval *out, ilokg_expr_kind op, const ilokg_xval *a, const ilokg_xval *b)
{
    if (!ilokg_xsd_is_numeric(a->kind) || !ilokg_xsd_is_numeric(b->kind)) {
        return -1;
    }
    ilokg_xv_kind k = a->kind > b->kind ? a->kind : b->kind;
    memset(out, 0, sizeof *out);
    if (k == ILOKG_XV_INT && op == ILOKG_EX_DIV) {
        k = ILOKG_XV_DEC;
    }
    out->kind = k;
    if (k == ILOKG_XV_INT || k == ILOKG_XV_DEC) {
        int r = op == ILOKG_EX_ADD   ? ilokg_dec_add(&out->dec, a->dec, b->dec)
                : op == ILOKG_EX_SUB ? ilokg_dec_sub(&out->dec, a->dec, b->dec)
                : op == ILOKG_EX_MUL ? ilokg_dec_mul(&out->dec, a->dec, b->dec)
                                     : ilokg_dec_div(&out->dec, a->dec, b->dec);
        if (!r && op == ILOKG_EX_DIV && out->dec.scale == 0) {
            /* a whole quotient: a decimal written 2.0 (the W3C tests' form for integers and AVG,
             * and Apache Jena's for every division: ROUND(630.1) / 10 is 63.0) */
            ilokg_dec one = {10, 1}; /* 1.0: the product keeps the scale 1 */
            r             = ilokg_dec_mul(&out->dec, out->dec, one);
        }
        out->d = ilokg_dec_to_double(out->dec);
        return r;
    }
    double x = a->d, y = b->d;
    double r = op == ILOKG_EX_ADD   ? x + y
               : op == ILOKG_EX_SUB ? x - y
               : op == ILOKG_EX_MUL ? x * y
                                    : x / y;
    out->d   = k == ILOKG_XV_FLT ? (double)(float)r : r;
    return 0;
}

ilokg_status
ilokg_fx_arith(ilokg_qctx *c, ilokg_expr_kind op, const ilokg_xval *a, const ilokg_xval *b,
               ilokg_id *out)
{
    ilokg_xval r;
    *out = ILOKG_ID_NONE;
    if (ilokg_fx_arith_value(&r, op, a, b)) {
        return ILOKG_OK;
    }
    return ilokg_fx_number(c, r.kind, r.dec, r.d, out);
}
