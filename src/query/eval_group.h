/* SPDX-License-Identifier: Apache-2.0 */
/* Group, OrderBy, Project, Distinct and Slice (eval_group.c). */
#ifndef ILOKG_EVAL_GROUP_H
#define ILOKG_EVAL_GROUP_H

#include "query/eval_ctx.h"

ilokg_ev_op_fn ilokg_ev_group;
ilokg_ev_op_fn ilokg_ev_order;
ilokg_ev_op_fn ilokg_ev_project;
ilokg_ev_op_fn ilokg_ev_distinct;
ilokg_ev_op_fn ilokg_ev_slice;

#endif
