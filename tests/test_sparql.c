/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the SPARQL 1.1 parser: the algebra of section 18.2 (the worked examples of 18.2.3 and
 * the rules for paths, BIND, VALUES, aggregates and subqueries), syntax errors with their line
 * and column, the refusals, and the validity rules of 19.8. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/algebra.h"
#include "util/source.h"

#define P "PREFIX : <http://e/> "

typedef struct {
    test_sink     sink;
    ilokg_source *src;
    ilokg_sparql *q;
} fixture;

static int
setup(void **state)
{
    fixture *f = test_fixture_new(sizeof *f);
    *state     = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture *f = *state;
    ilokg_sparql_free(f->q);
    ilokg_source_free(f->src);
    test_fixture_done(f);
    return 0;
}

static ilokg_status
parse_opt(fixture *f, const char *text, const ilokg_sparql_options *opt)
{
    ilokg_sparql_free(f->q);
    ilokg_source_free(f->src);
    f->q   = NULL;
    f->src = NULL;
    assert_int_equal(ilokg_source_from_bytes(&f->src, "q.rq", text, strlen(text), &f->sink.diag),
                     ILOKG_OK);
    return ilokg_sparql_parse(&f->q, f->src, opt, &f->sink.diag);
}

static ilokg_status
parse(fixture *f, const char *text)
{
    return parse_opt(f, text, NULL);
}

/* Parses text (which must be valid) and returns its dump (the caller frees it). */
static char *
dump(fixture *f, const char *text)
{
    assert_int_equal(parse(f, text), ILOKG_OK);
    char  *buf = NULL;
    size_t len = 0;
    FILE  *fp  = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(ilokg_sparql_dump(f->q, fp), ILOKG_OK);
    fclose(fp);
    return buf;
}

static void
check_dump(fixture *f, const char *text, const char *expected)
{
    char *out = dump(f, text);
    assert_string_equal(out, expected);
    free(out);
}

/* Asserts that text is refused with st at line:col, with a message containing needle. */
static void
check_error(fixture *f, const char *text, ilokg_status st, size_t line, size_t col,
            const char *needle)
{
    assert_int_equal(parse(f, text), st);
    assert_null(f->q);
    test_sink_expect(&f->sink, st, line, col, needle);
}

/* ---- Section 18.2.3's worked examples ---------------------------------------------------- */

static void
test_sparql_bgp_and_project(void **state)
{
    check_dump(*state, "SELECT ?s WHERE { ?s ?p ?o }",
               "(project (?s)\n"
               "  (bgp (triple ?s ?p ?o)))\n");
    check_dump(*state, P "ASK { ?s :p1 ?v1 ; :p2 ?v2 }",
               "(bgp (triple ?s <http://e/p1> ?v1) (triple ?s <http://e/p2> ?v2))\n");
}

static void
test_sparql_union(void **state)
{
    check_dump(*state, P "ASK { { ?s :p1 ?v1 } UNION { ?s :p2 ?v2 } UNION { ?s :p3 ?v3 } }",
               "(union\n"
               "  (union\n"
               "    (bgp (triple ?s <http://e/p1> ?v1))\n"
               "    (bgp (triple ?s <http://e/p2> ?v2)))\n"
               "  (bgp (triple ?s <http://e/p3> ?v3)))\n");
}

