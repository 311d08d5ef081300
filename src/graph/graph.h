/* SPDX-License-Identifier: Apache-2.0 */
/* The export graph (internal): read documents and their reference entities as quads, sorted and
 * deduplicated, plus the vocabulary namespaces and the librdf world every RDF module shares. */
#ifndef ILOKG_GRAPH_H
#define ILOKG_GRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include "read/doc.h"
#include "recognize/gazetteer.h"
#include "ilokg.h"
#include "util/status.h"
#include "util/vocab.h"
#include "graph/world.h"

/** The ontology itself (owl:Ontology) and the UN SDG KOS scheme. */
#define ILOKG_ONTOLOGY_IRI "https://w3id.org/ilokg/ns"

/** A namespace prefix declared in every serialisation that has prefixes (util/vocab.h's table). */
typedef ilokg_vocab_prefix ilokg_prefix;

/** The prefixes, in declaration order; *n gets their number. */
const ilokg_prefix *ilokg_graph_prefixes(size_t *n);

/** One statement. Every string is owned by the graph. No blank nodes: every resource is an IRI,
 *  so serialisations compare as plain sets of lines. */
typedef struct {
    const char *g, *s, *p; /* graph, subject and predicate IRIs */
    const char *o;         /* object IRI, or a literal's lexical form (UTF-8) */
    const char *dt;        /* literal datatype IRI; NULL for IRIs, simple and language literals */
    const char *lang;      /* literal language tag, NULL when none */
    bool        literal;
} ilokg_quad;

typedef struct ilokg_graph ilokg_graph;

/** Creates an empty graph for resources under base (NULL: ILOKG_DEFAULT_BASE; a base that does
 *  not end in '/' or '#' gets a '/'). An unusable base is ILOKG_ERR_USAGE, reported to diag,
 *  which the graph keeps (borrowed) for warnings. The graph is the caller's. */
ilokg_status ilokg_graph_new(ilokg_graph **out, const char *base, ilokg_diag *diag);
void         ilokg_graph_free(ilokg_graph *g);

/** The base in use (borrowed). */
const char *ilokg_graph_base(const ilokg_graph *g);

/** Adds a document's named graph: document, meeting, source file, text context, sections,
 *  commitments, mentions. Entities it refers to are remembered for ilokg_graph_add_reference.
 *  gaz may be NULL (then SDG indicators without a known UNSD code get a local IRI). */
ilokg_status ilokg_graph_add_doc(ilokg_graph *g, const ilokg_doc *doc, const ilokg_gazetteer *gaz);

/** Adds the reference graph: every entity referred to so far with its notation, label, class and
 *  authority links from gaz (NULL or a missing entry: the notation stands as the label; with a
 *  gazetteer a missing entry is a warning), SDG broader links and region memberships with their
 *  transitive closure, instrument pairings, and the modality individuals. */
ilokg_status ilokg_graph_add_reference(ilokg_graph *g, const ilokg_gazetteer *gaz);

/** What the dataset description counts: distinct triples (graphs merged), distinct subjects,
 *  instances of each class the description partitions by. */
#define ILOKG_GRAPH_N_CLASSES 12
typedef struct {
    size_t n_triples, n_subjects;
    size_t classes[ILOKG_GRAPH_N_CLASSES];
} ilokg_graph_counts;

/** Adds to c the counts of t[0, n): distinct triples sorted by ilokg_quad_cmp_triple. */
void ilokg_graph_count(ilokg_graph_counts *c, const ilokg_quad *const *t, size_t n);

/** Adds the dataset graph (VoID + DCAT + PROV) describing everything added so far plus extra
 *  (NULL: nothing more; a streaming export counts the statements it no longer holds there):
 *  counts, distributions, the documents doc_ids[0, n_docs) and their source files, the
 *  generating software. issued is an xsd:dateTime lexical form or NULL (then no timestamp at
 *  all, so runs compare byte for byte). */
ilokg_status ilokg_graph_add_dataset(ilokg_graph *g, const char *const *doc_ids, size_t n_docs,
                                     const char *issued, const ilokg_graph_counts *extra);

/** Takes over the entity references of from (a document's graph) into g, for g's reference
 *  graph, in the order they were met. */
ilokg_status ilokg_graph_take_refs(ilokg_graph *g, const ilokg_graph *from);

/** The IRI of the named graph of the document with manifest id id (interned in g). */
const char *ilokg_graph_doc_graph(ilokg_graph *g, const char *id);
/** The IRI of the document with manifest id id (interned in g). */
const char *ilokg_graph_doc_iri(ilokg_graph *g, const char *id);

/** Adds one statement to graph gi (an IRI); o is an IRI unless literal, then dt and lang may
 *  qualify it (NULL for none). For tests and extensions; ILOKG_ERR_NOMEM. */
ilokg_status ilokg_graph_add_quad(ilokg_graph *g, const char *gi, const char *s, const char *p,
                                  const char *o, bool literal, const char *dt, const char *lang);

/** The quads sorted by graph, subject, predicate, object, without duplicates (borrowed; valid
 *  until the next add). */
const ilokg_quad *ilokg_graph_quads(ilokg_graph *g, size_t *n);

/** The distinct triples (graphs merged) sorted by subject, predicate, object: an array of
 *  pointers into the graph's quads, the caller's to free (ILOKG_ERR_NOMEM). */
ilokg_status ilokg_graph_triples(const ilokg_quad ***out, size_t *n, ilokg_graph *g);

/** Where a pass may hand its statements over in batches instead of keeping them all in one graph
 *  (a streaming export sorts each batch into its temporary file): take(batch, payload) takes
 *  every statement of batch, a graph of the pass's own that it frees afterwards; a batch holds
 *  about batch_size statements. */
typedef struct {
    ilokg_status (*take)(ilokg_graph *batch, void *payload);
    void  *payload;
    size_t batch_size;
} ilokg_graph_sink;

/** Orders two quads: graph, then as ilokg_quad_cmp_triple. */
int ilokg_quad_cmp(const ilokg_quad *a, const ilokg_quad *b);

/** Orders two quads' triples: subject, predicate, then object (IRIs before literals). */
int ilokg_quad_cmp_triple(const ilokg_quad *a, const ilokg_quad *b);

/** The world's librdf world (a librdf_world *, borrowed), created on first use with a logger that
 *  forwards librdf, raptor and rasqal messages to the world's sink with their locator. */
ilokg_status ilokg_graph_rdf_world(void **out, ilokg_world *world);
/** Puts the library's logger (messages to the world's sink) back on the librdf world, after a
 *  caller installed another for a while. */
void ilokg_graph_logger_reset(ilokg_world *world);

#endif
