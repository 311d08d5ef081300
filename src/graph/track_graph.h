/* SPDX-License-Identifier: Apache-2.0 */
/* The tracking links as triples of the export graph. */
#ifndef ILOKG_TRACK_GRAPH_H
#define ILOKG_TRACK_GRAPH_H

#include "graph/graph.h"
#include "graph/track.h"

/** Links t's items (ilokg_track_run with the default thresholds) and adds to g, in the named
 *  graph <base>graph/tracking, ilokg:continues for every Repeated or Developed link, an
 *  ilokg:Continuation for every link, each commitment's status and the two SKOS schemes.
 *  Nothing is added when no series has two meetings. gaz may be NULL. sink NULL: everything
 *  goes to g; else only the schemes do, and the statements of the links and statuses (their
 *  number grows with the corpus) are handed to sink in batches. ILOKG_ERR_NOMEM, or what the
 *  sink returns. */
ilokg_status ilokg_track_add_to_graph(ilokg_track *t, ilokg_graph *g, const ilokg_gazetteer *gaz,
                                      const ilokg_graph_sink *sink);

#endif
