/* SPDX-License-Identifier: Apache-2.0 */
/* The linking itself: per pair of successive meetings, TF-IDF cosine of the texts (whole items,
 * and a clause of one against the other whole) with the corpus as background, IDF-weighted
 * overlap of the entities named, overlap of the themes; then degrees by thresholds and each
 * commitment's status (docs/tracking.md). */
#include "graph/track.h"

#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/track_int.h"

static int
cmp_item(const void *x, const void *y)
{
    const ilokg_track_item *a = x, *b = y;
    int                     c = strcmp(a->series, b->series);
    if (c) {
        return c;
    }
    if (a->meeting != b->meeting) {
        return a->meeting < b->meeting ? -1 : 1;
    }
    if ((c = strcmp(a->doc_id, b->doc_id))) {
        return c;
    }
    return (a->seq > b->seq) - (a->seq < b->seq);
}

static const ilokg_track_item *
item_at(const ilokg_track *t, size_t i)
{
    return i < t->n_items ? &t->items[i] : &t->bg[i - t->n_items];
}

static ilokg_status
entity_vec(track_vec *out, track_table *tb, const ilokg_track_item *it)
{
    ilokg_buf    key = ILOKG_BUF_INIT;
    ilokg_status st  = ILOKG_OK;
    out->n           = 0;
    out->f           = it->n_entities ? calloc(it->n_entities, sizeof *out->f) : NULL;
    if (it->n_entities && !out->f) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; !st && i < it->n_entities; i++) {
        size_t fid = 0;
        key.len    = 0;
        /* ':' never occurs in a stem, so entity keys and words cannot collide. */
        if (!(st =
                  ilokg_buf_printf(&key, "%d:%s", (int)it->entities[i].kind, it->entities[i].id)) &&
            !(st = track_table_id(&fid, tb, key.ptr))) {
            out->f[out->n++] = (track_feat){fid, 1, 0, 0, 0, false, false, false};
        }
    }
    ilokg_buf_free(&key);
    return st;
}

static int
cmp_fid(const void *x, const void *y)
{
    const track_feat *a = x, *b = y;
    return (a->fid > b->fid) - (a->fid < b->fid);
}

/* Counts the features of v into d (grown to every id of v). */
static ilokg_status
df_add(track_df *d, const track_vec *v)
{
    for (size_t k = 0; k < v->n; k++) {
        size_t fid = v->f[k].fid;
        if (v->f[k].alias) {
            continue; /* a word the text does not write */
        }
        if (fid >= d->cap) {
            size_t  cap = fid + 1 > 2 * d->cap ? fid + 1 : 2 * d->cap;
            size_t *df  = realloc(d->df, cap * sizeof *df);
            if (!df) {
                return ILOKG_ERR_NOMEM;
            }
            memset(df + d->cap, 0, (cap - d->cap) * sizeof *df);
            d->df  = df;
            d->cap = cap;
        }
        d->df[fid]++;
    }
    return ILOKG_OK;
}

/* The document frequencies of the whole corpus and of each series, counted from every item's
 * features (stems, bigrams, entities), which are then dropped: the vectors are computed again for
 * each pair (window_to), two meetings at a time. Features get their ids here, in item order, as
 * the vectors computed later meet them again. */
static ilokg_status
count_corpus(ilokg_track *t, int abbrev)
{
    ilokg_status st  = ILOKG_OK;
    track_df    *cur = NULL;
    for (size_t i = 0; !st && i < t->n_items + t->n_bg; i++) {
        track_loaded            l;
        const ilokg_track_item *it = &l.it;
        track_vec               w = {0}, e = {0};
        if ((st = track_load(t, &t->rd, item_at(t, i), &l))) {
            break;
        }
        if (i < t->n_items && (!cur || strcmp(cur->series, it->series))) {
            if ((st = ilokg_grow(&t->df_series, &t->cap_series, t->n_series,
                                 sizeof *t->df_series))) {
                break;
            }
            cur  = &t->df_series[t->n_series++];
            *cur = (track_df){it->series, NULL, 0, 0};
        }
        if (!(st = track_features(&w, &t->table, &t->stemmer, it->text, abbrev ? it->abbrevs : NULL,
                                  true)) &&
            !(st = entity_vec(&e, &t->table, it)) && !(st = df_add(&t->df_all, &w)) &&
            !(st = df_add(&t->df_all, &e)) && i < t->n_items && !(st = df_add(cur, &w))) {
            st = df_add(cur, &e);
        }
        t->df_all.n++;
        if (i < t->n_items) {
            cur->n++;
        }
        track_loaded_clear(&l);
        free(w.f);
        free(e.f);
    }
    return st;
}

