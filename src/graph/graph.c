/* SPDX-License-Identifier: Apache-2.0 */
/* RDF graph building: read documents -> quads (one named graph per document, one for reference
 * entities, one for the dataset description), the librdf world, format names, the export. */
#include "graph/graph.h"

#include <redland.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "graph/corpus.h"
#include "util/io.h"
#include "export/jsonld.h"
#include "export/serialize.h"
#include "util/sha256.h"
#include "util/utf8.h"

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

#define LICENSE_IRI "https://creativecommons.org/licenses/by/4.0/"
#define WIKIDATA_ENTITY "http://www.wikidata.org/entity/"

static const ilokg_prefix prefixes[] = {
    {"ilokg", ILOKG_NS},          {"rdf", ILOKG_NS_RDF},   {"rdfs", ILOKG_NS_RDFS},
    {"xsd", ILOKG_NS_XSD},        {"owl", ILOKG_NS_OWL},   {"skos", ILOKG_NS_SKOS},
    {"dcterms", ILOKG_NS_DCTERMS}, {"prov", ILOKG_NS_PROV}, {"nif", ILOKG_NS_NIF},
    {"org", ILOKG_NS_ORG},        {"void", ILOKG_NS_VOID}, {"dcat", ILOKG_NS_DCAT},
    {"spdx", ILOKG_NS_SPDX},
};

const ilokg_prefix *
ilokg_graph_prefixes(size_t *n)
{
    *n = sizeof prefixes / sizeof prefixes[0];
    return prefixes;
}

/* A reference to an entity met while adding documents; the reference graph describes each. */
#define REF_ACTION ILOKG_ENT_KIND_COUNT /* action classes are not gazetteer entities */
typedef struct {
    int         kind; /* ilokg_entity_kind or REF_ACTION */
    const char *id;   /* interned */
    bool        expand; /* regions named in the text list their members */
} entity_ref;

struct ilokg_graph {
    ilokg_diag  *diag;
    char        *base;
    ilokg_status st; /* first failure; every later add is a no-op */
    char       **strs; /* interned strings: open-addressing set */
    size_t       n_strs, cap_strs;
    ilokg_quad  *quads;
    size_t       n_quads, cap_quads;
    bool         sorted;
    const char  *cur; /* graph being added to */
    entity_ref  *refs;
    size_t       n_refs, cap_refs;
    size_t      *ref_slots; /* index + 1 into refs, 0 empty */
    size_t       cap_ref_slots;
    ilokg_buf    scratch;
};

/* ---- strings ------------------------------------------------------------------------------ */

static uint64_t
hash_bytes(const char *p, size_t len)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)p[i]) * 1099511628211u;
    }
    return h;
}

static ilokg_status
strs_grow(ilokg_graph *g)
{
    size_t cap  = g->cap_strs ? g->cap_strs * 2 : 4096;
    char **strs = calloc(cap, sizeof *strs);
    if (!strs) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < g->cap_strs; i++) {
        if (g->strs[i]) {
            size_t j = (size_t)hash_bytes(g->strs[i], strlen(g->strs[i])) & (cap - 1);
            while (strs[j]) {
                j = (j + 1) & (cap - 1);
            }
            strs[j] = g->strs[i];
        }
    }
    free(g->strs);
    g->strs     = strs;
    g->cap_strs = cap;
    return ILOKG_OK;
}

/* The graph's one copy of p[0, len); NULL after a failure (recorded in g->st). */
static const char *
intern_n(ilokg_graph *g, const char *p, size_t len)
{
    if (g->st) {
        return NULL;
    }
    if ((g->n_strs + 1) * 2 > g->cap_strs && (g->st = strs_grow(g))) {
        return NULL;
    }
    size_t j = (size_t)hash_bytes(p, len) & (g->cap_strs - 1);
    for (; g->strs[j]; j = (j + 1) & (g->cap_strs - 1)) {
        if (!strncmp(g->strs[j], p, len) && g->strs[j][len] == '\0') {
            return g->strs[j];
        }
    }
    char *s = ilokg_strndup(p, len);
    if (!s) {
        g->st = ILOKG_ERR_NOMEM;
        return NULL;
    }
    g->strs[j] = s;
    g->n_strs++;
    return s;
}

static const char *
intern(ilokg_graph *g, const char *s)
{
    return s ? intern_n(g, s, strlen(s)) : NULL;
}

static const char *
vformat(ilokg_graph *g, const char *prefix, const char *fmt, va_list ap)
{
    if (g->st) {
        return NULL;
    }
    g->scratch.len = 0;
    if ((prefix && (g->st = ilokg_buf_adds(&g->scratch, prefix))) ||
        (g->st = ilokg_buf_vprintf(&g->scratch, fmt, ap))) {
        return NULL;
    }
    return intern_n(g, g->scratch.ptr, g->scratch.len);
}

/* An interned string from a format. */
static const char *
fmt_str(ilokg_graph *g, const char *fmt, ...) ILOKG_PRINTF(2, 3);
static const char *
fmt_str(ilokg_graph *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = vformat(g, NULL, fmt, ap);
    va_end(ap);
    return s;
}

/* A resource IRI: the base followed by a formatted path. */
static const char *
res(ilokg_graph *g, const char *fmt, ...) ILOKG_PRINTF(2, 3);
static const char *
res(ilokg_graph *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = vformat(g, g->base, fmt, ap);
    va_end(ap);
    return s;
}

static bool
is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

/* An identifier as one IRI path segment: every byte outside RFC 3986 unreserved is
 * percent-encoded, so any manifest id or notation gives a valid, stable IRI. */
static const char *
seg(ilokg_graph *g, const char *id)
{
    if (g->st) {
        return NULL;
    }
    ilokg_buf b = ILOKG_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)id; *p && !g->st; p++) {
        g->st = is_unreserved(*p) ? ilokg_buf_addc(&b, (char)*p) :
                                    ilokg_buf_printf(&b, "%%%02X", *p);
    }
    const char *s = g->st ? NULL : intern_n(g, b.ptr ? b.ptr : "", b.len);
    ilokg_buf_free(&b);
    return s;
}

/* Whether s can stand as an absolute IRI in every syntax we write: a scheme, then no space,
 * control character or any of <>"{}|\^`. */
static bool
iri_ok(const char *s)
{
    const char *p = s;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
        return false;
    }
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.') {
        p++;
    }
    if (*p != ':') {
        return false;
    }
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c == 0x7F || strchr("<>\"{}|\\^`", c)) {
            return false;
        }
    }
    return true;
}

/* Text as a one-line label: runs of white space (line breaks of the PDF extraction) become
 * one space, ends trimmed. */
static const char *
one_line(ilokg_graph *g, const char *p, size_t len)
{
    if (g->st) {
        return NULL;
    }
    ilokg_buf b     = ILOKG_BUF_INIT;
    bool      space = false;
    for (size_t i = 0; i < len && !g->st; i++) {
        char c = p[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = b.len > 0;
            continue;
        }
        if (space) {
            g->st = ilokg_buf_addc(&b, ' ');
            space = false;
        }
        if (!g->st) {
            g->st = ilokg_buf_addc(&b, c);
        }
    }
    const char *s = g->st ? NULL : intern_n(g, b.ptr ? b.ptr : "", b.len);
    ilokg_buf_free(&b);
    return s;
}

