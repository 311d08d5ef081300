/* SPDX-License-Identifier: Apache-2.0 */
/* The links between commitments of successive meetings as triples, in their own named graph:
 * ilokg:continues for Repeated and Developed links, an ilokg:Continuation for every link with
 * its ends, degree, scores and evidence, each commitment's status, the two SKOS schemes. */
#include "graph/track_graph.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_int.h"
#include "graph/track_int.h"

#define NS_RDF_TYPE ILOKG_NS_RDF "type"
#define ILO(x) ILOKG_NS x
#define XSD_DECIMAL ILOKG_NS_XSD "decimal"

/* The IRI build.c gives the commitment: the same builders, the same form. */
static const char *
commitment_iri(ilokg_graph *g, const char *doc_id, size_t seq)
{
    return ilokg_graph_res(g, "doc/%s/commitment/%zu", ilokg_graph_seg(g, doc_id), seq);
}

typedef struct {
    ilokg_graph *g;
    const char  *gi; /* the tracking graph's IRI */
    ilokg_status st;
} out_ctx;

static void
iri(out_ctx *c, const char *s, const char *p, const char *o)
{
    if (!c->st) {
        c->st = s && o ? ilokg_graph_add_quad(c->g, c->gi, s, p, o, false, NULL, NULL)
                       : ILOKG_ERR_NOMEM;
    }
}

static void
lit(out_ctx *c, const char *s, const char *p, const char *lex, const char *dt, const char *lang)
{
    if (!c->st) {
        c->st = s && lex ? ilokg_graph_add_quad(c->g, c->gi, s, p, lex, true, dt, lang)
                         : ILOKG_ERR_NOMEM;
    }
}

static void
decimal(out_ctx *c, const char *s, const char *p, double v)
{
    /* Three decimals without trailing zeros but one ("1.0", "0.5", "0.321"): the XSD 1.0
     * canonical form, one lexical form per value, so that a query's constant matches the term;
     * and never a bare "1", which raptor's Turtle writer would turn into an integer. */
    char   buf[32];
    size_t n = (size_t)snprintf(buf, sizeof buf, "%.3f", v);
    while (n > 1 && buf[n - 1] == '0' && buf[n - 2] != '.') {
        buf[--n] = '\0';
    }
    lit(c, s, p, buf, XSD_DECIMAL, NULL);
}

static const struct {
    const char *iri, *label, *notation, *definition;
} degrees[] = {
    {NULL, NULL, NULL, NULL},
    {ILO("Related"), "related", "related",
     "The later commitment has the same subject as the earlier one, not the same undertaking."},
    {ILO("Developed"), "developed", "developed",
     "The later commitment takes up the same subject with a changed or stronger action."},
    {ILO("Repeated"), "repeated", "repeated",
     "The later commitment makes the same undertaking as the earlier one."},
};

static const struct {
    const char *iri, *label;
} statuses[] = {
    {NULL, NULL},
    {ILO("StatusContinued"), "continued"},
    {ILO("StatusDeveloped"), "developed"},
    {ILO("StatusNotTakenUp"), "not taken up"},
    {ILO("StatusNew"), "new"},
};

static void
add_schemes(out_ctx *c)
{
    const char *skos = ILOKG_NS_SKOS;
    char        p[3][96];
    snprintf(p[0], sizeof p[0], "%sinScheme", skos);
    snprintf(p[1], sizeof p[1], "%sprefLabel", skos);
    snprintf(p[2], sizeof p[2], "%snotation", skos);
    for (size_t i = 1; i < sizeof degrees / sizeof degrees[0]; i++) {
        iri(c, degrees[i].iri, NS_RDF_TYPE, ILOKG_NS_SKOS "Concept");
        iri(c, degrees[i].iri, NS_RDF_TYPE, ILO("ContinuationDegree"));
        iri(c, degrees[i].iri, p[0], ILO("ContinuationDegrees"));
        lit(c, degrees[i].iri, p[1], degrees[i].label, NULL, "en");
        lit(c, degrees[i].iri, p[2], degrees[i].notation, NULL, NULL);
        lit(c, degrees[i].iri, ILOKG_NS_SKOS "definition", degrees[i].definition, NULL, "en");
    }
    for (size_t i = 1; i < sizeof statuses / sizeof statuses[0]; i++) {
        iri(c, statuses[i].iri, NS_RDF_TYPE, ILOKG_NS_SKOS "Concept");
        iri(c, statuses[i].iri, NS_RDF_TYPE, ILO("TrackingStatus"));
        iri(c, statuses[i].iri, p[0], ILO("TrackingStatuses"));
        lit(c, statuses[i].iri, p[1], statuses[i].label, NULL, "en");
    }
    iri(c, ILO("ContinuationDegrees"), NS_RDF_TYPE, ILOKG_NS_SKOS "ConceptScheme");
    iri(c, ILO("TrackingStatuses"), NS_RDF_TYPE, ILOKG_NS_SKOS "ConceptScheme");
}