const ilokg_track_item *
track_item(const track_worker *w, size_t i)
{
    return &w->win_items[i - w->wb].it;
}

/* Item i's vectors (i in the window [wb, we)). */
static track_vec *
words_of(const track_worker *w, size_t i)
{
    return &w->words[i - w->wb];
}

static track_vec *
ents_of(const track_worker *w, size_t i)
{
    return &w->ents[i - w->wb];
}

/* Item i's clauses: [*b, *e) of w->parts. */
static void
parts_of(const track_worker *w, size_t i, size_t *b, size_t *e)
{
    *b = w->part_off[i - w->wb];
    *e = w->part_off[i - w->wb + 1];
}

/* Frees the vectors of the window's first k items and moves the others to its front. */
static void
window_drop(track_worker *w, size_t k)
{
    if (!k) {
        return;
    }
    size_t n = w->we - w->wb, np = w->part_off[n], kp = w->part_off[k];
    for (size_t i = 0; i < k; i++) {
        free(w->words[i].f);
        free(w->words[i].sw);
        free(w->ents[i].f);
        track_loaded_clear(&w->win_items[i]);
    }
    memmove(w->win_items, w->win_items + k, (n - k) * sizeof *w->win_items);
    for (size_t i = 0; i < kp; i++) {
        free(w->parts[i].f);
        free(w->parts[i].sw);
    }
    memmove(w->words, w->words + k, (n - k) * sizeof *w->words);
    memmove(w->ents, w->ents + k, (n - k) * sizeof *w->ents);
    if (np > kp) { /* parts is NULL while no item has clauses */
        memmove(w->parts, w->parts + kp, (np - kp) * sizeof *w->parts);
    }
    for (size_t i = k; i <= n; i++) {
        w->part_off[i - k] = w->part_off[i] - kp;
    }
    w->wb += k;
}

/* Room in the window for n + 1 items. */
static ilokg_status
window_room(track_worker *w, size_t n)
{
    if (n + 1 <= w->cap_win) {
        return ILOKG_OK;
    }
    track_vec *v    = realloc(w->words, (n + 1) * sizeof *v);
    w->words        = v ? v : w->words;
    track_vec *e    = v ? realloc(w->ents, (n + 1) * sizeof *e) : NULL;
    w->ents         = e ? e : w->ents;
    size_t *o       = e ? realloc(w->part_off, (n + 1) * sizeof *o) : NULL;
    w->part_off     = o ? o : w->part_off;
    track_loaded *l = o ? realloc(w->win_items, (n + 1) * sizeof *l) : NULL;
    w->win_items    = l ? l : w->win_items;
    if (!l) {
        return ILOKG_ERR_NOMEM;
    }
    w->cap_win = n + 1;
    return ILOKG_OK;
}

/* Makes the vectors of the series items [b, e) ready, the two meetings of a pair: what the
 * window already holds of them is kept (the earlier meeting was the later one of the pair
 * before), the rest freed, the missing ones computed (whole items with their bigrams, entities,
 * clauses). Two meetings' vectors at a time, however many meetings a series has. */
static ilokg_status
window_to(track_worker *w, const ilokg_track *t, size_t b, size_t e, const ilokg_track_options *opt)
{
    if (b < w->wb || b >= w->we) {
        window_drop(w, w->we - w->wb);
        w->wb = w->we = b;
    } else {
        window_drop(w, b - w->wb);
    }
    ilokg_status st = window_room(w, e - w->wb);
    if (!st && w->we == w->wb) {
        w->part_off[0] = 0;
    }
    for (size_t i = w->we; !st && i < e; i++) {
        track_vec    *wv = words_of(w, i), *v = ents_of(w, i), *cl = NULL;
        track_loaded *l  = &w->win_items[i - w->wb];
        size_t        nc = 0, np = w->part_off[i - w->wb];
        *wv = *v                   = (track_vec){0};
        *l                         = (track_loaded){0};
        w->we                      = i + 1; /* freed with the window, whatever follows */
        w->part_off[i - w->wb + 1] = np;
        const ilokg_track_item *it = &l->it;
        if (!(st = track_load(t, &w->rd, &t->items[i], l)) &&
            !(st = track_features(wv, w->table, w->stemmer, it->text,
                                  opt->abbrev ? it->abbrevs : NULL, true)) &&
            !(st = entity_vec(v, w->table, it)) && v->n > 1) {
            qsort(v->f, v->n, sizeof *v->f, cmp_fid);
        }
        if (!st) {
            st = track_clause_features(&cl, &nc, w->table, w->stemmer, it->text,
                                       opt->abbrev ? it->abbrevs : NULL, opt->comma);
        }
        for (size_t k = 0; k < nc; k++) {
            if (!st && !(st = ilokg_grow(&w->parts, &w->cap_parts, np, sizeof *w->parts))) {
                w->parts[np++] = cl[k];
            } else {
                free(cl[k].f);
            }
        }
        free(cl);
        w->part_off[i - w->wb + 1] = np;
    }
    return st;
}

