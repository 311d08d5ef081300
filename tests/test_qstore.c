/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the quad stores: every pattern shape against a brute-force filter, on the in-memory
 * store and on the LMDB store written from it; loading RDF (errors, blank nodes, graphs). */
#include "testfix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include "util/buf.h"
#include "query/qstore.h"

#define N_TERMS 7

/* ---- Helpers ------------------------------------------------------------------------------ */

static ilokg_id
iri(ilokg_qstore *st, const char *s)
{
    ilokg_qterm t = {ILOKG_QT_IRI, s, strlen(s), NULL, NULL};
    ilokg_id    id;
    assert_int_equal(ilokg_qstore_mem_intern(st, &t, &id), ILOKG_OK);
    return id;
}

static ilokg_id
find_iri(ilokg_qstore *st, const char *s)
{
    ilokg_qterm t  = {ILOKG_QT_IRI, s, strlen(s), NULL, NULL};
    ilokg_id    id = 99;
    assert_int_equal(ilokg_qstore_find(st, &t, &id), ILOKG_OK);
    return id;
}

static int
quad_eq(const ilokg_quad *a, const ilokg_quad *b)
{
    return a->g == b->g && a->s == b->s && a->p == b->p && a->o == b->o;
}

static int
pattern_matches(const ilokg_quad *pat, const ilokg_quad *q)
{
    return (!pat->g || pat->g == q->g) && (!pat->s || pat->s == q->s) &&
           (!pat->p || pat->p == q->p) && (!pat->o || pat->o == q->o);
}

/* Every quad the store gives for pat is in ref and matches, none twice, and as many as the
 * brute-force filter of ref (which holds no duplicates) finds. */
static void
check_pattern(ilokg_qstore *st, const ilokg_quad *pat, const ilokg_quad *ref, size_t n_ref)
{
    size_t want = 0;
    for (size_t i = 0; i < n_ref; i++) {
        want += pattern_matches(pat, &ref[i]);
    }
    ilokg_quad *got = calloc(n_ref + 1, sizeof *got);
    assert_non_null(got);
    ilokg_qiter *it;
    assert_int_equal(ilokg_qstore_match(st, pat, &it), ILOKG_OK);
    size_t     n = 0;
    int        more;
    ilokg_quad q;
    while (!ilokg_qiter_next(it, &q, &more) && more) {
        assert_true(n < n_ref);
        assert_true(pattern_matches(pat, &q));
        size_t in_ref = 0;
        for (size_t i = 0; i < n_ref; i++) {
            in_ref += quad_eq(&ref[i], &q);
        }
        assert_int_equal(in_ref, 1);
        for (size_t i = 0; i < n; i++) {
            assert_false(quad_eq(&got[i], &q));
        }
        got[n++] = q;
    }
    ilokg_qiter_free(it);
    if (n != want) {
        print_error("pattern %u %u %u %u: got %zu, want %zu\n", pat->g, pat->s, pat->p, pat->o, n,
                    want);
    }
    assert_int_equal(n, want);
    assert_true(ilokg_qstore_estimate(st, pat) >= want);
    free(got);
}

/* Every pattern shape (each subset of places bound) with every value of each bound place:
 * the store's ids, the default graph, and one id the store does not have. */
static void
check_all_patterns(ilokg_qstore *st, const ilokg_quad *ref, size_t n_ref, ilokg_id max_id)
{
    ilokg_id vals = max_id + 1; /* 1 .. max_id + 1 */
    for (unsigned mask = 0; mask < 16; mask++) {
        ilokg_id v[4] = {1, 1, 1, 1};
        for (;;) {
            ilokg_quad pat = {mask & 1 ? v[0] : 0, mask & 2 ? v[1] : 0, mask & 4 ? v[2] : 0,
                              mask & 8 ? v[3] : 0};
            check_pattern(st, &pat, ref, n_ref);
            unsigned i = 0;
            while (i < 4 && (!(mask & (1u << i)) || v[i] == vals)) {
                if (mask & (1u << i)) {
                    v[i] = 1;
                }
                i++;
            }
            if (i == 4) {
                break;
            }
            v[i]++;
        }
    }
}

/* A store of pseudo-random quads over N_TERMS IRIs (ids 2..N_TERMS+1) in the default graph and
 * graphs named by the first two terms, each added twice; ref gets the distinct quads. */
static ilokg_qstore *
random_store(ilokg_quad *ref, size_t *n_ref, size_t n_add)
{
    ilokg_qstore *st;
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    for (int i = 0; i < N_TERMS; i++) {
        char name[32];
        snprintf(name, sizeof name, "http://example.org/t%d", i);
        assert_int_equal(iri(st, name), (ilokg_id)(ILOKG_ID_FIRST + i));
    }
    uint32_t r = 12345;
    *n_ref     = 0;
    for (size_t k = 0; k < n_add; k++) {
        ilokg_id v[4];
        for (int i = 0; i < 4; i++) {
            r    = r * 1103515245u + 12345u;
            v[i] = ILOKG_ID_FIRST + (r >> 16) % N_TERMS;
        }
        ilokg_quad q = {v[0] < 4 ? v[0] : ILOKG_ID_DEFAULT_GRAPH, v[1], v[2], v[3]};
        assert_int_equal(ilokg_qstore_mem_add(st, &q), ILOKG_OK);
        assert_int_equal(ilokg_qstore_mem_add(st, &q), ILOKG_OK);
        size_t dup = 0;
        for (size_t i = 0; i < *n_ref; i++) {
            dup |= quad_eq(&ref[i], &q);
        }
        if (!dup) {
            ref[(*n_ref)++] = q;
        }
    }
    return st;
}

