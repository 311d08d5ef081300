/* SPDX-License-Identifier: Apache-2.0 */
/* A SPARQL 1.1 Protocol client: the query goes to a server over HTTP (libcurl), and its SPARQL
 * JSON results come back through the same results writers as a local answer. */
#ifndef ILOKG_ENDPOINT_H
#define ILOKG_ENDPOINT_H

#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"
#include "ilokg.h"
#include "util/status.h"

/** Media types asked of the endpoint. */
#define ILOKG_ENDPOINT_RESULTS "application/sparql-results+json"
#define ILOKG_ENDPOINT_TRIPLES "application/n-triples"

/** What an answer may cost: seconds to connect and in all (0: no limit), its size in bytes (0:
 *  none), redirects followed (http and https only, each counted). */
typedef struct {
    double connect_timeout, timeout;
    size_t max_bytes;
    long   max_redirects;
} ilokg_endpoint_limits;
/** The defaults: 30 s to connect, 600 s in all, 1 GiB, 5 redirects. */
#define ILOKG_ENDPOINT_LIMITS_INIT                                                                 \
    {                                                                                              \
        30.0, 600.0, (size_t)1 << 30, 5L                                                           \
    }

/** POSTs query (form-encoded, query=...) to url asking for accept, and appends the answer's body
 *  to *body. Connection failures, HTTP error statuses and the timeout (seconds, 0: the default
 *  limits) are reported with the URL (ILOKG_ERR_IO). */
ilokg_status ilokg_endpoint_fetch(ilokg_diag *diag, const char *url, const char *query,
                                  const char *accept, double timeout, ilokg_buf *body);
/** As ilokg_endpoint_fetch with the limits given (the defaults, ILOKG_ENDPOINT_LIMITS_INIT, when
 *  ilokg_endpoint_fetch's timeout is 0). Only http and https URLs are fetched (anything else is
 *  ILOKG_ERR_USAGE), redirects only to them; an answer asked as N-Triples that does not parse as
 *  N-Triples is ILOKG_ERR_QUERY with its line. libcurl's global state is the world's
 *  (ilokg_world_http); without it, curl_easy_init sets it up on first use. */
ilokg_status ilokg_endpoint_fetch_with(ilokg_diag *diag, const char *url, const char *query,
                                       const char *accept, const ilokg_endpoint_limits *lim,
                                       ilokg_buf *body);

/** Reads a SPARQL 1.1 JSON results document (bindings or boolean) and writes it with the results
 *  writers in format; at most max_rows rows (0: all), with a warning when rows were left out.
 *  Malformed documents are reported with the URL (ILOKG_ERR_QUERY). */
ilokg_status ilokg_endpoint_write_json(ilokg_diag *diag, const char *url, const char *json,
                                       size_t len, ilokg_results_format format, size_t max_rows,
                                       FILE *fp);

#endif
