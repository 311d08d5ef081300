/* SPDX-License-Identifier: Apache-2.0 */
/* Following commitments across the meetings of a series: a compact summary of each commitment,
 * text similarity (TF-IDF cosine over stems) plus entity and theme overlap, link degrees and
 * each commitment's status against the next and previous meeting. */
#ifndef ILOKG_TRACK_H
#define ILOKG_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "read/doc.h"
#include "ilokg.h"

/** How far a later commitment carries an earlier one on. */
typedef enum {
    ILOKG_DEGREE_NONE,
    ILOKG_DEGREE_RELATED,   /* same subject only: no ilokg:continues */
    ILOKG_DEGREE_DEVELOPED, /* same subject, the action changed or strengthened */
    ILOKG_DEGREE_REPEATED,  /* the same undertaking */
} ilokg_degree;

/** A commitment's fate at the next meeting of its series, or its origin at the previous one. */
typedef enum {
    ILOKG_TRACK_STATUS_NONE,      /* no next (previous) meeting in the series */
    ILOKG_TRACK_STATUS_CONTINUED, /* a Repeated link */
    ILOKG_TRACK_STATUS_DEVELOPED, /* a Developed link, no Repeated one */
    ILOKG_TRACK_STATUS_DROPPED,   /* not taken up: no Repeated or Developed link */
    ILOKG_TRACK_STATUS_NEW,       /* against the previous meeting: carries nothing on */
} ilokg_track_status;

/** One entity a commitment names: its kind and canonical notation (owned by the summary). */
typedef struct {
    ilokg_entity_kind kind;
    char             *id;
} ilokg_track_entity;

/** The compact summary the linking works from: no document needs to stay in memory. Strings
 *  are owned by the tracker once added. */
typedef struct {
    char               *doc_id;  /* manifest id */
    char               *series;  /* manifest type ("HLMConclusions") */
    long                meeting; /* meeting number */
    size_t              seq;     /* 1-based order in its document */
    char               *number;  /* item number as printed, "" when none */
    char               *text;
    ilokg_modality      modality;
    char               *action; /* action class code, NULL when none */
    char              **themes;
    size_t              n_themes;
    ilokg_track_entity *entities; /* sorted by kind then id, no duplicates */
    size_t              n_entities;
    char *abbrevs;    /* the abbreviations its document defines that the text uses, as "ABBR\tlong
                         form\n" lines; NULL when none */
    long   spill_off; /* with ilokg_track_spill: where number, text, action,    */
    size_t spill_len; /* themes and entities are in the spill file (then NULL/0) */
} ilokg_track_item;

/** One link between a later and an earlier commitment, with its evidence. */
typedef struct {
    size_t       later, earlier; /* indexes into the tracker's items */
    ilokg_degree degree;
    double       score;     /* combined: the measure thresholds apply to */
    double       text_sim;  /* whole_sim or the weighted best clause (ILOKG_TRACK_MEASURE) */
    double       whole_sim; /* cosine of the TF-IDF stem vectors of the two whole items */
    double       ent_sim;   /* IDF-weighted Jaccard overlap of the entities named */
    double       theme_sim; /* Jaccard of the themes */
    size_t       phrase_start, phrase_end; /* key phrase: bytes of the later item's text */
    bool         action_changed;
} ilokg_track_link;

/** A pair of successive meetings of one series, in series then meeting order. */
typedef struct {
    const char *series;         /* borrowed from an item */
    long        earlier, later; /* meeting numbers */
} ilokg_track_pair;

/** How the entities two commitments name are compared, each weighted by its IDF: the weight
 *  shared over the smaller total (overlap coefficient), over the union (Jaccard), over the mean
 *  of the totals (Dice), over their geometric mean (cosine: the overlap coefficient damped by
 *  the square root of the ratio of the totals). */
typedef enum {
    ILOKG_TRACK_ENT_OVERLAP,
    ILOKG_TRACK_ENT_JACCARD,
    ILOKG_TRACK_ENT_DICE,
    ILOKG_TRACK_ENT_COSINE,
} ilokg_track_entity_measure;

/** The method and its thresholds (chosen by cross-validation across the two read pairs of
 *  meetings, set on both together: docs/tracking.md). */
