/* SPDX-License-Identifier: Apache-2.0 */
/* A source file loaded from disk; the source itself (line index, locating offsets) is declared
 * with the diagnostics in util/status.h. */
#ifndef ILOKG_SOURCE_H
#define ILOKG_SOURCE_H

#include <stddef.h>

#include "ilokg.h"
#include "util/status.h"

/** Reads and validates a UTF-8 file (invalid bytes: ILOKG_ERR_ENCODING with line:col and byte
 *  offset). The source is the caller's, freed with ilokg_source_free. */
ilokg_status ilokg_source_load(ilokg_source **out, const char *path, ilokg_diag *diag);

#endif
