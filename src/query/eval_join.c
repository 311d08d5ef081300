/* SPDX-License-Identifier: Apache-2.0 */
/* Join, LeftJoin, Minus, Filter, Extend, Table and Graph (SPARQL 1.1 section 18.5). A join whose
 * side is a plain pattern runs that side once per solution of the other with its bindings (an
 * index nested loop); otherwise the right side is kept in a table hashed on the variables bound
 * in all its rows, and rows of the left side that leave one of those unbound are checked
 * against every row (compatibility, 18.3, with unbound variables). */
#include "query/eval_join.h"

#include "query/eval_bgp.h"
#include "query/expr.h"

#include <stdlib.h>
#include <string.h>

/* ---- Static facts about operators ------------------------------------------------------------ */

static void
mark(unsigned char *flags, ilokg_var v)
{
    if (v != ILOKG_VAR_NONE) {
        flags[v] = 1;
    }
}

/* The variables op may bind. */
static void
op_vars(const ilokg_op *op, unsigned char *flags)
{
    if (!op) {
        return;
    }
    switch (op->kind) {
    case ILOKG_OP_BGP:
        for (size_t i = 0; i < op->n_triples; i++) {
            const ilokg_triple *t = &op->triples[i];
            if (t->s.is_var) {
                mark(flags, t->s.var);
            }
            if (t->p.is_var && !t->path) {
                mark(flags, t->p.var);
            }
            if (t->o.is_var) {
                mark(flags, t->o.var);
            }
        }
        return;
    case ILOKG_OP_PROJECT:
    case ILOKG_OP_TABLE:
        for (size_t i = 0; i < op->n_vars; i++) {
            mark(flags, op->vars[i]);
        }
        return;
    case ILOKG_OP_GROUP:
        for (size_t i = 0; i < op->n_vars; i++) {
            mark(flags, op->vars[i]);
        }
        for (size_t i = 0; i < op->n_aggs; i++) {
            mark(flags, op->aggs[i].var);
        }
        return;
    case ILOKG_OP_EXTEND:
        mark(flags, op->var);
        break;
    case ILOKG_OP_GRAPH:
        if (op->graph.is_var) {
            mark(flags, op->graph.var);
        }
        break;
    default:
        break;
    }
    op_vars(op->a, flags);
    if (op->kind != ILOKG_OP_MINUS) {
        op_vars(op->b, flags);
    }
}

/* Whether evaluating op with a solution's bindings pre-set gives exactly its solutions
 * compatible with that solution: true of patterns without filters, optionals or modifiers. */
static int
seed_safe(const ilokg_op *op)
{
    switch (op->kind) {
    case ILOKG_OP_BGP:
        return 1;
    case ILOKG_OP_JOIN:
    case ILOKG_OP_UNION:
        return seed_safe(op->a) && seed_safe(op->b);
    case ILOKG_OP_GRAPH:
        return seed_safe(op->a);
    default:
        return 0;
    }
}

/* ---- Hash index over a table of rows -----------------------------------------------------------
 */

typedef struct {
    ilokg_ev_rows rows;
    ilokg_var    *keys; /* bound in every row, and maybe bound on the other side */
    size_t        n_keys;
    size_t       *head, *next, mask;
} hindex;

static uint64_t
key_hash(const ilokg_id *row, const ilokg_var *keys, size_t n)
{
    uint64_t h = 0x243f6a8885a308d3u;
    for (size_t i = 0; i < n; i++) {
        h ^= row[keys[i]];
        h *= 0xff51afd7ed558ccdu;
        h ^= h >> 29;
    }
    return h;
}

static int
binds_keys(const ilokg_id *row, const ilokg_var *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!row[keys[i]]) {
            return 0;
        }
    }
    return 1;
}

/* Builds the index of the rows already in h->rows; other: the variables the probing side may
 * bind; skip: variables not to hash on (NULL: none). */
