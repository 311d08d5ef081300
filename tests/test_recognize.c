/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of recognition: every mention form (a table of texts with hand-counted byte spans),
 * spans mapped back through the normalisation map, enclosing commitments, themes, and the
 * entity sets of the five corpus documents as read by hand. */
#include "testfix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recognize/gazetteer.h"
#include "recognize/recognize.h"
#include "recognize/recognize_int.h"
#include "read/text.h"

/* A document over bytes with an identity normalisation, recognised. */
static ilokg_doc *
recognize(void **state, const char *bytes, size_t len, test_sink *s)
{
    ilokg_doc *doc = calloc(1, sizeof *doc);
    assert_non_null(doc);
    doc->bytes = malloc(len + 1);
    doc->path  = strdup("t.txt");
    assert_non_null(doc->bytes);
    memcpy(doc->bytes, bytes, len);
    doc->bytes[len] = '\0';
    doc->len        = len;
    ilokg_text text = {doc->bytes, len, malloc((len + 1) * sizeof(size_t)), NULL};
    assert_non_null(text.map);
    for (size_t i = 0; i <= len; i++) {
        text.map[i] = i;
    }
    assert_int_equal(ilokg_recognize_doc(doc, &text, *state, &s->diag), ILOKG_OK);
    free(text.map);
    return doc;
}

static char
kind_letter(ilokg_entity_kind k)
{
    return "AISCRT"[k];
}

/* "K:id@start-end" for each mention of the kinds listed ('!' marks an indirect mention). */
static void
format(char *out, size_t size, const ilokg_doc *doc, const char *kinds)
{
    size_t n = 0;
    out[0]   = '\0';
    for (size_t i = 0; i < doc->n_mentions && n < size; i++) {
        const ilokg_mention *m = &doc->mentions[i];
        if (!strchr(kinds, kind_letter(m->kind))) {
            continue;
        }
        n += (size_t)snprintf(out + n, size - n, "%s%c:%s@%zu-%zu%s", n ? " " : "",
                              kind_letter(m->kind), m->id, m->span.start, m->span.end,
                              m->indirect ? "!" : "");
    }
}

typedef struct {
    const char *text, *kinds, *want;
} row;

static void
check_rows(void **state, const row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        test_sink s;
        test_sink_init(&s);
        ilokg_doc *doc = recognize(state, rows[i].text, strlen(rows[i].text), &s);
        char       got[2048];
        format(got, sizeof got, doc, rows[i].kinds);
        if (strcmp(got, rows[i].want)) {
            print_error("text: %s\n want: %s\n  got: %s\n", rows[i].text, rows[i].want, got);
        }
        assert_string_equal(got, rows[i].want);
        ilokg_doc_free(doc);
        test_sink_done(&s);
    }
}

#define CHECK(state, rows) check_rows(state, rows, sizeof rows / sizeof rows[0])

static void
test_recognize_instrument_numbers(void **state)
{
    static const row rows[] = {
        {"Convention No. 189", "I", "I:C189@0-18"},
        {"the Domestic Workers Convention (No. 189) and", "I", "I:C189@4-41"},
        {"the Labour Inspection Convention (No 81)", "I", "I:C081@4-40"},
        {"the Violence and Harassment Convention (No.190)", "I", "I:C190@4-47"},
        {"Recommendation (No.206)", "I", "I:R206@0-23"},
        {"the ILO Recommendation on the transition from informal to formal economy (N\xC2\xB0"
         "204)",
         "AI", "A:ILO@4-7 I:R204@8-81"},
        {"C189", "I", "I:C189@0-4"},
        {"C.189", "I", "I:C189@0-5"},
        {"C29", "I", "I:C029@0-3"},
        {"P29", "I", "I:P029@0-3"},
        {"Protocol P29", "I", "I:P029@0-12"},
        {"R204", "I", "I:R204@0-4"},
        {"C1 level, R2, COVID-19, CS3D, P 29", "I", ""},
        {"Convention 189", "I", "I:C189@0-14"},
        {"the Domestic Workers Convention 189 and", "I", "I:C189@4-35"},
        {"Work in Fishing Convention, 2007 (No. 188)", "I", "I:C188@0-42"},
        {"Work in Fishing Convention, 2007 (No 188)", "I", "I:C188@0-41"},
    };
    CHECK(state, rows);
}

