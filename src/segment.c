/* SPDX-License-Identifier: Apache-2.0 */
/* Segmentation (first cut: none). */
#include "segment.h"

ilokg_status
ilokg_segment_doc(ilokg_doc *doc, const ilokg_text *text, const ilokg_source *src,
                  ilokg_diag *diag)
{
    (void)doc, (void)text, (void)src, (void)diag;
    return ILOKG_OK;
}
