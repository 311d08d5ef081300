/* SPDX-License-Identifier: Apache-2.0 */
/* A scan of Turtle, TriG, N-Triples and N-Quads text before raptor reads it, for what raptor
 * 2.0.15 crashes on: its Turtle lexer dereferences a null pointer on the empty IRI reference "<>"
 * followed by '{' (valid TriG: a graph named by the base IRI; in Turtle a syntax error), and
 * every one of its readers corrupts the heap on a language tag of 256 characters or more (it
 * keeps the length in a byte). The scan follows IRIs, strings (short and long, with escapes),
 * language tags and comments across chunks. */
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
    size_t at_line, at_col; /* of the '<' of that "<>", or the '@' of a language tag */
    size_t lang_len;        /* characters of the language tag being read */
} ilokg_turtle_guard;

/** The longest language tag raptor reads without corrupting memory. */
#define ILOKG_LANGTAG_MAX 255

typedef enum {
    ILOKG_GUARD_OK,
    ILOKG_GUARD_EMPTY_IRI_GRAPH, /* "<>" then '{' */
    ILOKG_GUARD_LONG_LANGTAG,    /* a language tag over ILOKG_LANGTAG_MAX characters */
} ilokg_guard_finding;

/** Starts a scan at line 1, column 1. */
void ilokg_turtle_guard_init(ilokg_turtle_guard *g);
/** Scans p[0, len), the next bytes of the text. What was found, if anything: *line and *col get
 *  the place of the "<>" or of the language tag's '@'. */
ilokg_guard_finding ilokg_turtle_guard_scan(ilokg_turtle_guard *g, const char *p, size_t len,
                                            size_t *line, size_t *col);
/** The message for a finding (static text). */
const char *ilokg_turtle_guard_message(ilokg_guard_finding f);

#endif
