/* SPDX-License-Identifier: Apache-2.0 */
/* A loaded source file: name, bytes as shipped, line index; offset -> line:col and excerpt. */
#ifndef ILOKG_SOURCE_H
#define ILOKG_SOURCE_H

#include <stddef.h>

#include "ilokg.h"
#include "util/status.h"

struct ilokg_source {
    char   *name;  /* path as given */
    char   *bytes; /* NUL-terminated after len */
    size_t  len;
    size_t *lines; /* byte offset of the start of each line */
    size_t  n_lines;
};

/** Reads and validates a UTF-8 file (invalid bytes: ILOKG_ERR_ENCODING with line:col and byte
 *  offset). The source is the caller's, freed with ilokg_source_free. */
ilokg_status ilokg_source_load(ilokg_source **out, const char *path, ilokg_diag *diag);
/** Wraps bytes already in memory (copied). */
ilokg_status ilokg_source_from_bytes(ilokg_source **out, const char *name, const char *bytes,
                                     size_t len, ilokg_diag *diag);
void         ilokg_source_free(ilokg_source *src);

/** 1-based line and column (in characters) of byte offset off. */
void ilokg_source_locate(const ilokg_source *src, size_t off, size_t *line, size_t *col);

#endif