static void
test_sparql_optional_and_filters(void **state)
{
    /* OPTIONAL {?s :p2 ?v2 FILTER(?v1<3)} : LeftJoin(BGP, BGP, ?v1<3) */
    check_dump(*state, P "ASK { ?s :p1 ?v1 OPTIONAL { ?s :p2 ?v2 FILTER(?v1<3) } }",
               "(leftjoin\n"
               "  (bgp (triple ?s <http://e/p1> ?v1))\n"
               "  (bgp (triple ?s <http://e/p2> ?v2)) (< ?v1 3))\n");
    /* Two OPTIONALs nest to the left. */
    check_dump(*state, P "ASK { ?s :p1 ?v1 OPTIONAL {?s :p2 ?v2 } OPTIONAL { ?s :p3 ?v3 } }",
               "(leftjoin\n"
               "  (leftjoin\n"
               "    (bgp (triple ?s <http://e/p1> ?v1))\n"
               "    (bgp (triple ?s <http://e/p2> ?v2)))\n"
               "  (bgp (triple ?s <http://e/p3> ?v3)))\n");
    /* A filter of the group applies to the whole group, wherever it is written. */
    check_dump(*state, P "ASK { ?s :p1 ?v1 FILTER (?v1 < 3) OPTIONAL {?s :p3 ?v3} }",
               "(filter (< ?v1 3)\n"
               "  (leftjoin\n"
               "    (bgp (triple ?s <http://e/p1> ?v1))\n"
               "    (bgp (triple ?s <http://e/p3> ?v3))))\n");
    /* Filters do not split a basic graph pattern; two filters make an exprlist. */
    check_dump(*state, P "ASK { ?s :p ?o FILTER(?o) ?s :q ?w FILTER(!?w) }",
               "(filter (exprlist ?o (! ?w))\n"
               "  (bgp (triple ?s <http://e/p> ?o) (triple ?s <http://e/q> ?w)))\n");
    /* An OPTIONAL's filter inside a nested group stays inside (18.2.2.6). */
    check_dump(*state, P "ASK { ?s :p ?o OPTIONAL { { ?s :q ?w FILTER(?o) } } }",
               "(leftjoin\n"
               "  (bgp (triple ?s <http://e/p> ?o))\n"
               "  (filter ?o\n"
               "    (bgp (triple ?s <http://e/q> ?w))))\n");
}

static void
test_sparql_graph_minus_and_empty_groups(void **state)
{
    check_dump(*state, P "ASK { ?s :p ?o MINUS { ?s :q ?o } GRAPH ?g { ?s ?p ?o } {} }",
               "(join\n"
               "  (minus\n"
               "    (bgp (triple ?s <http://e/p> ?o))\n"
               "    (bgp (triple ?s <http://e/q> ?o)))\n"
               "  (graph ?g\n"
               "    (bgp (triple ?s ?p ?o))))\n");
    /* Join(Z, A) = A; an OPTIONAL first in a group keeps the empty pattern on its left. */
    check_dump(*state, P "ASK { { ?s :p ?o } }", "(bgp (triple ?s <http://e/p> ?o))\n");
    check_dump(*state, P "ASK { OPTIONAL { ?s :p ?o } }",
               "(leftjoin\n"
               "  (bgp)\n"
               "  (bgp (triple ?s <http://e/p> ?o)))\n");
    check_dump(*state, "ASK {}", "(bgp)\n");
}

static void
test_sparql_bind_extends_what_precedes(void **state)
{
    check_dump(*state, P "ASK { ?s :p ?o BIND(?o + 1 AS ?z) ?s :q ?w }",
               "(join\n"
               "  (extend ((?z (+ ?o 1)))\n"
               "    (bgp (triple ?s <http://e/p> ?o)))\n"
               "  (bgp (triple ?s <http://e/q> ?w)))\n");
}

static void
test_sparql_values(void **state)
{
    check_dump(*state, P "SELECT * { ?s :p ?o VALUES ?o { 1 :a } } VALUES (?s ?o) { (:x UNDEF) }",
               "(project (?s ?o)\n"
               "  (join\n"
               "    (join\n"
               "      (bgp (triple ?s <http://e/p> ?o))\n"
               "      (table (vars ?o) (row [?o 1]) (row [?o <http://e/a>])))\n"
               "    (table (vars ?s ?o) (row [?s <http://e/x>]))))\n");
}

/* ---- Paths (18.2.2.4) --------------------------------------------------------------------- */

