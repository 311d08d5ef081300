/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg stats: per document, sections and commitments per section, per actor and per modality,
 * and the warnings raised while reading it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/corpus.h"

typedef struct {
    const char *key;
    size_t      n;
} tally;

static void
count(tally *t, size_t *n, size_t max, const char *key)
{
    for (size_t i = 0; i < *n; i++) {
        if (!strcmp(t[i].key, key)) {
            t[i].n++;
            return;
        }
    }
    if (*n < max) {
        t[*n].key = key;
        t[(*n)++].n = 1;
    }
}

static int
by_count(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (x->n != y->n) {
        return x->n < y->n ? 1 : -1;
    }
    return strcmp(x->key, y->key);
}

/* The graph has one ilokg:Mention per span (its IRI is made of the span's offsets), with one
 * ilokg:refersTo per entity named there: a span naming two entities ("EU candidate countries
 * and neighbourhood", two regions) is two mentions here and one resource there. */
static size_t
count_spans(const ilokg_doc *doc, size_t *n_shared)
{
    size_t n = 0; /* doc->mentions are sorted by span */
    *n_shared = 0;
    for (size_t i = 0; i < doc->n_mentions; i++) {
        const ilokg_span *a = &doc->mentions[i].span, *b = i ? &doc->mentions[i - 1].span : NULL;
        if (!b || a->start != b->start || a->end != b->end) {
            n++;
        } else if (i < 2 || doc->mentions[i - 2].span.start != a->start ||
                   doc->mentions[i - 2].span.end != a->end) {
            (*n_shared)++; /* the second mention of this span: counted once per span */
        }
    }
    return n;
}

static void
print_doc(const ilokg_doc *doc, FILE *fp)
{
    fprintf(fp, "%s (%s)\n", doc->meta.id, doc->path);
    fprintf(fp, "  sections: %zu  commitments: %zu  mentions: %zu  warnings: %zu\n",
            doc->n_sections, doc->n_commitments, doc->n_mentions, doc->n_warnings);
    size_t n_shared = 0, n_spans = count_spans(doc, &n_shared);
    if (n_spans != doc->n_mentions) {
        fprintf(fp, "  mention spans: %zu (ilokg:Mention resources in the graph; %zu of them name "
                    "more than one entity)\n",
                n_spans, n_shared);
    }
    if (doc->n_sections) {
        fprintf(fp, "  commitments per section:\n");
        for (size_t i = 0; i < doc->n_sections; i++) {
            fprintf(fp, "    %4zu  %s\n", doc->sections[i].n_commitments, doc->sections[i].heading);
        }
    }
    tally  actors[64], modal[4];
    size_t na = 0, nm = 0;
    for (size_t i = 0; i < doc->n_commitments; i++) {
        const ilokg_commitment *c = &doc->commitments[i];
        for (size_t k = 0; k < c->n_actors; k++) {
            count(actors, &na, 64, c->actors[k]);
        }
        count(modal, &nm, 4, ilokg_modality_name(c->modality));
    }
    qsort(actors, na, sizeof *actors, by_count);
    qsort(modal, nm, sizeof *modal, by_count);
    if (na) {
        fprintf(fp, "  commitments per actor:\n");
        for (size_t i = 0; i < na; i++) {
            fprintf(fp, "    %4zu  %s\n", actors[i].n, actors[i].key);
        }
        fprintf(fp, "  commitments per modality:\n");
        for (size_t i = 0; i < nm; i++) {
            fprintf(fp, "    %4zu  %s\n", modal[i].n, modal[i].key);
        }
    }
    if (doc->n_warnings) {
        fprintf(fp, "  warnings:\n");
        for (size_t i = 0; i < doc->n_warnings; i++) {
            fprintf(fp, "    %s\n", doc->warnings[i]);
        }
    }
}

ilokg_status
ilokg_corpus_stats(const ilokg_corpus *corpus, FILE *fp)
{
    size_t sections = 0, commitments = 0, warnings = 0;
    for (size_t d = 0; d < corpus->n_docs; d++) {
        print_doc(corpus->docs[d], fp);
        sections += corpus->docs[d]->n_sections;
        commitments += corpus->docs[d]->n_commitments;
        warnings += corpus->docs[d]->n_warnings;
    }
    fprintf(fp, "total: %zu documents, %zu sections, %zu commitments, %zu warnings\n",
            corpus->n_docs, sections, commitments, warnings);
    return ferror(fp) ? ILOKG_ERR_IO : ILOKG_OK;
}
