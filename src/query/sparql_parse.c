/* SPDX-License-Identifier: Apache-2.0 */
/* The SPARQL 1.1 query parser: the prologue, the four query forms, solution modifiers and group
 * graph patterns, translated on the fly as SPARQL 1.1 section 18.2.2 says (filters of a group
 * apply to the whole group; OPTIONAL { P FILTER(e) } is LeftJoin(G, P, e); BIND extends what
 * precedes it; Join(Z, A) = A). */
#include "query/sparql_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ilokg_status group_body(sp_parser *P, ilokg_op **out, ilokg_expr ***filters,
                               size_t *n_filters);
static ilokg_status subselect(sp_parser *P, ilokg_op **out);
static ilokg_status sp_values_block(sp_parser *P, ilokg_op **out);

/* ---- Group graph patterns ------------------------------------------------------------------- */

static ilokg_status
apply_filters(sp_parser *P, ilokg_op *g, ilokg_expr **filters, size_t n, ilokg_op **out)
{
    if (!n) {
        *out = g;
        return ILOKG_OK;
    }
    ilokg_status st = sp_op(P, ILOKG_OP_FILTER, out);
    if (!st) {
        (*out)->a       = g;
        (*out)->exprs   = filters;
        (*out)->n_exprs = n;
    }
    return st;
}

static ilokg_status
sp_group(sp_parser *P, ilokg_op **out)
{
    ilokg_expr **filters;
    size_t       n;
    ilokg_status st = group_body(P, out, &filters, &n);
    return st ? st : apply_filters(P, *out, filters, n, out);
}

static ilokg_status
two_ops(sp_parser *P, ilokg_op_kind kind, ilokg_op *a, ilokg_op *b, ilokg_op **out)
{
    ilokg_status st = a ? ILOKG_OK : sp_op(P, ILOKG_OP_BGP, &a);
    if (!st && !(st = sp_op(P, kind, out))) {
        (*out)->a = a;
        (*out)->b = b;
    }
    return st;
}

static ilokg_status
optional(sp_parser *P, ilokg_op **g)
{
    ilokg_expr **filters;
    size_t       n;
    ilokg_op    *a;
    ilokg_status st = group_body(P, &a, &filters, &n);
    if (st || (st = two_ops(P, ILOKG_OP_LEFTJOIN, *g, a, g))) {
        return st;
    }
    return sp_and_all(P, filters, n, &(*g)->expr);
}

static ilokg_status
union_of_groups(sp_parser *P, ilokg_op **out)
{
    ilokg_status st = sp_group(P, out);
    while (!st && sp_accept_kw(P, "UNION")) {
        ilokg_op *b;
        if (!(st = sp_group(P, &b))) {
            st = two_ops(P, ILOKG_OP_UNION, *out, b, out);
        }
    }
    return st;
}

static ilokg_status
graph_pattern(sp_parser *P, ilokg_op **g)
{
    ilokg_op    *a, *graph;
    ilokg_qnode  name;
    ilokg_status st = sp_var_or_iri(P, &name);
    if (st || (st = sp_group(P, &a)) || (st = sp_op(P, ILOKG_OP_GRAPH, &graph))) {
        return st;
    }
    graph->graph = name;
    graph->a     = a;
    return sp_join(P, *g, graph, g);
}

static ilokg_status
bind(sp_parser *P, ilokg_op **g)
{
    ilokg_expr  *e;
    ilokg_op    *ext;
    ilokg_status st = sp_expect(P, '(', "'(' after BIND");
    if (st || (st = sp_expression(P, &e)) || (st = sp_expect_kw(P, "AS", "AS in BIND"))) {
        return st;
    }
    if (P->tok.kind != SP_T_VAR) {
        return sp_expected(P, "a variable after AS");
    }
    size_t    off = P->tok.off;
    ilokg_var v;
    if ((st = sp_var(P, P->text + off + 1, P->tok.len - 1, &v))) {
        return st;
    }
    sp_next(P);
    if (sp_in_scope_of(P, *g, v)) {
        return sp_error(P, ILOKG_ERR_SYNTAX, off,
                        "BIND: ?%s is already in scope in the group before it", P->q->var_names[v]);
    }
    if ((st = sp_expect(P, ')', "')' to close BIND")) ||
        (st = two_ops(P, ILOKG_OP_EXTEND, *g, NULL, &ext))) {
        return st;
    }
    ext->var  = v;
    ext->expr = e;
    *g        = ext;
    return ILOKG_OK;
}

