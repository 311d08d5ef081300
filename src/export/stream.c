/* SPDX-License-Identifier: Apache-2.0 */
/* Streaming export (ilokg_convert): each document is read, built into its own small graph and
 * kept as sorted records (record.h) in a spill file, then freed; the reference entities, the
 * dataset description and the corpus-level passes (tracking), which need every document, are
 * built once at the end into the end graph, and the output is written in sorted order from the
 * spill file's blocks, read back one at a time, with the end statements merged in: the end
 * graph's, and those a corpus-level pass handed over in batches (tracking's, as many as the
 * corpus has links), each batch sorted into the spill file as a run (take_batch, end_src).
 *
 * Why the output is byte-identical to the whole-graph export. Every statement of a document's
 * graph has as subject the document (base/doc/ID), one of its resources (base/doc/ID/...), or
 * something shared (its meeting, base/meeting/...). Sorted by subject, a document's statements
 * fall in two runs: subject exactly base/doc/ID ("head"), and subjects under base/doc/ID/
 * ("body"). No other document's subject lies inside either run: any string between two strings
 * that begin with base/doc/ID/ begins with it too, and '/' never occurs inside an ID (it is
 * percent-encoded). The runs of different documents interleave, though: base/doc/A-x2 sorts
 * between base/doc/A and base/doc/A/..., so blocks are written in reading order and copied out
 * in the order of their first subject. Shared statements (meetings) go to the end graph. With
 * quads (N-Quads, TriG) sorting is by graph first and each document is one block, its graph.
 * The end graph's statements are merged with each block's statements at their sorted place
 * (tracking's statements about commitments fall inside the documents' blocks; a statement that
 * is in both is written once), so the output is the whole-graph export's in every case; the
 * dataset description's counts are the documents' plus the end statements less what both hold
 * (count_end). */
#include "export/export.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "export/record.h"
#include "export/serialize.h"
#include "graph/corpus.h"
#include "graph/world.h"
#include "util/buf.h"
#include "util/io.h"

/* A document's run of statements in the spill file. */
typedef struct {
    char  *lo, *hi; /* first and last sort key (subject; graph for quads) */
    long   off;     /* offset of its records in the spill file */
    size_t len;
    size_t doc; /* the document's index in reading order */
} block;

/* A message kept by a reading thread, to be passed on in document order. */
typedef struct {
    ilokg_message m;
    char         *file, *text;
} kept_message;

/* One document's work: filled by process_doc (on any thread), consumed by commit_doc. */
typedef struct {
    const ilokg_corpus_entry *entry;
    ilokg_status              st;
    ilokg_doc                *doc;
    ilokg_graph              *dg;   /* the document's graph: its statements and references */
    ilokg_buf                 text; /* its blocks' records, one after the other */
    size_t                    part_off[2], part_len[2];
    const char               *part_lo[2], *part_hi[2]; /* borrowed from dg */
    size_t                    n_parts;
    const ilokg_quad        **shared; /* statements about shared resources (in dg) */
    size_t                    n_shared;
    const ilokg_quad        **sorted; /* dg's statements, sorted (owns the array) */
    ilokg_graph_counts        counts; /* of the document's own statements */
    size_t                    n_statements;
    kept_message             *msgs; /* with several jobs: messages to pass on */
    size_t                    n_msgs, cap_msgs, n_errors, n_warnings;
    int                       ready;
} doc_job;

typedef struct {
    ilokg_world                *world;
    ilokg_world                 world_at_start; /* what reading threads copy: theirs to read */
    const ilokg_export_options *opt;
    const ilokg_export_hooks   *hooks;
    const ilokg_gazetteer      *gaz;
    bool                        with_graph;
    ilokg_graph                *g; /* the end graph */
    FILE                       *spill;
    long                        spill_len;
    block                      *blocks;
    size_t                      n_blocks, cap_blocks;
    char                      **ids; /* manifest ids, in order */
    size_t                      n_ids, cap_ids;
    const ilokg_corpus_entry   *entries;  /* the plan's */
    const char                 *out_name; /* the output, for messages */
    ilokg_graph_counts          counts;
    ilokg_progress              prog;
    struct timespec             t0;
    struct run                 *runs; /* the end statements handed over in batches */
    size_t                      n_runs, cap_runs;
} streamer;

/* ---- one document ------------------------------------------------------------------------- */

static void
keep_message(const ilokg_message *m, void *payload)
{
    doc_job *job = payload;
    if (ilokg_grow(&job->msgs, &job->cap_msgs, job->n_msgs, sizeof *job->msgs)) {
        return;
    }
    kept_message *k = &job->msgs[job->n_msgs];
    k->m            = *m;
    k->file         = m->file ? ilokg_strndup(m->file, strlen(m->file)) : NULL;
    k->text         = m->text ? ilokg_strndup(m->text, strlen(m->text)) : NULL;
    k->m.file       = k->file;
    k->m.text       = k->text;
    job->n_msgs++;
}

