/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-LD 1.1 to RDF (jsonld_read.h). The document is parsed whole (util/json.h), then walked
 * once: contexts are processed where they appear (JSON-LD 1.1 API, 4.1 and 4.2), each node
 * object's statements are handed over as soon as its subject is known, which gives the same
 * dataset as expanding, flattening to a node map and deserialising (sections 5, 7.2 and 8). */
#include "query/jsonld_read.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/hash.h"
#include "util/iri.h"
#include "util/buf.h"
#include "util/json.h"

#define RDF_TYPE ILOKG_RDF "type"
#define RDF_FIRST ILOKG_RDF "first"
#define RDF_REST ILOKG_RDF "rest"
#define RDF_NIL ILOKG_RDF "nil"
#define MAX_WARNINGS 20

/* ---- Memory: everything the walk makes lives until the end of the document ------------------ */

typedef struct block block;
struct block {
    block *next;
    size_t used, cap;
    char   data[];
};

static void *
arena_alloc(block **head, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!*head || (*head)->cap - (*head)->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        block *b   = malloc(sizeof *b + cap);
        if (!b) {
            return NULL;
        }
        b->next = *head;
        b->used = 0;
        b->cap  = cap;
        *head   = b;
    }
    void *p = (*head)->data + (*head)->used;
    (*head)->used += n;
    return p;
}

/* ---- Contexts -------------------------------------------------------------------------------- */

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
typedef struct {
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
    const ilokg_source       *src;
    ilokg_diag               *diag;
    ilokg_jsonld_statement_fn fn;
    void                     *user;
    block                    *arena;
    const char               *doc_base;
    unsigned long             next_blank;
    blank_slot               *blanks; /* open addressing, a power of two */
    size_t                    blanks_cap, blanks_n;
    size_t                    n_warnings;
    ilokg_status              failed;
} reader;

static ilokg_status fail(reader *r, ilokg_status st, size_t off, const char *fmt, ...)
    ILOKG_PRINTF(4, 5);
static void warn(reader *r, size_t off, const char *fmt, ...) ILOKG_PRINTF(3, 4);

static ilokg_status
fail(reader *r, ilokg_status st, size_t off, const char *fmt, ...)
{
    if (!r->failed) {
        char    msg[300];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        r->failed = ilokg_report(r->diag, st, r->src, off, "JSON-LD: %s", msg);
    }
    return r->failed;
}

static ilokg_status
nomem(reader *r)
{
    return fail(r, ILOKG_ERR_NOMEM, SIZE_MAX, "out of memory");
}

static void
warn(reader *r, size_t off, const char *fmt, ...)
{
    if (++r->n_warnings <= MAX_WARNINGS) {
        char    msg[300];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        ilokg_warn(r->diag, r->src, off, "JSON-LD: %s%s", msg,
                   r->n_warnings == MAX_WARNINGS ? " (further such warnings not shown)" : "");
    }
}

static char *
concat(reader *r, const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    char  *out  = arena_alloc(&r->arena, alen + blen + 1);
    if (out) {
        memcpy(out, a, alen);
        memcpy(out + alen, b, blen + 1);
    }
    return out;
}

static const char *const keywords[] = {
    "@base",   "@container", "@context", "@direction", "@graph",     "@id",
    "@import", "@included",  "@index",   "@json",      "@language",  "@list",
    "@nest",   "@none",      "@prefix",  "@propagate", "@protected", "@reverse",
    "@set",    "@type",      "@value",   "@version",   "@vocab",
};

static bool
is_keyword(const char *s)
{
    if (s[0] != '@') {
        return false;
    }
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        if (!strcmp(s, keywords[i])) {
            return true;
        }
    }
    return false;
}

/* "@" and letters only: reserved for future keywords, ignored (4.2.2 step 4). */
static bool
keyword_form(const char *s)
{
    if (s[0] != '@' || !s[1]) {
        return false;
    }
    for (s++; *s; s++) {
        if (!ilokg_is_alpha(*s)) {
            return false;
        }
    }
    return true;
}

static int
cmp_def(const void *a, const void *b)
{
    return strcmp(((const tdef *)a)->term, ((const tdef *)b)->term);
}

static tdef *
find(const ctx *c, const char *term)
{
    if (!c->n) {
        return NULL; /* no array to search (and bsearch must not be given NULL) */
    }
    if (c->sorted) {
        tdef key = {.term = term};
        return bsearch(&key, c->defs, c->n, sizeof *c->defs, cmp_def);
    }
    for (size_t i = 0; i < c->n; i++) {
        if (!strcmp(c->defs[i].term, term)) {
            return &c->defs[i];
        }
    }
    return NULL;
}

static ilokg_status define(reader *r, defining *d, size_t i);

/* The local context's index of term, SIZE_MAX when it does not define it. */
static size_t
local_index(const defining *d, const char *term)
{
    for (size_t i = 0; d && i < d->local->n_items; i++) {
        if (!strcmp(d->local->keys[i], term)) {
            return i;
        }
    }
    return SIZE_MAX;
}

/* Resolves ref against base (RFC 3986 section 5.2); *out is ref when there is no base. */
static ilokg_status
resolve(reader *r, const char *base, const char *ref, const char **out)
{
    if ((ilokg_iri_has_scheme(ref) && !strstr(ref, "/.")) || !base) {
        *out = ref;
        return ILOKG_OK;
    }
    ilokg_buf b = ILOKG_BUF_INIT;
    if (ilokg_iri_resolve(&b, base, ref)) {
        ilokg_buf_free(&b);
        return nomem(r);
    }
    char *copy = arena_alloc(&r->arena, b.len + 1);
    if (copy) {
        memcpy(copy, b.ptr, b.len + 1);
    }
    ilokg_buf_free(&b);
    *out = copy;
    return copy ? ILOKG_OK : nomem(r);
}

/* IRI expansion (4.2.2): *out is a keyword, an absolute IRI, a blank node identifier, a
 * relative IRI (no base to resolve it against) or NULL (mapped to nothing). */
