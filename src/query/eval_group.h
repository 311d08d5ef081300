/* SPDX-License-Identifier: Apache-2.0 */
/* Group, OrderBy, Project, Distinct and Slice (eval_group.c). */
#ifndef ILOKG_EVAL_GROUP_H
#define ILOKG_EVAL_GROUP_H

#include "query/eval_ctx.h"

ilokg_status ilokg_ev_group(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                            const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_order(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                            const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_project(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                              const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_distinct(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                               const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_slice(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                            const ilokg_id *seed, ilokg_ev_sink *s);

#endif
