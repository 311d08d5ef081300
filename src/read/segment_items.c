/* SPDX-License-Identifier: Apache-2.0 */
/* The second pass: the flow read unit by unit (clauses ended by ';', ':' or a sentence end),
 * deciding, as a reader would, where lead-ins open a list and each action item starts and ends. */
#include "read/segment_int.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "read/segment_lex.h"

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
        if (ilokg_seg_ends_phrase_ci(p + s, e - s, ilokg_actor_aliases[k].phrase, &at)) {
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
    static const char *const preps[] = {"of",      "to",    "for", "by",   "with", "from",
                                        "between", "among", "on",  "in",   "at",   "under",
                                        "through", "and",   "or",  "than", "as"};
    for (size_t k = 0; k < sizeof preps / sizeof preps[0]; k++) {
        size_t at;
        if (ilokg_seg_ends_phrase_ci(p + s, b - s, preps[k], &at)) {
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
        again                          = 0;
        static const char *const adv[] = {"further", "also", "jointly", "therefore"};
        for (size_t k = 0; k < sizeof adv / sizeof adv[0]; k++) {
            size_t at;
            if (ilokg_seg_ends_phrase_ci(p + s, e - s, adv[k], &at) && at > 0) {
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
        if (ilokg_seg_ends_phrase_ci(p + s, e - s, "the", &at)) {
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
        if (ilokg_seg_ends_phrase_ci(p + s, e - s, "and", &at)) {
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
    const char *p           = z->fp;
    bool        starts[256] = {false}; /* the modal phrases' first letters */
    for (size_t k = 0; k < ilokg_n_modal_phrases; k++) {
        starts[(unsigned char)ilokg_modal_phrases[k].phrase[0]] = true;
    }
    for (size_t i = s; i < e; i++) {
        if ((i > s && ilokg_seg_is_word_char(p[i - 1])) ||
            !starts[(unsigned char)ilokg_to_lower(p[i])]) {
            continue;
        }
        for (size_t k = 0; k < ilokg_n_modal_phrases; k++) {
            const char *m = ilokg_modal_phrases[k].phrase;
            if (ilokg_to_lower(p[i]) != m[0]) {
                continue;
            }
            size_t ml = strlen(m);
            if (i + ml > e || !ilokg_seg_starts_word_ci(p + i, e - i, m)) {
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
        if (!ilokg_seg_starts_word_ci(p + s, e - s, asks[k])) {
            continue;
        }
        size_t i = s + strlen(asks[k]);
        while (i < e && ilokg_is_ws(p[i])) {
            i++;
        }
        if (ilokg_seg_starts_word_ci(p + i, e - i, "the")) {
            i += 3;
            while (i < e && ilokg_is_ws(p[i])) {
                i++;
            }
        }
        size_t                   best = 0;
        const ilokg_actor_alias *al   = NULL;
        for (size_t a = 0; a < ilokg_n_actor_aliases; a++) {
            const char *ph = ilokg_actor_aliases[a].phrase;
            if (strlen(ph) > best && ilokg_seg_starts_word_ci(p + i, e - i, ph)) {
                best = strlen(ph);
                al   = &ilokg_actor_aliases[a];
            }
        }
        size_t j = i + best;
        while (j < e && ilokg_is_ws(p[j])) {
            j++;
        }
        if (al && strcmp(al->codes, ILOKG_ACTOR_PARTIES) != 0 &&
            ilokg_seg_starts_word_ci(p + j, e - j, "to")) {
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
        size_t wl = ilokg_seg_word_len(p + s, e - s);
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
    static const char *const refs[] = {" these areas", " this area", " this regard",
                                       " this respect", " this end"};
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
    it->p0       = z->n_pieces;
    z->cur       = z->n_items++;
    z->sub       = 0;
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
    z->reg.active = 1;
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
        if (ilokg_seg_ends_phrase_ci(p + fs, end - fs, ilokg_modal_phrases[k].phrase, &at) &&
            fs + at >= ac->modal_end) {
            z->reg.modality = ilokg_modal_phrases[k].modality;
            break;
        }
    }
    z->reg.fs      = fs;
    z->reg.fe      = fe;
    z->reg.fresh   = 1;
    z->reg.section = z->section;
    size_t at;
    size_t e = fe;
    while (e > fs && (p[e - 1] == ':' || ilokg_is_ws(p[e - 1]))) {
        e--;
    }
    z->reg.prepositional = ilokg_seg_ends_phrase_ci(p + fs, e - fs, "by", &at) ||
                           ilokg_seg_ends_phrase_ci(p + fs, e - fs, "on", &at) ||
                           ilokg_seg_ends_phrase_ci(p + fs, e - fs, "through", &at);
    z->reg.including = ilokg_seg_ends_phrase_ci(p + fs, e - fs, "including", &at) ||
                       ilokg_seg_ends_phrase_ci(p + fs, e - fs, "such as", &at);
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
        if (k > i && k + 3 <= e && !memcmp(p + k, ilokg_seg_bullet, 3)) {
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
            size_t                   wl     = k - w;
            static const char *const abbr[] = {"No", "Nos", "Art", "art", "para", "Mr",  "Ms", "Dr",
                                               "St", "vs",  "cf",  "al",  "Rev",  "Vol", "Ltd"};
            int                      is_abbr = wl == 1 && (w == i || !ilokg_is_alpha(p[w - 1]));
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
                             ilokg_seg_marker_at(p + j, e - j, &mk, lab, sizeof lab))) {
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

/* ---- read_unit: the ordered rules a unit is read by ------------------------------------- */

/* What is known of the unit being read, and what the rules decide about it. */
typedef struct {
    itemizer    *z;
    para        *pp;
    size_t       pi, s, e;
    boundary     before;
    int          first, last; /* first / last unit of its paragraph */
    mark_kind    mk;
    char         label[8];
    size_t       ml;   /* length of its printed marker, 0 when none */
    size_t       body; /* where its text starts, past the marker */
    int          gerund, verb_base, lower_start;
    int          has_clause, has_start_clause; /* actors + modal anywhere / at its start */
    actor_clause ac, start_ac;
    /* The decision of the rules that tell whether the unit starts an item. */
    int                 starts_item, split_ok;
    const actor_clause *own;
    ilokg_status        st;
} unit;

/* A rule either leaves the unit to the next one, reads it completely, or decides whether it
 * starts an item and leaves placing it to place_unit. */
typedef enum { RULE_NEXT, RULE_DONE, RULE_PLACE } rule_result;

typedef rule_result (*unit_rule)(unit *u);

/* A year-like number ("1900. ") is an item marker when it continues the numbered list before it
 * (a list that runs past item 1899); returns the marker's length as ilokg_seg_marker_at. */
static size_t
year_continues_list(const itemizer *z, const char *p, size_t n, mark_kind *kind, char *label)
{
    size_t len = 0;
    long   v   = ilokg_seg_number_at(p, n, &len);
    if (v < 1900 || v > 2099 || !ilokg_seg_is_year(p, 4) || !z->n_items ||
        !z->items[z->n_items - 1].numbered || atol(z->items[z->n_items - 1].number) + 1 != v) {
        return 0;
    }
    memcpy(label, p, 4);
    label[4] = '\0';
    *kind    = MARK_NUMBER;
    return len;
}

static void
read_unit_facts(unit *u)
{
    itemizer   *z = u->z;
    const char *p = z->fp;
    u->ml         = ilokg_seg_marker_at(p + u->s, u->e - u->s, &u->mk, u->label, sizeof u->label);
    if (!u->ml) {
        u->ml = year_continues_list(z, p + u->s, u->e - u->s, &u->mk, u->label);
    }
    if (u->mk == MARK_BULLET && (u->before != B_PARA && u->before != B_BULLET)) {
        u->ml = 0, u->mk = MARK_NONE; /* a dash inside a sentence */
    }
    if (u->mk == MARK_BULLET && u->s + u->ml < u->e && ilokg_is_lower(p[u->s + u->ml])) {
        /* A bullet glyph before text that runs on from a page break marks no item. */
        u->s += u->ml;
        u->ml = 0, u->mk = MARK_NONE;
    }
    u->body             = u->s + u->ml;
    const ilokg_verb *v = unit_verb(z, u->body, u->e, &u->gerund, NULL);
    u->verb_base        = v && !u->gerund && ilokg_is_upper(p[u->body]);
    u->lower_start =
        u->body < u->e && (ilokg_is_lower(p[u->body]) || (ilokg_is_digit(p[u->body]) && !u->ml));
    u->has_clause       = find_actor_clause(z, u->body, u->e, 0, &u->ac);
    u->has_start_clause = 0;
}

/* A new section ends what the previous one opened, except for text that runs on. */
static rule_result
rule_new_section(unit *u)
{
    itemizer   *z = u->z;
    const char *p = z->fp;
    if (!u->first || u->pp->section == z->section) {
        return RULE_NEXT;
    }
    int runs_on  = u->lower_start && z->last_item && z->cur != NONE;
    int overflow = !runs_on && z->reg.active && z->cur != NONE && !u->ml && !u->has_clause &&
                   z->pieces[z->items[z->cur].p0 + z->items[z->cur].np - 1].fe > 0 &&
                   p[z->pieces[z->items[z->cur].p0 + z->items[z->cur].np - 1].fe - 1] == ';' &&
                   (u->verb_base || (u->gerund && z->reg.prepositional));
    z->section = u->pp->section;
    if (runs_on) {
        u->st = add_piece(z, z->cur, u->s, u->e, u->before, 0);
        return RULE_DONE;
    }
    if (overflow) {
        /* A list item that spilled into the next row's text cell stays in its list. */
        u->st = new_item(z, u->s, u->e, u->before, MARK_NONE, "", 0, NULL);
        end_region(z);
        z->last_item = 0;
        return RULE_DONE;
    }
    end_region(z);
    z->last_item = 0;
    return RULE_NEXT;
}

/* A sub-list opened by a colon inside a paragraph ends with the paragraph; one opened by a colon
 * at the end of a paragraph goes on in the paragraphs that follow. */
static rule_result
rule_sub_list_ends(unit *u)
{
    if (u->first && u->z->sub == 1 && !u->lower_start) {
        u->z->sub = 0;
    }
    return RULE_NEXT;
}

/* A paragraph printed inside an open item (a call-out quote) when the item resumes after it. */
static rule_result
rule_interjection(unit *u)
{
    itemizer *z = u->z;
    return u->first && !u->ml && !u->lower_start && item_open(z) && !u->verb_base &&
                   !u->has_clause && para_closed(z, u->pp) && skip_interjection(z, u->pi)
               ? RULE_DONE
               : RULE_NEXT;
}

/* Text that runs on from the previous paragraph (a page break cut it). */
static rule_result
rule_runs_on(unit *u)
{
    itemizer *z = u->z;
    if (!u->first || u->ml ||
        !(u->lower_start || (item_open(z) && !u->verb_base && !u->has_clause))) {
        return RULE_NEXT;
    }
    if (z->last_item && z->cur != NONE) {
        u->st = add_piece(z, z->cur, u->s, u->e, u->before, 0);
    }
    return RULE_DONE;
}

/* Outside a list, an unmarked paragraph is context, even right after an item. */
static rule_result
rule_context(unit *u)
{
    itemizer *z = u->z;
    if (!u->first || u->ml || z->reg.active ||
        (u->has_clause && leadin_ending(z, u->body, u->e, &u->ac, u->last))) {
        return RULE_NEXT;
    }
    z->last_item = 0;
    z->cur       = NONE;
    return RULE_DONE;
}

/* A lead-in opens a list; a numbered one ("3. Requests the Director-General to:") too. */
static rule_result
rule_leadin(unit *u)
{
    itemizer   *z           = u->z;
    const char *p           = z->fp;
    int         bare_leadin = 0;
    if (u->ml && u->has_clause && ends_with(z, u->s, u->e, ':')) {
        size_t k = u->ac.modal_end;
        while (k < u->e && ilokg_is_ws(p[k])) {
            k++;
        }
        bare_leadin = k == u->e - 1;
    }
    if ((u->ml && !bare_leadin) || !u->has_clause ||
        !leadin_ending(z, u->body, u->e, &u->ac, u->last)) {
        return RULE_NEXT;
    }
    if (z->cur != NONE && z->sub && !ends_with(z, u->s, u->e, ':')) {
        return RULE_NEXT; /* text of the current item */
    }
    start_region(z, &u->ac, u->s, u->e, u->pp);
    z->last_item = 0;
    return RULE_DONE;
}

/* Inside an item's sub-list, text belongs to the item until a unit leaves the list. */
static rule_result
rule_in_sub_list(unit *u)
{
    itemizer *z = u->z;
    if (!z->sub || z->cur == NONE) {
        return RULE_NEXT;
    }
    int leaves = u->mk == MARK_NUMBER || (u->mk != MARK_LETTER && u->before != B_COLON &&
                                          u->verb_base && !(u->mk == MARK_BULLET && !u->verb_base));
    if (!leaves) {
        u->st = add_piece(z, z->cur, u->s, u->e, u->before, 0);
        return RULE_DONE;
    }
    z->sub = 0;
    return RULE_NEXT;
}

/* A printed marker: an item in a list; outside one, only when its first sentence names who
 * acts. */
static rule_result
rule_marked(unit *u)
{
    itemizer *z         = u->z;
    u->has_start_clause = find_actor_clause(z, u->body, u->e, 1, &u->start_ac);
    if (!u->ml || !(u->mk == MARK_NUMBER || u->mk == MARK_BULLET || u->mk == MARK_LETTER)) {
        return RULE_NEXT;
    }
    if (z->reg.active) {
        u->starts_item = 1;
        u->own         = u->has_start_clause ? &u->start_ac : NULL;
        return RULE_PLACE;
    }
    boundary     nb;
    size_t       se = next_unit(z, u->body, u->e, &nb);
    actor_clause ac1;
    if (find_actor_clause(z, u->body, se, 0, &ac1) ||
        (se < u->e && find_actor_clause(z, u->body, u->e, 0, &ac1) && ac1.modal_end <= se + 80 &&
         ac1.actor_start < se)) {
        u->start_ac    = ac1;
        u->own         = &u->start_ac;
        u->starts_item = 1;
        return RULE_PLACE;
    }
    /* A numbered paragraph of context: it ends any list. */
    end_region(z);
    z->last_item = 0;
    return RULE_DONE;
}

/* The first unit after a lead-in starts an item; after "..., including:" the lead-in is itself
 * the commitment and what follows are its examples ("... will maintain close cooperation ...,
 * including: The G20; ..."). */
static rule_result
rule_fresh_list(unit *u)
{
    itemizer *z = u->z;
    if (!z->reg.active || !z->reg.fresh) {
        return RULE_NEXT;
    }
    if (!z->reg.including || u->verb_base) {
        u->starts_item = 1;
        return RULE_PLACE;
    }
    actor_clause self;
    memset(&self, 0, sizeof self);
    memcpy(self.actors, z->reg.actors, sizeof self.actors);
    self.n_actors = z->reg.n_actors;
    self.modality = z->reg.modality;
    u->st         = new_item(z, z->reg.fs, z->reg.fe, B_PARA, MARK_NONE, "", 0, &self);
    z->items[z->cur].own_leadin = 0;
    if (!u->st) {
        u->st = add_piece(z, z->cur, u->s, u->e, u->before, 0);
    }
    z->sub = 2;
    return RULE_DONE;
}

/* A new paragraph or bullet of an open list: an item when it opens with a verb or names who
 * acts; otherwise context, which ends the list unless an open item resumes after it. */
static rule_result
rule_list_row(unit *u)
{
    itemizer *z = u->z;
    if (!z->reg.active || !(u->first || u->before == B_BULLET)) {
        return RULE_NEXT;
    }
    u->starts_item = 1;
    if (u->verb_base || (u->gerund && z->reg.prepositional) || u->has_start_clause ||
        u->before == B_BULLET) {
        u->own = u->has_start_clause ? &u->start_ac : NULL;
    } else if (u->has_clause && z->cur != NONE) {
        u->own = &u->ac;
    } else if (z->cur != NONE && !u->last && row_names_actor(z, u->e, u->pp->fe, &u->start_ac)) {
        /* "Several ILO instruments are listed ... In light of this, the ILO and the Commission
         * endeavour to cooperate ...;": a row of the list that names who acts in its second
         * sentence. */
        u->own = &u->start_ac;
    } else {
        if (!(item_open(z) && skip_interjection(z, u->pi))) {
            end_region(z);
            z->last_item = 0;
        }
        return RULE_DONE;
    }
    return RULE_PLACE;
}

/* After ';' inside an item opened by a bullet, a clause that opens with a verb in the item's own
 * form ("• Keeping each other informed ...; Promoting contacts ...; Consulting each other ...") is
 * the next item of the list, its bullet lost in extraction. A numbered item keeps its clauses:
 * its number says where it ends. */
static int
bullet_sibling(const unit *u)
{
    const itemizer *z  = u->z;
    const item     *it = &z->items[z->cur];
    if (!it->bulleted || !ilokg_is_upper(z->fp[u->body])) {
        return 0;
    }
    const piece *pc     = &z->pieces[it->p0];
    int          g_item = 0, g_unit = 0;
    return unit_verb(z, pc->fs + it->mark_len, pc->fe, &g_item, NULL) &&
           unit_verb(z, u->body, u->e, &g_unit, NULL) && g_item == g_unit;
}

/* Inside a paragraph of an open list: after ';' a unit that does not run on starts an item,
 * unless the current one was opened by a printed marker; after a full stop, an imperative that
 * does not point back at the sentence before. Either is a place where a lost item number may be
 * restored. */
static rule_result
rule_list_clause(unit *u)
{
    itemizer *z       = u->z;
    int       in_mark = z->cur != NONE && marked(&z->items[z->cur]);
    if (!z->reg.active) {
        return RULE_NEXT;
    }
    if (u->before == B_SEMI) {
        u->starts_item = !u->lower_start && (!in_mark || bullet_sibling(u));
        u->split_ok    = u->verb_base;
    } else if (u->before == B_STOP) {
        u->split_ok    = u->verb_base && !is_anaphoric(z, u->body, u->e);
        u->starts_item = u->split_ok && !in_mark;
    }
    return RULE_PLACE;
}

/* The rules in the order a reader applies them; the first that reads the unit or decides
 * whether it starts an item ends the search. */
static const unit_rule unit_rules[] = {
    rule_new_section, rule_sub_list_ends, rule_interjection, rule_runs_on,
    rule_context,     rule_leadin,        rule_in_sub_list,  rule_marked,
    rule_fresh_list,  rule_list_row,      rule_list_clause,
};

/* "... Priorities for action include:" + a list of marked paragraphs: the item's own actors
 * lead the list; otherwise a colon opens a sub-list of the item. */
static void
colon_in_item(unit *u)
{
    itemizer   *z = u->z;
    const char *p = z->fp;
    size_t      k = u->pi + 1;
    mark_kind   mk2;
    char        lab2[8];
    if (u->last && k < z->r->f.n_paras &&
        ilokg_seg_marker_at(p + z->r->f.paras[k].fs, z->r->f.paras[k].fe - z->r->f.paras[k].fs,
                            &mk2, lab2, sizeof lab2)) {
        item        *it = &z->items[z->cur];
        actor_clause ac2;
        memset(&ac2, 0, sizeof ac2);
        memcpy(ac2.actors, it->actors, sizeof ac2.actors);
        ac2.n_actors = it->n_actors;
        ac2.modality = it->modality;
        start_region(z, &ac2, u->s, u->e, NULL);
        z->last_item = 0;
    } else {
        z->sub = u->last ? 2 : 1;
    }
}

/* Places the unit as the rules decided: a new item, text of the current one, or context. */
static ilokg_status
place_unit(unit *u)
{
    itemizer    *z  = u->z;
    ilokg_status st = ILOKG_OK;
    if (u->starts_item) {
        st = new_item(z, u->s, u->e, u->before, u->mk, u->label, u->ml, u->own);
        if (!st && u->own && !z->reg.active && !u->has_start_clause) {
            ilokg_warn(z->r->diag, z->r->src, z->r->t->map[z->r->f.nmap[u->s]],
                       "item with no lead-in: actors taken from the item itself");
        }
        if (!st && ends_with(z, u->s, u->e, ':') && !is_label_colon(z, u->body, u->e - 1)) {
            z->sub = u->last ? 2 : 1;
        }
        return st;
    }
    if (z->cur != NONE && z->last_item) {
        st = add_piece(z, z->cur, u->s, u->e, u->before, u->split_ok && !z->sub);
        if (!st && ends_with(z, u->s, u->e, ':') && u->before != B_COLON) {
            colon_in_item(u);
        }
        return st;
    }
    z->last_item = 0;
    return ILOKG_OK;
}

static ilokg_status
read_unit(itemizer *z, size_t pi, size_t s, size_t e, boundary before, int first_in_para,
          int last_in_para)
{
    unit u;
    memset(&u, 0, sizeof u);
    u.z      = z;
    u.pp     = &z->r->f.paras[pi];
    u.pi     = pi;
    u.s      = s;
    u.e      = e;
    u.before = before;
    u.first  = first_in_para;
    u.last   = last_in_para;
    read_unit_facts(&u);
    for (size_t k = 0; k < sizeof unit_rules / sizeof unit_rules[0]; k++) {
        rule_result res = unit_rules[k](&u);
        if (res == RULE_DONE) {
            return u.st;
        }
        if (res == RULE_PLACE) {
            break;
        }
    }
    return place_unit(&u);
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

ilokg_status
ilokg_seg_read_items(reader *r)
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
            ilokg_seg_trim(z.fp, &s, &te);
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
        st = ilokg_seg_finish_items(&z);
    }
    free(z.pieces);
    free(z.items);
    return st;
}