static bool
is_own(const char *s, const char *doc_iri, size_t len)
{
    return !strncmp(s, doc_iri, len) && (s[len] == '\0' || s[len] == '/');
}

/* Records statements t[0, n) as one block of job->text. */
static ilokg_status
write_part(doc_job *job, const ilokg_quad *const *t, size_t n, bool by_graph)
{
    ilokg_status st = ILOKG_OK;
    if (!n) {
        return ILOKG_OK;
    }
    job->part_off[job->n_parts] = job->text.len;
    job->part_lo[job->n_parts]  = by_graph ? t[0]->g : t[0]->s;
    job->part_hi[job->n_parts]  = by_graph ? t[n - 1]->g : t[n - 1]->s;
    for (size_t i = 0; !st && i < n; i++) {
        st = ilokg_record_add(&job->text, t[i], i ? t[i - 1] : NULL);
    }
    job->part_len[job->n_parts] = job->text.len - job->part_off[job->n_parts];
    job->n_parts++;
    job->n_statements += n;
    return st;
}

/* Splits the document's sorted statements into its own (head, body) and shared ones, counts its
 * own, and writes its blocks. */
static ilokg_status
split_doc(doc_job *job, const streamer *s)
{
    size_t       n  = 0;
    ilokg_status st = ILOKG_OK;
    /* A document has one graph, so its quads sorted and deduplicated are its distinct triples
     * sorted: one sort serves N-Triples and N-Quads alike. */
    const ilokg_quad *q = ilokg_graph_quads(job->dg, &n);
    job->sorted         = malloc((n ? n : 1) * sizeof *job->sorted);
    for (size_t i = 0; job->sorted && i < n; i++) {
        job->sorted[i] = &q[i];
    }
    st                     = job->sorted ? ILOKG_OK : ILOKG_ERR_NOMEM;
    const ilokg_quad **own = st ? NULL : malloc((n ? n : 1) * sizeof *own);
    job->shared            = st ? NULL : malloc((n ? n : 1) * sizeof *job->shared);
    if (!st && (!own || !job->shared)) {
        st = ILOKG_ERR_NOMEM;
    }
    const char *d    = st ? NULL : ilokg_graph_doc_iri(job->dg, job->doc->meta.id);
    size_t      dlen = d ? strlen(d) : 0, n_own = 0, n_head = 0;
    if (!st && !d) {
        st = ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; !st && i < n; i++) {
        if (is_own(job->sorted[i]->s, d, dlen)) {
            n_head += job->sorted[i]->s[dlen] == '\0';
            own[n_own++] = job->sorted[i];
        } else {
            job->shared[job->n_shared++] = job->sorted[i];
        }
    }
    if (!st) {
        ilokg_graph_count(&job->counts, own, n_own);
        if (s->with_graph) {
            st = write_part(job, job->sorted, n, true);
        } else if (!(st = write_part(job, own, n_head, false))) {
            st = write_part(job, own + n_head, n_own - n_head, false);
        }
    }
    free(own);
    return st;
}

/* Reads, builds and writes one document; thread-safe given its own job (messages kept in the
 * job when several run at once). */
static void
process_doc(doc_job *job, const streamer *s, bool keep)
{
    ilokg_world  own   = keep ? s->world_at_start : *s->world;
    ilokg_world *world = s->world;
    if (keep) {
        own.diag = (ilokg_diag){keep_message, job, 0, 0};
        world    = &own;
    }
    ilokg_status st = ilokg_corpus_read_doc(&job->doc, world, job->entry);
    if (!st) {
        st = ilokg_graph_new(&job->dg, s->opt->base, &world->diag);
    }
    if (!st) {
        st = ilokg_graph_add_doc(job->dg, job->doc, s->gaz);
    }
    if (!st) {
        st = split_doc(job, s);
    }
    if (keep) {
        job->n_errors   = own.diag.n_errors;
        job->n_warnings = own.diag.n_warnings;
    }
    job->st = st;
}

static void
job_clear(doc_job *job)
{
    for (size_t i = 0; i < job->n_msgs; i++) {
        free(job->msgs[i].file);
        free(job->msgs[i].text);
    }
    free(job->msgs);
    free(job->sorted);
    free(job->shared);
    ilokg_buf_free(&job->text);
    ilokg_graph_free(job->dg);
    ilokg_doc_free(job->doc);
    const ilokg_corpus_entry *entry = job->entry;
    memset(job, 0, sizeof *job);
    job->entry = entry;
}

static double
since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static char *
dup_str(const char *s)
{
    return ilokg_strndup(s, strlen(s));
}

/* Takes a processed document into the export, in document order: its messages, the hook, its
 * references and shared statements into the end graph, its blocks into the spill file. */
