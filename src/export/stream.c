/* SPDX-License-Identifier: Apache-2.0 */
/* Streaming export (ilokg_convert): each document is read, built into its own small graph and
 * written as text to a spill file, then freed; the reference entities and the dataset
 * description, which need every document, are built once at the end, and the output is put
 * together in sorted order from the spill file's blocks and the end graph's statements.
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
 * The end graph's statements are merged between the blocks; should one fall inside a block's
 * range (a gazetteer IRI or a hook's statement about a document's resource), the export starts
 * again the whole-graph way, so the output is the same in every case. */
#include "export/export.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "export/serialize.h"
#include "graph/corpus.h"
#include "graph/world.h"
#include "util/buf.h"
#include "util/io.h"

#define ST_OVERLAP ILOKG_ERR_NOT_FOUND /* internal: an end statement inside a document's range */

/* A document's run of statements in the spill file. */
typedef struct {
    char  *lo, *hi; /* first and last sort key (subject; graph for quads) */
    long   off;     /* offset of its text in the spill file */
    size_t len;
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
    ilokg_buf                 text; /* its blocks' text, one after the other */
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

/* Writes statements t[0, n) as one block of job->text (started as after another subject). */
static ilokg_status
write_part(doc_job *job, ilokg_format f, const ilokg_quad *const *t, size_t n, bool by_graph)
{
    ilokg_writer w;
    ilokg_status st = ILOKG_OK;
    if (!n) {
        return ILOKG_OK;
    }
    ilokg_writer_init(&w, f);
    w.started                   = true;
    job->part_off[job->n_parts] = job->text.len;
    job->part_lo[job->n_parts]  = by_graph ? t[0]->g : t[0]->s;
    job->part_hi[job->n_parts]  = by_graph ? t[n - 1]->g : t[n - 1]->s;
    for (size_t i = 0; !st && i < n; i++) {
        st = ilokg_writer_add(&w, &job->text, t[i]);
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
            st = write_part(job, s->opt->format, job->sorted, n, true);
        } else if (!(st = write_part(job, s->opt->format, own, n_head, false))) {
            st = write_part(job, s->opt->format, own + n_head, n_own - n_head, false);
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
    ilokg_world  own   = *s->world;
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
                               s->spill_len + (long)job->part_off[i], job->part_len[i]};
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

static int
cmp_block(const void *x, const void *y)
{
    return strcmp(((const block *)x)->lo, ((const block *)y)->lo);
}

static int
cmp_str_ptr(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The end graph's statements to write: its distinct triples, or its quads but those of the
 * documents' graphs (written in the documents' blocks already). */
static ilokg_status
end_statements(const ilokg_quad ***out, size_t *n, streamer *s)
{
    if (!s->with_graph) {
        return ilokg_graph_triples(out, n, s->g);
    }
    size_t             nq;
    const ilokg_quad  *q   = ilokg_graph_quads(s->g, &nq);
    const char       **dgs = malloc((s->n_ids ? s->n_ids : 1) * sizeof *dgs);
    const ilokg_quad **t   = malloc((nq ? nq : 1) * sizeof *t);
    ilokg_status       st  = dgs && t ? ILOKG_OK : ILOKG_ERR_NOMEM;
    for (size_t i = 0; !st && i < s->n_ids; i++) {
        dgs[i] = ilokg_graph_doc_graph(s->g, s->ids[i]);
        st     = dgs[i] ? ILOKG_OK : ILOKG_ERR_NOMEM;
    }
    size_t k = 0;
    if (!st) {
        qsort(dgs, s->n_ids, sizeof *dgs, cmp_str_ptr);
        for (size_t i = 0; i < nq; i++) {
            if (!bsearch(&q[i].g, dgs, s->n_ids, sizeof *dgs, cmp_str_ptr)) {
                t[k++] = &q[i];
            }
        }
    }
    free(dgs);
    if (st) {
        free(t);
        return st;
    }
    *out = t;
    *n   = k;
    return ILOKG_OK;
}

/* Whether a statement of the end graph is about a document's own resource (base/doc/ID or
 * base/doc/ID/...): then it would count twice in the dataset description (N-Quads, TriG) or fall
 * inside a block (N-Triples, Turtle). Only a hook or an odd gazetteer IRI can do that. */
static ilokg_status
end_touches_docs(bool *out, streamer *s)
{
    const ilokg_quad **t    = NULL;
    size_t             n    = 0;
    const char        *base = ilokg_graph_base(s->g);
    size_t             blen = strlen(base);
    const char       **iris = malloc((s->n_ids ? s->n_ids : 1) * sizeof *iris);
    ilokg_status       st   = iris ? ilokg_graph_triples(&t, &n, s->g) : ILOKG_ERR_NOMEM;
    for (size_t i = 0; !st && i < s->n_ids; i++) {
        iris[i] = ilokg_graph_doc_iri(s->g, s->ids[i]);
        st      = iris[i] ? ILOKG_OK : ILOKG_ERR_NOMEM;
    }
    if (!st) {
        qsort(iris, s->n_ids, sizeof *iris, cmp_str_ptr);
    }
    *out = false;
    for (size_t i = 0; !st && !*out && i < n; i++) {
        const char *subj = t[i]->s;
        if (strncmp(subj, base, blen) || strncmp(subj + blen, "doc/", 4)) {
            continue;
        }
        const char *slash = strchr(subj + blen + 4, '/');
        size_t      len   = slash ? (size_t)(slash - subj) : strlen(subj);
        char       *key   = ilokg_strndup(subj, len);
        if (!key) {
            st = ILOKG_ERR_NOMEM;
            break;
        }
        *out = bsearch(&key, iris, s->n_ids, sizeof *iris, cmp_str_ptr) != NULL;
        free(key);
    }
    free(t);
    free(iris);
    return st;
}

/* Copies a block from the spill file to fp (without its first skip bytes). */
static ilokg_status
copy_block(FILE *fp, streamer *s, const block *b, size_t skip, ilokg_buf *chunk)
{
    if (fseek(s->spill, b->off + (long)skip, SEEK_SET)) {
        return ILOKG_ERR_IO;
    }
    for (size_t left = b->len - skip; left;) {
        size_t n = left < chunk->cap ? left : chunk->cap;
        if (fread(chunk->ptr, 1, n, s->spill) != n || fwrite(chunk->ptr, 1, n, fp) != n) {
            return ILOKG_ERR_IO;
        }
        left -= n;
    }
    return ILOKG_OK;
}

/* Merges the end graph's statements t[0, n) with the blocks, sorted by their first key. */
static ilokg_status
write_merged(FILE *fp, streamer *s, const ilokg_quad *const *t, size_t n)
{
    ilokg_writer w;
    ilokg_buf    b = ILOKG_BUF_INIT, chunk = ILOKG_BUF_INIT;
    size_t       gi = 0;
    ilokg_status st = ilokg_buf_reserve(&chunk, 1u << 16);
    ilokg_writer_init(&w, s->opt->format);
    if (!st) {
        st = ilokg_writer_head(&w, &b);
    }
    qsort(s->blocks, s->n_blocks, sizeof *s->blocks, cmp_block);
    for (size_t i = 0; !st && i <= s->n_blocks; i++) {
        const block *blk = i < s->n_blocks ? &s->blocks[i] : NULL;
        for (; !st && gi < n; gi++) {
            const char *key = s->with_graph ? t[gi]->g : t[gi]->s;
            if (blk && strcmp(key, blk->lo) >= 0) {
                break;
            }
            st = ilokg_writer_add(&w, &b, t[gi]);
        }
        if (st || !blk) {
            break;
        }
        if (gi < n && strcmp(s->with_graph ? t[gi]->g : t[gi]->s, blk->hi) <= 0) {
            st = ST_OVERLAP;
            break;
        }
        size_t skip = w.started ? 0 : ilokg_writer_join_skip(&w);
        if (!(st = ilokg_writer_join(&w, &b))) {
            st    = b.len && fwrite(b.ptr, 1, b.len, fp) != b.len ? ILOKG_ERR_IO : ILOKG_OK;
            b.len = 0;
        }
        if (!st) {
            st = copy_block(fp, s, blk, skip, &chunk);
        }
    }
    if (!st && !(st = ilokg_writer_end(&w, &b))) {
        st = b.len && fwrite(b.ptr, 1, b.len, fp) != b.len ? ILOKG_ERR_IO : ILOKG_OK;
    }
    s->prog.statements += n;
    ilokg_buf_free(&b);
    ilokg_buf_free(&chunk);
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
    ilokg_out          o;
    ilokg_status       st = ilokg_export_issued(issued, &have_issued, &s->world->diag);
    if (!st && s->opt->with_dataset) {
        st = ilokg_graph_add_reference(s->g, s->gaz);
    }
    if (!st && s->hooks && s->hooks->finish) {
        st = s->hooks->finish(s->g, s->hooks->payload);
    }
    if (!st && s->opt->with_dataset) {
        st = ilokg_graph_add_dataset(s->g, (const char *const *)s->ids, s->n_ids,
                                     have_issued ? issued : NULL, &s->counts);
    }
    bool touches = false;
    if (!st && !(st = end_touches_docs(&touches, s)) && touches) {
        st = ST_OVERLAP;
    }
    if (!st) {
        st = end_statements(&t, &n, s);
    }
    if (!st && !(st = ilokg_out_open(&o, path, &s->world->diag))) {
        st = write_merged(o.fp, s, t, n);
        if (!st || (st == ILOKG_ERR_IO && ferror(o.fp))) {
            /* A write that failed (disk full, file size limit) is reported here with the
             * output's name; the temporary file is removed either way. */
            ilokg_status wst = ilokg_out_commit(&o, &s->world->diag);
            st               = st ? st : wst;
        } else {
            if (st == ILOKG_ERR_IO) {
                st = ilokg_report_at(&s->world->diag, ILOKG_ERR_IO, NULL, 0, 0,
                                     "cannot read the temporary file back: %s", strerror(errno));
            }
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
    ilokg_graph_free(s->g);
    if (s->spill) {
        fclose(s->spill);
    }
}

/* A spill file in directory dir (dir_len bytes of it; 0: the current directory), unlinked at
 * once so it goes with the process whatever ends it; -1 when it cannot be made. */
static int
spill_in(const char *dir, size_t dir_len)
{
    ilokg_buf name = ILOKG_BUF_INIT;
    int       fd   = -1;
    if (!ilokg_buf_add(&name, dir, dir_len) && !ilokg_buf_adds(&name, ".ilokg-spill.XXXXXX")) {
        fd = mkstemp(name.ptr);
        if (fd >= 0) {
            unlink(name.ptr);
        }
    }
    ilokg_buf_free(&name);
    return fd;
}

/* The spill file: beside the output (whose file system must hold the output anyway), else (the
 * standard output, a device) in $TMPDIR or /tmp. */
static ilokg_status
open_spill(FILE **out, const char *path, ilokg_diag *diag)
{
    const char *tmpdir = getenv("TMPDIR");
    int         fd     = -1;
    if (path && strcmp(path, "-") && strncmp(path, "/dev/", 5)) {
        const char *slash = strrchr(path, '/');
        fd                = spill_in(path, slash ? (size_t)(slash - path + 1) : 0);
    }
    if (fd < 0) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/", tmpdir && *tmpdir ? tmpdir : "/tmp");
        fd = spill_in(dir, strlen(dir));
    }
    if (fd < 0 || !(*out = fdopen(fd, "w+b"))) {
        ilokg_status st = ilokg_report_at(diag, ILOKG_ERR_IO, NULL, 0, 0,
                                          "cannot create a temporary file: %s", strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return st;
    }
    return ILOKG_OK;
}

static void
quiet_sink(const ilokg_message *m, void *payload)
{
    (void)m;
    (void)payload;
}

/* The whole-graph way: for RDF/XML and JSON-LD, and when a streamed export found an end
 * statement inside a document's range (then quietly: its messages were given already). */
static ilokg_status
convert_whole(ilokg_world *world, const char *const *paths, size_t n_paths,
              const ilokg_export_options *opt, const char *path, const ilokg_export_hooks *hooks,
              bool again)
{
    ilokg_export_hooks finish_only = {NULL, hooks ? hooks->finish : NULL,
                                      hooks ? hooks->payload : NULL};
    bool               quiet       = again;
    ilokg_corpus      *c           = NULL;
    ilokg_diag         saved       = world->diag;
    if (quiet) {
        world->diag.sink = quiet_sink;
    }
    ilokg_status st = ilokg_corpus_read(&c, world, paths, n_paths);
    if (!st) {
        st = ilokg_corpus_export_hooked(world, c, opt, path, again ? &finish_only : hooks);
    }
    if (quiet) {
        world->diag = saved;
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
        return convert_whole(world, paths, n_paths, opt, path, hooks, false);
    }
    s.world      = world;
    s.opt        = opt;
    s.hooks      = hooks;
    s.with_graph = opt->format == ILOKG_FORMAT_NQUADS || opt->format == ILOKG_FORMAT_TRIG;
    clock_gettime(CLOCK_MONOTONIC, &s.t0);
    ilokg_status st = ilokg_corpus_plan_make(&plan, world, paths, n_paths);
    if (!st && !(st = ilokg_world_gazetteer(&s.gaz, world)) &&
        !(st = ilokg_graph_new(&s.g, opt->base, &world->diag))) {
        st = open_spill(&s.spill, path, &world->diag);
    }
    s.entries     = plan.entries;
    s.out_name    = path && strcmp(path, "-") ? path : "<stdout>";
    s.prog.n_docs = plan.n_entries;
    if (!st && !(st = read_all(&s, plan.n_entries))) {
        st = finish(&s, path);
    }
    if (st == ST_OVERLAP) {
        st = convert_whole(world, paths, n_paths, opt, path, hooks, true);
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
    ilokg_status          st = ilokg_export_tracking_init(&tp, world, NULL);
    if (!st) {
        st = ilokg_convert_hooked(world, paths, n_paths, opt, path, &tp.hooks);
    }
    ilokg_export_tracking_clear(&tp);
    return st;
}
