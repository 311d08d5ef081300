/* SPDX-License-Identifier: Apache-2.0 */
/* Recognition: one pass of the gazetteer's name index over the folded document, local parsers
 * where a keyword starts an instrument number or SDG code, then mentions with source spans and
 * the themes of sections and commitments. */
#include "recognize/recognize.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "recognize/recognize_int.h"
#include "util/utf8.h"

typedef struct {
    const ilokg_name *name;
    size_t            fs, fe;
} hit;

typedef struct {
    hit   *v;
    size_t n, cap;
} hit_vec;

typedef struct {
    hit_vec      names, triggers, themes;
    ilokg_status st;
} collect;

static void
hit_push(collect *c, hit_vec *v, const ilokg_name *nm, size_t fs, size_t fe)
{
    if (c->st || ilokg_grow(&v->v, &v->cap, v->n, sizeof *v->v)) {
        c->st = c->st ? c->st : ILOKG_ERR_NOMEM;
        return;
    }
    v->v[v->n++] = (hit){nm, fs, fe};
}

static void
on_name(const ilokg_name *nm, size_t fs, size_t fe, void *payload)
{
    collect *c = payload;
    switch (nm->role) {
    case ILOKG_NAME_ENTITY:
    case ILOKG_NAME_STOP:
        hit_push(c, &c->names, nm, fs, fe);
        break;
    case ILOKG_NAME_TRIGGER:
        hit_push(c, &c->triggers, nm, fs, fe);
        break;
    case ILOKG_NAME_THEME:
        hit_push(c, &c->themes, nm, fs, fe);
        break;
    }
}

static void
collect_free(collect *c)
{
    free(c->names.v);
    free(c->triggers.v);
    free(c->themes.v);
}

static int
cmp_hit(const void *pa, const void *pb)
{
    const hit *a = pa, *b = pb;
    if (a->fs != b->fs) {
        return a->fs < b->fs ? -1 : 1;
    }
    if (a->fe != b->fe) {
        return a->fe > b->fe ? -1 : 1;
    }
    return a->name < b->name ? -1 : a->name > b->name;
}

/* Leftmost-longest: keeps the hits of each chosen span (several names may share one span, e.g.
 * "EU Member States" is an actor and a region), drops every hit overlapping a chosen span.
 * Returns the number kept, compacted to the front. */
static size_t
leftmost_longest(hit_vec *v)
{
    if (v->n) {
        qsort(v->v, v->n, sizeof *v->v, cmp_hit);
    }
    size_t w = 0, end = 0;
    for (size_t r = 0; r < v->n; r++) {
        const hit *h    = &v->v[r];
        bool       same = w && v->v[w - 1].fs == h->fs && v->v[w - 1].fe == h->fe;
        if (same || h->fs >= end || !w) {
            v->v[w++] = *h;
            end       = h->fe;
        }
    }
    v->n = w;
    return w;
}

/* Where the last warning was located. Warnings come in the order of their offsets, so each is
 * located from the one before (from the start for the first, or for one out of order): locating
 * them all is one pass over the text, not one pass each (issue 15: a document with thousands of
 * ambiguous names took time quadratic in them). */
typedef struct {
    size_t off, line, chars; /* chars: code points from the start of the line to off */
} text_pos;

/* Line and column (1-based, column in characters) of a source offset. */
static void
locate(const ilokg_doc *doc, text_pos *at, size_t off, size_t *line, size_t *col)
{
    *line = *col = 0;
    if (!doc->bytes || off > doc->len) {
        return;
    }
    if (!at->line || off < at->off) {
        *at = (text_pos){0, 1, 0};
    }
    for (size_t i = at->off; i < off; i++) {
        unsigned char c = (unsigned char)doc->bytes[i];
        if (c == '\n') {
            at->line++;
            at->chars = 0;
        } else {
            at->chars += (c & 0xC0) != 0x80;
        }
    }
    at->off = off;
    *line   = at->line;
    *col    = at->chars + 1;
}

