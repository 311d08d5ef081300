/* SPDX-License-Identifier: Apache-2.0 */
/* The SPARQL 1.1 tokenizer (section 19.8 terminals): one token at a time from a byte offset. */
#ifndef ILOKG_SPARQL_LEX_H
#define ILOKG_SPARQL_LEX_H

#include <stddef.h>

/* Single-character punctuation tokens use the character itself as their kind. */
enum {
    SP_T_EOF = 256,
    SP_T_ERROR, /* a character no token starts with, or an unterminated string or IRI */
    SP_T_IRI,   /* <...> */
    SP_T_PNAME, /* prefix:local (colon = offset of ':' from the start) */
    SP_T_BNODE, /* _:label */
    SP_T_VAR,   /* ?name or $name */
    SP_T_LANG,  /* @tag */
    SP_T_INTEGER,
    SP_T_DECIMAL,
    SP_T_DOUBLE,
    SP_T_STRING, /* quote = 1 or 3 quote characters */
    SP_T_NAME,   /* a keyword or a built-in's name (letters, digits, '_') */
    SP_T_NIL,    /* ( ) */
    SP_T_ANON,   /* [ ] */
    SP_T_HATHAT, /* ^^ */
    SP_T_OR,     /* || */
    SP_T_AND,    /* && */
    SP_T_NE,     /* != */
    SP_T_LE,     /* <= */
    SP_T_GE,     /* >= */
};

typedef struct {
    int    kind;
    size_t off, len; /* the token's bytes in the query text */
    size_t colon;    /* SP_T_PNAME: offset of the ':' within the token */
    int    quote;    /* SP_T_STRING: 1 (short) or 3 (long) */
} sp_token;

/** The token that starts at or after off (whitespace and comments skipped) in text[0..len). */
void sp_lex(sp_token *out, const char *text, size_t len, size_t off);

/** Whether a token of kind SP_T_NAME spells kw (ASCII, case-insensitively). */
int sp_tok_is(const sp_token *t, const char *text, const char *kw);

#endif