typedef struct {
    double link;     /* score at or above which a pair near the best of either end is a link */
    double mutual;   /* score at or above which a pair that is the best of both ends is a link */
    double relative; /* "near the best": this share of the best score of either end */
    double related;  /* score at or above which a pair near the best is at least Related */
    double repeated; /* whole-item cosine at or above which a link with its action unchanged
                        is Repeated rather than Developed */
    double clause;   /* weight of the best cosine of a clause of one item with the other whole
                        item, against the whole-item cosine (0: whole items only) */
    bool comma;      /* clauses are cut at the commas of a list too (a piece of fewer than
                        TRACK_CLAUSE_MIN_STEMS stems joins its neighbour) */
    ilokg_track_entity_measure entity; /* how the IDF weights of shared entities count */
    double w_entity;  /* weight of the entity similarity in the score; themes weigh w_theme, the
                         text the rest (when neither item names an entity, the text and themes
                         are scaled up to make up for it) */
    double generic;   /* a clause whose rarest stem has an IDF under this share of ln(1 + N), the
                         highest an IDF can be, is too generic to count (0: every clause counts) */
    int abbrev;       /* abbreviations its document defines (0: not used): 1 an abbreviation counts
                         with its long form's stems too, 2 a long form with its abbreviation's,
                         3 both */
    double   w_theme; /* weight of the theme similarity in the score */
    unsigned syn_pos; /* WordNet synsets of the words as a second text vector (docs/tracking.md):
                         of nouns 1, verbs 2, adjectives 4 (bits); 0: stems only */
    int syn_senses;   /* the first (most frequent) this many senses of a word in each */
    int syn_max;      /* a word with more senses than this in a part of speech gives none in it
                         (0: no limit) */
    bool   syn_hyper; /* and the synsets those senses are kinds of (their hypernyms) */
    double w_syn;     /* the synsets' share of the text cosine: an item's stem and synset vectors,
                         each of unit length, weigh sqrt(1 - w_syn) and sqrt(w_syn) */
    double syn_alias; /* or the stems of the synonyms (syn_words 1), derived forms (2) or both (3)
                         of its words that the text does not write, as a second vector with this
                         share (0: none) */
    int syn_words;    /* what syn_alias adds: 1 synonyms, 2 derived forms, 3 both. All WordNet
                         options are off by default (measured, not kept: docs/tracking.md) */
} ilokg_track_options;

#define ILOKG_TRACK_OPTIONS_INIT                                                                   \
    {                                                                                              \
        0.38, 0.26, 0.50, 0.24, 0.40, 0.60, true, ILOKG_TRACK_ENT_JACCARD, 0.20, 0.50, 0, 0.10, 0, \
            1, 0, false, 0.0, 0.0, 1                                                               \
    }

typedef struct ilokg_track ilokg_track;

/** An empty tracker, the caller's (ilokg_track_free). ILOKG_ERR_NOMEM. */
ilokg_status ilokg_track_new(ilokg_track **out);
void         ilokg_track_free(ilokg_track *t);

/** Keeps the items added from now on out of memory but for their document, series, meeting and
 *  sequence: their number, text, action, themes and entities go to fp (a temporary file open
 *  for update, the caller's, kept open until the tracker is freed) and are read back two
 *  meetings at a time while linking. For a corpus whose commitments do not all fit in memory;
 *  ilokg_track_items then gives the items without those fields. A write or read that fails is
 *  ILOKG_ERR_IO from the call that met it. */
void ilokg_track_spill(ilokg_track *t, FILE *fp);

/** Whether ilokg_track_add_doc reads the abbreviations each document defines into its items
 *  (ilokg_track_item.abbrevs), for the option abbrev (measured, not used by default: off, and
 *  then a document costs nothing more). */
void ilokg_track_read_abbreviations(ilokg_track *t, bool on);

/** Adds the summaries of a document's commitments when the document belongs to a series (a
 *  manifest type and a numeric meeting number); other documents add only to the background of
 *  the word weights. The document is not kept. ILOKG_ERR_NOMEM. */
ilokg_status ilokg_track_add_doc(ilokg_track *t, const ilokg_doc *doc);

/** Adds one summary (deep-copied; entities need not be sorted). in_series false: background
 *  only. For tests and other readers. ILOKG_ERR_NOMEM. */
ilokg_status ilokg_track_add_item(ilokg_track *t, const ilokg_track_item *item, bool in_series);

/** Links every pair of successive meetings of each series (on ilokg_track_jobs threads). opt
 *  NULL: the defaults. Calling it again recomputes everything. Deterministic: the same items
 *  give the same links. ILOKG_ERR_NOMEM, ILOKG_ERR_IO, ILOKG_ERR_INTERNAL (no thread). */
ilokg_status ilokg_track_run(ilokg_track *t, const ilokg_track_options *opt);

/** What ilokg_track_each hands over after each pair of meetings: its links links[0, n)
 *  (borrowed for the call), and the items [final_b, final_e) whose statuses against the next
 *  and previous meeting are final (the pair's earlier meeting; its later one too when the series
 *  has no meeting after it). A status other than ILOKG_OK stops the run and is returned. */
typedef ilokg_status (*ilokg_track_pair_fn)(const ilokg_track *t, const ilokg_track_link *links,
                                            size_t n, size_t final_b, size_t final_e,
                                            void *payload);