static ilokg_status
expand_iri(reader *r, const ctx *c, defining *d, const char *v, bool doc_rel, bool vocab,
           const char **out)
{
    *out = NULL;
    if (is_keyword(v)) {
        *out = v;
        return ILOKG_OK;
    }
    if (keyword_form(v)) {
        return ILOKG_OK;
    }
    size_t li = local_index(d, v);
    if (li != SIZE_MAX && d->state[li] != 2 && define(r, d, li)) {
        return r->failed;
    }
    const tdef *t = vocab ? find(c, v) : NULL;
    if (t) {
        *out = t->iri;
        return ILOKG_OK;
    }
    const char *colon = strchr(v, ':');
    if (colon && colon != v) {
        size_t      plen   = (size_t)(colon - v);
        const char *suffix = colon + 1;
        if ((plen == 1 && v[0] == '_') || !strncmp(suffix, "//", 2)) {
            *out = v;
            return ILOKG_OK;
        }
        char prefix[256];
        if (plen < sizeof prefix) {
            memcpy(prefix, v, plen);
            prefix[plen] = '\0';
            li           = local_index(d, prefix);
            if (li != SIZE_MAX && d->state[li] != 2 && define(r, d, li)) {
                return r->failed;
            }
            const tdef *p = find(c, prefix);
            if (p && p->iri && p->prefix) {
                *out = concat(r, p->iri, strlen(p->iri), suffix);
                return *out ? ILOKG_OK : nomem(r);
            }
        }
        if (ilokg_iri_has_scheme(v)) {
            *out = v;
            return ILOKG_OK;
        }
    }
    if (vocab && c->vocab) {
        *out = concat(r, c->vocab, strlen(c->vocab), v);
        return *out ? ILOKG_OK : nomem(r);
    }
    if (doc_rel) {
        return resolve(r, c->base, v, out);
    }
    *out = v;
    return ILOKG_OK;
}

static ilokg_status
unsupported(reader *r, size_t off, const char *what)
{
    return fail(r, ILOKG_ERR_RDF, off,
                "%s is not supported by this reader; expand the document first (e.g. with "
                "another JSON-LD processor) or write it in another RDF syntax",
                what);
}

/* The @container of a term definition: @list, @set, @language, or [@language, @set]. */
static ilokg_status
container_of(reader *r, const ilokg_json *v, unsigned *out)
{
    const ilokg_json *items = v->kind == ILOKG_JSON_ARR ? v->items : v;
    size_t            n     = v->kind == ILOKG_JSON_ARR ? v->n_items : 1;
    for (size_t i = 0; i < n; i++) {
        if (items[i].kind != ILOKG_JSON_STR) {
            return fail(r, ILOKG_ERR_RDF, items[i].off, "invalid container mapping");
        }
        const char *s = items[i].str;
        if (!strcmp(s, "@list")) {
            *out |= C_LIST;
        } else if (!strcmp(s, "@set")) {
            *out |= C_SET;
        } else if (!strcmp(s, "@language")) {
            *out |= C_LANG;
        } else if (!strcmp(s, "@index") || !strcmp(s, "@id") || !strcmp(s, "@type") ||
                   !strcmp(s, "@graph")) {
            return unsupported(r, items[i].off, "a container (map) of this kind");
        } else {
            return fail(r, ILOKG_ERR_RDF, items[i].off, "invalid container mapping '%s'", s);
        }
    }
    if ((*out & C_LIST) && (*out & (C_SET | C_LANG))) {
        return fail(r, ILOKG_ERR_RDF, v->off, "invalid container mapping");
    }
    return ILOKG_OK;
}

/* The members of an expanded term definition other than @id (4.2.2 steps 12 to 22). */
static ilokg_status
define_members(reader *r, defining *d, tdef *t, const ilokg_json *v, bool *has_id,
               const char **id_text, size_t *id_off)
{
    for (size_t k = 0; k < v->n_items; k++) {
        const char       *key = v->keys[k];
        const ilokg_json *m   = &v->items[k];
        if (!strcmp(key, "@id")) {
            *has_id  = true;
            *id_text = m->kind == ILOKG_JSON_STR ? m->str : NULL;
            *id_off  = m->off;
            if (m->kind != ILOKG_JSON_STR && m->kind != ILOKG_JSON_NULL) {
                return fail(r, ILOKG_ERR_RDF, m->off, "invalid IRI mapping");
            }
        } else if (!strcmp(key, "@reverse")) {
            if (m->kind != ILOKG_JSON_STR || ilokg_json_get(v, "@id") ||
                ilokg_json_get(v, "@nest")) {
                return fail(r, ILOKG_ERR_RDF, m->off, "invalid @reverse");
            }
            t->reverse = true;
            *has_id    = true;
            *id_text   = m->str;
            *id_off    = m->off;
        } else if (!strcmp(key, "@type")) {
            if (m->kind != ILOKG_JSON_STR) {
                return fail(r, ILOKG_ERR_RDF, m->off, "invalid type mapping");
            }
            if (!strcmp(m->str, "@json") || !strcmp(m->str, "@none")) {
                return unsupported(r, m->off, "the type mapping @json or @none");
            }
            if (!strcmp(m->str, "@id") || !strcmp(m->str, "@vocab")) {
                t->type = m->str;
            } else if (expand_iri(r, d->result, d, m->str, false, true, &t->type)) {
                return r->failed;
            } else if (!t->type || !ilokg_iri_has_scheme(t->type)) {
                return fail(r, ILOKG_ERR_RDF, m->off, "invalid type mapping '%s'", m->str);
            }
        } else if (!strcmp(key, "@language")) {
            if (m->kind != ILOKG_JSON_STR && m->kind != ILOKG_JSON_NULL) {
                return fail(r, ILOKG_ERR_RDF, m->off, "invalid language mapping");
            }
            t->has_lang = true;
            t->lang     = m->kind == ILOKG_JSON_STR ? m->str : NULL;
        } else if (!strcmp(key, "@container")) {
            if (container_of(r, m, &t->container)) {
                return r->failed;
            }
        } else if (!strcmp(key, "@prefix")) {
            if (m->kind != ILOKG_JSON_BOOL) {
                return fail(r, ILOKG_ERR_RDF, m->off, "invalid @prefix value");
            }
            t->prefix = m->boolean;
        } else if (!strcmp(key, "@protected")) {
            if (m->kind != ILOKG_JSON_BOOL) {
                return fail(r, ILOKG_ERR_RDF, m->off, "invalid @protected value");
            }
            t->protect = m->boolean;
        } else if (!strcmp(key, "@context") || !strcmp(key, "@nest") || !strcmp(key, "@index") ||
                   !strcmp(key, "@direction")) {
            return unsupported(r, m->off, key);
        } else {
            return fail(r, ILOKG_ERR_RDF, m->off, "invalid term definition member '%s'", key);
        }
    }
    if (t->reverse && (t->container & (C_LIST | C_LANG))) {
        return fail(r, ILOKG_ERR_RDF, v->off, "invalid reverse property: a list or language map");
    }
    return ILOKG_OK;
}

/* The IRI of a term defined without @id (4.2.2 steps 15 to 18): a compact IRI through its
 * prefix, an absolute IRI or blank node identifier as it is, a relative IRI against @vocab, a
 * plain term appended to @vocab. */
