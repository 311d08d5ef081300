/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: one RDF syntax (ILOKG_FUZZ_FORMAT, set per executable) through the loader
 * that query --data, --named and load use, then the store frozen and scanned. */
#include <stdlib.h>

#include "fuzz_util.h"
#include "query/qstore.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t        sum  = 0;
    ilokg_diag    diag = {fuzz_sink, &sum, 0, 0};
    ilokg_qstore *st   = NULL;
    ilokg_qiter  *it   = NULL;
    if (ilokg_qstore_mem_new(&st)) {
        abort();
    }
    if (!ilokg_qstore_mem_load_bytes(st, (const char *)data, size, "fuzz.in", ILOKG_FUZZ_FORMAT,
                                     "https://example.org/g", "https://example.org/base/", &diag,
                                     NULL) &&
        !ilokg_qstore_mem_freeze(st)) {
        ilokg_quad any = {ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE};
        if (!ilokg_qstore_match(st, &any, &it)) {
            ilokg_quad q;
            int        got = 0;
            while (!ilokg_qiter_next(it, &q, &got) && got) {
                ilokg_qterm t;
                if (!ilokg_qstore_term(st, q.o, &t)) {
                    sum += t.lex_len;
                }
            }
        }
    }
    ilokg_qiter_free(it);
    ilokg_qstore_free(st);
    return sum == SIZE_MAX;
}
