/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the HTML pages: a commitment's page (span highlighted in its paragraph, mentions
 * linked, authorities linked, local links rewritten), a generic page, escaping, unknown IRIs,
 * and the query page with the canned queries. The expected strings were written from the
 * fixture (tests/fixtures/page-mini.ttl) by hand, not copied from the output. */
#include "testfix.h"

#include <stdlib.h>
#include <string.h>

#include "query/qstore.h"
#include "serve/page.h"
#include "util/buf.h"

#define ID "https://w3id.org/ilokg/id/"

typedef test_fixture fixture;

static int
setup(void **state)
{
    test_store_setup(state);
    fixture *f = *state;
    assert_int_equal(ilokg_qstore_mem_load(f->st, ILOKG_TEST_FIXTURES "/page-mini.ttl", NULL, NULL,
                                           NULL, &f->sink.diag, NULL),
                     ILOKG_OK);
    assert_int_equal(ilokg_qstore_mem_freeze(f->st), ILOKG_OK);
    return 0;
}

/* The page as a string (the caller frees it). */
static char *
page(fixture *f, const ilokg_page_options *opt, const char *iri)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_page_resource_opt(&f->sink.diag, f->st, opt, iri, &b), ILOKG_OK);
    return ilokg_buf_detach(&b);
}

static void
assert_has(const char *hay, const char *needle)
{
    if (!strstr(hay, needle)) {
        fail_msg("missing: %s", needle);
    }
}

static void
test_page_commitment_span(void **state)
{
    char *p = page(*state, NULL, ID "doc/t1/commitment/5");
    /* The paragraph: heading, lead-in (its & escaped), number, then the text as the span with
     * "Protocol" (placed by its offsets: 112 - 100 = character 12) and "C189" (its offset one
     * character early: found by its anchor) linked to their pages under "/". */
    assert_has(p, "<span class=\"section-heading\">Standards</span>");
    assert_has(p, "<span class=\"lead-in\">The ILO &amp; the Commission will:</span> "
                  "<span class=\"item-number\">5.</span> ");
    assert_has(p, "<mark class=\"span\" id=\"span\">Promoté the <a class=\"mention\" "
                  "href=\"/instrument/P029\">Protocol</a> and <a class=\"mention\" "
                  "href=\"/instrument/C189\">C189</a></mark>");
    free(p);
}

static void
test_page_commitment_facts(void **state)
{
    char *p = page(*state, NULL, ID "doc/t1/commitment/5");
    assert_has(p, "<dt>Actors</dt><dd><a href=\"/actor/ILO\">International Labour "
                  "Organization</a></dd>");
    assert_has(p, "<dt>Modality</dt><dd><a href=\"https://w3id.org/ilokg/ns#Will\">ilokg:Will"
                  "</a></dd>");
    assert_has(p, "<dt>Section</dt><dd><a href=\"/doc/t1/section/2\">Standards</a>");
    assert_has(p, "<dt>Document</dt><dd><a href=\"/doc/t1\">Test &lt;conclusions&gt; &amp; "
                  "more</a>");
    /* Named entities: their own page, and their authority (NORMLEX for P029). */
    assert_has(p, "<li><a class=\"entity\" href=\"/instrument/P029\">Protocol of 2014 to the "
                  "Forced Labour Convention</a> <span class=\"authority\"> <a "
                  "class=\"authority\" href=\"https://normlex.ilo.org/dyn/nrmlx_en/"
                  "f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:P029\">NORMLEX</a></span></li>");
    /* The javascript: IRI is shown, never a link. */
    assert_has(p, "<code>javascript:alert(1)</code>");
    assert_null(strstr(p, "href=\"javascript:"));
    free(p);
}

static void
test_page_generic_and_incoming(void **state)
{
    char *p = page(*state, NULL, ID "actor/ILO");
    assert_has(p, "<title>International Labour Organization · ilokg</title>");
    assert_has(p, "<h1>International Labour Organization</h1>");
    /* Incoming: the commitment whose ilokg:actor it is. */
    assert_has(p, "<h2>Incoming links</h2>");
    assert_has(p, "<tr><th><a href=\"https://w3id.org/ilokg/ns#actor\">ilokg:actor</a></th><td>"
                  "<a href=\"/doc/t1/commitment/5\">t1 commitment 5 (item 5)</a></td></tr>");
    free(p);
}

