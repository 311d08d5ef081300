/* SPDX-License-Identifier: Apache-2.0 */
/* ILO instruments by number: "Convention No. 189", "(No 81)", "N°204", "C189", "C.189", "P29",
 * lists ("Conventions Nos 100, 102 and 190"), titles before the number, and the Recommendation
 * a Convention's "accompanying Recommendation" names. */
#include "recognize/recognize_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"

#define NONE ILOKG_REC_NONE

/* "No.", "No", "Nos.", "N°", "Nº"... then an optional space, then a digit: the offset of the
 * digit, or NONE. */
static size_t
number_mark(const ilokg_folded *f, size_t i)
{
    static const char *const marks[] = {"Nos.", "Nos", "No.",  "No",  "N\xC2\xB0", "N\xC2\xBA",
                                        "Nr.",  "N.",  "nos.", "no.", NULL};
    if (i > 0 && ilokg_is_word_byte(f->folded[i - 1])) {
        return NONE;
    }
    for (size_t k = 0; marks[k]; k++) {
        size_t j = ilokg_rec_lit(f, i, marks[k]);
        if (j != NONE) {
            j = ilokg_rec_skip_space(f, j);
            if (j < f->len && ilokg_is_digit(f->folded[j])) {
                return j;
            }
        }
    }
    return NONE;
}

/* An instrument number: one to three digits, not part of a longer number, a decimal ("8.7") or
 * a word ("4th"). Returns the end offset or NONE. */
static size_t
instrument_number(const ilokg_folded *f, size_t i, unsigned *v)
{
    const char *t = f->folded;
    size_t      j = i;
    unsigned    x = 0;
    while (j < f->len && ilokg_is_digit(t[j]) && j - i < 4) {
        x = x * 10 + (unsigned)(t[j++] - '0');
    }
    if (j == i || j - i > 3 || x == 0) {
        return NONE;
    }
    if (j < f->len && ilokg_is_word_byte(t[j])) {
        return NONE;
    }
    if (j + 1 < f->len && (t[j] == '.' || t[j] == ',') && ilokg_is_digit(t[j + 1])) {
        return NONE;
    }
    *v = x;
    return j;
}

/* A year 1900-2099 at i, a whole word: its end or NONE. */
static size_t
year_at(const ilokg_folded *f, size_t i)
{
    const char *t = f->folded;
    if (i >= f->len || f->len - i < 4 || !(t[i] == '1' || t[i] == '2') ||
        !(t[i + 1] == '9' || t[i + 1] == '0') || !ilokg_is_digit(t[i + 2]) || !ilokg_is_digit(t[i + 3])) {
        return NONE;
    }
    if (i > 0 && ilokg_is_word_byte(t[i - 1])) {
        return NONE;
    }
    return i + 4 < f->len && ilokg_is_word_byte(t[i + 4]) ? NONE : i + 4;
}

static bool
word_in(const char *w, size_t len, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) {
        if (strlen(list[i]) == len && !memcmp(w, list[i], len)) {
            return true;
        }
    }
    return false;
}

static const char *const keywords[] = {
    "Convention", "Conventions", "Recommendation", "Recommendations", "Protocol",
    "Protocols",  NULL};

/* Where the printed title before an instrument keyword at ks begins: capitalised words and the
 * small words between them ("Work in Fishing", "Migrant Workers (Supplementary Provisions)"),
 * stopping at "the", "ILO", punctuation, numbers or another instrument. ks when none. */
static size_t
title_start(const ilokg_folded *f, size_t ks)
{
    static const char *const stop[]  = {"ILO", "ILO's", "The",   "the",  "EU",    "EU's", "its",
                                        "Its", "their", "Their", "this", "these", "a",    "A",
                                        "an",  "An",    "new",   "New",  "our",   NULL};
    static const char *const small[] = {"and", "of",   "for", "in",         "on",
                                        "to",  "with", "at",  "concerning", NULL};
    const char              *t       = f->folded;
    size_t                   start = ks, pos = ks;
    for (int words = 0; words < 12 && pos >= 2 && t[pos - 1] == ' '; words++) {
        size_t we = pos - 1, ws = we;
        while (ws > 0 && t[ws - 1] != ' ') {
            ws--;
        }
        const char *w  = t + ws;
        size_t      wl = we - ws;
        if (!wl || strchr(",;:.\"", w[wl - 1]) || word_in(w, wl, stop) ||
            word_in(w, wl, keywords)) {
            break;
        }
        bool has_digit = false;
        for (size_t i = 0; i < wl; i++) {
            has_digit = has_digit || ilokg_is_digit(w[i]);
        }
        bool cap =
            (w[0] >= 'A' && w[0] <= 'Z') || (w[0] == '(' && wl > 1 && w[1] >= 'A' && w[1] <= 'Z');
        if (has_digit || (!cap && !word_in(w, wl, small))) {
            break;
        }
        if (cap) {
            start = ws;
        }
        pos = ws;
    }
    return start;
}

