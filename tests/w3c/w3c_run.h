/* SPDX-License-Identifier: Apache-2.0 */
/* The W3C test runner's state: the tests read from a manifest, counts, expected failures. */
#ifndef ILOKG_W3C_RUN_H
#define ILOKG_W3C_RUN_H

#include <stddef.h>

#include "w3c.h"

typedef enum {
    W3C_TEST_NONE,     /* a type this harness does not run (counted as skipped) */
    W3C_TEST_EVAL,     /* mf:QueryEvaluationTest */
    W3C_TEST_CSV,      /* mf:CSVResultFormatTest */
    W3C_TEST_POSITIVE, /* mf:PositiveSyntaxTest(11) */
    W3C_TEST_NEGATIVE, /* mf:NegativeSyntaxTest(11) */
} w3c_test_kind;

/** One test of a manifest (strings owned). */
typedef struct {
    char         *name; /* folder/local-name */
    w3c_test_kind kind;
    int           withdrawn;
    int           lax; /* mf:resultCardinality mf:LaxCardinality */
    char         *query_path, *query_iri, *result_path, *result_iri;
    char        **data, **data_iri;
    size_t        n_data;
    char        **named, **named_iri;
    size_t        n_named;
} w3c_test;

typedef struct {
    char  *folder;
    size_t pass, fail, skip;
} folder_count;

/** A test known to fail, from expected-failures.txt. */
typedef struct {
    char *name, *reason;
    int   seen;
} xfail;

typedef struct {
    char         *suite; /* real path of the suite folder */
    const char   *filter;
    int           verbose, list, self_check;
    xfail        *xf;
    size_t        n_xf;
    folder_count *folders;
    size_t        n_folders;
    size_t        pass, fail, skip, unexpected, broken;
} runner;

/** The suite-relative folder of a manifest (caller frees). */
char *w3c_folder_of(const runner *R, const char *manifest_path);
/** Runs one test (or checks its expected result, with --self-check) and counts it. */
void w3c_test_run(runner *R, folder_count *f, const w3c_test *t);
/** Counts a pass (ok) or a failure of kind with detail; verbose: more lines to show. */
void w3c_report(runner *R, folder_count *f, const w3c_test *t, int ok, const char *kind,
                const char *detail, const char *verbose);
/** Reads the list of expected failures: "name reason" lines, '#' comments. Non-zero: error. */
int w3c_xfail_load(runner *R, const char *path);
/** Prints the summaries and frees the runner; returns the exit status. */
int w3c_summary(runner *R);
/** --self-check of an expected result file: 1 when the comparison behaves on it. */
int w3c_self_check(const w3c_test *t, ilokg_buf *why);
/** Writes r with ilokg's writer in format and reads it back into r. */
ilokg_status w3c_roundtrip(w3c_result *r, int format, char **err);

#endif
