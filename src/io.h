/* SPDX-License-Identifier: Apache-2.0 */
/* Whole-file reads and atomic writes (temporary file in the target directory, then rename). */
#ifndef ILOKG_IO_H
#define ILOKG_IO_H

#include <stdio.h>

#include "ilokg.h"
#include "status.h"

/** Reads a whole file into a NUL-terminated malloc'd buffer (the caller's). */
ilokg_status ilokg_io_read(char **out, size_t *len, const char *path, ilokg_diag *diag);

/** An output being written: to a temporary file beside path, or stdout when path is NULL/"-". */
typedef struct {
    FILE *fp;
    char *path, *tmp;
} ilokg_out;

ilokg_status ilokg_out_open(ilokg_out *o, const char *path, ilokg_diag *diag);
/** Flushes, closes and renames into place; on failure removes the temporary file. */
ilokg_status ilokg_out_commit(ilokg_out *o, ilokg_diag *diag);
/** Abandons the output: the temporary file is removed, the target untouched. */
void         ilokg_out_abort(ilokg_out *o);

/** Joins dir and name with '/' (malloc'd, the caller's), NULL on allocation failure. */
char *ilokg_path_join(const char *dir, const char *name);

#endif
