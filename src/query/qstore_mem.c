/* SPDX-License-Identifier: Apache-2.0 */
/* The in-memory quad store: a term dictionary and, once frozen, three sorted arrays of the quads
 * (orders G-S-P-O, G-P-O-S, G-O-S-P), 16 bytes a quad in each, matched by binary search. */
#include "query/qstore.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "query/qstore_int.h"

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)

typedef struct {
    struct ilokg_qstore      base;
    ilokg_dict              *dict;
    qrow                    *rows[QORDER_COUNT]; /* rows[0] collects the quads before freezing */
    size_t                   n, cap;
    int                      frozen;
    unsigned                 n_loads;
    ilokg_id                *all_graphs; /* graph ids holding quads, ascending (1 first if any) */
    size_t                   n_all;
    ilokg_qstore_progress_fn progress; /* ilokg_qstore_mem_set_progress's, or NULL */
    void                    *progress_payload;
} mem_store;

typedef struct {
    struct ilokg_qiter base;
    const mem_store   *m;
    ilokg_quad         pat;
    int                order;
    size_t             n_after;  /* bound places after g in the order's prefix */
    const ilokg_id    *graphs;   /* the graphs still to walk */
    size_t             n_graphs; /* (0 with whole: one range over everything) */
    ilokg_id           one_graph;
    const qrow        *pos, *end;
} mem_iter;

static const qstore_ops mem_ops;

static mem_store *
as_mem(ilokg_qstore *st)
{
    return st && st->is_mem ? (mem_store *)st : NULL;
}

/* ---- Building ----------------------------------------------------------------------------- */

ilokg_status
ilokg_qstore_mem_new(ilokg_qstore **out)
{
    mem_store *m = calloc(1, sizeof *m);
    if (!m || ilokg_dict_new(&m->dict, ILOKG_ID_FIRST)) {
        free(m);
        return ILOKG_ERR_NOMEM;
    }
    m->base.ops    = &mem_ops;
    m->base.is_mem = 1;
    *out           = &m->base;
    return ILOKG_OK;
}

ilokg_status
ilokg_qstore_mem_intern(ilokg_qstore *st, const ilokg_qterm *t, ilokg_id *out)
{
    mem_store *m = as_mem(st);
    if (!m || m->frozen) {
        return ILOKG_ERR_INTERNAL;
    }
    return ilokg_dict_intern(m->dict, t, out);
}

ilokg_status
ilokg_qstore_mem_add(ilokg_qstore *st, const ilokg_quad *q)
{
    mem_store *m = as_mem(st);
    if (!m || m->frozen) {
        return ILOKG_ERR_INTERNAL;
    }
    ilokg_id limit = ILOKG_ID_FIRST + (ilokg_id)ilokg_dict_size(m->dict);
    if (q->g < ILOKG_ID_DEFAULT_GRAPH || q->g >= limit || q->s < ILOKG_ID_FIRST || q->s >= limit ||
        q->p < ILOKG_ID_FIRST || q->p >= limit || q->o < ILOKG_ID_FIRST || q->o >= limit) {
        return ILOKG_ERR_INTERNAL;
    }
    if (m->n == m->cap) {
        size_t cap = m->cap;
        if (ilokg_grow(&m->rows[0], &cap, m->n, sizeof(qrow))) {
            return ILOKG_ERR_NOMEM;
        }
        m->cap = cap;
    }
    m->rows[0][m->n++] = (qrow){{q->g, q->s, q->p, q->o}};
    return ILOKG_OK;
}

ilokg_status
ilokg_qstore_mem_begin_load(ilokg_qstore *st, unsigned *out, size_t *mark)
{
    mem_store *m = as_mem(st);
    if (!m || m->frozen) {
        return ILOKG_ERR_INTERNAL;
    }
    *out  = ++m->n_loads;
    *mark = m->n;
    return ILOKG_OK;
}

void
ilokg_qstore_mem_set_progress(ilokg_qstore *st, ilokg_qstore_progress_fn fn, void *payload)
{
    mem_store *m = as_mem(st);
    if (m) {
        m->progress         = fn;
        m->progress_payload = payload;
    }
}