static void
test_page_links_rewritten(void **state)
{
    ilokg_page_options opt = ILOKG_PAGE_OPTIONS_INIT;
    opt.base               = "../../";
    opt.suffix             = ".html";
    opt.home               = "../../../index.html";
    char *p                = page(*state, &opt, ID "doc/t1/commitment/5");
    assert_has(p, "href=\"../../instrument/P029.html\">Protocol</a>");
    assert_has(p, "<a class=\"name\" href=\"../../../index.html\">ilokg</a>");
    /* The other formats: beside the page, without its .html. */
    assert_has(p, "<link rel=\"alternate\" type=\"text/turtle\" "
                  "href=\"../../doc/t1/commitment/5.ttl\">");
    assert_has(p, "<a type=\"application/ld+json\" href=\"../../doc/t1/commitment/5.jsonld\">"
                  "JSON-LD</a>");
    free(p);
    /* As ilokg serve links: things under /id/, their descriptions under /doc/. */
    opt.base   = "/id/";
    opt.suffix = NULL;
    opt.docs   = "/doc/";
    p          = page(*state, &opt, ID "doc/t1/commitment/5");
    assert_has(p, "<a class=\"mention\" href=\"/id/instrument/P029\">Protocol</a>");
    assert_has(p, "<a type=\"text/turtle\" href=\"/doc/doc/t1/commitment/5.ttl\">Turtle</a>");
    free(p);
}

static void
test_page_unknown_iri(void **state)
{
    fixture  *f = *state;
    ilokg_buf b = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_page_resource(&f->sink.diag, f->st, NULL, ID "doc/none", &b),
                     ILOKG_ERR_NOT_FOUND);
    assert_int_equal(b.len, 0);
    ilokg_buf_free(&b);
}

static void
test_page_escape(void **state)
{
    (void)state;
    ilokg_buf b = ILOKG_BUF_INIT;
    /* Every markup character, and a C0 control (U+0001) that HTML forbids: U+FFFD. */
    const char *s = "<a href=\"x\">'&'\x01</a>";
    assert_int_equal(ilokg_html_escape(&b, s, strlen(s)), ILOKG_OK);
    assert_string_equal(b.ptr, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;\xEF\xBF\xBD&lt;/a&gt;");
    ilokg_buf_free(&b);
}

static void
test_page_query(void **state)
{
    fixture  *f = *state;
    ilokg_buf b = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_page_query(&f->sink.diag, ILOKG_TEST_DATA_DIR, "/", &b), ILOKG_OK);
    /* queries/actor-pairs.rq's question, its name, its text (escaped: "<" of its FILTER). */
    assert_has(b.ptr, "data-name=\"actor-pairs\"");
    assert_has(b.ptr, ">which actors commit together, and how often?<span class=\"desc\">"
                      "actor-pairs.rq</span>");
    assert_has(b.ptr, "FILTER(STR(?actor1) &lt; STR(?actor2))");
    assert_has(b.ptr, "data-endpoint=\"sparql\"");
    assert_has(b.ptr, "<textarea id=\"query\" name=\"query\"");
    assert_null(strstr(b.ptr, "no-endpoint"));
    ilokg_buf_free(&b);
}

static void
test_page_query_without_endpoint(void **state)
{
    fixture           *f   = *state;
    ilokg_buf          b   = ILOKG_BUF_INIT;
    ilokg_page_options opt = ILOKG_PAGE_OPTIONS_INIT;
    opt.endpoint           = "";
    assert_int_equal(ilokg_page_query_opt(&f->sink.diag, ILOKG_TEST_DATA_DIR, &opt, &b), ILOKG_OK);
    assert_has(b.ptr, "id=\"no-endpoint\"");
    ilokg_buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_page_commitment_span, setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_page_commitment_facts, setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_page_generic_and_incoming, setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_page_links_rewritten, setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_page_unknown_iri, setup, test_fixture_teardown),
        cmocka_unit_test(test_page_escape),
        cmocka_unit_test_setup_teardown(test_page_query, setup, test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_page_query_without_endpoint, setup,
                                        test_fixture_teardown),
    };
    return cmocka_run_group_tests_name("page", tests, NULL, NULL);
}
