/* SPDX-License-Identifier: Apache-2.0 */
/* A corpus: the documents read in one run, in the order given (manifest order for a directory). */
#ifndef ILOKG_CORPUS_H
#define ILOKG_CORPUS_H

#include "read/doc.h"
#include "ilokg.h"

struct ilokg_corpus {
    ilokg_doc **docs;
    size_t      n_docs;
};

#endif
