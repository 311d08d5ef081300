/* SPDX-License-Identifier: Apache-2.0 */
/* The quad stores the query engine reads: a store is a dictionary of terms and a set of quads
 * (graph, subject, predicate, object) of term ids, with an index for every pattern. Two kinds
 * behind one interface: in memory (files given with --data / --named / FROM) and on disk (LMDB,
 * the persistent store `ilokg load` writes). */
#ifndef ILOKG_QSTORE_H
#define ILOKG_QSTORE_H

#include <stddef.h>

#include "query/qterm.h"
#include "util/status.h"

/** A quad of ids. The default graph's quads have g == ILOKG_ID_DEFAULT_GRAPH. In a pattern,
 *  ILOKG_ID_NONE in any place (g too) matches anything: a pattern with g NONE matches the
 *  default graph's quads as well as the named graphs'. */
typedef struct {
    ilokg_id g, s, p, o;
} ilokg_quad;

typedef struct ilokg_qstore ilokg_qstore;
typedef struct ilokg_qiter  ilokg_qiter;

/* ---- Reading (both kinds) ----------------------------------------------------------------- */

/** The id of term t, or ILOKG_ID_NONE (and ILOKG_OK) when the store does not have it. */
ilokg_status ilokg_qstore_find(ilokg_qstore *st, const ilokg_qterm *t, ilokg_id *out);
/** The term of id (strings borrowed: valid until the store is freed). ILOKG_ERR_NOT_FOUND
 *  when the id is not the store's. */
ilokg_status ilokg_qstore_term(ilokg_qstore *st, ilokg_id id, ilokg_qterm *out);
/** Iterates over the quads matching pat, each once, in no promised order (but quads that share
 *  the bound places of pat come out sorted by the next place of the index used). The iterator is
 *  the caller's, freed with ilokg_qiter_free before the store. */
ilokg_status ilokg_qstore_match(ilokg_qstore *st, const ilokg_quad *pat, ilokg_qiter **out);
/** The next quad into *out; *got 0 at the end. */
ilokg_status ilokg_qiter_next(ilokg_qiter *it, ilokg_quad *out, int *got);
void         ilokg_qiter_free(ilokg_qiter *it);
/** All the quads matching pat, in ilokg_qstore_match's order, into *out (n_out of them; the
 *  array the caller's to free, NULL when none). */
ilokg_status ilokg_qstore_collect(ilokg_quad **out, size_t *n_out, ilokg_qstore *store,
                                  const ilokg_quad *pat);
/** How many quads match pat: exact or an upper-bound estimate, cheap (no full scan). */
size_t ilokg_qstore_estimate(ilokg_qstore *st, const ilokg_quad *pat);
/** The names of the named graphs that hold at least one quad, ascending ids (borrowed array,
 *  valid until the store is freed). */
ilokg_status ilokg_qstore_graphs(ilokg_qstore *st, const ilokg_id **out, size_t *n);
/** Quads in the store. */
size_t ilokg_qstore_size(ilokg_qstore *st);
void   ilokg_qstore_free(ilokg_qstore *st);

/* ---- In memory ---------------------------------------------------------------------------- */

/** A new, empty in-memory store; quads are added, then the store is frozen and read. The store
 *  is the caller's. */
ilokg_status ilokg_qstore_mem_new(ilokg_qstore **out);
/** The id of t in an in-memory store, adding t when new (only before freezing). */
ilokg_status ilokg_qstore_mem_intern(ilokg_qstore *st, const ilokg_qterm *t, ilokg_id *out);
/** Adds a quad of ids from ilokg_qstore_mem_intern (g: ILOKG_ID_DEFAULT_GRAPH or a term id).
 *  Duplicates are allowed here and removed when frozen. */
ilokg_status ilokg_qstore_mem_add(ilokg_qstore *st, const ilokg_quad *q);
/** Adds every quad of a named graph to the default graph too (before freezing): the persistent
 *  store's default graph is the union of all its graphs. */
ilokg_status ilokg_qstore_mem_add_union(ilokg_qstore *st);
/** Sorts the indexes and removes duplicate quads; the store is read-only afterwards (matching
 *  before freezing is ILOKG_ERR_INTERNAL). */
ilokg_status ilokg_qstore_mem_freeze(ilokg_qstore *st);

/** Parses an RDF file into an unfrozen in-memory store. format: a name ilokg_format_parse
 *  accepts ("turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"...), or NULL for the
 *  file's extension. graph: the graph IRI its triples go into, or NULL for the default graph
 *  (quads of N-Quads/TriG keep their own graph names; their default-graph triples go to graph).
 *  base: the base IRI for relative IRIs (NULL: the file's own file: IRI). Blank nodes of
 *  different files (calls) are different terms. Syntax errors are reported with the file, line
 *  and column, as ILOKG_ERR_RDF. *n_added (may be NULL) gets the number of statements read. */
ilokg_status ilokg_qstore_mem_load(ilokg_qstore *st, const char *path, const char *format,
                                   const char *graph, const char *base, ilokg_diag *diag,
                                   size_t *n_added);
/** What ilokg_qstore_mem_load reports as it reads: source bytes read and statements added since
 *  the last call, and files finished (1 when a file has been read whole, else 0). */
typedef void (*ilokg_qstore_progress_fn)(void *payload, size_t bytes, size_t statements,
                                         size_t files);
/** Has the loads into the in-memory store st report to fn (NULL: stop), after every chunk read
 *  and at the end of each file read without error; payload is passed on, borrowed. */
void ilokg_qstore_mem_set_progress(ilokg_qstore *st, ilokg_qstore_progress_fn fn, void *payload);
/** As ilokg_qstore_mem_load, from bytes in memory; name is used in messages. */
ilokg_status ilokg_qstore_mem_load_bytes(ilokg_qstore *st, const char *bytes, size_t len,
                                         const char *name, const char *format, const char *graph,
                                         const char *base, ilokg_diag *diag, size_t *n_added);

/* ---- On disk (LMDB) ----------------------------------------------------------------------- */

/** Opens the persistent store at dir read-only (a snapshot: a load running meanwhile is not
 *  seen). ILOKG_ERR_NOT_FOUND (reported) when there is no store there; ILOKG_ERR_IO (reported)
 *  when it is damaged or of another version. The store is the caller's. */
ilokg_status ilokg_qstore_disk_open(ilokg_qstore **out, const char *dir, ilokg_diag *diag);
/** Writes the frozen in-memory store mem as the persistent store at dir, replacing any store
 *  there atomically (readers see the old store or the new one, never a mix). */
ilokg_status ilokg_qstore_disk_write(ilokg_qstore *mem, const char *dir, ilokg_diag *diag);

#endif