static bool
all_digits(const char *s)
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
static bool
is_date(const char *s)
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

static bool
ascii_ieq(const char *a, const char *b)
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

static bool
nonempty(const char *s)
{
    return s && *s;
}

/* ---- statements --------------------------------------------------------------------------- */

static void
add(ilokg_graph *g, const char *s, const char *p, const char *o, bool literal, const char *dt,
    const char *lang)
{
    if (g->st || !s || !o) {
        return;
    }
    ilokg_quad q = {g->cur, intern(g, s), intern(g, p), intern(g, o), intern(g, dt),
                    intern(g, lang), literal};
    if (g->st || (g->st = ilokg_grow(&g->quads, &g->cap_quads, g->n_quads, sizeof q))) {
        return;
    }
    g->quads[g->n_quads++] = q;
    g->sorted              = false;
}

static void
t_iri(ilokg_graph *g, const char *s, const char *p, const char *o)
{
    add(g, s, p, o, false, NULL, NULL);
}

static void
t_str(ilokg_graph *g, const char *s, const char *p, const char *lex)
{
    add(g, s, p, lex, true, NULL, NULL);
}

static void
t_en(ilokg_graph *g, const char *s, const char *p, const char *lex)
{
    add(g, s, p, lex, true, NULL, "en");
}

static void
t_typed(ilokg_graph *g, const char *s, const char *p, const char *lex, const char *dt)
{
    add(g, s, p, lex, true, dt, NULL);
}

static void
t_num(ilokg_graph *g, const char *s, const char *p, size_t v, const char *dt)
{
    t_typed(g, s, p, fmt_str(g, "%zu", v), dt);
}

ilokg_status
ilokg_graph_add_quad(ilokg_graph *g, const char *gi, const char *s, const char *p, const char *o,
                     bool literal, const char *dt, const char *lang)
{
    const char *saved = g->cur;
    g->cur            = intern(g, gi);
    add(g, s, p, o, literal, dt, lang);
    g->cur = saved;
    return g->st;
}

/* ---- entity references -------------------------------------------------------------------- */

static ilokg_status
refs_rehash(ilokg_graph *g)
{
    size_t  cap   = g->cap_ref_slots ? g->cap_ref_slots * 2 : 256;
    size_t *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < g->n_refs; i++) {
        size_t j = ((uintptr_t)g->refs[i].id * 31u + (size_t)g->refs[i].kind) & (cap - 1);
        while (slots[j]) {
            j = (j + 1) & (cap - 1);
        }
        slots[j] = i + 1;
    }
    free(g->ref_slots);
    g->ref_slots     = slots;
    g->cap_ref_slots = cap;
    return ILOKG_OK;
}

/* Remembers that kind/id is referred to (ids are interned, so pointers compare). */
static void
ref_entity(ilokg_graph *g, int kind, const char *id, bool expand)
{
    id = intern(g, id);
    if (g->st || !id) {
        return;
    }
    if ((g->n_refs + 1) * 2 > g->cap_ref_slots && (g->st = refs_rehash(g))) {
        return;
    }
    size_t j = ((uintptr_t)id * 31u + (size_t)kind) & (g->cap_ref_slots - 1);
    for (; g->ref_slots[j]; j = (j + 1) & (g->cap_ref_slots - 1)) {
        entity_ref *r = &g->refs[g->ref_slots[j] - 1];
        if (r->id == id && r->kind == kind) {
            r->expand = r->expand || expand;
            return;
        }
    }
    if ((g->st = ilokg_grow(&g->refs, &g->cap_refs, g->n_refs, sizeof *g->refs))) {
        return;
    }
    g->refs[g->n_refs]  = (entity_ref){kind, id, expand};
    g->ref_slots[j]     = ++g->n_refs;
}

static const ilokg_entity *
find(const ilokg_gazetteer *gaz, ilokg_entity_kind kind, const char *id)
{
    return gaz ? ilokg_gazetteer_find(gaz, kind, id) : NULL;
}

static size_t
count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++) {
        n += *s == c;
    }
    return n;
}

static bool
sdg_code_ok(const char *id)
{
    for (const char *p = id; *p; p++) {
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || *p == '.')) {
            return false;
        }
    }
    return *id != '\0';
}

/* SDG goals and targets are the UN KOS concepts themselves (…/sdg/8.7), indicators the KOS
 * concept of their UNSD code (…/sdg/C080701). An indicator whose code is unknown gets a local
 * IRI rather than a guessed KOS one (UNSD codes are not derivable: 1.a.1 is C010a04). */
static const char *
sdg_iri(ilokg_graph *g, const char *id, const ilokg_entity *e)
{
    if (e && nonempty(e->iri) && iri_ok(e->iri)) {
        return intern(g, e->iri);
    }
    if (count_char(id, '.') < 2 && sdg_code_ok(id)) {
        return fmt_str(g, ILOKG_SDG_KOS "%s", id);
    }
    if (e && nonempty(e->unsd_code) && sdg_code_ok(e->unsd_code + 1) &&
        e->unsd_code[0] == 'C') {
        return fmt_str(g, ILOKG_SDG_KOS "%s", e->unsd_code);
    }
    return res(g, "sdg/%s", seg(g, id));
}

static const char *
entity_iri(ilokg_graph *g, int kind, const char *id, const ilokg_gazetteer *gaz)
{
    switch (kind) {
    case ILOKG_ENT_ACTOR: return res(g, "actor/%s", seg(g, id));
    case ILOKG_ENT_INSTRUMENT: return res(g, "instrument/%s", seg(g, id));
    case ILOKG_ENT_SDG: return sdg_iri(g, id, find(gaz, ILOKG_ENT_SDG, id));
    case ILOKG_ENT_COUNTRY: return res(g, "country/%s", seg(g, id));
    case ILOKG_ENT_REGION: return res(g, "region/%s", seg(g, id));
    case ILOKG_ENT_THEME: return res(g, "theme/%s", seg(g, id));
    default: return res(g, "action/%s", seg(g, id));
    }
}

/* ---- documents ---------------------------------------------------------------------------- */

static void
warn_doc(ilokg_graph *g, const ilokg_doc *doc, const char *fmt, ...) ILOKG_PRINTF(3, 4);
static void
warn_doc(ilokg_graph *g, const ilokg_doc *doc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ilokg_buf b = ILOKG_BUF_INIT;
    if (!ilokg_buf_vprintf(&b, fmt, ap)) {
        ilokg_report_at(g->diag, ILOKG_OK, doc->path ? doc->path : doc->meta.id, 0, 0, "%s",
                        b.ptr);
    }
    ilokg_buf_free(&b);
    va_end(ap);
}

