/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of query checking and rewriting: what reaches the engine, and where errors point. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "query_rewrite.h"
#include "source.h"

static ilokg_status
rewrite(ilokg_rewrite **out, test_sink *s, const char *q, unsigned flags)
{
    ilokg_source *src = NULL;
    assert_int_equal(ilokg_source_from_bytes(&src, "q.rq", q, strlen(q), &s->diag), ILOKG_OK);
    ilokg_status st = ilokg_query_rewrite(out, src, NULL, flags, &s->diag);
    ilokg_source_free(src);
    return st;
}

/* The rewritten text without the predeclared PREFIX lines it starts with. */
static const char *
body(const ilokg_rewrite *rw)
{
    const char *t = rw->text;
    while (!strncmp(t, "PREFIX ", 7)) {
        t = strchr(t, '>') + 2;
    }
    return t;
}

static void
test_query_sequence_and_inverse_paths_become_triples(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s, "SELECT * { ?c ilokg:document/ilokg:meeting ?m }", 0),
                     ILOKG_OK);
    assert_string_equal(body(rw), "SELECT * { ?c ilokg:document _:ilokg_path1 . "
                                  "_:ilokg_path1 ilokg:meeting ?m }");
    ilokg_rewrite_free(rw);
    assert_int_equal(rewrite(&rw, &s, "SELECT * { ?a ^ilokg:actor ?c }", 0), ILOKG_OK);
    assert_string_equal(body(rw), "SELECT * { ?c ilokg:actor ?a }");
    ilokg_rewrite_free(rw);
    test_sink_done(&s);
}

static void
test_query_alternative_path_becomes_union(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    /* A '|' inside a string is not a path. */
    assert_int_equal(rewrite(&rw, &s, "SELECT * { ?s skos:prefLabel|rdfs:label \"a|b\" }", 0),
                     ILOKG_OK);
    assert_string_equal(body(rw), "SELECT * {  { ?s skos:prefLabel \"a|b\" . } UNION "
                                  "{ ?s rdfs:label \"a|b\" . } }");
    assert_int_equal(rw->n_rewrites, 1);
    ilokg_rewrite_free(rw);
    test_sink_done(&s);
}

static void
test_query_one_variable_values_is_parenthesised(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s, "SELECT ?x { VALUES ?x { 1 \"a\" } }", 0), ILOKG_OK);
    assert_string_equal(rw->text, "SELECT ?x { VALUES (?x) { (1) (\"a\") } }");
    ilokg_rewrite_free(rw);
    test_sink_done(&s);
}

static void
test_query_trailing_values_moves_into_where(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s, "SELECT ?x { ?x ?p ?o } VALUES (?x) { (<a>) }", 0),
                     ILOKG_OK);
    assert_string_equal(rw->text, "SELECT ?x { VALUES (?x) { (<a>) } { ?x ?p ?o } } ");
    ilokg_rewrite_free(rw);
    test_sink_done(&s);
}

static void
test_query_not_exists_becomes_left_join(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s, "SELECT * { ?c a ?k FILTER NOT EXISTS { ?c ilokg:theme ?t } }",
                             0),
                     ILOKG_OK);
    /* SELECT * is spelled out so that the helper variables stay out of the answer; the body
     * reads a copy of ?c (see record_copies). */
    assert_non_null(strstr(body(rw), "SELECT ?c ?k { ?c a ?k BIND(?c AS ?ilokg_copy"));
    assert_non_null(strstr(body(rw), "OPTIONAL {  ?ilokg_copy"));
    assert_non_null(strstr(body(rw), " BIND(true AS ?ilokg_absent"));
    assert_non_null(strstr(body(rw), "FILTER(!BOUND(?ilokg_absent"));
    assert_int_equal(rw->n_proj, 2);
    ilokg_rewrite_free(rw);
    test_sink_done(&s);
}

/* A FILTER that triple patterns follow moves to the end of its group (the triples stay one block
 * for the engine), once; one already at the end stays there; '.' may follow a FILTER or an
 * OPTIONAL. */
