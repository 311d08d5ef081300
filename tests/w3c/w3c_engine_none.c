/* SPDX-License-Identifier: Apache-2.0 */
/* Stands in for w3c_engine.c while the library has no query engine (parser, evaluator,
 * in-memory store) yet: the harness still builds and checks its readers (--self-check). */
#include "w3c.h"

int
w3c_engine_present(void)
{
    return 0;
}

ilokg_status
w3c_engine_parse(const char *query_path, const char *query_iri, ilokg_buf *msg)
{
    (void)query_path;
    (void)query_iri;
    (void)ilokg_buf_adds(msg, "this build has no query engine");
    return ILOKG_ERR_QUERY;
}

ilokg_status
w3c_engine_run(w3c_result *out, w3c_order_names *ord, const w3c_case *c, const char **stage,
               ilokg_buf *msg)
{
    (void)out;
    (void)ord;
    (void)c;
    *stage = "parse";
    (void)ilokg_buf_adds(msg, "this build has no query engine");
    return ILOKG_ERR_QUERY;
}
