/* SPDX-License-Identifier: Apache-2.0 */
/* The RDF module: the parts of the library that need Redland (raptor, librdf), libcurl or
 * libstemmer (commitment tracking), built as a module of their own (ilokg-rdf.so, beside
 * libilokg) that libilokg loads with dlopen the first time one of them is called. A query over
 * the store never calls them, so it never loads the 45 shared libraries behind them
 * (docs/performance.md). This is the one table through which libilokg calls the module. */
#ifndef ILOKG_RDF_MODULE_H
#define ILOKG_RDF_MODULE_H

#include <stddef.h>
#include <stdio.h>

#include "ilokg.h"
#include "query/endpoint.h"
#include "query/qstore.h"
#include "query/rdf_io.h"
#include "util/buf.h"
#include "util/status.h"

/* The module is built from the same sources as the library, in the same build: a different
 * version or table layout is refused rather than called. */
#define ILOKG_RDF_MODULE_ABI "ilokg-rdf " ILOKG_VERSION " table 4"

/* The module's file name, in the directory of libilokg itself (not lib*: ldconfig leaves it). */
#define ILOKG_RDF_MODULE_FILE "ilokg-rdf.so"

typedef struct {
    const char *abi;        /* ILOKG_RDF_MODULE_ABI */
    size_t      size;       /* sizeof (ilokg_rdf_module) */
    size_t      world_size; /* sizeof (struct ilokg_world): both sides see the same handle */
    /* The module's own registry of temporary files (its copy of util/io.c), swept with the
     * library's when a signal arrives. */
    void (*remove_temporaries)(void);
    ilokg_status (*corpus_export)(ilokg_world *world, const ilokg_corpus *corpus,
                                  const ilokg_export_options *opt, const char *path);
    ilokg_status (*convert)(ilokg_world *world, const char *const *paths, size_t n_paths,
                            const ilokg_export_options *opt, const char *path);
    ilokg_status (*validate_files)(ilokg_world *world, const char *const *paths, size_t n_paths,
                                   size_t *n_violations);
    ilokg_status (*validate_run)(ilokg_world *world, const ilokg_validate_options *opt,
                                 const char *const *paths, size_t n_paths, size_t *n_violations);
    ilokg_status (*corpus_track)(const ilokg_corpus *corpus, ilokg_track_format format, FILE *fp);
    ilokg_status (*world_http)(ilokg_world *world);
    ilokg_status (*serve)(ilokg_world *world, const ilokg_serve_options *opt);
    ilokg_status (*publish)(ilokg_world *world, const ilokg_publish_options *opt, const char *dir);
    ilokg_status (*endpoint_fetch)(ilokg_diag *diag, const char *url, const char *query,
                                   const char *accept, double timeout, ilokg_buf *body);
    ilokg_status (*endpoint_fetch_with)(ilokg_diag *diag, const char *url, const char *query,
                                        const char *accept, const ilokg_endpoint_limits *lim,
                                        ilokg_buf *body);
    ilokg_status (*endpoint_write_json)(ilokg_diag *diag, const char *url, const char *json,
                                        size_t len, ilokg_results_format format, size_t max_rows,
                                        FILE *fp);
    ilokg_status (*qstore_mem_load)(ilokg_qstore *st, const char *path, const char *format,
                                    const char *graph, const char *base, ilokg_diag *diag,
                                    size_t *n_added);
    ilokg_status (*qstore_mem_load_bytes)(ilokg_qstore *st, const char *bytes, size_t len,
                                          const char *name, const char *format, const char *graph,
                                          const char *base, ilokg_diag *diag, size_t *n_added);
    ilokg_status (*rdf_write_triples)(FILE *fp, ilokg_format f, const char *const (*prefixes)[2],
                                      size_t n_prefixes, ilokg_triple_fn next, void *payload,
                                      size_t n, ilokg_diag *diag);
    ilokg_status (*rdf_iri_to_path)(char **out, const char *iri);
    ilokg_status (*rdf_resolve_iri)(char *out, size_t cap, const char *base, const char *ref);
} ilokg_rdf_module;

/** The module's table: the one symbol ilokg-rdf.so exports (defined in rdf_module.c, which only
 *  the module is built from). */
extern ILOKG_API const ilokg_rdf_module ilokg_rdf_module_table;

#endif
