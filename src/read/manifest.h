/* SPDX-License-Identifier: Apache-2.0 */
/* MANIFEST.tsv: one row of metadata per document. */
#ifndef ILOKG_MANIFEST_H
#define ILOKG_MANIFEST_H

#include "read/doc.h"
#include "util/status.h"

/** Where a row's file column is, for messages about the file it names (1-based line, column in
 *  characters). */
typedef struct {
    size_t line, col;
} ilokg_manifest_loc;

typedef struct {
    ilokg_meta         *rows;
    ilokg_manifest_loc *file_locs; /* one per row */
    size_t              n_rows;
} ilokg_manifest;

/** Reads a manifest (header row naming the columns; id and file required). A missing file is
 *  ILOKG_ERR_NOT_FOUND without a message; a malformed one ILOKG_ERR_SYNTAX with file:line. */
ilokg_status ilokg_manifest_load(ilokg_manifest *out, const char *path, ilokg_diag *diag);
void         ilokg_manifest_clear(ilokg_manifest *m);
/** Deep copy of a row into dst. */
ilokg_status ilokg_meta_copy(ilokg_meta *dst, const ilokg_meta *src);

#endif