static ilokg_status
implied_iri(reader *r, defining *d, const char *term, const char **out)
{
    const char *colon = strchr(term, ':');
    *out              = NULL;
    if (colon && colon != term) {
        size_t plen = (size_t)(colon - term);
        char   prefix[256];
        *out = term;
        if (plen < sizeof prefix && !(plen == 1 && term[0] == '_')) {
            memcpy(prefix, term, plen);
            prefix[plen] = '\0';
            size_t li    = local_index(d, prefix);
            if (li != SIZE_MAX && d->state[li] != 2 && define(r, d, li)) {
                return r->failed;
            }
            const tdef *p = find(d->result, prefix);
            if (p && p->iri && !is_keyword(p->iri)) {
                *out = concat(r, p->iri, strlen(p->iri), colon + 1);
            }
        }
    } else if (strchr(term, '/')) {
        return expand_iri(r, d->result, NULL, term, false, true, out);
    } else if (d->result->vocab) {
        *out = concat(r, d->result->vocab, strlen(d->result->vocab), term);
    }
    return ILOKG_OK;
}

static bool
same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Whether two definitions of a term say the same (a protected term may be defined again so). */
static bool
same_def(const tdef *a, const tdef *b)
{
    return same_str(a->iri, b->iri) && same_str(a->type, b->type) && a->has_lang == b->has_lang &&
           same_str(a->lang, b->lang) && a->reverse == b->reverse && a->container == b->container &&
           a->prefix == b->prefix;
}

/* Stores t in the context being built: a new term, or a term defined again. */
static ilokg_status
store_def(reader *r, defining *d, const tdef *t, size_t off)
{
    tdef *old = find(d->result, t->term);
    if (old && old->protect && !same_def(old, t)) {
        return fail(r, ILOKG_ERR_RDF, off, "protected term redefinition of '%s'", t->term);
    }
    if (old) {
        bool keep = old->protect;
        *old      = *t;
        old->protect |= keep; /* defined again the same way: still protected */
    } else {
        d->result->defs[d->result->n++] = *t;
    }
    return ILOKG_OK;
}

/* Create Term Definition (4.2) for the i-th member of the local context. */
static ilokg_status
define(reader *r, defining *d, size_t i)
{
    const char       *term = d->local->keys[i];
    const ilokg_json *v    = &d->local->items[i];
    if (d->state[i] == 2) {
        return ILOKG_OK;
    }
    if (d->state[i] == 1) {
        return fail(r, ILOKG_ERR_RDF, v->off, "cyclic IRI mapping of the term '%s'", term);
    }
    d->state[i] = 1;
    if (is_keyword(term) || !*term) {
        return fail(r, ILOKG_ERR_RDF, v->off, "keyword redefinition or empty term '%s'", term);
    }
    tdef        t      = {.term = term, .protect = d->protect};
    bool        has_id = false, simple = v->kind == ILOKG_JSON_STR;
    const char *id_text = NULL;
    size_t      id_off  = v->off;
    if (simple) {
        has_id  = true;
        id_text = v->str;
    } else if (v->kind == ILOKG_JSON_OBJ) {
        if (define_members(r, d, &t, v, &has_id, &id_text, &id_off)) {
            return r->failed;
        }
    } else if (v->kind == ILOKG_JSON_NULL) {
        has_id = true;
    } else {
        return fail(r, ILOKG_ERR_RDF, v->off, "invalid term definition of '%s'", term);
    }
    if (id_text && keyword_form(id_text) && !is_keyword(id_text)) {
        d->state[i] = 2;
        warn(r, id_off, "'%s' has the form of a keyword: the term '%s' is not defined", id_text,
             term);
        return ILOKG_OK;
    }
    if (has_id && id_text && strcmp(id_text, term)) {
        if (expand_iri(r, d->result, d, id_text, false, true, &t.iri)) {
            return r->failed;
        }
        if (!t.iri ||
            (!is_keyword(t.iri) && !ilokg_iri_has_scheme(t.iri) && strncmp(t.iri, "_:", 2))) {
            return fail(r, ILOKG_ERR_RDF, id_off, "invalid IRI mapping '%s'", id_text);
        }
        if (!strcmp(t.iri, "@context")) {
            return fail(r, ILOKG_ERR_RDF, id_off, "invalid keyword alias '@context'");
        }
        d->state[i] = 2;
        /* A term that reads as an IRI must mean that IRI (4.2.2 step 14.2.4). */
        size_t      tl    = strlen(term);
        const char *colon = strchr(term + 1, ':');
        const char *implied;
        if (((colon && colon != term + tl - 1) || strchr(term, '/')) &&
            (implied_iri(r, d, term, &implied) || !same_str(implied, t.iri))) {
            return r->failed
                       ? r->failed
                       : fail(r, ILOKG_ERR_RDF, id_off,
                              "invalid IRI mapping: the term '%s' reads as another IRI", term);
        }
    } else if (!has_id || id_text) {
        d->state[i] = 2;
        if (implied_iri(r, d, term, &t.iri)) {
            return r->failed;
        }
        if (!t.iri ||
            (!is_keyword(t.iri) && !ilokg_iri_has_scheme(t.iri) && strncmp(t.iri, "_:", 2))) {
            return fail(r, ILOKG_ERR_RDF, v->off,
                        "the term '%s' has no IRI (no @id, no @vocab and not a compact IRI)", term);
        }
    }
    d->state[i] = 2;
    if (t.prefix && !simple && (strchr(term, ':') || strchr(term, '/'))) {
        return fail(r, ILOKG_ERR_RDF, v->off,
                    "invalid term definition: '%s' reads as an IRI and cannot be a prefix", term);
    }
    if (simple && t.iri && !strchr(term, ':') && !strchr(term, '/')) {
        size_t n = strlen(t.iri);
        t.prefix = (n && strchr(":/?#[]@", t.iri[n - 1])) || !strncmp(t.iri, "_:", 2);
    }
    return store_def(r, d, &t, v->off);
}