/* ---- In memory ---------------------------------------------------------------------------- */

static void
test_qstore_free_null(void **state)
{
    (void)state;
    ilokg_qstore_free(NULL);
    ilokg_qiter_free(NULL);
}

static void
test_qstore_mem_patterns(void **state)
{
    (void)state;
    ilokg_quad    ref[300];
    size_t        n_ref;
    ilokg_qstore *st = random_store(ref, &n_ref, 300);
    ilokg_qiter  *it;
    ilokg_quad    any = {0, 0, 0, 0};
    assert_int_equal(ilokg_qstore_match(st, &any, &it), ILOKG_ERR_INTERNAL); /* not frozen */
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_size(st), n_ref);
    assert_true(n_ref < 300); /* 7^3 * 3 combinations: some repeat */
    check_all_patterns(st, ref, n_ref, ILOKG_ID_FIRST + N_TERMS);
    /* Exact estimates in memory. */
    ilokg_quad pat  = {0, ILOKG_ID_FIRST, 0, ILOKG_ID_FIRST + 1};
    size_t     want = 0;
    for (size_t i = 0; i < n_ref; i++) {
        want += pattern_matches(&pat, &ref[i]);
    }
    assert_int_equal(ilokg_qstore_estimate(st, &pat), want);
    /* Frozen: no more terms or quads. */
    ilokg_quad q = {1, 2, 2, 2};
    assert_int_equal(ilokg_qstore_mem_add(st, &q), ILOKG_ERR_INTERNAL);
    ilokg_qstore_free(st);
}

static void
test_qstore_mem_graphs_and_terms(void **state)
{
    (void)state;
    ilokg_qstore *st;
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    ilokg_id   a = iri(st, "http://x/a"), g2 = iri(st, "http://x/g2"), g1 = iri(st, "http://x/g1");
    ilokg_quad qs[] = {{g1, a, a, a}, {ILOKG_ID_DEFAULT_GRAPH, a, a, a}, {g2, a, a, g1}};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(ilokg_qstore_mem_add(st, &qs[i]), ILOKG_OK);
    }
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    const ilokg_id *gs;
    size_t          n;
    assert_int_equal(ilokg_qstore_graphs(st, &gs, &n), ILOKG_OK);
    assert_int_equal(n, 2); /* the named graphs, ascending ids: g2 was interned before g1 */
    assert_int_equal(gs[0], g2);
    assert_int_equal(gs[1], g1);
    /* g NONE matches the default graph too */
    ilokg_quad pat = {0, a, a, a};
    assert_int_equal(ilokg_qstore_estimate(st, &pat), 2);
    ilokg_qterm t;
    assert_int_equal(ilokg_qstore_term(st, g1, &t), ILOKG_OK);
    assert_int_equal(t.kind, ILOKG_QT_IRI);
    assert_string_equal(t.lex, "http://x/g1");
    assert_int_equal(ilokg_qstore_term(st, 99, &t), ILOKG_ERR_NOT_FOUND);
    assert_int_equal(ilokg_qstore_term(st, ILOKG_ID_DEFAULT_GRAPH, &t), ILOKG_ERR_NOT_FOUND);
    assert_int_equal(find_iri(st, "http://x/nope"), ILOKG_ID_NONE);
    ilokg_qstore_free(st);
}

static void
test_qstore_mem_empty(void **state)
{
    (void)state;
    ilokg_qstore *st;
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    check_pattern(st, &(ilokg_quad){0, 0, 0, 0}, NULL, 0);
    check_pattern(st, &(ilokg_quad){1, 0, 0, 0}, NULL, 0);
    const ilokg_id *gs;
    size_t          n = 9;
    assert_int_equal(ilokg_qstore_graphs(st, &gs, &n), ILOKG_OK);
    assert_int_equal(n, 0);
    ilokg_qstore_free(st);
}

