/* SPDX-License-Identifier: Apache-2.0 */
/* rasqal's triple patterns answered through the indexes of a librdf model.
 *
 * librdf 1.0.17's own triples source hands every pattern to librdf_model_find_statements, and
 * the "hashes" storage (the persistent store) answers that with an index only when the predicate
 * alone is known: any other pattern, even one whose subject, predicate and object are all bound
 * by the time rasqal reaches it (a type check `?k a ilokg:Country` after ?k is bound), reads every
 * statement of the store, once per row that reaches it. This source asks the model for what its
 * indexes answer instead: the targets of a known subject and predicate, the sources of a known
 * predicate and object, the arcs between a known subject and object; with all three known, the
 * targets, kept where equal to the object. Any other pattern, and every pattern inside GRAPH,
 * goes to find_statements (in the graph when it is known) exactly as before.
 *
 * Variables are bound as librdf's source binds them (the same checks for a variable repeated in
 * one pattern, the same conversions between rasqal literals and librdf nodes), and the same
 * statements come back, as many times: only their order may differ, which SPARQL leaves open. */
#include "triples_source.h"

#include <stdlib.h>
#include <string.h>

#include <redland.h>

/* Per query, allocated by rasqal (user_data_size). */
typedef struct {
    librdf_world *lw;
    librdf_model *model;
} source_data;

/* Per triple pattern, each time rasqal starts matching it. */
typedef struct {
    librdf_world    *lw;
    librdf_node     *node[3]; /* subject, predicate, object to match (owned); NULL where free */
    librdf_node     *graph;   /* the graph to match in (owned); NULL for any */
    librdf_stream   *stream;  /* the statements found (find_statements), or NULL: */
    librdf_iterator *nodes;   /* the values of part `free` found through an index */
    int              free;
} match;

/* ---- Terms -------------------------------------------------------------------------------- */

/* A rasqal value as a librdf node (the caller's); NULL when it is no RDF term. */
static librdf_node *
literal_node(librdf_world *lw, rasqal_literal *l)
{
    switch (rasqal_literal_get_rdf_term_type(l)) {
    case RASQAL_LITERAL_URI:
        return librdf_new_node_from_uri(lw, (librdf_uri *)l->value.uri);
    case RASQAL_LITERAL_STRING:
        return librdf_new_node_from_typed_literal(lw, l->string, l->language,
                                                  (librdf_uri *)l->datatype);
    case RASQAL_LITERAL_BLANK:
        return librdf_new_node_from_blank_identifier(lw, l->string);
    default:
        return NULL;
    }
}

