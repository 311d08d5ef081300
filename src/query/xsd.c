/* SPDX-License-Identifier: Apache-2.0 */
/* XSD values: lexical forms parsed into exact decimals, doubles, booleans and dateTimes, and
 * the canonical forms of the values the operators compute. */
#include "query/xsd.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEC_LIMIT ((ilokg_i128)1000000000000000000 * (ilokg_i128)1000000000000000000 * 10)

static const struct {
    const char *name;
    int         sign; /* -2: < 0, -1: <= 0, 1: >= 0, 2: > 0, 0: any */
    int         bits; /* 0: unbounded, else a signed (sign 0) or unsigned (sign 1) width */
} integer_types[] = {
    {"integer", 0, 0},
    {"nonPositiveInteger", -1, 0},
    {"negativeInteger", -2, 0},
    {"long", 0, 64},
    {"int", 0, 32},
    {"short", 0, 16},
    {"byte", 0, 8},
    {"nonNegativeInteger", 1, 0},
    {"unsignedLong", 1, 64},
    {"unsignedInt", 1, 32},
    {"unsignedShort", 1, 16},
    {"unsignedByte", 1, 8},
    {"positiveInteger", 2, 0},
};

enum { T_DECIMAL = 13, T_FLOAT, T_DOUBLE, T_BOOLEAN, T_DATETIME, T_DATE, T_STRING };

/* The XSD type of a local name: an index of integer_types, a T_ code, or -1. Dispatched on the
 * first letter: this runs for every literal an operator looks at. */
static int
local_type(const char *l)
{
    static const struct {
        char        first;
        const char *name;
        int         type;
    } names[] = {
        {'i', "integer", 0},
        {'i', "int", 4},
        {'n', "nonPositiveInteger", 1},
        {'n', "negativeInteger", 2},
        {'n', "nonNegativeInteger", 7},
        {'l', "long", 3},
        {'s', "short", 5},
        {'s', "string", T_STRING},
        {'b', "byte", 6},
        {'b', "boolean", T_BOOLEAN},
        {'u', "unsignedLong", 8},
        {'u', "unsignedInt", 9},
        {'u', "unsignedShort", 10},
        {'u', "unsignedByte", 11},
        {'p', "positiveInteger", 12},
        {'d', "decimal", T_DECIMAL},
        {'d', "double", T_DOUBLE},
        {'d', "dateTime", T_DATETIME},
        {'d', "date", T_DATE},
        {'f', "float", T_FLOAT},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].first == l[0] && !strcmp(l, names[i].name)) {
            return names[i].type;
        }
    }
    return -1;
}

static int
xsd_type(const char *dt)
{
    size_t n = sizeof ILOKG_XSD - 1;
    if (!dt || strncmp(dt, ILOKG_XSD, n) != 0) {
        return -1;
    }
    return local_type(dt + n);
}

static int
integer_type(const char *dt)
{
    int t = xsd_type(dt);
    return t >= 0 && t < T_DECIMAL ? t : -1;
}

int
ilokg_xsd_is_integer_type(const char *dt)
{
    return integer_type(dt) >= 0;
}

int
ilokg_xsd_is_numeric(ilokg_xv_kind k)
{
    return k == ILOKG_XV_INT || k == ILOKG_XV_DEC || k == ILOKG_XV_FLT || k == ILOKG_XV_DBL;
}

static ilokg_i128
pow10i(int n)
{
    ilokg_i128 p = 1;
    while (n-- > 0) {
        p *= 10;
    }
    return p;
}

ilokg_dec
ilokg_dec_trim(ilokg_dec a)
{
    if (a.m == 0) {
        a.scale = 0;
        return a;
    }
    while (a.scale > 0 && a.m % 10 == 0) {
        a.m /= 10;
        a.scale--;
    }
    if (a.m == 0) {
        a.scale = 0;
    }
    return a;
}

