/* SPDX-License-Identifier: Apache-2.0 */
/* Gazetteer: the reference tables as entities, and one Aho-Corasick automaton over every name. */
#include "recognize/gazetteer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/io.h"
#include "util/utf8.h"

#define NORMLEX_PREFIX                                                                             \
    "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:"
#define OP_CORPORATE_BODY "http://publications.europa.eu/resource/authority/corporate-body/"

/* ---- Storage -------------------------------------------------------------------------- */

/* Zeroed blocks that live as long as the gazetteer: entities and derived strings. */
typedef struct arena_block {
    struct arena_block *next;
    size_t              used, size;
    max_align_t         data[];
} arena_block;

typedef struct {
    ilokg_entity **v;
    size_t         n, cap;
} entity_vec;

/* Everything that may change after loading (learned instruments) sits behind this pointer, so
 * that const handles can still learn. */
typedef struct {
    arena_block *arena;
    entity_vec   kinds[ILOKG_ENT_KIND_COUNT];
} store;

/* One loaded table: its text split into NUL-terminated cells. */
typedef struct {
    char   *path;
    char   *buf;
    char  **head;
    size_t  ncol;
    char  **cells; /* nrows * ncol */
    size_t *lines; /* 1-based line of each row */
    size_t  nrows;
} table;

/* Aho-Corasick automaton: child lists during building, goto by list search afterwards (the root
 * has a full table). */
typedef struct {
    int32_t *first, *next, *fail, *out, *dict;
    uint8_t *byte;
    size_t   n, cap;
    int32_t  root_next[256];
    int32_t *name_next; /* next name ending at the same node */
} automaton;

struct ilokg_gazetteer {
    store      *s;
    char      **bufs; /* table texts the entities point into */
    size_t      n_bufs, cap_bufs;
    ilokg_name *names;
    size_t      n_names, cap_names;
    automaton   ac;
};