static void
test_recognize_instrument_lists(void **state)
{
    static const row rows[] = {
        {"Conventions Nos 100, 102, 111, 183, 156, 189 and 190", "I",
         "I:C100@0-19 I:C102@21-24 I:C111@26-29 I:C183@31-34 I:C156@36-39 I:C189@41-44 "
         "I:C190@49-52"},
        {"Conventions Nos. 81, 87 and 98", "I", "I:C081@0-19 I:C087@21-23 I:C098@28-30"},
        {"Conventions No. 98 in 2019 and No.105 in 2020", "I", "I:C098@0-18 I:C105@31-37"},
        /* After "in <year>" only a number with its mark continues the list. */
        {"Convention No. 98 in 2019 and 40 others", "I", "I:C098@0-17"},
    };
    CHECK(state, rows);
}

static void
test_recognize_instrument_titles(void **state)
{
    static const row rows[] = {
        {"Domestic Workers Convention", "I", "I:C189@0-27"},
        {"Violence and Harassment Convention 2019, both", "I", "I:C190@0-39"},
        {"the Forced Labour Protocol P29, the", "I", "I:P029@4-30"},
        {"Forced Labour Protocol", "I", "I:P029@0-22"},
        {"Forced Labour\n  Protocol", "I", "I:P029@0-24"},
        /* The protocol's title names the Forced Labour Convention: P029 only. */
        {"the Protocol of 2014 to the Forced Labour Convention, 1930, and", "I", "I:P029@4-58"},
        {"Maritime Labour Convention, 2006", "I", "I:MLC2006@0-32"},
        {"the Code of the MLC, 2006.", "I", "I:MLC2006@16-25"},
        {"the ILO Work in Fishing Convention and other standards", "I", "I:C188@8-34"},
        /* A number decides against a title that names another instrument. */
        {"the Labour Inspection Convention (No. 129)", "I", "I:C129@4-42"},
    };
    CHECK(state, rows);
}

static void
test_recognize_paired_recommendations(void **state)
{
    static const row rows[] = {
        {"the 2014 ILO Forced Labour Protocol and Recommendation", "I",
         "I:P029@13-35 I:R203@40-54"},
        {"Domestic Workers Convention and its accompanying Recommendation", "I",
         "I:C189@0-27 I:R201@49-63"},
        {"Violence and Harassment Convention, 2019 (No.190) and its supplementing Recommendation "
         "(No.206)",
         "I", "I:C190@0-49 I:R206@72-95"},
        {"Conventions Nos. 97 and 143 and their accompanying Recommendations", "I",
         "I:C097@0-19 I:C143@24-27 I:R086@51-66 I:R151@51-66"},
        {"Work in Fishing Convention and Recommendation", "I", "I:C188@0-26 I:R199@31-45"},
        {"the Protocol of 2014 to the Forced Labour Convention, 1930, and its accompanying "
         "Recommendation",
         "I", "I:P029@4-58 I:R203@81-95"},
        /* No pairing without the "and ... Recommendation" phrase. */
        {"C097 and C143", "I", "I:C097@0-4 I:C143@9-13"},
    };
    CHECK(state, rows);
}

static void
test_recognize_generic_and_foreign_instruments(void **state)
{
    static const row rows[] = {
        {"ILO Conventions and Recommendations, fundamental conventions, the relevant ILO "
         "Conventions",
         "I", ""},
        {"the Hong Kong Convention", "IC", ""},
        {"the IMO Convention on Standards of Training, Certification and Watch keeping for "
         "Fishing Vessel Personnel (STCW-F)",
         "AI", "A:IMO@4-7"},
        {"the Up-skilling Pathways Recommendation adopted by the EU", "I", ""},
    };
    CHECK(state, rows);
}

static void
test_recognize_declarations(void **state)
{
    static const row rows[] = {
        {"the ILO Tripartite Declaration of Principles concerning Multinational Enterprises and "
         "Social Policy (MNE Declaration)",
         "AI", "A:ILO@4-7 I:MNE-DECL@8-99 I:MNE-DECL@101-116"},
        {"ILO Centenary Declaration for the Future of Work", "AI",
         "A:ILO@0-3 I:CENTENARY-DECL@4-48"},
        {"the ILO Declaration on Fundamental Principles and Rights at Work", "I",
         "I:FPRW-DECL@8-64"},
        {"the Philadelphia Declaration", "I", "I:PHILADELPHIA-DECL@4-28"},
    };
    CHECK(state, rows);
    const ilokg_entity *e = ilokg_gazetteer_find(*state, ILOKG_ENT_INSTRUMENT, "MNE-DECL");
    assert_string_equal(e->type, "Declaration");
}

