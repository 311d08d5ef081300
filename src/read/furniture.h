/* SPDX-License-Identifier: Apache-2.0 */
/* Page furniture an extraction leaves in the text: page numbers, glued to the first word of a
 * page or on a line of their own, and running header or footer lines that carry one. */
#ifndef ILOKG_FURNITURE_H
#define ILOKG_FURNITURE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/status.h"

/** A range of the source to drop: s[at, at + len). */
typedef struct {
    size_t at, len;
} ilokg_cut;

/** Pages are never this short: numbers closer together than this are not one per page. */
#define ILOKG_PAGE_MIN_BYTES 1000

/** The page furniture of s[0, n), as ranges to drop, sorted and disjoint (*out the caller's to
 *  free; NULL when none). What gives page furniture away is the run its numbers make: 1, 2, 3,
 *  ... through the document, a page or more apart, three or more of them (a number alone on
 *  the line before or after a page break, a form feed, needs no run); a line that repeats
 *  with such a number (a footer "Page 3 of 20", a running header "ILC106-PR12 ... 3") goes with
 *  its number. A dropped line goes with the blank lines and the page break around it, so that
 *  the text flows on from one page to the next (the line end of the last text line before it
 *  stays); a number glued to a page's first word goes with its space. ILOKG_ERR_NOMEM. */
ilokg_status ilokg_find_furniture(ilokg_cut **out, size_t *n_out, const char *s, size_t n);

/** Whether s[0, n) is double-spaced: a blank line after nearly every line, also inside a
 *  sentence (more than half of the lines apart by exactly one blank line, and more than 30 % of
 *  those go on a sentence: the line ends in a letter or a comma, the next starts in lower case;
 *  20 lines of text or more). One blank line there is a line break, two a paragraph break. A
 *  document of one-line paragraphs apart by blank lines goes on no sentence across them. */
bool ilokg_double_spaced(const char *s, size_t n);

#endif
