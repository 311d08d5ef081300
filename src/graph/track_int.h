/* SPDX-License-Identifier: Apache-2.0 */
/* Internals shared by the tracking files: the feature table and per-commitment vectors. */
#ifndef ILOKG_TRACK_INT_H
#define ILOKG_TRACK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "graph/track.h"
#include "util/buf.h"

struct sb_stemmer;

/** Every distinct stem, bigram and entity key once; ids are indexes into keys (owned). */
typedef struct {
    char  **keys;
    size_t  n, cap;
    size_t *slots; /* open addressing: index + 1, 0 empty */
    size_t  cap_slots;
} track_table;

/** One feature of a text: its id, count, weight in the pair being linked, and the bytes of its
 *  first occurrence in the text. 32 bits each: one is kept for every stem and bigram of every
 *  item and clause of the corpus until linking ends. */
typedef struct {
    uint32_t fid, tf;
    double   w;
    uint32_t start, end;
    bool     bigram;
    bool     syn;   /* a WordNet synset of one of the text's words (ilokg_track_options.syn_pos) */
    bool     alias; /* the stem of a synonym of one of its words that the text does not write
                       (ilokg_track_options.syn_alias): in the cosine, not in the document
                       frequencies */
} track_feat;

/** A stem's feature id and unit TF-IDF weight: what the cosine reads, packed. */
typedef struct {
    size_t fid;
    double w;
} track_stem_w;

/** Document frequencies: of how many commitments (n) each feature id is one of the features
 *  (df[id], for the ids below cap; 0 beyond); series names whose. */
typedef struct {
    const char *series; /* borrowed from an item; NULL: the whole corpus */
    size_t     *df;
    size_t      cap, n;
} track_df;

/** Features sorted by id (owned array). */
typedef struct {
    track_feat   *f;
    size_t        n;
    track_stem_w *sw; /* the stems of f in order, weighed (linking's vectors only; owned) */
    size_t        n_sw;
    double        spec; /* the highest IDF of its stems over the highest an IDF can be, ln(1 + N) */
} track_vec;

/** The id of key in the table, added when new. ILOKG_ERR_NOMEM. */
ilokg_status track_table_id(size_t *out, track_table *tb, const char *key);
void         track_table_clear(track_table *tb);

/** One sense of a word as a feature: the synset's feature id ("~" part of speech, offset) and
 *  what the options filter on (track_syn_sense). */
typedef struct {
    uint32_t fid;
    uint8_t  pos, rank, n_senses;
    bool     hyper;
    bool     lemma; /* fid is the stem of a synonym, not a synset */
    bool     deriv; /* and that word is a derived form of the word, not a synonym */
} track_sense;

/** WordNet's senses of the words met, each word looked up once, the first time it is met with
 *  the option on (a memo beside the stems'), and the options of the run. */
typedef struct {
    int      state;  /* 0 WordNet not opened yet, 1 open, -1 not available: stems only */
    unsigned pos;    /* ilokg_track_options.syn_pos of the run; 0: no synsets */
    int      senses; /* ilokg_track_options.syn_senses, syn_max, syn_hyper */
    int      max;
    bool     hyper;
    double   weight;        /* ilokg_track_options.w_syn (0 while pos is 0) */
    double   alias;         /* ilokg_track_options.syn_alias (0 while pos is 0) */
    int      words;         /* ilokg_track_options.syn_words */
    size_t  *first, *count; /* word w's senses: sense[first[w], first[w] + count[w]);
                               count[w] SIZE_MAX (or w beyond cap): not looked up */
    size_t       cap;
    track_sense *sense;
    size_t       n_sense, cap_sense;
} track_syn_memo;

/** Frees the memo's arrays. */
void track_syn_memo_clear(track_syn_memo *m);
/** Sets the options of a run (o NULL: all off, the memo kept). */
void track_syn_options(track_syn_memo *m, const ilokg_track_options *o);

/** The Snowball stemmer and what it has stemmed: each lower-cased word is stemmed once (a
 *  corpus repeats a few thousand words millions of times). */