static void
test_recognize_learns_printed_titles(void **state)
{
    static const row rows[] = {
        {"the Seafarers' Identity Documents Convention (Revised), 2003, as amended (No. 185)", "I",
         "I:C185@4-82"},
        {"the Private Employment Agencies Convention, 1997 (No. 181), and", "I", "I:C181@4-58"},
    };
    CHECK(state, rows);
    const ilokg_entity *e = ilokg_gazetteer_find(*state, ILOKG_ENT_INSTRUMENT, "C185");
    assert_non_null(e);
    assert_true(e->learned);
    /* the ILO's own form of the title, built from the printed name, year and number */
    assert_string_equal(e->label,
                        "Seafarers' Identity Documents Convention (Revised), 2003 (No. 185)");
    assert_string_equal(e->year, "2003");
    e = ilokg_gazetteer_find(*state, ILOKG_ENT_INSTRUMENT, "C181");
    assert_string_equal(e->label, "Private Employment Agencies Convention, 1997 (No. 181)");
    assert_string_equal(e->year, "1997");
    assert_string_equal(e->normlex, "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0"
                                    "::NO::P12100_ILO_CODE:C181");
}

static void
test_recognize_sdg_codes(void **state)
{
    static const row rows[] = {
        {"SDG 8", "S", "S:8@0-5"},
        {"SDGs 5 and 8", "S", "S:5@0-6 S:8@11-12"},
        {"Sustainable Development Goals 5 and 8", "S", "S:5@0-31 S:8@36-37"},
        {"SDG target 8.7", "S", "S:8.7@0-14"},
        {"target 10.7 of the 2030 Agenda", "S", "S:10.7@0-11"},
        {"Target 8.7 of the 2030 Sustainable Development Goals, which", "S", "S:8.7@0-10"},
        {"Indicator 10.7.1", "S", "S:10.7.1@0-16"},
        {"SDG indicator 10.7.1", "S", "S:10.7.1@0-20"},
        {"sustainable development goal (SDG) indicator 10.7.1, 7 the Office", "S", "S:10.7.1@0-51"},
        /* The code decides: "indicators 8.8 and 10.7" are targets. */
        {"SDG indicators 8.8 and 10.7", "S", "S:8.8@0-18 S:10.7@23-27"},
        {"on SDG target 8.7 (elimination of child labour and forced labour) and 8.8 (labour "
         "migration)",
         "S", "S:8.7@3-17 S:8.8@70-73"},
        {"SDG target 8.8. 8 The", "S", "S:8.8@0-14"},
    };
    CHECK(state, rows);
    const ilokg_entity *e = ilokg_gazetteer_find(*state, ILOKG_ENT_SDG, "10.7");
    assert_string_equal(e->type, "Target");
}

static void
test_recognize_sdg_lookalikes(void **state)
{
    static const row rows[] = {
        {"in Alliance 8.7 and the 8.7 Accelerator Lab; the SDGs; 2030 Agenda; target 5; 8.7", "AS",
         "A:ALLIANCE87@3-15"},
        {"SDG target 8.7, including through the 8.7 Accelerator Lab", "S", "S:8.7@0-14"},
        {"SDG 18 and SDG 2030", "S", ""},
    };
    CHECK(state, rows);
}

static void
test_recognize_country_spellings(void **state)
{
    static const row rows[] = {
        {"Viet Nam, Vietnam", "C", "C:VNM@0-8 C:VNM@10-17"},
        {"T\xC3\xBCrkiye and Turkey", "C", "C:TUR@0-8 C:TUR@13-19"},
        {"C\xC3\xB4te d\xE2\x80\x99Ivoire, C\xC3\xB4te d'Ivoire", "C", "C:CIV@0-16 C:CIV@18-32"},
        {"Russian Federation, Russia, Moldova, Cabo Verde, U.S.A.", "C",
         "C:RUS@0-18 C:RUS@20-26 C:MDA@28-35 C:CPV@37-47 C:USA@49-55"},
        {"the EU-Vietnam FTA and the EU-Kazakhstan Enhanced Partnership", "C",
         "C:VNM@7-14 C:KAZ@30-40"},
        {"Indian ship recycling yards", "CR", "C:IND@0-6!"},
        {"Geneva, Brussels, Moscow, Durban, Wolfsburg and Turin", "CR", ""},
        {"a project to be carried out in Jordan", "C", "C:JOR@31-37"},
        {"Chad, Guinea, Guinea-Bissau, Papua New Guinea, Georgia", "C",
         "C:TCD@0-4 C:GIN@6-12 C:GNB@14-27 C:PNG@29-45 C:GEO@47-54"},
        {"Niger and Nigeria", "C", "C:NER@0-5 C:NGA@10-17"},
        {"let us help the US", "C", "C:USA@16-18"},
        {"the Hong Kong Convention, Hong Kong", "C", "C:HKG@26-35"},
    };
    CHECK(state, rows);
}

