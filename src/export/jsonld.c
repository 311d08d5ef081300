/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-LD writer. Each value goes under its context term when the term's coercion (@id, a
 * datatype, @language en, or none) fits it exactly, else under the compact IRI with a full value
 * object, so every statement survives expansion unchanged whatever its shape. */
#include "export/jsonld.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"

/* Coercions a term can carry. */
enum { C_NONE, C_ID, C_EN, C_DT };

typedef struct {
    const char *term;
    const char *prefix, *local; /* the property */
    int         coerce;
    const char *dt_local; /* xsd local name for C_DT */
} term_def;

/* Sorted by term; the context lists them in this order. */
static const term_def terms[] = {
    {"actionClass", "ilokg", "actionClass", C_ID, NULL},
    {"actor", "ilokg", "actor", C_ID, NULL},
    {"altLabel", "skos", "altLabel", C_EN, NULL},
    {"anchorOf", "nif", "anchorOf", C_NONE, NULL},
    {"beginIndex", "nif", "beginIndex", C_DT, "nonNegativeInteger"},
    {"broader", "skos", "broader", C_ID, NULL},
    {"broaderTransitive", "skos", "broaderTransitive", C_ID, NULL},
    {"document", "ilokg", "document", C_ID, NULL},
    {"endDate", "ilokg", "endDate", C_DT, "date"},
    {"endIndex", "nif", "endIndex", C_DT, "nonNegativeInteger"},
    {"exactMatch", "skos", "exactMatch", C_ID, NULL},
    {"hasMember", "ilokg", "hasMember", C_ID, NULL},
    {"heading", "ilokg", "heading", C_NONE, NULL},
    {"identifier", "dcterms", "identifier", C_NONE, NULL},
    {"inCommitment", "ilokg", "inCommitment", C_ID, NULL},
    {"inScheme", "skos", "inScheme", C_ID, NULL},
    {"indirect", "ilokg", "indirect", C_DT, "boolean"},
    {"issued", "dcterms", "issued", C_DT, "date"},
    {"itemNumber", "ilokg", "itemNumber", C_NONE, NULL},
    {"label", "rdfs", "label", C_EN, NULL},
    {"leadIn", "ilokg", "leadIn", C_NONE, NULL},
    {"meeting", "ilokg", "meeting", C_ID, NULL},
    {"meetingNumber", "ilokg", "meetingNumber", C_DT, "integer"},
    {"memberOf", "ilokg", "memberOf", C_ID, NULL},
    {"mentions", "ilokg", "mentions", C_ID, NULL},
    {"modality", "ilokg", "modality", C_ID, NULL},
    {"narrower", "skos", "narrower", C_ID, NULL},
    {"normlex", "ilokg", "normlex", C_ID, NULL},
    {"notation", "skos", "notation", C_NONE, NULL},
    {"order", "ilokg", "order", C_DT, "integer"},
    {"part", "ilokg", "part", C_NONE, NULL},
    {"place", "ilokg", "place", C_NONE, NULL},
    {"referenceContext", "nif", "referenceContext", C_ID, NULL},
    {"refersTo", "ilokg", "refersTo", C_ID, NULL},
    {"section", "ilokg", "section", C_ID, NULL},
    {"sequence", "ilokg", "sequence", C_DT, "integer"},
    {"sourceFile", "ilokg", "sourceFile", C_ID, NULL},
    {"startDate", "ilokg", "startDate", C_DT, "date"},
    {"supplementedBy", "ilokg", "supplementedBy", C_ID, NULL},
    {"supplements", "ilokg", "supplements", C_ID, NULL},
    {"text", "ilokg", "text", C_NONE, NULL},
    {"theme", "ilokg", "theme", C_ID, NULL},
    {"title", "dcterms", "title", C_EN, NULL},
    {"verb", "ilokg", "verb", C_NONE, NULL},
    {"wasDerivedFrom", "prov", "wasDerivedFrom", C_ID, NULL},
};
#define N_TERMS (sizeof terms / sizeof terms[0])

static const char *
prefix_iri(const char *prefix)
{
    size_t              n;
    const ilokg_prefix *pf = ilokg_graph_prefixes(&n);
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(pf[i].prefix, prefix)) {
            return pf[i].iri;
        }
    }
    return "";
}

/* Whether iri is prefix + local. */
static bool
iri_is(const char *iri, const char *prefix, const char *local)
{
    const char *ns  = prefix_iri(prefix);
    size_t      len = strlen(ns);
    return !strncmp(iri, ns, len) && !strcmp(iri + len, local);
}

static ilokg_status
add_json(ilokg_buf *b, const char *s)
{
    return ilokg_json_escape(b, s, strlen(s));
}

static ilokg_status
add_indent(ilokg_buf *b, int depth)
{
    ilokg_status st = ILOKG_OK;
    for (int i = 0; !st && i < depth; i++) {
        st = ilokg_buf_adds(b, "  ");
    }
    return st;
}

