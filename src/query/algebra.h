/* SPDX-License-Identifier: Apache-2.0 */
/* A parsed SPARQL 1.1 query: its form, dataset, and its WHERE clause translated into the SPARQL
 * algebra (SPARQL 1.1 section 18.2), ready for the evaluator. The parser (sparql_parse.c) makes
 * it; the evaluator (eval*.c) reads it and fills the `id` fields of constants at preparation. */
#ifndef ILOKG_ALGEBRA_H
#define ILOKG_ALGEBRA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "query/qterm.h"
#include "util/source.h"
#include "util/status.h"

typedef struct ilokg_op   ilokg_op;
typedef struct ilokg_expr ilokg_expr;
typedef struct ilokg_path ilokg_path;

/** A variable is a slot number: a solution is an array of ilokg_id indexed by slot, one per
 *  variable of the whole query (ILOKG_ID_NONE: unbound). */
typedef uint32_t ilokg_var;

/** A place in a triple pattern or a VALUES row: a variable, or a constant term. */
typedef struct {
    int         is_var;
    ilokg_var   var;  /* when is_var */
    ilokg_qterm term; /* when !is_var (strings owned by the query); kind 0: UNDEF in VALUES */
    ilokg_id    id;   /* the evaluator's id of term, set when preparing */
} ilokg_qnode;

/* ---- Expressions -------------------------------------------------------------------------- */

typedef enum {
    ILOKG_EX_VAR,   /* var */
    ILOKG_EX_CONST, /* term (id filled when preparing) */
    ILOKG_EX_OR,    /* args[0] || args[1] */
    ILOKG_EX_AND,   /* args[0] && args[1] */
    ILOKG_EX_NOT,   /* !args[0] */
    ILOKG_EX_EQ,    /* args[0] = args[1] */
    ILOKG_EX_NE,
    ILOKG_EX_LT,
    ILOKG_EX_GT,
    ILOKG_EX_LE,
    ILOKG_EX_GE,
    ILOKG_EX_ADD, /* args[0] + args[1] */
    ILOKG_EX_SUB,
    ILOKG_EX_MUL,
    ILOKG_EX_DIV,
    ILOKG_EX_NEG, /* -args[0] */
    ILOKG_EX_POS, /* +args[0] */
    ILOKG_EX_IN,  /* args[0] IN (args[1..n_args-1]) */
    ILOKG_EX_NOT_IN,
    ILOKG_EX_BUILTIN,    /* fn(args) */
    ILOKG_EX_FUNCTION,   /* term (an IRI: an XSD cast, or a function ilokg does not know: error
                          * when evaluated) applied to args */
    ILOKG_EX_EXISTS,     /* op, evaluated with the current solution substituted */
    ILOKG_EX_NOT_EXISTS, /* op */
} ilokg_expr_kind;

/** The built-in functions of SPARQL 1.1 (section 17.4), by the name they are called. */
typedef enum {
    ILOKG_FN_STR,
    ILOKG_FN_LANG,
    ILOKG_FN_LANGMATCHES,
    ILOKG_FN_DATATYPE,
    ILOKG_FN_BOUND,
    ILOKG_FN_IRI,
    ILOKG_FN_URI,
    ILOKG_FN_BNODE,
    ILOKG_FN_RAND,
    ILOKG_FN_ABS,
    ILOKG_FN_CEIL,
    ILOKG_FN_FLOOR,
    ILOKG_FN_ROUND,
    ILOKG_FN_CONCAT,
    ILOKG_FN_SUBSTR,
    ILOKG_FN_STRLEN,
    ILOKG_FN_REPLACE,
    ILOKG_FN_UCASE,
    ILOKG_FN_LCASE,
    ILOKG_FN_ENCODE_FOR_URI,
    ILOKG_FN_CONTAINS,
    ILOKG_FN_STRSTARTS,
    ILOKG_FN_STRENDS,
    ILOKG_FN_STRBEFORE,
    ILOKG_FN_STRAFTER,
    ILOKG_FN_YEAR,
    ILOKG_FN_MONTH,
    ILOKG_FN_DAY,
    ILOKG_FN_HOURS,
    ILOKG_FN_MINUTES,
    ILOKG_FN_SECONDS,
    ILOKG_FN_TIMEZONE,
    ILOKG_FN_TZ,
    ILOKG_FN_NOW,
    ILOKG_FN_UUID,
    ILOKG_FN_STRUUID,
    ILOKG_FN_MD5,
    ILOKG_FN_SHA1,
    ILOKG_FN_SHA256,
    ILOKG_FN_SHA384,
    ILOKG_FN_SHA512,
    ILOKG_FN_COALESCE,
    ILOKG_FN_IF,
    ILOKG_FN_STRLANG,
    ILOKG_FN_STRDT,
    ILOKG_FN_SAMETERM,
    ILOKG_FN_ISIRI,
    ILOKG_FN_ISURI,
    ILOKG_FN_ISBLANK,
    ILOKG_FN_ISLITERAL,
    ILOKG_FN_ISNUMERIC,
    ILOKG_FN_REGEX,
    ILOKG_FN_COUNT_ /* not a function: the number of entries */
} ilokg_builtin;