static void *
arena_alloc(store *s, size_t size)
{
    size           = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    arena_block *b = s->arena;
    if (!b || b->size - b->used < size) {
        size_t cap = size > 65536 ? size : 65536;
        b          = calloc(1, sizeof *b + cap);
        if (!b) {
            return NULL;
        }
        b->size  = cap;
        b->next  = s->arena;
        s->arena = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

static char *
arena_strndup(store *s, const char *p, size_t len)
{
    char *d = arena_alloc(s, len + 1);
    if (d) {
        memcpy(d, p, len);
        d[len] = '\0';
    }
    return d;
}

static ilokg_entity *
entity_new(store *s, ilokg_entity_kind kind, const char *id)
{
    entity_vec   *v = &s->kinds[kind];
    ilokg_entity *e = arena_alloc(s, sizeof *e);
    if (!e || ilokg_grow(&v->v, &v->cap, v->n, sizeof *v->v)) {
        return NULL;
    }
    e->kind      = kind;
    e->id        = id;
    v->v[v->n++] = e;
    return e;
}

static int
cmp_entity(const void *a, const void *b)
{
    return strcmp((*(ilokg_entity *const *)a)->id, (*(ilokg_entity *const *)b)->id);
}

/* Index of the first entity whose id is not below id. */
static size_t
entity_lower_bound(const entity_vec *v, const char *id)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(v->v[mid]->id, id) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

const ilokg_entity *
ilokg_gazetteer_find(const ilokg_gazetteer *gaz, ilokg_entity_kind kind, const char *id)
{
    if (!gaz || (unsigned)kind >= ILOKG_ENT_KIND_COUNT || !id) {
        return NULL;
    }
    const entity_vec *v = &gaz->s->kinds[kind];
    size_t            i = entity_lower_bound(v, id);
    return i < v->n && !strcmp(v->v[i]->id, id) ? v->v[i] : NULL;
}

void
ilokg_gazetteer_each(const ilokg_gazetteer *gaz, ilokg_entity_kind           kind,
                     void (*fn)(const ilokg_entity *e, void *payload), void *payload)
{
    if (!gaz || (unsigned)kind >= ILOKG_ENT_KIND_COUNT) {
        return;
    }
    const entity_vec *v = &gaz->s->kinds[kind];
    for (size_t i = 0; i < v->n; i++) {
        fn(v->v[i], payload);
    }
}

void
ilokg_normlex_iri(char *out, size_t size, const char *code)
{
    snprintf(out, size, "%s%s", NORMLEX_PREFIX, code);
}

/* ---- Folding ---------------------------------------------------------------------------- */

static int
fold_class(uint32_t cp)
{
    switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
        return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2033:
        return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
        return '-';
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x2028:
    case 0x2029:
        return ' ';
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
        return 0; /* vanishes */
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) {
        return ' ';
    }
    return -1; /* kept as is */
}

void
ilokg_folded_free(ilokg_folded *f)
{
    if (f) {
        free(f->folded);
        free(f->lower);
        free(f->start);
        free(f->end);
        memset(f, 0, sizeof *f);
    }
}

ilokg_status
ilokg_fold(ilokg_folded *out, const char *p, size_t len)
{
    ilokg_folded f = {0};
    f.folded       = malloc(len + 1);
    f.lower        = malloc(len + 1);
    f.start        = malloc((len + 1) * sizeof *f.start);
    f.end          = malloc((len + 1) * sizeof *f.end);
    if (!f.folded || !f.lower || !f.start || !f.end) {
        ilokg_folded_free(&f);
        return ILOKG_ERR_NOMEM;
    }
    size_t n = 0, i = 0;
    while (i < len) {
        unsigned char c  = (unsigned char)p[i];
        uint32_t      cp = c;
        size_t        k  = 1;
        int           cls;
        if (c < 0x80) {
            cls = (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') ? ' '
                                                                                              : -1;
        } else {
            k   = ilokg_utf8_decode(&cp, p + i, len - i);
            cls = k ? fold_class(cp) : -1;
            k   = k ? k : 1;
        }
        if (cls == 0) {
            if (n) {
                f.end[n - 1] = i + k;
            }
        } else if (cls == ' ' && n && f.folded[n - 1] == ' ') {
            f.end[n - 1] = i + k;
        } else if (cls > 0) {
            f.folded[n] = (char)cls;
            f.start[n]  = i;
            f.end[n++]  = i + k;
        } else {
            for (size_t j = 0; j < k; j++) {
                f.folded[n] = p[i + j];
                f.start[n]  = i;
                f.end[n++]  = i + k;
            }
        }
        i += k;
    }
    for (size_t j = 0; j < n; j++) {
        char ch    = f.folded[j];
        f.lower[j] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    f.folded[n] = f.lower[n] = '\0';
    f.start[n] = f.end[n] = len;
    f.len                 = n;
    *out                  = f;
    return ILOKG_OK;
}

/* ---- Tables ----------------------------------------------------------------------------- */

static void
table_free(table *t)
{
    free(t->path);
    free(t->head);
    free(t->cells);
    free(t->lines);
    memset(t, 0, sizeof *t);
}

static const char *
cell(const table *t, size_t row, size_t col)
{
    if (col == SIZE_MAX) {
        return NULL;
    }
    const char *c = t->cells[row * t->ncol + col];
    return c && *c ? c : NULL;
}

static size_t
column(const table *t, const char *name)
{
    for (size_t i = 0; i < t->ncol; i++) {
        if (!strcmp(t->head[i], name)) {
            return i;
        }
    }
    return SIZE_MAX;
}

/* Splits buf at line ends and tabs, in place. Lines starting with '#' are comments; the first
 * other line is the header. The buffer is handed to gaz (entities point into it). */
static ilokg_status
table_load(table *t, ilokg_gazetteer *gaz, const char *dir, const char *name,
           const char *const *required, ilokg_diag *diag)
{
    memset(t, 0, sizeof *t);
    t->path = ilokg_path_join(dir, name);
    if (!t->path) {
        return ILOKG_ERR_NOMEM;
    }
    size_t       len;
    ilokg_status st = ilokg_io_read(&t->buf, &len, t->path, diag);
    if (st) {
        return st;
    }
    if ((st = ilokg_grow(&gaz->bufs, &gaz->cap_bufs, gaz->n_bufs, sizeof *gaz->bufs))) {
        free(t->buf);
        return st;
    }
    gaz->bufs[gaz->n_bufs++] = t->buf;
    size_t cap_cells = 0, cap_lines = 0, n_cells = 0, line = 0, header_line = 0;
    char  *p = t->buf, *end = t->buf + len;
    while (p < end && !st) {
        line++;
        char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) {
            eol = end;
        }
        *eol = '\0';
        if (eol > p && eol[-1] == '\r') {
            eol[-1] = '\0';
        }
        char *next = eol < end ? eol + 1 : end;
        if (*p == '#' || !*p) {
            p = next;
            continue;
        }
        size_t ncell = 1;
        for (char *q = p; *q; q++) {
            ncell += *q == '\t';
        }
        if (!t->head) {
            t->head = calloc(ncell, sizeof *t->head);
            if (!t->head) {
                return ILOKG_ERR_NOMEM;
            }
            t->ncol     = ncell;
            header_line = line;
            for (size_t i = 0; i < ncell; i++) {
                t->head[i] = p;
                char *tab  = strchr(p, '\t');
                if (tab) {
                    *tab = '\0';
                    p    = tab + 1;
                }
            }
            p = next;
            continue;
        }
        if (ncell != t->ncol) {
            return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t->path, line, 1,
                                   "%zu cells, the header has %zu", ncell, t->ncol);
        }
        if ((st = ilokg_grow(&t->cells, &cap_cells, n_cells + ncell, sizeof *t->cells)) ||
            (st = ilokg_grow(&t->lines, &cap_lines, t->nrows, sizeof *t->lines))) {
            return st;
        }
        for (size_t i = 0; i < ncell; i++) {
            t->cells[n_cells++] = p;
            char *tab           = strchr(p, '\t');
            if (tab) {
                *tab = '\0';
                p    = tab + 1;
            }
        }
        t->lines[t->nrows++] = line;
        p                    = next;
    }
    if (!t->head) {
        return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t->path, line ? line : 1, 1,
                               "no header row");
    }
    for (size_t i = 0; required && required[i]; i++) {
        if (column(t, required[i]) == SIZE_MAX) {
            return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t->path, header_line, 1,
                                   "missing column '%s'", required[i]);
        }
    }
    return st;
}

/* ---- Names ------------------------------------------------------------------------------ */

typedef enum { CASE_DEFAULT, CASE_EXACT, CASE_FOLD } case_rule;