/* One GraphPatternNotTriples element (or FILTER) applied to the group so far. */
static ilokg_status
group_element(sp_parser *P, ilokg_op **g, ilokg_expr **filter, int *handled)
{
    ilokg_op    *a;
    ilokg_status st = ILOKG_OK;
    *handled        = 1;
    if (sp_accept_kw(P, "FILTER")) {
        st = sp_constraint(P, filter);
    } else if (sp_accept_kw(P, "OPTIONAL")) {
        st = optional(P, g);
    } else if (sp_accept_kw(P, "MINUS")) {
        st = (st = sp_group(P, &a)) ? st : two_ops(P, ILOKG_OP_MINUS, *g, a, g);
    } else if (sp_accept_kw(P, "GRAPH")) {
        st = graph_pattern(P, g);
    } else if (sp_accept_kw(P, "BIND")) {
        st = bind(P, g);
    } else if (sp_is(P, "VALUES")) {
        st = (st = sp_values_block(P, &a)) ? st : sp_join(P, *g, a, g);
    } else if (P->tok.kind == '{') {
        st = (st = union_of_groups(P, &a)) ? st : sp_join(P, *g, a, g);
    } else if (sp_is(P, "SERVICE")) {
        st = sp_error(P, ILOKG_ERR_QUERY, P->tok.off, "SERVICE (federated query) is not supported");
    } else {
        *handled = 0;
    }
    return st;
}

static ilokg_status
group_body(sp_parser *P, ilokg_op **out, ilokg_expr ***filters, size_t *n_filters)
{
    ilokg_status st;
    ilokg_op    *g = NULL, *bgp = NULL;
    size_t       cap = 0, bgp_id = ++P->bgp_counter;
    *filters   = NULL;
    *n_filters = 0;
    if ((st = sp_expect(P, '{', "'{' to open a group pattern"))) {
        return st;
    }
    if (sp_is(P, "SELECT")) {
        return (st = subselect(P, out)) ? st : sp_expect(P, '}', "'}' after the subquery");
    }
    int after_triples = 0; /* a triples block just ended without '.' */
    while (!sp_accept(P, '}')) {
        if (sp_at_triples(P) && after_triples) {
            return sp_expected(P, "'.' between triple patterns");
        }
        after_triples = 0;
        if (sp_at_triples(P)) {
            int fresh = !bgp;
            if ((fresh && (st = sp_op(P, ILOKG_OP_BGP, &bgp))) ||
                (st = sp_triples(P, bgp, bgp_id, 1)) || (fresh && (st = sp_join(P, g, bgp, &g)))) {
                return st;
            }
            after_triples = P->prev_kind != '.';
            continue;
        }
        ilokg_expr *filter = NULL;
        int         handled;
        if ((st = group_element(P, &g, &filter, &handled))) {
            return st;
        }
        if (!handled) {
            return sp_expected(P, "a triple pattern, FILTER, OPTIONAL, MINUS, GRAPH, BIND, "
                                  "VALUES, '{' or '}' in the group pattern");
        }
        if (filter) {
            ilokg_expr **slot;
            if ((st = sp_push(P, filters, n_filters, &cap, sizeof *slot, &slot))) {
                return st;
            }
            *slot = filter;
        } else {
            bgp    = NULL;
            bgp_id = ++P->bgp_counter;
        }
        sp_accept(P, '.');
    }
    return g ? (*out = g, ILOKG_OK) : sp_op(P, ILOKG_OP_BGP, out);
}

/* ---- VALUES --------------------------------------------------------------------------------- */

