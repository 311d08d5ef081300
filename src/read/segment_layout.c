/* SPDX-License-Identifier: Apache-2.0 */
/* The first pass: the layout (a margin column of headings, a two-column table, a brochure)
 * read line by line into parts, sections and paragraphs of the flow. */
#include "read/segment_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "read/segment_lex.h"

ilokg_status
ilokg_seg_index_lines(reader *r)
{
    size_t cap = 0;
    size_t i   = 0;
    while (i <= r->t->len) {
        size_t e = i;
        while (e < r->t->len && r->t->ptr[e] != '\n') {
            e++;
        }
        ilokg_status st = ilokg_grow(&r->lines, &cap, r->n_lines, sizeof *r->lines);
        if (st) {
            return st;
        }
        line *l = &r->lines[r->n_lines++];
        l->s = l->ts = i;
        l->e = l->te = e;
        ilokg_seg_trim(r->t->ptr, &l->ts, &l->te);
        l->blank  = l->ts == l->te;
        l->nchars = ilokg_utf8_count(r->t->ptr + l->ts, l->te - l->ts);
        /* A tab with text on both sides: a table row. */
        const char *tab = memchr(r->t->ptr + l->ts, '\t', l->te - l->ts);
        l->tabbed       = tab != NULL;
        if (e == r->t->len) {
            break;
        }
        i = e + 1;
    }
    return ILOKG_OK;
}

/* Length in characters of the first word at p with what is glued to it ("(Geneva,", "2022/23",
 * "'better"): what had to fit on the line before for the text to go on there. */
static size_t
token_len(const char *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && !ilokg_is_ws(p[i]); i++) {
        k += ((unsigned char)p[i] & 0xC0) != 0x80;
    }
    return k;
}

/* Whether the word at w (n bytes: the rest of its line) fits after a line of used characters
 * wrapped at wrap, with slack characters to spare (proportional type): when it does, the line
 * was not full, and its break was no wrap. */
static int
room_after(size_t used, const char *w, size_t n, size_t slack, size_t wrap)
{
    return used + 1 + token_len(w, n) + slack < wrap;
}

/* Letters of [s,e) lower-cased, everything else dropped: "Strat\tregic Orientations" and
 * "Strategic Orientations" compare on their letters. */
static size_t
letters_key(const char *p, size_t s, size_t e, char *out, size_t max)
{
    size_t k = 0;
    for (size_t i = s; i < e && k + 1 < max; i++) {
        if (ilokg_is_alpha(p[i])) {
            out[k++] = ilokg_to_lower(p[i]);
        }
    }
    out[k] = '\0';
    return k;
}

static int
is_roman_heading(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && i < 5 && (p[i] == 'I' || p[i] == 'V' || p[i] == 'X')) {
        i++;
    }
    return i > 0 && i + 2 < n && p[i] == '.' && p[i + 1] == ' ' && ilokg_is_upper(p[i + 2]) &&
           p[n - 1] != '.' && n < 120;
}

static int
is_all_caps(const char *p, size_t n)
{
    size_t up = 0, low = 0, words = 1;
    for (size_t i = 0; i < n; i++) {
        up += ilokg_is_upper(p[i]);
        low += ilokg_is_lower(p[i]);
        words += p[i] == ' ';
    }
    return up >= 8 && words >= 2 && low * 10 <= up && n < 160;
}

static int
is_all_caps_word(const char *p, size_t n)
{
    size_t up = 0;
    for (size_t i = 0; i < n; i++) {
        if (ilokg_is_lower(p[i])) {
            return 0;
        }
        up += ilokg_is_upper(p[i]);
    }
    return up >= 4;
}

/* Part headings of the genre. They also come back as running page headers, which is why the
 * same part named again is skipped, not opened twice. */
static int
is_part_heading(reader *r, size_t s, size_t e, layout lay)
{
    char   key[256];
    size_t k = letters_key(r->t->ptr, s, e, key, sizeof key);
    if (k == 0 || k > 200) {
        return 0;
    }
    if (!strcmp(key, "generalconclusions") || !strcmp(key, "issuesaddressedintechnicalmeetings") ||
        !strcmp(key, "operationalconclusions")) {
        return 1;
    }
    if (!strncmp(key, "strat", 5) && strstr(key, "orientationsfor") && strstr(key, "cooperation")) {
        return 1;
    }
    if (lay == LAYOUT_FLOW) {
        size_t ts = s, te = e;
        ilokg_seg_trim(r->t->ptr, &ts, &te);
        const char *p = r->t->ptr + ts;
        return is_roman_heading(p, te - ts) || is_all_caps(p, te - ts);
    }
    return 0;
}

static int
is_skip_line(const char *p, size_t n)
{
    return ilokg_seg_starts_word_ci(p, n, "photo") || ilokg_seg_starts_word_ci(p, n, "twitter") ||
           (n > 4 && (!strncmp(p, "http", 4) || !strncmp(p, "<http", 5) || !strncmp(p, "www.", 4) ||
                      !strncmp(p, "mailto:", 7)));
}

/* A line opening with a year-like number ("1900. ") right after the line of item 1899: an item
 * of a long list, not a year ending a sentence. */
static int
year_continues_count(const char *p, const line *L, const line *P)
{
    size_t len = 0;
    long   v   = ilokg_seg_number_at(p + L->ts, L->te - L->ts, &len);
    return v >= 1900 && v <= 2099 && P && !P->blank &&
           ilokg_seg_number_at(p + P->ts, P->te - P->ts, &len) + 1 == v;
}

/* A date or a period on its own ("June 2022", "3-4 May 2021", "2019-2022"): the end of a
 * sentence cut by the page or a table cell, not a heading. */
