/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-LD output of the export graph (raptor has no JSON-LD writer): compact form with the
 * project's context (ontology/context.jsonld) inline, one named graph per @graph entry. */
#ifndef ILOKG_JSONLD_H
#define ILOKG_JSONLD_H

#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"
#include "graph/graph.h"
#include "ilokg.h"
#include "util/status.h"

/** Writes g as a JSON-LD document to fp: sorted (graphs, nodes, keys, values), so output is
 *  byte-identical across runs. Write failures are ILOKG_ERR_IO, reported to diag. */
ilokg_status ilokg_jsonld_write(FILE *fp, ilokg_graph *g, ilokg_diag *diag);

/** Appends the context document ({"@context": {...}}, the content of ontology/context.jsonld)
 *  to b. */
ilokg_status ilokg_jsonld_context(ilokg_buf *b);

#endif
