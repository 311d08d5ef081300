/* SPDX-License-Identifier: Apache-2.0 */
/* SPARQL expressions (grammar rules 110-129 of section 19.8): operators by precedence, built-in
 * calls, function calls and aggregates. An aggregate becomes a variable: its value is bound to
 * a hidden variable by the GROUP of its query level (18.2.4.1). */
#include "query/sparql_int.h"

#include <string.h>

/* Built-ins in ilokg_builtin order, with their argument counts (max -1: any number). */
static const struct {
    const char *name;
    int         min, max;
} builtins[ILOKG_FN_COUNT_] = {
    {"STR", 1, 1},      {"LANG", 1, 1},      {"LANGMATCHES", 2, 2}, {"DATATYPE", 1, 1},
    {"BOUND", 1, 1},    {"IRI", 1, 1},       {"URI", 1, 1},         {"BNODE", 0, 1},
    {"RAND", 0, 0},     {"ABS", 1, 1},       {"CEIL", 1, 1},        {"FLOOR", 1, 1},
    {"ROUND", 1, 1},    {"CONCAT", 0, -1},   {"SUBSTR", 2, 3},      {"STRLEN", 1, 1},
    {"REPLACE", 3, 4},  {"UCASE", 1, 1},     {"LCASE", 1, 1},       {"ENCODE_FOR_URI", 1, 1},
    {"CONTAINS", 2, 2}, {"STRSTARTS", 2, 2}, {"STRENDS", 2, 2},     {"STRBEFORE", 2, 2},
    {"STRAFTER", 2, 2}, {"YEAR", 1, 1},      {"MONTH", 1, 1},       {"DAY", 1, 1},
    {"HOURS", 1, 1},    {"MINUTES", 1, 1},   {"SECONDS", 1, 1},     {"TIMEZONE", 1, 1},
    {"TZ", 1, 1},       {"NOW", 0, 0},       {"UUID", 0, 0},        {"STRUUID", 0, 0},
    {"MD5", 1, 1},      {"SHA1", 1, 1},      {"SHA256", 1, 1},      {"SHA384", 1, 1},
    {"SHA512", 1, 1},   {"COALESCE", 0, -1}, {"IF", 3, 3},          {"STRLANG", 2, 2},
    {"STRDT", 2, 2},    {"sameTerm", 2, 2},  {"isIRI", 1, 1},       {"isURI", 1, 1},
    {"isBLANK", 1, 1},  {"isLITERAL", 1, 1}, {"isNUMERIC", 1, 1},   {"REGEX", 2, 3},
};

static const struct {
    const char    *name;
    ilokg_agg_kind kind;
} aggregates[] = {
    {"COUNT", ILOKG_AGG_COUNT},
    {"SUM", ILOKG_AGG_SUM},
    {"MIN", ILOKG_AGG_MIN},
    {"MAX", ILOKG_AGG_MAX},
    {"AVG", ILOKG_AGG_AVG},
    {"SAMPLE", ILOKG_AGG_SAMPLE},
    {"GROUP_CONCAT", ILOKG_AGG_GROUP_CONCAT},
};

static int
find_builtin(sp_parser *P)
{
    for (int i = 0; i < ILOKG_FN_COUNT_; i++) {
        if (sp_is(P, builtins[i].name)) {
            return i;
        }
    }
    return -1;
}

static int
find_aggregate(sp_parser *P)
{
    for (int i = 0; i < (int)(sizeof aggregates / sizeof aggregates[0]); i++) {
        if (sp_is(P, aggregates[i].name)) {
            return i;
        }
    }
    return -1;
}

int
sp_at_call(sp_parser *P)
{
    return find_builtin(P) >= 0 || find_aggregate(P) >= 0 || sp_is(P, "EXISTS") ||
           sp_is(P, "NOT") || sp_at_iri(P);
}

static ilokg_status
binary(sp_parser *P, ilokg_expr_kind kind, ilokg_expr *a, ilokg_expr *b, ilokg_expr **out)
{
    ilokg_status st = sp_expr_new(P, kind, 2, out);
    if (!st) {
        (*out)->args[0] = a;
        (*out)->args[1] = b;
        (*out)->offset  = a->offset;
    }
    return st;
}

ilokg_status
sp_and_all(sp_parser *P, ilokg_expr **exprs, size_t n, ilokg_expr **out)
{
    *out = n ? exprs[0] : NULL;
    for (size_t i = 1; i < n; i++) {
        if (binary(P, ILOKG_EX_AND, *out, exprs[i], out)) {
            return ILOKG_ERR_NOMEM;
        }
    }
    return ILOKG_OK;
}

