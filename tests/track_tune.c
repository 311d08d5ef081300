/* SPDX-License-Identifier: Apache-2.0 */
/* The tuning harness of the tracking method (docs/tracking.md), a test-only program:
 *
 *   track_tune            for each method variant, a grid over the link, mutual and ratio
 *                         thresholds, two-fold cross-validated across the two read pairs of
 *                         meetings (tuned on one, scored on the other, both ways) and fitted on
 *                         both together;
 *   track_tune --items V  the per-item tables of docs/tracking.md for variant V fitted on both
 *                         pairs (V: a variant's number in the first mode's list; the variants
 *                         with a greedy matching are printed without it);
 *   track_tune --pairs V  every pair the reader links or the tool links, with its measures;
 *   track_tune --nested A B  variant 14 and the variants A to B cross-validated with the
 *                         choice among them held out too: on each pair the variant of best fit,
 *                         scored on the other;
 *   track_tune --learn [M] a logistic regression over the measures of variant 14 (those of the
 *                         bit mask M, default all: learned()) in place of the thresholds, cross-
 *                         validated and fitted the same way.
 *
 * Reads the corpus (data/corpus) and the reading (tests/fixtures/track-gold.tsv) of the source
 * tree it was built from. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/corpus.h"
#include "graph/track.h"
#include "graph/track_syn.h"
#include "track_gold.h"
#include "tests_config.h"

#define EARLY "hlm13-2017" /* the two read pairs: 13 -> 15 and 15 -> 16 */
#define MIDDLE "hlm15-2020"

typedef struct {
    char                name[192];
    ilokg_track_options o;     /* the method; the grid sets link, mutual and relative */
    int                 match; /* 0; else pairs of a greedy matching (at most this many links
                                  per end, best scores first) are links from a lower threshold;
                                  negative: only they can be links (at most -match per end) */
} variant;

/* Variants of the method now (the table's entry 14) that only decide differently. */
static const struct {
    const char *name;
    int         match;
    double      w_theme; /* 0: the default */
} derived[] = {
    {"(14) + greedy matching, one link per end, its own threshold", 1, 0},
    {"(14) + greedy matching, two links per end, its own threshold", 2, 0},
    {"(14), links only within a greedy matching, one per end", -1, 0},
    {"(14), links only within a greedy matching, two per end", -2, 0},
    {"(14), links only within a greedy matching, three per end", -3, 0},
    {"(14), themes weigh 0.05 (text 0.75)", 0, 0.05},
    {"(14), themes weigh 0.15 (text 0.65)", 0, 0.15},
    {"(14), themes weigh 0.2 (text 0.6)", 0, 0.2},
    {"(14), themes weigh 0.3 (text 0.5)", 0, 0.3},
};
#define N_DERIVED (sizeof derived / sizeof derived[0])

/* Variants of the method now with WordNet (ilokg_track_options.syn_*): its synsets of the words
 * as a second text vector (w_syn: its share of the cosine), or the stems of their synonyms a text
 * does not write counted in its stem vector at a discount (alias); parts of speech (bits: nouns 1,
 * verbs 2, adjectives 4), the first senses of each word kept, a word of more senses than max left
 * out (0: none), hypernyms too. */
static const struct {
    unsigned pos;
    int      senses, max;
    bool     hyper;
    double   w_syn, alias;
    int      words; /* with alias: synonyms 1, derived forms 2, both 3 */
} synonyms[] = {
    {3, 1, 0, false, 0.2, 0, 1}, {3, 1, 0, false, 0.3, 0, 1},  {3, 1, 0, false, 0.4, 0, 1},
    {3, 1, 0, false, 0.5, 0, 1}, {3, 1, 0, false, 0.55, 0, 1}, {3, 1, 0, false, 0.6, 0, 1},
    {3, 1, 0, false, 0.7, 0, 1}, {3, 2, 0, false, 0.2, 0, 1},  {3, 2, 0, false, 0.3, 0, 1},
    {3, 2, 0, false, 0.4, 0, 1}, {3, 2, 0, false, 0.5, 0, 1},  {3, 2, 0, false, 0.55, 0, 1},
    {3, 2, 0, false, 0.6, 0, 1}, {3, 2, 0, false, 0.7, 0, 1},  {3, 3, 0, false, 0.3, 0, 1},
    {3, 3, 0, false, 0.4, 0, 1}, {3, 3, 0, false, 0.5, 0, 1},  {3, 3, 0, false, 0.55, 0, 1},
    {3, 3, 0, false, 0.6, 0, 1}, {3, 3, 0, false, 0.7, 0, 1},  {3, 8, 0, false, 0.3, 0, 1},
    {3, 3, 3, false, 0.3, 0, 1}, {3, 2, 3, false, 0.5, 0, 1},  {3, 5, 5, false, 0.3, 0, 1},
    {3, 5, 5, false, 0.5, 0, 1}, {3, 1, 0, true, 0.2, 0, 1},   {3, 1, 0, true, 0.3, 0, 1},
    {3, 1, 0, true, 0.4, 0, 1},  {3, 1, 0, true, 0.5, 0, 1},   {3, 1, 0, true, 0.6, 0, 1},
    {3, 2, 0, true, 0.3, 0, 1},  {3, 2, 0, true, 0.4, 0, 1},   {3, 2, 0, true, 0.5, 0, 1},
    {3, 2, 0, true, 0.55, 0, 1}, {3, 2, 0, true, 0.6, 0, 1},   {3, 3, 0, true, 0.5, 0, 1},
    {3, 3, 0, true, 0.6, 0, 1},  {7, 1, 0, false, 0.3, 0, 1},  {7, 2, 0, false, 0.3, 0, 1},
    {7, 2, 0, false, 0.5, 0, 1}, {1, 1, 0, false, 0.3, 0, 1},  {2, 1, 0, false, 0.3, 0, 1},
    {2, 1, 0, true, 0.3, 0, 1},  {2, 2, 0, true, 0.3, 0, 1},   {3, 1, 0, false, 0, 0.1, 1},
    {3, 1, 0, false, 0, 0.2, 1}, {3, 1, 0, false, 0, 0.3, 1},  {3, 1, 0, false, 0, 0.5, 1},
    {3, 2, 0, false, 0, 0.1, 1}, {3, 2, 0, false, 0, 0.2, 1},  {3, 2, 0, false, 0, 0.3, 1},
    {3, 2, 0, false, 0, 0.5, 1}, {3, 3, 0, false, 0, 0.1, 1},  {3, 3, 0, false, 0, 0.2, 1},
    {3, 3, 0, false, 0, 0.3, 1}, {3, 3, 0, false, 0, 0.5, 1},  {7, 2, 0, false, 0, 0.5, 1},
    {3, 1, 0, false, 0, 0.1, 2}, {3, 1, 0, false, 0, 0.2, 2},  {3, 1, 0, false, 0, 0.3, 2},
    {3, 2, 0, false, 0, 0.1, 2}, {3, 2, 0, false, 0, 0.2, 2},  {3, 2, 0, false, 0, 0.3, 2},
    {3, 3, 0, false, 0, 0.1, 2}, {3, 3, 0, false, 0, 0.2, 2},  {3, 3, 0, false, 0, 0.3, 2},
    {3, 8, 0, false, 0, 0.2, 2}, {7, 2, 0, false, 0, 0.2, 2},  {3, 2, 0, false, 0, 0.2, 3},
};
#define N_SYNONYMS (sizeof synonyms / sizeof synonyms[0])

