/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the gazetteer: the shipped tables as entities, folding, the name index, learned
 * instruments, and table errors located by file and line. */
#include "testfix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recognize/gazetteer.h"

static const ilokg_entity *
find(void **state, ilokg_entity_kind kind, const char *id)
{
    const ilokg_entity *e = ilokg_gazetteer_find(*state, kind, id);
    if (!e) {
        print_error("no %d '%s'\n", (int)kind, id);
    }
    assert_non_null(e);
    return e;
}

static void
test_gazetteer_instruments_from_tables(void **state)
{
    const ilokg_entity *e = find(state, ILOKG_ENT_INSTRUMENT, "C189");
    assert_string_equal(e->label, "Domestic Workers Convention, 2011 (No. 189)");
    assert_string_equal(e->type, "Convention");
    assert_string_equal(e->year, "2011");
    assert_string_equal(e->paired, "R201");
    assert_string_equal(e->normlex, "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0"
                                    "::NO::P12100_ILO_CODE:C189");
    assert_false(e->learned);
    e = find(state, ILOKG_ENT_INSTRUMENT, "P029");
    assert_string_equal(e->type, "Protocol");
    assert_string_equal(e->paired, "R203");
    assert_string_equal(e->status, "fundamental");
    e = find(state, ILOKG_ENT_INSTRUMENT, "MLC2006");
    assert_string_equal(e->label, "Maritime Labour Convention, 2006");
    assert_null(e->normlex); /* no NORMLEX code for MLC, 2006 was seen in any source */
    e = find(state, ILOKG_ENT_INSTRUMENT, "C188");
    assert_string_equal(e->label, "Work in Fishing Convention, 2007 (No. 188)");
    assert_string_equal(e->paired, "R199");
    assert_string_equal(e->normlex, "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0"
                                    "::NO::P12100_ILO_CODE:C188");
    e = find(state, ILOKG_ENT_INSTRUMENT, "MNE-DECL");
    assert_string_equal(e->type, "Declaration");
    /* C097 is in no table but pairs with R086: known from the pair table, title unknown. */
    e = find(state, ILOKG_ENT_INSTRUMENT, "C097");
    assert_true(e->learned);
    assert_string_equal(e->paired, "R086");
    assert_null(ilokg_gazetteer_find(*state, ILOKG_ENT_INSTRUMENT, "C999"));
    assert_null(ilokg_gazetteer_find(*state, ILOKG_ENT_INSTRUMENT, NULL));
}

static void
test_gazetteer_sdg_codes(void **state)
{
    const ilokg_entity *e = find(state, ILOKG_ENT_SDG, "8");
    assert_string_equal(e->type, "Goal");
    assert_string_equal(e->iri, "http://metadata.un.org/sdg/8");
    assert_string_equal(e->alt_label, "Decent work and economic growth");
    e = find(state, ILOKG_ENT_SDG, "8.7");
    assert_string_equal(e->type, "Target");
    assert_string_equal(e->parent, "8");
    assert_string_equal(e->iri, "http://metadata.un.org/sdg/8.7");
    e = find(state, ILOKG_ENT_SDG, "10.7.1");
    assert_string_equal(e->type, "Indicator");
    assert_string_equal(e->unsd_code, "C100701");
    assert_string_equal(e->iri, "http://metadata.un.org/sdg/C100701");
    assert_string_equal(e->parent, "10.7");
}

static void
test_gazetteer_countries_and_regions(void **state)
{
    const ilokg_entity *e = find(state, ILOKG_ENT_COUNTRY, "VNM");
    assert_string_equal(e->label, "Viet Nam");
    assert_string_equal(e->alpha2, "VN");
    assert_string_equal(e->m49, "704");
    assert_string_equal(e->op_iri, "http://publications.europa.eu/resource/authority/country/VNM");
    assert_string_equal(e->m49_region, "m49-142");
    assert_string_equal(e->m49_subregion, "m49-035");
    e = find(state, ILOKG_ENT_COUNTRY, "NAM");
    assert_null(e->wikidata); /* lost upstream: left empty, not filled from memory */
    e = find(state, ILOKG_ENT_REGION, "m49-002");
    assert_string_equal(e->label, "Africa");
    assert_int_equal(e->n_members, 60);
    bool nigeria = false;
    for (size_t i = 0; i < e->n_members; i++) {
        nigeria = nigeria || !strcmp(e->members[i], "NGA");
    }
    assert_true(nigeria);
    e = find(state, ILOKG_ENT_REGION, "eu27");
    assert_int_equal(e->n_members, 27);
    e = find(state, ILOKG_ENT_REGION, "western-balkans");
    assert_int_equal(e->n_members, 0); /* membership not sourced */
    e = find(state, ILOKG_ENT_REGION, "arab-states");
    assert_int_equal(e->n_members, 0);
}