static ilokg_status
data_value(sp_parser *P, ilokg_qnode *out)
{
    memset(out, 0, sizeof *out);
    if (sp_accept_kw(P, "UNDEF")) {
        return ILOKG_OK;
    }
    if (sp_at_iri(P)) {
        ilokg_status st = sp_iri(P, &out->term.lex);
        if (!st) {
            out->term.kind    = ILOKG_QT_IRI;
            out->term.lex_len = strlen(out->term.lex);
        }
        return st;
    }
    if (sp_at_literal(P)) {
        return sp_literal(P, &out->term);
    }
    return sp_expected(P, "an IRI, a literal or UNDEF in VALUES");
}

static ilokg_status
values_rows(sp_parser *P, ilokg_op *t, int single)
{
    size_t       cap = 0;
    ilokg_status st;
    while (single ? sp_at_iri(P) || sp_at_literal(P) || sp_is(P, "UNDEF")
                  : P->tok.kind == '(' || P->tok.kind == SP_T_NIL) {
        size_t row_off = P->tok.off, n = 0;
        int    nil = !single && sp_accept(P, SP_T_NIL);
        if (!single && !nil && (st = sp_expect(P, '(', "'('"))) {
            return st;
        }
        while (!nil) {
            if (!single && P->tok.kind == ')') {
                break;
            }
            ilokg_qnode *slot;
            size_t       total = t->n_rows * t->n_vars + n;
            if ((st = sp_push(P, &t->rows, &total, &cap, sizeof *slot, &slot)) ||
                (st = data_value(P, slot))) {
                return st;
            }
            n++;
            if (single) {
                break;
            }
        }
        if (!single && !nil && (st = sp_expect(P, ')', "')' to close the VALUES row"))) {
            return st;
        }
        if (n != t->n_vars) {
            return sp_error(P, ILOKG_ERR_SYNTAX, row_off,
                            "a VALUES row has %zu values for %zu variables", n, t->n_vars);
        }
        t->n_rows++;
    }
    return ILOKG_OK;
}

static ilokg_status
sp_values_block(sp_parser *P, ilokg_op **out)
{
    ilokg_status st;
    size_t       cap = 0;
    int          single;
    sp_next(P); /* VALUES */
    if ((st = sp_op(P, ILOKG_OP_TABLE, out))) {
        return st;
    }
    ilokg_op *t = *out;
    if ((single = P->tok.kind == SP_T_VAR) || sp_accept(P, SP_T_NIL)) {
        if (single) {
            ilokg_var *v;
            if ((st = sp_push(P, &t->vars, &t->n_vars, &cap, sizeof *v, &v)) ||
                (st = sp_var(P, P->text + P->tok.off + 1, P->tok.len - 1, v))) {
                return st;
            }
            sp_next(P);
        }
    } else {
        if ((st = sp_expect(P, '(', "a variable or '(' after VALUES"))) {
            return st;
        }
        while (P->tok.kind == SP_T_VAR) {
            ilokg_var *v;
            if ((st = sp_push(P, &t->vars, &t->n_vars, &cap, sizeof *v, &v)) ||
                (st = sp_var(P, P->text + P->tok.off + 1, P->tok.len - 1, v))) {
                return st;
            }
            sp_next(P);
        }
        if ((st = sp_expect(P, ')', "')' after the variables of VALUES"))) {
            return st;
        }
    }
    if ((st = sp_expect(P, '{', "'{' to open the VALUES data")) ||
        (st = values_rows(P, t, single))) {
        return st;
    }
    return sp_expect(P, '}', "'}' to close the VALUES data");
}

/* ---- SELECT clause and solution modifiers --------------------------------------------------- */

static ilokg_status
select_item(sp_parser *P, sp_select *s)
{
    sp_item     *it;
    ilokg_status st = sp_push(P, &s->items, &s->n, &s->cap, sizeof *it, &it);
    if (st) {
        return st;
    }
    if (sp_accept(P, '(')) {
        if ((st = sp_expression(P, &it->expr)) || (st = sp_expect_kw(P, "AS", "AS"))) {
            return st;
        }
        if (P->tok.kind != SP_T_VAR) {
            return sp_expected(P, "a variable after AS");
        }
    }
    it->off = P->tok.off;
    st      = sp_var(P, P->text + P->tok.off + 1, P->tok.len - 1, &it->var);
    sp_next(P);
    return st ? st : it->expr ? sp_expect(P, ')', "')' after (expression AS ?variable)") : ILOKG_OK;
}

