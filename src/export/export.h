/* SPDX-License-Identifier: Apache-2.0 */
/* The export driver (ilokg_corpus_export in ilokg.h): builds the graph of a corpus and writes it
 * in one format. Declared here only so the driver has a header of its own. */
#ifndef ILOKG_EXPORT_H
#define ILOKG_EXPORT_H

#include "ilokg.h"

#endif