static int
is_date_text(const char *p, size_t n)
{
    int digits = 0;
    for (size_t i = 0; i < n;) {
        size_t wl = ilokg_seg_word_len(p + i, n - i);
        if (wl && ilokg_is_alpha(p[i])) {
            if (!ilokg_seg_month_at(p + i, wl)) {
                return 0;
            }
            i += wl;
        } else if (ilokg_is_digit(p[i])) {
            digits = 1;
            i++;
        } else if (ilokg_is_ws(p[i]) || p[i] == '-' || p[i] == ',' || p[i] == '/') {
            i++;
        } else if ((unsigned char)p[i] == 0xE2 && i + 2 < n) {
            i += 3; /* an en dash */
        } else {
            return 0;
        }
    }
    return digits;
}

/* A figure ("Total budget EUR 7.5 million", "45 %"): a table cell, not a heading. */
static int
is_figure_text(const char *p, size_t n)
{
    static const char *const units[] = {"million", "billion", "eur", "usd", "chf", "%"};
    int                      digit   = 0;
    for (size_t i = 0; i < n; i++) {
        digit |= ilokg_is_digit(p[i]);
    }
    for (size_t i = 0; digit && i < n; i++) {
        if (i > 0 && ilokg_seg_is_word_char(p[i - 1]) && p[i] != '%') {
            continue;
        }
        for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
            if (ilokg_seg_starts_word_ci(p + i, n - i, units[k])) {
                return 1;
            }
        }
    }
    return 0;
}

/* A table cell listing partners ("European Union, Finland", "European Commission, Government of
 * Flanders"): comma-separated names, each a known actor, a government or a single word. */
static int
is_name_list(const char *p, size_t n)
{
    if (!memchr(p, ',', n)) {
        return 0;
    }
    for (size_t i = 0; i < n;) {
        while (i < n && (p[i] == ' ' || p[i] == ',')) {
            i++;
        }
        size_t e = i;
        while (e < n && p[e] != ',') {
            e++;
        }
        size_t t = e;
        while (t > i && p[t - 1] == ' ') {
            t--;
        }
        if (t == i) {
            break;
        }
        int known = ilokg_seg_starts_word_ci(p + i, t - i, "government") ||
                    ilokg_seg_word_len(p + i, t - i) == t - i;
        for (size_t k = 0; !known && k < ilokg_n_actor_aliases; k++) {
            const char *a = ilokg_actor_aliases[k].phrase;
            known         = strlen(a) == t - i && ilokg_seg_starts_word_ci(p + i, t - i, a);
        }
        if (!known || !ilokg_is_upper(p[i])) {
            return 0;
        }
        i = e;
    }
    return 1;
}

/* A line that ends on a word that needs one after it ("and", "to", "of", "the"): whatever
 * follows goes on with it, so the next line opens no heading ("… its Centenary Initiative on
 * the" / "Future of Work"). */
static int
ends_open(const char *q, size_t n)
{
    static const char *const open_words[] = {" and", " or",    " to",   " of",   " the", " for",
                                             " in",  " on",    " with", " a",    " by",  " an",
                                             " its", " their", " from", " into", " at"};
    for (size_t w = 0; w < sizeof open_words / sizeof open_words[0]; w++) {
        size_t wl = strlen(open_words[w]);
        if (n > wl && !memcmp(q + n - wl, open_words[w], wl)) {
            return 1;
        }
    }
    return 0;
}

/* Text wrapped at wrap_chars (0: not known): line P closes no sentence and the first word of L
 * would not have fitted on it (within four characters: proportional type), so L goes on with
 * it ("... collaboration with the European" / "Fisheries"). */
static int
fills_line(const reader *r, const line *P, const line *L, size_t wrap_chars)
{
    const char *p = r->t->ptr;
    return wrap_chars && !P->blank && !P->tabbed && !strchr(".;:!?", p[P->te - 1]) &&
           !room_after(P->nchars, p + L->ts, L->te - L->ts, 4, wrap_chars);
}

/* A heading block of the margin column or of a brochure: 1-4 short lines ending before a blank
 * line, no sentence punctuation at the end, a capital first. */
static size_t
heading_block(reader *r, size_t i, size_t wrap_chars)
{
    line  *L = r->lines;
    size_t j = i, total = 0;
    int    all_tiny = 1;
    while (j < r->n_lines && !L[j].blank && j - i < 7) {
        total += L[j].nchars + 1;
        all_tiny &= L[j].nchars <= 20;
        if (L[j].nchars > 100 || L[j].tabbed) {
            return 0;
        }
        j++;
    }
    if (j == i || j - i > 6 || (j < r->n_lines && !L[j].blank)) {
        return 0;
    }
    const char *p     = r->t->ptr;
    char        first = p[L[i].ts];
    char        last  = p[L[j - 1].te - 1];
    mark_kind   mk;
    char        lab[8];
    /* A heading ends on no word that needs another ("Both organisations intend to"). */
    if (!ilokg_is_upper(first) || strchr(".;:,!?", last) ||
        ends_open(p + L[j - 1].ts, L[j - 1].te - L[j - 1].ts) ||
        ilokg_seg_marker_at(p + L[i].ts, L[i].te - L[i].ts, &mk, lab, sizeof lab)) {
        return 0;
    }
    int after_blank = i == 0 || L[i - 1].blank;
    if (!after_blank && (ends_open(p + L[i - 1].ts, L[i - 1].te - L[i - 1].ts) ||
                         fills_line(r, &L[i - 1], &L[i], wrap_chars))) {
        return 0;
    }
    /* An extraction that puts each paragraph on a line prints a heading straight under the
     * item or sentence that closes the section before it ("… for young people." / "Informal
     * Economy and Undeclared work" / blank). */
    int after_close = !after_blank && L[i - 1].te > L[i - 1].ts &&
                      strchr(".;:", p[L[i - 1].te - 1]) && j - i == 1;
    if (!(all_tiny || ((after_blank || after_close) && total <= 120))) {
        return 0;
    }
    /* The tail of a block of short lines ("European / Commission, / Government / of Flanders",
     * a column of names) is not a heading of its own; the short last line of a paragraph, or
     * one that ends a sentence or an item, is no such block. */
    if (!after_blank && L[i - 1].nchars <= 20 && L[i - 1].te > L[i - 1].ts &&
        !strchr(".;:", p[L[i - 1].te - 1]) &&
        (p[L[i - 1].te - 1] == ',' || i < 2 || L[i - 2].blank || L[i - 2].nchars <= 20)) {
        return 0;
    }
    /* Three or more lines, each opening with a capital: a column of names ("Cabo Verde",
     * "Ghana", ...), not a wrapped heading, whose later lines go on in lower case. */
    int capitals = 1;
    for (size_t x = i; x < j; x++) {
        capitals &= ilokg_is_upper(p[L[x].ts]) || (unsigned char)p[L[x].ts] >= 0x80;
    }
    if (capitals && j - i >= 3) {
        return 0;
    }
    /* Something must follow: a heading at the end of the document heads nothing. */
    size_t k = j;
    while (k < r->n_lines && L[k].blank) {
        k++;
    }
    if (k == r->n_lines) {
        return 0;
    }
    char   text[512];
    size_t tn = 0;
    for (size_t x = i; x < j; x++) {
        const char *dot = memchr(p + L[x].ts, '.', L[x].te - L[x].ts);
        if ((dot && dot + 1 < p + L[x].te && dot[1] == ' ') ||
            memchr(p + L[x].ts, '\xE2', L[x].te - L[x].ts) ||
            is_skip_line(p + L[x].ts, L[x].te - L[x].ts)) {
            return 0;
        }
        for (size_t c = L[x].ts; c < L[x].te && tn + 2 < sizeof text; c++) {
            if (!ilokg_is_ws(p[c]) || (tn && text[tn - 1] != ' ')) {
                text[tn++] = ilokg_is_ws(p[c]) ? ' ' : p[c];
            }
        }
        if (tn && text[tn - 1] != ' ') {
            text[tn++] = ' ';
        }
    }
    while (tn && text[tn - 1] == ' ') {
        tn--;
    }
    if (is_date_text(text, tn) || is_name_list(text, tn) || is_figure_text(text, tn)) {
        return 0;
    }
    return j - i;
}