static ilokg_status
hindex_build(hindex *h, const unsigned char *other, const ilokg_id *skip)
{
    size_t         w     = h->rows.width;
    unsigned char *flags = malloc(w + 1);
    if (!flags || !(h->keys = malloc((w + 1) * sizeof *h->keys))) {
        free(flags);
        return ILOKG_ERR_NOMEM;
    }
    ilokg_ev_always_bound(&h->rows, flags);
    for (size_t v = 0; v < w; v++) {
        if (flags[v] && other[v] && !(skip && skip[v])) {
            h->keys[h->n_keys++] = (ilokg_var)v;
        }
    }
    free(flags);
    if (!h->n_keys) {
        return ILOKG_OK;
    }
    size_t n = 16;
    while (n < h->rows.n * 2) {
        n *= 2;
    }
    if (!(h->head = malloc(n * sizeof *h->head)) ||
        !(h->next = malloc((h->rows.n + 1) * sizeof *h->next))) {
        return ILOKG_ERR_NOMEM;
    }
    h->mask = n - 1;
    memset(h->head, 0xff, n * sizeof *h->head);
    for (size_t r = h->rows.n; r-- > 0;) {
        size_t b   = (size_t)key_hash(ilokg_ev_rows_at(&h->rows, r), h->keys, h->n_keys) & h->mask;
        h->next[r] = h->head[b];
        h->head[b] = r;
    }
    return ILOKG_OK;
}

/* The first candidate row for a: in a's bucket when a binds every key, else row 0 (all rows
 * are candidates); hindex_next gives the following ones. SIZE_MAX: no more. */
static size_t
hindex_first(const hindex *h, const ilokg_id *a, int *scan)
{
    *scan = !h->n_keys || !binds_keys(a, h->keys, h->n_keys);
    if (*scan) {
        return h->rows.n ? 0 : SIZE_MAX;
    }
    return h->head[(size_t)key_hash(a, h->keys, h->n_keys) & h->mask];
}

static size_t
hindex_next(const hindex *h, size_t r, int scan)
{
    if (scan) {
        return r + 1 < h->rows.n ? r + 1 : SIZE_MAX;
    }
    return h->next[r];
}

static void
hindex_free(hindex *h)
{
    ilokg_ev_rows_free(&h->rows);
    free(h->keys);
    free(h->head);
    free(h->next);
}

/* Runs the probing side a of a hash join, LeftJoin or Minus against the table of side b: b's
 * solutions are kept, and hashed on the variables bound in all of them and in all of a's (a is
 * kept too, unless it is a plain pattern, whose variables are all bound). Then k gets a's. */
static ilokg_status
hash_run(ilokg_qctx *c, hindex *h, const ilokg_op *a, const ilokg_op *b, const ilokg_ev_graph *g,
         const ilokg_id *seed, const ilokg_id *skip, ilokg_ev_sink *k, int skip_if_empty)
{
    unsigned char *other = calloc(c->width + 1, 1);
    ilokg_ev_rows  left  = {NULL, 0, 0, c->width};
    int            plain = seed_safe(a);
    ilokg_status   st    = ILOKG_ERR_NOMEM;
    memset(h, 0, sizeof *h);
    h->rows.width = c->width;
    if (!other || (st = ilokg_ev_collect(c, b, g, seed, &h->rows)) ||
        (skip_if_empty && !h->rows.n)) {
        goto done;
    }
    if (plain) {
        op_vars(a, other);
    } else if (!(st = ilokg_ev_collect(c, a, g, seed, &left))) {
        ilokg_ev_always_bound(&left, other);
    }
    if (st || (st = hindex_build(h, other, skip))) {
        goto done;
    }
    if (plain) {
        st = ilokg_ev_op(c, a, g, seed, k);
    }
    for (size_t r = 0; !plain && !st && !k->full && r < left.n; r++) {
        st = k->emit(c, k, ilokg_ev_rows_at(&left, r));
    }
done:
    ilokg_ev_rows_free(&left);
    free(other);
    return st;
}

/* ---- Join -------------------------------------------------------------------------------------
 */

