/* SPDX-License-Identifier: Apache-2.0 */
/* MANIFEST.tsv reader: tab-separated, header row, one document per line. */
#include "read/manifest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/io.h"
#include "util/utf8.h"

static const char *const columns[] = {"id",         "file",     "type",   "title",
                                      "meeting_number", "place", "start_date", "end_date",
                                      "issued",     "notes"};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

static char **
meta_field(ilokg_meta *m, size_t i)
{
    char **f[N_COLUMNS] = {&m->id,         &m->file,       &m->type,     &m->title,
                           &m->meeting_number, &m->place, &m->start_date, &m->end_date,
                           &m->issued,     &m->notes};
    return f[i];
}

void
ilokg_meta_clear(ilokg_meta *m)
{
    for (size_t i = 0; i < N_COLUMNS; i++) {
        free(*meta_field(m, i));
        *meta_field(m, i) = NULL;
    }
}

ilokg_status
ilokg_meta_copy(ilokg_meta *dst, const ilokg_meta *src)
{
    memset(dst, 0, sizeof *dst);
    for (size_t i = 0; i < N_COLUMNS; i++) {
        const char *s = *meta_field((ilokg_meta *)src, i);
        if (!(*meta_field(dst, i) = ilokg_strndup(s ? s : "", s ? strlen(s) : 0))) {
            ilokg_meta_clear(dst);
            return ILOKG_ERR_NOMEM;
        }
    }
    return ILOKG_OK;
}

void
ilokg_manifest_clear(ilokg_manifest *m)
{
    for (size_t i = 0; i < m->n_rows; i++) {
        ilokg_meta_clear(&m->rows[i]);
    }
    free(m->rows);
    free(m->file_locs);
    m->rows      = NULL;
    m->file_locs = NULL;
    m->n_rows = 0;
}

/* Splits line [p, end) at tabs into at most max fields. */
static size_t
split_tabs(const char *p, const char *end, const char **f, size_t *flen, size_t max)
{
    size_t n = 0;
    while (n < max) {
        const char *t = memchr(p, '\t', (size_t)(end - p));
        f[n]          = p;
        flen[n]       = (size_t)((t ? t : end) - p);
        n++;
        if (!t) {
            break;
        }
        p = t + 1;
    }
    return n;
}

ilokg_status
ilokg_manifest_load(ilokg_manifest *out, const char *path, ilokg_diag *diag)
{
    struct stat sb;
    memset(out, 0, sizeof *out);
    if (stat(path, &sb) != 0 && errno == ENOENT) {
        return ILOKG_ERR_NOT_FOUND;
    }
    char        *text = NULL;
    size_t       len  = 0, cap = 0, lcap = 0, line = 0;
    ilokg_status st   = ilokg_io_read(&text, &len, path, diag);
    if (st) {
        return st;
    }
    size_t bad = ilokg_utf8_validate(text, len);
    if (bad < len) {
        free(text);
        return ilokg_report_at(diag, ILOKG_ERR_ENCODING, path, 0, 0,
                               "invalid UTF-8 at byte %zu", bad);
    }
    int         colmap[32];
    size_t      ncol = 0;
    const char *p    = text, *end = text + len;
    while (!st && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (le > p && le[-1] == '\r') {
            le--;
        }
        line++;
        const char *f[32];
        size_t      flen[32];
        size_t      nf = split_tabs(p, le, f, flen, 32);
        p              = nl ? nl + 1 : end;
        if (le == f[0]) {
            continue; /* blank line */
        }
        if (line == 1) {
            ncol = nf;
            for (size_t i = 0; i < nf; i++) {
                colmap[i] = -1;
                for (size_t k = 0; k < N_COLUMNS; k++) {
                    if (strlen(columns[k]) == flen[i] && !memcmp(columns[k], f[i], flen[i])) {
                        colmap[i] = (int)k;
                    }
                }
            }
            int have_id = 0, have_file = 0;
            for (size_t i = 0; i < nf; i++) {
                have_id |= colmap[i] == 0;
                have_file |= colmap[i] == 1;
            }
            if (!have_id || !have_file) {
                st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, path, 1, 1,
                                     "header must name the columns 'id' and 'file'");
            }
            continue;
        }
        if ((st = ilokg_grow(&out->rows, &cap, out->n_rows, sizeof *out->rows)) ||
            (st = ilokg_grow(&out->file_locs, &lcap, out->n_rows, sizeof *out->file_locs))) {
            break;
        }
        ilokg_manifest_loc *loc = &out->file_locs[out->n_rows];
        ilokg_meta         *m   = &out->rows[out->n_rows++];
        *loc                    = (ilokg_manifest_loc){line, 1};
        for (size_t i = 0; i < N_COLUMNS && !st; i++) {
            if (!(*meta_field(m, i) = ilokg_strndup("", 0))) {
                st = ILOKG_ERR_NOMEM;
            }
        }
        for (size_t i = 0; i < nf && i < ncol && !st; i++) {
            if (colmap[i] < 0) {
                continue;
            }
            if (colmap[i] == 1) {
                loc->col = ilokg_utf8_count(f[0], (size_t)(f[i] - f[0])) + 1;
            }
            char **dst = meta_field(m, (size_t)colmap[i]);
            free(*dst);
            if (!(*dst = ilokg_strndup(f[i], flen[i]))) {
                st = ILOKG_ERR_NOMEM;
            }
        }
        if (!st && (!*m->id || !*m->file)) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, path, line, 1,
                                 "row has no %s", !*m->id ? "id" : "file");
        }
        for (size_t i = 0; !st && i < out->n_rows - 1; i++) {
            if (!strcmp(out->rows[i].id, m->id)) {
                st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, path, line, 1,
                                     "duplicate document id '%s'", m->id);
            }
        }
    }
    free(text);
    if (st) {
        ilokg_manifest_clear(out);
    }
    return st;
}
