/* SPDX-License-Identifier: Apache-2.0 */
/* Diagnostics: formatting a message with its location and handing it to the sink; the source a
 * message locates its offsets in (line index, offset -> line:col). One module, as reporting needs
 * the line index and indexing a source reports its bad bytes. */
#include "util/status.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

const char *
ilokg_strerror(ilokg_status st)
{
    switch (st) {
    case ILOKG_OK: return "success";
    case ILOKG_ERR_NOMEM: return "out of memory";
    case ILOKG_ERR_IO: return "input/output error";
    case ILOKG_ERR_ENCODING: return "invalid encoding";
    case ILOKG_ERR_SYNTAX: return "syntax error";
    case ILOKG_ERR_NOT_FOUND: return "not found";
    case ILOKG_ERR_RDF: return "RDF error";
    case ILOKG_ERR_QUERY: return "query error";
    case ILOKG_ERR_USAGE: return "usage error";
    case ILOKG_ERR_INTERNAL: return "internal error";
    }
    return "unknown error";
}

static void
emit(ilokg_diag *diag, ilokg_level level, ilokg_status st, const ilokg_source *src, size_t off,
     const char *file, size_t line, size_t col, const char *fmt, va_list ap)
{
    if (level == ILOKG_LEVEL_ERROR) {
        diag->n_errors++;
    } else if (level == ILOKG_LEVEL_WARNING) {
        diag->n_warnings++;
    }
    if (!diag->sink) {
        return;
    }
    ilokg_buf     text = ILOKG_BUF_INIT, ex = ILOKG_BUF_INIT;
    ilokg_message m    = {level, st, file, line, col, SIZE_MAX, NULL, NULL, 0};
    if (ilokg_buf_vprintf(&text, fmt, ap)) {
        return;
    }
    m.text = text.ptr;
    if (src) {
        m.file = src->name;
        if (off != SIZE_MAX) {
            ilokg_source_locate(src, off, &m.line, &m.col);
            m.offset      = off;
            size_t start  = src->lines[m.line - 1];
            size_t end    = start;
            while (end < src->len && src->bytes[end] != '\n' && src->bytes[end] != '\r') {
                end++;
            }
            if (!ilokg_buf_add(&ex, src->bytes + start, end - start)) {
                m.excerpt     = ex.ptr;
                m.excerpt_col = m.col;
            }
        }
    }
    diag->sink(&m, diag->payload);
    ilokg_buf_free(&text);
    ilokg_buf_free(&ex);
}

ilokg_status
ilokg_report(ilokg_diag *diag, ilokg_status st, const ilokg_source *src, size_t off,
             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(diag, st ? ILOKG_LEVEL_ERROR : ILOKG_LEVEL_WARNING, st, src, off, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return st;
}

void
ilokg_warn(ilokg_diag *diag, const ilokg_source *src, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(diag, ILOKG_LEVEL_WARNING, ILOKG_OK, src, off, NULL, 0, 0, fmt, ap);
    va_end(ap);
}

ilokg_status
ilokg_report_at(ilokg_diag *diag, ilokg_status st, const char *file, size_t line, size_t col,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(diag, st ? ILOKG_LEVEL_ERROR : ILOKG_LEVEL_WARNING, st, NULL, SIZE_MAX, file, line, col,
         fmt, ap);
    va_end(ap);
    return st;
}

/* ---- the source ---------------------------------------------------------------------------- */

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
ilokg_source_take(ilokg_source **out, const char *name, char *bytes, size_t len, ilokg_diag *diag)
{
    ilokg_source *src = calloc(1, sizeof *src);
    ilokg_status  st  = ILOKG_ERR_NOMEM;
    if (!src) {
        free(bytes);
        return st;
    }
    src->bytes = bytes;
    src->len   = len;
    if ((src->name = ilokg_strndup(name, strlen(name))) && !(st = finish_load(src, diag))) {
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
    char *copy = ilokg_strndup(bytes, len);
    return copy ? ilokg_source_take(out, name, copy, len, diag) : ILOKG_ERR_NOMEM;
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
