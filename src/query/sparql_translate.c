/* SPDX-License-Identifier: Apache-2.0 */
/* The parser's memory and variables, and the translation steps of SPARQL 1.1 section 18.2 that
 * do not follow the grammar one rule at a time: variables in scope (18.2.1), grouping,
 * aggregates and solution modifiers (18.2.4, 18.2.5), with the SELECT rules of 19.8. */
#include "query/sparql_int.h"

#include "util/buf.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Arena ---------------------------------------------------------------------------------- */

struct sp_chunk {
    sp_chunk *next;
    size_t    used, cap;
    alignas(max_align_t) unsigned char data[];
};

#define CHUNK_MIN 16384u

void *
sp_alloc(sp_arena *a, size_t n)
{
    size_t al = alignof(max_align_t);
    n         = (n + al - 1) / al * al;
    if (n == 0) {
        n = al;
    }
    if (!a->head || a->head->cap - a->head->used < n) {
        size_t    cap = n > CHUNK_MIN ? n : CHUNK_MIN;
        sp_chunk *c   = malloc(sizeof *c + cap);
        if (!c) {
            return NULL;
        }
        c->next = a->head;
        c->used = 0;
        c->cap  = cap;
        a->head = c;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += n;
    memset(p, 0, n);
    return p;
}

void
sp_arena_free(sp_arena *a)
{
    if (!a) {
        return;
    }
    sp_chunk *c = a->head;
    while (c) {
        sp_chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

/* ---- Helpers -------------------------------------------------------------------------------- */

ilokg_status
sp_nomem(sp_parser *P)
{
    return ilokg_report(P->diag, ILOKG_ERR_NOMEM, NULL, SIZE_MAX, "out of memory parsing a query");
}

ilokg_status
sp_push(sp_parser *P, void *arr, size_t *n, size_t *cap, size_t elem, void *slot)
{
    char **a = arr;
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        char  *na   = ncap < SIZE_MAX / elem ? sp_alloc(P->arena, ncap * elem) : NULL;
        if (!na) {
            return sp_nomem(P);
        }
        if (*n) {
            memcpy(na, *a, *n * elem);
        }
        *a   = na;
        *cap = ncap;
    }
    char *e = *a + *n * elem;
    memset(e, 0, elem);
    (*n)++;
    *(void **)slot = e;
    return ILOKG_OK;
}

char *
sp_strndup(sp_parser *P, const char *s, size_t len)
{
    char *d = len < SIZE_MAX ? sp_alloc(P->arena, len + 1) : NULL;
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

ilokg_status
sp_error(sp_parser *P, ilokg_status st, size_t off, const char *fmt, ...)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    va_list   ap;
    va_start(ap, fmt);
    ilokg_status bs = ilokg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (bs) {
        ilokg_buf_free(&b);
        return sp_nomem(P);
    }
    ilokg_report(P->diag, st, P->src, off, "%s", b.ptr);
    ilokg_buf_free(&b);
    return st;
}

ilokg_status
sp_expected(sp_parser *P, const char *what)
{
    const sp_token *t = &P->tok;
    if (t->kind == SP_T_EOF) {
        return sp_error(P, ILOKG_ERR_SYNTAX, t->off, "expected %s, found the end of the query",
                        what);
    }
    if (t->kind == SP_T_ERROR && (P->text[t->off] == '"' || P->text[t->off] == '\'')) {
        return sp_error(P, ILOKG_ERR_SYNTAX, t->off, "expected %s, found an unterminated string",
                        what);
    }
    size_t n = t->len > 40 ? 40 : t->len;
    return sp_error(P, ILOKG_ERR_SYNTAX, t->off, "expected %s, found '%.*s'%s", what, (int)n,
                    P->text + t->off, n < t->len ? "..." : "");
}

void
sp_next(sp_parser *P)
{
    P->prev_end  = P->tok.off + P->tok.len;
    P->prev_kind = P->tok.kind;
    sp_lex(&P->tok, P->text, P->len, P->prev_end);
}

int
sp_is(sp_parser *P, const char *kw)
{
    return sp_tok_is(&P->tok, P->text, kw);
}

int
sp_accept(sp_parser *P, int k)
{
    if (P->tok.kind == k) {
        sp_next(P);
        return 1;
    }
    return 0;
}

int
sp_accept_kw(sp_parser *P, const char *kw)
{
    if (sp_is(P, kw)) {
        sp_next(P);
        return 1;
    }
    return 0;
}

ilokg_status
sp_expect(sp_parser *P, int k, const char *what)
{
    return sp_accept(P, k) ? ILOKG_OK : sp_expected(P, what);
}

ilokg_status
sp_expect_kw(sp_parser *P, const char *kw, const char *what)
{
    return sp_accept_kw(P, kw) ? ILOKG_OK : sp_expected(P, what);
}

/* ---- Variables ------------------------------------------------------------------------------ */

static ilokg_status
new_slot(sp_parser *P, const char *name, ilokg_var *out)
{
    char **slot = NULL;
    if (sp_push(P, &P->q->var_names, &P->q->n_vars, &P->cap_vars, sizeof(char *), &slot)) {
        return ILOKG_ERR_NOMEM;
    }
    *slot = (char *)name;
    *out  = (ilokg_var)(P->q->n_vars - 1);
    return ILOKG_OK;
}

ilokg_status
sp_var(sp_parser *P, const char *name, size_t len, ilokg_var *out)
{
    sp_scope *s = P->scope;
    for (size_t i = 0; i < s->n; i++) {
        if (strlen(s->v[i].name) == len && !memcmp(s->v[i].name, name, len)) {
            *out = s->v[i].slot;
            return ILOKG_OK;
        }
    }
    char       *copy = sp_strndup(P, name, len);
    sp_binding *b;
    if (!copy || sp_push(P, &s->v, &s->n, &s->cap, sizeof *b, &b)) {
        return sp_nomem(P);
    }
    b->name = copy;
    return new_slot(P, copy, &b->slot) ? ILOKG_ERR_NOMEM : (*out = b->slot, ILOKG_OK);
}

ilokg_status
sp_hidden(sp_parser *P, const char *prefix, ilokg_var *out)
{
    char  name[64];
    int   n    = snprintf(name, sizeof name, ".%s%zu", prefix, P->fresh++);
    char *copy = sp_strndup(P, name, (size_t)n);
    return copy ? new_slot(P, copy, out) : sp_nomem(P);
}

ilokg_status
sp_op(sp_parser *P, ilokg_op_kind kind, ilokg_op **out)
{
    ilokg_op *op = sp_alloc(P->arena, sizeof *op);
    if (!op) {
        return sp_nomem(P);
    }
    op->kind  = kind;
    op->limit = ILOKG_NO_LIMIT;
    *out      = op;
    return ILOKG_OK;
}

ilokg_status
sp_expr_new(sp_parser *P, ilokg_expr_kind kind, size_t n_args, ilokg_expr **out)
{
    ilokg_expr *e = sp_alloc(P->arena, sizeof *e);
    if (!e || (n_args && !(e->args = sp_alloc(P->arena, n_args * sizeof *e->args)))) {
        return sp_nomem(P);
    }
    e->kind   = kind;
    e->n_args = n_args;
    e->offset = P->tok.off;
    *out      = e;
    return ILOKG_OK;
}

static int
is_empty_bgp(const ilokg_op *op)
{
    return op && op->kind == ILOKG_OP_BGP && op->n_triples == 0;
}

ilokg_status
sp_join(sp_parser *P, ilokg_op *a, ilokg_op *b, ilokg_op **out)
{
    if (!a || is_empty_bgp(a)) {
        *out = b;
        return ILOKG_OK;
    }
    if (is_empty_bgp(b)) {
        *out = a;
        return ILOKG_OK;
    }
    ilokg_op *j = NULL;
    if (sp_op(P, ILOKG_OP_JOIN, &j)) {
        return ILOKG_ERR_NOMEM;
    }
    j->a = a;
    j->b = b;
    *out = j;
    return ILOKG_OK;
}

/* ---- Variables in scope (18.2.1) ------------------------------------------------------------ */

static ilokg_status
qnode_var(sp_parser *P, const ilokg_qnode *n, sp_var_fn fn, void *payload)
{
    return n->is_var ? fn(P, n->var, payload) : ILOKG_OK;
}

ilokg_status
sp_inscope(sp_parser *P, const ilokg_op *op, sp_var_fn fn, void *payload)
{
    ilokg_status st = ILOKG_OK;
    if (!op) {
        return ILOKG_OK;
    }
    switch (op->kind) {
    case ILOKG_OP_BGP:
        for (size_t i = 0; i < op->n_triples && !st; i++) {
            const ilokg_triple *t = &op->triples[i];
            if (!(st = qnode_var(P, &t->s, fn, payload)) && !t->path) {
                st = qnode_var(P, &t->p, fn, payload);
            }
            if (!st) {
                st = qnode_var(P, &t->o, fn, payload);
            }
        }
        return st;
    case ILOKG_OP_JOIN:
    case ILOKG_OP_LEFTJOIN:
    case ILOKG_OP_UNION:
        return (st = sp_inscope(P, op->a, fn, payload)) ? st : sp_inscope(P, op->b, fn, payload);
    case ILOKG_OP_GRAPH:
        return (st = qnode_var(P, &op->graph, fn, payload)) ? st
                                                            : sp_inscope(P, op->a, fn, payload);
    case ILOKG_OP_EXTEND:
        return (st = sp_inscope(P, op->a, fn, payload)) ? st : fn(P, op->var, payload);
    case ILOKG_OP_TABLE:
    case ILOKG_OP_PROJECT:
        for (size_t i = 0; i < op->n_vars && !st; i++) {
            st = fn(P, op->vars[i], payload);
        }
        return st;
    case ILOKG_OP_GROUP:
        for (size_t i = 0; i < op->n_vars && !st; i++) {
            st = op->vars[i] == ILOKG_VAR_NONE ? ILOKG_OK : fn(P, op->vars[i], payload);
        }
        for (size_t i = 0; i < op->n_aggs && !st; i++) {
            st = fn(P, op->aggs[i].var, payload);
        }
        return st;
    default: /* MINUS, FILTER and the solution modifiers keep their first operand's */
        return sp_inscope(P, op->a, fn, payload);
    }
}

typedef struct {
    ilokg_var v;
    int       found;
} find_var;

static ilokg_status
match_var(sp_parser *P, ilokg_var v, void *payload)
{
    (void)P;
    find_var *f = payload;
    f->found |= f->v == v;
    return ILOKG_OK;
}

int
sp_in_scope_of(sp_parser *P, const ilokg_op *op, ilokg_var v)
{
    find_var f = {v, 0};
    sp_inscope(P, op, match_var, &f);
    return f.found;
}

/* ---- Renaming (subqueries) ------------------------------------------------------------------ */

static void
remap_qnode(ilokg_qnode *n, const ilokg_var *map)
{
    if (n->is_var) {
        n->var = map[n->var];
    }
}

static void
remap_expr(ilokg_expr *e, const ilokg_var *map)
{
    if (!e) {
        return;
    }
    if (e->kind == ILOKG_EX_VAR) {
        e->var = map[e->var];
    }
    for (size_t i = 0; i < e->n_args; i++) {
        remap_expr(e->args[i], map);
    }
    if (e->op) {
        sp_remap_op(e->op, map);
    }
}

void
sp_remap_op(ilokg_op *op, const ilokg_var *map)
{
    if (!op) {
        return;
    }
    for (size_t i = 0; i < op->n_triples; i++) {
        remap_qnode(&op->triples[i].s, map);
        remap_qnode(&op->triples[i].p, map);
        remap_qnode(&op->triples[i].o, map);
    }
    for (size_t i = 0; i < op->n_exprs; i++) {
        remap_expr(op->exprs[i], map);
    }
    remap_expr(op->expr, map);
    if (op->kind == ILOKG_OP_EXTEND) {
        op->var = map[op->var];
    }
    remap_qnode(&op->graph, map);
    for (size_t i = 0; i < op->n_vars; i++) {
        if (op->vars[i] != ILOKG_VAR_NONE) {
            op->vars[i] = map[op->vars[i]];
        }
    }
    for (size_t i = 0; i < op->n_rows * op->n_vars; i++) {
        remap_qnode(&op->rows[i], map);
    }
    for (size_t i = 0; i < op->n_aggs; i++) {
        remap_expr(op->aggs[i].arg, map);
        op->aggs[i].var = map[op->aggs[i].var];
    }
    for (size_t i = 0; i < op->n_conds; i++) {
        remap_expr(op->conds[i].expr, map);
    }
    sp_remap_op(op->a, map);
    sp_remap_op(op->b, map);
}

/* ---- Grouping, aggregates and modifiers (18.2.4, 18.2.5) ------------------------------------- */

static int
is_hidden(sp_parser *P, ilokg_var v)
{
    return P->q->var_names[v][0] == '.';
}

/* A variable outside aggregates that is neither a group key nor an earlier alias (19.8). */
static int
ungrouped_var(sp_parser *P, const sp_select *s, size_t n_alias, const ilokg_expr *e, size_t *off)
{
    if (!e) {
        return 0;
    }
    if (e->kind == ILOKG_EX_VAR && !is_hidden(P, e->var)) {
        for (size_t i = 0; i < s->n_keys; i++) {
            if (s->key_vars[i] == e->var) {
                return 0;
            }
        }
        for (size_t i = 0; i < n_alias; i++) {
            if (s->items[i].expr && s->items[i].var == e->var) {
                return 0;
            }
        }
        *off = e->offset;
        return 1;
    }
    for (size_t i = 0; i < e->n_args; i++) {
        if (ungrouped_var(P, s, n_alias, e->args[i], off)) {
            return 1;
        }
    }
    return 0;
}

static ilokg_status
check_select(sp_parser *P, sp_select *s, ilokg_op *p, int grouped)
{
    for (size_t i = 0; i < s->n; i++) {
        ilokg_var   v   = s->items[i].var;
        size_t      off = s->items[i].off;
        ilokg_expr *e   = s->items[i].expr;
        if (e) {
            if (sp_in_scope_of(P, p, v)) {
                return sp_error(P, ILOKG_ERR_SYNTAX, off,
                                "?%s of (... AS ?%s) is already in scope in the pattern",
                                P->q->var_names[v], P->q->var_names[v]);
            }
            for (size_t j = 0; j < i; j++) {
                if (s->items[j].var == v) {
                    return sp_error(P, ILOKG_ERR_SYNTAX, off, "?%s is already projected",
                                    P->q->var_names[v]);
                }
            }
        }
        if (!grouped) {
            continue;
        }
        if (e ? ungrouped_var(P, s, i, e, &off)
              : ungrouped_var(P, s, i, &(ilokg_expr){.kind = ILOKG_EX_VAR, .var = v, .offset = off},
                              &off)) {
            return sp_error(P, ILOKG_ERR_SYNTAX, off,
                            "a variable of SELECT must be grouped (GROUP BY) or inside an "
                            "aggregate when the query is grouped");
        }
    }
    return ILOKG_OK;
}

static ilokg_status
wrap(sp_parser *P, ilokg_op_kind kind, ilokg_op **g)
{
    ilokg_op *op = NULL;
    if (sp_op(P, kind, &op)) {
        return ILOKG_ERR_NOMEM;
    }
    op->a = *g;
    *g    = op;
    return ILOKG_OK;
}

static ilokg_status
add_group(sp_parser *P, sp_select *s, ilokg_op **g)
{
    if (wrap(P, ILOKG_OP_GROUP, g)) {
        return ILOKG_ERR_NOMEM;
    }
    ilokg_op *op = *g;
    op->exprs    = s->keys;
    op->n_exprs  = s->n_keys;
    op->vars     = s->key_vars;
    op->n_vars   = s->n_keys;
    op->aggs     = s->agg.aggs;
    op->n_aggs   = s->agg.n;
    return ILOKG_OK;
}

static ilokg_status
add_extends(sp_parser *P, sp_select *s, ilokg_op **g)
{
    for (size_t i = 0; i < s->n; i++) {
        if (!s->items[i].expr) {
            continue;
        }
        if (wrap(P, ILOKG_OP_EXTEND, g)) {
            return ILOKG_ERR_NOMEM;
        }
        (*g)->var  = s->items[i].var;
        (*g)->expr = s->items[i].expr;
    }
    return ILOKG_OK;
}

static ilokg_status
add_star(sp_parser *P, ilokg_var v, void *payload)
{
    sp_select *s = payload;
    if (is_hidden(P, v)) {
        return ILOKG_OK;
    }
    for (size_t i = 0; i < s->n; i++) {
        if (s->items[i].var == v) {
            return ILOKG_OK;
        }
    }
    sp_item *it;
    if (sp_push(P, &s->items, &s->n, &s->cap, sizeof *it, &it)) {
        return ILOKG_ERR_NOMEM;
    }
    it->var = v;
    return ILOKG_OK;
}

static ilokg_status
add_project(sp_parser *P, sp_select *s, ilokg_op **g)
{
    ilokg_var *vars = sp_alloc(P->arena, (s->n ? s->n : 1) * sizeof *vars);
    if (!vars || wrap(P, ILOKG_OP_PROJECT, g)) {
        return sp_nomem(P);
    }
    for (size_t i = 0; i < s->n; i++) {
        vars[i] = s->items[i].var;
    }
    (*g)->vars   = vars;
    (*g)->n_vars = s->n;
    return ILOKG_OK;
}

ilokg_status
sp_finish_level(sp_parser *P, sp_select *s, ilokg_op *p, int project, ilokg_op **out)
{
    ilokg_op *g       = p;
    int       grouped = s->grouped || s->agg.n > 0;
    if (s->star && grouped && project) {
        return sp_error(P, ILOKG_ERR_SYNTAX, s->star_off,
                        "SELECT * is not allowed in a grouped query (GROUP BY or aggregates)");
    }
    if (s->star) {
        if (sp_inscope(P, p, add_star, s)) {
            return ILOKG_ERR_NOMEM;
        }
    }
    if (project && check_select(P, s, p, grouped)) {
        return ILOKG_ERR_SYNTAX;
    }
    if (grouped && add_group(P, s, &g)) {
        return ILOKG_ERR_NOMEM;
    }
    if (s->values && sp_join(P, g, s->values, &g)) {
        return ILOKG_ERR_NOMEM;
    }
    if (add_extends(P, s, &g)) {
        return ILOKG_ERR_NOMEM;
    }
    /* HAVING after the SELECT expressions, as Jena and most engines do, so that it may use
     * their aliases (section 18.2.4.2 filters before them: an alias there is unbound). */
    if (s->n_having) {
        if (wrap(P, ILOKG_OP_FILTER, &g)) {
            return ILOKG_ERR_NOMEM;
        }
        g->exprs   = s->having;
        g->n_exprs = s->n_having;
    }
    if (s->n_conds) {
        if (wrap(P, ILOKG_OP_ORDER, &g)) {
            return ILOKG_ERR_NOMEM;
        }
        g->conds   = s->conds;
        g->n_conds = s->n_conds;
    }
    if (project && add_project(P, s, &g)) {
        return ILOKG_ERR_NOMEM;
    }
    if ((s->distinct && wrap(P, ILOKG_OP_DISTINCT, &g)) ||
        (s->reduced && wrap(P, ILOKG_OP_REDUCED, &g))) {
        return ILOKG_ERR_NOMEM;
    }
    if (s->offset || s->limit != ILOKG_NO_LIMIT) {
        if (wrap(P, ILOKG_OP_SLICE, &g)) {
            return ILOKG_ERR_NOMEM;
        }
        g->offset = s->offset;
        g->limit  = s->limit;
    }
    *out = g;
    return ILOKG_OK;
}
