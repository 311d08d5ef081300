/* SPDX-License-Identifier: Apache-2.0 */
/* IRI references resolved against a base (RFC 3986 section 5.2), without an RDF library. */
#ifndef ILOKG_IRI_H
#define ILOKG_IRI_H

#include <stdbool.h>

#include "util/buf.h"

/** Whether s starts with a scheme and ':' (RFC 3986 section 3.1): an absolute IRI. */
bool ilokg_iri_has_scheme(const char *s);

/** Appends to out the target IRI of reference ref against the absolute IRI base (RFC 3986
 *  section 5.2.2: scheme, authority, path with its dot segments removed, query, fragment).
 *  ILOKG_ERR_NOMEM on allocation failure. */
ilokg_status ilokg_iri_resolve(ilokg_buf *out, const char *base, const char *ref);

#endif
