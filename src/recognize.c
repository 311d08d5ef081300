/* SPDX-License-Identifier: Apache-2.0 */
/* Recognition (placeholder). */
#include "recognize.h"

ilokg_status
ilokg_recognize_doc(ilokg_doc *doc, const ilokg_text *text, const ilokg_gazetteer *gaz,
                    ilokg_diag *diag)
{
    (void)doc, (void)text, (void)gaz, (void)diag;
    return ILOKG_OK;
}