void
ilokg_qstore_mem_progress(ilokg_qstore *st, size_t bytes, size_t statements, size_t files)
{
    mem_store *m = as_mem(st);
    if (m && m->progress) {
        m->progress(m->progress_payload, bytes, statements, files);
    }
}

void
ilokg_qstore_mem_rollback(ilokg_qstore *st, size_t mark)
{
    mem_store *m = as_mem(st);
    if (m && !m->frozen && mark <= m->n) {
        m->n = mark;
    }
}

/* One counting-sort pass of LSD radix sort on digit (field f, shift): from a into b. Returns 0
 * (and moves nothing) when every row has the same digit there. */
static int
radix_pass(qrow *b, const qrow *a, size_t n, unsigned f, unsigned shift, size_t *count)
{
    memset(count, 0, RADIX_SIZE * sizeof *count);
    for (size_t i = 0; i < n; i++) {
        count[(a[i].v[f] >> shift) & (RADIX_SIZE - 1)]++;
    }
    size_t sum = 0;
    for (size_t d = 0; d < RADIX_SIZE; d++) {
        if (count[d] == n) {
            return 0;
        }
        size_t c = count[d];
        count[d] = sum;
        sum += c;
    }
    for (size_t i = 0; i < n; i++) {
        b[count[(a[i].v[f] >> shift) & (RADIX_SIZE - 1)]++] = a[i];
    }
    return 1;
}

/* Sorts rows lexicographically (v[0] first); every id is below limit. tmp: room for n rows. */
static ilokg_status
sort_rows(qrow *rows, qrow *tmp, size_t n, uint32_t limit)
{
    size_t *count = malloc(RADIX_SIZE * sizeof *count);
    if (!count) {
        return ILOKG_ERR_NOMEM;
    }
    unsigned bits = 1;
    while (bits < 32 && (limit >> bits)) {
        bits++;
    }
    qrow *a = rows, *b = tmp;
    for (unsigned f = 4; f-- > 0;) {
        for (unsigned shift = 0; shift < bits; shift += RADIX_BITS) {
            if (radix_pass(b, a, n, f, shift, count)) {
                qrow *t = a;
                a       = b;
                b       = t;
            }
        }
    }
    if (a != rows) {
        memcpy(rows, a, n * sizeof *rows);
    }
    free(count);
    return ILOKG_OK;
}

static size_t
remove_duplicates(qrow *rows, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!k || memcmp(&rows[i], &rows[k - 1], sizeof *rows) != 0) {
            rows[k++] = rows[i];
        }
    }
    return k;
}

static ilokg_status
collect_graphs(mem_store *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n; i++) {
        n += !i || m->rows[0][i].v[0] != m->rows[0][i - 1].v[0];
    }
    if (n && !(m->all_graphs = malloc(n * sizeof *m->all_graphs))) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < m->n; i++) {
        if (!i || m->rows[0][i].v[0] != m->rows[0][i - 1].v[0]) {
            m->all_graphs[m->n_all++] = m->rows[0][i].v[0];
        }
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_qstore_mem_freeze(ilokg_qstore *st)
{
    mem_store *m = as_mem(st);
    if (!m) {
        return ILOKG_ERR_INTERNAL;
    }
    if (m->frozen) {
        return ILOKG_OK;
    }
    uint32_t     limit = ILOKG_ID_FIRST + (uint32_t)ilokg_dict_size(m->dict);
    qrow        *tmp   = m->n ? malloc(m->n * sizeof *tmp) : NULL;
    ilokg_status st2   = m->n && !tmp ? ILOKG_ERR_NOMEM : ILOKG_OK;
    if (!st2 && m->n) {
        st2 = sort_rows(m->rows[0], tmp, m->n, limit);
    }
    if (!st2) {
        m->n = remove_duplicates(m->rows[0], m->n);
        if (m->n < m->cap) { /* give back what duplicates and growth left over */
            qrow *r    = m->n ? realloc(m->rows[0], m->n * sizeof *r) : m->rows[0];
            m->rows[0] = r ? r : m->rows[0];
        }
        st2 = collect_graphs(m);
    }
    for (int k = 1; k < QORDER_COUNT && !st2 && m->n; k++) {
        if (!(m->rows[k] = malloc(m->n * sizeof(qrow)))) {
            st2 = ILOKG_ERR_NOMEM;
            break;
        }
        const unsigned char *perm = ilokg_qorder_perm[k]; /* G-S-P-O rows: place i is v[i] */
        for (size_t i = 0; i < m->n; i++) {
            const qrow *r = &m->rows[0][i];
            m->rows[k][i] = (qrow){{r->v[perm[0]], r->v[perm[1]], r->v[perm[2]], r->v[perm[3]]}};
        }
        st2 = sort_rows(m->rows[k], tmp, m->n, limit);
    }
    free(tmp);
    if (!st2) {
        m->frozen = 1;
    }
    return st2;
}

/* ---- Reading ------------------------------------------------------------------------------ */

static int
cmp_prefix(const qrow *r, const uint32_t *key, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (r->v[i] != key[i]) {
            return r->v[i] < key[i] ? -1 : 1;
        }
    }
    return 0;
}

