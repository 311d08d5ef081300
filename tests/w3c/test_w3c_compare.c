/* SPDX-License-Identifier: Apache-2.0 */
/* The W3C harness's comparison rules and its TSV, CSV and JSON readers, on small hand-made
 * results whose verdicts follow from the SPARQL 1.1 spec (section 19.6 Test Cases, RDF 1.1
 * term equality, blank node isomorphism). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "w3c.h"

/* A table from TSV text (the reader is tested separately below). */
static void
table(w3c_result *r, const char *tsv)
{
    char *err = NULL;
    assert_int_equal(w3c_tsv_read(r, tsv, strlen(tsv), &err), ILOKG_OK);
    assert_null(err);
}

static int
same(const char *expected, const char *actual, const w3c_order *order)
{
    w3c_result e, a;
    ilokg_buf  why = ILOKG_BUF_INIT;
    table(&e, expected);
    table(&a, actual);
    int eq = w3c_compare(&e, &a, order, &why);
    assert_true(eq || why.len > 0); /* a difference always says why */
    ilokg_buf_free(&why);
    w3c_result_clear(&e);
    w3c_result_clear(&a);
    return eq;
}

static void
test_w3c_compare_multisets(void **state)
{
    (void)state;
    /* Row counts matter: {a, a, b} is not {a, b, b}, and is {b, a, a}. */
    assert_false(same("?x\n<a:a>\n<a:a>\n<a:b>\n", "?x\n<a:a>\n<a:b>\n<a:b>\n", NULL));
    assert_true(same("?x\n<a:a>\n<a:a>\n<a:b>\n", "?x\n<a:b>\n<a:a>\n<a:a>\n", NULL));
    assert_false(same("?x\n<a:a>\n", "?x\n<a:a>\n<a:a>\n", NULL));
    /* Columns in another order are the same variables; other variables are not. */
    assert_true(same("?x\t?y\n<a:a>\t1\n", "?y\t?x\n1\t<a:a>\n", NULL));
    assert_false(same("?x\t?y\n<a:a>\t1\n", "?x\t?z\n<a:a>\t1\n", NULL));
    /* Unbound is not any value. */
    assert_false(same("?x\t?y\n<a:a>\t\n", "?x\t?y\n<a:a>\t\"\"\n", NULL));
}

static void
test_w3c_compare_terms(void **state)
{
    (void)state;
    /* Language tags case-insensitively; lexical forms exactly; xsd:string is the simple literal. */
    assert_true(same("?x\n\"a\"@en-GB\n", "?x\n\"a\"@EN-gb\n", NULL));
    assert_false(same("?x\n\"a\"@en\n", "?x\n\"a\"\n", NULL));
    assert_false(same("?x\n\"01\"^^<http://www.w3.org/2001/XMLSchema#integer>\n", "?x\n1\n", NULL));
    assert_true(same("?x\n\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>\n", "?x\n1\n", NULL));
    assert_true(
        same("?x\n\"a\"^^<http://www.w3.org/2001/XMLSchema#string>\n", "?x\n\"a\"\n", NULL));
    assert_false(same("?x\n<a:b>\n", "?x\n\"a:b\"\n", NULL));
    assert_false(same("?x\n_:b\n", "?x\n<a:b>\n", NULL));
}

static void
test_w3c_compare_blank_nodes(void **state)
{
    (void)state;
    /* Renamed blank nodes are the same answer. */
    assert_true(same("?x\t?y\n_:a\t1\n_:a\t2\n", "?x\t?y\n_:z\t2\n_:z\t1\n", NULL));
    /* One node in the expected rows must stay one node... */
    assert_false(same("?x\t?y\n_:a\t1\n_:a\t2\n", "?x\t?y\n_:p\t1\n_:q\t2\n", NULL));
    /* ... and two stay two (the renaming is one-to-one). */
    assert_false(same("?x\n_:a\n_:b\n", "?x\n_:p\n_:p\n", NULL));
    assert_false(same("?x\n_:p\n_:p\n", "?x\n_:a\n_:b\n", NULL));
    /* The first tempting match (a -> p) is wrong: the search must back out of it. */
    assert_true(same("?x\t?y\n_:a\t1\n_:b\t1\n_:a\t2\n", "?x\t?y\n_:p\t1\n_:q\t1\n_:q\t2\n", NULL));
    /* Across columns and rows: a chain a->b->c against p->q->r. */
    assert_true(same("?s\t?o\n_:a\t_:b\n_:b\t_:c\n", "?s\t?o\n_:q\t_:r\n_:p\t_:q\n", NULL));
    assert_false(same("?s\t?o\n_:a\t_:b\n_:b\t_:c\n", "?s\t?o\n_:q\t_:r\n_:r\t_:q\n", NULL));
}

