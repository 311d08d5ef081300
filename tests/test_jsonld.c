/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the JSON-LD writer: string escaping, the context file, term coercion fallbacks. Also
 * writes jsonld-escapes.{jsonld,nt} for the check against an independent processor (rdflib, in
 * tests/cli_export.cmake). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "read/doc.h"
#include "graph/graph.h"
#include "util/json.h"
#include "export/jsonld.h"
#include "export/serialize.h"
#include "graph/world.h"

static char *
escaped(const char *s, size_t len)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_json_escape(&b, s, len), ILOKG_OK);
    return ilokg_buf_detach(&b);
}

/* A row: input with its length taken from the literal (NULs and all), expected output. */
#define ROW(in, out)                                                                               \
    {                                                                                              \
        in, sizeof in - 1, out                                                                     \
    }

static void
test_jsonld_escapes_strings(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t      len;
        const char *out;
    } rows[] = {
        ROW("plain", "\"plain\""),
        ROW("", "\"\""),
        ROW("say \"hi\"", "\"say \\\"hi\\\"\""),
        ROW("back\\slash", "\"back\\\\slash\""),
        ROW("a/b", "\"a/b\""), /* solidus needs no escape */
        ROW("line\nbreak\ttab\rcr", "\"line\\nbreak\\ttab\\rcr\""),
        ROW("\b\f", "\"\\b\\f\""),
        ROW("\x01\x1F", "\"\\u0001\\u001f\""),
        ROW("nul\0in", "\"nul\\u0000in\""),
        ROW("del\x7F", "\"del\\u007f\""),
        /* Non-ASCII stays UTF-8: ô (2 bytes), – (3 bytes), U+1F600 (4 bytes), U+2028. */
        ROW("C\xC3\xB4te \xE2\x80\x93 \xF0\x9F\x98\x80 \xE2\x80\xA8",
            "\"C\xC3\xB4te \xE2\x80\x93 \xF0\x9F\x98\x80 \xE2\x80\xA8\""),
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *got = escaped(rows[i].in, rows[i].len);
        assert_string_equal(got, rows[i].out);
        free(got);
    }
}

/* ontology/context.jsonld is the writer's context, byte for byte (ILOKG_UPDATE_GOLDEN=1 rewrites
 * it). */
static void
test_jsonld_context_file_matches_writer(void **state)
{
    (void)state;
    ilokg_buf b = ILOKG_BUF_INIT;
    assert_int_equal(ilokg_jsonld_context(&b), ILOKG_OK);
    const char *path = ILOKG_TEST_SOURCE_DIR "/ontology/context.jsonld";
    if (getenv("ILOKG_UPDATE_GOLDEN")) {
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        fputs(b.ptr, fp);
        fclose(fp);
    }
    char *want = test_read_file(path, NULL);
    assert_string_equal(want, b.ptr);
    assert_non_null(strstr(want, "\"label\": {\"@id\": \"rdfs:label\", \"@language\": \"en\"}"));
    assert_non_null(strstr(want, "\"ilokg\": \"https://w3id.org/ilokg/ns#\""));
    free(want);
    ilokg_buf_free(&b);
}

/* A document whose texts hold every awkward character: written both as JSON-LD and as
 * N-Triples for the independent comparison, and checked here for the fallbacks. */