static void
emit_number(ilokg_rec_ctx *x, char type, unsigned v, size_t fs, size_t fe, size_t ts, size_t te,
            const char *year)
{
    char code[8];
    if (v > 999) {
        return;
    }
    snprintf(code, sizeof code, "%c%03u", type, v);
    const ilokg_entity *e;
    ilokg_status        st = ilokg_gazetteer_instrument(
               &e, x->gaz, code, ts < te ? x->f->folded + ts : NULL, ts < te ? te - ts : 0, year);
    if (st == ILOKG_OK) {
        ilokg_rec_add(x, e, fs, fe, false, ILOKG_ORIGIN_NUMBER);
    } else if (st != ILOKG_ERR_NOT_FOUND && !x->st) {
        x->st = st;
    }
}

/* After a number ending at p: ", 102", " and 190", " in 2019 and No.105" ... */
static void
number_list(ilokg_rec_ctx *x, char type, size_t p)
{
    static const char *const seps[] = {", and ", ", or ", ", ", " and ", " or ", " & ", NULL};
    const ilokg_folded      *f      = x->f;
    for (;;) {
        size_t j = p, k = NONE, m, e;
        bool   had_in = false;
        size_t in     = ilokg_rec_lit(f, j, " in ");
        if (in != NONE && year_at(f, in) != NONE) {
            j      = year_at(f, in);
            had_in = true;
        }
        for (size_t s = 0; seps[s] && k == NONE; s++) {
            k = ilokg_rec_lit(f, j, seps[s]);
        }
        if (k == NONE) {
            return;
        }
        m = number_mark(f, k);
        if (m == NONE) {
            if (had_in) {
                return; /* "No. 98 in 2019 and 40 ..." : only a marked number continues */
            }
            m = k;
        }
        unsigned v;
        if ((e = instrument_number(f, m, &v)) == NONE) {
            return;
        }
        emit_number(x, type, v, k, e, 0, 0, NULL);
        p = e;
    }
}

void
ilokg_rec_instrument_keyword(ilokg_rec_ctx *x, const ilokg_name *nm, size_t ks, size_t ke)
{
    const ilokg_folded *f    = x->f;
    const char         *t    = f->folded;
    size_t              n    = f->len;
    char                type = nm->trigger == ILOKG_TRIGGER_CONVENTION       ? 'C'
                               : nm->trigger == ILOKG_TRIGGER_RECOMMENDATION ? 'R'
                                                                             : 'P';
    size_t              i = ke, title_end = ke, j, k, m;
    char                year[5] = "";
    unsigned            v;
    if ((j = ilokg_rec_lit(f, i, " (Revised)")) != NONE) {
        i = title_end = j;
    }
    j = i < n && t[i] == ',' ? i + 1 : i;
    j = ilokg_rec_skip_space(f, j);
    if (j > i && (k = year_at(f, j)) != NONE) {
        memcpy(year, t + j, 4);
        i = k;
    }
    j = i < n && t[i] == ',' ? i + 1 : i;
    j = ilokg_rec_skip_space(f, j);
    if (j > i && (k = ilokg_rec_word_ci(f, j, "as")) != NONE &&
        (k = ilokg_rec_lit(f, k, " amended")) != NONE) {
        i = k;
    }
    j                 = i < n && t[i] == ',' ? i + 1 : i;
    size_t      sp    = ilokg_rec_skip_space(f, j);
    size_t      start = nm->plural_kw ? ks : title_start(f, ks);
    size_t      ts = start < ks ? start : 0, te = start < ks ? title_end : 0;
    const char *y = *year ? year : NULL;
    if (sp < n && t[sp] == '(') {
        /* "Convention, 2011 (No. 189)", "Recommendation (No.206)" */
        if ((m = number_mark(f, sp + 1)) != NONE && (k = instrument_number(f, m, &v)) != NONE) {
            k = ilokg_rec_skip_space(f, k);
            emit_number(x, type, v, start, k < n && t[k] == ')' ? k + 1 : k, ts, te, y);
        }
        return;
    }
    if (sp == j) {
        return;
    }
    if ((m = number_mark(f, sp)) != NONE) {
        /* "Convention No. 189", "Conventions Nos. 81, 87 and 98" */
        if ((k = instrument_number(f, m, &v)) != NONE) {
            emit_number(x, type, v, start, k, ts, te, y);
            number_list(x, type, k);
        }
        return;
    }
    if (!*year && i == title_end && (k = instrument_number(f, sp, &v)) != NONE) {
        /* "Domestic Workers Convention 189" */
        emit_number(x, type, v, start, k, ts, te, NULL);
        number_list(x, type, k);
        return;
    }
    if (!nm->plural_kw && i == title_end && sp == ke + 1 &&
        (ilokg_rec_word_ci(f, sp, "on") != NONE ||
         ilokg_rec_word_ci(f, sp, "concerning") != NONE)) {
        /* "the ILO Recommendation on the transition from informal to formal economy (N°204)":
         * the title follows the keyword. */
        for (size_t p = sp; p < n && p < sp + 200; p++) {
            if (strchr(".;:)", t[p])) {
                return;
            }
            if (t[p] == '(') {
                if ((m = number_mark(f, p + 1)) != NONE &&
                    (k = instrument_number(f, m, &v)) != NONE) {
                    k          = ilokg_rec_skip_space(f, k);
                    size_t end = p > ks && t[p - 1] == ' ' ? p - 1 : p;
                    emit_number(x, type, v, ks, k < n && t[k] == ')' ? k + 1 : k, ks, end, NULL);
                }
                return;
            }
        }
    }
}

