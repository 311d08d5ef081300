/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-LD 1.1 to RDF (jsonld_read.h). The document is parsed whole (util/json.h), then walked
 * once: contexts are processed where they appear (JSON-LD 1.1 API, 4.1 and 4.2), each node
 * object's statements are handed over as soon as its subject is known, which gives the same
 * dataset as expanding, flattening to a node map and deserialising (sections 5, 7.2 and 8). */
#include "query/jsonld_read.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/jsonld_ctx.h"
#include "util/ascii.h"
#include "util/hash.h"
#include "util/iri.h"
#include "util/buf.h"
#include "util/json.h"

#define RDF_TYPE ILOKG_RDF "type"
#define RDF_FIRST ILOKG_RDF "first"
#define RDF_REST ILOKG_RDF "rest"
#define RDF_NIL ILOKG_RDF "nil"

/* ---- Terms and statements -------------------------------------------------------------------- */

static ilokg_status
fresh_blank(reader *r, ilokg_qterm *out)
{
    char *name = ilokg_jl_alloc(&r->arena, 24);
    if (!name) {
        return ilokg_jl_nomem(r);
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
            return ilokg_jl_nomem(r);
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
        ilokg_jl_warn(
            r, off,
            "the relative IRI '%s' cannot be resolved (the document has no base IRI: give one "
            "with --base or @base); its statements are dropped",
            iri);
    } else if (!iri_ok(iri)) {
        ilokg_jl_warn(
            r, off, "the IRI <%s> holds a character IRIs may not hold; its statements are dropped",
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
    char *lex = ilokg_jl_alloc(&r->arena, 40);
    if (!lex) {
        return ilokg_jl_nomem(r);
    }
    if (v->kind == ILOKG_JSON_BOOL) {
        strcpy(lex, v->boolean ? "true" : "false");
        dt = dt ? dt : ILOKG_XSD "boolean";
    } else {
        double d = strtod(v->str, NULL);
        bool   as_double =
            d != floor(d) || fabs(d) >= 1e21 || (dt && !strcmp(dt, ILOKG_XSD "double"));
        if (!isfinite(d)) {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off, "the number %s is out of range", v->str);
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
        ilokg_jl_warn(r, v->off,
                      "the language tag '%s' is not well-formed; the statement is dropped", lang);
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
        if (ilokg_jl_expand_iri(r, c, NULL, o->keys[i], false, true, &k)) {
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
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, o->off,
                             "invalid set or list object: it has other members");
    }
    return ILOKG_OK;
}

/* The member of o whose key c expands to keyword; NULL when none (or on error: r->failed). */
static const ilokg_json *
member(reader *r, const ctx *c, const ilokg_json *o, const char *keyword)
{
    for (size_t i = 0; i < o->n_items; i++) {
        const char *k;
        if (ilokg_jl_expand_iri(r, c, NULL, o->keys[i], false, true, &k)) {
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
        if (ilokg_jl_expand_iri(r, c, NULL, o->keys[i], false, true, &k)) {
            return r->failed;
        }
        if (k && !strcmp(k, "@value")) {
            val = &o->items[i];
        } else if (k && !strcmp(k, "@type")) {
            type = &o->items[i];
        } else if (k && !strcmp(k, "@language")) {
            lang = &o->items[i];
        } else if (k && !strcmp(k, "@direction")) {
            return ilokg_jl_unsupported(r, o->items[i].off, "@direction");
        } else if (k && !strcmp(k, "@index")) {
            if (o->items[i].kind != ILOKG_JSON_STR) {
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, o->items[i].off, "invalid @index value");
            }
        } else {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, o->items[i].off,
                                 "invalid value object member '%s'", o->keys[i]);
        }
    }
    const char *dt = NULL;
    if (type && type->kind == ILOKG_JSON_STR &&
        ilokg_jl_expand_iri(r, c, NULL, type->str, true, true, &dt)) {
        return r->failed;
    }
    if (dt && !strcmp(dt, "@json")) {
        return ilokg_jl_unsupported(r, type->off, "a JSON literal (@json)");
    }
    if (type &&
        (type->kind != ILOKG_JSON_STR || lang || !dt || !ilokg_iri_has_scheme(dt) || !iri_ok(dt))) {
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, type->off, "invalid typed value");
    }
    if (lang && lang->kind != ILOKG_JSON_STR && lang->kind != ILOKG_JSON_NULL) {
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, lang->off, "invalid language-tagged string");
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
    return ilokg_jl_fail(r, ILOKG_ERR_RDF, val->off, "invalid value object value");
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
            if (ilokg_jl_expand_iri(r, c, NULL, v->str, true, !strcmp(type, "@vocab"), &iri)) {
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
        return ilokg_jl_unsupported(r, v->off, "a list of lists");
    }
    const ctx        *oc    = c;
    const ilokg_json *local = ilokg_json_get(v, "@context");
    if (local && ilokg_jl_process_context(r, c, local, &oc)) {
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
        return ilokg_jl_unsupported(r, v->off, "a set object inside a list");
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
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, off, "a reverse property's value is a literal");
    }
    return emit_iri(r, v, to->property, to->subject, to->graph);
}

