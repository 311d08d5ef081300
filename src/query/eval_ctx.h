/* SPDX-License-Identifier: Apache-2.0 */
/* What the evaluator's files share: the evaluation context, the active graph, solution sinks (the
 * operators push solutions downstream, so ASK and EXISTS stop at the first), and the context's
 * functions (eval_ctx.c): terms by id, the deadline, sub-patterns through the dispatch pointer.
 * The context implements what expressions need of it (qctx.h). */
#ifndef ILOKG_EVAL_CTX_H
#define ILOKG_EVAL_CTX_H

#include <stddef.h>

#include "query/algebra.h"
#include "query/eval_rows.h"
#include "query/qctx.h"
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

/** An operator's evaluation: pushes the solutions of op, each compatible with seed, in the
 *  active graph g, into s. The operator files declare their functions with this type, and
 *  eval.c's dispatch over them is one. */
typedef ilokg_status ilokg_ev_op_fn(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                                    const ilokg_id *seed, ilokg_ev_sink *s);

struct ilokg_qctx {
    ilokg_qstore *st;
    ilokg_sparql *q;
    double        deadline;       /* ilokg_eval_options' (0: none) */
    int (*cancel)(void *payload); /* asked now and then, or NULL */
    void                 *cancel_payload;
    const char           *base;      /* for IRI() when the query has no BASE, or NULL */
    int                   all_named; /* GRAPH sees every named graph of the store */
    ilokg_ev_op_fn       *dispatch;  /* eval.c's operator dispatch (see ilokg_ev_op) */
    ilokg_diag           *diag;
    ilokg_dict           *overlay;  /* terms the query makes; owned until the answer */
    size_t                width;    /* q->n_vars */
    ilokg_id              dflt_one; /* ILOKG_ID_DEFAULT_GRAPH, for dflt when n_default 0 */
    ilokg_ev_graph        dflt;     /* the default graph of the dataset */
    ilokg_id             *named;    /* the named graphs, sorted (owned) */
    size_t                n_named;
    const ilokg_ev_graph *cur_graph; /* the active graph of the expression being evaluated */
    ilokg_id             *none_row;  /* width unbound ids */
    char                  now[48];
    size_t                serial;    /* changes from one solution to the next */
    size_t                bnode_seq; /* CONSTRUCT's fresh blank node labels */
    unsigned              tick;
    double                started; /* CLOCK_MONOTONIC seconds at the start */
    ilokg_status          halted;  /* set once time ran out or the query was cancelled */
    ilokg_regex_slot      regex;   /* the last pattern REGEX/REPLACE compiled */
};

/** Pushes the solutions of op, each compatible with seed (a solution whose bindings stand for
 *  constants, as substitute() of 18.6 does; the rows carry them), into s: c->dispatch, which the
 *  evaluator (eval.c) sets to its dispatch over the operators. The operator files call this for
 *  their sub-patterns, and EXISTS for its pattern, so that none of them calls eval.c. */
ilokg_status ilokg_ev_op(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                         const ilokg_id *seed, ilokg_ev_sink *s);
/** Collects the solutions of op into out (initialised by the caller). */
ilokg_status ilokg_ev_collect(ilokg_qctx *c, const ilokg_op *op, const ilokg_ev_graph *g,
                              const ilokg_id *seed, ilokg_ev_rows *out);
/** CLOCK_MONOTONIC seconds. */
double ilokg_ev_clock(void);
/** Counts one unit of work; every few thousand, checks the deadline and the cancel callback. */
ilokg_status ilokg_ev_tick(ilokg_qctx *c);
/** Whether g is one of the dataset's named graphs. */
int ilokg_ev_is_named(const ilokg_qctx *c, ilokg_id g);
/** The kind of the term of id (0 when unknown). */
ilokg_qt_kind ilokg_ev_kind(ilokg_qctx *c, ilokg_id id);

#endif
