/* SPDX-License-Identifier: Apache-2.0 */
/* Small text tests the segmenter reads lines and units with: words, phrases at word
 * boundaries, item markers, month names. */
#include "read/segment_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/utf8.h"

int
ilokg_seg_is_word_char(char c)
{
    return ilokg_is_alpha(c) || ilokg_is_digit(c) || (unsigned char)c >= 0x80 || c == '-' ||
           c == '\'';
}

const char ilokg_seg_bullet[] = "\xE2\x80\xA2";

/* Case-insensitive: does p[0,n) start with word w (followed by a non-word character)? */
int
ilokg_seg_starts_word_ci(const char *p, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n < k) {
        return 0;
    }
    for (size_t i = 0; i < k; i++) {
        if (ilokg_to_lower(p[i]) != w[i]) {
            return 0;
        }
    }
    return n == k || !ilokg_seg_is_word_char(p[k]) || !ilokg_seg_is_word_char(w[k - 1]);
}

/* Case-insensitive: does p[0,n) end with phrase w, starting at a word boundary? */
int
ilokg_seg_ends_phrase_ci(const char *p, size_t n, const char *w, size_t *at)
{
    size_t k = strlen(w);
    if (n < k) {
        return 0;
    }
    const char *q = p + n - k;
    for (size_t i = 0; i < k; i++) {
        if (ilokg_to_lower(q[i]) != w[i]) {
            return 0;
        }
    }
    if (n > k && ilokg_seg_is_word_char(p[n - k - 1]) && ilokg_seg_is_word_char(w[0])) {
        return 0;
    }
    *at = n - k;
    return 1;
}

size_t
ilokg_seg_word_len(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n &&
           (ilokg_is_alpha(p[i]) || p[i] == '-' || p[i] == '\'' || (unsigned char)p[i] >= 0x80)) {
        i++;
    }
    return i;
}

void
ilokg_seg_trim(const char *p, size_t *s, size_t *e)
{
    while (*s < *e && ilokg_is_ws(p[*s])) {
        (*s)++;
    }
    while (*e > *s && ilokg_is_ws(p[*e - 1])) {
        (*e)--;
    }
}

int
ilokg_seg_is_year(const char *p, size_t n)
{
    return n == 4 && ((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0'));
}

long
ilokg_seg_number_at(const char *p, size_t n, size_t *len)
{
    size_t i = 0;
    long   v = 0;
    while (i < n && i < 6 && ilokg_is_digit(p[i])) {
        v = v * 10 + (p[i++] - '0');
    }
    if (!i || i >= n || p[i] != '.' || (i + 1 < n && !ilokg_is_ws(p[i + 1]))) {
        return -1;
    }
    for (*len = i + 1; *len < n && ilokg_is_ws(p[*len]); (*len)++) {
    }
    return v;
}

/* A printed item marker at p: "23.", "23)" before a capital, "(a)", "a.", "a)", "(iv)", a bullet,
 * a dash bullet.
 * Returns its length (including the following spaces) or 0; kind and the number or letter.
 * Numbers have up to six digits (three lost items 1000 on of a long list without a word), but
 * one from 1900 to 2099 is a year ending a sentence at the start of a wrapped line ("... by
 * the end of\n2018. The Office ..."), unless it continues a list (segment_items.c). */

size_t
ilokg_seg_marker_at(const char *p, size_t n, mark_kind *kind, char *label, size_t label_max)
{
    size_t i = 0;
    *kind    = MARK_NONE;
    label[0] = '\0';
    if (n >= 3 && !memcmp(p, ilokg_seg_bullet, 3)) {
        i     = 3;
        *kind = MARK_BULLET;
    } else if (n >= 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ') {
        i     = 1;
        *kind = MARK_BULLET;
    } else if (ilokg_is_digit(p[0])) {
        while (i < n && i < 6 && ilokg_is_digit(p[i])) {
            i++;
        }
        if (i >= n || (p[i] != '.' && p[i] != ')') || (i + 1 < n && !ilokg_is_ws(p[i + 1])) ||
            ilokg_seg_is_year(p, i)) {
            return 0;
        }
        /* "3)" numbers an item too, but a wrapped line can open with the end of "(No. 81)": that
         * one goes on in lower case, an item starts with a capital. */
        if (p[i] == ')') {
            size_t j = i + 1;
            while (j < n && ilokg_is_ws(p[j])) {
                j++;
            }
            if (j >= n || !ilokg_is_upper(p[j])) {
                return 0;
            }
        }
        if (i + 1 < label_max) {
            memcpy(label, p, i);
            label[i] = '\0';
        }
        i++;
        *kind = MARK_NUMBER;
    } else if (p[0] == '(' && n >= 3) {
        size_t j = 1;
        while (j < n && j < 6 && ilokg_is_lower(p[j])) {
            j++;
        }
        if (j == 1 || j >= n || p[j] != ')') {
            return 0;
        }
        /* One letter, or a small roman numeral. */
        int roman = 1;
        for (size_t k = 1; k < j; k++) {
            roman &= p[k] == 'i' || p[k] == 'v' || p[k] == 'x';
        }
        if (j > 2 && !roman) {
            return 0;
        }
        if (j - 1 < label_max) {
            memcpy(label, p + 1, j - 1);
            label[j - 1] = '\0';
        }
        i     = j + 1;
        *kind = MARK_LETTER;
    } else if (ilokg_is_lower(p[0]) && n >= 3 && (p[1] == '.' || p[1] == ')') &&
               ilokg_is_ws(p[2])) {
        label[0] = p[0];
        label[1] = '\0';
        i        = 2;
        *kind    = MARK_LETTER;
    } else {
        return 0;
    }
    while (i < n && ilokg_is_ws(p[i])) {
        i++;
    }
    /* A dash bullet followed by a letter marker: "- (a)", "- a." is the letter's item. */
    if (*kind == MARK_BULLET && i < n) {
        mark_kind k2;
        char      l2[8];
        size_t    m2 = ilokg_seg_marker_at(p + i, n - i, &k2, l2, sizeof l2);
        if (m2 && k2 == MARK_LETTER) {
            *kind = MARK_LETTER;
            snprintf(label, label_max, "%s", l2);
            return i + m2;
        }
    }
    return i;
}

const char *const ilokg_seg_months[12] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};

int
ilokg_seg_month_at(const char *p, size_t n)
{
    size_t wl = ilokg_seg_word_len(p, n);
    for (int m = 0; m < 12; m++) {
        if (wl == strlen(ilokg_seg_months[m]) &&
            ilokg_seg_starts_word_ci(p, n, ilokg_seg_months[m])) {
            return m + 1;
        }
    }
    return 0;
}
