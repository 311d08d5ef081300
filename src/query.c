/* SPDX-License-Identifier: Apache-2.0 */
/* SPARQL query (placeholder). */
#include "world.h"

ilokg_status
ilokg_query_run(ilokg_world *world, const char *query, const char *name,
                const ilokg_query_options *opt, FILE *fp)
{
    (void)query, (void)name, (void)opt, (void)fp;
    return ilokg_report_at(&world->diag, ILOKG_ERR_INTERNAL, NULL, 0, 0, "not built yet");
}

ilokg_status
ilokg_store_load(ilokg_world *world, const char *store, const char *const *paths, size_t n_paths)
{
    (void)store, (void)paths, (void)n_paths;
    return ilokg_report_at(&world->diag, ILOKG_ERR_INTERNAL, NULL, 0, 0, "not built yet");
}

void
ilokg_prefixes_print(FILE *fp)
{
    (void)fp;
}