typedef struct {
    struct sb_stemmer *sb;
    track_table        words; /* lower-cased words met */
    size_t            *stem;  /* stem[i]: the feature id of words.keys[i]'s stem */
    size_t             cap;
    const char        *abbrevs; /* those of the text being stemmed: borrowed for one call of
                                   track_features or track_clause_features */
    const char *abbrevs_bg;     /* then those the background documents define (borrowed from
                                   the tracker while linking; NULL: none) */
    int abbrev_dir; /* ilokg_track_options.abbrev: 1 an abbreviation adds its long form's stems,
                       2 a long form its abbreviation's */
    track_syn_memo syn;
} track_stemmer;

/** The abbreviations a document defines in text[0, len) ("long form (ABBR)"), the first
 *  definition of each, as "ABBR\tlong form\n" lines into *out (the caller's; NULL when none).
 *  ILOKG_ERR_NOMEM. */
ilokg_status track_abbr_defs(char **out, const char *text, size_t len);
/** The lines of defs (track_abbr_defs) whose abbreviation text has as a word, or whose long
 *  form it writes, into *out (the caller's; NULL when none). ILOKG_ERR_NOMEM. */
ilokg_status track_abbr_used(char **out, const char *defs, const char *text);
/** The long form of word[0, len) in abbrevs (its *long_len bytes), or NULL. */
const char *track_abbr_long(const char *abbrevs, const char *word, size_t len, size_t *long_len);
/** Where the long form lf (lf_len bytes, words separated by one space) ends when text has it at
 *  byte s, as whole words, letter case and runs of spaces aside; else 0. */
size_t track_abbr_long_at(const char *text, size_t s, const char *lf, size_t lf_len);

/** The features of text (stems, and with bigrams the stem bigrams too; with stemmer->syn.pos,
 *  the WordNet synsets of its words the options allow), the caller's (free out->f). Bigrams only
 * choose a link's key phrase, from the whole items: clauses need none. abbrevs (track_abbr_used;
 * NULL: none): an abbreviation the text uses outside its own definition "(ABBR)" adds the stems of
 * its long form too, at the abbreviation's bytes. */
ilokg_status track_features(track_vec *out, track_table *tb, track_stemmer *stemmer,
                            const char *text, const char *abbrevs, bool bigrams);

/** A clause with fewer stems than this is too short to stand for a piece of its item. */
#define TRACK_CLAUSE_MIN_STEMS 3

/** The features of each clause of text (track_features of each), when there are at least two
 *  clauses of TRACK_CLAUSE_MIN_STEMS stems; else none. comma: also the pieces of each clause cut
 *  at ", " (a short piece joins its neighbour), when a clause has two or more. The array and
 *  each vector are the caller's. ILOKG_ERR_NOMEM. */
ilokg_status track_clause_features(track_vec **out, size_t *n_out, track_table *tb,
                                   track_stemmer *stemmer, const char *text, const char *abbrevs,
                                   bool comma);

/** Frees the document frequencies: once the links are made nothing reads them. */
void track_free_vectors(ilokg_track *t);
/** Frees the vectors, links, pairs and statuses (the items stay). */
void track_free_results(ilokg_track *t);

/** Bytes of the spill file read at once when an item is read back. */
#define TRACK_READ_AHEAD ((size_t)1 << 16)

/** An item read back from the spill file (ilokg_track_spill): its strings point into buf. */
typedef struct {
    ilokg_track_item it;
    char            *buf;
} track_loaded;

/** One reader of the spill file: its read-ahead buffer, ra_off the file offset of its first
 *  byte. Each linking thread has its own (the file is read with pread, no shared position). */
typedef struct {
    ilokg_buf ra;
    long      ra_off;
} track_reader;

/** Reads back the rest of a spilled item (mem: what stays in memory) into out (the caller's:
 *  track_loaded_clear) through rd. ILOKG_ERR_IO, ILOKG_ERR_NOMEM. */
ilokg_status track_load(const ilokg_track *t, track_reader *rd, const ilokg_track_item *mem,
                        track_loaded *out);
void         track_loaded_clear(track_loaded *l);

/** What one thread links pairs of meetings with: the vectors of the two meetings of its pair
 *  (the window), the stemmer and feature table it computes them with, its reader of the spill
 *  file, the dense arrays of the cosines, the links of its pair. With one thread, stemmer and
 *  table are the tracker's; with several, each has its own stemmer and a copy of the tracker's
 *  table (the ids count_corpus gave, keys borrowed), so that every thread gives a feature the
 *  same id and the sums of the cosines are the same to the bit. */
