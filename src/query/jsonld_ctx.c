/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON-LD reader's memory, diagnostics and contexts: term definitions (4.2), IRI expansion
 * (4.2.2) and context processing (4.1) of JSON-LD 1.1 Processing Algorithms and API. */
#include "query/jsonld_ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/iri.h"

void *
ilokg_jl_alloc(block **head, size_t n)
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

ilokg_status
ilokg_jl_fail(reader *r, ilokg_status st, size_t off, const char *fmt, ...)
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

ilokg_status
ilokg_jl_nomem(reader *r)
{
    return ilokg_jl_fail(r, ILOKG_ERR_NOMEM, SIZE_MAX, "out of memory");
}

void
ilokg_jl_warn(reader *r, size_t off, const char *fmt, ...)
{
    if (++r->n_warnings <= ILOKG_JL_MAX_WARNINGS) {
        char    msg[300];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        ilokg_warn(r->diag, r->src, off, "JSON-LD: %s%s", msg,
                   r->n_warnings == ILOKG_JL_MAX_WARNINGS ? " (further such warnings not shown)"
                                                          : "");
    }
}

static char *
concat(reader *r, const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    char  *out  = ilokg_jl_alloc(&r->arena, alen + blen + 1);
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

tdef *
ilokg_jl_find(const ctx *c, const char *term)
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
        return ilokg_jl_nomem(r);
    }
    char *copy = ilokg_jl_alloc(&r->arena, b.len + 1);
    if (copy) {
        memcpy(copy, b.ptr, b.len + 1);
    }
    ilokg_buf_free(&b);
    *out = copy;
    return copy ? ILOKG_OK : ilokg_jl_nomem(r);
}

ilokg_status
ilokg_jl_expand_iri(reader *r, const ctx *c, defining *d, const char *v, bool doc_rel, bool vocab,
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
    const tdef *t = vocab ? ilokg_jl_find(c, v) : NULL;
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
            const tdef *p = ilokg_jl_find(c, prefix);
            if (p && p->iri && p->prefix) {
                *out = concat(r, p->iri, strlen(p->iri), suffix);
                return *out ? ILOKG_OK : ilokg_jl_nomem(r);
            }
        }
        if (ilokg_iri_has_scheme(v)) {
            *out = v;
            return ILOKG_OK;
        }
    }
    if (vocab && c->vocab) {
        *out = concat(r, c->vocab, strlen(c->vocab), v);
        return *out ? ILOKG_OK : ilokg_jl_nomem(r);
    }
    if (doc_rel) {
        return resolve(r, c->base, v, out);
    }
    *out = v;
    return ILOKG_OK;
}