/** ilokg_track_run that keeps no links: each pair's go to fn as soon as they are made and are
 *  dropped, so that the links of a corpus need not all be held (ilokg_track_links then gives
 *  none; statuses are kept). The same links and statuses as ilokg_track_run. On the calling
 *  thread, pair after pair (ilokg_track_each_pair uses several). */
ilokg_status ilokg_track_each(ilokg_track *t, const ilokg_track_options *opt,
                              ilokg_track_pair_fn fn, void *payload);

/** The number of threads ilokg_track_run and ilokg_track_each_pair link pairs of meetings on
 *  (0 or 1: the calling thread alone; one too with WordNet synsets, whose library is not
 *  thread-safe). Each thread holds two meetings' vectors at a time. The links, statuses and
 *  order of ilokg_track_links are the same whatever the number. */
void   ilokg_track_set_jobs(ilokg_track *t, size_t jobs);
size_t ilokg_track_jobs(const ilokg_track *t);

/** What ilokg_track_each_pair hands over after linking one pair of meetings, on the thread that
 *  linked it. The statuses final then are those the pair decides: of the earlier meeting's items
 *  against the next meeting, of the later meeting's against the previous one (no other pair
 *  sets those); the other status of the same items may still be in the making on another
 *  thread. */
typedef struct {
    const ilokg_track         *t;
    const ilokg_track_link    *links; /* the pair's, by earlier then later item (borrowed) */
    size_t                     n_links;
    size_t                     pair;   /* its index in ilokg_track_pairs */
    size_t                     eb, ee; /* the earlier meeting's items: next status final */
    size_t                     lb, le; /* the later meeting's items: previous status final */
    size_t                     worker; /* the thread: 0 to ilokg_track_jobs(t) - 1 */
    const struct track_worker *w;      /* where the pair's items are whole (internal) */
} ilokg_track_done;

/** Called on the linking threads, one pair at a time per thread, the pairs in no set order:
 *  what it writes to besides its own thread's state must be locked. A status other than ILOKG_OK
 *  stops the run (the first is returned). */
typedef ilokg_status (*ilokg_track_done_fn)(const ilokg_track_done *d, void *payload);

/** ilokg_track_each on ilokg_track_jobs threads: each pair's links go to fn as soon as they are
 *  made, then are dropped (ilokg_track_links gives none; statuses are kept). The same links and
 *  statuses as ilokg_track_run. ILOKG_ERR_NOMEM, ILOKG_ERR_IO, ILOKG_ERR_INTERNAL when a
 *  thread cannot be started, or what fn returns. */
ilokg_status ilokg_track_each_pair(ilokg_track *t, const ilokg_track_options *opt,
                                   ilokg_track_done_fn fn, void *payload);

/** Series item i whole (text, themes, entities; borrowed for the call), i one of d's pair's
 *  items. */
const ilokg_track_item *ilokg_track_done_item(const ilokg_track_done *d, size_t i);

/** The degree ilokg_track_run gives a pair of commitments scored as l, when best_later and
 *  best_earlier are the best scores of its later and earlier end against the other meeting.
 *  For tuning: a run with every threshold 0 keeps every pair, and this decides them again. */
ilokg_degree ilokg_track_decide(const ilokg_track_link *l, double best_later, double best_earlier,
                                const ilokg_track_options *o);

/** The series items (borrowed, in series, meeting, document, sequence order). */
const ilokg_track_item *ilokg_track_items(const ilokg_track *t, size_t *n);
/** The links of any degree (borrowed), by pair, then earlier, then later item. */
const ilokg_track_link *ilokg_track_links(const ilokg_track *t, size_t *n);
/** The pairs of successive meetings (borrowed). */
const ilokg_track_pair *ilokg_track_pairs(const ilokg_track *t, size_t *n);
/** Item i's status against the next meeting of its series, and against the previous one. */
ilokg_track_status ilokg_track_next_status(const ilokg_track *t, size_t i);
ilokg_track_status ilokg_track_prev_status(const ilokg_track *t, size_t i);

/** "repeated", "developed", "related"; "continued", "developed", "not taken up", "new". */
const char *ilokg_degree_name(ilokg_degree d);
const char *ilokg_track_status_name(ilokg_track_status s);
/** The measure text_sim names, for the graph and reports. */
#define ILOKG_TRACK_MEASURE                                                                        \
    "the higher of the cosine of the two whole commitments and 0.6 times the best cosine of a "    \
    "clause of one (cut at ; : . and at the commas of a list) with the other whole, leaving out "  \
    "a clause whose rarest stem has an IDF under half of ln(1 + N), of TF-IDF weights "            \
    "(1 + ln tf) * ln(1 + N/df) of Snowball English stems"

#endif
