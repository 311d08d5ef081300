/* SPDX-License-Identifier: Apache-2.0 */
/* Property paths (eval_path.c), over eval_match.c. */
#ifndef ILOKG_EVAL_PATH_H
#define ILOKG_EVAL_PATH_H

#include "query/eval_ctx.h"

/** Calls fn for each (x, y) the path links in the graphs of g (list mode: var NONE), x fixed
 *  when s is not NONE, y when o is not NONE. A multiset for links, sequences and alternatives,
 *  distinct pairs for the arbitrary-length forms and ZeroOrOne. flags: ILOKG_EV_SAME when both
 *  ends are one variable (x == y required); ILOKG_EV_S_TERM, ILOKG_EV_O_TERM when that end is a
 *  term of the pattern (a zero-length path from a term gives it even when the graph does not
 *  have it; from a variable's value, only when the value is a node of the graph). */
typedef ilokg_status (*ilokg_ev_pair_fn)(ilokg_qctx *c, ilokg_id x, ilokg_id y, void *payload,
                                         int *stop);
#define ILOKG_EV_SAME 1u
#define ILOKG_EV_S_TERM 2u
#define ILOKG_EV_O_TERM 4u
ilokg_status ilokg_ev_path(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id s,
                           ilokg_id o, unsigned flags, ilokg_ev_pair_fn fn, void *payload);

#endif
