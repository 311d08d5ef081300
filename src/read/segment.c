/* SPDX-License-Identifier: Apache-2.0 */
/* Document structure from damaged PDF text: header facts, parts, sections, and the commitments
 * that lead-in sentences ("The ILO and the Commission will:") introduce.
 *
 * Two passes. The first reads the layout (a margin column of headings, a two-column table, or a
 * brochure) into paragraphs of one "flow" text with a map back to the normalised text, skipping
 * repeated page headers and repairing cell-level damage (item numbers merged into a word, text
 * repeated by the extraction). The second reads the flow unit by unit (clauses ended by ';', ':'
 * or a sentence end) and decides, as a reader would, where each action item starts and ends. */
#include "read/segment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "read/segment_lex.h"
#include "util/utf8.h"

#define NONE SIZE_MAX
#define MAX_NUMS 16

/* ---- small text helpers ---------------------------------------------------------------- */

static int
is_word_char(char c)
{
    return ilokg_is_alpha(c) || ilokg_is_digit(c) || (unsigned char)c >= 0x80 || c == '-' || c == '\'';
}

static const char BULLET[] = "\xE2\x80\xA2";

/* Case-insensitive: does p[0,n) start with word w (followed by a non-word character)? */
static int
starts_word_ci(const char *p, size_t n, const char *w)
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
    return n == k || !is_word_char(p[k]) || !is_word_char(w[k - 1]);
}

/* Case-insensitive: does p[0,n) end with phrase w, starting at a word boundary? */
static int
ends_phrase_ci(const char *p, size_t n, const char *w, size_t *at)
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
    if (n > k && is_word_char(p[n - k - 1]) && is_word_char(w[0])) {
        return 0;
    }
    *at = n - k;
    return 1;
}

static size_t
word_len(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && (ilokg_is_alpha(p[i]) || p[i] == '-' || p[i] == '\'' ||
                     (unsigned char)p[i] >= 0x80)) {
        i++;
    }
    return i;
}

/* ---- the flow: paragraphs of text in reading order ------------------------------------- */

typedef struct {
    size_t   fs, fe;    /* range in the flow */
    size_t   section;   /* index into doc->sections, NONE before the first */
    unsigned nums[MAX_NUMS]; /* item numbers printed apart from their items */
    size_t   n_nums;
    int      skip;      /* an interjection (call-out) inside an item: not read */
} para;

typedef struct {
    ilokg_buf buf;
    size_t   *nmap, *nend; /* flow byte -> normalised start / end */
    size_t    cap_map, cap_end;
    para     *paras;
    size_t    n_paras, cap_paras;
    int       open;     /* the last paragraph may still grow */
} flow;

static ilokg_status
flow_put(flow *f, const char *p, size_t len, size_t nstart, int synthetic)
{
    ilokg_status st = ilokg_buf_add(&f->buf, p, len);
    for (size_t i = 0; !st && i < len; i++) {
        size_t at = f->buf.len - len + i;
        if (!(st = ilokg_grow(&f->nmap, &f->cap_map, at + 1, sizeof *f->nmap)) &&
            !(st = ilokg_grow(&f->nend, &f->cap_end, at + 1, sizeof *f->nend))) {
            if (synthetic) {
                size_t prev  = at ? f->nend[at - 1] : 0;
                f->nmap[at] = prev;
                f->nend[at] = prev;
            } else {
                f->nmap[at] = nstart + i;
                f->nend[at] = nstart + i + 1;
            }
        }
    }
    return st;
}

static ilokg_status
flow_text(flow *f, const ilokg_text *t, size_t s, size_t e)
{
    return flow_put(f, t->ptr + s, e - s, s, 0);
}

static ilokg_status
flow_new_para(flow *f, size_t section)
{
    ilokg_status st = ILOKG_OK;
    if (f->buf.len && (st = flow_put(f, "\n", 1, 0, 1))) {
        return st;
    }
    if ((st = ilokg_grow(&f->paras, &f->cap_paras, f->n_paras, sizeof *f->paras))) {
        return st;
    }
    para *p    = &f->paras[f->n_paras++];
    p->fs      = f->buf.len;
    p->fe      = f->buf.len;
    p->section = section;
    f->open    = 1;
    return ILOKG_OK;
}

static void
flow_end_para(flow *f)
{
    if (f->n_paras) {
        f->paras[f->n_paras - 1].fe = f->buf.len;
    }
    f->open = 0;
}

/* Lower-cased word sequence helpers for the duplicate check. */
typedef struct {
    size_t s, e;
} rng;

static size_t
split_words(const char *p, size_t n, rng *out, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        while (i < n && ilokg_is_ws(p[i])) {
            i++;
        }
        size_t s = i;
        while (i < n && !ilokg_is_ws(p[i])) {
            i++;
        }
        if (i > s) {
            out[k].s   = s;
            out[k++].e = i;
        }
    }
    return k;
}

static int
same_word(const char *a, rng x, const char *b, rng y)
{
    /* Trailing punctuation does not make two words differ. */
    while (x.e > x.s && strchr(",;:.", a[x.e - 1])) {
        x.e--;
    }
    while (y.e > y.s && strchr(",;:.", b[y.e - 1])) {
        y.e--;
    }
    if (x.e - x.s != y.e - y.s) {
        return 0;
    }
    for (size_t i = 0; i < x.e - x.s; i++) {
        if (ilokg_to_lower(a[x.s + i]) != ilokg_to_lower(b[y.s + i])) {
            return 0;
        }
    }
    return 1;
}

/* The extraction sometimes prints the end of a table row again at the start of the next one
 * ("... requiring" / "Consulting each other ... requiring immediate attention"), at times with
 * a different spelling ("fastering ... group transition" / "and fostering ... green
 * transition"). When the new text starts with (nearly) the words the flow ends with, the flow
 * drops its copy: the text is counted once. */
static void
drop_repeated_tail(flow *f, const char *next, size_t n)
{
    enum { MAXW = 160 };
    rng    tw[MAXW], nw[MAXW];
    if (!f->buf.len) {
        return; /* nothing to repeat (and buf.ptr may still be NULL) */
    }
    size_t from = f->buf.len > 400 ? f->buf.len - 400 : 0;
    if (f->n_paras && from < f->paras[f->n_paras - 1].fs) {
        from = f->paras[f->n_paras - 1].fs;
    }
    /* Only the last clause of the flow can be a repeat. */
    for (size_t i = f->buf.len; i > from; i--) {
        char c = f->buf.ptr[i - 1];
        if (c == ';' || c == ':' || c == '.' || c == '\n') {
            from = i;
            break;
        }
    }
    size_t nt = split_words(f->buf.ptr + from, f->buf.len - from, tw, MAXW);
    size_t nn = split_words(next, n, nw, MAXW);
    for (size_t L = nt < nn ? nt : nn; L >= 5; L--) {
        size_t same = 0;
        for (size_t k = 0; k < L; k++) {
            same += same_word(f->buf.ptr + from, tw[nt - L + k], next, nw[k]);
        }
        size_t lead = 0;
        for (size_t k = 0; k < 3; k++) {
            lead += same_word(f->buf.ptr + from, tw[nt - L + k], next, nw[k]);
        }
        if (same * 10 >= L * 8 && lead >= 2) {
            size_t cut = from + tw[nt - L].s;
            while (cut > 0 && ilokg_is_ws(f->buf.ptr[cut - 1])) {
                cut--;
            }
            f->buf.len      = cut;
            f->buf.ptr[cut] = '\0';
            if (f->n_paras && f->paras[f->n_paras - 1].fe > cut) {
                f->paras[f->n_paras - 1].fe = cut;
            }
            return;
        }
    }
}

/* ---- lines and the layout -------------------------------------------------------------- */

typedef struct {
    size_t s, e;     /* normalised range, without the newline */
    size_t ts, te;   /* trimmed */
    size_t nchars;   /* trimmed length in characters */
    int    blank;
    int    tabbed;   /* holds a tab between two non-empty cells */
} line;

typedef enum { LAYOUT_FLOW, LAYOUT_TABLE } layout;

typedef struct {
    ilokg_doc          *doc;
    const ilokg_text   *t;
    const ilokg_source *src;
    ilokg_diag         *diag;
    line               *lines;
    size_t              n_lines;
    flow                f;
    char               *part;       /* current part heading, owned */
    size_t              section;    /* current section or NONE */
    size_t              cap_sections;
    int                 body;       /* past the document header */
    int                 part_open;  /* a part heading with no section heading after it yet */
    rng                 part_span;  /* its text */
    int                 lay;        /* layout of the document */
    size_t              heading_row;         /* line of the last heading cell, or NONE */
    int                 heading_text_closed; /* its text cell ended a sentence */
    size_t              wrap_cols; /* column a fixed-width table layout is wrapped at, or 0 */
} reader;

static void
trim(const char *p, size_t *s, size_t *e)
{
    while (*s < *e && ilokg_is_ws(p[*s])) {
        (*s)++;
    }
    while (*e > *s && ilokg_is_ws(p[*e - 1])) {
        (*e)--;
    }
}

static ilokg_status
index_lines(reader *r)
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
        trim(r->t->ptr, &l->ts, &l->te);
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
        trim(r->t->ptr, &ts, &te);
        const char *p = r->t->ptr + ts;
        return is_roman_heading(p, te - ts) || is_all_caps(p, te - ts);
    }
    return 0;
}

static int
is_skip_line(const char *p, size_t n)
{
    return starts_word_ci(p, n, "photo") || starts_word_ci(p, n, "twitter") ||
           (n > 4 && (!strncmp(p, "http", 4) || !strncmp(p, "<http", 5) || !strncmp(p, "www.", 4) ||
                      !strncmp(p, "mailto:", 7)));
}

/* A printed item marker at p: "23.", "(a)", "a.", "a)", "(iv)", a bullet, a dash bullet.
 * Returns its length (including the following spaces) or 0; kind and the number or letter. */