static void
test_qstore_mem_union(void **state)
{
    (void)state;
    ilokg_qstore *st;
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    ilokg_id   a = iri(st, "http://x/a"), g = iri(st, "http://x/g"), h = iri(st, "http://x/h");
    ilokg_quad qs[] = {{g, a, a, a}, {h, a, a, a}, {h, a, a, g}, {ILOKG_ID_DEFAULT_GRAPH, a, a, h}};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(ilokg_qstore_mem_add(st, &qs[i]), ILOKG_OK);
    }
    assert_int_equal(ilokg_qstore_mem_add_union(st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    /* the four quads, plus (a a a) and (a a g) in the default graph: (a a a) once */
    assert_int_equal(ilokg_qstore_size(st), 6);
    ilokg_quad pat = {ILOKG_ID_DEFAULT_GRAPH, 0, 0, 0};
    assert_int_equal(ilokg_qstore_estimate(st, &pat), 3);
    pat.g = g;
    assert_int_equal(ilokg_qstore_estimate(st, &pat), 1);
    assert_int_equal(ilokg_qstore_mem_add_union(st), ILOKG_ERR_INTERNAL); /* frozen */
    ilokg_qstore_free(st);
}

/* ---- Loading ------------------------------------------------------------------------------ */

static ilokg_status
load_str(ilokg_qstore *st, const char *text, const char *name, const char *format,
         const char *graph, test_sink *sink, size_t *n)
{
    return ilokg_qstore_mem_load_bytes(st, text, strlen(text), name, format, graph,
                                       "http://example.org/base/", &sink->diag, n);
}

typedef test_fixture mem_fixture;

static void
test_qstore_load_blank_nodes(void **state)
{
    mem_fixture  *f  = *state;
    ilokg_qstore *st = f->st;
    size_t        n;
    const char   *ttl = "@prefix : <http://x/> .\n_:b :p _:b .\n_:b :q [ :r 1 ] .\n";
    assert_int_equal(load_str(st, ttl, "a.ttl", NULL, NULL, &f->sink, &n), ILOKG_OK);
    assert_int_equal(n, 3);
    assert_int_equal(load_str(st, ttl, "b.ttl", NULL, NULL, &f->sink, &n), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_size(st), 6); /* the second file's _:b is another node */
    ilokg_id     p = find_iri(st, "http://x/p");
    ilokg_qiter *it;
    ilokg_quad   q, pat = {0, 0, p, 0};
    int          got;
    ilokg_id     subjects[2];
    assert_int_equal(ilokg_qstore_match(st, &pat, &it), ILOKG_OK);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(ilokg_qiter_next(it, &q, &got), ILOKG_OK);
        assert_true(got);
        assert_int_equal(q.s, q.o); /* one file's _:b is one node */
        assert_int_equal(q.g, ILOKG_ID_DEFAULT_GRAPH);
        subjects[i] = q.s;
        ilokg_qterm t;
        assert_int_equal(ilokg_qstore_term(st, q.s, &t), ILOKG_OK);
        assert_int_equal(t.kind, ILOKG_QT_BLANK);
    }
    assert_int_equal(ilokg_qiter_next(it, &q, &got), ILOKG_OK);
    assert_false(got);
    ilokg_qiter_free(it);
    assert_int_not_equal(subjects[0], subjects[1]);
}

/* "_:a." in N-Triples is the node _:a and the statement's '.' (raptor reads the label "a."). */
static void
test_qstore_load_blank_dot(void **state)
{
    mem_fixture  *f  = *state;
    ilokg_qstore *st = f->st;
    size_t        n;
    const char   *nt = "<http://x/s> <http://x/p> _:a.\n_:a <http://x/p> <http://x/s> .\n";
    assert_int_equal(load_str(st, nt, "a.nt", NULL, NULL, &f->sink, &n), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    ilokg_id     s = find_iri(st, "http://x/s");
    ilokg_quad   q, pat = {0, s, 0, 0};
    ilokg_qiter *it;
    int          got;
    assert_int_equal(ilokg_qstore_match(st, &pat, &it), ILOKG_OK);
    assert_int_equal(ilokg_qiter_next(it, &q, &got), ILOKG_OK);
    assert_true(got);
    ilokg_id a = q.o;
    ilokg_qiter_free(it);
    pat = (ilokg_quad){0, a, 0, s};
    assert_int_equal(ilokg_qstore_estimate(st, &pat), 1); /* the same node as subject */
}

/* raptor names the nodes it makes genid1, genid2...: a file's own _:genid1 is another node. */
static void
test_qstore_load_generated_blank(void **state)
{
    mem_fixture  *f  = *state;
    ilokg_qstore *st = f->st;
    size_t        n;
    const char *ttl = "_:genid1 <http://x/p> \"mine\" .\n<http://x/a> <http://x/q> [ <http://x/p> "
                      "\"made\" ] .\n";
    assert_int_equal(load_str(st, ttl, "a.ttl", NULL, NULL, &f->sink, &n), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    ilokg_quad pat = {0, 0, find_iri(st, "http://x/p"), 0};
    assert_int_equal(ilokg_qstore_estimate(st, &pat), 2);
    ilokg_qiter *it;
    ilokg_quad   q[2];
    int          got;
    assert_int_equal(ilokg_qstore_match(st, &pat, &it), ILOKG_OK);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(ilokg_qiter_next(it, &q[i], &got), ILOKG_OK);
        assert_true(got);
    }
    ilokg_qiter_free(it);
    assert_int_not_equal(q[0].s, q[1].s); /* two subjects, one "mine" and one "made" */
}

static void
test_qstore_load_literals(void **state)
{
    mem_fixture  *f  = *state;
    ilokg_qstore *st = f->st;
    size_t        n;
    const char   *nt =
        "<http://x/s> <http://x/p> \"v\" .\n"
        "<http://x/s> <http://x/p> \"v\"^^<http://www.w3.org/2001/XMLSchema#string> .\n"
        "<http://x/s> <http://x/p> \"v\"@en .\n"
        "<http://x/s> <http://x/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n";
    assert_int_equal(load_str(st, nt, "l.nt", NULL, NULL, &f->sink, &n), ILOKG_OK);
    assert_int_equal(n, 4);
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_size(st), 3); /* "v" and "v"^^xsd:string are one term */
    ilokg_qterm plain = {ILOKG_QT_LITERAL, "v", 1, NULL, ILOKG_XSD "string"};
    ilokg_id    id;
    assert_int_equal(ilokg_qstore_find(st, &plain, &id), ILOKG_OK);
    assert_int_not_equal(id, ILOKG_ID_NONE);
    ilokg_qterm t;
    assert_int_equal(ilokg_qstore_term(st, id, &t), ILOKG_OK);
    assert_null(t.dt);
    assert_null(t.lang);
    ilokg_qterm en = {ILOKG_QT_LITERAL, "v", 1, "en", NULL};
    assert_int_equal(ilokg_qstore_find(st, &en, &id), ILOKG_OK);
    assert_int_not_equal(id, ILOKG_ID_NONE);
    ilokg_qterm one = {ILOKG_QT_LITERAL, "1", 1, NULL, ILOKG_XSD "integer"};
    assert_int_equal(ilokg_qstore_find(st, &one, &id), ILOKG_OK);
    assert_int_not_equal(id, ILOKG_ID_NONE);
}

