/* SPDX-License-Identifier: Apache-2.0 */
/* Normalisation: character-level repairs of PDF-extraction damage. The layout (lines, tabs) is
 * kept for segment.c; every output byte maps back to the source byte it came from. */
#include "read/normalize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "read/furniture.h"

ilokg_span
ilokg_text_span(const ilokg_text *t, size_t start, size_t end)
{
    if (end > t->len) {
        end = t->len;
    }
    if (start > end) {
        start = end;
    }
    ilokg_span s = {t->map[start], t->map[start]};
    if (end > start) {
        s.end = t->map_end ? t->map_end[end - 1] : t->map[end - 1] + 1;
    }
    return s;
}

void
ilokg_text_free(ilokg_text *t)
{
    if (t) {
        free(t->ptr);
        free(t->map);
        free(t->map_end);
        memset(t, 0, sizeof *t);
    }
}

typedef struct {
    ilokg_buf buf;
    size_t   *map, *map_end;
    size_t    cap, cap_end;
} builder;

/* Appends len bytes that stand for source bytes [src_off, src_end). */
static ilokg_status
emit_range(builder *b, const char *p, size_t len, size_t src_off, size_t src_end)
{
    ilokg_status st = ilokg_buf_add(&b->buf, p, len);
    if (st || !len || (st = ilokg_grow_raw(&b->map, &b->cap, b->buf.len - 1, sizeof *b->map)) ||
        (st = ilokg_grow_raw(&b->map_end, &b->cap_end, b->buf.len - 1, sizeof *b->map_end))) {
        return st;
    }
    for (size_t at = b->buf.len - len; at < b->buf.len; at++) {
        b->map[at]     = src_off;
        b->map_end[at] = src_end;
    }
    return ILOKG_OK;
}

static ilokg_status
emit(builder *b, const char *p, size_t len, size_t src_off)
{
    return emit_range(b, p, len, src_off, src_off + 1);
}

/* Characters the extraction turns into look-alikes: one replacement each. */
typedef struct {
    uint32_t    cp;
    const char *to; /* "" deletes */
} char_rule;

static const char_rule char_rules[] = {
    {0x00A0, " "},
    {0x2000, " "},
    {0x2001, " "},
    {0x2002, " "},
    {0x2003, " "},
    {0x2004, " "},
    {0x2005, " "},
    {0x2006, " "},
    {0x2007, " "},
    {0x2008, " "},
    {0x2009, " "},
    {0x200A, " "},
    {0x202F, " "},
    {0x205F, " "},
    {0x3000, " "},
    {0x00AD, ""},
    {0x200B, ""},
    {0x200C, ""},
    {0x200D, ""},
    {0xFEFF, ""},
    {0x2060, ""},
    {0xFB00, "ff"},
    {0xFB01, "fi"},
    {0xFB02, "fl"},
    {0xFB03, "ffi"},
    {0xFB04, "ffl"},
    {0xFB05, "st"},
    {0xFB06, "st"},
    {0x2018, "'"},
    {0x2019, "'"},
    {0x201A, "'"},
    {0x201B, "'"},
    {0x2032, "'"},
    {0x02BC, "'"},
    {0x201C, "\""},
    {0x201D, "\""},
    {0x201E, "\""},
    {0x201F, "\""},
    {0x2033, "\""},
    {0x00AB, "\""},
    {0x00BB, "\""},
    {0x2010, "-"},
    {0x2011, "-"},
    {0x2012, "-"},
    {0x2013, "-"},
    {0x2014, "-"},
    {0x2015, "-"},
    {0x2212, "-"},
    {0x2026, "..."},
    /* Bullet glyphs, including Symbol/Wingdings private-use code points. */
    {0x2023, "\xE2\x80\xA2"},
    {0x2043, "\xE2\x80\xA2"},
    {0x25AA, "\xE2\x80\xA2"},
    {0x25CF, "\xE2\x80\xA2"},
    {0x25E6, "\xE2\x80\xA2"},
    {0x25BA, "\xE2\x80\xA2"},
    {0x27A2, "\xE2\x80\xA2"},
    {0x2219, "\xE2\x80\xA2"},
    {0x00B7, "\xE2\x80\xA2"},
    {0xF0B7, "\xE2\x80\xA2"},
    {0xF0A7, "\xE2\x80\xA2"},
    {0xF0D8, "\xE2\x80\xA2"},
    {0xF076, "\xE2\x80\xA2"},
    {0xF0FC, "\xE2\x80\xA2"},
    {0xF06E, "\xE2\x80\xA2"},
};

