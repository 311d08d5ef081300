/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the SPARQL JSON results reader of endpoint.c: every term kind, JSON escapes, unbound
 * values, booleans, and answers that are not SPARQL JSON results. (The HTTP side is tested
 * against a real server in cli_endpoint.cmake.) */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "endpoint.h"

#define URL "http://example.org/sparql"

/* The answer json written as CSV (or format), with the status in *st. */
static char *
convert(test_sink *s, const char *json, ilokg_results_format format, size_t max_rows,
        ilokg_status *st)
{
    char  *buf = NULL;
    size_t len = 0;
    FILE  *fp  = open_memstream(&buf, &len);
    assert_non_null(fp);
    *st = ilokg_endpoint_write_json(&s->diag, URL, json, strlen(json), format, max_rows, fp);
    fclose(fp);
    return buf;
}

static void
test_endpoint_terms_and_escapes(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_status st;
    /* Virtuoso's "typed-literal", a language tag, a blank node, an unbound ?c in the second row,
     * \" \\ \n escapes, \u00e9 (é) and a surrogate pair (U+1F600), xsd:string dropped. */
    const char *json =
        "{ \"head\": { \"link\": [], \"vars\": [\"a\", \"b\", \"c\"] },\n"
        "  \"results\": { \"distinct\": false, \"ordered\": true, \"bindings\": [\n"
        "    { \"a\": { \"type\": \"uri\", \"value\": \"https://w3id.org/ilokg/id/actor/ILO\" },\n"
        "      \"b\": { \"type\": \"literal\", \"xml:lang\": \"fr\", \"value\": \"caf\\u00e9\" },\n"
        "      \"c\": { \"type\": \"typed-literal\", \"datatype\": "
        "\"http://www.w3.org/2001/XMLSchema#integer\", \"value\": \"70\" } },\n"
        "    { \"a\": { \"type\": \"bnode\", \"value\": \"b0\" },\n"
        "      \"b\": { \"type\": \"literal\", \"datatype\": "
        "\"http://www.w3.org/2001/XMLSchema#string\", "
        "\"value\": \"say \\\"hi\\\"\\\\\\n\\ud83d\\ude00\" } }\n"
        "  ] } }";
    char *out = convert(&s, json, ILOKG_RESULTS_TSV, 0, &st);
    assert_int_equal(st, ILOKG_OK);
    assert_string_equal(out, "?a\t?b\t?c\n"
                             "<https://w3id.org/ilokg/id/actor/ILO>\t\"caf\xc3\xa9\"@fr\t70\n"
                             "_:b0\t\"say \\\"hi\\\"\\\\\\n\xf0\x9f\x98\x80\"\t\n");
    free(out);
    test_sink_done(&s);
}

static void
test_endpoint_boolean_and_empty(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_status st;
    char *out = convert(&s, "{ \"head\": {}, \"boolean\": false }", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_OK);
    assert_string_equal(out, "_askResult\r\nfalse\r\n");
    free(out);
    out = convert(&s, "{\"head\":{\"vars\":[\"n\"]},\"results\":{\"bindings\":[]}}",
                  ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_OK);
    assert_string_equal(out, "n\r\n");
    free(out);
    test_sink_done(&s);
}

static void
test_endpoint_max_rows(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_status st;
    char *out = convert(&s,
                        "{\"head\":{\"vars\":[\"n\"]},\"results\":{\"bindings\":["
                        "{\"n\":{\"type\":\"literal\",\"value\":\"1\"}},"
                        "{\"n\":{\"type\":\"literal\",\"value\":\"2\"}}]}}",
                        ILOKG_RESULTS_CSV, 1, &st);
    assert_int_equal(st, ILOKG_OK);
    assert_string_equal(out, "n\r\n1\r\n");
    test_sink_expect(&s, ILOKG_OK, 0, 0, "stopped after 1 rows (--max-rows)");
    free(out);
    test_sink_done(&s);
}

static void
test_endpoint_rejects_non_results(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_status st;
    char *out = convert(&s, "<html>Not found</html>", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, URL ": the answer is not valid JSON (at byte 0");
    free(out);
    out = convert(&s, "{\"head\":{\"vars\":[\"n\"]}} trailing", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "not valid JSON (at byte 24");
    free(out);
    out = convert(&s, "{\"head\":{\"vars\":[\"n\"]}}", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "not SPARQL JSON results");
    free(out);
    out = convert(&s,
                  "{\"head\":{\"vars\":[\"n\"]},\"results\":{\"bindings\":["
                  "{\"n\":{\"type\":\"triple\",\"value\":\"x\"}}]}}",
                  ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "row 1: the value of ?n has no known type");
    free(out);
    out = convert(&s, "{\"head\":{},\"boolean\":\"yes\"}", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "\"boolean\" is not true or false");
    free(out);
    out = convert(&s, "{\"a\":\"\\ud800\"}", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "not valid JSON");
    free(out);
    test_sink_done(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_endpoint_terms_and_escapes),
        cmocka_unit_test(test_endpoint_boolean_and_empty),
        cmocka_unit_test(test_endpoint_max_rows),
        cmocka_unit_test(test_endpoint_rejects_non_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
