/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the JSON-LD reader: each feature's statements, written out by hand from the JSON-LD
 * 1.1 Processing Algorithms (Deserialize JSON-LD to RDF, 8.6 for numbers), and the errors it
 * gives, each at its line and column. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/jsonld_read.h"
#include "util/buf.h"

/* Appends one term as N-Quads writes it (no escaping: the tests' strings need none). */
static void
put_term(ilokg_buf *b, const ilokg_qterm *t)
{
    if (t->kind == ILOKG_QT_IRI) {
        assert_int_equal(ilokg_buf_printf(b, "<%s>", t->lex), ILOKG_OK);
    } else if (t->kind == ILOKG_QT_BLANK) {
        assert_int_equal(ilokg_buf_printf(b, "_:%s", t->lex), ILOKG_OK);
    } else {
        assert_int_equal(ilokg_buf_printf(b, "\"%.*s\"", (int)t->lex_len, t->lex), ILOKG_OK);
        if (t->lang) {
            assert_int_equal(ilokg_buf_printf(b, "@%s", t->lang), ILOKG_OK);
        } else if (t->dt) {
            assert_int_equal(ilokg_buf_printf(b, "^^<%s>", t->dt), ILOKG_OK);
        }
    }
}

static ilokg_status
collect(void *user, const ilokg_qterm *s, const ilokg_qterm *p, const ilokg_qterm *o,
        const ilokg_qterm *g)
{
    ilokg_buf *b = user;
    put_term(b, s);
    assert_int_equal(ilokg_buf_addc(b, ' '), ILOKG_OK);
    put_term(b, p);
    assert_int_equal(ilokg_buf_addc(b, ' '), ILOKG_OK);
    put_term(b, o);
    if (g) {
        assert_int_equal(ilokg_buf_addc(b, ' '), ILOKG_OK);
        put_term(b, g);
    }
    assert_int_equal(ilokg_buf_adds(b, " .\n"), ILOKG_OK);
    return ILOKG_OK;
}

/* Reads doc (base http://ex.org/dir/doc) and compares the statements, in the order given,
 * with want. */
static void
check(const char *doc, const char *want)
{
    test_sink s;
    test_sink_init(&s);
    ilokg_buf out = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_jsonld_read(doc, strlen(doc), "t.jsonld", "http://ex.org/dir/doc",
                                       collect, &out, &s.diag),
                     ILOKG_OK);
    assert_string_equal(out.ptr ? out.ptr : "", want);
    ilokg_buf_free(&out);
    test_sink_done(&s);
}

/* Reads doc, expecting status st reported at line:col with needle in the message. */
static void
check_error(const char *doc, ilokg_status st, size_t line, size_t col, const char *needle)
{
    test_sink s;
    test_sink_init(&s);
    ilokg_buf out = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_jsonld_read(doc, strlen(doc), "t.jsonld", NULL, collect, &out, &s.diag),
                     st);
    test_sink_expect(&s, st, line, col, needle);
    ilokg_buf_free(&out);
    test_sink_done(&s);
}