/* Adds a name (folded here). Default case rule: one word exactly, several words folded. */
static ilokg_status
add_name(ilokg_gazetteer *gaz, const char *text, size_t len, ilokg_name_role role,
         const ilokg_entity *e, case_rule rule, bool indirect)
{
    ilokg_folded f;
    ilokg_status st = ilokg_fold(&f, text, len);
    if (st) {
        return st;
    }
    /* Trim the folded name: a cell may begin or end with a space. */
    size_t a = 0, b = f.len;
    while (a < b && f.folded[a] == ' ') {
        a++;
    }
    while (b > a && f.folded[b - 1] == ' ') {
        b--;
    }
    if (a == b) {
        ilokg_folded_free(&f);
        return ILOKG_OK;
    }
    char *copy = arena_strndup(gaz->s, f.folded + a, b - a);
    ilokg_folded_free(&f);
    if (!copy ||
        (st = ilokg_grow(&gaz->names, &gaz->cap_names, gaz->n_names, sizeof *gaz->names))) {
        return ILOKG_ERR_NOMEM;
    }
    ilokg_name *n = &gaz->names[gaz->n_names++];
    memset(n, 0, sizeof *n);
    n->text     = copy;
    n->len      = b - a;
    n->role     = role;
    n->entity   = e;
    n->indirect = indirect;
    n->exact    = rule == CASE_EXACT || (rule == CASE_DEFAULT && !memchr(copy, ' ', n->len));
    return ILOKG_OK;
}

static ilokg_status
add_names(ilokg_gazetteer *gaz, const char *s, ilokg_name_role role, const ilokg_entity *e)
{
    return s ? add_name(gaz, s, strlen(s), role, e, CASE_DEFAULT, false) : ILOKG_OK;
}

/* "Least Developed Countries (LDC)" also answers to "Least Developed Countries" and "LDC". */
static ilokg_status
add_names_split(ilokg_gazetteer *gaz, const char *s, const ilokg_entity *e)
{
    ilokg_status st  = add_names(gaz, s, ILOKG_NAME_ENTITY, e);
    size_t       len = s ? strlen(s) : 0;
    const char  *open;
    if (!st && len > 2 && s[len - 1] == ')' && (open = strrchr(s, '(')) && open > s + 1 &&
        open[-1] == ' ') {
        st = add_name(gaz, s, (size_t)(open - 1 - s), ILOKG_NAME_ENTITY, e, CASE_DEFAULT, false);
        if (!st) {
            st = add_name(gaz, open + 1, (size_t)(s + len - 1 - (open + 1)), ILOKG_NAME_ENTITY, e,
                          CASE_DEFAULT, false);
        }
    }
    return st;
}

static int
cmp_name(const void *pa, const void *pb)
{
    const ilokg_name *a = pa, *b = pb;
    int               c = strcmp(a->text, b->text);
    if (c) {
        return c;
    }
    if (a->role != b->role) {
        return (int)a->role - (int)b->role;
    }
    if (a->entity != b->entity) {
        if (!a->entity || !b->entity) {
            return a->entity ? 1 : -1;
        }
        if (a->entity->kind != b->entity->kind) {
            return (int)a->entity->kind - (int)b->entity->kind;
        }
        return strcmp(a->entity->id, b->entity->id);
    }
    return (int)a->trigger - (int)b->trigger;
}

static bool
same_name(const ilokg_name *a, const ilokg_name *b)
{
    return !strcmp(a->text, b->text) && a->role == b->role && a->entity == b->entity &&
           a->trigger == b->trigger;
}

/* Sorts and deduplicates the names, and marks as ambiguous the country names the tables give to
 * several countries ("Congo"): curated aliases naming several entities on purpose never collide
 * within one kind from the generated tables. */
static void
names_finish(ilokg_gazetteer *gaz)
{
    if (gaz->n_names) {
        qsort(gaz->names, gaz->n_names, sizeof *gaz->names, cmp_name);
    }
    size_t w = 0;
    for (size_t r = 0; r < gaz->n_names; r++) {
        if (w && same_name(&gaz->names[w - 1], &gaz->names[r])) {
            gaz->names[w - 1].exact = gaz->names[w - 1].exact && gaz->names[r].exact;
            continue;
        }
        gaz->names[w++] = gaz->names[r];
    }
    gaz->n_names = w;
    for (size_t i = 0; i + 1 < gaz->n_names; i++) {
        ilokg_name *a = &gaz->names[i], *b = &gaz->names[i + 1];
        if (a->role == ILOKG_NAME_ENTITY && b->role == ILOKG_NAME_ENTITY && a->entity &&
            b->entity && a->entity->kind == ILOKG_ENT_COUNTRY &&
            b->entity->kind == ILOKG_ENT_COUNTRY && a->entity != b->entity &&
            !strcmp(a->text, b->text)) {
            a->ambiguous = b->ambiguous = true;
        }
    }
}

/* ---- Automaton -------------------------------------------------------------------------- */

static void
ac_free(automaton *ac)
{
    free(ac->first);
    free(ac->next);
    free(ac->fail);
    free(ac->out);
    free(ac->dict);
    free(ac->byte);
    free(ac->name_next);
    memset(ac, 0, sizeof *ac);
}

static int32_t
ac_child(const automaton *ac, int32_t node, uint8_t c)
{
    if (node == 0) {
        return ac->root_next[c];
    }
    for (int32_t k = ac->first[node]; k >= 0; k = ac->next[k]) {
        if (ac->byte[k] == c) {
            return k;
        }
    }
    return -1;
}

