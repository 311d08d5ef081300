/* SPDX-License-Identifier: Apache-2.0 */
/* The persistent quad store: an LMDB environment with the terms both ways and the three index
 * orders, written in one bulk pass into a new generation directory (qstore_swap.c swaps it in),
 * and read through one read-only transaction kept for the store's life. */
#include "query/qstore.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lmdb.h>

#include "util/buf.h"
#include "util/io.h"
#include "query/qstore_int.h"

#define QDISK_FORMAT "ilokg-store"
#define QDISK_VERSION 1u
#define QDISK_HASH_LEN 16
#define QDISK_MAX_DBS 8

/* The first byte of a term record. */
enum { QDISK_IRI = 1, QDISK_BLANK, QDISK_PLAIN, QDISK_LANG, QDISK_TYPED };

typedef struct {
    struct ilokg_qstore base;
    MDB_env            *env;
    MDB_txn            *txn;
    MDB_dbi             id2term, term2id, meta, order[QORDER_COUNT];
    size_t              n_quads, n_terms;
    ilokg_id           *all_graphs; /* every graph holding quads, ascending (1 first if any) */
    size_t             *graph_size; /* quads in each */
    size_t              n_all;
} disk_store;

typedef struct {
    struct ilokg_qiter base;
    disk_store        *d;
    MDB_cursor        *cur;
    ilokg_quad         pat;
    int                order;
    size_t             n_after;
    const ilokg_id    *graphs; /* the graphs still to walk */
    size_t             n_graphs;
    ilokg_id           one_graph;
    qrow               prefix; /* the bound prefix of the current range, in the order's layout */
    size_t             nk;     /* its length */
    int                in_range;
    int                done;
} disk_iter;

static const qstore_ops disk_ops;

/* ---- Encodings (shared with the writer) --------------------------------------------------- */

