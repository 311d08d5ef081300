/* SPDX-License-Identifier: Apache-2.0 */
/* A resource's HTML page, built from the store's triples about it: label, types, a table of its
 * properties with linked values, its incoming links, its other formats; for a commitment, its
 * text highlighted in its paragraph with the entities it names linked. */
#include "serve/page.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "query/results.h"
#include "serve/page_int.h"
#include "serve/web.h"
#include "util/utf8.h"

/* At most this many subjects per property among the incoming links: an actor is named by
 * thousands of mentions, and a page listing them all would be megabytes. */
#define MAX_INCOMING 100
/* At most this many values of one property on the page (the RDF formats have them all). */
#define MAX_VALUES 200

#define NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define SKOS "http://www.w3.org/2004/02/skos/core#"

/* The properties a page reads by name. */
enum {
    P_TYPE,
    P_LABEL,
    P_PREFLABEL,
    P_TITLE,
    P_NOTATION,
    P_TEXT,
    P_LEADIN,
    P_ITEMNUMBER,
    P_SECTION,
    P_DOCUMENT,
    P_HEADING,
    P_BEGIN,
    P_END,
    P_ANCHOR,
    P_REFERSTO,
    P_INCOMMITMENT,
    P_ACTOR,
    P_MODALITY,
    P_MENTIONS,
    P_EXACTMATCH,
    P_SEEALSO,
    P_NORMLEX,
    P_URISPACE,
    C_COMMITMENT,
    N_NAMED
};
static const char *const named_iris[N_NAMED] = {
    ILOKG_RDF "type",
    RDFS "label",
    SKOS "prefLabel",
    "http://purl.org/dc/terms/title",
    SKOS "notation",
    ILOKG_NS "text",
    ILOKG_NS "leadIn",
    ILOKG_NS "itemNumber",
    ILOKG_NS "section",
    ILOKG_NS "document",
    ILOKG_NS "heading",
    NIF "beginIndex",
    NIF "endIndex",
    NIF "anchorOf",
    ILOKG_NS "refersTo",
    ILOKG_NS "inCommitment",
    ILOKG_NS "actor",
    ILOKG_NS "modality",
    ILOKG_NS "mentions",
    SKOS "exactMatch",
    RDFS "seeAlso",
    ILOKG_NS "normlex",
    "http://rdfs.org/ns/void#uriSpace",
    ILOKG_NS "Commitment",
};

/* The authorities an entity links to, named by the start of their IRIs (docs/linking.md). */
static const char *const authorities[][2] = {
    {"http://metadata.un.org/sdg/", "UN SDG KOS"},
    {"https://normlex.ilo.org/", "NORMLEX"},
    {"http://www.wikidata.org/entity/", "Wikidata"},
    {"http://publications.europa.eu/resource/authority/", "EU authority table"},
};
#define N_AUTHORITIES (sizeof authorities / sizeof authorities[0])

/* The other formats of a resource, as the server and the static files name them. */
static const char *const alternates[][3] = {
    {".ttl", "text/turtle", "Turtle"},
    {".nt", "application/n-triples", "N-Triples"},
    {".jsonld", "application/ld+json", "JSON-LD"},
    {".rdf", "application/rdf+xml", "RDF/XML"},
};
#define N_ALTERNATES (sizeof alternates / sizeof alternates[0])

typedef struct {
    ilokg_qstore *st;
    ilokg_buf    *out;
    const char   *base, *suffix, *home, *ns, *docs;
    size_t        ns_len;
    ilokg_id      named[N_NAMED];
} page_ctx;

/* A triple with its terms, for sorting by what a reader sees. */
typedef struct {
    ilokg_id    s, p, o;
    ilokg_qterm ts, tp, to;
} row;

ilokg_status
ilokg_html_escape(ilokg_buf *out, const char *s, size_t len)
{
    ilokg_status st    = ILOKG_OK;
    size_t       start = 0;
    for (size_t i = 0; !st && i < len; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            if ((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
                rep = "\xEF\xBF\xBD";
            }
        }
        if (rep) {
            if (!(st = ilokg_buf_add(out, s + start, i - start))) {
                st = ilokg_buf_adds(out, rep);
            }
            start = i + 1;
        }
    }
    return st ? st : ilokg_buf_add(out, s + start, len - start);
}

static ilokg_status
esc(ilokg_buf *out, const char *s)
{
    return ilokg_html_escape(out, s, strlen(s));
}