/* Method variants, compared by the mean of the two held-out folds (docs/tracking.md). */
static variant
variant_at(size_t i, size_t *n)
{
    static const struct {
        const char                *name;
        double                     clause;
        bool                       comma;
        ilokg_track_entity_measure entity;
        double                     w_entity, generic;
        int                        abbrev;
    } v[] = {
        {"clauses 0.6, overlap coefficient (the method before)", 0.6, false,
         ILOKG_TRACK_ENT_OVERLAP, 0.2, 0, 0},
        {"clauses 0.6, Jaccard", 0.6, false, ILOKG_TRACK_ENT_JACCARD, 0.2, 0, 0},
        {"clauses 0.6, Dice", 0.6, false, ILOKG_TRACK_ENT_DICE, 0.2, 0, 0},
        {"clauses 0.6, cosine", 0.6, false, ILOKG_TRACK_ENT_COSINE, 0.2, 0, 0},
        {"+ commas, overlap coefficient", 0.6, true, ILOKG_TRACK_ENT_OVERLAP, 0.2, 0, 0},
        {"+ commas, Jaccard", 0.6, true, ILOKG_TRACK_ENT_JACCARD, 0.2, 0, 0},
        {"+ commas, Dice", 0.6, true, ILOKG_TRACK_ENT_DICE, 0.2, 0, 0},
        {"+ commas, cosine", 0.6, true, ILOKG_TRACK_ENT_COSINE, 0.2, 0, 0},
        {"+ commas 0.5, Jaccard", 0.5, true, ILOKG_TRACK_ENT_JACCARD, 0.2, 0, 0},
        {"+ commas 0.7, Jaccard", 0.7, true, ILOKG_TRACK_ENT_JACCARD, 0.2, 0, 0},
        {"+ commas, Jaccard, entities 0.1", 0.6, true, ILOKG_TRACK_ENT_JACCARD, 0.1, 0, 0},
        {"+ commas, Jaccard, entities 0.3", 0.6, true, ILOKG_TRACK_ENT_JACCARD, 0.3, 0, 0},
        {"+ commas, Jaccard, generic 0.4", 0.6, true, ILOKG_TRACK_ENT_JACCARD, 0.2, 0.4, 0},
        {"+ commas, Jaccard, generic 0.45", 0.6, true, ILOKG_TRACK_ENT_JACCARD, 0.2, 0.45, 0},
        {"+ commas, Jaccard, generic 0.5 (the method now)", 0.6, true, ILOKG_TRACK_ENT_JACCARD, 0.2,
         0.5, 0},
        {"+ commas, Jaccard, generic 0.55", 0.6, true, ILOKG_TRACK_ENT_JACCARD, 0.2, 0.55, 0},
        {"+ commas, Jaccard, generic 0.6", 0.6, true, ILOKG_TRACK_ENT_JACCARD, 0.2, 0.6, 0},
        {"+ commas 0.7, Jaccard, generic 0.5", 0.7, true, ILOKG_TRACK_ENT_JACCARD, 0.2, 0.5, 0},
        {"+ commas 0.5, Jaccard, generic 0.5", 0.5, true, ILOKG_TRACK_ENT_JACCARD, 0.2, 0.5, 0},
        {"clauses 0.6, Jaccard, generic 0.5", 0.6, false, ILOKG_TRACK_ENT_JACCARD, 0.2, 0.5, 0},
        {"+ commas, overlap coefficient, generic 0.5", 0.6, true, ILOKG_TRACK_ENT_OVERLAP, 0.2, 0.5,
         0},
        {"+ commas, Dice, generic 0.5", 0.6, true, ILOKG_TRACK_ENT_DICE, 0.2, 0.5, 0},
        {"+ commas, Jaccard, generic 0.5, abbreviations", 0.6, true, ILOKG_TRACK_ENT_JACCARD, 0.2,
         0.5, 1},
        {"+ commas, Jaccard, generic 0.5, long forms", 0.6, true, ILOKG_TRACK_ENT_JACCARD, 0.2, 0.5,
         2},
        {"+ commas, Jaccard, generic 0.5, abbreviations and long forms", 0.6, true,
         ILOKG_TRACK_ENT_JACCARD, 0.2, 0.5, 3},
    };
    ilokg_track_options o    = ILOKG_TRACK_OPTIONS_INIT;
    size_t              base = sizeof v / sizeof v[0];
    int                 m    = 0;
    double              wt   = 0;
    const char         *name = NULL;
    variant             out  = {0};
    *n                       = base + N_DERIVED + N_SYNONYMS;
    if (i >= base + N_DERIVED && i < *n) {
        size_t k  = i - base - N_DERIVED;
        o.syn_pos = synonyms[k].pos, o.syn_senses = synonyms[k].senses, o.syn_max = synonyms[k].max;
        o.syn_hyper = synonyms[k].hyper, o.w_syn = synonyms[k].w_syn;
        o.syn_alias = synonyms[k].alias, o.syn_words = synonyms[k].words;
        snprintf(
            out.name, sizeof out.name, "(14) + WordNet %s of %s%s%s, first %d sense%s%s%s, %s %.2f",
            synonyms[k].alias <= 0   ? "synsets"
            : synonyms[k].words == 2 ? "derived forms' stems"
            : synonyms[k].words == 3 ? "synonyms' and derived forms' stems"
                                     : "synonyms' stems",
            synonyms[k].pos & 1 ? "nouns " : "", synonyms[k].pos & 2 ? "verbs " : "",
            synonyms[k].pos & 4 ? "adjectives " : "", synonyms[k].senses,
            synonyms[k].senses > 1 ? "s" : "", synonyms[k].max ? " (not too ambiguous)" : "",
            synonyms[k].hyper ? " + hypernyms" : "", synonyms[k].alias > 0 ? "share" : "weight",
            synonyms[k].alias > 0 ? synonyms[k].alias : synonyms[k].w_syn);
        name = out.name;
        i    = 14;
    } else if (i >= base && i < *n) {
        name = derived[i - base].name;
        m    = derived[i - base].match;
        wt   = derived[i - base].w_theme;
        i    = 14;
    }
    i          = i < base ? i : 0;
    o.clause   = v[i].clause;
    o.comma    = v[i].comma;
    o.entity   = v[i].entity;
    o.w_entity = v[i].w_entity;
    o.generic  = v[i].generic;
    o.abbrev   = v[i].abbrev;
    o.w_theme  = wt > 0 ? wt : o.w_theme;
    if (name != out.name) {
        snprintf(out.name, sizeof out.name, "%s", name ? name : v[i].name);
    }
    out.o     = o;
    out.match = m;
    return out;
}

