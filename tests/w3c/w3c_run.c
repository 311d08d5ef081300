/* SPDX-License-Identifier: Apache-2.0 */
/* Runs the W3C SPARQL 1.0 and 1.1 query test suites against ilokg's query engine: reads the
 * manifests, runs every query evaluation, syntax and result-format test, compares by the W3C
 * rules and prints one line per failure, a summary per folder and the totals. */
#include "w3c_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MF "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
#define QT "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
#define DAWGT "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#"

/* The top manifests; each includes the folders' own. */
static const char *const top_manifests[] = {
    "sparql10/manifest-evaluation.ttl",
    "sparql10/manifest-syntax.ttl",
    "sparql11/manifest-sparql11-query.ttl",
    "sparql11/manifest-sparql11-results.ttl",
};

static const struct {
    const char   *type;
    w3c_test_kind kind;
} test_types[] = {
    {MF "QueryEvaluationTest", W3C_TEST_EVAL},    {MF "CSVResultFormatTest", W3C_TEST_CSV},
    {MF "PositiveSyntaxTest", W3C_TEST_POSITIVE}, {MF "PositiveSyntaxTest11", W3C_TEST_POSITIVE},
    {MF "NegativeSyntaxTest", W3C_TEST_NEGATIVE}, {MF "NegativeSyntaxTest11", W3C_TEST_NEGATIVE},
};

static char *
term_str(const ilokg_qterm *t)
{
    return t ? ilokg_strndup(t->lex, t->lex_len) : NULL;
}

/* A file named in a manifest: its path and IRI. */
static int
file_of(char **path, char **iri, const ilokg_qterm *t)
{
    *path = NULL;
    *iri  = NULL;
    if (!t || t->kind != ILOKG_QT_IRI) {
        return 0;
    }
    *iri  = term_str(t);
    *path = *iri ? w3c_iri_to_path(*iri) : NULL;
    return *path != NULL;
}

static void
free_strs(char **a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(a[i]);
    }
    free(a);
}

/* The files of (node, p): paths and IRIs. */
static ilokg_status
files_of(char ***paths, char ***iris, size_t *n, const w3c_result *g, const ilokg_qterm *node,
         const char *p)
{
    const ilokg_qterm **objs = NULL;
    size_t              m    = 0;
    ilokg_status        st   = node ? w3c_graph_objects(&objs, &m, g, node, p) : ILOKG_OK;
    *paths                   = calloc(m + 1, sizeof **paths);
    *iris                    = calloc(m + 1, sizeof **iris);
    *n                       = 0;
    if (!*paths || !*iris) {
        st = ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < m && !st; i++) {
        if (!file_of(&(*paths)[i], &(*iris)[i], objs[i])) {
            st = ILOKG_ERR_NOT_FOUND;
        }
        *n = i + 1;
    }
    free(objs);
    return st;
}

static void
test_free(w3c_test *t)
{
    free(t->name);
    free(t->query_path);
    free(t->query_iri);
    free(t->result_path);
    free(t->result_iri);
    free_strs(t->data, t->n_data);
    free_strs(t->data_iri, t->n_data);
    free_strs(t->named, t->n_named);
    free_strs(t->named_iri, t->n_named);
}

static char *
test_name(const char *folder, const w3c_result *g, const ilokg_qterm *node)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    if (node->kind == ILOKG_QT_IRI) {
        const char *hash = memchr(node->lex, '#', node->lex_len);
        const char *tail = hash ? hash + 1 : strrchr(node->lex, '/');
        tail             = tail ? tail + (*tail == '/') : node->lex;
        (void)ilokg_buf_printf(&b, "%s/%s", folder, tail);
    } else {
        const ilokg_qterm *name = w3c_graph_object(g, node, MF "name");
        (void)ilokg_buf_printf(&b, "%s/%s", folder, name ? name->lex : node->lex);
    }
    return ilokg_buf_detach(&b);
}