static const char *
ordinal_suffix(const char *num)
{
    size_t n = strlen(num);
    if (n >= 2 && num[n - 2] == '1') {
        return "th";
    }
    switch (num[n - 1]) {
    case '1': return "st";
    case '2': return "nd";
    case '3': return "rd";
    default: return "th";
    }
}

static void
add_meeting(ilokg_graph *g, const ilokg_doc *doc, const char *d)
{
    const ilokg_meta *m = &doc->meta;
    const char       *prefix, *cls;
    if (!strcmp(m->type, "HLMConclusions")) {
        prefix = "hlm", cls = ILO("HighLevelMeeting");
    } else if (!strcmp(m->type, "ILCConclusions")) {
        prefix = "ilc", cls = ILO("ConferenceSession");
    } else {
        return;
    }
    if (!all_digits(m->meeting_number)) {
        if (nonempty(m->meeting_number)) {
            warn_doc(g, doc, "meeting number '%s' is not a number; no meeting recorded",
                     m->meeting_number);
        }
        return;
    }
    const char *mt = res(g, "meeting/%s-%s", prefix, m->meeting_number);
    t_iri(g, d, ILO("meeting"), mt);
    t_iri(g, mt, A, ILO("Meeting"));
    t_iri(g, mt, A, cls);
    t_typed(g, mt, ILO("meetingNumber"), m->meeting_number, XSD("integer"));
    t_en(g, mt, RDFS("label"),
         prefix[0] == 'h' ?
             fmt_str(g, "%s%s High Level Meeting of the ILO and the European Commission",
                     m->meeting_number, ordinal_suffix(m->meeting_number)) :
             fmt_str(g, "International Labour Conference, %s%s Session", m->meeting_number,
                     ordinal_suffix(m->meeting_number)));
    if (nonempty(m->place)) {
        t_str(g, mt, ILO("place"), m->place);
    }
    const char *dates[2][2] = {{m->start_date, ILO("startDate")}, {m->end_date, ILO("endDate")}};
    for (int i = 0; i < 2; i++) {
        if (is_date(dates[i][0])) {
            t_typed(g, mt, dates[i][1], dates[i][0], XSD("date"));
        } else if (nonempty(dates[i][0])) {
            warn_doc(g, doc, "meeting date '%s' is not YYYY-MM-DD; left out", dates[i][0]);
        }
    }
}

static const char *
doc_type_iri(const char *type)
{
    static const char *const known[][2] = {
        {"HLMConclusions", ILO("HLMConclusions")},
        {"ILCConclusions", ILO("ILCConclusions")},
        {"ProgrammingNote", ILO("ProgrammingNote")},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (!strcmp(type, known[i][0])) {
            return known[i][1];
        }
    }
    return NULL;
}

/* The source span's exact bytes, when they are whole UTF-8 characters inside the file. */
static bool
span_ok(const ilokg_doc *doc, ilokg_span sp)
{
    return doc->bytes && sp.start < sp.end && sp.end <= doc->len &&
           ilokg_utf8_validate(doc->bytes + sp.start, sp.end - sp.start) == sp.end - sp.start &&
           (sp.end == doc->len || ((unsigned char)doc->bytes[sp.end] & 0xC0) != 0x80);
}

static void
add_span(ilokg_graph *g, const ilokg_doc *doc, const char *s, ilokg_span sp, const char *ctx)
{
    t_num(g, s, NIF("beginIndex"), ilokg_doc_char_offset(doc, sp.start),
          XSD("nonNegativeInteger"));
    t_num(g, s, NIF("endIndex"), ilokg_doc_char_offset(doc, sp.end), XSD("nonNegativeInteger"));
    t_iri(g, s, NIF("referenceContext"), ctx);
}

static void
add_themes(ilokg_graph *g, const char *s, const char *const *themes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        t_iri(g, s, ILO("theme"), res(g, "theme/%s", seg(g, themes[i])));
        ref_entity(g, ILOKG_ENT_THEME, themes[i], false);
    }
}

static const char *
commitment_iri(ilokg_graph *g, const char *id, size_t seq)
{
    return res(g, "doc/%s/commitment/%zu", id, seq);
}

static bool
has_commitment(const ilokg_doc *doc, size_t seq)
{
    if (seq >= 1 && seq <= doc->n_commitments && doc->commitments[seq - 1].seq == seq) {
        return true;
    }
    for (size_t i = 0; i < doc->n_commitments; i++) {
        if (doc->commitments[i].seq == seq) {
            return true;
        }
    }
    return false;
}

static void
add_commitment(ilokg_graph *g, const ilokg_doc *doc, const ilokg_commitment *c, const char *id,
               const char *d, const char *ctx)
{
    const char *ci = commitment_iri(g, id, c->seq);
    t_iri(g, ci, A, ILO("Commitment"));
    t_iri(g, ci, ILO("document"), d);
    t_iri(g, ci, PROV("wasDerivedFrom"), d);
    if (c->section < doc->n_sections) {
        t_iri(g, ci, ILO("section"), res(g, "doc/%s/section/%zu", id, c->section + 1));
    } else {
        warn_doc(g, doc, "commitment %zu lies in no section", c->seq);
    }
    for (size_t i = 0; i < c->n_actors; i++) {
        t_iri(g, ci, ILO("actor"), res(g, "actor/%s", seg(g, c->actors[i])));
        ref_entity(g, ILOKG_ENT_ACTOR, c->actors[i], false);
    }
    t_iri(g, ci, ILO("modality"), fmt_str(g, ILOKG_NS "%s", ilokg_modality_name(c->modality)));
    if (c->number[0]) {
        t_str(g, ci, ILO("itemNumber"), c->number);
    }
    t_num(g, ci, ILO("sequence"), c->seq, XSD("integer"));
    t_str(g, ci, ILO("text"), c->text ? c->text : "");
    t_en(g, ci, RDFS("label"),
         c->number[0] ? fmt_str(g, "%s commitment %zu (item %s)", doc->meta.id, c->seq, c->number) :
                        fmt_str(g, "%s commitment %zu", doc->meta.id, c->seq));
    add_span(g, doc, ci, c->span, ctx);
    if (span_ok(doc, c->leadin)) {
        t_str(g, ci, ILO("leadIn"),
              one_line(g, doc->bytes + c->leadin.start, c->leadin.end - c->leadin.start));
    }
    if (nonempty(c->verb)) {
        t_str(g, ci, ILO("verb"), c->verb);
    }
    if (nonempty(c->action)) {
        t_iri(g, ci, ILO("actionClass"), res(g, "action/%s", seg(g, c->action)));
        ref_entity(g, REF_ACTION, c->action, false);
    }
    add_themes(g, ci, c->themes, c->n_themes);
}

