/* SPDX-License-Identifier: Apache-2.0 */
/* What the recognisers share: the list of candidate mentions (adding, removing overlaps) and the
 * small tests over folded text their parsers read with. */
#include "recognize/recognize_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"

#define NONE ILOKG_REC_NONE

void
ilokg_rec_add(ilokg_rec_ctx *x, const ilokg_entity *e, size_t fs, size_t fe, bool indirect,
              ilokg_rec_origin origin)
{
    if (x->st || ilokg_grow(&x->c, &x->cap, x->n, sizeof *x->c)) {
        x->st = x->st ? x->st : ILOKG_ERR_NOMEM;
        return;
    }
    ilokg_rec_cand *c = &x->c[x->n++];
    c->ent            = e;
    c->fs             = fs;
    c->fe             = fe;
    c->indirect       = indirect;
    c->origin         = origin;
    c->dead           = false;
}

size_t
ilokg_rec_lit(const ilokg_folded *f, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i <= f->len && f->len - i >= n && !memcmp(f->folded + i, s, n) ? i + n : NONE;
}

size_t
ilokg_rec_word_ci(const ilokg_folded *f, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (i > f->len || f->len - i < n || memcmp(f->lower + i, w, n)) {
        return NONE;
    }
    if (i > 0 && ilokg_is_word_byte(f->folded[i - 1])) {
        return NONE;
    }
    return i + n < f->len && ilokg_is_word_byte(f->folded[i + n]) ? NONE : i + n;
}

size_t
ilokg_rec_skip_space(const ilokg_folded *f, size_t i)
{
    return i < f->len && f->folded[i] == ' ' ? i + 1 : i;
}

static int
cmp_cand(const void *pa, const void *pb)
{
    const ilokg_rec_cand *a = pa, *b = pb;
    if (a->fs != b->fs) {
        return a->fs < b->fs ? -1 : 1;
    }
    if (a->fe != b->fe) {
        return a->fe > b->fe ? -1 : 1;
    }
    if (a->ent->kind != b->ent->kind) {
        return (int)a->ent->kind - (int)b->ent->kind;
    }
    return strcmp(a->ent->id, b->ent->id);
}

void
ilokg_rec_dedupe(ilokg_rec_ctx *x)
{
    if (x->n) {
        qsort(x->c, x->n, sizeof *x->c, cmp_cand);
    }
    for (size_t i = 0; i < x->n; i++) {
        ilokg_rec_cand *c = &x->c[i];
        if (c->dead) {
            continue;
        }
        /* Candidates are sorted by start: every earlier live one that reaches past c's start
         * overlaps it. */
        for (size_t j = 0; j < i; j++) {
            const ilokg_rec_cand *k = &x->c[j];
            if (k->dead || k->fe <= c->fs) {
                continue;
            }
            if (k->ent == c->ent) {
                c->dead = true;
                break;
            }
            if (c->ent->kind == ILOKG_ENT_INSTRUMENT && k->ent->kind == ILOKG_ENT_INSTRUMENT &&
                c->origin == ILOKG_ORIGIN_NAME && c->fe <= k->fe && k->fe - k->fs > c->fe - c->fs) {
                c->dead = true;
                break;
            }
        }
    }
}
