/* SPDX-License-Identifier: Apache-2.0 */
/* The export graph's store: interned strings, statements, entity references, sorting, life
 * cycle. What goes into it is built by build.c (documents), reference.c and dataset.c. */
#include "graph/graph.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_int.h"
#include "util/buf.h"

const ilokg_prefix *
ilokg_graph_prefixes(size_t *n)
{
    size_t all = 0;
    return ilokg_vocab_prefixes(&all, n);
}

/* ---- strings ------------------------------------------------------------------------------ */

/* 8 bytes at a time (the strings are IRIs and literals of tens to hundreds of bytes). */
static uint64_t
hash_bytes(const char *p, size_t len)
{
    uint64_t h = 1469598103934665603u ^ len;
    for (; len >= 8; p += 8, len -= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15u;
        h ^= h >> 29;
    }
    for (; len; p++, len--) {
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    }
    return h ^ (h >> 32);
}

/* Each interned string is preceded by its rank (32 bits) in the byte order of the graph's
 * strings (rank_strings: 1, 2, ...; 0 until ranked, and for strings interned since), so the
 * graph's own sorts compare two ranked strings as two numbers instead of reading their common
 * prefixes (the IRIs share 30 bytes and more). */
#define STR_HEAD sizeof(uint32_t)
/* Ranking costs a sort of the distinct strings: worth it from this many quads to sort. */
#define RANK_MIN_QUADS 65536

static uint32_t
str_rank(const char *s)
{
    uint32_t r;
    memcpy(&r, s - STR_HEAD, sizeof r);
    return r;
}

static void
str_free(char *s)
{
    free(s ? s - STR_HEAD : NULL);
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
const char *
ilokg_graph_intern_n(ilokg_graph *g, const char *p, size_t len)
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
    char *block = len < SIZE_MAX - STR_HEAD - 1 ? malloc(STR_HEAD + len + 1) : NULL;
    if (!block) {
        g->st = ILOKG_ERR_NOMEM;
        return NULL;
    }
    char    *s    = block + STR_HEAD;
    uint32_t zero = 0;
    memcpy(block, &zero, sizeof zero);
    memcpy(s, p, len);
    s[len]     = '\0';
    g->strs[j] = s;
    g->n_strs++;
    return s;
}

const char *
ilokg_graph_intern(ilokg_graph *g, const char *s)
{
    if (!s) {
        return NULL;
    }
    /* Most strings given are the same few pointers again: constants (predicates, datatypes) and
     * strings this graph interned. A hit whose value is the key itself is one of the graph's own,
     * immutable strings; any other hit is checked against the text at the pointer. */
    size_t slot = ((uintptr_t)s >> 3 ^ (uintptr_t)s >> 12) & (ILOKG_GRAPH_ICACHE - 1);
    if (g->icache[slot].key == s && !g->st &&
        (g->icache[slot].val == s || !strcmp(g->icache[slot].val, s))) {
        return g->icache[slot].val;
    }
    const char *v = ilokg_graph_intern_n(g, s, strlen(s));
    if (v) {
        g->icache[slot].key = s;
        g->icache[slot].val = v;
    }
    return v;
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
    return ilokg_graph_intern_n(g, g->scratch.ptr, g->scratch.len);
}

/* An interned string from a format. */
const char *
ilokg_graph_fmt(ilokg_graph *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = vformat(g, NULL, fmt, ap);
    va_end(ap);
    return s;
}

/* A resource IRI: the base followed by a formatted path. */
const char *
ilokg_graph_res(ilokg_graph *g, const char *fmt, ...)
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
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

/* An identifier as one IRI path segment: every byte outside RFC 3986 unreserved is
 * percent-encoded, so any manifest id or notation gives a valid, stable IRI. */
const char *
ilokg_graph_seg(ilokg_graph *g, const char *id)
{
    if (g->st) {
        return NULL;
    }
    ilokg_buf b = ILOKG_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)id; *p && !g->st; p++) {
        g->st =
            is_unreserved(*p) ? ilokg_buf_addc(&b, (char)*p) : ilokg_buf_printf(&b, "%%%02X", *p);
    }
    const char *s = g->st ? NULL : ilokg_graph_intern_n(g, b.ptr ? b.ptr : "", b.len);
    ilokg_buf_free(&b);
    return s;
}

/* Whether s can stand as an absolute IRI in every syntax we write: a scheme, then no space,
 * control character or any of <>"{}|\^`. */
