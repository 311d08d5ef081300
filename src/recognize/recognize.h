/* SPDX-License-Identifier: Apache-2.0 */
/* Entity recognition over a normalised document: actors, instruments, SDG codes, countries,
 * regions; themes of sections and commitments. */
#ifndef ILOKG_RECOGNIZE_H
#define ILOKG_RECOGNIZE_H

#include "read/doc.h"
#include "recognize/gazetteer.h"
#include "util/status.h"
#include "read/text.h"

/** Appends to doc->mentions every entity named in text (source spans through text->map), sets
 *  each mention's enclosing commitment (by span), and classifies doc->sections and
 *  doc->commitments into themes. Mentions are sorted by span start. */
ilokg_status ilokg_recognize_doc(ilokg_doc *doc, const ilokg_text *text, const ilokg_gazetteer *gaz,
                                 ilokg_diag *diag);

#endif