static void
test_sparql_paths(void **state)
{
    fixture *f = *state;
    /* a link is a triple; ^iri swaps subject and object; a sequence goes through a fresh
     * hidden variable. */
    check_dump(f, P "ASK { ?x :a/^:b ?y }",
               "(bgp (triple ?x <http://e/a> ?.p0) (triple ?y <http://e/b> ?.p0))\n");
    assert_int_equal(f->q->n_vars, 3);
    assert_string_equal(f->q->var_names[2], ".p0");
    /* Precedence: '/' binds tighter than '|', modifiers tighter than '/'. */
    check_dump(f, P "ASK { ?x :a|:b/:c* ?y }",
               "(bgp (path ?x (alt <http://e/a> (seq <http://e/b> (path* <http://e/c>))) ?y))\n");
    check_dump(f, P "ASK { ?x (:a/:b)+ ?y . ?x !(:c|^:d) ?z . ?x a? ?w }",
               "(bgp (path ?x (path+ (seq <http://e/a> <http://e/b>)) ?y) "
               "(path ?x (notoneof <http://e/c> (reverse <http://e/d>)) ?z) "
               "(path ?x (path? <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) ?w))\n");
}

/* ---- Aggregates (18.2.4) ------------------------------------------------------------------ */

static void
test_sparql_group_having_order(void **state)
{
    check_dump(*state,
               P "SELECT ?s (COUNT(DISTINCT ?o) AS ?n) (?n * 2 AS ?m) { ?s :p ?o } GROUP BY ?s "
                 "HAVING (SUM(?o) > 1) ORDER BY DESC(?n) LIMIT 5 OFFSET 2",
               "(slice 2 5\n"
               "  (project (?s ?n ?m)\n"
               "    (order ((desc ?n))\n"
               "      (filter (> ?.agg1 1)\n"
               "        (extend ((?m (* ?n 2)))\n"
               "          (extend ((?n ?.agg0))\n"
               "            (group (?s) ((?.agg0 (count distinct ?o)) (?.agg1 (sum ?o)))\n"
               "              (bgp (triple ?s <http://e/p> ?o)))))))))\n");
    /* An aggregate without GROUP BY makes one group with no keys; COUNT(*). */
    check_dump(*state, P "SELECT (COUNT(*) AS ?c) { ?s ?p ?o }",
               "(project (?c)\n"
               "  (extend ((?c ?.agg0))\n"
               "    (group () ((?.agg0 (count)))\n"
               "      (bgp (triple ?s ?p ?o)))))\n");
    /* HAVING sees the SELECT aliases; a trailing VALUES is joined before the SELECT
     * expressions, so they see its variables. */
    check_dump(*state, "SELECT (COUNT(*) AS ?c) {} HAVING (?c > 1)",
               "(project (?c)\n"
               "  (filter (> ?c 1)\n"
               "    (extend ((?c ?.agg0))\n"
               "      (group () ((?.agg0 (count)))\n"
               "        (bgp)))))\n");
    check_dump(*state, "SELECT (?v + 1 AS ?w) {} VALUES ?v { 2 }",
               "(project (?w)\n"
               "  (extend ((?w (+ ?v 1)))\n"
               "    (table (vars ?v) (row [?v 2]))))\n");
    check_dump(*state,
               P "SELECT ?k (GROUP_CONCAT(?o ; SEPARATOR=\", \") AS ?all) { ?s :p ?o } "
                 "GROUP BY (STR(?s) AS ?k)",
               "(project (?k ?all)\n"
               "  (extend ((?all ?.agg0))\n"
               "    (group ((?k (str ?s))) ((?.agg0 (group_concat (separator \", \") ?o)))\n"
               "      (bgp (triple ?s <http://e/p> ?o)))))\n");
}

/* ---- Variables ---------------------------------------------------------------------------- */

static void
test_sparql_subquery_scoping(void **state)
{
    fixture *f = *state;
    check_dump(f, P "SELECT * { ?x :p ?y { SELECT ?y { ?x :q ?y } } }",
               "(project (?x ?y)\n"
               "  (join\n"
               "    (bgp (triple ?x <http://e/p> ?y))\n"
               "    (project (?y)\n"
               "      (bgp (triple ?.x.0 <http://e/q> ?y)))))\n");
    /* The outer ?x and the inner one are different slots; ?y is one. */
    assert_int_equal(f->q->n_result_vars, 2);
    assert_string_equal(f->q->var_names[f->q->result_vars[0]], "x");
    assert_string_equal(f->q->var_names[f->q->result_vars[1]], "y");
    const ilokg_op *inner = f->q->where->a->b->a;
    assert_int_not_equal(inner->triples[0].s.var, f->q->result_vars[0]);
    assert_int_equal(inner->triples[0].o.var, f->q->result_vars[1]);
}

