/* SPDX-License-Identifier: Apache-2.0 */
/* A loaded source file and its line index. */
#include "util/source.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/io.h"
#include "util/utf8.h"

static ilokg_status
index_lines(ilokg_source *src)
{
    size_t cap = 0;
    src->n_lines = 0;
    ilokg_status st = ilokg_grow(&src->lines, &cap, 0, sizeof *src->lines);
    if (st) {
        return st;
    }
    src->lines[src->n_lines++] = 0;
    for (size_t i = 0; i < src->len; i++) {
        if (src->bytes[i] == '\n') {
            if ((st = ilokg_grow(&src->lines, &cap, src->n_lines, sizeof *src->lines))) {
                return st;
            }
            src->lines[src->n_lines++] = i + 1;
        }
    }
    return ILOKG_OK;
}

static ilokg_status
finish_load(ilokg_source *src, ilokg_diag *diag)
{
    ilokg_status st = index_lines(src);
    if (st) {
        return st;
    }
    size_t bad = ilokg_utf8_validate(src->bytes, src->len);
    if (bad < src->len) {
        return ilokg_report(diag, ILOKG_ERR_ENCODING, src, bad,
                            "invalid UTF-8 byte 0x%02X", (unsigned char)src->bytes[bad]);
    }
    /* Valid UTF-8 but no text: the readers' strings end at a NUL, so a document's item used to
     * lose everything after one without a word ("Coop"). UTF-16 text is full of them. */
    const char *nul = memchr(src->bytes, '\0', src->len);
    if (nul) {
        return ilokg_report(diag, ILOKG_ERR_ENCODING, src, (size_t)(nul - src->bytes),
                            "NUL byte (U+0000) in the text: not a UTF-8 text file (UTF-16?)");
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_source_load(ilokg_source **out, const char *path, ilokg_diag *diag)
{
    ilokg_source *src = calloc(1, sizeof *src);
    ilokg_status  st  = ILOKG_ERR_NOMEM;
    if (src && (src->name = ilokg_strndup(path, strlen(path))) &&
        !(st = ilokg_io_read(&src->bytes, &src->len, path, diag)) &&
        !(st = finish_load(src, diag))) {
        *out = src;
        src  = NULL;
    }
    ilokg_source_free(src);
    return st;
}

ilokg_status
ilokg_source_from_bytes(ilokg_source **out, const char *name, const char *bytes, size_t len,
                        ilokg_diag *diag)
{
    ilokg_source *src = calloc(1, sizeof *src);
    ilokg_status  st  = ILOKG_ERR_NOMEM;
    if (src && (src->name = ilokg_strndup(name, strlen(name))) &&
        (src->bytes = ilokg_strndup(bytes, len))) {
        src->len = len;
        if (!(st = finish_load(src, diag))) {
            *out = src;
            src  = NULL;
        }
    }
    ilokg_source_free(src);
    return st;
}

void
ilokg_source_free(ilokg_source *src)
{
    if (src) {
        free(src->name);
        free(src->bytes);
        free(src->lines);
        free(src);
    }
}

void
ilokg_source_locate(const ilokg_source *src, size_t off, size_t *line, size_t *col)
{
    if (off > src->len) {
        off = src->len;
    }
    size_t lo = 0, hi = src->n_lines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (src->lines[mid] <= off) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    *line = lo + 1;
    *col  = ilokg_utf8_count(src->bytes + src->lines[lo], off - src->lines[lo]) + 1;
}