struct ilokg_expr {
    ilokg_expr_kind kind;
    ilokg_builtin   fn;   /* ILOKG_EX_BUILTIN */
    ilokg_var       var;  /* ILOKG_EX_VAR */
    ilokg_qterm     term; /* ILOKG_EX_CONST; the function IRI of ILOKG_EX_FUNCTION */
    ilokg_id        id;   /* ILOKG_EX_CONST: set when preparing */
    ilokg_expr    **args;
    size_t          n_args;
    ilokg_op       *op;     /* ILOKG_EX_EXISTS, ILOKG_EX_NOT_EXISTS */
    size_t          offset; /* byte offset in the query text, for messages */
};

/* ---- Aggregates ----------------------------------------------------------------------------- */

typedef enum {
    ILOKG_AGG_COUNT,
    ILOKG_AGG_SUM,
    ILOKG_AGG_MIN,
    ILOKG_AGG_MAX,
    ILOKG_AGG_AVG,
    ILOKG_AGG_SAMPLE,
    ILOKG_AGG_GROUP_CONCAT,
} ilokg_agg_kind;

/** One aggregate of a group. Its value is bound, per group, to the hidden variable var; the
 *  projection, HAVING and ORDER BY read it from there. */
typedef struct {
    ilokg_agg_kind kind;
    int            distinct;
    ilokg_expr    *arg;       /* NULL: COUNT(*) */
    const char    *separator; /* GROUP_CONCAT (UTF-8, owned by the query); NULL: " " */
    ilokg_var      var;
} ilokg_aggregate;

/* ---- Property paths (section 9; what remains after the translation of 18.2.2.4) -------------- */

typedef enum {
    ILOKG_PATH_LINK,         /* iri */
    ILOKG_PATH_INV,          /* ^a */
    ILOKG_PATH_SEQ,          /* a / b */
    ILOKG_PATH_ALT,          /* a | b */
    ILOKG_PATH_ZERO_OR_MORE, /* a* */
    ILOKG_PATH_ONE_OR_MORE,  /* a+ */
    ILOKG_PATH_ZERO_OR_ONE,  /* a? */
    ILOKG_PATH_NEG,          /* !(fwd... | ^inv...) */
} ilokg_path_kind;

struct ilokg_path {
    ilokg_path_kind kind;
    ilokg_qnode     iri;   /* ILOKG_PATH_LINK (a constant IRI) */
    ilokg_path     *a, *b; /* operands */
    ilokg_qnode    *fwd;   /* ILOKG_PATH_NEG: IRIs not to follow forwards */
    size_t          n_fwd;
    ilokg_qnode    *inv; /* ... nor backwards */
    size_t          n_inv;
};

/** A triple pattern; path non-NULL for a path pattern (s path o), where p is then unused. */
typedef struct {
    ilokg_qnode s, p, o;
    ilokg_path *path;
} ilokg_triple;

/* ---- Algebra operators ---------------------------------------------------------------------- */

typedef enum {
    ILOKG_OP_BGP,      /* triples (an empty BGP gives one empty solution); path patterns too */
    ILOKG_OP_JOIN,     /* a, b */
    ILOKG_OP_LEFTJOIN, /* a, b, filter expr (may be NULL: true) */
    ILOKG_OP_MINUS,    /* a, b */
    ILOKG_OP_UNION,    /* a, b */
    ILOKG_OP_FILTER,   /* a, exprs (all must be true) */
    ILOKG_OP_GRAPH,    /* graph (a variable or an IRI), a */
    ILOKG_OP_EXTEND,   /* a, var := expr (error: var stays unbound) */
    ILOKG_OP_TABLE,    /* VALUES: vars, rows (n_rows * n_vars qnodes; term.kind 0 = UNDEF) */
    ILOKG_OP_GROUP,    /* a grouped by keys (key_vars[i]: the variable key i binds, or the key's
                        * own variable when the key is a plain variable; ILOKG_VAR_NONE when it
                        * binds none), computing aggs. Each output solution binds only the key
                        * variables and the aggregates' hidden variables. No keys: one group,
                        * even over no solutions. */
    ILOKG_OP_ORDER,    /* a, conds */
    ILOKG_OP_PROJECT,  /* a, vars: every other variable unbound in the output */
    ILOKG_OP_DISTINCT, /* a */
    ILOKG_OP_REDUCED,  /* a */
    ILOKG_OP_SLICE,    /* a, offset, limit (ILOKG_NO_LIMIT: none) */
} ilokg_op_kind;