static const char *
char_rule_for(uint32_t cp)
{
    for (size_t i = 0; i < sizeof char_rules / sizeof char_rules[0]; i++) {
        if (char_rules[i].cp == cp) {
            return char_rules[i].to;
        }
    }
    return NULL;
}

/* The previous output byte (0 at the start). */
static char
last(const builder *b)
{
    return b->buf.len ? b->buf.ptr[b->buf.len - 1] : 0;
}

/* At the start of a line (only spaces/tabs since the last newline)? */
static int
at_line_start(const builder *b)
{
    for (size_t i = b->buf.len; i > 0; i--) {
        char c = b->buf.ptr[i - 1];
        if (c == '\n') {
            return 1;
        }
        if (!ilokg_is_blank(c)) {
            return 0;
        }
    }
    return 1;
}

static int
word_at(const char *p, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && !memcmp(p, w, k) && (n == k || !ilokg_is_alpha(p[k]));
}

/* Emphasis markup that survives extraction: <i>...</i>, <b>, **bold**, *italic*. */
static size_t
markup_len(const char *p, size_t n, const builder *b)
{
    static const char *const tags[] = {"<i>", "</i>", "<b>", "</b>", "<em>", "</em>"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        size_t k = strlen(tags[i]);
        if (n >= k && !memcmp(p, tags[i], k)) {
            return k;
        }
    }
    if (p[0] == '*') {
        size_t k      = (n >= 2 && p[1] == '*') ? 2 : 1;
        char   before = last(b), after = n > k ? p[k] : 0;
        int    sp_before = before == 0 || before == ' ' || before == '\t' || before == '\n';
        int    sp_after  = after == 0 || after == ' ' || after == '\t' || after == '\n';
        /* A lone '*' between spaces (a footnote or a multiplication sign) stays. */
        if (!(sp_before && sp_after)) {
            return k;
        }
    }
    return 0;
}

/* Length of "N " opening a line when a list marker follows it ("3 18. Make joint efforts",
 * "8 - The Conference"), or of "N" alone in the first cell of a table row ("4\tThe COVID-19
 * pandemic ..."): a page number glued to the first word of a page, since an item's own number
 * is never followed by another marker and keeps its full stop in a table. 0 when there is none. */
static size_t
page_number_len(const char *p, size_t n)
{
    size_t d = 0;
    while (d < n && d < 4 && p[d] >= '0' && p[d] <= '9') {
        d++;
    }
    size_t sp = d;
    while (sp < n && p[sp] == ' ') {
        sp++;
    }
    /* Alone in the first cell of a table row: not an item number, which has its full stop. */
    if (d >= 1 && d <= 3 && sp < n && p[sp] == '\t') {
        return sp;
    }
    if (d == 0 || d > 3 || d + 1 >= n || p[d] != ' ') {
        return 0;
    }
    const char *q = p + d + 1;
    size_t      m = n - d - 1, k = 0;
    while (k < m && k < 4 && q[k] >= '0' && q[k] <= '9') {
        k++;
    }
    int numbered = k >= 1 && k <= 3 && k + 1 < m && (q[k] == '.' || q[k] == ')') &&
                   (q[k + 1] == ' ' || q[k + 1] == '\t');
    int dashed   = m >= 2 && (q[0] == '-' || q[0] == '*') && q[1] == ' ';
    int bullet   = m >= 4 && !memcmp(q, "\xE2\x80\xA2", 3) && q[3] == ' ';
    int lettered = m >= 4 && q[0] == '(' && ilokg_is_alpha(q[1]) && q[2] == ')';
    return numbered || dashed || bullet || lettered ? d + 1 : 0;
}

