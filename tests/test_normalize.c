/* SPDX-License-Identifier: Apache-2.0 */
/* Normalisation: each repair rule on the defect it handles, and the map back to the source. */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/normalize.h"
#include "util/source.h"

typedef struct {
    const char *name;
    const char *in;
    const char *out;
} rule_case;

/* One row per rule: the damage as extracted, the text the reader sees. */
static const rule_case cases[] = {
    {"bom", "\xEF\xBB\xBFThe ILO", "The ILO"},
    {"crlf", "will:\r\n1. Cooperate\r2.", "will:\n1. Cooperate\n2."},
    {"nbsp",
     "No.\xC2\xA0"
     "189",
     "No. 189"},
    {"soft hyphen", "labour mar\xC2\xADkets", "labour markets"},
    {"ligatures",
     "e\xEF\xAC\x83"
     "cient \xEF\xAC\x81nance",
     "efficient finance"},
    {"curly quotes",
     "participants\xE2\x80\x99 list \xE2\x80\x9C"
     "EU\xE2\x80\x9D",
     "participants' list \"EU\""},
    {"dashes", "ITC\xE2\x80\x93ILO \xE2\x80\x94 June", "ITC-ILO - June"},
    {"bullet glyphs", "\xEF\x82\xB7 Keep \xE2\x96\xAA Share",
     "\xE2\x80\xA2 Keep \xE2\x80\xA2 Share"},
    {"arrow bullet extracted as X", " X The ILO elaborates\nX-ray",
     " \xE2\x80\xA2 The ILO elaborates\nX-ray"},
    {"markdown emphasis", "**Fair recruitment.** Support *Decent Work*",
     "Fair recruitment. Support Decent Work"},
    {"markdown pipe table: cells as tabs, the delimiter row gone",
     "| **Social protection** | Access to it |\n|---|:--:|\n|  | The ILO will: |\nA | b",
     "Social protection \tAccess to it \n\tThe ILO will: \nA | b"},
    {"markdown escaped pipe in a cell", "| a \\| b | c |", "a | b \tc "},
    {"markdown heading hashes", "## Social protection\n#hashtag\n####### seven",
     "Social protection\n#hashtag\n####### seven"},
    {"html emphasis", "the <i>European Pillar</i> ,", "the European Pillar ,"},
    {"lone asterisk kept", "a * b", "a * b"},
    {"hyphen split by a cell break", "COVID- 19 and Work- life and non- EU",
     "COVID-19 and Work-life and non-EU"},
    {"suspended hyphen kept", "up- and re-skill", "up- and re-skill"},
    {"column gap printed as spaces", "Social      Access to  it\n   The ILO",
     "Social\tAccess to  it\n   The ILO"},
    {"column gap with no-break spaces in it",
     "Social \xC2\xA0 \xC2\xA0"
     "Access to\xC2\xA0\xC2\xA0"
     "it",
     "Social\tAccess to  it"},
    {"ordinal printed apart", "the 10 th anniversary, the 110 th ILC",
     "the 10th anniversary, the 110th ILC"},
    {"page number glued before an item number", "cited:\n3 18. Make joint\n4 - The G20",
     "cited:\n18. Make joint\n- The G20"},
    {"page number alone in a table's first cell", "4\tThe COVID-19 pandemic\n12 \t Cooperate",
     "\tThe COVID-19 pandemic\n\t Cooperate"},
    {"item number without a full stop kept", "8 The ILO should\n2030 Agenda",
     "8 The ILO should\n2030 Agenda"},
    {"number inside a line kept", "Convention No. 3 18. Then", "Convention No. 3 18. Then"},
    {"repairs see a no-break space as a space",
     "the 10\xC2\xA0th year, non-\xC2\xA0"
     "EU and COVID-\xE2\x80\xAF"
     "19",
     "the 10th year, non-EU and COVID-19"},
    {"form feed opening a page dropped", "the Global\n\fPact for Jobs",
     "the Global\nPact for Jobs"},
    {"form feed inside a line ends it", "end.\fNext", "end.\nNext"},
    {"page number alone before a form feed", "decent work\n\n    6\n\fin supply chains",
     "decent work\nin supply chains"},
    {"number alone with no page break kept", "Table\n\n12\n\n7\n", "Table\n\n12\n\n7\n"},
    {"o bullet", "o Keep each other informed; social o Explore o and",
     "\xE2\x80\xA2 Keep each other informed; social \xE2\x80\xA2 Explore o and"},
};

