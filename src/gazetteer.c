/* SPDX-License-Identifier: Apache-2.0 */
/* Gazetteer (placeholder: empty tables). */
#include "gazetteer.h"

#include <stdlib.h>

struct ilokg_gazetteer {
    int unused;
};

ilokg_status
ilokg_gazetteer_load(ilokg_gazetteer **out, const char *dir, ilokg_diag *diag)
{
    (void)dir, (void)diag;
    *out = calloc(1, sizeof **out);
    return *out ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

void
ilokg_gazetteer_free(ilokg_gazetteer *gaz)
{
    free(gaz);
}

const ilokg_entity *
ilokg_gazetteer_find(const ilokg_gazetteer *gaz, ilokg_entity_kind kind, const char *id)
{
    (void)gaz, (void)kind, (void)id;
    return NULL;
}

void
ilokg_gazetteer_each(const ilokg_gazetteer *gaz, ilokg_entity_kind kind,
                     void (*fn)(const ilokg_entity *e, void *payload), void *payload)
{
    (void)gaz, (void)kind, (void)fn, (void)payload;
}
