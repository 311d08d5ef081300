/* SPDX-License-Identifier: Apache-2.0 */
/* The W3C comparison of results: solutions as multisets (or sequences, with ORDER BY), graphs
 * as sets, blank nodes equal up to one consistent renaming over the whole result. */
#include "w3c.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Beyond this many tries of a row against another, the blank node search gives up (and the
 * results count as different, with a message that says so). */
#define MAX_STEPS 20000000ul

/* Terms as numbers: 0 unbound, k > 0 the k-th distinct non-blank term of both results, -1-b
 * the b-th blank node label of one result. */
typedef struct {
    const ilokg_qterm **keys;
    long               *ids;
    size_t              cap, n;
} atom_table;

typedef struct {
    long   *cells; /* n_rows * n_cols */
    size_t  n_rows, n_cols;
    size_t *rows; /* the rows that count (graphs: without duplicates) */
    size_t  n_act;
    size_t  n_blank;
    size_t *block; /* per row position: ORDER BY run */
    size_t *shape; /* per row: shape id (the row with every blank node alike) */
} side;

typedef struct {
    side           a, b; /* expected, actual */
    long          *map;  /* expected blank -> actual blank (-1: none) */
    long          *rmap;
    size_t        *trail; /* expected blanks mapped, in order */
    size_t         n_trail;
    unsigned char *used;  /* actual rows taken */
    size_t        *order; /* actual rows sorted by (block, shape) */
    size_t        *todo;  /* expected rows with blank nodes */
    size_t         n_todo;
    unsigned long  steps;
    size_t         n_missing, n_unexpected;
} matcher;

static ilokg_status
atom_of(long *out, atom_table *t, const ilokg_qterm *q, long next)
{
    size_t mask = t->cap - 1;
    size_t i    = (size_t)ilokg_qterm_hash(q) & mask;
    while (t->keys[i]) {
        if (ilokg_qterm_equal(t->keys[i], q)) {
            *out = t->ids[i];
            return ILOKG_OK;
        }
        i = (i + 1) & mask;
    }
    t->keys[i] = q;
    t->ids[i]  = next;
    t->n++;
    *out = next;
    return ILOKG_OK;
}