/* One point of the grid and what it scores on each pair. */
typedef struct {
    double       link, mutual, relative, match;
    track_counts a, b; /* 13 -> 15, 15 -> 16 */
} point;

static track_counts
pooled(track_counts a, track_counts b)
{
    return (track_counts){a.tp + b.tp, a.predicted + b.predicted, a.gold + b.gold};
}

/* Which fit: 0 on 13 -> 15, 1 on 15 -> 16, 2 on both. */
static track_counts
fit_counts(const point *p, int fit)
{
    return fit == 0 ? p->a : fit == 1 ? p->b : pooled(p->a, p->b);
}

/* The point of highest F on the fit; among equal F the highest precision, then the first. */
static const point *
best(const point *pts, size_t n, int fit)
{
    const point *b = NULL;
    for (size_t i = 0; i < n; i++) {
        track_counts c = fit_counts(&pts[i], fit);
        if (!b) {
            b = &pts[i];
            continue;
        }
        track_counts d = fit_counts(b, fit);
        double       f = track_f(c), g = track_f(d);
        if (f > g + 1e-12 || (f > g - 1e-12 && track_precision(c) > track_precision(d) + 1e-12)) {
            b = &pts[i];
        }
    }
    return b;
}

static ilokg_status
run(ilokg_track *t, const char *gold, ilokg_track_options o, point *p)
{
    o.link          = p->link;
    o.mutual        = p->mutual;
    o.relative      = p->relative;
    o.related       = o.related < p->link ? o.related : p->link;
    ilokg_status st = ilokg_track_run(t, &o);
    if (!st) {
        p->a = track_gold_score(t, gold, EARLY);
        p->b = track_gold_score(t, gold, MIDDLE);
    }
    return st;
}

/* Every pair of commitments of the two read pairs, scored once: its score, the best scores of
 * its two ends, which pair it belongs to and whether the reader links it. */
typedef struct {
    ilokg_track_link l;
    double           best_later, best_earlier;
    bool             middle, gold;
    bool             matched; /* in the greedy matching (variant.match) */
} scored;

static int
by_score(const void *x, const void *y)
{
    const scored *a = *(const scored *const *)x, *b = *(const scored *const *)y;
    if (a->l.score != b->l.score) {
        return a->l.score > b->l.score ? -1 : 1;
    }
    if (a->l.earlier != b->l.earlier) {
        return a->l.earlier < b->l.earlier ? -1 : 1;
    }
    return (a->l.later > b->l.later) - (a->l.later < b->l.later);
}

