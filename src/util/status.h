/* SPDX-License-Identifier: Apache-2.0 */
/* Diagnostics: a sink that collects or forwards messages, ilokg_report(), and the source a
 * message's offsets are located in (name, bytes as shipped, line index; offset -> line:col).
 * util/source.h loads a source from a file. */
#ifndef ILOKG_STATUS_H
#define ILOKG_STATUS_H

#include <stddef.h>

#include "ilokg.h"
#include "util/buf.h" /* ILOKG_PRINTF */

typedef struct ilokg_source ilokg_source;

struct ilokg_source {
    char   *name;  /* path as given */
    char   *bytes; /* NUL-terminated after len */
    size_t  len;
    size_t *lines; /* byte offset of the start of each line */
    size_t  n_lines;
};

/** Where messages go. Transparent so a caller can put one on the stack. */
typedef struct {
    ilokg_sink sink;
    void      *payload;
    size_t     n_errors, n_warnings;
} ilokg_diag;

/** Reports an error (or warning, when st is ILOKG_OK) located at byte offset off of src
 *  (src may be NULL, off SIZE_MAX when unknown). Returns st. */
ilokg_status ilokg_report(ilokg_diag *diag, ilokg_status st, const ilokg_source *src, size_t off,
                          const char *fmt, ...) ILOKG_PRINTF(5, 6);

/** Reports a warning about a document at byte offset off. */
void ilokg_warn(ilokg_diag *diag, const ilokg_source *src, size_t off, const char *fmt, ...)
    ILOKG_PRINTF(4, 5);

/** Reports an error located at file:line (no source loaded), e.g. for a table. */
ilokg_status ilokg_report_at(ilokg_diag *diag, ilokg_status st, const char *file, size_t line,
                             size_t col, const char *fmt, ...) ILOKG_PRINTF(6, 7);

/** Takes bytes[0,len) (malloc'd, NUL-terminated after len; the source owns them from here, and
 *  frees them on failure) and validates them as UTF-8 (invalid bytes: ILOKG_ERR_ENCODING with
 *  line:col and byte offset). The source is the caller's, freed with ilokg_source_free. */
ilokg_status ilokg_source_take(ilokg_source **out, const char *name, char *bytes, size_t len,
                               ilokg_diag *diag);
/** Wraps bytes already in memory (copied); as ilokg_source_take otherwise. */
ilokg_status ilokg_source_from_bytes(ilokg_source **out, const char *name, const char *bytes,
                                     size_t len, ilokg_diag *diag);
void         ilokg_source_free(ilokg_source *src);

/** 1-based line and column (in characters) of byte offset off. */
void ilokg_source_locate(const ilokg_source *src, size_t off, size_t *line, size_t *col);

#endif
