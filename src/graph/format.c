/* SPDX-License-Identifier: Apache-2.0 */
/* RDF syntax names and file extensions (ilokg_format), apart from the writers that use them: the
 * query side parses --format without loading raptor. */
#include <string.h>

#include "ilokg.h"
#include "graph/graph_int.h"

static const struct {
    const char  *name;
    ilokg_format format;
} format_names[] = {
    {"turtle", ILOKG_FORMAT_TURTLE},      {"ttl", ILOKG_FORMAT_TURTLE},
    {"ntriples", ILOKG_FORMAT_NTRIPLES},  {"nt", ILOKG_FORMAT_NTRIPLES},
    {"n-triples", ILOKG_FORMAT_NTRIPLES}, {"nquads", ILOKG_FORMAT_NQUADS},
    {"nq", ILOKG_FORMAT_NQUADS},          {"n-quads", ILOKG_FORMAT_NQUADS},
    {"trig", ILOKG_FORMAT_TRIG},          {"rdfxml", ILOKG_FORMAT_RDFXML},
    {"rdf", ILOKG_FORMAT_RDFXML},         {"rdf/xml", ILOKG_FORMAT_RDFXML},
    {"xml", ILOKG_FORMAT_RDFXML},         {"owl", ILOKG_FORMAT_RDFXML},
    {"jsonld", ILOKG_FORMAT_JSONLD},      {"json-ld", ILOKG_FORMAT_JSONLD},
    {"json", ILOKG_FORMAT_JSONLD},
};

ilokg_status
ilokg_format_parse(ilokg_format *out, const char *name)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
        if (ilokg_ascii_ieq(name, format_names[i].name)) {
            *out = format_names[i].format;
            return ILOKG_OK;
        }
    }
    return ILOKG_ERR_NOT_FOUND;
}

ilokg_status
ilokg_format_from_path(ilokg_format *out, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot   = strrchr(slash ? slash + 1 : path, '.');
    return dot && dot[1] ? ilokg_format_parse(out, dot + 1) : ILOKG_ERR_NOT_FOUND;
}

const char *
ilokg_format_name(ilokg_format f)
{
    static const char *const names[] = {"turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"};
    return (unsigned)f < ILOKG_FORMAT_COUNT ? names[f] : "unknown";
}
