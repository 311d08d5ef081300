/* SPDX-License-Identifier: Apache-2.0 */
/* Whole-file reads and atomic writes (temporary file in the target directory, then rename). */
#ifndef ILOKG_IO_H
#define ILOKG_IO_H

#include <stdio.h>

#include "ilokg.h"
#include "util/status.h"

/** The most ilokg_io_read reads (1 GiB): /dev/zero or an endless pipe is an error, not memory
 *  exhausted. */
#define ILOKG_IO_MAX_READ ((size_t)1 << 30)

/** Reads a whole file into a NUL-terminated malloc'd buffer (the caller's). A file larger than
 *  ILOKG_IO_MAX_READ is ILOKG_ERR_IO; running out of memory is reported (ILOKG_ERR_NOMEM). */
ilokg_status ilokg_io_read(char **out, size_t *len, const char *path, ilokg_diag *diag);

/** An output being written: to a temporary file beside path (PATH.tmp.PID.XXXXXX), or stdout
 *  when path is NULL/"-", or straight into path when it is a FIFO or a device (stream set). */
typedef struct {
    FILE *fp;
    char *path, *tmp;
    int   stream;
} ilokg_out;

/** Makes ilokg_io_remove_temporaries also call sweep: the temporary-file registry of another copy
 *  of this module in the process (the RDF module's, src/module/). */
void ilokg_io_chain_sweep(void (*sweep)(void));

/** Opens an output. A regular file or symbolic link at path is replaced on commit (the link
 *  itself, never its target); the new file's mode is 0666 less the umask. Temporary files of
 *  earlier runs whose process no longer exists are removed first. A FIFO no process reads is
 *  ILOKG_ERR_IO at once, a directory too. */
ilokg_status ilokg_out_open(ilokg_out *o, const char *path, ilokg_diag *diag);
/** Flushes, closes and renames into place; on failure removes the temporary file. */
ilokg_status ilokg_out_commit(ilokg_out *o, ilokg_diag *diag);
/** Abandons the output: the temporary file is removed, the target untouched. */
void ilokg_out_abort(ilokg_out *o);

/** A temporary file open for update, already unlinked (it goes with the process however that
 *  ends): beside near (an output path: its file system must hold the output anyway), else, when
 *  near is NULL, "-", a device or that fails, in $TMPDIR or /tmp. ILOKG_ERR_IO, reported. */
ilokg_status ilokg_temp_file(FILE **out, const char *near, ilokg_diag *diag);

/** Seconds on the monotonic clock (for durations: progress, time limits). */
double ilokg_io_clock(void);

/** Joins dir and name with '/' (malloc'd, the caller's), NULL on allocation failure. */
char *ilokg_path_join(const char *dir, const char *name);

#endif
