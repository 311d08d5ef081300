/* SPDX-License-Identifier: Apache-2.0 */
/* Test fixtures that need the library (testutil.h stays free of it for tests linked without it):
 * a world with a collecting sink, and the shipped gazetteer. */
#ifndef ILOKG_TESTFIX_H
#define ILOKG_TESTFIX_H

#include "testutil.h"

#include "recognize/gazetteer.h"

/* A sink, and a world over the build's data directory whose messages go to it or an empty
 * in-memory query store, as the setup chose (the other NULL). */
typedef struct {
    test_sink            sink;
    ilokg_world         *w;  /* owned */
    struct ilokg_qstore *st; /* owned (query/qstore.h, not included here: its ilokg_quad is not
                                 graph/graph.h's, and tests of either include this header) */
} test_fixture;

/** cmocka setups: *state becomes a new test_fixture with a world, or with a store. */
int test_world_setup(void **state);
int test_store_setup(void **state);
/** cmocka teardown for both: frees the world or store, asserts every message was expected,
 *  frees the fixture. */
int test_fixture_teardown(void **state);

/** cmocka setup: *state becomes the gazetteer of data/reference, which must load without a
 *  message (the setup fails otherwise). */
int test_gazetteer_setup(void **state);
/** cmocka teardown: frees the gazetteer. */
int test_gazetteer_teardown(void **state);

#endif
