/* SPDX-License-Identifier: Apache-2.0 */
/* A scan of Turtle and TriG text before raptor reads it: raptor 2.0.15's Turtle lexer
 * dereferences a null pointer on the empty IRI reference "<>" followed by '{' (valid TriG: a
 * graph named by the base IRI; in Turtle a syntax error), killing the process. The scan follows
 * IRIs, strings (short and long, with escapes) and comments across chunks and finds that pair. */
#ifndef ILOKG_TURTLE_GUARD_H
#define ILOKG_TURTLE_GUARD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    int    state;           /* where the scan is: outside terms, in an IRI, a string, a comment */
    char   quote;           /* the string's quote character */
    int    quotes;          /* quotes seen in a row (opening or closing a long string) */
    size_t iri_len;         /* bytes of the IRI being read */
    bool   empty_iri;       /* "<>" was the last token */
    size_t line, col;       /* of the next byte (1-based; col in characters) */
    size_t at_line, at_col; /* of the '<' of that "<>" */
} ilokg_turtle_guard;

/** Starts a scan at line 1, column 1. */
void ilokg_turtle_guard_init(ilokg_turtle_guard *g);
/** Scans p[0, len), the next bytes of the text. True when "<>" then '{' was found: *line and
 *  *col get the place of the "<>". */
bool ilokg_turtle_guard_scan(ilokg_turtle_guard *g, const char *p, size_t len, size_t *line,
                             size_t *col);

#endif