static ilokg_status
set_part(reader *r, size_t s, size_t e)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    for (size_t i = s; i < e; i++) {
        char c = r->t->ptr[i];
        if (c == '*') {
            continue;
        }
        if (ilokg_is_ws(c)) {
            if (b.len && b.ptr[b.len - 1] != ' ' && ilokg_buf_addc(&b, ' ')) {
                ilokg_buf_free(&b);
                return ILOKG_ERR_NOMEM;
            }
        } else if (ilokg_buf_addc(&b, c)) {
            ilokg_buf_free(&b);
            return ILOKG_ERR_NOMEM;
        }
    }
    while (b.len && b.ptr[b.len - 1] == ' ') {
        b.ptr[--b.len] = '\0';
    }
    free(r->part);
    r->part      = ilokg_buf_detach(&b);
    r->body      = 1;
    r->part_open = 1;
    return r->part ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

/* Opens a section whose heading is the normalised text of the given line ranges. */
static ilokg_status
open_section(reader *r, const rng *parts, size_t n_parts)
{
    ilokg_doc   *doc = r->doc;
    ilokg_buf    b   = ILOKG_BUF_INIT;
    ilokg_status st =
        ilokg_grow(&doc->sections, &r->cap_sections, doc->n_sections, sizeof *doc->sections);
    for (size_t k = 0; !st && k < n_parts; k++) {
        for (size_t i = parts[k].s; !st && i < parts[k].e; i++) {
            char c = r->t->ptr[i];
            if (ilokg_is_ws(c)) {
                if (b.len && b.ptr[b.len - 1] != ' ') {
                    st = ilokg_buf_addc(&b, ' ');
                }
            } else {
                st = ilokg_buf_addc(&b, c);
            }
        }
        if (!st && b.len && b.ptr[b.len - 1] != ' ') {
            st = ilokg_buf_addc(&b, ' ');
        }
    }
    while (!st && b.len && b.ptr[b.len - 1] == ' ') {
        b.ptr[--b.len] = '\0';
    }
    if (st) {
        ilokg_buf_free(&b);
        return st;
    }
    ilokg_section *sec = &doc->sections[doc->n_sections];
    memset(sec, 0, sizeof *sec);
    sec->heading = ilokg_buf_detach(&b);
    sec->part    = r->part ? ilokg_strndup(r->part, strlen(r->part)) : NULL;
    sec->span    = ilokg_text_span(r->t, parts[0].s, parts[n_parts - 1].e);
    if (!sec->heading || (r->part && !sec->part)) {
        free(sec->heading);
        free(sec->part);
        return ILOKG_ERR_NOMEM;
    }
    r->section   = doc->n_sections++;
    r->body      = 1;
    r->part_open = 0;
    ilokg_seg_flow_end_para(&r->f);
    return ILOKG_OK;
}

/* Where a repeat of the flow's tail may end: the text from a line goes on over the next two
 * lines of its block, since a re-wrapped extraction breaks the repeated words differently from
 * the copy ("... common interest requiring" / "Consulting each other on issues of common
 * interest" / "requiring immediate attention"). */
static size_t
repeat_window(const reader *r, size_t e)
{
    const char *p = r->t->ptr;
    size_t      n = r->t->len;
    for (int lines = 0; lines < 2; lines++) {
        while (e < n && (p[e] == ' ' || p[e] == '\t' || p[e] == '\r')) {
            e++;
        }
        if (e == n || p[e] != '\n') {
            break;
        }
        size_t k = e + 1;
        while (k < n && p[k] != '\n') {
            k++;
        }
        size_t t = e + 1;
        while (t < k && ilokg_is_ws(p[t])) {
            t++;
        }
        if (t == k) {
            break; /* a blank line ends the block */
        }
        e = k;
    }
    return e;
}

