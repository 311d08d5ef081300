/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the one prefix table: the serialisations declare their prefixes in the order they
 * always did (the corpus export depends on it), and the query side finds its predeclared
 * prefixes in theirs, each place taken once. */
#include "testutil.h"

#include <string.h>

#include "graph/graph.h"
#include "util/vocab.h"

/* The serialisations' prefixes in declaration order, copied by hand from the @prefix lines of a
 * Turtle export made before the table was shared (ilokg convert data/corpus -f turtle). */
static void
test_vocab_declared_in_export_order(void **state)
{
    (void)state;
    static const char *const want[][2] = {
        {"ilokg", "https://w3id.org/ilokg/ns#"},
        {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
        {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
        {"xsd", "http://www.w3.org/2001/XMLSchema#"},
        {"owl", "http://www.w3.org/2002/07/owl#"},
        {"skos", "http://www.w3.org/2004/02/skos/core#"},
        {"dcterms", "http://purl.org/dc/terms/"},
        {"prov", "http://www.w3.org/ns/prov#"},
        {"nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"},
        {"org", "http://www.w3.org/ns/org#"},
        {"void", "http://rdfs.org/ns/void#"},
        {"dcat", "http://www.w3.org/ns/dcat#"},
        {"spdx", "http://spdx.org/rdf/terms#"},
    };
    size_t              n  = 0;
    const ilokg_prefix *pf = ilokg_graph_prefixes(&n);
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(pf[i].prefix, want[i][0]);
        assert_string_equal(pf[i].iri, want[i][1]);
    }
}

/* No declared row after the first undeclared one, and the query positions are 1..k, each once
 * (19 predeclared prefixes: the list `ilokg query --prefixes` printed before the change). */
static void
test_vocab_query_positions_each_once(void **state)
{
    (void)state;
    size_t                    n = 0, n_declared = 0, k = 0;
    const ilokg_vocab_prefix *t = ilokg_vocab_prefixes(&n, &n_declared);
    unsigned char             seen[64];
    memset(seen, 0, sizeof seen);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(t[i].declared, i < n_declared);
        if (t[i].query_pos) {
            assert_true(t[i].query_pos < sizeof seen);
            assert_int_equal(seen[t[i].query_pos], 0);
            seen[t[i].query_pos] = 1;
            k++;
        }
    }
    assert_int_equal(k, 19);
    for (size_t i = 1; i <= k; i++) {
        assert_int_equal(seen[i], 1);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vocab_declared_in_export_order),
        cmocka_unit_test(test_vocab_query_positions_each_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