static void
test_recognize_ambiguous_congo_is_reported(void **state)
{
    test_sink   s;
    const char *text = "x\nin Congo and the Democratic Republic of the Congo";
    test_sink_init(&s);
    ilokg_doc *doc = recognize(state, text, strlen(text), &s);
    char       got[256];
    format(got, sizeof got, doc, "C");
    /* "Congo" alone is COG or COD: reported, not guessed; the full name is resolved. */
    assert_string_equal(got, "C:COD@19-51");
    test_sink_expect(&s, ILOKG_OK, 2, 4, "ambiguous country name 'Congo' (COD or COG)");
    assert_string_equal(s.msgs[0].file, "t.txt");
    test_sink_done(&s);
    ilokg_doc_free(doc);
}

static void
test_recognize_regions(void **state)
{
    static const row rows[] = {
        {"Africa, Asia, Europe, the Americas, Central America and the Arab States", "R",
         "R:m49-002@0-6 R:m49-142@8-12 R:m49-150@14-20 R:m49-019@26-34 R:m49-013@36-51 "
         "R:arab-states@60-71"},
        {"Western Balkans, Eastern Partnership, Southern Neighbourhood, ASEAN", "R",
         "R:western-balkans@0-15 R:eastern-partnership@17-36 R:southern-neighbourhood@38-60 "
         "R:asean@62-67"},
        {"the EU-27 and Enlargement countries", "AR", "R:eu27@4-9 R:eu-candidate-countries@14-35"},
        {"all EU Member States", "AR", "A:EUMS@4-20 R:eu27@4-20"},
        {"Asian countries", "R", "R:m49-142@0-5!"},
        {"the European Union", "AR", "A:EU@4-18"},
        {"the World of Work", "R", ""},
    };
    CHECK(state, rows);
}

static void
test_recognize_actors(void **state)
{
    static const row rows[] = {
        {"International Labour Organization, International Labour Office, ILO's", "A",
         "A:ILO@0-33 A:ILO@35-62 A:ILO@64-67"},
        {"The European Commission and the Commission (EC)", "A", "A:EC@4-23 A:EC@32-42 A:EC@44-46"},
        {"the European External Action Service (EEAS) and EU Delegations", "A",
         "A:EEAS@4-36 A:EEAS@38-42 A:EUDEL@48-62"},
        {"the ILO Governing Body and the Director-General", "A", "A:ILO-GB@4-22 A:ILO-DG@31-47"},
        {"ITC-ILO, ITC/ILO, ITC\xE2\x80\x93ILO, International Training Centre of the ILO", "A",
         "A:ITC-ILO@0-7 A:ITC-ILO@9-16 A:ITC-ILO@18-27 A:ITC-ILO@29-69"},
        {"the ILC, IMO, FAO, IOM, OHCHR, World Bank, OECD, UN, G7, G20, EMSA", "A",
         "A:ILC@4-7 A:IMO@9-12 A:FAO@14-17 A:IOM@19-22 A:OHCHR@24-29 A:WB@31-41 A:OECD@43-47 "
         "A:UN@49-51 A:G7@53-55 A:G20@57-60 A:EMSA@62-66"},
        {"the European Fisheries Control Agency, social partners, the Global Migration Group, "
         "ISSA, Cedefop and Alliance 8.7",
         "A",
         "A:EFCA@4-37 A:SOCIAL-PARTNERS@39-54 A:GMG@60-82 A:ISSA@84-88 A:CEDEFOP@90-97 "
         "A:ALLIANCE87@102-114"},
        {"The Office will report to the Office of the United Nations High Commissioner for Human "
         "Rights.",
         "A", "A:ILO@0-10 A:OHCHR@26-93"},
        {"the EU and the non-EU States", "A", "A:EU@4-6"},
    };
    CHECK(state, rows);
}