/* Appends normalised [s,e) to the paragraph being built, or starts a new one. */
static ilokg_status
add_text(reader *r, size_t s, size_t e, int new_para)
{
    ilokg_seg_trim(r->t->ptr, &s, &e);
    if (s == e) {
        return ILOKG_OK;
    }
    ilokg_status st = ILOKG_OK;
    if (r->part_open && r->part_span.e > r->part_span.s && r->lay == LAYOUT_FLOW) {
        /* Text straight under a part heading ("III. Moving forward", "RESOLUTION ..."): the
         * part heads it as its section. */
        if ((st = open_section(r, &r->part_span, 1))) {
            return st;
        }
        new_para = 1;
    }
    ilokg_seg_drop_repeated_tail(&r->f, r->t->ptr + s, repeat_window(r, e) - s);
    if (new_para || !r->f.open) {
        st = ilokg_seg_flow_new_para(&r->f, r->section);
    } else if (r->f.buf.len && !ilokg_is_ws(r->f.buf.ptr[r->f.buf.len - 1])) {
        st = ilokg_seg_flow_put(&r->f, " ", 1, 0, 1);
    }
    if (!st) {
        st = ilokg_seg_flow_text(&r->f, r->t, s, e);
    }
    if (!st) {
        r->f.paras[r->f.n_paras - 1].fe = r->f.buf.len;
    }
    return st;
}

/* "Th 1. 2. 3. 4. 5." + "e ILO and ...": the numbers of a list printed in the margin were
 * merged into the first word of its lead-in. Returns the fragment's length and the numbers. */
static size_t
merged_numbers(const char *p, size_t n, unsigned *nums, size_t *n_nums)
{
    size_t i = 0;
    while (i < n && ilokg_is_alpha(p[i])) {
        i++;
    }
    size_t frag = i;
    if (frag == 0 || frag > 4 || i >= n || p[i] != ' ') {
        return 0;
    }
    *n_nums = 0;
    while (i < n) {
        while (i < n && p[i] == ' ') {
            i++;
        }
        if (i == n) {
            break;
        }
        unsigned v = 0;
        size_t   d = i;
        while (i < n && ilokg_is_digit(p[i]) && i - d < 3) {
            v = v * 10 + (unsigned)(p[i] - '0');
            i++;
        }
        if (i == d || i >= n || p[i] != '.' || *n_nums >= MAX_NUMS) {
            return 0;
        }
        nums[(*n_nums)++] = v;
        i++;
    }
    return *n_nums ? frag : 0;
}

/* A row with a heading merged into its text cell: "Building back better ... transition The
 * Commission and the ILO are ...". A capitalised sentence opener after a lower-case word with no
 * sentence end before it marks where the heading cell ended. */
static size_t
merged_heading(const char *p, size_t n)
{
    static const char *const openers[] = {"The ", "Both ", "Given ", "In ", "With "};
    for (size_t i = 10; i + 6 < n && i < 200; i++) {
        if (p[i] == '.' || p[i] == ':' || p[i] == ';') {
            return 0;
        }
        if (p[i] == ' ' && ilokg_is_lower(p[i - 1])) {
            for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++) {
                size_t ol = strlen(openers[k]);
                if (i + 1 + ol < n && !memcmp(p + i + 1, openers[k], ol) &&
                    ilokg_is_upper(p[i + 1 + ol])) {
                    return i;
                }
            }
        }
    }
    return 0;
}

/* No extraction wraps lines this long: a line over it is a whole paragraph, as extractions that
 * print one paragraph a line (pdftotext -raw, HTML-to-text) give. */
enum { UNWRAPPED_CHARS = 200 };

/* Width of a line as printed, in source bytes: a layout extraction's column gaps count. */
static size_t
line_width(const reader *r, const line *L)
{
    return L->te > L->s ? r->t->map[L->te - 1] + 1 - r->t->map[L->s] : 0;
}

/* The column a fixed-width layout (pdftotext -layout) is wrapped at: the widest line, provided
 * most lines come close to it; 0 for a layout with a paragraph a row. */
static size_t
table_wrap_cols(const reader *r)
{
    size_t widest = 0, n = 0, near = 0;
    for (size_t pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < r->n_lines; i++) {
            size_t w = line_width(r, &r->lines[i]);
            if (r->lines[i].blank || w > UNWRAPPED_CHARS) {
                continue;
            }
            if (pass == 0) {
                widest = w > widest ? w : widest;
            } else {
                n++;
                near += w * 10 >= widest * 8;
            }
        }
    }
    return n >= 20 && near * 2 >= n ? widest : 0;
}

/* Was the letter before lab ("a" before "b") printed inside the open paragraph, as a sub-list run
 * into its sentence ("... in particular regarding: a. Themes ...; b. The role ...")? Then a line
 * that opens with "b." is that sentence wrapped, not a new paragraph. */
static int
inline_letter_before(const reader *r, const char *lab)
{
    const flow *f = &r->f;
    if (!f->open || !f->n_paras || !ilokg_is_lower(lab[0]) || lab[0] == 'a' || lab[1]) {
        return 0;
    }
    char forms[3][6];
    snprintf(forms[0], sizeof forms[0], " %c. ", lab[0] - 1);
    snprintf(forms[1], sizeof forms[1], " (%c) ", lab[0] - 1);
    snprintf(forms[2], sizeof forms[2], " %c) ", lab[0] - 1);
    const char *text = f->buf.ptr + f->paras[f->n_paras - 1].fs;
    size_t      n    = f->buf.len - f->paras[f->n_paras - 1].fs;
    for (size_t k = 0; k < 3; k++) {
        size_t fl = strlen(forms[k]);
        for (size_t i = 0; i + fl <= n; i++) {
            if (!memcmp(text + i, forms[k], fl)) {
                return 1;
            }
        }
    }
    return 0;
}

/* In a wrapped layout a row of the text column goes on with the paragraph above it when that
 * line was full: the row's first word would not have fitted on it. */
static int
continues_wrapped(const reader *r, size_t li, size_t ts)
{
    const char *p = r->t->ptr;
    const line *L = &r->lines[li];
    mark_kind   mk;
    char        lab[8];
    if (!r->wrap_cols || li == 0 || r->lines[li - 1].blank ||
        (ilokg_seg_marker_at(p + ts, L->te - ts, &mk, lab, sizeof lab) &&
         !(mk == MARK_LETTER && inline_letter_before(r, lab)))) {
        return 0;
    }
    return !room_after(line_width(r, &r->lines[li - 1]), p + ts, L->te - ts, 4, r->wrap_cols);
}