ilokg_status
ilokg_page_begin(ilokg_buf *out, const char *title, const char *home, const char *extra_head)
{
    ilokg_status st = ilokg_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                                          "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                                          "content=\"width=device-width, initial-scale=1\">\n"
                                          "<title>");
    if (!st && !(st = esc(out, title)) && !(st = ilokg_buf_adds(out, " · ilokg</title>\n"))) {
        st = ilokg_buf_adds(out, extra_head ? extra_head : "");
    }
    if (!st && !(st = ilokg_buf_adds(out, "<style>\n")) &&
        !(st = ilokg_buf_adds(out, ilokg_web_style_css))) {
        st = ilokg_buf_adds(out, "</style>\n</head>\n<body>\n<header class=\"site\"><a "
                                 "class=\"name\" href=\"");
    }
    if (!st && !(st = esc(out, home))) {
        st = ilokg_buf_adds(out, "\">ilokg</a><span>ILO and European Commission commitments, "
                                 "as linked data</span></header>\n<main>\n");
    }
    return st;
}

ilokg_status
ilokg_page_end(ilokg_buf *out)
{
    return ilokg_buf_adds(out, "</main>\n</body>\n</html>\n");
}

/* ---- Reading the store -------------------------------------------------------------------- */

static ilokg_status
find_iri(ilokg_qstore *st, const char *iri, ilokg_id *out)
{
    ilokg_qterm t = {ILOKG_QT_IRI, iri, strlen(iri), NULL, NULL};
    return ilokg_qstore_find(st, &t, out);
}

static int
cmp_term(const ilokg_qterm *a, const ilokg_qterm *b)
{
    if (a->kind != b->kind) {
        return (int)a->kind - (int)b->kind;
    }
    size_t n = a->lex_len < b->lex_len ? a->lex_len : b->lex_len;
    int    c = memcmp(a->lex, b->lex, n);
    return c ? c : a->lex_len < b->lex_len ? -1 : a->lex_len > b->lex_len;
}

static int
cmp_row(const void *x, const void *y)
{
    const row *a = x, *b = y;
    int        c = cmp_term(&a->tp, &b->tp);
    if (!c) {
        c = cmp_term(&a->to, &b->to);
    }
    return c ? c : cmp_term(&a->ts, &b->ts);
}

/* The distinct triples matching (s, p, o) in any graph (a quad in a named graph is often in the
 * default graph too), with their terms, sorted by predicate, object, subject. The array is the
 * caller's. */
static ilokg_status
match_rows(page_ctx *c, ilokg_id s, ilokg_id p, ilokg_id o, row **out, size_t *n_out)
{
    ilokg_quad   pat  = {ILOKG_ID_NONE, s, p, o}, q;
    ilokg_qiter *it   = NULL;
    row         *rows = NULL;
    size_t       n = 0, cap = 0;
    ilokg_status st = ilokg_qstore_match(c->st, &pat, &it);
    for (int got = 1; !st && got;) {
        if (!(st = ilokg_qiter_next(it, &q, &got)) && got &&
            !(st = ilokg_grow(&rows, &cap, n, sizeof *rows))) {
            row *r = &rows[n];
            r->s = q.s, r->p = q.p, r->o = q.o;
            if (!(st = ilokg_qstore_term(c->st, q.s, &r->ts)) &&
                !(st = ilokg_qstore_term(c->st, q.p, &r->tp))) {
                st = ilokg_qstore_term(c->st, q.o, &r->to);
            }
            n++;
        }
    }
    ilokg_qiter_free(it);
    if (!st && n) {
        qsort(rows, n, sizeof *rows, cmp_row);
        size_t k = 1;
        for (size_t i = 1; i < n; i++) {
            if (rows[i].s != rows[k - 1].s || rows[i].p != rows[k - 1].p ||
                rows[i].o != rows[k - 1].o) {
                rows[k++] = rows[i];
            }
        }
        n = k;
    }
    if (st) {
        free(rows);
        rows = NULL;
        n    = 0;
    }
    *out   = rows;
    *n_out = n;
    return st;
}

/* The first object of (s, p) into *out (its id into *id when id is not NULL); *got 0 when there
 * is none. Literals in English or without a language come first, so a label reads in English. */