/* Bytes of the space at s[i]: an ASCII space, or a character char_rules turns into one (no-break
 * and the other Unicode spaces), so that the repairs below see a space however the extractor
 * wrote it. 0 when there is none. */
static size_t
space_at(const char *s, size_t n, size_t i)
{
    if (i >= n || (unsigned char)s[i] < 0x80) {
        return i < n && s[i] == ' ';
    }
    uint32_t    cp;
    size_t      k  = ilokg_utf8_decode(&cp, s + i, n - i);
    const char *to = k ? char_rule_for(cp) : NULL;
    return to && !strcmp(to, " ") ? k : 0;
}

/* Repairs around spaces: a hyphen a line break left a space behind, a column gap printed as
 * spaces, an ordinal suffix printed apart. Returns the bytes of s read from i (0: none of them
 * applies); *st gets the status of what was emitted. */
static size_t
space_repair(builder *b, const char *s, size_t n, size_t i, ilokg_status *st)
{
    char c = s[i];
    /* "COVID- 19", "Work- life", "non- EU": a hyphen at a line break inside a table cell
     * left a space behind. Suspended hyphens ("up- and re-skill") keep theirs. */
    if (c == '-' && i > 0 && ilokg_is_alnum(last(b)) && i + 2 < n && space_at(s, n, i + 1)) {
        size_t j = i + 1, k;
        while ((k = space_at(s, n, j))) {
            j += k;
        }
        if (j < n && ilokg_is_alnum(s[j]) && !word_at(s + j, n - j, "and") &&
            !word_at(s + j, n - j, "or") && !word_at(s + j, n - j, "to")) {
            *st = emit(b, "-", 1, i);
            return j - i;
        }
    }
    /* A column gap printed as a run of spaces (a layout-preserving extraction) is the same
     * cell boundary as a tab. */
    if ((c == ' ' || (unsigned char)c >= 0x80) && i > 0 && last(b) != 0 && !ilokg_is_ws(last(b))) {
        size_t j = i, spaces = 0, k = 0;
        while (j < n && (s[j] == ' ' || ((unsigned char)s[j] >= 0x80 && (k = space_at(s, n, j))))) {
            j += s[j] == ' ' ? 1 : k;
            spaces++;
        }
        if (spaces >= 3 && j < n && !ilokg_is_ws(s[j])) {
            *st = emit_range(b, "\t", 1, i, j);
            return j - i;
        }
    }
    /* "10 th anniversary": a superscript ordinal printed apart. */
    size_t k = 0;
    if (i > 0 && last(b) >= '0' && last(b) <= '9' && (k = space_at(s, n, i)) && i + k + 2 < n) {
        const char *q = s + i + k;
        if (((q[0] == 't' && q[1] == 'h') || (q[0] == 's' && q[1] == 't') ||
             (q[0] == 'n' && q[1] == 'd') || (q[0] == 'r' && q[1] == 'd')) &&
            !ilokg_is_alnum(q[2])) {
            return k;
        }
    }
    return 0;
}

/* ---- Markdown, as PDF-to-Markdown converters write it ------------------------------------ */

/* The bytes of the line at s[i] up to its line end (excluded) and trailing blanks. */
static size_t
line_text_end(const char *s, size_t n, size_t i)
{
    size_t e = i;
    while (e < n && s[e] != '\n' && s[e] != '\r') {
        e++;
    }
    while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t')) {
        e--;
    }
    return e;
}

/* A pipe table's delimiter row ("|---|:---:|", under its first row): only pipes, dashes, colons
 * and blanks, with a pipe and a dash. Returns its bytes with its line end, 0 when it is none. */
