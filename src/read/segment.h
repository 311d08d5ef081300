/* SPDX-License-Identifier: Apache-2.0 */
/* Document structure: header, parts, sections, lead-ins and the commitments they introduce. */
#ifndef ILOKG_SEGMENT_H
#define ILOKG_SEGMENT_H

#include "read/doc.h"
#include "util/source.h"
#include "util/status.h"
#include "read/text.h"

/** Fills doc->sections and doc->commitments from the normalised text. Damage that leaves a usable
 *  result (an item out of sequence, an item with no lead-in) is a warning located in src. */
ilokg_status ilokg_segment_doc(ilokg_doc *doc, const ilokg_text *text, const ilokg_source *src,
                               ilokg_diag *diag);

#endif
