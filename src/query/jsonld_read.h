/* SPDX-License-Identifier: Apache-2.0 */
/* A JSON-LD 1.1 reader: a document's RDF dataset (the Deserialize JSON-LD to RDF algorithm of
 * JSON-LD 1.1 Processing Algorithms and API, section 8) handed over a statement at a time.
 * What it reads: inline contexts (terms, compact IRIs, @vocab, @base, @language, type and
 * language coercion, @container @list, @set and @language, @reverse, @prefix, keyword aliases),
 * node objects at any depth, @graph (default and named graphs), @reverse, value objects, native
 * numbers and booleans, lists. What it refuses, with the place and the feature named: remote
 * contexts (nothing is fetched), scoped and imported contexts, @nest, @included, @json,
 * @direction, index, id, type and graph maps, lists of lists. */
#ifndef ILOKG_JSONLD_READ_H
#define ILOKG_JSONLD_READ_H

#include <stddef.h>

#include "query/qterm.h"
#include "util/status.h"

/** Receives one statement; g is NULL for the default graph. The terms are borrowed for the call;
 *  a blank node's label is the reader's ("j" and a number), unique within the document. A
 *  non-zero return stops the reading with that status (the callback has reported it). */
typedef ilokg_status (*ilokg_jsonld_statement_fn)(void *user, const ilokg_qterm *s,
                                                  const ilokg_qterm *p, const ilokg_qterm *o,
                                                  const ilokg_qterm *g);

/** Reads the JSON-LD document bytes[0, len), named name in messages, whose relative IRIs resolve
 *  against base (NULL: none; a relative IRI is then an error). Errors are reported to diag at
 *  name:line:col: ILOKG_ERR_ENCODING (not UTF-8), ILOKG_ERR_SYNTAX (not JSON), ILOKG_ERR_RDF (not
 *  JSON-LD, or a feature this reader refuses), ILOKG_ERR_NOMEM. Keys that map to no IRI are
 *  dropped, as the algorithm says, with a warning. */
ilokg_status ilokg_jsonld_read(const char *bytes, size_t len, const char *name, const char *base,
                               ilokg_jsonld_statement_fn fn, void *user, ilokg_diag *diag);

#endif
