/* SPDX-License-Identifier: Apache-2.0 */
/* The graph forms: CONSTRUCT (the template instantiated per solution, 16.2) and DESCRIBE (the
 * triples of each resource, following blank node objects, 16.4). */
#include "query/eval_construct.h"

#include "query/eval_match.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* The triples gathered, without duplicates, handed over as quads. */
static ilokg_status
to_quads(ilokg_ev_rowset *set, ilokg_quad **out, size_t *n)
{
    size_t      m = set->rows.n;
    ilokg_quad *q = malloc((m ? m : 1) * sizeof *q);
    if (!q) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < m; i++) {
        const ilokg_id *t = ilokg_ev_rows_at(&set->rows, i);
        q[i]              = (ilokg_quad){ILOKG_ID_NONE, t[0], t[1], t[2]};
    }
    *out = q;
    *n   = m;
    return ILOKG_OK;
}

/* ---- CONSTRUCT --------------------------------------------------------------------------------
 */

typedef struct {
    const char *label;
    size_t      len;
    ilokg_id    id;
} bnode_map;

/* A blank node no store term and no earlier solution has. */
static ilokg_status
fresh_bnode(ilokg_qctx *c, ilokg_id *out)
{
    char         label[32];
    ilokg_qterm  t  = {ILOKG_QT_BLANK, label, 0, NULL, NULL};
    ilokg_status st = ILOKG_OK;
    ilokg_id     found;
    do {
        int n     = snprintf(label, sizeof label, "c%zu", ++c->bnode_seq);
        t.lex_len = (size_t)n;
        if ((st = ilokg_qstore_find(c->st, &t, &found))) {
            return st;
        }
    } while (found != ILOKG_ID_NONE || ilokg_dict_find(c->overlay, &t) != ILOKG_ID_NONE);
    return ilokg_dict_intern(c->overlay, &t, out);
}

static ilokg_status
template_value(ilokg_qctx *c, const ilokg_qnode *n, const ilokg_id *row, bnode_map *map,
               size_t *n_map, ilokg_id *out)
{
    if (n->is_var) {
        *out = row[n->var];
        return ILOKG_OK;
    }
    if (n->term.kind != ILOKG_QT_BLANK) {
        *out = n->id;
        return ILOKG_OK;
    }
    for (size_t i = 0; i < *n_map; i++) {
        if (map[i].len == n->term.lex_len && !memcmp(map[i].label, n->term.lex, map[i].len)) {
            *out = map[i].id;
            return ILOKG_OK;
        }
    }
    map[*n_map]     = (bnode_map){n->term.lex, n->term.lex_len, ILOKG_ID_NONE};
    ilokg_status st = fresh_bnode(c, &map[*n_map].id);
    *out            = map[(*n_map)++].id;
    return st;
}

/* Instantiates the template for one solution into set. */
static ilokg_status
instantiate(ilokg_qctx *c, const ilokg_id *row, bnode_map *map, ilokg_ev_rowset *set)
{
    size_t       n_map = 0;
    ilokg_status st    = ILOKG_OK;
    for (size_t i = 0; !st && i < c->q->n_construct; i++) {
        const ilokg_triple *t = &c->q->construct[i];
        ilokg_id            v[3];
        int                 added;
        if ((st = template_value(c, &t->s, row, map, &n_map, &v[0])) ||
            (st = template_value(c, &t->p, row, map, &n_map, &v[1])) ||
            (st = template_value(c, &t->o, row, map, &n_map, &v[2]))) {
            break;
        }
        /* Unbound places, literal subjects and predicates other than IRIs make no triple. */
        if (!v[0] || !v[1] || !v[2] || ilokg_ev_kind(c, v[0]) == ILOKG_QT_LITERAL ||
            ilokg_ev_kind(c, v[1]) != ILOKG_QT_IRI) {
            continue;
        }
        st = ilokg_ev_rowset_add(set, v, &added);
    }
    return st;
}

ilokg_status
ilokg_ev_construct(ilokg_qctx *c, const ilokg_ev_rows *rows, ilokg_quad **out, size_t *n)
{
    ilokg_ev_rowset set;
    bnode_map      *map = malloc((3 * c->q->n_construct + 1) * sizeof *map);
    ilokg_status    st  = map ? ILOKG_OK : ILOKG_ERR_NOMEM;
    ilokg_ev_rowset_init(&set, 3);
    for (size_t r = 0; !st && r < rows->n; r++) {
        if (!(st = ilokg_ev_tick(c))) {
            st = instantiate(c, ilokg_ev_rows_at(rows, r), map, &set);
        }
    }
    if (!st) {
        st = to_quads(&set, out, n);
    }
    free(map);
    ilokg_ev_rowset_free(&set);
    return st;
}

/* ---- DESCRIBE ---------------------------------------------------------------------------------
 */

typedef struct {
    ilokg_ev_rowset *set;
    ilokg_ev_idset  *seen;
    ilokg_id       **queue;
    size_t          *n_queue, *cap_queue;
} describe_run;

static ilokg_status
enqueue(describe_run *d, ilokg_id id)
{
    int          added;
    ilokg_status st = ilokg_ev_idset_add(d->seen, id, &added);
    if (!st && added && !(st = ilokg_grow(d->queue, d->cap_queue, *d->n_queue, sizeof(ilokg_id)))) {
        (*d->queue)[(*d->n_queue)++] = id;
    }
    return st;
}

static ilokg_status
on_described(ilokg_qctx *c, const ilokg_quad *q, void *payload, int *stop)
{
    describe_run *d    = payload;
    ilokg_id      t[3] = {q->s, q->p, q->o};
    int           added;
    ilokg_status  st = ilokg_ev_rowset_add(d->set, t, &added);
    (void)stop;
    if (!st && ilokg_ev_kind(c, q->o) == ILOKG_QT_BLANK) {
        st = enqueue(d, q->o);
    }
    return st;
}

ilokg_status
ilokg_ev_describe(ilokg_qctx *c, const ilokg_ev_rows *rows, ilokg_quad **out, size_t *n)
{
    ilokg_ev_rowset set;
    ilokg_ev_idset  seen    = {NULL, 0, 0};
    ilokg_id       *queue   = NULL;
    size_t          n_queue = 0, cap_queue = 0;
    describe_run    d  = {&set, &seen, &queue, &n_queue, &cap_queue};
    ilokg_status    st = ILOKG_OK;
    ilokg_ev_rowset_init(&set, 3);
    for (size_t i = 0; !st && i < c->q->n_describe; i++) {
        const ilokg_qnode *res = &c->q->describe[i];
        if (!res->is_var) {
            st = res->id ? enqueue(&d, res->id) : ILOKG_OK;
            continue;
        }
        for (size_t r = 0; !st && r < rows->n; r++) {
            ilokg_id v = ilokg_ev_rows_at(rows, r)[res->var];
            st         = v ? enqueue(&d, v) : ILOKG_OK;
        }
    }
    for (size_t i = 0; !st && i < n_queue; i++) {
        ilokg_quad pat = {ILOKG_ID_NONE, queue[i], ILOKG_ID_NONE, ILOKG_ID_NONE};
        st             = ilokg_ev_match(c, &c->dflt, c->none_row, &pat, on_described, &d);
    }
    if (!st) {
        st = to_quads(&set, out, n);
    }
    ilokg_ev_rowset_free(&set);
    ilokg_ev_idset_free(&seen);
    free(queue);
    return st;
}
