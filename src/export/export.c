/* SPDX-License-Identifier: Apache-2.0 */
/* The export driver: read documents -> the graph -> one serialisation, written atomically. */
#include "export/export.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/corpus.h"
#include "graph/graph.h"
#include "graph/track.h"
#include "graph/track_graph.h"
#include "graph/world.h"
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

ilokg_status
ilokg_export_issued(char out[32], bool *set, ilokg_diag *diag)
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
            const ilokg_export_options *opt, const ilokg_export_hooks *hooks)
{
    const ilokg_gazetteer *gaz = NULL;
    ilokg_graph           *g   = NULL;
    char                   issued[32];
    bool                   have_issued = false;
    ilokg_status           st          = ilokg_export_issued(issued, &have_issued, &world->diag);
    if (!st) {
        st = ilokg_world_gazetteer(&gaz, world);
    }
    if (!st) {
        st = ilokg_graph_new(&g, opt->base, &world->diag);
    }
    for (size_t i = 0; !st && i < corpus->n_docs; i++) {
        if (hooks && hooks->doc) {
            hooks->doc(corpus->docs[i], hooks->payload);
        }
        st = ilokg_graph_add_doc(g, corpus->docs[i], gaz);
    }
    if (!st && opt->with_dataset) {
        st = ilokg_graph_add_reference(g, gaz);
    }
    if (!st && hooks && hooks->finish) {
        st = hooks->finish(g, NULL, hooks->payload);
    }
    if (!st && opt->with_dataset) {
        const char **ids = malloc((corpus->n_docs ? corpus->n_docs : 1) * sizeof *ids);
        for (size_t i = 0; ids && i < corpus->n_docs; i++) {
            ids[i] = corpus->docs[i]->meta.id;
        }
        st =
            ids ? ilokg_graph_add_dataset(g, ids, corpus->n_docs, have_issued ? issued : NULL, NULL)
                : ILOKG_ERR_NOMEM;
        free(ids);
    }
    if (!st) {
        *out = g;
        g    = NULL;
    }
    ilokg_graph_free(g);
    return st;
}

/* ---- the corpus-level pass every export runs: commitments followed across meetings ---------- */

static void
track_doc(const ilokg_doc *doc, void *payload)
{
    ilokg_export_tracking *tp = payload;
    if (!tp->st) {
        tp->st = ilokg_track_add_doc(tp->track, doc);
    }
    if (tp->user && tp->user->doc) {
        tp->user->doc(doc, tp->user->payload);
    }
}

/* Called once, with the graph written besides the documents' own. */
static ilokg_status
track_finish(ilokg_graph *g, const ilokg_graph_sink *sink, void *payload)
{
    ilokg_export_tracking *tp = payload;
    ilokg_status           st = tp->st;
    if (!st) {
        st = ilokg_track_add_to_graph(tp->track, g, tp->gaz, sink);
    }
    if (st == ILOKG_ERR_IO && tp->spill && ferror(tp->spill)) {
        st = ilokg_report_at(tp->diag, ILOKG_ERR_IO, NULL, 0, 0,
                             "cannot write or read the temporary file of commitments: %s",
                             strerror(errno));
    }
    if (!st && tp->user && tp->user->finish) {
        st = tp->user->finish(g, sink, tp->user->payload);
    }
    return st;
}

ilokg_status
ilokg_export_tracking_init(ilokg_export_tracking *tp, ilokg_world *world,
                           const ilokg_export_hooks *user, const char *near)
{
    memset(tp, 0, sizeof *tp);
    tp->user          = user;
    tp->hooks.doc     = track_doc;
    tp->hooks.finish  = track_finish;
    tp->hooks.payload = tp;
    tp->diag          = &world->diag;
    ilokg_status st   = ilokg_world_gazetteer(&tp->gaz, world);
    if (!st) {
        st = ilokg_track_new(&tp->track);
    }
    if (!st && !(st = ilokg_temp_file(&tp->spill, near, &world->diag))) {
        ilokg_track_spill(tp->track, tp->spill);
    }
    return st;
}

void
ilokg_export_tracking_clear(ilokg_export_tracking *tp)
{
    ilokg_track_free(tp->track);
    tp->track = NULL;
    if (tp->spill) {
        fclose(tp->spill);
        tp->spill = NULL;
    }
}

ilokg_status
ilokg_corpus_export(ilokg_world *world, const ilokg_corpus *corpus, const ilokg_export_options *opt,
                    const char *path)
{
    ilokg_export_tracking tp;
    ilokg_status          st = ilokg_export_tracking_init(&tp, world, NULL, path);
    if (!st) {
        st = ilokg_corpus_export_hooked(world, corpus, opt, path, &tp.hooks);
    }
    ilokg_export_tracking_clear(&tp);
    return st;
}

ilokg_status
ilokg_corpus_export_hooked(ilokg_world *world, const ilokg_corpus *corpus,
                           const ilokg_export_options *opt, const char *path,
                           const ilokg_export_hooks *hooks)
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
    ilokg_status st = build_graph(&g, world, corpus, opt, hooks);
    if (!st && !(st = ilokg_out_open(&o, path, &world->diag))) {
        st = opt->format == ILOKG_FORMAT_JSONLD ? ilokg_jsonld_write(o.fp, g, &world->diag)
                                                : ilokg_serialize(o.fp, world, g, opt->format);
        if (!st || (st == ILOKG_ERR_IO && ferror(o.fp))) {
            /* A write that failed (disk full, file size limit) is reported here with the
             * output's name; the temporary file is removed either way. */
            ilokg_status wst = ilokg_out_commit(&o, &world->diag);
            st               = st ? st : wst;
        } else {
            ilokg_out_abort(&o);
        }
    }
    ilokg_graph_free(g);
    return st;
}