/* @base, @vocab, @language, @version and the rest of a local context object's keywords. */
static ilokg_status
context_keywords(reader *r, ctx *c, const ilokg_json *local, size_t i)
{
    const char       *key = local->keys[i];
    const ilokg_json *m   = &local->items[i];
    const char       *iri = NULL;
    if (!strcmp(key, "@base")) {
        if (m->kind == ILOKG_JSON_NULL) {
            c->base = NULL;
        } else if (m->kind != ILOKG_JSON_STR) {
            return fail(r, ILOKG_ERR_RDF, m->off, "invalid base IRI");
        } else if (ilokg_iri_has_scheme(m->str)) {
            c->base = m->str; /* an absolute IRI is the base as it is (4.1.2 step 5.7.3) */
        } else if (!c->base || resolve(r, c->base, m->str, &iri)) {
            return r->failed ? r->failed
                             : fail(r, ILOKG_ERR_RDF, m->off, "relative @base '%s' and no base IRI",
                                    m->str);
        } else {
            c->base = iri;
        }
    } else if (!strcmp(key, "@vocab")) {
        if (m->kind == ILOKG_JSON_NULL) {
            c->vocab = NULL;
        } else if (m->kind != ILOKG_JSON_STR) {
            return fail(r, ILOKG_ERR_RDF, m->off, "invalid vocabulary mapping");
        } else if (expand_iri(r, c, NULL, m->str, true, true, &iri)) {
            return r->failed;
        } else if (!iri || (!ilokg_iri_has_scheme(iri) && strncmp(iri, "_:", 2))) {
            return fail(r, ILOKG_ERR_RDF, m->off, "invalid vocabulary mapping '%s'", m->str);
        } else {
            c->vocab = iri;
        }
    } else if (!strcmp(key, "@language")) {
        if (m->kind != ILOKG_JSON_STR && m->kind != ILOKG_JSON_NULL) {
            return fail(r, ILOKG_ERR_RDF, m->off, "invalid default language");
        }
        c->lang = m->kind == ILOKG_JSON_STR ? m->str : NULL;
    } else if (!strcmp(key, "@version")) {
        if (m->kind != ILOKG_JSON_NUM || strcmp(m->str, "1.1")) {
            return fail(r, ILOKG_ERR_RDF, m->off, "invalid @version value (only 1.1)");
        }
    } else if (!strcmp(key, "@propagate")) {
        if (m->kind != ILOKG_JSON_BOOL || !m->boolean) {
            return unsupported(r, m->off, "@propagate false");
        }
    } else if (!strcmp(key, "@import") || !strcmp(key, "@direction")) {
        return unsupported(r, m->off, key);
    } else if (!strcmp(key, "@type")) {
        /* JSON-LD 1.1 lets a context say "@type": {"@container": "@set"}: no change to RDF */
        const ilokg_json *ct = ilokg_json_get(m, "@container");
        if (m->kind != ILOKG_JSON_OBJ || !ct || ct->kind != ILOKG_JSON_STR ||
            strcmp(ct->str, "@set") || m->n_items > 1 + !!ilokg_json_get(m, "@protected")) {
            return fail(r, ILOKG_ERR_RDF, m->off, "keyword redefinition of @type");
        }
    } else if (!strcmp(key, "@protected") && m->kind != ILOKG_JSON_BOOL) {
        return fail(r, ILOKG_ERR_RDF, m->off, "invalid @protected value");
    } else if (strcmp(key, "@protected")) {
        return fail(r, ILOKG_ERR_RDF, m->off, "invalid context entry '%s'", key);
    }
    return ILOKG_OK;
}

/* Context Processing (4.1): *out is active with local applied. */
static ilokg_status
process_context(reader *r, const ctx *active, const ilokg_json *local, const ctx **out)
{
    const ilokg_json *items = local->kind == ILOKG_JSON_ARR ? local->items : local;
    size_t            n     = local->kind == ILOKG_JSON_ARR ? local->n_items : 1;
    const ctx        *cur   = active;
    for (size_t i = 0; i < n; i++) {
        const ilokg_json *l = &items[i];
        if (l->kind == ILOKG_JSON_NULL) {
            for (size_t k = 0; k < cur->n; k++) {
                if (cur->defs[k].protect) {
                    return fail(r, ILOKG_ERR_RDF, l->off,
                                "invalid context nullification: the term '%s' is protected",
                                cur->defs[k].term);
                }
            }
            ctx *c = arena_alloc(&r->arena, sizeof *c);
            if (!c) {
                return nomem(r);
            }
            *c  = (ctx){.sorted = true, .base = r->doc_base};
            cur = c;
            continue;
        }
        if (l->kind == ILOKG_JSON_STR) {
            return fail(r, ILOKG_ERR_RDF, l->off,
                        "the remote context <%s> is not fetched: put the context in the "
                        "document",
                        l->str);
        }
        if (l->kind != ILOKG_JSON_OBJ) {
            return fail(r, ILOKG_ERR_RDF, l->off, "invalid local context");
        }
        ctx           *c     = arena_alloc(&r->arena, sizeof *c);
        unsigned char *state = arena_alloc(&r->arena, l->n_items + 1);
        tdef          *defs  = arena_alloc(&r->arena, (cur->n + l->n_items + 1) * sizeof *defs);
        if (!c || !state || !defs) {
            return nomem(r);
        }
        if (cur->n) {
            memcpy(defs, cur->defs, cur->n * sizeof *defs);
        }
        *c = (ctx){defs, cur->n, false, cur->vocab, cur->base, cur->lang};
        memset(state, 0, l->n_items + 1);
        const ilokg_json *prot = ilokg_json_get(l, "@protected");
        defining          d = {l, state, c, prot && prot->kind == ILOKG_JSON_BOOL && prot->boolean};
        for (size_t k = 0; k < l->n_items; k++) {
            if (is_keyword(l->keys[k])) {
                state[k] = 2;
                if (context_keywords(r, c, l, k)) {
                    return r->failed;
                }
            } else if (keyword_form(l->keys[k])) {
                state[k] = 2;
                warn(r, l->items[k].off, "'%s' has the form of a keyword: not defined", l->keys[k]);
            }
        }
        for (size_t k = 0; k < l->n_items; k++) {
            if (define(r, &d, k)) {
                return r->failed;
            }
        }
        qsort(c->defs, c->n, sizeof *c->defs, cmp_def);
        c->sorted = true;
        cur       = c;
    }
    *out = cur;
    return ILOKG_OK;
}

/* ---- Terms and statements -------------------------------------------------------------------- */

static ilokg_status
fresh_blank(reader *r, ilokg_qterm *out)
{
    char *name = arena_alloc(&r->arena, 24);
    if (!name) {
        return nomem(r);
    }
    int n = snprintf(name, 24, "j%lu", r->next_blank++);
    *out  = (ilokg_qterm){ILOKG_QT_BLANK, name, (size_t)n, NULL, NULL};
    return ILOKG_OK;
}

/* The document's blank node "_:label" under a name of the reader's (one per label). */
static ilokg_status
named_blank(reader *r, const char *label, ilokg_qterm *out)
{
    if (2 * (r->blanks_n + 1) > r->blanks_cap) {
        size_t      cap = r->blanks_cap ? 2 * r->blanks_cap : 64;
        blank_slot *t   = calloc(cap, sizeof *t);
        if (!t) {
            return nomem(r);
        }
        for (size_t i = 0; i < r->blanks_cap; i++) {
            if (r->blanks[i].label) {
                size_t j = ilokg_hash_str(r->blanks[i].label) & (cap - 1);
                while (t[j].label) {
                    j = (j + 1) & (cap - 1);
                }
                t[j] = r->blanks[i];
            }
        }
        free(r->blanks);
        r->blanks     = t;
        r->blanks_cap = cap;
    }
    size_t j = ilokg_hash_str(label) & (r->blanks_cap - 1);
    while (r->blanks[j].label && strcmp(r->blanks[j].label, label)) {
        j = (j + 1) & (r->blanks_cap - 1);
    }
    blank_slot *s = &r->blanks[j];
    if (!s->label) {
        s->label = label;
        snprintf(s->name, sizeof s->name, "j%lu", r->next_blank++);
        r->blanks_n++;
    }
    *out = (ilokg_qterm){ILOKG_QT_BLANK, s->name, strlen(s->name), NULL, NULL};
    return ILOKG_OK;
}

