/* SPDX-License-Identifier: Apache-2.0 */
/* Linking the pairs of meetings on threads: each thread takes a run of successive pairs of one
 * series at a time and links them with its own window of vectors, stemmer, copy of the feature
 * table and reader of the spill file; what every thread reads (items, document frequencies,
 * pairs) is made before they start and written by none. */
#include "graph/track.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "graph/track_int.h"

/* The longest run of successive pairs a thread takes at once: each pair of a run but the first
 * finds its earlier meeting's vectors in the window (made as the later meeting of the pair
 * before), a run's first computes them again (runs of 8 cost 4 % more instructions in linking
 * than one thread at the x20 corpus). Runs are shorter when there are few pairs (an eighth of
 * them at most with 2 threads), so that the threads end at about the same time. */
#define TRACK_RUN_MAX 32

typedef struct {
    ilokg_track               *t;
    const ilokg_track_options *opt;
    ilokg_track_done_fn        fn;
    void                      *payload;
    track_worker              *workers;
    size_t                     n_workers;
    size_t                     run_len; /* pairs handed out at once, at most */
    pthread_mutex_t            mu;      /* guards next and st */
    size_t                     next;    /* the first pair not handed out */
    ilokg_status               st;      /* the first failure: no pair is handed out after it */
} pool;

typedef struct {
    pool  *p;
    size_t k; /* the worker's index */
} pool_arg;

/* The next run of pairs [*b, *e) of one series; false when none is left or a thread failed. */
static bool
take_run(pool *p, size_t *b, size_t *e)
{
    pthread_mutex_lock(&p->mu);
    bool more = !p->st && p->next < p->t->n_pairs;
    if (more) {
        const ilokg_track_pair *pr = p->t->pairs;
        *b = *e = p->next;
        while (++*e < p->t->n_pairs && *e - *b < p->run_len &&
               !strcmp(pr[*e].series, pr[*b].series)) {
        }
        p->next = *e;
    }
    pthread_mutex_unlock(&p->mu);
    return more;
}

static void
fail(pool *p, ilokg_status st)
{
    pthread_mutex_lock(&p->mu);
    p->st = p->st ? p->st : st;
    pthread_mutex_unlock(&p->mu);
}

static void *
work(void *arg)
{
    const pool_arg *a = arg;
    pool           *p = a->p;
    track_worker   *w = &p->workers[a->k];
    size_t          b, e;
    ilokg_status    st = ILOKG_OK;
    while (!st && take_run(p, &b, &e)) {
        for (size_t i = b; !st && i < e; i++) {
            ilokg_track_done d = {p->t, NULL, 0, i, 0, 0, 0, 0, a->k, w};
            st                 = track_link_pair(w, p->t, i, p->opt, &d.eb, &d.ee, &d.lb, &d.le);
            d.links            = w->links;
            d.n_links          = w->n_links;
            if (!st && p->fn) {
                st = p->fn(&d, p->payload);
            }
        }
    }
    if (st) {
        fail(p, st);
    }
    return NULL;
}

/* Runs the workers: jobs - 1 threads and the calling thread. A thread that cannot be started
 * leaves its share to the others. */
static void
run_workers(pool *p, size_t jobs)
{
    pthread_t *threads = jobs > 1 ? calloc(jobs - 1, sizeof *threads) : NULL;
    pool_arg  *args    = calloc(jobs, sizeof *args);
    size_t     started = 0;
    if (!args) {
        p->st = ILOKG_ERR_NOMEM;
        free(threads);
        return;
    }
    for (size_t k = 0; k < jobs; k++) {
        args[k] = (pool_arg){p, k};
    }
    for (; threads && started + 1 < jobs; started++) {
        if (pthread_create(&threads[started], NULL, work, &args[started + 1])) {
            break;
        }
    }
    work(&args[0]);
    for (size_t k = 0; k < started; k++) {
        pthread_join(threads[k], NULL);
    }
    free(threads);
    free(args);
}

