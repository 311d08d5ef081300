/* SPDX-License-Identifier: Apache-2.0 */
/* The library context: one per caller, no global state. */
#include "graph/world.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/io.h"

#ifndef ILOKG_DATA_DIR_DEFAULT
#define ILOKG_DATA_DIR_DEFAULT "/usr/local/share/ilokg"
#endif

ilokg_status
ilokg_world_new(ilokg_world **out, const char *data_dir, ilokg_sink sink, void *payload)
{
    ilokg_world *w = calloc(1, sizeof *w);
    if (!w) {
        return ILOKG_ERR_NOMEM;
    }
    if (!data_dir || !*data_dir) {
        data_dir = getenv("ILOKG_DATA_DIR");
    }
    if (!data_dir || !*data_dir) {
        data_dir = ILOKG_DATA_DIR_DEFAULT;
#ifdef ILOKG_DATA_DIR_BUILD
        /* An uninstalled build finds the data through the build tree's mirror. */
        if (access(ILOKG_DATA_DIR_DEFAULT "/reference", R_OK) != 0) {
            data_dir = ILOKG_DATA_DIR_BUILD;
        }
#endif
    }
    w->diag.sink    = sink;
    w->diag.payload = payload;
    w->data_dir     = ilokg_strndup(data_dir, strlen(data_dir));
    if (!w->data_dir) {
        free(w);
        return ILOKG_ERR_NOMEM;
    }
    *out = w;
    return ILOKG_OK;
}

void
ilokg_world_progress(ilokg_world *w, size_t bytes, size_t statements, size_t files)
{
    if (!w->progress) {
        return;
    }
    w->prog.bytes += bytes;
    w->prog.statements += statements;
    w->prog.docs_done += files;
    w->prog.seconds = ilokg_io_clock() - w->prog_t0;
    w->progress(&w->prog, w->progress_payload);
}

void
ilokg_world_set_progress(ilokg_world *world, size_t n_files, ilokg_progress_fn fn, void *payload)
{
    world->progress         = fn;
    world->progress_payload = payload;
    world->prog             = (ilokg_progress){0, n_files, 0, 0, 0.0, 0};
    world->prog_t0          = ilokg_io_clock();
}

void
ilokg_world_allow_outside(ilokg_world *world, int allow)
{
    world->allow_outside = allow != 0;
}

void
ilokg_world_free(ilokg_world *world)
{
    if (world) {
        ilokg_gazetteer_free(world->gaz);
        if (world->http_ready && world->http_cleanup) {
            world->http_cleanup();
        }
        if (world->rdf && world->rdf_free) {
            world->rdf_free(world->rdf);
        }
        free(world->data_dir);
        free(world);
    }
}

const char *
ilokg_world_data_dir(const ilokg_world *world)
{
    return world->data_dir;
}

const char *
ilokg_version(void)
{
    return ILOKG_VERSION;
}

char *
ilokg_world_data_path(const ilokg_world *world, const char *rel)
{
    return ilokg_path_join(world->data_dir, rel);
}

ilokg_status
ilokg_world_gazetteer(const ilokg_gazetteer **out, ilokg_world *world)
{
    if (!world->gaz) {
        char *dir = ilokg_world_data_path(world, "reference");
        if (!dir) {
            return ILOKG_ERR_NOMEM;
        }
        ilokg_status st = ilokg_gazetteer_load(&world->gaz, dir, &world->diag);
        free(dir);
        if (st) {
            return st;
        }
    }
    *out = world->gaz;
    return ILOKG_OK;
}
