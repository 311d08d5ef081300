/* SPDX-License-Identifier: Apache-2.0 */
/* Test helpers: a collecting diagnostics sink that fails teardown on unasserted messages. */
#ifndef ILOKG_TESTUTIL_H
#define ILOKG_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ilokg.h"
#include "util/status.h"
#include "tests_config.h"

typedef struct {
    ilokg_level  level;
    ilokg_status status;
    size_t       line, col, offset;
    char         file[256];
    char         text[512];
} test_message;

/* Every message is kept, however many come: one the test did not assert fails it. */
typedef struct {
    test_message *msgs; /* n of them, grown as they come; owned, freed by test_sink_done/_free */
    size_t        n, cap;
    size_t        seen; /* messages the test asserted */
    ilokg_diag    diag;
} test_sink;

/** A sink that collects; test_sink_init wires diag to it. */
void test_sink_init(test_sink *s);
void test_sink_collect(const ilokg_message *m, void *payload);
/** Asserts the next unseen message has this status, line and column and contains needle. */
void test_sink_expect(test_sink *s, ilokg_status st, size_t line, size_t col, const char *needle);
/** Asserts every message was expected, and frees the messages (also when one was not). */
void test_sink_done(test_sink *s);
/** Frees the messages without asserting (a fixture's setup that checks s->n itself). */
void test_sink_free(test_sink *s);
/** A fixture of size bytes, zeroed, whose first member is a test_sink: the sink initialised.
 *  The caller's, freed with test_fixture_done. */
void *test_fixture_new(size_t size);
/** Asserts every message of the fixture's sink was expected, then frees the fixture (what it
 *  holds besides is the caller's to free first). */
void test_fixture_done(void *fixture);
/** Reads a whole file (malloc'd), failing the test when it cannot. */
char *test_read_file(const char *path, size_t *len);
/** Writes text to path (created or truncated), failing the test when it cannot. */
void test_write_file(const char *path, const char *text);

#endif