static void
test_normalize_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        test_sink s;
        test_sink_init(&s);
        ilokg_source *src = NULL;
        ilokg_text    t   = {0};
        assert_int_equal(
            ilokg_source_from_bytes(&src, cases[i].name, cases[i].in, strlen(cases[i].in), &s.diag),
            ILOKG_OK);
        assert_int_equal(ilokg_normalize(&t, src, &s.diag), ILOKG_OK);
        if (strcmp(t.ptr, cases[i].out) != 0) {
            print_error("rule '%s': got \"%s\"\n", cases[i].name, t.ptr);
        }
        assert_string_equal(t.ptr, cases[i].out);
        /* The map is monotone and ends at the source length. */
        for (size_t k = 1; k <= t.len; k++) {
            assert_true(t.map[k - 1] <= t.map[k]);
        }
        assert_int_equal(t.map[t.len], src->len);
        ilokg_text_free(&t);
        ilokg_source_free(src);
        test_sink_done(&s);
    }
}

/* Spans of normalised text map back to the exact source bytes, replaced characters included. */
static void
test_normalize_span_maps_back(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    const char    in[] = "**Côte d\xE2\x80\x99Ivoire** and COVID- 19";
    ilokg_source *src  = NULL;
    ilokg_text    t    = {0};
    assert_int_equal(ilokg_source_from_bytes(&src, "span", in, strlen(in), &s.diag), ILOKG_OK);
    assert_int_equal(ilokg_normalize(&t, src, &s.diag), ILOKG_OK);
    assert_string_equal(t.ptr, "Côte d'Ivoire and COVID-19");
    /* "Côte d'Ivoire" is normalised [0, 14): source [2, 18) with the 3-byte apostrophe. */
    ilokg_span sp = ilokg_text_span(&t, 0, 14);
    assert_int_equal(sp.start, 2);
    assert_int_equal(sp.end, 18);
    assert_memory_equal(in + sp.start, "Côte d\xE2\x80\x99Ivoire", sp.end - sp.start);
    /* "COVID-19" spans the dropped space in the source. */
    const char *cv = strstr(t.ptr, "COVID");
    sp             = ilokg_text_span(&t, (size_t)(cv - t.ptr), t.len);
    assert_memory_equal(in + sp.start, "COVID- 19", sp.end - sp.start);
    ilokg_text_free(&t);
    ilokg_source_free(src);
    test_sink_done(&s);
}

/* Normalises in[0, n) as a source named name into *t (the caller frees it and *src) and checks
 * that it reads want[0, w). */
static void
normalizes_to(ilokg_text *t, ilokg_source **src, test_sink *s, const char *name, const char *in,
              size_t n, const char *want, size_t w)
{
    assert_int_equal(ilokg_source_from_bytes(src, name, in, n, &s->diag), ILOKG_OK);
    assert_int_equal(ilokg_normalize(t, *src, &s->diag), ILOKG_OK);
    assert_int_equal(t->len, w);
    assert_memory_equal(t->ptr, want, w);
}

/* Page numbers glued to the first word of a page before a plain word are dropped when they run
 * 1, 2, 3 a page apart; a lone number before a word (an item that lost its full stop) and a run
 * too close together for pages stay. */
