/* SPDX-License-Identifier: Apache-2.0 */
/* Reference tables from data/reference/ (actors, instruments, SDGs, countries, regions, themes):
 * entity records and a multi-pattern (Aho-Corasick) name index over them. */
#ifndef ILOKG_GAZETTEER_H
#define ILOKG_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>

#include "read/doc.h"
#include "ilokg.h"
#include "util/status.h"

/** One reference entity. All strings borrowed from the gazetteer; NULL when not sourced. */
typedef struct {
    ilokg_entity_kind kind;
    const char       *id;   /* canonical notation: "C189", "MLC2006", "8.7", "10.7.1", "BGD",
                               "ILO", "m49-002", "western-balkans", "osh" */
    const char *label;      /* English preferred label */
    const char *type;       /* instruments: Convention|Protocol|Recommendation|Declaration;
                               SDG: Goal|Target|Indicator; actors: W3C ORG class local name
                               (FormalOrganization, OrganizationalUnit, Organization);
                               regions: kind column (m49_region, eu, grouping ...) */
    const char *iri;        /* the authority IRI used as the node itself (SDG KOS), else NULL */
    const char *parent;     /* SDG: parent code; region: parent region id; actor: parent actor;
                               theme: broader theme */
    const char  *normlex;   /* instruments: NORMLEX IRI */
    const char  *status;    /* instruments: fundamental|governance */
    const char  *year;      /* instruments: year adopted */
    const char  *paired;    /* instruments: accompanying Recommendation code ("R203") */
    const char  *unsd_code; /* SDG indicators: "C080701" */
    const char  *alpha2, *m49, *op_iri, *wikidata; /* countries (wikidata also goals/actors) */
    const char  *m49_region, *m49_subregion;       /* countries: region ids "m49-002" */
    const char **members;                          /* regions: member alpha-3 codes (n_members) */
    size_t       n_members;
    const char  *alt_label;  /* SDG goals: short title; actors: full name */
    const char  *see_also;   /* any other authority IRI (actors: EU corporate body) */
    const char  *definition; /* themes: skos:definition */
    bool         learned;    /* instruments: created during recognition (no table lists it);
                                label is then the title a document printed, or NULL */
} ilokg_entity;

typedef struct ilokg_gazetteer ilokg_gazetteer;

/** Loads every table under dir (data/reference). The gazetteer is the caller's. Problems in a
 *  table are reported with file:line and ILOKG_ERR_SYNTAX. */
ilokg_status ilokg_gazetteer_load(ilokg_gazetteer **out, const char *dir, ilokg_diag *diag);
void         ilokg_gazetteer_free(ilokg_gazetteer *gaz);

/** The entity of a kind and id, or NULL (borrowed). Finds learned instruments too. */
const ilokg_entity *ilokg_gazetteer_find(const ilokg_gazetteer *gaz, ilokg_entity_kind kind,
                                         const char *id);

/** Calls fn for every entity of a kind, in id order (learned instruments included). */
void ilokg_gazetteer_each(const ilokg_gazetteer *gaz, ilokg_entity_kind           kind,
                          void (*fn)(const ilokg_entity *e, void *payload), void *payload);

/** Instruments no table lists ("any Convention or Recommendation number is recognised").
 *
 *  Design: the gazetteer learns them. The first request for a well-formed code the tables lack
 *  (C001-C999, P001-P999, R001-R999) creates an entity with learned = true, its type, its
 *  NORMLEX IRI by the NORMLEX pattern, and title (the title the document printed, may be NULL)
 *  as label; a later request may supply a title for an entity that has none, and between two
 *  printed titles the longer (then the byte-wise smaller) is kept, so the result does not depend
 *  on the order documents are read. The entity then lives as long as the gazetteer:
 *  ilokg_gazetteer_find() and _each() see it, and mention ids point at its id. This works
 *  through a const handle (the learned table is a cache behind a pointer): a gazetteer is not
 *  to be shared between threads that recognise at the same time.
 *  Sets *out to the entity (borrowed); ILOKG_ERR_NOT_FOUND for a malformed code. */
ilokg_status ilokg_gazetteer_instrument(const ilokg_entity **out, const ilokg_gazetteer *gaz,
                                        const char *code, const char *title, size_t title_len,
                                        const char *year);

/** NORMLEX page of an instrument code ("C188") as a static pattern: the caller's buffer. */
void ilokg_normlex_iri(char *out, size_t size, const char *code);

/* ---- Name index ------------------------------------------------------------------------ */

/** Text prepared for matching: whitespace runs become one space, curly quotes and apostrophes
 *  become ASCII, dashes become '-', no-break and other spaces become ' ', soft hyphens and
 *  zero-width characters vanish. lower is folded with ASCII letters lower-cased. start[i] and
 *  end[i] give the input bytes folded byte i came from (start[len] = input length). */
typedef struct {
    char   *folded, *lower;
    size_t  len;
    size_t *start, *end;
} ilokg_folded;

/** Folds p[0,len). On success out owns its arrays (ilokg_folded_free). */
ilokg_status ilokg_fold(ilokg_folded *out, const char *p, size_t len);
void         ilokg_folded_free(ilokg_folded *f);

/** What an indexed name stands for. */
typedef enum {
    ILOKG_NAME_ENTITY,  /* names entity (an actor, instrument, country, region) */
    ILOKG_NAME_STOP,    /* a phrase that names nothing and hides the names inside it */
    ILOKG_NAME_TRIGGER, /* a keyword a local parser takes over from (trigger) */
    ILOKG_NAME_THEME,   /* a theme keyword (entity is the theme) */
} ilokg_name_role;

/** Keywords that start a local parse (instrument numbers, SDG codes). */
typedef enum {
    ILOKG_TRIGGER_CONVENTION,     /* Convention, Conventions */
    ILOKG_TRIGGER_RECOMMENDATION, /* Recommendation, Recommendations */
    ILOKG_TRIGGER_PROTOCOL,       /* Protocol, Protocols */
    ILOKG_TRIGGER_SDG,            /* SDG, SDGs, Sustainable Development Goal(s) */
    ILOKG_TRIGGER_TARGET,         /* target(s), indicator(s) */
    ILOKG_TRIGGER_CODE,           /* C, P, R before a digit: C189, C.189, P29, R204 */
} ilokg_trigger;

typedef struct {
    const char     *text; /* the name, folded */
    size_t          len;
    ilokg_name_role role;
    bool            exact;          /* matched case-sensitively */
    bool            indirect;       /* a demonym or other indirect reference */
    bool            ambiguous;      /* the tables give this name to several entities of one kind
                                       ("Congo"): report, do not resolve */
    bool                plural;     /* (themes) a final "s" may follow */
    bool                plural_kw;  /* (triggers) the keyword is plural */
    bool                digit_next; /* (triggers) matched only right before a digit (or ".9") */
    const ilokg_entity *entity;     /* ENTITY, THEME */
    ilokg_trigger       trigger;    /* TRIGGER */
} ilokg_name;

/** One pass of the name index over a folded text: calls fn for every indexed name found at word
 *  boundaries (case checked where the name is exact), in order of end offset; overlapping hits
 *  are all reported. */
void ilokg_gazetteer_scan(const ilokg_gazetteer *gaz, const ilokg_folded *text,
                          void (*fn)(const ilokg_name *name, size_t start, size_t end,
                                     void *payload),
                          void *payload);

#endif