static void
test_jsonld_writes_awkward_literals(void **state)
{
    (void)state;
    test_sink    s;
    ilokg_world *w = NULL;
    test_sink_init(&s);
    assert_int_equal(ilokg_world_new(&w, ILOKG_TEST_DATA_DIR, test_sink_collect, &s), ILOKG_OK);
    static const char text[] = "Quote \" backslash \\ tab\t newline\n cr\r bell\x07 del\x7F "
                               "C\xC3\xB4te d'Ivoire \xE2\x80\x93 \xF0\x9F\x98\x80 end";
    ilokg_doc        *d      = calloc(1, sizeof *d);
    assert_non_null(d);
    const char *meta[10] = {
        "esc-1", "esc-1.txt", "ProgrammingNote", "T\xC3\xADtulo \"quoted\"", "", "", "", "",
        "",      ""};
    char **fields = &d->meta.id;
    for (int i = 0; i < 10; i++) {
        fields[i] = ilokg_strndup(meta[i], strlen(meta[i]));
    }
    d->bytes               = ilokg_strndup(text, sizeof text - 1);
    d->len                 = sizeof text - 1;
    d->path                = ilokg_strndup("esc-1.txt", 9);
    d->n_sections          = 1;
    d->sections            = calloc(1, sizeof *d->sections);
    d->sections[0].heading = ilokg_strndup("Heading", 7);
    d->n_commitments       = 1;
    d->commitments         = calloc(1, sizeof *d->commitments);
    d->commitments[0]      = (ilokg_commitment){1,
                                                0,
                                                "",
                                                {"ILO"},
                                                1,
                                                ILOKG_MODALITY_OTHER,
                                                ilokg_strndup(text, sizeof text - 1),
                                                {0, sizeof text - 1},
                                                {0, 0},
                                                NULL,
                                                NULL,
                                                NULL,
                                                0};
    ilokg_graph *g         = NULL;
    assert_int_equal(ilokg_graph_new(&g, NULL, &w->diag), ILOKG_OK);
    assert_int_equal(ilokg_graph_add_doc(g, d, NULL), ILOKG_OK);
    assert_int_equal(ilokg_graph_add_reference(g, NULL), ILOKG_OK);
    /* A label in another language and an untyped title take the compact-IRI fallbacks. */
    const char *gi = "https://w3id.org/ilokg/id/graph/esc-1";
    assert_int_equal(ilokg_graph_add_quad(g, gi, "https://w3id.org/ilokg/id/doc/esc-1",
                                          ILOKG_NS_RDFS "label", "Titre", true, NULL, "fr"),
                     ILOKG_OK);
    assert_int_equal(ilokg_graph_add_quad(g, gi, "https://w3id.org/ilokg/id/doc/esc-1",
                                          ILOKG_NS_DCTERMS "title", "untagged", true, NULL, NULL),
                     ILOKG_OK);
    const char *ids[] = {d->meta.id};
    assert_int_equal(ilokg_graph_add_dataset(g, ids, 1, "2020-01-01T00:00:00Z", NULL), ILOKG_OK);

    char  *json = NULL;
    size_t len  = 0;
    FILE  *fp   = open_memstream(&json, &len);
    assert_non_null(fp);
    assert_int_equal(ilokg_jsonld_write(fp, g, &w->diag), ILOKG_OK);
    fclose(fp);
    assert_non_null(strstr(json, "\"text\": \"Quote \\\" backslash \\\\ tab\\t newline\\n cr\\r "
                                 "bell\\u0007 del\\u007f C\xC3\xB4te d'Ivoire \xE2\x80\x93 "
                                 "\xF0\x9F\x98\x80 end\""));
    assert_non_null(strstr(json, "\"rdfs:label\": {\"@value\": \"Titre\", \"@language\": \"fr\"}"));
    assert_non_null(strstr(json, "\"dcterms:title\": \"untagged\""));
    assert_non_null(strstr(json, "\"sequence\": \"1\""));
    assert_non_null(strstr(json, "\"modality\": \"https://w3id.org/ilokg/ns#OtherModality\""));
    assert_non_null(strstr(json, "\"dcterms:issued\": {\"@value\": \"2020-01-01T00:00:00Z\", "
                                 "\"@type\": \"xsd:dateTime\"}"));
    /* Same graph as N-Triples, for the comparison by an independent JSON-LD processor. */
    FILE *out = fopen("jsonld-escapes.jsonld", "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(json, 1, len, out), len);
    fclose(out);
    out = fopen("jsonld-escapes.nq", "wb");
    assert_non_null(out);
    assert_int_equal(ilokg_serialize(out, w, g, ILOKG_FORMAT_NQUADS), ILOKG_OK);
    fclose(out);
    free(json);
    ilokg_graph_free(g);
    ilokg_doc_free(d);
    test_sink_done(&s);
    ilokg_world_free(w);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonld_escapes_strings),
        cmocka_unit_test(test_jsonld_context_file_matches_writer),
        cmocka_unit_test(test_jsonld_writes_awkward_literals),
    };
    return cmocka_run_group_tests_name("jsonld", tests, NULL, NULL);
}