static ilokg_status
read_table_line(reader *r, size_t li, size_t *after_part)
{
    line        *L  = &r->lines[li];
    const char  *p  = r->t->ptr;
    ilokg_status st = ILOKG_OK;
    if (!L->tabbed) {
        size_t mh = (*after_part && li <= *after_part + 2 && L->nchars > 60)
                        ? merged_heading(p + L->ts, L->te - L->ts)
                        : 0;
        if (mh) {
            rng h = {L->ts, L->ts + mh};
            if ((st = open_section(r, &h, 1))) {
                return st;
            }
            return add_text(r, L->ts + mh, L->te, 1);
        }
        /* An indented line of a layout extraction: the text column, its first cell empty; a
         * line at the margin after one wider than the heading column: a paragraph printed across
         * both columns. */
        const line *P    = li > 0 ? &r->lines[li - 1] : NULL;
        int         wide = L->ts <= L->s + 2 && P && !P->blank && !P->tabbed && P->ts <= P->s + 2 &&
                   P->nchars > 60;
        return add_text(r, L->ts, L->te,
                        !((L->ts > L->s + 2 || wide) && continues_wrapped(r, li, L->ts)));
    }
    /* Cells. */
    rng    cells[16];
    size_t nc = 0, s = L->s;
    for (size_t i = L->s; i <= L->e && nc < 16; i++) {
        if (i == L->e || p[i] == '\t') {
            size_t cs = s, ce = i;
            ilokg_seg_trim(p, &cs, &ce);
            cells[nc].s   = cs;
            cells[nc++].e = ce;
            s             = i + 1;
        }
    }
    size_t first = NONE, rest = NONE;
    for (size_t k = 0; k < nc; k++) {
        if (cells[k].s < cells[k].e) {
            if (first == NONE) {
                first = k;
            } else if (rest == NONE) {
                rest = k;
            }
        }
    }
    if (first == NONE) {
        ilokg_seg_flow_end_para(&r->f);
        return ILOKG_OK;
    }
    size_t rest_s = rest == NONE ? L->te : cells[rest].s;
    if (first > 0) {
        /* Empty first cell: a continuation row of the current section. */
        return add_text(r, cells[first].s, L->te, !continues_wrapped(r, li, cells[first].s));
    }
    rng       c0 = cells[0];
    unsigned  nums[MAX_NUMS];
    size_t    n_nums = 0, frag;
    mark_kind mk;
    char      lab[8];
    size_t    ml = ilokg_seg_marker_at(p + c0.s, c0.e - c0.s, &mk, lab, sizeof lab);
    if (ml && ml >= c0.e - c0.s) {
        /* "6.\tFacilitate ...": a marker alone in the first cell. */
        if ((st = add_text(r, c0.s, c0.e, 1))) {
            return st;
        }
        return rest == NONE ? ILOKG_OK : add_text(r, rest_s, L->te, 0);
    }
    if (rest != NONE && ilokg_is_lower(p[rest_s]) &&
        (frag = merged_numbers(p + c0.s, c0.e - c0.s, nums, &n_nums))) {
        if ((st = add_text(r, c0.s, c0.s + frag, 1))) {
            return st;
        }
        /* The word's two halves join without a space. */
        if ((st = ilokg_seg_flow_text(&r->f, r->t, rest_s, L->te))) {
            return st;
        }
        para *pp = &r->f.paras[r->f.n_paras - 1];
        pp->fe   = r->f.buf.len;
        memcpy(pp->nums, nums, n_nums * sizeof *nums);
        pp->n_nums = n_nums;
        return ILOKG_OK;
    }
    if (rest == NONE && c0.e - c0.s > 80) {
        /* A long first cell alone is text, not a heading. */
        return add_text(r, c0.s, c0.e, 1);
    }
    /* A heading cell printed over several rows beside one paragraph ("A sound" / "partnership"
     * beside "... a rich" / "cooperation on ..."): the rows extend one heading. */
    if (r->heading_row != NONE && li == r->heading_row + 1 && r->section != NONE &&
        (rest == NONE || ilokg_is_lower(p[c0.s]) || ilokg_is_lower(p[rest_s]) ||
         !r->heading_text_closed)) {
        ilokg_section *sec = &r->doc->sections[r->section];
        ilokg_buf      b   = ILOKG_BUF_INIT;
        if (ilokg_buf_printf(&b, "%s %.*s", sec->heading, (int)(c0.e - c0.s), p + c0.s)) {
            ilokg_buf_free(&b);
            return ILOKG_ERR_NOMEM;
        }
        free(sec->heading);
        sec->heading   = ilokg_buf_detach(&b);
        sec->span.end  = ilokg_text_span(r->t, c0.s, c0.e).end;
        r->heading_row = li;
        if (rest == NONE) {
            return ILOKG_OK;
        }
        r->heading_text_closed = strchr(".;:", p[L->te - 1]) != NULL;
        return add_text(r, rest_s, L->te, !ilokg_is_lower(p[rest_s]));
    }
    if ((st = open_section(r, &c0, 1))) {
        return st;
    }
    *after_part            = 0;
    r->heading_row         = li;
    r->heading_text_closed = rest == NONE || strchr(".;:", p[L->te - 1]) != NULL;
    return rest == NONE ? ILOKG_OK : add_text(r, rest_s, L->te, 1);
}

static int
is_unwrapped(const line *L)
{
    return !L->blank && L->nchars > UNWRAPPED_CHARS;
}

/* In one-paragraph-a-line text a heading has no blank line around it: a line of up to twelve
 * words that closes no sentence, opening with a capital, after a whole paragraph or a closed
 * sentence and before a whole paragraph or a list item ("Social protection", "Trade and labour,
 * International labour Standards"). */