/* Whether an absolute IRI may stand in RDF: no character an IRI may not hold, one '#' at most. */
static bool
iri_ok(const char *iri)
{
    const char *hash = strchr(iri, '#');
    return ilokg_iri_valid(iri, strlen(iri)) && !(hash && strchr(hash + 1, '#'));
}

/* The term of an expanded IRI or blank node identifier at offset off. A relative IRI (no base
 * to resolve it against) or one holding a character no IRI holds is no term (kind 0): the
 * statements it would be in are dropped, as the algorithm says (8.2, well-formedness), with a
 * warning here. */
static ilokg_status
node_term(reader *r, const char *iri, size_t off, ilokg_qterm *out)
{
    if (!strncmp(iri, "_:", 2)) {
        return named_blank(r, iri + 2, out);
    }
    size_t len = strlen(iri);
    *out       = (ilokg_qterm){0};
    if (!ilokg_iri_has_scheme(iri)) {
        warn(r, off,
             "the relative IRI '%s' cannot be resolved (the document has no base IRI: give one "
             "with --base or @base); its statements are dropped",
             iri);
    } else if (!iri_ok(iri)) {
        warn(r, off, "the IRI <%s> holds a character IRIs may not hold; its statements are dropped",
             iri);
    } else {
        *out = (ilokg_qterm){ILOKG_QT_IRI, iri, len, NULL, NULL};
    }
    return ILOKG_OK;
}

static ilokg_status
emit(reader *r, const ilokg_qterm *s, const ilokg_qterm *p, const ilokg_qterm *o,
     const ilokg_qterm *g)
{
    if (!s->kind || !p->kind || !o->kind || (g && !g->kind)) {
        return ILOKG_OK; /* a term dropped (node_term) */
    }
    ilokg_status st = r->fn(r->user, s, p, o, g);
    if (st && !r->failed) {
        r->failed = st;
    }
    return st;
}

static ilokg_status
emit_iri(reader *r, const ilokg_qterm *s, const char *p, const ilokg_qterm *o, const ilokg_qterm *g)
{
    ilokg_qterm pt = {ILOKG_QT_IRI, p, strlen(p), NULL, NULL};
    return emit(r, s, &pt, o, g);
}

/* A native number or boolean as a literal (8.6 steps 6 to 11), datatype dt when given. */
static ilokg_status
native_literal(reader *r, const ilokg_json *v, const char *dt, ilokg_qterm *out)
{
    char *lex = arena_alloc(&r->arena, 40);
    if (!lex) {
        return nomem(r);
    }
    if (v->kind == ILOKG_JSON_BOOL) {
        strcpy(lex, v->boolean ? "true" : "false");
        dt = dt ? dt : ILOKG_XSD "boolean";
    } else {
        double d = strtod(v->str, NULL);
        bool   as_double =
            d != floor(d) || fabs(d) >= 1e21 || (dt && !strcmp(dt, ILOKG_XSD "double"));
        if (!isfinite(d)) {
            return fail(r, ILOKG_ERR_RDF, v->off, "the number %s is out of range", v->str);
        }
        if (as_double) {
            /* The canonical form of xsd:double: one digit, '.', the significant digits (at
             * least one), 'E', the exponent without '+' or leading zeros. */
            char m[40];
            snprintf(m, sizeof m, "%.15E", d);
            char *e    = strchr(m, 'E');
            char *last = e - 1;
            while (last[0] == '0' && last[-1] != '.') {
                last--;
            }
            int exp = atoi(e + 1);
            snprintf(lex, 40, "%.*sE%d", (int)(last + 1 - m), m, exp);
            dt = dt ? dt : ILOKG_XSD "double";
        } else {
            snprintf(lex, 40, "%.0f", d == 0 ? 0.0 : d);
            dt = dt ? dt : ILOKG_XSD "integer";
        }
    }
    *out = (ilokg_qterm){ILOKG_QT_LITERAL, lex, strlen(lex), NULL, dt};
    ilokg_qterm_normalize(out);
    return ILOKG_OK;
}

static ilokg_status
string_literal(reader *r, const ilokg_json *v, const char *dt, const char *lang, ilokg_qterm *out)
{
    if (lang && !ilokg_lang_valid(lang)) {
        warn(r, v->off, "the language tag '%s' is not well-formed; the statement is dropped", lang);
        *out = (ilokg_qterm){0};
        return ILOKG_OK;
    }
    *out = (ilokg_qterm){ILOKG_QT_LITERAL, v->str, v->len, dt ? NULL : lang, dt};
    ilokg_qterm_normalize(out);
    return ILOKG_OK;
}

/* ---- The walk -------------------------------------------------------------------------------- */

typedef enum { K_NODE, K_VALUE, K_LIST, K_SET } obj_kind;

/* What an object is, by its keys as the context expands them. */
static ilokg_status
kind_of(reader *r, const ctx *c, const ilokg_json *o, obj_kind *out)
{
    *out         = K_NODE;
    size_t other = 0; /* members other than @list, @set and @index */
    for (size_t i = 0; i < o->n_items; i++) {
        const char *k;
        if (expand_iri(r, c, NULL, o->keys[i], false, true, &k)) {
            return r->failed;
        }
        if (k && !strcmp(k, "@value")) {
            *out = K_VALUE;
        } else if (k && !strcmp(k, "@list")) {
            *out = K_LIST;
        } else if (k && !strcmp(k, "@set")) {
            *out = K_SET;
        } else if (k && !strcmp(k, "@language") && o->n_items == 1) {
            *out = K_VALUE; /* {"@language": "en"} alone is no value (5.3.2 step 19) */
        } else if (!k || strcmp(k, "@index")) {
            other++;
        }
    }
    if ((*out == K_LIST || *out == K_SET) && other) {
        return fail(r, ILOKG_ERR_RDF, o->off, "invalid set or list object: it has other members");
    }
    return ILOKG_OK;
}

/* The member of o whose key c expands to keyword; NULL when none (or on error: r->failed). */
static const ilokg_json *
member(reader *r, const ctx *c, const ilokg_json *o, const char *keyword)
{
    for (size_t i = 0; i < o->n_items; i++) {
        const char *k;
        if (expand_iri(r, c, NULL, o->keys[i], false, true, &k)) {
            return NULL;
        }
        if (k && !strcmp(k, keyword)) {
            return &o->items[i];
        }
    }
    return NULL;
}

typedef struct {
    const ilokg_qterm *subject;
    const char        *property;
    bool               reverse;
    const ilokg_qterm *graph;
} link_to;

static ilokg_status node(reader *r, const ctx *c, const ilokg_json *o, const ilokg_qterm *g,
                         ilokg_qterm *subject);
static ilokg_status values(reader *r, const ctx *c, const tdef *t, const ilokg_json *v,
                           const link_to *to);