static ilokg_status
first_object(page_ctx *c, ilokg_id s, int p, ilokg_qterm *out, ilokg_id *id, int *got)
{
    row   *rows = NULL;
    size_t n    = 0;
    *got        = 0;
    if (c->named[p] == ILOKG_ID_NONE || s == ILOKG_ID_NONE) {
        return ILOKG_OK;
    }
    ilokg_status st = match_rows(c, s, c->named[p], ILOKG_ID_NONE, &rows, &n);
    for (size_t i = 0; !st && i < n; i++) {
        const ilokg_qterm *t       = &rows[i].to;
        int                english = !t->lang || (t->lang[0] == 'e' && t->lang[1] == 'n');
        if (!*got || english) {
            *out = *t;
            if (id) {
                *id = rows[i].o;
            }
            *got = 1;
            if (english) {
                break;
            }
        }
    }
    free(rows);
    return st;
}

/* What a reader calls the resource: its label, preferred label, title, heading or notation. */
static ilokg_status
label_of(page_ctx *c, ilokg_id id, ilokg_qterm *out, int *got)
{
    static const int order[] = {P_LABEL, P_PREFLABEL, P_TITLE, P_HEADING, P_NOTATION};
    ilokg_status     st      = ILOKG_OK;
    *got                     = 0;
    for (size_t i = 0; !st && !*got && i < sizeof order / sizeof order[0]; i++) {
        st = first_object(c, id, order[i], out, NULL, got);
    }
    return st;
}

static size_t
number_of(const ilokg_qterm *t)
{
    return (size_t)strtoull(t->lex, NULL, 10);
}

/* ---- Links -------------------------------------------------------------------------------- */

static int
is_local(const page_ctx *c, const char *iri)
{
    return strncmp(iri, c->ns, c->ns_len) == 0 && iri[c->ns_len] != '\0';
}

static int
is_web(const char *iri)
{
    return strncmp(iri, "http://", 7) == 0 || strncmp(iri, "https://", 8) == 0;
}

/* The href of an IRI (escaped for an attribute): a local thing's page, or with ext its
 * description document in that format. */
static ilokg_status
put_href(page_ctx *c, const char *iri, const char *ext)
{
    if (!is_local(c, iri)) {
        return esc(c->out, iri);
    }
    ilokg_status st = esc(c->out, ext ? c->docs : c->base);
    if (!st && !(st = esc(c->out, iri + c->ns_len))) {
        st = esc(c->out, ext ? ext : c->suffix);
    }
    return st;
}

/* The short name of an IRI: a local one's path, prefix:local for the predeclared namespaces,
 * else the IRI. */
static ilokg_status
put_short(page_ctx *c, const char *iri)
{
    if (is_local(c, iri)) {
        return esc(c->out, iri + c->ns_len);
    }
    size_t      at  = 0;
    const char *pre = ilokg_results_prefix_of(iri, &at);
    if (!pre) {
        return esc(c->out, iri);
    }
    ilokg_status st = esc(c->out, pre);
    if (!st && !(st = ilokg_buf_addc(c->out, ':'))) {
        st = esc(c->out, iri + at);
    }
    return st;
}

/* An IRI as a link: the resource's label when the store has one, else its short name. IRIs of
 * schemes other than http(s) are shown, never linked (a "javascript:" IRI in the data must not
 * become a live link). */
static ilokg_status
put_iri(page_ctx *c, ilokg_id id, const char *iri, const char *cls)
{
    ilokg_qterm  label;
    int          got  = 0;
    int          link = is_local(c, iri) || is_web(iri);
    ilokg_status st   = label_of(c, id, &label, &got);
    if (!st && link) {
        st = ilokg_buf_adds(c->out, "<a ");
        if (!st && cls) {
            st = ilokg_buf_printf(c->out, "class=\"%s\" ", cls);
        }
        if (!st && !(st = ilokg_buf_adds(c->out, "href=\"")) && !(st = put_href(c, iri, NULL))) {
            st = ilokg_buf_adds(c->out, "\">");
        }
    } else if (!st) {
        st = ilokg_buf_adds(c->out, "<code>");
    }
    if (!st) {
        st = got ? ilokg_html_escape(c->out, label.lex, label.lex_len) : put_short(c, iri);
    }
    if (!st) {
        st = ilokg_buf_adds(c->out, link ? "</a>" : "</code>");
    }
    return st;
}

static ilokg_status
put_literal(page_ctx *c, const ilokg_qterm *t)
{
    ilokg_status st = ilokg_html_escape(c->out, t->lex, t->lex_len);
    if (!st && t->lang) {
        st = ilokg_buf_adds(c->out, " <span class=\"lit-meta\">@");
        if (!st && !(st = esc(c->out, t->lang))) {
            st = ilokg_buf_adds(c->out, "</span>");
        }
    } else if (!st && t->dt) {
        st = ilokg_buf_adds(c->out, " <span class=\"lit-meta\">");
        if (!st && !(st = put_short(c, t->dt))) {
            st = ilokg_buf_adds(c->out, "</span>");
        }
    }
    return st;
}