static void
put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static uint32_t
get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t
finish(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

static void
term_key(unsigned char out[QDISK_HASH_LEN], const ilokg_qterm *t)
{
    /* Two 64-bit hashes from different seeds over the term as ilokg_qterm_equal sees it
     * (language tags folded, xsd:string as no datatype). */
    uint64_t h[2] = {0xcbf29ce484222325ull ^ (uint64_t)t->kind, 0x84222325cbf29ce4ull + t->kind};
    for (int k = 0; k < 2; k++) {
        h[k] = finish(ilokg_qterm_hash_from(h[k], t) + (uint64_t)k * 0x9e3779b97f4a7c15ull);
        for (int i = 0; i < 8; i++) {
            out[k * 8 + i] = (unsigned char)(h[k] >> (56 - 8 * i));
        }
    }
}

/* A term record: kind, then the language tag or datatype IRI and a NUL when there is one, then
 * the lexical form and a NUL (so the strings can be borrowed straight from the map). */
static ilokg_status
decode_term(ilokg_qterm *out, const MDB_val *v)
{
    const char *p   = v->mv_data;
    size_t      len = v->mv_size;
    if (len < 2 || p[len - 1] != '\0' || p[0] < QDISK_IRI || p[0] > QDISK_TYPED) {
        return ILOKG_ERR_IO;
    }
    memset(out, 0, sizeof *out);
    size_t start = 1;
    if (p[0] == QDISK_LANG || p[0] == QDISK_TYPED) {
        const char *nul = memchr(p + 1, '\0', len - 1);
        if (!nul || nul == p + len - 1) {
            return ILOKG_ERR_IO;
        }
        *(p[0] == QDISK_LANG ? &out->lang : &out->dt) = p + 1;
        start                                         = (size_t)(nul - p) + 1;
    }
    out->kind    = p[0] == QDISK_IRI     ? ILOKG_QT_IRI
                   : p[0] == QDISK_BLANK ? ILOKG_QT_BLANK
                                         : ILOKG_QT_LITERAL;
    out->lex     = p + start;
    out->lex_len = len - start - 1;
    return ILOKG_OK;
}

/* ---- Reading ------------------------------------------------------------------------------ */

static disk_store *
as_disk(ilokg_qstore *st)
{
    return (disk_store *)st;
}

static ilokg_status
disk_term(ilokg_qstore *st, ilokg_id id, ilokg_qterm *out)
{
    disk_store   *d = as_disk(st);
    unsigned char k[4];
    put32(k, id);
    MDB_val key = {4, k}, val;
    if (id < ILOKG_ID_FIRST || mdb_get(d->txn, d->id2term, &key, &val)) {
        return ILOKG_ERR_NOT_FOUND;
    }
    return decode_term(out, &val) ? ILOKG_ERR_NOT_FOUND : ILOKG_OK;
}

static ilokg_status
disk_find(ilokg_qstore *st, const ilokg_qterm *t, ilokg_id *out)
{
    disk_store   *d = as_disk(st);
    unsigned char h[QDISK_HASH_LEN];
    MDB_cursor   *cur;
    term_key(h, t);
    *out = ILOKG_ID_NONE;
    if (mdb_cursor_open(d->txn, d->term2id, &cur)) {
        return ILOKG_ERR_IO;
    }
    MDB_val key = {QDISK_HASH_LEN, h}, val;
    int     rc  = mdb_cursor_get(cur, &key, &val, MDB_SET_KEY);
    for (; !rc; rc = mdb_cursor_get(cur, &key, &val, MDB_NEXT_DUP)) {
        ilokg_qterm have;
        ilokg_id    id = val.mv_size == 4 ? get32(val.mv_data) : 0;
        if (!disk_term(st, id, &have) && ilokg_qterm_equal(&have, t)) {
            *out = id; /* a hash shared by two terms is told apart here */
            break;
        }
    }
    mdb_cursor_close(cur);
    return ILOKG_OK;
}

static void
row_from_kv(qrow *r, const MDB_val *k, const MDB_val *v)
{
    r->v[0] = get32(k->mv_data);
    r->v[1] = get32((const unsigned char *)k->mv_data + 4);
    r->v[2] = get32(v->mv_data);
    r->v[3] = get32((const unsigned char *)v->mv_data + 4);
}

/* Puts the cursor on the first row of the range of graph g (or of everything when nk is 0);
 * MDB_NOTFOUND when there is none. */
static int
seek_range(disk_iter *it, qrow *row)
{
    unsigned char kb[8] = {0}, vb[8] = {0};
    for (size_t i = 0; i < 4; i++) {
        put32(i < 2 ? kb + 4 * i : vb + 4 * (i - 2), i < it->nk ? it->prefix.v[i] : 0);
    }
    MDB_val k = {8, kb}, v = {8, vb};
    int     rc;
    if (it->nk == 0) {
        rc = mdb_cursor_get(it->cur, &k, &v, MDB_FIRST);
    } else if (it->nk <= 2) {
        rc = mdb_cursor_get(it->cur, &k, &v, MDB_SET_RANGE);
    } else {
        rc = mdb_cursor_get(it->cur, &k, &v, MDB_GET_BOTH_RANGE);
    }
    if (!rc) {
        row_from_kv(row, &k, &v);
    }
    return rc;
}

static int
step(disk_iter *it, qrow *row)
{
    MDB_val k, v;
    int     rc = mdb_cursor_get(it->cur, &k, &v, it->nk >= 2 ? MDB_NEXT_DUP : MDB_NEXT);
    if (!rc) {
        row_from_kv(row, &k, &v);
    }
    return rc;
}

static int
in_prefix(const disk_iter *it, const qrow *row)
{
    for (size_t i = 0; i < it->nk; i++) {
        if (row->v[i] != it->prefix.v[i]) {
            return 0;
        }
    }
    return 1;
}

static void
start_graph(disk_iter *it, ilokg_id g)
{
    ilokg_quad q = it->pat;
    q.g          = g;
    ilokg_qrow_from_quad(&it->prefix, &q, it->order);
    it->nk = 1 + it->n_after;
}

static ilokg_status
disk_next(ilokg_qiter *base, ilokg_quad *out, int *got)
{
    disk_iter *it = (disk_iter *)base;
    qrow       row;
    for (;;) {
        int rc;
        if (it->done) {
            *got = 0;
            return ILOKG_OK;
        }
        if (it->in_range) {
            rc = step(it, &row);
        } else {
            rc           = seek_range(it, &row);
            it->in_range = 1;
        }
        if (rc && rc != MDB_NOTFOUND) {
            return ILOKG_ERR_IO;
        }
        if (!rc && in_prefix(it, &row)) {
            ilokg_qrow_to_quad(out, &row, it->order);
            if (ilokg_quad_matches(&it->pat, out)) {
                *got = 1;
                return ILOKG_OK;
            }
            continue;
        }
        if (!it->n_graphs) {
            it->done = 1;
            *got     = 0;
            return ILOKG_OK;
        }
        start_graph(it, *it->graphs++);
        it->n_graphs--;
        it->in_range = 0;
    }
}

static void
disk_iter_free(ilokg_qiter *base)
{
    disk_iter *it = (disk_iter *)base;
    if (it->cur) {
        mdb_cursor_close(it->cur);
    }
    free(it);
}

/* Sets up it for pat; the first range starts at the first call of disk_next. */
static void
iter_init(disk_iter *it, disk_store *d, const ilokg_quad *pat)
{
    size_t n_prefix;
    it->d       = d;
    it->pat     = *pat;
    it->order   = ilokg_qorder_choose(pat, &n_prefix);
    it->n_after = n_prefix - (pat->g != ILOKG_ID_NONE);
    if (pat->g != ILOKG_ID_NONE) {
        start_graph(it, pat->g);
    } else if (it->n_after == 0) {
        it->nk = 0; /* nothing bound: everything */
    } else if (d->n_all) {
        start_graph(it, d->all_graphs[0]);
        it->graphs   = d->all_graphs + 1;
        it->n_graphs = d->n_all - 1;
    } else {
        it->done = 1; /* no graphs: nothing */
    }
}

static ilokg_status
disk_match(ilokg_qstore *st, const ilokg_quad *pat, ilokg_qiter **out)
{
    disk_store *d  = as_disk(st);
    disk_iter  *it = calloc(1, sizeof *it);
    if (!it) {
        return ILOKG_ERR_NOMEM;
    }
    it->base.next = disk_next;
    it->base.free = disk_iter_free;
    iter_init(it, d, pat);
    if (mdb_cursor_open(d->txn, d->order[it->order], &it->cur)) {
        disk_iter_free(&it->base);
        return ILOKG_ERR_IO;
    }
    *out = &it->base;
    return ILOKG_OK;
}

static size_t
graph_size(const disk_store *d, ilokg_id g)
{
    size_t a = 0, b = d->n_all;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (d->all_graphs[mid] < g) {
            a = mid + 1;
        } else {
            b = mid;
        }
    }
    return a < d->n_all && d->all_graphs[a] == g ? d->graph_size[a] : 0;
}

