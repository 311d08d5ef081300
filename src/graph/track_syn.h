/* SPDX-License-Identifier: Apache-2.0 */
/* WordNet 3.0 as a source of synonymy for tracking: the synsets of an English word, most
 * frequent sense first, and the synsets each of them is a kind of. */
#ifndef ILOKG_TRACK_SYN_H
#define ILOKG_TRACK_SYN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ilokg.h"

/** Parts of speech looked up, as bits of ilokg_track_options.syn_pos. */
#define TRACK_SYN_NOUN 1u
#define TRACK_SYN_VERB 2u
#define TRACK_SYN_ADJ 4u

/** Senses kept per word and part of speech (the first, most frequent ones). */
#define TRACK_SYN_MAX_RANK 8

/** Bytes kept of a synonym (a longer one is left out). */
#define TRACK_SYN_LEMMA_MAX 32

/** One synset a word belongs to (hyper false), or that one of its senses is a kind of (hyper
 *  true, with the rank of that sense); or, with lemma set, one of the words of a synset the word
 *  belongs to (deriv false: a synonym) or a word WordNet relates to the word by derivation
 *  (deriv true: "ratify" to "ratification"), one word only, lower-cased (WordNet's multi-word
 *  ones are left out). */
typedef struct {
    uint32_t offset;   /* byte offset of the synset in WordNet's data file of its part of speech */
    uint8_t  pos;      /* TRACK_SYN_NOUN, _VERB or _ADJ */
    uint8_t  rank;     /* sense number from 0, in WordNet's order (by tag count) */
    uint8_t  n_senses; /* senses of the word in this part of speech (at most 255) */
    bool     hyper;
    bool     deriv;
    char     lemma[TRACK_SYN_LEMMA_MAX]; /* "" but for a synonym or derived form */
} track_syn_sense;

/** Opens WordNet's database, once for the process (libWN keeps its files in its own globals,
 *  and is not safe to call from two threads at once: call this and track_syn_senses from one
 *  thread). ILOKG_ERR_NOT_FOUND when the library was built without WordNet or its database
 *  cannot be opened (the caller then falls back to stems). */
ilokg_status track_syn_open(void);

/** Appends to *out (grown; the caller's) the senses of word (lower-cased, NUL-terminated): for
 *  each part of speech of pos_mask, each base form WordNet's morphology gives (the word itself
 *  when it is one), its first TRACK_SYN_MAX_RANK synsets, their words, their hypernyms and the
 *  word's derived forms.
 *  track_syn_open
 *  first. ILOKG_ERR_NOMEM. */
ilokg_status track_syn_senses(track_syn_sense **out, size_t *n, size_t *cap, const char *word,
                              unsigned pos_mask);

#endif
