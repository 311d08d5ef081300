/* SPDX-License-Identifier: Apache-2.0 */
/* WordNet 3.0 (Debian's wordnet-base database through its C library, libWN) as a source of
 * synonymy for tracking: a word's synsets and their hypernyms, looked up once per word by the
 * caller's memo (track_text.c). Without WordNet at build time, or its database at run time,
 * track_syn_open says so and tracking keeps to stems. */
#include "graph/track_syn.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#ifdef ILOKG_HAVE_WORDNET
#include <wn.h>

/* libWN reports a file it cannot open on stderr unless told otherwise: the library never
 * prints, and track_syn_open's status says it instead. */
static int
quiet(char *msg)
{
    (void)msg;
    return -1;
}

ilokg_status
track_syn_open(void)
{
    display_message = quiet;
    return wninit() ? ILOKG_ERR_NOT_FOUND : ILOKG_OK;
}

static ilokg_status
append(track_syn_sense **out, size_t *n, size_t *cap, track_syn_sense s)
{
    ilokg_status st = ilokg_grow(out, cap, *n, sizeof **out);
    if (!st) {
        (*out)[(*n)++] = s;
    }
    return st;
}

static uint8_t
pos_bit(int pos)
{
    return pos == NOUN ? TRACK_SYN_NOUN : pos == VERB ? TRACK_SYN_VERB : TRACK_SYN_ADJ;
}

/* Appends word (of a synset of sense s), lower-cased, as a synonym: one word only (WordNet
 * writes "carry_out"), without the "(a)" mark of an adjective's position. */
static ilokg_status
add_lemma(track_syn_sense **out, size_t *n, size_t *cap, track_syn_sense s, const char *word)
{
    size_t len = strcspn(word, "(");
    if (!len || len >= sizeof s.lemma || memchr(word, '_', len)) {
        return ILOKG_OK;
    }
    for (size_t i = 0; i < len; i++) {
        char c     = word[i];
        s.lemma[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    s.lemma[len] = '\0';
    return append(out, n, cap, s);
}

/* Appends the words WordNet relates by derivation to the word of ss it was read for (its
 * whichword), as lemmas of sense s. */
static ilokg_status
derived_forms(track_syn_sense **out, size_t *n, size_t *cap, track_syn_sense s, SynsetPtr ss)
{
    ilokg_status st = ILOKG_OK;
    s.hyper         = false;
    s.deriv         = true;
    for (int p = 0; !st && p < ss->ptrcount; p++) {
        SynsetPtr to      = NULL;
        char      none[1] = ""; /* no word to mark in it */
        if (ss->ptrtyp[p] != DERIVATION || ss->pfrm[p] != ss->whichword || ss->pto[p] <= 0 ||
            !(to = read_synset(ss->ppos[p], ss->ptroff[p], none))) {
            continue;
        }
        if (ss->pto[p] <= to->wcount) {
            st = add_lemma(out, n, cap, s, to->words[ss->pto[p] - 1]);
        }
        free_synset(to);
    }
    return st;
}

/* The synsets of form (a base form in WordNet's index for pos) and their hypernyms. */
static ilokg_status
form_senses(track_syn_sense **out, size_t *n, size_t *cap, char *form, int pos)
{
    ilokg_status st = ILOKG_OK;
    IndexPtr     ip = index_lookup(form, pos);
    if (!ip) {
        return ILOKG_OK;
    }
    uint8_t n_senses = ip->off_cnt > 255 ? 255 : (uint8_t)ip->off_cnt;
    for (int k = 0; !st && k < ip->off_cnt && k < TRACK_SYN_MAX_RANK; k++) {
        track_syn_sense s = {
            (uint32_t)ip->offset[k], pos_bit(pos), (uint8_t)k, n_senses, false, false, ""};
        SynsetPtr ss = NULL;
        if ((st = append(out, n, cap, s)) || !(ss = read_synset(pos, (long)ip->offset[k], form))) {
            continue;
        }
        for (int w = 0; !st && w < ss->wcount; w++) {
            st = add_lemma(out, n, cap, s, ss->words[w]);
        }
        st = st ? st : derived_forms(out, n, cap, s, ss);
        for (int p = 0; !st && p < ss->ptrcount; p++) {
            if (ss->ptrtyp[p] == HYPERPTR && (ss->ppos[p] == NOUN || ss->ppos[p] == VERB)) {
                s.offset = (uint32_t)ss->ptroff[p];
                s.pos    = pos_bit(ss->ppos[p]);
                s.hyper  = true;
                st       = append(out, n, cap, s);
            }
        }
        free_synset(ss);
    }
    free_index(ip);
    return st;
}

ilokg_status
track_syn_senses(track_syn_sense **out, size_t *n, size_t *cap, const char *word, unsigned pos_mask)
{
    static const int pos_of[] = {NOUN, VERB, ADJ};
    ilokg_status     st       = ILOKG_OK;
    size_t           len      = strlen(word);
    if (len + 1 > WORDBUF) {
        return ILOKG_OK;
    }
    for (size_t p = 0; !st && p < sizeof pos_of / sizeof pos_of[0]; p++) {
        char   forms[4][WORDBUF], buf[WORDBUF];
        size_t nf = 0;
        if (!(pos_mask & pos_bit(pos_of[p]))) {
            continue;
        }
        memcpy(forms[nf++], word, len + 1); /* the word itself, when WordNet has it as it is */
        memcpy(buf, word, len + 1);
        for (char *m = morphstr(buf, pos_of[p]); m && nf < 4; m = morphstr(NULL, pos_of[p])) {
            bool seen = false;
            for (size_t f = 0; f < nf; f++) {
                seen = seen || !strcmp(forms[f], m);
            }
            if (!seen && strlen(m) < WORDBUF) {
                memcpy(forms[nf++], m, strlen(m) + 1);
            }
        }
        for (size_t f = 0; !st && f < nf; f++) {
            st = form_senses(out, n, cap, forms[f], pos_of[p]);
        }
    }
    return st;
}

#else

ilokg_status
track_syn_open(void)
{
    return ILOKG_ERR_NOT_FOUND;
}

ilokg_status
track_syn_senses(track_syn_sense **out, size_t *n, size_t *cap, const char *word, unsigned pos_mask)
{
    (void)out, (void)n, (void)cap, (void)word, (void)pos_mask;
    return ILOKG_OK;
}

#endif
