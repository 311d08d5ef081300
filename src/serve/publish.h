/* SPDX-License-Identifier: Apache-2.0 */
/* `ilokg publish DIR`: the graph as static files for a host without a server: one file per
 * resource per format (HTML, Turtle, N-Triples, JSON-LD, RDF/XML) at paths mirroring the IRIs,
 * the query page, a dump, the VoID/DCAT description with the dump's links, and the redirect
 * rules a w3id.org namespace needs (docs/publishing.md). */
#ifndef ILOKG_PUBLISH_H
#define ILOKG_PUBLISH_H

#include "ilokg.h"
#include "query/qstore.h"
#include "util/status.h"

/** Writes the site for store (read-only, borrowed) into dir (created when missing; files there
 *  of the same names are replaced, each atomically, with the umask's mode). data_dir: where
 *  queries/ and ontology/ are (NULL: none). opt: site, endpoint; the other fields of
 *  ilokg_publish_options are the caller's (they say where the store comes from). *n_resources
 *  (may be NULL) gets the number of resources written. */
ilokg_status ilokg_publish_store(ilokg_diag *diag, ilokg_qstore *store, const char *data_dir,
                                 const ilokg_publish_options *opt, const char *dir,
                                 size_t *n_resources);

#endif