static ilokg_status
value_object(reader *r, const ctx *c, const ilokg_json *o, ilokg_qterm *out, bool *has)
{
    const ilokg_json *val = NULL, *type = NULL, *lang = NULL;
    for (size_t i = 0; i < o->n_items; i++) {
        const char *k;
        if (expand_iri(r, c, NULL, o->keys[i], false, true, &k)) {
            return r->failed;
        }
        if (k && !strcmp(k, "@value")) {
            val = &o->items[i];
        } else if (k && !strcmp(k, "@type")) {
            type = &o->items[i];
        } else if (k && !strcmp(k, "@language")) {
            lang = &o->items[i];
        } else if (k && !strcmp(k, "@direction")) {
            return unsupported(r, o->items[i].off, "@direction");
        } else if (k && !strcmp(k, "@index")) {
            if (o->items[i].kind != ILOKG_JSON_STR) {
                return fail(r, ILOKG_ERR_RDF, o->items[i].off, "invalid @index value");
            }
        } else {
            return fail(r, ILOKG_ERR_RDF, o->items[i].off, "invalid value object member '%s'",
                        o->keys[i]);
        }
    }
    const char *dt = NULL;
    if (type && type->kind == ILOKG_JSON_STR &&
        expand_iri(r, c, NULL, type->str, true, true, &dt)) {
        return r->failed;
    }
    if (dt && !strcmp(dt, "@json")) {
        return unsupported(r, type->off, "a JSON literal (@json)");
    }
    if (type &&
        (type->kind != ILOKG_JSON_STR || lang || !dt || !ilokg_iri_has_scheme(dt) || !iri_ok(dt))) {
        return fail(r, ILOKG_ERR_RDF, type->off, "invalid typed value");
    }
    if (lang && lang->kind != ILOKG_JSON_STR && lang->kind != ILOKG_JSON_NULL) {
        return fail(r, ILOKG_ERR_RDF, lang->off, "invalid language-tagged string");
    }
    *has = val && val->kind != ILOKG_JSON_NULL;
    if (!*has) {
        return ILOKG_OK;
    }
    if (val->kind == ILOKG_JSON_STR) {
        return string_literal(r, val, dt, lang && lang->kind == ILOKG_JSON_STR ? lang->str : NULL,
                              out);
    }
    if ((val->kind == ILOKG_JSON_NUM || val->kind == ILOKG_JSON_BOOL) &&
        !(lang && lang->kind == ILOKG_JSON_STR)) {
        return native_literal(r, val, dt, out);
    }
    return fail(r, ILOKG_ERR_RDF, val->off, "invalid value object value");
}

/* One value (not an array, not a set object) in the context of term t: *has false for null. */
static ilokg_status list_term(reader *r, const ctx *c, const tdef *t, const ilokg_json *v,
                              const ilokg_qterm *g, ilokg_qterm *out);

static ilokg_status
value_one(reader *r, const ctx *c, const tdef *t, const ilokg_json *v, const ilokg_qterm *g,
          ilokg_qterm *out, bool *has)
{
    *has                 = true;
    const char *type     = t ? t->type : NULL;
    bool        iri_type = type && type[0] != '@';
    switch (v->kind) {
    case ILOKG_JSON_NULL:
        *has = false;
        return ILOKG_OK;
    case ILOKG_JSON_STR:
        if (type && type[0] == '@') {
            const char *iri;
            if (expand_iri(r, c, NULL, v->str, true, !strcmp(type, "@vocab"), &iri)) {
                return r->failed;
            }
            *has = iri != NULL;
            return iri ? node_term(r, iri, v->off, out) : ILOKG_OK;
        }
        return string_literal(r, v, type,
                              iri_type           ? NULL
                              : t && t->has_lang ? t->lang
                                                 : c->lang,
                              out);
    case ILOKG_JSON_NUM:
    case ILOKG_JSON_BOOL:
        return native_literal(r, v, iri_type ? type : NULL, out);
    case ILOKG_JSON_OBJ:
        break;
    case ILOKG_JSON_ARR:
        return unsupported(r, v->off, "a list of lists");
    }
    const ctx        *oc    = c;
    const ilokg_json *local = ilokg_json_get(v, "@context");
    if (local && process_context(r, c, local, &oc)) {
        return r->failed;
    }
    obj_kind k;
    if (kind_of(r, oc, v, &k)) {
        return r->failed;
    }
    switch (k) {
    case K_VALUE:
        return value_object(r, oc, v, out, has);
    case K_LIST:
        return list_term(r, oc, t, v, g, out);
    case K_SET:
        return unsupported(r, v->off, "a set object inside a list");
    case K_NODE:
        break;
    }
    return node(r, oc, v, g, out);
}

/* A list (8.4): the items of v (a list object's @list, or an array under a @list container). */
static ilokg_status
list_term(reader *r, const ctx *c, const tdef *t, const ilokg_json *v, const ilokg_qterm *g,
          ilokg_qterm *out)
{
    const ilokg_json *list = v->kind == ILOKG_JSON_OBJ ? member(r, c, v, "@list") : NULL;
    if (r->failed) {
        return r->failed;
    }
    v                       = list ? list : v;
    const ilokg_json *items = v->kind == ILOKG_JSON_ARR ? v->items : v;
    size_t            n     = v->kind == ILOKG_JSON_ARR ? v->n_items : 1;
    ilokg_qterm       head = {ILOKG_QT_IRI, RDF_NIL, strlen(RDF_NIL), NULL, NULL}, prev = {0};
    bool              any = false;
    for (size_t i = 0; i < n; i++) {
        ilokg_qterm item, cell;
        bool        has;
        if (value_one(r, c, t, &items[i], g, &item, &has)) {
            return r->failed;
        }
        if (!has) {
            continue;
        }
        if (fresh_blank(r, &cell) || emit_iri(r, &cell, RDF_FIRST, &item, g)) {
            return r->failed;
        }
        if (any && emit_iri(r, &prev, RDF_REST, &cell, g)) {
            return r->failed;
        }
        if (!any) {
            head = cell;
        }
        prev = cell;
        any  = true;
    }
    ilokg_qterm nil = {ILOKG_QT_IRI, RDF_NIL, strlen(RDF_NIL), NULL, NULL};
    if (any && emit_iri(r, &prev, RDF_REST, &nil, g)) {
        return r->failed;
    }
    *out = head;
    return ILOKG_OK;
}

static ilokg_status
link_value(reader *r, const link_to *to, const ilokg_qterm *v, size_t off)
{
    if (!to->reverse) {
        return emit_iri(r, to->subject, to->property, v, to->graph);
    }
    if (v->kind == ILOKG_QT_LITERAL) {
        return fail(r, ILOKG_ERR_RDF, off, "a reverse property's value is a literal");
    }
    return emit_iri(r, v, to->property, to->subject, to->graph);
}

