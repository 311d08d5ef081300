/* SPDX-License-Identifier: Apache-2.0 */
/* Basic graph patterns (eval_bgp.c). */
#ifndef ILOKG_EVAL_BGP_H
#define ILOKG_EVAL_BGP_H

#include "query/eval_ctx.h"

ilokg_ev_op_fn ilokg_ev_bgp;

#endif