/* Reads the test at node into t; ILOKG_ERR_NOT_FOUND when a file it names is not a file. */
static ilokg_status
test_read(w3c_test *t, const w3c_result *g, const ilokg_qterm *node, const char *folder)
{
    memset(t, 0, sizeof *t);
    t->name = test_name(folder, g, node);
    for (size_t i = 0; i < sizeof test_types / sizeof test_types[0]; i++) {
        if (w3c_graph_has(g, node, ILOKG_RDF "type", test_types[i].type)) {
            t->kind = test_types[i].kind;
        }
    }
    t->withdrawn = w3c_graph_has(g, node, DAWGT "approval", DAWGT "Withdrawn");
    t->lax       = w3c_graph_has(g, node, MF "resultCardinality", MF "LaxCardinality");
    if (!t->name) {
        return ILOKG_ERR_NOMEM;
    }
    if (!t->kind || t->withdrawn) {
        return ILOKG_OK;
    }
    const ilokg_qterm *action = w3c_graph_object(g, node, MF "action");
    if (t->kind == W3C_TEST_POSITIVE || t->kind == W3C_TEST_NEGATIVE) {
        return file_of(&t->query_path, &t->query_iri, action) ? ILOKG_OK : ILOKG_ERR_NOT_FOUND;
    }
    if (!action ||
        !file_of(&t->query_path, &t->query_iri, w3c_graph_object(g, action, QT "query")) ||
        !file_of(&t->result_path, &t->result_iri, w3c_graph_object(g, node, MF "result"))) {
        return ILOKG_ERR_NOT_FOUND;
    }
    ilokg_status st = files_of(&t->data, &t->data_iri, &t->n_data, g, action, QT "data");
    if (!st) {
        st = files_of(&t->named, &t->named_iri, &t->n_named, g, action, QT "graphData");
    }
    return st;
}

static folder_count *
folder_of(runner *R, const char *folder)
{
    for (size_t i = 0; i < R->n_folders; i++) {
        if (strcmp(R->folders[i].folder, folder) == 0) {
            return &R->folders[i];
        }
    }
    folder_count *f = realloc(R->folders, (R->n_folders + 1) * sizeof *f);
    if (!f) {
        return NULL;
    }
    R->folders = f;
    f          = &R->folders[R->n_folders];
    memset(f, 0, sizeof *f);
    if (!(f->folder = ilokg_strndup(folder, strlen(folder)))) {
        return NULL;
    }
    R->n_folders++;
    return f;
}

static void
run_entry(runner *R, const w3c_result *g, const ilokg_qterm *node, const char *folder)
{
    w3c_test      t;
    ilokg_status  st = test_read(&t, g, node, folder);
    folder_count *f  = folder_of(R, folder);
    if (!t.name || !f || (R->filter && !strstr(t.name, R->filter))) {
        test_free(&t);
        return;
    }
    if (R->list) {
        printf("%s\n", t.name);
    } else if (!t.kind || t.withdrawn) {
        f->skip++;
        R->skip++;
    } else if (st) {
        w3c_report(R, f, &t, 0, "manifest",
                   st == ILOKG_ERR_NOT_FOUND ? "names a file that is not one" : "out of memory",
                   NULL);
    } else {
        w3c_test_run(R, f, &t);
    }
    test_free(&t);
}

static void run_manifest(runner *R, const char *path, int depth);

static void
run_includes(runner *R, const w3c_result *g, const ilokg_qterm *m, int depth)
{
    const ilokg_qterm **items = NULL;
    size_t              n     = 0;
    (void)w3c_graph_list(&items, &n, g, w3c_graph_object(g, m, MF "include"));
    for (size_t i = 0; i < n; i++) {
        char *ipath, *iiri;
        if (file_of(&ipath, &iiri, items[i])) {
            run_manifest(R, ipath, depth + 1);
        }
        free(ipath);
        free(iiri);
    }
    free(items);
}

