/* SPDX-License-Identifier: Apache-2.0 */
/* Statements as records in a byte buffer: how the streaming export keeps a document's sorted
 * statements in its spill file until the end graph's statements are merged in among them. */
#ifndef ILOKG_RECORD_H
#define ILOKG_RECORD_H

#include <stddef.h>

#include "graph/graph.h"
#include "ilokg.h"
#include "util/buf.h"

/** Appends q to b as one record. prev is the statement recorded just before in the same run of
 *  records (NULL at a run's start): a graph, subject or predicate that is the same pointer as
 *  prev's is not written again (the graph's strings are interned). ILOKG_ERR_NOMEM. */
ilokg_status ilokg_record_add(ilokg_buf *b, const ilokg_quad *q, const ilokg_quad *prev);

/** Decodes the run of records p[0, len) into (*out)[0, *n) (grown as needed, capacity in *cap,
 *  the caller's to free). The quads' strings point into p (borrowed: valid while p is).
 *  ILOKG_ERR_NOMEM; ILOKG_ERR_INTERNAL when p is not a whole run of records. */
ilokg_status ilokg_record_read(ilokg_quad **out, size_t *n, size_t *cap, const char *p, size_t len);

#endif