void
ilokg_rec_instrument_code(ilokg_rec_ctx *x, size_t ks, size_t ke)
{
    const ilokg_folded *f    = x->f;
    const char         *t    = f->folded;
    char                type = t[ks];
    size_t              i    = ke, k;
    bool                dot  = false;
    unsigned            v;
    if (i < f->len && t[i] == '.') {
        i++;
        dot = true;
    }
    if ((k = instrument_number(f, i, &v)) == NONE || (!dot && k - i < 2)) {
        return; /* "C1", "R2": too short to be an instrument code */
    }
    /* "Protocol P29", "Convention C189": the keyword belongs to the mention, and so does a
     * title before it. */
    size_t start = ks, ts = 0, te = 0;
    if (ks >= 2 && t[ks - 1] == ' ') {
        size_t ws = ks - 1;
        while (ws > 0 && t[ws - 1] != ' ') {
            ws--;
        }
        if (word_in(t + ws, ks - 1 - ws, keywords)) {
            start = title_start(f, ws);
            if (start < ws) {
                ts = start;
                te = ks - 1;
            } else {
                start = ws;
            }
        }
    }
    emit_number(x, type, v, start, k, ts, te, NULL);
}

static bool
ends_with_keyword(const ilokg_folded *f, size_t fs, size_t fe)
{
    static const char *const kw[] = {"convention", "recommendation", "protocol", NULL};
    for (size_t i = 0; kw[i]; i++) {
        size_t n = strlen(kw[i]);
        if (fe - fs >= n && !memcmp(f->lower + fe - n, kw[i], n)) {
            return true;
        }
    }
    return false;
}

/* Nothing but spaces, commas, years and "as amended" between two mentions of one instrument. */
static bool
joinable_gap(const ilokg_folded *f, size_t a, size_t b)
{
    if (b < a || b - a > 40) {
        return false;
    }
    size_t i = a;
    while (i < b) {
        size_t k;
        if (f->folded[i] == ' ' || f->folded[i] == ',') {
            i++;
        } else if ((k = year_at(f, i)) != NONE && k <= b) {
            i = k;
        } else if ((k = ilokg_rec_lit(f, i, "as amended")) != NONE && k <= b) {
            i = k;
        } else {
            return false;
        }
    }
    return true;
}

/* "... and its accompanying Recommendation", "... and Recommendation", "... and their
 * accompanying Recommendations": the span of the word Recommendation(s), or NONE. */
static size_t
paired_phrase(const ilokg_folded *f, size_t e, size_t *rs, bool *plural)
{
    static const char *const adj[] = {"accompanying", "supplementing", "supplementary", "related",
                                      NULL};
    const char              *t     = f->folded;
    size_t                   j     = e < f->len && t[e] == ',' ? e + 1 : e, k;
    j                              = ilokg_rec_skip_space(f, j);
    if ((k = ilokg_rec_word_ci(f, j, "and")) == NONE) {
        return NONE;
    }
    j       = ilokg_rec_skip_space(f, k);
    *plural = false;
    if ((k = ilokg_rec_word_ci(f, j, "its")) != NONE) {
        j = ilokg_rec_skip_space(f, k);
    } else if ((k = ilokg_rec_word_ci(f, j, "their")) != NONE) {
        j       = ilokg_rec_skip_space(f, k);
        *plural = true;
    }
    for (size_t a = 0; adj[a]; a++) {
        if ((k = ilokg_rec_word_ci(f, j, adj[a])) != NONE) {
            j = ilokg_rec_skip_space(f, k);
            break;
        }
    }
    *rs = j;
    if ((k = ilokg_rec_word_ci(f, j, "recommendations")) != NONE) {
        *plural = true;
    } else if ((k = ilokg_rec_word_ci(f, j, "recommendation")) == NONE) {
        return NONE;
    }
    /* A number after it names the Recommendation itself ("... Recommendation (No.206)"). */
    size_t q = k < f->len && t[k] == ',' ? k + 1 : k;
    q        = ilokg_rec_skip_space(f, q);
    if (q < f->len && (t[q] == '(' || number_mark(f, q) != NONE)) {
        return NONE;
    }
    return k;
}