/* The quads of one graph's range: exact for a prefix of 1 or 2 places, the quads under the
 * 2-place key otherwise (an upper bound). */
static size_t
range_estimate(disk_iter *it, ilokg_id g)
{
    if (it->nk <= 1) {
        return graph_size(it->d, g);
    }
    unsigned char kb[8];
    put32(kb, it->prefix.v[0]);
    put32(kb + 4, it->prefix.v[1]);
    MDB_val k = {8, kb}, v;
    size_t  n = 0;
    if (mdb_cursor_get(it->cur, &k, &v, MDB_SET) || mdb_cursor_count(it->cur, &n)) {
        return 0;
    }
    if (it->nk < 3 || n <= 16) {
        return (size_t)n;
    }
    /* The third place is bound too: count the values that start with it (a pattern such as
     * ?c ilokg:mentions <x> must not look as big as every ilokg:mentions triple), up to a cap. */
    unsigned char vb[8];
    put32(vb, it->prefix.v[2]);
    put32(vb + 4, it->nk > 3 ? it->prefix.v[3] : 0);
    v.mv_size = 8;
    v.mv_data = vb;
    if (mdb_cursor_get(it->cur, &k, &v, MDB_GET_BOTH_RANGE)) {
        return 0;
    }
    size_t m = 0;
    while (m < 4096 && v.mv_size == 8 && !memcmp(v.mv_data, vb, it->nk > 3 ? 8 : 4)) {
        m++;
        if (mdb_cursor_get(it->cur, &k, &v, MDB_NEXT_DUP)) {
            break;
        }
    }
    /* Past the cap: at least the cap, and a share of the rest (the whole key would make a
     * selective pattern look like the least selective). */
    return m < 4096 ? m : m + ((size_t)n - m) / 8;
}

static size_t
disk_estimate(ilokg_qstore *st, const ilokg_quad *pat)
{
    disk_store *d  = as_disk(st);
    disk_iter   it = {0};
    iter_init(&it, d, pat);
    if (it.nk == 0) {
        return d->n_quads;
    }
    if (mdb_cursor_open(d->txn, d->order[it.order], &it.cur)) {
        return d->n_quads;
    }
    size_t n = it.done ? 0 : range_estimate(&it, pat->g ? pat->g : d->all_graphs[0]);
    for (size_t i = 0; i < it.n_graphs; i++) {
        start_graph(&it, it.graphs[i]);
        n += range_estimate(&it, it.graphs[i]);
    }
    mdb_cursor_close(it.cur);
    return n;
}