static ilokg_status
ac_node(automaton *ac, int32_t *out)
{
    if (ac->n >= INT32_MAX) {
        return ILOKG_ERR_NOMEM;
    }
    if (ac->n == ac->cap) {
        size_t cap = ac->cap ? ac->cap * 2 : 4096;
        void  *p[6];
        size_t sz[6]  = {sizeof *ac->first, sizeof *ac->next, sizeof *ac->fail,
                         sizeof *ac->out,   sizeof *ac->dict, sizeof *ac->byte};
        void **arr[6] = {(void **)&ac->first, (void **)&ac->next, (void **)&ac->fail,
                         (void **)&ac->out,   (void **)&ac->dict, (void **)&ac->byte};
        for (int i = 0; i < 6; i++) {
            p[i] = realloc(*arr[i], cap * sz[i]);
            if (!p[i]) {
                return ILOKG_ERR_NOMEM;
            }
            *arr[i] = p[i];
        }
        ac->cap = cap;
    }
    int32_t k    = (int32_t)ac->n++;
    ac->first[k] = ac->next[k] = ac->out[k] = ac->dict[k] = -1;
    ac->fail[k]                                           = 0;
    ac->byte[k]                                           = 0;
    *out                                                  = k;
    return ILOKG_OK;
}

static ilokg_status
ac_build(ilokg_gazetteer *gaz)
{
    automaton   *ac = &gaz->ac;
    ilokg_status st;
    int32_t      root;
    for (int c = 0; c < 256; c++) {
        ac->root_next[c] = -1;
    }
    if ((st = ac_node(ac, &root))) {
        return st;
    }
    ac->name_next = malloc((gaz->n_names ? gaz->n_names : 1) * sizeof *ac->name_next);
    if (!ac->name_next) {
        return ILOKG_ERR_NOMEM;
    }
    /* Backwards, so that the names ending at one node are listed in index order. */
    for (size_t i = gaz->n_names; i-- > 0;) {
        const ilokg_name *nm   = &gaz->names[i];
        int32_t           node = 0;
        for (size_t j = 0; j < nm->len; j++) {
            char    ch = nm->text[j];
            uint8_t c  = (uint8_t)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
            int32_t k  = ac_child(ac, node, c);
            if (k < 0) {
                if ((st = ac_node(ac, &k))) {
                    return st;
                }
                ac->byte[k] = c;
                if (node == 0) {
                    ac->root_next[c] = k;
                } else {
                    ac->next[k]     = ac->first[node];
                    ac->first[node] = k;
                }
            }
            node = k;
        }
        ac->name_next[i] = ac->out[node];
        ac->out[node]    = (int32_t)i;
    }
    /* Breadth-first: failure links and dictionary links (nearest suffix node ending a name). */
    int32_t *queue = malloc(ac->n * sizeof *queue);
    if (!queue) {
        return ILOKG_ERR_NOMEM;
    }
    size_t head = 0, tail = 0;
    for (int c = 0; c < 256; c++) {
        if (ac->root_next[c] > 0) {
            ac->fail[ac->root_next[c]] = 0;
            queue[tail++]              = ac->root_next[c];
        }
    }
    while (head < tail) {
        int32_t u = queue[head++];
        for (int32_t v = ac->first[u]; v >= 0; v = ac->next[v]) {
            int32_t f = ac->fail[u], g;
            while (f && ac_child(ac, f, ac->byte[v]) < 0) {
                f = ac->fail[f];
            }
            g             = ac_child(ac, f, ac->byte[v]);
            ac->fail[v]   = g > 0 && g != v ? g : 0;
            int32_t fv    = ac->fail[v];
            ac->dict[v]   = ac->out[fv] >= 0 ? fv : ac->dict[fv];
            queue[tail++] = v;
        }
    }
    free(queue);
    return ILOKG_OK;
}

