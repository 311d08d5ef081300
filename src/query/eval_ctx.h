/* SPDX-License-Identifier: Apache-2.0 */
/* What the evaluator's files share: the evaluation context, solution sinks (the operators push
 * solutions downstream, so ASK and EXISTS stop at the first), row tables and id sets. */
#ifndef ILOKG_EVAL_CTX_H
#define ILOKG_EVAL_CTX_H

#include <stddef.h>
#include <stdint.h>

#include "query/algebra.h"
#include "query/eval.h"
#include "query/expr.h"
#include "query/qstore.h"
#include "query/qterm.h"
#include "util/status.h"

/** The active graph of a pattern: the graphs merged (ids, n; a triple in two of them counts
 *  once), or, when var is not ILOKG_VAR_NONE, the graph row[var] of each solution, any named
 *  graph while row[var] is unbound (GRAPH ?g over a basic graph pattern). */
typedef struct {
    const ilokg_id *ids;
    size_t          n;
    ilokg_var       var;
} ilokg_ev_graph;

/** A consumer of solutions. emit gets each row (borrowed for the call, q->n_vars ids) and sets
 *  full when it needs no more; producers stop when their sink is full. */
typedef struct ilokg_ev_sink ilokg_ev_sink;
typedef ilokg_status (*ilokg_ev_emit_fn)(ilokg_qctx *c, ilokg_ev_sink *s, const ilokg_id *row);
struct ilokg_ev_sink {
    ilokg_ev_emit_fn emit;
    int              full;
};

/** A growable table of rows of width ids each (width 0 rows are counted). */
typedef struct {
    ilokg_id *ids;
    size_t    n, cap, width;
} ilokg_ev_rows;

/** A set of ids (open addressing; ILOKG_ID_NONE is never a member). */
typedef struct {
    ilokg_id *slots;
    size_t    mask, n;
} ilokg_ev_idset;

struct ilokg_qctx {
    ilokg_qstore             *st;
    ilokg_sparql             *q;
    const ilokg_eval_options *opt;
    ilokg_diag               *diag;
    ilokg_dict               *overlay;  /* terms the query makes; owned until the answer */
    size_t                    width;    /* q->n_vars */
    ilokg_id                  dflt_one; /* ILOKG_ID_DEFAULT_GRAPH, for dflt when n_default 0 */
    ilokg_ev_graph            dflt;     /* the default graph of the dataset */
    ilokg_id                 *named;    /* the named graphs, sorted (owned) */
    size_t                    n_named;
    const ilokg_ev_graph     *cur_graph; /* the active graph of the expression being evaluated */
    ilokg_id                 *none_row;  /* width unbound ids */
    char                      now[48];
    size_t                    serial;    /* changes from one solution to the next */
    size_t                    bnode_seq; /* CONSTRUCT's fresh blank node labels */
    unsigned                  tick;
    double                    started; /* CLOCK_MONOTONIC seconds at the start */
    ilokg_status              halted;  /* set once time ran out or the query was cancelled */
    ilokg_regex_slot          regex;   /* the last pattern REGEX/REPLACE compiled */
};

/* eval.c */
/** Pushes the solutions of op, each compatible with seed (a solution whose bindings stand for
 *  constants, as substitute() of 18.6 does; the rows carry them), into s. */
ilokg_status ilokg_ev_op(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                         const ilokg_id *seed, ilokg_ev_sink *s);
/** Collects the solutions of op into out (initialised by the caller). */
ilokg_status ilokg_ev_collect(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                              const ilokg_id *seed, ilokg_ev_rows *out);
/** Counts one unit of work; every few thousand, checks the deadline and the cancel callback. */
ilokg_status ilokg_ev_tick(ilokg_qctx *c);
/** Whether g is one of the dataset's named graphs. */
int ilokg_ev_is_named(const ilokg_qctx *c, ilokg_id g);
/** The kind of the term of id (0 when unknown). */
ilokg_qt_kind ilokg_ev_kind(ilokg_qctx *c, ilokg_id id);

/* eval_bgp.c */
ilokg_status ilokg_ev_bgp(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                          const ilokg_id *seed, ilokg_ev_sink *s);
/** Calls fn for each quad matching pat (g ignored) in the graph of g given the row (merged
 *  graphs deduplicated; a var graph left unbound matches any named graph). */
typedef ilokg_status (*ilokg_ev_quad_fn)(ilokg_qctx *c, const ilokg_quad *q, void *payload,
                                         int *stop);
ilokg_status ilokg_ev_match(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_id *row,
                            const ilokg_quad *pat, ilokg_ev_quad_fn fn, void *payload);