/* A language map (@container @language): {"en": "text", "fr": ["texte"], "@none": ...}. */
static ilokg_status
language_map(reader *r, const ctx *c, const ilokg_json *v, const link_to *to)
{
    for (size_t i = 0; i < v->n_items; i++) {
        const char *lang;
        if (expand_iri(r, c, NULL, v->keys[i], false, true, &lang)) {
            return r->failed;
        }
        if (lang && !strcmp(lang, "@none")) {
            lang = NULL;
        } else {
            lang = v->keys[i];
        }
        const ilokg_json *m     = &v->items[i];
        const ilokg_json *items = m->kind == ILOKG_JSON_ARR ? m->items : m;
        size_t            n     = m->kind == ILOKG_JSON_ARR ? m->n_items : 1;
        for (size_t k = 0; k < n; k++) {
            ilokg_qterm lit;
            if (items[k].kind == ILOKG_JSON_NULL) {
                continue;
            }
            if (items[k].kind != ILOKG_JSON_STR) {
                return fail(r, ILOKG_ERR_RDF, items[k].off, "invalid language map value");
            }
            if (string_literal(r, &items[k], NULL, lang, &lit) ||
                link_value(r, to, &lit, items[k].off)) {
                return r->failed;
            }
        }
    }
    return ILOKG_OK;
}

/* The values of one property (an array flattened, a set object opened, a list made). */
static ilokg_status
values(reader *r, const ctx *c, const tdef *t, const ilokg_json *v, const link_to *to)
{
    ilokg_qterm term;
    bool        has;
    if (t && (t->container & C_LANG) && v->kind == ILOKG_JSON_OBJ) {
        return language_map(r, c, v, to);
    }
    if (t && (t->container & C_LIST)) {
        obj_kind k = K_NODE;
        if (v->kind == ILOKG_JSON_OBJ && kind_of(r, c, v, &k)) {
            return r->failed;
        }
        if (k != K_LIST && v->kind != ILOKG_JSON_NULL) {
            return list_term(r, c, t, v, to->graph, &term) || link_value(r, to, &term, v->off)
                       ? r->failed
                       : ILOKG_OK;
        }
    }
    if (v->kind == ILOKG_JSON_ARR) {
        for (size_t i = 0; i < v->n_items; i++) {
            if (values(r, c, t, &v->items[i], to)) {
                return r->failed;
            }
        }
        return ILOKG_OK;
    }
    if (v->kind == ILOKG_JSON_OBJ && !ilokg_json_get(v, "@context")) {
        obj_kind k;
        if (kind_of(r, c, v, &k)) {
            return r->failed;
        }
        if (to->reverse && k == K_LIST) {
            return fail(r, ILOKG_ERR_RDF, v->off, "invalid reverse property value: a list");
        }
        if (k == K_SET) {
            const ilokg_json *set = member(r, c, v, "@set");
            return r->failed ? r->failed : values(r, c, t, set, to);
        }
    }
    if (value_one(r, c, t, v, to->graph, &term, &has)) {
        return r->failed;
    }
    return has ? link_value(r, to, &term, v->off) : ILOKG_OK;
}

/* The @type of a node object: rdf:type statements. */
static ilokg_status
node_types(reader *r, const ctx *c, const ilokg_json *v, const ilokg_qterm *s, const ilokg_qterm *g)
{
    const ilokg_json *items = v->kind == ILOKG_JSON_ARR ? v->items : v;
    size_t            n     = v->kind == ILOKG_JSON_ARR ? v->n_items : 1;
    for (size_t i = 0; i < n; i++) {
        const char *iri;
        ilokg_qterm t;
        if (items[i].kind != ILOKG_JSON_STR) {
            return fail(r, ILOKG_ERR_RDF, items[i].off, "invalid type value");
        }
        if (expand_iri(r, c, NULL, items[i].str, true, true, &iri)) {
            return r->failed;
        }
        if (iri && (node_term(r, iri, items[i].off, &t) || emit_iri(r, s, RDF_TYPE, &t, g))) {
            return r->failed;
        }
    }
    return ILOKG_OK;
}

/* The members of @graph (or a top-level array): node objects in graph g; values dropped. */
static ilokg_status
graph_members(reader *r, const ctx *c, const ilokg_json *v, const ilokg_qterm *g)
{
    const ilokg_json *items = v->kind == ILOKG_JSON_ARR ? v->items : v;
    size_t            n     = v->kind == ILOKG_JSON_ARR ? v->n_items : 1;
    for (size_t i = 0; i < n; i++) {
        const ilokg_json *m = &items[i];
        ilokg_qterm       s;
        obj_kind          k  = K_VALUE;
        const ctx        *oc = c;
        if (m->kind == ILOKG_JSON_ARR) {
            if (graph_members(r, c, m, g)) {
                return r->failed;
            }
            continue;
        }
        if (m->kind == ILOKG_JSON_OBJ) {
            const ilokg_json *local = ilokg_json_get(m, "@context");
            if ((local && process_context(r, c, local, &oc)) || kind_of(r, oc, m, &k)) {
                return r->failed;
            }
        }
        if (k == K_NODE) {
            if (node(r, oc, m, g, &s)) {
                return r->failed;
            }
        } else if (k == K_SET) {
            const ilokg_json *set = member(r, oc, m, "@set");
            if (r->failed || graph_members(r, oc, set, g)) {
                return r->failed;
            }
        } else if (m->kind != ILOKG_JSON_NULL) {
            warn(r, m->off, "a value outside any node object is dropped");
        }
    }
    return ILOKG_OK;
}

/* @reverse: {"property": node objects whose property points at s}. */
static ilokg_status
reverse_map(reader *r, const ctx *c, const ilokg_json *v, const ilokg_qterm *s,
            const ilokg_qterm *g)
{
    if (v->kind != ILOKG_JSON_OBJ) {
        return fail(r, ILOKG_ERR_RDF, v->off, "invalid @reverse value");
    }
    for (size_t i = 0; i < v->n_items; i++) {
        const char *p;
        if (expand_iri(r, c, NULL, v->keys[i], false, true, &p)) {
            return r->failed;
        }
        if (p && p[0] == '@') {
            return fail(r, ILOKG_ERR_RDF, v->items[i].off,
                        "invalid reverse property map: %s is not a property", p);
        }
        if (!p || !ilokg_iri_has_scheme(p)) {
            warn(r, v->items[i].off, "the key '%s' maps to no IRI: its values are dropped",
                 v->keys[i]);
            continue;
        }
        const tdef *t  = find(c, v->keys[i]);
        link_to     to = {s, p, !(t && t->reverse), g};
        if (values(r, c, t, &v->items[i], &to)) {
            return r->failed;
        }
    }
    return ILOKG_OK;
}