static ilokg_status
commit_doc(streamer *s, doc_job *job)
{
    for (size_t i = 0; i < job->n_msgs; i++) {
        if (s->world->diag.sink) {
            s->world->diag.sink(&job->msgs[i].m, s->world->diag.payload);
        }
    }
    s->world->diag.n_errors += job->n_errors;
    s->world->diag.n_warnings += job->n_warnings;
    ilokg_status st = job->st;
    if (!st && s->hooks && s->hooks->doc) {
        s->hooks->doc(job->doc, s->hooks->payload);
    }
    if (!st) {
        st = ilokg_graph_take_refs(s->g, job->dg);
    }
    for (size_t i = 0; !st && i < job->n_shared; i++) {
        const ilokg_quad *q = job->shared[i];
        st = ilokg_graph_add_quad(s->g, q->g, q->s, q->p, q->o, q->literal, q->dt, q->lang);
    }
    if (!st && job->text.len &&
        fwrite(job->text.ptr, 1, job->text.len, s->spill) != job->text.len) {
        /* The spill file is the output on its way: a file size limit or a full disk meets it
         * first, and the output is what could not be written. */
        st = ilokg_report_at(&s->world->diag, ILOKG_ERR_IO, s->out_name, 0, 0, "write error: %s",
                             strerror(errno));
    }
    for (size_t i = 0; !st && i < job->n_parts; i++) {
        st = ilokg_grow(&s->blocks, &s->cap_blocks, s->n_blocks, sizeof *s->blocks);
        if (!st) {
            block *b = &s->blocks[s->n_blocks];
            *b       = (block){dup_str(job->part_lo[i]), dup_str(job->part_hi[i]),
                               s->spill_len + (long)job->part_off[i], job->part_len[i], s->n_ids};
            s->n_blocks++;
            st = b->lo && b->hi ? ILOKG_OK : ILOKG_ERR_NOMEM;
        }
    }
    if (!st && !(st = ilokg_grow(&s->ids, &s->cap_ids, s->n_ids, sizeof *s->ids))) {
        s->ids[s->n_ids] = dup_str(job->doc->meta.id);
        st               = s->ids[s->n_ids++] ? ILOKG_OK : ILOKG_ERR_NOMEM;
    }
    if (!st) {
        s->spill_len += (long)job->text.len;
        s->counts.n_triples += job->counts.n_triples;
        s->counts.n_subjects += job->counts.n_subjects;
        for (size_t k = 0; k < ILOKG_GRAPH_N_CLASSES; k++) {
            s->counts.classes[k] += job->counts.classes[k];
        }
        s->prog.docs_done++;
        s->prog.bytes += job->doc->len;
        s->prog.statements += job->n_statements;
        s->prog.seconds = since(&s->t0);
        if (s->opt->progress) {
            s->opt->progress(&s->prog, s->opt->progress_payload);
        }
    }
    job_clear(job);
    return st;
}

/* ---- reading: one document after another, or several at once ------------------------------- */

typedef struct {
    streamer       *s;
    doc_job        *jobs; /* a ring of window slots */
    size_t          window, next, n;
    bool            stop;
    pthread_mutex_t mu;
    pthread_cond_t  cv;
} pool;

static void *
worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        /* The next document, when its slot is free (the reader has committed the one before). */
        while (!p->stop && p->next < p->n && p->jobs[p->next % p->window].entry) {
            pthread_cond_wait(&p->cv, &p->mu);
        }
        if (p->stop || p->next >= p->n) {
            break;
        }
        size_t   i   = p->next++;
        doc_job *job = &p->jobs[i % p->window];
        job->entry   = &p->s->entries[i];
        pthread_mutex_unlock(&p->mu);
        process_doc(job, p->s, true);
        pthread_mutex_lock(&p->mu);
        job->ready = 1;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Several documents at once: jobs threads read into a window of slots; this thread commits them
 * in document order, so output and messages are as with one. */