static void
test_qstore_load_graphs(void **state)
{
    mem_fixture  *f  = *state;
    ilokg_qstore *st = f->st;
    size_t        n;
    const char   *nq = "<http://x/s> <http://x/p> <http://x/o> <http://x/g> .\n"
                       "<http://x/s> <http://x/p> <http://x/o> .\n";
    assert_int_equal(load_str(st, nq, "q.nq", NULL, NULL, &f->sink, &n), ILOKG_OK);
    assert_int_equal(load_str(st, nq, "q.nq", NULL, "http://x/into", &f->sink, &n), ILOKG_OK);
    const char *trig = "<http://x/h> { <http://x/s> <http://x/p> <http://x/o> }\n";
    assert_int_equal(load_str(st, trig, "t.trig", NULL, NULL, &f->sink, &n), ILOKG_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    /* (g, s p o), (default, s p o), (into, s p o), and (h, s p o); the repeated g quad once. */
    assert_int_equal(ilokg_qstore_size(st), 4);
    ilokg_id   g = find_iri(st, "http://x/g"), into = find_iri(st, "http://x/into");
    ilokg_id   h = find_iri(st, "http://x/h"), s = find_iri(st, "http://x/s");
    ilokg_quad pat = {ILOKG_ID_DEFAULT_GRAPH, s, 0, 0};
    assert_int_equal(ilokg_qstore_estimate(st, &pat), 1);
    pat.g = into;
    assert_int_equal(ilokg_qstore_estimate(st, &pat), 1);
    const ilokg_id *gs;
    assert_int_equal(ilokg_qstore_graphs(st, &gs, &n), ILOKG_OK);
    assert_int_equal(n, 3);
    assert_int_equal(gs[0], g < into ? g : into);
    assert_int_equal(gs[2], h);
}

/* A bad input to ilokg_qstore_mem_load_bytes and the message it must give: line and column
 * counted by hand in the text (0 where the reader gives none). */
typedef struct {
    const char  *text, *name, *format;
    ilokg_status st;
    size_t       line, col;
    const char  *needle;
} load_error_case;

static void
expect_load_errors(ilokg_qstore *st, test_sink *sink, const load_error_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const load_error_case *c = &cases[i];
        assert_int_equal(load_str(st, c->text, c->name, c->format, NULL, sink, NULL), c->st);
        test_sink_expect(sink, c->st, c->line, c->col, c->needle);
        assert_string_equal(sink->msgs[sink->seen - 1].file, c->name);
    }
}

