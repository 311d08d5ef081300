/* SPDX-License-Identifier: Apache-2.0 */
/* JSON: the one string escaper, and a small reader (RFC 8259) for SPARQL JSON results. */
#ifndef ILOKG_JSON_H
#define ILOKG_JSON_H

#include <stddef.h>

#include "util/buf.h"
#include "ilokg.h"

/** Appends s[0, len) to b as a JSON string with its quotes: '"', '\\' and control characters
 *  escaped (\n, \t, ... or \u00XX, also U+007F), everything else, non-ASCII included, kept as
 *  UTF-8 bytes. ILOKG_ERR_NOMEM on allocation failure. */
ilokg_status ilokg_json_escape(ilokg_buf *b, const char *s, size_t len);

typedef enum {
    ILOKG_JSON_NULL,
    ILOKG_JSON_BOOL,
    ILOKG_JSON_NUM,
    ILOKG_JSON_STR,
    ILOKG_JSON_ARR,
    ILOKG_JSON_OBJ,
} ilokg_json_kind;

/** A JSON value. */
typedef struct ilokg_json ilokg_json;
struct ilokg_json {
    ilokg_json_kind kind;
    int             boolean; /* ILOKG_JSON_BOOL */
    char           *str;     /* STR: the decoded string; NUM: the number as written (NUL-ended) */
    size_t          len;     /* bytes of str (a decoded string may hold a NUL) */
    ilokg_json     *items;   /* ARR, OBJ: the values */
    char          **keys;    /* OBJ: the member names */
    size_t          n_items;
    size_t          off; /* byte offset of the value's first byte in the parsed text */
};

/** Parses bytes[0, len) as one JSON value (surrounding white space allowed) into *out, which is
 *  the caller's, freed with ilokg_json_free. ILOKG_ERR_SYNTAX when it is not; *at (may be NULL)
 *  gets the byte offset where reading stopped. */
ilokg_status ilokg_json_parse(ilokg_json *out, const char *bytes, size_t len, size_t *at);
void         ilokg_json_free(ilokg_json *v);
/** The member key of an object (borrowed), NULL when v is not an object or has none. */
const ilokg_json *ilokg_json_get(const ilokg_json *v, const char *key);
/** The string member key of an object (borrowed), NULL when absent or not a string. */
const char *ilokg_json_str(const ilokg_json *v, const char *key);

#endif
