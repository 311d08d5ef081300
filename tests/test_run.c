/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the query runner's own file: IRIs: a query's base IRI is its file's, written without
 * raptor (so that a query over the store does not load it), and must be the IRI raptor gives the
 * same file, as the loader names --named graphs and FROM files by raptor's. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <raptor2.h>

typedef struct {
    char dir[64];
    char cwd[4096];
    char empty[128]; /* an empty N-Triples file: the dataset */
} fx;

static int
setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "%s", "/tmp/ilokg-run-XXXXXX");
    assert_non_null(getcwd(f->cwd, sizeof f->cwd));
    assert_non_null(mkdtemp(f->dir));
    assert_int_equal(chdir(f->dir), 0);
    assert_int_equal(mkdir("a b", 0700), 0);
    snprintf(f->empty, sizeof f->empty, "%s/empty.nt", f->dir);
    FILE *fp = fopen(f->empty, "w");
    assert_non_null(fp);
    fclose(fp);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fx *f = *state;
    assert_int_equal(chdir(f->cwd), 0);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* The base IRI of a query stored at path: <> resolved against it. */
static char *
base_of(fx *f, const char *path)
{
    const char *text = "SELECT ?x { BIND(<> AS ?x) }";
    FILE       *q    = fopen(path, "w");
    assert_non_null(q);
    fputs(text, q);
    fclose(q);
    test_sink sink;
    test_sink_init(&sink);
    ilokg_world *w = NULL;
    assert_int_equal(ilokg_world_new(&w, NULL, test_sink_collect, &sink), ILOKG_OK);
    const char         *data[] = {f->empty};
    ilokg_query_options opt    = ILOKG_QUERY_OPTIONS_INIT;
    opt.data                   = data;
    opt.n_data                 = 1;
    opt.results                = ILOKG_RESULTS_TSV;
    char  *out                 = NULL;
    size_t len                 = 0;
    FILE  *fp                  = open_memstream(&out, &len);
    assert_non_null(fp);
    assert_int_equal(ilokg_query_run(w, text, path, &opt, fp), ILOKG_OK);
    fclose(fp);
    ilokg_world_free(w);
    test_sink_done(&sink);
    /* "?x\n<IRI>\n" */
    char *lt = strchr(out, '<'), *gt = lt ? strchr(lt, '>') : NULL;
    assert_non_null(gt);
    char *iri = strndup(lt + 1, (size_t)(gt - lt - 1));
    free(out);
    return iri;
}

static void
test_run_base_iri_as_raptor(void **state)
{
    fx *f = *state;
    /* The expected IRIs worked out by hand from RFC 3986 (5.2.4 removes the dot segments) and
     * raptor_uri_filename_to_uri_string's rule (only ' ' and '%' escaped); each also checked
     * against raptor itself below. */
    static const struct {
        const char *path, *rel;
    } cases[] = {
        {"q.rq", "q.rq"},
        {"a b/q.rq", "a%20b/q.rq"},
        {"./a b/../100%.rq", "100%25.rq"},
        {"a b/./x?y.rq", "a%20b/x?y.rq"}, /* "?" kept (a "#" would be cut by <>) */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = base_of(f, cases[i].path);
        char  want[512];
        snprintf(want, sizeof want, "file://%s/%s", f->dir, cases[i].rel);
        assert_string_equal(got, want);
        unsigned char *r = raptor_uri_filename_to_uri_string(cases[i].path);
        assert_non_null(r);
        assert_string_equal(got, (const char *)r);
        raptor_free_memory(r);
        free(got);
    }
    /* An absolute path with ".." past the root, as raptor writes it. */
    char abs[512];
    snprintf(abs, sizeof abs, "%s/a b/../../../..%s/q.rq", f->dir, f->dir);
    char          *got = base_of(f, abs);
    unsigned char *r   = raptor_uri_filename_to_uri_string(abs);
    char           want[512];
    snprintf(want, sizeof want, "file://%s/q.rq", f->dir);
    assert_string_equal(got, want);
    assert_string_equal(got, (const char *)r);
    raptor_free_memory(r);
    free(got);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_run_base_iri_as_raptor, setup, teardown),
    };
    return cmocka_run_group_tests_name("run", tests, NULL, NULL);
}