typedef struct {
    ilokg_ev_sink         base;
    ilokg_ev_sink        *down;
    const ilokg_ev_graph *g;
    const ilokg_op       *inner; /* nested loop: the pattern run per row */
    hindex               *h;     /* hash join: the indexed side */
    ilokg_id             *buf;   /* a merged row */
    const ilokg_expr     *expr;  /* LeftJoin's condition (NULL: true) */
    size_t                n_found;
    const ilokg_id       *seed;    /* Minus: the substituted bindings (not shared variables) */
    unsigned char        *certain; /* LeftJoin: variables bound in every row of the right side */
} join_sink;

static ilokg_status
nl_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row)
{
    join_sink   *k  = (join_sink *)s;
    ilokg_status st = ilokg_ev_op(c, k->inner, k->g, row, k->down);
    s->full         = k->down->full;
    return st;
}

static ilokg_status
hash_join_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *a)
{
    join_sink   *k = (join_sink *)s;
    int          scan;
    ilokg_status st = ILOKG_OK;
    for (size_t r = hindex_first(k->h, a, &scan); !st && r != SIZE_MAX && !k->down->full;
         r        = hindex_next(k->h, r, scan)) {
        const ilokg_id *b = ilokg_ev_rows_at(&k->h->rows, r);
        if (!(st = ilokg_ev_tick(c)) && ilokg_ev_compatible(a, b, c->width)) {
            ilokg_ev_merge(k->buf, a, b, c->width);
            st = k->down->emit(c, k->down, k->buf);
        }
    }
    s->full = k->down->full;
    return st;
}

/* Join and LeftJoin by a hash table of op->b: k (its emit chosen by the caller) gets each row of
 * op->a and merges it, in k->buf, with the table's rows it is compatible with. */
static ilokg_status
hash_merge(ilokg_qctx *c, join_sink *k, const ilokg_op *op, const ilokg_id *seed, int skip_if_empty)
{
    hindex       h;
    ilokg_status st;
    k->h = &h;
    if (!(k->buf = malloc((c->width + 1) * sizeof *k->buf))) {
        return ILOKG_ERR_NOMEM;
    }
    st = hash_run(c, &h, op->a, op->b, k->g, seed, NULL, &k->base, skip_if_empty);
    free(k->buf);
    k->buf = NULL;
    k->h   = NULL;
    hindex_free(&h);
    return st;
}

ilokg_status
ilokg_ev_join(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
              ilokg_ev_sink *s)
{
    join_sink k = {{nl_emit, 0}, s, g, NULL, NULL, NULL, NULL, 0, NULL, NULL};
    /* A plain side runs once per solution of the other, with its bindings: it reads only the
     * triples that can join. */
    if (seed_safe(op->b)) {
        k.inner = op->b;
        return ilokg_ev_op(c, op->a, g, seed, &k.base);
    }
    if (seed_safe(op->a)) {
        k.inner = op->a;
        return ilokg_ev_op(c, op->b, g, seed, &k.base);
    }
    k.base.emit = hash_join_emit;
    return hash_merge(c, &k, op, seed, 1);
}

/* ---- LeftJoin ------------------------------------------------------------------------------- */

/* Whether the LeftJoin's condition holds on a merged row (an error counts as false). */
static ilokg_status
lj_cond(ilokg_qctx *c, join_sink *k, const ilokg_id *row, int *ok)
{
    int          v  = 1;
    ilokg_status st = ILOKG_OK;
    if (k->expr) {
        c->cur_graph = k->g;
        st           = ilokg_expr_ebv(c, k->expr, row, &v);
    }
    *ok = v == 1;
    return st;
}

/* Nested loop: the right side's rows come merged with the left row already. */
static ilokg_status
lj_inner_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row)
{
    join_sink   *k = (join_sink *)s;
    int          ok;
    ilokg_status st = lj_cond(c, k, row, &ok);
    if (!st && ok) {
        k->n_found++;
        st = k->down->emit(c, k->down, row);
    }
    s->full = k->down->full;
    return st;
}

/* The variables bound in every row of op, when op is made of triple patterns only (in a UNION a
 * variable may be unbound); 0 when it is not. */
