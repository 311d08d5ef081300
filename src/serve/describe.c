/* SPDX-License-Identifier: Apache-2.0 */
/* The RDF description of one resource (describe.h): triples copied from the store into a small
 * in-memory one, then written by the same writers as a CONSTRUCT answer. */
#include "serve/describe.h"

#include <stdlib.h>
#include <string.h>

#include "query/run.h"
#include "util/buf.h"

/* Blank nodes are followed this deep below the resource (the graph nests them one level: the
 * selectors of an annotation); a cycle of blank nodes stops here too. */
#define MAX_BNODE_DEPTH 4

/* The id in mem of store's term id. */
static ilokg_status
copy_term(ilokg_qstore *mem, ilokg_qstore *store, ilokg_id id, ilokg_id *out)
{
    ilokg_qterm  t;
    ilokg_status st = ilokg_qstore_term(store, id, &t);
    return st ? st : ilokg_qstore_mem_intern(mem, &t, out);
}

static ilokg_status
copy_quad(ilokg_qstore *mem, ilokg_qstore *store, const ilokg_quad *q)
{
    ilokg_quad   c  = {ILOKG_ID_DEFAULT_GRAPH, 0, 0, 0};
    ilokg_status st = copy_term(mem, store, q->s, &c.s);
    if (!st) {
        st = copy_term(mem, store, q->p, &c.p);
    }
    if (!st) {
        st = copy_term(mem, store, q->o, &c.o);
    }
    return st ? st : ilokg_qstore_mem_add(mem, &c);
}

static int
is_blank(ilokg_qstore *store, ilokg_id id)
{
    ilokg_qterm t;
    return !ilokg_qstore_term(store, id, &t) && t.kind == ILOKG_QT_BLANK;
}

/* Copies the quads matching pat; with depth, follows blank-node objects. */
static ilokg_status
copy_matching(ilokg_qstore *mem, ilokg_qstore *store, const ilokg_quad *pat, int depth, size_t *n)
{
    ilokg_qiter *it = NULL;
    ilokg_status st = ilokg_qstore_match(store, pat, &it);
    for (int got = 1; !st && got;) {
        ilokg_quad q;
        if ((st = ilokg_qiter_next(it, &q, &got)) || !got) {
            break;
        }
        st = copy_quad(mem, store, &q);
        (*n)++;
        if (!st && depth && pat->s != ILOKG_ID_NONE && is_blank(store, q.o)) {
            ilokg_quad sub = {pat->g, q.o, ILOKG_ID_NONE, ILOKG_ID_NONE};
            st             = copy_matching(mem, store, &sub, depth - 1, n);
        }
    }
    ilokg_qiter_free(it);
    return st;
}

/* The quads about iri into mem: with as_graph, those of the graph it names; else, in the default
 * graph (the union of the store's graphs, each triple once), those with it as subject (blank-node
 * objects followed) and those with it as object. ILOKG_ERR_NOT_FOUND when there is none. */
static ilokg_status
collect_about(ilokg_qstore *mem, ilokg_qstore *store, const char *iri, int as_graph, size_t *n_out)
{
    ilokg_qterm  t  = {ILOKG_QT_IRI, iri, strlen(iri), NULL, NULL};
    ilokg_id     id = ILOKG_ID_NONE;
    size_t       n  = 0;
    ilokg_status st = ilokg_qstore_find(store, &t, &id);
    if (!st && id == ILOKG_ID_NONE) {
        st = ILOKG_ERR_NOT_FOUND;
    }
    ilokg_quad pats[2]   = {{ILOKG_ID_DEFAULT_GRAPH, id, ILOKG_ID_NONE, ILOKG_ID_NONE},
                            {ILOKG_ID_DEFAULT_GRAPH, ILOKG_ID_NONE, ILOKG_ID_NONE, id}};
    int        depths[2] = {MAX_BNODE_DEPTH, 0};
    size_t     n_pats    = 2;
    if (as_graph) {
        pats[0]   = (ilokg_quad){id, ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE};
        depths[0] = 0;
        n_pats    = 1;
    }
    for (size_t i = 0; !st && i < n_pats; i++) {
        st = copy_matching(mem, store, &pats[i], depths[i], &n);
    }
    if (!st && !n) {
        st = ILOKG_ERR_NOT_FOUND;
    }
    if (n_out) {
        *n_out = n;
    }
    return st;
}

ilokg_status
ilokg_describe_collect(ilokg_qstore *mem, ilokg_qstore *store, const char *iri, size_t *n_out)
{
    return collect_about(mem, store, iri, 0, n_out);
}

ilokg_status
ilokg_describe_collect_graph(ilokg_qstore *mem, ilokg_qstore *store, const char *graph_iri,
                             size_t *n_out)
{
    return collect_about(mem, store, graph_iri, 1, n_out);
}

ilokg_status
ilokg_describe_add(ilokg_qstore *mem, const char *s, const char *p, const char *o, int literal,
                   const char *dt)
{
    ilokg_qterm  ts = {ILOKG_QT_IRI, s, strlen(s), NULL, NULL};
    ilokg_qterm  tp = {ILOKG_QT_IRI, p, strlen(p), NULL, NULL};
    ilokg_qterm  to = {literal ? ILOKG_QT_LITERAL : ILOKG_QT_IRI, o, strlen(o), NULL,
                      literal ? dt : NULL};
    ilokg_quad   q  = {ILOKG_ID_DEFAULT_GRAPH, 0, 0, 0};
    ilokg_status st = ilokg_qstore_mem_intern(mem, &ts, &q.s);
    if (!st) {
        st = ilokg_qstore_mem_intern(mem, &tp, &q.p);
    }
    if (!st) {
        st = ilokg_qstore_mem_intern(mem, &to, &q.o);
    }
    return st ? st : ilokg_qstore_mem_add(mem, &q);
}

ilokg_status
ilokg_describe_write(ilokg_diag *diag, ilokg_qstore *store, ilokg_format format, FILE *fp)
{
    ilokg_query_options opt = ILOKG_QUERY_OPTIONS_INIT;
    ilokg_quad          pat = {ILOKG_ID_DEFAULT_GRAPH, ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE};
    ilokg_quad         *tr  = NULL;
    size_t              n   = 0;
    opt.rdf_format          = format;
    ilokg_status st         = ilokg_qstore_collect(&tr, &n, store, &pat);
    if (!st) {
        st = ilokg_query_write_quads(diag, store, tr, n, &opt, fp);
    }
    free(tr);
    return st;
}