static ilokg_status
put_term(page_ctx *c, ilokg_id id, const ilokg_qterm *t)
{
    switch (t->kind) {
    case ILOKG_QT_IRI:
        return put_iri(c, id, t->lex, NULL);
    case ILOKG_QT_LITERAL:
        return put_literal(c, t);
    case ILOKG_QT_BLANK:
        break;
    }
    ilokg_status st = ilokg_buf_adds(c->out, "<code>_:");
    if (!st && !(st = ilokg_html_escape(c->out, t->lex, t->lex_len))) {
        st = ilokg_buf_adds(c->out, "</code>");
    }
    return st;
}

/* A link to target when it is an authority's IRI, named after the authority. */
static ilokg_status
put_authority_link(page_ctx *c, const char *target)
{
    for (size_t a = 0; a < N_AUTHORITIES; a++) {
        if (strncmp(target, authorities[a][0], strlen(authorities[a][0])) == 0) {
            ilokg_status st = ilokg_buf_adds(c->out, " <a class=\"authority\" href=\"");
            if (!st && !(st = esc(c->out, target))) {
                st = ilokg_buf_printf(c->out, "\">%s</a>", authorities[a][1]);
            }
            return st;
        }
    }
    return ILOKG_OK;
}

/* The authority links of an entity: its own IRI when it is an authority's, and its
 * skos:exactMatch, rdfs:seeAlso and ilokg:normlex values that are. */
static ilokg_status
put_authorities(page_ctx *c, ilokg_id id, const char *iri)
{
    static const int props[] = {P_EXACTMATCH, P_SEEALSO, P_NORMLEX};
    ilokg_status     st      = put_authority_link(c, iri);
    for (size_t k = 0; !st && k < sizeof props / sizeof props[0]; k++) {
        row   *rows = NULL;
        size_t n    = 0;
        if (c->named[props[k]] != ILOKG_ID_NONE) {
            st = match_rows(c, id, c->named[props[k]], ILOKG_ID_NONE, &rows, &n);
        }
        for (size_t i = 0; !st && i < n; i++) {
            if (rows[i].to.kind == ILOKG_QT_IRI) {
                st = put_authority_link(c, rows[i].to.lex);
            }
        }
        free(rows);
    }
    return st;
}

/* ---- The commitment ----------------------------------------------------------------------- */

/* A mention inside the commitment's text: where it is (bytes of the text) and what it names. */
typedef struct {
    size_t      start, end;
    ilokg_id    entity;
    ilokg_qterm entity_term;
} placed;

