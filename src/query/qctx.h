/* SPDX-License-Identifier: Apache-2.0 */
/* What an expression needs of the running evaluation: terms by id, new terms, EXISTS, the base
 * IRI, NOW(), and a slot for the last compiled regular expression. The expression files (expr.c,
 * value.c, func_*.c, cast.c, order.c, agg.c) call these; the evaluator implements them
 * (eval_ctx.c), and so does the expression tests' small context (tests/test_expr.c). EXISTS is
 * where an expression evaluates a pattern: the evaluator closes that recursion, not this side. */
#ifndef ILOKG_QCTX_H
#define ILOKG_QCTX_H

#include <stddef.h>

#include "query/algebra.h"
#include "query/qterm.h"
#include "util/status.h"

/** The evaluation context: its data is the evaluator's (eval_ctx.h). */
typedef struct ilokg_qctx ilokg_qctx;

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

#endif