static void
add_mention(ilokg_graph *g, const ilokg_doc *doc, const ilokg_mention *m, const char *id,
            const char *d, const char *ctx, const ilokg_gazetteer *gaz)
{
    if (!nonempty(m->id) || (int)m->kind < 0 || m->kind >= ILOKG_ENT_KIND_COUNT) {
        return;
    }
    if (!span_ok(doc, m->span)) {
        warn_doc(g, doc, "mention of %s at bytes %zu-%zu does not delimit whole characters; "
                         "left out", m->id, m->span.start, m->span.end);
        return;
    }
    const char *ent = entity_iri(g, (int)m->kind, m->id, gaz);
    const char *mi  = res(g, "doc/%s/mention/%zu-%zu", id, ilokg_doc_char_offset(doc, m->span.start),
                          ilokg_doc_char_offset(doc, m->span.end));
    const char *anchor = intern_n(g, doc->bytes + m->span.start, m->span.end - m->span.start);
    ref_entity(g, (int)m->kind, m->id, m->kind == ILOKG_ENT_REGION);
    t_iri(g, mi, A, ILO("Mention"));
    t_iri(g, mi, ILO("refersTo"), ent);
    t_iri(g, mi, ILO("document"), d);
    t_str(g, mi, NIF("anchorOf"), anchor);
    t_en(g, mi, RDFS("label"), one_line(g, doc->bytes + m->span.start,
                                        m->span.end - m->span.start));
    add_span(g, doc, mi, m->span, ctx);
    if (m->indirect) {
        t_typed(g, mi, ILO("indirect"), "true", XSD("boolean"));
    }
    if (m->commitment && has_commitment(doc, m->commitment)) {
        const char *ci = commitment_iri(g, id, m->commitment);
        t_iri(g, mi, ILO("inCommitment"), ci);
        t_iri(g, ci, ILO("mentions"), ent);
    }
}

ilokg_status
ilokg_graph_add_doc(ilokg_graph *g, const ilokg_doc *doc, const ilokg_gazetteer *gaz)
{
    const ilokg_meta *m  = &doc->meta;
    const char       *id = seg(g, m->id);
    const char       *d  = res(g, "doc/%s", id);
    const char       *f  = res(g, "doc/%s/source", id);
    const char       *ck = res(g, "doc/%s/source/sha256", id);
    const char       *cx = res(g, "doc/%s/text", id);
    g->cur               = res(g, "graph/%s", id);

    t_iri(g, d, A, ILO("Document"));
    t_str(g, d, DCT("identifier"), m->id);
    const char *title = nonempty(m->title) ? m->title : m->id;
    t_en(g, d, DCT("title"), title);
    t_en(g, d, RDFS("label"), title);
    const char *type = doc_type_iri(m->type);
    if (type) {
        t_iri(g, d, DCT("type"), type);
    } else if (nonempty(m->type)) {
        warn_doc(g, doc, "unknown document type '%s'; no dcterms:type recorded", m->type);
    }
    if (is_date(m->issued)) {
        t_typed(g, d, DCT("issued"), m->issued, XSD("date"));
    } else if (nonempty(m->issued)) {
        warn_doc(g, doc, "issued date '%s' is not YYYY-MM-DD; left out", m->issued);
    }
    add_meeting(g, doc, d);

    /* The file as shipped: name, size and SHA-256, so a reader can check that offsets and
     * anchors refer to the same bytes. */
    char hex[ILOKG_SHA256_HEX_LEN + 1];
    ilokg_sha256_hex(hex, doc->bytes ? doc->bytes : "", doc->bytes ? doc->len : 0);
    const char *fname = nonempty(m->file) ? m->file : m->id;
    t_iri(g, d, ILO("sourceFile"), f);
    t_iri(g, f, A, SPDX("File"));
    t_str(g, f, SPDX("fileName"), fname);
    t_en(g, f, RDFS("label"), fmt_str(g, "source file %s", fname));
    t_num(g, f, DCAT("byteSize"), doc->len, XSD("nonNegativeInteger"));
    t_str(g, f, DCAT("mediaType"), "text/plain; charset=utf-8");
    t_iri(g, f, SPDX("checksum"), ck);
    t_iri(g, ck, A, SPDX("Checksum"));
    t_iri(g, ck, SPDX("algorithm"), SPDX("checksumAlgorithm_sha256"));
    t_typed(g, ck, SPDX("checksumValue"), hex, XSD("hexBinary"));
    t_en(g, ck, RDFS("label"), fmt_str(g, "SHA-256 of %s", fname));

    /* NIF context: the whole text as shipped; every span's offsets count from its start. */
    t_iri(g, cx, A, NIF("Context"));
    t_num(g, cx, NIF("beginIndex"), 0, XSD("nonNegativeInteger"));
    t_num(g, cx, NIF("endIndex"), ilokg_doc_char_offset(doc, doc->len), XSD("nonNegativeInteger"));
    t_iri(g, cx, NIF("sourceUrl"), f);
    t_iri(g, cx, ILO("document"), d);
    t_en(g, cx, RDFS("label"), fmt_str(g, "text of %s", m->id));

    for (size_t i = 0; i < doc->n_sections; i++) {
        const ilokg_section *sec = &doc->sections[i];
        const char          *si  = res(g, "doc/%s/section/%zu", id, i + 1);
        const char *heading = sec->heading ? one_line(g, sec->heading, strlen(sec->heading)) : "";
        t_iri(g, si, A, ILO("Section"));
        t_iri(g, si, ILO("document"), d);
        t_num(g, si, ILO("order"), i + 1, XSD("integer"));
        t_en(g, si, RDFS("label"),
             heading && *heading ? heading : fmt_str(g, "%s section %zu", m->id, i + 1));
        if (heading && *heading) {
            t_str(g, si, ILO("heading"), heading);
        }
        if (nonempty(sec->part)) {
            t_str(g, si, ILO("part"), one_line(g, sec->part, strlen(sec->part)));
        }
        add_themes(g, si, sec->themes, sec->n_themes);
    }
    for (size_t i = 0; i < doc->n_commitments; i++) {
        add_commitment(g, doc, &doc->commitments[i], id, d, cx);
    }
    for (size_t i = 0; i < doc->n_mentions; i++) {
        add_mention(g, doc, &doc->mentions[i], id, d, cx, gaz);
    }
    g->cur = NULL;
    return g->st;
}

/* ---- reference entities ------------------------------------------------------------------- */

typedef struct {
    const ilokg_entity **items;
    size_t               n, cap;
    ilokg_status         st;
} entity_list;

static void
collect_entity(const ilokg_entity *e, void *payload)
{
    entity_list *l = payload;
    if (!l->st && !(l->st = ilokg_grow(&l->items, &l->cap, l->n, sizeof *l->items))) {
        l->items[l->n++] = e;
    }
}

static void
add_wikidata(ilokg_graph *g, const char *s, const char *qid)
{
    if (!nonempty(qid)) {
        return;
    }
    if (qid[0] == 'Q' && all_digits(qid + 1)) {
        t_iri(g, s, SKOS("exactMatch"), fmt_str(g, WIKIDATA_ENTITY "%s", qid));
    } else if (iri_ok(qid)) {
        t_iri(g, s, SKOS("exactMatch"), qid);
    }
}

static void
add_link(ilokg_graph *g, const char *s, const char *p, const char *iri)
{
    if (nonempty(iri) && iri_ok(iri)) {
        t_iri(g, s, p, iri);
    }
}

