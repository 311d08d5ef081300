/* SPDX-License-Identifier: Apache-2.0 */
/* The export driver: read documents -> the graph -> one serialisation, written atomically. */
#include "export/export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "graph/corpus.h"
#include "graph/graph.h"
#include "export/jsonld.h"
#include "export/serialize.h"
#include "util/io.h"

static bool
all_digits(const char *s)
{
    if (!*s) {
        return false;
    }
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            return false;
        }
    }
    return true;
}

/* ---- export ------------------------------------------------------------------------------- */

/* SOURCE_DATE_EPOCH (reproducible builds) as an xsd:dateTime in UTC; NULL when unset. */
static ilokg_status
source_date(char out[32], bool *set, ilokg_diag *diag)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    *set            = false;
    if (!env || !*env) {
        return ILOKG_OK;
    }
    char     *end = NULL;
    long long v   = strtoll(env, &end, 10);
    struct tm tm;
    time_t    t = (time_t)v;
    if (!all_digits(env) || *end || v < 0 || !gmtime_r(&t, &tm) ||
        !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                               "SOURCE_DATE_EPOCH '%s' is not a number of seconds", env);
    }
    *set = true;
    return ILOKG_OK;
}

/* Builds the whole export graph of a corpus. */
static ilokg_status
build_graph(ilokg_graph **out, ilokg_world *world, const ilokg_corpus *corpus,
            const ilokg_export_options *opt)
{
    const ilokg_gazetteer *gaz = NULL;
    ilokg_graph           *g   = NULL;
    char                   issued[32];
    bool                   have_issued = false;
    ilokg_status           st = source_date(issued, &have_issued, &world->diag);
    if (!st) {
        st = ilokg_world_gazetteer(&gaz, world);
    }
    if (!st) {
        st = ilokg_graph_new(&g, opt->base, &world->diag);
    }
    for (size_t i = 0; !st && i < corpus->n_docs; i++) {
        st = ilokg_graph_add_doc(g, corpus->docs[i], gaz);
    }
    if (!st && opt->with_dataset) {
        if (!(st = ilokg_graph_add_reference(g, gaz))) {
            st = ilokg_graph_add_dataset(g, (const ilokg_doc *const *)corpus->docs, corpus->n_docs,
                                         have_issued ? issued : NULL);
        }
    }
    if (!st) {
        *out = g;
        g    = NULL;
    }
    ilokg_graph_free(g);
    return st;
}

ilokg_status
ilokg_corpus_export(ilokg_world *world, const ilokg_corpus *corpus,
                    const ilokg_export_options *opt, const char *path)
{
    ilokg_export_options defaults = ILOKG_EXPORT_OPTIONS_INIT;
    ilokg_graph         *g        = NULL;
    ilokg_out            o;
    if (!opt) {
        opt = &defaults;
    }
    if ((unsigned)opt->format >= ILOKG_FORMAT_COUNT) {
        return ilokg_report_at(&world->diag, ILOKG_ERR_USAGE, NULL, 0, 0, "unknown format %d",
                               (int)opt->format);
    }
    ilokg_status st = build_graph(&g, world, corpus, opt);
    if (!st && !(st = ilokg_out_open(&o, path, &world->diag))) {
        st = opt->format == ILOKG_FORMAT_JSONLD ? ilokg_jsonld_write(o.fp, g, &world->diag) :
                                                  ilokg_serialize(o.fp, world, g, opt->format);
        if (!st) {
            st = ilokg_out_commit(&o, &world->diag);
        } else {
            ilokg_out_abort(&o);
        }
    }
    ilokg_graph_free(g);
    return st;
}

