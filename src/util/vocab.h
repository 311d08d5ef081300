/* SPDX-License-Identifier: Apache-2.0 */
/* The vocabulary namespaces, each IRI written once: the graph builds with them, the serialisers
 * declare them, the query engine predeclares them. (ILOKG_NS, the project's own, is in ilokg.h.)
 * And the one prefix table (vocab.c) both the serialisers and the query engine read. */
#ifndef ILOKG_VOCAB_H
#define ILOKG_VOCAB_H

#define ILOKG_NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define ILOKG_NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define ILOKG_NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define ILOKG_NS_OWL "http://www.w3.org/2002/07/owl#"
#define ILOKG_NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define ILOKG_NS_DCTERMS "http://purl.org/dc/terms/"
#define ILOKG_NS_PROV "http://www.w3.org/ns/prov#"
#define ILOKG_NS_NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define ILOKG_NS_ORG "http://www.w3.org/ns/org#"
#define ILOKG_NS_VOID "http://rdfs.org/ns/void#"
#define ILOKG_NS_DCAT "http://www.w3.org/ns/dcat#"
#define ILOKG_NS_SPDX "http://spdx.org/rdf/terms#"
#define ILOKG_NS_SH "http://www.w3.org/ns/shacl#"
#define ILOKG_NS_OA "http://www.w3.org/ns/oa#"
#define ILOKG_NS_FOAF "http://xmlns.com/foaf/0.1/"
#define ILOKG_NS_SCHEMA "https://schema.org/"
#define ILOKG_NS_WD "http://www.wikidata.org/entity/"
/** The UN SDG KOS scheme and its ontology. */
#define ILOKG_SDG_KOS "http://metadata.un.org/sdg/"
#define ILOKG_NS_SDGO "http://metadata.un.org/sdg/ontology#"

#include <stddef.h>

/** One prefix of the table: the serialisations' declarations (declared) and the prefixes a query
 *  may use undeclared (query_pos, the place in that list as `ilokg query --prefixes` shows it,
 *  1-based; 0: not predeclared). */
typedef struct {
    const char   *prefix, *iri;
    unsigned char declared, query_pos;
} ilokg_vocab_prefix;

/** The whole table (static, borrowed): first the *n_declared prefixes every serialisation with
 *  prefixes declares, in their order of declaration, then the ones only queries predeclare. *n
 *  gets its size. The id: prefix stands for the default resource base (ILOKG_DEFAULT_BASE). */
const ilokg_vocab_prefix *ilokg_vocab_prefixes(size_t *n, size_t *n_declared);

#endif
