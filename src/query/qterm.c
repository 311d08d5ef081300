/* SPDX-License-Identifier: Apache-2.0 */
/* RDF terms by value, and the in-memory dictionary: an open-addressing hash table of ids over
 * term records kept in fixed-size pages (so a term's address never changes). */
#include "query/qterm.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/ascii.h"
#include "util/hash.h"

#define PAGE_BITS 12
#define PAGE_TERMS (1u << PAGE_BITS)
#define CHUNK_BYTES (1u << 16)

/* The ASCII characters no IRI holds: controls and space, '"', '<', '>' (bits of IRI_BAD_LO);
 * '\\', '^', '`', '{', '|', '}' (bits of IRI_BAD_HI, from 64 on). */
#define IRI_BAD_LO (0x1ffffffffull | 1ull << '"' | 1ull << '<' | 1ull << '>')
#define IRI_BAD_HI                                                                                 \
    (1ull << ('\\' - 64) | 1ull << ('^' - 64) | 1ull << ('`' - 64) | 1ull << ('{' - 64) |          \
     1ull << ('|' - 64) | 1ull << ('}' - 64))

static int
iri_char(unsigned char c)
{
    return c < 64 ? !((IRI_BAD_LO >> c) & 1) : c >= 128 || !((IRI_BAD_HI >> (c - 64)) & 1);
}

int
ilokg_iri_valid(const char *iri, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!iri_char((unsigned char)iri[i])) {
            return 0;
        }
    }
    return 1;
}

/* Whether a language tag is [a-zA-Z]+ ('-' [a-zA-Z0-9]+)* (raptor's Turtle reader takes "en-"). */
int
ilokg_lang_valid(const char *p)
{
    size_t n = 0;
    for (; ilokg_is_alpha(*p); p++) {
        n++;
    }
    while (n && *p == '-') {
        n = 0;
        for (p++; ilokg_is_alnum(*p); p++) {
            n++;
        }
    }
    return n && !*p;
}

void
ilokg_qterm_normalize(ilokg_qterm *t)
{
    if (t->kind == ILOKG_QT_LITERAL && t->dt && !strcmp(t->dt, ILOKG_XSD "string")) {
        t->dt = NULL;
    }
}

static int
same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

static int
same_lang(const char *a, const char *b)
{
    return a == b || (a && b && !strcasecmp(a, b));
}

static int
is_xsd_string(const char *dt)
{
    return !dt || !strcmp(dt, ILOKG_XSD "string");
}

int
ilokg_qterm_equal(const ilokg_qterm *a, const ilokg_qterm *b)
{
    if (a->kind != b->kind || a->lex_len != b->lex_len || memcmp(a->lex, b->lex, a->lex_len) != 0) {
        return 0;
    }
    if (a->kind != ILOKG_QT_LITERAL) {
        return 1;
    }
    if (!same_lang(a->lang, b->lang)) {
        return 0;
    }
    return (is_xsd_string(a->dt) && is_xsd_string(b->dt)) || same_str(a->dt, b->dt);
}

uint64_t
ilokg_qterm_hash_from(uint64_t h, const ilokg_qterm *t)
{
    h = ilokg_hash_bytes(h, t->lex, t->lex_len);
    if (t->kind == ILOKG_QT_LITERAL) {
        if (t->lang) {
            h = ilokg_hash_bytes_folded(h ^ 0x40, t->lang, strlen(t->lang));
        } else if (!is_xsd_string(t->dt)) {
            h = ilokg_hash_bytes(h ^ 0x5e, t->dt, strlen(t->dt));
        }
    }
    return h;
}

uint64_t
ilokg_qterm_hash(const ilokg_qterm *t)
{
    uint64_t h = ilokg_qterm_hash_from(14695981039346656037ull ^ (uint64_t)t->kind, t);
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
}

const char *
ilokg_qterm_datatype(const ilokg_qterm *t)
{
    if (t->kind != ILOKG_QT_LITERAL) {
        return NULL;
    }
    if (t->lang) {
        return ILOKG_RDF "langString";
    }
    return t->dt ? t->dt : ILOKG_XSD "string";
}

/* ---- Dictionary ----------------------------------------------------------------------------- */

typedef struct chunk {
    struct chunk *next;
    size_t        used, cap;
    char          bytes[];
} chunk;

struct ilokg_dict {
    ilokg_id      first;
    size_t        n;     /* terms */
    ilokg_qterm **pages; /* n_pages pages of PAGE_TERMS terms */
    size_t        n_pages, cap_pages;
    uint32_t     *slots;  /* index + 1 of the term, 0: empty */
    size_t        mask;   /* slots - 1 (a power of two minus one) */
    chunk        *chunks; /* the strings */
};

ilokg_status
ilokg_dict_new(ilokg_dict **out, ilokg_id first_id)
{
    ilokg_dict *d = calloc(1, sizeof *d);
    if (!d || !(d->slots = calloc(1024, sizeof *d->slots))) {
        free(d);
        return ILOKG_ERR_NOMEM;
    }
    d->first = first_id;
    d->mask  = 1023;
    *out     = d;
    return ILOKG_OK;
}

