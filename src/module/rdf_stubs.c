/* SPDX-License-Identifier: Apache-2.0 */
/* libilokg's side of the RDF module: the entry points that need Redland or libcurl, each loading
 * ilokg-rdf.so (ILOKG_RDF_MODULE_FILE, beside libilokg) on its first call and calling through
 * its table. The library keeps its API; only a caller who converts, validates, parses RDF or
 * asks an endpoint pays for starting those libraries. Built into libilokg only: the static
 * ilokg_core the tests link holds the real functions instead. */
#define _GNU_SOURCE /* dladdr */
#include "module/rdf_module.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "graph/world.h"
#include "util/io.h"

/* An object of libilokg, whose address dladdr maps back to the library's file. */
static const char anchor;

/* The module's table. dlopen keeps its own count of what is loaded, so no state is kept here:
 * a second call finds the module already mapped (RTLD_NODELETE keeps it so after dlclose, as the
 * table and the stores and worlds it fills point into it). */
static ilokg_status
rdf_module(const ilokg_rdf_module **out, ilokg_diag *diag)
{
    Dl_info info;
    if (!dladdr(&anchor, &info) || !info.dli_fname) {
        return diag ? ilokg_report_at(diag, ILOKG_ERR_INTERNAL, NULL, 0, 0,
                                      "cannot find where libilokg is installed")
                    : ILOKG_ERR_INTERNAL;
    }
    const char *slash = strrchr(info.dli_fname, '/');
    size_t      dir   = slash ? (size_t)(slash - info.dli_fname) + 1 : 0;
    ilokg_buf   path  = ILOKG_BUF_INIT;
    if (ilokg_buf_add(&path, info.dli_fname, dir) || ilokg_buf_adds(&path, ILOKG_RDF_MODULE_FILE)) {
        ilokg_buf_free(&path);
        return ILOKG_ERR_NOMEM;
    }
    ilokg_status            st = ILOKG_OK;
    const ilokg_rdf_module *m  = NULL;
    /* RTLD_LAZY as at start-up: RTLD_NOW would bind every symbol of the 45 libraries behind it
     * (8 ms more); the module links with -z defs, so nothing is left unresolved. */
    void *h = dlopen(path.ptr, RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE);
    if (!h) {
        st = ILOKG_ERR_IO;
        if (diag) {
            const char *why = dlerror();
            ilokg_report_at(diag, st, NULL, 0, 0, "cannot load the RDF module: %s",
                            why ? why : path.ptr);
        }
    } else if (!(m = dlsym(h, "ilokg_rdf_module_table")) || !m->abi ||
               strcmp(m->abi, ILOKG_RDF_MODULE_ABI) || m->size != sizeof *m ||
               m->world_size != sizeof(struct ilokg_world)) {
        st = diag ? ilokg_report_at(diag, ILOKG_ERR_INTERNAL, NULL, 0, 0,
                                    "%s is not the RDF module of libilokg " ILOKG_VERSION, path.ptr)
                  : ILOKG_ERR_INTERNAL;
    } else {
        ilokg_io_chain_sweep(m->remove_temporaries);
        *out = m;
    }
    if (h) {
        dlclose(h);
    }
    ilokg_buf_free(&path);
    return st;
}

ilokg_status
ilokg_corpus_export(ilokg_world *world, const ilokg_corpus *corpus, const ilokg_export_options *opt,
                    const char *path)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, &world->diag);
    return st ? st : m->corpus_export(world, corpus, opt, path);
}

ilokg_status
ilokg_convert(ilokg_world *world, const char *const *paths, size_t n_paths,
              const ilokg_export_options *opt, const char *path)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, &world->diag);
    return st ? st : m->convert(world, paths, n_paths, opt, path);
}

ilokg_status
ilokg_validate_files(ilokg_world *world, const char *const *paths, size_t n_paths,
                     size_t *n_violations)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, &world->diag);
    return st ? st : m->validate_files(world, paths, n_paths, n_violations);
}

ilokg_status
ilokg_validate_run(ilokg_world *world, const ilokg_validate_options *opt, const char *const *paths,
                   size_t n_paths, size_t *n_violations)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, &world->diag);
    return st ? st : m->validate_run(world, opt, paths, n_paths, n_violations);
}

ilokg_status
ilokg_corpus_track(const ilokg_corpus *corpus, ilokg_track_format format, FILE *fp)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, NULL);
    return st ? st : m->corpus_track(corpus, format, fp);
}

ilokg_status
ilokg_serve(ilokg_world *world, const ilokg_serve_options *opt)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, &world->diag);
    return st ? st : m->serve(world, opt);
}

ilokg_status
ilokg_publish(ilokg_world *world, const ilokg_publish_options *opt, const char *dir)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, &world->diag);
    return st ? st : m->publish(world, opt, dir);
}

ilokg_status
ilokg_world_http(ilokg_world *world)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, &world->diag);
    return st ? st : m->world_http(world);
}

ilokg_status
ilokg_endpoint_fetch(ilokg_diag *diag, const char *url, const char *query, const char *accept,
                     double timeout, ilokg_buf *body)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, diag);
    return st ? st : m->endpoint_fetch(diag, url, query, accept, timeout, body);
}

ilokg_status
ilokg_endpoint_fetch_with(ilokg_diag *diag, const char *url, const char *query, const char *accept,
                          const ilokg_endpoint_limits *lim, ilokg_buf *body)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, diag);
    return st ? st : m->endpoint_fetch_with(diag, url, query, accept, lim, body);
}

ilokg_status
ilokg_endpoint_write_json(ilokg_diag *diag, const char *url, const char *json, size_t len,
                          ilokg_results_format format, size_t max_rows, FILE *fp)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, diag);
    return st ? st : m->endpoint_write_json(diag, url, json, len, format, max_rows, fp);
}

ilokg_status
ilokg_qstore_mem_load(ilokg_qstore *st, const char *path, const char *format, const char *graph,
                      const char *base, ilokg_diag *diag, size_t *n_added)
{
    const ilokg_rdf_module *m = NULL;
    ilokg_status            s = rdf_module(&m, diag);
    return s ? s : m->qstore_mem_load(st, path, format, graph, base, diag, n_added);
}

ilokg_status
ilokg_qstore_mem_load_bytes(ilokg_qstore *st, const char *bytes, size_t len, const char *name,
                            const char *format, const char *graph, const char *base,
                            ilokg_diag *diag, size_t *n_added)
{
    const ilokg_rdf_module *m = NULL;
    ilokg_status            s = rdf_module(&m, diag);
    return s ? s
             : m->qstore_mem_load_bytes(st, bytes, len, name, format, graph, base, diag, n_added);
}

ilokg_status
ilokg_rdf_write_triples(FILE *fp, ilokg_format f, const char *const (*prefixes)[2],
                        size_t n_prefixes, ilokg_triple_fn next, void *payload, size_t n,
                        ilokg_diag *diag)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, diag);
    return st ? st : m->rdf_write_triples(fp, f, prefixes, n_prefixes, next, payload, n, diag);
}

ilokg_status
ilokg_rdf_iri_to_path(char **out, const char *iri)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, NULL);
    return st ? st : m->rdf_iri_to_path(out, iri);
}

ilokg_status
ilokg_rdf_resolve_iri(char *out, size_t cap, const char *base, const char *ref)
{
    const ilokg_rdf_module *m  = NULL;
    ilokg_status            st = rdf_module(&m, NULL);
    return st ? st : m->rdf_resolve_iri(out, cap, base, ref);
}