static int
certain_vars(const ilokg_op *op, unsigned char *flags)
{
    switch (op->kind) {
    case ILOKG_OP_BGP:
        op_vars(op, flags);
        return 1;
    case ILOKG_OP_JOIN:
        return certain_vars(op->a, flags) && certain_vars(op->b, flags);
    case ILOKG_OP_GRAPH:
        if (op->graph.is_var) {
            mark(flags, op->graph.var);
        }
        return certain_vars(op->a, flags);
    default:
        return 0;
    }
}

/* OPTIONAL { ... FILTER(?x = ?y) }, ?y bound by the left row to an IRI or a blank node, ?x bound
 * in every row of the right side and not by the left row: an IRI or a blank node equals only
 * itself (RDFterm-equal is sameTerm for them, and false against a literal), so only the right
 * side's rows with ?x that term can meet the condition, and the right side is run with it bound:
 * an index lookup instead of a scan per left row. The condition is still applied to each row.
 * Conjuncts of a top-level &&; sets *changed when it bound one. */
static ilokg_status
seed_equal(ilokg_qctx *c, const join_sink *k, const ilokg_expr *e, const ilokg_id *a, ilokg_id *buf,
           int *changed)
{
    if (e->kind == ILOKG_EX_AND) {
        ilokg_status st = seed_equal(c, k, e->args[0], a, buf, changed);
        return st ? st : seed_equal(c, k, e->args[1], a, buf, changed);
    }
    if (e->kind != ILOKG_EX_EQ || e->args[0]->kind != ILOKG_EX_VAR ||
        e->args[1]->kind != ILOKG_EX_VAR) {
        return ILOKG_OK;
    }
    for (int i = 0; i < 2; i++) {
        ilokg_var x = e->args[i]->var, y = e->args[1 - i]->var;
        if (!k->certain[x] || a[x] || !a[y] || buf[x]) {
            continue;
        }
        ilokg_qterm  t;
        ilokg_status st = ilokg_qctx_term(c, a[y], &t);
        if (st) {
            return st;
        }
        if (t.kind == ILOKG_QT_IRI || t.kind == ILOKG_QT_BLANK) {
            buf[x]   = a[y];
            *changed = 1;
        }
    }
    return ILOKG_OK;
}

static ilokg_status
lj_nl_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *a)
{
    join_sink      *k       = (join_sink *)s;
    join_sink       inner   = *k;
    ilokg_status    st      = ILOKG_OK;
    const ilokg_id *seed    = a;
    int             changed = 0;
    if (k->certain && k->expr) {
        memcpy(k->buf, a, c->width * sizeof *a);
        st   = seed_equal(c, k, k->expr, a, k->buf, &changed);
        seed = changed ? k->buf : a;
    }
    inner.base.emit = lj_inner_emit;
    inner.base.full = 0;
    inner.n_found   = 0;
    if (!st) {
        st = ilokg_ev_op(c, k->inner, k->g, seed, &inner.base);
    }
    if (!st && !inner.n_found && !k->down->full) {
        st = k->down->emit(c, k->down, a);
    }
    s->full = k->down->full;
    return st;
}

static ilokg_status
lj_hash_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *a)
{
    join_sink   *k     = (join_sink *)s;
    size_t       found = 0;
    int          scan, ok;
    ilokg_status st = ILOKG_OK;
    for (size_t r = hindex_first(k->h, a, &scan); !st && r != SIZE_MAX && !k->down->full;
         r        = hindex_next(k->h, r, scan)) {
        const ilokg_id *b = ilokg_ev_rows_at(&k->h->rows, r);
        if ((st = ilokg_ev_tick(c)) || !ilokg_ev_compatible(a, b, c->width)) {
            continue;
        }
        ilokg_ev_merge(k->buf, a, b, c->width);
        if (!(st = lj_cond(c, k, k->buf, &ok)) && ok) {
            found++;
            st = k->down->emit(c, k->down, k->buf);
        }
    }
    if (!st && !found && !k->down->full) {
        st = k->down->emit(c, k->down, a);
    }
    s->full = k->down->full;
    return st;
}

