/* SPDX-License-Identifier: Apache-2.0 */
/* HTML pages of the published graph: a resource's page (a commitment with its span highlighted
 * in its paragraph, or any other resource as a table of its properties and incoming links) and
 * the query page served at "/". Both `ilokg serve` and `ilokg publish` write these. */
#ifndef ILOKG_PAGE_H
#define ILOKG_PAGE_H

#include "query/qstore.h"
#include "util/buf.h"
#include "util/status.h"

/** The HTML page of the resource iri, described by the triples of store (read-only, opened by
 *  the caller and only borrowed), links to local resources (IRIs under the graph's namespace)
 *  rewritten to base (NULL or "": left as they are); appended to out. ILOKG_ERR_NOT_FOUND (not
 *  reported) when the store has no triple about iri. */
ilokg_status ilokg_page_resource(ilokg_diag *diag, ilokg_qstore *store, const char *base,
                                 const char *iri, ilokg_buf *out);

/** The query page served at "/": the editor, the canned queries of data_dir's queries/ (their
 *  title and description comments) and the script and style of data_dir's web/, appended to
 *  out. base: where the endpoint is ("" or NULL: the page's own server, at /sparql). */
ilokg_status ilokg_page_query(ilokg_diag *diag, const char *data_dir, const char *base,
                              ilokg_buf *out);

#endif
