/* SPDX-License-Identifier: Apache-2.0 */
/* Validation (placeholder). */
#include "world.h"

ilokg_status
ilokg_validate_files(ilokg_world *world, const char *const *paths, size_t n_paths,
                     size_t *n_violations)
{
    (void)paths, (void)n_paths;
    *n_violations = 0;
    return ilokg_report_at(&world->diag, ILOKG_ERR_INTERNAL, NULL, 0, 0, "not built yet");
}