static ilokg_status
read_parallel(streamer *s, size_t n, size_t jobs)
{
    pool p = {s, NULL, 2 * jobs, 0, n, false, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
    pthread_t   *threads = calloc(jobs, sizeof *threads);
    size_t       started = 0;
    ilokg_status st      = ILOKG_OK;
    p.jobs               = calloc(p.window, sizeof *p.jobs);
    s->world_at_start = *s->world; /* before the threads: commit_doc changes the world's counts */
    if (!threads || !p.jobs) {
        st = ILOKG_ERR_NOMEM;
    }
    for (; !st && started < jobs; started++) {
        if (pthread_create(&threads[started], NULL, worker, &p)) {
            st = ilokg_report_at(&s->world->diag, ILOKG_ERR_INTERNAL, NULL, 0, 0,
                                 "cannot start a reading thread");
            break;
        }
    }
    for (size_t i = 0; !st && i < n; i++) {
        doc_job *job = &p.jobs[i % p.window];
        pthread_mutex_lock(&p.mu);
        while (!job->ready) {
            pthread_cond_wait(&p.cv, &p.mu);
        }
        pthread_mutex_unlock(&p.mu);
        st = commit_doc(s, job);
        pthread_mutex_lock(&p.mu);
        job->entry = NULL;
        job->ready = 0;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
    }
    pthread_mutex_lock(&p.mu);
    p.stop = true;
    pthread_cond_broadcast(&p.cv);
    pthread_mutex_unlock(&p.mu);
    for (size_t i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
    }
    for (size_t i = 0; p.jobs && i < p.window; i++) {
        job_clear(&p.jobs[i]);
    }
    free(p.jobs);
    free(threads);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    return st;
}

static ilokg_status
read_all(streamer *s, size_t n)
{
    size_t jobs = s->opt->jobs > 1 ? (size_t)s->opt->jobs : 1;
    if (jobs > 1 && n > 1) {
        return read_parallel(s, n, jobs < n ? jobs : n);
    }
    ilokg_status st  = ILOKG_OK;
    doc_job      job = {0};
    for (size_t i = 0; !st && i < n; i++) {
        job.entry = &s->entries[i];
        process_doc(&job, s, false);
        st = commit_doc(s, &job);
    }
    job_clear(&job);
    return st;
}

/* ---- putting the output together ---------------------------------------------------------- */

/* A block's statements read back from the spill file: its bytes, the quads pointing into them. */
typedef struct {
    ilokg_buf   bytes;
    ilokg_quad *q;
    size_t      n, cap;
} slot;

static void
slot_clear(slot *sl)
{
    ilokg_buf_free(&sl->bytes);
    free(sl->q);
}

/* Reads the records at [off, off + len) of the spill file into sl. */
static ilokg_status
read_records(streamer *s, slot *sl, long off, size_t len)
{
    sl->bytes.len   = 0;
    ilokg_status st = ilokg_buf_reserve(&sl->bytes, len);
    if (!st && (fseek(s->spill, off, SEEK_SET) || fread(sl->bytes.ptr, 1, len, s->spill) != len)) {
        st = ilokg_report_at(&s->world->diag, ILOKG_ERR_IO, NULL, 0, 0,
                             "cannot read the temporary file back: %s", strerror(errno));
    }
    if (!st) {
        sl->bytes.len = len;
        st            = ilokg_record_read(&sl->q, &sl->n, &sl->cap, sl->bytes.ptr, len);
    }
    return st;
}

static int
cmp_block(const void *x, const void *y)
{
    return strcmp(((const block *)x)->lo, ((const block *)y)->lo);
}

typedef struct {
    const char *iri;
    size_t      doc;
} doc_key;

static int
cmp_doc_key(const void *x, const void *y)
{
    return strcmp(((const doc_key *)x)->iri, ((const doc_key *)y)->iri);
}

/* The documents' IRIs (interned in the end graph), sorted, each with its index. */
static ilokg_status
doc_keys(doc_key **out, streamer *s)
{
    doc_key *k = malloc((s->n_ids ? s->n_ids : 1) * sizeof *k);
    if (!k) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < s->n_ids; i++) {
        k[i] = (doc_key){ilokg_graph_doc_iri(s->g, s->ids[i]), i};
        if (!k[i].iri) {
            free(k);
            return ILOKG_ERR_NOMEM;
        }
    }
    qsort(k, s->n_ids, sizeof *k, cmp_doc_key);
    *out = k;
    return ILOKG_OK;
}

/* The index of the document whose own resource subj is (base/doc/ID or base/doc/ID/...), or
 * SIZE_MAX. */
static size_t
doc_of(const streamer *s, const doc_key *keys, const char *subj)
{
    const char *base = ilokg_graph_base(s->g);
    size_t      blen = strlen(base);
    if (strncmp(subj, base, blen) || strncmp(subj + blen, "doc/", 4)) {
        return SIZE_MAX;
    }
    const char *slash = strchr(subj + blen + 4, '/');
    size_t      len   = slash ? (size_t)(slash - subj) : strlen(subj);
    size_t      lo = 0, hi = s->n_ids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int    c   = strncmp(keys[mid].iri, subj, len);
        c          = c ? c : keys[mid].iri[len] != '\0';
        if (!c) {
            return keys[mid].doc;
        }
        *(c < 0 ? &lo : &hi) = c < 0 ? mid + 1 : mid;
    }
    return SIZE_MAX;
}

/* The document's statements (its blocks are written one after the other) into sl. */
static ilokg_status
read_doc(streamer *s, slot *sl, size_t doc)
{
    size_t lo = 0, hi = s->n_blocks; /* blocks are in reading order here: the first of doc */
    while (lo < hi) {
        size_t mid                              = lo + (hi - lo) / 2;
        *(s->blocks[mid].doc < doc ? &lo : &hi) = s->blocks[mid].doc < doc ? mid + 1 : mid;
    }
    size_t last = lo;
    while (last + 1 < s->n_blocks && s->blocks[last + 1].doc == doc) {
        last++;
    }
    if (lo >= s->n_blocks || s->blocks[lo].doc != doc) {
        sl->n = 0;
        return ILOKG_OK;
    }
    const block *a = &s->blocks[lo], *b = &s->blocks[last];
    return read_records(s, sl, a->off, (size_t)(b->off - a->off) + b->len);
}

