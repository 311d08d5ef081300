/* SPDX-License-Identifier: Apache-2.0 */
/* Diagnostics: formatting a message with its location and handing it to the sink. */
#include "util/status.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/source.h"

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
