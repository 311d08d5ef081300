/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the one TSV reader: header, comments, ragged rows, located errors. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/tsv.h"

/* Writes text to a fresh temporary file; returns its path (malloc'd). */
static char *
write_temp(const char *text)
{
    char *path = strdup("/tmp/ilokg-test-tsv-XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

/* Comment and blank lines are skipped; CRLF line ends and empty cells read as absent. The file
 * below has the header on line 2 and rows on lines 4 and 5 (counted by hand). */
static void
test_tsv_reads_header_rows_and_comments(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char     *path = write_temp("# a comment\ncode\tname\r\n\nC001\tFirst\nC002\t\n");
    ilokg_tsv t;
    const char *const req[] = {"code", "name", NULL};
    assert_int_equal(ilokg_tsv_load(&t, path, ILOKG_TSV_COMMENTS, req, &s.diag), ILOKG_OK);
    assert_int_equal(t.ncol, 2);
    assert_int_equal(t.head_line, 2);
    assert_int_equal(t.nrows, 2);
    assert_int_equal(t.lines[0], 4);
    assert_int_equal(t.lines[1], 5);
    size_t name = ilokg_tsv_column(&t, "name");
    assert_int_equal(name, 1);
    assert_int_equal(ilokg_tsv_column(&t, "none"), SIZE_MAX);
    assert_string_equal(ilokg_tsv_cell(&t, 0, name), "First");
    assert_null(ilokg_tsv_cell(&t, 1, name));
    assert_null(ilokg_tsv_cell(&t, 0, SIZE_MAX));
    ilokg_tsv_free(&t);
    ilokg_tsv_free(NULL);
    unlink(path);
    free(path);
    test_sink_done(&s);
}

/* A row one cell short is an error at its line (line 3), unless rows may be ragged; then the
 * missing cell is absent and an extra one dropped. */
static void
test_tsv_row_width(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char     *path = write_temp("a\tb\tc\n1\t2\t3\n4\t5\n6\t7\t8\t9\n");
    ilokg_tsv t;
    assert_int_equal(ilokg_tsv_load(&t, path, 0, NULL, &s.diag), ILOKG_ERR_SYNTAX);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 3, 1, "2 cells, the header has 3");
    ilokg_tsv_free(&t);
    assert_int_equal(ilokg_tsv_load(&t, path, ILOKG_TSV_RAGGED, NULL, &s.diag), ILOKG_OK);
    assert_int_equal(t.nrows, 3);
    assert_null(ilokg_tsv_cell(&t, 1, 2));
    assert_string_equal(ilokg_tsv_cell(&t, 2, 2), "8");
    ilokg_tsv_free(&t);
    unlink(path);
    free(path);
    test_sink_done(&s);
}

/* A missing required column is named at the header's line; bad UTF-8 at its byte offset (the
 * 0xFF is the 9th byte: offset 8). */
static void
test_tsv_errors(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char     *path = write_temp("\nid\tfile\n");
    ilokg_tsv t;
    const char *const req[] = {"id", "title", NULL};
    assert_int_equal(ilokg_tsv_load(&t, path, 0, req, &s.diag), ILOKG_ERR_SYNTAX);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 2, 1, "missing column 'title'");
    ilokg_tsv_free(&t);
    unlink(path);
    free(path);
    path = write_temp("id\tfile\n\xff\n");
    assert_int_equal(ilokg_tsv_load(&t, path, 0, NULL, &s.diag), ILOKG_ERR_ENCODING);
    test_sink_expect(&s, ILOKG_ERR_ENCODING, 0, 0, "invalid UTF-8 at byte 8");
    ilokg_tsv_free(&t);
    unlink(path);
    free(path);
    path = write_temp("# only a comment\n");
    assert_int_equal(ilokg_tsv_load(&t, path, ILOKG_TSV_COMMENTS, NULL, &s.diag),
                     ILOKG_ERR_SYNTAX);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 1, 1, "no header row");
    ilokg_tsv_free(&t);
    unlink(path);
    free(path);
    test_sink_done(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tsv_reads_header_rows_and_comments),
        cmocka_unit_test(test_tsv_row_width),
        cmocka_unit_test(test_tsv_errors),
    };
    return cmocka_run_group_tests_name("tsv", tests, NULL, NULL);
}