/* Shared entities and themes: both items' lists are sorted (entities) or short (themes). */
static void
add_shared(out_ctx *c, const char *ci, const ilokg_track_item *a, const ilokg_track_item *b,
           const ilokg_gazetteer *gaz)
{
    for (size_t i = 0; i < a->n_entities; i++) {
        for (size_t j = 0; j < b->n_entities; j++) {
            if (a->entities[i].kind == b->entities[j].kind &&
                !strcmp(a->entities[i].id, b->entities[j].id)) {
                iri(c, ci, ILO("sharedEntity"),
                    ilokg_graph_entity_iri(c->g, (int)a->entities[i].kind, a->entities[i].id, gaz));
            }
        }
    }
    for (size_t i = 0; i < a->n_themes; i++) {
        for (size_t j = 0; j < b->n_themes; j++) {
            if (!strcmp(a->themes[i], b->themes[j])) {
                iri(c, ci, ILO("sharedTheme"),
                    ilokg_graph_entity_iri(c->g, (int)ILOKG_ENT_THEME, a->themes[i], gaz));
            }
        }
    }
}

static void
add_link(out_ctx *c, const ilokg_track_done *d, const ilokg_track_link *l,
         const ilokg_gazetteer *gaz)
{
    const ilokg_track_item *a    = ilokg_track_done_item(d, l->later);
    const ilokg_track_item *b    = ilokg_track_done_item(d, l->earlier);
    const char             *li   = commitment_iri(c->g, a->doc_id, a->seq);
    const char             *ei   = commitment_iri(c->g, b->doc_id, b->seq);
    ilokg_buf               path = ILOKG_BUF_INIT, label = ILOKG_BUF_INIT;
    const char             *la = ilokg_graph_seg(c->g, a->doc_id);
    const char             *lb = la ? ilokg_graph_seg(c->g, b->doc_id) : NULL;
    if (!c->st &&
        (!lb || ilokg_buf_printf(&path, "continuation/%s-%zu--%s-%zu", la, a->seq, lb, b->seq) ||
         ilokg_buf_printf(&label, "%s commitment %zu %s %s commitment %zu", a->doc_id, a->seq,
                          l->degree == ILOKG_DEGREE_RELATED    ? "is related to"
                          : l->degree == ILOKG_DEGREE_REPEATED ? "repeats"
                                                               : "develops",
                          b->doc_id, b->seq))) {
        c->st = ILOKG_ERR_NOMEM;
    }
    const char *ci = c->st ? NULL : ilokg_graph_res(c->g, "%s", path.ptr);
    if (l->degree >= ILOKG_DEGREE_DEVELOPED) {
        iri(c, li, ILO("continues"), ei);
    }
    iri(c, ci, NS_RDF_TYPE, ILO("Continuation"));
    iri(c, ci, ILO("later"), li);
    iri(c, ci, ILO("earlier"), ei);
    iri(c, ci, ILO("degree"), degrees[l->degree].iri);
    lit(c, ci, ILOKG_NS_RDFS "label", label.ptr, NULL, "en");
    decimal(c, ci, ILO("score"), l->score);
    decimal(c, ci, ILO("textSimilarity"), l->text_sim);
    lit(c, ci, ILO("similarityMeasure"), ILOKG_TRACK_MEASURE, NULL, NULL);
    decimal(c, ci, ILO("entitySimilarity"), l->ent_sim);
    decimal(c, ci, ILO("themeSimilarity"), l->theme_sim);
    if (l->phrase_end > l->phrase_start) {
        char *phrase = ilokg_strndup(a->text + l->phrase_start, l->phrase_end - l->phrase_start);
        lit(c, ci, ILO("keyPhrase"), phrase, NULL, NULL);
        free(phrase);
    }
    if (l->action_changed) {
        lit(c, ci, ILO("actionChanged"), "true", ILOKG_NS_XSD "boolean", NULL);
    }
    if (!c->st) {
        add_shared(c, ci, a, b, gaz);
    }
    ilokg_buf_free(&path);
    ilokg_buf_free(&label);
}

/* Where the statements of the links and statuses go: with a sink, or with several threads,
 * each thread fills a batch of its own (c[worker]) and hands it over full, one thread at a time;
 * else straight into g. */
typedef struct {
    out_ctx                *c; /* one per thread */
    size_t                  n_c;
    ilokg_graph            *g;
    const ilokg_gazetteer  *gaz;
    const ilokg_graph_sink *sink;  /* NULL: the batches go into g */
    size_t                  batch; /* statements a thread's batch holds before it is handed over */
    pthread_mutex_t         mu;    /* the sink, or g, takes one batch at a time */
} pair_ctx;

/* Every statement of batch into g. */
static ilokg_status
copy_into(ilokg_graph *g, ilokg_graph *batch)
{
    size_t            n  = 0;
    const ilokg_quad *q  = ilokg_graph_quads(batch, &n);
    ilokg_status      st = ILOKG_OK;
    for (size_t i = 0; !st && i < n; i++) {
        st = ilokg_graph_add_quad(g, q[i].g, q[i].s, q[i].p, q[i].o, q[i].literal, q[i].dt,
                                  q[i].lang);
    }
    return st;
}