/* ---- the end statements handed over in batches (tracking's): sorted runs -------------------- */

/* Statements per chunk of a run: each chunk's records decode alone, so a run is read back one
 * chunk at a time. Only a run's last chunk has fewer (see run_next). */
#define RUN_CHUNK 256

typedef struct {
    long   off;
    size_t len;
} chunk;

/* One batch's statements, sorted, in the spill file; and, when read back, where it is. */
typedef struct run {
    chunk *chunks;
    size_t n_chunks, cap_chunks;
    size_t next;  /* the next chunk to read */
    slot   sl[2]; /* the current chunk and the one before, in turn */
    int    cur;
    size_t i; /* the current statement: sl[cur].q[i] */
} run;

/* The statements of g to write: its quads (N-Quads, TriG) or its distinct triples, sorted. */
static ilokg_status
graph_statements(const ilokg_quad ***out, size_t *n, ilokg_graph *g, bool by_quad)
{
    if (!by_quad) {
        return ilokg_graph_triples(out, n, g);
    }
    const ilokg_quad  *q = ilokg_graph_quads(g, n);
    const ilokg_quad **t = malloc((*n ? *n : 1) * sizeof *t);
    if (!t) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < *n; i++) {
        t[i] = &q[i];
    }
    *out = t;
    return ILOKG_OK;
}

static ilokg_status
spill_error(streamer *s)
{
    return ilokg_report_at(&s->world->diag, ILOKG_ERR_IO, s->out_name, 0, 0, "write error: %s",
                           strerror(errno));
}

/* The sink a corpus-level pass hands its statements to (ilokg_graph_sink): each batch is sorted
 * and written to the spill file as a run, so the end graph holds none of them. */
static ilokg_status
take_batch(ilokg_graph *batch, void *payload)
{
    streamer          *s  = payload;
    const ilokg_quad **t  = NULL;
    size_t             n  = 0;
    ilokg_buf          b  = ILOKG_BUF_INIT;
    run                r  = {0};
    ilokg_status       st = graph_statements(&t, &n, batch, s->with_graph);
    if (!st && fseek(s->spill, 0, SEEK_END)) {
        st = spill_error(s);
    }
    for (size_t i = 0; !st && i < n; i += RUN_CHUNK) {
        size_t e = n - i < RUN_CHUNK ? n : i + RUN_CHUNK;
        b.len    = 0;
        for (size_t k = i; !st && k < e; k++) {
            st = ilokg_record_add(&b, t[k], k > i ? t[k - 1] : NULL);
        }
        if (!st && !(st = ilokg_grow(&r.chunks, &r.cap_chunks, r.n_chunks, sizeof *r.chunks)) &&
            fwrite(b.ptr, 1, b.len, s->spill) != b.len) {
            st = spill_error(s);
        }
        if (!st) {
            r.chunks[r.n_chunks++] = (chunk){s->spill_len, b.len};
            s->spill_len += (long)b.len;
        }
    }
    if (!st && n && !(st = ilokg_grow(&s->runs, &s->cap_runs, s->n_runs, sizeof *s->runs))) {
        s->runs[s->n_runs++] = r;
        r.chunks             = NULL;
    }
    free(r.chunks);
    ilokg_buf_free(&b);
    free(t);
    return st;
}

/* The end statements in sorted order, each once: the end graph's t[0, n) merged with the runs.
 * A statement returned stays valid until the one after the next is returned (a run's chunk is
 * read into the slot that does not hold its current statement, and every chunk but a run's last
 * has at least two statements), which is what the writer and the merges need. */
typedef struct {
    streamer                *s;
    const ilokg_quad *const *t;
    size_t                   n, gi;
    bool                     by_quad;
    size_t                  *heap; /* runs with statements left, smallest current first */
    size_t                   n_heap;
    const ilokg_quad        *top; /* the smallest left, NULL at the end */
    ilokg_status             st;
} end_src;

static int
src_cmp(const end_src *e, const ilokg_quad *a, const ilokg_quad *b)
{
    return e->by_quad ? ilokg_quad_cmp(a, b) : ilokg_quad_cmp_triple(a, b);
}

static const ilokg_quad *
run_at(const run *r)
{
    return &r->sl[r->cur].q[r->i];
}

/* Moves r to its next statement; false when it has none left (or on an error, in e->st). */
static bool
run_next(end_src *e, run *r)
{
    if (++r->i < r->sl[r->cur].n) {
        return true;
    }
    if (r->next >= r->n_chunks) {
        return false;
    }
    const chunk *c = &r->chunks[r->next++];
    r->cur ^= 1;
    r->i  = 0;
    e->st = read_records(e->s, &r->sl[r->cur], c->off, c->len);
    return !e->st && r->sl[r->cur].n;
}

static bool
heap_less(const end_src *e, size_t a, size_t b)
{
    return src_cmp(e, run_at(&e->s->runs[e->heap[a]]), run_at(&e->s->runs[e->heap[b]])) < 0;
}

