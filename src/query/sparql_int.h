/* SPDX-License-Identifier: Apache-2.0 */
/* The SPARQL parser's internals, shared by its files: the parser state, the arena every part of
 * a query lives in, variable scopes, and the entry points of each part of the grammar. */
#ifndef ILOKG_SPARQL_INT_H
#define ILOKG_SPARQL_INT_H

#include <stddef.h>

#include "query/algebra.h"
#include "query/sparql_lex.h"
#include "util/source.h"
#include "util/status.h"

/* ---- Arena ---------------------------------------------------------------------------------- */

typedef struct sp_chunk sp_chunk;
/** All memory of one query: chunks freed together by sp_arena_free. */
typedef struct {
    sp_chunk *head;
} sp_arena;

/** n zeroed bytes from the arena; NULL when out of memory. */
void *sp_alloc(sp_arena *a, size_t n);
void  sp_arena_free(sp_arena *a);

/* ---- Parser state --------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    ilokg_var   slot;
} sp_binding;

/** The variables of one query level: the whole query, or one subquery. */
typedef struct sp_scope {
    struct sp_scope *parent;
    sp_binding      *v;
    size_t           n, cap;
} sp_scope;

typedef struct {
    const char *label;
    size_t      bgp; /* the basic graph pattern the label belongs to */
    ilokg_var   var;
} sp_label;

/** The aggregates of one query level, and where they may appear. */
typedef struct {
    ilokg_aggregate *aggs;
    size_t           n, cap;
    int              allowed; /* parsing SELECT, HAVING or ORDER BY */
    int              inside;  /* parsing an aggregate's argument */
} sp_aggctx;

/** The group pattern parser (sparql_parse.c), which EXISTS inside an expression calls back. */
typedef struct sp_parser sp_parser;
typedef ilokg_status (*sp_group_fn)(sp_parser *P, ilokg_op **out);

struct sp_parser {
    const ilokg_source         *src;
    const char                 *text;
    size_t                      len;
    ilokg_diag                 *diag;
    const ilokg_sparql_options *opt;
    ilokg_sparql               *q;
    sp_arena                   *arena;
    sp_token                    tok;      /* the current token */
    size_t                      prev_end; /* where the previous token ended */
    int                         prev_kind;
    const char                 *base;
    const char                **prefixes; /* name, IRI, name, IRI... */
    size_t                      n_prefixes, cap_prefixes;
    size_t                      cap_vars;
    sp_scope                   *scope;
    sp_label                   *labels;
    size_t                      n_labels, cap_labels;
    size_t                      bgp_counter;
    size_t                      fresh; /* counter for hidden names */
    sp_aggctx                  *agg;
    int                         in_template; /* blank nodes are constants (CONSTRUCT) */
    /* GroupGraphPattern, set by the query parser: the expression parser (below it) reaches the
     * pattern grammar for EXISTS through it, so the recursion needs no call back up. */
    sp_group_fn group;
};

/* ---- Helpers (sparql_translate.c) ----------------------------------------------------------- */

/** Appends a zeroed element to an arena array; *slot gets its address. */
ilokg_status sp_push(sp_parser *P, void *arr, size_t *n, size_t *cap, size_t elem, void *slot);
char        *sp_strndup(sp_parser *P, const char *s, size_t len);
ilokg_status sp_nomem(sp_parser *P);
/** Reports a syntax error at the current token: "expected WHAT, found 'TOKEN'". */
ilokg_status sp_expected(sp_parser *P, const char *what);
/** Reports an error at byte offset off. */
ilokg_status sp_error(sp_parser *P, ilokg_status st, size_t off, const char *fmt, ...)
    ILOKG_PRINTF(4, 5);
void sp_next(sp_parser *P);
int  sp_is(sp_parser *P, const char *kw);
/** Consumes the current token when it is of kind k (a punctuation character or SP_T_*). */
int          sp_accept(sp_parser *P, int k);
int          sp_accept_kw(sp_parser *P, const char *kw);
ilokg_status sp_expect(sp_parser *P, int k, const char *what);
ilokg_status sp_expect_kw(sp_parser *P, const char *kw, const char *what);

