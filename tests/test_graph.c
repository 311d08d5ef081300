/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the export graph: a small hand-built document against hand-checked N-Triples, the
 * dataset description, IRI bases, format names, SHA-256. */
#include "testfix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "read/doc.h"
#include "graph/graph.h"
#include "export/serialize.h"
#include "util/sha256.h"
#include "graph/world.h"

/* The source as shipped. Line 1 has an en dash (3 bytes, 1 code point) and line 4 an ô (2 bytes),
 * so byte and code-point offsets differ from there on. */
static const char source[] = "Joint Conclusions \xE2\x80\x93 Geneva\n" /* 29 bytes, 27 chars */
                             "1. Social protection\n"
                             "The ILO and the Commission will:\n"
                             "1. Promote ratification of C189 in C\xC3\xB4te d'Ivoire.\n"
                             "2. Support SDG target 8.7.\n"
                             "2. Migration\n"
                             "The Commission intends to:\n"
                             "a) Cooperate with the EU on migration.\n";

static char *
dup(const char *s)
{
    char *p = ilokg_strndup(s, strlen(s));
    assert_non_null(p);
    return p;
}

/* Byte offset of the n-th (1-based) occurrence of needle in source. */
static size_t
at(const char *needle, int n)
{
    const char *p = source;
    for (int i = 0; i < n; i++) {
        p = strstr(i ? p + 1 : p, needle);
        assert_non_null(p);
    }
    return (size_t)(p - source);
}

static ilokg_span
span_of(const char *needle, int n)
{
    size_t s = at(needle, n);
    return (ilokg_span){s, s + strlen(needle)};
}

static const char **
themes(const char *a)
{
    const char **t = calloc(1, sizeof *t);
    assert_non_null(t);
    t[0] = a;
    return t;
}

/* Two sections, three commitments, five mentions (one outside any commitment). */
static ilokg_doc *
small_doc(void)
{
    ilokg_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    d->meta  = (ilokg_meta){dup("test-2017"),
                            dup("test-2017.txt"),
                            dup("HLMConclusions"),
                            dup("Test conclusions"),
                            dup("13"),
                            dup("Geneva"),
                            dup("2017-01-18"),
                            dup("2017-01-19"),
                            dup("2017-01-19"),
                            dup("")};
    d->path  = dup("test-2017.txt");
    d->bytes = dup(source);
    d->len   = strlen(source);

    d->n_sections = 2;
    d->sections   = calloc(2, sizeof *d->sections);
    assert_non_null(d->sections);
    d->sections[0] =
        (ilokg_section){NULL, dup("Social  protection"),   span_of("Social protection", 1),
                        2,    themes("social-protection"), 1};
    d->sections[1] = (ilokg_section){
        dup("Plan of action"), dup("Migration"), span_of("Migration", 1), 1, NULL, 0};

    d->n_commitments = 3;
    d->commitments   = calloc(3, sizeof *d->commitments);
    assert_non_null(d->commitments);
    ilokg_commitment *c = d->commitments;
    c[0]                = (ilokg_commitment){1,
                                             0,
                                             "1",
                                             {"ILO", "EC"},
                                             2,
                                             ILOKG_MODALITY_WILL,
                                             dup("Promote ratification of C189 in C\xC3\xB4te d'Ivoire."),
                                             span_of("Promote ratification of C189 in C\xC3\xB4te d'Ivoire.", 1),
                                             span_of("The ILO and the Commission will:", 1),
                                             "promote",
                                             "firm",
                                             themes("standards"),
                                             1};
    c[1]                = (ilokg_commitment){2,
                                             0,
                                             "2",
                                             {"ILO", "EC"},
                                             2,
                                             ILOKG_MODALITY_WILL,
                                             dup("Support SDG target 8.7."),
                                             span_of("Support SDG target 8.7.", 1),
                                             span_of("The ILO and the Commission will:", 1),
                                             "support",
                                             "firm",
                                             NULL,
                                             0};
    c[2]                = (ilokg_commitment){3,
                                             1,
                                             "a",
                                             {"EC"},
                                             1,
                                             ILOKG_MODALITY_INTEND,
                                             dup("Cooperate with the \"EU\" on migration."),
                                             span_of("Cooperate with the EU on migration.", 1),
                                             span_of("The Commission intends to:", 1),
                                             "cooperate",
                                             "explore",
                                             NULL,
                                             0};

    d->n_mentions = 5;
    d->mentions   = calloc(5, sizeof *d->mentions);
    assert_non_null(d->mentions);
    ilokg_mention *m = d->mentions;
    m[0]             = (ilokg_mention){ILOKG_ENT_ACTOR, "ILO", span_of("ILO", 1), false, 0};
    m[1]             = (ilokg_mention){ILOKG_ENT_INSTRUMENT, "C189", span_of("C189", 1), false, 1};
    m[2] = (ilokg_mention){ILOKG_ENT_COUNTRY, "CIV", span_of("C\xC3\xB4te d'Ivoire", 1), false, 1};
    m[3] = (ilokg_mention){ILOKG_ENT_SDG, "8.7", span_of("8.7", 1), false, 2};
    m[4] = (ilokg_mention){ILOKG_ENT_ACTOR, "EU", span_of("EU", 1), true, 3};
    return d;
}

