/* SPDX-License-Identifier: Apache-2.0 */
/* The document header: title, meeting number, place and dates, where the manifest leaves
 * them out. */
#include "read/segment_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/utf8.h"

static ilokg_status
set_meta(char **field, const char *value)
{
    if (*field && **field) {
        return ILOKG_OK; /* the manifest wins */
    }
    char *v = ilokg_strndup(value, strlen(value));
    if (!v) {
        return ILOKG_ERR_NOMEM;
    }
    free(*field);
    *field = v;
    return ILOKG_OK;
}

/* The title runs on over the lines of its block from line i, up to a dateline. */
static ilokg_status
read_title(reader *r, size_t i)
{
    const char *p  = r->t->ptr;
    ilokg_buf   tb = ILOKG_BUF_INIT;
    for (size_t k = i; k < r->n_lines && k < i + 4 && !r->lines[k].blank; k++) {
        const line *T = &r->lines[k];
        if (k > i && (memchr(p + T->ts, ',', T->te - T->ts) || T->tabbed)) {
            break;
        }
        if ((tb.len && ilokg_buf_addc(&tb, ' ')) || ilokg_buf_add(&tb, p + T->ts, T->te - T->ts)) {
            ilokg_buf_free(&tb);
            return ILOKG_ERR_NOMEM;
        }
    }
    char *title = ilokg_buf_detach(&tb);
    if (!title) {
        return ILOKG_ERR_NOMEM;
    }
    for (char *c = title; *c; c++) {
        if (*c == '*' || *c == '\t') {
            *c = ' ';
        }
    }
    ilokg_status st = set_meta(&r->doc->meta.title, title);
    free(title);
    return st;
}

/* "13th High Level Meeting", "106th Session" in line q[0,n): the meeting number. */
static ilokg_status
read_meeting_number(ilokg_doc *doc, const char *q, size_t n, int *found)
{
    for (size_t k = 0; k + 5 < n; k++) {
        if (!ilokg_is_digit(q[k]) || (k > 0 && ilokg_is_digit(q[k - 1]))) {
            continue;
        }
        size_t d = k;
        while (d < n && ilokg_is_digit(q[d])) {
            d++;
        }
        const char *sfx = q + d;
        if (!(d + 2 < n && (ilokg_seg_starts_word_ci(sfx, n - d, "th") ||
                            ilokg_seg_starts_word_ci(sfx, n - d, "st") ||
                            ilokg_seg_starts_word_ci(sfx, n - d, "nd") ||
                            ilokg_seg_starts_word_ci(sfx, n - d, "rd")))) {
            continue;
        }
        const char *w = sfx + 3;
        size_t      m = n - d - 3;
        if (ilokg_seg_starts_word_ci(w, m, "high level meeting") ||
            ilokg_seg_starts_word_ci(w, m, "high-level meeting") ||
            ilokg_seg_starts_word_ci(w, m, "session")) {
            char num[8];
            snprintf(num, sizeof num, "%.*s", (int)(d - k), q + k);
            *found = 1;
            return set_meta(&doc->meta.meeting_number, num);
        }
    }
    return ILOKG_OK;
}

/* Reads digits at d[*j, m) as a number. */
static unsigned
read_number(const char *d, size_t m, size_t *j)
{
    unsigned v = 0;
    while (*j < m && ilokg_is_digit(d[*j])) {
        v = v * 10 + (unsigned)(d[(*j)++] - '0');
    }
    return v;
}

/* "Geneva, 18-19 January 2017", "Brussels, 5 July 2022", "Geneva - Brussels, 2 October 2020":
 * place, day[-day] Month Year on a short line q[0,n). */
static ilokg_status
read_dateline(ilokg_doc *doc, const char *q, size_t n, int *found)
{
    const char *comma = memchr(q, ',', n);
    if (!comma || n >= 60 || !ilokg_is_upper(q[0])) {
        return ILOKG_OK;
    }
    const char *d = comma + 1;
    size_t      m = n - (size_t)(d - q);
    while (m && *d == ' ') {
        d++, m--;
    }
    size_t   j  = 0;
    unsigned d1 = read_number(d, m, &j), d2 = 0;
    if (j && j < m && d[j] == '-') {
        j++;
        d2 = read_number(d, m, &j);
    }
    while (j < m && d[j] == ' ') {
        j++;
    }
    int mon = j < m ? ilokg_seg_month_at(d + j, m - j) : 0;
    if (!d1 || !mon) {
        return ILOKG_OK;
    }
    j += strlen(ilokg_seg_months[mon - 1]);
    while (j < m && d[j] == ' ') {
        j++;
    }
    size_t   y0 = j;
    unsigned y  = read_number(d, m, &j);
    if (j - y0 != 4 || d1 > 31 || d2 > 31) {
        return ILOKG_OK;
    }
    char place[64], start[32], end[32];
    snprintf(place, sizeof place, "%.*s", (int)(comma - q), q);
    snprintf(start, sizeof start, "%04u-%02d-%02u", y % 10000u, mon, d1 % 100u);
    snprintf(end, sizeof end, "%04u-%02d-%02u", y % 10000u, mon, (d2 ? d2 : d1) % 100u);
    *found          = 1;
    ilokg_status st = set_meta(&doc->meta.place, place);
    if (!st && !(st = set_meta(&doc->meta.start_date, start))) {
        st = set_meta(&doc->meta.end_date, end);
    }
    return st;
}

/* The header facts from the first lines: title, meeting number, place and dates. */
ilokg_status
ilokg_seg_read_header(reader *r)
{
    const char  *p         = r->t->ptr;
    ilokg_status st        = ILOKG_OK;
    int          have_date = 0, have_num = 0, have_title = 0;
    for (size_t i = 0; !st && i < r->n_lines && i < 60; i++) {
        const line *L = &r->lines[i];
        if (L->blank) {
            continue;
        }
        const char *q = p + L->ts;
        size_t      n = L->te - L->ts;
        if (!have_title && n > 10) {
            st         = read_title(r, i);
            have_title = 1;
        }
        if (!st && !have_num) {
            st = read_meeting_number(r->doc, q, n, &have_num);
        }
        if (!st && !have_date) {
            st = read_dateline(r->doc, q, n, &have_date);
        }
    }
    return st;
}
