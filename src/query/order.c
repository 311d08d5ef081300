/* SPDX-License-Identifier: Apache-2.0 */
/* ORDER BY's total order over terms (SPARQL 1.1 section 15.1): unbound, blank nodes, IRIs,
 * literals; literals by value within each family of comparable types, then by a fixed order. */
#include "query/order.h"

#include <math.h>
#include <string.h>
#include <strings.h>

#include "query/value.h"

/* Literal families, in the order they sort (numbers, dates, then strings as Apache Jena sorts
 * them): values compare only within one. Simple and language-tagged strings are one family,
 * ordered by lexical form first, so that a column mixing them reads alphabetically. */
static int
family(const ilokg_xval *v)
{
    switch (v->kind) {
    case ILOKG_XV_INT:
    case ILOKG_XV_DEC:
    case ILOKG_XV_FLT:
    case ILOKG_XV_DBL:
        return 0;
    case ILOKG_XV_DT:
        return 1;
    case ILOKG_XV_DATE:
        return 2;
    case ILOKG_XV_STR:
    case ILOKG_XV_LANG:
        return 3;
    case ILOKG_XV_BOOL:
        return 4;
    default:
        return 5;
    }
}

static int
bytes_cmp(const char *a, size_t al, const char *b, size_t bl)
{
    int r = memcmp(a, b, al < bl ? al : bl);
    if (r) {
        return r < 0 ? -1 : 1;
    }
    return al < bl ? -1 : al > bl;
}

static int
str_cmp(const char *a, const char *b)
{
    if (!a || !b) {
        return !a - !b ? (a ? 1 : -1) : 0;
    }
    int r = strcmp(a, b);
    return r < 0 ? -1 : r > 0;
}

/* The fixed order behind values: datatype, lexical form, language tag. */
static int
fallback(const ilokg_xval *a, const ilokg_xval *b)
{
    int r = str_cmp(ilokg_qterm_datatype(&a->t), ilokg_qterm_datatype(&b->t));
    if (!r) {
        r = bytes_cmp(a->t.lex, a->t.lex_len, b->t.lex, b->t.lex_len);
    }
    if (!r && a->t.lang && b->t.lang) {
        r = strcasecmp(a->t.lang, b->t.lang);
        r = r < 0 ? -1 : r > 0;
    }
    return r;
}

static int
value_cmp(const ilokg_xval *a, const ilokg_xval *b)
{
    int fa = family(a), fb = family(b);
    if (fa != fb) {
        return fa < fb ? -1 : 1;
    }
    if (fa == 0) {
        int na = (a->kind == ILOKG_XV_FLT || a->kind == ILOKG_XV_DBL) && isnan(a->d);
        int nb = (b->kind == ILOKG_XV_FLT || b->kind == ILOKG_XV_DBL) && isnan(b->d);
        if (na || nb) { /* NaN first among numbers, so that the order stays total */
            return na && nb ? fallback(a, b) : na ? -1 : 1;
        }
    }
    if (fa == 1 || fa == 2) {
        /* No zone read as UTC here: an order, not '<' (which says "unknown" near the zones). */
        ilokg_xdt x = a->dt, y = b->dt;
        x.has_tz = y.has_tz = 1;
        int r               = ilokg_xdt_cmp(&x, &y);
        return r ? r : fallback(a, b);
    }
    if (fa == 3) {
        int r = bytes_cmp(a->t.lex, a->t.lex_len, b->t.lex, b->t.lex_len);
        if (!r && !a->t.lang != !b->t.lang) {
            r = a->t.lang ? 1 : -1; /* "a" before "a"@en */
        }
        return r ? r : fallback(a, b);
    }
    if (fa == 5) {
        return fallback(a, b);
    }
    int r = ilokg_fx_compare(a, b);
    if (r == -1 || r == 1) {
        return r;
    }
    return fallback(a, b);
}

int
ilokg_expr_order_cmp(ilokg_qctx *c, ilokg_id a, ilokg_id b)
{
    ilokg_xval x, y;
    int        oka, okb;
    if (a == b) {
        return 0;
    }
    if (a == ILOKG_ID_NONE || b == ILOKG_ID_NONE) {
        return a == ILOKG_ID_NONE ? -1 : 1;
    }
    if (ilokg_fx_value(c, a, &x, &oka) || ilokg_fx_value(c, b, &y, &okb) || !oka || !okb) {
        return a < b ? -1 : 1; /* a term the context cannot give: by id, still total */
    }
    if (x.t.kind != y.t.kind) {
        int rx = x.t.kind == ILOKG_QT_BLANK ? 0 : x.t.kind == ILOKG_QT_IRI ? 1 : 2;
        int ry = y.t.kind == ILOKG_QT_BLANK ? 0 : y.t.kind == ILOKG_QT_IRI ? 1 : 2;
        return rx < ry ? -1 : 1;
    }
    if (x.t.kind != ILOKG_QT_LITERAL) {
        return bytes_cmp(x.t.lex, x.t.lex_len, y.t.lex, y.t.lex_len);
    }
    return value_cmp(&x, &y);
}