static void
heap_down(end_src *e, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        if (l < e->n_heap && heap_less(e, l, m)) {
            m = l;
        }
        if (l + 1 < e->n_heap && heap_less(e, l + 1, m)) {
            m = l + 1;
        }
        if (m == i) {
            return;
        }
        size_t x   = e->heap[i];
        e->heap[i] = e->heap[m];
        e->heap[m] = x;
        i          = m;
    }
}

/* e->top: the smaller of the end graph's next statement and the runs' smallest. */
static void
src_pick(end_src *e)
{
    const ilokg_quad *g = e->gi < e->n ? e->t[e->gi] : NULL;
    const ilokg_quad *r = e->n_heap ? run_at(&e->s->runs[e->heap[0]]) : NULL;
    e->top              = e->st ? NULL : !r || (g && src_cmp(e, g, r) <= 0) ? g : r;
}

/* Moves past e->top, and past every statement equal to it. */
static void
src_next(end_src *e)
{
    const ilokg_quad *prev = e->top;
    while (e->top && !src_cmp(e, e->top, prev)) {
        if (e->gi < e->n && e->top == e->t[e->gi]) {
            e->gi++;
        } else if (run_next(e, &e->s->runs[e->heap[0]])) {
            heap_down(e, 0);
        } else {
            e->heap[0] = e->heap[--e->n_heap];
            heap_down(e, 0);
        }
        src_pick(e);
    }
}

static ilokg_status
src_open(end_src *e, streamer *s, const ilokg_quad *const *t, size_t n, bool by_quad)
{
    *e = (end_src){s, t, n, 0, by_quad, NULL, 0, NULL, ILOKG_OK};
    if (s->n_runs && !(e->heap = malloc(s->n_runs * sizeof *e->heap))) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t k = 0; !e->st && k < s->n_runs; k++) {
        run *r     = &s->runs[k];
        r->cur     = 1;
        r->i       = 0;
        r->next    = 0;
        r->sl[1].n = 0;
        if (run_next(e, r)) {
            e->heap[e->n_heap++] = k;
        }
    }
    for (size_t i = e->n_heap / 2; i-- > 0;) {
        heap_down(e, i);
    }
    src_pick(e);
    return e->st;
}

static void
src_close(end_src *e)
{
    free(e->heap);
    for (size_t k = 0; k < e->s->n_runs; k++) {
        slot_clear(&e->s->runs[k].sl[0]);
        slot_clear(&e->s->runs[k].sl[1]);
        memset(e->s->runs[k].sl, 0, sizeof e->s->runs[k].sl);
    }
}

/* ---- counting for the dataset description --------------------------------------------------- */

/* Counts q, the statement after prev (NULL: the first), into c. */
static void
count_one(ilokg_graph_counts *c, const ilokg_quad *q, const ilokg_quad *prev, bool count_subject)
{
    size_t subjects = c->n_subjects;
    ilokg_graph_count(c, &q, 1);
    c->n_subjects = subjects + (count_subject && (!prev || strcmp(prev->s, q->s)));
}

/* Every end statement (the end graph's and the runs', graphs merged) counted into all, and what
 * they share with the documents' statements counted into dup: the same triples, and subjects
 * both have (tracking's statements are about commitments). The dataset description counts
 * those once. Blocks are in reading order here. */
static ilokg_status
count_end(ilokg_graph_counts *all, ilokg_graph_counts *dup, streamer *s)
{
    const ilokg_quad **t    = NULL;
    doc_key           *keys = NULL;
    slot               sl   = {0};
    size_t             n = 0, cur = SIZE_MAX, j = 0;
    end_src            e  = {0};
    ilokg_status       st = ilokg_graph_triples(&t, &n, s->g);
    if (!st && !(st = doc_keys(&keys, s))) {
        st = src_open(&e, s, t, n, false);
    }
    for (const ilokg_quad *q = e.top, *prev = NULL; !st && q; prev = q, src_next(&e), q = e.top) {
        bool first = !prev || strcmp(prev->s, q->s);
        count_one(all, q, prev, true);
        size_t doc = doc_of(s, keys, q->s);
        if (doc == SIZE_MAX) {
            continue;
        }
        if (doc != cur) {
            cur = doc;
            j   = 0;
            st  = read_doc(s, &sl, doc);
        }
        while (j < sl.n && ilokg_quad_cmp_triple(&sl.q[j], q) < 0) {
            j++;
        }
        if (j < sl.n && !ilokg_quad_cmp_triple(&sl.q[j], q)) {
            count_one(dup, q, NULL, false);
        }
        if (first &&
            ((j < sl.n && !strcmp(sl.q[j].s, q->s)) || (j > 0 && !strcmp(sl.q[j - 1].s, q->s)))) {
            dup->n_subjects++;
        }
    }
    st = st ? st : e.st;
    src_close(&e);
    slot_clear(&sl);
    free(keys);
    free(t);
    return st;
}

/* ---- writing ------------------------------------------------------------------------------ */