static int
cmp_placed(const void *x, const void *y)
{
    const placed *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* The byte offset of code point cp in s[0, len), or SIZE_MAX when past its end. */
static size_t
byte_of_char(const char *s, size_t len, size_t cp)
{
    size_t at = 0;
    for (size_t i = 0; i < cp; i++) {
        uint32_t u = 0;
        size_t   k = at < len ? ilokg_utf8_decode(&u, s + at, len - at) : 0;
        if (!k) {
            return SIZE_MAX;
        }
        at += k;
    }
    return at;
}

/* Finds where a mention (anchor, at code point rel of the commitment's span) lies in the text:
 * at rel when the text there is the anchor, else the anchor's first occurrence after from (the
 * text is normalised, so a repaired word can shift offsets). SIZE_MAX when it is not there. */
static size_t
place_mention(const ilokg_qterm *text, size_t rel, const ilokg_qterm *anchor, size_t from)
{
    size_t at = byte_of_char(text->lex, text->lex_len, rel);
    if (at != SIZE_MAX && at >= from && at + anchor->lex_len <= text->lex_len &&
        memcmp(text->lex + at, anchor->lex, anchor->lex_len) == 0) {
        return at;
    }
    for (size_t i = from; anchor->lex_len && i + anchor->lex_len <= text->lex_len; i++) {
        if (memcmp(text->lex + i, anchor->lex, anchor->lex_len) == 0) {
            return i;
        }
    }
    return SIZE_MAX;
}

/* The mentions of commitment id placed in its text, sorted, overlaps dropped. */
static ilokg_status
place_mentions(page_ctx *c, ilokg_id id, const ilokg_qterm *text, size_t span_begin, placed **out,
               size_t *n_out)
{
    row         *rows = NULL;
    placed      *pl   = NULL;
    size_t       n = 0, np = 0, cap = 0;
    ilokg_status st = ILOKG_OK;
    *out = NULL, *n_out = 0;
    if (c->named[P_INCOMMITMENT] == ILOKG_ID_NONE) {
        return ILOKG_OK;
    }
    st = match_rows(c, ILOKG_ID_NONE, c->named[P_INCOMMITMENT], id, &rows, &n);
    for (size_t i = 0; !st && i < n; i++) {
        ilokg_qterm begin, anchor, entity;
        ilokg_id    eid = ILOKG_ID_NONE;
        int         g1 = 0, g2 = 0, g3 = 0;
        if (!(st = first_object(c, rows[i].s, P_BEGIN, &begin, NULL, &g1)) &&
            !(st = first_object(c, rows[i].s, P_ANCHOR, &anchor, NULL, &g2)) &&
            !(st = first_object(c, rows[i].s, P_REFERSTO, &entity, &eid, &g3)) && g1 && g2 && g3 &&
            number_of(&begin) >= span_begin && !(st = ilokg_grow(&pl, &cap, np, sizeof *pl))) {
            size_t at = place_mention(text, number_of(&begin) - span_begin, &anchor, 0);
            if (at != SIZE_MAX) {
                pl[np++] = (placed){at, at + anchor.lex_len, eid, entity};
            }
        }
    }
    free(rows);
    if (!st && np) {
        qsort(pl, np, sizeof *pl, cmp_placed);
        size_t k = 1;
        for (size_t i = 1; i < np; i++) {
            if (pl[i].start >= pl[k - 1].end) {
                pl[k++] = pl[i];
            }
        }
        np = k;
    }
    if (st) {
        free(pl);
        return st;
    }
    *out   = pl;
    *n_out = np;
    return ILOKG_OK;
}

/* The commitment's text as the highlighted span, each placed mention a link to what it names. */
static ilokg_status
put_span(page_ctx *c, ilokg_id id, const ilokg_qterm *text, size_t span_begin)
{
    placed      *pl = NULL;
    size_t       np = 0, at = 0;
    ilokg_status st = place_mentions(c, id, text, span_begin, &pl, &np);
    if (!st) {
        st = ilokg_buf_adds(c->out, "<mark class=\"span\" id=\"span\">");
    }
    for (size_t i = 0; !st && i < np; i++) {
        const char *iri = pl[i].entity_term.lex;
        int link = pl[i].entity_term.kind == ILOKG_QT_IRI && (is_local(c, iri) || is_web(iri));
        if (!(st = ilokg_html_escape(c->out, text->lex + at, pl[i].start - at)) && link) {
            if (!(st = ilokg_buf_adds(c->out, "<a class=\"mention\" href=\"")) &&
                !(st = put_href(c, iri, NULL))) {
                st = ilokg_buf_adds(c->out, "\">");
            }
        }
        if (!st) {
            st = ilokg_html_escape(c->out, text->lex + pl[i].start, pl[i].end - pl[i].start);
        }
        if (!st && link) {
            st = ilokg_buf_adds(c->out, "</a>");
        }
        at = pl[i].end;
    }
    if (!st && !(st = ilokg_html_escape(c->out, text->lex + at, text->lex_len - at))) {
        st = ilokg_buf_adds(c->out, "</mark>");
    }
    free(pl);
    return st;
}

/* A fact of the commitment: every value of property p, linked, in a <dt>/<dd> pair. */
static ilokg_status
put_fact(page_ctx *c, ilokg_id id, int p, const char *name)
{
    row         *rows = NULL;
    size_t       n    = 0;
    ilokg_status st   = ILOKG_OK;
    if (c->named[p] == ILOKG_ID_NONE ||
        (st = match_rows(c, id, c->named[p], ILOKG_ID_NONE, &rows, &n)) || !n) {
        free(rows);
        return st;
    }
    st = ilokg_buf_printf(c->out, "<dt>%s</dt><dd>", name);
    for (size_t i = 0; !st && i < n; i++) {
        if (!(st = i ? ilokg_buf_adds(c->out, ", ") : ILOKG_OK)) {
            st = put_term(c, rows[i].o, &rows[i].to);
        }
    }
    if (!st) {
        st = ilokg_buf_adds(c->out, "</dd>\n");
    }
    free(rows);
    return st;
}

/* What the commitment names: each entity linked to its own page and to its authorities. */
static ilokg_status
put_names(page_ctx *c, ilokg_id id)
{
    row         *rows = NULL;
    size_t       n    = 0;
    ilokg_status st   = ILOKG_OK;
    if (c->named[P_MENTIONS] == ILOKG_ID_NONE ||
        (st = match_rows(c, id, c->named[P_MENTIONS], ILOKG_ID_NONE, &rows, &n)) || !n) {
        free(rows);
        return st;
    }
    st = ilokg_buf_adds(c->out, "<h2>What it names</h2>\n<ul class=\"names\">\n");
    for (size_t i = 0; !st && i < n; i++) {
        if (rows[i].to.kind != ILOKG_QT_IRI) {
            continue;
        }
        if (!(st = ilokg_buf_adds(c->out, "<li>")) &&
            !(st = put_iri(c, rows[i].o, rows[i].to.lex, "entity")) &&
            !(st = ilokg_buf_adds(c->out, " <span class=\"authority\">")) &&
            !(st = put_authorities(c, rows[i].o, rows[i].to.lex))) {
            st = ilokg_buf_adds(c->out, "</span></li>\n");
        }
    }
    if (!st) {
        st = ilokg_buf_adds(c->out, "</ul>\n");
    }
    free(rows);
    return st;
}

/* The paragraph: section heading, lead-in, item number, and the commitment's text as the
 * highlighted span. The graph holds these, not the document's whole text (the NIF context has
 * offsets only), so the paragraph is rebuilt from them. */
static ilokg_status
put_commitment(page_ctx *c, ilokg_id id)
{
    /* Zeroed: each is read only when its g_ flag says it was found, which an optimiser at -O3
     * cannot always see. */
    ilokg_qterm  text = {0}, lead = {0}, num = {0}, begin = {0}, heading = {0};
    ilokg_id     section = ILOKG_ID_NONE;
    int          g_text = 0, g_lead = 0, g_num = 0, g_begin = 0, g_sec = 0, g_head = 0;
    ilokg_qterm  sec_t = {0};
    ilokg_status st    = first_object(c, id, P_TEXT, &text, NULL, &g_text);
    if (!st && !(st = first_object(c, id, P_LEADIN, &lead, NULL, &g_lead)) &&
        !(st = first_object(c, id, P_ITEMNUMBER, &num, NULL, &g_num)) &&
        !(st = first_object(c, id, P_BEGIN, &begin, NULL, &g_begin)) &&
        !(st = first_object(c, id, P_SECTION, &sec_t, &section, &g_sec)) && g_sec) {
        st = first_object(c, section, P_HEADING, &heading, NULL, &g_head);
    }
    if (!st) {
        st = ilokg_buf_adds(c->out, "<section class=\"commitment\">\n<h2>The commitment in its "
                                    "paragraph</h2>\n<blockquote class=\"paragraph\">");
    }
    if (!st && g_head && !(st = ilokg_buf_adds(c->out, "<span class=\"section-heading\">")) &&
        !(st = ilokg_html_escape(c->out, heading.lex, heading.lex_len))) {
        st = ilokg_buf_adds(c->out, "</span>");
    }
    if (!st && g_lead && !(st = ilokg_buf_adds(c->out, "<span class=\"lead-in\">")) &&
        !(st = ilokg_html_escape(c->out, lead.lex, lead.lex_len))) {
        st = ilokg_buf_adds(c->out, "</span> ");
    }
    if (!st && g_num && !(st = ilokg_buf_adds(c->out, "<span class=\"item-number\">")) &&
        !(st = ilokg_html_escape(c->out, num.lex, num.lex_len))) {
        st = ilokg_buf_adds(c->out, ".</span> ");
    }
    if (!st && g_text) {
        st = put_span(c, id, &text, g_begin ? number_of(&begin) : 0);
    }
    if (!st && !(st = ilokg_buf_adds(c->out, "</blockquote>\n<dl class=\"facts\">\n")) &&
        !(st = put_fact(c, id, P_ACTOR, "Actors")) &&
        !(st = put_fact(c, id, P_MODALITY, "Modality")) &&
        !(st = put_fact(c, id, P_SECTION, "Section")) &&
        !(st = put_fact(c, id, P_DOCUMENT, "Document")) &&
        !(st = ilokg_buf_adds(c->out, "</dl>\n"))) {
        st = put_names(c, id);
    }
    if (!st) {
        st = ilokg_buf_adds(c->out, "</section>\n");
    }
    return st;
}

/* ---- Any resource ------------------------------------------------------------------------- */

/* Rows grouped by predicate as a table: the predicate, then the values (objects when outgoing,
 * subjects when incoming), at most max of each. */
static ilokg_status
put_table(page_ctx *c, const row *rows, size_t n, int incoming, size_t max)
{
    ilokg_status st = ilokg_buf_adds(c->out, "<table class=\"props\">\n");
    for (size_t i = 0; !st && i < n;) {
        size_t j = i;
        while (j < n && rows[j].p == rows[i].p) {
            j++;
        }
        if (!(st = ilokg_buf_adds(c->out, "<tr><th>")) &&
            !(st = put_iri(c, rows[i].p, rows[i].tp.lex, NULL))) {
            st = ilokg_buf_adds(c->out, "</th><td>");
        }
        for (size_t k = i; !st && k < j && k - i < max; k++) {
            if (!(st = k > i ? ilokg_buf_adds(c->out, "<br>\n") : ILOKG_OK)) {
                st = incoming ? put_term(c, rows[k].s, &rows[k].ts)
                              : put_term(c, rows[k].o, &rows[k].to);
            }
        }
        if (!st && j - i > max) {
            st = ilokg_buf_printf(c->out, "<br>\n<span class=\"more\">and %zu more</span>",
                                  j - i - max);
        }
        if (!st) {
            st = ilokg_buf_adds(c->out, "</td></tr>\n");
        }
        i = j;
    }
    return st ? st : ilokg_buf_adds(c->out, "</table>\n");
}

static ilokg_status
put_alternates(page_ctx *c, const char *iri, int as_links)
{
    ilokg_status st = ILOKG_OK;
    for (size_t i = 0; !st && i < N_ALTERNATES; i++) {
        st = as_links ? ilokg_buf_printf(c->out, "<link rel=\"alternate\" type=\"%s\" href=\"",
                                         alternates[i][1])
                      : ilokg_buf_printf(c->out, "<a type=\"%s\" href=\"", alternates[i][1]);
        if (!st && !(st = put_href(c, iri, alternates[i][0]))) {
            st = as_links ? ilokg_buf_adds(c->out, "\">\n")
                          : ilokg_buf_printf(c->out, "\">%s</a>\n", alternates[i][2]);
        }
    }
    return st;
}

static ilokg_status
put_body(page_ctx *c, ilokg_id id, const char *iri, const row *outr, size_t n_out, const row *inr,
         size_t n_in)
{
    ilokg_qterm  label;
    int          got = 0, commitment = 0;
    ilokg_status st = label_of(c, id, &label, &got);
    if (!st && !(st = ilokg_buf_adds(c->out, "<h1>"))) {
        st = got ? ilokg_html_escape(c->out, label.lex, label.lex_len) : put_short(c, iri);
    }
    if (!st && !(st = ilokg_buf_adds(c->out, "</h1>\n<p class=\"iri\"><code>")) &&
        !(st = esc(c->out, iri)) && !(st = ilokg_buf_adds(c->out, "</code></p>\n"))) {
        st = ilokg_buf_adds(c->out, "<p class=\"types\">");
    }
    for (size_t i = 0; !st && i < n_out; i++) {
        if (outr[i].p == c->named[P_TYPE] && outr[i].to.kind == ILOKG_QT_IRI) {
            commitment |= outr[i].o == c->named[C_COMMITMENT];
            st = put_iri(c, outr[i].o, outr[i].to.lex, NULL);
        }
    }
    if (!st && !(st = ilokg_buf_adds(c->out, "</p>\n")) && commitment) {
        st = put_commitment(c, id);
    }
    if (!st && n_out && !(st = ilokg_buf_adds(c->out, "<h2>Properties</h2>\n"))) {
        st = put_table(c, outr, n_out, 0, MAX_VALUES);
    }
    if (!st && n_in && !(st = ilokg_buf_adds(c->out, "<h2>Incoming links</h2>\n"))) {
        st = put_table(c, inr, n_in, 1, MAX_INCOMING);
    }
    if (!st && is_local(c, iri) &&
        !(st = ilokg_buf_adds(c->out, "<h2>Other formats</h2>\n<p class=\"formats\">\n")) &&
        !(st = put_alternates(c, iri, 0))) {
        st = ilokg_buf_adds(c->out, "</p>\n");
    }
    return st;
}

/* Sorts incoming rows by predicate then subject (match_rows sorts by predicate then object,
 * and the object is the resource itself). */
static int
cmp_incoming(const void *x, const void *y)
{
    const row *a = x, *b = y;
    int        c = cmp_term(&a->tp, &b->tp);
    return c ? c : cmp_term(&a->ts, &b->ts);
}

static ilokg_status
setup(page_ctx *c, ilokg_qstore *store, const ilokg_page_options *opt, ilokg_buf *out)
{
    ilokg_status st = ILOKG_OK;
    *c              = (page_ctx){store, out, "/", "", "/", NULL, NULL, 0, {0}};
    if (opt && opt->base && *opt->base) {
        c->base = opt->base;
    }
    c->docs = opt && opt->docs && *opt->docs ? opt->docs : c->base;
    if (opt && opt->suffix) {
        c->suffix = opt->suffix;
    }
    if (opt && opt->home) {
        c->home = opt->home;
    }
    for (size_t i = 0; !st && i < N_NAMED; i++) {
        st = find_iri(store, named_iris[i], &c->named[i]);
    }
    c->ns = opt && opt->ns ? opt->ns : NULL;
    if (!st && !c->ns && c->named[P_URISPACE] != ILOKG_ID_NONE) {
        ilokg_quad   pat = {ILOKG_ID_NONE, ILOKG_ID_NONE, c->named[P_URISPACE], ILOKG_ID_NONE}, q;
        ilokg_qiter *it  = NULL;
        ilokg_qterm  t;
        int          got = 0;
        if (!(st = ilokg_qstore_match(store, &pat, &it)) &&
            !(st = ilokg_qiter_next(it, &q, &got)) && got &&
            !(st = ilokg_qstore_term(store, q.o, &t)) && t.kind == ILOKG_QT_LITERAL) {
            c->ns = t.lex;
        }
        ilokg_qiter_free(it);
    }
    if (!c->ns) {
        c->ns = ILOKG_DEFAULT_BASE;
    }
    c->ns_len = strlen(c->ns);
    return st;
}

ilokg_status
ilokg_page_resource_opt(ilokg_diag *diag, ilokg_qstore *store, const ilokg_page_options *opt,
                        const char *iri, ilokg_buf *out)
{
    page_ctx     c;
    ilokg_id     id   = ILOKG_ID_NONE;
    row         *outr = NULL, *inr = NULL;
    size_t       n_out = 0, n_in = 0, mark = out->len;
    ilokg_qterm  label;
    int          got  = 0;
    ilokg_buf    head = ILOKG_BUF_INIT, title = ILOKG_BUF_INIT;
    ilokg_status st = setup(&c, store, opt, out);
    (void)diag;
    if (!st && !(st = find_iri(store, iri, &id)) && id != ILOKG_ID_NONE &&
        !(st = match_rows(&c, id, ILOKG_ID_NONE, ILOKG_ID_NONE, &outr, &n_out))) {
        st = match_rows(&c, ILOKG_ID_NONE, ILOKG_ID_NONE, id, &inr, &n_in);
    }
    if (!st && !n_out && !n_in) {
        st = ILOKG_ERR_NOT_FOUND;
    }
    if (!st && n_in) {
        qsort(inr, n_in, sizeof *inr, cmp_incoming);
    }
    if (!st && !(st = label_of(&c, id, &label, &got))) {
        st = got ? ilokg_buf_add(&title, label.lex, label.lex_len) : ilokg_buf_adds(&title, iri);
    }
    if (!st && is_local(&c, iri)) {
        c.out = &head;
        st    = put_alternates(&c, iri, 1);
        c.out = out;
    }
    if (!st && !(st = ilokg_page_begin(out, title.ptr, c.home, head.ptr)) &&
        !(st = put_body(&c, id, iri, outr, n_out, inr, n_in))) {
        st = ilokg_page_end(out);
    }
    if (st) {
        out->len = mark; /* nothing half-written */
        if (out->ptr) {
            out->ptr[mark] = '\0';
        }
    }
    free(outr);
    free(inr);
    ilokg_buf_free(&head);
    ilokg_buf_free(&title);
    return st;
}

ilokg_status
ilokg_page_resource(ilokg_diag *diag, ilokg_qstore *store, const char *base, const char *iri,
                    ilokg_buf *out)
{
    ilokg_page_options opt = ILOKG_PAGE_OPTIONS_INIT;
    opt.base               = base;
    return ilokg_page_resource_opt(diag, store, &opt, iri, out);
}
