/* SPDX-License-Identifier: Apache-2.0 */
/* RDF graph building (placeholder). */
#include <string.h>

#include "corpus.h"
#include "world.h"

ilokg_status
ilokg_format_parse(ilokg_format *out, const char *name)
{
    static const char *const names[] = {"turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"};
    for (int i = 0; i < ILOKG_FORMAT_COUNT; i++) {
        if (!strcmp(name, names[i])) {
            *out = (ilokg_format)i;
            return ILOKG_OK;
        }
    }
    return ILOKG_ERR_NOT_FOUND;
}

ilokg_status
ilokg_format_from_path(ilokg_format *out, const char *path)
{
    (void)out, (void)path;
    return ILOKG_ERR_NOT_FOUND;
}

const char *
ilokg_format_name(ilokg_format f)
{
    (void)f;
    return "turtle";
}

ilokg_status
ilokg_corpus_export(ilokg_world *world, const ilokg_corpus *corpus,
                    const ilokg_export_options *opt, const char *path)
{
    (void)corpus, (void)opt, (void)path;
    return ilokg_report_at(&world->diag, ILOKG_ERR_INTERNAL, NULL, 0, 0, "export not built yet");
}