static void
add_membership(ilokg_graph *g, const char *member, const char *region_id)
{
    const char *r = res(g, "region/%s", seg(g, region_id));
    t_iri(g, member, ILO("memberOf"), r);
    t_iri(g, r, ILO("hasMember"), member);
    ref_entity(g, ILOKG_ENT_REGION, region_id, false);
}

/* Memberships up the region hierarchy, materialised (a country in Western Africa is also in
 * Sub-Saharan Africa, Africa and the World) so queries need no property paths. */
static void
add_region_ancestors(ilokg_graph *g, const char *member, const char *region_id,
                     const ilokg_gazetteer *gaz)
{
    const char *id = region_id;
    for (int depth = 0; nonempty(id) && depth < 16; depth++) {
        add_membership(g, member, id);
        const ilokg_entity *r = find(gaz, ILOKG_ENT_REGION, id);
        id                    = r ? r->parent : NULL;
    }
}

static void
add_actor(ilokg_graph *g, const char *s, const char *id, const ilokg_entity *e)
{
    static const char *const org_types[] = {"FormalOrganization", "OrganizationalUnit",
                                            "Organization"};
    const char *org = ORG("Organization");
    for (size_t i = 0; e && e->type && i < sizeof org_types / sizeof org_types[0]; i++) {
        if (!strcmp(e->type, org_types[i])) {
            org = fmt_str(g, ILOKG_NS_ORG "%s", org_types[i]);
        }
    }
    t_iri(g, s, A, ILO("Actor"));
    t_iri(g, s, A, org);
    if (e && nonempty(e->alt_label)) {
        t_en(g, s, SKOS("altLabel"), e->alt_label);
    }
    if (e && nonempty(e->parent)) {
        const char *p = res(g, "actor/%s", seg(g, e->parent));
        t_iri(g, s, ORG("subOrganizationOf"), p);
        t_iri(g, p, ORG("hasSubOrganization"), s);
        ref_entity(g, ILOKG_ENT_ACTOR, e->parent, false);
    }
    (void)id;
}

static void
add_instrument(ilokg_graph *g, const char *s, const char *id, const ilokg_entity *e)
{
    static const char *const classes[] = {"Convention", "Protocol", "Recommendation",
                                          "Declaration"};
    const char *cls = NULL;
    for (size_t i = 0; e && e->type && i < sizeof classes / sizeof classes[0]; i++) {
        if (ascii_ieq(e->type, classes[i])) {
            cls = classes[i];
        }
    }
    if (!cls) {
        /* ILO numbering: C189, P029, R204; the Maritime Labour Convention is MLC2006. */
        cls = (id[0] == 'C' && all_digits(id + 1)) || !strncmp(id, "MLC", 3) ? "Convention" :
              id[0] == 'P' && all_digits(id + 1)                            ? "Protocol" :
              id[0] == 'R' && all_digits(id + 1)                            ? "Recommendation" :
                                                                              "Declaration";
    }
    t_iri(g, s, A, ILO("Instrument"));
    t_iri(g, s, A, fmt_str(g, ILOKG_NS "%s", cls));
    if (e) {
        add_link(g, s, ILO("normlex"), e->normlex);
        if (nonempty(e->year) && strlen(e->year) == 4 && all_digits(e->year)) {
            t_typed(g, s, ILO("yearAdopted"), e->year, XSD("gYear"));
        }
        if (nonempty(e->status) && ascii_ieq(e->status, "fundamental")) {
            t_iri(g, s, ILO("standardsCategory"), ILO("Fundamental"));
        } else if (nonempty(e->status) && ascii_ieq(e->status, "governance")) {
            t_iri(g, s, ILO("standardsCategory"), ILO("Governance"));
        }
        if (nonempty(e->paired)) {
            const char *r = res(g, "instrument/%s", seg(g, e->paired));
            t_iri(g, r, ILO("supplements"), s);
            t_iri(g, s, ILO("supplementedBy"), r);
            ref_entity(g, ILOKG_ENT_INSTRUMENT, e->paired, false);
        }
    }
    /* A Protocol carries the number of the Convention it amends (P029 to C029). */
    if (!strcmp(cls, "Protocol") && id[0] == 'P' && all_digits(id + 1)) {
        const char *conv = fmt_str(g, "C%s", id + 1);
        const char *c    = res(g, "instrument/%s", seg(g, conv));
        t_iri(g, s, ILO("supplements"), c);
        t_iri(g, c, ILO("supplementedBy"), s);
        ref_entity(g, ILOKG_ENT_INSTRUMENT, conv, false);
    }
}

/* The parent notation of an SDG target or indicator: "8.7.1" -> "8.7" -> "8". */
static const char *
sdg_parent(ilokg_graph *g, const char *id, const ilokg_entity *e)
{
    if (e && nonempty(e->parent)) {
        return intern(g, e->parent);
    }
    const char *dot = strrchr(id, '.');
    return dot ? intern_n(g, id, (size_t)(dot - id)) : NULL;
}

static void
add_sdg(ilokg_graph *g, const char *s, const char *id, const ilokg_entity *e,
        const ilokg_gazetteer *gaz)
{
    static const char *const classes[] = {"SDGGoal", "SDGTarget", "SDGIndicator"};
    size_t                   level     = count_char(id, '.');
    if (e && e->type) {
        level = ascii_ieq(e->type, "goal") ? 0 : ascii_ieq(e->type, "target") ? 1 : 2;
    }
    t_iri(g, s, A, fmt_str(g, ILOKG_NS "%s", classes[level > 2 ? 2 : level]));
    t_iri(g, s, A, SKOS("Concept"));
    if (e && nonempty(e->alt_label)) {
        t_en(g, s, SKOS("altLabel"), e->alt_label);
    }
    if (e && nonempty(e->unsd_code)) {
        t_str(g, s, ILO("unsdCode"), e->unsd_code);
    }
    const char *parent = sdg_parent(g, id, e);
    for (int depth = 0; parent && *parent && depth < 4; depth++) {
        const ilokg_entity *pe = find(gaz, ILOKG_ENT_SDG, parent);
        const char         *pi = sdg_iri(g, parent, pe);
        if (depth == 0) {
            t_iri(g, s, SKOS("broader"), pi);
            t_iri(g, pi, SKOS("narrower"), s);
        }
        t_iri(g, s, SKOS("broaderTransitive"), pi);
        ref_entity(g, ILOKG_ENT_SDG, parent, false);
        parent = sdg_parent(g, parent, pe);
    }
}