static void
test_w3c_compare_order(void **state)
{
    (void)state;
    size_t      key0[] = {0};
    w3c_order   by_x = {1, key0, 1, 0}, exact = {1, NULL, 0, 0}, none = {0, NULL, 0, 0};
    const char *exp = "?x\t?y\n1\t<a:a>\n1\t<a:b>\n2\t<a:c>\n";
    /* Rows that tie on ?x may swap; a row may not leave its run. */
    assert_true(same(exp, "?x\t?y\n1\t<a:b>\n1\t<a:a>\n2\t<a:c>\n", &by_x));
    assert_false(same(exp, "?x\t?y\n2\t<a:c>\n1\t<a:a>\n1\t<a:b>\n", &by_x));
    assert_true(same(exp, "?x\t?y\n2\t<a:c>\n1\t<a:a>\n1\t<a:b>\n", &none));
    /* Keys unknown: positions exactly. */
    assert_false(same(exp, "?x\t?y\n1\t<a:b>\n1\t<a:a>\n2\t<a:c>\n", &exact));
    assert_true(same(exp, exp, &exact));
}

static void
test_w3c_compare_lax_cardinality(void **state)
{
    (void)state;
    w3c_order lax = {0, NULL, 0, 1};
    /* REDUCED may drop duplicates, not rows: {a, a, b} answered by {a, b} or {b, a, a}. */
    assert_true(same("?x\n<a:a>\n<a:a>\n<a:b>\n", "?x\n<a:b>\n<a:a>\n", &lax));
    assert_true(same("?x\n<a:a>\n<a:a>\n<a:b>\n", "?x\n<a:b>\n<a:a>\n<a:a>\n", &lax));
    assert_false(same("?x\n<a:a>\n<a:a>\n<a:b>\n", "?x\n<a:a>\n", &lax));
    assert_false(same("?x\n<a:a>\n<a:a>\n<a:b>\n", "?x\n<a:b>\n<a:a>\n<a:b>\n<a:b>\n", &lax));
    assert_false(same("?x\n<a:a>\n<a:b>\n", "?x\n<a:a>\n<a:c>\n", &lax));
}

static void
test_w3c_compare_graphs(void **state)
{
    (void)state;
    w3c_result e, a;
    ilokg_buf  why = ILOKG_BUF_INIT;
    table(&e, "?s\t?p\t?o\n_:a\t<a:p>\t1\n_:a\t<a:p>\t1\n<a:s>\t<a:p>\t_:a\n");
    table(&a, "?s\t?p\t?o\n<a:s>\t<a:p>\t_:z\n_:z\t<a:p>\t1\n");
    e.kind = a.kind = W3C_GRAPH;
    /* Graphs are sets: the duplicate triple counts once. */
    assert_true(w3c_compare(&e, &a, NULL, &why));
    a.cells[0].lex = "a:t";
    assert_false(w3c_compare(&e, &a, NULL, &why));
    ilokg_buf_free(&why);
    w3c_result_clear(&e);
    w3c_result_clear(&a);
}

static int
same_value(const char *expected, const char *actual)
{
    w3c_result e, a;
    ilokg_buf  why = ILOKG_BUF_INIT;
    table(&e, expected);
    table(&a, actual);
    assert_int_equal(w3c_result_numbers_by_value(&e), ILOKG_OK);
    assert_int_equal(w3c_result_numbers_by_value(&a), ILOKG_OK);
    int eq = w3c_compare(&e, &a, NULL, &why);
    ilokg_buf_free(&why);
    w3c_result_clear(&e);
    w3c_result_clear(&a);
    return eq;
}

static void
test_w3c_numbers_by_value(void **state)
{
    (void)state;
#define DEC "^^<http://www.w3.org/2001/XMLSchema#decimal>"
#define DBL "^^<http://www.w3.org/2001/XMLSchema#double>"
    assert_true(same_value("?x\n\"6\"" DEC "\n", "?x\n\"6.0\"" DEC "\n"));
    assert_true(same_value("?x\n\"6.5\"" DEC "\n", "?x\n\"+006.50\"" DEC "\n"));
    assert_true(same_value("?x\n\"0\"" DEC "\n", "?x\n\"-0.0\"" DEC "\n"));
    assert_true(same_value("?x\n\"1050\"" DBL "\n", "?x\n\"1.05E3\"" DBL "\n"));
    assert_true(same_value("?x\n01\n", "?x\n1\n"));
    /* The value, and the datatype, still count. */
    assert_false(same_value("?x\n\"6\"" DEC "\n", "?x\n\"6.01\"" DEC "\n"));
    assert_false(same_value("?x\n\"6\"" DEC "\n", "?x\n\"6\"" DBL "\n"));
    assert_false(same_value("?x\n\"60\"" DEC "\n", "?x\n\"6\"" DEC "\n"));
#undef DEC
#undef DBL
}

