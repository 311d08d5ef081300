/* SPDX-License-Identifier: Apache-2.0 */
/* Running one W3C test: syntax tests parse only; evaluation tests run the query and compare the
 * answer with the expected result; reporting, expected failures and the summary. */
#include "w3c_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilokg.h"

static int
ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static xfail *
xfail_of(runner *R, const char *name)
{
    for (size_t i = 0; i < R->n_xf; i++) {
        if (strcmp(R->xf[i].name, name) == 0) {
            return &R->xf[i];
        }
    }
    return NULL;
}

void
w3c_report(runner *R, folder_count *f, const w3c_test *t, int ok, const char *kind,
           const char *detail, const char *verbose)
{
    xfail *x = xfail_of(R, t->name);
    if (x) {
        x->seen = 1;
    }
    if (ok) {
        R->pass++;
        f->pass++;
        if (x) {
            printf("XPASS %s: listed in expected-failures.txt but passes\n", t->name);
        }
        return;
    }
    R->fail++;
    f->fail++;
    R->unexpected += !x;
    const char *nl = detail ? strchr(detail, '\n') : NULL;
    printf("FAIL %s: %s: %.*s%s\n", t->name, kind,
           nl ? (int)(nl - detail) : (int)strlen(detail ? detail : ""), detail ? detail : "",
           x ? " (expected failure)" : "");
    if (R->verbose) {
        printf("    query: %s\n", t->query_path ? t->query_path : "-");
        if (nl) {
            printf("%s\n", nl + 1);
        }
        if (verbose) {
            fputs(verbose, stdout);
        }
    }
}

static void
run_syntax(runner *R, folder_count *f, const w3c_test *t)
{
    ilokg_buf    msg = ILOKG_BUF_INIT;
    ilokg_status st  = w3c_engine_parse(t->query_path, t->query_iri, &msg);
    if (t->kind == W3C_TEST_POSITIVE) {
        w3c_report(R, f, t, st == ILOKG_OK, st == ILOKG_ERR_QUERY ? "refused" : "parse error",
                   msg.ptr, NULL);
    } else {
        w3c_report(R, f, t, st == ILOKG_ERR_SYNTAX,
                   st == ILOKG_OK ? "accepted an invalid query" : "refused with another status",
                   st == ILOKG_OK ? "" : msg.ptr, NULL);
    }
    ilokg_buf_free(&msg);
}

/* The writer the expected file's format calls for: the result-format tests check ilokg's
 * writers, so the answer goes through the writer and is read back. -1: none. */
static int
writer_for(const w3c_test *t)
{
    if (t->kind == W3C_TEST_CSV || ends_with(t->result_path, ".csv")) {
        return ILOKG_RESULTS_CSV;
    }
    if (ends_with(t->result_path, ".tsv")) {
        return ILOKG_RESULTS_TSV;
    }
    if (ends_with(t->result_path, ".srj")) {
        return ILOKG_RESULTS_JSON;
    }
    return -1;
}

static void
print_tables(ilokg_buf *out, const w3c_result *e, const w3c_result *a)
{
    char  *text = NULL;
    size_t len  = 0;
    FILE  *fp   = open_memstream(&text, &len);
    if (!fp) {
        return;
    }
    w3c_result_print(fp, e, "expected", 40);
    w3c_result_print(fp, a, "actual", 40);
    fclose(fp);
    (void)ilokg_buf_add(out, text, len);
    free(text);
}

/* Whether the answers would compare equal with every number written in one form per value. */
static int
same_values(w3c_result *exp, w3c_result *actual, const w3c_order *order)
{
    ilokg_buf why = ILOKG_BUF_INIT;
    int       eq  = !w3c_result_numbers_by_value(exp) && !w3c_result_numbers_by_value(actual) &&
             w3c_compare(exp, actual, order, &why);
    ilokg_buf_free(&why);
    return eq;
}

static void
compare_answer(runner *R, folder_count *f, const w3c_test *t, w3c_result *actual,
               const w3c_order_names *ordn)
{
    w3c_result   exp = W3C_RESULT_INIT;
    char        *err = NULL;
    int          rs_ordered, fmt = writer_for(t);
    ilokg_buf    why = ILOKG_BUF_INIT, tables = ILOKG_BUF_INIT;
    ilokg_status st = w3c_result_read(&exp, t->result_path, t->result_iri, &rs_ordered, &err);
    if (st) {
        w3c_report(R, f, t, 0, "expected result unreadable", err, NULL);
        goto done;
    }
    /* The keys' names live in actual, which the writer's round trip replaces: map them first. */
    size_t    keys[16];
    w3c_order order = {0};
    int       rdf   = ends_with(t->result_path, ".ttl") || ends_with(t->result_path, ".rdf");
    order.ordered   = ordn->ordered && (!rdf || rs_ordered);
    order.lax       = t->lax;
    for (size_t i = 0; i < ordn->n_keys && ordn->all_vars; i++) {
        long c = w3c_result_var_index(&exp, ordn->keys[i]);
        if (c < 0) {
            order.n_keys = 0;
            break;
        }
        keys[order.n_keys++] = (size_t)c;
    }
    order.keys = keys;
    if (fmt >= 0 && w3c_roundtrip(actual, fmt, &err)) {
        w3c_report(R, f, t, 0, "results writer", err, NULL);
        goto done;
    }
    int ok = w3c_compare(&exp, actual, &order, &why);
    if (!ok && R->verbose) {
        print_tables(&tables, &exp, actual);
    }
    w3c_report(R, f, t, ok,
               ok || !same_values(&exp, actual, &order)
                   ? "wrong answer"
                   : "wrong answer (numbers of equal value written otherwise)",
               why.ptr, tables.ptr);
done:
    w3c_result_clear(&exp);
    ilokg_buf_free(&why);
    ilokg_buf_free(&tables);
    free(err);
}

