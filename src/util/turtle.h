/* SPDX-License-Identifier: Apache-2.0 */
/* Turtle and N-Triples string literals: the one escaper the serialisers (export/serialize.c) and
 * the query side's Turtle-syntax terms (TSV results, --explain) write strings with. */
#ifndef ILOKG_TURTLE_H
#define ILOKG_TURTLE_H

#include <stddef.h>

#include "util/buf.h"
#include "util/status.h"

/** Appends s (len bytes, UTF-8) to b as a quoted Turtle/N-Triples string: '"' and '\' escaped,
 *  LF, CR and tab as \n, \r, \t, every other C0 control and U+007F as \uXXXX (upper-case hex),
 *  the rest as it is. The output holds no control character, so a term stays on one line and
 *  inside one TSV cell. */
ilokg_status ilokg_turtle_string(ilokg_buf *b, const char *s, size_t len);

#endif