/* Greedy matching, best scores first: a pair is matched while neither end has cap matches yet
 * (the items' indexes are below n_items). */
static ilokg_status
greedy_match(scored *s, size_t n, int cap, size_t n_items)
{
    scored **order = calloc(n ? n : 1, sizeof *order);
    int     *as_e  = calloc(n_items ? n_items : 1, sizeof *as_e),
        *as_l      = calloc(n_items ? n_items : 1, sizeof *as_l);
    if (!order || !as_e || !as_l) {
        free(order), free(as_e), free(as_l);
        return ILOKG_ERR_NOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        order[k] = &s[k];
    }
    qsort(order, n, sizeof *order, by_score);
    for (size_t k = 0; k < n; k++) {
        scored *p = order[k];
        if (p->l.score > 0 && as_e[p->l.earlier] < cap && as_l[p->l.later] < cap) {
            p->matched = true;
            as_e[p->l.earlier]++, as_l[p->l.later]++;
        }
    }
    free(order), free(as_e), free(as_l);
    return ILOKG_OK;
}

static ilokg_status
score_all(scored **out, size_t *n_out, track_counts *gold_a, track_counts *gold_b, ilokg_track *t,
          const char *gold, ilokg_track_options o)
{
    o.link = o.mutual = o.relative = o.related = 0; /* every pair is kept */
    size_t                  ni, nl;
    ilokg_status            st = ilokg_track_run(t, &o);
    const ilokg_track_item *it = ilokg_track_items(t, &ni);
    const ilokg_track_link *l  = ilokg_track_links(t, &nl);
    double *bl = calloc(ni ? ni : 1, sizeof *bl), *be = calloc(ni ? ni : 1, sizeof *be);
    scored *s = calloc(nl ? nl : 1, sizeof *s);
    size_t  n = 0;
    if (!st && (!bl || !be || !s)) {
        st = ILOKG_ERR_NOMEM;
    }
    for (size_t k = 0; !st && k < nl; k++) {
        bl[l[k].later]   = l[k].score > bl[l[k].later] ? l[k].score : bl[l[k].later];
        be[l[k].earlier] = l[k].score > be[l[k].earlier] ? l[k].score : be[l[k].earlier];
    }
    for (size_t k = 0; !st && k < nl; k++) {
        const ilokg_track_item *e = &it[l[k].earlier], *a = &it[l[k].later];
        bool                    m = !strcmp(e->doc_id, MIDDLE);
        if ((m || !strcmp(e->doc_id, EARLY)) && track_gold_read(gold, e->doc_id, e->seq)) {
            s[n++] = (scored){l[k],
                              bl[l[k].later],
                              be[l[k].earlier],
                              m,
                              track_gold_has(gold, e->doc_id, e->seq, a->doc_id, a->seq),
                              false};
        }
    }
    if (!st) {
        *gold_a = track_gold_score(t, gold, EARLY);
        *gold_b = track_gold_score(t, gold, MIDDLE);
    }
    free(bl);
    free(be);
    if (st) {
        free(s);
        s = NULL;
    }
    *out   = s;
    *n_out = n;
    return st;
}

/* Whether the pair is a link at point p. */
static bool
made_at(const scored *s, const point *p, ilokg_track_options o, int match)
{
    o.link = p->link, o.mutual = p->mutual, o.relative = p->relative;
    bool decided =
        ilokg_track_decide(&s->l, s->best_later, s->best_earlier, &o) >= ILOKG_DEGREE_DEVELOPED;
    return match < 0 ? decided && s->matched : decided || (s->matched && s->l.score >= p->match);
}

/* Every point of the grid: link 0.20-0.60, mutual 0.16 up to link, ratio 0.5-1.0; with a
 * matching (v.match), its threshold 0.10 up to mutual. */
static ilokg_status
grid(point **out, size_t *n_out, ilokg_track *t, const char *gold, variant v)
{
    point       *pts = NULL;
    scored      *s   = NULL;
    size_t       n = 0, cap = 0, ns = 0, ni = 0;
    track_counts ga, gb;
    ilokg_status st = score_all(&s, &ns, &ga, &gb, t, gold, v.o);
    ilokg_track_items(t, &ni);
    if (!st && v.match) {
        st = greedy_match(s, ns, v.match < 0 ? -v.match : v.match, ni);
    }
    for (int l = 20; !st && l <= 60; l += 2) {
        for (int m = 16; !st && m <= l; m += 2) {
            for (int r = 50; !st && r <= 100; r += 10) {
                for (int x = v.match > 0 ? 10 : 200; !st && x <= (v.match > 0 ? m : 200); x += 2) {
                    if ((st = ilokg_grow(&pts, &cap, n, sizeof *pts))) {
                        break;
                    }
                    point *p = &pts[n++];
                    *p       = (point){l / 100.0, m / 100.0,       r / 100.0,
                                       x / 100.0, {0, 0, ga.gold}, {0, 0, gb.gold}};
                    for (size_t k = 0; k < ns; k++) {
                        track_counts *c = s[k].middle ? &p->b : &p->a;
                        if (made_at(&s[k], p, v.o, v.match)) {
                            c->predicted++;
                            c->tp += s[k].gold;
                        }
                    }
                }
            }
        }
    }
    free(s);
    *out   = pts;
    *n_out = n;
    return st;
}

static void
print_counts(const char *what, track_counts c)
{
    printf("%s F %.3f P %.2f (%zu/%zu) R %.2f (%zu/%zu)", what, track_f(c), track_precision(c),
           c.tp, c.predicted, track_recall(c), c.tp, c.gold);
}

