/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the files of the gazetteer (gazetteer.c, gaz_store.c, gaz_names.c, gaz_load.c), not by
 * other modules: its storage, its automaton and the helpers that add entities and names. */
#ifndef ILOKG_GAZETTEER_INT_H
#define ILOKG_GAZETTEER_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "recognize/gazetteer.h"

/* ---- Storage -------------------------------------------------------------------------- */

/* Zeroed blocks that live as long as the gazetteer: entities and derived strings. */
typedef struct arena_block {
    struct arena_block *next;
    size_t              used, size;
    max_align_t         data[];
} arena_block;

typedef struct {
    ilokg_entity **v;
    size_t         n, cap;
} entity_vec;

/* Everything that may change after loading (learned instruments) sits behind this pointer, so
 * that const handles can still learn. Documents read on several threads learn at once: learn_mu
 * guards the instruments' vector, their titles and the arena while they do. */
typedef struct {
    arena_block    *arena;
    entity_vec      kinds[ILOKG_ENT_KIND_COUNT];
    pthread_mutex_t learn_mu;
} store;

/* Aho-Corasick automaton: child lists during building, goto by list search afterwards (the root
 * has a full table). */
typedef struct {
    int32_t *first, *next, *fail, *out, *dict;
    uint8_t *byte;
    size_t   n, cap;
    int32_t  root_next[256];
    int32_t *name_next; /* next name ending at the same node */
} automaton;

struct ilokg_gazetteer {
    store      *s;
    char      **bufs; /* table texts the entities point into */
    size_t      n_bufs, cap_bufs;
    ilokg_name *names;
    size_t      n_names, cap_names;
    automaton   ac;
};

typedef enum { CASE_DEFAULT, CASE_EXACT, CASE_FOLD } case_rule;

/* gaz_store.c: the arena and the entity tables. */
void         *ilokg_gaz_arena_alloc(store *s, size_t size);
char         *ilokg_gaz_arena_strndup(store *s, const char *p, size_t len);
ilokg_entity *ilokg_gaz_entity_new(store *s, ilokg_entity_kind kind, const char *id);
int           ilokg_gaz_cmp_entity(const void *a, const void *b);
size_t        ilokg_gaz_entity_lower_bound(const entity_vec *v, const char *id);

/* gaz_names.c: names and the automaton. */
ilokg_status ilokg_gaz_add_name(ilokg_gazetteer *gaz, const char *text, size_t len,
                                ilokg_name_role role, const ilokg_entity *e, case_rule rule,
                                bool indirect);
ilokg_status ilokg_gaz_add_names(ilokg_gazetteer *gaz, const char *s, ilokg_name_role role,
                                 const ilokg_entity *e);
ilokg_status ilokg_gaz_add_names_split(ilokg_gazetteer *gaz, const char *s, const ilokg_entity *e);
void         ilokg_gaz_names_finish(ilokg_gazetteer *gaz);
ilokg_status ilokg_gaz_ac_build(ilokg_gazetteer *gaz);
void         ilokg_gaz_ac_free(automaton *ac);

/* gaz_store.c: instruments, as loaded and as learned. */
const char  *ilokg_gaz_instrument_type(char c);
ilokg_status ilokg_gaz_set_normlex(store *s, ilokg_entity *e);
bool         ilokg_gaz_numbered_code(const char *id);

/* gaz_load.c: every table of dir into gaz (entities and names; the automaton is built after). */
ilokg_status ilokg_gaz_load_tables(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag);

#endif
