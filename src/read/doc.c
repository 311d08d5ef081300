/* SPDX-License-Identifier: Apache-2.0 */
/* The document model: freeing, offsets in code points. */
#include "read/doc.h"

#include <stdlib.h>

#include "util/utf8.h"

void
ilokg_doc_free(ilokg_doc *doc)
{
    if (!doc) {
        return;
    }
    ilokg_meta_clear(&doc->meta);
    for (size_t i = 0; i < doc->n_sections; i++) {
        free(doc->sections[i].part);
        free(doc->sections[i].heading);
        free(doc->sections[i].themes);
    }
    for (size_t i = 0; i < doc->n_commitments; i++) {
        free(doc->commitments[i].text);
        free(doc->commitments[i].themes);
    }
    for (size_t i = 0; i < doc->n_interned; i++) {
        free(doc->interned[i]);
    }
    free(doc->interned);
    for (size_t i = 0; i < doc->n_warnings; i++) {
        free(doc->warnings[i]);
    }
    free(doc->warnings);
    free(doc->sections);
    free(doc->commitments);
    free(doc->mentions);
    free(doc->path);
    free(doc->bytes);
    free(doc);
}

size_t
ilokg_doc_char_offset(const ilokg_doc *doc, size_t off)
{
    return ilokg_utf8_count(doc->bytes, off > doc->len ? doc->len : off);
}

const char *
ilokg_modality_name(ilokg_modality m)
{
    switch (m) {
    case ILOKG_MODALITY_WILL:
        return "Will";
    case ILOKG_MODALITY_INTEND:
        return "Intend";
    case ILOKG_MODALITY_SHOULD:
        return "Should";
    case ILOKG_MODALITY_OTHER:
        break;
    }
    return "OtherModality";
}