static int
unwrapped_heading(reader *r, size_t i)
{
    const line *L = r->lines;
    const char *p = r->t->ptr;
    if (i == 0 || i + 1 >= r->n_lines || L[i].tabbed || L[i].nchars > 150 || L[i - 1].blank ||
        L[i + 1].blank) {
        return 0;
    }
    mark_kind mk;
    char      lab[8];
    size_t    n = L[i].te - L[i].ts;
    if (!ilokg_is_upper(p[L[i].ts]) || strchr(".;:,!?", p[L[i].te - 1]) ||
        ilokg_seg_marker_at(p + L[i].ts, n, &mk, lab, sizeof lab) || is_skip_line(p + L[i].ts, n) ||
        is_date_text(p + L[i].ts, n) || is_figure_text(p + L[i].ts, n)) {
        return 0;
    }
    size_t words = 1;
    for (size_t k = L[i].ts; k < L[i].te; k++) {
        words += p[k] == ' ';
    }
    int before = is_unwrapped(&L[i - 1]) || strchr(".;:", p[L[i - 1].te - 1]);
    int after =
        is_unwrapped(&L[i + 1]) ||
        ilokg_seg_marker_at(p + L[i + 1].ts, L[i + 1].te - L[i + 1].ts, &mk, lab, sizeof lab);
    return words <= 12 && before && after && is_unwrapped(&L[i - 1]) + is_unwrapped(&L[i + 1]);
}

/* A line in title case: every word of four letters or more opens with a capital, and there are
 * two such words or more ("Promoting Occupational Safety and Health (OSH)"). Running text has a
 * lower-case word of that length in nearly every line, so a title-case line that fills the
 * wrapping width is still a heading. */
static int
is_title_case(const char *q, size_t n)
{
    size_t caps = 0;
    for (size_t i = 0; i < n;) {
        size_t wl = ilokg_seg_word_len(q + i, n - i);
        if (wl == 0) {
            i++;
            continue;
        }
        if (wl >= 4 && ilokg_is_alpha(q[i])) {
            if (!ilokg_is_upper(q[i])) {
                return 0;
            }
            caps++;
        }
        i += wl;
    }
    return caps >= 2;
}

/* Does line j open with the first five words of line i: the end of a table row printed again
 * at the start of the next ("Consulting each other on issues of common" / "interest requiring" /
 * "Consulting each other on issues of common ..."), not a heading and its text? */
static int
repeated_next(const reader *r, size_t i, size_t j)
{
    const char *p = r->t->ptr;
    if (j >= r->n_lines || r->lines[j].blank) {
        return 0;
    }
    size_t a = r->lines[i].ts, ae = r->lines[i].te, b = r->lines[j].ts, be = r->lines[j].te;
    int    words = 0;
    while (words < 5) {
        while (a < ae && b < be && ilokg_to_lower(p[a]) == ilokg_to_lower(p[b]) && p[a] != ' ') {
            a++, b++;
        }
        int a_end = a == ae || p[a] == ' ', b_end = b == be || p[b] == ' ';
        if (!a_end || !b_end) {
            return 0;
        }
        words++;
        if (a == ae || b == be) {
            break;
        }
        a++, b++;
    }
    return words == 5;
}

/* In re-wrapped text with no blank line around headings, a heading is a run of up to four lines
 * after a closed sentence (or a blank line) that close no sentence themselves, opening with a
 * capital, whose last line has room left and ends on no word that needs one after it ("and",
 * "to", "of": the heading goes on), before a line opening with a capital ("… in the region." /
 * "Maritime, Fishing and" / "Shipbreaking Issues" / "The COVID-19 pandemic …"). Returns its
 * number of lines. */
static size_t
wrapped_heading(const reader *r, size_t i, size_t wrap_chars)
{
    const line *L = r->lines;
    const char *p = r->t->ptr;
    if (!wrap_chars || i == 0 || L[i].blank || !ilokg_is_upper(p[L[i].ts]) ||
        !(L[i - 1].blank || strchr(".;:", p[L[i - 1].te - 1]))) {
        return 0;
    }
    size_t total = 0;
    for (size_t k = i; k < r->n_lines && k < i + 4 && !L[k].blank && !L[k].tabbed; k++) {
        const char *q = p + L[k].ts;
        size_t      n = L[k].te - L[k].ts;
        mark_kind   mk;
        char        lab[8];
        const char *dot  = memchr(q, '.', n);
        const char *semi = memchr(q, ';', n);
        total += L[k].nchars + 1;
        if (strchr(".;:,!?", q[n - 1]) || (dot && dot + 1 < q + n && dot[1] == ' ') || semi ||
            total > 160 || ilokg_seg_marker_at(q, n, &mk, lab, sizeof lab)) {
            return 0; /* a sentence, a list, or too long for a heading */
        }
        const line *N = k + 1 < r->n_lines ? &L[k + 1] : NULL;
        if (!N || N->blank || !ilokg_is_upper(p[N->ts]) ||
            (!room_after(L[k].nchars, p + N->ts, N->te - N->ts, 1, wrap_chars) &&
             !is_title_case(p + L[i].ts, L[k].te - L[i].ts))) {
            continue;
        }
        if (!ends_open(q, n) && !repeated_next(r, i, k + 1)) {
            return k - i + 1;
        }
    }
    return 0;
}

/* A lead-in without a colon at the end of a line ("Both organisations intend to") and a line
 * opening with a capitalised verb ("Increase and support ..."): running text would go on in lower
 * case ("intend to increase"), so the capital opens the list's first item. */
static int
leadin_break(const reader *r, const line *P, const line *L)
{
    const char *p = r->t->ptr;
    if (!P || P->blank || !ilokg_is_upper(p[L->ts])) {
        return 0;
    }
    int gerund = 0;
    if (!ilokg_verb_lookup(p + L->ts, ilokg_seg_word_len(p + L->ts, L->te - L->ts), &gerund) ||
        gerund) {
        return 0;
    }
    for (size_t k = 0; k < ilokg_n_modal_phrases; k++) {
        size_t at;
        if (ilokg_seg_ends_phrase_ci(p + P->ts, P->te - P->ts, ilokg_modal_phrases[k].phrase,
                                     &at)) {
            return 1;
        }
    }
    return 0;
}