static void
print_point(const point *p)
{
    printf(" @ link %.2f mutual %.2f ratio %.2f", p->link, p->mutual, p->relative);
    if (p->match <= 1) {
        printf(" matched %.2f", p->match);
    }
    printf("\n");
}

static ilokg_status
compare(ilokg_track *t, const char *gold)
{
    size_t       nv = 0;
    ilokg_status st = ILOKG_OK;
    variant_at(0, &nv);
    for (size_t i = 0; !st && i < nv; i++) {
        variant v   = variant_at(i, &nv);
        point  *pts = NULL;
        size_t  n   = 0;
        if (!(st = grid(&pts, &n, t, gold, v))) {
            const point *a = best(pts, n, 0), *b = best(pts, n, 1), *j = best(pts, n, 2);
            printf("[%zu] %s\n  cross-validated F %.3f\n", i, v.name,
                   (track_f(a->b) + track_f(b->a)) / 2);
            print_counts("  tuned on 13->15:", a->a);
            print_counts(" | held-out 15->16:", a->b);
            print_point(a);
            print_counts("  tuned on 15->16:", b->b);
            print_counts(" | held-out 13->15:", b->a);
            print_point(b);
            print_counts("  joint:", pooled(j->a, j->b));
            print_counts(" | 13->15:", j->a);
            print_counts(" | 15->16:", j->b);
            print_point(j);
        }
        free(pts);
        fflush(stdout);
    }
    return st;
}

/* Whether fit a (its counts on the training pair: 0 13 -> 15, 1 15 -> 16) is better than b: the
 * higher F, then the higher precision (the rule of best()). */
static bool
better_fit(track_counts a, track_counts b)
{
    double f = track_f(a), g = track_f(b);
    return f > g + 1e-12 || (f > g - 1e-12 && track_precision(a) > track_precision(b) + 1e-12);
}

/* What nested() has chosen so far on each pair: the variant, its fit and its held-out counts. */
typedef struct {
    size_t       chosen[2];
    track_counts train[2], held[2];
} nested_choice;

/* Fits variant i on each pair and keeps it where it fits better than the choice so far. */
static ilokg_status
nested_consider(nested_choice *c, ilokg_track *t, const char *gold, size_t i)
{
    size_t       nv = 0, n = 0;
    point       *pts = NULL;
    ilokg_status st  = grid(&pts, &n, t, gold, variant_at(i, &nv));
    for (int fit = 0; !st && fit < 2; fit++) {
        const point *b   = best(pts, n, fit);
        track_counts got = fit ? b->b : b->a;
        if (c->chosen[fit] == SIZE_MAX || better_fit(got, c->train[fit])) {
            c->chosen[fit] = i, c->train[fit] = got, c->held[fit] = fit ? b->a : b->b;
        }
    }
    free(pts);
    return st;
}

/* Nested cross-validation over the method now (variant 14) and the variants [from, to]: on each
 * pair, the variant (and its thresholds) of highest F fitted on that pair alone is chosen, then
 * scored on the other pair, so that the choice among the variants is held out too; among equal
 * fits the first (14 first). */
static ilokg_status
nested(ilokg_track *t, const char *gold, size_t from, size_t to)
{
    size_t        nv = 0;
    nested_choice c  = {{SIZE_MAX, SIZE_MAX}, {{0}, {0}}, {{0}, {0}}};
    ilokg_status  st = nested_consider(&c, t, gold, 14);
    variant_at(0, &nv);
    for (size_t i = from; !st && i <= to && i < nv; i++) {
        st = i == 14 ? ILOKG_OK : nested_consider(&c, t, gold, i);
    }
    if (!st) {
        printf("chosen on 13->15: [%zu]", c.chosen[0]);
        print_counts(" tuned", c.train[0]);
        print_counts(" | held-out 15->16:", c.held[0]);
        printf("\nchosen on 15->16: [%zu]", c.chosen[1]);
        print_counts(" tuned", c.train[1]);
        print_counts(" | held-out 13->15:", c.held[1]);
        printf("\nnested cross-validated F %.3f\n", (track_f(c.held[0]) + track_f(c.held[1])) / 2);
    }
    return st;
}

/* ---- a learned combination ------------------------------------------------------------- */

/* Per pair: whole cosine, text similarity (the whole cosine or 0.6 times the best clause's),
 * entity and theme similarity, its score over the best score of its later and of its earlier
 * end, 1 / (1 + its rank) among the candidates of each end, whether it is the best of both. */
#define N_FEAT 9

static void
pair_features(double *x, const scored *s, size_t k, size_t ns)
{
    const ilokg_track_link *l      = &s[k].l;
    size_t                  rank_e = 0, rank_l = 0;
    for (size_t j = 0; j < ns; j++) {
        bool same = s[j].middle == s[k].middle;
        rank_e += same && s[j].l.earlier == l->earlier && s[j].l.score > l->score;
        rank_l += same && s[j].l.later == l->later && s[j].l.score > l->score;
    }
    x[0] = l->whole_sim;
    x[1] = l->text_sim;
    x[2] = l->ent_sim;
    x[3] = l->theme_sim;
    x[4] = s[k].best_later > 0 ? l->score / s[k].best_later : 0;
    x[5] = s[k].best_earlier > 0 ? l->score / s[k].best_earlier : 0;
    x[6] = 1.0 / (1.0 + (double)rank_e);
    x[7] = 1.0 / (1.0 + (double)rank_l);
    x[8] = rank_e == 0 && rank_l == 0;
}

