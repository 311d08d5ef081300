/* SPDX-License-Identifier: Apache-2.0 */
/* Test fixtures that need the library: a world with a collecting sink, the shipped gazetteer. */
#include "testfix.h"

#include <stdlib.h>

#include "graph/world.h"
#include "query/qstore.h"

int
test_world_setup(void **state)
{
    test_fixture *f = test_fixture_new(sizeof *f);
    assert_int_equal(ilokg_world_new(&f->w, ILOKG_TEST_DATA_DIR, test_sink_collect, &f->sink),
                     ILOKG_OK);
    *state = f;
    return 0;
}

int
test_store_setup(void **state)
{
    test_fixture *f = test_fixture_new(sizeof *f);
    assert_int_equal(ilokg_qstore_mem_new(&f->st), ILOKG_OK);
    *state = f;
    return 0;
}

int
test_fixture_teardown(void **state)
{
    test_fixture *f = *state;
    ilokg_world_free(f->w);
    ilokg_qstore_free(f->st);
    test_fixture_done(f);
    return 0;
}

int
test_gazetteer_setup(void **state)
{
    test_sink s;
    test_sink_init(&s);
    ilokg_gazetteer *gaz = NULL;
    ilokg_status st = ilokg_gazetteer_load(&gaz, ILOKG_TEST_SOURCE_DIR "/data/reference", &s.diag);
    size_t       n  = s.n; /* the reference tables load without a message */
    test_sink_free(&s);
    if (st != ILOKG_OK || n) {
        ilokg_gazetteer_free(gaz);
        return -1;
    }
    *state = gaz;
    return 0;
}

int
test_gazetteer_teardown(void **state)
{
    ilokg_gazetteer_free(*state);
    return 0;
}