static void
test_sparql_select_star_and_blank_nodes(void **state)
{
    fixture *f = *state;
    /* Blank nodes of patterns are hidden variables; SELECT * leaves them out. */
    check_dump(f, P "SELECT * { ?b :p _:a . _:a :q [ :r ?c ] }",
               "(project (?b ?c)\n"
               "  (bgp (triple ?b <http://e/p> ?.b0) (triple ?.b1 <http://e/r> ?c) "
               "(triple ?.b0 <http://e/q> ?.b1)))\n");
    /* Collections are rdf:first/rdf:rest chains of fresh blank nodes. */
    check_dump(f, P "ASK { ?s :p (1 ?x) }",
               "(bgp (triple ?.b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> 1) "
               "(triple ?.b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ?x) "
               "(triple ?.b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> ?.b1) "
               "(triple ?.b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
               "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>) "
               "(triple ?s <http://e/p> ?.b0))\n");
}

static void
test_sparql_construct_template_keeps_blank_nodes(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse(f, P "CONSTRUCT { _:n :p ?o } WHERE { _:n :q ?o }"), ILOKG_OK);
    assert_int_equal(f->q->form, ILOKG_FORM_CONSTRUCT);
    assert_int_equal(f->q->n_construct, 1);
    assert_int_equal(f->q->construct[0].s.is_var, 0);
    assert_int_equal(f->q->construct[0].s.term.kind, ILOKG_QT_BLANK);
    assert_string_equal(f->q->construct[0].s.term.lex, "n");
    assert_int_equal(f->q->construct[0].o.is_var, 1);
    assert_int_equal(f->q->where->triples[0].s.is_var, 1);
    /* CONSTRUCT WHERE: the template is the pattern. */
    assert_int_equal(parse(f, P "CONSTRUCT WHERE { ?s :p ?o }"), ILOKG_OK);
    assert_int_equal(f->q->n_construct, 1);
    assert_int_equal(f->q->where->n_triples, 1);
}

static void
test_sparql_describe_and_dataset(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse(f, P "DESCRIBE ?x :y FROM <g1> FROM NAMED <g2> FROM <g3> "
                                "WHERE { ?x :p ?z } LIMIT 3"),
                     ILOKG_OK);
    assert_int_equal(f->q->form, ILOKG_FORM_DESCRIBE);
    assert_int_equal(f->q->n_describe, 2);
    assert_int_equal(f->q->describe[0].is_var, 1);
    assert_string_equal(f->q->describe[1].term.lex, "http://e/y");
    assert_int_equal(f->q->n_result_vars, 1);
    assert_string_equal(f->q->var_names[f->q->result_vars[0]], "x");
    /* Relative IRIs stay as written without a base; offsets: FROM ones, then FROM NAMED. */
    assert_int_equal(f->q->n_from, 2);
    assert_string_equal(f->q->from[1], "g3");
    assert_int_equal(f->q->n_from_named, 1);
    assert_string_equal(f->q->from_named[0], "g2");
    assert_int_equal(f->q->from_offset[0], 41);
    assert_int_equal(f->q->from_offset[1], 67);
    assert_int_equal(f->q->from_offset[2], 57);
    assert_int_equal(f->q->where->kind, ILOKG_OP_SLICE);
    assert_int_equal(parse(f, "DESCRIBE <http://e/a>"), ILOKG_OK);
    assert_int_equal(f->q->where->kind, ILOKG_OP_BGP);
    assert_int_equal(f->q->where->n_triples, 0);
}