static void
test_query_filters_move_after_the_triples(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s,
                             "SELECT ?k ?l { ?c ilokg:mentions ?k FILTER(isIRI(?k)) . "
                             "?k rdfs:label ?l OPTIONAL { ?k skos:notation ?n } . "
                             "?k a ilokg:Country FILTER(BOUND(?l)) }",
                             0),
                     ILOKG_OK);
    const char *t = body(rw);
    const char *f = strstr(t, "FILTER(isIRI(?k))"), *last = strstr(t, "?k a ilokg:Country");
    assert_non_null(f);
    assert_non_null(last);
    assert_true(f > last);                           /* moved after the last triples */
    assert_null(strstr(f + 1, "FILTER(isIRI(?k))")); /* once */
    assert_true(strstr(t, "FILTER(BOUND(?l))") > last);
    assert_int_equal(rw->n_rewrites >= 1, 1);
    ilokg_rewrite_free(rw);
    test_sink_done(&s);
}

static void
test_query_year_reads_the_lexical_form(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s, "SELECT (YEAR(?d) AS ?y) { ?m ilokg:startDate ?d }", 0),
                     ILOKG_OK);
    assert_non_null(strstr(rw->text, "IF(DATATYPE(?d) = <http://www.w3.org/2001/XMLSchema#date>, "
                                     "<http://www.w3.org/2001/XMLSchema#integer>(SUBSTR(STR(?d), "
                                     "1, 4)), YEAR(?d))"));
    ilokg_rewrite_free(rw);
    test_sink_done(&s);
}

static void
test_query_distinct_aggregates_are_tagged_apart(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s, "SELECT (MAX(?a) AS ?x) (MAX(?b) AS ?y) { ?s ?a ?b }", 0),
                     ILOKG_OK);
    assert_non_null(strstr(rw->text, "MAX(IF(true, ?a, 1))"));
    assert_non_null(strstr(rw->text, "MAX(IF(true, ?b, 3))"));
    ilokg_rewrite_free(rw);
    test_sink_done(&s);
}

static void
test_query_syntax_error_has_line_and_column(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s, "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}", 0),
                     ILOKG_ERR_SYNTAX);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 4, 15, "expected an expression, found ')'");
    assert_int_equal(rewrite(&rw, &s, "SELECT * { ?s ?p \"open }", 0), ILOKG_ERR_SYNTAX);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 1, 18, "unterminated string");
    assert_int_equal(rewrite(&rw, &s, "SELECT * { ?s nope:p ?o }", 0), ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 1, 15, "unknown prefix 'nope:'");
    test_sink_done(&s);
}

static void
test_query_refusals_name_construct_and_remedy(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s, "SELECT * { ?a skos:broader* ?b }", 0), ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 1, 15, "use ilokg:broaderTransitive");
    assert_int_equal(rewrite(&rw, &s, "SELECT * { ?a ?p ?b FILTER EXISTS { ?b ?q ?c } }", 0),
                     ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 1, 28, "FILTER EXISTS is not supported");
    assert_int_equal(rewrite(&rw, &s, "SELECT * { ?a ?p ?b MINUS { ?x ?q ?y } }", 0),
                     ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 1, 21, "would remove nothing");
    assert_int_equal(rewrite(&rw, &s, "SELECT ?s { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(?o) > 1)",
                             0),
                     ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 1, 44, "HAVING uses COUNT(?o)");
    test_sink_done(&s);
}

static void
test_query_from_clauses_are_taken_out(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s, "SELECT * FROM <a.ttl> FROM NAMED <b.ttl> { ?s ?p ?o }", 0),
                     ILOKG_OK);
    /* With a named graph in the dataset, the default graph is read from its own context. */
    assert_string_equal(rw->text, "SELECT *   { GRAPH <" ILOKG_DEFAULT_GRAPH "> { ?s ?p ?o } }");
    assert_int_equal(rw->default_context, 1);
    assert_int_equal(rw->n_from, 1);
    assert_string_equal(rw->from[0], "a.ttl");
    assert_int_equal(rw->n_from_named, 1);
    assert_string_equal(rw->from_named[0], "b.ttl");
    assert_int_equal(rw->from_named_off[0], 33); /* "SELECT * FROM <a.ttl> FROM NAMED " */
    ilokg_rewrite_free(rw);
    ilokg_rewrite_free(NULL);
    test_sink_done(&s);
}

