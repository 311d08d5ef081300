/* SPDX-License-Identifier: Apache-2.0 */
/* From items to commitments: lost item numbers restored, numbering checked, each item's text
 * joined and its main verb classed. */
#include "read/segment_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "read/segment_lex.h"

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
        ilokg_status st =
            ilokg_grow(&z->items, &z->cap_items, z->n_items + n_cuts, sizeof *z->items);
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
            snprintf(n->number, sizeof n->number, "%d",
                     (int)((atol(a->number) + (long)c + 1) % 1000000));
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
    long   last  = 0;
    size_t since = 0, sec = NONE;
    for (size_t i = 0; i < z->n_items; i++) {
        item *it = &z->items[i];
        if (it->section != sec) {
            sec   = it->section;
            last  = 0;
            since = 0;
        }
        if (it->lettered) {
            int first_of_list =
                i == 0 || !z->items[i - 1].lettered || z->items[i - 1].leadin_fs != it->leadin_fs;
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
    const char *p   = z->fp;
    size_t      len = strlen(p);
    for (size_t i = 0; i + n <= len; i++) {
        if ((i == 0 || !ilokg_seg_is_word_char(p[i - 1])) &&
            (i + n == len || !ilokg_seg_is_word_char(p[i + n]) ||
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
 * the line break, with a letter or digit at j. Returns 1 when it is one (then *keep tells whether
 * the hyphen belongs to the word: "work-based", "long-term", "non-standard"), 0 when the break is
 * something else. The document decides where it can: the joined word or the hyphenated one printed
 * elsewhere (or the compound written open: "climate neutrality"); before a capital or a digit
 * the hyphen always stays ("non-EU"); otherwise common compound parts
 * keep the hyphen and anything else is hyphenation. */
static int
line_end_hyphen(const itemizer *z, const char *text, size_t len, size_t j, size_t e, int *keep)
{
    size_t l = len;
    if (l < 3 || text[l - 1] != '-') {
        return 0;
    }
    if (!ilokg_is_lower(z->fp[j])) {
        /* "non-" / "EU", "COVID-" / "19": no word is hyphenated before a capital or a digit,
         * so the hyphen joins a compound. */
        *keep = 1;
        return ilokg_is_alnum(text[l - 2]) &&
               (ilokg_is_upper(z->fp[j]) || ilokg_is_digit(z->fp[j]));
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
        ilokg_seg_starts_word_ci(z->fp + j, right, "and") ||
        ilokg_seg_starts_word_ci(z->fp + j, right, "or") ||
        ilokg_seg_starts_word_ci(z->fp + j, right, "to")) {
        return 0; /* a suspended hyphen: "up- and re-skilling" */
    }
    char joined[64], hyphened[64];
    memcpy(joined, text + ls, left);
    memcpy(joined + left, z->fp + j, right);
    memcpy(hyphened, text + ls, left + 1);
    memcpy(hyphened + left + 1, z->fp + j, right);
    static const char *const firsts[] = {
        "non", "co",   "self",   "multi", "cross", "long",  "short",   "well", "high",
        "low", "full", "part",   "post",  "pre",   "anti",  "socio",   "tri",  "bi",
        "on",  "up",   "follow", "mid",   "large", "small", "decision"};
    static const char *const seconds[] = {
        "based", "term",   "related",   "level",      "oriented", "making",   "specific",
        "led",   "driven", "sensitive", "wide",       "scale",    "friendly", "free",
        "up",    "going",  "rich",      "responsive", "centred",  "centered", "life"};
    char open[64];
    memcpy(open, hyphened, left + right + 1);
    open[left] = ' ';
    if (flow_has_word(z, joined, left + right)) {
        *keep = 0;
    } else if (flow_has_word(z, hyphened, left + right + 1) ||
               flow_has_word(z, open, left + right + 1)) {
        *keep = 1; /* the compound printed whole, or written open ("climate neutrality") */
    } else {
        *keep = 0;
        for (size_t k = 0; k < sizeof firsts / sizeof firsts[0] && !*keep; k++) {
            *keep =
                strlen(firsts[k]) == left && ilokg_seg_starts_word_ci(text + ls, left, firsts[k]);
        }
        for (size_t k = 0; k < sizeof seconds / sizeof seconds[0] && !*keep; k++) {
            *keep = strlen(seconds[k]) == right &&
                    ilokg_seg_starts_word_ci(z->fp + j, right, seconds[k]);
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
            while (e > s &&
                   (ilokg_is_ws(z->fp[e - 1]) || z->fp[e - 1] == ';' || z->fp[e - 1] == ',')) {
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
                    i            = j - 1;
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
        size_t wl = ilokg_seg_word_len(text + *s, n - *s);
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
    if (!ilokg_seg_starts_word_ci(text + s, n - s, "be")) {
        return NULL;
    }
    s += 2;
    while (s < n && text[s] == ' ') {
        s++;
    }
    size_t            wl = ilokg_seg_word_len(text + s, n - s);
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
        if (i > 0 && ilokg_seg_is_word_char(text[i - 1])) {
            continue;
        }
        for (size_t k = 0; k < ilokg_n_modal_phrases; k++) {
            const char *m = ilokg_modal_phrases[k].phrase;
            if (ilokg_seg_starts_word_ci(text + i, n - i, m)) {
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
    *lemma  = NULL;
    *action = "other";
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
        if (words <= 6 && !sentence && !verb_at_word(text, (size_t)(colon - text), &t0)) {
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
        if (ilokg_seg_starts_word_ci(text + s, n - s, asks[k])) {
            const char *to = strstr(text + s, " to ");
            if (to) {
                s = (size_t)(to - text) + 4;
            }
            break;
        }
    }
    size_t                   at        = s;
    const ilokg_verb        *v         = NULL;
    static const char *const openers[] = {
        "in",  "keeping in mind", "with",        "as",      "to",
        "for", "given",           "building on", "through", "within"};
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++) {
        const char *comma = memchr(text + s, ',', n - s < 120 ? n - s : 120);
        if (ilokg_seg_starts_word_ci(text + s, n - s, openers[k]) && comma) {
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
        size_t wl = ilokg_seg_word_len(text + at, n - at);
        if (v && wl > 3 && !strncmp(text + at + wl - 3, "ing", 3) && strstr(text + at, " will ")) {
            v = NULL;
        }
    }
    if (!v) {
        /* A subject and a modal within the first sentences: the verb follows the modal. */
        size_t lim = n < s + 600 ? n : s + 600;
        for (size_t i = next_modal(text, s, lim, n, &at); !v && i != NONE;
             i        = next_modal(text, i + 1, lim, n, &at)) {
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
        size_t t = at + ilokg_seg_word_len(text + at, n - at);
        while (t < n && text[t] == ' ') {
            t++;
        }
        if (!strncmp(text + t, "to ", 3)) {
            t += 3;
        }
        size_t            wl2 = ilokg_seg_word_len(text + t, n - t);
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
        c->modality         = it->modality;
        c->text             = text;
        const ilokg_text *t = z->r->t;
        c->span             = ilokg_text_span(t, z->r->f.nmap[fs], z->r->f.nend[fe - 1]);
        if (it->leadin_fe > it->leadin_fs) {
            size_t ls = it->leadin_fs, le = it->leadin_fe;
            while (ls < le && ilokg_is_ws(z->fp[ls])) {
                ls++;
            }
            c->leadin = ilokg_text_span(t, z->r->f.nmap[ls], z->r->f.nend[le - 1]);
        } else {
            c->leadin     = c->span;
            c->leadin.end = c->leadin.start;
        }
        item_verb(text, &c->verb, &c->action);
        if (c->section != NONE && c->section < doc->n_sections) {
            doc->sections[c->section].n_commitments++;
        }
    }
    return st;
}

/* Once the flow is read: items whose numbers the extraction lost split off, numbering checked,
 * each item a commitment of the document. */
ilokg_status
ilokg_seg_finish_items(itemizer *z)
{
    ilokg_status st = restore_lost_items(z);
    if (!st) {
        number_warnings(z);
        st = emit_commitments(z);
    }
    return st;
}