int
ilokg_dec_parse(ilokg_dec *out, const char *s, size_t len, int allow_point)
{
    size_t     i   = 0;
    int        neg = 0, digits = 0, scale = -1;
    ilokg_i128 m = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        neg = s[i++] == '-';
    }
    for (; i < len; i++) {
        if (s[i] == '.' && allow_point && scale < 0) {
            scale = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        digits++;
        if (scale >= 0) {
            if (scale == ILOKG_DEC_MAX_SCALE) {
                if (s[i] != '0') {
                    return -1;
                }
                continue;
            }
            scale++;
        }
        if (m >= DEC_LIMIT / 10) {
            return -1;
        }
        m = m * 10 + (s[i] - '0');
    }
    if (!digits) {
        return -1;
    }
    out->m     = neg ? -m : m;
    out->scale = scale < 0 ? 0 : scale;
    return 0;
}

static int
align(ilokg_dec *a, ilokg_dec *b)
{
    while (a->scale < b->scale) {
        if (a->m >= DEC_LIMIT / 10 || a->m <= -DEC_LIMIT / 10) {
            return -1;
        }
        a->m *= 10;
        a->scale++;
    }
    while (b->scale < a->scale) {
        if (b->m >= DEC_LIMIT / 10 || b->m <= -DEC_LIMIT / 10) {
            return -1;
        }
        b->m *= 10;
        b->scale++;
    }
    return 0;
}

static int
dec_check(ilokg_dec *out, ilokg_dec r)
{
    if (r.m >= DEC_LIMIT || r.m <= -DEC_LIMIT) {
        return -1;
    }
    *out = r;
    return 0;
}

int
ilokg_dec_add(ilokg_dec *out, ilokg_dec a, ilokg_dec b)
{
    if (align(&a, &b)) {
        return -1;
    }
    a.m += b.m;
    return dec_check(out, a);
}

int
ilokg_dec_sub(ilokg_dec *out, ilokg_dec a, ilokg_dec b)
{
    b.m = -b.m;
    return ilokg_dec_add(out, a, b);
}

int
ilokg_dec_mul(ilokg_dec *out, ilokg_dec a, ilokg_dec b)
{
    ilokg_i128 lim = DEC_LIMIT;
    ilokg_i128 am = a.m < 0 ? -a.m : a.m, bm = b.m < 0 ? -b.m : b.m;
    ilokg_dec  r;
    if (am && bm > lim / am) {
        return -1;
    }
    r.m     = a.m * b.m;
    r.scale = a.scale + b.scale;
    while (r.scale > ILOKG_DEC_MAX_SCALE) {
        r.m /= 10; /* beyond the precision kept: truncated */
        r.scale--;
    }
    return dec_check(out, r);
}

int
ilokg_dec_div(ilokg_dec *out, ilokg_dec a, ilokg_dec b)
{
    ilokg_dec  r;
    ilokg_i128 n = a.m;
    /* As java.math.BigDecimal does: the scale a.scale - b.scale (at least 0) when the quotient
     * is exact at it, else as many more fraction digits as it needs, up to the precision kept
     * (beyond which the quotient is truncated). */
    int scale = a.scale - b.scale < 0 ? 0 : a.scale - b.scale;
    if (b.m == 0) {
        return -1;
    }
    for (int shift = scale - a.scale + b.scale; shift > 0; shift--) {
        if (n >= DEC_LIMIT / 10 || n <= -DEC_LIMIT / 10) {
            return -1;
        }
        n *= 10;
    }
    while (scale < ILOKG_DEC_MAX_SCALE && n % b.m != 0 && n < DEC_LIMIT / 10 &&
           n > -DEC_LIMIT / 10) {
        n *= 10;
        scale++;
    }
    r.m     = n / b.m;
    r.scale = scale;
    return dec_check(out, r);
}

int
ilokg_dec_cmp(ilokg_dec a, ilokg_dec b)
{
    if (align(&a, &b)) {
        double x = ilokg_dec_to_double(a), y = ilokg_dec_to_double(b);
        return x < y ? -1 : x > y;
    }
    return a.m < b.m ? -1 : a.m > b.m;
}

