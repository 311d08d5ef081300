/* SPDX-License-Identifier: Apache-2.0 */
/* Diagnostics: a sink that collects or forwards messages, and ilokg_report(). */
#ifndef ILOKG_STATUS_H
#define ILOKG_STATUS_H

#include <stddef.h>

#include "ilokg.h"

typedef struct ilokg_source ilokg_source;

/** Where messages go. Transparent so a caller can put one on the stack. */
typedef struct {
    ilokg_sink sink;
    void      *payload;
    size_t     n_errors, n_warnings;
} ilokg_diag;

#if defined(__GNUC__)
#define ILOKG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define ILOKG_PRINTF(a, b)
#endif

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

#endif
