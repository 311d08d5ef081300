/* SPDX-License-Identifier: Apache-2.0 */
/* SPARQL 1.1 query checking and rewriting into what rasqal 0.9.33 answers correctly. */
#ifndef ILOKG_QUERY_REWRITE_H
#define ILOKG_QUERY_REWRITE_H

#include <stddef.h>

#include "ilokg.h"
#include "source.h"
#include "status.h"

typedef enum {
    ILOKG_QFORM_SELECT,
    ILOKG_QFORM_CONSTRUCT,
    ILOKG_QFORM_DESCRIBE,
    ILOKG_QFORM_ASK,
} ilokg_qform;

/** What an aggregate projection gives over an empty pattern (SPARQL 1.1 section 18.5). */
typedef enum {
    ILOKG_EMPTY_UNBOUND, /* MIN, MAX, SAMPLE, a plain variable */
    ILOKG_EMPTY_ZERO,    /* COUNT, SUM, AVG: "0"^^xsd:integer */
    ILOKG_EMPTY_STRING,  /* GROUP_CONCAT: "" */
    ILOKG_EMPTY_UNKNOWN, /* any other expression: not computed here */
} ilokg_empty_value;

/** One piece of the rewritten text: out bytes from out_start came from source offset in_start
 *  (copied when copied is set, generated at in_start otherwise). */
typedef struct {
    size_t out_start, in_start;
    int    copied;
} ilokg_rw_piece;

/** A checked query and the text to hand to the engine. */
typedef struct {
    char              *text; /* the rewritten query (NUL-terminated) */
    size_t             len;
    ilokg_rw_piece    *pieces;   /* rewritten text -> first-pass text */
    size_t             n_pieces;
    ilokg_rw_piece    *pieces0;  /* first-pass text (variable copies) -> source; NULL: same */
    size_t             n_pieces0;
    ilokg_qform        form;
    char             **from, **from_named; /* FROM / FROM NAMED IRIs as written (absolute or not) */
    size_t            *from_off, *from_named_off; /* their source offsets */
    size_t             n_from, n_from_named;
    int                uses_graph;   /* GRAPH appears */
    /* Aggregates: rasqal answers an aggregate over an empty pattern wrongly (no row, or a bogus
     * row), so the caller checks emptiness with ask_text and answers itself. */
    int                aggregates, group_by, having;
    char              *ask_text;     /* "ASK { WHERE group }" with the prologue; NULL if unneeded */
    char             **proj_names;   /* SELECT projection, for the empty answer */
    ilokg_empty_value *proj_empty;
    size_t             n_proj;
    size_t             n_rewrites;   /* how many constructs were rewritten */
    /* The default graph lives in the context ILOKG_DEFAULT_GRAPH (named graphs are present, and
     * librdf's default graph would be the union of all): the query reads it through GRAPH. */
    int                default_context;
    /* ORDER BY, LIMIT and OFFSET applied by the caller (rasqal leaves rows in group order after
     * GROUP BY): the keys are projected variables; NULL/0 when the engine orders. */
    char             **order_vars;
    int               *order_desc;
    size_t             n_order;
    size_t             limit, offset; /* SIZE_MAX: no LIMIT */
} ilokg_rewrite;

/** The graph name that holds the default graph when named graphs are present. */
#define ILOKG_DEFAULT_GRAPH "urn:x-ilokg:default-graph"

/** Flags of ilokg_query_rewrite: the dataset comes from files given on the command line
 *  (FROM clauses are then ignored), and some of them are named graphs. CHECK_ONLY: the query
 *  goes to a full SPARQL 1.1 engine (an endpoint), not rasqal: it is parsed and checked all the
 *  same (syntax, unknown prefixes, SPARQL Update, a MINUS that shares no variable), but nothing
 *  is refused or rewritten for rasqal's sake. */
enum { ILOKG_RW_FILES = 1, ILOKG_RW_NAMED = 2, ILOKG_RW_CHECK_ONLY = 4 };

/** Checks and rewrites the query in src. Syntax errors (ILOKG_ERR_SYNTAX) and refused constructs
 *  (ILOKG_ERR_QUERY) are reported with their line and column. base is the IRI predeclared as
 *  id: (NULL: ILOKG_DEFAULT_BASE); flags are ILOKG_RW_*. With ILOKG_RW_CHECK_ONLY, text is the
 *  query as written after the declarations of the predeclared prefixes it uses (on its first
 *  line, so that line numbers stay the source's); the fields for the local engine (aggregates,
 *  projection, ordering, default_context, n_rewrites) stay empty. *out is the caller's, freed with
 * ilokg_rewrite_free. */
ilokg_status ilokg_query_rewrite(ilokg_rewrite **out, const ilokg_source *src, const char *base,
                                 unsigned flags, ilokg_diag *diag);
void         ilokg_rewrite_free(ilokg_rewrite *rw);

/** The source byte offset that produced byte out of the rewritten text. */
size_t ilokg_rewrite_source_offset(const ilokg_rewrite *rw, size_t out);

/** The predeclared prefixes: a NULL-terminated array of {prefix, IRI} pairs; the IRI of "id" is
 *  NULL (the resource base). */
extern const char *const ilokg_predeclared_prefixes[][2];

#endif