ilokg_dec
ilokg_dec_round(ilokg_dec a, char mode)
{
    ilokg_i128 p   = pow10i(a.scale), q, r;
    ilokg_dec  out = {0, 0};
    if (a.scale == 0) {
        return a;
    }
    q = a.m / p;
    r = a.m % p; /* same sign as a.m */
    switch (mode) {
    case 'f':
        q -= r < 0;
        break;
    case 'c':
        q += r > 0;
        break;
    case 'r': /* half towards positive infinity */
        if (r > 0 && 2 * r >= p) {
            q++;
        } else if (r < 0 && -2 * r > p) {
            q--;
        }
        break;
    default:
        break;
    }
    out.m = q;
    return out;
}

double
ilokg_dec_to_double(ilokg_dec a)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    ilokg_i128          lim   = (ilokg_i128)1 << 53;
    char                buf[64];
    /* Both operands exact: IEEE division rounds the quotient correctly, as strtod would. */
    if (a.m < lim && a.m > -lim && a.scale <= 22) {
        return (double)(int64_t)a.m / p10[a.scale];
    }
    ilokg_dec_format(buf, a, 0);
    return strtod(buf, NULL);
}

int
ilokg_dec_from_double(ilokg_dec *out, double d)
{
    char buf[64];
    if (!isfinite(d) || fabs(d) >= 1e36) {
        return -1;
    }
    /* The shortest form that reads back as d: what the double was written as, usually. */
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*f", p, d);
        if (strtod(buf, NULL) == d) {
            break;
        }
    }
    size_t len = strlen(buf);
    while (len > 0 && buf[len - 1] == '0') {
        len--;
    }
    return ilokg_dec_parse(out, buf, len, 1);
}

size_t
ilokg_dec_format(char *buf, ilokg_dec a, int as_integer)
{
    char       digits[48];
    size_t     n = 0, len = 0;
    ilokg_i128 m = a.m < 0 ? -a.m : a.m;
    do {
        digits[n++] = (char)('0' + (int)(m % 10));
        m /= 10;
    } while (m);
    while ((int)n <= a.scale) {
        digits[n++] = '0';
    }
    if (a.m < 0) {
        buf[len++] = '-';
    }
    for (size_t i = n; i-- > (size_t)a.scale;) {
        buf[len++] = digits[i];
    }
    if (!as_integer) {
        buf[len++] = '.';
        if (a.scale == 0) {
            buf[len++] = '0';
        }
        for (size_t i = (size_t)a.scale; i-- > 0;) {
            buf[len++] = digits[i];
        }
    }
    buf[len] = '\0';
    return len;
}

size_t
ilokg_xsd_format_double(char *buf, double d, int is_float)
{
    char   tmp[40];
    int    p;
    size_t len = 0;
    if (isnan(d)) {
        return (size_t)snprintf(buf, 40, "NaN");
    }
    if (isinf(d)) {
        return (size_t)snprintf(buf, 40, d < 0 ? "-INF" : "INF");
    }
    if (d == 0) {
        return (size_t)snprintf(buf, 40, signbit(d) ? "-0.0E0" : "0.0E0");
    }
    for (p = 1; p < 17; p++) {
        snprintf(tmp, sizeof tmp, "%.*e", p - 1, d);
        double back = strtod(tmp, NULL);
        if (is_float ? (float)back == (float)d : back == d) {
            break;
        }
    }
    snprintf(tmp, sizeof tmp, "%.*e", p - 1, d);
    char *e   = strchr(tmp, 'e');
    int   exp = atoi(e + 1);
    *e        = '\0';
    len       = (size_t)snprintf(buf, 40, "%s%sE%d", tmp, strchr(tmp, '.') ? "" : ".0", exp);
    return len;
}

/* ---- dateTime ---------------------------------------------------------------------------- */

static int
read_digits(const char *s, size_t len, size_t *i, size_t n, int *out)
{
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        if (*i >= len || s[*i] < '0' || s[*i] > '9') {
            return -1;
        }
        v = v * 10 + (s[(*i)++] - '0');
    }
    *out = v;
    return 0;
}

static int
days_in_month(int64_t y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int              leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : dm[m - 1];
}