ilokg_status
ilokg_jl_unsupported(reader *r, size_t off, const char *what)
{
    return ilokg_jl_fail(r, ILOKG_ERR_RDF, off,
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
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, items[i].off, "invalid container mapping");
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
            return ilokg_jl_unsupported(r, items[i].off, "a container (map) of this kind");
        } else {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, items[i].off, "invalid container mapping '%s'",
                                 s);
        }
    }
    if ((*out & C_LIST) && (*out & (C_SET | C_LANG))) {
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off, "invalid container mapping");
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
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid IRI mapping");
            }
        } else if (!strcmp(key, "@reverse")) {
            if (m->kind != ILOKG_JSON_STR || ilokg_json_get(v, "@id") ||
                ilokg_json_get(v, "@nest")) {
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid @reverse");
            }
            t->reverse = true;
            *has_id    = true;
            *id_text   = m->str;
            *id_off    = m->off;
        } else if (!strcmp(key, "@type")) {
            if (m->kind != ILOKG_JSON_STR) {
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid type mapping");
            }
            if (!strcmp(m->str, "@json") || !strcmp(m->str, "@none")) {
                return ilokg_jl_unsupported(r, m->off, "the type mapping @json or @none");
            }
            if (!strcmp(m->str, "@id") || !strcmp(m->str, "@vocab")) {
                t->type = m->str;
            } else if (ilokg_jl_expand_iri(r, d->result, d, m->str, false, true, &t->type)) {
                return r->failed;
            } else if (!t->type || !ilokg_iri_has_scheme(t->type)) {
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid type mapping '%s'", m->str);
            }
        } else if (!strcmp(key, "@language")) {
            if (m->kind != ILOKG_JSON_STR && m->kind != ILOKG_JSON_NULL) {
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid language mapping");
            }
            t->has_lang = true;
            t->lang     = m->kind == ILOKG_JSON_STR ? m->str : NULL;
        } else if (!strcmp(key, "@container")) {
            if (container_of(r, m, &t->container)) {
                return r->failed;
            }
        } else if (!strcmp(key, "@prefix")) {
            if (m->kind != ILOKG_JSON_BOOL) {
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid @prefix value");
            }
            t->prefix = m->boolean;
        } else if (!strcmp(key, "@protected")) {
            if (m->kind != ILOKG_JSON_BOOL) {
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid @protected value");
            }
            t->protect = m->boolean;
        } else if (!strcmp(key, "@context") || !strcmp(key, "@nest") || !strcmp(key, "@index") ||
                   !strcmp(key, "@direction")) {
            return ilokg_jl_unsupported(r, m->off, key);
        } else {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid term definition member '%s'",
                                 key);
        }
    }
    if (t->reverse && (t->container & (C_LIST | C_LANG))) {
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off,
                             "invalid reverse property: a list or language map");
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
            const tdef *p = ilokg_jl_find(d->result, prefix);
            if (p && p->iri && !is_keyword(p->iri)) {
                *out = concat(r, p->iri, strlen(p->iri), colon + 1);
            }
        }
    } else if (strchr(term, '/')) {
        return ilokg_jl_expand_iri(r, d->result, NULL, term, false, true, out);
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
    tdef *old = ilokg_jl_find(d->result, t->term);
    if (old && old->protect && !same_def(old, t)) {
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, off, "protected term redefinition of '%s'", t->term);
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
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off, "cyclic IRI mapping of the term '%s'", term);
    }
    d->state[i] = 1;
    if (is_keyword(term) || !*term) {
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off, "keyword redefinition or empty term '%s'",
                             term);
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
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off, "invalid term definition of '%s'", term);
    }
    if (id_text && keyword_form(id_text) && !is_keyword(id_text)) {
        d->state[i] = 2;
        ilokg_jl_warn(r, id_off, "'%s' has the form of a keyword: the term '%s' is not defined",
                      id_text, term);
        return ILOKG_OK;
    }
    if (has_id && id_text && strcmp(id_text, term)) {
        if (ilokg_jl_expand_iri(r, d->result, d, id_text, false, true, &t.iri)) {
            return r->failed;
        }
        if (!t.iri ||
            (!is_keyword(t.iri) && !ilokg_iri_has_scheme(t.iri) && strncmp(t.iri, "_:", 2))) {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, id_off, "invalid IRI mapping '%s'", id_text);
        }
        if (!strcmp(t.iri, "@context")) {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, id_off, "invalid keyword alias '@context'");
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
                       : ilokg_jl_fail(r, ILOKG_ERR_RDF, id_off,
                                       "invalid IRI mapping: the term '%s' reads as another IRI",
                                       term);
        }
    } else if (!has_id || id_text) {
        d->state[i] = 2;
        if (implied_iri(r, d, term, &t.iri)) {
            return r->failed;
        }
        if (!t.iri ||
            (!is_keyword(t.iri) && !ilokg_iri_has_scheme(t.iri) && strncmp(t.iri, "_:", 2))) {
            return ilokg_jl_fail(
                r, ILOKG_ERR_RDF, v->off,
                "the term '%s' has no IRI (no @id, no @vocab and not a compact IRI)", term);
        }
    }
    d->state[i] = 2;
    if (t.prefix && !simple && (strchr(term, ':') || strchr(term, '/'))) {
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off,
                             "invalid term definition: '%s' reads as an IRI and cannot be a prefix",
                             term);
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
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid base IRI");
        } else if (ilokg_iri_has_scheme(m->str)) {
            c->base = m->str; /* an absolute IRI is the base as it is (4.1.2 step 5.7.3) */
        } else if (!c->base || resolve(r, c->base, m->str, &iri)) {
            return r->failed ? r->failed
                             : ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off,
                                             "relative @base '%s' and no base IRI", m->str);
        } else {
            c->base = iri;
        }
    } else if (!strcmp(key, "@vocab")) {
        if (m->kind == ILOKG_JSON_NULL) {
            c->vocab = NULL;
        } else if (m->kind != ILOKG_JSON_STR) {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid vocabulary mapping");
        } else if (ilokg_jl_expand_iri(r, c, NULL, m->str, true, true, &iri)) {
            return r->failed;
        } else if (!iri || (!ilokg_iri_has_scheme(iri) && strncmp(iri, "_:", 2))) {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid vocabulary mapping '%s'",
                                 m->str);
        } else {
            c->vocab = iri;
        }
    } else if (!strcmp(key, "@language")) {
        if (m->kind != ILOKG_JSON_STR && m->kind != ILOKG_JSON_NULL) {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid default language");
        }
        c->lang = m->kind == ILOKG_JSON_STR ? m->str : NULL;
    } else if (!strcmp(key, "@version")) {
        if (m->kind != ILOKG_JSON_NUM || strcmp(m->str, "1.1")) {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid @version value (only 1.1)");
        }
    } else if (!strcmp(key, "@propagate")) {
        if (m->kind != ILOKG_JSON_BOOL || !m->boolean) {
            return ilokg_jl_unsupported(r, m->off, "@propagate false");
        }
    } else if (!strcmp(key, "@import") || !strcmp(key, "@direction")) {
        return ilokg_jl_unsupported(r, m->off, key);
    } else if (!strcmp(key, "@type")) {
        /* JSON-LD 1.1 lets a context say "@type": {"@container": "@set"}: no change to RDF */
        const ilokg_json *ct = ilokg_json_get(m, "@container");
        if (m->kind != ILOKG_JSON_OBJ || !ct || ct->kind != ILOKG_JSON_STR ||
            strcmp(ct->str, "@set") || m->n_items > 1 + !!ilokg_json_get(m, "@protected")) {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "keyword redefinition of @type");
        }
    } else if (!strcmp(key, "@protected") && m->kind != ILOKG_JSON_BOOL) {
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid @protected value");
    } else if (strcmp(key, "@protected")) {
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, m->off, "invalid context entry '%s'", key);
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_jl_process_context(reader *r, const ctx *active, const ilokg_json *local, const ctx **out)
{
    const ilokg_json *items = local->kind == ILOKG_JSON_ARR ? local->items : local;
    size_t            n     = local->kind == ILOKG_JSON_ARR ? local->n_items : 1;
    const ctx        *cur   = active;
    for (size_t i = 0; i < n; i++) {
        const ilokg_json *l = &items[i];
        if (l->kind == ILOKG_JSON_NULL) {
            for (size_t k = 0; k < cur->n; k++) {
                if (cur->defs[k].protect) {
                    return ilokg_jl_fail(
                        r, ILOKG_ERR_RDF, l->off,
                        "invalid context nullification: the term '%s' is protected",
                        cur->defs[k].term);
                }
            }
            ctx *c = ilokg_jl_alloc(&r->arena, sizeof *c);
            if (!c) {
                return ilokg_jl_nomem(r);
            }
            *c  = (ctx){.sorted = true, .base = r->doc_base};
            cur = c;
            continue;
        }
        if (l->kind == ILOKG_JSON_STR) {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, l->off,
                                 "the remote context <%s> is not fetched: put the context in the "
                                 "document",
                                 l->str);
        }
        if (l->kind != ILOKG_JSON_OBJ) {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, l->off, "invalid local context");
        }
        ctx           *c     = ilokg_jl_alloc(&r->arena, sizeof *c);
        unsigned char *state = ilokg_jl_alloc(&r->arena, l->n_items + 1);
        tdef          *defs  = ilokg_jl_alloc(&r->arena, (cur->n + l->n_items + 1) * sizeof *defs);
        if (!c || !state || !defs) {
            return ilokg_jl_nomem(r);
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
                ilokg_jl_warn(r, l->items[k].off, "'%s' has the form of a keyword: not defined",
                              l->keys[k]);
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
