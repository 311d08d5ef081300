/* SPDX-License-Identifier: Apache-2.0 */
/* A SPARQL 1.1 Protocol client: the query goes to a server over HTTP (libcurl), and its SPARQL
 * JSON results come back through the same results writers as a local answer. */
#ifndef ILOKG_ENDPOINT_H
#define ILOKG_ENDPOINT_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "ilokg.h"
#include "status.h"

/** Media types asked of the endpoint. */
#define ILOKG_ENDPOINT_RESULTS "application/sparql-results+json"
#define ILOKG_ENDPOINT_TRIPLES "application/n-triples"

/** POSTs query (form-encoded, query=...) to url asking for accept, and appends the answer's body
 *  to *body. Connection failures, HTTP error statuses and the timeout (seconds, 0: none) are
 *  reported with the URL (ILOKG_ERR_IO). */
ilokg_status ilokg_endpoint_fetch(ilokg_diag *diag, const char *url, const char *query,
                                  const char *accept, double timeout, ilokg_buf *body);

/** Reads a SPARQL 1.1 JSON results document (bindings or boolean) and writes it with the results
 *  writers in format; at most max_rows rows (0: all), with a warning when rows were left out.
 *  Malformed documents are reported with the URL (ILOKG_ERR_QUERY). */
ilokg_status ilokg_endpoint_write_json(ilokg_diag *diag, const char *url, const char *json,
                                       size_t len, ilokg_results_format format, size_t max_rows,
                                       FILE *fp);

#endif