/* Normalised text differs from the source: spans come back through the map. */
static void
test_recognize_maps_spans_to_source(void **state)
{
    test_sink s;
    test_sink_init(&s);
    ilokg_doc *doc    = calloc(1, sizeof *doc);
    doc->bytes        = strdup("Viet\xC2\xA0Nam"); /* NBSP: two source bytes */
    doc->len          = 9;
    size_t     map[]  = {0, 1, 2, 3, 4, 6, 7, 8, 9};
    size_t     end[]  = {1, 2, 3, 4, 6, 7, 8, 9};
    char       norm[] = "Viet Nam";
    ilokg_text text   = {norm, 8, map, end};
    assert_int_equal(ilokg_recognize_doc(doc, &text, *state, &s.diag), ILOKG_OK);
    assert_int_equal(doc->n_mentions, 1);
    assert_string_equal(doc->mentions[0].id, "VNM");
    assert_int_equal(doc->mentions[0].span.start, 0);
    assert_int_equal(doc->mentions[0].span.end, 9);
    ilokg_doc_free(doc);
    test_sink_done(&s);
}

static void
test_recognize_sets_enclosing_commitment(void **state)
{
    test_sink s;
    test_sink_init(&s);
    /*                  0         1         2         3         4         5
     *                  012345678901234567890123456789012345678901234567890123456789 */
    const char *text    = "The ILO will: 1. Promote C189 in Viet Nam. 2. Support SDG 8.";
    ilokg_doc  *doc     = calloc(1, sizeof *doc);
    doc->bytes          = strdup(text);
    doc->len            = strlen(text);
    doc->commitments    = calloc(2, sizeof *doc->commitments);
    doc->n_commitments  = 2;
    doc->commitments[0] = (ilokg_commitment){.seq = 1, .section = SIZE_MAX, .span = {14, 42}};
    doc->commitments[1] = (ilokg_commitment){.seq = 2, .section = SIZE_MAX, .span = {43, 60}};
    size_t *map         = malloc((doc->len + 1) * sizeof *map);
    for (size_t i = 0; i <= doc->len; i++) {
        map[i] = i;
    }
    ilokg_text t = {doc->bytes, doc->len, map, NULL};
    assert_int_equal(ilokg_recognize_doc(doc, &t, *state, &s.diag), ILOKG_OK);
    char got[256];
    format(got, sizeof got, doc, "AISCR");
    assert_string_equal(got, "A:ILO@4-7 I:C189@25-29 C:VNM@33-41 S:8@54-59");
    assert_int_equal(doc->mentions[0].commitment, 0);
    assert_int_equal(doc->mentions[1].commitment, 1);
    assert_int_equal(doc->mentions[2].commitment, 1);
    assert_int_equal(doc->mentions[3].commitment, 2);
    free(map);
    ilokg_doc_free(doc);
    test_sink_done(&s);
}

static char *
themes_of(const char **themes, size_t n)
{
    static char buf[256];
    size_t      k = 0;
    buf[0]        = '\0';
    for (size_t i = 0; i < n; i++) {
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? " " : "", themes[i]);
    }
    return buf;
}

static void
test_recognize_themes_from_headings(void **state)
{
    static const struct {
        const char *heading, *want;
    } rows[] = {
        {"Maritime and fishing", "maritime-fishing"},
        {"Maritime, Fishing and Shipbreaking Issues", "maritime-fishing"},
        {"Decent work in fishing and maritime sector worldwide", "maritime-fishing"},
        {"Social protection", "social-protection"},
        {"Trade and labour, International Labour Standards", "ils trade-labour"},
        {"Future of Work and EU Pillar of social rights", "employment-policy"},
        {"Migration and refugees", "migration"},
        {"Youth employment, work based learning and skills", "youth-skills"},
        {"Working towards the elimination of forced labour and child labour",
         "child-labour forced-labour"},
        {"Unlocking the social and economic potential of care", ""},
        {"Just transition to a carbon-neutral economy", "just-transition"},
        {"Decent work and the social and solidarity economy", "social-economy"},
        {"Informal Economy and Undeclared work", "informal-economy"},
        {"Gender Equality in the World of Work", "gender-equality"},
        {"Promoting Occupational Safety and Health (OSH)", "osh"},
        {"Specific countries", ""},
    };
    size_t     n = sizeof rows / sizeof rows[0];
    test_sink  s;
    ilokg_doc *doc = calloc(1, sizeof *doc);
    test_sink_init(&s);
    doc->bytes      = strdup("");
    doc->sections   = calloc(n, sizeof *doc->sections);
    doc->n_sections = n;
    for (size_t i = 0; i < n; i++) {
        doc->sections[i].heading = strdup(rows[i].heading);
    }
    size_t     map[1] = {0};
    ilokg_text t      = {doc->bytes, 0, map, NULL};
    assert_int_equal(ilokg_recognize_doc(doc, &t, *state, &s.diag), ILOKG_OK);
    for (size_t i = 0; i < n; i++) {
        const char *got = themes_of(doc->sections[i].themes, doc->sections[i].n_themes);
        if (strcmp(got, rows[i].want)) {
            print_error("heading: %s\n want: %s\n  got: %s\n", rows[i].heading, rows[i].want, got);
        }
        assert_string_equal(got, rows[i].want);
    }
    ilokg_doc_free(doc);
    test_sink_done(&s);
}