static int
cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Serialises g as N-Triples through raptor and returns the lines sorted (like LC_ALL=C sort). */
static char *
sorted_ntriples(ilokg_world *w, ilokg_graph *g)
{
    char  *text = NULL;
    size_t len  = 0;
    FILE  *fp   = open_memstream(&text, &len);
    assert_non_null(fp);
    assert_int_equal(ilokg_serialize(fp, w, g, ILOKG_FORMAT_NTRIPLES), ILOKG_OK);
    assert_int_equal(fclose(fp), 0);
    size_t n     = 0;
    char **lines = NULL;
    for (char *p = text, *nl; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        assert_non_null(nl);
        *nl   = '\0';
        lines = realloc(lines, (n + 1) * sizeof *lines);
        assert_non_null(lines);
        lines[n++] = p;
    }
    qsort(lines, n, sizeof *lines, cmp_line);
    ilokg_buf b = ILOKG_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ilokg_buf_printf(&b, "%s\n", lines[i]), ILOKG_OK);
    }
    free(lines);
    free(text);
    return ilokg_buf_detach(&b);
}

static void
compare_golden(const char *name, const char *got)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ILOKG_TEST_GOLDEN, name);
    if (getenv("ILOKG_UPDATE_GOLDEN")) {
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        fputs(got, fp);
        fclose(fp);
    }
    char *want = test_read_file(path, NULL);
    if (strcmp(want, got)) {
        print_error("output differs from %s; got:\n%s\n", path, got);
    }
    assert_string_equal(want, got);
    free(want);
}

typedef test_fixture fixture;

static void
test_graph_small_doc_matches_golden(void **state)
{
    fixture     *f   = *state;
    ilokg_doc   *doc = small_doc();
    ilokg_graph *g   = NULL;
    assert_int_equal(ilokg_graph_new(&g, NULL, &f->w->diag), ILOKG_OK);
    assert_int_equal(ilokg_graph_add_doc(g, doc, NULL), ILOKG_OK);
    assert_int_equal(ilokg_graph_add_reference(g, NULL), ILOKG_OK);
    char *nt = sorted_ntriples(f->w, g);
    compare_golden("small-doc.nt", nt);
    free(nt);
    ilokg_graph_free(g);
    ilokg_doc_free(doc);
}

static void
test_graph_dataset_counts_and_timestamp(void **state)
{
    fixture           *f   = *state;
    ilokg_doc         *doc = small_doc();
    ilokg_graph       *g   = NULL;
    const ilokg_quad **t   = NULL;
    size_t             n_data, n_all, nq;
    assert_int_equal(ilokg_graph_new(&g, "http://example.org/kg", &f->w->diag), ILOKG_OK);
    assert_string_equal(ilokg_graph_base(g), "http://example.org/kg/");
    assert_int_equal(ilokg_graph_add_doc(g, doc, NULL), ILOKG_OK);
    assert_int_equal(ilokg_graph_add_reference(g, NULL), ILOKG_OK);
    assert_int_equal(ilokg_graph_triples(&t, &n_data, g), ILOKG_OK);
    free(t);
    const char *ids[] = {doc->meta.id};
    assert_int_equal(ilokg_graph_add_dataset(g, ids, 1, "2023-11-14T22:13:20Z", NULL), ILOKG_OK);
    assert_int_equal(ilokg_graph_triples(&t, &n_all, g), ILOKG_OK);
    free(t);
    const ilokg_quad *q = ilokg_graph_quads(g, &nq);
    char              want[32];
    snprintf(want, sizeof want, "%zu", n_data);
    int found_triples = 0, found_issued = 0, found_commitments = 0, found_used = 0;
    for (size_t i = 0; i < nq; i++) {
        if (strcmp(q[i].g, "http://example.org/kg/graph/dataset")) {
            continue;
        }
        if (!strcmp(q[i].s, "http://example.org/kg/dataset") &&
            !strcmp(q[i].p, ILOKG_NS_VOID "triples")) {
            assert_string_equal(q[i].o, want);
            found_triples++;
        }
        if (!strcmp(q[i].p, ILOKG_NS_DCTERMS "issued")) {
            assert_string_equal(q[i].o, "2023-11-14T22:13:20Z");
            assert_string_equal(q[i].dt, ILOKG_NS_XSD "dateTime");
            found_issued++;
        }
        if (!strcmp(q[i].s, "http://example.org/kg/dataset/class/Commitment") &&
            !strcmp(q[i].p, ILOKG_NS_VOID "entities")) {
            assert_string_equal(q[i].o, "3");
            found_commitments++;
        }
        if (!strcmp(q[i].p, ILOKG_NS_PROV "used")) {
            assert_string_equal(q[i].o, "http://example.org/kg/doc/test-2017/source");
            found_used++;
        }
    }
    assert_int_equal(found_triples, 1);
    assert_int_equal(found_issued, 1);
    assert_int_equal(found_commitments, 1);
    assert_int_equal(found_used, 1);
    assert_true(n_all > n_data);
    ilokg_graph_free(g);
    ilokg_doc_free(doc);
}

