/* SPDX-License-Identifier: Apache-2.0 */
/* Normalisation (first cut: identity with a map). */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

ilokg_span
ilokg_text_span(const ilokg_text *t, size_t start, size_t end)
{
    ilokg_span s = {t->map[start], t->map[end]};
    return s;
}

void
ilokg_text_free(ilokg_text *t)
{
    if (t) {
        free(t->ptr);
        free(t->map);
        memset(t, 0, sizeof *t);
    }
}

ilokg_status
ilokg_normalize(ilokg_text *out, const ilokg_source *src, ilokg_diag *diag)
{
    (void)diag;
    out->ptr = ilokg_strndup(src->bytes, src->len);
    out->map = malloc((src->len + 1) * sizeof *out->map);
    if (!out->ptr || !out->map) {
        ilokg_text_free(out);
        return ILOKG_ERR_NOMEM;
    }
    out->len = src->len;
    for (size_t i = 0; i <= src->len; i++) {
        out->map[i] = i;
    }
    return ILOKG_OK;
}