static ilokg_status
disk_graphs(ilokg_qstore *st, const ilokg_id **out, size_t *n)
{
    disk_store *d = as_disk(st);
    ilokg_qstore_named_of(d->all_graphs, d->n_all, out, n);
    return ILOKG_OK;
}

static size_t
disk_size(ilokg_qstore *st)
{
    return as_disk(st)->n_quads;
}

static void
disk_free(ilokg_qstore *st)
{
    disk_store *d = as_disk(st);
    if (d->txn) {
        mdb_txn_abort(d->txn);
    }
    if (d->env) {
        mdb_env_close(d->env);
    }
    free(d->all_graphs);
    free(d->graph_size);
    free(d);
}

static const qstore_ops disk_ops = {
    disk_find, disk_term, disk_match, disk_estimate, disk_graphs, disk_size, disk_free,
};

/* ---- Opening ------------------------------------------------------------------------------ */

static int
get_meta(disk_store *d, const char *name, MDB_val *out)
{
    MDB_val key = {strlen(name), (void *)name};
    return mdb_get(d->txn, d->meta, &key, out);
}

static uint64_t
get64(const unsigned char *p)
{
    return (uint64_t)get32(p) << 32 | get32(p + 4);
}

/* Checks the meta records and reads the counts and graphs; 0 or a reason it is not a store of
 * this version. */
static const char *
read_meta(disk_store *d)
{
    MDB_val v;
    if (get_meta(d, "format", &v) || v.mv_size != strlen(QDISK_FORMAT) ||
        memcmp(v.mv_data, QDISK_FORMAT, v.mv_size)) {
        return "not an ilokg store";
    }
    if (get_meta(d, "version", &v) || v.mv_size != 4 || get32(v.mv_data) != QDISK_VERSION) {
        return "a store of another version of ilokg: load it again";
    }
    MDB_val q, t, g;
    if (get_meta(d, "quads", &q) || q.mv_size != 8 || get_meta(d, "terms", &t) || t.mv_size != 8 ||
        get_meta(d, "graphs", &g) || g.mv_size % 12) {
        return "damaged: its description is missing";
    }
    d->n_quads = (size_t)get64(q.mv_data);
    d->n_terms = (size_t)get64(t.mv_data);
    d->n_all   = g.mv_size / 12;
    if (d->n_all && (!(d->all_graphs = malloc(d->n_all * sizeof *d->all_graphs)) ||
                     !(d->graph_size = malloc(d->n_all * sizeof *d->graph_size)))) {
        d->n_all = 0;
        return "out of memory";
    }
    for (size_t i = 0; i < d->n_all; i++) {
        const unsigned char *p = (const unsigned char *)g.mv_data + 12 * i;
        d->all_graphs[i]       = get32(p);
        d->graph_size[i]       = (size_t)get64(p + 4);
    }
    return NULL;
}

/* Opens the environment and the databases; a message for the user on failure. */
static const char *
open_env(disk_store *d, const char *dir, int *rc)
{
    MDB_envinfo      info;
    MDB_stat         ms;
    mdb_filehandle_t fd;
    struct stat      sb;
    if ((*rc = mdb_env_create(&d->env)) || (*rc = mdb_env_set_maxdbs(d->env, QDISK_MAX_DBS)) ||
        (*rc = mdb_env_open(d->env, dir, MDB_RDONLY | MDB_NOLOCK | MDB_NORDAHEAD, 0444))) {
        return NULL;
    }
    /* A file shorter than its pages says is damaged; reading it would fault. */
    if ((*rc = mdb_env_info(d->env, &info)) || (*rc = mdb_env_stat(d->env, &ms)) ||
        (*rc = mdb_env_get_fd(d->env, &fd))) {
        return NULL;
    }
    if (fstat(fd, &sb) || (uint64_t)sb.st_size < ((uint64_t)info.me_last_pgno + 1) * ms.ms_psize) {
        return "damaged: the file is shorter than its contents";
    }
    if ((*rc = mdb_txn_begin(d->env, NULL, MDB_RDONLY, &d->txn))) {
        return NULL;
    }
    if (mdb_dbi_open(d->txn, "meta", 0, &d->meta)) {
        return "not an ilokg store";
    }
    const char *why = read_meta(d);
    if (why) {
        return why;
    }
    static const char *const names[QORDER_COUNT] = {"gspo", "gpos", "gosp"};
    if ((*rc = mdb_dbi_open(d->txn, "id2term", 0, &d->id2term)) ||
        (*rc = mdb_dbi_open(d->txn, "term2id", MDB_DUPSORT, &d->term2id))) {
        return NULL;
    }
    for (int k = 0; k < QORDER_COUNT; k++) {
        if ((*rc = mdb_dbi_open(d->txn, names[k], MDB_DUPSORT | MDB_DUPFIXED, &d->order[k]))) {
            return NULL;
        }
    }
    return NULL;
}

