/* SPDX-License-Identifier: Apache-2.0 */
/* HTML pages of the published graph: a resource's page (a commitment with its span highlighted
 * in its paragraph, or any other resource as a table of its properties and incoming links) and
 * the query page served at "/". Both `ilokg serve` and `ilokg publish` write these. The style
 * and script come from web/ and are compiled in (serve/web.h): a page needs no other file. */
#ifndef ILOKG_PAGE_H
#define ILOKG_PAGE_H

#include "query/qstore.h"
#include "util/buf.h"
#include "util/status.h"

/** How a page links. A local resource is one whose IRI starts with the namespace ns; its link
 *  is base + the rest of its IRI + suffix, and its other formats are at docs + rest + ".ttl",
 *  ".nt", ".jsonld", ".rdf" (`ilokg serve` links the things at /id/ and their descriptions at
 *  /doc/; static files have both at one place). Other IRIs are linked as they are (http and
 *  https only: any other scheme is shown, never made a link). */
typedef struct {
    const char *base;     /* NULL: "/" (a server with the resources at its root) */
    const char *suffix;   /* NULL: "" (".html" for static files) */
    const char *home;     /* the query page's link; NULL: "/" */
    const char *ns;       /* NULL: the store's void:uriSpace, else ILOKG_DEFAULT_BASE */
    const char *endpoint; /* query page: the SPARQL endpoint's URL; NULL: "sparql" beside the
                             page; "" when there is none (static files): the page says so */
    const char *docs;     /* where the description documents are; NULL: base */
} ilokg_page_options;
#define ILOKG_PAGE_OPTIONS_INIT                                                                    \
    {                                                                                              \
        NULL, NULL, NULL, NULL, NULL, NULL                                                         \
    }

/** The HTML page of the resource iri, described by the triples of store (read-only, opened by
 *  the caller and only borrowed), links to local resources rewritten to base (NULL or "": "/");
 *  appended to out. ILOKG_ERR_NOT_FOUND (not reported) when the store has no triple about iri,
 *  as subject or object. */
ilokg_status ilokg_page_resource(ilokg_diag *diag, ilokg_qstore *store, const char *base,
                                 const char *iri, ilokg_buf *out);

/** The query page served at "/": the editor, the canned queries of data_dir's queries/ (their
 *  question and answer comments), appended to out. Queries are sent to "sparql" beside the
 *  page; local IRIs in the results link to base (NULL or "": "/") + their path. A queries/
 *  file that cannot be read is reported (ILOKG_ERR_IO). */
ilokg_status ilokg_page_query(ilokg_diag *diag, const char *data_dir, const char *base,
                              ilokg_buf *out);

/** ilokg_page_resource with every link setting of opt (may be NULL: the defaults). */
ilokg_status ilokg_page_resource_opt(ilokg_diag *diag, ilokg_qstore *store,
                                     const ilokg_page_options *opt, const char *iri,
                                     ilokg_buf *out);
/** ilokg_page_query with every link setting of opt (may be NULL: the defaults). */
ilokg_status ilokg_page_query_opt(ilokg_diag *diag, const char *data_dir,
                                  const ilokg_page_options *opt, ilokg_buf *out);

/** Appends s[0, len) to out escaped for HTML text and attribute values (& < > " '); C0
 *  controls other than tab, line feed and carriage return, which HTML forbids, become U+FFFD. */
ilokg_status ilokg_html_escape(ilokg_buf *out, const char *s, size_t len);

#endif