static void
test_sparql_construct_template_shapes(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse(f, P "CONSTRUCT { ?s :p [ :q ?o ] ; :r () } WHERE { ?s ?p ?o }"),
                     ILOKG_OK);
    assert_int_equal(f->q->n_construct, 3);
    /* [ :q ?o ] is a blank node constant, the same one in both triples. */
    const ilokg_triple *t = f->q->construct;
    assert_int_equal(t[0].s.term.kind, ILOKG_QT_BLANK);
    assert_int_equal(t[1].o.term.kind, ILOKG_QT_BLANK);
    assert_string_equal(t[0].s.term.lex, t[1].o.term.lex);
    assert_string_equal(t[2].o.term.lex, "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil");
    check_error(f, "CONSTRUCT WHERE { ?s ?p ?o FILTER(true) }", ILOKG_ERR_SYNTAX, 1, 28,
                "'}' to close the CONSTRUCT template");
    check_error(f, "SELECT * { ?s ?p ?o } GROUP BY ?s", ILOKG_ERR_SYNTAX, 1, 8,
                "SELECT * is not allowed in a grouped query");
}

/* ---- Terms -------------------------------------------------------------------------------- */

static void
test_sparql_literals(void **state)
{
    check_dump(*state,
               P "ASK { ?s :p 1, -2.50, 1e3, 'a\\tb', \"\"\"x\ny\"\"\", 'c'@en-GB, "
                 "'d'^^:t, 'e'^^<http://www.w3.org/2001/XMLSchema#string>, true, \"\\u00e9\" }",
               "(bgp (triple ?s <http://e/p> 1) (triple ?s <http://e/p> -2.50) "
               "(triple ?s <http://e/p> 1e3) (triple ?s <http://e/p> \"a\\tb\") "
               "(triple ?s <http://e/p> \"x\\ny\") (triple ?s <http://e/p> \"c\"@en-GB) "
               "(triple ?s <http://e/p> \"d\"^^<http://e/t>) (triple ?s <http://e/p> \"e\") "
               "(triple ?s <http://e/p> true) (triple ?s <http://e/p> \"\xc3\xa9\"))\n");
}

static void
test_sparql_prefixes_and_base(void **state)
{
    fixture                 *f        = *state;
    static const char *const pre[][2] = {{"ex", "http://ex/"}, {"e", "http://old/"}};
    ilokg_sparql_options     opt      = {pre, 2, "http://h/dir/q.rq"};
    assert_int_equal(parse_opt(f, "PREFIX e: <http://new/> ASK { ex:a e:b <../c> }", &opt),
                     ILOKG_OK);
    const ilokg_triple *t = &f->q->where->triples[0];
    assert_string_equal(t->s.term.lex, "http://ex/a");
    assert_string_equal(t->p.term.lex, "http://new/b");
    assert_string_equal(t->o.term.lex, "http://h/c");
    assert_int_equal(parse_opt(f, "BASE <http://b/x/> PREFIX r: <y/> ASK { r:z ?p <#f> }", &opt),
                     ILOKG_OK);
    t = &f->q->where->triples[0];
    assert_string_equal(t->s.term.lex, "http://b/x/y/z");
    assert_string_equal(t->o.term.lex, "http://b/x/#f");
    assert_string_equal(f->q->base, "http://b/x/");
}

static void
test_sparql_expressions(void **state)
{
    check_dump(*state,
               P "ASK { FILTER(?a || ?b && !?c = 1 + 2 * -?d) "
                 "FILTER(?x IN (1, 2) && ?y NOT IN () && REGEX(STR(?z), 'a', 'i')) "
                 "FILTER(<http://www.w3.org/2001/XMLSchema#integer>(?v) > 0) "
                 "FILTER NOT EXISTS { ?s :p ?o } }",
               "(filter (exprlist (|| ?a (&& ?b (= (! ?c) (+ 1 (* 2 (- ?d)))))) "
               "(&& (&& (in ?x 1 2) (notin ?y)) (regex (str ?z) \"a\" \"i\")) "
               "(> (<http://www.w3.org/2001/XMLSchema#integer> ?v) 0) "
               "(notexists (bgp (triple ?s <http://e/p> ?o))))\n"
               "  (bgp))\n");
}

/* ---- Errors ------------------------------------------------------------------------------- */