ilokg_status
ilokg_qstore_disk_open(ilokg_qstore **out, const char *dir, ilokg_diag *diag)
{
    struct stat sb;
    if (stat(dir, &sb)) {
        return ilokg_report_at(diag, ILOKG_ERR_NOT_FOUND, dir, 0, 0,
                               "no store here: fill it with 'ilokg load FILE...', or query files "
                               "with --data FILE");
    }
    char *data = ilokg_path_join(dir, "data.mdb");
    int   has  = data && !stat(data, &sb) && S_ISREG(sb.st_mode);
    free(data);
    if (!has) {
        return ilokg_report_at(diag, ILOKG_ERR_IO, dir, 0, 0,
                               "not an ilokg store (no LMDB data file): rebuild it with 'ilokg "
                               "load'");
    }
    disk_store *d = calloc(1, sizeof *d);
    if (!d) {
        return ILOKG_ERR_NOMEM;
    }
    d->base.ops     = &disk_ops;
    int         rc  = 0;
    const char *why = open_env(d, dir, &rc);
    if (why || rc) {
        disk_free(&d->base);
        return ilokg_report_at(diag, ILOKG_ERR_IO, dir, 0, 0, "cannot open the store: %s",
                               why ? why : mdb_strerror(rc));
    }
    *out = &d->base;
    return ILOKG_OK;
}

/* ---- Writing ------------------------------------------------------------------------------ */

typedef struct {
    unsigned char hash[QDISK_HASH_LEN];
    ilokg_id      id;
} hashed_id;

static int
cmp_hashed(const void *a, const void *b)
{
    const hashed_id *x = a, *y = b;
    int              c = memcmp(x->hash, y->hash, QDISK_HASH_LEN);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

static ilokg_status
encode_term(ilokg_buf *b, const ilokg_qterm *t)
{
    char        kind = t->kind == ILOKG_QT_IRI     ? QDISK_IRI
                       : t->kind == ILOKG_QT_BLANK ? QDISK_BLANK
                       : t->lang                   ? QDISK_LANG
                       : t->dt                     ? QDISK_TYPED
                                                   : QDISK_PLAIN;
    const char *tag  = kind == QDISK_LANG ? t->lang : kind == QDISK_TYPED ? t->dt : NULL;
    b->len           = 0;
    ilokg_status st  = ilokg_buf_addc(b, kind);
    if (!st && tag) {
        st = ilokg_buf_add(b, tag, strlen(tag) + 1);
    }
    if (!st) {
        st = ilokg_buf_add(b, t->lex, t->lex_len);
    }
    return st ? st : ilokg_buf_add(b, "", 1);
}

/* id -> term in id order, then term hash -> id in hash order: both appended. */
static int
write_terms(MDB_txn *txn, MDB_dbi id2term, MDB_dbi term2id, const ilokg_dict *dict)
{
    size_t     n     = ilokg_dict_size(dict);
    ilokg_id   first = ilokg_dict_first(dict);
    hashed_id *h     = n ? malloc(n * sizeof *h) : NULL;
    ilokg_buf  b     = ILOKG_BUF_INIT;
    int        rc    = n && !h ? ENOMEM : 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const ilokg_qterm *t = ilokg_dict_term(dict, first + (ilokg_id)i);
        unsigned char      kb[4];
        put32(kb, first + (ilokg_id)i);
        if (encode_term(&b, t)) {
            rc = ENOMEM;
            break;
        }
        MDB_val k = {4, kb}, v = {b.len, b.ptr};
        rc = mdb_put(txn, id2term, &k, &v, MDB_APPEND);
        term_key(h[i].hash, t);
        h[i].id = first + (ilokg_id)i;
    }
    if (!rc && n) {
        qsort(h, n, sizeof *h, cmp_hashed);
    }
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned char vb[4];
        put32(vb, h[i].id);
        MDB_val k = {QDISK_HASH_LEN, h[i].hash}, v = {4, vb};
        int     same = i && !memcmp(h[i].hash, h[i - 1].hash, QDISK_HASH_LEN);
        rc           = mdb_put(txn, term2id, &k, &v, same ? MDB_APPENDDUP : MDB_APPEND);
    }
    free(h);
    ilokg_buf_free(&b);
    return rc;
}

