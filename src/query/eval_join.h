/* SPDX-License-Identifier: Apache-2.0 */
/* Join, LeftJoin, Minus, Filter, Extend, Table and Graph (eval_join.c). */
#ifndef ILOKG_EVAL_JOIN_H
#define ILOKG_EVAL_JOIN_H

#include "query/eval_ctx.h"

ilokg_ev_op_fn ilokg_ev_join;
ilokg_ev_op_fn ilokg_ev_leftjoin;
ilokg_ev_op_fn ilokg_ev_minus;
ilokg_ev_op_fn ilokg_ev_filter;
ilokg_ev_op_fn ilokg_ev_extend;
ilokg_ev_op_fn ilokg_ev_graph_op;
/** VALUES: the rows of op compatible with seed (no active graph). */
ilokg_status ilokg_ev_table(ilokg_qctx *c, const ilokg_op *op, const ilokg_id *seed,
                            ilokg_ev_sink *s);

#endif