/* The writer and where its text goes, flushed to fp now and then. */
typedef struct {
    ilokg_writer w;
    ilokg_buf    b;
    FILE        *fp;
    size_t       n;
} out_text;

static ilokg_status
out_add(out_text *o, const ilokg_quad *q)
{
    ilokg_status st = ilokg_writer_add(&o->w, &o->b, q);
    o->n++;
    if (!st && o->b.len > (1u << 16)) {
        st       = fwrite(o->b.ptr, 1, o->b.len, o->fp) != o->b.len ? ILOKG_ERR_IO : ILOKG_OK;
        o->b.len = 0;
    }
    return st;
}

static const char *
sort_key(const streamer *s, const ilokg_quad *q)
{
    return s->with_graph ? q->g : q->s;
}

/* Writes the end statements before key (all: NULL) and moves past them. */
static ilokg_status
write_end_before(out_text *o, end_src *e, const char *key)
{
    ilokg_status st = ILOKG_OK;
    for (; !st && e->top && (!key || strcmp(sort_key(e->s, e->top), key) < 0); src_next(e)) {
        st = out_add(o, e->top);
    }
    return st ? st : e->st;
}

/* Writes a block's statements sl merged with the end statements up to its last key (a
 * statement in both written once). */
static ilokg_status
merge_block(out_text *o, end_src *e, const block *blk, const slot *sl)
{
    ilokg_status st = ILOKG_OK;
    size_t       j  = 0;
    for (;;) {
        bool end_in = e->top && strcmp(sort_key(e->s, e->top), blk->hi) <= 0;
        if (st || (j >= sl->n && !end_in)) {
            break;
        }
        int c = !end_in ? -1 : j >= sl->n ? 1 : src_cmp(e, &sl->q[j], e->top);
        if (c > 0) {
            st = out_add(o, e->top);
            src_next(e);
            continue;
        }
        if (c == 0) {
            src_next(e);
        }
        st = out_add(o, &sl->q[j++]);
    }
    return st ? st : e->st;
}

/* Writes the blocks, sorted by their first key, with the end statements (the end graph's
 * t[0, n) and the runs) merged between and into them. */
static ilokg_status
write_merged(FILE *fp, streamer *s, const ilokg_quad *const *t, size_t n)
{
    out_text o     = {.b = ILOKG_BUF_INIT, .fp = fp};
    slot     sl[2] = {{ILOKG_BUF_INIT, NULL, 0, 0}, {ILOKG_BUF_INIT, NULL, 0, 0}};
    end_src  e     = {0};
    ilokg_writer_init(&o.w, s->opt->format);
    ilokg_status st = src_open(&e, s, t, n, s->with_graph);
    if (!st) {
        st = ilokg_writer_head(&o.w, &o.b);
    }
    qsort(s->blocks, s->n_blocks, sizeof *s->blocks, cmp_block);
    for (size_t i = 0; !st && i < s->n_blocks; i++) {
        const block *blk = &s->blocks[i];
        /* Two slots in turn: the writer's last statement (a borrowed pointer) stays valid while
         * the next block is read. */
        slot *cur = &sl[i & 1];
        if (!(st = write_end_before(&o, &e, blk->lo)) &&
            !(st = read_records(s, cur, blk->off, blk->len))) {
            st = merge_block(&o, &e, blk, cur);
        }
    }
    if (!st) {
        st = write_end_before(&o, &e, NULL);
    }
    if (!st && !(st = ilokg_writer_end(&o.w, &o.b))) {
        st = o.b.len && fwrite(o.b.ptr, 1, o.b.len, fp) != o.b.len ? ILOKG_ERR_IO : ILOKG_OK;
    }
    s->prog.statements = o.n;
    src_close(&e);
    ilokg_buf_free(&o.b);
    slot_clear(&sl[0]);
    slot_clear(&sl[1]);
    return st;
}

/* ---- the export --------------------------------------------------------------------------- */