static ilokg_span
source_span(const ilokg_text *text, const ilokg_folded *f, size_t fs, size_t fe)
{
    return ilokg_text_span(text, f->start[fs], f->end[fe - 1]);
}

/* Names found by the index become candidates; stops hide what they cover; a name the tables
 * give to several countries ("Congo") is reported instead of guessed. */
static void
names_to_candidates(ilokg_rec_ctx *x, hit_vec *names, const ilokg_doc *doc, const ilokg_text *text,
                    ilokg_diag *diag)
{
    size_t   n  = leftmost_longest(names);
    text_pos at = {0, 0, 0};
    for (size_t i = 0; i < n;) {
        size_t j    = i;
        bool   stop = false, ambiguous = false;
        while (j < n && names->v[j].fs == names->v[i].fs && names->v[j].fe == names->v[i].fe) {
            stop      = stop || names->v[j].name->role == ILOKG_NAME_STOP;
            ambiguous = ambiguous || names->v[j].name->ambiguous;
            j++;
        }
        const hit *h = &names->v[i];
        if (ambiguous && !stop) {
            ilokg_buf ids = ILOKG_BUF_INIT;
            for (size_t k = i; k < j; k++) {
                if (names->v[k].name->ambiguous) {
                    ilokg_buf_printf(&ids, "%s%s", ids.len ? " or " : "",
                                     names->v[k].name->entity->id);
                }
            }
            ilokg_span sp = source_span(text, x->f, h->fs, h->fe);
            size_t     line, col;
            locate(doc, &at, sp.start, &line, &col);
            ilokg_report_at(diag, ILOKG_OK, doc->path ? doc->path : doc->meta.id, line, col,
                            "ambiguous country name '%.*s' (%s): not resolved",
                            (int)(h->fe - h->fs), x->f->folded + h->fs, ids.ptr ? ids.ptr : "");
            ilokg_buf_free(&ids);
        }
        for (size_t k = i; k < j && !stop; k++) {
            const ilokg_name *nm = names->v[k].name;
            if (!nm->ambiguous) {
                ilokg_rec_add(x, nm->entity, h->fs, h->fe, nm->indirect, ILOKG_ORIGIN_NAME);
            }
        }
        i = j;
    }
}

static void
run_triggers(ilokg_rec_ctx *x, const hit_vec *triggers)
{
    for (size_t i = 0; i < triggers->n && !x->st; i++) {
        const hit *h = &triggers->v[i];
        switch (h->name->trigger) {
        case ILOKG_TRIGGER_CONVENTION:
        case ILOKG_TRIGGER_RECOMMENDATION:
        case ILOKG_TRIGGER_PROTOCOL:
            ilokg_rec_instrument_keyword(x, h->name, h->fs, h->fe);
            break;
        case ILOKG_TRIGGER_CODE:
            ilokg_rec_instrument_code(x, h->fs, h->fe);
            break;
        case ILOKG_TRIGGER_SDG:
        case ILOKG_TRIGGER_TARGET:
            ilokg_rec_sdg(x, h->name, h->fs, h->fe);
            break;
        }
    }
}

typedef struct {
    size_t fs, fe;
} frange;

static int
cmp_frange(const void *pa, const void *pb)
{
    const frange *a = pa, *b = pb;
    return a->fs != b->fs ? (a->fs < b->fs ? -1 : 1) : 0;
}

/* Names with a number in them ("Alliance 8.7") are actors, never SDG mentions: every live SDG
 * candidate that
 * overlaps a live actor is dropped. The actors sorted by start with the furthest end reached so
 * far make each test a binary search (a pairwise comparison was quadratic in mentions). */