static void
test_query_rewritten_offsets_map_back(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    const char    *q  = "SELECT * { ?s skos:notation ?n }";
    assert_int_equal(rewrite(&rw, &s, q, 0), ILOKG_OK);
    const char *at = strstr(rw->text, "?n }");
    assert_non_null(at);
    assert_int_equal(ilokg_rewrite_source_offset(rw, (size_t)(at - rw->text)),
                     (size_t)(strstr(q, "?n }") - q));
    ilokg_rewrite_free(rw);
    test_sink_done(&s);
}

/* For a full SPARQL 1.1 engine (an endpoint) what is refused for rasqal goes through as written,
 * after the predeclared prefixes it uses. */
static void
test_query_check_only_passes_refused_constructs(void **state)
{
    (void)state;
    static const char *const qs[] = {
        "SELECT * { ?a skos:broader+ ?b }",
        "SELECT * { ?a skos:broader* ?b . ?b skos:broader? ?c . ?c !(rdf:type|^skos:narrower) ?d "
        ". ?d !a ?e }",
        "SELECT * { ?a ?p ?b FILTER EXISTS { ?b ?q ?c } }",
        "SELECT * { ?a ?p ?b FILTER (?a = ?b || NOT EXISTS { ?b ?q ?a }) BIND(EXISTS { ?a ?p ?a } "
        "AS ?e) }",
        "SELECT ?n { { SELECT (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s ORDER BY DESC(?n) LIMIT 1 "
        "} }",
        "SELECT * { ?x ?p [ skos:broader/skos:broader ?y ] } VALUES ?y { 3 } ",
        "DESCRIBE * WHERE { ?s ?p ?o }",
        "DESCRIBE ?s <a> WHERE { ?s ?p ?o }",
        "SELECT (SUM(DISTINCT ?o) AS ?n) { ?s ?p ?o }",
        "SELECT (CONCAT(STR(?s), \"x\") AS ?c) { ?s ?p ?d }",
        "SELECT * { ?a ?p ?b MINUS { ?b ?q ?c OPTIONAL { ?c ?r ?d } } }",
        "SELECT ?s { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(?o) > 1)",
    };
    test_sink s;
    test_sink_init(&s);
    for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
        ilokg_rewrite *rw = NULL;
        assert_int_equal(rewrite(&rw, &s, qs[i], 0), ILOKG_ERR_QUERY);
        assert_true(s.seen < s.n && strstr(s.msgs[s.seen].text, "supported"));
        s.seen++;
        assert_int_equal(rewrite(&rw, &s, qs[i], ILOKG_RW_CHECK_ONLY), ILOKG_OK);
        assert_string_equal(body(rw), qs[i]);
        assert_int_equal(rw->n_rewrites, 0);
        assert_int_equal(rw->aggregates, 0);
        assert_int_equal(rw->n_order, 0);
        ilokg_rewrite_free(rw);
    }
    test_sink_done(&s);
}

