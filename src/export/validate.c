/* SPDX-License-Identifier: Apache-2.0 */
/* Validation: the SHACL Core subset the project's shapes use, evaluated over librdf models.
 * rasqal has no property paths and no NOT EXISTS, so the shapes are read and applied directly;
 * a constraint outside the subset is an error in the shapes file, never silently skipped. */
#include <redland.h>

#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/turtle_guard.h"
#include "graph/graph.h"
#include "graph/world.h"
#include "export/xmlguard.h"
#include "util/io.h"

#define SH(x) ILOKG_NS_SH x
#define XSD(x) ILOKG_NS_XSD x

/* Shape parameters understood here; anything else in the sh: namespace is refused. */
static const char *const known_params[] = {
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "property",
    "path",
    "minCount",
    "maxCount",
    "datatype",
    "class",
    "in",
    "nodeKind",
    "languageIn",
    "lessThan",
    "pattern",
    "flags",
    "hasValue",
    "message",
    "name",
    "description",
    "severity",
    "order",
    "group",
    "deactivated",
    "NodeShape",
    "PropertyShape",
};

typedef struct {
    ilokg_world  *w;
    librdf_world *lw;
    librdf_model *shapes, *data;
    const char   *file;        /* the data file, for messages */
    const char   *shapes_file; /* for messages about the shapes */
    size_t        n_violations;
    ilokg_status  st;
} vctx;

typedef struct {
    librdf_node **items;
    size_t        n, cap;
} node_list;

static void
list_free(node_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        librdf_free_node(l->items[i]);
    }
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