/* The context object's members at the given depth. */
static ilokg_status
add_context_members(ilokg_buf *b, int depth)
{
    size_t              n;
    const ilokg_prefix *pf = ilokg_graph_prefixes(&n);
    ilokg_status        st = ILOKG_OK;
    for (size_t i = 0; !st && i < n; i++) {
        if (!(st = add_indent(b, depth)) && !(st = add_json(b, pf[i].prefix))) {
            st = ilokg_buf_adds(b, ": ");
        }
        if (!st && !(st = add_json(b, pf[i].iri))) {
            st = ilokg_buf_adds(b, ",\n");
        }
    }
    for (size_t i = 0; !st && i < N_TERMS; i++) {
        const term_def *t = &terms[i];
        st                = add_indent(b, depth);
        if (!st && !(st = add_json(b, t->term))) {
            st = ilokg_buf_printf(b, ": {\"@id\": \"%s:%s\"", t->prefix, t->local);
        }
        if (!st) {
            switch (t->coerce) {
            case C_ID:
                st = ilokg_buf_adds(b, ", \"@type\": \"@id\"");
                break;
            case C_EN:
                st = ilokg_buf_adds(b, ", \"@language\": \"en\"");
                break;
            case C_DT:
                st = ilokg_buf_printf(b, ", \"@type\": \"xsd:%s\"", t->dt_local);
                break;
            default:
                break;
            }
        }
        if (!st) {
            st = ilokg_buf_adds(b, i + 1 < N_TERMS ? "},\n" : "}\n");
        }
    }
    return st;
}

ilokg_status
ilokg_jsonld_context(ilokg_buf *b)
{
    ilokg_status st = ilokg_buf_adds(b, "{\n  \"@context\": {\n");
    if (!st && !(st = add_context_members(b, 2))) {
        st = ilokg_buf_adds(b, "  }\n}\n");
    }
    return st;
}

/* The key a value goes under, and whether it fits the term's coercion. */
static const term_def *
term_for(const ilokg_quad *q)
{
    for (size_t i = 0; i < N_TERMS; i++) {
        const term_def *t = &terms[i];
        if (!iri_is(q->p, t->prefix, t->local)) {
            continue;
        }
        bool fits = t->coerce == C_ID   ? !q->literal
                    : t->coerce == C_EN ? q->literal && q->lang && !strcmp(q->lang, "en")
                    : t->coerce == C_DT ? q->literal && q->dt && iri_is(q->dt, "xsd", t->dt_local)
                                        : q->literal && !q->dt && !q->lang;
        return fits ? t : NULL;
    }
    return NULL;
}

/* An IRI as a compact IRI when a prefix matches, else as it is. */
static ilokg_status
add_compact(ilokg_buf *b, const char *iri)
{
    size_t              n;
    const ilokg_prefix *pf = ilokg_graph_prefixes(&n);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(pf[i].iri);
        if (!strncmp(iri, pf[i].iri, len) && iri[len] && strncmp(iri + len, "//", 2)) {
            ilokg_buf    key = ILOKG_BUF_INIT;
            ilokg_status st  = ilokg_buf_printf(&key, "%s:%s", pf[i].prefix, iri + len);
            if (!st) {
                st = ilokg_json_escape(b, key.ptr, key.len);
            }
            ilokg_buf_free(&key);
            return st;
        }
    }
    return add_json(b, iri);
}

typedef struct {
    char             *key; /* the JSON key text (escaped, quoted) */
    const ilokg_quad *q;
    const term_def   *term;
    size_t            order; /* position in the graph's sort, to keep values sorted */
} entry;

static int
cmp_entry(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    int          c = strcmp(a->key, b->key);
    return c ? c : a->order < b->order ? -1 : a->order > b->order;
}

static ilokg_status
add_value(ilokg_buf *b, const entry *e)
{
    const ilokg_quad *q = e->q;
    ilokg_status      st;
    if (e->term) {
        return add_json(b, q->o);
    }
    if (!q->literal) {
        if (!(st = ilokg_buf_adds(b, "{\"@id\": ")) && !(st = add_json(b, q->o))) {
            st = ilokg_buf_addc(b, '}');
        }
        return st;
    }
    if (!q->dt && !q->lang) {
        return add_json(b, q->o);
    }
    if (!(st = ilokg_buf_adds(b, "{\"@value\": ")) && !(st = add_json(b, q->o))) {
        if (q->lang) {
            if (!(st = ilokg_buf_adds(b, ", \"@language\": ")) && !(st = add_json(b, q->lang))) {
                st = ilokg_buf_addc(b, '}');
            }
        } else if (!(st = ilokg_buf_adds(b, ", \"@type\": ")) && !(st = add_compact(b, q->dt))) {
            st = ilokg_buf_addc(b, '}');
        }
    }
    return st;
}

