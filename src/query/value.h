/* SPDX-License-Identifier: Apache-2.0 */
/* The values of terms as the operators and functions see them, and the terms they make: the
 * value of an id, literals, booleans and numbers in canonical form, '=' and '<' between values,
 * and arithmetic with XPath's type promotion. Shared by expr.c, the function families
 * (func_*.c, cast.c), order.c and agg.c; calls only the context (qctx.h) and xsd.c. */
#ifndef ILOKG_VALUE_H
#define ILOKG_VALUE_H

#include <stddef.h>

#include "query/algebra.h"
#include "query/qctx.h"
#include "query/qterm.h"
#include "query/xsd.h"
#include "util/status.h"

/** Comparison outcomes beyond -1, 0, 1. */
#define ILOKG_CMP_ERROR 2 /* no '<' between these: a type error */
#define ILOKG_CMP_NAN 3   /* a NaN: every comparison false, '!=' true */

/** The term and value of id (ILOKG_ID_NONE: an error, *ok 0). */
ilokg_status ilokg_fx_value(ilokg_qctx *c, ilokg_id id, ilokg_xval *out, int *ok);
/** A literal made by an operator (lex copied by the context); lang or dt may be NULL. */
ilokg_status ilokg_fx_literal(ilokg_qctx *c, const char *lex, size_t len, const char *lang,
                              const char *dt, ilokg_id *out);
ilokg_status ilokg_fx_bool(ilokg_qctx *c, int b, ilokg_id *out);
/** A numeric of kind k (INT and DEC from dec, FLT and DBL from d) in canonical form. */
ilokg_status ilokg_fx_number(ilokg_qctx *c, ilokg_xv_kind k, ilokg_dec dec, double d,
                             ilokg_id *out);
/** '=' between two values: 1, 0, or -1 (a type error). */
int ilokg_fx_equal(const ilokg_xval *a, const ilokg_xval *b);
/** '<' order between two values: -1, 0, 1, ILOKG_CMP_ERROR or ILOKG_CMP_NAN. */
int ilokg_fx_compare(const ilokg_xval *a, const ilokg_xval *b);
/** a op b for op ILOKG_EX_ADD/SUB/MUL/DIV (*out ILOKG_ID_NONE on a type error). */
ilokg_status ilokg_fx_arith(ilokg_qctx *c, ilokg_expr_kind op, const ilokg_xval *a,
                            const ilokg_xval *b, ilokg_id *out);
/** The numeric value of a op b, without making a term: 0 ok, -1 error. */
int ilokg_fx_arith_value(ilokg_xval *out, ilokg_expr_kind op, const ilokg_xval *a,
                         const ilokg_xval *b);

#endif