/* The rows of order k whose first nk places equal key: [*lo, *hi). */
static void
find_range(const mem_store *m, int k, const uint32_t *key, size_t nk, const qrow **lo,
           const qrow **hi)
{
    const qrow *rows = m->rows[k];
    size_t      a = 0, b = m->n;
    while (a < b) { /* the first row >= key */
        size_t mid = a + (b - a) / 2;
        if (cmp_prefix(&rows[mid], key, nk) < 0) {
            a = mid + 1;
        } else {
            b = mid;
        }
    }
    size_t first = a;
    b            = m->n;
    while (a < b) { /* the first row > key */
        size_t mid = a + (b - a) / 2;
        if (cmp_prefix(&rows[mid], key, nk) <= 0) {
            a = mid + 1;
        } else {
            b = mid;
        }
    }
    *lo = rows + first;
    *hi = rows + a;
}

/* The range of graph g for the iterator's pattern. */
static void
graph_range(mem_iter *it, ilokg_id g)
{
    qrow       key;
    ilokg_quad q = it->pat;
    q.g          = g;
    ilokg_qrow_from_quad(&key, &q, it->order);
    find_range(it->m, it->order, key.v, 1 + it->n_after, &it->pos, &it->end);
}

static ilokg_status
mem_next(ilokg_qiter *base, ilokg_quad *out, int *got)
{
    mem_iter *it = (mem_iter *)base;
    for (;;) {
        while (it->pos < it->end) {
            ilokg_qrow_to_quad(out, it->pos++, it->order);
            if (ilokg_quad_matches(&it->pat, out)) {
                *got = 1;
                return ILOKG_OK;
            }
        }
        if (!it->n_graphs) {
            *got = 0;
            return ILOKG_OK;
        }
        graph_range(it, *it->graphs++);
        it->n_graphs--;
    }
}

static void
mem_iter_free(ilokg_qiter *it)
{
    free(it);
}

static void
iter_init(mem_iter *it, const mem_store *m, const ilokg_quad *pat)
{
    size_t n_prefix;
    it->m       = m;
    it->pat     = *pat;
    it->order   = ilokg_qorder_choose(pat, &n_prefix);
    it->n_after = n_prefix - (pat->g != ILOKG_ID_NONE);
    if (pat->g != ILOKG_ID_NONE) {
        it->one_graph = pat->g;
        it->graphs    = &it->one_graph;
        it->n_graphs  = 1;
    } else if (it->n_after == 0) { /* nothing bound: everything, in G-S-P-O order */
        it->pos = m->rows[it->order];
        it->end = m->n ? it->pos + m->n : it->pos; /* an empty store's rows are NULL */
    } else {
        it->graphs   = m->all_graphs;
        it->n_graphs = m->n_all;
    }
}

