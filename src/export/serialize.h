/* SPDX-License-Identifier: Apache-2.0 */
/* RDF output of the export graph: Turtle, N-Triples, N-Quads and RDF/XML through raptor's
 * serializers, TriG written here (raptor has no TriG writer). */
#ifndef ILOKG_SERIALIZE_H
#define ILOKG_SERIALIZE_H

#include <stdio.h>

#include "graph/graph.h"
#include "ilokg.h"

/** Writes g to fp in format f (not JSON-LD: see jsonld.h). Raptor's messages and write failures
 *  are reported to the world's sink (ILOKG_ERR_RDF, ILOKG_ERR_IO). */
ilokg_status ilokg_serialize(FILE *fp, ilokg_world *world, ilokg_graph *g, ilokg_format f);

#endif