static void
run_manifest(runner *R, const char *path, int depth)
{
    char      *iri = w3c_path_to_iri(path), *err = NULL;
    w3c_result g = W3C_RESULT_INIT;
    if (!iri || depth > 8 || w3c_rdf_read(&g, path, iri, &err)) {
        fprintf(stderr, "w3c_run: %s: %s\n", path, err ? err : "cannot read");
        R->broken++;
        goto done;
    }
    ilokg_qterm m      = {ILOKG_QT_IRI, iri, strlen(iri), NULL, NULL};
    char       *folder = w3c_folder_of(R, path);
    run_includes(R, &g, &m, depth);
    const ilokg_qterm **entries = NULL;
    size_t              n       = 0;
    (void)w3c_graph_list(&entries, &n, &g, w3c_graph_object(&g, &m, MF "entries"));
    for (size_t i = 0; folder && i < n; i++) {
        run_entry(R, &g, entries[i], folder);
    }
    free(entries);
    free(folder);
done:
    w3c_result_clear(&g);
    free(err);
    free(iri);
}

char *
w3c_folder_of(const runner *R, const char *manifest_path)
{
    char       *real  = realpath(manifest_path, NULL);
    size_t      n     = strlen(R->suite);
    const char *rel   = real;
    char       *slash = real ? strrchr(real, '/') : NULL;
    if (!real || !slash) {
        free(real);
        return NULL;
    }
    *slash = '\0';
    if (strncmp(real, R->suite, n) == 0 && (real[n] == '/' || real[n] == '\0')) {
        rel = real + n + (real[n] == '/');
    }
    char *out = ilokg_strndup(rel, strlen(rel));
    free(real);
    return out;
}

/* --show FILE: the table a result file reads as (to check the readers by eye). */
static int
show(const char *path)
{
    w3c_result r   = W3C_RESULT_INIT;
    char      *iri = w3c_path_to_iri(path), *err = NULL;
    int        ordered = 0;
    int        rc      = !iri || w3c_result_read(&r, path, iri, &ordered, &err);
    if (rc) {
        fprintf(stderr, "w3c_run: %s: %s\n", path, err ? err : "cannot read");
    } else {
        w3c_result_print(stdout, &r, ordered ? "ordered" : "result", (size_t)-1);
    }
    w3c_result_clear(&r);
    free(iri);
    free(err);
    return rc;
}

static int
usage(void)
{
    fprintf(stderr, "usage: w3c_run --suite DIR [--expected-failures FILE] [--verbose] [--list] "
                    "[--self-check] [NAME-FILTER]\n       w3c_run --show RESULT-FILE\n");
    return 2;
}

int
main(int argc, char **argv)
{
    runner      R     = {0};
    const char *suite = NULL, *xfail_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--verbose") == 0) {
            R.verbose = 1;
        } else if (strcmp(argv[i], "--list") == 0) {
            R.list = 1;
        } else if (strcmp(argv[i], "--self-check") == 0) {
            R.self_check = 1;
        } else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc) {
            return show(argv[i + 1]);
        } else if (strcmp(argv[i], "--suite") == 0 && i + 1 < argc) {
            suite = argv[++i];
        } else if (strcmp(argv[i], "--expected-failures") == 0 && i + 1 < argc) {
            xfail_path = argv[++i];
        } else if (argv[i][0] == '-' || R.filter) {
            return usage();
        } else {
            R.filter = argv[i];
        }
    }
    if (!suite || !(R.suite = realpath(suite, NULL))) {
        return usage();
    }
    if (!R.self_check && !R.list && !w3c_engine_present()) {
        fprintf(stderr, "w3c_run: this build has no query engine; only --self-check and --list "
                        "work\n");
        free(R.suite);
        return 77;
    }
    if (xfail_path && w3c_xfail_load(&R, xfail_path)) {
        free(R.suite);
        return 2;
    }
    for (size_t i = 0; i < sizeof top_manifests / sizeof top_manifests[0]; i++) {
        ilokg_buf p = ILOKG_BUF_INIT;
        (void)ilokg_buf_printf(&p, "%s/%s", R.suite, top_manifests[i]);
        run_manifest(&R, p.ptr, 0);
        ilokg_buf_free(&p);
    }
    return w3c_summary(&R);
}
