/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the Turtle/TriG scan that keeps "<>" before '{' from raptor (it crashes on it). */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "util/turtle_guard.h"

/* Scans text in chunks of `step` bytes (0: whole); returns whether the pair was found, with its
 * place. */
static bool
scan(const char *text, size_t step, size_t *line, size_t *col)
{
    ilokg_turtle_guard g;
    ilokg_turtle_guard_init(&g);
    size_t len = strlen(text);
    step       = step ? step : len;
    for (size_t at = 0; at < len; at += step) {
        size_t n = len - at < step ? len - at : step;
        if (ilokg_turtle_guard_scan(&g, text + at, n, line, col) != ILOKG_GUARD_OK) {
            return true;
        }
    }
    return false;
}

/* Found however the text is cut into chunks, at the "<>" (line and column counted by hand). */
static void
test_guard_finds_empty_iri_before_brace(void **state)
{
    (void)state;
    const char *trig = "@prefix : <http://x/> .\n:s :p \"é\" .\n  <> # the base\n { :a :b :c }\n";
    for (size_t step = 0; step <= 5; step++) {
        size_t line = 0, col = 0;
        assert_true(scan(trig, step, &line, &col));
        assert_int_equal(line, 3);
        assert_int_equal(col, 3);
    }
}

/* The old TriG form "<> = {" too (found by fuzzing: raptor reads it and crashes the same way). */
static void
test_guard_finds_empty_iri_equals_brace(void **state)
{
    (void)state;
    size_t line = 0, col = 0;
    assert_true(scan("<>={", 0, &line, &col));
    assert_true(scan("<http://x/s> <http://x/p> <http://x/o> .\n<> = { }\n", 2, &line, &col));
    assert_int_equal(line, 2);
    assert_int_equal(col, 1);
}

/* Not found where the pair is inside a string, a long string, an IRI or a comment, or where a
 * non-empty IRI or another token stands between. */
static void
test_guard_ignores_strings_comments_and_other_iris(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "<http://x/s> <http://x/p> \"<> {\" .\n",
        "<http://x/s> <http://x/p> '''a ''<> {'' \\''' b''' .\n",
        "<http://x/s> <http://x/p> \"\"\"x\"\"<> {\"\"\" .\n",
        "# <> {\n<http://x/s> <http://x/p> <http://x/o> .\n",
        "<http://x/g> { <http://x/s> <http://x/p> <> . }\n",
        "<> <http://x/p> \"\" . <http://x/g> {}\n",
        "<http://x/s> <http://x/p> \"a\\\"<> {\" .\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        for (size_t step = 0; step <= 3; step++) {
            size_t line = 0, col = 0;
            assert_false(scan(texts[i], step, &line, &col));
        }
    }
}

/* A language tag of 255 characters is read, one of 256 refused at its '@' (raptor keeps the
 * length in a byte), also when the tag is cut between chunks. */
static void
test_guard_long_language_tag(void **state)
{
    (void)state;
    char text[400];
    for (size_t n = 255; n <= 256; n++) {
        int len = snprintf(text, sizeof text, "<http://x/s> <http://x/p> \"v\"@");
        memset(text + len, 'a', n);
        text[len + n / 2] = '_'; /* raptor takes an underscore into a tag too */
        strcpy(text + len + n, " .\n");
        for (size_t step = 0; step <= 7; step += 7) {
            ilokg_turtle_guard  g;
            size_t              line = 0, col = 0, at = 0, all = strlen(text);
            ilokg_guard_finding f = ILOKG_GUARD_OK;
            ilokg_turtle_guard_init(&g);
            while (!f && at < all) {
                size_t k = step && all - at > step ? step : all - at;
                f        = ilokg_turtle_guard_scan(&g, text + at, k, &line, &col);
                at += k;
            }
            assert_int_equal(f, n == 255 ? ILOKG_GUARD_OK : ILOKG_GUARD_LONG_LANGTAG);
            assert_int_equal(col, n == 255 ? 0 : 30); /* the '@' is the 30th character */
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guard_finds_empty_iri_before_brace),
        cmocka_unit_test(test_guard_finds_empty_iri_equals_brace),
        cmocka_unit_test(test_guard_ignores_strings_comments_and_other_iris),
        cmocka_unit_test(test_guard_long_language_tag),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