static void
test_normalize_page_number_run(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char   in[8192], want[8192], filler[1101];
    size_t n = 0, w = 0;
    memset(filler, 'x', 1100);
    filler[1100]                      = '\0';
    static const char *const pages[]  = {"1 Joint Conclusions\n", "2 Operational Conclusions\n",
                                         "3 The ILO and the Commission will:\n"};
    static const char *const bodies[] = {"Joint Conclusions\n", "Operational Conclusions\n",
                                         "The ILO and the Commission will:\n"};
    for (size_t k = 0; k < 3; k++) {
        n += (size_t)snprintf(in + n, sizeof in - n, "%s%s\n", pages[k], filler);
        w += (size_t)snprintf(want + w, sizeof want - w, "%s%s\n", bodies[k], filler);
    }
    n += (size_t)snprintf(in + n, sizeof in - n, "8 The ILO should provide\n1 a\n2 b\n3 c\n");
    w += (size_t)snprintf(want + w, sizeof want - w, "8 The ILO should provide\n1 a\n2 b\n3 c\n");
    ilokg_source *src = NULL;
    ilokg_text    t   = {0};
    normalizes_to(&t, &src, &s, "pages", in, n, want, w);
    /* "Operational" maps back to its own bytes, after the dropped "2 ". */
    const char *op = strstr(t.ptr, "Operational");
    ilokg_span  sp = ilokg_text_span(&t, (size_t)(op - t.ptr), (size_t)(op - t.ptr) + 11);
    assert_memory_equal(in + sp.start, "Operational", 11);
    assert_int_equal(in[sp.start - 2], '2');
    ilokg_text_free(&t);
    ilokg_source_free(src);
    test_sink_done(&s);
}

/* Page furniture without page breaks, found by the run its numbers make a page apart: a number
 * alone on its line in the middle of a paragraph goes with the blank lines around it (the text
 * flows on); a running footer between paragraphs goes, the paragraph break stays; a repeated line
 * whose number does not run 1, 2, 3 ("Article 5 of the Convention" three times) stays. */
static void
test_normalize_running_lines(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char   in[16384], want[16384], filler[1101];
    size_t n = 0, w = 0;
    memset(filler, 'x', 1100);
    filler[1100] = '\0';
    for (int k = 1; k <= 3; k++) {
        n += (size_t)snprintf(in + n, sizeof in - n,
                              "%s\nmid\n\n  %d\nparagraph\n\nReport-En.docx   %d\n\nnext\n"
                              "Article 5 of the Convention\n",
                              filler, k, k);
        w += (size_t)snprintf(want + w, sizeof want - w,
                              "%s\nmid\nparagraph\n\n\n\nnext\nArticle 5 of the Convention\n",
                              filler);
    }
    ilokg_source *src = NULL;
    ilokg_text    t   = {0};
    normalizes_to(&t, &src, &s, "pages", in, n, want, w);
    /* "paragraph" maps back to its own bytes, after the dropped number and blank lines. */
    const char *p  = strstr(t.ptr, "paragraph");
    ilokg_span  sp = ilokg_text_span(&t, (size_t)(p - t.ptr), (size_t)(p - t.ptr) + 9);
    assert_memory_equal(in + sp.start, "paragraph", 9);
    assert_int_equal(in[sp.start - 2], '1'); /* "  1\nparagraph" */
    ilokg_text_free(&t);
    ilokg_source_free(src);
    test_sink_done(&s);
}

/* With form feeds the pages are known: a title at the top of three pages goes, with the blank
 * line under it and the page break, though it carries no number; the same words inside a page
 * stay. */
static void
test_normalize_page_edge_title(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char                     in[2048], want[2048];
    size_t                   n = 0, w = 0;
    static const char *const words[] = {"cooperation", "decent work", "social dialogue", "skills"};
    for (int k = 0; k < 4; k++) { /* each page's own last line: not the same at every edge */
        n += (size_t)snprintf(in + n, sizeof in - n, "%son %s\n", k ? "\fJoint Title\n\n" : "",
                              words[k]);
        w += (size_t)snprintf(want + w, sizeof want - w, "on %s\n", words[k]);
    }
    n += (size_t)snprintf(in + n, sizeof in - n, "Joint Title\nends.\n");
    w += (size_t)snprintf(want + w, sizeof want - w, "Joint Title\nends.\n");
    ilokg_source *src = NULL;
    ilokg_text    t   = {0};
    normalizes_to(&t, &src, &s, "edges", in, n, want, w);
    ilokg_text_free(&t);
    ilokg_source_free(src);
    test_sink_done(&s);
}