/* Appends a copy of node unless an equal one is there already. */
static ilokg_status
list_add(node_list *l, librdf_node *node)
{
    for (size_t i = 0; i < l->n; i++) {
        if (librdf_node_equals(l->items[i], node)) {
            return ILOKG_OK;
        }
    }
    ilokg_status st = ilokg_grow(&l->items, &l->cap, l->n, sizeof *l->items);
    if (st) {
        return st;
    }
    l->items[l->n] = librdf_new_node_from_node(node);
    return l->items[l->n++] ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

static librdf_node *
iri_node(vctx *v, const char *iri)
{
    librdf_node *n = librdf_new_node_from_uri_string(v->lw, (const unsigned char *)iri);
    if (!n && !v->st) {
        v->st = ILOKG_ERR_NOMEM;
    }
    return n;
}

/* Collects the objects of (s, p, ?) or the subjects of (?, p, o) in a model. */
static ilokg_status
collect(node_list *out, librdf_model *m, librdf_node *s, librdf_node *p, librdf_node *o)
{
    librdf_iterator *it = s ? librdf_model_get_targets(m, s, p) : librdf_model_get_sources(m, p, o);
    ilokg_status     st = ILOKG_OK;
    if (!it) {
        return ILOKG_OK;
    }
    for (; !st && !librdf_iterator_end(it); librdf_iterator_next(it)) {
        st = list_add(out, librdf_iterator_get_object(it));
    }
    librdf_free_iterator(it);
    return st;
}

/* Collects the subjects (or the objects) of every statement (?, p, ?) in a model; p borrowed. */
static ilokg_status
collect_around(node_list *out, librdf_world *lw, librdf_model *m, librdf_node *p, int subjects)
{
    librdf_node      *pc  = librdf_new_node_from_node(p);
    librdf_statement *pat = pc ? librdf_new_statement_from_nodes(lw, NULL, pc, NULL) : NULL;
    librdf_stream    *s   = pat ? librdf_model_find_statements(m, pat) : NULL;
    ilokg_status      st  = pat ? ILOKG_OK : ILOKG_ERR_NOMEM;
    for (; s && !st && !librdf_stream_end(s); librdf_stream_next(s)) {
        librdf_statement *t = librdf_stream_get_object(s);
        st                  = list_add(out,
                      subjects ? librdf_statement_get_subject(t) : librdf_statement_get_object(t));
    }
    if (s) {
        librdf_free_stream(s);
    }
    if (pat) {
        librdf_free_statement(pat);
    }
    return st;
}

static ilokg_status
collect_p(node_list *out, vctx *v, librdf_model *m, librdf_node *s, const char *p)
{
    librdf_node *pn = iri_node(v, p);
    ilokg_status st = pn ? collect(out, m, s, pn, NULL) : ILOKG_ERR_NOMEM;
    librdf_free_node(pn);
    return st;
}

/* The items of an RDF list in the shapes graph. */
static ilokg_status
collect_list(node_list *out, vctx *v, librdf_node *head)
{
    librdf_node *first = iri_node(v, ILOKG_NS_RDF "first"),
                *rest  = iri_node(v, ILOKG_NS_RDF "rest");
    librdf_node *cur   = head ? librdf_new_node_from_node(head) : NULL;
    ilokg_status st    = first && rest ? ILOKG_OK : ILOKG_ERR_NOMEM;
    for (int guard = 0; !st && cur && guard < 10000; guard++) {
        librdf_node *item = librdf_model_get_target(v->shapes, cur, first);
        librdf_node *next = librdf_model_get_target(v->shapes, cur, rest);
        if (item) {
            st = list_add(out, item);
            librdf_free_node(item);
        }
        librdf_free_node(cur);
        cur = next;
    }
    librdf_free_node(cur);
    librdf_free_node(first);
    librdf_free_node(rest);
    return st;
}

static const char *
iri_of(librdf_node *n)
{
    return n && librdf_node_is_resource(n)
               ? (const char *)librdf_uri_as_string(librdf_node_get_uri(n))
               : NULL;
}

/* A node as text for messages: a prefixed name when a known namespace fits, <IRI>, a quoted
 * literal, or _:id. */
static ilokg_status
node_text(ilokg_buf *b, librdf_node *n, bool compact)
{
    if (!n) {
        return ilokg_buf_adds(b, "(none)");
    }
    if (librdf_node_is_resource(n)) {
        const char         *iri = iri_of(n);
        size_t              np;
        const ilokg_prefix *pf = ilokg_graph_prefixes(&np);
        for (size_t i = 0; compact && i < np; i++) {
            size_t len = strlen(pf[i].iri);
            if (!strncmp(iri, pf[i].iri, len) && iri[len] && !strchr(iri + len, '/')) {
                return ilokg_buf_printf(b, "%s:%s", pf[i].prefix, iri + len);
            }
        }
        if (compact && !strncmp(iri, ILOKG_NS_SH, strlen(ILOKG_NS_SH))) {
            return ilokg_buf_printf(b, "sh:%s", iri + strlen(ILOKG_NS_SH));
        }
        return ilokg_buf_printf(b, "<%s>", iri);
    }
    if (librdf_node_is_blank(n)) {
        return ilokg_buf_printf(b, "_:%s", (const char *)librdf_node_get_blank_identifier(n));
    }
    const char  *lex  = (const char *)librdf_node_get_literal_value(n);
    const char  *lang = librdf_node_get_literal_value_language(n);
    librdf_uri  *dt   = librdf_node_get_literal_value_datatype_uri(n);
    size_t       len  = strlen(lex);
    ilokg_status st =
        ilokg_buf_printf(b, "\"%.*s%s\"", len > 60 ? 60 : (int)len, lex, len > 60 ? "..." : "");
    if (!st && lang) {
        st = ilokg_buf_printf(b, "@%s", lang);
    } else if (!st && dt) {
        const char *d = (const char *)librdf_uri_as_string(dt);
        st            = !strncmp(d, ILOKG_NS_XSD, strlen(ILOKG_NS_XSD))
                            ? ilokg_buf_printf(b, "^^xsd:%s", d + strlen(ILOKG_NS_XSD))
                            : ilokg_buf_printf(b, "^^<%s>", d);
    }
    return st;
}

/* ---- value tests -------------------------------------------------------------------------- */

static bool
digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return n > 0;
}

static bool
is_timezone(const char *s)
{
    return !*s || !strcmp(s, "Z") ||
           ((s[0] == '+' || s[0] == '-') && strlen(s) == 6 && digits(s + 1, 2) && s[3] == ':' &&
            digits(s + 4, 2));
}