static void
run_eval(runner *R, folder_count *f, const w3c_test *t)
{
    w3c_case        c      = {t->query_path,
                              t->query_iri,
                              (const char *const *)t->data,
                              (const char *const *)t->data_iri,
                              t->n_data,
                              (const char *const *)t->named,
                              (const char *const *)t->named_iri,
                              t->n_named};
    w3c_result      actual = W3C_RESULT_INIT;
    w3c_order_names ordn;
    const char     *stage = "eval";
    ilokg_buf       msg   = ILOKG_BUF_INIT;
    ilokg_status    st    = w3c_engine_run(&actual, &ordn, &c, &stage, &msg);
    if (st) {
        const char *kind = strcmp(stage, "parse") == 0
                               ? (st == ILOKG_ERR_QUERY ? "refused" : "parse error")
                           : strcmp(stage, "data") == 0 ? "data not loaded"
                                                        : "evaluation error";
        w3c_report(R, f, t, 0, kind, msg.ptr ? msg.ptr : "(no message)", NULL);
    } else {
        compare_answer(R, f, t, &actual, &ordn);
    }
    w3c_result_clear(&actual);
    ilokg_buf_free(&msg);
}

void
w3c_test_run(runner *R, folder_count *f, const w3c_test *t)
{
    if (R->self_check) {
        if (t->kind == W3C_TEST_EVAL || t->kind == W3C_TEST_CSV) {
            ilokg_buf why = ILOKG_BUF_INIT;
            int       ok  = w3c_self_check(t, &why);
            w3c_report(R, f, t, ok, "self-check", why.ptr, NULL);
            ilokg_buf_free(&why);
        }
        return;
    }
    if (t->kind == W3C_TEST_POSITIVE || t->kind == W3C_TEST_NEGATIVE) {
        run_syntax(R, f, t);
    } else {
        run_eval(R, f, t);
    }
}

int
w3c_xfail_load(runner *R, const char *path)
{
    char  *text = NULL;
    size_t len  = 0;
    if (w3c_file_read(&text, &len, path)) {
        fprintf(stderr, "w3c_run: %s: cannot read\n", path);
        return 1;
    }
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) {
            *next++ = '\0';
        }
        line += strspn(line, " \t");
        if (!*line || *line == '#') {
            continue;
        }
        size_t n  = strcspn(line, " \t");
        xfail *xf = realloc(R->xf, (R->n_xf + 1) * sizeof *xf);
        if (!xf) {
            break;
        }
        R->xf         = xf;
        char *reason  = line + n + strspn(line + n, " \t");
        xf[R->n_xf++] = (xfail){ilokg_strndup(line, n), ilokg_strndup(reason, strlen(reason)), 0};
    }
    free(text);
    return 0;
}

int
w3c_summary(runner *R)
{
    for (size_t i = 0; i < R->n_folders && !R->list; i++) {
        folder_count *f = &R->folders[i];
        if (f->pass + f->fail + f->skip) {
            printf("%-40s %4zu passed, %3zu failed", f->folder, f->pass, f->fail);
            if (f->skip) {
                printf(", %zu skipped", f->skip);
            }
            printf("\n");
        }
    }
    for (size_t i = 0; i < R->n_xf && !R->filter && !R->list && !R->self_check; i++) {
        if (!R->xf[i].seen) {
            printf("NOTE %s: listed in expected-failures.txt but not a test of the suite\n",
                   R->xf[i].name);
        }
    }
    if (!R->list) {
        printf("%zu passed, %zu failed", R->pass, R->fail);
        if (R->skip) {
            printf(", %zu skipped", R->skip);
        }
        printf("\n");
    }
    int rc = R->broken || (R->self_check ? R->fail > 0 : R->unexpected > 0);
    for (size_t i = 0; i < R->n_folders; i++) {
        free(R->folders[i].folder);
    }
    for (size_t i = 0; i < R->n_xf; i++) {
        free(R->xf[i].name);
        free(R->xf[i].reason);
    }
    free(R->folders);
    free(R->xf);
    free(R->suite);
    return rc;
}