static bool
word_byte(char c)
{
    unsigned char u = (unsigned char)c;
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

static bool
digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reports one name ending at folded offset end if its boundaries and case fit. */
static void
report(const ilokg_gazetteer *gaz, const ilokg_folded *t, size_t idx, size_t end,
       void (*fn)(const ilokg_name *, size_t, size_t, void *), void *payload)
{
    const ilokg_name *nm    = &gaz->names[idx];
    size_t            start = end - nm->len;
    const char       *f     = t->folded;
    if (word_byte(nm->text[0]) && start > 0 && word_byte(f[start - 1])) {
        return;
    }
    if (nm->exact && memcmp(f + start, nm->text, nm->len)) {
        return;
    }
    if (nm->digit_next) {
        if (!(end < t->len &&
              (digit(f[end]) || (f[end] == '.' && end + 1 < t->len && digit(f[end + 1]))))) {
            return;
        }
    } else if (word_byte(nm->text[nm->len - 1]) && end < t->len && word_byte(f[end])) {
        if (!(nm->plural && f[end] == 's' && (end + 1 == t->len || !word_byte(f[end + 1])))) {
            return;
        }
        end++;
    }
    fn(nm, start, end, payload);
}

void
ilokg_gazetteer_scan(const ilokg_gazetteer *gaz, const ilokg_folded *text,
                     void (*fn)(const ilokg_name *name, size_t start, size_t end, void *payload),
                     void *payload)
{
    const automaton *ac    = &gaz->ac;
    int32_t          state = 0;
    if (!ac->n) {
        return;
    }
    for (size_t i = 0; i < text->len; i++) {
        uint8_t c = (uint8_t)text->lower[i];
        int32_t k;
        while ((k = ac_child(ac, state, c)) < 0 && state) {
            state = ac->fail[state];
        }
        state = k < 0 ? 0 : k;
        for (int32_t node = ac->out[state] >= 0 ? state : ac->dict[state]; node >= 0;
             node         = ac->dict[node]) {
            for (int32_t m = ac->out[node]; m >= 0; m = ac->name_next[m]) {
                report(gaz, text, (size_t)m, i + 1, fn, payload);
            }
        }
    }
}

/* ---- Loading each table ----------------------------------------------------------------- */

static const char *
title_case_kind(const char *kind)
{
    if (!kind) {
        return NULL;
    }
    if (!strcmp(kind, "goal")) {
        return "Goal";
    }
    if (!strcmp(kind, "target")) {
        return "Target";
    }
    if (!strcmp(kind, "indicator")) {
        return "Indicator";
    }
    return kind;
}

/* The entity of table row r, keyed by column key; an empty key is an error at its line. */
static ilokg_status
row_entity(ilokg_entity **out, ilokg_gazetteer *gaz, const table *t, size_t r,
           ilokg_entity_kind kind, const char *key, ilokg_diag *diag)
{
    const char *id = cell(t, r, column(t, key));
    if (!id) {
        return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t->path, t->lines[r], 1, "empty %s", key);
    }
    *out = entity_new(gaz->s, kind, id);
    return *out ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

static ilokg_status
load_sdg(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[] = {"code",      "kind",    "parent",   "title", "short_title",
                                      "unsd_code", "kos_iri", "wikidata", NULL};
    table                    t;
    ilokg_status             st = table_load(&t, gaz, dir, "sdg.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = NULL;
        if ((st = row_entity(&e, gaz, &t, r, ILOKG_ENT_SDG, "code", diag))) {
            break;
        }
        e->type      = title_case_kind(cell(&t, r, column(&t, "kind")));
        e->parent    = cell(&t, r, column(&t, "parent"));
        e->label     = cell(&t, r, column(&t, "title"));
        e->alt_label = cell(&t, r, column(&t, "short_title"));
        e->unsd_code = cell(&t, r, column(&t, "unsd_code"));
        e->iri       = cell(&t, r, column(&t, "kos_iri"));
        e->wikidata  = cell(&t, r, column(&t, "wikidata"));
    }
    table_free(&t);
    return st;
}

static ilokg_status
load_countries(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[]  = {"alpha3",   "alpha2",     "m49",           "label", "op_iri",
                                       "wikidata", "m49_region", "m49_subregion", NULL};
    static const char *const req2[] = {"alpha3", "name", NULL};
    table                    t, n;
    ilokg_status             st = table_load(&t, gaz, dir, "countries.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = NULL;
        if ((st = row_entity(&e, gaz, &t, r, ILOKG_ENT_COUNTRY, "alpha3", diag))) {
            break;
        }
        e->type          = "Country";
        e->label         = cell(&t, r, column(&t, "label"));
        e->alpha2        = cell(&t, r, column(&t, "alpha2"));
        e->m49           = cell(&t, r, column(&t, "m49"));
        e->op_iri        = cell(&t, r, column(&t, "op_iri"));
        e->wikidata      = cell(&t, r, column(&t, "wikidata"));
        e->m49_region    = cell(&t, r, column(&t, "m49_region"));
        e->m49_subregion = cell(&t, r, column(&t, "m49_subregion"));
        st               = add_names(gaz, e->label, ILOKG_NAME_ENTITY, e);
    }
    table_free(&t);
    if (st) {
        return st;
    }
    if ((st = table_load(&n, gaz, dir, "country_names.tsv", req2, diag))) {
        table_free(&n);
        return st;
    }
    entity_vec *countries = &gaz->s->kinds[ILOKG_ENT_COUNTRY];
    if (countries->n) {
        qsort(countries->v, countries->n, sizeof *countries->v, cmp_entity);
    }
    for (size_t r = 0; !st && r < n.nrows; r++) {
        const ilokg_entity *e =
            ilokg_gazetteer_find(gaz, ILOKG_ENT_COUNTRY, cell(&n, r, column(&n, "alpha3")));
        if (!e) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, n.path, n.lines[r], 1,
                                 "unknown country '%s'", n.cells[r * n.ncol]);
            break;
        }
        st = add_names(gaz, cell(&n, r, column(&n, "name")), ILOKG_NAME_ENTITY, e);
    }
    table_free(&n);
    return st;
}

static ilokg_status
split_members(store *s, ilokg_entity *e, const char *list)
{
    if (!list) {
        return ILOKG_OK;
    }
    size_t n = 1;
    for (const char *p = list; *p; p++) {
        n += *p == '|';
    }
    const char **m = arena_alloc(s, n * sizeof *m);
    if (!m) {
        return ILOKG_ERR_NOMEM;
    }
    size_t      k = 0;
    const char *p = list;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t      len = bar ? (size_t)(bar - p) : strlen(p);
        if (len && !(m[k++] = arena_strndup(s, p, len))) {
            return ILOKG_ERR_NOMEM;
        }
        p += len + (bar ? 1 : 0);
    }
    e->members   = m;
    e->n_members = k;
    return ILOKG_OK;
}

static ilokg_status
load_regions(ilokg_gazetteer *gaz, const char *dir, const char *file, ilokg_diag *diag)
{
    static const char *const req[] = {"id", "name", "kind", "parent", "members", NULL};
    table                    t;
    ilokg_status             st = table_load(&t, gaz, dir, file, req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = NULL;
        if ((st = row_entity(&e, gaz, &t, r, ILOKG_ENT_REGION, "id", diag))) {
            break;
        }
        e->label  = cell(&t, r, column(&t, "name"));
        e->type   = cell(&t, r, column(&t, "kind"));
        e->parent = cell(&t, r, column(&t, "parent"));
        e->m49    = cell(&t, r, column(&t, "code"));
        st        = split_members(gaz->s, e, cell(&t, r, column(&t, "members")));
        /* "World" is a word of titles ("World of Work"), not a mention of the M49 area. */
        if (!st && e->label && strcmp(e->label, "World")) {
            st = add_names_split(gaz, e->label, e);
        }
    }
    table_free(&t);
    return st;
}

