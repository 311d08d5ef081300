/* SPDX-License-Identifier: Apache-2.0 */
/* The dataset graph: VoID, DCAT and PROV description of everything added before. */
#include "graph/graph.h"

#include <stdlib.h>
#include <string.h>

#include "graph/graph_int.h"

#define LICENSE_IRI "https://creativecommons.org/licenses/by/4.0/"

/* ---- dataset description ------------------------------------------------------------------ */

static const char *const classes[ILOKG_GRAPH_N_CLASSES] = {
    "Document",   "Meeting", "Section",   "Commitment",   "Mention", "Actor",
    "Instrument", "SDGGoal", "SDGTarget", "SDGIndicator", "Country", "Region",
};

void
ilokg_graph_count(ilokg_graph_counts *c, const ilokg_quad *const *t, size_t n)
{
    size_t ns = strlen(ILOKG_NS);
    for (size_t i = 0; i < n; i++) {
        c->n_triples++;
        c->n_subjects += !i || strcmp(t[i - 1]->s, t[i]->s);
        if (!t[i]->literal && !strcmp(t[i]->p, A) && !strncmp(t[i]->o, ILOKG_NS, ns)) {
            for (size_t k = 0; k < ILOKG_GRAPH_N_CLASSES; k++) {
                if (!strcmp(t[i]->o + ns, classes[k])) {
                    c->classes[k]++;
                }
            }
        }
    }
}

ilokg_status
ilokg_graph_add_dataset(ilokg_graph *g, const char *const *doc_ids, size_t n_docs,
                        const char *issued, const ilokg_graph_counts *extra)
{
    static const char *const formats[][3] = {
        {"turtle", "Turtle", "text/turtle"},
        {"ntriples", "N-Triples", "application/n-triples"},
        {"nquads", "N-Quads", "application/n-quads"},
        {"trig", "TriG", "application/trig"},
        {"rdfxml", "RDF/XML", "application/rdf+xml"},
        {"jsonld", "JSON-LD", "application/ld+json"},
    };
    static const char *const vocabularies[] = {
        ILOKG_NS,     ILOKG_NS_SKOS, ILOKG_NS_DCTERMS, ILOKG_NS_PROV,
        ILOKG_NS_NIF, ILOKG_NS_ORG,  ILOKG_NS_SPDX,
    };
    if (g->st) {
        return g->st;
    }
    /* Counts describe the document and reference graphs, i.e. everything added before. */
    const ilokg_quad **t  = NULL;
    size_t             nt = 0;
    ilokg_graph_counts c  = {0};
    if ((g->st = ilokg_graph_triples(&t, &nt, g))) {
        return g->st;
    }
    ilokg_graph_count(&c, t, nt);
    free(t);
    if (extra) {
        c.n_triples += extra->n_triples;
        c.n_subjects += extra->n_subjects;
        for (size_t k = 0; k < ILOKG_GRAPH_N_CLASSES; k++) {
            c.classes[k] += extra->classes[k];
        }
    }

    const char *ds  = ilokg_graph_res(g, "dataset");
    const char *gen = ilokg_graph_res(g, "dataset/generation");
    const char *sw  = ilokg_graph_res(g, "software/ilokg/%s", ILOKG_VERSION);
    g->cur          = ilokg_graph_res(g, "graph/dataset");
    t_iri(g, ds, A, VOID("Dataset"));
    t_iri(g, ds, A, DCAT("Dataset"));
    t_en(g, ds, DCT("title"), "ILO and European Commission policy commitments");
    t_en(g, ds, RDFS("label"), "ILO and European Commission policy commitments");
    t_en(g, ds, DCT("description"),
         "Commitments undertaken in ILO and European Commission policy documents, the actors "
         "undertaking them, and the instruments, SDG goals, targets and indicators, countries "
         "and regions they mention, each linked to its exact span in the source text.");
    t_iri(g, ds, DCT("license"), LICENSE_IRI);
    t_iri(g, ds, DCT("conformsTo"), ILOKG_ONTOLOGY_IRI);
    t_str(g, ds, VOID("uriSpace"), g->base);
    for (size_t i = 0; i < sizeof vocabularies / sizeof vocabularies[0]; i++) {
        t_iri(g, ds, VOID("vocabulary"), vocabularies[i]);
    }
    t_num(g, ds, VOID("triples"), c.n_triples, XSD("integer"));
    t_num(g, ds, VOID("entities"), c.n_subjects, XSD("integer"));
    for (size_t k = 0; k < ILOKG_GRAPH_N_CLASSES; k++) {
        const char *part = ilokg_graph_res(g, "dataset/class/%s", classes[k]);
        t_iri(g, ds, VOID("classPartition"), part);
        t_iri(g, part, VOID("class"), ilokg_graph_fmt(g, ILOKG_NS "%s", classes[k]));
        t_num(g, part, VOID("entities"), c.classes[k], XSD("integer"));
        t_en(g, part, RDFS("label"), ilokg_graph_fmt(g, "instances of ilokg:%s", classes[k]));
    }
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        const char *dist = ilokg_graph_res(g, "dataset/distribution/%s", formats[i][0]);
        t_iri(g, ds, DCAT("distribution"), dist);
        t_iri(g, dist, A, DCAT("Distribution"));
        t_en(g, dist, DCT("title"), formats[i][1]);
        t_en(g, dist, RDFS("label"), ilokg_graph_fmt(g, "%s serialisation", formats[i][1]));
        t_iri(g, dist, DCAT("mediaType"),
              ilokg_graph_fmt(g, "https://www.iana.org/assignments/media-types/%s", formats[i][2]));
        t_iri(g, dist, DCT("license"), LICENSE_IRI);
    }
    t_iri(g, ds, PROV("wasGeneratedBy"), gen);
    t_iri(g, gen, A, PROV("Activity"));
    t_en(g, gen, RDFS("label"), "conversion of the source documents by ilokg convert");
    t_iri(g, gen, PROV("wasAssociatedWith"), sw);
    t_iri(g, sw, A, PROV("SoftwareAgent"));
    t_en(g, sw, RDFS("label"), "ilokg " ILOKG_VERSION);
    t_str(g, sw, OWL("versionInfo"), ILOKG_VERSION);
    for (size_t i = 0; i < n_docs; i++) {
        const char *id = ilokg_graph_seg(g, doc_ids[i]);
        const char *f  = ilokg_graph_res(g, "doc/%s/source", id);
        t_iri(g, ds, VOID("rootResource"), ilokg_graph_res(g, "doc/%s", id));
        t_iri(g, ds, DCT("source"), f);
        t_iri(g, gen, PROV("used"), f);
    }
    if (issued) {
        t_typed(g, ds, DCT("issued"), issued, XSD("dateTime"));
        t_typed(g, ds, DCT("modified"), issued, XSD("dateTime"));
        t_typed(g, gen, PROV("endedAtTime"), issued, XSD("dateTime"));
    }
    g->cur = NULL;
    return g->st;
}