static void
test_gazetteer_actors_and_themes(void **state)
{
    const ilokg_entity *e = find(state, ILOKG_ENT_ACTOR, "EC");
    assert_string_equal(e->type, "FormalOrganization");
    assert_string_equal(e->parent, "EU");
    assert_string_equal(e->see_also,
                        "http://publications.europa.eu/resource/authority/corporate-body/COM");
    e = find(state, ILOKG_ENT_ACTOR, "EFCA");
    assert_string_equal(e->see_also,
                        "http://publications.europa.eu/resource/authority/corporate-body/CFCA");
    e = find(state, ILOKG_ENT_ACTOR, "ILO-GB");
    assert_string_equal(e->type, "OrganizationalUnit");
    assert_string_equal(e->parent, "ILO");
    e = find(state, ILOKG_ENT_ACTOR, "ILO");
    assert_null(e->see_also);
    const char *const codes[] = {"ILO",  "EC",     "EU",     "EEAS", "EUDEL",
                                 "EUMS", "ILO-GB", "ILO-DG", "ILC"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        find(state, ILOKG_ENT_ACTOR, codes[i]);
    }
    e = find(state, ILOKG_ENT_THEME, "forced-labour");
    assert_string_equal(e->label, "Forced labour");
    assert_string_equal(e->parent, "child-forced-labour");
    assert_non_null(e->definition);
}

static void
count(const ilokg_entity *e, void *payload)
{
    const char **last = payload;
    if (*last) {
        assert_true(strcmp(*last, e->id) < 0);
    }
    *last = e->id;
}

static void
test_gazetteer_each_in_id_order(void **state)
{
    for (int k = 0; k < ILOKG_ENT_KIND_COUNT; k++) {
        const char *last = NULL;
        ilokg_gazetteer_each(*state, (ilokg_entity_kind)k, count, &last);
        assert_non_null(last);
    }
    ilokg_gazetteer_free(NULL);
}

static void
test_gazetteer_learns_instruments(void **state)
{
    const ilokg_entity *e, *again;
    const char         *title = "Seafarers' Identity Documents Convention (Revised)";
    assert_int_equal(ilokg_gazetteer_instrument(&e, *state, "C185", NULL, 0, NULL), ILOKG_OK);
    assert_true(e->learned);
    assert_null(e->label);
    assert_string_equal(e->type, "Convention");
    assert_string_equal(e->normlex, "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0"
                                    "::NO::P12100_ILO_CODE:C185");
    assert_int_equal(
        ilokg_gazetteer_instrument(&again, *state, "C185", title, strlen(title), "2003"), ILOKG_OK);
    assert_ptr_equal(e, again);
    assert_string_equal(e->label,
                        "Seafarers' Identity Documents Convention (Revised), 2003 (No. 185)");
    assert_string_equal(e->year, "2003");
    /* A shorter title does not replace a longer one, whatever the order. */
    assert_int_equal(ilokg_gazetteer_instrument(&again, *state, "C185", "Seafarers", 9, NULL),
                     ILOKG_OK);
    assert_string_equal(e->label,
                        "Seafarers' Identity Documents Convention (Revised), 2003 (No. 185)");
    /* The same name printed without, then with its year: the form with the year wins. */
    const char *pea = "Private Employment Agencies Convention";
    assert_int_equal(ilokg_gazetteer_instrument(&e, *state, "C181", pea, strlen(pea), NULL),
                     ILOKG_OK);
    assert_string_equal(e->label, pea);
    assert_int_equal(ilokg_gazetteer_instrument(&e, *state, "C181", pea, strlen(pea), "1997"),
                     ILOKG_OK);
    assert_string_equal(e->label, "Private Employment Agencies Convention, 1997 (No. 181)");
    e = again;
    assert_ptr_equal(ilokg_gazetteer_find(*state, ILOKG_ENT_INSTRUMENT, "C185"), e);
    /* A table's title is never replaced. */
    assert_int_equal(
        ilokg_gazetteer_instrument(&again, *state, "C081", "Some Longer Title Here", 22, NULL),
        ILOKG_OK);
    assert_string_equal(again->label, "Labour Inspection Convention, 1947 (No. 81)");
    assert_int_equal(ilokg_gazetteer_instrument(&e, *state, "X123", NULL, 0, NULL),
                     ILOKG_ERR_NOT_FOUND);
    assert_int_equal(ilokg_gazetteer_instrument(&e, *state, "C000", NULL, 0, NULL),
                     ILOKG_ERR_NOT_FOUND);
}

