/* SPDX-License-Identifier: Apache-2.0 */
/* RDF terms as the query engine sees them, and the in-memory term dictionary (term <-> id). */
#ifndef ILOKG_QTERM_H
#define ILOKG_QTERM_H

#include <stddef.h>
#include <stdint.h>

#include "util/status.h"
#include "util/vocab.h"

#define ILOKG_XSD ILOKG_NS_XSD
#define ILOKG_RDF ILOKG_NS_RDF

/** A term's number in a store or a query. Equal ids are equal RDF terms (RDF 1.1 term equality),
 *  within one query evaluation. */
typedef uint32_t ilokg_id;
#define ILOKG_ID_NONE 0u             /* no term: unbound, or a wildcard in a pattern */
#define ILOKG_ID_DEFAULT_GRAPH 1u    /* the graph name of the default graph; no term has this id */
#define ILOKG_ID_FIRST 2u            /* the first id a store gives a term */
#define ILOKG_ID_OVERLAY 0x80000000u /* ids from here on are terms made by the query itself */

typedef enum { ILOKG_QT_IRI = 1, ILOKG_QT_BLANK = 2, ILOKG_QT_LITERAL = 3 } ilokg_qt_kind;

/** One RDF term. Strings are borrowed from the term's owner (a dictionary, a store's read
 *  transaction, a parsed query) and NUL-terminated; lex_len is authoritative (lex may hold a
 *  NUL byte). IRIs are absolute; a blank node's lex is its label without "_:". A literal has
 *  lang non-NULL (and dt NULL) when language-tagged (rdf:langString); dt NULL and lang NULL for
 *  a plain xsd:string literal: a literal typed xsd:string is always written with dt NULL
 *  (ilokg_qterm_normalize), so that the two spellings of one RDF 1.1 term get one id. */
typedef struct {
    ilokg_qt_kind kind;
    const char   *lex;
    size_t        lex_len;
    const char   *lang; /* NULL or non-empty, as written */
    const char   *dt;   /* NULL or an absolute IRI other than xsd:string */
} ilokg_qterm;

/** Makes dt NULL when it is xsd:string (the strings are not touched). */
void ilokg_qterm_normalize(ilokg_qterm *t);
/** RDF term equality (lang tags compared case-insensitively). */
int ilokg_qterm_equal(const ilokg_qterm *a, const ilokg_qterm *b);
/** A hash consistent with ilokg_qterm_equal. */
uint64_t ilokg_qterm_hash(const ilokg_qterm *t);
/** FNV-1a continued from h over t as ilokg_qterm_equal sees it (lexical form; language tag
 *  folded; a datatype other than xsd:string), without the final mixing of ilokg_qterm_hash:
 *  for hashes with other seeds (the disk store's term keys). The kind is the caller's to mix
 *  into h. */
uint64_t ilokg_qterm_hash_from(uint64_t h, const ilokg_qterm *t);
/** The datatype IRI of a literal: dt, rdf:langString or xsd:string (borrowed, static or t's). */
const char *ilokg_qterm_datatype(const ilokg_qterm *t);

/** Whether iri[0, len) holds only characters an IRI may hold (RFC 3987: no controls, space,
 *  '"', '<', '>', '\\', '^', '`', '{', '|', '}'), the check every RDF reader applies. */
int ilokg_iri_valid(const char *iri, size_t len);
/** Whether a language tag is letters, then '-' and letters or digits ([a-zA-Z]+('-'[a-zA-Z0-9]+)*).
 */
int ilokg_lang_valid(const char *tag);

/** An in-memory dictionary: each distinct term gets the next id, from first_id on. */
typedef struct ilokg_dict ilokg_dict;

/** A new, empty dictionary. The dictionary is the caller's, freed with ilokg_dict_free. */
ilokg_status ilokg_dict_new(ilokg_dict **out, ilokg_id first_id);
void         ilokg_dict_free(ilokg_dict *d);
/** The id of t (normalised first), adding a copy of it when new. */
ilokg_status ilokg_dict_intern(ilokg_dict *d, const ilokg_qterm *t, ilokg_id *out);
/** The id of t, or ILOKG_ID_NONE when d does not have it. */
ilokg_id ilokg_dict_find(const ilokg_dict *d, const ilokg_qterm *t);
/** The term with this id (borrowed; stays valid, at the same address, while d lives); NULL
 *  when the id is not one of d's. */
const ilokg_qterm *ilokg_dict_term(const ilokg_dict *d, ilokg_id id);
/** The number of terms in d. */
size_t ilokg_dict_size(const ilokg_dict *d);
/** The first id of d (ids run from it to first_id + size - 1). */
ilokg_id ilokg_dict_first(const ilokg_dict *d);

#endif