/* ( expr, ... ) or NIL into a new arena array. */
static ilokg_status
arg_list(sp_parser *P, ilokg_expr ***args, size_t *n)
{
    size_t       cap = 0;
    ilokg_status st;
    *args = NULL;
    *n    = 0;
    if (sp_accept(P, SP_T_NIL)) {
        return ILOKG_OK;
    }
    if ((st = sp_expect(P, '(', "'(' before the arguments"))) {
        return st;
    }
    do {
        ilokg_expr **slot;
        if ((st = sp_push(P, args, n, &cap, sizeof *slot, &slot)) ||
            (st = sp_expression(P, slot))) {
            return st;
        }
    } while (sp_accept(P, ','));
    return sp_expect(P, ')', "')' after the arguments");
}

static ilokg_status
exists(sp_parser *P, ilokg_expr_kind kind, ilokg_expr **out)
{
    size_t       off = P->tok.off;
    ilokg_status st  = sp_expr_new(P, kind, 0, out);
    sp_aggctx   *agg = P->agg;
    if (st) {
        return st;
    }
    (*out)->offset = off;
    P->agg         = NULL;
    st             = P->group(P, &(*out)->op);
    P->agg         = agg;
    return st;
}

static ilokg_status
aggregate(sp_parser *P, int which, ilokg_expr **out)
{
    size_t       off = P->tok.off;
    ilokg_status st;
    if (!P->agg || !P->agg->allowed) {
        return sp_error(P, ILOKG_ERR_SYNTAX, off,
                        "an aggregate may only appear in SELECT, HAVING or ORDER BY");
    }
    if (P->agg->inside) {
        return sp_error(P, ILOKG_ERR_SYNTAX, off, "aggregates may not be nested");
    }
    sp_next(P);
    ilokg_aggregate a = {.kind = aggregates[which].kind};
    if ((st = sp_expect(P, '(', "'(' after the aggregate's name"))) {
        return st;
    }
    a.distinct = sp_accept_kw(P, "DISTINCT");
    if (a.kind == ILOKG_AGG_COUNT && sp_accept(P, '*')) {
        a.arg = NULL;
    } else {
        P->agg->inside = 1;
        st             = sp_expression(P, &a.arg);
        P->agg->inside = 0;
        if (st) {
            return st;
        }
    }
    if (a.kind == ILOKG_AGG_GROUP_CONCAT && sp_accept(P, ';')) {
        size_t len;
        if ((st = sp_expect_kw(P, "SEPARATOR", "SEPARATOR")) ||
            (st = sp_expect(P, '=', "'=' after SEPARATOR")) ||
            (st = sp_string(P, &a.separator, &len))) {
            return st;
        }
    }
    if ((st = sp_expect(P, ')', "')' to close the aggregate")) ||
        (st = sp_hidden(P, "agg", &a.var))) {
        return st;
    }
    ilokg_aggregate *slot;
    if ((st = sp_push(P, &P->agg->aggs, &P->agg->n, &P->agg->cap, sizeof *slot, &slot)) ||
        (st = sp_expr_new(P, ILOKG_EX_VAR, 0, out))) {
        return st;
    }
    *slot          = a;
    (*out)->var    = a.var;
    (*out)->offset = off;
    return ILOKG_OK;
}

static ilokg_status
builtin(sp_parser *P, int fn, ilokg_expr **out)
{
    size_t       off = P->tok.off;
    ilokg_status st;
    sp_next(P);
    if (fn == ILOKG_FN_BOUND) {
        if ((st = sp_expect(P, '(', "'(' after BOUND"))) {
            return st;
        }
        if (P->tok.kind != SP_T_VAR) {
            return sp_expected(P, "a variable in BOUND");
        }
        if ((st = sp_expr_new(P, ILOKG_EX_BUILTIN, 1, out)) ||
            (st = sp_expr_new(P, ILOKG_EX_VAR, 0, &(*out)->args[0])) ||
            (st = sp_var(P, P->text + P->tok.off + 1, P->tok.len - 1, &(*out)->args[0]->var))) {
            return st;
        }
        sp_next(P);
        (*out)->fn     = ILOKG_FN_BOUND;
        (*out)->offset = off;
        return sp_expect(P, ')', "')' after BOUND's variable");
    }
    ilokg_expr **args;
    size_t       n, args_off = P->tok.off;
    if ((st = arg_list(P, &args, &n))) {
        return st;
    }
    if ((int)n < builtins[fn].min || (builtins[fn].max >= 0 && (int)n > builtins[fn].max)) {
        return sp_error(P, ILOKG_ERR_SYNTAX, args_off, "wrong number of arguments to %s",
                        builtins[fn].name);
    }
    if ((st = sp_expr_new(P, ILOKG_EX_BUILTIN, 0, out))) {
        return st;
    }
    (*out)->fn     = (ilokg_builtin)fn;
    (*out)->args   = args;
    (*out)->n_args = n;
    (*out)->offset = off;
    return ILOKG_OK;
}

