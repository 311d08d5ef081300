/* SPDX-License-Identifier: Apache-2.0 */
/* The data model every stage fills: one read document, its sections, commitments and mentions. */
#ifndef ILOKG_DOC_H
#define ILOKG_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "ilokg.h"

/** Half-open byte offsets into the original source file. */
typedef struct {
    size_t start, end;
} ilokg_span;

typedef enum {
    ILOKG_MODALITY_WILL,
    ILOKG_MODALITY_INTEND,
    ILOKG_MODALITY_SHOULD,
    ILOKG_MODALITY_OTHER,
} ilokg_modality;

typedef enum {
    ILOKG_ENT_ACTOR,
    ILOKG_ENT_INSTRUMENT,
    ILOKG_ENT_SDG,
    ILOKG_ENT_COUNTRY,
    ILOKG_ENT_REGION,
    ILOKG_ENT_THEME,
    ILOKG_ENT_KIND_COUNT
} ilokg_entity_kind;

#define ILOKG_MAX_ACTORS 6

/** Manifest row (all strings owned, "" when empty). */
typedef struct {
    char *id, *file, *type, *title, *meeting_number, *place, *start_date, *end_date, *issued,
        *notes;
} ilokg_meta;

typedef struct {
    char        *part;    /* part heading in force ("General Conclusions"), owned, may be NULL */
    char        *heading; /* normalised heading text, owned */
    ilokg_span   span;    /* source span of the heading (start==end when none printed) */
    size_t       n_commitments;
    const char **themes; /* theme codes, static strings; owned array */
    size_t       n_themes;
} ilokg_section;

typedef struct {
    size_t         seq;       /* 1-based order in the document */
    size_t         section;   /* 0-based index into doc->sections, SIZE_MAX when none */
    char           number[8]; /* as printed ("23", "a"), "" when none */
    const char    *actors[ILOKG_MAX_ACTORS]; /* canonical actor codes ("ILO", "EC"), static */
    size_t         n_actors;
    ilokg_modality modality;
    char          *text;   /* normalised item text, owned */
    ilokg_span     span;   /* exact source span of the item */
    ilokg_span     leadin; /* source span of the lead-in sentence */
    const char    *verb;   /* main action verb lemma ("cooperate"), static, NULL if unknown */
    const char    *action; /* action class code ("firm", "explore", ...), static */
    const char   **themes; /* theme codes, static strings; owned array */
    size_t         n_themes;
} ilokg_commitment;

typedef struct {
    ilokg_entity_kind kind;
    const char       *id;  /* canonical notation ("C189", "8.7", "BGD", "ILO"), borrowed
                              from the gazetteer or interned in the document */
    ilokg_span span;       /* source span */
    bool       indirect;   /* demonym or other indirect reference */
    size_t     commitment; /* seq of the enclosing commitment, 0 when none */
} ilokg_mention;

/** One document read end to end. Owned by whoever created it; freed with ilokg_doc_free. */
typedef struct ilokg_doc {
    ilokg_meta        meta;
    char             *path;  /* the file read */
    char             *bytes; /* the source as shipped (NUL after len) */
    size_t            len;
    ilokg_section    *sections;
    size_t            n_sections;
    ilokg_commitment *commitments;
    size_t            n_commitments;
    ilokg_mention    *mentions;
    size_t            n_mentions;
    char            **interned; /* strings the document owns for mentions */
    size_t            n_interned;
    char            **warnings; /* "file:line:col: text" of each warning raised reading it */
    size_t            n_warnings;
} ilokg_doc;

void ilokg_doc_free(ilokg_doc *doc);
void ilokg_meta_clear(ilokg_meta *meta);

/** Number of code points in bytes[0, off): the NIF/Web Annotation offset. */
size_t ilokg_doc_char_offset(const ilokg_doc *doc, size_t off);

const char *ilokg_modality_name(ilokg_modality m);

#endif
