/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of what ilokg serve reads from requests (serve/http.h): Accept negotiation with
 * q-values, form decoding, If-None-Match. The expected choices follow RFC 9110 section 12.5.1
 * worked by hand: the most specific matching range gives a type its q. */
#include "testutil.h"

#include <string.h>

#include "serve/http.h"

static const char *const results[] = {"application/sparql-results+json",
                                      "application/sparql-results+xml", "text/csv"};

static void
test_http_choose_default_is_first(void **state)
{
    (void)state;
    assert_int_equal(ilokg_http_choose(NULL, results, 3), 0);
    assert_int_equal(ilokg_http_choose("", results, 3), 0);
    assert_int_equal(ilokg_http_choose("*/*", results, 3), 0);
}

static void
test_http_choose_q_values(void **state)
{
    (void)state;
    /* csv q=0.5 against xml q=1: xml. */
    assert_int_equal(
        ilokg_http_choose("text/csv;q=0.5, application/sparql-results+xml", results, 3), 1);
    /* Case and spaces do not matter; csv q=1 (implicit) against the rest at 0.1. */
    assert_int_equal(ilokg_http_choose("*/*; q=0.1, TEXT/CSV", results, 3), 2);
    /* A browser's header: nothing offered matches text/html, so the any-type range (q=0.8)
     * picks the first. */
    assert_int_equal(ilokg_http_choose("text/html,application/xhtml+xml,application/xml;q=0.9,"
                                       "*/*;q=0.8",
                                       results, 3),
                     0);
    /* application with any subtype at 0.2 is more specific than any type at all (0.9) for the
     * two application types: csv wins... */
    assert_int_equal(ilokg_http_choose("application/*;q=0.2, */*;q=0.9", results, 3), 2);
    /* ...and q=0 refuses a type. */
    assert_int_equal(ilokg_http_choose("text/csv;q=0", results, 3), -1);
    assert_int_equal(ilokg_http_choose("image/png", results, 3), -1);
    /* Malformed q: the range counts as q=0. */
    assert_int_equal(
        ilokg_http_choose("text/csv;q=x, application/sparql-results+xml;q=0.3", results, 3), 1);
    /* Parameters other than q are ignored. */
    assert_int_equal(ilokg_http_choose("text/csv; charset=utf-8", results, 3), 2);
}

static void
test_http_form_decodes(void **state)
{
    (void)state;
    ilokg_http_form f      = ILOKG_HTTP_FORM_INIT;
    const char      text[] = "query=SELECT+%3Fs%0AWHERE+%7B%7D&default-graph-uri=a&"
                             "default-graph-uri=b&empty=&flag";
    assert_int_equal(ilokg_http_form_parse(&f, text, strlen(text)), ILOKG_OK);
    assert_int_equal(f.n, 5);
    assert_string_equal(ilokg_http_form_get(&f, "query"), "SELECT ?s\nWHERE {}");
    assert_int_equal(ilokg_http_form_count(&f, "default-graph-uri"), 2);
    assert_string_equal(f.params[2].value, "b");
    assert_string_equal(ilokg_http_form_get(&f, "empty"), "");
    assert_string_equal(ilokg_http_form_get(&f, "flag"), "");
    assert_null(ilokg_http_form_get(&f, "update"));
    assert_int_equal(ilokg_http_form_add_raw(&f, "a%20b", "c+d%2B"), ILOKG_OK);
    assert_string_equal(ilokg_http_form_get(&f, "a b"), "c d+");
    ilokg_http_form_free(&f);
    ilokg_http_form_free(NULL);
}

static void
test_http_form_refuses_bad_escapes(void **state)
{
    (void)state;
    ilokg_http_form f = ILOKG_HTTP_FORM_INIT;
    assert_int_equal(ilokg_http_form_parse(&f, "query=%4", 8), ILOKG_ERR_SYNTAX);
    assert_int_equal(ilokg_http_form_parse(&f, "query=%zz", 9), ILOKG_ERR_SYNTAX);
    assert_int_equal(ilokg_http_form_parse(&f, "query=a%00b", 11), ILOKG_ERR_SYNTAX);
    ilokg_http_form_free(&f);
}

static void
test_http_etag_matches(void **state)
{
    (void)state;
    assert_true(ilokg_http_etag_matches("\"g1-ttl\"", "\"g1-ttl\""));
    assert_true(ilokg_http_etag_matches("\"x\", W/\"g1-ttl\"", "\"g1-ttl\""));
    assert_true(ilokg_http_etag_matches("*", "\"g1-ttl\""));
    assert_false(ilokg_http_etag_matches("\"g1-nt\"", "\"g1-ttl\""));
    assert_false(ilokg_http_etag_matches("\"g1-tt\"", "\"g1-ttl\""));
    assert_false(ilokg_http_etag_matches(NULL, "\"g1-ttl\""));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_http_choose_default_is_first),
        cmocka_unit_test(test_http_choose_q_values),
        cmocka_unit_test(test_http_form_decodes),
        cmocka_unit_test(test_http_form_refuses_bad_escapes),
        cmocka_unit_test(test_http_etag_matches),
    };
    return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
