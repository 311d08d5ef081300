/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-LD output of the export graph (raptor has no JSON-LD writer): compact form with the
 * project's context (ontology/context.jsonld) inline, one named graph per @graph entry. */
#ifndef ILOKG_JSONLD_H
#define ILOKG_JSONLD_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "graph.h"
#include "ilokg.h"
#include "status.h"

/** Writes g as a JSON-LD document to fp: sorted (graphs, nodes, keys, values), so output is
 *  byte-identical across runs. Write failures are ILOKG_ERR_IO, reported to diag. */
ilokg_status ilokg_jsonld_write(FILE *fp, ilokg_graph *g, ilokg_diag *diag);

/** Appends s[0, len) to b as a JSON string with its quotes: '"', '\\' and control characters
 *  escaped (\n, \t, ... or \u00XX, also U+007F), everything else, non-ASCII included, kept as
 *  UTF-8 bytes. ILOKG_ERR_NOMEM on allocation failure. */
ilokg_status ilokg_jsonld_escape(ilokg_buf *b, const char *s, size_t len);

/** Appends the context document ({"@context": {...}}, the content of ontology/context.jsonld)
 *  to b. */
ilokg_status ilokg_jsonld_context(ilokg_buf *b);

#endif
