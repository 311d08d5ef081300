/* SPDX-License-Identifier: Apache-2.0 */
/* Stand-ins for the evaluation context's functions (expr.h, "provided by the evaluator"), weak
 * so that the evaluator's own definitions replace them wherever both are linked: they let the
 * library link where the evaluator is absent, and answer every call with an internal error. */
#include "query/expr.h"

__attribute__((weak)) ilokg_status
ilokg_qctx_term(ilokg_qctx *c, ilokg_id id, ilokg_qterm *out)
{
    (void)c;
    (void)id;
    (void)out;
    return ILOKG_ERR_INTERNAL;
}

__attribute__((weak)) ilokg_status
ilokg_qctx_intern(ilokg_qctx *c, const ilokg_qterm *t, ilokg_id *out)
{
    (void)c;
    (void)t;
    *out = ILOKG_ID_NONE;
    return ILOKG_ERR_INTERNAL;
}

__attribute__((weak)) ilokg_status
ilokg_qctx_exists(ilokg_qctx *c, const ilokg_op *op, const ilokg_id *row, int *out)
{
    (void)c;
    (void)op;
    (void)row;
    *out = 0;
    return ILOKG_ERR_INTERNAL;
}

__attribute__((weak)) const char *
ilokg_qctx_base(const ilokg_qctx *c)
{
    (void)c;
    return NULL;
}

__attribute__((weak)) const char *
ilokg_qctx_now(const ilokg_qctx *c)
{
    (void)c;
    return "1970-01-01T00:00:00Z";
}

__attribute__((weak)) size_t
ilokg_qctx_solution_serial(const ilokg_qctx *c)
{
    (void)c;
    return 0;
}
