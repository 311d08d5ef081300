/* SPDX-License-Identifier: Apache-2.0 */
/* MANIFEST.tsv: tab-separated (util/tsv.h), a header row, one document per line. */
#include "read/manifest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/tsv.h"
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

/* Column i of the table: which field of ilokg_meta it fills, or -1 (a column the manifest
 * does not know is read and ignored). */
static ilokg_status
map_columns(int *colmap, const ilokg_tsv *t, ilokg_diag *diag)
{
    int have_id = 0, have_file = 0;
    for (size_t i = 0; i < t->ncol; i++) {
        colmap[i] = -1;
        for (size_t k = 0; k < N_COLUMNS; k++) {
            if (!strcmp(columns[k], t->head[i])) {
                colmap[i] = (int)k;
            }
        }
        have_id |= colmap[i] == 0;
        have_file |= colmap[i] == 1;
    }
    if (!have_id || !have_file) {
        return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t->path, t->head_line, 1,
                               "header must name the columns 'id' and 'file'");
    }
    return ILOKG_OK;
}

/* Row r of the table as the manifest's row m, located at loc. */
static ilokg_status
read_row(ilokg_meta *m, ilokg_manifest_loc *loc, const ilokg_tsv *t, size_t r,
         const int *colmap)
{
    char *const *row = &t->cells[r * t->ncol];
    *loc             = (ilokg_manifest_loc){t->lines[r], 1};
    for (size_t i = 0; i < N_COLUMNS; i++) {
        if (!(*meta_field(m, i) = ilokg_strndup("", 0))) {
            return ILOKG_ERR_NOMEM;
        }
    }
    for (size_t i = 0; i < t->ncol && row[i]; i++) {
        if (colmap[i] < 0) {
            continue;
        }
        if (colmap[i] == 1) {
            loc->col = ilokg_utf8_count(row[0], (size_t)(row[i] - row[0])) + 1;
        }
        char **dst = meta_field(m, (size_t)colmap[i]);
        free(*dst);
        if (!(*dst = ilokg_strndup(row[i], strlen(row[i])))) {
            return ILOKG_ERR_NOMEM;
        }
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_manifest_load(ilokg_manifest *out, const char *path, ilokg_diag *diag)
{
    struct stat sb;
    memset(out, 0, sizeof *out);
    if (stat(path, &sb) != 0 && errno == ENOENT) {
        return ILOKG_ERR_NOT_FOUND;
    }
    ilokg_tsv    t;
    int         *colmap = NULL;
    ilokg_status st     = ilokg_tsv_load(&t, path, ILOKG_TSV_RAGGED, NULL, diag);
    if (!st && !(colmap = calloc(t.ncol, sizeof *colmap))) {
        st = ILOKG_ERR_NOMEM;
    }
    if (!st) {
        st = map_columns(colmap, &t, diag);
    }
    if (!st && t.nrows && (!(out->rows = calloc(t.nrows, sizeof *out->rows)) ||
                           !(out->file_locs = calloc(t.nrows, sizeof *out->file_locs)))) {
        st = ILOKG_ERR_NOMEM;
    }
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_meta *m = &out->rows[out->n_rows++];
        st            = read_row(m, &out->file_locs[r], &t, r, colmap);
        if (!st && (!*m->id || !*m->file)) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, path, t.lines[r], 1, "row has no %s",
                                 !*m->id ? "id" : "file");
        }
        for (size_t i = 0; !st && i < out->n_rows - 1; i++) {
            if (!strcmp(out->rows[i].id, m->id)) {
                st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, path, t.lines[r], 1,
                                     "duplicate document id '%s'", m->id);
            }
        }
    }
    free(colmap);
    ilokg_tsv_free(&t);
    if (st) {
        ilokg_manifest_clear(out);
    }
    return st;
}