/* A language map (@container @language): {"en": "text", "fr": ["texte"], "@none": ...}. */
static ilokg_status
language_map(reader *r, const ctx *c, const ilokg_json *v, const link_to *to)
{
    for (size_t i = 0; i < v->n_items; i++) {
        const char *lang;
        if (ilokg_jl_expand_iri(r, c, NULL, v->keys[i], false, true, &lang)) {
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
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, items[k].off, "invalid language map value");
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
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off,
                                 "invalid reverse property value: a list");
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
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, items[i].off, "invalid type value");
        }
        if (ilokg_jl_expand_iri(r, c, NULL, items[i].str, true, true, &iri)) {
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
            if ((local && ilokg_jl_process_context(r, c, local, &oc)) || kind_of(r, oc, m, &k)) {
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
            ilokg_jl_warn(r, m->off, "a value outside any node object is dropped");
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
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off, "invalid @reverse value");
    }
    for (size_t i = 0; i < v->n_items; i++) {
        const char *p;
        if (ilokg_jl_expand_iri(r, c, NULL, v->keys[i], false, true, &p)) {
            return r->failed;
        }
        if (p && p[0] == '@') {
            return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->items[i].off,
                                 "invalid reverse property map: %s is not a property", p);
        }
        if (!p || !ilokg_iri_has_scheme(p)) {
            ilokg_jl_warn(r, v->items[i].off, "the key '%s' maps to no IRI: its values are dropped",
                          v->keys[i]);
            continue;
        }
        const tdef *t  = ilokg_jl_find(c, v->keys[i]);
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
        return v->kind == ILOKG_JSON_STR
                   ? ILOKG_OK
                   : ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off, "invalid @index value");
    }
    if (k && (!strcmp(k, "@included") || !strcmp(k, "@nest"))) {
        return ilokg_jl_unsupported(r, v->off, k);
    }
    if (k && k[0] == '@') {
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off, "%s does not belong in a node object", k);
    }
    if (k && ilokg_iri_has_scheme(k) && !iri_ok(k)) {
        ilokg_jl_warn(r, v->off, "the property <%s> holds a character IRIs may not hold; dropped",
                      k);
        return ILOKG_OK;
    }
    if (!k || !ilokg_iri_has_scheme(k)) {
        ilokg_jl_warn(r, v->off,
                      strncmp(k ? k : "", "_:", 2)
                          ? "the key '%s' maps to no IRI: its values are dropped"
                          : "the key '%s' is a blank node, not a property: its values are dropped",
                      o->keys[i]);
        return ILOKG_OK;
    }
    const tdef *t  = ilokg_jl_find(c, o->keys[i]);
    link_to     to = {s, k, t && t->reverse, g};
    return values(r, c, t, v, &to);
}

/* A node object (its @context already applied in c): its statements into graph g, its subject
 * into *subject. */
static ilokg_status
node(reader *r, const ctx *c, const ilokg_json *o, const ilokg_qterm *g, ilokg_qterm *subject)
{
    const char **exp = ilokg_jl_alloc(&r->arena, (o->n_items + 1) * sizeof *exp);
    if (!exp) {
        return ilokg_jl_nomem(r);
    }
    bool   has_id = false, ignored_id = false;
    size_t members = 0;
    for (size_t i = 0; i < o->n_items; i++) {
        exp[i] = NULL;
        if (!strcmp(o->keys[i], "@context")) {
            continue;
        }
        if (ilokg_jl_expand_iri(r, c, NULL, o->keys[i], false, true, &exp[i])) {
            return r->failed;
        }
        for (size_t k = 0; exp[i] && exp[i][0] == '@' && strcmp(exp[i], "@type") &&
                           strcmp(exp[i], "@nest") && strcmp(exp[i], "@included") && k < i;
             k++) {
            if (exp[k] && !strcmp(exp[k], exp[i])) {
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, o->items[i].off,
                                     "colliding keywords: two %s", exp[i]);
            }
        }
        members += !exp[i] || strcmp(exp[i], "@id");
        if (exp[i] && !strcmp(exp[i], "@id")) {
            const ilokg_json *v = &o->items[i];
            const char       *iri;
            if (v->kind != ILOKG_JSON_STR) {
                return ilokg_jl_fail(r, ILOKG_ERR_RDF, v->off, "invalid @id value");
            }
            if (ilokg_jl_expand_iri(r, c, NULL, v->str, true, false, &iri) ||
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
        return ilokg_jl_fail(r, ILOKG_ERR_RDF, doc->off,
                             "a JSON-LD document is an object or an array%s", "");
    }
    const ilokg_json *local = ilokg_json_get(doc, "@context");
    if (local && ilokg_jl_process_context(r, c, local, &c)) {
        return r->failed;
    }
    const ilokg_json *graph = NULL;
    size_t            other = 0;
    for (size_t i = 0; i < doc->n_items; i++) {
        const char *k;
        if (!strcmp(doc->keys[i], "@context")) {
            continue;
        }
        if (ilokg_jl_expand_iri(r, c, NULL, doc->keys[i], false, true, &k)) {
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
    if (r.n_warnings > ILOKG_JL_MAX_WARNINGS) {
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
