/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of validation against ontology/shapes.ttl: a good graph passes, hand-broken graphs give
 * one error per violation naming focus node and path, shapes outside the subset are refused. */
#include "testfix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/world.h"
#include "export/xmlguard.h"

typedef test_fixture fixture;

/* Asserts that exactly the expected messages arrived, in any order: each an error with status
 * ILOKG_ERR_RDF about file, containing every one of its needles. */
static void
expect_violations(test_sink *s, const char *file, const char *const (*want)[3], size_t n)
{
    if (s->n != n) {
        for (size_t i = 0; i < s->n; i++) {
            print_error("got: %s\n", s->msgs[i].text);
        }
    }
    assert_int_equal(s->n, n);
    for (size_t k = 0; k < n; k++) {
        bool found = false;
        for (size_t i = 0; i < s->n && !found; i++) {
            const test_message *m = &s->msgs[i];
            found                 = m->level == ILOKG_LEVEL_ERROR && m->status == ILOKG_ERR_RDF &&
                    strstr(m->file, file) && strstr(m->text, want[k][0]) &&
                    strstr(m->text, want[k][1]) && strstr(m->text, want[k][2]);
        }
        if (!found) {
            print_error("no message with %s | %s | %s\n", want[k][0], want[k][1], want[k][2]);
        }
        assert_true(found);
    }
    s->seen = s->n;
}

static void
test_validate_passes_a_good_graph(void **state)
{
    fixture    *f       = *state;
    const char *paths[] = {ILOKG_TEST_GOLDEN "/small-doc.nt"};
    size_t      n       = 99;
    assert_int_equal(ilokg_validate_files(f->w, paths, 1, &n), ILOKG_OK);
    assert_int_equal(n, 0);
}

#define C1 "<https://w3id.org/ilokg/id/doc/x/commitment/1>: "

static void
test_validate_reports_broken_commitment(void **state)
{
    fixture    *f       = *state;
    const char *paths[] = {ILOKG_TEST_FIXTURES "/broken-commitment.ttl"};
    size_t      n       = 0;
    assert_int_equal(ilokg_validate_files(f->w, paths, 1, &n), ILOKG_OK);
    static const char *const want[][3] = {
        {"<https://w3id.org/ilokg/id/doc/x/source/sha256>: ", "spdx:checksumValue: ",
         "value \"ABCD\"^^xsd:hexBinary does not match /^[0-9a-f]{64}$/"},
        {C1, "ilokg:section: ", "0 values, at least 1 required"},
        {C1, "ilokg:modality: ", "2 values, at most 1 allowed"},
        {C1, "ilokg:modality: ", "value ilokg:Must is not one of the 4 allowed"},
        {C1, "ilokg:sequence: ", "value \"one\"^^xsd:integer is not a valid xsd:integer literal"},
        {C1, "nif:beginIndex: ",
         "value \"50\"^^xsd:nonNegativeInteger is not less than nif:endIndex "
         "\"40\"^^xsd:nonNegativeInteger"},
    };
    assert_int_equal(n, 6);
    expect_violations(&f->sink, "broken-commitment.ttl", want, 6);
}

static void
test_validate_reports_broken_entities(void **state)
{
    fixture    *f       = *state;
    const char *paths[] = {ILOKG_TEST_FIXTURES "/broken-entities.ttl"};
    size_t      n       = 0;
    assert_int_equal(ilokg_validate_files(f->w, paths, 1, &n), ILOKG_OK);
    static const char *const want[][3] = {
        {"<https://w3id.org/ilokg/id/doc/y/mention/3-9>: ", "ilokg:refersTo: ",
         "0 values, at least 1 required (a mention refers to an entity)"},
        {"<https://w3id.org/ilokg/id/doc/y/mention/3-9>: ", "nif:anchorOf: ",
         "0 values, at least 1 required"},
        {"<https://w3id.org/ilokg/id/doc/y/mention/12-12>: ", "nif:beginIndex: ",
         "is not less than nif:endIndex \"12\"^^xsd:nonNegativeInteger"},
        {"<https://w3id.org/ilokg/id/instrument/C189>: ", "skos:notation: ",
         "0 values, at least 1 required"},
        {"<https://w3id.org/ilokg/id/instrument/C189>: ", "rdfs:label: ",
         "has no allowed language tag"},
        {"<https://w3id.org/ilokg/id/country/civ>: ", "skos:notation: ",
         "value \"civ\" does not match /^[A-Z]{3}$/"},
        {"<https://w3id.org/ilokg/id/actor/Nobody>: ", "is not a ilokg:Actor", ""},
        {"<https://w3id.org/ilokg/id/dataset>: ", "dcterms:license: ",
         "0 values, at least 1 required"},
    };
    assert_int_equal(n, 8);
    expect_violations(&f->sink, "broken-entities.ttl", want, 8);
}