static bool
is_date_part(const char *s)
{
    if (!(digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2))) {
        return false;
    }
    int m = (s[5] - '0') * 10 + s[6] - '0', d = (s[8] - '0') * 10 + s[9] - '0';
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Whether a lexical form is valid for the XSD datatypes the shapes use (others pass). */
static bool
lexical_ok(const char *dt, const char *s)
{
    size_t n = strlen(s);
    if (!strncmp(dt, ILOKG_NS_XSD, strlen(ILOKG_NS_XSD))) {
        const char *l = dt + strlen(ILOKG_NS_XSD);
        if (!strcmp(l, "integer")) {
            return digits(s + (*s == '-' || *s == '+'), n - (*s == '-' || *s == '+'));
        }
        if (!strcmp(l, "nonNegativeInteger")) {
            return digits(s + (*s == '+'), n - (*s == '+'));
        }
        if (!strcmp(l, "positiveInteger")) {
            size_t k = *s == '+';
            if (!digits(s + k, n - k)) {
                return false;
            }
            for (; s[k]; k++) {
                if (s[k] != '0') {
                    return true;
                }
            }
            return false;
        }
        if (!strcmp(l, "boolean")) {
            return !strcmp(s, "true") || !strcmp(s, "false") || !strcmp(s, "1") || !strcmp(s, "0");
        }
        if (!strcmp(l, "date")) {
            return n >= 10 && is_date_part(s) && is_timezone(s + 10);
        }
        if (!strcmp(l, "dateTime")) {
            if (n < 19 || !is_date_part(s) || s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' ||
                !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2)) {
                return false;
            }
            const char *p = s + 19;
            if (*p == '.') {
                const char *q = ++p;
                while (*p >= '0' && *p <= '9') {
                    p++;
                }
                if (p == q) {
                    return false;
                }
            }
            return is_timezone(p);
        }
        if (!strcmp(l, "gYear")) {
            size_t k = *s == '-';
            size_t d = k;
            while (s[d] >= '0' && s[d] <= '9') {
                d++;
            }
            return d - k >= 4 && is_timezone(s + d);
        }
        if (!strcmp(l, "hexBinary")) {
            for (size_t i = 0; i < n; i++) {
                if (!strchr("0123456789abcdefABCDEF", s[i])) {
                    return false;
                }
            }
            return n % 2 == 0;
        }
    }
    return true;
}

static bool
has_datatype(librdf_node *v, const char *dt)
{
    if (!librdf_node_is_literal(v)) {
        return false;
    }
    const char *lang = librdf_node_get_literal_value_language(v);
    if (!strcmp(dt, ILOKG_NS_RDF "langString")) {
        return lang && *lang;
    }
    if (lang && *lang) {
        return false;
    }
    librdf_uri *u      = librdf_node_get_literal_value_datatype_uri(v);
    const char *actual = u ? (const char *)librdf_uri_as_string(u) : XSD("string");
    return !strcmp(actual, dt) && lexical_ok(dt, (const char *)librdf_node_get_literal_value(v));
}

static bool
node_kind_ok(librdf_node *v, const char *kind)
{
    bool iri = librdf_node_is_resource(v), blank = librdf_node_is_blank(v),
         lit      = librdf_node_is_literal(v);
    const char *k = kind + strlen(ILOKG_NS_SH);
    return (!strcmp(k, "IRI") && iri) || (!strcmp(k, "BlankNode") && blank) ||
           (!strcmp(k, "Literal") && lit) || (!strcmp(k, "BlankNodeOrIRI") && (blank || iri)) ||
           (!strcmp(k, "BlankNodeOrLiteral") && (blank || lit)) ||
           (!strcmp(k, "IRIOrLiteral") && (iri || lit));
}

static bool
ascii_ieq_n(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i];
        char y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] + 32) : b[i];
        if (x != y || !x) {
            return x == y;
        }
    }
    return true;
}

/* SPARQL langMatches: "en" matches "en" and "en-GB". */
static bool
lang_matches(const char *lang, const char *range)
{
    size_t n = strlen(range);
    return lang && strlen(lang) >= n && ascii_ieq_n(lang, range, n) &&
           (lang[n] == '\0' || lang[n] == '-');
}

/* Whether v is an instance of cls in the data graph, following rdfs:subClassOf there. */
static bool
instance_of(vctx *v, librdf_node *x, librdf_node *cls)
{
    node_list todo = {0};
    bool      ok   = false;
    if (!collect_p(&todo, v, v->data, x, ILOKG_NS_RDF "type")) {
        for (size_t i = 0; !ok && i < todo.n && i < 256; i++) {
            if (librdf_node_equals(todo.items[i], cls)) {
                ok = true;
            } else if (collect_p(&todo, v, v->data, todo.items[i], ILOKG_NS_RDFS "subClassOf")) {
                break;
            }
        }
    }
    list_free(&todo);
    return ok;
}

static bool
integer_value(librdf_node *n, long long *out)
{
    if (!librdf_node_is_literal(n)) {
        return false;
    }
    const char *s   = (const char *)librdf_node_get_literal_value(n);
    char       *end = NULL;
    *out            = strtoll(s, &end, 10);
    return *s && end && !*end;
}

/* ---- reporting ---------------------------------------------------------------------------- */

typedef struct {
    librdf_node *shape, *path;
    const char  *message; /* sh:message, may be NULL */
    bool         warning; /* sh:severity sh:Warning or sh:Info */
} shape_info;

static void violation(vctx *v, const shape_info *si, librdf_node *focus, const char *fmt, ...)
    ILOKG_PRINTF(4, 5);