bool
ilokg_iri_ok(const char *s)
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
const char *
ilokg_graph_one_line(ilokg_graph *g, const char *p, size_t len)
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
    const char *s = g->st ? NULL : ilokg_graph_intern_n(g, b.ptr ? b.ptr : "", b.len);
    ilokg_buf_free(&b);
    return s;
}

/* ---- statements --------------------------------------------------------------------------- */

void
ilokg_graph_add_term(ilokg_graph *g, const char *s, const char *p, const char *o, bool literal,
                     const char *dt, const char *lang)
{
    if (g->st || !s || !o) {
        return;
    }
    ilokg_quad q = {g->cur,        intern(g, s),    intern(g, p), intern(g, o),
                    intern(g, dt), intern(g, lang), literal};
    if (g->st || (g->st = ilokg_grow(&g->quads, &g->cap_quads, g->n_quads, sizeof q))) {
        return;
    }
    g->quads[g->n_quads++] = q;
    g->sorted              = false;
}

ilokg_status
ilokg_graph_add_quad(ilokg_graph *g, const char *gi, const char *s, const char *p, const char *o,
                     bool literal, const char *dt, const char *lang)
{
    const char *saved = g->cur;
    g->cur            = intern(g, gi);
    ilokg_graph_add_term(g, s, p, o, literal, dt, lang);
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
void
ilokg_graph_ref(ilokg_graph *g, int kind, const char *id, bool expand)
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
    g->refs[g->n_refs] = (entity_ref){kind, id, expand};
    g->ref_slots[j]    = ++g->n_refs;
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
const char *
ilokg_graph_sdg_iri(ilokg_graph *g, const char *id, const ilokg_entity *e)
{
    if (e && ilokg_nonempty(e->iri) && ilokg_iri_ok(e->iri)) {
        return intern(g, e->iri);
    }
    if (ilokg_count_char(id, '.') < 2 && sdg_code_ok(id)) {
        return ilokg_graph_fmt(g, ILOKG_SDG_KOS "%s", id);
    }
    if (e && ilokg_nonempty(e->unsd_code) && sdg_code_ok(e->unsd_code + 1) &&
        e->unsd_code[0] == 'C') {
        return ilokg_graph_fmt(g, ILOKG_SDG_KOS "%s", e->unsd_code);
    }
    return ilokg_graph_res(g, "sdg/%s", ilokg_graph_seg(g, id));
}

const char *
ilokg_graph_entity_iri(ilokg_graph *g, int kind, const char *id, const ilokg_gazetteer *gaz)
{
    switch (kind) {
    case ILOKG_ENT_ACTOR:
        return ilokg_graph_res(g, "actor/%s", ilokg_graph_seg(g, id));
    case ILOKG_ENT_INSTRUMENT:
        return ilokg_graph_res(g, "instrument/%s", ilokg_graph_seg(g, id));
    case ILOKG_ENT_SDG:
        return ilokg_graph_sdg_iri(g, id, gaz_find(gaz, ILOKG_ENT_SDG, id));
    case ILOKG_ENT_COUNTRY:
        return ilokg_graph_res(g, "country/%s", ilokg_graph_seg(g, id));
    case ILOKG_ENT_REGION:
        return ilokg_graph_res(g, "region/%s", ilokg_graph_seg(g, id));
    case ILOKG_ENT_THEME:
        return ilokg_graph_res(g, "theme/%s", ilokg_graph_seg(g, id));
    default:
        return ilokg_graph_res(g, "action/%s", ilokg_graph_seg(g, id));
    }
}

ilokg_status
ilokg_graph_take_refs(ilokg_graph *g, const ilokg_graph *from)
{
    for (size_t i = 0; i < from->n_refs && !g->st; i++) {
        ilokg_graph_ref(g, from->refs[i].kind, from->refs[i].id, from->refs[i].expand);
    }
    return g->st;
}

const char *
ilokg_graph_doc_graph(ilokg_graph *g, const char *id)
{
    return ilokg_graph_res(g, "graph/%s", ilokg_graph_seg(g, id));
}

const char *
ilokg_graph_doc_iri(ilokg_graph *g, const char *id)
{
    return ilokg_graph_res(g, "doc/%s", ilokg_graph_seg(g, id));
}

/* ---- sorting ------------------------------------------------------------------------------ */

static int
cmp_opt(const char *a, const char *b)
{
    return a == b ? 0 : !a ? -1 : !b ? 1 : strcmp(a, b);
}

/* The triple order (subject, predicate, IRIs before literals, object, datatype, language) with
 * strings compared by cmp: by their bytes (cmp_opt; interned strings, the same pointer being
 * the same string, are not read) or by the graph's ranks (cmp_ranked). */
static inline int
triple_by(const ilokg_quad *a, const ilokg_quad *b, int (*cmp)(const char *, const char *))
{
    int c;
    if ((c = cmp(a->s, b->s)) || (c = cmp(a->p, b->p))) {
        return c;
    }
    if (a->literal != b->literal) {
        return a->literal ? 1 : -1;
    }
    if ((c = cmp(a->o, b->o)) || (c = cmp(a->dt, b->dt))) {
        return c;
    }
    return cmp(a->lang, b->lang);
}

int
ilokg_quad_cmp_triple(const ilokg_quad *a, const ilokg_quad *b)
{
    return triple_by(a, b, cmp_opt);
}

int
ilokg_quad_cmp(const ilokg_quad *a, const ilokg_quad *b)
{
    int c = cmp_opt(a->g, b->g);
    return c ? c : ilokg_quad_cmp_triple(a, b);
}

static int
cmp_cstr(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Gives every string of the graph its rank in byte order (one sort of the distinct strings,
 * where sorting a large graph compares strings many times over). Without memory for it the
 * strings stay unranked and are compared as text. */
static void
rank_strings(ilokg_graph *g)
{
    char **v = g->n_strs < UINT32_MAX ? malloc((g->n_strs ? g->n_strs : 1) * sizeof *v) : NULL;
    size_t n = 0;
    if (!v) {
        return;
    }
    for (size_t i = 0; i < g->cap_strs; i++) {
        if (g->strs[i]) {
            v[n++] = g->strs[i];
        }
    }
    qsort(v, n, sizeof *v, cmp_cstr);
    for (size_t k = 0; k < n; k++) {
        uint32_t r = (uint32_t)(k + 1);
        memcpy(v[k] - STR_HEAD, &r, sizeof r);
    }
    free(v);
}

/* As cmp_opt, for two strings of this graph: by rank when both are ranked (the ranks are in
 * byte order), else by their bytes; the two agree, so mixing them keeps one order. */
static int
cmp_ranked(const char *a, const char *b)
{
    if (a == b) {
        return 0;
    }
    if (!a || !b) {
        return !a ? -1 : 1;
    }
    uint32_t ra = str_rank(a), rb = str_rank(b);
    return ra && rb ? (ra > rb) - (ra < rb) : strcmp(a, b);
}

/* ilokg_quad_cmp_triple and ilokg_quad_cmp for the graph's own quads (strings it interned). */
static int
ranked_triple(const ilokg_quad *a, const ilokg_quad *b)
{
    return triple_by(a, b, cmp_ranked);
}

static int
ranked_quad(const void *x, const void *y)
{
    const ilokg_quad *a = x, *b = y;
    int               c = cmp_ranked(a->g, b->g);
    return c ? c : ranked_triple(a, b);
}

static int
ranked_triple_ptr(const void *x, const void *y)
{
    return ranked_triple(*(const ilokg_quad *const *)x, *(const ilokg_quad *const *)y);
}

/* Sorts q[0, n) of which [0, head) is sorted already (by an earlier call): the tail is sorted on
 * its own and merged in from the back, so statements added after a sort (the dataset
 * description) cost their own sort and one pass, not the whole graph's sort again, and the
 * merge needs room for the tail only. Without that room, one sort of the whole. */
static void
sort_quads(ilokg_quad *q, size_t n, size_t head)
{
    size_t      tail = n - head;
    ilokg_quad *tmp  = head && tail ? malloc(tail * sizeof *q) : NULL;
    if (head && tail && !tmp) {
        qsort(q, n, sizeof *q, ranked_quad);
        return;
    }
    if (tail) {
        qsort(q + head, tail, sizeof *q, ranked_quad);
    }
    if (tmp) { /* k stays at or above i + j: the head is read before it is overwritten */
        memcpy(tmp, q + head, tail * sizeof *q);
        size_t i = head, j = tail, k = n;
        while (i && j) {
            q[--k] = ranked_quad(&q[i - 1], &tmp[j - 1]) > 0 ? q[--i] : tmp[--j];
        }
        while (j) {
            q[--k] = tmp[--j];
        }
        free(tmp);
    }
}

const ilokg_quad *
ilokg_graph_quads(ilokg_graph *g, size_t *n)
{
    if (!g->sorted) {
        size_t head = g->n_sorted <= g->n_quads ? g->n_sorted : 0;
        if (g->n_quads - head >= RANK_MIN_QUADS) {
            rank_strings(g);
        }
        sort_quads(g->quads, g->n_quads, head);
        size_t k = 0;
        for (size_t i = 0; i < g->n_quads; i++) {
            if (!k || ranked_quad(&g->quads[k - 1], &g->quads[i])) {
                g->quads[k++] = g->quads[i];
            }
        }
        g->n_quads  = k;
        g->n_sorted = k;
        g->sorted   = true;
    }
    *n = g->n_quads;
    return g->quads;
}

/* The end of the run of t that starts at i: ascending by the triple order. */
static size_t
run_end(const ilokg_quad *const *t, size_t i, size_t n)
{
    while (++i < n && ranked_triple(t[i - 1], t[i]) <= 0) {
    }
    return i;
}

static void
merge_runs(const ilokg_quad **dst, const ilokg_quad *const *a, size_t na,
           const ilokg_quad *const *b, size_t nb)
{
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        *dst++ = ranked_triple(a[i], b[j]) <= 0 ? a[i++] : b[j++];
    }
    memcpy(dst, a + i, (na - i) * sizeof *dst);
    memcpy(dst + (na - i), b + j, (nb - j) * sizeof *dst);
}

/* Sorts t[0, n) by the triple order, stable. Quads sorted by graph first are one ascending run
 * per graph, so the runs are merged pairwise (log2 of the number of graphs passes) rather than
 * sorted afresh; input with runs too short to be worth it is sorted the ordinary way. */
static ilokg_status
sort_triples(const ilokg_quad **t, size_t n)
{
    size_t runs = 0;
    for (size_t i = 0; i < n; i = run_end(t, i, n)) {
        runs++;
    }
    if (runs <= 1) {
        return ILOKG_OK;
    }
    if (runs > n / 16) {
        qsort(t, n, sizeof *t, ranked_triple_ptr);
        return ILOKG_OK;
    }
    const ilokg_quad **tmp = malloc(n * sizeof *tmp);
    if (!tmp) {
        return ILOKG_ERR_NOMEM;
    }
    const ilokg_quad **src = t, **dst = tmp;
    while (runs > 1) {
        runs = 0;
        for (size_t i = 0; i < n; runs++) {
            size_t a = run_end(src, i, n), b = a < n ? run_end(src, a, n) : a;
            merge_runs(dst + i, src + i, a - i, src + a, b - a);
            i = b;
        }
        const ilokg_quad **swap = src;
        src                     = dst;
        dst                     = swap;
    }
    if (src != t) {
        memcpy(t, src, n * sizeof *t);
    }
    free(tmp);
    return ILOKG_OK;
}

ilokg_status
ilokg_graph_triples(const ilokg_quad ***out, size_t *n, ilokg_graph *g)
{
    size_t             nq;
    const ilokg_quad  *q = ilokg_graph_quads(g, &nq);
    const ilokg_quad **t = malloc((nq ? nq : 1) * sizeof *t);
    if (!t) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < nq; i++) {
        t[i] = &q[i];
    }
    ilokg_status st = sort_triples(t, nq);
    if (st) {
        free(t);
        return st;
    }
    size_t k = 0;
    for (size_t i = 0; i < nq; i++) {
        if (!k || ranked_triple(t[k - 1], t[i])) {
            t[k++] = t[i];
        }
    }
    *out = t;
    *n   = k;
    return ILOKG_OK;
}

/* ---- life cycle --------------------------------------------------------------------------- */

ilokg_status
ilokg_graph_new(ilokg_graph **out, const char *base, ilokg_diag *diag)
{
    if (!base) {
        base = ILOKG_DEFAULT_BASE;
    }
    if (!ilokg_iri_ok(base) || strchr(base, '%') || strchr(base, '?')) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                               "base '%s' is not an absolute IRI usable as a prefix "
                               "(scheme, no spaces, no <>\"{}|\\^`%%?)",
                               base);
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
        str_free(g->strs[i]);
    }
    free(g->strs);
    free(g->quads);
    free(g->refs);
    free(g->ref_slots);
    free(g->marks);
    ilokg_buf_free(&g->scratch);
    free(g->base);
    free(g);
}

const char *
ilokg_graph_base(const ilokg_graph *g)
{
    return g->base;
}