static ilokg_status
load_actors(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[] = {"code",   "label",   "full_name", "type",
                                      "parent", "op_code", NULL};
    table                    t;
    ilokg_status             st = table_load(&t, gaz, dir, "actors.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = NULL;
        if ((st = row_entity(&e, gaz, &t, r, ILOKG_ENT_ACTOR, "code", diag))) {
            break;
        }
        e->label       = cell(&t, r, column(&t, "label"));
        e->alt_label   = cell(&t, r, column(&t, "full_name"));
        e->type        = cell(&t, r, column(&t, "type"));
        e->parent      = cell(&t, r, column(&t, "parent"));
        const char *op = cell(&t, r, column(&t, "op_code"));
        if (op) {
            size_t n   = strlen(OP_CORPORATE_BODY) + strlen(op) + 1;
            char  *iri = arena_alloc(gaz->s, n);
            if (!iri) {
                st = ILOKG_ERR_NOMEM;
                break;
            }
            snprintf(iri, n, "%s%s", OP_CORPORATE_BODY, op);
            e->see_also = iri;
        }
        if (!(st = add_names(gaz, e->label, ILOKG_NAME_ENTITY, e))) {
            st = add_names(gaz, e->alt_label, ILOKG_NAME_ENTITY, e);
        }
    }
    table_free(&t);
    return st;
}

static const char *
instrument_type(char c)
{
    return c == 'C' ? "Convention" : c == 'P' ? "Protocol" : c == 'R' ? "Recommendation" : NULL;
}

/* Adds an instrument title as names: as printed, without its " (No. n)" tail, and with
 * ", <year>" appended when the title carries no year. */
static ilokg_status
add_instrument_title(ilokg_gazetteer *gaz, ilokg_entity *e, const char *title)
{
    if (!title) {
        return ILOKG_OK;
    }
    /* "ILO Centenary Declaration ...": the ILO stays an actor mention of its own. */
    if (!strncmp(title, "ILO ", 4)) {
        title += 4;
    }
    ilokg_status st  = add_names(gaz, title, ILOKG_NAME_ENTITY, e);
    size_t       len = strlen(title);
    const char  *no  = strstr(title, " (No.");
    if (!st && no) {
        st = add_name(gaz, title, (size_t)(no - title), ILOKG_NAME_ENTITY, e, CASE_DEFAULT, false);
    } else if (!st && e->year && !strstr(title, e->year)) {
        char buf[512];
        int  n = snprintf(buf, sizeof buf, "%.*s, %s", (int)len, title, e->year);
        if (n > 0 && (size_t)n < sizeof buf) {
            st = add_name(gaz, buf, (size_t)n, ILOKG_NAME_ENTITY, e, CASE_DEFAULT, false);
        }
    }
    return st;
}

static ilokg_status
set_normlex(store *s, ilokg_entity *e)
{
    char buf[160];
    ilokg_normlex_iri(buf, sizeof buf, e->id);
    e->normlex = arena_strndup(s, buf, strlen(buf));
    return e->normlex ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

static bool
numbered_code(const char *id)
{
    return id && instrument_type(id[0]) && strlen(id) == 4 && digit(id[1]) && digit(id[2]) &&
           digit(id[3]) && strcmp(id + 1, "000");
}

static ilokg_status
load_instruments(ilokg_gazetteer *gaz, const char *dir, const char *file, ilokg_diag *diag)
{
    static const char *const req[] = {"code", "type", "title", "year", NULL};
    table                    t;
    ilokg_status             st = table_load(&t, gaz, dir, file, req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = entity_new(gaz->s, ILOKG_ENT_INSTRUMENT, cell(&t, r, column(&t, "code")));
        if (!e) {
            st = ILOKG_ERR_NOMEM;
            break;
        }
        e->type = cell(&t, r, column(&t, "type"));
        if (!e->id || !e->type) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t.path, t.lines[r], 1,
                                 "an instrument needs a code and a type");
            break;
        }
        e->label   = cell(&t, r, column(&t, "title"));
        e->year    = cell(&t, r, column(&t, "year"));
        e->status  = cell(&t, r, column(&t, "status"));
        e->normlex = cell(&t, r, column(&t, "normlex"));
        if (!e->normlex && numbered_code(e->id)) {
            st = set_normlex(gaz->s, e);
        }
        if (!st) {
            st = add_instrument_title(gaz, e, e->label);
        }
        if (!st) {
            st = add_names(gaz, cell(&t, r, column(&t, "short_title")), ILOKG_NAME_ENTITY, e);
        }
    }
    table_free(&t);
    return st;
}

static ilokg_status
load_pairs(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[] = {"instrument", "recommendation", NULL};
    table                    t;
    ilokg_status             st = table_load(&t, gaz, dir, "instrument_pairs.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        const char *a = cell(&t, r, column(&t, "instrument"));
        const char *b = cell(&t, r, column(&t, "recommendation"));
        if (!a || !b || !numbered_code(b) || b[0] != 'R') {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t.path, t.lines[r], 1,
                                 "a pair is an instrument code and a Recommendation code");
            break;
        }
        const ilokg_entity *e = ilokg_gazetteer_find(gaz, ILOKG_ENT_INSTRUMENT, a);
        if (!e && numbered_code(a)) {
            st = ilokg_gazetteer_instrument(&e, gaz, a, NULL, 0, NULL);
        }
        if (!st && e) {
            ((ilokg_entity *)e)->paired = b;
        }
    }
    table_free(&t);
    return st;
}

