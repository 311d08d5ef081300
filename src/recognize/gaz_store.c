/* SPDX-License-Identifier: Apache-2.0 */
/* The gazetteer's store: entities by kind in an arena, looked up by id; instruments learned from
 * the text join it. */
#include "recognize/gazetteer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recognize/gazetteer_int.h"
#include "util/ascii.h"
#include "util/buf.h"

#define NORMLEX_PREFIX                                                                             \
    "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:"

void *
ilokg_gaz_arena_alloc(store *s, size_t size)
{
    size           = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    arena_block *b = s->arena;
    if (!b || b->size - b->used < size) {
        size_t cap = size > 65536 ? size : 65536;
        b          = calloc(1, sizeof *b + cap);
        if (!b) {
            return NULL;
        }
        b->size  = cap;
        b->next  = s->arena;
        s->arena = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

char *
ilokg_gaz_arena_strndup(store *s, const char *p, size_t len)
{
    char *d = ilokg_gaz_arena_alloc(s, len + 1);
    if (d) {
        memcpy(d, p, len);
        d[len] = '\0';
    }
    return d;
}

ilokg_entity *
ilokg_gaz_entity_new(store *s, ilokg_entity_kind kind, const char *id)
{
    entity_vec   *v = &s->kinds[kind];
    ilokg_entity *e = ilokg_gaz_arena_alloc(s, sizeof *e);
    if (!e || ilokg_grow(&v->v, &v->cap, v->n, sizeof *v->v)) {
        return NULL;
    }
    e->kind      = kind;
    e->id        = id;
    v->v[v->n++] = e;
    return e;
}

int
ilokg_gaz_cmp_entity(const void *a, const void *b)
{
    return strcmp((*(ilokg_entity *const *)a)->id, (*(ilokg_entity *const *)b)->id);
}

/* Index of the first entity whose id is not below id. */
size_t
ilokg_gaz_entity_lower_bound(const entity_vec *v, const char *id)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(v->v[mid]->id, id) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

const ilokg_entity *
ilokg_gazetteer_find(const ilokg_gazetteer *gaz, ilokg_entity_kind kind, const char *id)
{
    if (!gaz || (unsigned)kind >= ILOKG_ENT_KIND_COUNT || !id) {
        return NULL;
    }
    const entity_vec *v = &gaz->s->kinds[kind];
    size_t            i = ilokg_gaz_entity_lower_bound(v, id);
    return i < v->n && !strcmp(v->v[i]->id, id) ? v->v[i] : NULL;
}

void
ilokg_gazetteer_each(const ilokg_gazetteer *gaz, ilokg_entity_kind           kind,
                     void (*fn)(const ilokg_entity *e, void *payload), void *payload)
{
    if (!gaz || (unsigned)kind >= ILOKG_ENT_KIND_COUNT) {
        return;
    }
    const entity_vec *v = &gaz->s->kinds[kind];
    for (size_t i = 0; i < v->n; i++) {
        fn(v->v[i], payload);
    }
}

void
ilokg_normlex_iri(char *out, size_t size, const char *code)
{
    snprintf(out, size, "%s%s", NORMLEX_PREFIX, code);
}

const char *
ilokg_gaz_instrument_type(char c)
{
    return c == 'C' ? "Convention" : c == 'P' ? "Protocol" : c == 'R' ? "Recommendation" : NULL;
}

ilokg_status
ilokg_gaz_set_normlex(store *s, ilokg_entity *e)
{
    char buf[160];
    ilokg_normlex_iri(buf, sizeof buf, e->id);
    e->normlex = ilokg_gaz_arena_strndup(s, buf, strlen(buf));
    return e->normlex ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

bool
ilokg_gaz_numbered_code(const char *id)
{
    return id && ilokg_gaz_instrument_type(id[0]) && strlen(id) == 4 && ilokg_is_digit(id[1]) &&
           ilokg_is_digit(id[2]) && ilokg_is_digit(id[3]) && strcmp(id + 1, "000");
}

/* ---- Learned instruments ---------------------------------------------------------------- */

static bool
better_title(const char *old, const char *t, size_t len)
{
    if (!old) {
        return true;
    }
    size_t n = strlen(old);
    if (len != n) {
        return len > n;
    }
    return memcmp(t, old, len) < 0;
}

static ilokg_status instrument_locked(const ilokg_entity **out, store *s, const char *code,
                                      const char *title, size_t title_len, const char *year);

ilokg_status
ilokg_gazetteer_instrument(const ilokg_entity **out, const ilokg_gazetteer *gaz, const char *code,
                           const char *title, size_t title_len, const char *year)
{
    pthread_mutex_lock(&gaz->s->learn_mu);
    ilokg_status st = instrument_locked(out, gaz->s, code, title, title_len, year);
    pthread_mutex_unlock(&gaz->s->learn_mu);
    return st;
}

/* ilokg_gazetteer_instrument with the store's learn_mu held. */
static ilokg_status
instrument_locked(const ilokg_entity **out, store *s, const char *code, const char *title,
                  size_t title_len, const char *year)
{
    entity_vec   *v = &s->kinds[ILOKG_ENT_INSTRUMENT];
    size_t        i = ilokg_gaz_entity_lower_bound(v, code);
    ilokg_entity *e = i < v->n && !strcmp(v->v[i]->id, code) ? v->v[i] : NULL;
    if (!e) {
        if (!ilokg_gaz_numbered_code(code)) {
            return ILOKG_ERR_NOT_FOUND;
        }
        char *id = ilokg_gaz_arena_strndup(s, code, strlen(code));
        e        = id ? ilokg_gaz_arena_alloc(s, sizeof *e) : NULL;
        if (!e || ilokg_grow(&v->v, &v->cap, v->n, sizeof *v->v)) {
            return ILOKG_ERR_NOMEM;
        }
        e->kind    = ILOKG_ENT_INSTRUMENT;
        e->id      = id;
        e->type    = ilokg_gaz_instrument_type(code[0]);
        e->learned = true;
        if (ilokg_gaz_set_normlex(s, e)) {
            return ILOKG_ERR_NOMEM;
        }
        memmove(v->v + i + 1, v->v + i, (v->n - i) * sizeof *v->v);
        v->v[i] = e;
        v->n++;
    }
    if (e->learned && title && title_len) {
        /* With its year printed, the title takes the ILO's own form: "Seafarers' Identity
         * Documents Convention (Revised), 2003 (No. 185)". The longest printed form wins. */
        char suffix[32] = "";
        if (year && code[0] != 'P') {
            snprintf(suffix, sizeof suffix, ", %.4s (No. %u)", year,
                     (unsigned)strtoul(code + 1, NULL, 10));
        }
        char buf[512];
        int  n = snprintf(buf, sizeof buf, "%.*s%s", (int)title_len, title, suffix);
        if (n > 0 && (size_t)n < sizeof buf && better_title(e->label, buf, (size_t)n)) {
            /* Only a title that wins is kept in the arena: this runs for every mention. */
            if (!(e->label = ilokg_gaz_arena_strndup(s, buf, (size_t)n))) {
                return ILOKG_ERR_NOMEM;
            }
            if (year && (!e->year || strcmp(year, e->year) < 0)) {
                e->year = ilokg_gaz_arena_strndup(s, year, strlen(year));
            }
        }
    }
    *out = e;
    return ILOKG_OK;
}