static int
write_rows(MDB_txn *txn, MDB_dbi dbi, const qrow *rows, size_t n)
{
    MDB_cursor *cur;
    int         rc = mdb_cursor_open(txn, dbi, &cur);
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned char kb[8], vb[8];
        put32(kb, rows[i].v[0]);
        put32(kb + 4, rows[i].v[1]);
        put32(vb, rows[i].v[2]);
        put32(vb + 4, rows[i].v[3]);
        MDB_val k = {8, kb}, v = {8, vb};
        int     same = i && rows[i].v[0] == rows[i - 1].v[0] && rows[i].v[1] == rows[i - 1].v[1];
        rc           = mdb_cursor_put(cur, &k, &v, same ? MDB_APPENDDUP : MDB_APPEND);
    }
    if (cur) {
        mdb_cursor_close(cur);
    }
    return rc;
}

static int
put_meta(MDB_txn *txn, MDB_dbi dbi, const char *name, const void *p, size_t len)
{
    MDB_val k = {strlen(name), (void *)name}, v = {len, (void *)p};
    return mdb_put(txn, dbi, &k, &v, 0);
}

static void
put64(unsigned char *p, uint64_t v)
{
    put32(p, (uint32_t)(v >> 32));
    put32(p + 4, (uint32_t)v);
}

static int
write_meta(MDB_txn *txn, MDB_dbi dbi, ilokg_qstore *mem)
{
    const qrow     *rows;
    size_t          n, n_graphs;
    const ilokg_id *graphs;
    unsigned char   b8[8], b4[4];
    ilokg_qstore_mem_rows(mem, QORDER_GSPO, &rows, &n);
    ilokg_qstore_mem_all_graphs(mem, &graphs, &n_graphs);
    unsigned char *gb = malloc(12 * n_graphs + 1);
    if (!gb) {
        return ENOMEM;
    }
    size_t r = 0;
    for (size_t i = 0; i < n_graphs; i++) { /* rows are sorted by graph first */
        size_t start = r;
        while (r < n && rows[r].v[0] == graphs[i]) {
            r++;
        }
        put32(gb + 12 * i, graphs[i]);
        put64(gb + 12 * i + 4, r - start);
    }
    put32(b4, QDISK_VERSION);
    int rc = put_meta(txn, dbi, "format", QDISK_FORMAT, strlen(QDISK_FORMAT));
    if (!rc) {
        rc = put_meta(txn, dbi, "version", b4, 4);
    }
    if (!rc) {
        put64(b8, n);
        rc = put_meta(txn, dbi, "quads", b8, 8);
    }
    if (!rc) {
        put64(b8, ilokg_dict_size(ilokg_qstore_mem_dict(mem)));
        rc = put_meta(txn, dbi, "terms", b8, 8);
    }
    if (!rc) {
        rc = put_meta(txn, dbi, "graphs", gb, 12 * n_graphs);
    }
    free(gb);
    return rc;
}

/* A map big enough for the data: pages fill up when appended, so twice the payload is ample. */
static size_t
map_size(ilokg_qstore *mem)
{
    const ilokg_dict *dict = ilokg_qstore_mem_dict(mem);
    size_t            n = ilokg_dict_size(dict), bytes = 0;
    ilokg_id          first = ilokg_dict_first(dict);
    for (size_t i = 0; i < n; i++) {
        const ilokg_qterm *t = ilokg_dict_term(dict, first + (ilokg_id)i);
        bytes += t->lex_len + (t->lang ? strlen(t->lang) : t->dt ? strlen(t->dt) : 0) + 80;
    }
    return 2 * (bytes + ilokg_qstore_size(mem) * 3 * 40) + ((size_t)64 << 20);
}

