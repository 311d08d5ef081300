/* SPDX-License-Identifier: Apache-2.0 */
/* XSD constructor functions (SPARQL 1.1 section 17.5, XPath casting): xsd:string, boolean,
 * integer (and its derived types), decimal, float, double and dateTime, from each source type
 * the table allows. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "query/func.h"
#include "query/value.h"

/* XSD whitespace collapse at the ends (the inside of a number has none to keep). */
static void
trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\n' ||
                    (*s)[*len - 1] == '\r')) {
        (*len)--;
    }
}

/* The value of a string literal read as a literal of datatype dt (kind OTHER: not one). */
static void
reparse(ilokg_xval *out, const ilokg_xval *v, const char *dt)
{
    ilokg_qterm t = v->t;
    trim(&t.lex, &t.lex_len);
    t.lang = NULL;
    t.dt   = dt;
    ilokg_xsd_value(out, &t);
}

/* xsd:string of a double or float (XPath: plain notation between 1e-6 and 1e6). */
static ilokg_status
double_string(ilokg_qctx *c, double d, int is_float, ilokg_id *out)
{
    char      buf[64];
    size_t    len;
    ilokg_dec dec;
    double    a = fabs(d);
    if (d == 0) {
        return ilokg_fx_literal(c, signbit(d) ? "-0" : "0", signbit(d) ? 2 : 1, NULL, NULL, out);
    }
    if (isfinite(d) && a >= 1e-6 && a < 1e6 && !ilokg_dec_from_double(&dec, d)) {
        if (is_float) {
            char tmp[64];
            ilokg_xsd_format_double(tmp, d, 1); /* the shortest digits of the float */
            ilokg_xval  fv;
            ilokg_qterm t = {ILOKG_QT_LITERAL, tmp, strlen(tmp), NULL, ILOKG_XSD "double"};
            ilokg_xsd_value(&fv, &t);
            if (ilokg_dec_from_double(&dec, fv.d)) {
                return ILOKG_OK;
            }
        }
        len = ilokg_dec_format(buf, dec, dec.scale == 0);
    } else {
        len = ilokg_xsd_format_double(buf, d, is_float);
    }
    return ilokg_fx_literal(c, buf, len, NULL, NULL, out);
}

static ilokg_status
to_string(ilokg_qctx *c, const ilokg_xval *v, ilokg_id *out)
{
    char   buf[64];
    size_t len;
    switch (v->kind) {
    case ILOKG_XV_BLANK:
        return ILOKG_OK;
    case ILOKG_XV_INT:
    case ILOKG_XV_DEC: {
        ilokg_dec d = ilokg_dec_trim(v->dec);
        len         = ilokg_dec_format(buf, d, d.scale == 0);
        return ilokg_fx_literal(c, buf, len, NULL, NULL, out);
    }
    case ILOKG_XV_FLT:
    case ILOKG_XV_DBL:
        return double_string(c, v->d, v->kind == ILOKG_XV_FLT, out);
    case ILOKG_XV_BOOL:
        return ilokg_fx_literal(c, v->b ? "true" : "false", v->b ? 4 : 5, NULL, NULL, out);
    default:
        return ilokg_fx_literal(c, v->t.lex, v->t.lex_len, NULL, NULL, out);
    }
}

static ilokg_status
to_boolean(ilokg_qctx *c, const ilokg_xval *v, ilokg_id *out)
{
    ilokg_xval r;
    switch (v->kind) {
    case ILOKG_XV_STR:
        reparse(&r, v, ILOKG_XSD "boolean");
        return r.kind == ILOKG_XV_BOOL ? ilokg_fx_bool(c, r.b, out) : ILOKG_OK;
    case ILOKG_XV_BOOL:
        return ilokg_fx_bool(c, v->b, out);
    case ILOKG_XV_INT:
    case ILOKG_XV_DEC:
        return ilokg_fx_bool(c, v->dec.m != 0, out);
    case ILOKG_XV_FLT:
    case ILOKG_XV_DBL:
        return ilokg_fx_bool(c, v->d != 0 && !isnan(v->d), out);
    default:
        return ILOKG_OK;
    }
}

