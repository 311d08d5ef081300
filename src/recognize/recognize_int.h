/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the recognize_*.c files: candidate mentions over folded text, and the small local
 * parsers (instrument numbers, SDG codes) that take over where the name index finds a keyword. */
#ifndef ILOKG_RECOGNIZE_INT_H
#define ILOKG_RECOGNIZE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "recognize/gazetteer.h"
#include "util/status.h"

#define ILOKG_REC_NONE SIZE_MAX /* "no match" from the parsers below */

typedef enum {
    ILOKG_ORIGIN_NAME,   /* a listed name (title, alias, country name...) */
    ILOKG_ORIGIN_NUMBER, /* an instrument number or code */
    ILOKG_ORIGIN_PAIRED, /* "... and its accompanying Recommendation" */
    ILOKG_ORIGIN_SDG,    /* an SDG code after a keyword */
} ilokg_rec_origin;

/** A candidate mention: folded offsets [fs, fe). */
typedef struct {
    const ilokg_entity *ent;
    size_t              fs, fe;
    bool                indirect;
    ilokg_rec_origin    origin;
    bool                dead;
} ilokg_rec_cand;

typedef struct {
    const ilokg_gazetteer *gaz;
    const ilokg_folded    *f;
    ilokg_rec_cand        *c;
    size_t                 n, cap;
    ilokg_status           st; /* first failure (allocation); parsing never fails */
} ilokg_rec_ctx;

/** Appends a candidate (records an allocation failure in x->st). */
void ilokg_rec_add(ilokg_rec_ctx *x, const ilokg_entity *e, size_t fs, size_t fe, bool indirect,
                   ilokg_rec_origin origin);

/** Sorts candidates by start (longer first) and kills, among live ones, every candidate that
 *  overlaps a kept one of the same entity, and every instrument name contained in a longer
 *  instrument mention of another entity (the number decides: "Labour Inspection Convention
 *  (No. 129)" is C129). */
void ilokg_rec_dedupe(ilokg_rec_ctx *x);

/* rec_common.c: text helpers over folded text (folded->folded, case kept). */
size_t ilokg_rec_lit(const ilokg_folded *f, size_t i, const char *s);
size_t ilokg_rec_word_ci(const ilokg_folded *f, size_t i, const char *lower_word);
size_t ilokg_rec_skip_space(const ilokg_folded *f, size_t i);

/** Instrument keyword (Convention, Recommendation, Protocol) at [ks, ke). */
void ilokg_rec_instrument_keyword(ilokg_rec_ctx *x, const ilokg_name *nm, size_t ks, size_t ke);
/** A C/P/R code letter at [ks, ke), a digit or ".digit" after it. */
void ilokg_rec_instrument_code(ilokg_rec_ctx *x, size_t ks, size_t ke);
/** After all candidates are in: titles take a following year, adjacent mentions of one
 *  instrument merge, paired Recommendations are added. */
void ilokg_rec_instruments_finish(ilokg_rec_ctx *x);

/** SDG keyword (SDG, Sustainable Development Goal(s), target, indicator) at [ks, ke). */
void ilokg_rec_sdg(ilokg_rec_ctx *x, const ilokg_name *nm, size_t ks, size_t ke);

#endif
