/* SPDX-License-Identifier: Apache-2.0 */
/* The values behind XSD lexical forms as SPARQL sees them (internal to the expression module):
 * numerics with exact decimals, booleans, strings, dateTimes, their canonical forms. */
#ifndef ILOKG_XSD_H
#define ILOKG_XSD_H

#include <stddef.h>
#include <stdint.h>

#include "query/qterm.h"

/* A 128-bit integer: xsd:integer and the digits of xsd:decimal. */
__extension__ typedef __int128 ilokg_i128;

/** An exact decimal: m / 10^scale (0 <= scale <= ILOKG_DEC_MAX_SCALE). */
typedef struct {
    ilokg_i128 m;
    int        scale;
} ilokg_dec;
#define ILOKG_DEC_MAX_SCALE 24

/** What a term is to the operators. */
typedef enum {
    ILOKG_XV_IRI,
    ILOKG_XV_BLANK,
    ILOKG_XV_STR,  /* simple literal or xsd:string */
    ILOKG_XV_LANG, /* language-tagged string */
    ILOKG_XV_INT,  /* xsd:integer and its derived types */
    ILOKG_XV_DEC,
    ILOKG_XV_FLT,
    ILOKG_XV_DBL,
    ILOKG_XV_BOOL,
    ILOKG_XV_DT,    /* xsd:dateTime */
    ILOKG_XV_DATE,  /* xsd:date (equality and order only) */
    ILOKG_XV_OTHER, /* a literal of another datatype, or ill-formed for its own */
} ilokg_xv_kind;

/** A dateTime (or date: h = mi = 0, sec 0) with its optional time zone. */
typedef struct {
    int64_t   year;
    int       mon, day, h, mi;
    ilokg_dec sec; /* seconds with their fraction */
    int       has_tz;
    int       tz_min; /* offset in minutes */
} ilokg_xdt;

/** A term's value. Strings borrowed from the term. */
typedef struct {
    ilokg_xv_kind kind;
    ilokg_qterm   t;
    ilokg_dec     dec; /* INT (scale 0), DEC */
    double        d;   /* FLT, DBL; also filled for INT and DEC (approximate) */
    int           b;   /* BOOL */
    ilokg_xdt     dt;  /* DT, DATE */
    int           ill; /* OTHER: a known datatype with an ill-formed lexical form */
} ilokg_xval;

/** The value of t. */
void ilokg_xsd_value(ilokg_xval *out, const ilokg_qterm *t);
/** Whether a kind is numeric. */
int ilokg_xsd_is_numeric(ilokg_xv_kind k);
/** Whether dt (an absolute IRI) is xsd:integer or one of its derived types. */
int ilokg_xsd_is_integer_type(const char *dt);

/* Exact decimals, keeping their scale as java.math.BigDecimal does (1.0 + 2 is 3.0, 1.5 * 2 is
 * 3.0), the forms the W3C tests expect. Each returns 0, or -1 on overflow (or division by zero). */
int ilokg_dec_parse(ilokg_dec *out, const char *s, size_t len, int allow_point);
int ilokg_dec_add(ilokg_dec *out, ilokg_dec a, ilokg_dec b);
int ilokg_dec_sub(ilokg_dec *out, ilokg_dec a, ilokg_dec b);
int ilokg_dec_mul(ilokg_dec *out, ilokg_dec a, ilokg_dec b);
int ilokg_dec_div(ilokg_dec *out, ilokg_dec a, ilokg_dec b);
int ilokg_dec_cmp(ilokg_dec a, ilokg_dec b);
/** a without the trailing zeros of its fraction (its canonical value: 1.50 becomes 1.5). */
ilokg_dec ilokg_dec_trim(ilokg_dec a);
/** Rounds to an integer: mode 'f' floor, 'c' ceiling, 'r' half up (fn:round), 't' toward zero. */
ilokg_dec ilokg_dec_round(ilokg_dec a, char mode);
double    ilokg_dec_to_double(ilokg_dec a);
/** A double's exact decimal value (-1: NaN, infinite or too large). */
int ilokg_dec_from_double(ilokg_dec *out, double d);
/** The canonical form ("1.0", "-0.5" for decimals; "12" when as_integer) into buf (>= 48
 *  bytes); returns the length. */
size_t ilokg_dec_format(char *buf, ilokg_dec a, int as_integer);
/** The canonical form of a double or float ("1.0E0", "INF", "NaN") into buf (>= 40 bytes). */
size_t ilokg_xsd_format_double(char *buf, double d, int is_float);

/** Parses an xsd:dateTime (want_date 0) or xsd:date (1) lexical form. 0 ok, -1 ill-formed. */
int ilokg_xdt_parse(ilokg_xdt *out, const char *s, size_t len, int want_date);
/** Compares two dateTimes as instants: <0, 0, >0; 2 when indeterminate (one has a zone, the
 *  other none, and they are within 14 hours). */
int ilokg_xdt_cmp(const ilokg_xdt *a, const ilokg_xdt *b);

#endif
