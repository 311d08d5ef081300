/* SPDX-License-Identifier: Apache-2.0 */
/* The evaluator's containers: tables of solutions, compatibility and merge (SPARQL 1.1 18.3),
 * sets of ids and sets of whole solutions. */
#include "query/eval_rows.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

ilokg_status
ilokg_ev_rows_add(ilokg_ev_rows *t, const ilokg_id *row)
{
    size_t w = t->width ? t->width : 1;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        if (cap > SIZE_MAX / w / sizeof(ilokg_id)) {
            return ILOKG_ERR_NOMEM;
        }
        ilokg_id *ids = realloc(t->ids, cap * w * sizeof(ilokg_id));
        if (!ids) {
            return ILOKG_ERR_NOMEM;
        }
        t->ids = ids;
        t->cap = cap;
    }
    if (t->width) {
        memcpy(t->ids + t->n * w, row, w * sizeof(ilokg_id));
    } else {
        t->ids[t->n] = ILOKG_ID_NONE;
    }
    t->n++;
    return ILOKG_OK;
}

ilokg_id *
ilokg_ev_rows_at(const ilokg_ev_rows *t, size_t i)
{
    return t->ids + i * (t->width ? t->width : 1);
}

void
ilokg_ev_rows_free(ilokg_ev_rows *t)
{
    free(t->ids);
    t->ids = NULL;
    t->n = t->cap = 0;
}

int
ilokg_ev_compatible(const ilokg_id *a, const ilokg_id *b, size_t width)
{
    for (size_t i = 0; i < width; i++) {
        if (a[i] && b[i] && a[i] != b[i]) {
            return 0;
        }
    }
    return 1;
}

void
ilokg_ev_merge(ilokg_id *out, const ilokg_id *a, const ilokg_id *b, size_t width)
{
    for (size_t i = 0; i < width; i++) {
        out[i] = a[i] ? a[i] : b[i];
    }
}

uint64_t
ilokg_ev_hash_ids(const ilokg_id *ids, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < n; i++) {
        h ^= ids[i];
        h *= 0xff51afd7ed558ccdu;
        h ^= h >> 32;
    }
    return h;
}

void
ilokg_ev_always_bound(const ilokg_ev_rows *t, unsigned char *flags)
{
    memset(flags, 1, t->width);
    for (size_t r = 0; r < t->n; r++) {
        const ilokg_id *row = ilokg_ev_rows_at(t, r);
        for (size_t v = 0; v < t->width; v++) {
            if (!row[v]) {
                flags[v] = 0;
            }
        }
    }
}

static size_t
idset_slot(const ilokg_ev_idset *s, ilokg_id id)
{
    size_t i = (size_t)ilokg_ev_hash_ids(&id, 1) & s->mask;
    while (s->slots[i] && s->slots[i] != id) {
        i = (i + 1) & s->mask;
    }
    return i;
}

ilokg_status
ilokg_ev_idset_add(ilokg_ev_idset *s, ilokg_id id, int *added)
{
    if (!s->slots || (s->n + 1) * 2 > s->mask) {
        size_t    n     = s->slots ? (s->mask + 1) * 2 : 64;
        ilokg_id *slots = calloc(n, sizeof *slots);
        if (!slots) {
            return ILOKG_ERR_NOMEM;
        }
        ilokg_ev_idset old = *s;
        s->slots           = slots;
        s->mask            = n - 1;
        for (size_t i = 0; old.slots && i <= old.mask; i++) {
            if (old.slots[i]) {
                s->slots[idset_slot(s, old.slots[i])] = old.slots[i];
            }
        }
        free(old.slots);
    }
    size_t i = idset_slot(s, id);
    *added   = !s->slots[i];
    if (*added) {
        s->slots[i] = id;
        s->n++;
    }
    return ILOKG_OK;
}

int
ilokg_ev_idset_has(const ilokg_ev_idset *s, ilokg_id id)
{
    return s->slots && s->slots[idset_slot(s, id)] == id;
}

void
ilokg_ev_idset_free(ilokg_ev_idset *s)
{
    free(s->slots);
    s->slots = NULL;
    s->mask = s->n = 0;
}

void
ilokg_ev_rowset_init(ilokg_ev_rowset *s, size_t width)
{
    memset(s, 0, sizeof *s);
    s->rows.width = width;
}

static size_t
rowset_slot(const ilokg_ev_rowset *s, const ilokg_id *row, size_t mask)
{
    size_t w = s->rows.width;
    size_t i = (size_t)ilokg_ev_hash_ids(row, w) & mask;
    while (s->slots[i] &&
           memcmp(ilokg_ev_rows_at(&s->rows, s->slots[i] - 1), row, w * sizeof *row) != 0) {
        i = (i + 1) & mask;
    }
    return i;
}

static ilokg_status
rowset_grow(ilokg_ev_rowset *s)
{
    size_t    n     = s->slots ? (s->mask + 1) * 2 : 64;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots) {
        return ILOKG_ERR_NOMEM;
    }
    free(s->slots);
    s->slots = slots;
    s->mask  = n - 1;
    for (size_t r = 0; r < s->rows.n; r++) {
        s->slots[rowset_slot(s, ilokg_ev_rows_at(&s->rows, r), s->mask)] = (uint32_t)(r + 1);
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_ev_rowset_add(ilokg_ev_rowset *s, const ilokg_id *row, int *added)
{
    ilokg_status st;
    *added = 0;
    if ((!s->slots || (s->rows.n + 1) * 2 > s->mask) && (st = rowset_grow(s))) {
        return st;
    }
    if (s->rows.n >= UINT32_MAX - 1) {
        return ILOKG_ERR_NOMEM;
    }
    size_t i = rowset_slot(s, row, s->mask);
    if (s->slots[i]) {
        return ILOKG_OK;
    }
    if ((st = ilokg_ev_rows_add(&s->rows, row))) {
        return st;
    }
    s->slots[i] = (uint32_t)s->rows.n;
    *added      = 1;
    return ILOKG_OK;
}

size_t
ilokg_ev_rowset_find(const ilokg_ev_rowset *s, const ilokg_id *row)
{
    if (!s->slots) {
        return SIZE_MAX;
    }
    size_t i = rowset_slot(s, row, s->mask);
    return s->slots[i] ? s->slots[i] - 1 : SIZE_MAX;
}

void
ilokg_ev_rowset_free(ilokg_ev_rowset *s)
{
    ilokg_ev_rows_free(&s->rows);
    free(s->slots);
    s->slots = NULL;
}
