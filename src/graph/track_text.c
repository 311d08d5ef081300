/* SPDX-License-Identifier: Apache-2.0 */
/* The words of a commitment as features: lower-cased, stop words dropped, Snowball English
 * stems, and bigrams of successive stems, each with the bytes of its first occurrence (with the
 * WordNet options, the synsets or synonyms of the words too); and the same per clause of the
 * text. */
#include "graph/track_int.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph/track_syn.h"

/* Function words and the words every lead-in repeats; sorted for bsearch. Content words stay,
 * however common: the corpus weights (IDF) decide how much they count. */
static const char *const stop_words[] = {
    "a",          "about",   "above",  "after",   "again",   "all",    "also",    "am",
    "among",      "an",      "and",    "any",     "are",     "as",     "at",      "be",
    "been",       "before",  "being",  "both",    "but",     "by",     "can",     "could",
    "did",        "do",      "does",   "during",  "e",       "each",   "eg",      "either",
    "etc",        "for",     "from",   "further", "g",       "had",    "has",     "have",
    "he",         "her",     "his",    "how",     "i",       "ie",     "if",      "in",
    "including",  "into",    "is",     "it",      "its",     "may",    "might",   "more",
    "most",       "much",    "must",   "no",      "nor",     "not",    "notably", "of",
    "on",         "or",      "other",  "others",  "our",     "out",    "over",    "own",
    "particular", "s",       "same",   "shall",   "she",     "should", "so",      "some",
    "such",       "than",    "that",   "the",     "their",   "them",   "then",    "there",
    "these",      "they",    "this",   "those",   "through", "to",     "under",   "until",
    "up",         "upon",    "very",   "was",     "we",      "were",   "what",    "when",
    "where",      "whether", "which",  "while",   "who",     "whom",   "whose",   "why",
    "will",       "with",    "within", "would",   "yet",
};

static int
cmp_word(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

static bool
is_stop(const char *w)
{
    return bsearch(w, stop_words, sizeof stop_words / sizeof stop_words[0], sizeof stop_words[0],
                   cmp_word) != NULL;
}

static bool
word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* ---- the feature table: every stem, bigram and entity key once, as an id ---------------- */

static uint64_t
hash_str(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    }
    return h;
}

static ilokg_status
table_rehash(track_table *tb)
{
    size_t  cap   = tb->cap_slots ? tb->cap_slots * 2 : 1024;
    size_t *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < tb->n; i++) {
        size_t j = (size_t)hash_str(tb->keys[i]) & (cap - 1);
        while (slots[j]) {
            j = (j + 1) & (cap - 1);
        }
        slots[j] = i + 1;
    }
    free(tb->slots);
    tb->slots     = slots;
    tb->cap_slots = cap;
    return ILOKG_OK;
}

/* The index of key in the table, or SIZE_MAX. */
static size_t
table_find(const track_table *tb, const char *key)
{
    if (!tb->cap_slots) {
        return SIZE_MAX;
    }
    size_t j = (size_t)hash_str(key) & (tb->cap_slots - 1);
    while (tb->slots[j] && strcmp(tb->keys[tb->slots[j] - 1], key)) {
        j = (j + 1) & (tb->cap_slots - 1);
    }
    return tb->slots[j] ? tb->slots[j] - 1 : SIZE_MAX;
}

ilokg_status
track_table_id(size_t *out, track_table *tb, const char *key)
{
    ilokg_status st = ILOKG_OK;
    if ((tb->n + 1) * 2 > tb->cap_slots && (st = table_rehash(tb))) {
        return st;
    }
    if ((*out = table_find(tb, key)) != SIZE_MAX) {
        return ILOKG_OK;
    }
    size_t j = (size_t)hash_str(key) & (tb->cap_slots - 1);
    while (tb->slots[j]) {
        j = (j + 1) & (tb->cap_slots - 1);
    }
    char *copy = ilokg_strndup(key, strlen(key));
    if (!copy || (st = ilokg_grow(&tb->keys, &tb->cap, tb->n, sizeof *tb->keys))) {
        free(copy);
        return ILOKG_ERR_NOMEM;
    }
    tb->keys[tb->n] = copy;
    tb->slots[j]    = ++tb->n;
    *out            = tb->n - 1;
    return ILOKG_OK;
}