static ilokg_status
select_clause(sp_parser *P, sp_select *s)
{
    ilokg_status st;
    sp_next(P); /* SELECT */
    s->distinct = sp_accept_kw(P, "DISTINCT");
    s->reduced  = !s->distinct && sp_accept_kw(P, "REDUCED");
    s->star_off = P->tok.off;
    if (sp_accept(P, '*')) {
        s->star = 1;
        return ILOKG_OK;
    }
    s->agg.allowed = 1;
    do {
        if ((st = select_item(P, s))) {
            return st;
        }
    } while (P->tok.kind == SP_T_VAR || P->tok.kind == '(');
    s->agg.allowed = 0;
    return ILOKG_OK;
}

static ilokg_status
group_condition(sp_parser *P, sp_select *s)
{
    ilokg_expr **e;
    ilokg_var   *v;
    size_t       n = s->n_keys, cap = s->cap_keys;
    ilokg_status st;
    if ((st = sp_push(P, &s->keys, &s->n_keys, &s->cap_keys, sizeof *e, &e)) ||
        (st = sp_push(P, &s->key_vars, &n, &cap, sizeof *v, &v))) {
        return st;
    }
    *v = ILOKG_VAR_NONE;
    if (P->tok.kind == SP_T_VAR) {
        if ((st = sp_expr_new(P, ILOKG_EX_VAR, 0, e)) ||
            (st = sp_var(P, P->text + P->tok.off + 1, P->tok.len - 1, &(*e)->var))) {
            return st;
        }
        *v = (*e)->var;
        sp_next(P);
        return ILOKG_OK;
    }
    if (P->tok.kind != '(') {
        return sp_constraint(P, e);
    }
    sp_next(P);
    if ((st = sp_expression(P, e))) {
        return st;
    }
    if (sp_accept_kw(P, "AS")) {
        if (P->tok.kind != SP_T_VAR) {
            return sp_expected(P, "a variable after AS");
        }
        if ((st = sp_var(P, P->text + P->tok.off + 1, P->tok.len - 1, v))) {
            return st;
        }
        sp_next(P);
    } else if ((*e)->kind == ILOKG_EX_VAR) {
        *v = (*e)->var;
    }
    return sp_expect(P, ')', "')' to close the GROUP BY condition");
}

static ilokg_status
order_condition(sp_parser *P, sp_select *s)
{
    ilokg_order_cond *c;
    ilokg_status      st = sp_push(P, &s->conds, &s->n_conds, &s->cap_conds, sizeof *c, &c);
    if (st) {
        return st;
    }
    if (sp_is(P, "ASC") || sp_is(P, "DESC")) {
        c->desc = sp_is(P, "DESC");
        sp_next(P);
        return sp_bracketted(P, &c->expr);
    }
    if (P->tok.kind == SP_T_VAR) {
        if ((st = sp_expr_new(P, ILOKG_EX_VAR, 0, &c->expr))) {
            return st;
        }
        st = sp_var(P, P->text + P->tok.off + 1, P->tok.len - 1, &c->expr->var);
        sp_next(P);
        return st;
    }
    return sp_constraint(P, &c->expr);
}

static ilokg_status
count(sp_parser *P, size_t *out)
{
    if (P->tok.kind != SP_T_INTEGER) {
        return sp_expected(P, "an integer");
    }
    size_t v = 0;
    for (size_t i = 0; i < P->tok.len; i++) {
        size_t d = (size_t)(P->text[P->tok.off + i] - '0');
        v        = v > (SIZE_MAX - d) / 10 ? SIZE_MAX - 1 : v * 10 + d;
    }
    *out = v;
    sp_next(P);
    return ILOKG_OK;
}