static int
parse_tz(ilokg_xdt *out, const char *s, size_t len, size_t i)
{
    int hh, mm;
    if (i == len) {
        return 0;
    }
    out->has_tz = 1;
    if (s[i] == 'Z') {
        return i + 1 == len ? 0 : -1;
    }
    if (s[i] != '+' && s[i] != '-') {
        return -1;
    }
    int neg = s[i++] == '-';
    if (read_digits(s, len, &i, 2, &hh) || i >= len || s[i++] != ':' ||
        read_digits(s, len, &i, 2, &mm) || i != len || mm > 59 || hh * 60 + mm > 14 * 60) {
        return -1;
    }
    out->tz_min = (neg ? -1 : 1) * (hh * 60 + mm);
    return 0;
}

int
ilokg_xdt_parse(ilokg_xdt *out, const char *s, size_t len, int want_date)
{
    size_t  i   = 0, start;
    int64_t y   = 0;
    int     neg = 0, v;
    memset(out, 0, sizeof *out);
    if (i < len && s[i] == '-') {
        neg = 1;
        i++;
    }
    for (start = i; i < len && s[i] >= '0' && s[i] <= '9' && i - start < 12; i++) {
        y = y * 10 + (s[i] - '0');
    }
    if (i - start < 4 || (i - start > 4 && s[start] == '0') || i >= len || s[i++] != '-') {
        return -1;
    }
    out->year = neg ? -y : y;
    if (read_digits(s, len, &i, 2, &out->mon) || i >= len || s[i++] != '-' ||
        read_digits(s, len, &i, 2, &out->day) || out->mon < 1 || out->mon > 12 || out->day < 1 ||
        out->day > days_in_month(out->year, out->mon)) {
        return -1;
    }
    if (want_date) {
        return parse_tz(out, s, len, i);
    }
    if (i >= len || s[i++] != 'T' || read_digits(s, len, &i, 2, &out->h) || i >= len ||
        s[i++] != ':' || read_digits(s, len, &i, 2, &out->mi) || i >= len || s[i++] != ':' ||
        read_digits(s, len, &i, 2, &v)) {
        return -1;
    }
    start = i - 2;
    if (i < len && s[i] == '.') {
        i++;
        if (i >= len || s[i] < '0' || s[i] > '9') {
            return -1;
        }
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
    }
    if (ilokg_dec_parse(&out->sec, s + start, i - start, 1) || out->mi > 59 || v > 59 ||
        out->h > 24 || (out->h == 24 && (out->mi || out->sec.m))) {
        return -1;
    }
    return parse_tz(out, s, len, i);
}

static int64_t
days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static ilokg_dec
instant(const ilokg_xdt *a, int shift_min)
{
    ilokg_dec r;
    int64_t   days = days_from_civil(a->year, a->mon, a->day);
    int64_t   mins = days * 1440 + a->h * 60 + a->mi - (a->has_tz ? a->tz_min : 0) + shift_min;
    ilokg_dec m    = {(ilokg_i128)mins * 60, 0};
    if (ilokg_dec_add(&r, m, a->sec)) {
        r = m;
    }
    return r;
}

int
ilokg_xdt_cmp(const ilokg_xdt *a, const ilokg_xdt *b)
{
    if (a->has_tz == b->has_tz) {
        return ilokg_dec_cmp(instant(a, 0), instant(b, 0));
    }
    /* One zone unknown: it may be anything from -14:00 to +14:00. */
    const ilokg_xdt *local = a->has_tz ? b : a;
    int              lo    = ilokg_dec_cmp(instant(local, -14 * 60), instant(a->has_tz ? a : b, 0));
    int              hi    = ilokg_dec_cmp(instant(local, 14 * 60), instant(a->has_tz ? a : b, 0));
    if (lo > 0 || hi < 0) {
        int local_first_greater = lo > 0;
        return (local == a) == local_first_greater ? 1 : -1;
    }
    return 2;
}

/* ---- Values of terms --------------------------------------------------------------------- */

static int
double_lexical(const char *s, size_t len)
{
    size_t i = 0, digits = 0;
    if (len == 3 && (!memcmp(s, "INF", 3) || !memcmp(s, "NaN", 3))) {
        return 1;
    }
    if (len == 4 && (!memcmp(s, "-INF", 4) || !memcmp(s, "+INF", 4))) {
        return 1;
    }
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        i++;
    }
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
        digits++;
    }
    if (i < len && s[i] == '.') {
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            digits++;
        }
    }
    if (!digits) {
        return 0;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            i++;
        }
        if (i >= len || s[i] < '0' || s[i] > '9') {
            return 0;
        }
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
    }
    return i == len;
}

