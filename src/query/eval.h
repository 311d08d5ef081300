/* SPDX-License-Identifier: Apache-2.0 */
/* Evaluating a parsed query (algebra.h) over a quad store (qstore.h): the solutions of SELECT,
 * the answer of ASK, the triples of CONSTRUCT and DESCRIBE. */
#ifndef ILOKG_EVAL_H
#define ILOKG_EVAL_H

#include <stddef.h>

#include "query/algebra.h"
#include "query/qstore.h"
#include "query/qterm.h"
#include "util/status.h"

/** The dataset and limits of one evaluation. */
typedef struct {
    /** The graphs merged into the default graph (RDF merge: a triple in two of them counts
     *  once); n_default 0: the store's default graph (ILOKG_ID_DEFAULT_GRAPH) alone. */
    const ilokg_id *default_graphs;
    size_t          n_default;
    /** The named graphs GRAPH may see; all_named: every named graph of the store instead. */
    const ilokg_id *named_graphs;
    size_t          n_named;
    int             all_named;
    /** CLOCK_MONOTONIC seconds after which the evaluation stops with ILOKG_ERR_QUERY ("timed
     *  out"), 0: none. cancel, when non-NULL, is asked now and then; non-zero stops it the same
     *  way ("cancelled"). */
    double deadline;
    int (*cancel)(void *payload);
    void *cancel_payload;
    /** The IRI the query's relative IRIs resolve against when it has no BASE (IRI()). */
    const char *base;
} ilokg_eval_options;
#define ILOKG_EVAL_OPTIONS_INIT                                                                    \
    {                                                                                              \
        NULL, 0, NULL, 0, 1, 0, NULL, NULL, NULL                                                   \
    }

/** The answer of one query. Terms made by the query (BIND, CONSTRUCT blank nodes, ...) live in
 *  it; ids index the store first, then those. */
typedef struct ilokg_answer ilokg_answer;

/** Evaluates q over st (both borrowed: st must outlive the answer). Evaluation errors that are
 *  not the query's fault (memory) and the time limit are statuses; an expression's type error
 *  is never one (SPARQL: the row is filtered out, or the variable left unbound). *out is the
 *  caller's, freed with ilokg_answer_free. */
ilokg_status ilokg_eval(ilokg_answer **out, ilokg_qstore *st, ilokg_sparql *q,
                        const ilokg_eval_options *opt, ilokg_diag *diag);
void         ilokg_answer_free(ilokg_answer *a);

/** SELECT: n_rows rows of n_cols ids (borrowed, row-major; ILOKG_ID_NONE unbound), the columns
 *  being q->result_vars in order. */
size_t          ilokg_answer_rows(const ilokg_answer *a);
size_t          ilokg_answer_cols(const ilokg_answer *a);
const ilokg_id *ilokg_answer_row(const ilokg_answer *a, size_t i);
/** ASK: 1 or 0. */
int ilokg_answer_boolean(const ilokg_answer *a);
/** CONSTRUCT, DESCRIBE: the triples (g unused), without duplicates (borrowed). */
const ilokg_quad *ilokg_answer_triples(const ilokg_answer *a, size_t *n);
/** The term of an id of this answer (borrowed: valid while the answer lives). */
ilokg_status ilokg_answer_term(const ilokg_answer *a, ilokg_id id, ilokg_qterm *out);

#endif
