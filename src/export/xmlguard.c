/* SPDX-License-Identifier: Apache-2.0 */
/* Refusing DTD entity declarations and external DTDs in RDF/XML before it is parsed. */
#include "export/xmlguard.h"

#include "util/turtle_guard.h"

#include <stdlib.h>
#include <string.h>

#include "util/io.h"
#include "util/utf8.h"

/* Line and column (in characters, both from 1) of byte off. */
static void
locate(const char *text, size_t off, size_t *line, size_t *col)
{
    size_t start = 0;
    *line        = 1;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    }
    *col = ilokg_utf8_count(text + start, off - start) + 1;
}

static const char *
find(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; (size_t)(end - p) >= n; p++) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p || (size_t)(end - p) < n) {
            return NULL;
        }
        if (!memcmp(p, needle, n)) {
            return p;
        }
    }
    return NULL;
}

ilokg_status
ilokg_xml_check_dtd(ilokg_diag *diag, const char *file, const char *text, size_t len)
{
    const char *end = text + len;
    const char *ent = find(text, end, "<!ENTITY");
    const char *dt  = find(text, end, "<!DOCTYPE");
    size_t      line, col;
    if (ent) {
        locate(text, (size_t)(ent - text), &line, &col);
        return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, file, line, col,
                               "entity declarations are not accepted in RDF/XML (they can expand "
                               "without bound or read other files)");
    }
    /* raptor corrupts its memory on a language tag of 256 characters or more (util/turtle_guard.h)
     */
    for (const char *at = find(text, end, "xml:lang"); at; at = find(at + 8, end, "xml:lang")) {
        const char *q = at + 8;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '=')) {
            q++;
        }
        if (q < end && (*q == '"' || *q == '\'')) {
            const char *close = q + 1;
            while (close < end && *close != *q) {
                close++;
            }
            if (close - q - 1 > ILOKG_LANGTAG_MAX) {
                locate(text, (size_t)(at - text), &line, &col);
                return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, file, line, col, "%s",
                                       ilokg_turtle_guard_message(ILOKG_GUARD_LONG_LANGTAG));
            }
        }
    }
    if (dt) {
        /* The external identifier comes before the internal subset or the closing '>'. */
        const char *stop = dt + 9;
        while (stop < end && *stop != '[' && *stop != '>') {
            stop++;
        }
        if (find(dt, stop, "SYSTEM") || find(dt, stop, "PUBLIC")) {
            locate(text, (size_t)(dt - text), &line, &col);
            return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, file, line, col,
                                   "an external DTD is not accepted in RDF/XML (it would be "
                                   "fetched)");
        }
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_xml_check_dtd_file(ilokg_diag *diag, const char *path)
{
    char        *text = NULL;
    size_t       len  = 0;
    ilokg_status st   = ilokg_io_read(&text, &len, path, diag);
    if (!st) {
        st = ilokg_xml_check_dtd(diag, path, text, len);
    }
    free(text);
    return st;
}
