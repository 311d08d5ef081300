/* SPDX-License-Identifier: Apache-2.0 */
/* `ilokg query`: a SPARQL query answered by ilokg's own engine (query/run.c) over the persistent
 * store or files, or sent to a SPARQL 1.1 Protocol endpoint (endpoint.c) after the same parser
 * has checked it. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "query/endpoint.h"
#include "query/algebra.h"
#include "query/run.h"
#include "util/source.h"
#include "graph/world.h"

/* The query as sent to a server: the declarations of the predeclared prefixes on one first line
 * (so that the server's line numbers are the query's), then the text as written. */
static ilokg_status
remote_text(ilokg_buf *b, const char *query, const char *base)
{
    ilokg_prefix_table pt;
    ilokg_query_prefixes_for(&pt, base);
    ilokg_status st = ILOKG_OK;
    for (size_t i = 0; !st && i < pt.n; i++) {
        st = ilokg_buf_printf(b, "PREFIX %s: <%s> ", pt.p[i][0], pt.p[i][1]);
    }
    if (!st) {
        st = ilokg_buf_printf(b, "\n%s", query);
    }
    return st;
}

/* Sends a checked query to opt->endpoint and writes the answer as a local one. */
static ilokg_status
answer_remote(ilokg_diag *diag, const ilokg_sparql *q, const char *query,
              const ilokg_query_options *opt, FILE *fp)
{
    const char  *url   = opt->endpoint;
    int          graph = q->form == ILOKG_FORM_CONSTRUCT || q->form == ILOKG_FORM_DESCRIBE;
    ilokg_buf    text = ILOKG_BUF_INIT, body = ILOKG_BUF_INIT;
    ilokg_status st = remote_text(&text, query, opt->base);
    if (!st) {
        st = ilokg_endpoint_fetch(diag, url, text.ptr,
                                  graph ? ILOKG_ENDPOINT_TRIPLES : ILOKG_ENDPOINT_RESULTS,
                                  opt->timeout, &body);
    }
    if (!st && !graph) {
        st = ilokg_endpoint_write_json(diag, url, body.ptr ? body.ptr : "", body.len, opt->results,
                                       opt->max_rows, fp);
    } else if (!st) {
        st = ilokg_query_write_ntriples(diag, url, body.ptr ? body.ptr : "", body.len, opt, fp);
    }
    ilokg_buf_free(&text);
    ilokg_buf_free(&body);
    return st;
}

ilokg_status
ilokg_query_run(ilokg_world *world, const char *query, const char *name,
                const ilokg_query_options *opt, FILE *fp)
{
    ilokg_query_options defaults = ILOKG_QUERY_OPTIONS_INIT;
    ilokg_source       *src      = NULL;
    if (!opt) {
        opt = &defaults;
    }
    if (!name) {
        name = "<query>";
    }
    ilokg_status st = ilokg_source_from_bytes(&src, name, query, strlen(query), &world->diag);
    if (!st && opt->endpoint) {
        /* Checked here (syntax, prefixes, Update refused) before any connection. */
        ilokg_sparql      *q = NULL;
        ilokg_prefix_table pt;
        ilokg_query_prefixes_for(&pt, opt->base);
        ilokg_sparql_options po = {(const char *const(*)[2])pt.p, pt.n, NULL};
        st                      = ilokg_sparql_parse(&q, src, &po, &world->diag);
        if (!st && !(st = ilokg_world_http(world))) {
            st = answer_remote(&world->diag, q, query, opt, fp);
        }
        ilokg_sparql_free(q);
    } else if (!st) {
        st = ilokg_query_local(&world->diag, src, name, opt, fp);
    }
    ilokg_source_free(src);
    return st;
}

/* A load's reading, passed to the world's progress function (ilokg_world_set_progress). */
static void
load_progress(void *payload, size_t bytes, size_t statements, size_t files)
{
    ilokg_world_progress(payload, bytes, statements, files);
}

ilokg_status
ilokg_store_load(ilokg_world *world, const char *store, const char *const *paths, size_t n_paths)
{
    return ilokg_query_load(&world->diag, store, paths, n_paths, NULL, load_progress, world);
}

ilokg_status
ilokg_store_load_format(ilokg_world *world, const char *store, const char *const *paths,
                        size_t n_paths, const char *format)
{
    return ilokg_query_load(&world->diag, store, paths, n_paths, format, load_progress, world);
}

void
ilokg_prefixes_print_base(FILE *fp, const char *base)
{
    ilokg_prefix_table pt;
    ilokg_query_prefixes_for(&pt, base);
    for (size_t i = 0; i < pt.n; i++) {
        fprintf(fp, "%s: <%s>\n", pt.p[i][0], pt.p[i][1]);
    }
}

void
ilokg_prefixes_print(FILE *fp)
{
    ilokg_prefixes_print_base(fp, NULL);
}