/* The column the text was wrapped at: the longest wrapped line, provided most lines come close
 * to it (a fixed-width extraction); 0 when the text is not wrapped that way. */
static size_t
wrap_width(const reader *r)
{
    size_t longest = 0, n = 0, near = 0;
    for (size_t i = 0; i < r->n_lines; i++) {
        const line *L = &r->lines[i];
        /* A line of one word (a web address) could not be wrapped: it says nothing of where the
         * others were. */
        if (!L->blank && !L->tabbed && L->nchars <= UNWRAPPED_CHARS && L->nchars > longest &&
            memchr(r->t->ptr + L->ts, ' ', L->te - L->ts)) {
            longest = L->nchars;
        }
    }
    for (size_t i = 0; i < r->n_lines; i++) {
        const line *L = &r->lines[i];
        if (!L->blank && !L->tabbed && L->nchars <= UNWRAPPED_CHARS) {
            n++;
            near += L->nchars * 10 >= longest * 8;
        }
    }
    return n >= 20 && near * 2 >= n ? longest : 0;
}

/* The last row of a part heading wrapped in a narrow heading column: a short word or two in lower
 * case alone at the margin ("Strategic Orientations for" / "ILO-EU Cooperation in the global" /
 * "agenda"), or, after a part heading printed as a table row ("Strat" / "regic Orientations for
 * … global"), in its text column, with a blank line or a capital after it, so that it is no
 * sentence going on. */
static int
part_goes_on(const reader *r, size_t j, bool any_column)
{
    const char *p = r->t->ptr;
    if (j >= r->n_lines) {
        return 0;
    }
    const line *M = &r->lines[j];
    const line *A = j + 1 < r->n_lines ? &r->lines[j + 1] : NULL;
    return !M->blank && !M->tabbed && (any_column || M->ts < M->s + 3) && M->nchars <= 20 &&
           ilokg_is_lower(p[M->ts]) && !strchr(".;:,", p[M->te - 1]) &&
           (!A || A->blank || ilokg_is_upper(p[A->ts]));
}

/* A part heading wrapped over three or four rows of a narrow heading column ("Strategic" /
 * "Orientations for" / "ILO-EU Cooperation" / "in the global agenda"): short rows at the margin
 * that close nothing, of which the first three or four, and not fewer, name a part. Returns the
 * number of rows, 0 when there is no such heading. */
static size_t
part_rows(reader *r, size_t i, layout lay)
{
    const char *p = r->t->ptr;
    for (size_t k = i; k < r->n_lines && k < i + 4; k++) {
        const line *M = &r->lines[k];
        if (M->blank || M->tabbed || M->ts >= M->s + 3 || M->nchars > 40 ||
            strchr(".;:,", p[M->te - 1])) {
            return 0;
        }
        if (k >= i + 2 && is_part_heading(r, r->lines[i].ts, M->te, lay)) {
            return k - i + 1;
        }
    }
    return 0;
}

/* Part headings. A part heading wrapped by a narrow extraction goes on on the next line, alone in
 * the heading column ("Strategic Orientations for ILO-EU Cooperation in" / "the global agenda",
 * "Issues addressed in technical" / "meetings"); an all-caps title over several lines is one
 * part. Returns 1 when line *i (with the next, then *i moves on) is a part heading, 2 when it
 * goes on with the part heading before it, 0 when it is neither. */
static int
read_part_line(reader *r, size_t *i, int prev_part, ilokg_status *st)
{
    const char *p    = r->t->ptr;
    layout      lay  = (layout)r->lay;
    const line *L    = &r->lines[*i];
    const line *N    = *i + 1 < r->n_lines ? &r->lines[*i + 1] : NULL;
    int wrapped_part = N && !N->blank && !N->tabbed && N->ts < N->s + 3 && N->nchars <= 40 &&
                       !strchr(".;:,", p[N->te - 1]) && L->nchars + N->nchars < 120 && !L->tabbed &&
                       !is_part_heading(r, N->ts, N->te, lay) &&
                       is_part_heading(r, L->ts, N->te, lay);
    size_t many = 0;
    if (!wrapped_part && !is_part_heading(r, L->ts, L->te, lay)) {
        many = part_rows(r, *i, lay);
    }
    if (many || wrapped_part || is_part_heading(r, L->ts, L->te, lay)) {
        int    tail = many ? (int)many - 1
                           : wrapped_part &&
                              (ilokg_is_lower(p[N->ts]) || !is_part_heading(r, L->ts, L->te, lay));
        size_t pe   = tail ? r->lines[*i + (size_t)tail].te : L->te;
        if ((tail || L->tabbed) && part_goes_on(r, *i + (size_t)tail + 1, L->tabbed)) {
            tail++;
            pe = r->lines[*i + (size_t)tail].te;
        }
        char key_new[256], key_old[256];
        letters_key(p, L->ts, many ? pe : L->te, key_new, sizeof key_new);
        letters_key(r->part ? r->part : "", 0, r->part ? strlen(r->part) : 0, key_old,
                    sizeof key_old);
        if (prev_part && lay == LAYOUT_FLOW && r->part && r->part_open) {
            r->part_span.e = pe;
            ilokg_buf b    = ILOKG_BUF_INIT;
            *st            = ilokg_buf_printf(&b, "%s %.*s", r->part, (int)(pe - L->ts), p + L->ts);
            if (!*st) {
                free(r->part);
                r->part = ilokg_buf_detach(&b);
            }
            ilokg_buf_free(&b);
        } else if (strcmp(key_new, key_old) != 0 &&
                   !(strstr(key_old, "orientationsfor") && strstr(key_new, "orientationsfor"))) {
            *st            = set_part(r, L->ts, pe);
            r->part_span.s = L->ts;
            r->part_span.e = pe;
        }
        ilokg_seg_flow_end_para(&r->f);
        *i += (size_t)tail;
        return 1;
    }
    if (prev_part && lay == LAYOUT_FLOW && r->part && r->part_open && L->nchars < 60 &&
        is_all_caps_word(p + L->ts, L->te - L->ts)) {
        ilokg_buf b = ILOKG_BUF_INIT;
        *st         = ilokg_buf_printf(&b, "%s %.*s", r->part, (int)(L->te - L->ts), p + L->ts);
        if (!*st) {
            free(r->part);
            r->part        = ilokg_buf_detach(&b);
            r->part_span.e = L->te;
        }
        ilokg_buf_free(&b);
        return 2;
    }
    return 0;
}