static void
test_recognize_themes_of_commitments_and_bodies(void **state)
{
    test_sink s;
    test_sink_init(&s);
    const char *text = "Maritime and fishing\nThe ILO will: 1. Combat forced labour at sea.\n"
                       "General conclusions\nWork on child labour and child labour data.\n";
    ilokg_doc  *doc  = calloc(1, sizeof *doc);
    doc->bytes       = strdup(text);
    doc->len         = strlen(text);
    doc->sections    = calloc(2, sizeof *doc->sections);
    doc->n_sections  = 2;
    doc->sections[0] = (ilokg_section){.heading = strdup("Maritime and fishing"), .span = {0, 20}};
    doc->sections[1] = (ilokg_section){.heading = strdup("General conclusions"), .span = {67, 86}};
    doc->commitments = calloc(1, sizeof *doc->commitments);
    doc->n_commitments  = 1;
    doc->commitments[0] = (ilokg_commitment){.seq = 1, .section = 0, .span = {35, 66}};
    size_t *map         = malloc((doc->len + 1) * sizeof *map);
    for (size_t i = 0; i <= doc->len; i++) {
        map[i] = i;
    }
    ilokg_text t = {doc->bytes, doc->len, map, NULL};
    assert_int_equal(ilokg_recognize_doc(doc, &t, *state, &s.diag), ILOKG_OK);
    assert_string_equal(themes_of(doc->sections[0].themes, doc->sections[0].n_themes),
                        "maritime-fishing");
    /* The heading says nothing: the body names child labour twice. */
    assert_string_equal(themes_of(doc->sections[1].themes, doc->sections[1].n_themes),
                        "child-labour");
    /* Its own text, and its section's theme. */
    assert_string_equal(themes_of(doc->commitments[0].themes, doc->commitments[0].n_themes),
                        "forced-labour maritime-fishing");
    free(map);
    ilokg_doc_free(doc);
    test_sink_done(&s);
}

/* ---- The corpus, read by hand ------------------------------------------------------------ */

typedef struct {
    const char *file;
    const char *instruments, *sdgs, *countries, *regions; /* sorted, space-separated */
} corpus_row;

static void
distinct(char *out, size_t size, const ilokg_doc *doc, ilokg_entity_kind kind)
{
    const char *ids[512];
    size_t      n = 0;
    for (size_t i = 0; i < doc->n_mentions && n < 512; i++) {
        if (doc->mentions[i].kind != kind) {
            continue;
        }
        size_t k = 0;
        while (k < n && strcmp(ids[k], doc->mentions[i].id)) {
            k++;
        }
        if (k == n) {
            ids[n++] = doc->mentions[i].id;
        }
    }
    for (size_t i = 1; i < n; i++) { /* insertion sort: small */
        for (size_t j = i; j > 0 && strcmp(ids[j - 1], ids[j]) > 0; j--) {
            const char *t = ids[j];
            ids[j]        = ids[j - 1];
            ids[j - 1]    = t;
        }
    }
    size_t k = 0;
    out[0]   = '\0';
    for (size_t i = 0; i < n; i++) {
        k += (size_t)snprintf(out + k, size - k, "%s%s", i ? " " : "", ids[i]);
    }
}

static void
check_set(const char *file, const char *what, const char *got, const char *want)
{
    if (strcmp(got, want)) {
        print_error("%s %s\n want: %s\n  got: %s\n", file, what, want, got);
    }
    assert_string_equal(got, want);
}