typedef struct track_worker {
    size_t            wb, we;       /* the series items whose vectors are ready: [wb, we) */
    track_vec        *words, *ents; /* item i's: words[i - wb], ents[i - wb] */
    size_t            cap_win;
    track_vec        *parts;    /* clauses of the items [wb, we): item i's are */
    size_t           *part_off; /* parts[part_off[i - wb], part_off[i - wb + 1]) */
    size_t            cap_parts;
    track_loaded     *win_items; /* the window's items, whole (read back or borrowed) */
    track_table      *table;     /* the tracker's, or own_table */
    track_stemmer    *stemmer;   /* the tracker's, or own_stemmer */
    track_table       own_table; /* keys [0, n_borrowed) borrowed from the tracker's */
    size_t            n_borrowed;
    track_stemmer     own_stemmer; /* its memo's words [0, n_borrowed_words) borrowed */
    size_t            n_borrowed_words;
    track_reader      rd;
    size_t           *df;      /* the pair's document frequencies, by feature id */
    double           *dense;   /* a stem vector scattered by id (text_cosines) */
    size_t            n_dense; /* elements of df and dense */
    const char       *series;  /* whose background df holds between pairs (NULL: none) */
    size_t            n_bg;    /* the number of commitments of that background */
    ilokg_track_link *links;   /* the current pair's, by earlier then later item */
    size_t            n_links, cap_links;
} track_worker;

/** A worker for t's linking (track_worker_clear). own: a stemmer and table of its own (for a
 *  thread besides others), else the tracker's. ILOKG_ERR_NOMEM. */
ilokg_status track_worker_init(track_worker *w, ilokg_track *t, bool own);
void         track_worker_clear(track_worker *w);

/** Links pair p of t into w->links (replacing the last pair's), and sets the statuses of its
 *  two meetings' items: t->next of the earlier's, t->prev of the later's (no other pair writes
 *  those). [*eb, *ee), [*lb, *le) get the two meetings' items. ILOKG_ERR_NOMEM, ILOKG_ERR_IO. */
ilokg_status track_link_pair(track_worker *w, ilokg_track *t, size_t p,
                             const ilokg_track_options *o, size_t *eb, size_t *ee, size_t *lb,
                             size_t *le);

/** Sorts the items, counts the document frequencies of the corpus and of each series and
 *  finds the pairs of meetings: what every thread's linking reads and none writes.
 *  ILOKG_ERR_NOMEM, ILOKG_ERR_IO. */
ilokg_status track_prepare(ilokg_track *t, const ilokg_track_options *opt);

/** Series item i whole (text, themes, entities), from w's window (i in [w->wb, w->we)). */
const ilokg_track_item *track_item(const track_worker *w, size_t i);

/** The tracker: items in, links out. */
struct ilokg_track {
    ilokg_track_item   *items; /* series items; sorted by ilokg_track_run */
    size_t              n_items, cap_items;
    ilokg_track_item   *bg; /* background: documents in no series */
    size_t              n_bg, cap_bg;
    track_df            df_all;    /* document frequencies of every feature (stems, bigrams, */
    track_df           *df_series; /* entities) over the whole corpus, and over each series */
    size_t              n_series, cap_series;
    track_table         table;
    ilokg_track_link   *links;
    size_t              n_links, cap_links;
    ilokg_track_pair   *pairs;
    size_t              n_pairs, cap_pairs;
    ilokg_track_status *next, *prev;
    track_stemmer       stemmer;
    FILE               *spill; /* NULL: items whole in memory (ilokg_track_spill) */
    long                spill_len;
    track_reader        rd;           /* count_corpus's */
    size_t              jobs;         /* threads that link pairs (ilokg_track_set_jobs) */
    ilokg_buf           bg_abbrevs;   /* the abbreviations background documents define */
    bool                read_abbrevs; /* ilokg_track_read_abbreviations */
    char              **names;        /* the document ids and series names items borrow */
    size_t              n_names, cap_names;
};

#endif
