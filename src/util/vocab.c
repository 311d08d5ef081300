/* SPDX-License-Identifier: Apache-2.0 */
/* The one prefix table: the namespaces the serialisations declare and the prefixes a query may use
 * undeclared, each pair written once. */
#include "util/vocab.h"

#include "ilokg.h"

/* The serialisations' order first (the corpus export declares them in this order), then the
 * query-only prefixes; query_pos keeps the order queries list them in. */
static const ilokg_vocab_prefix table[] = {
    {"ilokg", ILOKG_NS, 1, 1},           {"rdf", ILOKG_NS_RDF, 1, 3},
    {"rdfs", ILOKG_NS_RDFS, 1, 4},       {"xsd", ILOKG_NS_XSD, 1, 6},
    {"owl", ILOKG_NS_OWL, 1, 5},         {"skos", ILOKG_NS_SKOS, 1, 7},
    {"dcterms", ILOKG_NS_DCTERMS, 1, 8}, {"prov", ILOKG_NS_PROV, 1, 11},
    {"nif", ILOKG_NS_NIF, 1, 13},        {"org", ILOKG_NS_ORG, 1, 12},
    {"void", ILOKG_NS_VOID, 1, 10},      {"dcat", ILOKG_NS_DCAT, 1, 9},
    {"spdx", ILOKG_NS_SPDX, 1, 0},       {"id", ILOKG_DEFAULT_BASE, 0, 2},
    {"oa", ILOKG_NS_OA, 0, 14},          {"sdg", ILOKG_SDG_KOS, 0, 15},
    {"sdgo", ILOKG_NS_SDGO, 0, 16},      {"foaf", ILOKG_NS_FOAF, 0, 17},
    {"schema", ILOKG_NS_SCHEMA, 0, 18},  {"wd", ILOKG_NS_WD, 0, 19},
};

const ilokg_vocab_prefix *
ilokg_vocab_prefixes(size_t *n, size_t *n_declared)
{
    size_t k = 0;
    *n       = sizeof table / sizeof table[0];
    while (k < *n && table[k].declared) {
        k++;
    }
    *n_declared = k;
    return table;
}