static ilokg_status
limit_offset(sp_parser *P, sp_select *s)
{
    ilokg_status st         = ILOKG_OK;
    int          seen_limit = 0, seen_offset = 0;
    for (;;) {
        if (!seen_limit && sp_accept_kw(P, "LIMIT")) {
            seen_limit = 1;
            st         = count(P, &s->limit);
        } else if (!seen_offset && sp_accept_kw(P, "OFFSET")) {
            seen_offset = 1;
            st          = count(P, &s->offset);
        } else {
            return ILOKG_OK;
        }
        if (st) {
            return st;
        }
    }
}

static ilokg_status
solution_modifier(sp_parser *P, sp_select *s)
{
    ilokg_status st;
    if (sp_accept_kw(P, "GROUP")) {
        if ((st = sp_expect_kw(P, "BY", "BY after GROUP"))) {
            return st;
        }
        s->grouped = 1;
        do {
            if ((st = group_condition(P, s))) {
                return st;
            }
        } while (P->tok.kind == SP_T_VAR || P->tok.kind == '(' ||
                 (P->tok.kind == SP_T_NAME && sp_at_call(P)) || sp_at_iri(P));
    }
    s->agg.allowed = 1;
    if (sp_accept_kw(P, "HAVING")) {
        do {
            ilokg_expr **e;
            if ((st = sp_push(P, &s->having, &s->n_having, &s->cap_having, sizeof *e, &e)) ||
                (st = sp_constraint(P, e))) {
                return st;
            }
        } while (P->tok.kind == '(' || (P->tok.kind == SP_T_NAME && sp_at_call(P)) || sp_at_iri(P));
    }
    if (sp_accept_kw(P, "ORDER")) {
        if ((st = sp_expect_kw(P, "BY", "BY after ORDER"))) {
            return st;
        }
        do {
            if ((st = order_condition(P, s))) {
                return st;
            }
        } while (P->tok.kind == SP_T_VAR || P->tok.kind == '(' || sp_is(P, "ASC") ||
                 sp_is(P, "DESC") || (P->tok.kind == SP_T_NAME && sp_at_call(P)) || sp_at_iri(P));
    }
    s->agg.allowed = 0;
    return limit_offset(P, s);
}

static ilokg_status
where_clause(sp_parser *P, ilokg_op **out)
{
    sp_aggctx *agg = P->agg;
    sp_accept_kw(P, "WHERE");
    P->agg          = NULL;
    ilokg_status st = sp_group(P, out);
    P->agg          = agg;
    return st;
}

/* ---- Subqueries ----------------------------------------------------------------------------- */

/* Gives the subquery's variables their outer identity: projected ones become the outer
 * query's variables of the same name, the others hidden variables of their own. */
static ilokg_status
close_scope(sp_parser *P, sp_select *s, ilokg_op *op)
{
    sp_scope  *inner    = P->scope;
    ilokg_var *map      = malloc((P->q->n_vars + 1) * sizeof *map);
    size_t     n_before = P->q->n_vars;
    if (!map) {
        return sp_nomem(P);
    }
    for (size_t i = 0; i < n_before; i++) {
        map[i] = (ilokg_var)i;
    }
    P->scope        = inner->parent;
    ilokg_status st = ILOKG_OK;
    for (size_t i = 0; i < inner->n && !st; i++) {
        ilokg_var v         = inner->v[i].slot;
        int       projected = 0;
        for (size_t j = 0; j < s->n; j++) {
            projected |= s->items[j].var == v;
        }
        if (projected) {
            st                 = sp_var(P, inner->v[i].name, strlen(inner->v[i].name), &map[v]);
            P->q->var_names[v] = (char *)".unused";
        } else {
            size_t len  = strlen(inner->v[i].name) + 24;
            char  *name = sp_alloc(P->arena, len);
            if (!name) {
                st = sp_nomem(P);
                break;
            }
            snprintf(name, len, ".%s.%zu", inner->v[i].name, P->fresh++);
            P->q->var_names[v] = name;
        }
    }
    if (!st) {
        sp_remap_op(op, map);
    }
    free(map);
    return st;
}

