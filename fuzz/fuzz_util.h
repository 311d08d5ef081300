/* SPDX-License-Identifier: Apache-2.0 */
/* What the fuzz targets share: a sink that drops messages but still formats them, so that the
 * reporting path (offset -> line:col, excerpt) runs on every input. */
#ifndef ILOKG_FUZZ_UTIL_H
#define ILOKG_FUZZ_UTIL_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads every field of the message, as the tool's printer does. */
static inline void
fuzz_sink(const ilokg_message *m, void *payload)
{
    size_t *sum = payload;
    *sum += m->line + m->col + (m->text ? strlen(m->text) : 0) +
            (m->excerpt ? strlen(m->excerpt) : 0) + (m->file ? strlen(m->file) : 0);
}
#endif