#define EX "http://ex.org/"
#define XSD "http://www.w3.org/2001/XMLSchema#"
#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/* Terms, prefixes, @vocab, type coercion, keyword aliases and a relative @id resolved against
 * the base (http://ex.org/dir/doc + "../b" = http://ex.org/b). */
static void
test_jsonld_terms_and_coercion(void **state)
{
    (void)state;
    check(
        "{\"@context\": {\"@vocab\": \"http://ex.org/\", \"ex\": \"http://ex.org/ns#\",\n"
        "  \"id\": \"@id\", \"knows\": {\"@type\": \"@id\"}, \"kind\": {\"@type\": \"@vocab\"},\n"
        "  \"day\": {\"@id\": \"ex:day\", \"@type\": \"http://www.w3.org/2001/XMLSchema#date\"}},\n"
        " \"id\": \"../a\", \"@type\": \"Person\", \"knows\": \"../b\", \"kind\": \"Big\",\n"
        " \"day\": \"2020-01-01\", \"ex:name\": \"Ann\"}",
        "<" EX "a> <" RDF "type> <" EX "Person> .\n"
        "<" EX "a> <" EX "knows> <" EX "b> .\n"
        "<" EX "a> <" EX "kind> <" EX "Big> .\n"
        "<" EX "a> <" EX "ns#day> \"2020-01-01\"^^<" XSD "date> .\n"
        "<" EX "a> <" EX "ns#name> \"Ann\" .\n");
}

/* A document in expanded form, with no context at all (found by fuzzing: the empty context's
 * term table was searched through a null pointer). */
static void
test_jsonld_expanded_without_context(void **state)
{
    (void)state;
    check("[{\"@id\": \"http://ex.org/s\", \"@type\": [\"http://ex.org/T\"],\n"
          "  \"http://ex.org/p\": [{\"@value\": \"v\"}, {\"@id\": \"http://ex.org/o\"}]}]",
          "<" EX "s> <" RDF "type> <" EX "T> .\n"
          "<" EX "s> <" EX "p> \"v\" .\n"
          "<" EX "s> <" EX "p> <" EX "o> .\n");
}

/* Native values (8.6): 42 -> xsd:integer, 1.75 -> "1.75E0" xsd:double, 1.0 has no fractional
 * part -> "1" xsd:integer, 1e25 >= 10^21 -> "1.0E25", 5e-7 -> "5.0E-7", true -> xsd:boolean, a
 * number under a datatype keeps it. */
static void
test_jsonld_native_values(void **state)
{
    (void)state;
    check("{\"@context\": {\"@vocab\": \"http://ex.org/\",\n"
          "  \"d\": {\"@type\": \"http://www.w3.org/2001/XMLSchema#decimal\"}},\n"
          " \"@id\": \"http://ex.org/s\", \"i\": 42, \"f\": 1.75, \"w\": 1.0, \"big\": 1e25,\n"
          " \"small\": 5e-7, \"b\": true, \"d\": 3}",
          "<" EX "s> <" EX "i> \"42\"^^<" XSD "integer> .\n"
          "<" EX "s> <" EX "f> \"1.75E0\"^^<" XSD "double> .\n"
          "<" EX "s> <" EX "w> \"1\"^^<" XSD "integer> .\n"
          "<" EX "s> <" EX "big> \"1.0E25\"^^<" XSD "double> .\n"
          "<" EX "s> <" EX "small> \"5.0E-7\"^^<" XSD "double> .\n"
          "<" EX "s> <" EX "b> \"true\"^^<" XSD "boolean> .\n"
          "<" EX "s> <" EX "d> \"3\"^^<" XSD "decimal> .\n");
}

/* Languages: the default @language, a term's own (null: none), a language map with @none, a
 * value object's @language; a typed value object. */
static void
test_jsonld_languages(void **state)
{
    (void)state;
    check("{\"@context\": {\"@vocab\": \"http://ex.org/\", \"@language\": \"en\",\n"
          "  \"code\": {\"@language\": null}, \"label\": {\"@container\": \"@language\"}},\n"
          " \"@id\": \"http://ex.org/s\", \"name\": \"Ann\", \"code\": \"A1\",\n"
          " \"label\": {\"fr\": [\"Anne\", \"Annie\"], \"@none\": \"A\"},\n"
          " \"v\": {\"@value\": \"Hallo\", \"@language\": \"de\"},\n"
          " \"t\": {\"@value\": \"5\", \"@type\": \"http://www.w3.org/2001/XMLSchema#byte\"}}",
          "<" EX "s> <" EX "name> \"Ann\"@en .\n"
          "<" EX "s> <" EX "code> \"A1\" .\n"
          "<" EX "s> <" EX "label> \"Anne\"@fr .\n"
          "<" EX "s> <" EX "label> \"Annie\"@fr .\n"
          "<" EX "s> <" EX "label> \"A\" .\n"
          "<" EX "s> <" EX "v> \"Hallo\"@de .\n"
          "<" EX "s> <" EX "t> \"5\"^^<" XSD "byte> .\n");
}

/* Nested node objects are blank nodes; lists are rdf:first/rest chains (an empty one rdf:nil);
 * @reverse and reverse terms point the other way; @set is flattened; null is no value. */
static void
test_jsonld_nodes_lists_reverse(void **state)
{
    (void)state;
    check("{\"@context\": {\"@vocab\": \"http://ex.org/\", \"tags\": {\"@container\": \"@list\"},\n"
          "  \"parent\": {\"@reverse\": \"http://ex.org/child\"}},\n"
          " \"@id\": \"http://ex.org/s\", \"friend\": {\"name\": \"Bob\"}, \"tags\": [\"x\", 1],\n"
          " \"none\": {\"@list\": []}, \"parent\": {\"@id\": \"http://ex.org/p\"},\n"
          " \"@reverse\": {\"owns\": {\"@id\": \"http://ex.org/o\"}},\n"
          " \"s\": {\"@set\": [\"a\", null]}, \"n\": null}",
          "_:j0 <" EX "name> \"Bob\" .\n"
          "<" EX "s> <" EX "friend> _:j0 .\n"
          "_:j1 <" RDF "first> \"x\" .\n"
          "_:j2 <" RDF "first> \"1\"^^<" XSD "integer> .\n"
          "_:j1 <" RDF "rest> _:j2 .\n"
          "_:j2 <" RDF "rest> <" RDF "nil> .\n"
          "<" EX "s> <" EX "tags> _:j1 .\n"
          "<" EX "s> <" EX "none> <" RDF "nil> .\n"
          "<" EX "p> <" EX "child> <" EX "s> .\n"
          "<" EX "o> <" EX "owns> <" EX "s> .\n"
          "<" EX "s> <" EX "s> \"a\" .\n");
}

/* Graphs: a top-level {@context, @graph} is the default graph; a node with @id and @graph
 * names a graph; document blank node labels map to the reader's, one per label. */
static void
test_jsonld_graphs_and_blank_nodes(void **state)
{
    (void)state;
    check("{\"@context\": {\"@vocab\": \"http://ex.org/\"}, \"@graph\": [\n"
          " {\"@id\": \"_:x\", \"p\": {\"@id\": \"_:x\"}},\n"
          " {\"@id\": \"http://ex.org/g\", \"@graph\": [{\"@id\": \"_:x\", \"q\": 1}]}]}",
          "_:j0 <" EX "p> _:j0 .\n"
          "_:j0 <" EX "q> \"1\"^^<" XSD "integer> <" EX "g> .\n");
}

typedef struct {
    size_t      line, col;
    const char *needle;
} warning;

/* Reads doc (no base): it must succeed with the statements want and the warnings w[0, n). */
static void
check_warned(const char *doc, const char *want, const warning *w, size_t n)
{
    test_sink s;
    test_sink_init(&s);
    ilokg_buf out = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_jsonld_read(doc, strlen(doc), "t.jsonld", NULL, collect, &out, &s.diag),
                     ILOKG_OK);
    assert_string_equal(out.ptr ? out.ptr : "", want);
    for (size_t i = 0; i < n; i++) {
        test_sink_expect(&s, ILOKG_OK, w[i].line, w[i].col, w[i].needle);
    }
    ilokg_buf_free(&out);
    test_sink_done(&s);
}

