/* SPDX-License-Identifier: Apache-2.0 */
/* Inside the export graph (for graph/ only): the graph's fields, the interned-string and
 * statement helpers that document, reference and dataset building share. Every helper is a
 * no-op returning NULL once the graph has failed (g->st set), so builders check g->st once. */
#ifndef ILOKG_GRAPH_INT_H
#define ILOKG_GRAPH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "graph/graph.h"
#include "util/buf.h"

#define RDF(x) ILOKG_NS_RDF x
#define RDFS(x) ILOKG_NS_RDFS x
#define XSD(x) ILOKG_NS_XSD x
#define OWL(x) ILOKG_NS_OWL x
#define SKOS(x) ILOKG_NS_SKOS x
#define DCT(x) ILOKG_NS_DCTERMS x
#define PROV(x) ILOKG_NS_PROV x
#define NIF(x) ILOKG_NS_NIF x
#define ORG(x) ILOKG_NS_ORG x
#define VOID(x) ILOKG_NS_VOID x
#define DCAT(x) ILOKG_NS_DCAT x
#define SPDX(x) ILOKG_NS_SPDX x
#define ILO(x) ILOKG_NS x
#define A RDF("type")

/* A reference to an entity met while adding documents; the reference graph describes each. */
#define REF_ACTION ILOKG_ENT_KIND_COUNT /* action classes are not gazetteer entities */
typedef struct {
    int         kind;   /* ilokg_entity_kind or REF_ACTION */
    const char *id;     /* interned */
    bool        expand; /* regions named in the text list their members */
} entity_ref;

#define ILOKG_GRAPH_ICACHE 256

struct ilokg_graph {
    ilokg_diag  *diag;
    char        *base;
    ilokg_status st;   /* first failure; every later add is a no-op */
    char       **strs; /* interned strings: open-addressing set */
    size_t       n_strs, cap_strs;
    ilokg_quad  *quads;
    size_t       n_quads, cap_quads;
    bool         sorted;
    size_t       n_sorted; /* quads[0, n_sorted) sorted by the last ilokg_graph_quads */
    const char  *cur;      /* graph being added to */
    entity_ref  *refs;
    size_t       n_refs, cap_refs;
    size_t      *ref_slots; /* index + 1 into refs, 0 empty */
    size_t       cap_ref_slots;
    ilokg_buf    scratch;
    size_t      *marks; /* code points before every MARK_STEP-th byte of the document being
                           added, so a span's offsets cost at most MARK_STEP bytes of counting */
    size_t cap_marks;
    struct {
        const char *key, *val;
    } icache[ILOKG_GRAPH_ICACHE]; /* pointer given -> interned string (ilokg_graph_intern) */
};

#define MARK_STEP 64

/** The graph's one copy of p[0, len) (borrowed from g); NULL after a failure (in g->st). */
const char *ilokg_graph_intern_n(ilokg_graph *g, const char *p, size_t len);
/** An interned string from a format. */
const char *ilokg_graph_fmt(ilokg_graph *g, const char *fmt, ...) ILOKG_PRINTF(2, 3);
/** A resource IRI: the base followed by a formatted path (interned). */
const char *ilokg_graph_res(ilokg_graph *g, const char *fmt, ...) ILOKG_PRINTF(2, 3);
/** An identifier as one IRI path segment: every byte outside RFC 3986 unreserved is
 *  percent-encoded, so any manifest id or notation gives a valid, stable IRI (interned). */
const char *ilokg_graph_seg(ilokg_graph *g, const char *id);
/** Text as a one-line label: runs of white space become one space, ends trimmed (interned). */
const char *ilokg_graph_one_line(ilokg_graph *g, const char *p, size_t len);
/** Whether s can stand as an absolute IRI in every syntax we write. */
bool ilokg_iri_ok(const char *s);

/** Adds one statement to the current graph (g->cur); nothing when s or o is NULL. */
void ilokg_graph_add_term(ilokg_graph *g, const char *s, const char *p, const char *o, bool literal,
                          const char *dt, const char *lang);

/** Remembers that kind/id is referred to, for the reference graph. */
void ilokg_graph_ref(ilokg_graph *g, int kind, const char *id, bool expand);
/** The IRI of an SDG goal, target or indicator (e: its gazetteer entry or NULL). */
const char *ilokg_graph_sdg_iri(ilokg_graph *g, const char *id, const ilokg_entity *e);
/** The IRI of an entity of a kind (ilokg_entity_kind or REF_ACTION). */
const char *ilokg_graph_entity_iri(ilokg_graph *g, int kind, const char *id,
                                   const ilokg_gazetteer *gaz);

/** The graph's one copy of s (NULL: NULL), through a small cache of pointers seen. */
const char *ilokg_graph_intern(ilokg_graph *g, const char *s);

static inline const char *
intern(ilokg_graph *g, const char *s)
{
    return ilokg_graph_intern(g, s);
}

static inline const ilokg_entity *
gaz_find(const ilokg_gazetteer *gaz, ilokg_entity_kind kind, const char *id)
{
    return gaz ? ilokg_gazetteer_find(gaz, kind, id) : NULL;
}

static inline size_t
ilokg_count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++) {
        n += *s == c;
    }
    return n;
}

static inline bool
ilokg_all_digits(const char *s)
{
    if (!*s) {
        return false;
    }
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            return false;
        }
    }
    return true;
}

/* YYYY-MM-DD with a plausible month and day (the manifest's dates). */
static inline bool
ilokg_is_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
        return false;
    }
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
            return false;
        }
    }
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static inline bool
ilokg_ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y) {
            return false;
        }
    }
    return *a == *b;
}

static inline bool
ilokg_nonempty(const char *s)
{
    return s && *s;
}

static inline void
t_iri(ilokg_graph *g, const char *s, const char *p, const char *o)
{
    ilokg_graph_add_term(g, s, p, o, false, NULL, NULL);
}

static inline void
t_str(ilokg_graph *g, const char *s, const char *p, const char *lex)
{
    ilokg_graph_add_term(g, s, p, lex, true, NULL, NULL);
}

static inline void
t_en(ilokg_graph *g, const char *s, const char *p, const char *lex)
{
    ilokg_graph_add_term(g, s, p, lex, true, NULL, "en");
}

static inline void
t_typed(ilokg_graph *g, const char *s, const char *p, const char *lex, const char *dt)
{
    ilokg_graph_add_term(g, s, p, lex, true, dt, NULL);
}

static inline void
t_num(ilokg_graph *g, const char *s, const char *p, size_t v, const char *dt)
{
    t_typed(g, s, p, ilokg_graph_fmt(g, "%zu", v), dt);
}

#endif