static void
test_recognize_corpus_entity_sets(void **state)
{
    static const corpus_row rows[] = {
        {"hlm13-2017-joint-conclusions.txt", "C188 MLC2006 P029 R203 R204", "8.7 8.8",
         "ARG ARM BGD JOR KAZ MMR MNG PAK PHL THA TUR UZB VNM",
         "eastern-partnership eu-candidate-countries european-neighbourhood-policy m49-013 "
         "m49-142 southern-neighbourhood western-balkans"},
        {"hlm15-2020-conclusions.txt",
         "C100 C111 C156 C183 C185 C188 C189 C190 CENTENARY-DECL MLC2006 MNE-DECL P029 R206",
         "14 5 8", "BGD DEU IND PAK", "eu27 m49-002 m49-142"},
        {"hlm16-2022-conclusions.txt",
         "C081 C100 C102 C111 C144 C155 C156 C183 C187 C188 C189 C190 CENTENARY-DECL FPRW-DECL "
         "MLC2006 MNE-DECL",
         "8 8.7", "CAN MDA RUS UKR USA", "eu27 m49-002 m49-143 m49-151 southern-neighbourhood"},
        {"ilc106-2017-labour-migration-conclusions.txt",
         "C097 C143 C181 C189 MFLM P029 R086 R151 R203", "10.7 10.7.1 8.8", "",
         "arab-states asean m49-002 m49-019 m49-142 m49-150"},
        {"ilo-programming-note-ils-trade.txt", "C081 C087 C098 C105 C129 FPRW-DECL", "8.7",
         "BGD CIV CPV FIN GHA KEN MDG MEX MMR MNG MOZ MWI PAK PHL UKR VNM", "eu27 m49-002"},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        char path[512], got[2048];
        snprintf(path, sizeof path, "%s/%s", ILOKG_TEST_CORPUS, rows[r].file);
        size_t    len;
        char     *bytes = test_read_file(path, &len);
        test_sink s;
        test_sink_init(&s);
        ilokg_doc *doc = recognize(state, bytes, len, &s);
        distinct(got, sizeof got, doc, ILOKG_ENT_INSTRUMENT);
        check_set(rows[r].file, "instruments", got, rows[r].instruments);
        distinct(got, sizeof got, doc, ILOKG_ENT_SDG);
        check_set(rows[r].file, "SDGs", got, rows[r].sdgs);
        distinct(got, sizeof got, doc, ILOKG_ENT_COUNTRY);
        check_set(rows[r].file, "countries", got, rows[r].countries);
        distinct(got, sizeof got, doc, ILOKG_ENT_REGION);
        check_set(rows[r].file, "regions", got, rows[r].regions);
        /* Sorted by start; never two mentions of one entity on overlapping spans. */
        for (size_t i = 1; i < doc->n_mentions; i++) {
            assert_true(doc->mentions[i - 1].span.start <= doc->mentions[i].span.start);
            for (size_t j = 0; j < i; j++) {
                const ilokg_mention *a = &doc->mentions[j], *b = &doc->mentions[i];
                assert_false(a->kind == b->kind && !strcmp(a->id, b->id) &&
                             b->span.start < a->span.end);
            }
        }
        test_sink_done(&s);
        ilokg_doc_free(doc);
        free(bytes);
    }
    /* Titles the documents print for instruments no table lists. */
    static const struct {
        const char *code, *label;
    } learned[] = {
        {"C097", "Migration for Employment Convention (Revised), 1949 (No. 97)"},
        {"C143", "Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143)"},
        {"R086", "Migration for Employment Recommendation (Revised), 1949 (No. 86)"},
        {"R151", "Migrant Workers Recommendation, 1975 (No. 151)"},
        {"C185", "Seafarers' Identity Documents Convention (Revised), 2003 (No. 185)"},
    };
    for (size_t i = 0; i < sizeof learned / sizeof learned[0]; i++) {
        const ilokg_entity *e = ilokg_gazetteer_find(*state, ILOKG_ENT_INSTRUMENT, learned[i].code);
        assert_non_null(e);
        assert_true(e->learned);
        assert_string_equal(e->label, learned[i].label);
    }
}

/* The pairwise de-duplication ilokg_rec_dedupe replaced (quadratic in candidates), kept as the
 * reference: on sorted candidates, c dies when an earlier live one overlapping it names the same
 * entity, or is a longer instrument mention containing c, an instrument name. */
static int
cmp_ref(const void *pa, const void *pb)
{
    const ilokg_rec_cand *a = pa, *b = pb;
    if (a->fs != b->fs) {
        return a->fs < b->fs ? -1 : 1;
    }
    if (a->fe != b->fe) {
        return a->fe > b->fe ? -1 : 1;
    }
    if (a->ent->kind != b->ent->kind) {
        return (int)a->ent->kind - (int)b->ent->kind;
    }
    return strcmp(a->ent->id, b->ent->id);
}

