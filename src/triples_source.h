/* SPDX-License-Identifier: Apache-2.0 */
/* rasqal's triple patterns answered through the indexes of a librdf model (the persistent store's
 * Berkeley DB hashes or an in-memory storage), instead of a scan of every statement. */
#ifndef ILOKG_TRIPLES_SOURCE_H
#define ILOKG_TRIPLES_SOURCE_H

#include "status.h"

/* librdf handles, declared here without their header (as in store.h). */
struct librdf_world_s;
struct librdf_model_s;

/** What the queries of one librdf world read: both borrowed, and both must outlive every query
 *  run while this is installed. */
typedef struct {
    struct librdf_world_s *lw;
    struct librdf_model_s *model;
    /* A graph IRI to declare to the engine even when the model holds no statement in it (the
     * context that carries the default graph beside named graphs), or NULL. */
    const char *always_graph;
} ilokg_triples_source;

/** Makes every SPARQL query that ts->lw executes from now on read ts->model through this
 *  module's triples source (ts is borrowed until ilokg_triples_source_remove). Replaces the one
 *  librdf installed: the model given to librdf_query_execute is not looked at, so pass the same.
 *  ILOKG_ERR_RDF when rasqal refuses the source. */
ilokg_status ilokg_triples_source_install(ilokg_triples_source *ts);

/** Forgets the model: queries executed on lw afterwards fail ("Failed to make triples source")
 *  until the next install, rather than read a model that may be gone. */
void ilokg_triples_source_remove(struct librdf_world_s *lw);

#endif
