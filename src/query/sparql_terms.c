/* SPDX-License-Identifier: Apache-2.0 */
/* RDF terms, triple patterns and property paths of a SPARQL query (grammar rules 75-137 of
 * section 19.8), translated as section 18.2.2.4 says: a link is a triple, ^p swaps subject and
 * object, a sequence joins through a fresh hidden variable, the rest stays a path pattern. */
#include "query/sparql_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/rdf_io.h"
#include "util/ascii.h"

/* ---- Strings and IRIs ----------------------------------------------------------------------- */

static size_t
put_utf8(char *d, uint32_t cp)
{
    if (cp < 0x80) {
        d[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        d[0] = (char)(0xC0 | (cp >> 6));
        d[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = (char)(0xE0 | (cp >> 12));
        d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        d[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (cp >> 18));
    d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    d[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* \uXXXX or \UXXXXXXXX at s[i] ('\\'): the code point, or -1. */
static long
ucs_escape(const char *s, size_t len, size_t i, size_t *used)
{
    size_t n = s[i + 1] == 'u' ? 4 : 8;
    if (i + 2 + n > len) {
        return -1;
    }
    long cp = 0;
    for (size_t k = 0; k < n; k++) {
        int h = ilokg_hex_value(s[i + 2 + k]);
        if (h < 0) {
            return -1;
        }
        cp = cp * 16 + h;
    }
    *used = 2 + n;
    return cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? -1 : cp;
}

/* Decodes the escapes of s[0..len) (string escapes when strings, else only \u and \U) into a new
 * arena string; *bad gets the offset within s of a bad escape, or SIZE_MAX. */
static char *
unescape(sp_parser *P, const char *s, size_t len, int strings, size_t *out_len, size_t *bad)
{
    char  *d = sp_alloc(P->arena, len + 1);
    size_t n = 0;
    *bad     = SIZE_MAX;
    if (!d) {
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\\') {
            d[n++] = s[i];
            continue;
        }
        char              e      = i + 1 < len ? s[i + 1] : '\0';
        static const char from[] = "tbnrf\"'\\", to[] = "\t\b\n\r\f\"'\\";
        const char       *k = e ? strchr(from, e) : NULL;
        size_t            used;
        long              cp;
        if ((e == 'u' || e == 'U') && (cp = ucs_escape(s, len, i, &used)) >= 0) {
            n += put_utf8(d + n, (uint32_t)cp);
            i += used - 1;
        } else if (strings && k) {
            d[n++] = to[k - from];
            i++;
        } else {
            *bad = i;
            return d;
        }
    }
    d[n]     = '\0';
    *out_len = n;
    return d;
}

ilokg_status
sp_resolve(sp_parser *P, const char *iri, size_t len, const char **out)
{
    size_t i = 0;
    while (i < len && iri[i] != ':' && iri[i] != '/' && iri[i] != '?' && iri[i] != '#') {
        i++;
    }
    int absolute = i > 0 && i < len && iri[i] == ':';
    /* An absolute IRI with dot segments is resolved against itself: RFC 3986 (5.2.2) removes
     * them from any reference, and the RDF loader does, so the data and the query agree. */
    char *ref = sp_strndup(P, iri, len);
    if (!ref) {
        return sp_nomem(P);
    }
    int dots = absolute && (strstr(ref, "/./") || strstr(ref, "/../") ||
                            (len >= 2 && !strcmp(ref + len - 2, "/.")) ||
                            (len >= 3 && !strcmp(ref + len - 3, "/..")));
    if ((absolute && !dots) || !P->base) {
        *out = ref;
        return ILOKG_OK;
    }
    const char *base = dots ? ref : P->base;
    size_t      cap  = (base ? strlen(base) : 0) + len + 8;
    char       *buf  = sp_alloc(P->arena, cap);
    if (!buf) {
        return sp_nomem(P);
    }
    /* raptor's resolver, as the RDF loader's: only queries with relative IRIs load it. */
    ilokg_status st = ilokg_rdf_resolve_iri(buf, cap, base, ref);
    if (st) {
        return sp_error(P, st, P->tok.off, "cannot resolve <%s> against <%s>", ref, base);
    }
    *out = buf;
    return ILOKG_OK;
}

ilokg_status
sp_string(sp_parser *P, const char **out, size_t *len)
{
    if (P->tok.kind != SP_T_STRING) {
        return sp_expected(P, "a string");
    }
    size_t q = (size_t)P->tok.quote;
    size_t bad;
    char  *s = unescape(P, P->text + P->tok.off + q, P->tok.len - 2 * q, 1, len, &bad);
    if (!s) {
        return sp_nomem(P);
    }
    if (bad != SIZE_MAX) {
        return sp_error(P, ILOKG_ERR_SYNTAX, P->tok.off + q + bad,
                        "bad escape sequence in a string");
    }
    *out = s;
    sp_next(P);
    return ILOKG_OK;
}

int
sp_at_iri(sp_parser *P)
{
    return P->tok.kind == SP_T_IRI || P->tok.kind == SP_T_PNAME;
}

static const char *
find_prefix(sp_parser *P, const char *name, size_t len)
{
    for (size_t i = P->n_prefixes; i > 0; i--) {
        const char *n = P->prefixes[2 * (i - 1)];
        if (strlen(n) == len && !memcmp(n, name, len)) {
            return P->prefixes[2 * (i - 1) + 1];
        }
    }
    for (size_t i = 0; P->opt && i < P->opt->n_prefixes; i++) {
        const char *n = P->opt->prefixes[i][0];
        if (strlen(n) == len && !memcmp(n, name, len)) {
            return P->opt->prefixes[i][1];
        }
    }
    return NULL;
}

/* A prefixed name's local part with its '\' escapes removed. */
static ilokg_status
expand_pname(sp_parser *P, const char **out)
{
    const char *t  = P->text + P->tok.off;
    const char *ns = find_prefix(P, t, P->tok.colon);
    if (!ns) {
        return sp_error(P, ILOKG_ERR_SYNTAX, P->tok.off, "unknown prefix '%.*s:'",
                        (int)P->tok.colon, t);
    }
    size_t      ns_len = strlen(ns), llen = P->tok.len - P->tok.colon - 1;
    const char *local = t + P->tok.colon + 1;
    char       *d     = sp_alloc(P->arena, ns_len + llen + 1);
    if (!d) {
        return sp_nomem(P);
    }
    memcpy(d, ns, ns_len);
    size_t n = ns_len;
    for (size_t i = 0; i < llen; i++) {
        if (local[i] == '\\' && i + 1 < llen) {
            i++;
        }
        d[n++] = local[i];
    }
    d[n] = '\0';
    *out = d;
    return ILOKG_OK;
}

ilokg_status
sp_iri(sp_parser *P, const char **out)
{
    ilokg_status st;
    if (P->tok.kind == SP_T_PNAME) {
        st = expand_pname(P, out);
    } else if (P->tok.kind == SP_T_IRI) {
        size_t len, bad;
        char  *s = unescape(P, P->text + P->tok.off + 1, P->tok.len - 2, 0, &len, &bad);
        if (!s) {
            return sp_nomem(P);
        }
        if (bad != SIZE_MAX) {
            return sp_error(P, ILOKG_ERR_SYNTAX, P->tok.off + 1 + bad, "bad escape in an IRI");
        }
        st = sp_resolve(P, s, len, out);
    } else {
        return sp_expected(P, "an IRI");
    }
    if (!st) {
        sp_next(P);
    }
    return st;
}

/* ---- Literals ------------------------------------------------------------------------------- */

int
sp_at_literal(sp_parser *P)
{
    int k = P->tok.kind;
    if (k == SP_T_STRING || k == SP_T_INTEGER || k == SP_T_DECIMAL || k == SP_T_DOUBLE ||
        sp_is(P, "true") || sp_is(P, "false")) {
        return 1;
    }
    if (k == '+' || k == '-') {
        sp_token n;
        sp_lex(&n, P->text, P->len, P->tok.off + 1);
        return n.off == P->tok.off + 1 &&
               (n.kind == SP_T_INTEGER || n.kind == SP_T_DECIMAL || n.kind == SP_T_DOUBLE);
    }
    return 0;
}

static ilokg_status
number(sp_parser *P, ilokg_qterm *out)
{
    size_t start = P->tok.off;
    if (P->tok.kind == '+' || P->tok.kind == '-') {
        sp_next(P);
    }
    static const char *const dts[] = {ILOKG_XSD "integer", ILOKG_XSD "decimal", ILOKG_XSD "double"};
    out->kind                      = ILOKG_QT_LITERAL;
    out->dt                        = dts[P->tok.kind - SP_T_INTEGER];
    out->lex_len                   = P->tok.off + P->tok.len - start;
    out->lex                       = sp_strndup(P, P->text + start, out->lex_len);
    sp_next(P);
    return out->lex ? ILOKG_OK : sp_nomem(P);
}

ilokg_status
sp_literal(sp_parser *P, ilokg_qterm *out)
{
    ilokg_status st;
    memset(out, 0, sizeof *out);
    out->kind = ILOKG_QT_LITERAL;
    if (sp_is(P, "true") || sp_is(P, "false")) {
        out->lex_len = P->tok.len;
        out->lex     = sp_is(P, "true") ? "true" : "false";
        out->dt      = ILOKG_XSD "boolean";
        sp_next(P);
        return ILOKG_OK;
    }
    if (P->tok.kind != SP_T_STRING) {
        return number(P, out);
    }
    if ((st = sp_string(P, &out->lex, &out->lex_len))) {
        return st;
    }
    if (P->tok.kind == SP_T_LANG) {
        out->lang = sp_strndup(P, P->text + P->tok.off + 1, P->tok.len - 1);
        sp_next(P);
        return out->lang ? ILOKG_OK : sp_nomem(P);
    }
    if (sp_accept(P, SP_T_HATHAT)) {
        if ((st = sp_iri(P, &out->dt))) {
            return st;
        }
        ilokg_qterm_normalize(out);
    }
    return ILOKG_OK;
}

/* ---- Nodes ---------------------------------------------------------------------------------- */

static ilokg_status
const_iri(ilokg_qnode *out, const char *iri)
{
    memset(out, 0, sizeof *out);
    out->term.kind    = ILOKG_QT_IRI;
    out->term.lex     = iri;
    out->term.lex_len = strlen(iri);
    return ILOKG_OK;
}

ilokg_status
sp_bnode(sp_parser *P, const char *label, size_t len, size_t bgp, ilokg_qnode *out)
{
    memset(out, 0, sizeof *out);
    if (P->in_template) {
        char name[32];
        if (!label) {
            len   = (size_t)snprintf(name, sizeof name, ".b%zu", P->fresh++);
            label = name;
        }
        out->term.kind    = ILOKG_QT_BLANK;
        out->term.lex     = sp_strndup(P, label, len);
        out->term.lex_len = len;
        return out->term.lex ? ILOKG_OK : sp_nomem(P);
    }
    out->is_var = 1;
    if (!label) {
        return sp_hidden(P, "b", &out->var);
    }
    for (size_t i = 0; i < P->n_labels; i++) {
        sp_label *l = &P->labels[i];
        if (strlen(l->label) == len && !memcmp(l->label, label, len)) {
            if (l->bgp != bgp) {
                return sp_error(P, ILOKG_ERR_SYNTAX, P->tok.off,
                                "blank node label _:%.*s is used in two basic graph patterns",
                                (int)len, label);
            }
            out->var = l->var;
            return ILOKG_OK;
        }
    }
    sp_label *l;
    if (sp_push(P, &P->labels, &P->n_labels, &P->cap_labels, sizeof *l, &l)) {
        return ILOKG_ERR_NOMEM;
    }
    l->label = sp_strndup(P, label, len);
    l->bgp   = bgp;
    if (!l->label) {
        return sp_nomem(P);
    }
    ilokg_status st = sp_hidden(P, "b", &l->var);
    out->var        = l->var;
    return st;
}

ilokg_status
sp_var_or_iri(sp_parser *P, ilokg_qnode *out)
{
    memset(out, 0, sizeof *out);
    if (P->tok.kind == SP_T_VAR) {
        out->is_var     = 1;
        ilokg_status st = sp_var(P, P->text + P->tok.off + 1, P->tok.len - 1, &out->var);
        sp_next(P);
        return st;
    }
    const char  *iri;
    ilokg_status st = sp_iri(P, &iri);
    return st ? st : const_iri(out, iri);
}

/* VarOrTerm, 'a' excluded. */
static ilokg_status
var_or_term(sp_parser *P, size_t bgp, ilokg_qnode *out)
{
    memset(out, 0, sizeof *out);
    int k = P->tok.kind;
    if (k == SP_T_VAR || sp_at_iri(P)) {
        return sp_var_or_iri(P, out);
    }
    if (k == SP_T_BNODE || k == SP_T_ANON) {
        ilokg_status st = k == SP_T_BNODE
                              ? sp_bnode(P, P->text + P->tok.off + 2, P->tok.len - 2, bgp, out)
                              : sp_bnode(P, NULL, 0, bgp, out);
        if (!st) {
            sp_next(P);
        }
        return st;
    }
    if (k == SP_T_NIL) {
        sp_next(P);
        return const_iri(out, ILOKG_RDF "nil");
    }
    if (sp_at_literal(P)) {
        return sp_literal(P, &out->term);
    }
    return sp_expected(P, "a variable, an IRI, a literal or a blank node");
}

/* ---- Triples -------------------------------------------------------------------------------- */

typedef struct {
    ilokg_op *bgp;
    size_t    id;
    int       paths;
    size_t    cap;
} tctx;

static ilokg_status
add_triple(sp_parser *P, tctx *c, const ilokg_qnode *s, const ilokg_qnode *p, const ilokg_qnode *o,
           ilokg_path *path)
{
    ilokg_triple *t;
    if (sp_push(P, &c->bgp->triples, &c->bgp->n_triples, &c->cap, sizeof *t, &t)) {
        return ILOKG_ERR_NOMEM;
    }
    t->s = *s;
    if (p) {
        t->p = *p;
    }
    t->o    = *o;
    t->path = path;
    return ILOKG_OK;
}

/* 18.2.2.4: a path between s and o becomes triples, or a path pattern. */
static ilokg_status
add_path(sp_parser *P, tctx *c, const ilokg_qnode *s, ilokg_path *path, const ilokg_qnode *o)
{
    switch (path->kind) {
    case ILOKG_PATH_LINK:
        return add_triple(P, c, s, &path->iri, o, NULL);
    case ILOKG_PATH_INV:
        return add_path(P, c, o, path->a, s);
    case ILOKG_PATH_SEQ: {
        ilokg_qnode  mid = {.is_var = 1};
        ilokg_status st  = sp_hidden(P, "p", &mid.var);
        if (!st && !(st = add_path(P, c, s, path->a, &mid))) {
            st = add_path(P, c, &mid, path->b, o);
        }
        return st;
    }
    default:
        return add_triple(P, c, s, NULL, o, path);
    }
}

static ilokg_status graph_node(sp_parser *P, tctx *c, ilokg_qnode *out);
static ilokg_status property_list(sp_parser *P, tctx *c, const ilokg_qnode *s, int may_be_empty);

static ilokg_status
collection(sp_parser *P, tctx *c, ilokg_qnode *out)
{
    ilokg_status st;
    ilokg_qnode  first, rest, nil, prev = {0};
    int          have_prev = 0;
    const_iri(&first, ILOKG_RDF "first");
    const_iri(&rest, ILOKG_RDF "rest");
    const_iri(&nil, ILOKG_RDF "nil");
    sp_next(P); /* '(' */
    do {
        ilokg_qnode cell, item;
        if ((st = sp_bnode(P, NULL, 0, c->id, &cell)) || (st = graph_node(P, c, &item)) ||
            (st = add_triple(P, c, &cell, &first, &item, NULL)) ||
            (have_prev && (st = add_triple(P, c, &prev, &rest, &cell, NULL)))) {
            return st;
        }
        if (!have_prev) {
            *out = cell;
        }
        prev      = cell;
        have_prev = 1;
    } while (P->tok.kind != ')' && P->tok.kind != SP_T_EOF);
    if ((st = sp_expect(P, ')', "')' to close the collection"))) {
        return st;
    }
    return add_triple(P, c, &prev, &rest, &nil, NULL);
}

/* GraphNode / TriplesNode: a term, a collection or [ property list ]. */
static ilokg_status
graph_node(sp_parser *P, tctx *c, ilokg_qnode *out)
{
    if (P->tok.kind == '(') {
        return collection(P, c, out);
    }
    if (P->tok.kind == '[') {
        ilokg_status st = sp_bnode(P, NULL, 0, c->id, out);
        if (!st) {
            sp_next(P);
            st = property_list(P, c, out, 0);
        }
        return st ? st : sp_expect(P, ']', "']' to close the blank node");
    }
    return var_or_term(P, c->id, out);
}

static ilokg_status path_alt(sp_parser *P, ilokg_path **out);

static ilokg_status
path_new(sp_parser *P, ilokg_path_kind kind, ilokg_path *a, ilokg_path *b, ilokg_path **out)
{
    ilokg_path *p = sp_alloc(P->arena, sizeof *p);
    if (!p) {
        return sp_nomem(P);
    }
    p->kind = kind;
    p->a    = a;
    p->b    = b;
    *out    = p;
    return ILOKG_OK;
}

/* iri or 'a' as a link. */
static ilokg_status
path_iri(sp_parser *P, ilokg_qnode *out)
{
    if (P->tok.kind == SP_T_NAME && P->tok.len == 1 && P->text[P->tok.off] == 'a') {
        sp_next(P);
        return const_iri(out, ILOKG_RDF "type");
    }
    const char  *iri;
    ilokg_status st = sp_iri(P, &iri);
    return st ? st : const_iri(out, iri);
}

static ilokg_status
neg_one(sp_parser *P, ilokg_path *neg)
{
    int          inv = sp_accept(P, '^');
    ilokg_qnode *n;
    size_t       cap = inv ? neg->n_inv : neg->n_fwd; /* arrays grow one at a time */
    if (inv ? sp_push(P, &neg->inv, &neg->n_inv, &cap, sizeof *n, &n)
            : sp_push(P, &neg->fwd, &neg->n_fwd, &cap, sizeof *n, &n)) {
        return ILOKG_ERR_NOMEM;
    }
    return path_iri(P, n);
}

static ilokg_status
path_primary(sp_parser *P, ilokg_path **out)
{
    ilokg_status st;
    if (sp_accept(P, '(')) {
        return (st = path_alt(P, out)) ? st : sp_expect(P, ')', "')' to close the path");
    }
    if (sp_accept(P, '!')) {
        if ((st = path_new(P, ILOKG_PATH_NEG, NULL, NULL, out))) {
            return st;
        }
        if (P->tok.kind == SP_T_NIL) {
            sp_next(P);
            return ILOKG_OK;
        }
        if (!sp_accept(P, '(')) {
            return neg_one(P, *out);
        }
        do {
            if ((st = neg_one(P, *out))) {
                return st;
            }
        } while (sp_accept(P, '|'));
        return sp_expect(P, ')', "')' to close the negated property set");
    }
    if (!sp_at_iri(P) &&
        !(P->tok.kind == SP_T_NAME && P->tok.len == 1 && P->text[P->tok.off] == 'a')) {
        return sp_expected(P, "a property path");
    }
    return (st = path_new(P, ILOKG_PATH_LINK, NULL, NULL, out)) ? st : path_iri(P, &(*out)->iri);
}

static ilokg_status
path_elt(sp_parser *P, ilokg_path **out)
{
    int          inv = sp_accept(P, '^');
    ilokg_status st  = path_primary(P, out);
    static const struct {
        int             tok;
        ilokg_path_kind kind;
    } mods[] = {{'*', ILOKG_PATH_ZERO_OR_MORE},
                {'+', ILOKG_PATH_ONE_OR_MORE},
                {'?', ILOKG_PATH_ZERO_OR_ONE}};
    for (size_t i = 0; !st && i < 3; i++) {
        if (P->tok.kind == mods[i].tok) {
            sp_next(P);
            st = path_new(P, mods[i].kind, *out, NULL, out);
            break;
        }
    }
    if (!st && inv) {
        st = path_new(P, ILOKG_PATH_INV, *out, NULL, out);
    }
    return st;
}

static ilokg_status
path_seq(sp_parser *P, ilokg_path **out)
{
    ilokg_status st = path_elt(P, out);
    while (!st && sp_accept(P, '/')) {
        ilokg_path *b;
        if (!(st = path_elt(P, &b))) {
            st = path_new(P, ILOKG_PATH_SEQ, *out, b, out);
        }
    }
    return st;
}

static ilokg_status
path_alt(sp_parser *P, ilokg_path **out)
{
    ilokg_status st = path_seq(P, out);
    while (!st && sp_accept(P, '|')) {
        ilokg_path *b;
        if (!(st = path_seq(P, &b))) {
            st = path_new(P, ILOKG_PATH_ALT, *out, b, out);
        }
    }
    return st;
}

static int
at_verb(sp_parser *P)
{
    int k = P->tok.kind;
    return k == SP_T_VAR || sp_at_iri(P) || k == '^' || k == '!' || k == '(' ||
           (k == SP_T_NAME && P->tok.len == 1 && P->text[P->tok.off] == 'a');
}

/* Verb ObjectList, with a path verb when c->paths. */
static ilokg_status
verb_objects(sp_parser *P, tctx *c, const ilokg_qnode *s)
{
    ilokg_status st;
    ilokg_qnode  p;
    ilokg_path  *path = NULL;
    if (P->tok.kind == SP_T_VAR) {
        st = sp_var_or_iri(P, &p);
    } else if (!c->paths) {
        st = path_iri(P, &p);
    } else if (!(st = path_alt(P, &path)) && path->kind == ILOKG_PATH_LINK) {
        p    = path->iri;
        path = NULL;
    }
    if (st) {
        return st;
    }
    do {
        ilokg_qnode o;
        if ((st = graph_node(P, c, &o)) ||
            (st = path ? add_path(P, c, s, path, &o) : add_triple(P, c, s, &p, &o, NULL))) {
            return st;
        }
    } while (sp_accept(P, ','));
    return ILOKG_OK;
}

static ilokg_status
property_list(sp_parser *P, tctx *c, const ilokg_qnode *s, int may_be_empty)
{
    ilokg_status st;
    if (!at_verb(P)) {
        return may_be_empty ? ILOKG_OK : sp_expected(P, "a predicate");
    }
    for (;;) {
        if ((st = verb_objects(P, c, s))) {
            return st;
        }
        if (!sp_accept(P, ';')) {
            return ILOKG_OK;
        }
        while (sp_accept(P, ';')) {
        }
        if (!at_verb(P)) {
            return ILOKG_OK;
        }
    }
}

int
sp_at_triples(sp_parser *P)
{
    int k = P->tok.kind;
    return k == SP_T_VAR || sp_at_iri(P) || k == SP_T_BNODE || k == SP_T_ANON || k == SP_T_NIL ||
           k == '(' || k == '[' || sp_at_literal(P);
}

static size_t
cap_of(size_t n)
{
    size_t cap = 0;
    while (cap < n) {
        cap = cap ? cap * 2 : 4;
    }
    return cap;
}

ilokg_status
sp_triples(sp_parser *P, ilokg_op *bgp, size_t bgp_id, int paths)
{
    tctx c = {bgp, bgp_id, paths, cap_of(bgp->n_triples)};
    do {
        ilokg_qnode  s;
        int          node = P->tok.kind == '(' || P->tok.kind == '[';
        ilokg_status st   = graph_node(P, &c, &s);
        if (!st) {
            st = property_list(P, &c, &s, node);
        }
        if (st) {
            return st;
        }
    } while (sp_accept(P, '.') && sp_at_triples(P));
    return ILOKG_OK;
}
