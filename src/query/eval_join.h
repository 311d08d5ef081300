/* SPDX-License-Identifier: Apache-2.0 */
/* Join, LeftJoin, Minus, Filter, Extend, Table and Graph (eval_join.c). */
#ifndef ILOKG_EVAL_JOIN_H
#define ILOKG_EVAL_JOIN_H

#include "query/eval_ctx.h"

ilokg_status ilokg_ev_join(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                           const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_leftjoin(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                               const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_minus(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                            const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_filter(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                             const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_extend(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                             const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_table(ilokg_qctx *c, const ilokg_op *op, const ilokg_id *seed,
                            ilokg_ev_sink *s);
ilokg_status ilokg_ev_graph_op(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                               const ilokg_id *seed, ilokg_ev_sink *s);

#endif