void
ilokg_dict_free(ilokg_dict *d)
{
    if (!d) {
        return;
    }
    for (size_t i = 0; i < d->n_pages; i++) {
        free(d->pages[i]);
    }
    free(d->pages);
    free(d->slots);
    while (d->chunks) {
        chunk *next = d->chunks->next;
        free(d->chunks);
        d->chunks = next;
    }
    free(d);
}

static ilokg_qterm *
term_at(const ilokg_dict *d, size_t index)
{
    return &d->pages[index >> PAGE_BITS][index & (PAGE_TERMS - 1)];
}

/* A copy of len bytes (plus a NUL) in the dictionary's string chunks. */
static char *
copy_str(ilokg_dict *d, const char *s, size_t len)
{
    chunk *c = d->chunks;
    if (!c || c->cap - c->used < len + 1) {
        size_t cap = len + 1 > CHUNK_BYTES / 4 ? len + 1 : CHUNK_BYTES;
        chunk *nc  = malloc(sizeof *nc + cap);
        if (!nc) {
            return NULL;
        }
        nc->used = 0;
        nc->cap  = cap;
        if (c && cap != CHUNK_BYTES) { /* a big string: keep the current chunk in front */
            nc->next = c->next;
            c->next  = nc;
        } else {
            nc->next  = c;
            d->chunks = nc;
        }
        c = nc;
    }
    char *p = c->bytes + c->used;
    memcpy(p, s, len);
    p[len] = '\0';
    c->used += len + 1;
    return p;
}

static size_t
find_slot(const ilokg_dict *d, const ilokg_qterm *t, uint64_t h)
{
    size_t i = (size_t)h & d->mask;
    while (d->slots[i] && !ilokg_qterm_equal(term_at(d, d->slots[i] - 1), t)) {
        i = (i + 1) & d->mask;
    }
    return i;
}

static ilokg_status
grow_slots(ilokg_dict *d)
{
    size_t    n     = (d->mask + 1) * 2;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t k = 0; k < d->n; k++) {
        size_t i = (size_t)ilokg_qterm_hash(term_at(d, k)) & (n - 1);
        while (slots[i]) {
            i = (i + 1) & (n - 1);
        }
        slots[i] = (uint32_t)(k + 1);
    }
    free(d->slots);
    d->slots = slots;
    d->mask  = n - 1;
    return ILOKG_OK;
}

ilokg_id
ilokg_dict_find(const ilokg_dict *d, const ilokg_qterm *t)
{
    size_t i = find_slot(d, t, ilokg_qterm_hash(t));
    return d->slots[i] ? d->first + d->slots[i] - 1 : ILOKG_ID_NONE;
}

ilokg_status
ilokg_dict_intern(ilokg_dict *d, const ilokg_qterm *in, ilokg_id *out)
{
    ilokg_qterm t = *in;
    ilokg_qterm_normalize(&t);
    uint64_t h = ilokg_qterm_hash(&t);
    size_t   i = find_slot(d, &t, h);
    if (d->slots[i]) {
        *out = d->first + d->slots[i] - 1;
        return ILOKG_OK;
    }
    if ((uint64_t)d->first + d->n >= UINT32_MAX || d->n >= UINT32_MAX - 1) {
        return ILOKG_ERR_NOMEM;
    }
    if (d->n % PAGE_TERMS == 0 && d->n / PAGE_TERMS == d->n_pages) {
        if (d->n_pages == d->cap_pages) {
            size_t        cap   = d->cap_pages ? d->cap_pages * 2 : 16;
            ilokg_qterm **pages = realloc(d->pages, cap * sizeof *pages);
            if (!pages) {
                return ILOKG_ERR_NOMEM;
            }
            d->pages     = pages;
            d->cap_pages = cap;
        }
        if (!(d->pages[d->n_pages] = malloc(PAGE_TERMS * sizeof(ilokg_qterm)))) {
            return ILOKG_ERR_NOMEM;
        }
        d->n_pages++;
    }
    ilokg_qterm *rec = term_at(d, d->n);
    *rec             = t;
    if (!(rec->lex = copy_str(d, t.lex, t.lex_len)) ||
        (t.lang && !(rec->lang = copy_str(d, t.lang, strlen(t.lang)))) ||
        (t.dt && !(rec->dt = copy_str(d, t.dt, strlen(t.dt))))) {
        return ILOKG_ERR_NOMEM;
    }
    d->slots[i] = (uint32_t)(d->n + 1);
    d->n++;
    *out = d->first + (ilokg_id)(d->n - 1);
    if (d->n * 2 > d->mask) {
        return grow_slots(d);
    }
    return ILOKG_OK;
}

const ilokg_qterm *
ilokg_dict_term(const ilokg_dict *d, ilokg_id id)
{
    if (id < d->first || id - d->first >= d->n) {
        return NULL;
    }
    return term_at(d, id - d->first);
}

size_t
ilokg_dict_size(const ilokg_dict *d)
{
    return d->n;
}

ilokg_id
ilokg_dict_first(const ilokg_dict *d)
{
    return d->first;
}