static void
add_country(ilokg_graph *g, const char *s, const char *id, const ilokg_entity *e,
            const ilokg_gazetteer *gaz, const entity_list *regions)
{
    t_iri(g, s, A, ILO("Country"));
    if (!e) {
        return;
    }
    if (nonempty(e->alpha2)) {
        t_str(g, s, ILO("alpha2"), e->alpha2);
    }
    if (nonempty(e->m49)) {
        t_str(g, s, ILO("m49"), e->m49);
    }
    add_link(g, s, SKOS("exactMatch"), e->op_iri);
    const char *direct[2] = {e->m49_subregion, e->m49_region};
    for (int i = 0; i < 2; i++) {
        if (nonempty(direct[i])) {
            add_region_ancestors(g, s, direct[i], gaz);
        }
    }
    for (size_t i = 0; i < regions->n; i++) {
        const ilokg_entity *r = regions->items[i];
        for (size_t j = 0; j < r->n_members; j++) {
            if (r->members[j] && !strcmp(r->members[j], id)) {
                add_region_ancestors(g, s, r->id, gaz);
                break;
            }
        }
    }
}

static void
add_region(ilokg_graph *g, const char *s, const entity_ref *ref, const ilokg_entity *e,
           const ilokg_gazetteer *gaz)
{
    t_iri(g, s, A, ILO("Region"));
    if (!e) {
        return;
    }
    if (nonempty(e->m49)) {
        t_str(g, s, ILO("m49"), e->m49);
    }
    if (nonempty(e->parent)) {
        add_region_ancestors(g, s, e->parent, gaz);
    }
    /* A region named in the text lists its members, so "commitments about Africa" reach the
     * countries; regions reached only as someone's ancestor do not (the World would list all). */
    for (size_t i = 0; ref->expand && i < e->n_members; i++) {
        if (nonempty(e->members[i])) {
            const char *c = res(g, "country/%s", seg(g, e->members[i]));
            t_iri(g, s, ILO("hasMember"), c);
            t_iri(g, c, ILO("memberOf"), s);
            ref_entity(g, ILOKG_ENT_COUNTRY, e->members[i], false);
        }
    }
}

static const char *
action_label(const char *code)
{
    static const char *const labels[][2] = {
        {"firm", "firm action"},
        {"explore", "exploratory action"},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (!strcmp(code, labels[i][0])) {
            return labels[i][1];
        }
    }
    return code;
}

static const char *const kind_names[] = {"actor", "instrument", "SDG", "country", "region",
                                         "theme", "action class"};

static void
add_entity(ilokg_graph *g, const entity_ref *ref, const ilokg_gazetteer *gaz,
           const entity_list *regions, bool *schemes)
{
    const ilokg_entity *e =
        ref->kind < ILOKG_ENT_KIND_COUNT ? find(gaz, (ilokg_entity_kind)ref->kind, ref->id) : NULL;
    const char *s = entity_iri(g, ref->kind, ref->id, gaz);
    if (gaz && !e && ref->kind < ILOKG_ENT_KIND_COUNT && ref->kind != ILOKG_ENT_THEME) {
        ilokg_report_at(g->diag, ILOKG_OK, NULL, 0, 0,
                        "no reference entry for %s '%s'; its notation stands as its label",
                        kind_names[ref->kind], ref->id);
    }
    t_str(g, s, SKOS("notation"), ref->id);
    const char *label = e && nonempty(e->label) ? e->label : NULL;
    switch (ref->kind) {
    case ILOKG_ENT_ACTOR: add_actor(g, s, ref->id, e); break;
    case ILOKG_ENT_INSTRUMENT: add_instrument(g, s, ref->id, e); break;
    case ILOKG_ENT_SDG:
        add_sdg(g, s, ref->id, e, gaz);
        if (!label) {
            label = fmt_str(g, "SDG %s", ref->id);
        }
        break;
    case ILOKG_ENT_COUNTRY: add_country(g, s, ref->id, e, gaz, regions); break;
    case ILOKG_ENT_REGION: add_region(g, s, ref, e, gaz); break;
    case ILOKG_ENT_THEME:
        t_iri(g, s, A, ILO("Theme"));
        t_iri(g, s, A, SKOS("Concept"));
        t_iri(g, s, SKOS("inScheme"), res(g, "theme"));
        schemes[0] = true;
        break;
    default:
        t_iri(g, s, A, ILO("ActionClass"));
        t_iri(g, s, A, SKOS("Concept"));
        t_iri(g, s, SKOS("inScheme"), res(g, "action"));
        label      = action_label(ref->id);
        schemes[1] = true;
        break;
    }
    t_en(g, s, RDFS("label"), label ? label : ref->id);
    if (e) {
        add_wikidata(g, s, e->wikidata);
        add_link(g, s, RDFS("seeAlso"), e->see_also);
    }
}

ilokg_status
ilokg_graph_add_reference(ilokg_graph *g, const ilokg_gazetteer *gaz)
{
    static const char *const modalities[][2] = {
        {"Will", "will (firm undertaking)"},
        {"Intend", "intend (declared intention)"},
        {"Should", "should (recommendation)"},
        {"OtherModality", "other modality"},
    };
    entity_list regions = {0};
    bool        schemes[2] = {false, false};
    if (gaz) {
        ilokg_gazetteer_each(gaz, ILOKG_ENT_REGION, collect_entity, &regions);
        if (regions.st) {
            g->st = regions.st;
        }
    }
    g->cur = res(g, "graph/reference");
    for (size_t i = 0; i < g->n_refs && !g->st; i++) {
        entity_ref ref = g->refs[i]; /* a copy: add_entity may grow g->refs */
        add_entity(g, &ref, gaz, &regions, schemes);
    }
    const char *scheme_labels[2][2] = {{"theme", "themes of sections and commitments"},
                                       {"action", "classes of action undertaken"}};
    for (int i = 0; i < 2; i++) {
        if (schemes[i]) {
            const char *sc = res(g, "%s", scheme_labels[i][0]);
            t_iri(g, sc, A, SKOS("ConceptScheme"));
            t_en(g, sc, RDFS("label"), scheme_labels[i][1]);
        }
    }
    for (size_t i = 0; i < sizeof modalities / sizeof modalities[0]; i++) {
        const char *mo = fmt_str(g, ILOKG_NS "%s", modalities[i][0]);
        t_iri(g, mo, A, ILO("Modality"));
        t_iri(g, mo, A, SKOS("Concept"));
        t_str(g, mo, SKOS("notation"), modalities[i][0]);
        t_en(g, mo, RDFS("label"), modalities[i][1]);
    }
    free(regions.items);
    g->cur = NULL;
    return g->st;
}

/* ---- sorting ------------------------------------------------------------------------------ */

static int
cmp_opt(const char *a, const char *b)
{
    return a == b ? 0 : !a ? -1 : !b ? 1 : strcmp(a, b);
}

int
ilokg_quad_cmp_triple(const ilokg_quad *a, const ilokg_quad *b)
{
    int c;
    if ((c = strcmp(a->s, b->s)) || (c = strcmp(a->p, b->p))) {
        return c;
    }
    if (a->literal != b->literal) {
        return a->literal ? 1 : -1;
    }
    if ((c = strcmp(a->o, b->o)) || (c = cmp_opt(a->dt, b->dt))) {
        return c;
    }
    return cmp_opt(a->lang, b->lang);
}

static int
cmp_quad(const void *x, const void *y)
{
    const ilokg_quad *a = x, *b = y;
    int               c = strcmp(a->g, b->g);
    return c ? c : ilokg_quad_cmp_triple(a, b);
}

