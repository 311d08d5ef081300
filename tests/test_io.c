/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the atomic output: temporary files removed on request (what a signal handler does),
 * stale ones of dead processes swept, the umask's mode, symbolic links replaced. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/io.h"

/* A fresh directory for one test (malloc'd path). */
static char *
scratch(void)
{
    char *dir = strdup("/tmp/ilokg-test-io-XXXXXX");
    assert_non_null(dir);
    assert_non_null(mkdtemp(dir));
    return dir;
}

static int
exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

static void
test_io_temporaries_removed_on_signal(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char     *dir  = scratch();
    char     *path = ilokg_path_join(dir, "out.nt");
    ilokg_out o;
    assert_int_equal(ilokg_out_open(&o, path, &s.diag), ILOKG_OK);
    assert_true(exists(o.tmp));
    assert_non_null(strstr(o.tmp, "out.nt.tmp."));
    ilokg_io_remove_temporaries();
    assert_false(exists(o.tmp));
    ilokg_out_abort(&o);
    assert_false(exists(path));
    rmdir(dir);
    free(path);
    free(dir);
    test_sink_done(&s);
}

static void
test_io_sweeps_stale_and_keeps_live(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char *dir  = scratch();
    char *path = ilokg_path_join(dir, "out.nt");
    char  stale[512], live[512], other[512];
    snprintf(stale, sizeof stale, "%s.tmp.2147483646.AbCdEf", path);
    snprintf(live, sizeof live, "%s.tmp.%ld.AbCdEf", path, (long)getppid());
    snprintf(other, sizeof other, "%s/else.nt.tmp.2147483646.AbCdEf", dir);
    FILE *f;
    assert_non_null(f = fopen(stale, "w"));
    fclose(f);
    assert_non_null(f = fopen(live, "w"));
    fclose(f);
    assert_non_null(f = fopen(other, "w"));
    fclose(f);
    ilokg_out o;
    mode_t    old = umask(027);
    assert_int_equal(ilokg_out_open(&o, path, &s.diag), ILOKG_OK);
    umask(old);
    fputs("x\n", o.fp);
    assert_int_equal(ilokg_out_commit(&o, &s.diag), ILOKG_OK);
    assert_false(exists(stale));
    assert_true(exists(live));
    assert_true(exists(other));
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0640);
    unlink(live);
    unlink(other);
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
    test_sink_done(&s);
}

static void
test_io_replaces_symlink(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char *dir    = scratch();
    char *path   = ilokg_path_join(dir, "link.nt");
    char *target = ilokg_path_join(dir, "target");
    FILE *f      = fopen(target, "w");
    assert_non_null(f);
    fputs("keep\n", f);
    fclose(f);
    assert_int_equal(symlink("target", path), 0);
    ilokg_out o;
    assert_int_equal(ilokg_out_open(&o, path, &s.diag), ILOKG_OK);
    fputs("new\n", o.fp);
    assert_int_equal(ilokg_out_commit(&o, &s.diag), ILOKG_OK);
    struct stat sb;
    assert_int_equal(lstat(path, &sb), 0);
    assert_true(S_ISREG(sb.st_mode));
    size_t len;
    char  *kept = test_read_file(target, &len);
    assert_string_equal(kept, "keep\n");
    free(kept);
    unlink(path);
    unlink(target);
    rmdir(dir);
    free(path);
    free(target);
    free(dir);
    test_sink_done(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_io_temporaries_removed_on_signal),
        cmocka_unit_test(test_io_sweeps_stale_and_keeps_live),
        cmocka_unit_test(test_io_replaces_symlink),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