/* The numeric value of v as the target kind k: 0, or -1 when the cast is not allowed. */
static int
numeric_of(ilokg_xval *r, const ilokg_xval *v, ilokg_xv_kind k)
{
    static const char *const names[] = {ILOKG_XSD "integer", ILOKG_XSD "decimal", ILOKG_XSD "float",
                                        ILOKG_XSD "double"};
    *r                               = *v;
    if (v->kind == ILOKG_XV_STR) {
        reparse(r, v, names[k - ILOKG_XV_INT]);
        if (r->kind == ILOKG_XV_INT || r->kind == ILOKG_XV_DEC) {
            r->dec = ilokg_dec_trim(r->dec);
        }
        return r->kind == k ? 0 : -1;
    }
    if (v->kind == ILOKG_XV_BOOL) {
        r->dec.m     = v->b;
        r->dec.scale = 0;
        r->d         = v->b;
    } else if (!ilokg_xsd_is_numeric(v->kind)) {
        return -1;
    } else if ((v->kind == ILOKG_XV_FLT || v->kind == ILOKG_XV_DBL) &&
               (k == ILOKG_XV_INT || k == ILOKG_XV_DEC)) {
        if (ilokg_dec_from_double(&r->dec, v->d)) {
            return -1; /* NaN, INF */
        }
    }
    if (k == ILOKG_XV_INT) {
        r->dec = ilokg_dec_round(r->dec, 't');
    }
    r->dec = ilokg_dec_trim(r->dec); /* a cast gives the value, in its canonical form */
    if (k == ILOKG_XV_FLT) {
        r->d = (float)r->d;
    }
    r->kind = k;
    return 0;
}

static ilokg_status
to_datetime(ilokg_qctx *c, const ilokg_xval *v, ilokg_id *out)
{
    ilokg_xval r;
    char       buf[96];
    if (v->kind == ILOKG_XV_DT) {
        return ilokg_qctx_intern(c, &v->t, out);
    }
    if (v->kind == ILOKG_XV_DATE) {
        size_t d = v->t.lex[0] == '-' ? 1 : 0;
        while (d < v->t.lex_len && v->t.lex[d] != '-') {
            d++;
        }
        d += 6; /* -MM-DD */
        int len = snprintf(buf, sizeof buf, "%.*sT00:00:00%.*s", (int)d, v->t.lex,
                           (int)(v->t.lex_len - d), v->t.lex + d);
        if (len < 0 || (size_t)len >= sizeof buf) {
            return ILOKG_OK;
        }
        return ilokg_fx_literal(c, buf, (size_t)len, NULL, ILOKG_XSD "dateTime", out);
    }
    if (v->kind != ILOKG_XV_STR) {
        return ILOKG_OK;
    }
    reparse(&r, v, ILOKG_XSD "dateTime");
    if (r.kind != ILOKG_XV_DT) {
        return ILOKG_OK;
    }
    return ilokg_fx_literal(c, r.t.lex, r.t.lex_len, NULL, ILOKG_XSD "dateTime", out);
}

/* A derived integer type: the xsd:integer value, kept when in the type's range. */
static ilokg_status
to_derived(ilokg_qctx *c, const ilokg_xval *v, const char *dt, ilokg_id *out)
{
    ilokg_xval r, check;
    char       buf[64];
    if (numeric_of(&r, v, ILOKG_XV_INT)) {
        return ILOKG_OK;
    }
    size_t      len = ilokg_dec_format(buf, r.dec, 1);
    ilokg_qterm t   = {ILOKG_QT_LITERAL, buf, len, NULL, dt};
    ilokg_xsd_value(&check, &t);
    return check.kind == ILOKG_XV_INT ? ilokg_qctx_intern(c, &t, out) : ILOKG_OK;
}

ilokg_status
ilokg_fn_cast(ilokg_qctx *c, const char *iri, ilokg_id arg, ilokg_id *out)
{
    static const char *const numerics[] = {"integer", "decimal", "float", "double"};
    size_t                   n          = sizeof ILOKG_XSD - 1;
    ilokg_xval               v, r;
    int                      ok;
    ilokg_status             st;
    *out = ILOKG_ID_NONE;
    if (strncmp(iri, ILOKG_XSD, n) != 0) {
        return ILOKG_OK;
    }
    if ((st = ilokg_fx_value(c, arg, &v, &ok)) || !ok || v.kind == ILOKG_XV_LANG) {
        return st;
    }
    const char *local = iri + n;
    if (!strcmp(local, "string")) {
        return to_string(c, &v, out);
    }
    if (v.kind == ILOKG_XV_IRI || v.kind == ILOKG_XV_BLANK) {
        return ILOKG_OK;
    }
    if (!strcmp(local, "boolean")) {
        return to_boolean(c, &v, out);
    }
    if (!strcmp(local, "dateTime")) {
        return to_datetime(c, &v, out);
    }
    for (int k = 0; k < 4; k++) {
        if (!strcmp(local, numerics[k])) {
            if (numeric_of(&r, &v, (ilokg_xv_kind)(ILOKG_XV_INT + k))) {
                return ILOKG_OK;
            }
            return ilokg_fx_number(c, r.kind, r.dec, r.d, out);
        }
    }
    if (ilokg_xsd_is_integer_type(iri)) {
        return to_derived(c, &v, iri, out);
    }
    return ILOKG_OK;
}