/* One member of a node object other than @id, @type and @context. */
static ilokg_status
node_member(reader *r, const ctx *c, const ilokg_json *o, size_t i, const char *k,
            const ilokg_qterm *s, const ilokg_qterm *g)
{
    const ilokg_json *v = &o->items[i];
    if (k && !strcmp(k, "@graph")) {
        return graph_members(r, c, v, s);
    }
    if (k && !strcmp(k, "@reverse")) {
        return reverse_map(r, c, v, s, g);
    }
    if (k && !strcmp(k, "@index")) {
        return v->kind == ILOKG_JSON_STR ? ILOKG_OK
                                         : fail(r, ILOKG_ERR_RDF, v->off, "invalid @index value");
    }
    if (k && (!strcmp(k, "@included") || !strcmp(k, "@nest"))) {
        return unsupported(r, v->off, k);
    }
    if (k && k[0] == '@') {
        return fail(r, ILOKG_ERR_RDF, v->off, "%s does not belong in a node object", k);
    }
    if (k && ilokg_iri_has_scheme(k) && !iri_ok(k)) {
        warn(r, v->off, "the property <%s> holds a character IRIs may not hold; dropped", k);
        return ILOKG_OK;
    }
    if (!k || !ilokg_iri_has_scheme(k)) {
        warn(r, v->off,
             strncmp(k ? k : "", "_:", 2)
                 ? "the key '%s' maps to no IRI: its values are dropped"
                 : "the key '%s' is a blank node, not a property: its values are dropped",
             o->keys[i]);
        return ILOKG_OK;
    }
    const tdef *t  = find(c, o->keys[i]);
    link_to     to = {s, k, t && t->reverse, g};
    return values(r, c, t, v, &to);
}

/* A node object (its @context already applied in c): its statements into graph g, its subject
 * into *subject. */
static ilokg_status
node(reader *r, const ctx *c, const ilokg_json *o, const ilokg_qterm *g, ilokg_qterm *subject)
{
    const char **exp = arena_alloc(&r->arena, (o->n_items + 1) * sizeof *exp);
    if (!exp) {
        return nomem(r);
    }
    bool   has_id = false, ignored_id = false;
    size_t members = 0;
    for (size_t i = 0; i < o->n_items; i++) {
        exp[i] = NULL;
        if (!strcmp(o->keys[i], "@context")) {
            continue;
        }
        if (expand_iri(r, c, NULL, o->keys[i], false, true, &exp[i])) {
            return r->failed;
        }
        for (size_t k = 0; exp[i] && exp[i][0] == '@' && strcmp(exp[i], "@type") &&
                           strcmp(exp[i], "@nest") && strcmp(exp[i], "@included") && k < i;
             k++) {
            if (exp[k] && !strcmp(exp[k], exp[i])) {
                return fail(r, ILOKG_ERR_RDF, o->items[i].off, "colliding keywords: two %s",
                            exp[i]);
            }
        }
        members += !exp[i] || strcmp(exp[i], "@id");
        if (exp[i] && !strcmp(exp[i], "@id")) {
            const ilokg_json *v = &o->items[i];
            const char       *iri;
            if (v->kind != ILOKG_JSON_STR) {
                return fail(r, ILOKG_ERR_RDF, v->off, "invalid @id value");
            }
            if (expand_iri(r, c, NULL, v->str, true, false, &iri) ||
                (iri && node_term(r, iri, v->off, subject))) {
                return r->failed;
            }
            has_id     = iri != NULL;
            ignored_id = iri == NULL;
        }
    }
    if (!has_id && fresh_blank(r, subject)) {
        return r->failed;
    }
    if (ignored_id && !members) {
        *subject = (ilokg_qterm){0}; /* {"@id": "@ignoreMe"}: nothing at all (4.2.2 step 4) */
        return ILOKG_OK;
    }
    for (size_t i = 0; i < o->n_items; i++) {
        if (!strcmp(o->keys[i], "@context") || (exp[i] && !strcmp(exp[i], "@id"))) {
            continue;
        }
        if (exp[i] && !strcmp(exp[i], "@type")) {
            if (node_types(r, c, &o->items[i], subject, g)) {
                return r->failed;
            }
        } else if (node_member(r, c, o, i, exp[i], subject, g)) {
            return r->failed;
        }
    }
    return ILOKG_OK;
}

/* The document: an array of node objects, a node object, or {"@context", "@graph"} whose
 * members are in the default graph. */
static ilokg_status
document(reader *r, const ilokg_json *doc)
{
    ctx        c0 = {.sorted = true, .base = r->doc_base};
    const ctx *c  = &c0;
    if (doc->kind == ILOKG_JSON_ARR) {
        return graph_members(r, c, doc, NULL);
    }
    if (doc->kind != ILOKG_JSON_OBJ) {
        return fail(r, ILOKG_ERR_RDF, doc->off, "a JSON-LD document is an object or an array%s",
                    "");
    }
    const ilokg_json *local = ilokg_json_get(doc, "@context");
    if (local && process_context(r, c, local, &c)) {
        return r->failed;
    }
    const ilokg_json *graph = NULL;
    size_t            other = 0;
    for (size_t i = 0; i < doc->n_items; i++) {
        const char *k;
        if (!strcmp(doc->keys[i], "@context")) {
            continue;
        }
        if (expand_iri(r, c, NULL, doc->keys[i], false, true, &k)) {
            return r->failed;
        }
        if (k && !strcmp(k, "@graph")) {
            graph = &doc->items[i];
        } else {
            other++;
        }
    }
    if (graph && !other) {
        return graph_members(r, c, graph, NULL);
    }
    obj_kind k;
    if (kind_of(r, c, doc, &k)) {
        return r->failed;
    }
    ilokg_qterm s;
    return k == K_NODE ? node(r, c, doc, NULL, &s) : ILOKG_OK;
}

ilokg_status
ilokg_jsonld_read(const char *bytes, size_t len, const char *name, const char *base,
                  ilokg_jsonld_statement_fn fn, void *user, ilokg_diag *diag)
{
    ilokg_source *src = NULL;
    ilokg_json    doc;
    size_t        at = 0;
    ilokg_status  st = ilokg_source_from_bytes(&src, name, bytes, len, diag);
    if (st) {
        return st;
    }
    if (ilokg_json_parse(&doc, bytes, len, &at)) {
        st = ilokg_report(diag, ILOKG_ERR_SYNTAX, src, at,
                          at >= len ? "JSON-LD: the JSON text ends too early"
                                    : "JSON-LD: not JSON here (or nested deeper than 64)");
        ilokg_source_free(src);
        return st;
    }
    reader r = {.src = src, .diag = diag, .fn = fn, .user = user, .doc_base = base};
    st       = document(&r, &doc);
    if (r.n_warnings > MAX_WARNINGS) {
        ilokg_report(diag, ILOKG_OK, src, SIZE_MAX, "JSON-LD: %zu warnings in all", r.n_warnings);
    }
    while (r.arena) {
        block *next = r.arena->next;
        free(r.arena);
        r.arena = next;
    }
    free(r.blanks);
    ilokg_json_free(&doc);
    ilokg_source_free(src);
    return st ? st : r.failed;
}