/* A term defined after the term that uses it as a prefix; a context in a nested node applies
 * to that node only; a key that maps to no IRI is dropped with a warning at its value
 * ("other": 1 is on line 2, its value at column 52, counted by hand). */
static void
test_jsonld_scoping_and_dropped_keys(void **state)
{
    (void)state;
    static const warning w[] = {{2, 52, "the key 'other' maps to no IRI"}};
    check_warned(
        "{\"@context\": {\"name\": \"foaf:name\", \"foaf\": \"http://xmlns.com/foaf/0.1/\"},\n"
        " \"@id\": \"http://ex.org/s\", \"name\": \"Ann\", \"other\": 1,\n"
        " \"foaf:knows\": {\"@context\": {\"@vocab\": \"http://ex.org/\"}, \"x\": 2}}",
        "<http://ex.org/s> <http://xmlns.com/foaf/0.1/name> \"Ann\" .\n"
        "_:j0 <" EX "x> \"2\"^^<" XSD "integer> .\n"
        "<http://ex.org/s> <http://xmlns.com/foaf/0.1/knows> _:j0 .\n",
        w, 1);
}

/* What cannot be read is refused where it is, naming the reason. */
static void
test_jsonld_errors_are_located(void **state)
{
    (void)state;
    check_error("{\"@context\": \"http://schema.org/\",\n \"name\": \"x\"}", ILOKG_ERR_RDF, 1, 14,
                "remote context <http://schema.org/> is not fetched");
    check_error("{\"@context\": {\"@vocab\": \"http://ex.org/\"},\n"
                " \"@id\": \"http://ex.org/s\", \"@nest\": {}}",
                ILOKG_ERR_RDF, 2, 37, "@nest is not supported");
    check_error("{\"@context\": {\"a\": \"b:x\", \"b\": \"a:y\"}, \"a\": 1}", ILOKG_ERR_RDF, 1, 20,
                "cyclic IRI mapping");
    check_error("{\"@id\": \"http://ex.org/s\",\n \"p\": [1, 2,]}", ILOKG_ERR_SYNTAX, 2, 13,
                "not JSON");
    check_error("{\"@id\": \"http://ex.org/s\", \"http://ex.org/p\": 01}", ILOKG_ERR_SYNTAX, 1, 47,
                "not JSON");
    check_error("{\"@context\": {\"id\": \"@id\", \"@vocab\": \"http://ex.org/\"},\n"
                " \"@id\": \"http://ex.org/s\", \"id\": \"http://ex.org/t\"}",
                ILOKG_ERR_RDF, 2, 34, "colliding keywords: two @id");
    check_error("{\"@context\": [{\"@protected\": true, \"p\": \"http://ex.org/p\"},\n"
                " {\"p\": \"http://ex.org/q\"}], \"p\": 1}",
                ILOKG_ERR_RDF, 2, 8, "protected term redefinition of 'p'");
    check_error("[1, 2", ILOKG_ERR_SYNTAX, 1, 6, "ends too early");
}

