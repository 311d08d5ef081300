/* SPDX-License-Identifier: Apache-2.0 */
/* Page furniture: page numbers and the running lines that carry them, found by the run of
 * numbers they make through a document. */
#include "read/furniture.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/hash.h"

/* A number that may be a page's, with the range that goes when it is: a number opening a line
 * before a word (glued), a line that is only a number, or one of the numbers of a line that may
 * be a running header or footer (key: that line with its numbers masked, and which number). */
typedef struct {
    size_t        at, len;
    unsigned long value;
    size_t        chain, prev; /* the run it ends: its length, the number before in it */
    uint64_t      key;         /* 0 for a number alone or glued */
    bool          whole;       /* the whole line goes */
    bool          paged;       /* a number alone next to a page break: a page's, run or not */
} cand;

/* The most a running line can hold (bytes, numbers): a header or footer is short. */
enum { RUNNING_MAX_BYTES = 120, RUNNING_MAX_NUMBERS = 8 };

/* Links each of c[0, n) (in document order) to the latest before it whose number is one less
 * and which is a page or more before, and marks (chain 0) the members of the longest run, when
 * it has three or more. */
static void
mark_run(cand *c, size_t n)
{
    size_t best = SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        c[k].chain = 1;
        c[k].prev  = SIZE_MAX;
        for (size_t j = k; j-- > 0;) {
            if (c[j].value + 1 == c[k].value && c[k].at - c[j].at >= ILOKG_PAGE_MIN_BYTES) {
                c[k].chain = c[j].chain + 1;
                c[k].prev  = j;
                break;
            }
        }
        if (best == SIZE_MAX || c[k].chain > c[best].chain) {
            best = k;
        }
    }
    if (best != SIZE_MAX && c[best].chain >= 3) {
        for (size_t k = best; k != SIZE_MAX; k = c[k].prev) {
            c[k].chain = 0;
        }
    }
    for (size_t k = 0; k < n; k++) {
        c[k].chain = c[k].paged ? 0 : c[k].chain;
    }
}

static ilokg_status
add(cand **c, size_t *cap, size_t *n, cand x)
{
    ilokg_status st = ilokg_grow(c, cap, *n, sizeof **c);
    if (!st) {
        (*c)[(*n)++] = x;
    }
    return st;
}

/* The line s[b, e) (trimmed) with its numbers masked: its hash, its numbers (the first
 * RUNNING_MAX_NUMBERS; *n_nums counts them all) and whether it has a letter. */
static uint64_t
masked_line(const char *s, size_t b, size_t e, unsigned long *nums, size_t *n_nums, bool *letter)
{
    uint64_t h = ILOKG_HASH_SEED;
    *n_nums    = 0;
    *letter    = false;
    for (size_t i = b; i < e;) {
        if (ilokg_is_digit(s[i])) {
            unsigned long v = 0;
            size_t        d = 0;
            for (; i < e && ilokg_is_digit(s[i]); i++, d++) {
                v = d < 9 ? v * 10 + (unsigned long)(s[i] - '0') : v;
            }
            if (*n_nums < RUNNING_MAX_NUMBERS) {
                nums[*n_nums] = v;
            }
            (*n_nums)++;
            h = ilokg_hash_bytes(h, "#", 1);
            continue;
        }
        if (s[i] == ' ' || s[i] == '\t') { /* any run of blanks is one space */
            while (i < e && (s[i] == ' ' || s[i] == '\t')) {
                i++;
            }
            h = ilokg_hash_bytes(h, " ", 1);
            continue;
        }
        *letter = *letter || ilokg_is_alpha(s[i]);
        h       = ilokg_hash_bytes(h, s + i, 1);
        i++;
    }
    return h;
}

/* The line s[b, e) (trimmed) as candidates: one per number, keyed by the line with every number
 * masked and the number's rank, into *runs; and, when it is at a page's edge (edge), the line
 * itself keyed by its masked text into *edges. The whole line, s[line, line_end) without its
 * line end, goes when they do. */
static ilokg_status
add_line(cand **runs, size_t *cap_runs, size_t *n_runs, cand **edges, size_t *cap_edges,
         size_t *n_edges, const char *s, size_t b, size_t e, size_t line, size_t line_end,
         bool edge)
{
    unsigned long nums[RUNNING_MAX_NUMBERS];
    size_t        n_nums = 0;
    bool          letter = false;
    uint64_t      h      = masked_line(s, b, e, nums, &n_nums, &letter);
    ilokg_status  st     = ILOKG_OK;
    if (!letter) {
        return ILOKG_OK;
    }
    for (size_t k = 0; !st && n_nums <= RUNNING_MAX_NUMBERS && k < n_nums; k++) {
        st = add(runs, cap_runs, n_runs,
                 (cand){line, line_end - line, nums[k], 1, SIZE_MAX, (h ^ k) | 1, true, false});
    }
    if (!st && edge) {
        st = add(edges, cap_edges, n_edges,
                 (cand){line, line_end - line, 0, 1, SIZE_MAX, h | 1, true, false});
    }
    return st;
}

