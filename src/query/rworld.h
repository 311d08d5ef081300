/* SPDX-License-Identifier: Apache-2.0 */
/* Opening and freeing raptor worlds from several threads at once (ilokg serve): raptor_world_open
 * initialises libxml2's global parser state (xmlInitParser) and raptor_free_world cleans it up
 * (xmlCleanupParser), neither of them thread-safe; these do it one world at a time. */
#ifndef ILOKG_RWORLD_H
#define ILOKG_RWORLD_H

#include <raptor2.h>

/** raptor_world_open(rw) under the process's one lock; its result. */
int ilokg_raptor_world_open(raptor_world *rw);
/** raptor_free_world(rw) under the same lock; rw may be NULL. */
void ilokg_raptor_world_free(raptor_world *rw);

#endif
