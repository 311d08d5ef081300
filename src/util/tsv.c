/* SPDX-License-Identifier: Apache-2.0 */
/* The one TSV reader (MANIFEST.tsv, data/reference tables). */
#include "util/tsv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/io.h"
#include "util/utf8.h"

void
ilokg_tsv_free(ilokg_tsv *t)
{
    if (t) {
        free(t->path);
        free(t->text);
        free(t->head);
        free(t->cells);
        free(t->lines);
        memset(t, 0, sizeof *t);
    }
}

char *
ilokg_tsv_take_text(ilokg_tsv *t)
{
    char *text = t->text;
    t->text    = NULL;
    return text;
}

size_t
ilokg_tsv_column(const ilokg_tsv *t, const char *name)
{
    for (size_t i = 0; i < t->ncol; i++) {
        if (!strcmp(t->head[i], name)) {
            return i;
        }
    }
    return SIZE_MAX;
}

const char *
ilokg_tsv_cell(const ilokg_tsv *t, size_t row, size_t col)
{
    if (col == SIZE_MAX || row >= t->nrows || col >= t->ncol) {
        return NULL;
    }
    const char *c = t->cells[row * t->ncol + col];
    return c && *c ? c : NULL;
}

/* Splits the line at p (NUL-terminated) at its tabs into at most max cells (max 0: all of
 * them); returns how many it has in all. */
static size_t
split_cells(char *p, char **cells, size_t max)
{
    size_t n = 0;
    for (;;) {
        if (n < max) {
            cells[n] = p;
        }
        n++;
        char *tab = strchr(p, '\t');
        if (!tab) {
            return n;
        }
        *tab = '\0';
        p    = tab + 1;
    }
}

static ilokg_status
add_header(ilokg_tsv *t, char *p, size_t line)
{
    size_t ncell = 1;
    for (const char *q = p; *q; q++) {
        ncell += *q == '\t';
    }
    if (!(t->head = calloc(ncell, sizeof *t->head))) {
        return ILOKG_ERR_NOMEM;
    }
    t->ncol      = split_cells(p, t->head, ncell);
    t->head_line = line;
    return ILOKG_OK;
}

static ilokg_status
add_row(ilokg_tsv *t, char *p, size_t line, unsigned flags, size_t *cap_cells, size_t *cap_lines,
        ilokg_diag *diag)
{
    ilokg_status st;
    if ((st = ilokg_grow(&t->cells, cap_cells, (t->nrows + 1) * t->ncol, sizeof *t->cells)) ||
        (st = ilokg_grow(&t->lines, cap_lines, t->nrows, sizeof *t->lines))) {
        return st;
    }
    char **row = &t->cells[t->nrows * t->ncol];
    memset(row, 0, t->ncol * sizeof *row);
    size_t ncell = split_cells(p, row, t->ncol);
    if (ncell != t->ncol && !(flags & ILOKG_TSV_RAGGED)) {
        return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t->path, line, 1,
                               "%zu cells, the header has %zu", ncell, t->ncol);
    }
    t->lines[t->nrows++] = line;
    return ILOKG_OK;
}

ilokg_status
ilokg_tsv_load(ilokg_tsv *out, const char *path, unsigned flags, const char *const *required,
               ilokg_diag *diag)
{
    memset(out, 0, sizeof *out);
    if (!(out->path = ilokg_strndup(path, strlen(path)))) {
        return ILOKG_ERR_NOMEM;
    }
    size_t       len;
    ilokg_status st = ilokg_io_read(&out->text, &len, path, diag);
    if (st) {
        return st;
    }
    size_t bad = ilokg_utf8_validate(out->text, len);
    if (bad < len) {
        return ilokg_report_at(diag, ILOKG_ERR_ENCODING, path, 0, 0, "invalid UTF-8 at byte %zu",
                               bad);
    }
    size_t cap_cells = 0, cap_lines = 0, line = 0;
    char  *p = out->text, *end = out->text + len;
    while (p < end && !st) {
        line++;
        char *eol = memchr(p, '\n', (size_t)(end - p));
        eol       = eol ? eol : end;
        *eol      = '\0';
        if (eol > p && eol[-1] == '\r') {
            eol[-1] = '\0';
        }
        char *next = eol < end ? eol + 1 : end;
        if (*p && !(*p == '#' && (flags & ILOKG_TSV_COMMENTS))) {
            st = out->head ? add_row(out, p, line, flags, &cap_cells, &cap_lines, diag)
                           : add_header(out, p, line);
        }
        p = next;
    }
    if (!st && !out->head) {
        return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, path, line ? line : 1, 1, "no header row");
    }
    for (size_t i = 0; !st && required && required[i]; i++) {
        if (ilokg_tsv_column(out, required[i]) == SIZE_MAX) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, path, out->head_line, 1,
                                 "missing column '%s'", required[i]);
        }
    }
    return st;
}