static void
violation(vctx *v, const shape_info *si, librdf_node *focus, const char *fmt, ...)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    va_list   ap;
    va_start(ap, fmt);
    ilokg_status st = node_text(&b, focus, false);
    if (!st && si->path && !(st = ilokg_buf_adds(&b, ": "))) {
        st = node_text(&b, si->path, true);
    }
    if (!st && !(st = ilokg_buf_adds(&b, ": "))) {
        st = ilokg_buf_vprintf(&b, fmt, ap);
    }
    if (!st && si->message) {
        st = ilokg_buf_printf(&b, " (%s)", si->message);
    }
    va_end(ap);
    if (st) {
        v->st = st;
    } else {
        ilokg_report_at(&v->w->diag, si->warning ? ILOKG_OK : ILOKG_ERR_RDF, v->file, 0, 0, "%s",
                        b.ptr);
        v->n_violations += !si->warning;
    }
    ilokg_buf_free(&b);
}

static void
shapes_error(vctx *v, librdf_node *shape, const char *what)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    if (!node_text(&b, shape, true)) {
        v->st = ilokg_report_at(&v->w->diag, ILOKG_ERR_SYNTAX, v->shapes_file, 0, 0, "shape %s: %s",
                                b.ptr, what);
    } else {
        v->st = ILOKG_ERR_NOMEM;
    }
    ilokg_buf_free(&b);
}

/* ---- constraints -------------------------------------------------------------------------- */

/* The single value of a parameter, NULL when absent (borrowed from the list). */
static librdf_node *
param(node_list *tmp, vctx *v, librdf_node *shape, const char *p)
{
    list_free(tmp);
    if ((v->st = v->st ? v->st : collect_p(tmp, v, v->shapes, shape, p))) {
        return NULL;
    }
    return tmp->n ? tmp->items[0] : NULL;
}

/* The constraints of si on one value x of focus (sh:datatype, nodeKind, class, in, languageIn,
 * pattern, lessThan); tmp and lst are scratch lists kept by the caller. */
static void
check_value(vctx *v, const shape_info *si, librdf_node *focus, librdf_node *x, node_list *tmp,
            node_list *lst)
{
    ilokg_buf    xs = ILOKG_BUF_INIT;
    librdf_node *p;
    if ((v->st = node_text(&xs, x, true))) {
        return;
    }
    const char *dt = iri_of(param(tmp, v, si->shape, SH("datatype")));
    if (dt && !has_datatype(x, dt)) {
        bool xsd = !strncmp(dt, ILOKG_NS_XSD, strlen(ILOKG_NS_XSD));
        violation(v, si, focus, "value %s is not a valid %s%s literal", xs.ptr, xsd ? "xsd:" : "",
                  xsd ? dt + strlen(ILOKG_NS_XSD) : dt);
    }
    const char *kind = iri_of(param(tmp, v, si->shape, SH("nodeKind")));
    if (kind && !node_kind_ok(x, kind)) {
        violation(v, si, focus, "value %s is not of node kind sh:%s", xs.ptr,
                  kind + strlen(ILOKG_NS_SH));
    }
    list_free(lst);
    if (!v->st && !(v->st = collect_p(lst, v, v->shapes, si->shape, SH("class")))) {
        for (size_t c = 0; c < lst->n; c++) {
            if (librdf_node_is_literal(x) || !instance_of(v, x, lst->items[c])) {
                ilokg_buf cs = ILOKG_BUF_INIT;
                if (!node_text(&cs, lst->items[c], true)) {
                    violation(v, si, focus, "value %s is not a %s", xs.ptr, cs.ptr);
                }
                ilokg_buf_free(&cs);
            }
        }
    }
    if ((p = param(tmp, v, si->shape, SH("in")))) {
        list_free(lst);
        bool found = false;
        if (!(v->st = collect_list(lst, v, p))) {
            for (size_t k = 0; k < lst->n; k++) {
                found = found || librdf_node_equals(lst->items[k], x);
            }
            if (!found) {
                violation(v, si, focus, "value %s is not one of the %zu allowed", xs.ptr, lst->n);
            }
        }
    }
    if ((p = param(tmp, v, si->shape, SH("languageIn")))) {
        list_free(lst);
        bool        found = false;
        const char *lang =
            librdf_node_is_literal(x) ? librdf_node_get_literal_value_language(x) : NULL;
        if (!(v->st = collect_list(lst, v, p))) {
            for (size_t k = 0; k < lst->n; k++) {
                found = found || (librdf_node_is_literal(lst->items[k]) &&
                                  lang_matches(lang, (const char *)librdf_node_get_literal_value(
                                                         lst->items[k])));
            }
            if (!found) {
                violation(v, si, focus, "value %s has no allowed language tag", xs.ptr);
            }
        }
    }
    if ((p = param(tmp, v, si->shape, SH("pattern"))) && librdf_node_is_literal(p)) {
        librdf_node *fl = param(lst, v, si->shape, SH("flags"));
        const char  *flags =
            fl && librdf_node_is_literal(fl) ? (const char *)librdf_node_get_literal_value(fl) : "";
        regex_t     re;
        const char *text =
            librdf_node_is_literal(x) ? (const char *)librdf_node_get_literal_value(x) : iri_of(x);
        if (regcomp(&re, (const char *)librdf_node_get_literal_value(p),
                    REG_EXTENDED | REG_NOSUB | (strchr(flags, 'i') ? REG_ICASE : 0))) {
            shapes_error(v, si->shape, "sh:pattern is not a POSIX extended expression");
        } else {
            if (!text || regexec(&re, text, 0, NULL, 0)) {
                violation(v, si, focus, "value %s does not match /%s/", xs.ptr,
                          (const char *)librdf_node_get_literal_value(p));
            }
            regfree(&re);
        }
    }
    if ((p = param(tmp, v, si->shape, SH("lessThan")))) {
        list_free(lst);
        long long a, b2;
        if (!(v->st = collect(lst, v->data, focus, p, NULL))) {
            for (size_t k = 0; k < lst->n; k++) {
                if (!integer_value(x, &a) || !integer_value(lst->items[k], &b2) || a >= b2) {
                    ilokg_buf os = ILOKG_BUF_INIT, ps = ILOKG_BUF_INIT;
                    if (!node_text(&os, lst->items[k], true) && !node_text(&ps, p, true)) {
                        violation(v, si, focus, "value %s is not less than %s %s", xs.ptr, ps.ptr,
                                  os.ptr);
                    }
                    ilokg_buf_free(&os);
                    ilokg_buf_free(&ps);
                }
            }
        }
    }
    ilokg_buf_free(&xs);
}