typedef enum { MARK_NONE, MARK_NUMBER, MARK_LETTER, MARK_BULLET } mark_kind;

static size_t
marker_at(const char *p, size_t n, mark_kind *kind, char *label, size_t label_max)
{
    size_t i = 0;
    *kind    = MARK_NONE;
    label[0] = '\0';
    if (n >= 3 && !memcmp(p, BULLET, 3)) {
        i     = 3;
        *kind = MARK_BULLET;
    } else if (n >= 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ') {
        i     = 1;
        *kind = MARK_BULLET;
    } else if (ilokg_is_digit(p[0])) {
        while (i < n && i < 3 && ilokg_is_digit(p[i])) {
            i++;
        }
        if (i >= n || p[i] != '.' || (i + 1 < n && !ilokg_is_ws(p[i + 1]))) {
            return 0;
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
    } else if (ilokg_is_lower(p[0]) && n >= 3 && (p[1] == '.' || p[1] == ')') && ilokg_is_ws(p[2])) {
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
        size_t    m2 = marker_at(p + i, n - i, &k2, l2, sizeof l2);
        if (m2 && k2 == MARK_LETTER) {
            *kind = MARK_LETTER;
            snprintf(label, label_max, "%s", l2);
            return i + m2;
        }
    }
    return i;
}

/* Is the word p[0,n) a month name? */
static int
is_month(const char *p, size_t n)
{
    static const char *const months[] = {"january", "february", "march",     "april",
                                         "may",     "june",     "july",      "august",
                                         "september", "october", "november", "december"};
    for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
        if (n == strlen(months[k]) && starts_word_ci(p, n, months[k])) {
            return 1;
        }
    }
    return 0;
}

/* A date or a period on its own ("June 2022", "3-4 May 2021", "2019-2022"): the end of a
 * sentence cut by the page or a table cell, not a heading. */