static void
dedupe_pairwise(ilokg_rec_cand *c, size_t n)
{
    qsort(c, n, sizeof *c, cmp_ref);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i && !c[i].dead; j++) {
            const ilokg_rec_cand *k = &c[j];
            if (k->dead || k->fe <= c[i].fs) {
                continue;
            }
            c[i].dead = k->ent == c[i].ent ||
                        (c[i].ent->kind == ILOKG_ENT_INSTRUMENT &&
                         k->ent->kind == ILOKG_ENT_INSTRUMENT && c[i].origin == ILOKG_ORIGIN_NAME &&
                         c[i].fe <= k->fe && k->fe - k->fs > c[i].fe - c[i].fs);
        }
    }
}

/* 3,000 random sets of up to 40 overlapping candidates over 4 entities (two instruments, a
 * country, an SDG target), some dead on entry: the linear pass keeps exactly the candidates
 * the pairwise comparison keeps. */
static void
test_recognize_dedupe_matches_pairwise(void **state)
{
    (void)state;
    static const ilokg_entity ents[] = {
        {.kind = ILOKG_ENT_INSTRUMENT, .id = "C029"},
        {.kind = ILOKG_ENT_INSTRUMENT, .id = "P029"},
        {.kind = ILOKG_ENT_COUNTRY, .id = "BGD"},
        {.kind = ILOKG_ENT_SDG, .id = "8.7"},
    };
    unsigned       seed = 12345;
    ilokg_rec_cand a[40], b[40];
    for (int round = 0; round < 3000; round++) {
        ilokg_rec_ctx x = {0};
        size_t        n = 0, want = (size_t)(round % 40) + 1;
        while (n < want) {
            seed              = seed * 1103515245u + 12345u;
            size_t         fs = (seed >> 8) % 30, len = (seed >> 16) % 8 + 1;
            ilokg_rec_cand c   = {&ents[(seed >> 4) % 4],
                                  fs,
                                  fs + len,
                                  false,
                                (seed >> 20) % 2 ? ILOKG_ORIGIN_NAME : ILOKG_ORIGIN_NUMBER,
                                  (seed >> 24) % 9 == 0};
            bool           dup = false; /* equal keys sort in no fixed order: keep each key once */
            for (size_t k = 0; k < n; k++) {
                dup = dup || (a[k].fs == c.fs && a[k].fe == c.fe && a[k].ent == c.ent);
            }
            if (!dup) {
                a[n] = b[n] = c;
                n++;
            }
        }
        x.c = a;
        x.n = n;
        ilokg_rec_dedupe(&x);
        assert_int_equal(x.st, ILOKG_OK);
        dedupe_pairwise(b, n);
        for (size_t k = 0; k < n; k++) {
            assert_true(a[k].fs == b[k].fs && a[k].fe == b[k].fe && a[k].ent == b[k].ent);
            if (a[k].dead != b[k].dead) {
                print_error("round %d: %s %zu-%zu kept by one, dropped by the other\n", round,
                            a[k].ent->id, a[k].fs, a[k].fe);
            }
            assert_int_equal(a[k].dead, b[k].dead);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recognize_instrument_numbers),
        cmocka_unit_test(test_recognize_instrument_lists),
        cmocka_unit_test(test_recognize_instrument_titles),
        cmocka_unit_test(test_recognize_paired_recommendations),
        cmocka_unit_test(test_recognize_generic_and_foreign_instruments),
        cmocka_unit_test(test_recognize_declarations),
        cmocka_unit_test(test_recognize_learns_printed_titles),
        cmocka_unit_test(test_recognize_sdg_codes),
        cmocka_unit_test(test_recognize_sdg_lookalikes),
        cmocka_unit_test(test_recognize_country_spellings),
        cmocka_unit_test(test_recognize_ambiguous_congo_is_reported),
        cmocka_unit_test(test_recognize_regions),
        cmocka_unit_test(test_recognize_actors),
        cmocka_unit_test(test_recognize_maps_spans_to_source),
        cmocka_unit_test(test_recognize_sets_enclosing_commitment),
        cmocka_unit_test(test_recognize_themes_from_headings),
        cmocka_unit_test(test_recognize_themes_of_commitments_and_bodies),
        cmocka_unit_test(test_recognize_corpus_entity_sets),
        cmocka_unit_test(test_recognize_dedupe_matches_pairwise),
    };
    return cmocka_run_group_tests_name("recognize", tests, test_gazetteer_setup,
                                       test_gazetteer_teardown);
}