static int
integer_in_range(ilokg_dec v, int type)
{
    int        sign = integer_types[type].sign, bits = integer_types[type].bits;
    ilokg_i128 m = v.m;
    if ((sign == -2 && m >= 0) || (sign == -1 && m > 0) || (sign == 1 && m < 0) ||
        (sign == 2 && m <= 0)) {
        return 0;
    }
    if (bits && sign == 0) {
        ilokg_i128 lim = (ilokg_i128)1 << (bits - 1);
        return m >= -lim && m < lim;
    }
    if (bits) {
        return m < ((ilokg_i128)1 << bits);
    }
    return 1;
}

static void
numeric_value(ilokg_xval *v, int type)
{
    const char *lex = v->t.lex;
    size_t      len = v->t.lex_len;
    v->kind         = ILOKG_XV_OTHER;
    v->ill          = 1;
    if (type < T_DECIMAL) {
        if (!ilokg_dec_parse(&v->dec, lex, len, 0) && integer_in_range(v->dec, type)) {
            v->kind = ILOKG_XV_INT;
            v->d    = ilokg_dec_to_double(v->dec);
        }
    } else if (type == T_DECIMAL) {
        if (!ilokg_dec_parse(&v->dec, lex, len, 1)) {
            v->kind = ILOKG_XV_DEC;
            v->d    = ilokg_dec_to_double(v->dec);
        }
    } else if (double_lexical(lex, len) && memchr(lex, '\0', len) == NULL) {
        int is_float = type == T_FLOAT;
        v->kind      = is_float ? ILOKG_XV_FLT : ILOKG_XV_DBL;
        v->d         = !strcmp(lex, "INF") || !strcmp(lex, "+INF") ? HUGE_VAL
                       : !strcmp(lex, "-INF")                      ? -HUGE_VAL
                       : !strcmp(lex, "NaN")                       ? NAN
                                                                   : strtod(lex, NULL);
        if (is_float) {
            v->d = (float)v->d;
        }
    }
    if (v->kind != ILOKG_XV_OTHER) {
        v->ill = 0;
    }
}

void
ilokg_xsd_value(ilokg_xval *out, const ilokg_qterm *t)
{
    out->t   = *t;
    out->ill = 0;
    out->dec = (ilokg_dec){0, 0}; /* read by the casts whatever the kind */
    out->d   = 0;
    if (t->kind == ILOKG_QT_IRI) {
        out->kind = ILOKG_XV_IRI;
        return;
    }
    if (t->kind == ILOKG_QT_BLANK) {
        out->kind = ILOKG_XV_BLANK;
        return;
    }
    if (t->lang) {
        out->kind = ILOKG_XV_LANG;
        return;
    }
    int type = t->dt ? xsd_type(t->dt) : T_STRING;
    if (type == T_STRING) {
        out->kind = ILOKG_XV_STR;
        return;
    }
    out->kind = ILOKG_XV_OTHER;
    if (type == T_BOOLEAN) {
        int tr    = t->lex_len == 4 && !memcmp(t->lex, "true", 4);
        int f     = t->lex_len == 5 && !memcmp(t->lex, "false", 5);
        int one   = t->lex_len == 1 && t->lex[0] == '1';
        int zero  = t->lex_len == 1 && t->lex[0] == '0';
        out->kind = tr || f || one || zero ? ILOKG_XV_BOOL : ILOKG_XV_OTHER;
        out->ill  = out->kind == ILOKG_XV_OTHER;
        out->b    = tr || one;
    } else if (type == T_DATETIME || type == T_DATE) {
        if (!ilokg_xdt_parse(&out->dt, t->lex, t->lex_len, type == T_DATE)) {
            out->kind = type == T_DATE ? ILOKG_XV_DATE : ILOKG_XV_DT;
        } else {
            out->ill = 1;
        }
    } else if (type >= 0) {
        numeric_value(out, type);
    }
}
