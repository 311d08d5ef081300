/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg stats: per-document counts of sections, commitments, actors and modalities. */
#include <stdio.h>
#include <string.h>

#include "corpus.h"

ilokg_status
ilokg_corpus_stats(const ilokg_corpus *corpus, FILE *fp)
{
    for (size_t d = 0; d < corpus->n_docs; d++) {
        const ilokg_doc *doc = corpus->docs[d];
        fprintf(fp, "%s: %zu sections, %zu commitments, %zu mentions, %zu warnings\n",
                doc->meta.id, doc->n_sections, doc->n_commitments, doc->n_mentions,
                doc->n_warnings);
    }
    return ferror(fp) ? ILOKG_ERR_IO : ILOKG_OK;
}
