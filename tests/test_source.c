/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of source loading: UTF-8 validation with located errors, line:col lookup. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/source.h"

/* The test sink keeps every message however many come (it once dropped all after the 64th, so
 * a 65th could go unnoticed): 200 warnings, each at its own line, all kept and in order. */
static void
test_source_sink_keeps_every_message(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    for (size_t i = 1; i <= 200; i++) {
        ilokg_report_at(&s.diag, ILOKG_OK, "t.txt", i, 1, "warning %zu", i);
    }
    assert_int_equal(s.n, 200);
    for (size_t i = 1; i <= 200; i++) {
        char want[32];
        snprintf(want, sizeof want, "warning %zu", i);
        test_sink_expect(&s, ILOKG_OK, i, 1, want);
    }
    test_sink_done(&s);
}

static void
test_source_locates_offsets(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_source *src = NULL;
    const char    txt[] = "first\nC\xC3\xB4te d'Ivoire\n\nlast";
    assert_int_equal(ilokg_source_from_bytes(&src, "t.txt", txt, strlen(txt), &s.diag), ILOKG_OK);
    size_t line, col;
    ilokg_source_locate(src, 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    ilokg_source_locate(src, 10, &line, &col); /* the 'e' after "Côt" */
    assert_int_equal(line, 2);
    assert_int_equal(col, 4);
    ilokg_source_locate(src, strlen(txt), &line, &col);
    assert_int_equal(line, 4);
    assert_int_equal(col, 5);
    ilokg_source_free(src);
    ilokg_source_free(NULL);
    test_sink_done(&s);
}

static void
test_source_rejects_invalid_utf8_with_location(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_source *src = NULL;
    size_t        len;
    char         *bytes = test_read_file(ILOKG_TEST_FIXTURES "/bad-utf8.txt", &len);
    assert_int_equal(ilokg_source_load(&src, ILOKG_TEST_FIXTURES "/bad-utf8.txt", &s.diag),
                     ILOKG_ERR_ENCODING);
    assert_null(src);
    /* Line 3, after "The ILO " (8 characters): a Latin-1 byte 0xE9. */
    test_sink_expect(&s, ILOKG_ERR_ENCODING, 3, 9, "invalid UTF-8 byte 0xE9");
    assert_int_equal(s.msgs[0].offset, (size_t)(strchr(bytes, '\xE9') - bytes));
    free(bytes);
    test_sink_done(&s);
}

static void
test_source_rejects_nul_with_location(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_source *src = NULL;
    /* The NUL is on line 2 after "Coop" (4 characters): column 5, byte offset 6 + 4 = 10. */
    const char txt[] = "Title\nCoop\0erate on decent work\n";
    assert_int_equal(ilokg_source_from_bytes(&src, "nul.txt", txt, sizeof txt - 1, &s.diag),
                     ILOKG_ERR_ENCODING);
    assert_null(src);
    test_sink_expect(&s, ILOKG_ERR_ENCODING, 2, 5, "NUL byte (U+0000) in the text");
    assert_int_equal(s.msgs[0].offset, 10);
    test_sink_done(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_source_locates_offsets),
        cmocka_unit_test(test_source_rejects_invalid_utf8_with_location),
        cmocka_unit_test(test_source_sink_keeps_every_message),
        cmocka_unit_test(test_source_rejects_nul_with_location),
    };
    return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
