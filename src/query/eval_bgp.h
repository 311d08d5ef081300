/* SPDX-License-Identifier: Apache-2.0 */
/* Basic graph patterns (eval_bgp.c). */
#ifndef ILOKG_EVAL_BGP_H
#define ILOKG_EVAL_BGP_H

#include "query/eval_ctx.h"

ilokg_status ilokg_ev_bgp(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                          const ilokg_id *seed, ilokg_ev_sink *s);

#endif
