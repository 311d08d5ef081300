/* SPDX-License-Identifier: Apache-2.0 */
/* Graph answers written by raptor's serializers, and raptor's file: IRI and reference handling. */
#include "query/rdf_io.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>

#include "query/rworld.h"
#include "util/buf.h"
#include "util/utf8.h"

static raptor_term *
raptor_term_of(raptor_world *rw, const ilokg_qterm *t)
{
    const unsigned char *lex = (const unsigned char *)t->lex;
    switch (t->kind) {
    case ILOKG_QT_IRI:
        return raptor_new_term_from_uri_string(rw, lex);
    case ILOKG_QT_BLANK:
        return raptor_new_term_from_blank(rw, lex);
    case ILOKG_QT_LITERAL:
        break;
    }
    raptor_uri  *dt = t->dt ? raptor_new_uri(rw, (const unsigned char *)t->dt) : NULL;
    raptor_term *r  = raptor_new_term_from_counted_literal(
         rw, lex, t->lex_len, dt, (const unsigned char *)t->lang,
         (unsigned char)(t->lang ? strlen(t->lang) : 0));
    if (dt) {
        raptor_free_uri(dt);
    }
    return r;
}

/* RDF/XML: raptor only logs a character XML 1.0 cannot carry and writes the rest (exit 0,
 * the value changed); the answer is refused instead, before anything is written. */
static ilokg_status
check_xml_chars(const ilokg_qterm *t, size_t i, ilokg_diag *diag)
{
    for (size_t k = 0; k < 3; k++) {
        uint32_t c = ilokg_utf8_xml_illegal(t[k].lex);
        if (c) {
            return ilokg_report_at(diag, ILOKG_ERR_ENCODING, NULL, 0, 0,
                                   "triple %zu of the answer: the %s holds U+%04X, which XML 1.0 "
                                   "cannot carry; ask for another format (-f turtle, ntriples or "
                                   "jsonld)",
                                   i + 1,
                                   k == 2 ? "object"
                                   : k    ? "predicate"
                                          : "subject",
                                   (unsigned)c);
        }
    }
    return ILOKG_OK;
}

static ilokg_status
serialize_triples(raptor_world *rw, raptor_serializer *z, bool xml, ilokg_triple_fn next,
                  void *payload, size_t n, ilokg_diag *diag)
{
    ilokg_status st = ILOKG_OK;
    for (size_t i = 0; !st && i < n; i++) {
        ilokg_qterm      t[3];
        raptor_statement s;
        raptor_statement_init(&s, rw);
        if ((st = next(t, i, payload)) || (xml && (st = check_xml_chars(t, i, diag)))) {
            break;
        }
        s.subject   = raptor_term_of(rw, &t[0]);
        s.predicate = raptor_term_of(rw, &t[1]);
        s.object    = raptor_term_of(rw, &t[2]);
        if (!s.subject || !s.predicate || !s.object ||
            raptor_serializer_serialize_statement(z, &s)) {
            st = ilokg_report_at(diag, ILOKG_ERR_RDF, NULL, 0, 0,
                                 "cannot write the triple %zu of the answer", i + 1);
        }
        raptor_statement_clear(&s);
    }
    return st;
}

ilokg_status
ilokg_rdf_write_triples(FILE *fp, ilokg_format f, const char *const (*prefixes)[2],
                        size_t n_prefixes, ilokg_triple_fn next, void *payload, size_t n,
                        ilokg_diag *diag)
{
    /* TriG with only a default graph is Turtle; N-Quads without graphs is N-Triples. */
    static const char *const ser[ILOKG_FORMAT_COUNT] = {"turtle", "ntriples",      "ntriples",
                                                        "turtle", "rdfxml-abbrev", NULL};
    raptor_world            *rw                      = raptor_new_world();
    raptor_serializer       *z =
        rw && (unsigned)f < ILOKG_FORMAT_COUNT && ser[f] && !ilokg_raptor_world_open(rw)
                  ? raptor_new_serializer(rw, ser[f])
                  : NULL;
    ilokg_status st = ILOKG_OK;
    if (!z || raptor_serializer_start_to_file_handle(z, NULL, fp)) {
        st = ilokg_report_at(diag, ILOKG_ERR_RDF, NULL, 0, 0, "cannot create the RDF writer");
    }
    for (size_t i = 0; !st && i < n_prefixes; i++) {
        raptor_uri *u = raptor_new_uri(rw, (const unsigned char *)prefixes[i][1]);
        if (u) {
            raptor_serializer_set_namespace(z, u, (const unsigned char *)prefixes[i][0]);
            raptor_free_uri(u);
        }
    }
    if (!st) {
        st = serialize_triples(rw, z, f == ILOKG_FORMAT_RDFXML, next, payload, n, diag);
    }
    if (!st && raptor_serializer_serialize_end(z)) {
        st = ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0, "cannot write the answer");
    }
    if (z) {
        raptor_free_serializer(z);
    }
    ilokg_raptor_world_free(rw);
    return st;
}

ilokg_status
ilokg_rdf_iri_to_path(char **out, const char *iri)
{
    char *path = (char *)raptor_uri_uri_string_to_filename((const unsigned char *)iri);
    if (!path) {
        return ILOKG_ERR_NOT_FOUND;
    }
    *out = ilokg_strndup(path, strlen(path));
    raptor_free_memory(path);
    return *out ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

ilokg_status
ilokg_rdf_resolve_iri(char *out, size_t cap, const char *base, const char *ref)
{
    raptor_uri_resolve_uri_reference((const unsigned char *)base, (const unsigned char *)ref,
                                     (unsigned char *)out, cap);
    return ILOKG_OK;
}