static ilokg_status
call(sp_parser *P, ilokg_expr **out)
{
    int which;
    if ((which = find_aggregate(P)) >= 0) {
        return aggregate(P, which, out);
    }
    if ((which = find_builtin(P)) >= 0) {
        return builtin(P, which, out);
    }
    if (sp_accept_kw(P, "EXISTS")) {
        return exists(P, ILOKG_EX_EXISTS, out);
    }
    if (sp_is(P, "NOT")) {
        sp_next(P);
        ilokg_status st = sp_expect_kw(P, "EXISTS", "EXISTS after NOT");
        return st ? st : exists(P, ILOKG_EX_NOT_EXISTS, out);
    }
    return sp_expected(P, "a function call");
}

static ilokg_status
iri_or_function(sp_parser *P, ilokg_expr **out)
{
    size_t       off = P->tok.off;
    ilokg_qterm  t   = {.kind = ILOKG_QT_IRI};
    ilokg_status st  = sp_iri(P, &t.lex);
    if (st) {
        return st;
    }
    t.lex_len = strlen(t.lex);
    int fn    = P->tok.kind == '(' || P->tok.kind == SP_T_NIL;
    if ((st = sp_expr_new(P, fn ? ILOKG_EX_FUNCTION : ILOKG_EX_CONST, 0, out))) {
        return st;
    }
    (*out)->term   = t;
    (*out)->offset = off;
    if (fn && P->tok.kind == '(') {
        sp_token next;
        sp_lex(&next, P->text, P->len, P->tok.off + 1);
        if (sp_tok_is(&next, P->text, "DISTINCT")) {
            return sp_error(P, ILOKG_ERR_SYNTAX, next.off,
                            "DISTINCT is only allowed in aggregates");
        }
    }
    return fn ? arg_list(P, &(*out)->args, &(*out)->n_args) : ILOKG_OK;
}

static ilokg_status
primary(sp_parser *P, ilokg_expr **out)
{
    size_t       off = P->tok.off;
    ilokg_status st;
    if (P->tok.kind == '(') {
        return sp_bracketted(P, out);
    }
    if (P->tok.kind == SP_T_VAR) {
        if ((st = sp_expr_new(P, ILOKG_EX_VAR, 0, out))) {
            return st;
        }
        st = sp_var(P, P->text + off + 1, P->tok.len - 1, &(*out)->var);
        sp_next(P);
        return st;
    }
    if (sp_at_iri(P)) {
        return iri_or_function(P, out);
    }
    if (sp_at_literal(P)) {
        if ((st = sp_expr_new(P, ILOKG_EX_CONST, 0, out))) {
            return st;
        }
        return sp_literal(P, &(*out)->term);
    }
    if (P->tok.kind == SP_T_NAME && sp_at_call(P)) {
        return call(P, out);
    }
    return sp_expected(P, "an expression");
}

static ilokg_status
unary(sp_parser *P, ilokg_expr **out)
{
    static const struct {
        int             tok;
        ilokg_expr_kind kind;
    } ops[] = {{'!', ILOKG_EX_NOT}, {'+', ILOKG_EX_POS}, {'-', ILOKG_EX_NEG}};
    if (sp_at_literal(P)) {
        return primary(P, out);
    }
    for (size_t i = 0; i < 3; i++) {
        if (P->tok.kind == ops[i].tok) {
            size_t       off = P->tok.off;
            ilokg_status st  = sp_expr_new(P, ops[i].kind, 1, out);
            if (st) {
                return st;
            }
            sp_next(P);
            (*out)->offset = off;
            return primary(P, &(*out)->args[0]);
        }
    }
    return primary(P, out);
}