static void
drop_sdg_inside_actors(ilokg_rec_ctx *x)
{
    size_t  n_act = 0;
    frange *act   = malloc((x->n ? x->n : 1) * sizeof *act);
    if (!act) {
        x->st = x->st ? x->st : ILOKG_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < x->n; i++) {
        if (!x->c[i].dead && x->c[i].ent->kind == ILOKG_ENT_ACTOR) {
            act[n_act++] = (frange){x->c[i].fs, x->c[i].fe};
        }
    }
    if (n_act) {
        qsort(act, n_act, sizeof *act, cmp_frange);
    }
    for (size_t i = 1; i < n_act; i++) { /* fe becomes the furthest end of act[0..i] */
        act[i].fe = act[i].fe > act[i - 1].fe ? act[i].fe : act[i - 1].fe;
    }
    for (size_t j = 0; j < x->n && n_act; j++) {
        ilokg_rec_cand *s = &x->c[j];
        if (s->dead || s->ent->kind != ILOKG_ENT_SDG) {
            continue;
        }
        size_t lo = 0, hi = n_act; /* the actors starting before s ends: act[0, lo) */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (act[mid].fs < s->fe) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo && act[lo - 1].fe > s->fs) {
            s->dead = true;
        }
    }
    free(act);
}

static int
cmp_mention(const void *pa, const void *pb)
{
    const ilokg_mention *a = pa, *b = pb;
    if (a->span.start != b->span.start) {
        return a->span.start < b->span.start ? -1 : 1;
    }
    if (a->span.end != b->span.end) {
        return a->span.end < b->span.end ? -1 : 1;
    }
    if (a->kind != b->kind) {
        return (int)a->kind - (int)b->kind;
    }
    return strcmp(a->id, b->id);
}

/* The commitments with a non-empty span in order of start, and whether those spans are
 * disjoint; then the first commitment (in document order) containing a span is found by binary
 * search. (Scanning every commitment for every mention was quadratic.) */
typedef struct {
    const ilokg_commitment **by_start;
    size_t                   n;
    bool                     disjoint;
} commit_index;

static int
cmp_commit_start(const void *pa, const void *pb)
{
    const ilokg_commitment *a = *(const ilokg_commitment *const *)pa;
    const ilokg_commitment *b = *(const ilokg_commitment *const *)pb;
    if (a->span.start != b->span.start) {
        return a->span.start < b->span.start ? -1 : 1;
    }
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static ilokg_status
commit_index_init(commit_index *ix, const ilokg_doc *doc)
{
    ix->n        = 0;
    ix->disjoint = true;
    ix->by_start = malloc((doc->n_commitments ? doc->n_commitments : 1) * sizeof *ix->by_start);
    if (!ix->by_start) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < doc->n_commitments; i++) {
        if (doc->commitments[i].span.start < doc->commitments[i].span.end) {
            ix->by_start[ix->n++] = &doc->commitments[i];
        }
    }
    if (ix->n) {
        qsort(ix->by_start, ix->n, sizeof *ix->by_start, cmp_commit_start);
    }
    for (size_t i = 1; i < ix->n; i++) {
        ix->disjoint = ix->disjoint && ix->by_start[i - 1]->span.end <= ix->by_start[i]->span.start;
    }
    return ILOKG_OK;
}