#define ILOKG_VAR_NONE UINT32_MAX
#define ILOKG_NO_LIMIT SIZE_MAX

typedef struct {
    ilokg_expr *expr;
    int         desc;
} ilokg_order_cond;

struct ilokg_op {
    ilokg_op_kind     kind;
    ilokg_op         *a, *b;
    ilokg_triple     *triples; /* BGP */
    size_t            n_triples;
    ilokg_expr      **exprs; /* FILTER; GROUP keys */
    size_t            n_exprs;
    ilokg_expr       *expr;  /* LEFTJOIN filter; EXTEND */
    ilokg_var         var;   /* EXTEND */
    ilokg_qnode       graph; /* GRAPH */
    ilokg_var        *vars;  /* TABLE columns; PROJECT; GROUP: key_vars (n_exprs of them) */
    size_t            n_vars;
    ilokg_qnode      *rows; /* TABLE */
    size_t            n_rows;
    ilokg_aggregate  *aggs; /* GROUP */
    size_t            n_aggs;
    ilokg_order_cond *conds; /* ORDER */
    size_t            n_conds;
    size_t            offset, limit; /* SLICE */
};

/* ---- The query ------------------------------------------------------------------------------ */

typedef enum {
    ILOKG_FORM_SELECT,
    ILOKG_FORM_CONSTRUCT,
    ILOKG_FORM_DESCRIBE,
    ILOKG_FORM_ASK,
} ilokg_form;

typedef struct {
    ilokg_form form;
    ilokg_op  *where;          /* the whole solution sequence: for SELECT it already holds the
                                * GROUP, EXTEND, HAVING, ORDER, PROJECT, DISTINCT, SLICE steps */
    size_t n_vars;             /* slots in a solution */
    char **var_names;          /* slot -> name without '?'; hidden variables (blank nodes of
                                * patterns, path steps, aggregates, inner variables of a
                                * subquery) have names starting with '.' */
    ilokg_var    *result_vars; /* SELECT: the result columns in order (SELECT * resolved) */
    size_t        n_result_vars;
    ilokg_triple *construct; /* CONSTRUCT template (a blank node in it: term.kind BLANK, a
                              * fresh node per solution) */
    size_t       n_construct;
    ilokg_qnode *describe; /* DESCRIBE resources and variables (DESCRIBE *: result_vars) */
    size_t       n_describe;
    char       **from; /* FROM IRIs (absolute) */
    size_t       n_from;
    char       **from_named; /* FROM NAMED IRIs (absolute) */
    size_t       n_from_named;
    size_t      *from_offset; /* byte offsets of from[i] then from_named[i] in the text */
    char        *base;        /* the base IRI in force at the end of the prologue, or NULL */
    void        *arena;       /* the parser's memory */
} ilokg_sparql;

/** Prefixes every query may use without declaring them (the graph's vocabularies); pass
 *  NULL/0 for none. A declaration in the query overrides one of these. */
typedef struct {
    const char *const (*prefixes)[2]; /* {name without ':', IRI} pairs */
    size_t      n_prefixes;
    const char *base; /* initial base IRI (NULL: none; then a relative IRI with
                       * no BASE is kept as written) */
} ilokg_sparql_options;

/** Parses a SPARQL 1.1 query (section 19's grammar, all of it but SERVICE) from src and
 *  translates it into the algebra. Errors, the first one only, reported with the line and
 *  column of the token at fault: ILOKG_ERR_SYNTAX for what the grammar or the rules of 19.8
 *  refuse (an unknown prefix, a variable of SELECT not grouped, BIND of a variable already in
 *  scope, ...), ILOKG_ERR_QUERY for what is valid but not supported (SERVICE, SPARQL Update: with
 *  a message that says so). *out is the caller's, freed with ilokg_sparql_free. */
ilokg_status ilokg_sparql_parse(ilokg_sparql **out, const ilokg_source *src,
                                const ilokg_sparql_options *opt, ilokg_diag *diag);
void         ilokg_sparql_free(ilokg_sparql *q);

/** Writes the algebra as an S-expression (for tests and --explain), one operator a line. */
ilokg_status ilokg_sparql_dump(const ilokg_sparql *q, FILE *fp);

#endif