static int
cmp_quad_ptr(const void *x, const void *y)
{
    return ilokg_quad_cmp_triple(*(const ilokg_quad *const *)x, *(const ilokg_quad *const *)y);
}

const ilokg_quad *
ilokg_graph_quads(ilokg_graph *g, size_t *n)
{
    if (!g->sorted) {
        if (g->n_quads) {
            qsort(g->quads, g->n_quads, sizeof *g->quads, cmp_quad);
        }
        size_t k = 0;
        for (size_t i = 0; i < g->n_quads; i++) {
            if (!k || cmp_quad(&g->quads[k - 1], &g->quads[i])) {
                g->quads[k++] = g->quads[i];
            }
        }
        g->n_quads = k;
        g->sorted  = true;
    }
    *n = g->n_quads;
    return g->quads;
}

ilokg_status
ilokg_graph_triples(const ilokg_quad ***out, size_t *n, ilokg_graph *g)
{
    size_t            nq;
    const ilokg_quad *q = ilokg_graph_quads(g, &nq);
    const ilokg_quad **t = malloc((nq ? nq : 1) * sizeof *t);
    if (!t) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < nq; i++) {
        t[i] = &q[i];
    }
    if (nq) {
        qsort(t, nq, sizeof *t, cmp_quad_ptr);
    }
    size_t k = 0;
    for (size_t i = 0; i < nq; i++) {
        if (!k || ilokg_quad_cmp_triple(t[k - 1], t[i])) {
            t[k++] = t[i];
        }
    }
    *out = t;
    *n   = k;
    return ILOKG_OK;
}

/* ---- dataset description ------------------------------------------------------------------ */

ilokg_status
ilokg_graph_add_dataset(ilokg_graph *g, const ilokg_doc *const *docs, size_t n_docs,
                        const char *issued)
{
    static const char *const classes[] = {
        "Document", "Meeting", "Section", "Commitment", "Mention", "Actor", "Instrument",
        "SDGGoal", "SDGTarget", "SDGIndicator", "Country", "Region",
    };
    static const char *const formats[][3] = {
        {"turtle", "Turtle", "text/turtle"},
        {"ntriples", "N-Triples", "application/n-triples"},
        {"nquads", "N-Quads", "application/n-quads"},
        {"trig", "TriG", "application/trig"},
        {"rdfxml", "RDF/XML", "application/rdf+xml"},
        {"jsonld", "JSON-LD", "application/ld+json"},
    };
    static const char *const vocabularies[] = {
        ILOKG_NS, ILOKG_NS_SKOS, ILOKG_NS_DCTERMS, ILOKG_NS_PROV, ILOKG_NS_NIF, ILOKG_NS_ORG,
        ILOKG_NS_SPDX,
    };
    if (g->st) {
        return g->st;
    }
    /* Counts describe the document and reference graphs, i.e. everything added before. */
    const ilokg_quad **t = NULL;
    size_t             nt = 0, n_subjects = 0, counts[sizeof classes / sizeof classes[0]] = {0};
    if ((g->st = ilokg_graph_triples(&t, &nt, g))) {
        return g->st;
    }
    for (size_t i = 0; i < nt; i++) {
        n_subjects += !i || strcmp(t[i - 1]->s, t[i]->s);
        if (!t[i]->literal && !strcmp(t[i]->p, A) && !strncmp(t[i]->o, ILOKG_NS, strlen(ILOKG_NS))) {
            for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++) {
                if (!strcmp(t[i]->o + strlen(ILOKG_NS), classes[c])) {
                    counts[c]++;
                }
            }
        }
    }
    free(t);

    const char *ds  = res(g, "dataset");
    const char *gen = res(g, "dataset/generation");
    const char *sw  = res(g, "software/ilokg/%s", ILOKG_VERSION);
    g->cur          = res(g, "graph/dataset");
    t_iri(g, ds, A, VOID("Dataset"));
    t_iri(g, ds, A, DCAT("Dataset"));
    t_en(g, ds, DCT("title"), "ILO and European Commission policy commitments");
    t_en(g, ds, RDFS("label"), "ILO and European Commission policy commitments");
    t_en(g, ds, DCT("description"),
         "Commitments undertaken in ILO and European Commission policy documents, the actors "
         "undertaking them, and the instruments, SDG goals, targets and indicators, countries "
         "and regions they mention, each linked to its exact span in the source text.");
    t_iri(g, ds, DCT("license"), LICENSE_IRI);
    t_iri(g, ds, DCT("conformsTo"), ILOKG_ONTOLOGY_IRI);
    t_str(g, ds, VOID("uriSpace"), g->base);
    for (size_t i = 0; i < sizeof vocabularies / sizeof vocabularies[0]; i++) {
        t_iri(g, ds, VOID("vocabulary"), vocabularies[i]);
    }
    t_num(g, ds, VOID("triples"), nt, XSD("integer"));
    t_num(g, ds, VOID("entities"), n_subjects, XSD("integer"));
    for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++) {
        const char *part = res(g, "dataset/class/%s", classes[c]);
        t_iri(g, ds, VOID("classPartition"), part);
        t_iri(g, part, VOID("class"), fmt_str(g, ILOKG_NS "%s", classes[c]));
        t_num(g, part, VOID("entities"), counts[c], XSD("integer"));
        t_en(g, part, RDFS("label"), fmt_str(g, "instances of ilokg:%s", classes[c]));
    }
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        const char *dist = res(g, "dataset/distribution/%s", formats[i][0]);
        t_iri(g, ds, DCAT("distribution"), dist);
        t_iri(g, dist, A, DCAT("Distribution"));
        t_en(g, dist, DCT("title"), formats[i][1]);
        t_en(g, dist, RDFS("label"), fmt_str(g, "%s serialisation", formats[i][1]));
        t_iri(g, dist, DCAT("mediaType"),
              fmt_str(g, "https://www.iana.org/assignments/media-types/%s", formats[i][2]));
        t_iri(g, dist, DCT("license"), LICENSE_IRI);
    }
    t_iri(g, ds, PROV("wasGeneratedBy"), gen);
    t_iri(g, gen, A, PROV("Activity"));
    t_en(g, gen, RDFS("label"), "conversion of the source documents by ilokg convert");
    t_iri(g, gen, PROV("wasAssociatedWith"), sw);
    t_iri(g, sw, A, PROV("SoftwareAgent"));
    t_en(g, sw, RDFS("label"), "ilokg " ILOKG_VERSION);
    t_str(g, sw, OWL("versionInfo"), ILOKG_VERSION);
    for (size_t i = 0; i < n_docs; i++) {
        const char *id = seg(g, docs[i]->meta.id);
        const char *f  = res(g, "doc/%s/source", id);
        t_iri(g, ds, VOID("rootResource"), res(g, "doc/%s", id));
        t_iri(g, ds, DCT("source"), f);
        t_iri(g, gen, PROV("used"), f);
    }
    if (issued) {
        t_typed(g, ds, DCT("issued"), issued, XSD("dateTime"));
        t_typed(g, ds, DCT("modified"), issued, XSD("dateTime"));
        t_typed(g, gen, PROV("endedAtTime"), issued, XSD("dateTime"));
    }
    g->cur = NULL;
    return g->st;
}