void
track_table_clear(track_table *tb)
{
    for (size_t i = 0; i < tb->n; i++) {
        free(tb->keys[i]);
    }
    free(tb->keys);
    free(tb->slots);
    memset(tb, 0, sizeof *tb);
}

/* ---- features of one text -------------------------------------------------------------- */

typedef struct {
    size_t stem; /* feature id of the stem */
    size_t start, end;
    size_t w; /* the word in the stemmer's memo (SIZE_MAX: from an abbreviation's long form) */
} word;

static ilokg_status
add_feature(track_vec *v, size_t *cap, size_t fid, size_t start, size_t end, bool bigram, bool syn,
            bool alias)
{
    for (size_t i = 0; i < v->n; i++) {
        if (v->f[i].fid == fid) {
            v->f[i].tf++;
            return ILOKG_OK;
        }
    }
    ilokg_status st = ilokg_grow(&v->f, cap, v->n, sizeof *v->f);
    if (!st) {
        v->f[v->n++] = (track_feat){fid, 1, 0, (uint32_t)start, (uint32_t)end, bigram, syn, alias};
    }
    return st;
}

/* The feature id of the stem of the lower-cased word low (len bytes, NUL-terminated), or
 * SIZE_MAX for a stop word, and the word's index in the memo (*wi): looked up and stemmed the
 * first time the word is met, and remembered (a word enters the memo only with its answer). */
static ilokg_status
stem_id(size_t *out, size_t *wi, track_table *tb, track_stemmer *stemmer, const char *low,
        size_t len)
{
    size_t w = table_find(&stemmer->words, low);
    if ((*wi = w) != SIZE_MAX) {
        *out = stemmer->stem[w];
        return ILOKG_OK;
    }
    ilokg_status     st  = ILOKG_OK;
    const sb_symbol *sym = NULL;
    if (is_stop(low)) {
        *out = SIZE_MAX;
    } else if (!(sym = sb_stemmer_stem(stemmer->sb, (const sb_symbol *)low, (int)len))) {
        st = ILOKG_ERR_NOMEM;
    } else {
        st = track_table_id(out, tb, (const char *)sym);
    }
    if (!st && !(st = ilokg_grow_raw(&stemmer->stem, &stemmer->cap, stemmer->words.n,
                                     sizeof *stemmer->stem))) {
        stemmer->stem[stemmer->words.n] = *out;
        st                              = track_table_id(wi, &stemmer->words, low);
    }
    return st;
}

/* The lower-cased word at p (up to len bytes, stopping at the first byte that is not a word's)
 * into low (NUL-terminated, cut at size - 1 bytes); *digits: it is a number. The bytes read. */