static bool
is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f';
}

/* A whole line of furniture goes with the blank lines around it and its page break, so that the
 * text flows on from the last line of a page to the first of the next, as a paragraph or a list
 * item that a page cuts in two does: the line end of the last text line before stays, the next
 * text line starts where the cut ends. With blank lines on both sides it stood between two
 * paragraphs: only the line goes, and the paragraph break stays. */
static ilokg_cut
with_blank_lines(const char *s, size_t n, size_t at, size_t len)
{
    size_t b = at, e = at + len, nl_before = 0, nl_after = 0;
    for (size_t k = b; k > 0 && (is_blank_byte(s[k - 1]) || s[k - 1] == '\n'); k--) {
        nl_before += s[k - 1] == '\n';
    }
    for (size_t k = e; k < n && (is_blank_byte(s[k]) || s[k] == '\n'); k++) {
        nl_after += s[k] == '\n';
    }
    if (nl_before >= 2 && nl_after >= 2) {
        return (ilokg_cut){at, len}; /* between two paragraphs: the break stays */
    }
    while (b > 0 && (is_blank_byte(s[b - 1]) || s[b - 1] == '\n')) {
        b--;
    }
    while (b < at && s[b] != '\n') { /* keep the text line's own line end */
        b++;
    }
    b += b < at && s[b] == '\n';
    while (e < n && (is_blank_byte(s[e]) || s[e] == '\n')) {
        e++;
    }
    while (e > at + len && s[e - 1] != '\n' && s[e - 1] != '\f') { /* keep the indentation */
        e--;
    }
    return (ilokg_cut){b, e - b};
}

static ilokg_status
add_cut(ilokg_cut **cuts, size_t *cap, size_t *n, ilokg_cut c)
{
    ilokg_status st = ilokg_grow(cuts, cap, *n, sizeof **cuts);
    if (!st) {
        (*cuts)[(*n)++] = c;
    }
    return st;
}

static int
cmp_key_at(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->key != b->key) {
        return a->key < b->key ? -1 : 1;
    }
    return (a->at > b->at) - (a->at < b->at);
}

static int
cmp_cut(const void *x, const void *y)
{
    const ilokg_cut *a = x, *b = y;
    return (a->at > b->at) - (a->at < b->at);
}

/* The candidates of every line: numbers glued or alone into *nums, running lines into *runs,
 * lines at a page's edge (the first after a form feed, the last before one) into *edges. */
static ilokg_status
collect(cand **nums, size_t *n_nums, cand **runs, size_t *n_runs, cand **edges, size_t *n_edges,
        const char *s, size_t n)
{
    size_t       cap_nums = 0, cap_runs = 0, cap_edges = 0;
    ilokg_status st     = ILOKG_OK;
    bool         has_ff = n > 0 && memchr(s, '\f', n) != NULL;
    for (size_t i = 0; !st && i < n;) {
        size_t e = i;
        while (e < n && s[e] != '\n' && s[e] != '\r' && s[e] != '\f') {
            e++;
        }
        size_t b = i, t = e;
        while (b < t && (s[b] == ' ' || s[b] == '\t')) {
            b++;
        }
        while (t > b && (s[t - 1] == ' ' || s[t - 1] == '\t')) {
            t--;
        }
        size_t        d = 0;
        unsigned long v = 0;
        while (b + d < t && d < 4 && ilokg_is_digit(s[b + d])) {
            v = v * 10 + (unsigned long)(s[b + d] - '0');
            d++;
        }
        size_t f = e; /* the next byte that is not blank */
        while (f < n && (s[f] == '\n' || s[f] == '\r' || s[f] == ' ' || s[f] == '\t')) {
            f++;
        }
        bool paged = b < t && ((f < n && s[f] == '\f') || (i > 0 && s[i - 1] == '\f'));
        if (d >= 1 && d <= 3 && b + d == t) { /* a line that is only a number */
            /* Next to a page break (a form feed), it is a page's number whatever the others. */
            st = add(nums, &cap_nums, n_nums, (cand){i, e - i, v, 1, SIZE_MAX, 0, true, paged});
        } else if (b == i && d >= 1 && d <= 3 && i + d + 1 < e && s[i + d] == ' ' &&
                   s[i + d + 1] != ' ' && (!has_ff || (i > 0 && s[i - 1] == '\f'))) {
            /* "2 Operational Conclusions": glued to a word; where form feeds say where pages
             * start, only at a page's start ("Outcome" / "9 strategy indicators" in the middle
             * of a page is text) */
            st = add(nums, &cap_nums, n_nums, (cand){i, d + 1, v, 1, SIZE_MAX, 0, false, false});
        }
        if (!st && t - b > 3 && t - b <= RUNNING_MAX_BYTES) {
            st =
                add_line(runs, &cap_runs, n_runs, edges, &cap_edges, n_edges, s, b, t, i, e, paged);
        }
        i = e < n ? e + 1 : e;
    }
    return st;
}