static void
test_qstore_load_errors(void **state)
{
    (void)state;
    static const load_error_case syntax[] = {
        /* A missing final dot (raptor itself accepts it in N-Triples) */
        {"<http://x/s> <http://x/p> <http://x/o> .\n<http://x/s> <http://x/p> \"o\"\n", "a.nt",
         NULL, ILOKG_ERR_RDF, 2, 30, "expected '.'"},
        /* A space in an IRI: the column of the space */
        {"<http://x/s> <http://x/p> <http://x/o> .\n<http://x/s> <http://x/p> <a b> .\n", "b.nt",
         NULL, ILOKG_ERR_RDF, 2, 29, "illegal character"},
        /* A relative IRI in N-Triples: the column of its closing '>' */
        {"<http://x/s> <http://x/p> <o> .\n", "c.nt", NULL, ILOKG_ERR_RDF, 1, 29, "not absolute"},
        /* Invalid UTF-8: the column (in characters) of the bad byte; the e-acute counts once */
        {"<http://x/s> <http://x/p> \"\xc3\xa9t\xc3\xa9 \xff\" .\n", "d.nt", NULL,
         ILOKG_ERR_ENCODING, 1, 32, "UTF-8"},
        /* Turtle: raptor gives the line, not the column */
        {"@prefix : <http://x/> .\n:a :b :c ;\n  :d .\n", "e.ttl", NULL, ILOKG_ERR_RDF, 3, 0,
         "syntax error"},
        {"<http://x/a> <http://x/b> \"x\"", "f.ttl", NULL, ILOKG_ERR_RDF, 1, 0, "syntax error"},
        /* Braces in an IRI (raptor's N-Triples reader lets them through): the line */
        {"<http://x/s> <http://x/p> <http://x/o> .\n<http://x/{s}> <http://x/p> <http://x/o> .\n",
         "i.nt", NULL, ILOKG_ERR_RDF, 2, 0, "<http://x/{s}>"},
        /* A language tag ending in '-' (raptor's Turtle reader takes it); line unknown */
        {"<http://x/a> <http://x/b> \"x\"@en-US .\n<http://x/a> <http://x/b> \"x\"@en- .\n",
         "j.ttl", NULL, ILOKG_ERR_RDF, 0, 0, "language tag"},
        /* An escaped surrogate, which raptor turns into bytes that are not UTF-8 */
        {"<http://x/s> <http://x/p> \"\\uD800\" .\n", "k.nt", NULL, ILOKG_ERR_ENCODING, 1, 0,
         "surrogate"},
        /* A datatype IRI with a brace */
        {"<http://x/s> <http://x/p> \"1\"^^<http://x/{t}> .\n", "l.nt", NULL, ILOKG_ERR_RDF, 1, 0,
         "<http://x/{t}>"},
    };
    /* JSON-LD is read by its own reader, which locates its errors too (the context's string
     * starts at column 14); unknown formats */
    static const load_error_case other[] = {
        {"{\"@context\": \"http://x/ctx\"}", "g.jsonld", NULL, ILOKG_ERR_RDF, 1, 14,
         "remote context <http://x/ctx> is not fetched"},
        {"", "h.txt", NULL, ILOKG_ERR_USAGE, 0, 0, "cannot tell the RDF format"},
        {"", "h.ttl", "csv", ILOKG_ERR_USAGE, 0, 0, "unknown RDF format"},
    };
    test_sink sink;
    test_sink_init(&sink);
    ilokg_qstore *st;
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    expect_load_errors(st, &sink, syntax, sizeof syntax / sizeof syntax[0]);
    /* A failed load leaves nothing behind: the first statement of a.nt was read, then dropped */
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_size(st), 0);
    ilokg_qstore_free(st);
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    expect_load_errors(st, &sink, other, sizeof other / sizeof other[0]);
    ilokg_qstore_free(st);
    test_sink_done(&sink);
}

/* RDF/XML with entity declarations is refused before parsing: no other file is read, no entity
 * bomb expands. */
static void
test_qstore_load_rdfxml_safe(void **state)
{
    (void)state;
    test_sink sink;
    test_sink_init(&sink);
    char path[] = "/tmp/ilokg-secret-XXXXXX";
    int  fd     = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "SECRET", 6), 6);
    close(fd);
    ilokg_buf xml = ILOKG_BUF_INIT;
    assert_int_equal(
        ilokg_buf_printf(
            &xml,
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM \"file://%s\"> ]>\n"
            "<rdf:RDF xmlns:rdf=\"" ILOKG_RDF "\" xmlns:ex=\"http://x/\">\n"
            "<rdf:Description rdf:about=\"http://x/a\"><ex:p>&x;</ex:p></rdf:Description>"
            "</rdf:RDF>\n",
            path),
        ILOKG_OK);
    ilokg_qstore *st;
    size_t        n;
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    /* Entity declarations are refused before the XML parser runs, as validate refuses them
     * (export/xmlguard.c): "<!ENTITY" starts at line 2, column 21 (counted by hand). */
    assert_int_equal(load_str(st, xml.ptr, "x.rdf", NULL, NULL, &sink, &n), ILOKG_ERR_SYNTAX);
    test_sink_expect(&sink, ILOKG_ERR_SYNTAX, 2, 21, "entity declarations are not accepted");
    assert_int_equal(n, 0);
    ilokg_qterm secret = {ILOKG_QT_LITERAL, "SECRET", 6, NULL, NULL};
    ilokg_id    id;
    assert_int_equal(ilokg_qstore_find(st, &secret, &id), ILOKG_OK);
    assert_int_equal(id, ILOKG_ID_NONE);
    unlink(path);
    /* A billion laughs: ten levels of ten references */
    xml.len = 0;
    assert_int_equal(ilokg_buf_adds(&xml, "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [\n"
                                          "<!ENTITY l0 \"lol\">\n"),
                     ILOKG_OK);
    for (int i = 1; i < 10; i++) {
        assert_int_equal(ilokg_buf_printf(&xml, "<!ENTITY l%d \"", i), ILOKG_OK);
        for (int k = 0; k < 10; k++) {
            assert_int_equal(ilokg_buf_printf(&xml, "&l%d;", i - 1), ILOKG_OK);
        }
        assert_int_equal(ilokg_buf_adds(&xml, "\">\n"), ILOKG_OK);
    }
    assert_int_equal(ilokg_buf_adds(&xml, "]>\n<rdf:RDF xmlns:rdf=\"" ILOKG_RDF
                                          "\" xmlns:ex=\"http://x/\">\n<rdf:Description "
                                          "rdf:about=\"http://x/a\"><ex:p>&l9;</ex:p>"
                                          "</rdf:Description></rdf:RDF>\n"),
                     ILOKG_OK);
    assert_int_equal(load_str(st, xml.ptr, "y.rdf", NULL, NULL, &sink, &n), ILOKG_ERR_SYNTAX);
    test_sink_expect(&sink, ILOKG_ERR_SYNTAX, 3, 1, "entity declarations are not accepted");
    ilokg_buf_free(&xml);
    ilokg_qstore_free(st);
    test_sink_done(&sink);
}