static ilokg_status
multiplicative(sp_parser *P, ilokg_expr **out)
{
    ilokg_status st = unary(P, out);
    while (!st && (P->tok.kind == '*' || P->tok.kind == '/')) {
        ilokg_expr_kind k = P->tok.kind == '*' ? ILOKG_EX_MUL : ILOKG_EX_DIV;
        ilokg_expr     *b;
        sp_next(P);
        if (!(st = unary(P, &b))) {
            st = binary(P, k, *out, b, out);
        }
    }
    return st;
}

static ilokg_status
additive(sp_parser *P, ilokg_expr **out)
{
    ilokg_status st = multiplicative(P, out);
    while (!st && (P->tok.kind == '+' || P->tok.kind == '-')) {
        ilokg_expr_kind k = P->tok.kind == '+' ? ILOKG_EX_ADD : ILOKG_EX_SUB;
        ilokg_expr     *b;
        sp_next(P);
        if (!(st = multiplicative(P, &b))) {
            st = binary(P, k, *out, b, out);
        }
    }
    return st;
}

static ilokg_status
in_list(sp_parser *P, ilokg_expr_kind kind, ilokg_expr **out)
{
    ilokg_expr **args;
    size_t       n;
    ilokg_status st = arg_list(P, &args, &n);
    ilokg_expr  *e;
    if (st || (st = sp_expr_new(P, kind, n + 1, &e))) {
        return st;
    }
    e->args[0] = *out;
    e->offset  = (*out)->offset;
    if (n) {
        memcpy(e->args + 1, args, n * sizeof *args);
    }
    *out = e;
    return ILOKG_OK;
}

static ilokg_status
relational(sp_parser *P, ilokg_expr **out)
{
    static const struct {
        int             tok;
        ilokg_expr_kind kind;
    } ops[]         = {{'=', ILOKG_EX_EQ}, {SP_T_NE, ILOKG_EX_NE}, {'<', ILOKG_EX_LT},
                       {'>', ILOKG_EX_GT}, {SP_T_LE, ILOKG_EX_LE}, {SP_T_GE, ILOKG_EX_GE}};
    ilokg_status st = additive(P, out);
    if (st) {
        return st;
    }
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (P->tok.kind == ops[i].tok) {
            ilokg_expr *b;
            sp_next(P);
            return (st = additive(P, &b)) ? st : binary(P, ops[i].kind, *out, b, out);
        }
    }
    if (sp_accept_kw(P, "IN")) {
        return in_list(P, ILOKG_EX_IN, out);
    }
    if (sp_is(P, "NOT")) {
        sp_next(P);
        return (st = sp_expect_kw(P, "IN", "IN after NOT")) ? st : in_list(P, ILOKG_EX_NOT_IN, out);
    }
    return ILOKG_OK;
}

static ilokg_status
conjunction(sp_parser *P, ilokg_expr **out)
{
    ilokg_status st = relational(P, out);
    while (!st && sp_accept(P, SP_T_AND)) {
        ilokg_expr *b;
        if (!(st = relational(P, &b))) {
            st = binary(P, ILOKG_EX_AND, *out, b, out);
        }
    }
    return st;
}

ilokg_status
sp_expression(sp_parser *P, ilokg_expr **out)
{
    ilokg_status st = conjunction(P, out);
    while (!st && sp_accept(P, SP_T_OR)) {
        ilokg_expr *b;
        if (!(st = conjunction(P, &b))) {
            st = binary(P, ILOKG_EX_OR, *out, b, out);
        }
    }
    return st;
}

ilokg_status
sp_bracketted(sp_parser *P, ilokg_expr **out)
{
    ilokg_status st = sp_expect(P, '(', "'('");
    if (!st && !(st = sp_expression(P, out))) {
        st = sp_expect(P, ')', "')' to close the expression");
    }
    return st;
}

ilokg_status
sp_constraint(sp_parser *P, ilokg_expr **out)
{
    if (P->tok.kind == '(') {
        return sp_bracketted(P, out);
    }
    if (sp_at_iri(P)) {
        ilokg_status st = iri_or_function(P, out);
        if (!st && (*out)->kind != ILOKG_EX_FUNCTION) {
            return sp_error(P, ILOKG_ERR_SYNTAX, (*out)->offset,
                            "expected a function call, found an IRI");
        }
        return st;
    }
    if (P->tok.kind == SP_T_NAME && sp_at_call(P)) {
        return call(P, out);
    }
    return sp_expected(P, "a bracketed expression or a function call");
}