ilokg_status
ilokg_find_furniture(ilokg_cut **out, size_t *n_out, const char *s, size_t n)
{
    cand        *nums = NULL, *runs = NULL, *edges = NULL;
    size_t       n_nums = 0, n_runs = 0, n_edges = 0, cap = 0, nc = 0;
    ilokg_cut   *cuts = NULL;
    ilokg_status st   = collect(&nums, &n_nums, &runs, &n_runs, &edges, &n_edges, s, n);
    *out              = NULL;
    *n_out            = 0;
    if (!st) {
        mark_run(nums, n_nums);
        if (n_runs > 1) { /* runs is NULL when there are none */
            qsort(runs, n_runs, sizeof *runs, cmp_key_at);
        }
    }
    for (size_t g = 0, h; !st && g < n_runs; g = h) {
        for (h = g + 1; h < n_runs && runs[h].key == runs[g].key; h++) {
        }
        if (h - g >= 3) {
            mark_run(runs + g, h - g);
        }
    }
    /* A line at three page edges or more, the same but for its numbers, is a running header or
     * footer, whether or not a number of it runs: the form feeds say where the pages are. */
    if (!st && n_edges > 1) {
        qsort(edges, n_edges, sizeof *edges, cmp_key_at);
    }
    for (size_t g = 0, h; !st && g < n_edges; g = h) {
        for (h = g + 1; h < n_edges && edges[h].key == edges[g].key; h++) {
        }
        for (size_t k = g; h - g >= 3 && k < h; k++) {
            edges[k].chain = 0;
        }
    }
    for (size_t k = 0; !st && k < n_nums + n_runs + n_edges; k++) {
        const cand *c = k < n_nums            ? &nums[k]
                        : k < n_nums + n_runs ? &runs[k - n_nums]
                                              : &edges[k - n_nums - n_runs];
        if (!c->chain) {
            st = add_cut(&cuts, &cap, &nc,
                         c->whole ? with_blank_lines(s, n, c->at, c->len)
                                  : (ilokg_cut){c->at, c->len});
        }
    }
    if (!st && nc > 1) {
        /* In document order, one range where a line's numbers, or a number and its line, meet. */
        qsort(cuts, nc, sizeof *cuts, cmp_cut);
        size_t m = 0;
        for (size_t k = 0; k < nc; k++) {
            if (m && cuts[k].at <= cuts[m - 1].at + cuts[m - 1].len) {
                size_t end = cuts[k].at + cuts[k].len, prev = cuts[m - 1].at + cuts[m - 1].len;
                cuts[m - 1].len = (end > prev ? end : prev) - cuts[m - 1].at;
            } else {
                cuts[m++] = cuts[k];
            }
        }
        nc = m;
    }
    free(nums);
    free(runs);
    free(edges);
    if (st) {
        free(cuts);
        return st;
    }
    *out   = cuts;
    *n_out = nc;
    return ILOKG_OK;
}

/* The next line of s[0, n) from i: its text [*b, *t) trimmed of blanks, and where the line after
 * it starts. */
static size_t
next_line(const char *s, size_t n, size_t i, size_t *b, size_t *t)
{
    size_t e = i;
    while (e < n && s[e] != '\n') {
        e++;
    }
    *b = i;
    *t = e;
    while (*b < *t && is_blank_byte(s[*b])) {
        (*b)++;
    }
    while (*t > *b && is_blank_byte(s[*t - 1])) {
        (*t)--;
    }
    return e < n ? e + 1 : e;
}

bool
ilokg_double_spaced(const char *s, size_t n)
{
    size_t lines = 0, single = 0, goes_on = 0, blanks = 0;
    size_t prev_t = 0; /* where the last line of text ended, 0 before the first */
    for (size_t i = 0; i < n;) {
        size_t b, t;
        i = next_line(s, n, i, &b, &t);
        if (b == t) {
            blanks++;
            continue;
        }
        lines++;
        if (prev_t && blanks == 1) {
            single++;
            char last = s[prev_t - 1];
            goes_on += (ilokg_is_alpha(last) || last == ',') && s[b] >= 'a' && s[b] <= 'z';
        }
        prev_t = t;
        blanks = 0;
    }
    return lines >= 20 && 2 * single > lines - 1 && 10 * goes_on > 3 * single;
}