static void
test_graph_rejects_unusable_base(void **state)
{
    fixture     *f = *state;
    ilokg_graph *g = NULL;
    assert_int_equal(ilokg_graph_new(&g, "no scheme/", &f->w->diag), ILOKG_ERR_USAGE);
    assert_null(g);
    test_sink_expect(&f->sink, ILOKG_ERR_USAGE, 0, 0, "base 'no scheme/' is not an absolute IRI");
    assert_int_equal(ilokg_graph_new(&g, "http://example.org/a b/", &f->w->diag), ILOKG_ERR_USAGE);
    test_sink_expect(&f->sink, ILOKG_ERR_USAGE, 0, 0, "is not an absolute IRI");
    assert_int_equal(ilokg_graph_new(&g, "urn:x:kg#", &f->w->diag), ILOKG_OK);
    assert_string_equal(ilokg_graph_base(g), "urn:x:kg#");
    ilokg_graph_free(g);
    ilokg_graph_free(NULL);
}

static void
test_graph_format_names(void **state)
{
    (void)state;
    ilokg_format fmt;
    static const struct {
        const char  *name;
        ilokg_format f;
    } rows[] = {
        {"turtle", ILOKG_FORMAT_TURTLE},  {"TTL", ILOKG_FORMAT_TURTLE},
        {"nt", ILOKG_FORMAT_NTRIPLES},    {"nquads", ILOKG_FORMAT_NQUADS},
        {"trig", ILOKG_FORMAT_TRIG},      {"rdfxml", ILOKG_FORMAT_RDFXML},
        {"rdf", ILOKG_FORMAT_RDFXML},     {"jsonld", ILOKG_FORMAT_JSONLD},
        {"json-ld", ILOKG_FORMAT_JSONLD},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_int_equal(ilokg_format_parse(&fmt, rows[i].name), ILOKG_OK);
        assert_int_equal(fmt, rows[i].f);
    }
    assert_int_equal(ilokg_format_parse(&fmt, "n3"), ILOKG_ERR_NOT_FOUND);
    assert_int_equal(ilokg_format_from_path(&fmt, "out/kg.nq"), ILOKG_OK);
    assert_int_equal(fmt, ILOKG_FORMAT_NQUADS);
    assert_int_equal(ilokg_format_from_path(&fmt, "a.d/kg.jsonld"), ILOKG_OK);
    assert_int_equal(fmt, ILOKG_FORMAT_JSONLD);
    assert_int_equal(ilokg_format_from_path(&fmt, "a.ttl/kg"), ILOKG_ERR_NOT_FOUND);
    assert_int_equal(ilokg_format_from_path(&fmt, "kg.txt"), ILOKG_ERR_NOT_FOUND);
    for (int i = 0; i < ILOKG_FORMAT_COUNT; i++) {
        assert_int_equal(ilokg_format_parse(&fmt, ilokg_format_name((ilokg_format)i)), ILOKG_OK);
        assert_int_equal(fmt, i);
    }
}

static void
test_graph_sha256_known_vectors(void **state)
{
    (void)state;
    char hex[ILOKG_SHA256_HEX_LEN + 1];
    /* FIPS 180-4 examples and the empty string. */
    ilokg_sha256_hex(hex, "", 0);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ilokg_sha256_hex(hex, "abc", 3);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    ilokg_sha256_hex(hex, two, strlen(two));
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *million = malloc(1000000);
    assert_non_null(million);
    memset(million, 'a', 1000000);
    ilokg_sha256_hex(hex, million, 1000000);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(million);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_graph_small_doc_matches_golden, test_world_setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_graph_dataset_counts_and_timestamp, test_world_setup,
                                        test_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_graph_rejects_unusable_base, test_world_setup,
                                        test_fixture_teardown),
        cmocka_unit_test(test_graph_format_names),
        cmocka_unit_test(test_graph_sha256_known_vectors),
    };
    return cmocka_run_group_tests_name("graph", tests, NULL, NULL);
}
