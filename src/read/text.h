/* SPDX-License-Identifier: Apache-2.0 */
/* Normalised text: a clean buffer with a monotone map from every byte back to the source. */
#ifndef ILOKG_TEXT_H
#define ILOKG_TEXT_H

#include <stddef.h>

#include "read/doc.h"

typedef struct {
    char   *ptr; /* normalised UTF-8, NUL after len */
    size_t  len;
    size_t *map;     /* map[i]: source byte offset of normalised byte i; map[len]: source length */
    size_t *map_end; /* map_end[i]: end of the source bytes normalised byte i came from; may be
                        NULL (then map[i] + 1) */
} ilokg_text;

/** The source span of normalised [start, end). */
ilokg_span ilokg_text_span(const ilokg_text *t, size_t start, size_t end);

void ilokg_text_free(ilokg_text *t);

#endif