static void
test_validate_refuses_unsupported_shapes(void **state)
{
    fixture    *f      = *state;
    const char *shapes = "unsupported-shapes.ttl";
    FILE       *fp     = fopen(shapes, "w");
    assert_non_null(fp);
    fputs("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
          "<http://example.org/S> a sh:NodeShape ;\n"
          "    sh:targetClass <http://example.org/C> ;\n"
          "    sh:property [ sh:path <http://example.org/p> ; sh:minLength 3 ] .\n",
          fp);
    fclose(fp);
    ilokg_validate_options opt     = {shapes, NULL};
    const char            *paths[] = {ILOKG_TEST_FIXTURES "/broken-commitment.ttl"};
    size_t                 n       = 0;
    assert_int_equal(ilokg_validate_run(f->w, &opt, paths, 1, &n), ILOKG_ERR_SYNTAX);
    test_sink_expect(&f->sink, ILOKG_ERR_SYNTAX, 0, 0,
                     "sh:minLength is not supported by this validator");
    remove(shapes);
}

static void
test_validate_needs_a_readable_format(void **state)
{
    fixture    *f       = *state;
    const char *paths[] = {"export.jsonld"};
    size_t      n       = 0;
    assert_int_equal(ilokg_validate_files(f->w, paths, 1, &n), ILOKG_ERR_USAGE);
    test_sink_expect(&f->sink, ILOKG_ERR_USAGE, 0, 0, "cannot read jsonld here");
    const char *other[] = {"graph.data"};
    assert_int_equal(ilokg_validate_files(f->w, other, 1, &n), ILOKG_ERR_USAGE);
    test_sink_expect(&f->sink, ILOKG_ERR_USAGE, 0, 0, "cannot tell the format");
}

/* Each row: RDF/XML text, and the line and column of the refused declaration (0: accepted). */
static void
test_validate_xml_dtd_refused(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t      line, col;
    } rows[] = {
        {"<?xml version=\"1.0\"?>\n<rdf:RDF/>", 0, 0},
        {"<!DOCTYPE rdf:RDF>\n<rdf:RDF/>", 0, 0},
        {"<!DOCTYPE rdf:RDF [\n <!ENTITY a \"aaaa\">\n]>\n<rdf:RDF/>", 2, 2},
        {"<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>", 1, 14},
        {"<?xml version=\"1.0\"?>\n  <!DOCTYPE r SYSTEM \"http://x/y.dtd\"><r/>", 2, 3},
        {"<!DOCTYPE r PUBLIC \"-//x\" \"y.dtd\" [ ]><r/>", 1, 1},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        test_sink s;
        test_sink_init(&s);
        ilokg_status st = ilokg_xml_check_dtd(&s.diag, "x.rdf", rows[i].text, strlen(rows[i].text));
        if (!rows[i].line) {
            assert_int_equal(st, ILOKG_OK);
        } else {
            assert_int_equal(st, ILOKG_ERR_SYNTAX);
            test_sink_expect(&s, ILOKG_ERR_SYNTAX, rows[i].line, rows[i].col, "not accepted");
        }
        test_sink_done(&s);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validate_xml_dtd_refused),
        cmocka_unit_test_setup_teardown(test_validate_passes_a_good_graph, test_world_setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_validate_reports_broken_commitment, test_world_setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_validate_reports_broken_entities, test_world_setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_validate_refuses_unsupported_shapes, test_world_setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_validate_needs_a_readable_format, test_world_setup,
                                        test_fixture_teardown),
    };
    return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
