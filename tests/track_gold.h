/* SPDX-License-Identifier: Apache-2.0 */
/* The links of the corpus against the hand-read gold links (tests/fixtures/track-gold.tsv):
 * shared by the unit test and the tuning harness. */
#ifndef ILOKG_TRACK_GOLD_H
#define ILOKG_TRACK_GOLD_H

#include <stdbool.h>
#include <stddef.h>

#include "graph/track.h"

/** Links counted against the reading of one pair: agreed, made by the tool, made by the
 *  reader. Only Repeated and Developed links count, and only for earlier commitments read. */
typedef struct {
    size_t tp, predicted, gold;
} track_counts;

/** The counts of the tool's links from the earlier meeting's document (manifest id) against the
 *  gold file's text (gold, its whole contents, starting with a comment line). */
track_counts track_gold_score(const ilokg_track *t, const char *gold, const char *earlier);

/** Whether the reader links earlier commitment es of document e to later commitment ls of l
 *  (Repeated or Developed); whether the reader read earlier commitment es at all. */
bool track_gold_has(const char *gold, const char *e, size_t es, const char *l, size_t ls);
bool track_gold_read(const char *gold, const char *e, size_t es);

/** F-measure, precision and recall of c (0 when undefined). */
double track_f(track_counts c);
double track_precision(track_counts c);
double track_recall(track_counts c);

#endif
