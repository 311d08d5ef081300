/* SPDX-License-Identifier: Apache-2.0 */
/* One quad pattern matched in the active graph of a pattern (eval_match.c): what basic graph
 * patterns, property paths and DESCRIBE read the store through. */
#ifndef ILOKG_EVAL_MATCH_H
#define ILOKG_EVAL_MATCH_H

#include "query/eval_ctx.h"

/** Calls fn for each quad matching pat (g ignored) in the graph of g given the row (merged
 *  graphs deduplicated; a var graph left unbound matches any named graph). */
typedef ilokg_status (*ilokg_ev_quad_fn)(ilokg_qctx *c, const ilokg_quad *q, void *payload,
                                         int *stop);
ilokg_status ilokg_ev_match(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_id *row,
                            const ilokg_quad *pat, ilokg_ev_quad_fn fn, void *payload);

#endif