static ilokg_status
load_themes(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[] = {"code", "label", "definition", "broader", "keywords", NULL};
    table                    t;
    ilokg_status             st = table_load(&t, gaz, dir, "themes.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = NULL;
        if ((st = row_entity(&e, gaz, &t, r, ILOKG_ENT_THEME, "code", diag))) {
            break;
        }
        e->label        = cell(&t, r, column(&t, "label"));
        e->definition   = cell(&t, r, column(&t, "definition"));
        e->parent       = cell(&t, r, column(&t, "broader"));
        const char *kws = cell(&t, r, column(&t, "keywords"));
        while (!st && kws && *kws) {
            const char *bar     = strchr(kws, '|');
            size_t      len     = bar ? (size_t)(bar - kws) : strlen(kws);
            bool        acronym = true;
            for (size_t i = 0; i < len; i++) {
                acronym = acronym && !(kws[i] >= 'a' && kws[i] <= 'z');
            }
            size_t n0 = gaz->n_names;
            st = add_name(gaz, kws, len, ILOKG_NAME_THEME, e, acronym ? CASE_EXACT : CASE_FOLD,
                          false);
            if (!st && gaz->n_names > n0) {
                gaz->names[n0].plural = true;
            }
            kws += len + (bar ? 1 : 0);
        }
    }
    table_free(&t);
    return st;
}

static ilokg_status
load_aliases(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[] = {"kind", "id", "name", "case", "indirect", NULL};
    static const struct {
        const char       *name;
        ilokg_entity_kind kind;
    } kinds[] = {{"actor", ILOKG_ENT_ACTOR},
                 {"instrument", ILOKG_ENT_INSTRUMENT},
                 {"country", ILOKG_ENT_COUNTRY},
                 {"region", ILOKG_ENT_REGION}};
    table        t;
    ilokg_status st = table_load(&t, gaz, dir, "aliases.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        const char *kind = cell(&t, r, column(&t, "kind"));
        const char *id   = cell(&t, r, column(&t, "id"));
        const char *name = cell(&t, r, column(&t, "name"));
        const char *cs   = cell(&t, r, column(&t, "case"));
        const char *ind  = cell(&t, r, column(&t, "indirect"));
        case_rule   rule = !cs ? CASE_DEFAULT : !strcmp(cs, "exact") ? CASE_EXACT : CASE_FOLD;
        if (!kind || !name || (cs && strcmp(cs, "exact") && strcmp(cs, "fold"))) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t.path, t.lines[r], 1,
                                 "an alias needs a kind and a name (case: exact or fold)");
            break;
        }
        if (!strcmp(kind, "stop")) {
            st = add_name(gaz, name, strlen(name), ILOKG_NAME_STOP, NULL, rule, false);
            continue;
        }
        const ilokg_entity *e          = NULL;
        bool                known_kind = false;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            if (!strcmp(kind, kinds[k].name)) {
                known_kind = true;
                e          = ilokg_gazetteer_find(gaz, kinds[k].kind, id);
            }
        }
        if (!e) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t.path, t.lines[r], 1, "unknown %s '%s'",
                                 known_kind ? kind : "kind", known_kind ? (id ? id : "") : kind);
            break;
        }
        st = add_name(gaz, name, strlen(name), ILOKG_NAME_ENTITY, e, rule,
                      ind && !strcmp(ind, "yes"));
    }
    table_free(&t);
    return st;
}

static ilokg_status
add_triggers(ilokg_gazetteer *gaz)
{
    static const struct {
        const char   *text;
        ilokg_trigger trigger;
        case_rule     rule;
        bool          plural, digit_next;
    } kw[] = {
        {"Convention", ILOKG_TRIGGER_CONVENTION, CASE_FOLD, false, false},
        {"Conventions", ILOKG_TRIGGER_CONVENTION, CASE_FOLD, true, false},
        {"Recommendation", ILOKG_TRIGGER_RECOMMENDATION, CASE_FOLD, false, false},
        {"Recommendations", ILOKG_TRIGGER_RECOMMENDATION, CASE_FOLD, true, false},
        {"Protocol", ILOKG_TRIGGER_PROTOCOL, CASE_FOLD, false, false},
        {"Protocols", ILOKG_TRIGGER_PROTOCOL, CASE_FOLD, true, false},
        {"SDG", ILOKG_TRIGGER_SDG, CASE_EXACT, false, false},
        {"SDGs", ILOKG_TRIGGER_SDG, CASE_EXACT, true, false},
        {"Sustainable Development Goal", ILOKG_TRIGGER_SDG, CASE_FOLD, false, false},
        {"Sustainable Development Goals", ILOKG_TRIGGER_SDG, CASE_FOLD, true, false},
        {"target", ILOKG_TRIGGER_TARGET, CASE_FOLD, false, false},
        {"targets", ILOKG_TRIGGER_TARGET, CASE_FOLD, true, false},
        {"indicator", ILOKG_TRIGGER_TARGET, CASE_FOLD, false, false},
        {"indicators", ILOKG_TRIGGER_TARGET, CASE_FOLD, true, false},
        {"C", ILOKG_TRIGGER_CODE, CASE_EXACT, false, true},
        {"P", ILOKG_TRIGGER_CODE, CASE_EXACT, false, true},
        {"R", ILOKG_TRIGGER_CODE, CASE_EXACT, false, true},
    };
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++) {
        size_t       n0 = gaz->n_names;
        ilokg_status st = add_name(gaz, kw[i].text, strlen(kw[i].text), ILOKG_NAME_TRIGGER, NULL,
                                   kw[i].rule, false);
        if (st) {
            return st;
        }
        gaz->names[n0].trigger    = kw[i].trigger;
        gaz->names[n0].plural_kw  = kw[i].plural;
        gaz->names[n0].digit_next = kw[i].digit_next;
    }
    return ILOKG_OK;
}