/* ---- life cycle --------------------------------------------------------------------------- */

ilokg_status
ilokg_graph_new(ilokg_graph **out, const char *base, ilokg_diag *diag)
{
    if (!base) {
        base = ILOKG_DEFAULT_BASE;
    }
    if (!iri_ok(base) || strchr(base, '%') || strchr(base, '?')) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                               "base '%s' is not an absolute IRI usable as a prefix "
                               "(scheme, no spaces, no <>\"{}|\\^`%%?)", base);
    }
    ilokg_graph *g = calloc(1, sizeof *g);
    if (!g) {
        return ILOKG_ERR_NOMEM;
    }
    size_t len = strlen(base);
    bool   end = base[len - 1] == '/' || base[len - 1] == '#';
    g->diag    = diag;
    g->base    = malloc(len + 2);
    if (!g->base) {
        free(g);
        return ILOKG_ERR_NOMEM;
    }
    memcpy(g->base, base, len);
    if (!end) {
        g->base[len++] = '/';
    }
    g->base[len] = '\0';
    *out         = g;
    return ILOKG_OK;
}

void
ilokg_graph_free(ilokg_graph *g)
{
    if (!g) {
        return;
    }
    for (size_t i = 0; i < g->cap_strs; i++) {
        free(g->strs[i]);
    }
    free(g->strs);
    free(g->quads);
    free(g->refs);
    free(g->ref_slots);
    ilokg_buf_free(&g->scratch);
    free(g->base);
    free(g);
}

const char *
ilokg_graph_base(const ilokg_graph *g)
{
    return g->base;
}

/* ---- librdf world ------------------------------------------------------------------------- */

static int
log_handler(void *user_data, librdf_log_message *message)
{
    ilokg_world       *w     = user_data;
    librdf_log_level   level = librdf_log_message_level(message);
    const char        *text  = librdf_log_message_message(message);
    raptor_locator    *loc   = librdf_log_message_locator(message);
    const char        *file  = NULL;
    size_t             line = 0, col = 0;
    if (level < LIBRDF_LOG_WARN) {
        return 1;
    }
    if (loc) {
        file = raptor_locator_file(loc);
        if (!file) {
            file = raptor_locator_uri(loc);
            if (file && !strncmp(file, "file://", 7)) {
                file += 7;
            }
        }
        line = raptor_locator_line(loc) > 0 ? (size_t)raptor_locator_line(loc) : 0;
        col  = raptor_locator_column(loc) > 0 ? (size_t)raptor_locator_column(loc) : 0;
    }
    /* raptor's RDF/XML parser passes libxml's errors on without a locator. */
    if (!file) {
        file = w->rdf_input;
    }
    ilokg_report_at(&w->diag, level >= LIBRDF_LOG_ERROR ? ILOKG_ERR_RDF : ILOKG_OK, file, line,
                    col, "%s", text ? text : "(no message)");
    return 1;
}

static void
rdf_world_free(void *rdf)
{
    librdf_free_world(rdf);
}

void
ilokg_graph_logger_reset(ilokg_world *world)
{
    if (world->rdf) {
        librdf_world_set_logger(world->rdf, world, log_handler);
    }
}

ilokg_status
ilokg_graph_rdf_world(void **out, ilokg_world *world)
{
    if (!world->rdf) {
        librdf_world *lw = librdf_new_world();
        if (!lw) {
            return ilokg_report_at(&world->diag, ILOKG_ERR_RDF, NULL, 0, 0,
                                   "cannot create the RDF library's world");
        }
        librdf_world_set_logger(lw, world, log_handler);
        librdf_world_open(lw);
        world->rdf      = lw;
        world->rdf_free = rdf_world_free;
    }
    *out = world->rdf;
    return ILOKG_OK;
}

/* ---- export ------------------------------------------------------------------------------- */

/* SOURCE_DATE_EPOCH (reproducible builds) as an xsd:dateTime in UTC; NULL when unset. */
static ilokg_status
source_date(char out[32], bool *set, ilokg_diag *diag)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    *set            = false;
    if (!env || !*env) {
        return ILOKG_OK;
    }
    char     *end = NULL;
    long long v   = strtoll(env, &end, 10);
    struct tm tm;
    time_t    t = (time_t)v;
    if (!all_digits(env) || *end || v < 0 || !gmtime_r(&t, &tm) ||
        !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                               "SOURCE_DATE_EPOCH '%s' is not a number of seconds", env);
    }
    *set = true;
    return ILOKG_OK;
}

/* Builds the whole export graph of a corpus. */
static ilokg_status
build_graph(ilokg_graph **out, ilokg_world *world, const ilokg_corpus *corpus,
            const ilokg_export_options *opt)
{
    const ilokg_gazetteer *gaz = NULL;
    ilokg_graph           *g   = NULL;
    char                   issued[32];
    bool                   have_issued = false;
    ilokg_status           st = source_date(issued, &have_issued, &world->diag);
    if (!st) {
        st = ilokg_world_gazetteer(&gaz, world);
    }
    if (!st) {
        st = ilokg_graph_new(&g, opt->base, &world->diag);
    }
    for (size_t i = 0; !st && i < corpus->n_docs; i++) {
        st = ilokg_graph_add_doc(g, corpus->docs[i], gaz);
    }
    if (!st && opt->with_dataset) {
        if (!(st = ilokg_graph_add_reference(g, gaz))) {
            st = ilokg_graph_add_dataset(g, (const ilokg_doc *const *)corpus->docs, corpus->n_docs,
                                         have_issued ? issued : NULL);
        }
    }
    if (!st) {
        *out = g;
        g    = NULL;
    }
    ilokg_graph_free(g);
    return st;
}

ilokg_status
ilokg_corpus_export(ilokg_world *world, const ilokg_corpus *corpus,
                    const ilokg_export_options *opt, const char *path)
{
    ilokg_export_options defaults = ILOKG_EXPORT_OPTIONS_INIT;
    ilokg_graph         *g        = NULL;
    ilokg_out            o;
    if (!opt) {
        opt = &defaults;
    }
    if ((unsigned)opt->format >= ILOKG_FORMAT_COUNT) {
        return ilokg_report_at(&world->diag, ILOKG_ERR_USAGE, NULL, 0, 0, "unknown format %d",
                               (int)opt->format);
    }
    ilokg_status st = build_graph(&g, world, corpus, opt);
    if (!st && !(st = ilokg_out_open(&o, path, &world->diag))) {
        st = opt->format == ILOKG_FORMAT_JSONLD ? ilokg_jsonld_write(o.fp, g, &world->diag) :
                                                  ilokg_serialize(o.fp, world, g, opt->format);
        if (!st) {
            st = ilokg_out_commit(&o, &world->diag);
        } else {
            ilokg_out_abort(&o);
        }
    }
    ilokg_graph_free(g);
    return st;
}
