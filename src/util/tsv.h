/* SPDX-License-Identifier: Apache-2.0 */
/* The one TSV reader: a header row naming the columns, then one record a line, cells split at
 * tabs in place. MANIFEST.tsv and the reference tables of data/reference/ are read with it. */
#ifndef ILOKG_TSV_H
#define ILOKG_TSV_H

#include <stddef.h>

#include "ilokg.h"
#include "util/status.h"

/** A loaded table. Every string points into text, which the table owns until
 *  ilokg_tsv_take_text() hands it over. */
typedef struct {
    char   *path;   /* as given, owned */
    char   *text;   /* the file, split in place at tabs and line ends */
    char  **head;   /* ncol column names */
    size_t  ncol;
    char  **cells;  /* nrows * ncol; NULL for a cell a short row lacks (ILOKG_TSV_RAGGED) */
    size_t *lines;  /* 1-based line of each row */
    size_t  nrows;
    size_t  head_line; /* 1-based line of the header */
} ilokg_tsv;

enum {
    ILOKG_TSV_COMMENTS = 1 << 0, /* a line starting with '#' is a comment */
    ILOKG_TSV_RAGGED   = 1 << 1, /* a row may have fewer or more cells than the header (the
                                    extra ones are dropped); otherwise that is an error */
};

/** Reads path as UTF-8 TSV: blank lines are skipped, the first other line is the header; every
 *  column in the NULL-terminated list required (may be NULL) must be named there. Errors name
 *  path, line and column: invalid UTF-8 (ILOKG_ERR_ENCODING, with its byte offset), a row with
 *  the wrong number of cells, no header, a missing column (ILOKG_ERR_SYNTAX). *out is the
 *  caller's, freed with ilokg_tsv_free, also after a failure. */
ilokg_status ilokg_tsv_load(ilokg_tsv *out, const char *path, unsigned flags,
                            const char *const *required, ilokg_diag *diag);
/** Frees what t holds (t itself is the caller's); accepts a zeroed table. */
void ilokg_tsv_free(ilokg_tsv *t);

/** Index of the column named name, or SIZE_MAX. */
size_t ilokg_tsv_column(const ilokg_tsv *t, const char *name);
/** Cell of row and column col (SIZE_MAX allowed), or NULL when it is empty or absent. Borrowed
 *  from the table's text. */
const char *ilokg_tsv_cell(const ilokg_tsv *t, size_t row, size_t col);
/** Hands the text over to the caller (free() it), so that the cells outlive the table: they
 *  point into it. */
char *ilokg_tsv_take_text(ilokg_tsv *t);

#endif
