/* SPDX-License-Identifier: Apache-2.0 */
/* What the query side asks of raptor once it has an answer or a reference in hand: graph answers
 * written in an RDF syntax, file: IRIs turned into paths, references resolved against a base.
 * Kept apart from run.c so that answering a query over the store never loads raptor. */
#ifndef ILOKG_QUERY_RDF_IO_H
#define ILOKG_QUERY_RDF_IO_H

#include <stddef.h>
#include <stdio.h>

#include "ilokg.h"
#include "query/qterm.h"
#include "util/status.h"

/** Fills t with the terms (borrowed until the next call) of triple i of a graph answer. */
typedef ilokg_status (*ilokg_triple_fn)(ilokg_qterm t[3], size_t i, void *payload);

/** Writes the n triples that next gives in format f (not JSON-LD) to fp, with the prefixes
 *  (n_prefixes {name, IRI} pairs) declared. Errors are reported to diag (ILOKG_ERR_RDF when a
 *  triple cannot be written, ILOKG_ERR_IO when the stream fails). */
ilokg_status ilokg_rdf_write_triples(FILE *fp, ilokg_format f, const char *const (*prefixes)[2],
                                     size_t n_prefixes, ilokg_triple_fn next, void *payload,
                                     size_t n, ilokg_diag *diag);

/** The local path a file: IRI names (malloc'd, the caller's) in *out; ILOKG_ERR_NOT_FOUND when
 *  iri names no local file. Reports nothing. */
ilokg_status ilokg_rdf_iri_to_path(char **out, const char *iri);

/** Resolves the reference ref against base (RFC 3986) into out, at most cap bytes with the NUL.
 *  Reports nothing. */
ilokg_status ilokg_rdf_resolve_iri(char *out, size_t cap, const char *base, const char *ref);

#endif