static ilokg_status
subselect(sp_parser *P, ilokg_op **out)
{
    sp_select    s     = {.limit = ILOKG_NO_LIMIT};
    sp_scope    *inner = sp_alloc(P->arena, sizeof *inner);
    sp_aggctx   *agg   = P->agg;
    ilokg_op    *p;
    ilokg_status st;
    if (!inner) {
        return sp_nomem(P);
    }
    inner->parent = P->scope;
    P->scope      = inner;
    P->agg        = &s.agg;
    if (!(st = select_clause(P, &s)) && !(st = where_clause(P, &p)) &&
        !(st = solution_modifier(P, &s)) && sp_is(P, "VALUES")) {
        st = sp_values_block(P, &s.values);
    }
    P->agg = agg;
    if (!st) {
        st = sp_finish_level(P, &s, p, 1, out);
    }
    if (st) {
        P->scope = inner->parent;
        return st;
    }
    return close_scope(P, &s, *out);
}

/* ---- Query forms ---------------------------------------------------------------------------- */

static ilokg_status
dataset_clauses(sp_parser *P)
{
    ilokg_sparql *q   = P->q;
    size_t        cap = 0, cap_named = 0, n_off[2] = {0, 0}, cap_off[2] = {0, 0};
    size_t       *offs[2] = {NULL, NULL};
    while (sp_accept_kw(P, "FROM")) {
        int          named = sp_accept_kw(P, "NAMED");
        size_t       off   = P->tok.off;
        char       **slot;
        size_t      *op;
        ilokg_status st =
            named ? sp_push(P, &q->from_named, &q->n_from_named, &cap_named, sizeof *slot, &slot)
                  : sp_push(P, &q->from, &q->n_from, &cap, sizeof *slot, &slot);
        if (st || (st = sp_iri(P, (const char **)slot)) ||
            (st = sp_push(P, &offs[named], &n_off[named], &cap_off[named], sizeof *op, &op))) {
            return st;
        }
        *op = off;
    }
    if (n_off[0] + n_off[1] == 0) {
        return ILOKG_OK;
    }
    /* from_offset lists the offsets of FROM clauses first, then of FROM NAMED ones. */
    q->from_offset = sp_alloc(P->arena, (n_off[0] + n_off[1]) * sizeof *q->from_offset);
    if (!q->from_offset) {
        return sp_nomem(P);
    }
    if (n_off[0]) {
        memcpy(q->from_offset, offs[0], n_off[0] * sizeof *offs[0]);
    }
    if (n_off[1]) {
        memcpy(q->from_offset + n_off[0], offs[1], n_off[1] * sizeof *offs[1]);
    }
    return ILOKG_OK;
}

static ilokg_status
construct_template(sp_parser *P, ilokg_op **bgp)
{
    ilokg_status st = sp_op(P, ILOKG_OP_BGP, bgp);
    if (st || (st = sp_expect(P, '{', "'{' to open the CONSTRUCT template"))) {
        return st;
    }
    P->in_template = 1;
    if (sp_at_triples(P)) {
        st = sp_triples(P, *bgp, 0, 0);
    }
    P->in_template = 0;
    return st ? st : sp_expect(P, '}', "'}' to close the CONSTRUCT template");
}

/* CONSTRUCT WHERE { T }: T is both the template and the pattern (its blank nodes become
 * variables in the pattern). */
