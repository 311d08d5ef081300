/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the Turtle/TriG scan that keeps "<>" before '{' from raptor (it crashes on it). */
#include "testutil.h"

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
        if (ilokg_turtle_guard_scan(&g, text + at, n, line, col)) {
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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guard_finds_empty_iri_before_brace),
        cmocka_unit_test(test_guard_ignores_strings_comments_and_other_iris),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