static void
test_w3c_read_tsv(void **state)
{
    (void)state;
    w3c_result r;
    table(&r, "?a\t?b\t?c\n\"x\\ty\\\"\"@en\t-1.5e3\t<http://e/a>\n\ttrue\t_:b1\n");
    assert_int_equal(r.n_vars, 3);
    assert_int_equal(r.n_rows, 2);
    assert_string_equal(r.cells[0].lex, "x\ty\"");
    assert_string_equal(r.cells[0].lang, "en");
    assert_string_equal(r.cells[1].lex, "-1.5e3");
    assert_string_equal(r.cells[1].dt, ILOKG_XSD "double");
    assert_int_equal(r.cells[2].kind, ILOKG_QT_IRI);
    assert_string_equal(r.cells[2].lex, "http://e/a");
    assert_int_equal(r.cells[3].kind, 0);
    assert_string_equal(r.cells[4].dt, ILOKG_XSD "boolean");
    assert_int_equal(r.cells[5].kind, ILOKG_QT_BLANK);
    assert_string_equal(r.cells[5].lex, "b1");
    w3c_result_clear(&r);
}

static void
test_w3c_read_csv(void **state)
{
    (void)state;
    const char *csv = "x,y\r\n\"a,\"\"b\"\"\",_:n\r\nplain,\r\n";
    w3c_result  r;
    char       *err = NULL;
    assert_int_equal(w3c_csv_read(&r, csv, strlen(csv), &err), ILOKG_OK);
    assert_int_equal(r.n_vars, 2);
    assert_int_equal(r.n_rows, 2);
    assert_string_equal(r.cells[0].lex, "a,\"b\"");
    assert_int_equal(r.cells[1].kind, ILOKG_QT_BLANK);
    assert_string_equal(r.cells[2].lex, "plain");
    assert_int_equal(r.cells[3].kind, 0);
    w3c_result_clear(&r);
}

static void
test_w3c_read_json(void **state)
{
    (void)state;
    const char *srj = "{\"head\":{\"vars\":[\"x\",\"y\"]},\"results\":{\"bindings\":["
                      "{\"x\":{\"type\":\"literal\",\"value\":\"\\u00e9\\ud83d\\ude00\","
                      "\"xml:lang\":\"fr\"}},"
                      "{\"y\":{\"type\":\"typed-literal\",\"value\":\"1\",\"datatype\":"
                      "\"http://www.w3.org/2001/XMLSchema#integer\"}}]}}";
    w3c_result  r;
    char       *err = NULL;
    assert_int_equal(w3c_srj_read(&r, srj, strlen(srj), &err), ILOKG_OK);
    assert_int_equal(r.n_rows, 2);
    assert_string_equal(r.cells[0].lex, "\xc3\xa9\xf0\x9f\x98\x80");
    assert_string_equal(r.cells[0].lang, "fr");
    assert_int_equal(r.cells[1].kind, 0);
    assert_int_equal(r.cells[2].kind, 0);
    assert_string_equal(r.cells[3].dt, ILOKG_XSD "integer");
    w3c_result_clear(&r);
    const char *ask = "{ \"head\" : {}, \"boolean\" : false }";
    assert_int_equal(w3c_srj_read(&r, ask, strlen(ask), &err), ILOKG_OK);
    assert_int_equal(r.kind, W3C_BOOLEAN);
    assert_false(r.boolean);
    w3c_result_clear(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_w3c_compare_multisets),
        cmocka_unit_test(test_w3c_compare_terms),
        cmocka_unit_test(test_w3c_compare_blank_nodes),
        cmocka_unit_test(test_w3c_compare_order),
        cmocka_unit_test(test_w3c_compare_lax_cardinality),
        cmocka_unit_test(test_w3c_compare_graphs),
        cmocka_unit_test(test_w3c_numbers_by_value),
        cmocka_unit_test(test_w3c_read_tsv),
        cmocka_unit_test(test_w3c_read_csv),
        cmocka_unit_test(test_w3c_read_json),
    };
    return cmocka_run_group_tests_name("w3c_compare", tests, NULL, NULL);
}
