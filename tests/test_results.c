/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the results writers: SPARQL 1.1 CSV/TSV escaping, JSON and XML, the text table. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/results.h"

#define XSD "http://www.w3.org/2001/XMLSchema#"

static char *
write_rows(ilokg_results_format f)
{
    char                 *buf    = NULL;
    size_t                len    = 0;
    FILE                 *fp     = open_memstream(&buf, &len);
    const char           *vars[] = {"x", "y"};
    ilokg_results_writer *w      = NULL;
    ilokg_term            r1[2]  = {{ILOKG_TERM_IRI, "https://w3id.org/ilokg/ns#Will", NULL, NULL},
                                    {ILOKG_TERM_LITERAL, "a \"b\",\nc\td", "en", NULL}};
    ilokg_term            r2[2]  = {{ILOKG_TERM_BLANK, "b0", NULL, NULL},
                                    {ILOKG_TERM_LITERAL, "42", NULL, XSD "integer"}};
    ilokg_term            r3[2]  = {{ILOKG_TERM_UNBOUND, NULL, NULL, NULL},
                                    {ILOKG_TERM_LITERAL, "x<y&z", NULL, XSD "string"}};
    assert_non_null(fp);
    assert_int_equal(ilokg_results_begin(&w, f, fp, vars, 2), ILOKG_OK);
    assert_int_equal(ilokg_results_row(w, r1), ILOKG_OK);
    assert_int_equal(ilokg_results_row(w, r2), ILOKG_OK);
    assert_int_equal(ilokg_results_row(w, r3), ILOKG_OK);
    assert_int_equal(ilokg_results_end(w), ILOKG_OK);
    ilokg_results_free(w);
    ilokg_results_free(NULL);
    fclose(fp);
    return buf;
}

static void
test_results_csv_quotes_and_crlf(void **state)
{
    (void)state;
    char *out = write_rows(ILOKG_RESULTS_CSV);
    assert_string_equal(out, "x,y\r\n"
                             "https://w3id.org/ilokg/ns#Will,\"a \"\"b\"\",\nc\td\"\r\n"
                             "_:b0,42\r\n"
                             ",x<y&z\r\n");
    free(out);
}

static void
test_results_tsv_writes_terms(void **state)
{
    (void)state;
    char *out = write_rows(ILOKG_RESULTS_TSV);
    assert_string_equal(out, "?x\t?y\n"
                             "<https://w3id.org/ilokg/ns#Will>\t\"a \\\"b\\\",\\nc\\td\"@en\n"
                             "_:b0\t42\n"
                             "\t\"x<y&z\"\n");
    free(out);
}

static void
test_results_json_escapes(void **state)
{
    (void)state;
    char *out = write_rows(ILOKG_RESULTS_JSON);
    assert_non_null(strstr(out, "\"head\": { \"vars\": [ \"x\", \"y\" ] }"));
    assert_non_null(strstr(out,
                           "\"y\": { \"type\": \"literal\", \"value\": \"a \\\"b\\\",\\nc\\td\", "
                           "\"xml:lang\": \"en\" }"));
    assert_non_null(strstr(out, "\"x\": { \"type\": \"bnode\", \"value\": \"b0\" }"));
    assert_non_null(strstr(out, "\"datatype\": \"" XSD "integer\""));
    /* An unbound variable is left out of its row. */
    assert_non_null(
        strstr(out, "{\n        \"y\": { \"type\": \"literal\", \"value\": \"x<y&z\" }"));
    free(out);
}

static void
test_results_xml_escapes(void **state)
{
    (void)state;
    char *out = write_rows(ILOKG_RESULTS_XML);
    assert_non_null(strstr(out, "<variable name=\"x\"/>"));
    assert_non_null(strstr(out, "<binding name=\"y\"><literal>x&lt;y&amp;z</literal></binding>"));
    assert_non_null(strstr(out, "<literal xml:lang=\"en\">a &quot;b&quot;,\nc\td</literal>"));
    free(out);
}

static void
test_results_table_plain_aligned_abbreviated(void **state)
{
    (void)state;
    char *out = write_rows(ILOKG_RESULTS_TABLE);
    /* Plain values: the literal's text (its line end and tab shown escaped) and language tag;
     * ?y is 15 characters wide (a "b",\nc\td@en), so each line is 1 + 13 + 18 = 32 long. */
    assert_string_equal(out, "--------------------------------\n"
                             "| ?x         | ?y              |\n"
                             "================================\n"
                             "| ilokg:Will | a \"b\",\\nc\\td@en |\n"
                             "| _:b0       | 42              |\n"
                             "|            | x<y&z           |\n"
                             "--------------------------------\n"
                             "3 rows\n");
    free(out);
}

static void
test_results_boolean(void **state)
{
    (void)state;
    char  *buf = NULL;
    size_t len = 0;
    FILE  *fp  = open_memstream(&buf, &len);
    assert_int_equal(ilokg_results_boolean(ILOKG_RESULTS_CSV, fp, 1), ILOKG_OK);
    assert_int_equal(ilokg_results_boolean(ILOKG_RESULTS_JSON, fp, 0), ILOKG_OK);
    fclose(fp);
    assert_string_equal(buf,
                        "_askResult\r\ntrue\r\n{\n  \"head\": { },\n  \"boolean\": false\n}\n");
    free(buf);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_results_csv_quotes_and_crlf),
        cmocka_unit_test(test_results_tsv_writes_terms),
        cmocka_unit_test(test_results_json_escapes),
        cmocka_unit_test(test_results_xml_escapes),
        cmocka_unit_test(test_results_table_plain_aligned_abbreviated),
        cmocka_unit_test(test_results_boolean),
    };
    return cmocka_run_group_tests_name("results", tests, NULL, NULL);
}