static ilokg_status
mem_match(ilokg_qstore *st, const ilokg_quad *pat, ilokg_qiter **out)
{
    mem_store *m = as_mem(st);
    if (!m->frozen) {
        return ILOKG_ERR_INTERNAL;
    }
    mem_iter *it = calloc(1, sizeof *it);
    if (!it) {
        return ILOKG_ERR_NOMEM;
    }
    it->base.next = mem_next;
    it->base.free = mem_iter_free;
    iter_init(it, m, pat);
    *out = &it->base;
    return ILOKG_OK;
}

static size_t
mem_estimate(ilokg_qstore *st, const ilokg_quad *pat)
{
    mem_store *m = as_mem(st);
    if (!m->frozen) {
        return 0;
    }
    mem_iter it = {0};
    iter_init(&it, m, pat);
    size_t n = (size_t)(it.end - it.pos);
    while (it.n_graphs) {
        graph_range(&it, *it.graphs++);
        it.n_graphs--;
        n += (size_t)(it.end - it.pos);
    }
    return n;
}

static ilokg_status
mem_find(ilokg_qstore *st, const ilokg_qterm *t, ilokg_id *out)
{
    *out = ilokg_dict_find(as_mem(st)->dict, t);
    return ILOKG_OK;
}

static ilokg_status
mem_term(ilokg_qstore *st, ilokg_id id, ilokg_qterm *out)
{
    const ilokg_qterm *t = ilokg_dict_term(as_mem(st)->dict, id);
    if (!t) {
        return ILOKG_ERR_NOT_FOUND;
    }
    *out = *t;
    return ILOKG_OK;
}

static ilokg_status
mem_graphs(ilokg_qstore *st, const ilokg_id **out, size_t *n)
{
    mem_store *m = as_mem(st);
    ilokg_qstore_named_of(m->all_graphs, m->n_all, out, n);
    return ILOKG_OK;
}

static size_t
mem_size(ilokg_qstore *st)
{
    return as_mem(st)->n;
}

static void
mem_free(ilokg_qstore *st)
{
    mem_store *m = as_mem(st);
    ilokg_dict_free(m->dict);
    for (int k = 0; k < QORDER_COUNT; k++) {
        free(m->rows[k]);
    }
    free(m->all_graphs);
    free(m);
}

static const qstore_ops mem_ops = {
    mem_find, mem_term, mem_match, mem_estimate, mem_graphs, mem_size, mem_free,
};

/* ---- For the disk writer ------------------------------------------------------------------ */

const ilokg_dict *
ilokg_qstore_mem_dict(ilokg_qstore *st)
{
    return as_mem(st)->dict;
}

ilokg_status
ilokg_qstore_mem_rows(ilokg_qstore *st, int k, const qrow **out, size_t *n)
{
    mem_store *m = as_mem(st);
    if (!m || !m->frozen || k < 0 || k >= QORDER_COUNT) {
        return ILOKG_ERR_INTERNAL;
    }
    *out = m->rows[k];
    *n   = m->n;
    return ILOKG_OK;
}

void
ilokg_qstore_mem_all_graphs(ilokg_qstore *st, const ilokg_id **out, size_t *n)
{
    mem_store *m = as_mem(st);
    *out         = m->all_graphs;
    *n           = m->n_all;
}

ilokg_status
ilokg_qstore_mem_add_union(ilokg_qstore *st)
{
    mem_store *m = as_mem(st);
    if (!m || m->frozen) {
        return ILOKG_ERR_INTERNAL;
    }
    size_t n = m->n;
    for (size_t i = 0; i < n; i++) {
        ilokg_quad q;
        ilokg_qrow_to_quad(&q, &m->rows[0][i], QORDER_GSPO);
        if (q.g != ILOKG_ID_DEFAULT_GRAPH) {
            q.g             = ILOKG_ID_DEFAULT_GRAPH;
            ilokg_status s2 = ilokg_qstore_mem_add(st, &q);
            if (s2) {
                return s2;
            }
        }
    }
    return ILOKG_OK;
}