static void
test_gazetteer_fold(void **state)
{
    (void)state;
    /* "Côte d’Ivoire" + NBSP + "a\t \nb" + soft hyphen + en dash */
    const char   in[] = "C\xC3\xB4te d\xE2\x80\x99Ivoire\xC2\xA0"
                        "a\t \nb\xC2\xAD"
                        "c\xE2\x80\x93"
                        "D";
    ilokg_folded f;
    assert_int_equal(ilokg_fold(&f, in, strlen(in)), ILOKG_OK);
    assert_string_equal(f.folded, "C\xC3\xB4te d'Ivoire a bc-D");
    assert_string_equal(f.lower, "c\xC3\xB4te d'ivoire a bc-d");
    /* The apostrophe (folded byte 7) came from the three bytes 7-9. */
    assert_int_equal(f.start[7], 7);
    assert_int_equal(f.end[7], 10);
    /* The space after "Ivoire" (folded 14) is the NBSP, bytes 16-17. */
    assert_int_equal(f.start[14], 16);
    assert_int_equal(f.end[14], 18);
    /* "a\t \nb": one space for three bytes (19-21). */
    assert_int_equal(f.start[16], 19);
    assert_int_equal(f.end[16], 22);
    /* "b" and the soft hyphen after it (bytes 22-24). */
    assert_int_equal(f.start[17], 22);
    assert_int_equal(f.end[17], 25);
    assert_int_equal(f.start[f.len], strlen(in));
    ilokg_folded_free(&f);
    ilokg_folded_free(NULL);
}

typedef struct {
    char   got[1024];
    size_t n;
} scan_log;

static void
log_hit(const ilokg_name *nm, size_t start, size_t end, void *payload)
{
    scan_log *l = payload;
    if (nm->role != ILOKG_NAME_ENTITY && nm->role != ILOKG_NAME_STOP) {
        return;
    }
    l->n += (size_t)snprintf(l->got + l->n, sizeof l->got - l->n, "%s@%zu-%zu%s ",
                             nm->entity ? nm->entity->id : "stop", start, end,
                             nm->ambiguous ? "?" : "");
}

static void
test_gazetteer_scan_boundaries_and_case(void **state)
{
    /* 0         1         2         3         4         5
     * 0123456789012345678901234567890123456789012345678901234567 */
    const char   in[] = "Nigeria, Niger, us, US, Congo, Chadian, Hong Kong Convention";
    ilokg_folded f;
    scan_log     l = {{0}, 0};
    assert_int_equal(ilokg_fold(&f, in, strlen(in)), ILOKG_OK);
    ilokg_gazetteer_scan(*state, &f, log_hit, &l);
    /* Every hit: "Niger" never inside "Nigeria", "us" not the US, "Chad" not inside
     * "Chadian", "Congo" flagged ambiguous (COD and COG), "Hong Kong" and the stop around it. */
    assert_string_equal(l.got, "NGA@0-7 NER@9-14 USA@20-22 COD@24-29? COG@24-29? HKG@40-49 "
                               "stop@40-60 ");
    ilokg_folded_free(&f);
}

static void
test_gazetteer_reports_table_errors(void **state)
{
    (void)state;
    char dir[] = "/tmp/ilokg-gaz-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/sdg.tsv", dir);
    test_sink s;
    test_sink_init(&s);
    ilokg_gazetteer *gaz = NULL;

    /* A row with a cell too many, on line 4 (after a comment and the header). */
    test_write_file(path,
                    "# comment\ncode\tkind\tparent\ttitle\tshort_title\tunsd_code\tkos_iri\t"
                    "wikidata\n8\tgoal\t\tt\ts\t\tiri\tQ1\n8.7\ttarget\t8\tt\t\t\t\t\textra\n");
    assert_int_equal(ilokg_gazetteer_load(&gaz, dir, &s.diag), ILOKG_ERR_SYNTAX);
    assert_null(gaz);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 4, 1, "9 cells, the header has 8");
    assert_non_null(strstr(s.msgs[0].file, "sdg.tsv"));

    /* A missing column, reported on the header line. */
    test_write_file(path, "code\tkind\n8\tgoal\n");
    assert_int_equal(ilokg_gazetteer_load(&gaz, dir, &s.diag), ILOKG_ERR_SYNTAX);
    test_sink_expect(&s, ILOKG_ERR_SYNTAX, 1, 1, "missing column 'parent'");

    /* The next table is absent. */
    test_write_file(path, "code\tkind\tparent\ttitle\tshort_title\tunsd_code\tkos_iri\twikidata\n");
    assert_int_equal(ilokg_gazetteer_load(&gaz, dir, &s.diag), ILOKG_ERR_IO);
    test_sink_expect(&s, ILOKG_ERR_IO, 0, 0, "cannot open");
    assert_non_null(strstr(s.msgs[2].file, "countries.tsv"));
    test_sink_done(&s);
    unlink(path);
    rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gazetteer_instruments_from_tables),
        cmocka_unit_test(test_gazetteer_sdg_codes),
        cmocka_unit_test(test_gazetteer_countries_and_regions),
        cmocka_unit_test(test_gazetteer_actors_and_themes),
        cmocka_unit_test(test_gazetteer_each_in_id_order),
        cmocka_unit_test(test_gazetteer_learns_instruments),
        cmocka_unit_test(test_gazetteer_fold),
        cmocka_unit_test(test_gazetteer_scan_boundaries_and_case),
        cmocka_unit_test(test_gazetteer_reports_table_errors),
    };
    return cmocka_run_group_tests_name("gazetteer", tests, test_gazetteer_setup,
                                       test_gazetteer_teardown);
}