static ilokg_status
construct_where(sp_parser *P, const ilokg_op *tmpl, ilokg_op **pattern)
{
    ilokg_status st = sp_op(P, ILOKG_OP_BGP, pattern);
    size_t       id = ++P->bgp_counter;
    if (st || !tmpl->n_triples) {
        return st;
    }
    ilokg_op *g  = *pattern;
    g->triples   = sp_alloc(P->arena, tmpl->n_triples * sizeof *tmpl->triples);
    g->n_triples = tmpl->n_triples;
    if (!g->triples) {
        return sp_nomem(P);
    }
    for (size_t i = 0; i < tmpl->n_triples && !st; i++) {
        ilokg_triple *t       = &g->triples[i];
        *t                    = tmpl->triples[i];
        ilokg_qnode *nodes[3] = {&t->s, &t->p, &t->o};
        for (size_t k = 0; k < 3 && !st; k++) {
            if (!nodes[k]->is_var && nodes[k]->term.kind == ILOKG_QT_BLANK) {
                st = sp_bnode(P, nodes[k]->term.lex, nodes[k]->term.lex_len, id, nodes[k]);
            }
        }
    }
    return st;
}

static ilokg_status
construct_query(sp_parser *P, sp_select *s, ilokg_op **p)
{
    ilokg_status st;
    ilokg_op    *tmpl;
    sp_next(P); /* CONSTRUCT */
    if (P->tok.kind == '{') {
        if ((st = construct_template(P, &tmpl)) || (st = dataset_clauses(P)) ||
            (st = where_clause(P, p))) {
            return st;
        }
    } else if ((st = dataset_clauses(P)) || (st = sp_expect_kw(P, "WHERE", "'{' or WHERE")) ||
               (st = construct_template(P, &tmpl)) || (st = construct_where(P, tmpl, p))) {
        return st;
    }
    P->q->construct   = tmpl->triples;
    P->q->n_construct = tmpl->n_triples;
    return solution_modifier(P, s);
}

static ilokg_status
describe_query(sp_parser *P, sp_select *s, ilokg_op **p)
{
    ilokg_status st;
    size_t       cap = 0;
    sp_next(P); /* DESCRIBE */
    if (sp_accept(P, '*')) {
        s->star = 1;
    } else {
        do {
            ilokg_qnode *n;
            if ((st = sp_push(P, &P->q->describe, &P->q->n_describe, &cap, sizeof *n, &n)) ||
                (st = sp_var_or_iri(P, n))) {
                return st;
            }
        } while (P->tok.kind == SP_T_VAR || sp_at_iri(P));
    }
    if ((st = dataset_clauses(P))) {
        return st;
    }
    if (sp_is(P, "WHERE") || P->tok.kind == '{') {
        st = where_clause(P, p);
    } else {
        st = sp_op(P, ILOKG_OP_BGP, p);
    }
    return st ? st : solution_modifier(P, s);
}

static ilokg_status
prologue(sp_parser *P)
{
    ilokg_status st;
    for (;;) {
        if (sp_accept_kw(P, "BASE")) {
            if (P->tok.kind != SP_T_IRI) {
                return sp_expected(P, "an IRI in <...> after BASE");
            }
            if ((st = sp_iri(P, &P->base))) {
                return st;
            }
        } else if (sp_accept_kw(P, "PREFIX")) {
            if (P->tok.kind != SP_T_PNAME || P->tok.colon + 1 != P->tok.len) {
                return sp_expected(P, "a prefix name ending in ':' after PREFIX");
            }
            const char **slot;
            if ((st = sp_push(P, &P->prefixes, &P->n_prefixes, &P->cap_prefixes, 2 * sizeof *slot,
                              &slot))) {
                return st;
            }
            if (!(slot[0] = sp_strndup(P, P->text + P->tok.off, P->tok.colon))) {
                return sp_nomem(P);
            }
            sp_next(P);
            if (P->tok.kind != SP_T_IRI) {
                return sp_expected(P, "an IRI in <...> after the prefix name");
            }
            if ((st = sp_iri(P, &slot[1]))) {
                return st;
            }
        } else {
            return ILOKG_OK;
        }
    }
}

static int
at_update(sp_parser *P)
{
    static const char *const kws[] = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE",
                                      "DROP",   "COPY",   "MOVE", "ADD",   "WITH"};
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++) {
        if (sp_is(P, kws[i])) {
            return 1;
        }
    }
    return 0;
}