static int
is_date_text(const char *p, size_t n)
{
    int digits = 0;
    for (size_t i = 0; i < n;) {
        size_t wl = word_len(p + i, n - i);
        if (wl && ilokg_is_alpha(p[i])) {
            if (!is_month(p + i, wl)) {
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
    int digit = 0;
    for (size_t i = 0; i < n; i++) {
        digit |= ilokg_is_digit(p[i]);
    }
    for (size_t i = 0; digit && i < n; i++) {
        if (i > 0 && is_word_char(p[i - 1]) && p[i] != '%') {
            continue;
        }
        for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
            if (starts_word_ci(p + i, n - i, units[k])) {
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
        int known = starts_word_ci(p + i, t - i, "government") || word_len(p + i, t - i) == t - i;
        for (size_t k = 0; !known && k < ilokg_n_actor_aliases; k++) {
            const char *a = ilokg_actor_aliases[k].phrase;
            known = strlen(a) == t - i && starts_word_ci(p + i, t - i, a);
        }
        if (!known || !ilokg_is_upper(p[i])) {
            return 0;
        }
        i = e;
    }
    return 1;
}

/* A heading block of the margin column or of a brochure: 1-4 short lines ending before a blank
 * line, no sentence punctuation at the end, a capital first. */
static size_t
heading_block(reader *r, size_t i)
{
    line  *L       = r->lines;
    size_t j       = i, total = 0;
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
    const char *p    = r->t->ptr;
    char        first = p[L[i].ts];
    char        last  = p[L[j - 1].te - 1];
    mark_kind   mk;
    char        lab[8];
    if (!ilokg_is_upper(first) || strchr(".;:,!?", last) ||
        marker_at(p + L[i].ts, L[i].te - L[i].ts, &mk, lab, sizeof lab)) {
        return 0;
    }
    int after_blank = i == 0 || L[i - 1].blank;
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
        if (c == '*' ) {
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
    ilokg_status st  = ilokg_grow(&doc->sections, &r->cap_sections, doc->n_sections,
                                  sizeof *doc->sections);
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
    flow_end_para(&r->f);
    return ILOKG_OK;
}

/* Appends normalised [s,e) to the paragraph being built, or starts a new one. */
static ilokg_status
add_text(reader *r, size_t s, size_t e, int new_para)
{
    trim(r->t->ptr, &s, &e);
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
    drop_repeated_tail(&r->f, r->t->ptr + s, e - s);
    if (new_para || !r->f.open) {
        st = flow_new_para(&r->f, r->section);
    } else if (r->f.buf.len && !ilokg_is_ws(r->f.buf.ptr[r->f.buf.len - 1])) {
        st = flow_put(&r->f, " ", 1, 0, 1);
    }
    if (!st) {
        st = flow_text(&r->f, r->t, s, e);
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
        marker_at(p + ts, L->te - ts, &mk, lab, sizeof lab)) {
        return 0;
    }
    return line_width(r, &r->lines[li - 1]) + 1 + word_len(p + ts, L->te - ts) + 4 >=
           r->wrap_cols;
}

static ilokg_status
read_table_line(reader *r, size_t li, size_t *after_part)
{
    line        *L = &r->lines[li];
    const char  *p = r->t->ptr;
    ilokg_status st = ILOKG_OK;
    if (!L->tabbed) {
        size_t mh = (*after_part && li <= *after_part + 2 && L->nchars > 60) ?
                        merged_heading(p + L->ts, L->te - L->ts) : 0;
        if (mh) {
            rng h = {L->ts, L->ts + mh};
            if ((st = open_section(r, &h, 1))) {
                return st;
            }
            return add_text(r, L->ts + mh, L->te, 1);
        }
        /* An indented line of a layout extraction: the text column, its first cell empty. */
        return add_text(r, L->ts, L->te, !(L->ts > L->s + 2 && continues_wrapped(r, li, L->ts)));
    }
    /* Cells. */
    rng    cells[16];
    size_t nc = 0, s = L->s;
    for (size_t i = L->s; i <= L->e && nc < 16; i++) {
        if (i == L->e || p[i] == '\t') {
            size_t cs = s, ce = i;
            trim(p, &cs, &ce);
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
        flow_end_para(&r->f);
        return ILOKG_OK;
    }
    size_t rest_s = rest == NONE ? L->te : cells[rest].s;
    if (first > 0) {
        /* Empty first cell: a continuation row of the current section. */
        return add_text(r, cells[first].s, L->te, !continues_wrapped(r, li, cells[first].s));
    }
    rng      c0 = cells[0];
    unsigned nums[MAX_NUMS];
    size_t   n_nums = 0, frag;
    mark_kind mk;
    char      lab[8];
    size_t    ml = marker_at(p + c0.s, c0.e - c0.s, &mk, lab, sizeof lab);
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
        if ((st = flow_text(&r->f, r->t, rest_s, L->te))) {
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
        sec->heading  = ilokg_buf_detach(&b);
        sec->span.end = ilokg_text_span(r->t, c0.s, c0.e).end;
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
    if (i == 0 || i + 1 >= r->n_lines || L[i].tabbed || L[i].nchars > 150 ||
        L[i - 1].blank || L[i + 1].blank) {
        return 0;
    }
    mark_kind mk;
    char      lab[8];
    size_t    n = L[i].te - L[i].ts;
    if (!ilokg_is_upper(p[L[i].ts]) || strchr(".;:,!?", p[L[i].te - 1]) ||
        marker_at(p + L[i].ts, n, &mk, lab, sizeof lab) || is_skip_line(p + L[i].ts, n) ||
        is_date_text(p + L[i].ts, n) || is_figure_text(p + L[i].ts, n)) {
        return 0;
    }
    size_t words = 1;
    for (size_t k = L[i].ts; k < L[i].te; k++) {
        words += p[k] == ' ';
    }
    int before = is_unwrapped(&L[i - 1]) || strchr(".;:", p[L[i - 1].te - 1]);
    int after  = is_unwrapped(&L[i + 1]) ||
                marker_at(p + L[i + 1].ts, L[i + 1].te - L[i + 1].ts, &mk, lab, sizeof lab);
    return words <= 12 && before && after && is_unwrapped(&L[i - 1]) + is_unwrapped(&L[i + 1]);
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
    static const char *const open_words[] = {" and", " or", " to", " of", " the", " for", " in",
                                             " on", " with", " a", " by"};
    const line *L = r->lines;
    const char *p = r->t->ptr;
    if (!wrap_chars || i == 0 || L[i].blank || !ilokg_is_upper(p[L[i].ts]) ||
        !(L[i - 1].blank || strchr(".;:", p[L[i - 1].te - 1]))) {
        return 0;
    }
    for (size_t k = i; k < r->n_lines && k < i + 4 && !L[k].blank && !L[k].tabbed; k++) {
        const char *q = p + L[k].ts;
        size_t      n = L[k].te - L[k].ts;
        mark_kind   mk;
        char        lab[8];
        const char *dot = memchr(q, '.', n);
        if (strchr(".;:,!?", q[n - 1]) || (dot && dot + 1 < q + n && dot[1] == ' ') ||
            marker_at(q, n, &mk, lab, sizeof lab)) {
            return 0;
        }
        const line *N = k + 1 < r->n_lines ? &L[k + 1] : NULL;
        if (!N || N->blank || !ilokg_is_upper(p[N->ts]) ||
            L[k].nchars + 1 + word_len(p + N->ts, N->te - N->ts) + 4 >= wrap_chars) {
            continue;
        }
        int goes_on = 0;
        for (size_t w = 0; w < sizeof open_words / sizeof open_words[0]; w++) {
            size_t wl = strlen(open_words[w]);
            goes_on |= n > wl && !memcmp(q + n - wl, open_words[w], wl);
        }
        if (!goes_on) {
            return k - i + 1;
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
        if (!L->blank && !L->tabbed && L->nchars <= UNWRAPPED_CHARS && L->nchars > longest) {
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

static ilokg_status
read_layout(reader *r)
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
    layout lay = n_tabbed >= 2 && (n_tabbed + n_indented) * 100 >= n_text * 15 ? LAYOUT_TABLE
                                                                               : LAYOUT_FLOW;
    r->lay     = lay;
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
            flow_end_para(&r->f);
            prev_part = 0;
            continue;
        }
        if (is_skip_line(p + L->ts, L->te - L->ts)) {
            continue;
        }
        /* A part heading wrapped by a narrow extraction goes on on the next line, alone in the
         * heading column ("Strategic Orientations for ILO-EU Cooperation in" / "the global
         * agenda", "Issues addressed in technical" / "meetings"). */
        const line *N = i + 1 < r->n_lines ? &r->lines[i + 1] : NULL;
        int wrapped_part = N && !N->blank && !N->tabbed && N->ts < N->s + 3 &&
                           N->nchars <= 40 && !strchr(".;:,", p[N->te - 1]) &&
                           L->nchars + N->nchars < 120 && !L->tabbed &&
                           !is_part_heading(r, N->ts, N->te, lay) &&
                           is_part_heading(r, L->ts, N->te, lay);
        if (wrapped_part || is_part_heading(r, L->ts, L->te, lay)) {
            int tail = wrapped_part && (ilokg_is_lower(p[N->ts]) ||
                                        !is_part_heading(r, L->ts, L->te, lay));
            size_t pe = tail ? N->te : L->te;
            char key_new[256], key_old[256];
            letters_key(p, L->ts, L->te, key_new, sizeof key_new);
            letters_key(r->part ? r->part : "", 0, r->part ? strlen(r->part) : 0, key_old,
                        sizeof key_old);
            /* An all-caps title over several lines is one part. */
            if (prev_part && lay == LAYOUT_FLOW && r->part && r->part_open) {
                r->part_span.e = pe;
                ilokg_buf b = ILOKG_BUF_INIT;
                st = ilokg_buf_printf(&b, "%s %.*s", r->part, (int)(pe - L->ts), p + L->ts);
                if (!st) {
                    free(r->part);
                    r->part = ilokg_buf_detach(&b);
                }
                ilokg_buf_free(&b);
            } else if (strcmp(key_new, key_old) != 0 &&
                       !(strstr(key_old, "orientationsfor") && strstr(key_new, "orientationsfor"))) {
                st = set_part(r, L->ts, pe);
                r->part_span.s = L->ts;
                r->part_span.e = pe;
            }
            flow_end_para(&r->f);
            i += tail;
            after_part = i;
            prev_part  = 1;
            continue;
        }
        if (prev_part && lay == LAYOUT_FLOW && r->part && r->part_open && L->nchars < 60 &&
            is_all_caps_word(p + L->ts, L->te - L->ts)) {
            ilokg_buf b = ILOKG_BUF_INIT;
            st = ilokg_buf_printf(&b, "%s %.*s", r->part, (int)(L->te - L->ts), p + L->ts);
            if (!st) {
                free(r->part);
                r->part = ilokg_buf_detach(&b);
                r->part_span.e = L->te;
            }
            ilokg_buf_free(&b);
            continue;
        }
        prev_part = 0;
        if (lay == LAYOUT_TABLE) {
            st = read_table_line(r, i, &after_part);
            continue;
        }
        size_t hb = (r->body || !has_parts) ? heading_block(r, i) : 0;
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
        int       marked = marker_at(p + L->ts, L->te - L->ts, &mk, lab, sizeof lab) != 0;
        /* "Th 1. 2. 3." + "e ILO and the Commission intend to: …": the numbers of a list
         * printed in the margin, merged into the first word of its lead-in, on a line of their
         * own when each cell of a row gets a line. */
        unsigned nums[MAX_NUMS];
        size_t   n_nums = 0, frag = 0;
        if (i + 1 < r->n_lines && !r->lines[i + 1].blank &&
            ilokg_is_lower(p[r->lines[i + 1].ts]) &&
            (frag = merged_numbers(p + L->ts, L->te - L->ts, nums, &n_nums))) {
            if (!(st = add_text(r, L->ts, L->ts + frag, 1)) &&
                !(st = flow_text(&r->f, r->t, N->ts, N->te))) {
                para *pp = &r->f.paras[r->f.n_paras - 1];
                pp->fe   = r->f.buf.len;
                memcpy(pp->nums, nums, n_nums * sizeof *nums);
                pp->n_nums = n_nums;
            }
            i++;
            continue;
        }
        /* A whole paragraph on a line stands alone, unless it goes on in lower case (the rest
         * of a paragraph cut by a page break) or follows a marker printed on a line of its own
         * ("6." / "Facilitate contacts …"). */
        const line *P     = i > 0 ? &r->lines[i - 1] : NULL;
        int         whole = (is_unwrapped(L) || (P && is_unwrapped(P))) &&
                    !ilokg_is_lower(p[L->ts]) &&
                    !(P && !P->blank &&
                      marker_at(p + P->ts, P->te - P->ts, &mk, lab, sizeof lab) >= P->te - P->ts);
        /* Wrapped text with no blank line between paragraphs: a line that closes a sentence
         * with room left for the next line's first word ended its paragraph. */
        int short_close = P && !P->blank && !P->tabbed && strchr(".:;", p[P->te - 1]) &&
                          ilokg_is_upper(p[L->ts]) && wrap_chars &&
                          P->nchars + 1 + word_len(p + L->ts, L->te - L->ts) + 4 < wrap_chars;
        st = add_text(r, L->ts, L->te, marked || whole || short_close);
    }
    flow_end_para(&r->f);
    return st;
}

/* ---- the document header ---------------------------------------------------------------- */

static const char *const months[] = {"january", "february", "march",     "april",
                                     "may",     "june",     "july",      "august",
                                     "september", "october", "november", "december"};

static int
month_at(const char *p, size_t n)
{
    size_t wl = word_len(p, n);
    for (int m = 0; m < 12; m++) {
        if (wl == strlen(months[m]) && starts_word_ci(p, n, months[m])) {
            return m + 1;
        }
    }
    return 0;
}

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
static ilokg_status
read_header(reader *r)
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
                if (d + 2 < n && (starts_word_ci(sfx, n - d, "th") || starts_word_ci(sfx, n - d, "st") ||
                                  starts_word_ci(sfx, n - d, "nd") || starts_word_ci(sfx, n - d, "rd"))) {
                    const char *w = sfx + 3;
                    size_t      m = n - d - 3;
                    if (starts_word_ci(w, m, "high level meeting") || starts_word_ci(w, m, "high-level meeting") ||
                        starts_word_ci(w, m, "session")) {
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
            int mon = j < m ? month_at(d + j, m - j) : 0;
            if (d1 && mon) {
                j += strlen(months[mon - 1]);
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

/* ---- reading the flow: lead-ins and items ---------------------------------------------- */

typedef enum { B_PARA, B_SEMI, B_COLON, B_STOP, B_BULLET } boundary;

typedef struct {
    size_t   fs, fe;   /* trimmed unit in the flow */
    boundary before;   /* what ended the previous unit */
    int      split_ok; /* a place where a lost item number may be restored */
} piece;

typedef struct {
    size_t         section;
    char           number[8];
    int            numbered;  /* number printed inside the flow ("23.") */
    int            lettered;
    int            bulleted;
    const char    *actors[ILOKG_MAX_ACTORS];
    size_t         n_actors;
    ilokg_modality modality;
    size_t         leadin_fs, leadin_fe; /* flow range of its lead-in, fs == fe when none */
    int            own_leadin;           /* actors named in the item itself */
    size_t         p0, np;               /* its pieces */
    size_t         mark_len;             /* marker at the start of its first piece */
} item;

typedef struct {
    int            active;
    const char    *actors[ILOKG_MAX_ACTORS];
    size_t         n_actors;
    ilokg_modality modality;
    size_t         fs, fe;
    int            prepositional; /* "... by:", "... on:": items complete the sentence */
    int            including;     /* "..., including:" */
    int            fresh;         /* nothing read since the lead-in */
    size_t         section;
    unsigned       nums[MAX_NUMS];
    size_t         n_nums, next_num;
} region;

typedef struct {
    reader     *r;
    const char *fp; /* flow text */
    piece      *pieces;
    size_t      n_pieces, cap_pieces;
    item       *items;
    size_t      n_items, cap_items;
    region      reg;
    size_t      cur;       /* current item or NONE */
    int         sub;       /* inside a sub-list of the current item */
    int         last_item; /* the last text read belongs to an item */
    const char *parties[ILOKG_MAX_ACTORS];
    size_t      n_parties;
    size_t      section;   /* section of the unit being read */
} itemizer;

typedef struct {
    const char    *actors[ILOKG_MAX_ACTORS];
    size_t         n_actors;
    ilokg_modality modality;
    size_t         actor_start; /* flow offset where the actor phrase starts */
    size_t         modal_end;   /* flow offset just past the modal phrase */
} actor_clause;

static void
add_actor(actor_clause *ac, const char *code, const itemizer *z)
{
    if (!strcmp(code, ILOKG_ACTOR_PARTIES)) {
        for (size_t i = 0; i < z->n_parties; i++) {
            add_actor(ac, z->parties[i], z);
        }
        return;
    }
    for (size_t i = 0; i < ac->n_actors; i++) {
        if (!strcmp(ac->actors[i], code)) {
            return;
        }
    }
    if (ac->n_actors < ILOKG_MAX_ACTORS) {
        ac->actors[ac->n_actors++] = code;
    }
}

/* Codes of an alias are static strings of the table: split "EC EEAS" lazily by matching known
 * single codes. Aliases here carry one code each. */
static size_t
match_alias_ending(const char *p, size_t s, size_t e, const ilokg_actor_alias **out)
{
    size_t best = 0;
    for (size_t k = 0; k < ilokg_n_actor_aliases; k++) {
        size_t at;
        if (ends_phrase_ci(p + s, e - s, ilokg_actor_aliases[k].phrase, &at)) {
            size_t len = e - s - at;
            if (len > best) {
                best = len;
                *out = &ilokg_actor_aliases[k];
            }
        }
    }
    return best;
}

/* May a subject starting at `start` open a clause here? */
static int
subject_ok(const char *p, size_t s, size_t start)
{
    size_t b = start;
    while (b > s && ilokg_is_ws(p[b - 1])) {
        b--;
    }
    if (b == s || p[b - 1] == ',' || p[b - 1] == ':' || p[b - 1] == ';' ||
        (ilokg_is_upper(p[start]) && ilokg_is_lower(p[start + 1]))) {
        return 1;
    }
    /* "In the area of shipping the Commission and ILO intend to:" -- but not "the mandate of
     * the ILO will", where the actors are the object of a preposition. */
    static const char *const preps[] = {"of", "to", "for", "by", "with", "from", "between",
                                        "among", "on", "in", "at", "under", "through", "and",
                                        "or", "than", "as"};
    for (size_t k = 0; k < sizeof preps / sizeof preps[0]; k++) {
        size_t at;
        if (ends_phrase_ci(p + s, b - s, preps[k], &at)) {
            return 0;
        }
    }
    return 1;
}

/* Parses "the ILO and the European Commission/EEAS" backwards from e (exclusive) down to s. */
static int
actors_before(const itemizer *z, size_t s, size_t e, actor_clause *ac)
{
    const char *p = z->fp;
    while (e > s && ilokg_is_ws(p[e - 1])) {
        e--;
    }
    /* Adverbs between subject and verb: "further intend", "also will". */
    for (int again = 1; again;) {
        again = 0;
        static const char *const adv[] = {"further", "also", "jointly", "therefore"};
        for (size_t k = 0; k < sizeof adv / sizeof adv[0]; k++) {
            size_t at;
            if (ends_phrase_ci(p + s, e - s, adv[k], &at) && at > 0) {
                e = s + at;
                while (e > s && ilokg_is_ws(p[e - 1])) {
                    e--;
                }
                again = 1;
            }
        }
    }
    size_t n0 = ac->n_actors;
    /* Each alias read is a candidate subject start: "between the Commission and the ILO, both
     * organisations intend" must settle on "both organisations". */
    size_t cand_start[ILOKG_MAX_ACTORS * 2], cand_n[ILOKG_MAX_ACTORS * 2], n_cand = 0;
    for (;;) {
        const ilokg_actor_alias *al  = NULL;
        size_t                   len = match_alias_ending(p, s, e, &al);
        if (!len) {
            break;
        }
        add_actor(ac, al->codes, z);
        e -= len;
        size_t start = e;
        size_t at;
        while (e > s && ilokg_is_ws(p[e - 1])) {
            e--;
        }
        if (ends_phrase_ci(p + s, e - s, "the", &at)) {
            e     = s + at;
            start = e;
            while (e > s && ilokg_is_ws(p[e - 1])) {
                e--;
            }
        }
        if (n_cand < sizeof cand_n / sizeof cand_n[0]) {
            cand_start[n_cand] = start;
            cand_n[n_cand++]   = ac->n_actors;
        }
        if (ends_phrase_ci(p + s, e - s, "and", &at)) {
            e = s + at;
        } else if (e > s && (p[e - 1] == '/' || p[e - 1] == ',' || p[e - 1] == '&')) {
            e--;
        } else {
            break;
        }
        while (e > s && ilokg_is_ws(p[e - 1])) {
            e--;
        }
    }
    for (size_t c = n_cand; c-- > 0;) {
        ac->actor_start = cand_start[c];
        if (subject_ok(p, s, ac->actor_start)) {
            ac->n_actors = cand_n[c];
            return ac->n_actors > n0;
        }
    }
    ac->n_actors = n0;
    return 0;
}

/* Finds "<actors> <modal>" in unit [s,e): the leftmost modal phrase with a subject of known
 * actors just before it. With at_start, the subject must open the unit. */
static int
find_actor_clause(const itemizer *z, size_t s, size_t e, int at_start, actor_clause *out)
{
    const char *p = z->fp;
    for (size_t i = s; i < e; i++) {
        if (i > s && is_word_char(p[i - 1])) {
            continue;
        }
        for (size_t k = 0; k < ilokg_n_modal_phrases; k++) {
            const char *m  = ilokg_modal_phrases[k].phrase;
            size_t      ml = strlen(m);
            if (i + ml > e || !starts_word_ci(p + i, e - i, m)) {
                continue;
            }
            actor_clause ac = {{0}, 0, ilokg_modal_phrases[k].modality, 0, i + ml};
            if (actors_before(z, s, i, &ac) && (!at_start || ac.actor_start == s ||
                                                 (ac.actor_start > s && ac.actor_start - s <= 4))) {
                *out = ac;
                return 1;
            }
        }
    }
    /* Resolutions: "Requests the Director-General to:", "Invites the Governing Body ... to". */
    static const char *const asks[] = {"requests", "invites", "calls upon", "urges"};
    for (size_t k = 0; k < sizeof asks / sizeof asks[0]; k++) {
        if (!starts_word_ci(p + s, e - s, asks[k])) {
            continue;
        }
        size_t i = s + strlen(asks[k]);
        while (i < e && ilokg_is_ws(p[i])) {
            i++;
        }
        if (starts_word_ci(p + i, e - i, "the")) {
            i += 3;
            while (i < e && ilokg_is_ws(p[i])) {
                i++;
            }
        }
        size_t best = 0;
        const ilokg_actor_alias *al = NULL;
        for (size_t a = 0; a < ilokg_n_actor_aliases; a++) {
            const char *ph = ilokg_actor_aliases[a].phrase;
            if (strlen(ph) > best && starts_word_ci(p + i, e - i, ph)) {
                best = strlen(ph);
                al   = &ilokg_actor_aliases[a];
            }
        }
        size_t j = i + best;
        while (j < e && ilokg_is_ws(p[j])) {
            j++;
        }
        if (al && strcmp(al->codes, ILOKG_ACTOR_PARTIES) != 0 && starts_word_ci(p + j, e - j, "to")) {
            actor_clause ac = {{0}, 0, ILOKG_MODALITY_OTHER, i, j + 2};
            add_actor(&ac, al->codes, z);
            *out = ac;
            return 1;
        }
    }
    return 0;
}

/* First word of a unit after its marker and adverbs: a known action verb? */
static const ilokg_verb *
unit_verb(const itemizer *z, size_t s, size_t e, int *gerund, size_t *verb_at)
{
    const char *p = z->fp;
    for (int guard = 0; guard < 4 && s < e; guard++) {
        while (s < e && ilokg_is_ws(p[s])) {
            s++;
        }
        size_t wl = word_len(p + s, e - s);
        if (!wl) {
            return NULL;
        }
        if (ilokg_is_item_adverb(p + s, wl)) {
            s += wl;
            continue;
        }
        if (verb_at) {
            *verb_at = s;
        }
        return ilokg_verb_lookup(p + s, wl, gerund);
    }
    return NULL;
}

/* A sentence that points back at the one before ("Explore opportunities for cooperation in these
 * areas") belongs to the same item. */
static int
is_anaphoric(const itemizer *z, size_t s, size_t e)
{
    static const char *const refs[] = {" these areas", " this area", " this regard", " this respect",
                                       " this end"};
    for (size_t k = 0; k < sizeof refs / sizeof refs[0]; k++) {
        size_t rl = strlen(refs[k]);
        if (e - s > 200) {
            e = s + 200;
        }
        for (size_t i = s; i + rl <= e; i++) {
            if (!strncmp(z->fp + i, refs[k], rl)) {
                return 1;
            }
        }
    }
    return 0;
}

static ilokg_status
add_piece(itemizer *z, size_t it, size_t fs, size_t fe, boundary before, int split_ok)
{
    ilokg_status st = ilokg_grow(&z->pieces, &z->cap_pieces, z->n_pieces, sizeof *z->pieces);
    if (st) {
        return st;
    }
    piece *pc    = &z->pieces[z->n_pieces++];
    pc->fs       = fs;
    pc->fe       = fe;
    pc->before   = before;
    pc->split_ok = split_ok;
    z->items[it].np++;
    z->last_item = 1;
    return ILOKG_OK;
}

static ilokg_status
new_item(itemizer *z, size_t fs, size_t fe, boundary before, mark_kind mk, const char *label,
         size_t mark_len, const actor_clause *own)
{
    ilokg_status st = ilokg_grow(&z->items, &z->cap_items, z->n_items, sizeof *z->items);
    if (st) {
        return st;
    }
    item *it = &z->items[z->n_items];
    memset(it, 0, sizeof *it);
    it->section  = z->reg.active && z->reg.section != NONE ? z->reg.section : z->section;
    it->mark_len = mark_len;
    if (mk == MARK_NUMBER || mk == MARK_LETTER) {
        snprintf(it->number, sizeof it->number, "%s", label);
        it->numbered = mk == MARK_NUMBER;
        it->lettered = mk == MARK_LETTER;
    } else if (mk == MARK_BULLET) {
        it->bulleted = 1;
    } else if (z->reg.active && z->reg.next_num < z->reg.n_nums) {
        snprintf(it->number, sizeof it->number, "%u", z->reg.nums[z->reg.next_num++]);
    }
    if (own) {
        memcpy(it->actors, own->actors, sizeof it->actors);
        it->n_actors   = own->n_actors;
        it->modality   = own->modality;
        it->own_leadin = 1;
    } else {
        memcpy(it->actors, z->reg.actors, sizeof it->actors);
        it->n_actors  = z->reg.n_actors;
        it->modality  = z->reg.modality;
        it->leadin_fs = z->reg.fs;
        it->leadin_fe = z->reg.fe;
    }
    it->p0 = z->n_pieces;
    z->cur = z->n_items++;
    z->sub = 0;
    z->reg.fresh = 0;
    return add_piece(z, z->cur, fs, fe, before, 0);
}

/* An item opened by a printed marker runs to the next marker: its sentences are its own. */
static int
marked(const item *it)
{
    return it->numbered || it->lettered || it->bulleted;
}

static void
end_region(itemizer *z)
{
    z->reg.active = 0;
    z->cur        = NONE;
    z->sub        = 0;
}

static int
ends_with(const itemizer *z, size_t s, size_t e, char c)
{
    return e > s && z->fp[e - 1] == c;
}

static int
item_open(const itemizer *z)
{
    if (z->cur == NONE || !z->last_item) {
        return 0;
    }
    const piece *pc = &z->pieces[z->items[z->cur].p0 + z->items[z->cur].np - 1];
    char         c  = z->fp[pc->fe - 1];
    return !strchr(".;:!?)", c);
}

/* Is the unit a lead-in ending, given the actor clause found in it? */
static int
leadin_ending(const itemizer *z, size_t s, size_t e, const actor_clause *ac, int last_in_para)
{
    const char *p = z->fp;
    if (ends_with(z, s, e, ':')) {
        return 1;
    }
    size_t k = e;
    if (ends_with(z, s, e, ';')) {
        k--;
    }
    while (k > s && ilokg_is_ws(p[k - 1])) {
        k--;
    }
    size_t at;
    if (k == ac->modal_end && (ends_with(z, s, e, ';') || last_in_para)) {
        return 1; /* "intend to;" or "Both organisations intend to" + a new row */
    }
    (void)at;
    if (ends_with(z, s, e, '.') && last_in_para) {
        for (size_t i = ac->modal_end; i + 13 <= e; i++) {
            if (!strncmp(p + i, "the following", 13)) {
                return 1;
            }
        }
    }
    return 0;
}

static void
start_region(itemizer *z, const actor_clause *ac, size_t fs, size_t fe, const para *pp)
{
    const char *p = z->fp;
    z->reg.active   = 1;
    memcpy(z->reg.actors, ac->actors, sizeof z->reg.actors);
    z->reg.n_actors = ac->n_actors;
    z->reg.modality = ac->modality;
    /* "Both organisations agree to maintain ... and intend to:": the verb that introduces the
     * items is the last modal, right before the colon. */
    size_t end = fe;
    while (end > fs && (p[end - 1] == ':' || p[end - 1] == ';' || ilokg_is_ws(p[end - 1]))) {
        end--;
    }
    for (size_t k = 0; k < ilokg_n_modal_phrases; k++) {
        size_t at;
        if (ends_phrase_ci(p + fs, end - fs, ilokg_modal_phrases[k].phrase, &at) &&
            fs + at >= ac->modal_end) {
            z->reg.modality = ilokg_modal_phrases[k].modality;
            break;
        }
    }
    z->reg.fs       = fs;
    z->reg.fe       = fe;
    z->reg.fresh    = 1;
    z->reg.section  = z->section;
    size_t at;
    size_t e        = fe;
    while (e > fs && (p[e - 1] == ':' || ilokg_is_ws(p[e - 1]))) {
        e--;
    }
    z->reg.prepositional = ends_phrase_ci(p + fs, e - fs, "by", &at) ||
                           ends_phrase_ci(p + fs, e - fs, "on", &at) ||
                           ends_phrase_ci(p + fs, e - fs, "through", &at);
    z->reg.including     = ends_phrase_ci(p + fs, e - fs, "including", &at) ||
                       ends_phrase_ci(p + fs, e - fs, "such as", &at);
    z->reg.n_nums   = 0;
    z->reg.next_num = 0;
    if (pp && pp->n_nums) {
        memcpy(z->reg.nums, pp->nums, pp->n_nums * sizeof *pp->nums);
        z->reg.n_nums = pp->n_nums;
    }
    z->cur = NONE;
    z->sub = 0;
}

/* The next unit of paragraph text [i, e): up to and including ';' or ':' or a sentence end, or
 * up to a bullet. Returns the end; *next_before tells what kind of boundary follows. */
static size_t
next_unit(const itemizer *z, size_t i, size_t e, boundary *next_before)
{
    const char *p = z->fp;
    for (size_t k = i; k < e; k++) {
        char c = p[k];
        if (k > i && k + 3 <= e && !memcmp(p + k, BULLET, 3)) {
            *next_before = B_BULLET;
            return k;
        }
        size_t j = k + 1;
        while (j < e && (p[j] == ' ' || p[j] == '\t')) {
            j++;
        }
        if (c == ';') {
            if (j < e && !ilokg_is_lower(p[j])) {
                *next_before = B_SEMI;
                return k + 1;
            }
        } else if (c == ':') {
            /* Not a clock time ("10:30"): a colon ends a clause before a space. */
            if (j == e || j > k + 1) {
                *next_before = B_COLON;
                return k + 1;
            }
        } else if (c == '.' && j > k + 1 && j < e) {
            /* Not after an abbreviation or a single letter ("No.", "e.g.", "U.S.A."). */
            size_t w = k;
            while (w > i && ilokg_is_alpha(p[w - 1])) {
                w--;
            }
            size_t wl = k - w;
            static const char *const abbr[] = {"No", "Nos", "Art", "art", "para", "Mr", "Ms",
                                               "Dr", "St", "vs", "cf", "al", "Rev", "Vol", "Ltd"};
            int is_abbr = wl == 1 && (w == i || !ilokg_is_alpha(p[w - 1]));
            /* The full stop of an item number at the start of the unit ("73. The ILO"). */
            size_t d = i;
            while (d < k && ilokg_is_digit(p[d])) {
                d++;
            }
            is_abbr |= d == k && k > i && k - i <= 3;
            for (size_t a = 0; !is_abbr && a < sizeof abbr / sizeof abbr[0]; a++) {
                is_abbr = wl == strlen(abbr[a]) && !strncmp(p + w, abbr[a], wl);
            }
            mark_kind mk;
            char      lab[8];
            if (!is_abbr && (ilokg_is_upper(p[j]) || p[j] == '(' || p[j] == '"' ||
                             marker_at(p + j, e - j, &mk, lab, sizeof lab))) {
                *next_before = B_STOP;
                return k + 1;
            }
        }
    }
    *next_before = B_PARA;
    return e;
}

/* Does the unit after e (in the same paragraph) name actors and a modal, without opening a list? */
static int
row_names_actor(const itemizer *z, size_t e, size_t pe, actor_clause *out)
{
    boundary nb;
    size_t   s = e;
    while (s < pe && ilokg_is_ws(z->fp[s])) {
        s++;
    }
    size_t e2 = next_unit(z, s, pe, &nb);
    return s < e2 && z->fp[e2 - 1] != ':' && find_actor_clause(z, s, e2, 0, out);
}

/* A short topic label before a colon at the start of an item ("Bangladesh: continue ..."). */
static int
is_label_colon(const itemizer *z, size_t s, size_t e)
{
    size_t words = 1;
    for (size_t i = s; i < e; i++) {
        words += z->fp[i] == ' ';
    }
    int g;
    return words <= 6 && !unit_verb(z, s, e, &g, NULL);
}

/* When the open item resumes (a paragraph in lower case) within the next few paragraphs, the
 * paragraphs from pi up to there are interjections printed inside it: marks them skipped. */
static int
skip_interjection(itemizer *z, size_t pi)
{
    for (size_t k = pi + 1; k < z->r->f.n_paras && k <= pi + 4; k++) {
        const para *q = &z->r->f.paras[k];
        if (q->fe > q->fs && ilokg_is_lower(z->fp[q->fs])) {
            for (size_t x = pi; x < k; x++) {
                z->r->f.paras[x].skip = 1;
            }
            return 1;
        }
    }
    return 0;
}

/* Does the paragraph end a sentence (a call-out quote does; text cut by a page break does not)? */
static int
para_closed(const itemizer *z, const para *pp)
{
    size_t e = pp->fe;
    while (e > pp->fs && ilokg_is_ws(z->fp[e - 1])) {
        e--;
    }
    return e > pp->fs && strchr(".!?\"", z->fp[e - 1]) != NULL;
}

static ilokg_status
read_unit(itemizer *z, size_t pi, size_t s, size_t e, boundary before, int first_in_para,
          int last_in_para)
{
    const char *p  = z->fp;
    para       *pp = &z->r->f.paras[pi];
    mark_kind   mk;
    char        label[8];
    size_t      ml = marker_at(p + s, e - s, &mk, label, sizeof label);
    if (mk == MARK_BULLET && (before != B_PARA && before != B_BULLET)) {
        ml = 0, mk = MARK_NONE; /* a dash inside a sentence */
    }
    if (mk == MARK_BULLET && s + ml < e && ilokg_is_lower(p[s + ml])) {
        /* A bullet glyph before text that runs on from a page break marks no item. */
        s += ml;
        ml = 0, mk = MARK_NONE;
    }
    size_t       body = s + ml;
    int          gerund = 0;
    const ilokg_verb *v = unit_verb(z, body, e, &gerund, NULL);
    int          verb_base = v && !gerund && ilokg_is_upper(p[body]);
    int          lower_start = body < e && (ilokg_is_lower(p[body]) || (ilokg_is_digit(p[body]) && !ml));
    actor_clause ac;
    int          has_clause = find_actor_clause(z, body, e, 0, &ac);
    ilokg_status st = ILOKG_OK;

    /* A new section ends what the previous one opened, except for text that runs on. */
    if (first_in_para && pp->section != z->section) {
        int runs_on = lower_start && z->last_item && z->cur != NONE;
        int overflow = !runs_on && z->reg.active && z->cur != NONE && !ml && !has_clause &&
                       z->pieces[z->items[z->cur].p0 + z->items[z->cur].np - 1].fe > 0 &&
                       p[z->pieces[z->items[z->cur].p0 + z->items[z->cur].np - 1].fe - 1] == ';' &&
                       (verb_base || (gerund && z->reg.prepositional));
        z->section = pp->section;
        if (runs_on) {
            return add_piece(z, z->cur, s, e, before, 0);
        }
        if (overflow) {
            /* A list item that spilled into the next row's text cell stays in its list. */
            st = new_item(z, s, e, before, MARK_NONE, "", 0, NULL);
            end_region(z);
            z->last_item = 0;
            return st;
        }
        end_region(z);
        z->last_item = 0;
    }

    /* A sub-list opened by a colon inside a paragraph ends with the paragraph; one opened by a
     * colon at the end of a paragraph goes on in the paragraphs that follow. */
    if (first_in_para && z->sub == 1 && !lower_start) {
        z->sub = 0;
    }

    /* A paragraph printed inside an open item (a call-out quote) when the item resumes after it. */
    if (first_in_para && !ml && !lower_start && item_open(z) && !verb_base && !has_clause &&
        para_closed(z, pp) && skip_interjection(z, pi)) {
        return ILOKG_OK;
    }

    /* Text that runs on from the previous paragraph (a page break cut it). */
    if (first_in_para && !ml && (lower_start || (item_open(z) && !verb_base && !has_clause))) {
        if (z->last_item && z->cur != NONE) {
            return add_piece(z, z->cur, s, e, before, 0);
        }
        return ILOKG_OK;
    }

    /* Outside a list, an unmarked paragraph is context, even right after an item. */
    if (first_in_para && !ml && !z->reg.active && !(has_clause && leadin_ending(z, body, e, &ac, last_in_para))) {
        z->last_item = 0;
        z->cur       = NONE;
        return ILOKG_OK;
    }

    /* A lead-in opens a list; a numbered one ("3. Requests the Director-General to:") too. */
    int bare_leadin = 0;
    if (ml && has_clause && ends_with(z, s, e, ':')) {
        size_t k = ac.modal_end;
        while (k < e && ilokg_is_ws(p[k])) {
            k++;
        }
        bare_leadin = k == e - 1;
    }
    if ((!ml || bare_leadin) && has_clause && leadin_ending(z, body, e, &ac, last_in_para)) {
        if (z->cur != NONE && z->sub && !ends_with(z, s, e, ':')) {
            /* fall through: text of the current item */
        } else {
            start_region(z, &ac, s, e, pp);
            z->last_item = 0;
            return ILOKG_OK;
        }
    }

    if (z->sub && z->cur != NONE) {
        int leaves = mk == MARK_NUMBER || (mk != MARK_LETTER && before != B_COLON && verb_base &&
                                           !(mk == MARK_BULLET && !verb_base));
        if (!leaves) {
            return add_piece(z, z->cur, s, e, before, 0);
        }
        z->sub = 0;
    }

    int starts_item = 0, split_ok = 0;
    const actor_clause *own = NULL;
    actor_clause start_ac;
    int has_start_clause = find_actor_clause(z, body, e, 1, &start_ac);
    if (ml && (mk == MARK_NUMBER || mk == MARK_BULLET || mk == MARK_LETTER)) {
        if (z->reg.active) {
            starts_item = 1;
            own         = has_start_clause ? &start_ac : NULL;
        } else {
            /* Outside a list: an item only when it names who acts in its first sentence. */
            boundary nb;
            size_t   se = next_unit(z, body, e, &nb);
            actor_clause ac1;
            if (find_actor_clause(z, body, se, 0, &ac1) ||
                (se < e && find_actor_clause(z, body, e, 0, &ac1) && ac1.modal_end <= se + 80 &&
                 ac1.actor_start < se)) {
                start_ac    = ac1;
                own         = &start_ac;
                starts_item = 1;
            } else {
                /* A numbered paragraph of context: it ends any list. */
                end_region(z);
                z->last_item = 0;
                return ILOKG_OK;
            }
        }
    } else if (z->reg.active) {
        if (z->reg.fresh) {
            if (z->reg.including && !verb_base) {
                /* "... will maintain close cooperation ..., including: The G20; ...": the
                 * lead-in is itself the commitment and what follows are its examples. */
                actor_clause self;
                memset(&self, 0, sizeof self);
                memcpy(self.actors, z->reg.actors, sizeof self.actors);
                self.n_actors = z->reg.n_actors;
                self.modality = z->reg.modality;
                st            = new_item(z, z->reg.fs, z->reg.fe, B_PARA, MARK_NONE, "", 0, &self);
                z->items[z->cur].own_leadin = 0;
                if (!st) {
                    st = add_piece(z, z->cur, s, e, before, 0);
                }
                z->sub = 2;
                return st;
            }
            starts_item = 1;
        } else if (first_in_para || before == B_BULLET) {
            if (verb_base || (gerund && z->reg.prepositional) || has_start_clause ||
                before == B_BULLET) {
                starts_item = 1;
                own         = has_start_clause ? &start_ac : NULL;
            } else if (has_clause && z->cur != NONE) {
                starts_item = 1;
                own         = &ac;
            } else if (z->cur != NONE && !last_in_para && row_names_actor(z, e, pp->fe, &start_ac)) {
                /* "Several ILO instruments are listed ... In light of this, the ILO and the
                 * Commission endeavour to cooperate ...;": a row of the list that names who
                 * acts in its second sentence. */
                starts_item = 1;
                own         = &start_ac;
            } else {
                /* A paragraph of context. If an open item resumes after it (a call-out printed
                 * inside the item), it is skipped; otherwise the list has ended. */
                if (item_open(z) && skip_interjection(z, pi)) {
                    return ILOKG_OK;
                }
                end_region(z);
                z->last_item = 0;
                return ILOKG_OK;
            }
        } else if (before == B_SEMI) {
            starts_item = !lower_start && !(z->cur != NONE && marked(&z->items[z->cur]));
            split_ok    = verb_base;
        } else if (before == B_STOP) {
            split_ok    = verb_base && !is_anaphoric(z, body, e);
            starts_item = split_ok && !(z->cur != NONE && marked(&z->items[z->cur]));
        }
    }

    if (starts_item) {
        st = new_item(z, s, e, before, mk, label, ml, own);
        if (!st && own && !z->reg.active && !has_start_clause) {
            ilokg_warn(z->r->diag, z->r->src, z->r->t->map[z->r->f.nmap[s]],
                       "item with no lead-in: actors taken from the item itself");
        }
        if (!st && ends_with(z, s, e, ':') && !is_label_colon(z, body, e - 1)) {
            z->sub = last_in_para ? 2 : 1;
        }
        return st;
    }
    if (z->cur != NONE && z->last_item) {
        st = add_piece(z, z->cur, s, e, before, split_ok && !z->sub);
        /* "... Priorities for action include:" + a list of marked paragraphs: the item's own
         * actors lead the list. */
        if (!st && ends_with(z, s, e, ':') && before != B_COLON) {
            size_t k = pi + 1;
            mark_kind mk2;
            char      lab2[8];
            if (last_in_para && k < z->r->f.n_paras &&
                marker_at(p + z->r->f.paras[k].fs, z->r->f.paras[k].fe - z->r->f.paras[k].fs,
                          &mk2, lab2, sizeof lab2)) {
                item        *it = &z->items[z->cur];
                actor_clause ac2;
                memset(&ac2, 0, sizeof ac2);
                memcpy(ac2.actors, it->actors, sizeof ac2.actors);
                ac2.n_actors = it->n_actors;
                ac2.modality = it->modality;
                start_region(z, &ac2, s, e, NULL);
                z->last_item = 0;
            } else {
                z->sub = last_in_para ? 2 : 1;
            }
        }
        return st;
    }
    z->last_item = 0;
    return ILOKG_OK;
}

/* ---- from items to commitments ---------------------------------------------------------- */

/* Restores item numbers the extraction lost: when item 2 is followed by item 4 with nothing
 * between, item 2's text holds item 3; it is split where an imperative clause begins. */
static ilokg_status
restore_lost_items(itemizer *z)
{
    for (size_t i = 0; i + 1 < z->n_items; i++) {
        item *a = &z->items[i], *b = &z->items[i + 1];
        if (!a->numbered || !b->numbered || a->section != b->section) {
            continue;
        }
        long gap = atol(b->number) - atol(a->number) - 1;
        if (gap <= 0 || gap > 3) {
            continue;
        }
        size_t cand[8], nc = 0;
        for (size_t k = 1; k < a->np && nc < 8; k++) {
            const piece *pc = &z->pieces[a->p0 + k];
            if (pc->split_ok && pc->before == B_SEMI) {
                cand[nc++] = k;
            }
        }
        for (size_t k = 1; nc < (size_t)gap && k < a->np && nc < 8; k++) {
            const piece *pc = &z->pieces[a->p0 + k];
            if (pc->split_ok && pc->before == B_STOP) {
                cand[nc++] = k;
            }
        }
        if (nc < (size_t)gap) {
            continue;
        }
        /* Split at the last `gap` candidates, in order. */
        size_t cuts[3], n_cuts = 0;
        for (size_t k = nc - (size_t)gap; k < nc; k++) {
            cuts[n_cuts++] = cand[k];
        }
        for (size_t x = 0; x + 1 < n_cuts; x++) {
            for (size_t y = x + 1; y < n_cuts; y++) {
                if (cuts[y] < cuts[x]) {
                    size_t t = cuts[x];
                    cuts[x]  = cuts[y];
                    cuts[y]  = t;
                }
            }
        }
        ilokg_status st = ilokg_grow(&z->items, &z->cap_items, z->n_items + n_cuts,
                                     sizeof *z->items);
        if (st) {
            return st;
        }
        a = &z->items[i];
        memmove(&z->items[i + 1 + n_cuts], &z->items[i + 1],
                (z->n_items - i - 1) * sizeof *z->items);
        z->n_items += n_cuts;
        size_t total = a->np;
        for (size_t c = 0; c < n_cuts; c++) {
            item *n = &z->items[i + 1 + c];
            *n      = *a;
            snprintf(n->number, sizeof n->number, "%d", (int)((atol(a->number) + (long)c + 1) % 1000));
            n->numbered = 0;
            n->mark_len = 0;
            n->p0       = a->p0 + cuts[c];
            n->np       = (c + 1 < n_cuts ? cuts[c + 1] : total) - cuts[c];
        }
        a->np = cuts[0];
        i += n_cuts;
    }
    return ILOKG_OK;
}

static void
number_warnings(itemizer *z)
{
    long   last = 0;
    size_t since = 0, sec = NONE;
    for (size_t i = 0; i < z->n_items; i++) {
        item *it = &z->items[i];
        if (it->section != sec) {
            sec   = it->section;
            last  = 0;
            since = 0;
        }
        if (it->lettered) {
            int first_of_list = i == 0 || !z->items[i - 1].lettered ||
                                z->items[i - 1].leadin_fs != it->leadin_fs;
            if (first_of_list && it->number[0] != 'a' && it->number[0] != 'i') {
                size_t at = z->r->f.nmap[z->pieces[it->p0].fs];
                ilokg_warn(z->r->diag, z->r->src, z->r->t->map[at],
                           "lettered list starts at (%s), not (a)", it->number);
            }
            continue;
        }
        if (!it->number[0]) {
            since++;
            continue;
        }
        long n = atol(it->number);
        if (n != 1 && last && n != last + (long)since + 1) {
            size_t at = z->r->f.nmap[z->pieces[it->p0].fs];
            ilokg_warn(z->r->diag, z->r->src, z->r->t->map[at],
                       "item %ld out of sequence: expected %ld", n, last + (long)since + 1);
        }
        last  = n;
        since = 0;
    }
}

/* Collapses whitespace and joins pieces; the item's marker and its closing separator go. */
/* Does the document's flow text hold word w[0,n) (any case, whole word)? */
static int
flow_has_word(const itemizer *z, const char *w, size_t n)
{
    const char *p = z->fp;
    size_t      len = strlen(p);
    for (size_t i = 0; i + n <= len; i++) {
        if ((i == 0 || !is_word_char(p[i - 1])) && (i + n == len || !is_word_char(p[i + n]) ||
                                                    (p[i + n] == '-' && w[n - 1] == '-'))) {
            size_t k = 0;
            while (k < n && ilokg_to_lower(p[i + k]) == ilokg_to_lower(w[k])) {
                k++;
            }
            if (k == n) {
                return 1;
            }
        }
    }
    return 0;
}

/* A word broken at a line end: text[0,len) ends with "letters-" and the flow text goes on, after
 * the line break, with a lower-case letter at j. Returns 1 when it is one (then *keep tells whether the hyphen belongs
 * to the word: "work-based", "long-term", "non-standard"), 0 when the break is something else.
 * The document decides where it can: the joined word or the hyphenated one printed elsewhere;
 * otherwise common compound parts keep the hyphen and anything else is hyphenation. */
static int
line_end_hyphen(const itemizer *z, const char *text, size_t len, size_t j, size_t e, int *keep)
{
    size_t l = len;
    if (l < 3 || text[l - 1] != '-' || !ilokg_is_lower(z->fp[j])) {
        return 0;
    }
    size_t ls = l - 1;
    while (ls > 0 && ilokg_is_alpha(text[ls - 1])) {
        ls--;
    }
    size_t re = j;
    while (re < e && ilokg_is_alpha(z->fp[re])) {
        re++;
    }
    size_t left = l - 1 - ls, right = re - j;
    if (left == 0 || right == 0 || left + right + 2 > 64 ||
        starts_word_ci(z->fp + j, right, "and") || starts_word_ci(z->fp + j, right, "or") ||
        starts_word_ci(z->fp + j, right, "to")) {
        return 0; /* a suspended hyphen: "up- and re-skilling" */
    }
    char joined[64], hyphened[64];
    memcpy(joined, text + ls, left);
    memcpy(joined + left, z->fp + j, right);
    memcpy(hyphened, text + ls, left + 1);
    memcpy(hyphened + left + 1, z->fp + j, right);
    static const char *const firsts[] = {"non", "co", "self", "multi", "cross", "long", "short",
                                         "well", "high", "low", "full", "part", "post", "pre",
                                         "anti", "socio", "tri", "bi", "on", "up", "follow",
                                         "mid", "large", "small", "decision"};
    static const char *const seconds[] = {"based", "term", "related", "level", "oriented",
                                          "making", "specific", "led", "driven", "sensitive",
                                          "wide", "scale", "friendly", "free", "up", "going",
                                          "rich", "responsive", "centred", "centered", "life"};
    if (flow_has_word(z, joined, left + right)) {
        *keep = 0;
    } else if (flow_has_word(z, hyphened, left + right + 1)) {
        *keep = 1;
    } else {
        *keep = 0;
        for (size_t k = 0; k < sizeof firsts / sizeof firsts[0] && !*keep; k++) {
            *keep = strlen(firsts[k]) == left && starts_word_ci(text + ls, left, firsts[k]);
        }
        for (size_t k = 0; k < sizeof seconds / sizeof seconds[0] && !*keep; k++) {
            *keep = strlen(seconds[k]) == right && starts_word_ci(z->fp + j, right, seconds[k]);
        }
    }
    return 1;
}

static ilokg_status
item_text(itemizer *z, const item *it, char **out, size_t *fs_out, size_t *fe_out)
{
    ilokg_buf b  = ILOKG_BUF_INIT;
    size_t    fs = NONE, fe = 0;
    for (size_t k = 0; k < it->np; k++) {
        const piece *pc = &z->pieces[it->p0 + k];
        size_t       s = pc->fs + (k == 0 ? it->mark_len : 0), e = pc->fe;
        while (s < e && ilokg_is_ws(z->fp[s])) {
            s++;
        }
        if (k + 1 == it->np) {
            while (e > s && (ilokg_is_ws(z->fp[e - 1]) || z->fp[e - 1] == ';' || z->fp[e - 1] == ',')) {
                e--;
            }
        }
        if (s >= e) {
            continue;
        }
        if (fs == NONE) {
            fs = s;
        }
        fe = e;
        if (b.len && ilokg_buf_addc(&b, ' ')) {
            goto nomem;
        }
        for (size_t i = s; i < e; i++) {
            char c = z->fp[i];
            if (ilokg_is_ws(c)) {
                size_t j = i;
                while (j < e && ilokg_is_ws(z->fp[j])) {
                    j++;
                }
                int hyph = 0;
                if (j < e && line_end_hyphen(z, b.ptr, b.len, j, e, &hyph)) {
                    b.len -= !hyph; /* "promo- tion" -> "promotion"; "work- based" stays */
                    b.ptr[b.len] = '\0';
                    i = j - 1;
                    continue;
                }
                if (b.len && b.ptr[b.len - 1] != ' ' && ilokg_buf_addc(&b, ' ')) {
                    goto nomem;
                }
            } else if (ilokg_buf_addc(&b, c)) {
                goto nomem;
            }
        }
    }
    if (fs == NONE) {
        ilokg_buf_free(&b);
        *out = NULL;
        return ILOKG_OK;
    }
    *out    = ilokg_buf_detach(&b);
    *fs_out = fs;
    *fe_out = fe;
    return *out ? ILOKG_OK : ILOKG_ERR_NOMEM;
nomem:
    ilokg_buf_free(&b);
    return ILOKG_ERR_NOMEM;
}

/* The main verb: after a topic label ("Bangladesh:"), after the item's own subject and modal
 * ("The Commission will support", "..., the Office will closely collaborate") and adverbs;
 * "continue to support" reads as support. Noun-phrase items have none. */
static const ilokg_verb *
verb_at_word(const char *text, size_t n, size_t *s)
{
    for (int guard = 0; guard < 4 && *s < n; guard++) {
        while (*s < n && !ilokg_is_alpha(text[*s])) {
            (*s)++;
        }
        size_t wl = word_len(text + *s, n - *s);
        if (!wl) {
            return NULL;
        }
        if (ilokg_is_item_adverb(text + *s, wl)) {
            *s += wl;
            continue;
        }
        int g;
        return ilokg_verb_lookup(text + *s, wl, &g);
    }
    return NULL;
}

/* "will be carried out", "will be developed": the verb of a passive item after its modal. */
static const ilokg_verb *
passive_verb(const char *text, size_t n, size_t *at)
{
    size_t s = *at;
    while (s < n && text[s] == ' ') {
        s++;
    }
    if (!starts_word_ci(text + s, n - s, "be")) {
        return NULL;
    }
    s += 2;
    while (s < n && text[s] == ' ') {
        s++;
    }
    size_t            wl = word_len(text + s, n - s);
    const ilokg_verb *v  = wl ? ilokg_participle_lookup(text + s, wl) : NULL;
    if (v) {
        *at = s;
    }
    return v;
}

/* Where the first modal phrase ("will", "intend to") starting a word in text[from,to) starts,
 * or NONE; *end is where it ends (the phrase may run past to, not past n). */
static size_t
next_modal(const char *text, size_t from, size_t to, size_t n, size_t *end)
{
    for (size_t i = from; i < to; i++) {
        if (i > 0 && is_word_char(text[i - 1])) {
            continue;
        }
        for (size_t k = 0; k < ilokg_n_modal_phrases; k++) {
            const char *m = ilokg_modal_phrases[k].phrase;
            if (starts_word_ci(text + i, n - i, m)) {
                *end = i + strlen(m);
                return i;
            }
        }
    }
    return NONE;
}

static void
item_verb(const char *text, const char **lemma, const char **action)
{
    size_t n = strlen(text), s = 0;
    *lemma   = NULL;
    *action  = "other";
    /* A topic label: a few words, no sentence end, not a verb ("Provide support for: (i)"). */
    const char *colon = memchr(text, ':', n < 60 ? n : 60);
    if (colon) {
        size_t words = 1;
        for (const char *c = text; c < colon; c++) {
            words += *c == ' ';
        }
        int sentence = 0;
        for (const char *c = text; c + 1 < colon; c++) {
            sentence |= c[0] == '.' && c[1] == ' ';
        }
        size_t t0 = 0;
        if (words <= 6 && !sentence &&
            !verb_at_word(text, (size_t)(colon - text), &t0)) {
            s = (size_t)(colon - text) + 1;
        }
    }
    while (s < n && text[s] == ' ') {
        s++;
    }
    /* A run-in title ("Skills. Provide support ...", "Collaboration with relevant institutions
     * that deal with labour migration. Deepen ..."): a few words without a verb or a modal, and
     * a full stop. */
    const char *stop = memchr(text + s, '.', n - s < 100 ? n - s : 100);
    if (stop && stop + 1 < text + n && stop[1] == ' ') {
        size_t words = 1;
        for (const char *c = text + s; c < stop; c++) {
            words += *c == ' ';
        }
        size_t t0 = s;
        if (words <= 12 && !verb_at_word(text, (size_t)(stop - text), &t0) &&
            next_modal(text, s, (size_t)(stop - text), (size_t)(stop - text), &t0) == NONE) {
            s = (size_t)(stop - text) + 1;
        }
    }
    /* A resolution's request: "Invites the Governing Body ... to give due consideration". */
    static const char *const asks[] = {"requests", "invites", "calls upon", "urges"};
    for (size_t k = 0; k < sizeof asks / sizeof asks[0]; k++) {
        if (starts_word_ci(text + s, n - s, asks[k])) {
            const char *to = strstr(text + s, " to ");
            if (to) {
                s = (size_t)(to - text) + 4;
            }
            break;
        }
    }
    size_t            at = s;
    const ilokg_verb *v  = NULL;
    static const char *const openers[] = {"in", "keeping in mind", "with", "as", "to", "for",
                                          "given", "building on", "through", "within"};
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++) {
        const char *comma = memchr(text + s, ',', n - s < 120 ? n - s : 120);
        if (starts_word_ci(text + s, n - s, openers[k]) && comma) {
            /* "In support to partner countries, explore ...": the verb follows the comma. */
            at = (size_t)(comma - text) + 1;
            v  = verb_at_word(text, n, &at);
            break;
        }
    }
    if (!v) {
        at = s;
        v  = verb_at_word(text, n, &at);
        /* "Recognizing that ..., the Office will work": the participle opens, the modal rules. */
        size_t wl = word_len(text + at, n - at);
        if (v && wl > 3 && !strncmp(text + at + wl - 3, "ing", 3) && strstr(text + at, " will ")) {
            v = NULL;
        }
    }
    if (!v) {
        /* A subject and a modal within the first sentences: the verb follows the modal. */
        size_t lim = n < s + 600 ? n : s + 600;
        for (size_t i = next_modal(text, s, lim, n, &at); !v && i != NONE;
             i = next_modal(text, i + 1, lim, n, &at)) {
            v = verb_at_word(text, n, &at);
            if (!v) {
                v = passive_verb(text, n, &at);
            }
        }
    }
    if (!v) {
        return;
    }
    *lemma  = v->lemma;
    *action = v->action;
    if (!strcmp(v->lemma, "continue")) {
        size_t t = at + word_len(text + at, n - at);
        while (t < n && text[t] == ' ') {
            t++;
        }
        if (!strncmp(text + t, "to ", 3)) {
            t += 3;
        }
        size_t            wl2 = word_len(text + t, n - t);
        int               g2;
        const ilokg_verb *v2 = wl2 ? ilokg_verb_lookup(text + t, wl2, &g2) : NULL;
        if (v2) {
            *lemma  = v2->lemma;
            *action = v2->action;
        }
    }
}

/* Actors in a stable order: the parties first, then the rest by code. */
static int
actor_rank(const char *code)
{
    static const char *const order[] = {"ILO", "EC", "EU", "EEAS"};
    for (int i = 0; i < 4; i++) {
        if (!strcmp(code, order[i])) {
            return i;
        }
    }
    return 4;
}

static void
sort_actors(const char **a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        const char *x = a[i];
        size_t      j = i;
        while (j > 0 && (actor_rank(a[j - 1]) > actor_rank(x) ||
                         (actor_rank(a[j - 1]) == actor_rank(x) && strcmp(a[j - 1], x) > 0))) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
}

static ilokg_status
emit_commitments(itemizer *z)
{
    ilokg_doc   *doc = z->r->doc;
    size_t       cap = 0;
    ilokg_status st  = ILOKG_OK;
    for (size_t i = 0; !st && i < z->n_items; i++) {
        item  *it   = &z->items[i];
        char  *text = NULL;
        size_t fs = 0, fe = 0;
        if ((st = item_text(z, it, &text, &fs, &fe)) || !text) {
            continue;
        }
        if ((st = ilokg_grow(&doc->commitments, &cap, doc->n_commitments,
                             sizeof *doc->commitments))) {
            free(text);
            break;
        }
        ilokg_commitment *c = &doc->commitments[doc->n_commitments++];
        memset(c, 0, sizeof *c);
        c->seq     = doc->n_commitments;
        c->section = it->section;
        snprintf(c->number, sizeof c->number, "%s", it->number);
        memcpy(c->actors, it->actors, sizeof c->actors);
        c->n_actors = it->n_actors;
        sort_actors(c->actors, c->n_actors);
        c->modality = it->modality;
        c->text     = text;
        const ilokg_text *t = z->r->t;
        c->span = ilokg_text_span(t, z->r->f.nmap[fs], z->r->f.nend[fe - 1]);
        if (it->leadin_fe > it->leadin_fs) {
            size_t ls = it->leadin_fs, le = it->leadin_fe;
            while (ls < le && ilokg_is_ws(z->fp[ls])) {
                ls++;
            }
            c->leadin = ilokg_text_span(t, z->r->f.nmap[ls], z->r->f.nend[le - 1]);
        } else {
            c->leadin = c->span;
            c->leadin.end = c->leadin.start;
        }
        item_verb(text, &c->verb, &c->action);
        if (c->section != NONE && c->section < doc->n_sections) {
            doc->sections[c->section].n_commitments++;
        }
    }
    return st;
}

/* The parties of a document: the actors its title names ("between the International Labour
 * Organization and the European Commission"); the ILO alone when it names none. */
static void
find_parties(itemizer *z)
{
    const char *title = z->r->doc->meta.title ? z->r->doc->meta.title : "";
    char        low[512];
    size_t      n = 0;
    for (; title[n] && n + 1 < sizeof low; n++) {
        low[n] = ilokg_to_lower(title[n]);
    }
    low[n] = '\0';
    if (strstr(low, "international labour") || strstr(low, "ilo")) {
        z->parties[z->n_parties++] = "ILO";
    }
    if (strstr(low, "european commission")) {
        z->parties[z->n_parties++] = "EC";
    }
    if (!z->n_parties) {
        z->parties[z->n_parties++] = "ILO";
    }
}

static ilokg_status
read_items(reader *r)
{
    itemizer z;
    memset(&z, 0, sizeof z);
    z.r       = r;
    z.fp      = r->f.buf.ptr ? r->f.buf.ptr : "";
    z.cur     = NONE;
    z.section = NONE;
    find_parties(&z);
    ilokg_status st = ILOKG_OK;
    for (size_t pi = 0; !st && pi < r->f.n_paras; pi++) {
        para  *pp = &r->f.paras[pi];
        size_t i  = pp->fs;
        while (i < pp->fe && ilokg_is_ws(z.fp[i])) {
            i++;
        }
        boundary before = B_PARA;
        int      first  = 1;
        while (!st && i < pp->fe && !pp->skip) {
            boundary nb;
            size_t   e = next_unit(&z, i, pp->fe, &nb);
            size_t   s = i, te = e;
            trim(z.fp, &s, &te);
            if (s < te) {
                st    = read_unit(&z, pi, s, te, before, first, e >= pp->fe);
                first = 0;
            }
            before = nb;
            i      = e;
            while (i < pp->fe && ilokg_is_ws(z.fp[i])) {
                i++;
            }
        }
    }
    if (!st) {
        st = restore_lost_items(&z);
    }
    if (!st) {
        number_warnings(&z);
        st = emit_commitments(&z);
    }
    free(z.pieces);
    free(z.items);
    return st;
}

/* A heading over next to no text heads nothing: a logo, a cover line, a table label. */
static void
drop_empty_sections(reader *r)
{
    ilokg_doc *doc = r->doc;
    size_t    *len = calloc(doc->n_sections + 1, sizeof *len);
    size_t    *map = calloc(doc->n_sections + 1, sizeof *map);
    if (!len || !map) {
        free(len);
        free(map);
        return; /* keeping them is harmless */
    }
    for (size_t i = 0; i < r->f.n_paras; i++) {
        const para *pp = &r->f.paras[i];
        if (pp->section != NONE && pp->section < doc->n_sections) {
            len[pp->section] += pp->fe - pp->fs;
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < doc->n_sections; i++) {
        if (doc->sections[i].n_commitments == 0 && len[i] < 80) {
            free(doc->sections[i].heading);
            free(doc->sections[i].part);
            free(doc->sections[i].themes);
            map[i] = NONE;
            continue;
        }
        map[i]              = k;
        doc->sections[k++] = doc->sections[i];
    }
    doc->n_sections = k;
    for (size_t i = 0; i < doc->n_commitments; i++) {
        size_t sec = doc->commitments[i].section;
        doc->commitments[i].section = sec == NONE ? NONE : map[sec];
    }
    free(len);
    free(map);
}

ilokg_status
ilokg_segment_doc(ilokg_doc *doc, const ilokg_text *text, const ilokg_source *src,
                  ilokg_diag *diag)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.doc     = doc;
    r.t       = text;
    r.src     = src;
    r.diag    = diag;
    r.section     = NONE;
    r.heading_row = NONE;
    ilokg_status st = index_lines(&r);
    if (!st) {
        st = read_header(&r);
    }
    if (!st) {
        st = read_layout(&r);
    }
    if (!st) {
        st = read_items(&r);
    }
    if (!st) {
        drop_empty_sections(&r);
    }
    ilokg_buf_free(&r.f.buf);
    free(r.f.nmap);
    free(r.f.nend);
    free(r.f.paras);
    free(r.lines);
    free(r.part);
    return st;
}