static size_t
lower_word(char *low, size_t size, size_t *len, bool *digits, const char *p, size_t max)
{
    size_t i = 0;
    *len = 0, *digits = true;
    for (; i < max && word_byte((unsigned char)p[i]); i++) {
        char c  = p[i];
        *digits = *digits && c >= '0' && c <= '9';
        if (*len + 1 < size) {
            low[(*len)++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        }
    }
    low[*len] = '\0';
    return i;
}

/* Appends to *words the stems of long form lf (lf_len bytes) of the abbreviation at bytes
 * [s, e) of the text, each at the abbreviation's bytes. */
static ilokg_status
add_long_form(word **words, size_t *n, size_t *cap, track_table *tb, track_stemmer *stemmer,
              const char *lf, size_t lf_len, size_t s, size_t e)
{
    ilokg_status st = ILOKG_OK;
    char         low[64];
    for (size_t i = 0; !st && i < lf_len;) {
        size_t len = 0, fid = 0, wi = 0;
        bool   digits;
        size_t k = lower_word(low, sizeof low, &len, &digits, lf + i, lf_len - i);
        i += k ? k : 1;
        if (!k || digits || len < 2 || (st = stem_id(&fid, &wi, tb, stemmer, low, len)) ||
            fid == SIZE_MAX) {
            continue;
        }
        if (!(st = ilokg_grow(words, cap, *n, sizeof **words))) {
            (*words)[(*n)++] = (word){fid, s, e, SIZE_MAX};
        }
    }
    return st;
}

/* With stemmer->abbrev_dir 2, when a long form of stemmer->abbrevs (else of abbrevs_bg) starts
 * at text[s], appends its abbreviation's stems at the long form's bytes, but not when
 * "(ABBR)" follows it (its definition has both). */
static ilokg_status
add_abbreviation(word **words, size_t *n, size_t *cap, track_table *tb, track_stemmer *stemmer,
                 const char *text, size_t s)
{
    const char *dicts[2] = {stemmer->abbrevs, stemmer->abbrevs_bg};
    for (size_t d = 0; (stemmer->abbrev_dir & 2) && d < 2; d++) {
        for (const char *p = dicts[d]; p && *p;) {
            const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
            if (!tab || !nl) {
                break;
            }
            size_t e = track_abbr_long_at(text, s, tab + 1, (size_t)(nl - tab - 1)), k = e;
            while (e && text[k] == ' ') {
                k++;
            }
            bool defined = e && text[k] == '(' && !strncmp(text + k + 1, p, (size_t)(tab - p)) &&
                           text[k + 1 + (size_t)(tab - p)] == ')';
            if (e && !defined) {
                return add_long_form(words, n, cap, tb, stemmer, p, (size_t)(tab - p), s, e);
            }
            if (e) {
                return ILOKG_OK;
            }
            p = nl + 1;
        }
    }
    return ILOKG_OK;
}

/* Splits text into words, stems those that are not stop words; an abbreviation of
 * stemmer->abbrevs (else of stemmer->abbrevs_bg) adds its long form's stems, but not inside its
 * own definition "(ABBR)". */
static ilokg_status
stem_words(word **out, size_t *n_out, track_table *tb, track_stemmer *stemmer, const char *text)
{
    word        *words = NULL;
    size_t       n = 0, cap = 0;
    ilokg_status st = ILOKG_OK;
    char         low[64];
    for (size_t i = 0; !st && text[i];) {
        if (!word_byte((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t s = i, len = 0, lf_len = 0;
        bool   digits = true;
        i += lower_word(low, sizeof low, &len, &digits, text + i, SIZE_MAX);
        /* Numbers (years, item numbers) say nothing of the subject; the instruments and targets
         * they belong to are compared as entities. */
        size_t      fid = 0, wi = 0;
        const char *lf = NULL;
        if ((st = add_abbreviation(&words, &n, &cap, tb, stemmer, text, s))) {
            break;
        }
        if ((stemmer->abbrev_dir & 1) && (stemmer->abbrevs || stemmer->abbrevs_bg) &&
            !(s > 0 && text[s - 1] == '(' && text[i] == ')') &&
            !(lf = track_abbr_long(stemmer->abbrevs, text + s, i - s, &lf_len))) {
            lf = track_abbr_long(stemmer->abbrevs_bg, text + s, i - s, &lf_len);
        }
        if (lf && (st = add_long_form(&words, &n, &cap, tb, stemmer, lf, lf_len, s, i))) {
            break;
        }
        if (digits || len < 2 || (st = stem_id(&fid, &wi, tb, stemmer, low, len)) ||
            fid == SIZE_MAX) {
            continue; /* a stop word, or the loop ends on st */
        }
        if (!(st = ilokg_grow(&words, &cap, n, sizeof *words))) {
            words[n++] = (word){fid, s, i, wi};
        }
    }
    *out   = words;
    *n_out = n;
    return st;
}

/* ---- WordNet's synsets of the words ------------------------------------------------------ */

void
track_syn_memo_clear(track_syn_memo *m)
{
    free(m->first);
    free(m->count);
    free(m->sense);
    memset(m, 0, sizeof *m);
}

void
track_syn_options(track_syn_memo *m, const ilokg_track_options *o)
{
    bool on   = o && (o->w_syn > 0 || o->syn_alias > 0) && o->syn_senses > 0 && o->syn_pos;
    m->pos    = on ? o->syn_pos : 0;
    m->senses = on ? o->syn_senses : 0;
    m->max    = on ? o->syn_max : 0;
    m->hyper  = on && o->syn_hyper;
    m->weight = on ? o->w_syn : 0;
    m->alias  = on ? o->syn_alias : 0;
    m->words  = on ? o->syn_words : 0;
}

/* Looks word w of the memo up in WordNet, once: its senses with their feature ids. */
static ilokg_status
look_up_word(track_table *tb, track_stemmer *stemmer, size_t w)
{
    track_syn_memo  *m  = &stemmer->syn;
    track_syn_sense *ss = NULL;
    size_t           n = 0, cap = 0, old = m->cap;
    ilokg_status     st = ILOKG_OK;
    if (w < m->cap && m->count[w] != SIZE_MAX) {
        return ILOKG_OK;
    }
    if (w >= m->cap) {
        size_t  nc    = w + 1 > 2 * m->cap ? w + 1 : 2 * m->cap;
        size_t *first = realloc(m->first, nc * sizeof *first);
        m->first      = first ? first : m->first;
        size_t *count = first ? realloc(m->count, nc * sizeof *count) : NULL;
        m->count      = count ? count : m->count;
        if (!count) {
            return ILOKG_ERR_NOMEM;
        }
        for (size_t k = old; k < nc; k++) {
            m->count[k] = SIZE_MAX;
        }
        m->cap = nc;
    }
    m->first[w] = m->n_sense;
    m->count[w] = 0;
    st          = track_syn_senses(&ss, &n, &cap, stemmer->words.keys[w],
                                   TRACK_SYN_NOUN | TRACK_SYN_VERB | TRACK_SYN_ADJ);
    for (size_t k = 0; !st && k < n; k++) {
        char   key[24];
        size_t fid = 0, wi = 0;
        bool   lemma = ss[k].lemma[0] != '\0';
        snprintf(key, sizeof key, "~%u.%08lu", (unsigned)ss[k].pos, (unsigned long)ss[k].offset);
        /* A synonym is stemmed like a word of a text (and joins the memo of words met). */
        if (lemma ? (st = stem_id(&fid, &wi, tb, stemmer, ss[k].lemma, strlen(ss[k].lemma))) ||
                        fid == SIZE_MAX
                  : (st = track_table_id(&fid, tb, key)) != ILOKG_OK) {
            continue;
        }
        if (!(st = ilokg_grow(&m->sense, &m->cap_sense, m->n_sense, sizeof *m->sense))) {
            m->sense[m->n_sense++] =
                (track_sense){(uint32_t)fid, ss[k].pos, ss[k].rank, ss[k].n_senses,
                              ss[k].hyper,   lemma,     ss[k].deriv};
            m->count[w]++;
        }
    }
    if (st && w < m->cap) {
        m->n_sense  = m->first[w];
        m->count[w] = SIZE_MAX;
    }
    free(ss);
    return st;
}

/* Whether v has fid as a stem of its own (not a synonym's). */
static bool
has_own(const track_vec *v, size_t fid)
{
    for (size_t i = 0; i < v->n; i++) {
        if (v->f[i].fid == fid) {
            return !v->f[i].alias;
        }
    }
    return false;
}

/* Adds to v what WordNet says of word wd, as far as the options allow (stemmer->syn: parts of
 * speech, the first senses, not too ambiguous a word, hypernyms or not): with syn.weight the
 * synsets, with syn.alias the stems of their words that v does not have of its own, each at the
 * word's bytes. WordNet is opened the first time it is needed; when it cannot be, stems alone
 * are compared. */
static ilokg_status
add_senses(track_vec *v, size_t *cap, track_table *tb, track_stemmer *stemmer, const word *wd)
{
    track_syn_memo *m  = &stemmer->syn;
    ilokg_status    st = ILOKG_OK;
    if (m->state == 0) {
        m->state = track_syn_open() ? -1 : 1;
    }
    if (m->state < 0 || wd->w == SIZE_MAX || (st = look_up_word(tb, stemmer, wd->w))) {
        return st;
    }
    for (size_t k = m->first[wd->w]; !st && k < m->first[wd->w] + m->count[wd->w]; k++) {
        const track_sense *s = &m->sense[k];
        if (!(m->pos & s->pos) || s->rank >= m->senses || (m->max && s->n_senses > m->max) ||
            (!m->hyper && s->hyper) ||
            (s->lemma ? m->alias <= 0 || !(m->words & (s->deriv ? 2 : 1)) || has_own(v, s->fid)
                      : m->weight <= 0)) {
            continue;
        }
        st = add_feature(v, cap, s->fid, wd->start, wd->end, false, !s->lemma, s->lemma);
    }
    return st;
}

static int
cmp_feat(const void *x, const void *y)
{
    const track_feat *a = x, *b = y;
    return (a->fid > b->fid) - (a->fid < b->fid);
}

ilokg_status
track_features(track_vec *out, track_table *tb, track_stemmer *stemmer, const char *text,
               const char *abbrevs, bool bigrams)
{
    word       *words = NULL;
    size_t      n = 0, cap = 0;
    track_vec   v     = {0};
    ilokg_buf   key   = ILOKG_BUF_INIT;
    const char *outer = stemmer->abbrevs; /* track_clause_features' */
    stemmer->abbrevs  = abbrevs;
    ilokg_status st   = stem_words(&words, &n, tb, stemmer, text);
    stemmer->abbrevs  = outer;
    for (size_t i = 0; !st && i < n; i++) {
        st =
            add_feature(&v, &cap, words[i].stem, words[i].start, words[i].end, false, false, false);
        if (!st && bigrams && i + 1 < n) {
            size_t fid = 0;
            key.len    = 0;
            if (!(st = ilokg_buf_adds(&key, tb->keys[words[i].stem])) &&
                !(st = ilokg_buf_addc(&key, ' ')) &&
                !(st = ilokg_buf_adds(&key, tb->keys[words[i + 1].stem])) &&
                !(st = track_table_id(&fid, tb, key.ptr))) {
                st = add_feature(&v, &cap, fid, words[i].start, words[i + 1].end, true, false,
                                 false);
            }
        }
    }
    for (size_t i = 0; !st && stemmer->syn.pos && i < n; i++) {
        st = add_senses(&v, &cap, tb, stemmer, &words[i]);
    }
    if (!st) {
        if (v.n > 1) {
            qsort(v.f, v.n, sizeof *v.f, cmp_feat);
        }
        /* Kept until linking ends, one per item and clause of the corpus: no room to spare. */
        track_feat *exact = v.n && v.n < cap ? realloc(v.f, v.n * sizeof *v.f) : NULL;
        v.f               = exact ? exact : v.f;
        *out              = v;
        v.f               = NULL;
    }
    free(v.f);
    free(words);
    ilokg_buf_free(&key);
    return st;
}

/* ---- clauses ----------------------------------------------------------------------------- */

/* A clause ends at ';' or ':', or at '.' before a space or the end (so "8.7" and "ITC/ILO" stay
 * whole). */
static bool
clause_end(const char *text, size_t i)
{
    char c = text[i];
    return c == ';' || c == ':' ||
           (c == '.' && (text[i + 1] == '\0' || text[i + 1] == ' ' || text[i + 1] == '\n'));
}

static size_t
n_stems(const track_vec *v)
{
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) {
        n += v->f[i].bigram || v->f[i].syn || v->f[i].alias ? 0 : v->f[i].tf;
    }
    return n;
}

/* The clauses (or pieces) found so far, the caller's. */
typedef struct {
    track_vec *v;
    size_t     n, cap;
} part_list;

static void
parts_free(part_list *p)
{
    for (size_t k = 0; k < p->n; k++) {
        free(p->v[k].f);
    }
    free(p->v);
    memset(p, 0, sizeof *p);
}

/* The features of text[b, e) into *v (the caller's). */
static ilokg_status
span_features(track_vec *v, track_table *tb, track_stemmer *stemmer, ilokg_buf *scratch,
              const char *text, size_t b, size_t e)
{
    ilokg_status st = ILOKG_OK;
    scratch->len    = 0;
    if (!(st = ilokg_buf_add(scratch, text + b, e - b))) { /* NUL-terminated */
        st = track_features(v, tb, stemmer, scratch->ptr ? scratch->ptr : "", stemmer->abbrevs,
                            false);
    }
    return st;
}

/* Appends v to p (which takes it) when it has at least TRACK_CLAUSE_MIN_STEMS stems; else frees
 * it. *kept says which. */
static ilokg_status
parts_keep(part_list *p, track_vec *v, bool *kept)
{
    ilokg_status st = ILOKG_OK;
    *kept           = n_stems(v) >= TRACK_CLAUSE_MIN_STEMS;
    if (*kept && !(st = ilokg_grow(&p->v, &p->cap, p->n, sizeof *p->v))) {
        p->v[p->n++] = *v;
        v->f         = NULL;
    }
    free(v->f);
    v->f = NULL;
    return st;
}

/* The pieces of the clause text[b, e) cut at ", ": a piece of fewer than TRACK_CLAUSE_MIN_STEMS
 * stems is carried into the next one, and the last such piece joins the one before it. Added to
 * p only when there are two or more. */
static ilokg_status
comma_pieces(part_list *p, track_table *tb, track_stemmer *stemmer, ilokg_buf *scratch,
             const char *text, size_t b, size_t e)
{
    ilokg_status st   = ILOKG_OK;
    size_t       from = p->n, ps = b, last = b; /* last: start of the last piece kept */
    for (size_t i = b; !st && i <= e; i++) {
        if (i < e && !(text[i] == ',' && text[i + 1] == ' ')) {
            continue;
        }
        track_vec v    = {0};
        bool      kept = false;
        if ((st = span_features(&v, tb, stemmer, scratch, text, ps, i)) ||
            (st = parts_keep(p, &v, &kept))) {
            break;
        }
        if (kept) {
            last = ps;
            ps   = i + 1;
        } else if (i == e && p->n > from) { /* a short tail joins the piece before it */
            free(p->v[p->n - 1].f);
            p->v[p->n - 1] = (track_vec){0};
            if (!(st = span_features(&p->v[p->n - 1], tb, stemmer, scratch, text, last, e))) {
                ps = e;
            }
        }
    }
    if (!st && p->n - from < 2) { /* one piece is the clause itself */
        for (size_t k = from; k < p->n; k++) {
            free(p->v[k].f);
        }
        p->n = from;
    }
    return st;
}

ilokg_status
track_clause_features(track_vec **out, size_t *n_out, track_table *tb, track_stemmer *stemmer,
                      const char *text, const char *abbrevs, bool comma)
{
    stemmer->abbrevs     = abbrevs; /* for span_features, until the end */
    part_list    clauses = {0}, pieces = {0};
    ilokg_buf    scratch = ILOKG_BUF_INIT;
    ilokg_status st      = ILOKG_OK;
    for (size_t b = 0, i = 0; !st && (i == 0 || text[i - 1]); i++) {
        if (text[i] && !clause_end(text, i)) {
            continue;
        }
        track_vec v    = {0};
        bool      kept = false;
        if (!(st = span_features(&v, tb, stemmer, &scratch, text, b, i)) &&
            !(st = parts_keep(&clauses, &v, &kept)) && comma) {
            st = comma_pieces(&pieces, tb, stemmer, &scratch, text, b, i);
        }
        b = i + 1;
    }
    /* One clause is the whole text: nothing of its own. */
    if (!st && clauses.n < 2) {
        parts_free(&clauses);
    }
    for (size_t k = 0; !st && k < pieces.n; k++) {
        if (!(st = ilokg_grow(&clauses.v, &clauses.cap, clauses.n, sizeof *clauses.v))) {
            clauses.v[clauses.n++] = pieces.v[k];
            pieces.v[k]            = (track_vec){0};
        }
    }
    parts_free(&pieces);
    if (st) {
        parts_free(&clauses);
    }
    ilokg_buf_free(&scratch);
    stemmer->abbrevs = NULL;
    *out             = clauses.v;
    *n_out           = clauses.n;
    return st;
}