/* The reference and dataset graphs, the hook's statements, then the output. */
static ilokg_status
finish(streamer *s, const char *path)
{
    char               issued[32];
    bool               have_issued = false;
    const ilokg_quad **t           = NULL;
    size_t             n           = 0;
    ilokg_graph_counts all = {0}, dup = {0}, in_g = {0};
    ilokg_graph_sink   sink = {take_batch, s, 1u << 16};
    ilokg_out          o;
    ilokg_status       st = ilokg_export_issued(issued, &have_issued, &s->world->diag);
    if (!st && s->opt->with_dataset) {
        st = ilokg_graph_add_reference(s->g, s->gaz);
    }
    if (!st && s->hooks && s->hooks->finish) {
        st = s->hooks->finish(s->g, &sink, s->hooks->payload);
    }
    if (!st && s->opt->with_dataset && !(st = count_end(&all, &dup, s)) &&
        !(st = ilokg_graph_triples(&t, &n, s->g))) {
        /* The description counts the end graph itself; the documents' statements and the runs'
         * are added: the end statements less the end graph's, the documents' less what both
         * hold. */
        ilokg_graph_count(&in_g, t, n);
        free(t);
        t                        = NULL;
        ilokg_graph_counts extra = s->counts;
        extra.n_triples += all.n_triples - in_g.n_triples - dup.n_triples;
        extra.n_subjects += all.n_subjects - in_g.n_subjects - dup.n_subjects;
        for (size_t k = 0; k < ILOKG_GRAPH_N_CLASSES; k++) {
            extra.classes[k] += all.classes[k] - in_g.classes[k] - dup.classes[k];
        }
        st = ilokg_graph_add_dataset(s->g, (const char *const *)s->ids, s->n_ids,
                                     have_issued ? issued : NULL, &extra);
    }
    if (!st) {
        st = graph_statements(&t, &n, s->g, s->with_graph);
    }
    if (!st && !(st = ilokg_out_open(&o, path, &s->world->diag))) {
        st = write_merged(o.fp, s, t, n);
        if (!st || (st == ILOKG_ERR_IO && ferror(o.fp))) {
            /* A write that failed (disk full, file size limit) is reported here with the
             * output's name; the temporary file is removed either way. */
            ilokg_status wst = ilokg_out_commit(&o, &s->world->diag);
            st               = st ? st : wst;
        } else {
            ilokg_out_abort(&o);
        }
    }
    free(t);
    return st;
}

static void
streamer_clear(streamer *s)
{
    for (size_t i = 0; i < s->n_blocks; i++) {
        free(s->blocks[i].lo);
        free(s->blocks[i].hi);
    }
    free(s->blocks);
    for (size_t i = 0; i < s->n_ids; i++) {
        free(s->ids[i]);
    }
    free(s->ids);
    for (size_t i = 0; i < s->n_runs; i++) {
        free(s->runs[i].chunks);
    }
    free(s->runs);
    ilokg_graph_free(s->g);
    if (s->spill) {
        fclose(s->spill);
    }
}

/* The whole-graph way: RDF/XML (raptor's abbreviating writer) and JSON-LD. */
static ilokg_status
convert_whole(ilokg_world *world, const char *const *paths, size_t n_paths,
              const ilokg_export_options *opt, const char *path, const ilokg_export_hooks *hooks)
{
    ilokg_corpus *c  = NULL;
    ilokg_status  st = ilokg_corpus_read(&c, world, paths, n_paths);
    if (!st) {
        st = ilokg_corpus_export_hooked(world, c, opt, path, hooks);
    }
    ilokg_corpus_free(c);
    return st;
}

ilokg_status
ilokg_convert_hooked(ilokg_world *world, const char *const *paths, size_t n_paths,
                     const ilokg_export_options *opt, const char *path,
                     const ilokg_export_hooks *hooks)
{
    ilokg_export_options defaults = ILOKG_EXPORT_OPTIONS_INIT;
    ilokg_corpus_plan    plan     = {0};
    streamer             s        = {0};
    if (!opt) {
        opt = &defaults;
    }
    if (!ilokg_writer_streams(opt->format)) {
        return convert_whole(world, paths, n_paths, opt, path, hooks);
    }
    s.world      = world;
    s.opt        = opt;
    s.hooks      = hooks;
    s.with_graph = opt->format == ILOKG_FORMAT_NQUADS || opt->format == ILOKG_FORMAT_TRIG;
    clock_gettime(CLOCK_MONOTONIC, &s.t0);
    ilokg_status st = ilokg_corpus_plan_make(&plan, world, paths, n_paths);
    if (!st && !(st = ilokg_world_gazetteer(&s.gaz, world)) &&
        !(st = ilokg_graph_new(&s.g, opt->base, &world->diag))) {
        st = ilokg_temp_file(&s.spill, path, &world->diag);
    }
    s.entries     = plan.entries;
    s.out_name    = path && strcmp(path, "-") ? path : "<stdout>";
    s.prog.n_docs = plan.n_entries;
    if (!st && !(st = read_all(&s, plan.n_entries))) {
        st = finish(&s, path);
    }
    if (!st && opt->progress) {
        s.prog.seconds = since(&s.t0);
        s.prog.done    = 1;
        opt->progress(&s.prog, opt->progress_payload);
    }
    streamer_clear(&s);
    ilokg_corpus_plan_clear(&plan);
    return st;
}

ilokg_status
ilokg_convert(ilokg_world *world, const char *const *paths, size_t n_paths,
              const ilokg_export_options *opt, const char *path)
{
    ilokg_export_tracking tp;
    ilokg_status          st = ilokg_export_tracking_init(&tp, world, NULL, path);
    if (!st) {
        /* The pairs of meetings are linked on as many threads as documents are read on. */
        ilokg_track_set_jobs(tp.track, opt && opt->jobs > 1 ? (size_t)opt->jobs : 1);
        st = ilokg_convert_hooked(world, paths, n_paths, opt, path, &tp.hooks);
    }
    ilokg_export_tracking_clear(&tp);
    return st;
}