static ilokg_status
atom_table_init(atom_table *t, size_t n)
{
    t->cap = 16;
    while (t->cap < 2 * n + 16) {
        t->cap *= 2;
    }
    t->n    = 0;
    t->keys = calloc(t->cap, sizeof *t->keys);
    t->ids  = calloc(t->cap, sizeof *t->ids);
    return t->keys && t->ids ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

static void
atom_table_free(atom_table *t)
{
    free(t->keys);
    free(t->ids);
}

/* col[i]: the column of r holding column i of the comparison. */
static ilokg_status
encode(side *s, const w3c_result *r, const long *col, size_t n_cols, atom_table *terms)
{
    atom_table   blanks;
    ilokg_status st = atom_table_init(&blanks, r->n_rows * n_cols);
    s->n_rows       = r->n_rows;
    s->n_cols       = n_cols;
    s->cells        = calloc(r->n_rows * n_cols + 1, sizeof *s->cells);
    s->rows         = calloc(r->n_rows + 1, sizeof *s->rows);
    s->block        = calloc(r->n_rows + 1, sizeof *s->block);
    s->shape        = calloc(r->n_rows + 1, sizeof *s->shape);
    if (st || !s->cells || !s->rows || !s->block || !s->shape) {
        st = ILOKG_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < r->n_rows; i++) {
        s->rows[i] = i;
        for (size_t c = 0; c < n_cols; c++) {
            const ilokg_qterm *q = &r->cells[i * r->n_vars + (size_t)col[c]];
            long              *x = &s->cells[i * n_cols + c];
            if (q->kind == ILOKG_QT_BLANK) {
                (void)atom_of(x, &blanks, q, -1 - (long)blanks.n);
            } else if (q->kind) {
                (void)atom_of(x, terms, q, (long)terms->n + 1);
            }
        }
    }
    s->n_act   = r->n_rows;
    s->n_blank = blanks.n;
done:
    atom_table_free(&blanks);
    return st;
}

static void
side_free(side *s)
{
    free(s->cells);
    free(s->rows);
    free(s->block);
    free(s->shape);
}

/* Rows compared by shape (blank nodes all alike) when blanks_alike, else exactly. */
typedef struct {
    const long *cells;
    size_t      n;
    size_t      row;
    size_t      block;
    int         blanks_alike;
} row_key;

static int
cmp_row_key(const void *pa, const void *pb)
{
    const row_key *a = pa, *b = pb;
    if (a->block != b->block) {
        return a->block < b->block ? -1 : 1;
    }
    for (size_t i = 0; i < a->n; i++) {
        long x = a->cells[i], y = b->cells[i];
        if (a->blanks_alike) {
            x = x < 0 ? -1 : x;
            y = y < 0 ? -1 : y;
        }
        if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return 0;
}

static row_key *
make_keys(const side *s, int blanks_alike, int use_block)
{
    row_key *k = calloc(s->n_act + 1, sizeof *k);
    for (size_t i = 0; k && i < s->n_act; i++) {
        size_t r = s->rows[i];
        k[i]     = (row_key){s->cells + r * s->n_cols, s->n_cols, r, use_block ? s->block[r] : 0,
                             blanks_alike};
    }
    if (k) {
        qsort(k, s->n_act, sizeof *k, cmp_row_key);
    }
    return k;
}

/* Graphs are sets: keep one row of each set of equal rows. */
static ilokg_status
dedupe(side *s)
{
    row_key *k = make_keys(s, 0, 0);
    if (!k) {
        return ILOKG_ERR_NOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < s->n_act; i++) {
        if (i == 0 || cmp_row_key(&k[i - 1], &k[i]) != 0) {
            s->rows[n++] = k[i].row;
        }
    }
    s->n_act = n;
    free(k);
    return ILOKG_OK;
}

static void
describe_row(ilokg_buf *why, const char *what, const w3c_result *r, size_t row, const long *col,
             size_t n_cols)
{
    (void)ilokg_buf_printf(why, "\n      %s:", what);
    for (size_t c = 0; c < n_cols; c++) {
        (void)ilokg_buf_addc(why, ' ');
        (void)w3c_term_write(why, &r->cells[row * r->n_vars + (size_t)col[c]]);
    }
}

/* The multisets of shapes (per ORDER BY run) must be equal; rows that differ go to why. Sets
 * the shape ids of both sides on the way. */
static int
same_shapes(matcher *m, const w3c_result *ea, const long *ca, const w3c_result *eb, const long *cb,
            ilokg_buf *why)
{
    row_key *ka = make_keys(&m->a, 1, 1), *kb = make_keys(&m->b, 1, 1);
    int      ok = ka && kb;
    size_t   i = 0, j = 0, shape = 0, shown = 0;
    m->n_missing = m->n_unexpected = 0;
    while (ok && (i < m->a.n_act || j < m->b.n_act)) {
        int c = i == m->a.n_act ? 1 : j == m->b.n_act ? -1 : cmp_row_key(&ka[i], &kb[j]);
        if (c == 0) {
            if (i > 0 && cmp_row_key(&ka[i - 1], &ka[i]) != 0) {
                shape++;
            }
            m->a.shape[ka[i++].row] = shape;
            m->b.shape[kb[j++].row] = shape;
            continue;
        }
        m->n_missing += c < 0;
        m->n_unexpected += c > 0;
        if (shown++ < 10) {
            describe_row(why, c < 0 ? "missing" : "unexpected", c < 0 ? ea : eb,
                         c < 0 ? ka[i].row : kb[j].row, c < 0 ? ca : cb, m->a.n_cols);
        }
        i += c < 0;
        j += c > 0;
    }
    ok = ok && shown == 0;
    free(ka);
    free(kb);
    return ok;
}

static int
consistent(matcher *m, size_t ra, size_t rb)
{
    const long *x = m->a.cells + ra * m->a.n_cols, *y = m->b.cells + rb * m->b.n_cols;
    size_t      mark = m->n_trail;
    for (size_t c = 0; c < m->a.n_cols; c++) {
        if (x[c] >= 0) {
            continue;
        }
        size_t ba = (size_t)(-1 - x[c]), bb = (size_t)(-1 - y[c]);
        if (m->map[ba] < 0 && m->rmap[bb] < 0) {
            m->map[ba]             = (long)bb;
            m->rmap[bb]            = (long)ba;
            m->trail[m->n_trail++] = ba;
        } else if (m->map[ba] != (long)bb) {
            while (m->n_trail > mark) {
                size_t u           = m->trail[--m->n_trail];
                m->rmap[m->map[u]] = -1;
                m->map[u]          = -1;
            }
            return 0;
        }
    }
    return 1;
}

static void
undo(matcher *m, size_t mark)
{
    while (m->n_trail > mark) {
        size_t u           = m->trail[--m->n_trail];
        m->rmap[m->map[u]] = -1;
        m->map[u]          = -1;
    }
}

/* The first position in m->order of an actual row of (block, shape). */
static size_t
first_candidate(const matcher *m, size_t block, size_t shape)
{
    size_t lo = 0, hi = m->b.n_act;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, r = m->order[mid];
        if (m->b.block[r] < block || (m->b.block[r] == block && m->b.shape[r] < shape)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* 1: rows todo[k..] matched; 0: no way; -1: gave up. */
static int
match_from(matcher *m, size_t k)
{
    if (k == m->n_todo) {
        return 1;
    }
    size_t ra = m->todo[k], blk = m->a.block[ra], shp = m->a.shape[ra];
    for (size_t p = first_candidate(m, blk, shp); p < m->b.n_act; p++) {
        size_t rb = m->order[p];
        if (m->b.block[rb] != blk || m->b.shape[rb] != shp) {
            break;
        }
        if (m->used[rb]) {
            continue;
        }
        if (++m->steps > MAX_STEPS) {
            return -1;
        }
        size_t mark = m->n_trail;
        if (!consistent(m, ra, rb)) {
            continue;
        }
        m->used[rb] = 1;
        int got     = match_from(m, k + 1);
        if (got != 0) {
            return got;
        }
        m->used[rb] = 0;
        undo(m, mark);
    }
    return 0;
}

static int
cmp_block_shape(const void *pa, const void *pb)
{
    const size_t *a = pa, *b = pb; /* triples: block, shape, row */
    for (int i = 0; i < 3; i++) {
        if (a[i] != b[i]) {
            return a[i] < b[i] ? -1 : 1;
        }
    }
    return 0;
}

static ilokg_status
sort_candidates(matcher *m)
{
    size_t *t = calloc(3 * m->b.n_act + 1, sizeof *t);
    m->order  = calloc(m->b.n_act + 1, sizeof *m->order);
    if (!t || !m->order) {
        free(t);
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < m->b.n_act; i++) {
        size_t r     = m->b.rows[i];
        t[3 * i]     = m->b.block[r];
        t[3 * i + 1] = m->b.shape[r];
        t[3 * i + 2] = r;
    }
    qsort(t, m->b.n_act, 3 * sizeof *t, cmp_block_shape);
    for (size_t i = 0; i < m->b.n_act; i++) {
        m->order[i] = t[3 * i + 2];
    }
    free(t);
    return ILOKG_OK;
}

/* Runs of expected rows equal on the ORDER BY keys; an actual row is in the run of its
 * position. Unordered: one run. */
static void
set_blocks(matcher *m, const w3c_order *order)
{
    size_t blk = 0;
    for (size_t r = 0; r < m->a.n_rows; r++) {
        if (order && order->ordered && r > 0) {
            int tie = order->n_keys > 0;
            for (size_t k = 0; k < order->n_keys && tie; k++) {
                size_t c = order->keys[k];
                tie      = m->a.cells[(r - 1) * m->a.n_cols + c] == m->a.cells[r * m->a.n_cols + c];
            }
            blk += !tie;
        }
        m->a.block[r] = blk;
        if (r < m->b.n_rows) {
            m->b.block[r] = blk;
        }
    }
    for (size_t r = m->a.n_rows; r < m->b.n_rows; r++) {
        m->b.block[r] = order && order->ordered ? blk + 1 : 0;
    }
}

static int
has_blank(const side *s, size_t r)
{
    for (size_t c = 0; c < s->n_cols; c++) {
        if (s->cells[r * s->n_cols + c] < 0) {
            return 1;
        }
    }
    return 0;
}

/* 1 equal, 0 not (reason in why), -1 out of memory or gave up (reason in why). */
static int
match_all(matcher *m, const w3c_result *ea, const long *ca, const w3c_result *eb, const long *cb,
          ilokg_buf *why)
{
    ilokg_buf rows = ILOKG_BUF_INIT;
    if (!same_shapes(m, ea, ca, eb, cb, &rows)) {
        (void)ilokg_buf_printf(why, "%s%zu rows missing, %zu unexpected%s", why->len ? "; " : "",
                               m->n_missing, m->n_unexpected, rows.ptr ? rows.ptr : "");
        ilokg_buf_free(&rows);
        return 0;
    }
    m->n_todo = 0;
    for (size_t i = 0; i < m->a.n_act; i++) {
        if (has_blank(&m->a, m->a.rows[i])) {
            m->todo[m->n_todo++] = m->a.rows[i];
        }
    }
    if (m->n_todo == 0) {
        return 1;
    }
    for (size_t i = 0; i < m->a.n_blank; i++) {
        m->map[i] = -1;
    }
    for (size_t i = 0; i < m->b.n_blank; i++) {
        m->rmap[i] = -1;
    }
    memset(m->used, 0, m->b.n_rows + 1);
    m->n_trail = 0;
    m->steps   = 0;
    free(m->order);
    m->order = NULL;
    if (sort_candidates(m)) {
        (void)ilokg_buf_adds(why, "out of memory");
        return -1;
    }
    int got = match_from(m, 0);
    if (got == 0) {
        (void)ilokg_buf_adds(why, "no consistent renaming of blank nodes maps one to the other");
    } else if (got < 0) {
        (void)ilokg_buf_adds(why, "gave up matching blank nodes (too many candidates)");
    }
    return got;
}

static int
same_columns(const w3c_result *e, const w3c_result *a, long *ca, long *cb, ilokg_buf *why)
{
    int ok = e->n_vars == a->n_vars;
    for (size_t i = 0; i < e->n_vars; i++) {
        ca[i] = (long)i;
        cb[i] = e->kind == W3C_GRAPH ? (long)i : w3c_result_var_index(a, e->vars[i]);
        ok    = ok && cb[i] >= 0;
    }
    if (!ok) {
        (void)ilokg_buf_adds(why, "variables differ: expected");
        for (size_t i = 0; i < e->n_vars; i++) {
            (void)ilokg_buf_printf(why, " ?%s", e->vars[i]);
        }
        (void)ilokg_buf_adds(why, ", given");
        for (size_t i = 0; i < a->n_vars; i++) {
            (void)ilokg_buf_printf(why, " ?%s", a->vars[i]);
        }
    }
    return ok;
}

static int
compare_tables(const w3c_result *e, const w3c_result *a, const w3c_order *order, ilokg_buf *why)
{
    matcher    m     = {0};
    atom_table terms = {0};
    int        eq    = -1;
    int        lax   = order && order->lax;
    long      *ca = calloc(e->n_vars + 1, sizeof *ca), *cb = calloc(e->n_vars + 1, sizeof *cb);
    if (!ca || !cb) {
        goto done;
    }
    if (!same_columns(e, a, ca, cb, why)) {
        eq = 0;
        goto done;
    }
    if (atom_table_init(&terms, (e->n_rows + a->n_rows) * e->n_vars) ||
        encode(&m.a, e, ca, e->n_vars, &terms) || encode(&m.b, a, cb, e->n_vars, &terms) ||
        ((e->kind == W3C_GRAPH || lax) && (dedupe(&m.a) || dedupe(&m.b)))) {
        goto done;
    }
    if (lax && a->n_rows > e->n_rows) {
        (void)ilokg_buf_printf(why, "%zu rows given, more than the %zu expected", a->n_rows,
                               e->n_rows);
        eq = 0;
        goto done;
    }
    m.map   = calloc(m.a.n_blank + 1, sizeof *m.map);
    m.rmap  = calloc(m.b.n_blank + 1, sizeof *m.rmap);
    m.trail = calloc(m.a.n_blank + 1, sizeof *m.trail);
    m.used  = calloc(m.b.n_rows + 1, 1);
    m.todo  = calloc(m.a.n_rows + 1, sizeof *m.todo);
    if (!m.map || !m.rmap || !m.trail || !m.used || !m.todo) {
        goto done;
    }
    if (m.a.n_act != m.b.n_act) {
        (void)ilokg_buf_printf(why, "%zu %s expected, %zu given", m.a.n_act,
                               e->kind == W3C_GRAPH ? "triples" : "rows", m.b.n_act);
    }
    set_blocks(&m, NULL);
    eq = match_all(&m, e, ca, a, cb, why);
    if (eq == 1 && m.a.n_act != m.b.n_act) {
        eq = 0; /* cannot happen: equal multisets have equal sizes */
    }
    if (eq == 1 && order && order->ordered) {
        ilokg_buf detail = ILOKG_BUF_INIT;
        set_blocks(&m, order);
        eq = match_all(&m, e, ca, a, cb, &detail);
        if (eq != 1) {
            (void)ilokg_buf_printf(why, "the same rows in another order than ORDER BY's%s",
                                   order->n_keys ? ""
                                                 : " (keys not all result columns: "
                                                   "positions compared exactly)");
        }
        ilokg_buf_free(&detail);
    }
done:
    if (eq < 0 && !why->len) {
        (void)ilokg_buf_adds(why, "out of memory");
    }
    side_free(&m.a);
    side_free(&m.b);
    free(m.map);
    free(m.rmap);
    free(m.trail);
    free(m.used);
    free(m.order);
    free(m.todo);
    atom_table_free(&terms);
    free(ca);
    free(cb);
    return eq == 1;
}

int
w3c_compare(const w3c_result *expected, const w3c_result *actual, const w3c_order *order,
            ilokg_buf *why)
{
    static const char *const kinds[] = {"solutions", "a boolean", "a graph"};
    if (expected->kind != actual->kind) {
        (void)ilokg_buf_printf(why, "expected %s, given %s", kinds[expected->kind],
                               kinds[actual->kind]);
        return 0;
    }
    if (expected->kind == W3C_BOOLEAN) {
        if (expected->boolean != actual->boolean) {
            (void)ilokg_buf_printf(why, "expected %s, given %s",
                                   expected->boolean ? "true" : "false",
                                   actual->boolean ? "true" : "false");
            return 0;
        }
        return 1;
    }
    return compare_tables(expected, actual, expected->kind == W3C_GRAPH ? NULL : order, why);
}
