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

/* "Geneva, 18-19 January 2017", "Brussels, 5 July 2022", "Geneva - Brussels, 2 October 2020":
 * place and dates; "13th High Level Meeting", "106th Session": the meeting number. */
ilokg_status
ilokg_seg_read_header(reader *r)
{
    const char  *p   = r->t->ptr;
    ilokg_doc   *doc = r->doc;
    ilokg_status st  = ILOKG_OK;
    int          have_date = 0, have_num = 0, have_title = 0;
    for (size_t i = 0; !st && i < r->n_lines && i < 60; i++) {
        line *L = &r->lines[i];
        if (L->blank) {
            continue;
        }
        const char *q = p + L->ts;
        size_t      n = L->te - L->ts;
        if (!have_title && n > 10) {
            /* The title runs on over the lines of its block, up to a dateline. */
            ilokg_buf tb = ILOKG_BUF_INIT;
            for (size_t k = i; k < r->n_lines && k < i + 4 && !r->lines[k].blank; k++) {
                const line *T = &r->lines[k];
                if (k > i && (memchr(p + T->ts, ',', T->te - T->ts) || T->tabbed)) {
                    break;
                }
                if ((tb.len && ilokg_buf_addc(&tb, ' ')) ||
                    ilokg_buf_add(&tb, p + T->ts, T->te - T->ts)) {
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
            st         = set_meta(&doc->meta.title, title);
            free(title);
            have_title = 1;
        }
        for (size_t k = 0; !have_num && k + 5 < n; k++) {
            if (ilokg_is_digit(q[k]) && (k == 0 || !ilokg_is_digit(q[k - 1]))) {
                size_t d = k;
                while (d < n && ilokg_is_digit(q[d])) {
                    d++;
                }
                const char *sfx = q + d;
                if (d + 2 < n && (ilokg_seg_starts_word_ci(sfx, n - d, "th") || ilokg_seg_starts_word_ci(sfx, n - d, "st") ||
                                  ilokg_seg_starts_word_ci(sfx, n - d, "nd") || ilokg_seg_starts_word_ci(sfx, n - d, "rd"))) {
                    const char *w = sfx + 3;
                    size_t      m = n - d - 3;
                    if (ilokg_seg_starts_word_ci(w, m, "high level meeting") || ilokg_seg_starts_word_ci(w, m, "high-level meeting") ||
                        ilokg_seg_starts_word_ci(w, m, "session")) {
                        char num[8];
                        snprintf(num, sizeof num, "%.*s", (int)(d - k), q + k);
                        st       = set_meta(&doc->meta.meeting_number, num);
                        have_num = 1;
                    }
                }
            }
        }
        /* Place, day[-day] Month Year on a short line. */
        const char *comma = memchr(q, ',', n);
        if (!have_date && comma && n < 60 && ilokg_is_upper(q[0])) {
            const char *d = comma + 1;
            size_t      m = n - (size_t)(d - q);
            while (m && *d == ' ') {
                d++, m--;
            }
            unsigned d1 = 0, d2 = 0;
            size_t   j  = 0;
            while (j < m && ilokg_is_digit(d[j])) {
                d1 = d1 * 10 + (unsigned)(d[j++] - '0');
            }
            if (j && j < m && d[j] == '-') {
                j++;
                while (j < m && ilokg_is_digit(d[j])) {
                    d2 = d2 * 10 + (unsigned)(d[j++] - '0');
                }
            }
            while (j < m && d[j] == ' ') {
                j++;
            }
            int mon = j < m ? ilokg_seg_month_at(d + j, m - j) : 0;
            if (d1 && mon) {
                j += strlen(ilokg_seg_months[mon - 1]);
                while (j < m && d[j] == ' ') {
                    j++;
                }
                unsigned y = 0;
                size_t   y0 = j;
                while (j < m && ilokg_is_digit(d[j])) {
                    y = y * 10 + (unsigned)(d[j++] - '0');
                }
                if (j - y0 == 4 && d1 <= 31 && d2 <= 31) {
                    char place[64], start[32], end[32];
                    snprintf(place, sizeof place, "%.*s", (int)(comma - q), q);
                    snprintf(start, sizeof start, "%04u-%02d-%02u", y % 10000u, mon, d1 % 100u);
                    snprintf(end, sizeof end, "%04u-%02d-%02u", y % 10000u, mon,
                             (d2 ? d2 : d1) % 100u);
                    if (!(st = set_meta(&doc->meta.place, place)) &&
                        !(st = set_meta(&doc->meta.start_date, start))) {
                        st = set_meta(&doc->meta.end_date, end);
                    }
                    have_date = 1;
                }
            }
        }
    }
    return st;
}