/* L2-regularised logistic regression on the rows with fold[k] == train (2: both), by batch
 * gradient descent from zero over standardised features (mean, sd: out): w[N_FEAT] is the
 * intercept. Deterministic. */
static void
fit_logistic(double *w, double *mean, double *sd, const double *x, const scored *s, const int *fold,
             size_t n, int train)
{
    size_t m = 0;
    double g[N_FEAT + 1];
    memset(w, 0, (N_FEAT + 1) * sizeof *w);
    for (size_t f = 0; f < N_FEAT; f++) {
        double a = 0, b = 0;
        m = 0;
        for (size_t k = 0; k < n; k++) {
            if (train == 2 || fold[k] == train) {
                a += x[k * N_FEAT + f], b += x[k * N_FEAT + f] * x[k * N_FEAT + f], m++;
            }
        }
        mean[f] = m ? a / (double)m : 0;
        sd[f]   = m && b / (double)m - mean[f] * mean[f] > 1e-12
                      ? sqrt(b / (double)m - mean[f] * mean[f])
                      : 1;
    }
    for (int it = 0; it < 3000 && m; it++) {
        memset(g, 0, sizeof g);
        for (size_t k = 0; k < n; k++) {
            if (train != 2 && fold[k] != train) {
                continue;
            }
            double z = w[N_FEAT];
            for (size_t f = 0; f < N_FEAT; f++) {
                z += w[f] * (x[k * N_FEAT + f] - mean[f]) / sd[f];
            }
            double e = 1 / (1 + exp(-z)) - (s[k].gold ? 1 : 0);
            for (size_t f = 0; f < N_FEAT; f++) {
                g[f] += e * (x[k * N_FEAT + f] - mean[f]) / sd[f];
            }
            g[N_FEAT] += e;
        }
        for (size_t f = 0; f <= N_FEAT; f++) {
            w[f] -= 0.5 * (g[f] / (double)m + (f < N_FEAT ? 1e-3 * w[f] : 0));
        }
    }
}

static double
predict(const double *w, const double *mean, const double *sd, const double *x)
{
    double z = w[N_FEAT];
    for (size_t f = 0; f < N_FEAT; f++) {
        z += w[f] * (x[f] - mean[f]) / sd[f];
    }
    return z;
}

/* The counts on fold (2: both) of the links whose predicted logit is at least cut. */
static track_counts
count_at(const double *z, const scored *s, const int *fold, size_t n, int which, double cut,
         track_counts gold_a, track_counts gold_b)
{
    track_counts c = {0, 0,
                      which == 0   ? gold_a.gold
                      : which == 1 ? gold_b.gold
                                   : gold_a.gold + gold_b.gold};
    for (size_t k = 0; k < n; k++) {
        if ((which == 2 || fold[k] == which) && z[k] >= cut) {
            c.predicted++;
            c.tp += s[k].gold;
        }
    }
    return c;
}

/* The cut of highest F on fold which (among equal F the highest precision): tried at every
 * logit of a pair of that fold. */
static double
best_cut(const double *z, const scored *s, const int *fold, size_t n, int which,
         track_counts gold_a, track_counts gold_b)
{
    double       cut = INFINITY;
    track_counts bc  = {0, 0, 1};
    for (size_t k = 0; k < n; k++) {
        if ((which != 2 && fold[k] != which) || z[k] < -4) { /* p < 0.02: never near a link */
            continue;
        }
        track_counts c = count_at(z, s, fold, n, which, z[k], gold_a, gold_b);
        double       f = track_f(c), g = track_f(bc);
        if (f > g + 1e-12 ||
            (f > g - 1e-12 && (track_precision(c) > track_precision(bc) + 1e-12 ||
                               (track_precision(c) > track_precision(bc) - 1e-12 && z[k] > cut)))) {
            bc = c, cut = z[k];
        }
    }
    return cut;
}

static void
print_weights(const double *w, const double *mean, const double *sd, double cut)
{
    static const char *const name[N_FEAT] = {"whole",          "text",         "entity",
                                             "theme",          "ratio later",  "ratio earlier",
                                             "1/rank earlier", "1/rank later", "mutual best"};
    double                   b            = w[N_FEAT];
    printf("  weights on the raw measures:");
    for (size_t f = 0; f < N_FEAT; f++) {
        printf(" %s %.3f", name[f], w[f] / sd[f]);
        b -= w[f] * mean[f] / sd[f];
    }
    printf(" | intercept %.3f; a link when the sum is at least %.3f\n", b, cut);
}

/* Logistic regression over the measures of variant 14 (those of mask: bit f for feature f of
 * pair_features), two-fold cross-validated like the threshold grid, then fitted on both pairs. */
