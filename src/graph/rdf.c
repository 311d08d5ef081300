/* SPDX-License-Identifier: Apache-2.0 */
/* The librdf world every RDF module shares (its logger forwards to the world's sink). The output
 * format names are in format.c, which the query side uses without Redland. */
#include "graph/graph.h"

#include <redland.h>

#include <string.h>

#include "graph/graph_int.h"

/* ---- librdf world ------------------------------------------------------------------------- */

static int
log_handler(void *user_data, librdf_log_message *message)
{
    ilokg_world     *w     = user_data;
    librdf_log_level level = librdf_log_message_level(message);
    const char      *text  = librdf_log_message_message(message);
    raptor_locator  *loc   = librdf_log_message_locator(message);
    const char      *file  = NULL;
    size_t           line = 0, col = 0;
    if (level < LIBRDF_LOG_WARN) {
        return 1;
    }
    if (loc) {
        file = raptor_locator_file(loc);
        if (!file) {
            file = raptor_locator_uri(loc);
            if (file && !strncmp(file, "file://", 7)) {
                file += 7;
            }
        }
        line = raptor_locator_line(loc) > 0 ? (size_t)raptor_locator_line(loc) : 0;
        col  = raptor_locator_column(loc) > 0 ? (size_t)raptor_locator_column(loc) : 0;
    }
    /* raptor's RDF/XML parser passes libxml's errors on without a locator. */
    if (!file) {
        file = w->rdf_input;
    }
    ilokg_report_at(&w->diag, level >= LIBRDF_LOG_ERROR ? ILOKG_ERR_RDF : ILOKG_OK, file, line, col,
                    "%s", text ? text : "(no message)");
    return 1;
}

static void
rdf_world_free(void *rdf)
{
    librdf_free_world(rdf);
}

void
ilokg_graph_logger_reset(ilokg_world *world)
{
    if (world->rdf) {
        librdf_world_set_logger(world->rdf, world, log_handler);
    }
}

ilokg_status
ilokg_graph_rdf_world(void **out, ilokg_world *world)
{
    if (!world->rdf) {
        librdf_world *lw = librdf_new_world();
        if (!lw) {
            return ilokg_report_at(&world->diag, ILOKG_ERR_RDF, NULL, 0, 0,
                                   "cannot create the RDF library's world");
        }
        librdf_world_set_logger(lw, world, log_handler);
        librdf_world_open(lw);
        world->rdf      = lw;
        world->rdf_free = rdf_world_free;
    }
    *out = world->rdf;
    return ILOKG_OK;
}