/* One node object: the quads q[0, n) share graph and subject. */
static ilokg_status
add_node(ilokg_buf *b, const ilokg_quad *q, size_t n, int depth)
{
    entry       *ents  = calloc(n ? n : 1, sizeof *ents);
    size_t       n_ent = 0, n_types = 0;
    ilokg_status st = ents ? ILOKG_OK : ILOKG_ERR_NOMEM;
    for (size_t i = 0; !st && i < n; i++) {
        if (!q[i].literal && !strcmp(q[i].p, ILOKG_NS_RDF "type")) {
            n_types++;
            continue;
        }
        ilokg_buf key = ILOKG_BUF_INIT;
        entry     e   = {NULL, &q[i], term_for(&q[i]), i};
        st            = e.term ? add_json(&key, e.term->term) : add_compact(&key, q[i].p);
        if (!st) {
            e.key         = ilokg_buf_detach(&key);
            ents[n_ent++] = e;
        }
        ilokg_buf_free(&key);
    }
    if (!st && n_ent) {
        qsort(ents, n_ent, sizeof *ents, cmp_entry);
    }
    if (!st && !(st = add_indent(b, depth)) && !(st = ilokg_buf_adds(b, "{\n"))) {
        if (!(st = add_indent(b, depth + 1)) && !(st = ilokg_buf_adds(b, "\"@id\": "))) {
            st = add_json(b, q[0].s);
        }
    }
    /* @type: every rdf:type value, compact; one value stands alone, several make an array. */
    for (size_t i = 0, k = 0; !st && i < n; i++) {
        if (q[i].literal || strcmp(q[i].p, ILOKG_NS_RDF "type")) {
            continue;
        }
        if (!k) {
            if (!(st = ilokg_buf_adds(b, ",\n")) && !(st = add_indent(b, depth + 1))) {
                st = ilokg_buf_adds(b, n_types > 1 ? "\"@type\": [" : "\"@type\": ");
            }
        } else {
            st = ilokg_buf_adds(b, ", ");
        }
        if (!st) {
            st = add_compact(b, q[i].o);
        }
        if (!st && ++k == n_types && n_types > 1) {
            st = ilokg_buf_addc(b, ']');
        }
    }
    for (size_t i = 0; !st && i < n_ent;) {
        size_t j = i;
        while (j < n_ent && !strcmp(ents[j].key, ents[i].key)) {
            j++;
        }
        if (!(st = ilokg_buf_adds(b, ",\n")) && !(st = add_indent(b, depth + 1)) &&
            !(st = ilokg_buf_adds(b, ents[i].key)) && !(st = ilokg_buf_adds(b, ": "))) {
            if (j - i == 1) {
                st = add_value(b, &ents[i]);
            } else {
                st = ilokg_buf_addc(b, '[');
                for (size_t k = i; !st && k < j; k++) {
                    if (k > i && !(st = ilokg_buf_adds(b, ",\n"))) {
                        st = add_indent(b, depth + 2);
                    }
                    if (!st) {
                        st = add_value(b, &ents[k]);
                    }
                }
                if (!st) {
                    st = ilokg_buf_addc(b, ']');
                }
            }
        }
        i = j;
    }
    if (!st && !(st = ilokg_buf_addc(b, '\n')) && !(st = add_indent(b, depth))) {
        st = ilokg_buf_addc(b, '}');
    }
    for (size_t i = 0; i < n_ent; i++) {
        free(ents[i].key);
    }
    free(ents);
    return st;
}

static ilokg_status
flush(FILE *fp, ilokg_buf *b)
{
    if (b->len && fwrite(b->ptr, 1, b->len, fp) != b->len) {
        return ILOKG_ERR_IO;
    }
    b->len = 0;
    return ILOKG_OK;
}

ilokg_status
ilokg_jsonld_write(FILE *fp, ilokg_graph *g, ilokg_diag *diag)
{
    (void)diag; /* failed writes are reported by the caller, with the output's name */
    size_t            n;
    const ilokg_quad *q  = ilokg_graph_quads(g, &n);
    ilokg_buf         b  = ILOKG_BUF_INIT;
    ilokg_status      st = ilokg_buf_adds(&b, "{\n  \"@context\": {\n");
    if (!st && !(st = add_context_members(&b, 2))) {
        st = ilokg_buf_adds(&b, "  },\n  \"@graph\": [");
    }
    for (size_t i = 0; !st && i < n;) {
        bool   new_graph = !i || strcmp(q[i - 1].g, q[i].g);
        size_t j         = i;
        while (j < n && !strcmp(q[j].g, q[i].g) && !strcmp(q[j].s, q[i].s)) {
            j++;
        }
        if (new_graph) {
            st = ilokg_buf_adds(&b, i ? "\n      ]\n    },\n    {\n      \"@id\": "
                                      : "\n    {\n      \"@id\": ");
            if (!st && !(st = add_json(&b, q[i].g))) {
                st = ilokg_buf_adds(&b, ",\n      \"@graph\": [\n");
            }
        } else {
            st = ilokg_buf_adds(&b, ",\n");
        }
        if (!st) {
            st = add_node(&b, &q[i], j - i, 4);
        }
        if (!st && b.len > (1u << 16)) {
            st = flush(fp, &b);
        }
        i = j;
    }
    if (!st) {
        st = ilokg_buf_adds(&b, n ? "\n      ]\n    }\n  ]\n}\n" : "]\n}\n");
    }
    if (!st) {
        st = flush(fp, &b);
    }
    ilokg_buf_free(&b);
    /* A failed write is reported by the caller, which knows the output's name. */
    return st;
}
