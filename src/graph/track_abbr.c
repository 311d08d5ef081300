/* SPDX-License-Identifier: Apache-2.0 */
/* Abbreviations a document defines ("occupational safety and health (OSH)"): read from its
 * whole text, each paired with its long form, so that a commitment that writes "OSH" also has the
 * stems of "occupational safety and health" (docs/tracking.md). Nothing is listed: the
 * definitions are read, with the algorithm of Schwartz and Hearst (2003, "A simple algorithm for
 * identifying abbreviation definitions in biomedical text"): the characters of the abbreviation
 * matched right to left in the words before the parenthesis, its first one at the start of a
 * word. */
#include "graph/track_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define ABBR_MAX 12 /* bytes of an abbreviation: "SPIAC-B", "UNSDCFs" */

static bool
is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char
lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* An abbreviation: 2 to ABBR_MAX letters, digits and hyphens, starting with a letter, with at
 * least two capitals ("OSH", "ITC-ILO", "TCAs"; not "Revised", "C189"). */
static bool
is_abbr(const char *p, size_t len)
{
    size_t caps = 0;
    if (len < 2 || len > ABBR_MAX ||
        !((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z'))) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (!is_alnum(p[i]) && p[i] != '-') {
            return false;
        }
        caps += p[i] >= 'A' && p[i] <= 'Z';
    }
    return caps >= 2;
}

/* Where the candidate long form before the '(' at text[open] starts: at most min(n + 5, 2n)
 * words back for an abbreviation of n characters, not across a sentence or clause end or
 * another parenthesis. */
static size_t
window_start(const char *text, size_t open, size_t n)
{
    size_t max_words = n + 5 < 2 * n ? n + 5 : 2 * n, words = 0, i = open;
    while (i > 0 && text[i - 1] == ' ') {
        i--;
    }
    while (i > 0) {
        char c = text[i - 1];
        if (c == '.' || c == ';' || c == ':' || c == '(' || c == ')' || c == '\n') {
            break;
        }
        if (c == ' ' && is_alnum(text[i]) && ++words >= max_words) {
            break;
        }
        i--;
    }
    while (text[i] == ' ') {
        i++;
    }
    return i;
}

/* Schwartz-Hearst: the start of the long form of abbr (len bytes) in text[b, e), or SIZE_MAX. */
static size_t
long_form_start(const char *text, size_t b, size_t e, const char *abbr, size_t len)
{
    size_t l = e; /* one past the next character to look at */
    for (size_t s = len; s > 0; s--) {
        char c = lower(abbr[s - 1]);
        if (!is_alnum(c)) {
            continue;
        }
        while (l > b &&
               (lower(text[l - 1]) != c || (s == 1 && l - 1 > b && is_alnum(text[l - 2])))) {
            l--;
        }
        if (l == b) {
            return SIZE_MAX;
        }
        l--;
    }
    while (l > b && is_alnum(text[l - 1])) { /* to the start of its word */
        l--;
    }
    return l;
}

/* Whether word (len bytes) occurs in text[b, e) as a whole word. */
static bool
has_word(const char *text, size_t b, size_t e, const char *word, size_t len)
{
    for (size_t i = b; i + len <= e; i++) {
        if (!memcmp(text + i, word, len) && (i == b || !is_alnum(text[i - 1])) &&
            (i + len == e || !is_alnum(text[i + len]))) {
            return true;
        }
    }
    return false;
}

/* The long form text[b, e) as one line of words: line breaks and runs of spaces made one space,
 * tabs too (they separate the fields of a line). */
static ilokg_status
add_long_form(ilokg_buf *out, const char *text, size_t b, size_t e)
{
    ilokg_status st    = ILOKG_OK;
    bool         space = false;
    for (size_t i = b; !st && i < e; i++) {
        char c = text[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !(st = ilokg_buf_addc(out, ' '))) {
            space = false;
        }
        st = st ? st : ilokg_buf_addc(out, c);
    }
    return st ? st : ilokg_buf_addc(out, '\n');
}

ilokg_status
track_abbr_defs(char **out, const char *text, size_t len)
{
    ilokg_buf    defs = ILOKG_BUF_INIT;
    ilokg_status st   = ILOKG_OK;
    *out              = NULL;
    for (size_t open = 0; !st && open < len; open++) {
        const char *close = text[open] == '(' ? memchr(text + open + 1, ')', len - open - 1) : NULL;
        size_t      n = close ? (size_t)(close - text) - open - 1 : 0, n_long = 0;
        if (!close || !is_abbr(text + open + 1, n) ||
            track_abbr_long(defs.ptr, text + open + 1, n, &n_long)) {
            continue;
        }
        size_t b = window_start(text, open, n), e = open;
        while (e > b && text[e - 1] == ' ') {
            e--;
        }
        size_t s = long_form_start(text, b, e, text + open + 1, n);
        /* The long form is longer than the abbreviation and does not contain it ("the EU
         * Directive (EU)" defines nothing). */
        if (s == SIZE_MAX || e - s <= n || has_word(text, s, e, text + open + 1, n)) {
            continue;
        }
        if (!(st = ilokg_buf_add(&defs, text + open + 1, n)) &&
            !(st = ilokg_buf_addc(&defs, '\t'))) {
            st = add_long_form(&defs, text, s, e);
        }
    }
    if (st) {
        ilokg_buf_free(&defs);
        return st;
    }
    *out = defs.ptr; /* NULL when none */
    return ILOKG_OK;
}

size_t
track_abbr_long_at(const char *text, size_t s, const char *lf, size_t lf_len)
{
    size_t i = s;
    if (s > 0 && is_alnum(text[s - 1])) {
        return 0;
    }
    for (size_t k = 0; k < lf_len; k++) {
        if (lf[k] == ' ') {
            if (text[i] != ' ' && text[i] != '\n') {
                return 0;
            }
            while (text[i] == ' ' || text[i] == '\n') {
                i++;
            }
        } else if (!text[i] || lower(text[i]) != lower(lf[k])) {
            return 0;
        } else {
            i++;
        }
    }
    return is_alnum(text[i]) ? 0 : i;
}

/* Whether text has the long form lf (lf_len bytes) anywhere (track_abbr_long_at). */
static bool
has_long_form(const char *text, const char *lf, size_t lf_len)
{
    for (size_t i = 0; text[i]; i++) {
        if (track_abbr_long_at(text, i, lf, lf_len)) {
            return true;
        }
    }
    return false;
}

ilokg_status
track_abbr_used(char **out, const char *defs, const char *text)
{
    ilokg_buf    used = ILOKG_BUF_INIT;
    ilokg_status st   = ILOKG_OK;
    size_t       len  = strlen(text);
    *out              = NULL;
    for (const char *p = defs; !st && p && *p;) {
        const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
        if (!tab || !nl) {
            break;
        }
        if (has_word(text, 0, len, p, (size_t)(tab - p)) ||
            has_long_form(text, tab + 1, (size_t)(nl - tab - 1))) {
            st = ilokg_buf_add(&used, p, (size_t)(nl + 1 - p));
        }
        p = nl + 1;
    }
    if (st) {
        ilokg_buf_free(&used);
        return st;
    }
    *out = used.ptr;
    return ILOKG_OK;
}

const char *
track_abbr_long(const char *abbrevs, const char *word, size_t len, size_t *long_len)
{
    for (const char *p = abbrevs; p && *p;) {
        const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
        if (!tab || !nl) {
            break;
        }
        if ((size_t)(tab - p) == len && !memcmp(p, word, len)) {
            *long_len = (size_t)(nl - tab - 1);
            return tab + 1;
        }
        p = nl + 1;
    }
    return NULL;
}