static unsigned char *
rasqal_strdup(const unsigned char *s, size_t len)
{
    unsigned char *d = rasqal_alloc_memory(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

/* A librdf node as a rasqal value (the caller's); NULL when out of memory. */
static rasqal_literal *
node_literal(librdf_world *lw, librdf_node *n)
{
    rasqal_world *rw = librdf_world_get_rasqal(lw);
    if (librdf_node_is_resource(n)) {
        librdf_uri *u = librdf_new_uri_from_uri(librdf_node_get_uri(n));
        return u ? rasqal_new_uri_literal(rw, u) : NULL; /* takes u */
    }
    if (librdf_node_is_literal(n)) {
        size_t               len  = 0;
        const unsigned char *s    = librdf_node_get_literal_value_as_counted_string(n, &len);
        const char          *lang = librdf_node_get_literal_value_language(n);
        librdf_uri          *dt   = librdf_node_get_literal_value_datatype_uri(n);
        unsigned char       *str  = rasqal_strdup(s, len);
        char *l2 = lang ? (char *)rasqal_strdup((const unsigned char *)lang, strlen(lang)) : NULL;
        librdf_uri *d2 = dt ? librdf_new_uri_from_uri(dt) : NULL;
        if (!str || (lang && !l2) || (dt && !d2)) {
            rasqal_free_memory(str);
            rasqal_free_memory(l2);
            if (d2) {
                librdf_free_uri(d2);
            }
            return NULL;
        }
        return rasqal_new_string_literal(rw, str, l2, d2, NULL); /* takes str, l2, d2 */
    }
    const unsigned char *b  = librdf_node_get_blank_identifier(n);
    unsigned char       *id = b ? rasqal_strdup(b, strlen((const char *)b)) : NULL;
    return id ? rasqal_new_simple_literal(rw, RASQAL_LITERAL_BLANK, id) : NULL; /* takes id */
}

/* What one part of a pattern must match: its constant, its variable's value when bound, or
 * nothing (*out NULL) when free. *var: the part's variable or NULL. Non-zero when a value has no
 * RDF form or memory ran out. */
static int
part_node(librdf_node **out, rasqal_variable **var, librdf_world *lw, rasqal_literal *part)
{
    *var              = rasqal_literal_as_variable(part);
    rasqal_literal *v = *var ? (*var)->value : part;
    *out              = v ? literal_node(lw, v) : NULL;
    return v && !*out;
}

/* ---- Matching ----------------------------------------------------------------------------- */

/* Part i of the current match (borrowed); NULL when there is none. */
static librdf_node *
current(match *m, int i)
{
    if (m->stream) {
        librdf_statement *st = librdf_stream_get_object(m->stream);
        return !st      ? NULL
               : i == 0 ? librdf_statement_get_subject(st)
               : i == 1 ? librdf_statement_get_predicate(st)
                        : librdf_statement_get_object(st);
    }
    return i == m->free ? librdf_iterator_get_object(m->nodes) : m->node[i];
}

/* With all three parts known, the index gives the candidates: pass over those that differ. */
static void
skip_unequal(match *m)
{
    librdf_node *want = m->nodes ? m->node[m->free] : NULL;
    while (want && !librdf_iterator_end(m->nodes)) {
        librdf_node *got = librdf_iterator_get_object(m->nodes);
        if (got && librdf_node_equals(got, want)) {
            break;
        }
        librdf_iterator_next(m->nodes);
    }
}

static int
same(librdf_node *a, librdf_node *b)
{
    return a && b && librdf_node_equals(a, b);
}

/* librdf's bind_match: sets the variables of `parts` from the current match; 0 when it does not
 * fit (?x ?p ?x with a different subject and object). */
static rasqal_triple_parts
bind_match(rasqal_triples_match *rtm, void *user_data, rasqal_variable *b[4],
           rasqal_triple_parts parts)
{
    (void)user_data;
    match *m = rtm->user_data;
    /* Each read of an index iterator decodes its node anew (and frees the last): read once. */
    librdf_node *spo[3] = {current(m, 0), current(m, 1), current(m, 2)};
    librdf_node *s = spo[0], *p = spo[1], *o = spo[2];
    unsigned     result = 0;
    if (!s || !p || !o) {
        return RASQAL_TRIPLE_NONE;
    }
    if (b[0] && (parts & RASQAL_TRIPLE_SUBJECT)) {
        rasqal_variable_set_value(b[0], node_literal(m->lw, s));
        result |= RASQAL_TRIPLE_SUBJECT;
    }
    if (b[1] && (parts & RASQAL_TRIPLE_PREDICATE)) {
        if (b[0] == b[1]) {
            if (!same(s, p)) {
                return RASQAL_TRIPLE_NONE;
            }
        } else {
            rasqal_variable_set_value(b[1], node_literal(m->lw, p));
            result |= RASQAL_TRIPLE_PREDICATE;
        }
    }
    if (b[2] && (parts & RASQAL_TRIPLE_OBJECT)) {
        int bind = 1;
        if (b[0] == b[2]) {
            if (!same(s, o)) {
                return RASQAL_TRIPLE_NONE;
            }
            bind = 0;
        }
        if (b[1] == b[2] && b[0] != b[1]) {
            if (!same(p, o)) {
                return RASQAL_TRIPLE_NONE;
            }
            bind = 0;
        }
        if (bind) {
            rasqal_variable_set_value(b[2], node_literal(m->lw, o));
            result |= RASQAL_TRIPLE_OBJECT;
        }
    }
    if (b[3] && (parts & RASQAL_TRIPLE_ORIGIN)) {
        /* Only patterns inside GRAPH have a graph variable, and those go through the stream. */
        librdf_node *g    = m->stream ? librdf_stream_get_context2(m->stream) : NULL;
        int          bind = 1;
        for (int i = 0; i < 3; i++) {
            if (b[i] == b[3]) {
                if (!same(spo[i], g)) {
                    return RASQAL_TRIPLE_NONE;
                }
                bind = 0;
            }
        }
        if (bind) {
            rasqal_variable_set_value(b[3], g ? node_literal(m->lw, g) : NULL);
            result |= RASQAL_TRIPLE_ORIGIN;
        }
    }
    return (rasqal_triple_parts)result;
}

static void
next_match(rasqal_triples_match *rtm, void *user_data)
{
    (void)user_data;
    match *m = rtm->user_data;
    if (m->stream) {
        librdf_stream_next(m->stream);
    } else {
        librdf_iterator_next(m->nodes);
        skip_unequal(m);
    }
}

static int
is_end(rasqal_triples_match *rtm, void *user_data)
{
    (void)user_data;
    match *m = rtm->user_data;
    return m->stream ? librdf_stream_end(m->stream) : librdf_iterator_end(m->nodes);
}

static void
finish_match(rasqal_triples_match *rtm, void *user_data)
{
    (void)user_data;
    match *m = rtm->user_data;
    if (!m) {
        return;
    }
    if (m->stream) {
        librdf_free_stream(m->stream);
    }
    if (m->nodes) {
        librdf_free_iterator(m->nodes);
    }
    for (int i = 0; i < 3; i++) {
        if (m->node[i]) {
            librdf_free_node(m->node[i]);
        }
    }
    if (m->graph) {
        librdf_free_node(m->graph);
    }
    free(m);
    rtm->user_data = NULL;
}

/* find_statements with the known parts (copied into a statement of its own). */
static librdf_stream *
find_statements(match *m, librdf_model *model)
{
    librdf_statement *q    = librdf_new_statement(m->lw);
    librdf_node      *c[3] = {NULL, NULL, NULL};
    for (int i = 0; q && i < 3; i++) {
        if (m->node[i] && !(c[i] = librdf_new_node_from_node(m->node[i]))) {
            librdf_free_statement(q);
            q = NULL;
        }
    }
    if (!q) {
        for (int i = 0; i < 3; i++) {
            if (c[i]) {
                librdf_free_node(c[i]);
            }
        }
        return NULL;
    }
    librdf_statement_set_subject(q, c[0]); /* each takes its node */
    librdf_statement_set_predicate(q, c[1]);
    librdf_statement_set_object(q, c[2]);
    librdf_stream *s = m->graph ? librdf_model_find_statements_in_context(model, q, m->graph)
                                : librdf_model_find_statements(model, q);
    librdf_free_statement(q);
    return s;
}

static int
init_match(rasqal_triples_match *rtm, rasqal_triples_source *rts, void *user_data,
           rasqal_triple_meta *meta, rasqal_triple *t)
{
    (void)rts;
    source_data *sd = user_data;
    rtm->bind_match = bind_match;
    rtm->next_match = next_match;
    rtm->is_end     = is_end;
    rtm->finish     = finish_match;
    match *m        = calloc(1, sizeof *m);
    if (!m) {
        return 1;
    }
    rtm->user_data        = m;
    m->lw                 = sd->lw;
    rasqal_literal *pt[3] = {t->subject, t->predicate, t->object};
    for (int i = 0; i < 3; i++) {
        if (part_node(&m->node[i], &meta->bindings[i], sd->lw, pt[i])) {
            return 1;
        }
    }
    if (t->origin && part_node(&m->graph, &meta->bindings[3], sd->lw, t->origin)) {
        return 1;
    }
    librdf_node **n = m->node;
    if (t->origin || (!(n[0] && n[1]) && !(n[1] && n[2]) && !(n[0] && n[2]))) {
        m->stream = find_statements(m, sd->model);
        return !m->stream;
    }
    if (n[0] && n[1]) {
        m->free  = 2;
        m->nodes = librdf_model_get_targets(sd->model, n[0], n[1]);
    } else if (n[1] && n[2]) {
        m->free  = 0;
        m->nodes = librdf_model_get_sources(sd->model, n[1], n[2]);
    } else {
        m->free  = 1;
        m->nodes = librdf_model_get_arcs(sd->model, n[0], n[2]);
    }
    skip_unequal(m);
    return !m->nodes;
}

/* A pattern of three constants. Like librdf's, this looks at the whole dataset, not the graph
 * the pattern may name. */
static int
triple_present(rasqal_triples_source *rts, void *user_data, rasqal_triple *t)
{
    (void)rts;
    source_data *sd      = user_data;
    librdf_node *n[3]    = {NULL, NULL, NULL};
    int          present = 0;
    n[0]                 = literal_node(sd->lw, t->subject);
    n[1]                 = literal_node(sd->lw, t->predicate);
    n[2]                 = literal_node(sd->lw, t->object);
    librdf_iterator *it =
        n[0] && n[1] && n[2] ? librdf_model_get_targets(sd->model, n[0], n[1]) : NULL;
    while (it && !present && !librdf_iterator_end(it)) {
        present = same(librdf_iterator_get_object(it), n[2]);
        librdf_iterator_next(it);
    }
    if (it) {
        librdf_free_iterator(it);
    }
    for (int i = 0; i < 3; i++) {
        if (n[i]) {
            librdf_free_node(n[i]);
        }
    }
    return present;
}

static void
free_source(void *user_data)
{
    (void)user_data; /* rasqal frees the block itself; the model is borrowed */
}

/* ---- Installing --------------------------------------------------------------------------- */

/* As librdf's source does: the query's own data graphs go (ilokg loads FROM and FROM NAMED files
 * itself, query.c), and every graph of the model becomes a named data graph, which is where
 * rasqal looks for the graphs of GRAPH ?g and GRAPH <iri>. */
static int
add_named_graph(rasqal_query *q, librdf_world *lw, raptor_uri *u)
{
    rasqal_data_graph *dg = rasqal_new_data_graph_from_uri(librdf_world_get_rasqal(lw), u, u,
                                                           RASQAL_DATA_GRAPH_NAMED, NULL, NULL,
                                                           NULL);
    return !dg || rasqal_query_add_data_graph(q, dg); /* takes dg */
}

static int
name_graphs(rasqal_query *q, librdf_world *lw, librdf_model *model, const char *always)
{
    raptor_sequence *seq = rasqal_query_get_data_graph_sequence(q);
    while (seq && raptor_sequence_size(seq) > 0) {
        rasqal_free_data_graph(raptor_sequence_pop(seq));
    }
    if (!librdf_model_supports_contexts(model)) {
        return 0;
    }
    librdf_iterator *it   = librdf_model_get_contexts(model);
    int              rc   = !it;
    int              seen = !always;
    for (; !rc && !librdf_iterator_end(it); librdf_iterator_next(it)) {
        librdf_node *g = librdf_iterator_get_object(it);
        if (!g || !librdf_node_is_resource(g)) {
            continue;
        }
        raptor_uri *u = raptor_uri_copy(librdf_node_get_uri(g));
        rc            = !u || add_named_graph(q, lw, u);
        seen |= always && u && !strcmp((const char *)raptor_uri_as_string(u), always);
        if (u) {
            raptor_free_uri(u);
        }
    }
    if (it) {
        librdf_free_iterator(it);
    }
    /* An empty default graph beside named graphs: rasqal answers a GRAPH over a graph it was
     * not told of with one empty row, not with none. */
    if (!rc && !seen) {
        raptor_uri *u = raptor_new_uri(librdf_world_get_raptor(lw), (const unsigned char *)always);
        rc            = !u || add_named_graph(q, lw, u);
        if (u) {
            raptor_free_uri(u);
        }
    }
    return rc;
}

static int
new_source(rasqal_query *q, void *factory_user_data, void *user_data, rasqal_triples_source *rts)
{
    ilokg_triples_source *ts = factory_user_data;
    source_data          *sd = user_data;
    if (!ts || !ts->model) {
        return 1;
    }
    if (name_graphs(q, ts->lw, ts->model, ts->always_graph)) {
        return 1;
    }
    sd->lw                   = ts->lw;
    sd->model                = ts->model;
    rts->version             = 1;
    rts->init_triples_match  = init_match;
    rts->triple_present      = triple_present;
    rts->free_triples_source = free_source;
    return 0;
}

static int
register_factory(rasqal_triples_source_factory *f)
{
    f->version              = 1;
    f->user_data_size       = sizeof(source_data);
    f->new_triples_source   = new_source;
    f->init_triples_source  = NULL;
    f->init_triples_source2 = NULL;
    return 0;
}

ilokg_status
ilokg_triples_source_install(ilokg_triples_source *ts)
{
    rasqal_world *rw = librdf_world_get_rasqal(ts->lw);
    return rw && !rasqal_set_triples_source_factory(rw, register_factory, ts) ? ILOKG_OK
                                                                              : ILOKG_ERR_RDF;
}

void
ilokg_triples_source_remove(struct librdf_world_s *lw)
{
    rasqal_world *rw = librdf_world_get_rasqal(lw);
    if (rw) {
        rasqal_set_triples_source_factory(rw, register_factory, NULL);
    }
}