static size_t
enclosing_commitment(const ilokg_doc *doc, const commit_index *ix, ilokg_span sp)
{
    if (!ix->disjoint) { /* nested or overlapping items: the first in document order wins */
        for (size_t i = 0; i < doc->n_commitments; i++) {
            const ilokg_commitment *c = &doc->commitments[i];
            if (c->span.start <= sp.start && sp.end <= c->span.end && c->span.start < c->span.end) {
                return c->seq;
            }
        }
        return 0;
    }
    size_t lo = 0, hi = ix->n; /* the commitments starting at or before sp: by_start[0, lo) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->by_start[mid]->span.start <= sp.start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo && sp.end <= ix->by_start[lo - 1]->span.end ? ix->by_start[lo - 1]->seq : 0;
}

static ilokg_status
add_mentions(ilokg_doc *doc, const ilokg_rec_ctx *x, const ilokg_text *text)
{
    size_t       cap = doc->n_mentions;
    commit_index ix;
    if (commit_index_init(&ix, doc)) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < x->n; i++) {
        const ilokg_rec_cand *c = &x->c[i];
        if (c->dead) {
            continue;
        }
        ilokg_status st = ilokg_grow(&doc->mentions, &cap, doc->n_mentions, sizeof *doc->mentions);
        if (st) {
            free(ix.by_start);
            return st;
        }
        ilokg_mention *m = &doc->mentions[doc->n_mentions++];
        m->kind          = c->ent->kind;
        m->id            = c->ent->id;
        m->span          = source_span(text, x->f, c->fs, c->fe);
        m->indirect      = c->indirect;
        m->commitment    = enclosing_commitment(doc, &ix, m->span);
    }
    free(ix.by_start);
    if (doc->n_mentions) {
        qsort(doc->mentions, doc->n_mentions, sizeof *doc->mentions, cmp_mention);
    }
    return ILOKG_OK;
}

/* ---- Themes ----------------------------------------------------------------------------- */

typedef struct {
    const ilokg_entity *theme;
    ilokg_span          span;
} theme_hit;

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sets *out (malloc'd) to the distinct ids of themes[0,n), sorted. */
static ilokg_status
theme_array(const char ***out, size_t *n_out, const char **ids, size_t n)
{
    qsort(ids, n, sizeof *ids, cmp_str);
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
        if (!w || strcmp(ids[w - 1], ids[r])) {
            ids[w++] = ids[r];
        }
    }
    const char **a = malloc((w ? w : 1) * sizeof *a);
    if (!a) {
        return ILOKG_ERR_NOMEM;
    }
    memcpy(a, ids, w * sizeof *a);
    free(*out);
    *out   = a;
    *n_out = w;
    return ILOKG_OK;
}

/* The themes a heading names. */
static ilokg_status
heading_themes(const ilokg_gazetteer *gaz, const char *heading, const char **ids, size_t max,
               size_t *n)
{
    ilokg_folded f;
    collect      c  = {0};
    ilokg_status st = ilokg_fold(&f, heading, strlen(heading));
    if (st) {
        return st;
    }
    ilokg_gazetteer_scan(gaz, &f, on_name, &c);
    st = c.st;
    if (!st) {
        leftmost_longest(&c.themes);
        for (size_t i = 0; i < c.themes.n && *n < max; i++) {
            ids[(*n)++] = c.themes.v[i].name->entity->id;
        }
    }
    collect_free(&c);
    ilokg_folded_free(&f);
    return st;
}

/* The first of hits[0, n) (sorted by start) starting at or after off. */
static size_t
first_hit_from(const theme_hit *hits, size_t n, size_t off)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (hits[mid].span.start < off) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* A heading that names no theme ("General conclusions", "Specific countries") takes the themes
 * its text names at least twice, the three most named. */
static size_t
body_themes(const theme_hit *hits, size_t n_hits, size_t from, size_t to, const char **ids,
            size_t max)
{
    size_t      n = 0, count[64] = {0};
    const char *seen[64];
    for (size_t i = first_hit_from(hits, n_hits, from); i < n_hits && hits[i].span.start < to;
         i++) {
        size_t k = 0;
        while (k < n && strcmp(seen[k], hits[i].theme->id)) {
            k++;
        }
        if (k == n) {
            if (n == 64) {
                continue;
            }
            seen[n++] = hits[i].theme->id;
        }
        count[k]++;
    }
    size_t w = 0;
    for (size_t round = 0; round < 3 && w < max; round++) {
        size_t best = SIZE_MAX;
        for (size_t k = 0; k < n; k++) {
            if (count[k] >= 2 && (best == SIZE_MAX || count[k] > count[best] ||
                                  (count[k] == count[best] && strcmp(seen[k], seen[best]) < 0))) {
                best = k;
            }
        }
        if (best == SIZE_MAX) {
            break;
        }
        ids[w++]    = seen[best];
        count[best] = 0;
    }
    return w;
}

static ilokg_status
classify(ilokg_doc *doc, const ilokg_gazetteer *gaz, const theme_hit *hits, size_t n_hits)
{
    enum { MAX = 64 };
    const char  *ids[MAX];
    ilokg_status st      = ILOKG_OK;
    bool        *heading = calloc(doc->n_sections ? doc->n_sections : 1, sizeof *heading);
    if (!heading) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t s = 0; s < doc->n_sections && !st; s++) {
        ilokg_section *sec = &doc->sections[s];
        size_t         n   = 0;
        if (sec->heading && (st = heading_themes(gaz, sec->heading, ids, MAX, &n))) {
            break;
        }
        heading[s] = n > 0;
        if (!n) {
            size_t to = doc->len ? doc->len : SIZE_MAX;
            for (size_t k = s + 1; k < doc->n_sections; k++) {
                if (doc->sections[k].span.start > sec->span.end) {
                    to = doc->sections[k].span.start;
                    break;
                }
            }
            n = body_themes(hits, n_hits, sec->span.end, to, ids, MAX);
        }
        st = theme_array(&sec->themes, &sec->n_themes, ids, n);
    }
    for (size_t i = 0; i < doc->n_commitments && !st; i++) {
        ilokg_commitment *c = &doc->commitments[i];
        size_t            n = 0;
        for (size_t h = first_hit_from(hits, n_hits, c->span.start);
             h < n_hits && n < MAX && hits[h].span.start <= c->span.end; h++) {
            if (hits[h].span.end <= c->span.end) {
                ids[n++] = hits[h].theme->id;
            }
        }
        /* A commitment inherits what its heading names, not what a general section's text
         * happens to mention most. */
        if (c->section < doc->n_sections && heading[c->section]) {
            const ilokg_section *sec = &doc->sections[c->section];
            for (size_t k = 0; k < sec->n_themes && n < MAX; k++) {
                ids[n++] = sec->themes[k];
            }
        }
        st = theme_array(&c->themes, &c->n_themes, ids, n);
    }
    free(heading);
    return st;
}