static void
add_paired(ilokg_rec_ctx *x, const ilokg_entity *of, size_t rs, size_t re)
{
    const ilokg_entity *r;
    if (!of->paired) {
        return;
    }
    ilokg_status st = ilokg_gazetteer_instrument(&r, x->gaz, of->paired, NULL, 0, NULL);
    if (st == ILOKG_OK) {
        ilokg_rec_add(x, r, rs, re, false, ILOKG_ORIGIN_PAIRED);
    } else if (!x->st) {
        x->st = st;
    }
}

/* Between two instruments of a list: ", and the", " and ", ", ". */
static bool
list_gap(const ilokg_folded *f, size_t a, size_t b)
{
    static const char *const words[] = {"and", "the", "or", NULL};
    if (b < a || b - a > 16) {
        return false;
    }
    size_t i = a;
    while (i < b) {
        size_t k = NONE;
        if (f->folded[i] == ' ' || f->folded[i] == ',') {
            i++;
            continue;
        }
        for (size_t w = 0; words[w] && k == NONE; w++) {
            k = ilokg_rec_word_ci(f, i, words[w]);
        }
        if (k == NONE || k > b) {
            return false;
        }
        i = k;
    }
    return true;
}

void
ilokg_rec_instruments_finish(ilokg_rec_ctx *x)
{
    const ilokg_folded *f = x->f;
    /* "Violence and Harassment Convention 2019": the year belongs to the title. */
    for (size_t i = 0; i < x->n; i++) {
        ilokg_rec_cand *c = &x->c[i];
        if (c->ent->kind != ILOKG_ENT_INSTRUMENT || c->origin != ILOKG_ORIGIN_NAME ||
            !ends_with_keyword(f, c->fs, c->fe)) {
            continue;
        }
        size_t j = c->fe < f->len && f->folded[c->fe] == ',' ? c->fe + 1 : c->fe, k;
        j        = ilokg_rec_skip_space(f, j);
        if (j > c->fe && (k = year_at(f, j)) != NONE) {
            c->fe = k;
        }
    }
    ilokg_rec_dedupe(x);
    /* "Forced Labour Protocol P29", "Work in Fishing Convention, 2007 C188": one mention. */
    for (size_t i = 0; i < x->n; i++) {
        ilokg_rec_cand *a = &x->c[i];
        if (a->dead || a->ent->kind != ILOKG_ENT_INSTRUMENT) {
            continue;
        }
        for (size_t j = i + 1; j < x->n; j++) {
            ilokg_rec_cand *b = &x->c[j];
            if (b->dead || b->ent->kind != ILOKG_ENT_INSTRUMENT) {
                continue;
            }
            if (b->ent == a->ent && joinable_gap(f, a->fe, b->fs)) {
                a->fe     = b->fe;
                a->origin = ILOKG_ORIGIN_NUMBER;
                b->dead   = true;
            }
            break;
        }
    }
    /* Paired Recommendations. New candidates are appended: walk the original ones only. */
    size_t n0 = x->n;
    for (size_t i = 0; i < n0; i++) {
        const ilokg_rec_cand c = x->c[i];
        size_t               rs, re;
        bool                 plural;
        if (c.dead || c.ent->kind != ILOKG_ENT_INSTRUMENT || c.origin == ILOKG_ORIGIN_PAIRED ||
            (re = paired_phrase(f, c.fe, &rs, &plural)) == NONE) {
            continue;
        }
        add_paired(x, c.ent, rs, re);
        /* "C097 ..., and C143 ..., and their accompanying Recommendations" */
        size_t cur = c.fs;
        for (size_t j = i; plural && j-- > 0;) {
            const ilokg_rec_cand p = x->c[j];
            if (p.dead || p.ent->kind != ILOKG_ENT_INSTRUMENT) {
                continue;
            }
            if (!list_gap(f, p.fe, cur)) {
                break;
            }
            add_paired(x, p.ent, rs, re);
            cur = p.fs;
        }
    }
}