/* Cuts the data file of gen down to its pages: written through a writable map, it was as long
 * as the map. 0 or an errno. */
static int
trim_file(const char *gen, off_t len)
{
    char *path = ilokg_path_join(gen, "data.mdb");
    int   fd   = path ? open(path, O_WRONLY) : -1;
    int   rc   = fd < 0 || ftruncate(fd, len) || fsync(fd) ? (path ? errno : ENOMEM) : 0;
    if (fd >= 0) {
        close(fd);
    }
    free(path);
    return rc;
}

/* Writes the LMDB environment of mem into the new directory gen, synced; an LMDB code. The map
 * is written to directly (MDB_WRITEMAP): half the time of copying dirty pages. */
static int
write_env(ilokg_qstore *mem, const char *gen, size_t mapsize)
{
    MDB_env                 *env = NULL;
    MDB_txn                 *txn = NULL;
    MDB_dbi                  id2term, term2id, meta, order[QORDER_COUNT];
    static const char *const names[QORDER_COUNT] = {"gspo", "gpos", "gosp"};
    int                      rc                  = mdb_env_create(&env);
    if (!rc) {
        rc = mdb_env_set_maxdbs(env, QDISK_MAX_DBS);
    }
    if (!rc) {
        rc = mdb_env_set_mapsize(env, mapsize);
    }
    if (!rc) {
        rc = mdb_env_open(env, gen, MDB_NOSYNC | MDB_NOLOCK | MDB_WRITEMAP, 0644);
    }
    if (!rc) {
        rc = mdb_txn_begin(env, NULL, 0, &txn);
    }
    if (!rc && !(rc = mdb_dbi_open(txn, "meta", MDB_CREATE, &meta)) &&
        !(rc = mdb_dbi_open(txn, "id2term", MDB_CREATE, &id2term)) &&
        !(rc = mdb_dbi_open(txn, "term2id", MDB_CREATE | MDB_DUPSORT, &term2id))) {
        rc = write_terms(txn, id2term, term2id, ilokg_qstore_mem_dict(mem));
    }
    for (int k = 0; k < QORDER_COUNT && !rc; k++) {
        const qrow *rows;
        size_t      n;
        ilokg_qstore_mem_rows(mem, k, &rows, &n);
        if (!(rc = mdb_dbi_open(txn, names[k], MDB_CREATE | MDB_DUPSORT | MDB_DUPFIXED,
                                &order[k]))) {
            rc = write_rows(txn, order[k], rows, n);
        }
    }
    if (!rc) {
        rc = write_meta(txn, meta, mem);
    }
    if (!rc) {
        rc  = mdb_txn_commit(txn);
        txn = NULL;
    }
    MDB_envinfo info;
    MDB_stat    ms;
    if (!rc && !(rc = mdb_env_sync(env, 1)) && !(rc = mdb_env_info(env, &info))) {
        rc = mdb_env_stat(env, &ms);
    }
    if (txn) {
        mdb_txn_abort(txn);
    }
    if (env) {
        mdb_env_close(env);
    }
    return rc ? rc : trim_file(gen, ((off_t)info.me_last_pgno + 1) * (off_t)ms.ms_psize);
}

ilokg_status
ilokg_qstore_disk_write(ilokg_qstore *mem, const char *dir, ilokg_diag *diag)
{
    const qrow *rows;
    size_t      n;
    if (ilokg_qstore_mem_rows(mem, QORDER_GSPO, &rows, &n)) {
        return ILOKG_ERR_INTERNAL; /* not a frozen in-memory store */
    }
    ilokg_qswap *sp = NULL;
    ilokg_status st = ilokg_qswap_begin(&sp, dir, diag);
    if (!st) {
        const char *gen     = ilokg_qswap_dir(sp);
        size_t      mapsize = map_size(mem);
        int         rc      = write_env(mem, gen, mapsize);
        for (int i = 0; i < 3 && rc == MDB_MAP_FULL; i++) { /* the estimate was short */
            char *data = ilokg_path_join(gen, "data.mdb");
            if (data) {
                unlink(data);
            }
            free(data);
            mapsize *= 2;
            rc = write_env(mem, gen, mapsize);
        }
        st = rc ? ilokg_report_at(diag, ILOKG_ERR_IO, gen, 0, 0, "cannot write the store: %s",
                                  mdb_strerror(rc))
                : ilokg_qswap_commit(sp, diag);
    }
    ilokg_qswap_free(sp);
    return st;
}
