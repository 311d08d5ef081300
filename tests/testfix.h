/* SPDX-License-Identifier: Apache-2.0 */
/* Test fixtures that need the library (testutil.h stays free of it for tests linked without it):
 * a world with a collecting sink, and the shipped gazetteer. */
#ifndef ILOKG_TESTFIX_H
#define ILOKG_TESTFIX_H

#include "testutil.h"

#include "recognize/gazetteer.h"

/* A world over the build's data directory whose messages go to sink. */
typedef struct {
    test_sink    sink;
    ilokg_world *w; /* owned */
} test_world_fixture;

/** cmocka setup: *state becomes a new test_world_fixture. */
int test_world_setup(void **state);
/** cmocka teardown: asserts every message was expected, frees the fixture. */
int test_world_teardown(void **state);

/* A sink and an empty in-memory query store. */
typedef struct {
    test_sink            sink;
    struct ilokg_qstore *st; /* owned (query/qstore.h, not included here: its ilokg_quad is not
                                 graph/graph.h's, and tests of either include this header) */
} test_store_fixture;

/** cmocka setup: *state becomes a new test_store_fixture. */
int test_store_setup(void **state);
/** cmocka teardown: frees the store, asserts every message was expected, frees the fixture. */
int test_store_teardown(void **state);

/** cmocka setup: *state becomes the gazetteer of data/reference, which must load without a
 *  message (the setup fails otherwise). */
int test_gazetteer_setup(void **state);
/** cmocka teardown: frees the gazetteer. */
int test_gazetteer_teardown(void **state);

#endif
