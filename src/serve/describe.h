/* SPDX-License-Identifier: Apache-2.0 */
/* The RDF description of one resource, as `ilokg serve` answers its IRI and the HTML page shows
 * it: the triples with the resource as subject (and those of the blank nodes they lead to), and
 * the triples with it as object, copied into a small store of their own and written in any RDF
 * format. */
#ifndef ILOKG_DESCRIBE_H
#define ILOKG_DESCRIBE_H

#include <stddef.h>
#include <stdio.h>

#include "ilokg.h"
#include "query/qstore.h"
#include "util/status.h"

/** Copies into the in-memory store mem (new, not yet frozen; created by the caller with
 *  ilokg_qstore_mem_new) the description of iri in store (borrowed, read-only): every triple of
 *  store's default graph with iri as subject, recursively those of the blank nodes among their
 *  objects, and every triple with iri as object. *n_out (may be NULL) gets the number of
 *  triples copied; ILOKG_ERR_NOT_FOUND (not reported) when there is none. */
ilokg_status ilokg_describe_collect(ilokg_qstore *mem, ilokg_qstore *store, const char *iri,
                                    size_t *n_out);

/** Copies every triple of store's graph named graph_iri into mem's default graph (the VoID
 *  description is the graph <base>graph/dataset). ILOKG_ERR_NOT_FOUND (not reported) when the
 *  graph holds nothing. */
ilokg_status ilokg_describe_collect_graph(ilokg_qstore *mem, ilokg_qstore *store,
                                          const char *graph_iri, size_t *n_out);

/** Adds the triple (s, p, o) to mem; o is an IRI, or a literal of datatype dt (NULL: a plain
 *  string) when literal is non-zero. */
ilokg_status ilokg_describe_add(ilokg_qstore *mem, const char *s, const char *p, const char *o,
                                int literal, const char *dt);

/** Writes all the default graph's triples of store (frozen, only read: it may be shared between
 *  threads) to fp in format (Turtle with the predeclared prefixes, N-Triples, RDF/XML or
 *  JSON-LD), sorted as the store keeps them. */
ilokg_status ilokg_describe_write(ilokg_diag *diag, ilokg_qstore *store, ilokg_format format,
                                  FILE *fp);

#endif