static void
test_qstore_load_file(void **state)
{
    (void)state;
    test_sink sink;
    test_sink_init(&sink);
    char path[] = "/tmp/ilokg-qstore-XXXXXX";
    int  fd     = mkstemp(path);
    assert_true(fd >= 0);
    /* Long enough for several read chunks, with two-byte characters across chunk borders. */
    FILE *fp = fdopen(fd, "w");
    for (int i = 0; i < 5000; i++) {
        fprintf(fp, "<http://x/s%d> <http://x/p> \"caf\xc3\xa9 %d \xc3\xa9\xc3\xa9\" .\n", i, i);
    }
    fclose(fp);
    ilokg_qstore *st;
    size_t        n;
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_load(st, path, "ntriples", NULL, NULL, &sink.diag, &n),
                     ILOKG_OK);
    assert_int_equal(n, 5000);
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_size(st), 5000);
    ilokg_qterm t = {ILOKG_QT_LITERAL, "caf\xc3\xa9 4321 \xc3\xa9\xc3\xa9", 15, NULL, NULL};
    ilokg_id    id;
    assert_int_equal(ilokg_qstore_find(st, &t, &id), ILOKG_OK);
    assert_int_not_equal(id, ILOKG_ID_NONE);
    ilokg_qstore_free(st);
    /* A missing '.' on a line that straddles the first 64 KiB read: lines of 48 bytes, so line
     * 1366 covers bytes 65520-65565; its last character, the closing quote, is character 42
     * (three two-byte e-acutes before it). */
    fp = fopen(path, "w");
    for (int i = 0; i < 1400; i++) {
        fprintf(fp, "<http://x/s%05d> <http://x/p> \"\xc3\xa9%05d \xc3\xa9\xc3\xa9\"%s\n", i, i,
                i == 1365 ? "" : " .");
    }
    fclose(fp);
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_load(st, path, "ntriples", NULL, NULL, &sink.diag, &n),
                     ILOKG_ERR_RDF);
    test_sink_expect(&sink, ILOKG_ERR_RDF, 1366, 43, "expected '.'");
    ilokg_qstore_free(st);
    /* Relative IRIs resolve against the file's own file: IRI */
    fp = fopen(path, "w");
    fputs("<rel> <http://x/p> <http://x/o> .\n", fp);
    fclose(fp);
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_load(st, path, "turtle", NULL, NULL, &sink.diag, &n),
                     ILOKG_OK);
    ilokg_buf want = ILOKG_BUF_INIT;
    assert_int_equal(
        ilokg_buf_printf(&want, "file://%.*s/rel", (int)(strrchr(path, '/') - path), path),
        ILOKG_OK);
    assert_int_not_equal(find_iri(st, want.ptr), ILOKG_ID_NONE);
    ilokg_buf_free(&want);
    ilokg_qstore_free(st);
    unlink(path);
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_load(st, path, "ntriples", NULL, NULL, &sink.diag, &n),
                     ILOKG_ERR_NOT_FOUND);
    test_sink_expect(&sink, ILOKG_ERR_NOT_FOUND, 0, 0, "cannot open");
    ilokg_qstore_free(st);
    test_sink_done(&sink);
}

/* ---- On disk ------------------------------------------------------------------------------ */

static char *
temp_dir(void)
{
    char tmpl[] = "/tmp/ilokg-qdisk-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    return ilokg_strndup(tmpl, strlen(tmpl));
}

static char *
join(const char *a, const char *b)
{
    ilokg_buf buf = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_buf_printf(&buf, "%s/%s", a, b), ILOKG_OK);
    return ilokg_buf_detach(&buf);
}

/* Removes dir and everything under it (two levels are enough here). */
static void
remove_all(const char *dir)
{
    ilokg_buf cmd = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_buf_printf(&cmd, "rm -rf '%s'", dir), ILOKG_OK);
    assert_int_equal(system(cmd.ptr), 0);
    ilokg_buf_free(&cmd);
}