/* What the algorithm drops (8.2: statements with a relative IRI, an IRI holding a space, a
 * malformed language tag) is dropped with a warning at its place; the rest is read. Columns
 * counted by hand: the @id values on lines 2 and 3, the @value string on line 4. */
static void
test_jsonld_ill_formed_dropped_with_warning(void **state)
{
    (void)state;
    static const warning w[] = {{2, 10, "the relative IRI 'rel' cannot be resolved"},
                                {3, 10, "holds a character IRIs may not hold"},
                                {4, 45, "language tag 'e n' is not well-formed"}};
    check_warned(
        "{\"@context\": {\"@vocab\": \"http://ex.org/\"}, \"@graph\": [\n"
        " {\"@id\": \"rel\", \"p\": 1},\n"
        " {\"@id\": \"http://ex.org/a b\", \"p\": 2},\n"
        " {\"@id\": \"http://ex.org/s\", \"p\": {\"@value\": \"x\", \"@language\": \"e n\"},\n"
        "  \"q\": 3}]}",
        "<http://ex.org/s> <http://ex.org/q> \"3\"^^<" XSD "integer> .\n", w, 3);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonld_terms_and_coercion),
        cmocka_unit_test(test_jsonld_expanded_without_context),
        cmocka_unit_test(test_jsonld_native_values),
        cmocka_unit_test(test_jsonld_languages),
        cmocka_unit_test(test_jsonld_nodes_lists_reverse),
        cmocka_unit_test(test_jsonld_graphs_and_blank_nodes),
        cmocka_unit_test(test_jsonld_scoping_and_dropped_keys),
        cmocka_unit_test(test_jsonld_errors_are_located),
        cmocka_unit_test(test_jsonld_ill_formed_dropped_with_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
