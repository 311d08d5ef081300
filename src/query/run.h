/* SPDX-License-Identifier: Apache-2.0 */
/* One SPARQL query answered by ilokg's own engine: the dataset assembled (the persistent store,
 * or --data / --named / FROM files in memory), the query parsed and evaluated, the answer
 * written in the format asked for. And `ilokg load`: RDF files into the persistent store. */
#ifndef ILOKG_QUERY_RUN_H
#define ILOKG_QUERY_RUN_H

#include <stdio.h>

#include "ilokg.h"
#include "query/algebra.h"
#include "query/qstore.h"
#include "util/source.h"
#include "util/status.h"

/** Answers the query in src (its file name, or "<stdin>"/"<query>" when not a file, is name)
 *  over the dataset of opt, writing the answer to fp. Errors are reported to diag. */
ilokg_status ilokg_query_local(ilokg_diag *diag, const ilokg_source *src, const char *name,
                               const ilokg_query_options *opt, FILE *fp);

/** The dataset of a query answered over a store the caller opened (ilokg serve). */
typedef struct {
    ilokg_qstore *store; /* borrowed; its default graph is the union of its graphs */
    /* SPARQL Protocol default-graph-uri and named-graph-uri: when any is given, they replace
     * the query's FROM and FROM NAMED; graphs are looked up in the store, never loaded. */
    const char *const *default_graphs;
    size_t             n_default;
    const char *const *named_graphs;
    size_t             n_named;
    const char        *base;      /* relative IRIs of IRI() resolve against it */
    int (*cancel)(void *payload); /* non-zero stops the evaluation, or NULL */
    void *cancel_payload;
} ilokg_query_store_options;

/** Answers the parsed query q over so->store, writing the answer to fp in opt's results or RDF
 *  format, within opt->timeout and opt->max_rows (opt's dataset fields are not used). FROM and
 *  FROM NAMED name graphs of the store. Errors are reported to diag; the time limit is
 *  ILOKG_ERR_QUERY ("query timed out after ..."). */
ilokg_status ilokg_query_on_store(ilokg_diag *diag, ilokg_sparql *q,
                                  const ilokg_query_store_options *so,
                                  const ilokg_query_options *opt, FILE *fp);

/** Writes n triples of store (quads whose g is ignored) in opt->rdf_format, as a CONSTRUCT
 *  answer is written. */
ilokg_status ilokg_query_write_quads(ilokg_diag *diag, ilokg_qstore *store, const ilokg_quad *quads,
                                     size_t n, const ilokg_query_options *opt, FILE *fp);

/** As ilokg_query_local over a store already open (borrowed; opt's dataset options are not
 *  read): one process answering many queries, as bench/warm.c does. A query with FROM or FROM
 *  NAMED is ILOKG_ERR_USAGE. */
ilokg_status ilokg_query_text_on_store(ilokg_diag *diag, const ilokg_source *src, const char *name,
                                       const ilokg_query_options *opt, ilokg_qstore *store,
                                       FILE *fp);

/** Loads RDF files into the persistent store at dir (replaced atomically). format: a format
 *  name for every file, or NULL for each file's extension. progress (may be NULL) is told of
 *  the reading as it goes (ilokg_qstore_mem_set_progress). */
ilokg_status ilokg_query_load(ilokg_diag *diag, const char *dir, const char *const *paths,
                              size_t n_paths, const char *format, ilokg_qstore_progress_fn progress,
                              void *payload);

/** Writes the N-Triples in bytes (an endpoint's answer; name is its URL, for messages) in
 *  opt->rdf_format, as a local CONSTRUCT answer would be. */
ilokg_status ilokg_query_write_ntriples(ilokg_diag *diag, const char *name, const char *bytes,
                                        size_t len, const ilokg_query_options *opt, FILE *fp);

/** The persistent store directory: dir when given, else $ILOKG_STORE, else "out/store". */
const char *ilokg_store_dir(const char *dir);

/** The predeclared prefixes with id: standing for a given base. */
enum { ILOKG_QUERY_MAX_PREFIXES = 32 };
typedef struct {
    const char *p[ILOKG_QUERY_MAX_PREFIXES][2]; /* {name, IRI}, borrowed */
    size_t      n;
} ilokg_prefix_table;

/** Fills out with the predeclared prefixes (util/vocab.h's table, in their query order), id:
 *  standing for base (NULL or "": the default). */
void ilokg_query_prefixes_for(ilokg_prefix_table *out, const char *base);

#endif
