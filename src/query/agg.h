/* SPDX-License-Identifier: Apache-2.0 */
/* The aggregates of SPARQL 1.1 section 18.5.1 (agg.c): COUNT, SUM, MIN, MAX, AVG, SAMPLE,
 * GROUP_CONCAT, their DISTINCT forms, one running state per group. */
#ifndef ILOKG_AGG_H
#define ILOKG_AGG_H

#include "query/algebra.h"
#include "query/qctx.h"
#include "query/qterm.h"
#include "util/status.h"

/** The running value of one aggregate over one group. */
typedef struct ilokg_agg_state ilokg_agg_state;
/** A new state for aggregate a (borrowed; outlives the state). The state is the caller's. */
ilokg_status ilokg_agg_new(ilokg_agg_state **out, ilokg_qctx *c, const ilokg_aggregate *a);
/** Adds one solution's value: the id of a's argument evaluated on it (ILOKG_ID_NONE when that
 *  was an error or unbound); for COUNT(*) any id but ILOKG_ID_NONE, once per solution (once per
 *  distinct solution under DISTINCT: the evaluator dedupes those). DISTINCT over values is done
 *  here. */
ilokg_status ilokg_agg_add(ilokg_agg_state *s, ilokg_id value);
/** The aggregate's value: *out ILOKG_ID_NONE when it is an error (section 18.5.1). */
ilokg_status ilokg_agg_result(ilokg_agg_state *s, ilokg_id *out);
void         ilokg_agg_free(ilokg_agg_state *s);

#endif