static ilokg_status
set_results(sp_parser *P, sp_select *s)
{
    ilokg_sparql *q = P->q;
    q->result_vars  = sp_alloc(P->arena, (s->n + q->n_describe + 1) * sizeof *q->result_vars);
    if (!q->result_vars) {
        return sp_nomem(P);
    }
    for (size_t i = 0; i < s->n; i++) {
        q->result_vars[q->n_result_vars++] = s->items[i].var;
    }
    for (size_t i = 0; i < q->n_describe; i++) {
        if (q->describe[i].is_var) {
            q->result_vars[q->n_result_vars++] = q->describe[i].var;
        }
    }
    return ILOKG_OK;
}

/* Query: Prologue ( SelectQuery | ConstructQuery | DescribeQuery | AskQuery ) ValuesClause. */
static ilokg_status
query(sp_parser *P)
{
    sp_select    s = {.limit = ILOKG_NO_LIMIT};
    ilokg_op    *p = NULL;
    ilokg_status st;
    P->agg = &s.agg;
    if ((st = prologue(P))) {
        return st;
    }
    if (at_update(P)) {
        return sp_error(P, ILOKG_ERR_QUERY, P->tok.off,
                        "SPARQL Update is not supported: ilokg answers queries only");
    }
    ilokg_form form = ILOKG_FORM_SELECT;
    if (sp_is(P, "SELECT")) {
        if (!(st = select_clause(P, &s)) && !(st = dataset_clauses(P)) &&
            !(st = where_clause(P, &p))) {
            st = solution_modifier(P, &s);
        }
    } else if (sp_is(P, "CONSTRUCT")) {
        form = ILOKG_FORM_CONSTRUCT;
        st   = construct_query(P, &s, &p);
    } else if (sp_is(P, "DESCRIBE")) {
        form = ILOKG_FORM_DESCRIBE;
        st   = describe_query(P, &s, &p);
    } else if (sp_accept_kw(P, "ASK")) {
        form = ILOKG_FORM_ASK;
        if (!(st = dataset_clauses(P)) && !(st = where_clause(P, &p))) {
            st = solution_modifier(P, &s);
        }
    } else {
        return sp_expected(P, "SELECT, CONSTRUCT, DESCRIBE or ASK");
    }
    if (!st && sp_is(P, "VALUES")) {
        st = sp_values_block(P, &s.values);
    }
    if (st || (st = sp_expect(P, SP_T_EOF, "the end of the query"))) {
        return st;
    }
    P->q->form = form;
    if ((st = sp_finish_level(P, &s, p, form == ILOKG_FORM_SELECT, &P->q->where))) {
        return st;
    }
    return form == ILOKG_FORM_SELECT || form == ILOKG_FORM_DESCRIBE ? set_results(P, &s) : ILOKG_OK;
}

ilokg_status
ilokg_sparql_parse(ilokg_sparql **out, const ilokg_source *src, const ilokg_sparql_options *opt,
                   ilokg_diag *diag)
{
    ilokg_status  st  = ILOKG_ERR_NOMEM;
    ilokg_sparql *q   = calloc(1, sizeof *q);
    sp_parser     P   = {.src   = src,
                         .text  = src->bytes,
                         .len   = src->len,
                         .diag  = diag,
                         .opt   = opt,
                         .q     = q,
                         .group = sp_group};
    sp_scope      top = {0};
    P.scope           = &top;
    if (!q || !(q->arena = calloc(1, sizeof(sp_arena)))) {
        st = ilokg_report(diag, ILOKG_ERR_NOMEM, NULL, SIZE_MAX, "out of memory parsing a query");
        goto done;
    }
    P.arena = q->arena;
    if (opt && opt->base && !(P.base = sp_strndup(&P, opt->base, strlen(opt->base)))) {
        st = sp_nomem(&P);
        goto done;
    }
    sp_lex(&P.tok, P.text, P.len, 0);
    if (!(st = query(&P))) {
        q->base = (char *)P.base;
        *out    = q;
        q       = NULL;
    }
done:
    ilokg_sparql_free(q);
    return st;
}

void
ilokg_sparql_free(ilokg_sparql *q)
{
    if (q) {
        sp_arena_free(q->arena);
        free(q);
    }
}
