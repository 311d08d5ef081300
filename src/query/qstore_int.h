/* SPDX-License-Identifier: Apache-2.0 */
/* Inside the quad stores: the table of operations each kind fills in, and what the disk writer
 * reads out of a frozen in-memory store. Not for callers outside src/query/qstore*.c. */
#ifndef ILOKG_QSTORE_INT_H
#define ILOKG_QSTORE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "query/qstore.h"

/* The three index orders; ORDER_PERM[k][i] is the quad place (0 g, 1 s, 2 p, 3 o) that comes
 * i-th in order k. */
enum { QORDER_GSPO, QORDER_GPOS, QORDER_GOSP, QORDER_COUNT };
extern const unsigned char ilokg_qorder_perm[QORDER_COUNT][4];

/** A quad in the layout of one order: v[i] is the id of place ilokg_qorder_perm[k][i]. */
typedef struct {
    uint32_t v[4];
} qrow;

typedef struct {
    ilokg_status (*find)(ilokg_qstore *st, const ilokg_qterm *t, ilokg_id *out);
    ilokg_status (*term)(ilokg_qstore *st, ilokg_id id, ilokg_qterm *out);
    ilokg_status (*match)(ilokg_qstore *st, const ilokg_quad *pat, ilokg_qiter **out);
    size_t (*estimate)(ilokg_qstore *st, const ilokg_quad *pat);
    ilokg_status (*graphs)(ilokg_qstore *st, const ilokg_id **out, size_t *n);
    size_t (*size)(ilokg_qstore *st);
    void (*free)(ilokg_qstore *st);
} qstore_ops;

/* Every store starts with this (the kinds embed it as their first member). */
struct ilokg_qstore {
    const qstore_ops *ops;
    int               is_mem;
};

/* Every iterator starts with this. */
struct ilokg_qiter {
    ilokg_status (*next)(ilokg_qiter *it, ilokg_quad *out, int *got);
    void (*free)(ilokg_qiter *it);
};

/** The order whose prefix covers most bound places of pat, and how many places that prefix
 *  covers (g counted only when bound). */
int ilokg_qorder_choose(const ilokg_quad *pat, size_t *n_prefix);
/** The quad of a row of order k, and back. */
void ilokg_qrow_to_quad(ilokg_quad *out, const qrow *r, int k);
void ilokg_qrow_from_quad(qrow *out, const ilokg_quad *q, int k);
/** Whether q matches pat (NONE places match anything). */
int ilokg_quad_matches(const ilokg_quad *pat, const ilokg_quad *q);
/** The named graphs among a store's sorted graph ids all[0, n_all) (the default graph, when
 *  there, comes first and is left out): *out borrowed from all, *n their number. */
void ilokg_qstore_named_of(const ilokg_id *all, size_t n_all, const ilokg_id **out, size_t *n);

/** The number of this load into the in-memory store st (1, 2, ...), to keep the blank nodes
 *  of each load apart, and in *mark where its quads start; ILOKG_ERR_INTERNAL when st is not an
 *  unfrozen in-memory store. */
ilokg_status ilokg_qstore_mem_begin_load(ilokg_qstore *st, unsigned *out, size_t *mark);
/** Passes a load's progress to the function ilokg_qstore_mem_set_progress set, if any. */
void ilokg_qstore_mem_progress(ilokg_qstore *st, size_t bytes, size_t statements, size_t files);
/** Drops the quads added since mark (a load that failed); its terms stay, unused. */
void ilokg_qstore_mem_rollback(ilokg_qstore *st, size_t mark);

/* ---- What the disk writer reads from a frozen in-memory store ------------------------------ */

/** The dictionary of an in-memory store (borrowed). */
const ilokg_dict *ilokg_qstore_mem_dict(ilokg_qstore *st);
/** The rows of order k (borrowed), sorted, without duplicates; ILOKG_ERR_INTERNAL when st is
 *  not a frozen in-memory store. */
ilokg_status ilokg_qstore_mem_rows(ilokg_qstore *st, int k, const qrow **out, size_t *n);
/** Every graph id that holds quads, the default graph's (1) first when it has any (borrowed). */
void ilokg_qstore_mem_all_graphs(ilokg_qstore *st, const ilokg_id **out, size_t *n);

/* ---- Generations of the persistent store (qstore_swap.c) ---------------------------------- */

typedef struct ilokg_qswap ilokg_qswap;

/** Plans the replacement of the store at dir: sweeps what dead writers left, refuses a dir that
 *  is not a store, and creates the new generation directory (ilokg_qswap_dir). The plan is the
 *  caller's, freed with ilokg_qswap_free (which removes the generation unless committed). */
ilokg_status ilokg_qswap_begin(ilokg_qswap **out, const char *dir, ilokg_diag *diag);
/** The new generation's directory (borrowed). */
const char *ilokg_qswap_dir(const ilokg_qswap *sp);
/** Syncs the new generation and swaps the store's link to it, then removes the old one. */
ilokg_status ilokg_qswap_commit(ilokg_qswap *sp, ilokg_diag *diag);
void         ilokg_qswap_free(ilokg_qswap *sp);
/** fsync of a directory; 0 or -1 (errno set). */
int ilokg_qswap_sync_dir(const char *path);

#endif
