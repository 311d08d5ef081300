/* SPDX-License-Identifier: Apache-2.0 */
/* A source file loaded: read whole (io.c), then indexed and validated (status.c). */
#include "util/source.h"

#include "util/io.h"

ilokg_status
ilokg_source_load(ilokg_source **out, const char *path, ilokg_diag *diag)
{
    char        *bytes = NULL;
    size_t       len   = 0;
    ilokg_status st    = ilokg_io_read(&bytes, &len, path, diag);
    return st ? st : ilokg_source_take(out, path, bytes, len, diag);
}
