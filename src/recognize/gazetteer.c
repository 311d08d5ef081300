/* SPDX-License-Identifier: Apache-2.0 */
/* Gazetteer: the reference tables as entities, and one Aho-Corasick automaton over every name.
 * fold.c folds text; gaz_store.c keeps the entities; gaz_names.c indexes their names; gaz_load.c
 * reads the tables. This file puts them together and takes them apart. */
#include "recognize/gazetteer.h"

#include <stdlib.h>

#include "recognize/gazetteer_int.h"

void
ilokg_gazetteer_free(ilokg_gazetteer *gaz)
{
    if (!gaz) {
        return;
    }
    if (gaz->s) {
        for (int k = 0; k < ILOKG_ENT_KIND_COUNT; k++) {
            free(gaz->s->kinds[k].v);
        }
        for (arena_block *b = gaz->s->arena, *next; b; b = next) {
            next = b->next;
            free(b);
        }
        pthread_mutex_destroy(&gaz->s->learn_mu);
        free(gaz->s);
    }
    for (size_t i = 0; i < gaz->n_bufs; i++) {
        free(gaz->bufs[i]);
    }
    free(gaz->bufs);
    free(gaz->names);
    ilokg_gaz_ac_free(&gaz->ac);
    free(gaz);
}

ilokg_status
ilokg_gazetteer_load(ilokg_gazetteer **out, const char *dir, ilokg_diag *diag)
{
    ilokg_gazetteer *gaz = calloc(1, sizeof *gaz);
    ilokg_status     st  = ILOKG_ERR_NOMEM;
    if (gaz && (gaz->s = calloc(1, sizeof *gaz->s))) {
        pthread_mutex_init(&gaz->s->learn_mu, NULL);
        st = ilokg_gaz_load_tables(gaz, dir, diag);
    }
    if (!st) {
        ilokg_gaz_names_finish(gaz);
        st = ilokg_gaz_ac_build(gaz);
    }
    if (!st) {
        *out = gaz;
        gaz  = NULL;
    }
    ilokg_gazetteer_free(gaz);
    return st;
}
