/* SPDX-License-Identifier: Apache-2.0 */
/* Repairs PDF-extraction damage into a clean text with a map back to source offsets. */
#ifndef ILOKG_NORMALIZE_H
#define ILOKG_NORMALIZE_H

#include "util/source.h"
#include "util/status.h"
#include "read/text.h"

/** Normalises src (BOM, CRLF, form feeds, NBSP, soft hyphens, ligatures, quotes and dashes, bullet
 * glyphs, markup emphasis, words broken at line ends). out is the caller's (ilokg_text_free). */
ilokg_status ilokg_normalize(ilokg_text *out, const ilokg_source *src, ilokg_diag *diag);

#endif
