/* SPDX-License-Identifier: Apache-2.0 */
/* Word lists the segmenter reads the genre with: actor phrases of lead-ins, modal phrases, action
 * verbs and their classes. Tables, one row each, so that every row can be tested. */
#ifndef ILOKG_SEGMENT_LEX_H
#define ILOKG_SEGMENT_LEX_H

#include <stddef.h>

#include "read/doc.h"

/** Actor code standing for "the parties of the document" (Both organisations, they). */
#define ILOKG_ACTOR_PARTIES "*"

typedef struct {
    const char *phrase; /* lower case, single spaces */
    const char *codes;  /* space-separated actor codes, or ILOKG_ACTOR_PARTIES */
} ilokg_actor_alias;

typedef struct {
    const char    *phrase; /* lower case */
    ilokg_modality modality;
} ilokg_modal_phrase;

typedef struct {
    const char *lemma;
    const char *action; /* action class: firm, exchange, explore */
} ilokg_verb;

extern const ilokg_actor_alias  ilokg_actor_aliases[];
extern const size_t             ilokg_n_actor_aliases;
extern const ilokg_modal_phrase ilokg_modal_phrases[];
extern const size_t             ilokg_n_modal_phrases;

/** The verb whose lemma or -ing form is word[0,len) (any case), or NULL. *gerund tells which. */
const ilokg_verb *ilokg_verb_lookup(const char *word, size_t len, int *gerund);

/** The verb whose past participle is word ("developed", "carried"), for passive items
 *  ("... will be developed by 2019"), or NULL. */
const ilokg_verb *ilokg_participle_lookup(const char *word, size_t len);

/** Adverbs that may open an item before its verb ("Jointly promote", "Further cooperate"). */
int ilokg_is_item_adverb(const char *word, size_t len);

#endif
