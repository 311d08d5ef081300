/* SPDX-License-Identifier: Apache-2.0 */
/* RDF output of the export graph: Turtle, TriG, N-Triples and N-Quads written here (a statement
 * at a time, so export can stream), RDF/XML through raptor's abbreviating serializer. */
#ifndef ILOKG_SERIALIZE_H
#define ILOKG_SERIALIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "graph/graph.h"
#include "util/buf.h"
#include "ilokg.h"

/** Writes g to fp in format f (not JSON-LD: see jsonld.h). Raptor's messages and write failures
 *  are reported to the world's sink (ILOKG_ERR_RDF, ILOKG_ERR_IO). */
ilokg_status ilokg_serialize(FILE *fp, ilokg_world *world, ilokg_graph *g, ilokg_format f);

/** Writes statements in sorted order in Turtle, TriG, N-Triples or N-Quads into a buffer,
 *  remembering what the next statement's separator depends on. N-Triples and N-Quads are escaped
 *  as raptor escapes them (ASCII output), so output is the same as when raptor wrote it. */
typedef struct {
    ilokg_format      format;
    bool              with_graph; /* N-Quads, TriG: statements are quads, sorted by graph first */
    bool              started;    /* a statement has been written */
    const ilokg_quad *prev;       /* the last one (borrowed), NULL: another subject and graph */
} ilokg_writer;

/** Whether format f has a writer (all but RDF/XML and JSON-LD). */
bool ilokg_writer_streams(ilokg_format f);
void ilokg_writer_init(ilokg_writer *w, ilokg_format f);
/** Appends the prefix declarations (Turtle, TriG) to b. */
ilokg_status ilokg_writer_head(ilokg_writer *w, ilokg_buf *b);
/** Appends q, which sorts after the previous statement, to b. q is borrowed until the next call. */
ilokg_status ilokg_writer_add(ilokg_writer *w, ilokg_buf *b, const ilokg_quad *q);
/** Appends what ends the output (Turtle: " .\n"). */
ilokg_status ilokg_writer_end(ilokg_writer *w, ilokg_buf *b);

/** Joining text written by another writer: a writer started with started = true and prev = NULL
 *  writes a block whose first statement opens with the separator from a previous subject (graph),
 *  ilokg_writer_join_skip(w) bytes long. Before copying such a block after w's output, call
 *  ilokg_writer_join(w, b): when w has written nothing, it appends the separator of a first
 *  statement instead and the caller skips the block's first join_skip bytes. After it, w is
 *  positioned after "another subject and graph". */
size_t       ilokg_writer_join_skip(const ilokg_writer *w);
ilokg_status ilokg_writer_join(ilokg_writer *w, ilokg_buf *b);

#endif
