/* SPDX-License-Identifier: Apache-2.0 */
/* The triples of CONSTRUCT and DESCRIBE (eval_construct.c). */
#ifndef ILOKG_EVAL_CONSTRUCT_H
#define ILOKG_EVAL_CONSTRUCT_H

#include "query/eval_ctx.h"

/** The CONSTRUCT triples of the solutions rows, without duplicates, into *out (malloc'd, the
 *  caller's) and *n. */
ilokg_status ilokg_ev_construct(ilokg_qctx *c, const ilokg_ev_rows *rows, ilokg_quad **out,
                                size_t *n);
/** The DESCRIBE triples of the resources named by the query over rows. */
ilokg_status ilokg_ev_describe(ilokg_qctx *c, const ilokg_ev_rows *rows, ilokg_quad **out,
                               size_t *n);

#endif
