/* SPDX-License-Identifier: Apache-2.0 */
/* SPARQL expressions, functions, operators and aggregates (SPARQL 1.1 sections 17 and 18.5)
 * over terms by id: the XPath/XSD value space behind the lexical forms (numeric type promotion,
 * xsd:decimal exact arithmetic, xsd:dateTime, language-tagged strings), effective boolean
 * value, casts, and the ORDER BY ordering. */
#ifndef ILOKG_EXPR_H
#define ILOKG_EXPR_H

#include <stddef.h>

#include "query/algebra.h"
#include "query/qterm.h"
#include "util/status.h"

/** The evaluation context (defined by the evaluator, eval_ctx.h): what an expression needs of
 *  the running evaluation. */
typedef struct ilokg_qctx ilokg_qctx;

/* Provided by the evaluator to this module: */
/** The term of id (borrowed: valid until the evaluation ends). */
ilokg_status ilokg_qctx_term(ilokg_qctx *c, ilokg_id id, ilokg_qterm *out);
/** The id of t: the store's when the store has t, else a new id of the query's own (copied). */
ilokg_status ilokg_qctx_intern(ilokg_qctx *c, const ilokg_qterm *t, ilokg_id *out);
/** Whether op has at least one solution compatible with row (EXISTS): *out 1 or 0. */
ilokg_status ilokg_qctx_exists(ilokg_qctx *c, const ilokg_op *op, const ilokg_id *row, int *out);
/** The base IRI for IRI()/URI() (NULL: none). */
const char *ilokg_qctx_base(const ilokg_qctx *c);
/** The time of the query (NOW(): the same for every call in one query), as an
 *  xsd:dateTime lexical form with a time zone (borrowed). */
const char *ilokg_qctx_now(const ilokg_qctx *c);
/** A number that changes from one solution to the next (BNODE(str): the same string gives the
 *  same blank node within one solution, a different one in the next). */
size_t ilokg_qctx_solution_serial(const ilokg_qctx *c);

/** One compiled REGEX/REPLACE pattern kept between calls (a query applies the same pattern to
 *  every row): this module fills it, the evaluator calls release at the end. */
typedef struct {
    char *pattern, *flags;   /* what code was compiled from (malloc'd) */
    void *code, *match_data; /* pcre2_code *, pcre2_match_data * */
    void (*release)(void *slot);
} ilokg_regex_slot;
/** The context's pattern slot (borrowed, zeroed at first). */
ilokg_regex_slot *ilokg_qctx_regex_slot(ilokg_qctx *c);

/* Provided by this module: */
/** Evaluates e against the solution row (indexed by variable slot). *out gets the value's id,
 *  or ILOKG_ID_NONE when e raises an error (a type error, an unbound variable, ...). The
 *  status is for what stops the whole query (memory). */
ilokg_status ilokg_expr_eval(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row,
                             ilokg_id *out);
/** The effective boolean value of e: *out 1 true, 0 false, -1 error. */
ilokg_status ilokg_expr_ebv(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, int *out);
/** The effective boolean value of a term (-1: error). */
int ilokg_expr_term_ebv(ilokg_qctx *c, ilokg_id id);
/** ORDER BY's total order (15.1): unbound < blank nodes < IRIs < literals; literals by value
 *  where '<' applies (numbers, strings, dates, booleans), else by a fixed order of datatype and
 *  lexical form. <0, 0, >0. Equal ids compare 0. */
int ilokg_expr_order_cmp(ilokg_qctx *c, ilokg_id a, ilokg_id b);

/** The running value of one aggregate over one group. */
typedef struct ilokg_agg_state ilokg_agg_state;
/** A new state for aggregate a (borrowed; outlives the state). The state is the caller's. */
ilokg_status ilokg_agg_new(ilokg_agg_state **out, ilokg_qctx *c, const ilokg_aggregate *a);
/** Adds one solution's value: the id of a's argument evaluated on it (ILOKG_ID_NONE when that
 *  was an error or unbound); for COUNT(*) any id but ILOKG_ID_NONE, once per solution (once per
 *  distinct solution under DISTINCT: the evaluator dedupes those). DISTINCT over values is done
 *  here. */
ilokg_status ilokg_agg_add(ilokg_agg_state *s, ilokg_id value);
/** The aggregate's value: *out ILOKG_ID_NONE when it is an error (section 18.5.1). */
ilokg_status ilokg_agg_result(ilokg_agg_state *s, ilokg_id *out);
void         ilokg_agg_free(ilokg_agg_state *s);

#endif