/* "Th 1. 2. 3." + "e ILO and the Commission intend to: …": the numbers of a list printed in the
 * margin, merged into the first word of its lead-in, on a line of their own when each cell of a
 * row gets a line. Returns 1 when lines i and i + 1 were read so. */
static int
read_margin_numbers(reader *r, size_t i, ilokg_status *st)
{
    const char *p = r->t->ptr;
    const line *L = &r->lines[i];
    unsigned    nums[MAX_NUMS];
    size_t      n_nums = 0, frag = 0;
    if (!(i + 1 < r->n_lines && !r->lines[i + 1].blank && ilokg_is_lower(p[r->lines[i + 1].ts]) &&
          (frag = merged_numbers(p + L->ts, L->te - L->ts, nums, &n_nums)))) {
        return 0;
    }
    const line *N = &r->lines[i + 1];
    if (!(*st = add_text(r, L->ts, L->ts + frag, 1)) &&
        !(*st = ilokg_seg_flow_text(&r->f, r->t, N->ts, N->te))) {
        para *pp = &r->f.paras[r->f.n_paras - 1];
        pp->fe   = r->f.buf.len;
        memcpy(pp->nums, nums, n_nums * sizeof *nums);
        pp->n_nums = n_nums;
    }
    return 1;
}

ilokg_status
ilokg_seg_read_layout(reader *r)
{
    /* A table layout shows as tabs on a good share of the lines; in a fixed-width layout the
     * rows of the text column beside an empty heading column are indented instead. */
    size_t n_tabbed = 0, n_text = 0, n_indented = 0;
    for (size_t i = 0; i < r->n_lines; i++) {
        const line *L = &r->lines[i];
        n_text += !L->blank;
        n_tabbed += !L->blank && memchr(r->t->ptr + L->s, '\t', L->e - L->s) != NULL;
        n_indented += !L->blank && !L->tabbed && L->ts >= L->s + 3;
    }
    layout lay =
        n_tabbed >= 2 && (n_tabbed + n_indented) * 100 >= n_text * 15 ? LAYOUT_TABLE : LAYOUT_FLOW;
    r->lay       = lay;
    r->wrap_cols = lay == LAYOUT_TABLE ? table_wrap_cols(r) : 0;
    /* In a document with parts, nothing before the first part is a section: the title block. */
    int has_parts = 0;
    for (size_t i = 0; i < r->n_lines && !has_parts; i++) {
        has_parts = !r->lines[i].blank && is_part_heading(r, r->lines[i].ts, r->lines[i].te, lay);
    }
    const char  *p          = r->t->ptr;
    ilokg_status st         = ILOKG_OK;
    size_t       after_part = 0;
    int          prev_part  = 0;
    size_t       wrap_chars = wrap_width(r);
    for (size_t i = 0; !st && i < r->n_lines; i++) {
        line *L = &r->lines[i];
        if (L->blank) {
            ilokg_seg_flow_end_para(&r->f);
            prev_part = 0;
            continue;
        }
        if (is_skip_line(p + L->ts, L->te - L->ts)) {
            continue;
        }
        int part = read_part_line(r, &i, prev_part, &st);
        if (part) {
            after_part = part == 1 ? i : after_part;
            prev_part  = part == 1 || prev_part;
            continue;
        }
        prev_part = 0;
        if (lay == LAYOUT_TABLE) {
            st = read_table_line(r, i, &after_part);
            continue;
        }
        size_t hb = (r->body || !has_parts) ? heading_block(r, i, wrap_chars) : 0;
        if (!hb && (r->body || !has_parts) && unwrapped_heading(r, i)) {
            hb = 1;
        }
        if (!hb && (r->body || !has_parts)) {
            hb = wrapped_heading(r, i, wrap_chars);
        }
        if (hb) {
            rng parts[8];
            for (size_t k = 0; k < hb; k++) {
                parts[k].s = r->lines[i + k].ts;
                parts[k].e = r->lines[i + k].te;
            }
            st = open_section(r, parts, hb);
            i += hb - 1;
            continue;
        }
        mark_kind mk;
        char      lab[8];
        int       marked = ilokg_seg_marker_at(p + L->ts, L->te - L->ts, &mk, lab, sizeof lab) != 0;
        if (read_margin_numbers(r, i, &st)) {
            i++;
            continue;
        }
        /* A whole paragraph on a line stands alone, unless it goes on in lower case (the rest
         * of a paragraph cut by a page break) or follows a marker printed on a line of its own
         * ("6." / "Facilitate contacts …"). */
        const line *P = i > 0 ? &r->lines[i - 1] : NULL;
        marked        = marked || year_continues_count(p, L, P);
        int after_marker =
            P && !P->blank &&
            ilokg_seg_marker_at(p + P->ts, P->te - P->ts, &mk, lab, sizeof lab) >= P->te - P->ts;
        int whole = (is_unwrapped(L) || (P && is_unwrapped(P))) && !ilokg_is_lower(p[L->ts]) &&
                    !after_marker;
        /* Wrapped text with no blank line between paragraphs: a line that closes a sentence
         * with room left for the next line's first word ended its paragraph ("6." alone closes
         * none). */
        int short_close = P && !P->blank && !P->tabbed && !after_marker &&
                          strchr(".:;", p[P->te - 1]) && ilokg_is_upper(p[L->ts]) && wrap_chars &&
                          room_after(P->nchars, p + L->ts, L->te - L->ts, 4, wrap_chars);
        st = add_text(r, L->ts, L->te, marked || whole || short_close || leadin_break(r, P, L));
    }
    ilokg_seg_flow_end_para(&r->f);
    return st;
}