static void
test_sparql_syntax_errors_name_line_and_column(void **state)
{
    fixture *f = *state;
    check_error(f, "SELECT *\nWHERE { ?s ?p ?o FOO }", ILOKG_ERR_SYNTAX, 2, 18, "found 'FOO'");
    check_error(f, "SELECT * WHERE { ?s ?p ?o ", ILOKG_ERR_SYNTAX, 1, 27,
                "found the end of the query");
    check_error(f, "ASK { ?s ex:p ?o }", ILOKG_ERR_SYNTAX, 1, 10, "unknown prefix 'ex:'");
    check_error(f, "ASK { ?s ?p ?o ?s ?p ?o }", ILOKG_ERR_SYNTAX, 1, 16,
                "expected '.' between triple patterns");
    check_error(f, "ASK { ?s ?p 'a\\qb' }", ILOKG_ERR_SYNTAX, 1, 15, "bad escape");
    check_error(f, "ASK { ?s ?p 'ab\n' }", ILOKG_ERR_SYNTAX, 1, 13, "found an unterminated string");
}

static void
test_sparql_refusals(void **state)
{
    fixture *f = *state;
    check_error(f, "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", ILOKG_ERR_QUERY, 1, 12,
                "SERVICE (federated query) is not supported");
    check_error(f, "PREFIX : <http://e/>\nINSERT DATA { :a :b :c }", ILOKG_ERR_QUERY, 2, 1,
                "SPARQL Update is not supported");
    check_error(f, "delete where { ?s ?p ?o }", ILOKG_ERR_QUERY, 1, 1,
                "SPARQL Update is not supported");
}

static void
test_sparql_validity_rules(void **state)
{
    fixture *f = *state;
    check_error(f, "SELECT ?s ?o { ?s ?p ?o } GROUP BY ?s", ILOKG_ERR_SYNTAX, 1, 11,
                "must be grouped");
    check_error(f, "SELECT ?o (COUNT(*) AS ?n) { ?s ?p ?o }", ILOKG_ERR_SYNTAX, 1, 8,
                "must be grouped");
    check_error(f, "SELECT (1 AS ?o) { ?s ?p ?o }", ILOKG_ERR_SYNTAX, 1, 14, "already in scope");
    check_error(f, "SELECT ?x (1 AS ?x) {}", ILOKG_ERR_SYNTAX, 1, 17, "already projected");
    check_error(f, "ASK { ?s ?p ?o BIND(1 AS ?o) }", ILOKG_ERR_SYNTAX, 1, 26, "already in scope");
    check_error(f, "ASK { ?s ?p _:a OPTIONAL { ?x ?y ?z } ?s ?q _:a }", ILOKG_ERR_SYNTAX, 1, 45,
                "two basic graph patterns");
    check_error(f, "ASK { VALUES (?a ?b) { (1 2) (3) } }", ILOKG_ERR_SYNTAX, 1, 30,
                "1 values for 2 variables");
    check_error(f, "ASK { ?s ?p ?o FILTER(COUNT(?o) > 1) }", ILOKG_ERR_SYNTAX, 1, 23,
                "only appear in SELECT, HAVING or ORDER BY");
    check_error(f, "SELECT (SUM(COUNT(?o)) AS ?n) { ?s ?p ?o }", ILOKG_ERR_SYNTAX, 1, 13,
                "may not be nested");
    /* Blank node labels may be shared across a FILTER: it does not end the pattern. */
    assert_int_equal(parse(f, "ASK { ?s ?p _:a FILTER(true) ?s ?q _:a }"), ILOKG_OK);
}

static void
test_sparql_free_null(void **state)
{
    (void)state;
    ilokg_sparql_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sparql_bgp_and_project, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_union, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_optional_and_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_graph_minus_and_empty_groups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_bind_extends_what_precedes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_group_having_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_subquery_scoping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_select_star_and_blank_nodes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_construct_template_keeps_blank_nodes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sparql_describe_and_dataset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_construct_template_shapes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_literals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_prefixes_and_base, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_expressions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_syntax_errors_name_line_and_column, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sparql_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparql_validity_rules, setup, teardown),
        cmocka_unit_test(test_sparql_free_null),
    };
    return cmocka_run_group_tests_name("sparql", tests, NULL, NULL);
}