static void
test_qstore_disk_patterns(void **state)
{
    (void)state;
    test_sink sink;
    test_sink_init(&sink);
    ilokg_quad    ref[300];
    size_t        n_ref;
    ilokg_qstore *mem   = random_store(ref, &n_ref, 300), *disk;
    ilokg_qterm   lit   = {ILOKG_QT_LITERAL, "chat", 4, "FR", NULL};
    ilokg_qterm   typed = {ILOKG_QT_LITERAL, "1", 1, NULL, ILOKG_XSD "integer"};
    ilokg_qterm   blank = {ILOKG_QT_BLANK, "b1", 2, NULL, NULL};
    ilokg_qterm   nul   = {ILOKG_QT_LITERAL, "a\0b", 3, NULL, NULL}; /* a NUL inside */
    ilokg_id      lit_id, typed_id, blank_id, nul_id;
    assert_int_equal(ilokg_qstore_mem_intern(mem, &nul, &nul_id), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_intern(mem, &lit, &lit_id), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_intern(mem, &typed, &typed_id), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_intern(mem, &blank, &blank_id), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_freeze(mem), ILOKG_OK);
    char *dir = temp_dir(), *store = join(dir, "sub/kg");
    assert_int_equal(ilokg_qstore_disk_write(mem, store, &sink.diag), ILOKG_OK);
    assert_int_equal(ilokg_qstore_disk_open(&disk, store, &sink.diag), ILOKG_OK);
    assert_int_equal(ilokg_qstore_size(disk), n_ref);
    check_all_patterns(disk, ref, n_ref, ILOKG_ID_FIRST + N_TERMS);
    const ilokg_id *g1, *g2;
    size_t          n1, n2;
    assert_int_equal(ilokg_qstore_graphs(mem, &g1, &n1), ILOKG_OK);
    assert_int_equal(ilokg_qstore_graphs(disk, &g2, &n2), ILOKG_OK);
    assert_int_equal(n1, 2); /* t0 and t1 (ids 2 and 3) name graphs */
    assert_int_equal(n2, 2);
    assert_int_equal(g2[0], 2);
    assert_int_equal(g2[1], 3);
    /* Terms both ways, the same ids as in memory. */
    ilokg_qterm t, en = {ILOKG_QT_LITERAL, "chat", 4, "fr", NULL};
    ilokg_id    id;
    assert_int_equal(ilokg_qstore_find(disk, &en, &id), ILOKG_OK); /* tags match in any case */
    assert_int_equal(id, lit_id);
    assert_int_equal(ilokg_qstore_term(disk, lit_id, &t), ILOKG_OK);
    assert_int_equal(t.kind, ILOKG_QT_LITERAL);
    assert_string_equal(t.lang, "FR");
    assert_null(t.dt);
    assert_int_equal(t.lex_len, 4);
    assert_string_equal(t.lex, "chat");
    assert_int_equal(ilokg_qstore_find(disk, &typed, &id), ILOKG_OK);
    assert_int_equal(id, typed_id);
    assert_int_equal(ilokg_qstore_term(disk, typed_id, &t), ILOKG_OK);
    assert_string_equal(t.dt, ILOKG_XSD "integer");
    assert_int_equal(ilokg_qstore_find(disk, &blank, &id), ILOKG_OK);
    assert_int_equal(id, blank_id);
    assert_int_equal(ilokg_qstore_find(disk, &nul, &id), ILOKG_OK);
    assert_int_equal(id, nul_id);
    assert_int_equal(ilokg_qstore_term(disk, nul_id, &t), ILOKG_OK);
    assert_int_equal(t.lex_len, 3);
    assert_memory_equal(t.lex, "a\0b", 4);
    assert_int_equal(find_iri(disk, "http://example.org/t3"), ILOKG_ID_FIRST + 3);
    assert_int_equal(find_iri(disk, "http://example.org/none"), ILOKG_ID_NONE);
    assert_int_equal(ilokg_qstore_term(disk, 1000, &t), ILOKG_ERR_NOT_FOUND);
    assert_int_equal(ilokg_qstore_term(disk, ILOKG_ID_DEFAULT_GRAPH, &t), ILOKG_ERR_NOT_FOUND);
    ilokg_qstore_free(disk);
    ilokg_qstore_free(mem);
    remove_all(dir);
    free(store);
    free(dir);
    test_sink_done(&sink);
}

static ilokg_qstore *
one_quad_store(const char *o)
{
    ilokg_qstore *st;
    assert_int_equal(ilokg_qstore_mem_new(&st), ILOKG_OK);
    ilokg_quad q = {ILOKG_ID_DEFAULT_GRAPH, iri(st, "http://x/s"), iri(st, "http://x/p"),
                    iri(st, o)};
    assert_int_equal(ilokg_qstore_mem_add(st, &q), ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_freeze(st), ILOKG_OK);
    return st;
}

/* The object of the one quad of a store. */
static void
expect_object(ilokg_qstore *st, const char *o)
{
    ilokg_qiter *it;
    ilokg_quad   q, any = {0, 0, 0, 0};
    int          got;
    ilokg_qterm  t;
    assert_int_equal(ilokg_qstore_match(st, &any, &it), ILOKG_OK);
    assert_int_equal(ilokg_qiter_next(it, &q, &got), ILOKG_OK);
    assert_true(got);
    assert_int_equal(ilokg_qstore_term(st, q.o, &t), ILOKG_OK);
    assert_string_equal(t.lex, o);
    assert_int_equal(ilokg_qiter_next(it, &q, &got), ILOKG_OK);
    assert_false(got);
    ilokg_qiter_free(it);
}

static size_t
count_entries(const char *dir)
{
    DIR *dh = opendir(dir);
    assert_non_null(dh);
    size_t         n = 0;
    struct dirent *e;
    while ((e = readdir(dh))) {
        n += e->d_name[0] != '.' || (e->d_name[1] && strcmp(e->d_name, ".."));
    }
    closedir(dh);
    return n;
}