/* Checks the constraints of shape on the value nodes of one focus node. */
static void
check_values(vctx *v, const shape_info *si, librdf_node *focus, node_list *vals)
{
    node_list    tmp = {0}, lst = {0};
    librdf_node *p;
    long long    bound;
    if ((p = param(&tmp, v, si->shape, SH("minCount"))) && integer_value(p, &bound) &&
        (long long)vals->n < bound) {
        violation(v, si, focus, "%zu value%s, at least %lld required", vals->n,
                  vals->n == 1 ? "" : "s", bound);
    }
    if ((p = param(&tmp, v, si->shape, SH("maxCount"))) && integer_value(p, &bound) &&
        (long long)vals->n > bound) {
        violation(v, si, focus, "%zu values, at most %lld allowed", vals->n, bound);
    }
    if ((p = param(&tmp, v, si->shape, SH("hasValue")))) {
        bool found = false;
        for (size_t i = 0; i < vals->n; i++) {
            found = found || librdf_node_equals(vals->items[i], p);
        }
        if (!found) {
            ilokg_buf b = ILOKG_BUF_INIT;
            if (!node_text(&b, p, true)) {
                violation(v, si, focus, "value %s required", b.ptr);
            }
            ilokg_buf_free(&b);
        }
    }
    for (size_t i = 0; i < vals->n && !v->st; i++) {
        check_value(v, si, focus, vals->items[i], &tmp, &lst);
    }
    list_free(&tmp);
    list_free(&lst);
}

/* Refuses shapes using SHACL features outside the subset. */
static void
check_params(vctx *v, librdf_node *shape)
{
    librdf_statement *pat =
        librdf_new_statement_from_nodes(v->lw, librdf_new_node_from_node(shape), NULL, NULL);
    librdf_stream *s = pat ? librdf_model_find_statements(v->shapes, pat) : NULL;
    for (; s && !v->st && !librdf_stream_end(s); librdf_stream_next(s)) {
        const char *p = iri_of(librdf_statement_get_predicate(librdf_stream_get_object(s)));
        if (p && !strncmp(p, ILOKG_NS_SH, strlen(ILOKG_NS_SH))) {
            bool known = false;
            for (size_t i = 0; i < sizeof known_params / sizeof known_params[0]; i++) {
                known = known || !strcmp(p + strlen(ILOKG_NS_SH), known_params[i]);
            }
            if (!known) {
                ilokg_buf b = ILOKG_BUF_INIT;
                if (!ilokg_buf_printf(&b, "sh:%s is not supported by this validator",
                                      p + strlen(ILOKG_NS_SH))) {
                    shapes_error(v, shape, b.ptr);
                }
                ilokg_buf_free(&b);
            }
        }
    }
    if (s) {
        librdf_free_stream(s);
    }
    if (pat) {
        librdf_free_statement(pat);
    }
}

