/* SPDX-License-Identifier: Apache-2.0 */
/* A corpus: the documents read in one run, in the order given (manifest order for a directory). */
#ifndef ILOKG_CORPUS_H
#define ILOKG_CORPUS_H

#include "read/doc.h"
#include "read/manifest.h"
#include "ilokg.h"

/** One document to read: its file and its metadata (manifest row, or from its name). */
typedef struct {
    char      *path;
    ilokg_meta meta;
} ilokg_corpus_entry;

/** The documents a run will read, in order, before any is read: so they can be read one at a
 *  time (streaming export) or several at once. */
typedef struct {
    ilokg_corpus_entry *entries;
    size_t              n_entries, cap_entries;
} ilokg_corpus_plan;

/** Lists the documents of paths (directories with a MANIFEST.tsv, or files) into *out (the
 *  caller's, cleared with ilokg_corpus_plan_clear): manifest errors, a file outside its
 *  manifest's directory and an id given twice are reported here, before any document is read. */
ilokg_status ilokg_corpus_plan_make(ilokg_corpus_plan *out, ilokg_world *world,
                                    const char *const *paths, size_t n_paths);
void         ilokg_corpus_plan_clear(ilokg_corpus_plan *plan);

/** Reads one document end to end (load, normalise, segment, recognise) into *out (the
 *  caller's, freed with ilokg_doc_free). Messages go to the world's sink as they are found. */
ilokg_status ilokg_corpus_read_doc(ilokg_doc **out, ilokg_world *world,
                                   const ilokg_corpus_entry *entry);

struct ilokg_corpus {
    ilokg_doc **docs;
    size_t      n_docs;
};

#endif
