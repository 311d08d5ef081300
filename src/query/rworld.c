/* SPDX-License-Identifier: Apache-2.0 */
/* One lock around raptor's world set-up and tear-down (rworld.h). */
#include "query/rworld.h"

#include <pthread.h>

/* The one piece of process-wide state of the library: it guards libxml2's own (see rworld.h),
 * and is never held across anything but those two calls. */
static pthread_mutex_t world_lock = PTHREAD_MUTEX_INITIALIZER;

int
ilokg_raptor_world_open(raptor_world *rw)
{
    pthread_mutex_lock(&world_lock);
    int rc = raptor_world_open(rw);
    pthread_mutex_unlock(&world_lock);
    return rc;
}

void
ilokg_raptor_world_free(raptor_world *rw)
{
    if (rw) {
        pthread_mutex_lock(&world_lock);
        raptor_free_world(rw);
        pthread_mutex_unlock(&world_lock);
    }
}