/* Hands c's batch over when it is full (or at the end) and starts another. The batches are
 * sorted where they go (the sink's runs, g's statements), so the order in which threads hand
 * them over is not seen in the output. */
static void
flush_batch(pair_ctx *pc, out_ctx *c, bool last)
{
    if (c->st || c->g == pc->g || (!last && c->g->n_quads < pc->batch)) {
        return;
    }
    size_t nq = 0;
    /* Sorted here, on the thread that made the batch: the sink's sort then finds it done. */
    ilokg_graph_quads(c->g, &nq);
    if (nq) {
        pthread_mutex_lock(&pc->mu);
        c->st = pc->sink ? pc->sink->take(c->g, pc->sink->payload) : copy_into(pc->g, c->g);
        pthread_mutex_unlock(&pc->mu);
    }
    if (!c->st && !last) {
        ilokg_graph *fresh = NULL;
        c->st              = ilokg_graph_new(&fresh, ilokg_graph_base(c->g), c->g->diag);
        ilokg_graph_free(c->g);
        c->g  = fresh;
        c->gi = fresh ? ilokg_graph_res(fresh, "graph/tracking") : NULL;
    }
}

static void
add_status(pair_ctx *pc, out_ctx *c, const ilokg_track_item *it, const char *p,
           ilokg_track_status s)
{
    if (s) {
        iri(c, commitment_iri(c->g, it->doc_id, it->seq), p, statuses[s].iri);
        flush_batch(pc, c, false);
    }
}

/* A pair's links and the statuses it decides, into its thread's batch (ilokg_track_each_pair):
 * each commitment's status at the next meeting comes with the pair where it is in the earlier
 * meeting, its status at the previous meeting with the pair where it is in the later one. */
static ilokg_status
add_pair(const ilokg_track_done *d, void *payload)
{
    pair_ctx               *pc    = payload;
    out_ctx                *c     = &pc->c[d->worker];
    const ilokg_track      *t     = d->t;
    size_t                  ni    = 0;
    const ilokg_track_item *items = ilokg_track_items(t, &ni);
    for (size_t k = 0; !c->st && k < d->n_links; k++) {
        add_link(c, d, &d->links[k], pc->gaz);
        flush_batch(pc, c, false);
    }
    for (size_t i = d->eb; !c->st && i < d->ee; i++) {
        add_status(pc, c, &items[i], ILO("statusAtNextMeeting"), ilokg_track_next_status(t, i));
    }
    for (size_t i = d->lb; !c->st && i < d->le; i++) {
        add_status(pc, c, &items[i], ILO("statusAtPreviousMeeting"), ilokg_track_prev_status(t, i));
    }
    return c->st;
}

/* One out_ctx per thread: a batch graph of its own, or g itself when one thread writes to g. */
static ilokg_status
contexts_new(pair_ctx *pc, ilokg_graph *g, size_t n)
{
    ilokg_status st = (pc->c = calloc(n, sizeof *pc->c)) ? ILOKG_OK : ILOKG_ERR_NOMEM;
    for (size_t k = 0; !st && k < n; k++, pc->n_c++) {
        out_ctx *c = &pc->c[k];
        c->g       = g;
        if (pc->sink || n > 1) {
            st = ilokg_graph_new(&c->g, ilokg_graph_base(g), g->diag);
        }
        c->gi = st ? NULL : ilokg_graph_res(c->g, "graph/tracking");
    }
    return st;
}

ilokg_status
ilokg_track_add_to_graph(ilokg_track *t, ilokg_graph *g, const ilokg_gazetteer *gaz,
                         const ilokg_graph_sink *sink)
{
    size_t   jobs = ilokg_track_jobs(t);
    pair_ctx pc   = {NULL, 0, g, gaz, sink, 0, PTHREAD_MUTEX_INITIALIZER};
    /* Together the threads' batches hold what one batch did: the same memory at any -j. */
    pc.batch        = sink ? (sink->batch_size / jobs ? sink->batch_size / jobs : 1) : 1u << 16;
    ilokg_status st = contexts_new(&pc, g, jobs);
    if (!st) {
        st = ilokg_track_each_pair(t, NULL, add_pair, &pc);
    }
    for (size_t k = 0; k < pc.n_c; k++) {
        st = st ? st : pc.c[k].st;
    }
    for (size_t k = 0; !st && k < pc.n_c; k++) {
        flush_batch(&pc, &pc.c[k], true);
        st = pc.c[k].st;
    }
    for (size_t k = 0; k < pc.n_c; k++) {
        if (pc.c[k].g != g) {
            ilokg_graph_free(pc.c[k].g);
        }
    }
    free(pc.c);
    pthread_mutex_destroy(&pc.mu);
    if (!st && t->n_pairs) { /* no series of two meetings: nothing to say, no empty graph */
        out_ctx c = {g, ilokg_graph_res(g, "graph/tracking"), ILOKG_OK};
        add_schemes(&c);
        st = c.st;
    }
    return st;
}
