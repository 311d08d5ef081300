/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the SPARQL parser and its translation into the algebra, then the algebra
 * printed (query --explain), with prefixes predeclared as ilokg query does. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "query/algebra.h"
#include "util/source.h"

static const char *const prefixes[][2] = {
    {"ilokg", "https://w3id.org/ilokg/ns#"},
    {"skos", "http://www.w3.org/2004/02/skos/core#"},
    {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
    {"xsd", "http://www.w3.org/2001/XMLSchema#"},
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink_fp;
    if (!sink_fp && !(sink_fp = fopen("/dev/null", "w"))) {
        abort();
    }
    size_t               sum  = 0;
    ilokg_diag           diag = {fuzz_sink, &sum, 0, 0};
    ilokg_source        *src  = NULL;
    ilokg_sparql        *q    = NULL;
    ilokg_sparql_options opt  = {prefixes, sizeof prefixes / sizeof prefixes[0],
                                 "file:///fuzz/query.rq"};
    if (!ilokg_source_from_bytes(&src, "fuzz.rq", (const char *)data, size, &diag) &&
        !ilokg_sparql_parse(&q, src, &opt, &diag)) {
        ilokg_sparql_dump(q, sink_fp);
    }
    ilokg_sparql_free(q);
    ilokg_source_free(src);
    return sum == SIZE_MAX;
}