ilokg_status
ilokg_ev_leftjoin(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
                  ilokg_ev_sink *s)
{
    join_sink k = {{lj_nl_emit, 0}, s, g, op->b, NULL, NULL, op->expr, 0, NULL, NULL};
    if (seed_safe(op->b)) {
        ilokg_status st = ILOKG_OK;
        if (op->expr && !(k.certain = calloc(c->width + 1, 1))) {
            st = ILOKG_ERR_NOMEM;
        } else if (k.certain && !certain_vars(op->b, k.certain)) {
            free(k.certain);
            k.certain = NULL; /* a UNION inside: run as it is */
        } else if (k.certain && !(k.buf = calloc(c->width + 1, sizeof *k.buf))) {
            st = ILOKG_ERR_NOMEM;
        }
        if (!st) {
            st = ilokg_ev_op(c, op->a, g, seed, &k.base);
        }
        free(k.certain);
        free(k.buf);
        return st;
    }
    k.base.emit = lj_hash_emit;
    return hash_merge(c, &k, op, seed, 0);
}

/* ---- Minus ---------------------------------------------------------------------------------- */

/* Whether a and b share a variable bound in both (the substituted ones are constants). */
static int
shares_bound(const ilokg_id *a, const ilokg_id *b, const ilokg_id *seed, size_t width)
{
    for (size_t v = 0; v < width; v++) {
        if (a[v] && b[v] && !seed[v]) {
            return 1;
        }
    }
    return 0;
}

static ilokg_status
minus_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *a)
{
    join_sink   *k = (join_sink *)s;
    int          scan;
    ilokg_status st = ILOKG_OK;
    for (size_t r = hindex_first(k->h, a, &scan); !st && r != SIZE_MAX;
         r        = hindex_next(k->h, r, scan)) {
        const ilokg_id *b = ilokg_ev_rows_at(&k->h->rows, r);
        if (!(st = ilokg_ev_tick(c)) && ilokg_ev_compatible(a, b, c->width) &&
            shares_bound(a, b, k->seed, c->width)) {
            return ILOKG_OK;
        }
    }
    if (!st) {
        st = k->down->emit(c, k->down, a);
    }
    s->full = k->down->full;
    return st;
}

ilokg_status
ilokg_ev_minus(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
               ilokg_ev_sink *s)
{
    join_sink    k = {{minus_emit, 0}, s, g, NULL, NULL, NULL, NULL, 0, seed, NULL};
    hindex       h;
    ilokg_status st;
    k.h = &h;
    st  = hash_run(c, &h, op->a, op->b, g, seed, seed, &k.base, 0);
    hindex_free(&h);
    return st;
}

/* ---- Filter, Extend, Table ------------------------------------------------------------------ */

typedef struct {
    ilokg_ev_sink         base;
    ilokg_ev_sink        *down;
    const ilokg_ev_graph *g;
    const ilokg_op       *op;
    ilokg_id             *buf;
} pipe_sink;

static ilokg_status
filter_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row)
{
    pipe_sink   *k  = (pipe_sink *)s;
    ilokg_status st = ILOKG_OK;
    int          v  = 1;
    for (size_t i = 0; !st && v == 1 && i < k->op->n_exprs; i++) {
        c->cur_graph = k->g;
        st           = ilokg_expr_ebv(c, k->op->exprs[i], row, &v);
    }
    if (!st && v == 1) {
        st = k->down->emit(c, k->down, row);
    }
    s->full = k->down->full;
    return st;
}

ilokg_status
ilokg_ev_filter(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
                ilokg_ev_sink *s)
{
    pipe_sink k = {{filter_emit, 0}, s, g, op, NULL};
    return ilokg_ev_op(c, op->a, g, seed, &k.base);
}

static ilokg_status
extend_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row)
{
    pipe_sink   *k = (pipe_sink *)s;
    ilokg_id     v = ILOKG_ID_NONE;
    ilokg_status st;
    c->cur_graph = k->g;
    if ((st = ilokg_expr_eval(c, k->op->expr, row, &v))) {
        return st;
    }
    memcpy(k->buf, row, c->width * sizeof *row);
    if (v && row[k->op->var] && row[k->op->var] != v) {
        return ILOKG_OK; /* only when the variable was substituted: not compatible */
    }
    if (v) {
        k->buf[k->op->var] = v;
    }
    st      = k->down->emit(c, k->down, k->buf);
    s->full = k->down->full;
    return st;
}