static size_t
md_delimiter_row(const char *s, size_t n, size_t i)
{
    size_t e    = line_text_end(s, n, i);
    bool   pipe = false, dash = false;
    for (size_t k = i; k < e; k++) {
        if (!strchr("|-: \t", s[k])) {
            return 0;
        }
        pipe |= s[k] == '|';
        dash |= s[k] == '-';
    }
    if (!pipe || !dash) {
        return 0;
    }
    while (e < n && s[e] != '\n') {
        e++;
    }
    return e < n ? e + 1 - i : e - i;
}

/* A pipe table row ("| Social protection | Access to ... |"): the line opens with a pipe and
 * closes with one. */
static bool
md_pipe_row(const char *s, size_t n, size_t i)
{
    size_t e = line_text_end(s, n, i);
    return s[i] == '|' && e > i + 1 && s[e - 1] == '|';
}

/* "## Heading": the hashes of a Markdown heading and the spaces after them, 0 when none. */
static size_t
md_heading_len(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && k - i < 7 && s[k] == '#') {
        k++;
    }
    if (k == i || k - i > 6 || k >= n || s[k] != ' ') {
        return 0;
    }
    while (k < n && s[k] == ' ') {
        k++;
    }
    return k - i;
}

/* Inside a pipe table row: "\|" is a pipe of the text; a pipe between cells is a cell boundary
 * (a tab, as a column gap); the row's closing pipe goes. Returns the bytes read from i, 0 when
 * s[i] is none of these. */
static size_t
md_row_char(builder *b, const char *s, size_t n, size_t i, ilokg_status *st)
{
    if (s[i] == '\\' && i + 1 < n && s[i + 1] == '|') {
        *st = emit_range(b, "|", 1, i, i + 2);
        return 2;
    }
    if (s[i] != '|') {
        return 0;
    }
    size_t j = i + 1;
    while (j < n && (s[j] == ' ' || s[j] == '\t')) {
        j++;
    }
    if (j < n && s[j] != '\n' && s[j] != '\r') {
        *st = emit_range(b, "\t", 1, i, j);
    }
    return j - i;
}

/* Where the line starting at i ends, past its line end, when it is blank (spaces and tabs only,
 * then a line end); i when it is not. */
static size_t
past_blank_line(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && (s[j] == ' ' || s[j] == '\t')) {
        j++;
    }
    if (j < n && s[j] == '\r') {
        j++;
    }
    return j < n && s[j] == '\n' ? j + 1 : i;
}

