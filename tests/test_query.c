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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_sequence_and_inverse_paths_become_triples),
        cmocka_unit_test(test_query_alternative_path_becomes_union),
        cmocka_unit_test(test_query_one_variable_values_is_parenthesised),
        cmocka_unit_test(test_query_trailing_values_moves_into_where),
        cmocka_unit_test(test_query_not_exists_becomes_left_join),
        cmocka_unit_test(test_query_year_reads_the_lexical_form),
        cmocka_unit_test(test_query_distinct_aggregates_are_tagged_apart),
        cmocka_unit_test(test_query_syntax_error_has_line_and_column),
        cmocka_unit_test(test_query_refusals_name_construct_and_remedy),
        cmocka_unit_test(test_query_from_clauses_are_taken_out),
        cmocka_unit_test(test_query_rewritten_offsets_map_back),
    };
    return cmocka_run_group_tests_name("query", tests, NULL, NULL);
}