static void
test_query_check_only_text_and_offsets(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    /* Only the prefixes used, on the first line: line numbers stay the source's. FROM stays. */
    const char *q = "SELECT ?b FROM <a.ttl>\n{ ?a skos:broader+ ?b }";
    assert_int_equal(rewrite(&rw, &s, q, ILOKG_RW_CHECK_ONLY), ILOKG_OK);
    assert_string_equal(rw->text, "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                                  "SELECT ?b FROM <a.ttl>\n{ ?a skos:broader+ ?b }");
    assert_int_equal(rw->form, ILOKG_QFORM_SELECT);
    assert_int_equal(rw->n_from, 1);
    const char *at = strstr(rw->text, "?b }");
    assert_int_equal(ilokg_rewrite_source_offset(rw, (size_t)(at - rw->text)),
                     (size_t)(strstr(q, "?b }") - q));
    ilokg_rewrite_free(rw);
    /* A long sequence of alternatives is too many for a rewrite, not for a check. */
    q = "SELECT * { ?a (rdf:type|^rdf:type)/(rdf:type|^rdf:type)/(rdf:type|^rdf:type)/"
        "(rdf:type|^rdf:type)/(rdf:type|^rdf:type)/(rdf:type|^rdf:type)/(rdf:type|^rdf:type) ?b }";
    assert_int_equal(rewrite(&rw, &s, q, 0), ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 1, 15, "too many alternatives");
    assert_int_equal(rewrite(&rw, &s, q, ILOKG_RW_CHECK_ONLY), ILOKG_OK);
    ilokg_rewrite_free(rw);
    test_sink_done(&s);
}

/* Checking only still reports syntax errors, unknown prefixes, SPARQL Update and a MINUS that
 * can remove nothing, wherever they are. */
static void
test_query_check_only_still_checks(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_rewrite *rw = NULL;
    assert_int_equal(rewrite(&rw, &s, "SELECT * {\n  ?a skos:broader+ }", ILOKG_RW_CHECK_ONLY),
                     ILOKG_ERR_SYNTAX);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 2, 20, "expected an RDF term or variable");
    assert_int_equal(rewrite(&rw, &s, "SELECT * { ?a !(skos:broader|?p) ?b }", ILOKG_RW_CHECK_ONLY),
                     ILOKG_ERR_SYNTAX);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 1, 30, "in the negated property set");
    assert_int_equal(
        rewrite(&rw, &s, "SELECT * { { SELECT ?x { ?x nope:p ?o } } }", ILOKG_RW_CHECK_ONLY),
        ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 1, 29, "unknown prefix 'nope:'");
    assert_int_equal(
        rewrite(&rw, &s, "SELECT * { ?a ?p ?b FILTER EXISTS { ?b ?q } }", ILOKG_RW_CHECK_ONLY),
        ILOKG_ERR_SYNTAX);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 1, 43, "expected an RDF term or variable");
    assert_int_equal(
        rewrite(&rw, &s, "SELECT * { { SELECT ?x { ?x ?p ?o } ?x ?p ?o } }", ILOKG_RW_CHECK_ONLY),
        ILOKG_ERR_SYNTAX);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 1, 37, "expected '}' after the subquery");
    assert_int_equal(rewrite(&rw, &s, "INSERT DATA { <a> <b> <c> }", ILOKG_RW_CHECK_ONLY),
                     ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 1, 1, "SPARQL Update is not supported");
    assert_int_equal(
        rewrite(&rw, &s, "SELECT * { ?a ?p ?b MINUS { ?x ?q ?y } }", ILOKG_RW_CHECK_ONLY),
        ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 1, 21, "would remove nothing");
    test_sink_done(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_sequence_and_inverse_paths_become_triples),
        cmocka_unit_test(test_query_alternative_path_becomes_union),
        cmocka_unit_test(test_query_one_variable_values_is_parenthesised),
        cmocka_unit_test(test_query_trailing_values_moves_into_where),
        cmocka_unit_test(test_query_not_exists_becomes_left_join),
        cmocka_unit_test(test_query_filters_move_after_the_triples),
        cmocka_unit_test(test_query_year_reads_the_lexical_form),
        cmocka_unit_test(test_query_distinct_aggregates_are_tagged_apart),
        cmocka_unit_test(test_query_syntax_error_has_line_and_column),
        cmocka_unit_test(test_query_refusals_name_construct_and_remedy),
        cmocka_unit_test(test_query_from_clauses_are_taken_out),
        cmocka_unit_test(test_query_rewritten_offsets_map_back),
        cmocka_unit_test(test_query_check_only_passes_refused_constructs),
        cmocka_unit_test(test_query_check_only_text_and_offsets),
        cmocka_unit_test(test_query_check_only_still_checks),
    };
    return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
