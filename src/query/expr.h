/* SPDX-License-Identifier: Apache-2.0 */
/* SPARQL expressions (SPARQL 1.1 section 17) over terms by id: the operators, the functional
 * forms and effective boolean value, with the XPath/XSD value space behind the lexical forms
 * (value.h) and the functions by family (func.h). ORDER BY's order is order.h, aggregates agg.h. */
#ifndef ILOKG_EXPR_H
#define ILOKG_EXPR_H

#include <stddef.h>

#include "query/algebra.h"
#include "query/qctx.h"
#include "query/qterm.h"
#include "util/status.h"

/** Evaluates e against the solution row (indexed by variable slot). *out gets the value's id,
 *  or ILOKG_ID_NONE when e raises an error (a type error, an unbound variable, ...). The
 *  status is for what stops the whole query (memory). */
ilokg_status ilokg_expr_eval(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row,
                             ilokg_id *out);
/** The effective boolean value of e: *out 1 true, 0 false, -1 error. */
ilokg_status ilokg_expr_ebv(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, int *out);
/** The effective boolean value of a term (-1: error). */
int ilokg_expr_term_ebv(ilokg_qctx *c, ilokg_id id);
#endif
