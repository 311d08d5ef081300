/* SPDX-License-Identifier: Apache-2.0 */
/* The export drivers: ilokg_corpus_export (a corpus read whole -> one graph -> one file) and
 * ilokg_convert (documents streamed, see stream.c), declared in ilokg.h; here the hooks through
 * which a corpus-level pass joins a streaming export. */
#ifndef ILOKG_EXPORT_H
#define ILOKG_EXPORT_H

#include <stdbool.h>

#include "graph/graph.h"
#include "graph/track.h"
#include "ilokg.h"
#include "read/doc.h"

/** Hooks into a streaming export, for a pass over the whole corpus that cannot keep every
 *  document: doc sees each document as soon as it is read, in document order (also with
 *  several jobs), and keeps what it needs (a small summary per commitment: text, actors,
 *  modality, entities); finish then adds its statements to g, the graph written besides the
 *  documents' own (reference entities, dataset description), before the dataset description
 *  counts it, or hands them to sink in batches (a streaming export gives one: sorted into its
 *  temporary file, they are merged into the output as g's are; NULL: everything goes to g).
 * Statements whose subject is a document's resource (base/doc/ID...) or in a document's named graph
 * are merged into the document's statements at their sorted place, a statement both hold written
 * and counted once. Either hook may be NULL. */
typedef struct {
    void (*doc)(const ilokg_doc *doc, void *payload); /* doc is borrowed */
    ilokg_status (*finish)(ilokg_graph *g, const ilokg_graph_sink *sink, void *payload);
    void *payload;
} ilokg_export_hooks;

/** The pass every export runs besides the caller's hooks: commitments of successive meetings
 *  linked (graph/track.h) in the named graph graph/tracking. Its hooks call user's after its
 *  own. Its continues and status statements are about commitments, a document's resources: a
 *  streaming export merges them into the documents' statements (docs/performance.md). The
 *  commitments' texts wait in a temporary file until they are linked. */
typedef struct {
    ilokg_export_hooks        hooks; /* pass these to the *_hooked functions */
    const ilokg_export_hooks *user;
    ilokg_track              *track;
    const ilokg_gazetteer    *gaz;
    ilokg_status              st;
    FILE                     *spill; /* the commitments' texts until they are linked */
    ilokg_diag               *diag;
} ilokg_export_tracking;

/** near: the output's path, beside which the temporary file of commitments goes (NULL, "-" or
 *  a device: $TMPDIR, else /tmp). ILOKG_ERR_IO when it cannot be made, reported. */
ilokg_status ilokg_export_tracking_init(ilokg_export_tracking *tp, ilokg_world *world,
                                        const ilokg_export_hooks *user, const char *near);
void         ilokg_export_tracking_clear(ilokg_export_tracking *tp);

/** ilokg_convert with hooks (NULL: none). */
ilokg_status ilokg_convert_hooked(ilokg_world *world, const char *const *paths, size_t n_paths,
                                  const ilokg_export_options *opt, const char *path,
                                  const ilokg_export_hooks *hooks);

/** ilokg_corpus_export with hooks (NULL: none), called as a streaming export calls them. */
ilokg_status ilokg_corpus_export_hooked(ilokg_world *world, const ilokg_corpus *corpus,
                                        const ilokg_export_options *opt, const char *path,
                                        const ilokg_export_hooks *hooks);

/** SOURCE_DATE_EPOCH (reproducible builds) as an xsd:dateTime in UTC into out; *set false when
 *  unset. A malformed value is ILOKG_ERR_USAGE, reported to diag. */
ilokg_status ilokg_export_issued(char out[32], bool *set, ilokg_diag *diag);

#endif
