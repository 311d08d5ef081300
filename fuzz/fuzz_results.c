/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: a SPARQL JSON results document as an endpoint answers (query --endpoint),
 * read and written again in the format the first byte picks (table, CSV, TSV, JSON, XML). */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "query/endpoint.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *out;
    if (!out && !(out = fopen("/dev/null", "w"))) {
        abort();
    }
    if (!size) {
        return 0;
    }
    size_t     sum    = 0;
    ilokg_diag diag   = {fuzz_sink, &sum, 0, 0};
    int        format = data[0] % 5; /* the ilokg_results_format values */
    ilokg_endpoint_write_json(&diag, "http://127.0.0.1/sparql", (const char *)data + 1, size - 1,
                              (ilokg_results_format)format, (data[0] >> 3) & 3, out);
    return sum == SIZE_MAX;
}
