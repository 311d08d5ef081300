/* SPDX-License-Identifier: Apache-2.0 */
/* RDF stores for queries: the persistent store on disk (librdf hashes over Berkeley DB, with
 * graph names) and in-memory stores for --data, --named and FROM files. */
#ifndef ILOKG_STORE_H
#define ILOKG_STORE_H

#include <stddef.h>

#include "ilokg.h"
#include "status.h"

/* librdf handles, declared here without their header (only query.c and store.c use them). */
struct librdf_world_s;
struct librdf_model_s;

typedef struct ilokg_store ilokg_store;

/** The librdf world of world, created on first use with a logger that forwards librdf, raptor
 *  and rasqal messages to world's sink (borrowed). */
ilokg_status ilokg_store_rdf_world(struct librdf_world_s **out, ilokg_world *world);
/** Reinstalls the forwarding logger (after a caller installed its own for a while). */
void         ilokg_store_logger_reset(ilokg_world *world);

/** The persistent store directory: dir when given, else $ILOKG_STORE, else "out/store". */
const char *ilokg_store_dir(const char *dir);

/** A new in-memory store; contexts: keep graph names (slower). The store is the caller's. */
ilokg_status ilokg_store_new_memory(ilokg_store **out, ilokg_world *world, int contexts);
/** Opens the persistent store at dir for reading; ILOKG_ERR_NOT_FOUND (reported) when there is
 *  none. The store is the caller's. */
ilokg_status ilokg_store_open(ilokg_store **out, ilokg_world *world, const char *dir);

/** Parses an RDF file into the store. format: a name ilokg_format_parse accepts, or NULL for the
 *  file's extension. graph: the graph IRI its triples go into, or NULL for the default graph
 *  (quads keep their own graph names when the store has contexts). *n_added (may be NULL) gets
 *  the number of statements read. */
ilokg_status ilokg_store_add_file(ilokg_store *s, const char *path, const char *format,
                                  const char *graph, size_t *n_added);

/** The store's librdf model (borrowed). */
struct librdf_model_s *ilokg_store_model(ilokg_store *s);
/** Statements in the store (0 when the storage cannot tell cheaply). */
size_t                 ilokg_store_size(ilokg_store *s);
void                   ilokg_store_free(ilokg_store *s);

#endif