static ilokg_status
find_pairs(ilokg_track *t)
{
    ilokg_status st = ILOKG_OK;
    for (size_t i = 1; !st && i < t->n_items; i++) {
        const ilokg_track_item *a = &t->items[i - 1], *b = &t->items[i];
        if (!strcmp(a->series, b->series) && a->meeting != b->meeting &&
            !(st = ilokg_grow(&t->pairs, &t->cap_pairs, t->n_pairs, sizeof *t->pairs))) {
            t->pairs[t->n_pairs++] = (ilokg_track_pair){b->series, a->meeting, b->meeting};
        }
    }
    return st;
}

/* The items of one meeting of a series: [*begin, *end). */
static void
meeting_range(const ilokg_track *t, const char *series, long meeting, size_t *begin, size_t *end)
{
    size_t lo = 0, hi = t->n_items; /* items are sorted by series, then meeting (cmp_item) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int    c   = strcmp(t->items[mid].series, series);
        if (c < 0 || (c == 0 && t->items[mid].meeting < meeting)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    size_t i = lo;
    *begin   = i;
    while (i < t->n_items && !strcmp(t->items[i].series, series) &&
           t->items[i].meeting == meeting) {
        i++;
    }
    *end = i;
}

/* Adds (sign 1) or takes away (-1) item i's stems and entities (its vectors are in the window)
 * to the document frequencies. */
static void
count_df(const track_worker *wk, size_t i, size_t *df, int sign)
{
    const track_vec *w = words_of(wk, i), *e = ents_of(wk, i);
    for (size_t k = 0; k < w->n; k++) {
        df[w->f[k].fid] += w->f[k].alias ? 0 : (size_t)(long)sign;
    }
    for (size_t k = 0; k < e->n; k++) {
        df[e->f[k].fid] += (size_t)(long)sign;
    }
}

/* The document frequencies of what every pair of a series shares in its background: the items
 * of other series and the background items (not linked: the ILC conclusions, the programming
 * note), the whole corpus less the series. *n gets their number. */
static void
series_background(const ilokg_track *t, const char *series, size_t *df, size_t n_dense, size_t *n)
{
    const track_df *s = NULL;
    for (size_t k = 0; !s && k < t->n_series; k++) {
        s = strcmp(t->df_series[k].series, series) ? NULL : &t->df_series[k];
    }
    for (size_t f = 0; f < n_dense; f++) {
        df[f] = (f < t->df_all.cap ? t->df_all.df[f] : 0) - (s && f < s->cap ? s->df[f] : 0);
    }
    *n = t->df_all.n - (s ? s->n : 0);
}

/* TF-IDF weights of v's stems, (1 + ln tf) * ln(1 + n/df), scaled to unit length. Bigrams keep
 * their weight unscaled: they only choose the key phrase (with them in the cosine, the training
 * pair's links were found less precisely at the same recall: docs/tracking.md). */
static ilokg_status
weigh_words(track_vec *v, const size_t *df, size_t n, double w_syn, double w_alias)
{
    if (!v->sw) {
        for (size_t k = 0; k < v->n; k++) {
            v->n_sw += !v->f[k].bigram;
        }
        if (!(v->sw = malloc((v->n_sw ? v->n_sw : 1) * sizeof *v->sw))) {
            return ILOKG_ERR_NOMEM;
        }
    }
    double norm = 0, norm_syn = 0;
    v->spec = 0;
    for (size_t k = 0; k < v->n; k++) {
        track_feat *f   = &v->f[k];
        size_t      d   = f->alias && !df[f->fid] ? 1 : df[f->fid]; /* a synonym no text writes */
        double      idf = log(1 + (double)n / (double)d);
        v->spec         = !f->bigram && !f->syn && !f->alias && idf > v->spec ? idf : v->spec;
        f->w            = (1 + log((double)f->tf)) * idf;
        norm += f->bigram || f->syn || f->alias ? 0 : f->w * f->w;
        norm_syn += f->syn || f->alias ? f->w * f->w : 0;
    }
    /* What WordNet adds (track_syn.h), when it adds anything: the synsets of the words, or the
     * stems of their synonyms the text does not write (alias), a second unit vector beside the
     * stems' that has share of the whole: the cosine of two texts is then (1 - share) times that
     * of their stems, share times that of their synsets (or synonyms), plus, for synonyms, the
     * cross terms (a word of one text that is a synonym of one of the other's). */
    double share = w_syn > 0 ? w_syn : w_alias;
    norm         = norm_syn > 0 ? sqrt(norm) / sqrt(1 - share) : sqrt(norm);
    norm_syn     = norm_syn > 0 ? sqrt(norm_syn) / sqrt(share) : 0;
    v->spec      = n ? v->spec / log(1 + (double)n) : 0;
    for (size_t k = 0, m = 0; k < v->n; k++) {
        track_feat *f = &v->f[k];
        f->w          = f->bigram            ? f->w
                        : f->syn || f->alias ? (norm_syn > 0 ? f->w / norm_syn : 0)
                        : norm > 0           ? f->w / norm
                                             : 0;
        if (!f->bigram) {
            v->sw[m++] = (track_stem_w){f->fid, f->w};
        }
    }
    return ILOKG_OK;
}

/* IDF weights (ln(1 + N/df)) and unit-length TF-IDF vectors, of the items and of their clauses,
 * for the items [b, e) of one of the pair's meetings; df and n count the pair's background. */
static ilokg_status
weigh(track_worker *w, const size_t *df, size_t n, size_t b, size_t e)
{
    ilokg_status st = ILOKG_OK;
    for (size_t i = b; !st && i < e; i++) {
        size_t pb, pe;
        parts_of(w, i, &pb, &pe);
        st = weigh_words(words_of(w, i), df, n, w->stemmer->syn.weight, w->stemmer->syn.alias);
        for (size_t k = pb; !st && k < pe; k++) {
            st = weigh_words(&w->parts[k], df, n, w->stemmer->syn.weight, w->stemmer->syn.alias);
        }
        for (size_t k = 0; k < ents_of(w, i)->n; k++) {
            track_feat *f = &ents_of(w, i)->f[k];
            f->w          = log(1 + (double)n / (double)df[f->fid]);
        }
    }
    return st;
}

/* The background of a pair is the whole corpus but the other meetings of the same series, so that
 * a meeting added to a series changes only the links that involve it: the series' background
 * (series_background, counted once per series) and the pair's two meetings [eb, ee), [lb, le),
 * added for the pair and taken away after it, so that linking is linear in the corpus. */
static ilokg_status
weigh_pair(track_worker *w, size_t eb, size_t ee, size_t lb, size_t le)
{
    for (size_t i = eb; i < ee; i++) {
        count_df(w, i, w->df, 1);
    }
    for (size_t i = lb; i < le; i++) {
        count_df(w, i, w->df, 1);
    }
    size_t       n  = w->n_bg + (ee - eb) + (le - lb);
    ilokg_status st = weigh(w, w->df, n, eb, ee);
    if (!st) {
        st = weigh(w, w->df, n, lb, le);
    }
    for (size_t i = eb; i < ee; i++) {
        count_df(w, i, w->df, -1);
    }
    for (size_t i = lb; i < le; i++) {
        count_df(w, i, w->df, -1);
    }
    return st;
}

/* item's packed stem weights (weigh_words) written into dense (set), or cleared again. */
static void
scatter(double *dense, const track_vec *v, bool set)
{
    for (size_t k = 0; k < v->n_sw; k++) {
        dense[v->sw[k].fid] = set ? v->sw[k].w : 0;
    }
}

/* The cosine of v with the vector scattered into dense: the products of the stems both have,
 * added in the order of v's (ascending) ids, as a merge of the two sorted vectors adds them (the
 * other stems add exact zeros), so the sums are the same to the bit. */
static double
gather(const double *dense, const track_vec *v)
{
    double s = 0;
    for (size_t k = 0; k < v->n_sw; k++) {
        s += v->sw[k].w * dense[v->sw[k].fid];
    }
    return s;
}

/* The best cosine of item's clauses with the vector scattered into dense; a clause whose rarest
 * stem is not rare enough (track_vec.spec under generic: "explore opportunities for cooperation
 * in these areas") says nothing of a subject and is left out. */
static double
best_clause(const track_worker *w, const double *dense, size_t item, double generic)
{
    double best = 0;
    size_t pb, pe;
    parts_of(w, item, &pb, &pe);
    for (size_t k = pb; k < pe; k++) {
        double c = w->parts[k].spec < generic ? 0 : gather(dense, &w->parts[k]);
        best     = c > best ? c : best;
    }
    return best;
}

/* For every pair of the earlier items [eb, eb + ne) and the later [lb, lb + nl) (m and clause,
 * row by earlier item): the cosine of the two whole items (m's whole_sim) and the best cosine of
 * a clause of one with the whole other, either way round (clause): a later item that takes on a
 * piece of an earlier one, or an earlier list split into several. Each whole item is scattered
 * once into dense (zero on entry and on return) and the other side's vectors read against it. */
static void
text_cosines(ilokg_track_link *m, double *clause, const track_worker *w, size_t eb, size_t ne,
             size_t lb, size_t nl, double generic)
{
    double *dense = w->dense;
    for (size_t i = 0; i < ne; i++) {
        scatter(dense, words_of(w, eb + i), true);
        for (size_t j = 0; j < nl; j++) {
            m[i * nl + j].whole_sim = gather(dense, words_of(w, lb + j));
            clause[i * nl + j]      = best_clause(w, dense, lb + j, generic);
        }
        scatter(dense, words_of(w, eb + i), false);
    }
    for (size_t j = 0; j < nl; j++) {
        scatter(dense, words_of(w, lb + j), true);
        for (size_t i = 0; i < ne; i++) {
            double c           = best_clause(w, dense, eb + i, generic);
            clause[i * nl + j] = c > clause[i * nl + j] ? c : clause[i * nl + j];
        }
        scatter(dense, words_of(w, lb + j), false);
    }
}

static double
weight_sum(const track_vec *v)
{
    double s = 0;
    for (size_t k = 0; k < v->n; k++) {
        s += v->f[k].w;
    }
    return s;
}

/* The IDF weight of the entities both name, against the two items' totals as measure says
 * (ilokg_track_entity_measure). The overlap coefficient says 1 when one item's entities are
 * among the other's, whatever else that one names; Jaccard, Dice and the cosine say less the
 * more the other names besides (docs/tracking.md compares them). */
static double
weighted_overlap(const track_vec *a, const track_vec *b, ilokg_track_entity_measure measure)
{
    double inter = 0, sa = weight_sum(a), sb = weight_sum(b);
    for (size_t i = 0, j = 0; i < a->n && j < b->n;) {
        if (a->f[i].fid == b->f[j].fid) {
            inter += a->f[i].w;
            i++, j++;
        } else if (a->f[i].fid < b->f[j].fid) {
            i++;
        } else {
            j++;
        }
    }
    double den = measure == ILOKG_TRACK_ENT_JACCARD  ? sa + sb - inter
                 : measure == ILOKG_TRACK_ENT_DICE   ? (sa + sb) / 2
                 : measure == ILOKG_TRACK_ENT_COSINE ? sqrt(sa * sb)
                 : sa < sb                           ? sa
                                                     : sb;
    return den > 0 && inter > 0 ? inter / den : 0;
}

static double
theme_jaccard(const ilokg_track_item *a, const ilokg_track_item *b)
{
    size_t inter = 0;
    for (size_t i = 0; i < a->n_themes; i++) {
        for (size_t j = 0; j < b->n_themes; j++) {
            inter += !strcmp(a->themes[i], b->themes[j]);
        }
    }
    size_t uni = a->n_themes + b->n_themes - inter;
    return uni ? (double)inter / (double)uni : 0;
}

/* The highest-weight n-gram both texts share, as bytes of the later text: a bigram when there
 * is one, else a single stem. */
static void
key_phrase(ilokg_track_link *l, const track_vec *later, const track_vec *earlier)
{
    const track_feat *best = NULL;
    for (size_t i = 0, j = 0; i < later->n && j < earlier->n;) {
        if (later->f[i].fid == earlier->f[j].fid) {
            const track_feat *f = &later->f[i];
            if (!f->syn && !f->alias && !earlier->f[j].alias &&
                (!best || (f->bigram && !best->bigram) ||
                 (f->bigram == best->bigram && f->w > best->w))) { /* words both write */
                best = f;
            }
            i++, j++;
        } else if (later->f[i].fid < earlier->f[j].fid) {
            i++;
        } else {
            j++;
        }
    }
    l->phrase_start = best ? best->start : 0;
    l->phrase_end   = best ? best->end : 0;
}

/* l's scores from its whole-item cosine (whole_sim, set) and best clause cosine (text_cosines). */
static void
score_pair(ilokg_track_link *l, double best_clause_cos, const track_worker *w,
           const ilokg_track_options *o)
{
    const ilokg_track_item *a = track_item(w, l->later), *b = track_item(w, l->earlier);
    double                  clause = o->clause * best_clause_cos;
    l->text_sim                    = clause > l->whole_sim ? clause : l->whole_sim;
    l->ent_sim   = weighted_overlap(ents_of(w, l->later), ents_of(w, l->earlier), o->entity);
    l->theme_sim = theme_jaccard(a, b);
    if (!a->n_entities && !b->n_entities) {
        l->score = ((1 - o->w_theme - o->w_entity) * l->text_sim + o->w_theme * l->theme_sim) /
                   (1 - o->w_entity);
    } else {
        l->score = (1 - o->w_theme - o->w_entity) * l->text_sim + o->w_entity * l->ent_sim +
                   o->w_theme * l->theme_sim;
    }
    l->action_changed = a->action && b->action && strcmp(a->action, b->action);
}

ilokg_degree
ilokg_track_decide(const ilokg_track_link *l, double best_later, double best_earlier,
                   const ilokg_track_options *o)
{
    bool near   = l->score >= o->relative * best_later || l->score >= o->relative * best_earlier;
    bool mutual = l->score >= best_later && l->score >= best_earlier;
    if ((l->score >= o->link && near) || (mutual && l->score >= o->mutual)) {
        return !l->action_changed && l->whole_sim >= o->repeated ? ILOKG_DEGREE_REPEATED
                                                                 : ILOKG_DEGREE_DEVELOPED;
    }
    return l->score >= o->related && near ? ILOKG_DEGREE_RELATED : ILOKG_DEGREE_NONE;
}

/* df and dense hold an element for every feature id (zero when unused): the vectors of a
 * pair's clauses could in principle give ids the whole items did not. */
static ilokg_status
grow_dense(track_worker *w)
{
    size_t n = w->table->n;
    if (n <= w->n_dense) {
        return ILOKG_OK;
    }
    size_t *d = realloc(w->df, n * sizeof *d);
    w->df     = d ? d : w->df;
    double *v = d ? realloc(w->dense, n * sizeof *v) : NULL;
    w->dense  = v ? v : w->dense;
    if (!v) {
        return ILOKG_ERR_NOMEM;
    }
    memset(d + w->n_dense, 0, (n - w->n_dense) * sizeof *d);
    memset(v + w->n_dense, 0, (n - w->n_dense) * sizeof *v);
    w->n_dense = n;
    return ILOKG_OK;
}

/* The links of the earlier meeting's items [eb, ee) with the later one's [lb, le), into
 * w->links. */
static ilokg_status
link_pair(track_worker *w, const ilokg_track *t, size_t eb, size_t ee, size_t lb, size_t le,
          const ilokg_track_options *o)
{
    ilokg_status      st = ILOKG_OK;
    size_t            ne = ee - eb, nl = le - lb;
    ilokg_track_link *m      = calloc(ne && nl ? ne * nl : 1, sizeof *m);
    double           *clause = calloc(ne && nl ? ne * nl : 1, sizeof *clause);
    double           *best_e = calloc(ne ? ne : 1, sizeof *best_e);
    double           *best_l = calloc(nl ? nl : 1, sizeof *best_l);
    w->n_links               = 0;
    if (!m || !clause || !best_e || !best_l) {
        st = ILOKG_ERR_NOMEM;
        goto done;
    }
    if ((st = window_to(w, t, eb, le, o)) || (st = grow_dense(w)) ||
        (st = weigh_pair(w, eb, ee, lb, le))) {
        goto done;
    }
    text_cosines(m, clause, w, eb, ne, lb, nl, o->generic);
    for (size_t i = 0; i < ne; i++) {
        for (size_t j = 0; j < nl; j++) {
            ilokg_track_link *l = &m[i * nl + j];
            l->earlier          = eb + i;
            l->later            = lb + j;
            score_pair(l, clause[i * nl + j], w, o);
            best_e[i] = l->score > best_e[i] ? l->score : best_e[i];
            best_l[j] = l->score > best_l[j] ? l->score : best_l[j];
        }
    }
    for (size_t i = 0; !st && i < ne; i++) {
        for (size_t j = 0; !st && j < nl; j++) {
            ilokg_track_link *l = &m[i * nl + j];
            l->degree           = ilokg_track_decide(l, best_l[j], best_e[i], o);
            if (l->degree != ILOKG_DEGREE_NONE &&
                !(st = ilokg_grow(&w->links, &w->cap_links, w->n_links, sizeof *w->links))) {
                key_phrase(l, words_of(w, l->later), words_of(w, l->earlier));
                w->links[w->n_links++] = *l;
            }
        }
    }
done:
    free(m);
    free(clause);
    free(best_e);
    free(best_l);
    return st;
}

/* The statuses a pair of meetings gives: continued beats developed; a commitment with a next
 * (previous) meeting and neither is not taken up (new). Each item is in the earlier meeting of
 * one pair at most and the later of one at most: no two pairs write the same status. */
static void
pair_statuses(ilokg_track *t, size_t eb, size_t ee, size_t lb, size_t le,
              const ilokg_track_link *links, size_t n)
{
    for (size_t i = eb; i < ee; i++) {
        t->next[i] = ILOKG_TRACK_STATUS_DROPPED;
    }
    for (size_t i = lb; i < le; i++) {
        t->prev[i] = ILOKG_TRACK_STATUS_NEW;
    }
    for (size_t k = 0; k < n; k++) {
        const ilokg_track_link *l = &links[k];
        ilokg_track_status s = l->degree == ILOKG_DEGREE_REPEATED    ? ILOKG_TRACK_STATUS_CONTINUED
                               : l->degree == ILOKG_DEGREE_DEVELOPED ? ILOKG_TRACK_STATUS_DEVELOPED
                                                                     : ILOKG_TRACK_STATUS_NONE;
        if (s == ILOKG_TRACK_STATUS_NONE) {
            continue;
        }
        if (t->next[l->earlier] != ILOKG_TRACK_STATUS_CONTINUED) {
            t->next[l->earlier] = s;
        }
        if (t->prev[l->later] != ILOKG_TRACK_STATUS_CONTINUED) {
            t->prev[l->later] = s;
        }
    }
}

ilokg_status
track_link_pair(track_worker *w, ilokg_track *t, size_t p, const ilokg_track_options *o, size_t *eb,
                size_t *ee, size_t *lb, size_t *le)
{
    const ilokg_track_pair *pr = &t->pairs[p];
    if (!w->series || strcmp(w->series, pr->series)) {
        w->series = pr->series;
        series_background(t, pr->series, w->df, w->n_dense, &w->n_bg);
    }
    meeting_range(t, pr->series, pr->earlier, eb, ee);
    meeting_range(t, pr->series, pr->later, lb, le);
    ilokg_status st = link_pair(w, t, *eb, *ee, *lb, *le, o);
    if (!st) {
        pair_statuses(t, *eb, *ee, *lb, *le, w->links, w->n_links);
    }
    return st;
}

ilokg_status
track_prepare(ilokg_track *t, const ilokg_track_options *opt)
{
    ilokg_status st = ILOKG_OK;
    track_free_results(t);
    if (t->spill && fflush(t->spill)) {
        return ILOKG_ERR_IO;
    }
    if (t->n_items > 1) {
        qsort(t->items, t->n_items, sizeof *t->items, cmp_item);
    }
    t->stemmer.abbrevs_bg = opt->abbrev ? t->bg_abbrevs.ptr : NULL;
    t->stemmer.abbrev_dir = opt->abbrev;
    track_syn_options(&t->stemmer.syn, opt);
    if (!(st = count_corpus(t, opt->abbrev)) && !(st = find_pairs(t))) {
        t->next = calloc(t->n_items ? t->n_items : 1, sizeof *t->next);
        t->prev = calloc(t->n_items ? t->n_items : 1, sizeof *t->prev);
        st      = t->next && t->prev ? ILOKG_OK : ILOKG_ERR_NOMEM;
    }
    return st;
}

/* ---- one thread's state ---------------------------------------------------------------------- */

/* dst: src's keys (borrowed) and slots, so that a key gets the id it has in src; a key added to
 * dst afterwards is dst's own. */
static ilokg_status
table_borrow(track_table *dst, const track_table *src)
{
    memset(dst, 0, sizeof *dst);
    dst->keys  = malloc((src->n ? src->n : 1) * sizeof *dst->keys);
    dst->slots = malloc((src->cap_slots ? src->cap_slots : 1) * sizeof *dst->slots);
    if (!dst->keys || !dst->slots) {
        free(dst->keys);
        free(dst->slots);
        memset(dst, 0, sizeof *dst);
        return ILOKG_ERR_NOMEM;
    }
    if (src->n) {
        memcpy(dst->keys, src->keys, src->n * sizeof *dst->keys);
    }
    if (src->cap_slots) {
        memcpy(dst->slots, src->slots, src->cap_slots * sizeof *dst->slots);
    }
    dst->n = dst->cap = src->n;
    dst->cap_slots    = src->cap_slots;
    return ILOKG_OK;
}

static void
table_unborrow(track_table *tb, size_t n_borrowed)
{
    for (size_t i = n_borrowed; i < tb->n; i++) {
        free(tb->keys[i]);
    }
    free(tb->keys);
    free(tb->slots);
    memset(tb, 0, sizeof *tb);
}

/* A stemmer of w's own that knows what t's has stemmed (its memo borrowed, as the table); no
 * WordNet memo: several threads link only without synsets (link_all). */
static ilokg_status
own_stemmer(track_worker *w, const ilokg_track *t)
{
    const track_stemmer *src = &t->stemmer;
    track_stemmer       *s   = &w->own_stemmer;
    size_t               n   = src->words.n;
    s->abbrevs_bg            = src->abbrevs_bg;
    s->abbrev_dir            = src->abbrev_dir;
    if (!(s->sb = sb_stemmer_new("english", "UTF_8")) ||
        !(s->stem = malloc((n ? n : 1) * sizeof *s->stem))) {
        return ILOKG_ERR_NOMEM;
    }
    if (n) {
        memcpy(s->stem, src->stem, n * sizeof *s->stem);
    }
    s->cap              = n;
    w->n_borrowed_words = n;
    return table_borrow(&s->words, &src->words);
}

ilokg_status
track_worker_init(track_worker *w, ilokg_track *t, bool own)
{
    ilokg_status st = ILOKG_OK;
    memset(w, 0, sizeof *w);
    w->table   = &t->table;
    w->stemmer = &t->stemmer;
    if (own) {
        w->n_borrowed = t->table.n;
        w->table      = &w->own_table;
        w->stemmer    = &w->own_stemmer;
        if (!(st = table_borrow(&w->own_table, &t->table))) {
            st = own_stemmer(w, t);
        }
    }
    w->n_dense = w->table->n ? w->table->n : 1;
    if (!st && (!(w->df = calloc(w->n_dense, sizeof *w->df)) ||
                !(w->dense = calloc(w->n_dense, sizeof *w->dense)))) {
        st = ILOKG_ERR_NOMEM;
    }
    return st;
}

void
track_worker_clear(track_worker *w)
{
    if (w->part_off) {
        window_drop(w, w->we - w->wb);
    }
    free(w->win_items);
    free(w->words);
    free(w->ents);
    free(w->parts);
    free(w->part_off);
    free(w->df);
    free(w->dense);
    free(w->links);
    ilokg_buf_free(&w->rd.ra);
    if (w->table == &w->own_table) {
        table_unborrow(&w->own_table, w->n_borrowed);
    }
    if (w->stemmer == &w->own_stemmer) {
        if (w->own_stemmer.sb) {
            sb_stemmer_delete(w->own_stemmer.sb);
        }
        table_unborrow(&w->own_stemmer.words, w->n_borrowed_words);
        free(w->own_stemmer.stem);
        track_syn_memo_clear(&w->own_stemmer.syn);
    }
    memset(w, 0, sizeof *w);
}
