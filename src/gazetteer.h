/* SPDX-License-Identifier: Apache-2.0 */
/* Reference tables from data/reference/ (actors, instruments, SDGs, countries, regions, themes):
 * entity records and a multi-pattern (Aho-Corasick) name index over them. */
#ifndef ILOKG_GAZETTEER_H
#define ILOKG_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "ilokg.h"
#include "status.h"

/** One reference entity. All strings borrowed from the gazetteer; NULL when not sourced. */
typedef struct {
    ilokg_entity_kind kind;
    const char *id;        /* canonical notation: "C189", "MLC2006", "8.7", "10.7.1", "BGD",
                              "ILO", "m49-002", "western-balkans", "osh" */
    const char *label;     /* English preferred label */
    const char *type;      /* instruments: Convention|Protocol|Recommendation|Declaration;
                              SDG: Goal|Target|Indicator; actors: W3C ORG class local name
                              (FormalOrganization, OrganizationalUnit, Organization);
                              regions: kind column (m49_region, eu, grouping ...) */
    const char *iri;       /* the authority IRI used as the node itself (SDG KOS), else NULL */
    const char *parent;    /* SDG: parent code; region: parent region id; actor: parent actor */
    const char *normlex;   /* instruments: NORMLEX IRI */
    const char *status;    /* instruments: fundamental|governance */
    const char *year;      /* instruments: year adopted */
    const char *paired;    /* instruments: accompanying Recommendation code ("R203") */
    const char *unsd_code; /* SDG indicators: "C080701" */
    const char *alpha2, *m49, *op_iri, *wikidata; /* countries (wikidata also goals/actors) */
    const char *m49_region, *m49_subregion;        /* countries: region ids "m49-002" */
    const char **members; /* regions: member alpha-3 codes (n_members) */
    size_t n_members;
    const char *alt_label; /* SDG goals: short title; actors: full name */
    const char *see_also;  /* any other authority IRI (actors: Wikidata / EU corporate body) */
} ilokg_entity;

typedef struct ilokg_gazetteer ilokg_gazetteer;

/** Loads every table under dir (data/reference). The gazetteer is the caller's. Problems in a
 *  table are reported with file:line and ILOKG_ERR_SYNTAX. */
ilokg_status ilokg_gazetteer_load(ilokg_gazetteer **out, const char *dir, ilokg_diag *diag);
void         ilokg_gazetteer_free(ilokg_gazetteer *gaz);

/** The entity of a kind and id, or NULL (borrowed). */
const ilokg_entity *ilokg_gazetteer_find(const ilokg_gazetteer *gaz, ilokg_entity_kind kind,
                                         const char *id);

/** Calls fn for every entity of a kind, in id order. */
void ilokg_gazetteer_each(const ilokg_gazetteer *gaz, ilokg_entity_kind kind,
                          void (*fn)(const ilokg_entity *e, void *payload), void *payload);

#endif