static ilokg_status
learned(ilokg_track *t, const char *gold, unsigned mask)
{
    size_t       nv = 0, ns = 0;
    scored      *s = NULL;
    track_counts ga, gb;
    ilokg_status st = score_all(&s, &ns, &ga, &gb, t, gold, variant_at(14, &nv).o);
    double      *x = calloc(ns ? ns * N_FEAT : 1, sizeof *x), *z = calloc(ns ? ns : 1, sizeof *z);
    int         *fold = calloc(ns ? ns : 1, sizeof *fold);
    double       w[N_FEAT + 1], mean[N_FEAT], sd[N_FEAT], cut[3];
    track_counts held[2];
    if (!st && (!x || !z || !fold)) {
        st = ILOKG_ERR_NOMEM;
    }
    for (size_t k = 0; !st && k < ns; k++) {
        pair_features(&x[k * N_FEAT], s, k, ns);
        for (size_t f = 0; f < N_FEAT; f++) {
            x[k * N_FEAT + f] = mask >> f & 1 ? x[k * N_FEAT + f] : 0; /* left out: weight 0 */
        }
        fold[k] = s[k].middle;
    }
    for (int train = 0; !st && train < 3; train++) {
        fit_logistic(w, mean, sd, x, s, fold, ns, train);
        for (size_t k = 0; k < ns; k++) {
            z[k] = predict(w, mean, sd, &x[k * N_FEAT]);
        }
        cut[train] = best_cut(z, s, fold, ns, train, ga, gb);
        if (train < 2) {
            held[train] = count_at(z, s, fold, ns, 1 - train, cut[train], ga, gb);
            print_counts(train ? "  tuned on 15->16:" : "  tuned on 13->15:",
                         count_at(z, s, fold, ns, train, cut[train], ga, gb));
            print_counts(train ? " | held-out 13->15:" : " | held-out 15->16:", held[train]);
            printf("\n");
        } else {
            print_counts("  joint:", count_at(z, s, fold, ns, 2, cut[2], ga, gb));
            print_counts(" | 13->15:", count_at(z, s, fold, ns, 0, cut[2], ga, gb));
            print_counts(" | 15->16:", count_at(z, s, fold, ns, 1, cut[2], ga, gb));
            printf("\n");
            print_weights(w, mean, sd, cut[2]);
            printf("  cross-validated F %.3f\n", (track_f(held[0]) + track_f(held[1])) / 2);
        }
    }
    free(x);
    free(z);
    free(fold);
    free(s);
    return st;
}

/* ---- the per-item tables ------------------------------------------------------------------ */

/* The start of text: the whole of a text of up to 68 bytes, else whole words up to 65 bytes and
 * " …". */
static void
print_start(const char *text)
{
    size_t len = strlen(text), n = len <= 68 ? len : 0;
    for (size_t i = 0; n < len && text[i] && i <= 65; i++) {
        if (text[i] == ' ' || !text[i + 1]) {
            n = text[i] == ' ' ? i : i + 1;
        }
    }
    printf("%.*s%s", (int)n, text, text[n] ? " …" : "");
}

/* The reader's links from earlier commitment es in later sequence order (", "-separated, "—"
 * when none) into out. */
static void
reader_links(char *out, size_t size, const char *gold, const char *e, size_t es)
{
    char   key[64];
    size_t used = 0, seqs[64], n = 0;
    char   degs[64];
    snprintf(key, sizeof key, "\n%s\t%zu\t", e, es);
    for (const char *p = strstr(gold, key); p && n < 64; p = strstr(p + 1, key)) {
        const char *l = strchr(p + strlen(key), '\t');
        char        deg[16];
        if (l && sscanf(l + 1, "%zu\t%15s", &seqs[n], deg) == 2 &&
            (!strcmp(deg, "repeated") || !strcmp(deg, "developed"))) {
            degs[n++] = deg[0] == 'r' ? 'R' : 'D';
        }
    }
    for (size_t i = 1; i < n; i++) { /* insertion sort: a handful */
        for (size_t j = i; j > 0 && seqs[j - 1] > seqs[j]; j--) {
            size_t t = seqs[j];
            char   d = degs[j];
            seqs[j] = seqs[j - 1], degs[j] = degs[j - 1];
            seqs[j - 1] = t, degs[j - 1] = d;
        }
    }
    out[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        used +=
            (size_t)snprintf(out + used, size - used, "%s%zu %c", i ? ", " : "", seqs[i], degs[i]);
    }
    if (!n) {
        snprintf(out, size, "—");
    }
}

/* One row per earlier commitment of document e read by the reader. */
static void
print_table(const ilokg_track *t, const char *gold, const char *e)
{
    size_t                  ni, nl;
    const ilokg_track_item *it = ilokg_track_items(t, &ni);
    const ilokg_track_link *l  = ilokg_track_links(t, &nl);
    for (size_t i = 0; i < ni; i++) {
        if (strcmp(it[i].doc_id, e) || !track_gold_read(gold, e, it[i].seq)) {
            continue;
        }
        char   reader[256], agree[512] = "", extra[512] = "", tool[512] = "";
        size_t ut = 0, ua = 0, ux = 0;
        reader_links(reader, sizeof reader, gold, e, it[i].seq);
        for (size_t k = 0; k < nl; k++) {
            const ilokg_track_item *a = &it[l[k].later];
            if (l[k].earlier != i || l[k].degree < ILOKG_DEGREE_DEVELOPED) {
                continue;
            }
            ut += (size_t)snprintf(tool + ut, sizeof tool - ut, "%s%zu %c (%.2f)", ut ? ", " : "",
                                   a->seq, l[k].degree == ILOKG_DEGREE_REPEATED ? 'R' : 'D',
                                   l[k].score);
            if (!track_gold_has(gold, e, it[i].seq, a->doc_id, a->seq)) {
                ux += (size_t)snprintf(extra + ux, sizeof extra - ux, "%sextra %zu", ux ? ", " : "",
                                       a->seq);
            }
        }
        /* The reader's links the tool does not make. */
        for (size_t j = 0; j < ni; j++) {
            bool made = false;
            if (!it[j].meeting || it[j].meeting <= it[i].meeting ||
                strcmp(it[j].series, it[i].series) ||
                !track_gold_has(gold, e, it[i].seq, it[j].doc_id, it[j].seq)) {
                continue;
            }
            for (size_t k = 0; k < nl; k++) {
                made = made || (l[k].earlier == i && l[k].later == j &&
                                l[k].degree >= ILOKG_DEGREE_DEVELOPED);
            }
            if (!made) {
                ua += (size_t)snprintf(agree + ua, sizeof agree - ua, "%smissed %zu",
                                       ua ? ", " : "", it[j].seq);
            }
        }
        printf("| %zu | ", it[i].seq);
        print_start(it[i].text);
        printf(" | %s | %s | %s%s%s |\n", reader, ut ? tool : "—", ua || ux ? agree : "yes",
               ua && ux ? ", " : "", extra);
    }
}

