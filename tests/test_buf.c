/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the growable buffer and UTF-8 helpers. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

static void
test_buf_printf_appends(void **state)
{
    (void)state;
    ilokg_buf b = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_buf_adds(&b, "item "), ILOKG_OK);
    assert_int_equal(ilokg_buf_printf(&b, "%d of %s", 23, "73"), ILOKG_OK);
    assert_string_equal(b.ptr, "item 23 of 73");
    assert_int_equal(b.len, 13);
    char *s = ilokg_buf_detach(&b);
    assert_string_equal(s, "item 23 of 73");
    assert_null(b.ptr);
    free(s);
    ilokg_buf_free(NULL);
}

static void
test_buf_grow_zeroes_new_slots(void **state)
{
    (void)state;
    int   *a   = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < 100; i++) {
        assert_int_equal(ilokg_grow(&a, &cap, i, sizeof *a), ILOKG_OK);
        assert_int_equal(a[i], 0);
        a[i] = (int)i;
    }
    assert_true(cap >= 100);
    assert_int_equal(a[99], 99);
    free(a);
}

static void
test_utf8_rejects_overlong_and_surrogates(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(ilokg_utf8_decode(&cp, "\xC3\xBC", 2), 2); /* ü */
    assert_int_equal(cp, 0xFC);
    assert_int_equal(ilokg_utf8_decode(&cp, "\xE2\x80\x99", 3), 3); /* ’ */
    assert_int_equal(cp, 0x2019);
    assert_int_equal(ilokg_utf8_decode(&cp, "\xC0\xAF", 2), 0);     /* overlong '/' */
    assert_int_equal(ilokg_utf8_decode(&cp, "\xED\xA0\x80", 3), 0); /* surrogate */
    assert_int_equal(ilokg_utf8_decode(&cp, "\xE2\x80", 2), 0);     /* truncated */
    assert_int_equal(ilokg_utf8_validate("ok \xE2\x80\x99 \xFF!", 9), 7);
    assert_int_equal(ilokg_utf8_count("C\xC3\xB4te", 5), 4);
    char out[4];
    assert_int_equal(ilokg_utf8_encode(out, 0x2013), 3);
    assert_memory_equal(out, "\xE2\x80\x93", 3);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_printf_appends),
        cmocka_unit_test(test_buf_grow_zeroes_new_slots),
        cmocka_unit_test(test_utf8_rejects_overlong_and_surrogates),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
