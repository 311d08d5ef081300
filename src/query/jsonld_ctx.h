/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON-LD reader's lower half (jsonld_ctx.c), which its walk over the document
 * (jsonld_read.c) calls: the reader's state and memory, its diagnostics, and contexts — term
 * definitions, IRI expansion and context processing (JSON-LD 1.1 API, 4.1 and 4.2). */
#ifndef ILOKG_JSONLD_CTX_H
#define ILOKG_JSONLD_CTX_H

#include <stdbool.h>
#include <stddef.h>

#include "query/qterm.h"
#include "util/json.h"
#include "util/source.h"
#include "util/status.h"

/* Everything the walk makes lives in blocks until the end of the document. */
typedef struct block block;
struct block {
    block *next;
    size_t used, cap;
    char   data[];
};

enum { C_LIST = 1, C_SET = 2, C_LANG = 4 };

typedef struct {
    const char *term;
    const char *iri;  /* NULL: the term maps to nothing (null) */
    const char *type; /* NULL, "@id", "@vocab" or a datatype IRI */
    const char *lang; /* when has_lang: NULL means no language */
    bool        has_lang, prefix, reverse, protect;
    unsigned    container;
} tdef;

typedef struct {
    tdef       *defs;
    size_t      n;
    bool        sorted; /* by term; while a context is being processed it is not */
    const char *vocab, *base, *lang;
} ctx;

/* While a local context is processed: its object, and each term's state (0 not yet defined,
 * 1 being defined, 2 defined), so that a term may use one defined after it (4.1, 4.2). */
typedef struct defining {
    const ilokg_json *local;
    unsigned char    *state;
    ctx              *result;
    bool              protect; /* the context's @protected: its terms' default */
} defining;

typedef struct {
    const char *label; /* as the document writes it, after "_:" */
    char        name[24];
} blank_slot;

typedef struct {
    const ilokg_source *src;
    ilokg_diag         *diag;
    ilokg_status (*fn)(void *user, const ilokg_qterm *s, const ilokg_qterm *p, const ilokg_qterm *o,
                       const ilokg_qterm *g); /* ilokg_jsonld_read's */
    void         *user;
    block        *arena;
    const char   *doc_base;
    unsigned long next_blank;
    blank_slot   *blanks; /* open addressing, a power of two */
    size_t        blanks_cap, blanks_n;
    size_t        n_warnings;
    ilokg_status  failed;
} reader;

/** n bytes from the reader's blocks (freed with the document); NULL when out of memory. */
void *ilokg_jl_alloc(block **head, size_t n);
/** Reports the first error (later ones are dropped) at byte off, and returns its status. */
ilokg_status ilokg_jl_fail(reader *r, ilokg_status st, size_t off, const char *fmt, ...)
    ILOKG_PRINTF(4, 5);
ilokg_status ilokg_jl_nomem(reader *r);
/** A warning at byte off; after ILOKG_JL_MAX_WARNINGS, the rest are counted but not shown. */
void ilokg_jl_warn(reader *r, size_t off, const char *fmt, ...) ILOKG_PRINTF(3, 4);
#define ILOKG_JL_MAX_WARNINGS 20
/** A feature this reader does not implement, named by what, at byte off: ILOKG_ERR_RDF. */
ilokg_status ilokg_jl_unsupported(reader *r, size_t off, const char *what);
/** The definition of term in c, or NULL (borrowed). */
tdef *ilokg_jl_find(const ctx *c, const char *term);
/** IRI expansion (4.2.2): *out is a keyword, an absolute IRI, a blank node identifier, a
 *  relative IRI (no base to resolve it against) or NULL (mapped to nothing). d: the local
 *  context being processed, or NULL. */
ilokg_status ilokg_jl_expand_iri(reader *r, const ctx *c, defining *d, const char *v, bool doc_rel,
                                 bool vocab, const char **out);
/** Context Processing (4.1): *out is active with local applied (in the reader's blocks). */
ilokg_status ilokg_jl_process_context(reader *r, const ctx *active, const ilokg_json *local,
                                      const ctx **out);

#endif