static int
print_items(ilokg_track *t, const char *gold, int which)
{
    size_t  nv = 0, n = 0;
    point  *pts = NULL;
    variant v   = variant_at(0, &nv);
    v           = variant_at(which >= 0 ? (size_t)which : nv, &nv);
    if (grid(&pts, &n, t, gold, v)) {
        free(pts);
        return 1;
    }
    point j = *best(pts, n, 2);
    free(pts);
    printf("%s", v.name);
    print_point(&j);
    if (run(t, gold, v.o, &j)) {
        return 1;
    }
    printf("\nHLM 13 -> 15\n\n");
    print_table(t, gold, EARLY);
    printf("\nHLM 15 -> 16\n\n");
    print_table(t, gold, MIDDLE);
    return 0;
}

/* Every pair the reader links, or the tool links at the joint fit, with its measures and the
 * best scores of its two ends: what a change of method has to move. */
static int
print_pairs(ilokg_track *t, const char *gold, int which)
{
    size_t       nv = 0, n = 0, ns = 0;
    point       *pts = NULL;
    scored      *s   = NULL;
    track_counts ga, gb;
    variant      v = variant_at(0, &nv);
    v              = variant_at(which >= 0 ? (size_t)which : nv, &nv);
    if (grid(&pts, &n, t, gold, v) || score_all(&s, &ns, &ga, &gb, t, gold, v.o)) {
        free(pts);
        free(s);
        return 1;
    }
    point               j = *best(pts, n, 2);
    ilokg_track_options o = v.o;
    o.link = j.link, o.mutual = j.mutual, o.relative = j.relative;
    size_t                  ni;
    const ilokg_track_item *it = ilokg_track_items(t, &ni);
    for (size_t k = 0; k < ns; k++) {
        const ilokg_track_link *l = &s[k].l;
        bool                    made =
            ilokg_track_decide(l, s[k].best_later, s[k].best_earlier, &o) >= ILOKG_DEGREE_DEVELOPED;
        if (!made && !s[k].gold) {
            continue;
        }
        printf("%s %s %zu -> %zu score %.3f text %.3f whole %.3f ent %.3f theme %.3f best e %.3f "
               "l %.3f%s\n",
               made && s[k].gold ? "ok   "
               : made            ? "extra"
                                 : "miss ",
               s[k].middle ? "15" : "13", it[l->earlier].seq, it[l->later].seq, l->score,
               l->text_sim, l->whole_sim, l->ent_sim, l->theme_sim, s[k].best_earlier,
               s[k].best_later, l->action_changed ? " action changed" : "");
    }
    free(pts);
    free(s);
    return 0;
}

int
main(int argc, char **argv)
{
    ilokg_world  *w       = NULL;
    ilokg_corpus *corpus  = NULL;
    ilokg_track  *t       = NULL;
    char         *gold    = NULL;
    const char   *paths[] = {ILOKG_TEST_CORPUS};
    ilokg_status  st      = ilokg_world_new(&w, ILOKG_TEST_DATA_DIR, NULL, NULL);
    int           rc      = 1;
    FILE         *f       = NULL;
    if (!st && !(st = ilokg_corpus_read(&corpus, w, paths, 1))) {
        st = ilokg_track_new(&t);
        if (!st) {
            ilokg_track_read_abbreviations(t, true); /* variants 22-24 use them */
        }
    }
    for (size_t i = 0; !st && i < corpus->n_docs; i++) {
        st = ilokg_track_add_doc(t, corpus->docs[i]);
    }
    if (!st && (f = fopen(ILOKG_TEST_FIXTURES "/track-gold.tsv", "rb"))) {
        long len = fseek(f, 0, SEEK_END) ? -1 : ftell(f);
        if (len > 0 && !fseek(f, 0, SEEK_SET) && (gold = calloc((size_t)len + 1, 1)) &&
            fread(gold, 1, (size_t)len, f) == (size_t)len) {
            rc = 0;
        }
        fclose(f);
    }
    if (!rc && track_syn_open() != ILOKG_OK) {
        fprintf(stderr, "track_tune: warning: no WordNet (built without it, or its database is "
                        "missing): the WordNet variants compare stems only\n");
    }
    if (!rc) {
        rc = argc > 2 && !strcmp(argv[1], "--items")   ? print_items(t, gold, atoi(argv[2]))
             : argc > 2 && !strcmp(argv[1], "--pairs") ? print_pairs(t, gold, atoi(argv[2]))
             : argc > 3 && !strcmp(argv[1], "--nested")
                 ? nested(t, gold, strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10)) !=
                       ILOKG_OK
             : argc > 1 && !strcmp(argv[1], "--learn")
                 ? learned(t, gold, argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 0x1ff) !=
                       ILOKG_OK
                 : compare(t, gold) != ILOKG_OK;
    } else {
        fprintf(stderr, "track_tune: cannot read the corpus or the reading\n");
    }
    free(gold);
    ilokg_track_free(t);
    ilokg_corpus_free(corpus);
    ilokg_world_free(w);
    return rc;
}