/** The slot of a visible variable name in the current scope, made when new. */
ilokg_status sp_var(sp_parser *P, const char *name, size_t len, ilokg_var *out);
/** A new hidden variable named "." prefix number. */
ilokg_status sp_hidden(sp_parser *P, const char *prefix, ilokg_var *out);
ilokg_status sp_op(sp_parser *P, ilokg_op_kind kind, ilokg_op **out);
ilokg_status sp_expr_new(sp_parser *P, ilokg_expr_kind kind, size_t n_args, ilokg_expr **out);
/** Join(a, b) with Join(Z, b) = b (a NULL stands for the empty pattern Z). */
ilokg_status sp_join(sp_parser *P, ilokg_op *a, ilokg_op *b, ilokg_op **out);

/** Calls fn for each variable in scope of op (section 18.2.1), in order of appearance. */
typedef ilokg_status (*sp_var_fn)(sp_parser *P, ilokg_var v, void *payload);
ilokg_status sp_inscope(sp_parser *P, const ilokg_op *op, sp_var_fn fn, void *payload);
int          sp_in_scope_of(sp_parser *P, const ilokg_op *op, ilokg_var v);
/** Replaces every variable v of op by map[v]. */
void sp_remap_op(ilokg_op *op, const ilokg_var *map);

/** One projected variable: expr is what (expr AS ?var) binds to it, or NULL. */
typedef struct {
    ilokg_var   var;
    ilokg_expr *expr;
    size_t      off; /* where the variable was written */
} sp_item;

/** One query level's SELECT clause and solution modifiers, as parsed. */
typedef struct {
    int               star, distinct, reduced;
    size_t            star_off; /* where SELECT's '*' is */
    sp_item          *items;
    size_t            n, cap;
    ilokg_expr      **keys;
    ilokg_var        *key_vars;
    size_t            n_keys, cap_keys;
    int               grouped; /* GROUP BY given */
    ilokg_expr      **having;
    size_t            n_having, cap_having;
    ilokg_order_cond *conds;
    size_t            n_conds, cap_conds;
    size_t            offset, limit;
    ilokg_op         *values; /* trailing VALUES, or NULL */
    sp_aggctx         agg;
} sp_select;

/** Builds the algebra of 18.2.4-18.2.5 over the pattern p for one query level, checking the
 *  rules of 19.8 on its SELECT clause; project: whether to project (SELECT). */
ilokg_status sp_finish_level(sp_parser *P, sp_select *s, ilokg_op *p, int project, ilokg_op **out);

/* ---- Grammar parts -------------------------------------------------------------------------- */

/* sparql_terms.c */
ilokg_status sp_iri(sp_parser *P, const char **out); /* iri (IRIREF or prefixed name) */
int          sp_at_iri(sp_parser *P);
ilokg_status sp_literal(sp_parser *P, ilokg_qterm *out); /* RDFLiteral, number, boolean */
int          sp_at_literal(sp_parser *P);
ilokg_status sp_string(sp_parser *P, const char **out, size_t *len); /* String */
ilokg_status sp_resolve(sp_parser *P, const char *iri, size_t len, const char **out);
/** A term for a blank node label (or NULL: a fresh one): a hidden variable in a pattern, a
 *  constant in a template. */
ilokg_status sp_bnode(sp_parser *P, const char *label, size_t len, size_t bgp, ilokg_qnode *out);
/** TriplesBlock / TriplesTemplate: triples appended to *bgp (paths allowed unless template). */
ilokg_status sp_triples(sp_parser *P, ilokg_op *bgp, size_t bgp_id, int paths);
int          sp_at_triples(sp_parser *P);
ilokg_status sp_var_or_iri(sp_parser *P, ilokg_qnode *out);

/* sparql_pexpr.c */
ilokg_status sp_expression(sp_parser *P, ilokg_expr **out);
ilokg_status sp_bracketted(sp_parser *P, ilokg_expr **out);
/** Constraint (FILTER's argument) / OrderCondition's / GroupCondition's call forms. */
ilokg_status sp_constraint(sp_parser *P, ilokg_expr **out);
int          sp_at_call(sp_parser *P);
ilokg_status sp_and_all(sp_parser *P, ilokg_expr **exprs, size_t n, ilokg_expr **out);

#endif