static void
test_qstore_disk_replace(void **state)
{
    (void)state;
    test_sink sink;
    test_sink_init(&sink);
    char         *dir = temp_dir(), *store = join(dir, "kg");
    ilokg_qstore *a = one_quad_store("http://x/old"), *b = one_quad_store("http://x/new");
    ilokg_qstore *old, *now;
    assert_int_equal(ilokg_qstore_disk_write(a, store, &sink.diag), ILOKG_OK);
    assert_int_equal(ilokg_qstore_disk_open(&old, store, &sink.diag), ILOKG_OK);
    /* A generation a dead writer left behind (pid 999999999 is above any pid_max): swept. */
    char *stale      = join(dir, ".kg.999999999.1-0");
    char *stale_link = join(dir, ".kg.999999999.1-0.link");
    assert_int_equal(mkdir(stale, 0777), 0);
    assert_int_equal(symlink(".kg.999999999.1-0", stale_link), 0);
    assert_int_equal(ilokg_qstore_disk_write(b, store, &sink.diag), ILOKG_OK);
    struct stat sb;
    assert_int_not_equal(stat(stale, &sb), 0);
    assert_int_not_equal(lstat(stale_link, &sb), 0);
    assert_int_equal(count_entries(dir), 2); /* the link and the one generation */
    assert_int_equal(ilokg_qstore_disk_open(&now, store, &sink.diag), ILOKG_OK);
    expect_object(now, "http://x/new");
    expect_object(old, "http://x/old"); /* the reader of the old one still reads it */
    ilokg_qstore_free(old);
    ilokg_qstore_free(now);
    ilokg_qstore_free(a);
    ilokg_qstore_free(b);
    remove_all(dir);
    free(stale);
    free(stale_link);
    free(store);
    free(dir);
    test_sink_done(&sink);
}

static void
test_qstore_disk_refused(void **state)
{
    (void)state;
    test_sink sink;
    test_sink_init(&sink);
    char         *dir = temp_dir(), *store = join(dir, "kg"), *data = join(store, "data.mdb");
    ilokg_qstore *st = NULL;
    assert_int_equal(ilokg_qstore_disk_open(&st, store, &sink.diag), ILOKG_ERR_NOT_FOUND);
    test_sink_expect(&sink, ILOKG_ERR_NOT_FOUND, 0, 0, "no store here");
    /* A directory of something else: not opened, not replaced */
    assert_int_equal(mkdir(store, 0777), 0);
    char *other = join(store, "notes.txt");
    test_write_file(other, "mine\n");
    assert_int_equal(ilokg_qstore_disk_open(&st, store, &sink.diag), ILOKG_ERR_IO);
    test_sink_expect(&sink, ILOKG_ERR_IO, 0, 0, "not an ilokg store");
    ilokg_qstore *mem = one_quad_store("http://x/o");
    assert_int_equal(ilokg_qstore_disk_write(mem, store, &sink.diag), ILOKG_ERR_IO);
    test_sink_expect(&sink, ILOKG_ERR_IO, 0, 0, "not replacing it");
    assert_int_equal(access(other, F_OK), 0);
    /* A data.mdb that is not LMDB */
    test_write_file(data, "this is not a database, only some text that is long enough to read\n");
    assert_int_equal(ilokg_qstore_disk_open(&st, store, &sink.diag), ILOKG_ERR_IO);
    test_sink_expect(&sink, ILOKG_ERR_IO, 0, 0, "cannot open the store");
    assert_string_equal(sink.msgs[sink.seen - 1].file, store);
    remove_all(store);
    /* A store cut short */
    assert_int_equal(ilokg_qstore_disk_write(mem, store, &sink.diag), ILOKG_OK);
    assert_int_equal(truncate(data, 8192), 0);
    assert_int_equal(ilokg_qstore_disk_open(&st, store, &sink.diag), ILOKG_ERR_IO);
    test_sink_expect(&sink, ILOKG_ERR_IO, 0, 0, "damaged");
    assert_null(st);
    ilokg_qstore_free(mem);
    remove_all(dir);
    free(other);
    free(data);
    free(store);
    free(dir);
    test_sink_done(&sink);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qstore_free_null),
        cmocka_unit_test(test_qstore_mem_patterns),
        cmocka_unit_test(test_qstore_mem_graphs_and_terms),
        cmocka_unit_test(test_qstore_mem_empty),
        cmocka_unit_test(test_qstore_mem_union),
        cmocka_unit_test(test_qstore_load_rdfxml_safe),
        cmocka_unit_test_setup_teardown(test_qstore_load_blank_nodes, test_store_setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_qstore_load_blank_dot, test_store_setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_qstore_load_generated_blank, test_store_setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_qstore_load_literals, test_store_setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_qstore_load_graphs, test_store_setup,
                                        test_fixture_teardown),
        cmocka_unit_test(test_qstore_load_errors),
        cmocka_unit_test(test_qstore_load_file),
        cmocka_unit_test(test_qstore_disk_patterns),
        cmocka_unit_test(test_qstore_disk_replace),
        cmocka_unit_test(test_qstore_disk_refused),
    };
    return cmocka_run_group_tests_name("qstore", tests, NULL, NULL);
}