ilokg_status
ilokg_ev_extend(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
                ilokg_ev_sink *s)
{
    pipe_sink    k  = {{extend_emit, 0}, s, g, op, malloc((c->width + 1) * sizeof(ilokg_id))};
    ilokg_status st = ILOKG_ERR_NOMEM;
    if (k.buf) {
        st = ilokg_ev_op(c, op->a, g, seed, &k.base);
    }
    free(k.buf);
    return st;
}

ilokg_status
ilokg_ev_table(ilokg_qctx *c, const ilokg_op *op, const ilokg_id *seed, ilokg_ev_sink *s)
{
    ilokg_id    *row = malloc((c->width + 1) * sizeof *row);
    ilokg_status st  = row ? ILOKG_OK : ILOKG_ERR_NOMEM;
    for (size_t r = 0; !st && !s->full && r < op->n_rows; r++) {
        int ok = 1;
        memcpy(row, seed, c->width * sizeof *row);
        for (size_t k = 0; ok && k < op->n_vars; k++) {
            const ilokg_qnode *n = &op->rows[r * op->n_vars + k];
            ilokg_var          v = op->vars[k];
            if (n->term.kind == 0) {
                continue; /* UNDEF */
            }
            ok     = !row[v] || row[v] == n->id;
            row[v] = n->id;
        }
        c->serial++;
        if (ok && !(st = ilokg_ev_tick(c))) {
            st = s->emit(c, s, row);
        }
    }
    free(row);
    return st;
}

/* ---- Graph ---------------------------------------------------------------------------------- */

/* GRAPH ?g over a pattern evaluated in graph id: its rows joined with ?g = id. */
static ilokg_status
graph_bind_emit(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row)
{
    pipe_sink   *k  = (pipe_sink *)s;
    ilokg_var    gv = k->op->graph.var;
    ilokg_status st = ILOKG_OK;
    if (row[gv] && row[gv] != k->g->ids[0]) {
        return ILOKG_OK;
    }
    memcpy(k->buf, row, c->width * sizeof *row);
    k->buf[gv] = k->g->ids[0];
    st         = k->down->emit(c, k->down, k->buf);
    s->full    = k->down->full;
    return st;
}

static ilokg_status
graph_each(ilokg_qctx *c, const ilokg_op *op, const ilokg_id *seed, ilokg_ev_sink *s)
{
    pipe_sink    k = {{graph_bind_emit, 0}, s, NULL, op, malloc((c->width + 1) * sizeof(ilokg_id))};
    ilokg_status st = k.buf ? ILOKG_OK : ILOKG_ERR_NOMEM;
    for (size_t i = 0; !st && !s->full && i < c->n_named; i++) {
        ilokg_ev_graph one = {&c->named[i], 1, ILOKG_VAR_NONE};
        k.g                = &one;
        st                 = ilokg_ev_op(c, op->a, &one, seed, &k.base);
    }
    free(k.buf);
    return st;
}

ilokg_status
ilokg_ev_graph_op(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g, const ilokg_id *seed,
                  ilokg_ev_sink *s)
{
    ilokg_id gid = op->graph.is_var ? seed[op->graph.var] : op->graph.id;
    (void)g;
    if (gid) {
        ilokg_ev_graph one = {&gid, 1, ILOKG_VAR_NONE};
        if (gid >= ILOKG_ID_OVERLAY || !ilokg_ev_is_named(c, gid)) {
            return ILOKG_OK; /* not a named graph of the dataset: no solution */
        }
        return ilokg_ev_op(c, op->a, &one, seed, s);
    }
    if (op->a->kind == ILOKG_OP_BGP && op->a->n_triples && c->all_named) {
        ilokg_ev_graph any = {NULL, 0, op->graph.var};
        return ilokg_ev_bgp(c, op->a, &any, seed, s);
    }
    return graph_each(c, op, seed, s);
}