/* eval_path.c */
/** Calls fn for each (x, y) the path links in the graphs of g (list mode: var NONE), x fixed
 *  when s is not NONE, y when o is not NONE. A multiset for links, sequences and alternatives,
 *  distinct pairs for the arbitrary-length forms and ZeroOrOne. flags: ILOKG_EV_SAME when both
 *  ends are one variable (x == y required); ILOKG_EV_S_TERM, ILOKG_EV_O_TERM when that end is a
 *  term of the pattern (a zero-length path from a term gives it even when the graph does not
 *  have it; from a variable's value, only when the value is a node of the graph). */
typedef ilokg_status (*ilokg_ev_pair_fn)(ilokg_qctx *c, ilokg_id x, ilokg_id y, void *payload,
                                         int *stop);
#define ILOKG_EV_SAME 1u
#define ILOKG_EV_S_TERM 2u
#define ILOKG_EV_O_TERM 4u
ilokg_status ilokg_ev_path(ilokg_qctx *c, const ilokg_ev_graph *g, const ilokg_path *p, ilokg_id s,
                           ilokg_id o, unsigned flags, ilokg_ev_pair_fn fn, void *payload);

/* eval_join.c */
ilokg_status ilokg_ev_join(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                           const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_leftjoin(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                               const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_minus(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                            const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_filter(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                             const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_extend(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                             const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_table(ilokg_qctx *c, const ilokg_op *op, const ilokg_id *seed,
                            ilokg_ev_sink *s);
ilokg_status ilokg_ev_graph_op(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                               const ilokg_id *seed, ilokg_ev_sink *s);

/* eval_group.c */
ilokg_status ilokg_ev_group(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                            const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_order(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                            const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_project(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                              const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_distinct(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                               const ilokg_id *seed, ilokg_ev_sink *s);
ilokg_status ilokg_ev_slice(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                            const ilokg_id *seed, ilokg_ev_sink *s);

/* eval_construct.c */
/** The CONSTRUCT triples of the solutions rows, without duplicates, into *out (malloc'd, the
 *  caller's) and *n. */
ilokg_status ilokg_ev_construct(ilokg_qctx *c, const ilokg_ev_rows *rows, ilokg_quad **out,
                                size_t *n);
/** The DESCRIBE triples of the resources named by the query over rows. */
ilokg_status ilokg_ev_describe(ilokg_qctx *c, const ilokg_ev_rows *rows, ilokg_quad **out,
                               size_t *n);

/* Row tables, row helpers and id sets (eval_rows.c). */
ilokg_status ilokg_ev_rows_add(ilokg_ev_rows *t, const ilokg_id *row);
ilokg_id    *ilokg_ev_rows_at(const ilokg_ev_rows *t, size_t i);
void         ilokg_ev_rows_free(ilokg_ev_rows *t);
/** Whether a and b agree on every variable bound in both. */
int ilokg_ev_compatible(const ilokg_id *a, const ilokg_id *b, size_t width);
/** a merged with b into out (compatible rows). */
void     ilokg_ev_merge(ilokg_id *out, const ilokg_id *a, const ilokg_id *b, size_t width);
uint64_t ilokg_ev_hash_ids(const ilokg_id *ids, size_t n);
/** The variables bound in every row of t: flags (width bytes) set to 1. */
void         ilokg_ev_always_bound(const ilokg_ev_rows *t, unsigned char *flags);
ilokg_status ilokg_ev_idset_add(ilokg_ev_idset *s, ilokg_id id, int *added);
int          ilokg_ev_idset_has(const ilokg_ev_idset *s, ilokg_id id);
void         ilokg_ev_idset_free(ilokg_ev_idset *s);

/** A set of whole rows of one width (hash of the ids), for DISTINCT and COUNT(DISTINCT *). */
typedef struct {
    ilokg_ev_rows rows;
    uint32_t     *slots; /* row index + 1; 0 empty */
    size_t        mask;
} ilokg_ev_rowset;
void ilokg_ev_rowset_init(ilokg_ev_rowset *s, size_t width);
/** Adds row (key: the first width ids); *added 1 when it was new. */
ilokg_status ilokg_ev_rowset_add(ilokg_ev_rowset *s, const ilokg_id *row, int *added);
/** The index of row in s, or SIZE_MAX. */
size_t ilokg_ev_rowset_find(const ilokg_ev_rowset *s, const ilokg_id *row);
void   ilokg_ev_rowset_free(ilokg_ev_rowset *s);

#endif