/* Links every pair on jobs workers, each pair's links handed to fn (NULL: dropped). */
static ilokg_status
link_all(ilokg_track *t, const ilokg_track_options *opt, size_t jobs, ilokg_track_done_fn fn,
         void *payload)
{
    ilokg_track_options defaults = ILOKG_TRACK_OPTIONS_INIT;
    pool                p        = {.t       = t,
                                    .opt     = opt ? opt : &defaults,
                                    .fn      = fn,
                                    .payload = payload,
                                    .run_len = 1,
                                    .mu      = PTHREAD_MUTEX_INITIALIZER};
    ilokg_status        st       = track_prepare(t, p.opt);
    /* WordNet's library keeps its state in globals: with synsets, one thread (track_syn.h). */
    jobs = jobs < 1 || t->stemmer.syn.pos ? 1 : jobs;
    jobs = t->n_pairs && jobs > t->n_pairs ? t->n_pairs : jobs;
    if (!st && !(p.workers = calloc(jobs, sizeof *p.workers))) {
        st = ILOKG_ERR_NOMEM;
    }
    for (size_t k = 0; !st && k < jobs; k++, p.n_workers++) {
        st = track_worker_init(&p.workers[k], t, jobs > 1);
    }
    if (!st && t->n_pairs) {
        p.run_len = t->n_pairs / (4 * jobs);
        p.run_len = p.run_len < 1 ? 1 : p.run_len > TRACK_RUN_MAX ? TRACK_RUN_MAX : p.run_len;
        run_workers(&p, jobs);
        st = p.st;
    }
    for (size_t k = 0; k < p.n_workers; k++) {
        track_worker_clear(&p.workers[k]);
    }
    free(p.workers);
    pthread_mutex_destroy(&p.mu);
    t->stemmer.abbrevs_bg = NULL;
    t->stemmer.abbrev_dir = 0;
    track_syn_options(&t->stemmer.syn, NULL);
    track_free_vectors(t); /* the largest part of tracking's memory, while the graph is written */
    return st;
}

/* ---- ilokg_track_run: every pair's links kept, in pair order ------------------------------- */

typedef struct {
    ilokg_track_link **links; /* links[p]: pair p's (each written by one thread) */
    size_t            *n;
} kept_links;

static ilokg_status
keep_links(const ilokg_track_done *d, void *payload)
{
    kept_links *k = payload;
    if (d->n_links && !(k->links[d->pair] = malloc(d->n_links * sizeof *d->links))) {
        return ILOKG_ERR_NOMEM;
    }
    if (d->n_links) {
        memcpy(k->links[d->pair], d->links, d->n_links * sizeof *d->links);
    }
    k->n[d->pair] = d->n_links;
    return ILOKG_OK;
}

ilokg_status
ilokg_track_run(ilokg_track *t, const ilokg_track_options *opt)
{
    kept_links   k     = {NULL, NULL};
    size_t       total = 0;
    ilokg_status st    = ILOKG_OK;
    /* The pairs are found after sorting: there are fewer than items. */
    size_t np = t->n_items > 1 ? t->n_items - 1 : 0;
    if (!(k.links = calloc(np ? np : 1, sizeof *k.links)) ||
        !(k.n = calloc(np ? np : 1, sizeof *k.n))) {
        st = ILOKG_ERR_NOMEM;
    }
    if (!st) {
        st = link_all(t, opt, ilokg_track_jobs(t), keep_links, &k);
    }
    for (size_t p = 0; !st && p < t->n_pairs; p++) {
        total += k.n[p];
    }
    if (!st && total && ilokg_grow(&t->links, &t->cap_links, total - 1, sizeof *t->links)) {
        st = ILOKG_ERR_NOMEM;
    }
    for (size_t p = 0; !st && p < t->n_pairs; p++) {
        if (k.n[p]) {
            memcpy(t->links + t->n_links, k.links[p], k.n[p] * sizeof *t->links);
        }
        t->n_links += k.n[p];
    }
    for (size_t p = 0; k.links && p < np; p++) {
        free(k.links[p]);
    }
    free(k.links);
    free(k.n);
    return st;
}

/* ---- ilokg_track_each: one thread, pairs in order ------------------------------------------- */

typedef struct {
    ilokg_track_pair_fn fn;
    void               *payload;
} in_order;

static ilokg_status
each_in_order(const ilokg_track_done *d, void *payload)
{
    const in_order         *o  = payload;
    const ilokg_track_pair *pr = d->t->pairs;
    /* The earlier meeting's statuses are final now (its previous pair came before); the later
     * one's too when no pair follows it. */
    bool last = d->pair + 1 == d->t->n_pairs || strcmp(pr[d->pair + 1].series, pr[d->pair].series);
    return o->fn(d->t, d->links, d->n_links, d->eb, last ? d->le : d->ee, o->payload);
}

ilokg_status
ilokg_track_each(ilokg_track *t, const ilokg_track_options *opt, ilokg_track_pair_fn fn,
                 void *payload)
{
    in_order o = {fn, payload};
    return link_all(t, opt, 1, each_in_order, &o);
}

ilokg_status
ilokg_track_each_pair(ilokg_track *t, const ilokg_track_options *opt, ilokg_track_done_fn fn,
                      void *payload)
{
    return link_all(t, opt, ilokg_track_jobs(t), fn, payload);
}

const ilokg_track_item *
ilokg_track_done_item(const ilokg_track_done *d, size_t i)
{
    return track_item(d->w, i);
}