void
ilokg_gazetteer_free(ilokg_gazetteer *gaz)
{
    if (!gaz) {
        return;
    }
    if (gaz->s) {
        for (int k = 0; k < ILOKG_ENT_KIND_COUNT; k++) {
            free(gaz->s->kinds[k].v);
        }
        for (arena_block *b = gaz->s->arena, *next; b; b = next) {
            next = b->next;
            free(b);
        }
        free(gaz->s);
    }
    for (size_t i = 0; i < gaz->n_bufs; i++) {
        free(gaz->bufs[i]);
    }
    free(gaz->bufs);
    free(gaz->names);
    ac_free(&gaz->ac);
    free(gaz);
}

/* Reports the first id two rows of one kind share. */
static ilokg_status
check_unique(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    for (int k = 0; k < ILOKG_ENT_KIND_COUNT; k++) {
        entity_vec *v = &gaz->s->kinds[k];
        if (v->n) {
            qsort(v->v, v->n, sizeof *v->v, cmp_entity);
        }
        for (size_t i = 1; i < v->n; i++) {
            if (!strcmp(v->v[i - 1]->id, v->v[i]->id)) {
                return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, dir, 0, 0, "id '%s' is listed twice",
                                       v->v[i]->id);
            }
        }
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_gazetteer_load(ilokg_gazetteer **out, const char *dir, ilokg_diag *diag)
{
    ilokg_gazetteer *gaz = calloc(1, sizeof *gaz);
    ilokg_status     st  = ILOKG_ERR_NOMEM;
    if (gaz && (gaz->s = calloc(1, sizeof *gaz->s))) {
        st = load_sdg(gaz, dir, diag);
    }
    if (!st) {
        st = load_countries(gaz, dir, diag);
    }
    if (!st) {
        st = load_regions(gaz, dir, "regions.tsv", diag);
    }
    if (!st) {
        st = load_regions(gaz, dir, "regions_extra.tsv", diag);
    }
    if (!st) {
        st = load_actors(gaz, dir, diag);
    }
    if (!st) {
        st = load_instruments(gaz, dir, "ilo_instruments.tsv", diag);
    }
    if (!st) {
        st = load_instruments(gaz, dir, "instruments_extra.tsv", diag);
    }
    if (!st) {
        st = load_themes(gaz, dir, diag);
    }
    if (!st) {
        st = check_unique(gaz, dir, diag);
    }
    if (!st) {
        st = load_pairs(gaz, dir, diag);
    }
    if (!st) {
        st = load_aliases(gaz, dir, diag);
    }
    if (!st) {
        st = add_triggers(gaz);
    }
    if (!st) {
        names_finish(gaz);
        st = ac_build(gaz);
    }
    if (!st) {
        *out = gaz;
        gaz  = NULL;
    }
    ilokg_gazetteer_free(gaz);
    return st;
}

/* ---- Learned instruments ---------------------------------------------------------------- */

static bool
better_title(const char *old, const char *t, size_t len)
{
    if (!old) {
        return true;
    }
    size_t n = strlen(old);
    if (len != n) {
        return len > n;
    }
    return memcmp(t, old, len) < 0;
}

ilokg_status
ilokg_gazetteer_instrument(const ilokg_entity **out, const ilokg_gazetteer *gaz, const char *code,
                           const char *title, size_t title_len, const char *year)
{
    store        *s = gaz->s;
    entity_vec   *v = &s->kinds[ILOKG_ENT_INSTRUMENT];
    size_t        i = entity_lower_bound(v, code);
    ilokg_entity *e = i < v->n && !strcmp(v->v[i]->id, code) ? v->v[i] : NULL;
    if (!e) {
        if (!numbered_code(code)) {
            return ILOKG_ERR_NOT_FOUND;
        }
        char *id = arena_strndup(s, code, strlen(code));
        e        = id ? arena_alloc(s, sizeof *e) : NULL;
        if (!e || ilokg_grow(&v->v, &v->cap, v->n, sizeof *v->v)) {
            return ILOKG_ERR_NOMEM;
        }
        e->kind    = ILOKG_ENT_INSTRUMENT;
        e->id      = id;
        e->type    = instrument_type(code[0]);
        e->learned = true;
        if (set_normlex(s, e)) {
            return ILOKG_ERR_NOMEM;
        }
        memmove(v->v + i + 1, v->v + i, (v->n - i) * sizeof *v->v);
        v->v[i] = e;
        v->n++;
    }
    if (e->learned && title && title_len) {
        /* With its year printed, the title takes the ILO's own form: "Seafarers' Identity
         * Documents Convention (Revised), 2003 (No. 185)". The longest printed form wins. */
        char   suffix[32] = "";
        if (year && code[0] != 'P') {
            snprintf(suffix, sizeof suffix, ", %.4s (No. %u)", year,
                     (unsigned)strtoul(code + 1, NULL, 10));
        }
        char buf[512];
        int  n = snprintf(buf, sizeof buf, "%.*s%s", (int)title_len, title, suffix);
        if (n > 0 && (size_t)n < sizeof buf && better_title(e->label, buf, (size_t)n)) {
            /* Only a title that wins is kept in the arena: this runs for every mention. */
            if (!(e->label = arena_strndup(s, buf, (size_t)n))) {
                return ILOKG_ERR_NOMEM;
            }
            if (year && (!e->year || strcmp(year, e->year) < 0)) {
                e->year = arena_strndup(s, year, strlen(year));
            }
        }
    }
    *out = e;
    return ILOKG_OK;
}