/* With form feeds, a page's number is the one next to the page break (here centred on a line
 * of its own before it, as pdftotext -layout prints it); a number that opens a line in the middle
 * of a page ("Outcome" / "2 strategy indicators") is text, though it runs 1, 2, 3 a page apart. */
static void
test_normalize_number_mid_page(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char   in[8192], filler[1101];
    size_t n = 0;
    memset(filler, 'x', 1100);
    filler[1100]                     = '\0';
    static const char *const words[] = {"cooperation", "decent work", "social dialogue", "skills"};
    for (int k = 1; k <= 4; k++) { /* each page's own line: no running footer */
        n += (size_t)snprintf(in + n, sizeof in - n,
                              "%s\nOutcome\n%d strategy indicators on %s\n\n%30s%d\n\f", filler, k,
                              words[k - 1], "", k);
    }
    ilokg_source *src = NULL;
    ilokg_text    t   = {0};
    assert_int_equal(ilokg_source_from_bytes(&src, "mid-page", in, n, &s.diag), ILOKG_OK);
    assert_int_equal(ilokg_normalize(&t, src, &s.diag), ILOKG_OK);
    for (int k = 1; k <= 4; k++) {
        char line[64];
        snprintf(line, sizeof line, "Outcome\n%d strategy indicators on %s\n", k, words[k - 1]);
        assert_non_null(strstr(t.ptr, line));
        snprintf(line, sizeof line, "\n%d\n", k); /* the page number goes */
        assert_null(strstr(t.ptr, line));
    }
    assert_null(memchr(t.ptr, '\f', t.len));
    ilokg_text_free(&t);
    ilokg_source_free(src);
    test_sink_done(&s);
}

/* Double-spaced text: a blank line after every line, sentences going on across them, reads with
 * one blank line a line break and two a paragraph break; one-line paragraphs apart by blank lines
 * (no sentence goes on across them) stay as they are. Both 24 lines of text. */
static void
test_normalize_double_spaced(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char   in[4096], want[4096], plain[4096];
    size_t n = 0, w = 0, p = 0;
    for (int k = 0; k < 24; k++) {
        bool last = k % 6 == 5; /* a paragraph of six lines ends */
        n += (size_t)snprintf(in + n, sizeof in - n, "line %d of a sentence that goes on%s\n\n%s",
                              k, last ? "." : " and", last ? "\n" : "");
        w += (size_t)snprintf(want + w, sizeof want - w, "line %d of a sentence that goes on%s\n%s",
                              k, last ? "." : " and", last ? "\n" : "");
        p += (size_t)snprintf(plain + p, sizeof plain - p, "Paragraph %d ends here.\n\n", k);
    }
    ilokg_source *src = NULL;
    ilokg_text    t   = {0};
    normalizes_to(&t, &src, &s, "double", in, n, want, w);
    ilokg_text_free(&t);
    ilokg_source_free(src);
    normalizes_to(&t, &src, &s, "plain", plain, p, plain, p);
    ilokg_text_free(&t);
    ilokg_source_free(src);
    test_sink_done(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_rules),
        cmocka_unit_test(test_normalize_span_maps_back),
        cmocka_unit_test(test_normalize_page_number_run),
        cmocka_unit_test(test_normalize_running_lines),
        cmocka_unit_test(test_normalize_double_spaced),
        cmocka_unit_test(test_normalize_page_edge_title),
        cmocka_unit_test(test_normalize_number_mid_page),
    };
    return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