ilokg_status
ilokg_recognize_doc(ilokg_doc *doc, const ilokg_text *text, const ilokg_gazetteer *gaz,
                    ilokg_diag *diag)
{
    ilokg_folded  f;
    collect       c  = {0};
    ilokg_rec_ctx x  = {0};
    theme_hit    *th = NULL;
    ilokg_status  st = ilokg_fold(&f, text->ptr, text->len);
    if (st) {
        return st;
    }
    x.gaz = gaz;
    x.f   = &f;
    /* The one pass over the text: every name, keyword and theme word at once. */
    ilokg_gazetteer_scan(gaz, &f, on_name, &c);
    st = c.st;
    if (!st) {
        names_to_candidates(&x, &c.names, doc, text, diag);
        run_triggers(&x, &c.triggers);
        st = x.st;
    }
    if (!st) {
        ilokg_rec_instruments_finish(&x);
        drop_sdg_inside_actors(&x);
        ilokg_rec_dedupe(&x);
        st = x.st ? x.st : add_mentions(doc, &x, text);
    }
    if (!st) {
        /* Sorted by start (leftmost_longest sorts them; the offset map is monotone): classify
         * finds each section's and commitment's hits by binary search. */
        size_t n = leftmost_longest(&c.themes);
        th       = malloc((n ? n : 1) * sizeof *th);
        if (!th) {
            st = ILOKG_ERR_NOMEM;
        }
        for (size_t i = 0; !st && i < n; i++) {
            th[i].theme = c.themes.v[i].name->entity;
            th[i].span  = source_span(text, &f, c.themes.v[i].fs, c.themes.v[i].fe);
        }
        if (!st) {
            st = classify(doc, gaz, th, n);
        }
    }
    free(th);
    free(x.c);
    collect_free(&c);
    ilokg_folded_free(&f);
    return st;
}
