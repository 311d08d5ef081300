/* SPDX-License-Identifier: Apache-2.0 */
/* The evaluator's containers (eval_rows.c): tables of solutions, compatibility and merge (SPARQL
 * 1.1 section 18.3), sets of ids and sets of whole solutions. They call nothing of the engine. */
#ifndef ILOKG_EVAL_ROWS_H
#define ILOKG_EVAL_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "query/qterm.h"
#include "util/status.h"

/** A growable table of rows of width ids each (width 0 rows are counted). */
typedef struct {
    ilokg_id *ids;
    size_t    n, cap, width;
} ilokg_ev_rows;

/** A set of ids (open addressing; ILOKG_ID_NONE is never a member). */
typedef struct {
    ilokg_id *slots;
    size_t    mask, n;
} ilokg_ev_idset;

ilokg_status ilokg_ev_rows_add(ilokg_ev_rows *t, const ilokg_id *row);
ilokg_id    *ilokg_ev_rows_at(const ilokg_ev_rows *t, size_t i);
void         ilokg_ev_rows_free(ilokg_ev_rows *t);
/** Whether a and b agree on every variable bound in both. */
int ilokg_ev_compatible(const ilokg_id *a, const ilokg_id *b, size_t width);
/** a merged with b into out (compatible rows). */
void     ilokg_ev_merge(ilokg_id *out, const ilokg_id *a, const ilokg_id *b, size_t width);
uint64_t ilokg_ev_hash_ids(const ilokg_id *ids, size_t n);
/** The variables bound in every row of t: flags (width bytes) set to 1. */
void         ilokg_ev_always_bound(const ilokg_ev_rows *t, unsigned char *flags);
ilokg_status ilokg_ev_idset_add(ilokg_ev_idset *s, ilokg_id id, int *added);
int          ilokg_ev_idset_has(const ilokg_ev_idset *s, ilokg_id id);
void         ilokg_ev_idset_free(ilokg_ev_idset *s);

/** A set of whole rows of one width (hash of the ids), for DISTINCT and COUNT(DISTINCT *). */
typedef struct {
    ilokg_ev_rows rows;
    uint32_t     *slots; /* row index + 1; 0 empty */
    size_t        mask;
} ilokg_ev_rowset;
void ilokg_ev_rowset_init(ilokg_ev_rowset *s, size_t width);
/** Adds row (key: the first width ids); *added 1 when it was new. */
ilokg_status ilokg_ev_rowset_add(ilokg_ev_rowset *s, const ilokg_id *row, int *added);
/** The index of row in s, or SIZE_MAX. */
size_t ilokg_ev_rowset_find(const ilokg_ev_rowset *s, const ilokg_id *row);
void   ilokg_ev_rowset_free(ilokg_ev_rowset *s);

#endif