ilokg_status
ilokg_normalize(ilokg_text *out, const ilokg_source *src, ilokg_diag *diag)
{
    (void)diag;
    builder      b  = {ILOKG_BUF_INIT, NULL, NULL, 0, 0};
    ilokg_status st = ILOKG_OK;
    const char  *s  = src->bytes;
    size_t       n = src->len, i = 0;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
        i = 3; /* BOM */
    }
    ilokg_cut *pages   = NULL;
    size_t     n_pages = 0, next_page = 0;
    st = ilokg_find_furniture(&pages, &n_pages, s, n);
    /* Double-spaced text: each line's blank line after it goes, so that one blank line is a
     * line break and two a paragraph break, as in the text of any other extraction. */
    bool dbl = ilokg_double_spaced(s, n);
    bool row = false; /* inside a Markdown pipe table row */
    while (!st && i < n) {
        char c = s[i];
        while (next_page < n_pages && pages[next_page].at < i) {
            next_page++;
        }
        if (next_page < n_pages && pages[next_page].at == i) {
            i += pages[next_page++].len;
            continue;
        }
        if (c == '\n' || c == '\r') {
            row = false;
        } else if (row) {
            size_t md = md_row_char(&b, s, n, i, &st);
            if (md) {
                i += md;
                continue;
            }
        } else if ((c == '|' || c == '#') && at_line_start(&b)) {
            size_t md = c == '|' ? md_delimiter_row(s, n, i) : md_heading_len(s, n, i);
            if (!md && c == '|' && md_pipe_row(s, n, i)) {
                row = true;
                md  = 1;
                while (i + md < n && (s[i + md] == ' ' || s[i + md] == '\t')) {
                    md++;
                }
            }
            if (md) {
                i += md;
                continue;
            }
        }
        if (c == '\r') {
            size_t k = (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            st       = emit_range(&b, "\n", 1, i, i + k);
            i += k;
            i = dbl ? past_blank_line(s, n, i) : i;
            continue;
        }
        if (c == '\n' && dbl) {
            st = emit(&b, "\n", 1, i);
            i  = past_blank_line(s, n, i + 1);
            continue;
        }
        /* A page break (pdftotext puts a form feed before each page's first line): the text
         * goes on as if the page did not end, as a paragraph or an item often does not; inside
         * a line it ends the line. */
        if (c == '\f') {
            if (!at_line_start(&b)) {
                st = emit(&b, "\n", 1, i);
            }
            i++;
            continue;
        }
        size_t mk = markup_len(s + i, n - i, &b);
        if (mk) {
            i += mk;
            continue;
        }
        size_t sp = space_repair(&b, s, n, i, &st);
        if (sp) {
            i += sp;
            continue;
        }
        if (c >= '0' && c <= '9' && at_line_start(&b)) {
            size_t pn = page_number_len(s + i, n - i);
            if (pn) {
                i += pn;
                continue;
            }
        }
        /* The "o" of a second-level bullet (Word's Courier "o") extracts as a lower-case o on its
         * own before a capitalised word: English has no such word. */
        if (c == 'o' && (at_line_start(&b) || last(&b) == ' ' || last(&b) == '\t') && i + 2 < n &&
            (s[i + 1] == ' ' || s[i + 1] == '\t') && ilokg_is_upper(s[i + 2])) {
            st = emit_range(&b, "\xE2\x80\xA2", 3, i, i + 1);
            i++;
            continue;
        }
        /* The ILO template's arrow bullet extracts as a capital X opening a line. */
        if (c == 'X' && at_line_start(&b) && i + 2 < n && s[i + 1] == ' ' &&
            (ilokg_is_alpha(s[i + 2]) || s[i + 2] == ' ')) {
            st = emit_range(&b, "\xE2\x80\xA2", 3, i, i + 1);
            i++;
            continue;
        }
        if ((unsigned char)c < 0x80) {
            st = emit(&b, &c, 1, i);
            i++;
            continue;
        }
        uint32_t cp;
        size_t   k = ilokg_utf8_decode(&cp, s + i, n - i);
        if (!k) {
            /* The source was validated on load; a bad byte here is our bug. */
            st = ILOKG_ERR_INTERNAL;
            break;
        }
        const char *to = char_rule_for(cp);
        if (to) {
            st = emit_range(&b, to, strlen(to), i, i + k);
            i += k;
            continue;
        }
        for (size_t j = 0; !st && j < k; j++) {
            st = emit(&b, s + i + j, 1, i + j);
        }
        i += k;
    }
    free(pages);
    if (!st && !(st = ilokg_grow(&b.map, &b.cap, b.buf.len, sizeof *b.map))) {
        st = ilokg_grow(&b.map_end, &b.cap_end, b.buf.len, sizeof *b.map_end);
    }
    if (!st && !b.buf.ptr) {
        st = ilokg_buf_reserve(&b.buf, 0);
    }
    if (st) {
        ilokg_buf_free(&b.buf);
        free(b.map);
        free(b.map_end);
        return st;
    }
    b.map[b.buf.len]     = n;
    b.map_end[b.buf.len] = n;
    out->len             = b.buf.len;
    out->ptr             = ilokg_buf_detach(&b.buf);
    out->map             = b.map;
    out->map_end         = b.map_end;
    return ILOKG_OK;
}