static shape_info
shape_info_of(vctx *v, librdf_node *shape, librdf_node *path, node_list *tmp)
{
    shape_info   si = {shape, path, NULL, false};
    librdf_node *m  = param(tmp, v, shape, SH("message"));
    si.message =
        m && librdf_node_is_literal(m) ? (const char *)librdf_node_get_literal_value(m) : NULL;
    return si;
}

static bool
deactivated(vctx *v, librdf_node *shape)
{
    node_list    tmp = {0};
    librdf_node *d   = param(&tmp, v, shape, SH("deactivated"));
    bool         yes = d && librdf_node_is_literal(d) &&
               !strcmp((const char *)librdf_node_get_literal_value(d), "true");
    list_free(&tmp);
    return yes;
}

static bool
severity_warning(vctx *v, librdf_node *shape)
{
    node_list   tmp = {0};
    const char *s   = iri_of(param(&tmp, v, shape, SH("severity")));
    bool        w   = s && (!strcmp(s, SH("Warning")) || !strcmp(s, SH("Info")));
    list_free(&tmp);
    return w;
}

static int
cmp_text(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The focus nodes of a shape, in a stable order (by their text). */
static ilokg_status
focus_nodes(node_list *out, vctx *v, librdf_node *shape)
{
    node_list    params = {0};
    ilokg_status st     = ILOKG_OK;
    librdf_node *type   = iri_node(v, ILOKG_NS_RDF "type");
    if (!type) {
        return ILOKG_ERR_NOMEM;
    }
    if (!(st = collect_p(&params, v, v->shapes, shape, SH("targetClass")))) {
        for (size_t i = 0; !st && i < params.n; i++) {
            /* Instances of subclasses (declared in the data) count too. */
            node_list classes = {0};
            st                = list_add(&classes, params.items[i]);
            for (size_t c = 0; !st && c < classes.n && c < 256; c++) {
                st = collect(out, v->data, NULL, type, classes.items[c]);
                if (!st) {
                    librdf_node *sub = iri_node(v, ILOKG_NS_RDFS "subClassOf");
                    st               = sub ? collect(&classes, v->data, NULL, sub, classes.items[c])
                                           : ILOKG_ERR_NOMEM;
                    librdf_free_node(sub);
                }
            }
            list_free(&classes);
        }
    }
    list_free(&params);
    if (!st && !(st = collect_p(&params, v, v->shapes, shape, SH("targetNode")))) {
        for (size_t i = 0; !st && i < params.n; i++) {
            st = list_add(out, params.items[i]);
        }
    }
    list_free(&params);
    if (!st && !(st = collect_p(&params, v, v->shapes, shape, SH("targetSubjectsOf")))) {
        for (size_t i = 0; !st && i < params.n; i++) {
            st = collect(out, v->data, NULL, params.items[i], NULL);
        }
    }
    list_free(&params);
    if (!st && !(st = collect_p(&params, v, v->shapes, shape, SH("targetObjectsOf")))) {
        for (size_t i = 0; !st && i < params.n; i++) {
            st = collect_around(out, v->lw, v->data, params.items[i], 0);
        }
    }
    list_free(&params);
    librdf_free_node(type);
    if (st || out->n < 2) {
        return st;
    }
    /* Sort by text: messages come out in the same order whatever the storage's. */
    char **keys = calloc(out->n, sizeof *keys);
    for (size_t i = 0; keys && i < out->n; i++) {
        ilokg_buf b = ILOKG_BUF_INIT;
        if (node_text(&b, out->items[i], false) ||
            ilokg_buf_printf(&b, "%c%zu", '\0', i)) { /* the index rides after the NUL */
            st = ILOKG_ERR_NOMEM;
        }
        keys[i] = ilokg_buf_detach(&b);
    }
    if (!keys) {
        return ILOKG_ERR_NOMEM;
    }
    if (!st) {
        qsort(keys, out->n, sizeof *keys, cmp_text);
        librdf_node **sorted = malloc(out->n * sizeof *sorted);
        if (sorted) {
            for (size_t i = 0; i < out->n; i++) {
                const char *idx = keys[i] + strlen(keys[i]) + 1;
                sorted[i]       = out->items[strtoul(idx, NULL, 10)];
            }
            memcpy(out->items, sorted, out->n * sizeof *sorted);
            free(sorted);
        } else {
            st = ILOKG_ERR_NOMEM;
        }
    }
    for (size_t i = 0; i < out->n; i++) {
        free(keys[i]);
    }
    free(keys);
    return st;
}

static void
check_shape(vctx *v, librdf_node *shape)
{
    node_list focus = {0}, props = {0}, tmp = {0}, vals = {0};
    check_params(v, shape);
    if (v->st || deactivated(v, shape) || (v->st = focus_nodes(&focus, v, shape))) {
        list_free(&focus);
        return;
    }
    /* Constraints on the node shape itself apply to the focus node as its own value. */
    shape_info si = shape_info_of(v, shape, NULL, &tmp);
    si.warning    = severity_warning(v, shape);
    for (size_t f = 0; !v->st && f < focus.n; f++) {
        list_free(&vals);
        if (!(v->st = list_add(&vals, focus.items[f]))) {
            check_values(v, &si, focus.items[f], &vals);
        }
    }
    if (!v->st) {
        v->st = collect_p(&props, v, v->shapes, shape, SH("property"));
    }
    for (size_t i = 0; !v->st && i < props.n; i++) {
        librdf_node *ps   = props.items[i];
        node_list    ptmp = {0}, ptmp2 = {0};
        librdf_node *path = param(&ptmp, v, ps, SH("path"));
        check_params(v, ps);
        if (!v->st && (!path || !librdf_node_is_resource(path))) {
            shapes_error(v, shape,
                         "a property shape's sh:path must be one IRI (no path "
                         "expressions)");
        }
        if (!v->st && !deactivated(v, ps)) {
            shape_info psi = shape_info_of(v, ps, path, &ptmp2);
            psi.warning    = severity_warning(v, ps);
            for (size_t f = 0; !v->st && f < focus.n; f++) {
                list_free(&vals);
                if (!librdf_node_is_literal(focus.items[f])) {
                    v->st = collect(&vals, v->data, focus.items[f], path, NULL);
                }
                if (!v->st) {
                    check_values(v, &psi, focus.items[f], &vals);
                }
            }
        }
        list_free(&ptmp);
        list_free(&ptmp2);
    }
    list_free(&focus);
    list_free(&props);
    list_free(&tmp);
    list_free(&vals);
}

/* ---- loading ------------------------------------------------------------------------------ */

static const char *
parser_name(ilokg_format f)
{
    switch (f) {
    case ILOKG_FORMAT_TURTLE:
        return "turtle";
    case ILOKG_FORMAT_NTRIPLES:
        return "ntriples";
    case ILOKG_FORMAT_NQUADS:
        return "nquads";
    case ILOKG_FORMAT_TRIG:
        return "trig";
    case ILOKG_FORMAT_RDFXML:
        return "rdfxml";
    default:
        return NULL;
    }
}

/* Parses a file into a new model (trees storage: indexed, so target lookups stay cheap). */
static ilokg_status
load(librdf_model **out, vctx *v, const char *path, ilokg_format f)
{
    const char *pname = parser_name(f);
    if (!pname) {
        return ilokg_report_at(&v->w->diag, ILOKG_ERR_USAGE, path, 0, 0,
                               "cannot read %s here (no parser for it); validate the same graph "
                               "in another format",
                               ilokg_format_name(f));
    }
    /* Read whole and given to raptor at once: raptor's N-Triples parser, fed a file 4 KB at a
     * time, copies and rescans the unfinished line with every chunk (a 4 MB literal took 90 s). */
    char        *bytes = NULL;
    size_t       len   = 0;
    ilokg_status rst   = ilokg_io_read(&bytes, &len, path, &v->w->diag);
    if (!rst && f == ILOKG_FORMAT_RDFXML) {
        rst = ilokg_xml_check_dtd(&v->w->diag, path, bytes, len);
    }
    ilokg_turtle_guard g;
    size_t             line, col;
    ilokg_turtle_guard_init(&g);
    if (!rst && (f == ILOKG_FORMAT_TURTLE || f == ILOKG_FORMAT_TRIG) &&
        ilokg_turtle_guard_scan(&g, bytes, len, &line, &col)) {
        rst = ilokg_report_at(&v->w->diag, ILOKG_ERR_RDF, path, line, col,
                              "the empty IRI <> before '{' (a graph named by the base IRI) is not "
                              "read: the Turtle parser this tool uses (raptor 2.0) crashes on it; "
                              "write the IRI in full");
    }
    if (rst) {
        free(bytes);
        return rst;
    }
    librdf_storage *storage = librdf_new_storage(v->lw, "trees", NULL, NULL);
    librdf_model   *model   = storage ? librdf_new_model(v->lw, storage, NULL) : NULL;
    librdf_parser  *parser  = librdf_new_parser(v->lw, pname, NULL, NULL);
    librdf_uri     *uri     = librdf_new_uri_from_filename(v->lw, path);
    size_t          errors0 = v->w->diag.n_errors;
    ilokg_status    st      = ILOKG_OK;
    if (!storage || !model || !parser || !uri) {
        st = ilokg_report_at(&v->w->diag, ILOKG_ERR_RDF, path, 0, 0,
                             "cannot set up an RDF model and %s parser", pname);
    } else if ((v->w->rdf_input = path,
                librdf_parser_parse_counted_string_into_model(parser, (const unsigned char *)bytes,
                                                              len, uri, model)) ||
               v->w->diag.n_errors != errors0) {
        st = v->w->diag.n_errors != errors0 ? ILOKG_ERR_RDF
                                            : ilokg_report_at(&v->w->diag, ILOKG_ERR_RDF, path, 0,
                                                              0, "cannot parse as %s", pname);
    }
    v->w->rdf_input = NULL;
    if (!st && path != v->shapes_file) {
        int size = librdf_model_size(model);
        ilokg_world_progress(v->w, len, size > 0 ? (size_t)size : 0, 1);
    }
    free(bytes);
    if (uri) {
        librdf_free_uri(uri);
    }
    if (parser) {
        librdf_free_parser(parser);
    }
    if (!st) {
        *out  = model;
        model = NULL;
    }
    if (model) {
        librdf_free_model(model);
    }
    if (storage) {
        librdf_free_storage(storage);
    }
    return st;
}

static ilokg_status
validate_one(vctx *v, const char *path, const ilokg_validate_options *opt)
{
    ilokg_format f;
    if (opt->format ? ilokg_format_parse(&f, opt->format) : ilokg_format_from_path(&f, path)) {
        return ilokg_report_at(&v->w->diag, ILOKG_ERR_USAGE, path, 0, 0,
                               opt->format ? "unknown format '%s'"
                                           : "cannot tell the format from the file name%s; "
                                             "give --format",
                               opt->format ? opt->format : "");
    }
    ilokg_status st = load(&v->data, v, path, f);
    if (st) {
        return st;
    }
    v->file = path;
    /* Every node shape: declared ones and anything with a target. */
    node_list    shapes = {0};
    librdf_node *type = iri_node(v, ILOKG_NS_RDF "type"), *ns = iri_node(v, SH("NodeShape"));
    st = type && ns ? collect(&shapes, v->shapes, NULL, type, ns) : ILOKG_ERR_NOMEM;
    const char *targets[] = {SH("targetClass"), SH("targetNode"), SH("targetSubjectsOf"),
                             SH("targetObjectsOf")};
    for (size_t i = 0; !st && i < sizeof targets / sizeof targets[0]; i++) {
        librdf_node *p = iri_node(v, targets[i]);
        st             = p ? collect_around(&shapes, v->lw, v->shapes, p, 1) : ILOKG_ERR_NOMEM;
        if (p) {
            librdf_free_node(p);
        }
    }
    v->st = st;
    for (size_t i = 0; !v->st && i < shapes.n; i++) {
        check_shape(v, shapes.items[i]);
    }
    st = v->st;
    list_free(&shapes);
    librdf_free_node(type);
    librdf_free_node(ns);
    librdf_free_model(v->data);
    v->data = NULL;
    return st;
}

ilokg_status
ilokg_validate_run(ilokg_world *world, const ilokg_validate_options *opt, const char *const *paths,
                   size_t n_paths, size_t *n_violations)
{
    ilokg_validate_options defaults = ILOKG_VALIDATE_OPTIONS_INIT;
    vctx                   v        = {0};
    void                  *lw       = NULL;
    char                  *shapes   = NULL;
    ilokg_status           st       = ilokg_graph_rdf_world(&lw, world);
    *n_violations                   = 0;
    if (!opt) {
        opt = &defaults;
    }
    v.w  = world;
    v.lw = lw;
    if (!st) {
        shapes = opt->shapes ? ilokg_strndup(opt->shapes, strlen(opt->shapes))
                             : ilokg_world_data_path(world, "ontology/shapes.ttl");
        st     = shapes ? ILOKG_OK : ILOKG_ERR_NOMEM;
    }
    if (!st) {
        v.shapes_file = shapes;
        st            = load(&v.shapes, &v, shapes, ILOKG_FORMAT_TURTLE);
    }
    /* Each file is checked on its own: one export, one graph. */
    for (size_t i = 0; !st && i < n_paths; i++) {
        st = validate_one(&v, paths[i], opt);
    }
    if (v.shapes) {
        librdf_free_model(v.shapes);
    }
    *n_violations = v.n_violations;
    free(shapes);
    return st;
}

ilokg_status
ilokg_validate_files(ilokg_world *world, const char *const *paths, size_t n_paths,
                     size_t *n_violations)
{
    return ilokg_validate_run(world, NULL, paths, n_paths, n_violations);
}
