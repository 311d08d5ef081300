/* SPDX-License-Identifier: Apache-2.0 */
/* Segmentation: one hand-written fixture per layout defect, the 2017 golden reading, and the
 * corpus totals counted by reading each document. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read/normalize.h"
#include "read/segment.h"
#include "util/source.h"

typedef struct {
    ilokg_source *src;
    ilokg_doc    *doc;
} reading;

static reading
read_path(const char *path, test_sink *s)
{
    reading    r = {NULL, calloc(1, sizeof(ilokg_doc))};
    ilokg_text t = {0};
    assert_non_null(r.doc);
    r.doc->meta.title = NULL;
    assert_int_equal(ilokg_source_load(&r.src, path, &s->diag), ILOKG_OK);
    assert_int_equal(ilokg_normalize(&t, r.src, &s->diag), ILOKG_OK);
    assert_int_equal(ilokg_segment_doc(r.doc, &t, r.src, &s->diag), ILOKG_OK);
    ilokg_text_free(&t);
    return r;
}

static void
reading_free(reading *r)
{
    ilokg_doc_free(r->doc);
    ilokg_source_free(r->src);
}

static void
actors_str(const ilokg_commitment *c, char *out, size_t max)
{
    out[0] = '\0';
    for (size_t k = 0; k < c->n_actors; k++) {
        size_t n = strlen(out);
        snprintf(out + n, max - n, "%s%s", k ? " " : "", c->actors[k]);
    }
}

/* Expected commitment, as read by hand from the fixture. */
typedef struct {
    const char *number, *section, *actors, *modality, *text;
} want;

static void
check_fixture(const char *name, const want *w, size_t n)
{
    test_sink s;
    test_sink_init(&s);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ILOKG_TEST_FIXTURES, name);
    reading r = read_path(path, &s);
    if (r.doc->n_commitments != n) {
        for (size_t i = 0; i < r.doc->n_commitments; i++) {
            print_error("  got %zu: %s\n", i + 1, r.doc->commitments[i].text);
        }
    }
    assert_int_equal(r.doc->n_commitments, n);
    for (size_t i = 0; i < n; i++) {
        const ilokg_commitment *c = &r.doc->commitments[i];
        char                    act[64];
        actors_str(c, act, sizeof act);
        assert_int_equal(c->seq, i + 1);
        assert_string_equal(c->number, w[i].number);
        assert_true(c->section < r.doc->n_sections);
        assert_string_equal(r.doc->sections[c->section].heading, w[i].section);
        assert_string_equal(act, w[i].actors);
        assert_string_equal(ilokg_modality_name(c->modality), w[i].modality);
        assert_string_equal(c->text, w[i].text);
    }
    /* Every span cut out of the fixture starts with the item's first word. */
    for (size_t i = 0; i < n; i++) {
        const ilokg_commitment *c = &r.doc->commitments[i];
        size_t                  k = strcspn(c->text, " ");
        assert_true(c->span.end > c->span.start);
        assert_memory_equal(r.src->bytes + c->span.start, c->text, k);
    }
    reading_free(&r);
    s.seen = s.n; /* fixture warnings are checked where a test is about them */
    test_sink_done(&s);
}

/* Margin headings over several short lines, a heading right after an item with no blank line,
 * lead-ins for both parties and for one, a past action that is context, a topic label. */
static void
test_segment_margin_layout(void **state)
{
    (void)state;
    static const want w[] = {
        {"1", "A sound partnership", "ILO EC", "Will",
         "Strengthen their coordination in the global agenda"},
        {"2", "A sound partnership", "ILO EC", "Will", "Work together on decent work."},
        {"3", "A sound partnership", "EC", "Will", "Monitor the ratification process"},
        {"4", "A sound partnership", "EC", "Will",
         "Consult each other on issues of common interest"},
        {"5", "Maritime and fishing", "ILO EC", "Will",
         "Cooperate in the implementation of the Maritime Labour Convention, 2006"},
        {"6", "Maritime and fishing", "ILO EC", "Will",
         "Bangladesh: continue to work towards compliance; Explore possibilities to contribute."},
    };
    check_fixture("segment-margin.txt", w, sizeof w / sizeof w[0]);
}

/* Words broken at a line end: hyphenation joined, compounds keep their hyphen (by the document's
 * own spelling elsewhere, or by their common parts), suspended hyphens untouched. */
static void
test_segment_line_end_hyphens(void **state)
{
    (void)state;
    static const want w[] = {
        {"1", "Labour standards", "ILO EC", "Will",
         "Cooperate in the promotion of the ratification of fundamental Conventions through "
         "long-term work-based learning"},
        {"2", "Labour standards", "ILO EC", "Will",
         "Support multi-stakeholder dialogue and the up- and re-skilling of workers in "
         "cross-border supply chains"},
        {"3", "Labour standards", "ILO EC", "Will",
         "Explore opportunities for implementation of the cooperation."},
        {"4", "Labour standards", "ILO EC", "Will",
         "Continue the implementation of joint projects on-going in Asia."},
    };
    check_fixture("segment-hyphens.txt", w, sizeof w / sizeof w[0]);
}

/* Cells of a flattened table are not headings: a date ending a sentence cut by the page, a
 * figure, a column of country names, a period, a list of partners (also its tail lines); the
 * rows' titles are. */
static void
test_segment_table_cells_not_headings(void **state)
{
    (void)state;
    static const char *const headings[] = {
        "Key messages", "Trade for Decent Work Project",
        "INTEGRATE Programme: Integrating trade and decent work"};
    test_sink s;
    test_sink_init(&s);
    reading r = read_path(ILOKG_TEST_FIXTURES "/segment-table-cells.txt", &s);
    for (size_t i = 0; i < r.doc->n_sections; i++) {
        print_message("  section %zu: %s\n", i + 1, r.doc->sections[i].heading);
    }
    assert_int_equal(r.doc->n_sections, sizeof headings / sizeof headings[0]);
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++) {
        assert_string_equal(r.doc->sections[i].heading, headings[i]);
    }
    assert_int_equal(r.doc->n_commitments, 0);
    reading_free(&r);
    s.seen = s.n;
    test_sink_done(&s);
}

/* The main verb and its action class: past a run-in title (also a long one), not fooled by a
 * colon after the verb, in the passive after the modal, after a topic label and adverbs; a
 * noun-phrase item has none. */
static void
test_segment_item_verbs(void **state)
{
    (void)state;
    static const struct {
        const char *verb, *action;
    } w[] = {
        {"provide", "firm"}, {"deepen", "firm"},     {"carry", "firm"},        {"expand", "firm"},
        {"work", "firm"},    {"explore", "explore"}, {"exchange", "exchange"}, {NULL, "other"},
    };
    test_sink s;
    test_sink_init(&s);
    reading r = read_path(ILOKG_TEST_FIXTURES "/segment-verbs.txt", &s);
    assert_int_equal(r.doc->n_commitments, sizeof w / sizeof w[0]);
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        const ilokg_commitment *c = &r.doc->commitments[i];
        if (w[i].verb) {
            assert_non_null(c->verb);
            assert_string_equal(c->verb, w[i].verb);
        } else {
            assert_null(c->verb);
        }
        assert_string_equal(c->action, w[i].action);
    }
    reading_free(&r);
    s.seen = s.n;
    test_sink_done(&s);
}

/* Table rows: items run together and split at ';' and at an imperative sentence, a sentence that
 * points back ("in these areas") kept with its item, an item cut by a running page header. */
static void
test_segment_table_run_on_items(void **state)
{
    (void)state;
    static const want w[] = {
        {"", "Social protection", "ILO EC", "Intend", "Cooperate in documenting initiatives"},
        {"", "Social protection", "ILO EC", "Intend",
         "Share information on social dialogue and employment policies. Explore opportunities "
         "for cooperation in these areas"},
        {"", "Social protection", "ILO EC", "Intend", "Jointly promote research findings."},
        {"", "Social protection", "ILO EC", "Intend",
         "Continue the exchange of experiences in the field of social protection."},
        {"", "Social protection", "ILO EC", "Intend", "Invite each other to meetings."},
        {"6", "Social protection", "ILO", "Intend", "Contribute to relevant consultations."},
    };
    check_fixture("segment-table-runon.txt", w, sizeof w / sizeof w[0]);
}

/* "Th 1. 2. 3.\te ILO ...": numbers of the list merged into the lead-in's first word. */
static void
test_segment_numbers_merged_into_a_word(void **state)
{
    (void)state;
    static const want w[] = {
        {"1", "Gender equality", "ILO EC", "Intend", "Step up their cooperation"},
        {"2", "Gender equality", "ILO EC", "Intend", "Explore cooperation on equal pay"},
        {"3", "Gender equality", "ILO EC", "Intend", "Exchange information on care work"},
        {"4", "Gender equality", "ILO EC", "Intend",
         "Facilitate contacts between EU Delegations and ILO Offices."},
    };
    check_fixture("segment-merged-numbers.txt", w, sizeof w / sizeof w[0]);
}

/* Item 2 followed by item 4: the lost item 3 is inside item 2's text. */
static void
test_segment_lost_number_restored(void **state)
{
    (void)state;
    static const want w[] = {
        {"1", "Maritime", "ILO EC", "Intend", "Continue to hold regular meetings"},
        {"2", "Maritime", "ILO EC", "Intend",
         "Continue to cooperate on sustainable fishing. Explore cooperation opportunities for "
         "capacity building"},
        {"3", "Maritime", "ILO EC", "Intend",
         "Cooperate in the promotion of ratification of the Maritime Labour Convention, 2006"},
        {"4", "Maritime", "ILO EC", "Intend", "Give particular attention to recruitment services."},
    };
    check_fixture("segment-lost-number.txt", w, sizeof w / sizeof w[0]);
}

/* Items numbered "1)": a number and a closing parenthesis before a capital open an item; the end
 * of "(No.\n202) and" on a wrapped line, before a lower-case word, does not. */
static void
test_segment_paren_numbers(void **state)
{
    (void)state;
    static const want w[] = {
        {"1", "Social protection", "ILO EC", "Intend",
         "Cooperate on social protection floors, in line with the Social Protection Floors "
         "Recommendation, 2012 (No. 202) and other standards"},
        {"2", "Social protection", "ILO EC", "Intend", "Exchange information on youth employment."},
    };
    check_fixture("segment-paren-numbers.txt", w, sizeof w / sizeof w[0]);
}

/* Text the extraction printed twice, exactly and with other spellings, counted once. */
static void
test_segment_duplicate_text_once(void **state)
{
    (void)state;
    static const want w[] = {
        {"", "General conclusions", "ILO EC", "OtherModality",
         "Joining forces to promote decent work and fostering actions to ensure a just digital "
         "and green transition, including through joint actions"},
        {"", "General conclusions", "ILO EC", "OtherModality",
         "Promoting contacts between EU Delegations and ILO Offices"},
        {"", "General conclusions", "ILO EC", "OtherModality",
         "Consulting each other on issues of common interest requiring immediate attention"},
        {"", "General conclusions", "ILO EC", "OtherModality",
         "Explore opportunities for further cooperation."},
    };
    check_fixture("segment-duplicate.txt", w, sizeof w / sizeof w[0]);
}

/* Sub-items (a. b., and gerunds after "This includes:") stay with their parent. */
static void
test_segment_sub_items_stay(void **state)
{
    (void)state;
    static const want w[] = {
        {"1", "Supply chains", "ILO EC", "Intend", "Cooperate through a new project"},
        {"2", "Supply chains", "ILO EC", "Intend",
         "Discuss cooperation on the pandemic, more specifically the following: a. Cooperate on "
         "the ratification of Convention No. 185. b. Continue cooperating on crew changes."},
        {"3", "Supply chains", "ILO EC", "Intend", "Explore how to scale up joint efforts."},
        {"", "Child labour", "ILO EC", "Intend",
         "Jointly review opportunities to accelerate progress. This includes: Collaborating to "
         "support the Durban Call to Action; Cooperating on a new EU action; Considering targeted "
         "actions."},
        {"", "Child labour", "ILO EC", "Intend", "Promote the exchange of best practices."},
    };
    check_fixture("segment-sublist.txt", w, sizeof w / sizeof w[0]);
}

/* "... will maintain close cooperation ..., including: <events>": one commitment. */
static void
test_segment_including_list_is_one_item(void **state)
{
    (void)state;
    static const want w[] = {
        {"", "Events", "ILO EC", "Intend",
         "The ILO and the Commission intend to maintain close cooperation regarding relevant "
         "international events, including: The Conference on Responsible Global Supply Chains; "
         "The international year for the Elimination of child labour 2021."},
    };
    check_fixture("segment-including.txt", w, sizeof w / sizeof w[0]);
}

/* A list item that spilled into the next table row stays in its own section's list. */
static void
test_segment_overflow_into_next_row(void **state)
{
    (void)state;
    static const want w[] = {
        {"", "Africa", "ILO EC", "Will", "Decent work creation especially for young people"},
        {"", "Africa", "ILO EC", "Will", "Identifying key supply chains"},
        {"", "Africa", "ILO EC", "Will", "Promoting safe and fair labour migration and mobility."},
        {"", "Skills", "ILO EC", "Intend", "Cooperate in promoting initiatives."},
    };
    check_fixture("segment-overflow.txt", w, sizeof w / sizeof w[0]);
}

/* Brochure: numbered context paragraphs are not commitments ("Countries may consider"), an item
 * whose own sentence names the actor leads lettered items, a call-out quote inside an item is
 * skipped, a resolution's "Requests the Director-General to:". */
static void
test_segment_brochure(void **state)
{
    (void)state;
    static const want w[] = {
        {"2", "II. Moving forward", "ILO", "Should",
         "The ILO should deepen its work on labour migration. Priorities for action include:"},
        {"a", "II. Moving forward", "ILO", "Should",
         "Skills. Provide support for skills recognition."},
        {"b", "II. Moving forward", "ILO", "Should",
         "Fair recruitment. Promote fair recruitment, including the imposition of recruitment "
         "fees."},
        {"d", "RESOLUTION CONCERNING DECENT WORK", "ILO-DG", "OtherModality",
         "prepare a plan of action"},
        {"e", "RESOLUTION CONCERNING DECENT WORK", "ILO-DG", "OtherModality",
         "communicate the conclusions."},
    };
    check_fixture("segment-brochure.txt", w, sizeof w / sizeof w[0]);
}

/* Lead-in subjects and verbs: EEAS after a slash, a fronted phrase with no comma, "Both
 * organisations" + last modal, a lead-in with no colon, "they envisage/intend to ... by:". */
static void
test_segment_lead_in_actors(void **state)
{
    (void)state;
    static const want w[] = {
        {"", "Asia", "ILO EC EEAS", "Intend", "Support Asian countries in their recovery"},
        {"", "Fishing", "ILO EC", "Intend", "Continue to hold regular meetings"},
        {"", "Trade", "ILO EC", "Intend", "Strengthen their cooperation on fundamental rights"},
        {"", "OSH", "ILO EC", "Intend", "Increase and support each other's efforts."},
        {"", "OSH", "ILO EC", "Intend", "Exchange views on the ratification of C155."},
        {"", "General", "ILO EC", "Intend", "Strengthening coordination"},
        {"", "General", "ILO EC", "Intend", "Working together on the 2030 Agenda."},
    };
    check_fixture("segment-actors.txt", w, sizeof w / sizeof w[0]);
}

/* A layout-preserving extraction: heading cells beside the text, columns apart by spaces, a
 * heading printed over two rows. */
static void
test_segment_columns_apart_by_spaces(void **state)
{
    (void)state;
    static const want w[] = {
        {"1", "A sound partnership", "ILO EC", "Will",
         "Strengthen their coordination to promote social justice and decent work"},
        {"2", "A sound partnership", "ILO EC", "Will", "Work together to promote the 2030 Agenda."},
        {"3", "Social protection", "EC", "Will", "Share experience on social protection floors."},
    };
    check_fixture("segment-layout-columns.txt", w, sizeof w / sizeof w[0]);
}

/* One paragraph a line (pdftotext -raw, HTML-to-text): no blank line around a heading, a lead-in
 * on the line after its paragraph, the heading straight after the item before it, margin numbers
 * merged into the lead-in's first word on a line of their own, a marker alone on its line. */
static void
test_segment_paragraph_per_line(void **state)
{
    (void)state;
    static const want w[] = {
        {"1", "A sound partnership", "ILO EC", "Will",
         "Strengthen their coordination in the global agenda"},
        {"2", "A sound partnership", "ILO EC", "Will", "Work together on decent work."},
        {"3", "Social protection", "EC", "Will", "Share experience on social protection floors."},
        {"4", "Gender equality", "EC", "Intend",
         "Keep the ILO informed on the pay transparency initiative."},
        {"5", "Gender equality", "EC", "Intend", "Share its experience of care leave policies."},
        {"6", "Gender equality", "EC", "Intend",
         "Facilitate contacts between EU Delegations and ILO Offices."},
    };
    check_fixture("segment-paragraph-lines.txt", w, sizeof w / sizeof w[0]);
}

/* Text re-wrapped narrow with no blank line between paragraphs: a line that closes a sentence
 * with room left on it ends its paragraph (item 3 does not absorb the paragraph after it); a part
 * heading wrapped onto a second line in lower case is one heading, not the end of item 2; a
 * heading over two lines with no blank line around it opens its section. */
static void
test_segment_narrow_rewrap(void **state)
{
    (void)state;
    static const want w[] = {
        {"1", "A sound partnership", "ILO EC", "Will",
         "Strengthen their coordination to promote social justice and decent work in the global "
         "agenda"},
        {"2", "A sound partnership", "ILO EC", "Will",
         "Consult each other on issues of common interest requiring immediate attention."},
        {"3", "Social protection", "EC", "Will", "Share experience on floors."},
        {"4", "Maritime, Fishing and Shipbreaking Issues", "ILO EC", "Will",
         "Cooperate on the Maritime Labour Convention."},
    };
    check_fixture("segment-narrow.txt", w, sizeof w / sizeof w[0]);
}

/* Re-wrapped at 50 columns with no blank line around most headings (the text of the fixture read
 * by hand): a line ending "on the" goes on ("Future of Work" is no heading); a title-case heading
 * as long as a wrapped line; a lead-in without a colon before a capitalised verb; an item number
 * alone on its line; a sentence cut by a page whose running part header is printed again; the
 * end of a row printed again at the start of the next, broken at other words; "climate-" at a
 * line end, the compound written open elsewhere ("climate neutrality"), keeps its hyphen, and so
 * does "non-" before "EU"; a bulleted item whose siblings lost their bullets ("• Keeping ...;
 * Promoting ..."); four lines after a semicolon whose last is short, one of them with a
 * semicolon of its own: a list going on, not a heading; a web address alone on its line, wider
 * than the rest, does not widen the wrapping width. */
static void
test_segment_rewrapped(void **state)
{
    (void)state;
    static const char *const osh  = "Promoting Occupational Safety and Health (OSH)";
    static const char *const fish = "Decent work in fishing";
    static const want        w[]  = {
                {"15", "Future of work", "ILO", "Will",
                 "Keep the Commission informed with regard to the next steps of its Centenary Initiative "
                         "on the Future of Work"},
                {"", osh, "ILO EC", "Intend",
                 "Increase and support each other's efforts to assist governments in ensuring safe and "
                         "healthy working environments."},
                {"", osh, "ILO EC", "Intend",
                 "Exchange views and cooperate on the promotion of C155 and C187."},
                {"16", fish, "ILO EC", "Intend",
                 "Facilitate contacts between EU Delegations and ILO Offices to disseminate outcomes of "
                         "joint projects in the fishing sector"},
                {"", fish, "ILO EC", "Intend", "Hold regular meetings on the sector"},
                {"", fish, "ILO EC", "Intend",
                 "Explore support for fishing training programmes including collaboration with the "
                         "European Fisheries Control Agency for the training of fisheries inspectors"},
                {"", fish, "ILO EC", "Intend",
                 "Consider identifying key third countries for joint cooperation in fishing."},
                {"", "Partnership", "ILO EC", "OtherModality",
                 "Promoting contacts between EU Delegations and ILO Offices"},
                {"", "Partnership", "ILO EC", "OtherModality",
                 "Consulting each other on issues of common interest requiring immediate attention"},
                {"", "Partnership", "ILO EC", "OtherModality",
                 "Explore opportunities for further cooperation."},
                {"18", "Skills", "ILO EC", "Intend",
                 "Explore the empowerment of individuals to up- and re-skill, on ensuring a fair "
                         "transition towards climate-neutrality and on learning accounts."},
                {"", "Cooperation", "ILO EC", "OtherModality",
                 "Keeping each other regularly informed on labour standards in the EU, in partner "
                         "countries and non-EU countries"},
                {"", "Cooperation", "ILO EC", "OtherModality",
                 "Promoting contacts between the EU Delegations and ILO Offices at country level"},
                {"", "Cooperation", "ILO EC", "OtherModality",
                 "Sharing information and exchanges of information between EU Delegations and ILO "
                         "Offices"},
                {"", "Cooperation", "ILO EC", "OtherModality",
                 "Consulting each other on issues of common interest requiring immediate attention."},
    };
    check_fixture("segment-rewrapped.txt", w, sizeof w / sizeof w[0]);
}

/* A fixed-width layout (pdftotext -layout) at 130 columns, cut from the 2020 and 2022 conclusions:
 * a part heading wrapped over three rows of the heading column ("agenda" is not item 8's); a
 * lettered sub-list run into its sentence whose "b." opens a wrapped row; paragraphs printed
 * across both columns ("Both organisations intend to" / "Increase ..."); a wrapped row that opens
 * with a parenthesis ("(Geneva, October 2022). The ILO intends to: ..."), which must go on with
 * the row before it, or the lists after it are lost. Each text is the
 * commitment of the original document, as the corpus gives it (read there by hand). */
static void
test_segment_layout_wrapped(void **state)
{
    (void)state;
    static const char *const ge  = "Gender equality";
    static const char *const osh = "Promoting Occupational Safety and Health (OSH)";
    static const char *const sd  = "Social Dialogue";
    static const char *const ils = "Promotion of International Labour Standards: Trade and labour";
    static const char *const lmi = "Labour market inequalities";
    static const char *const sse = "Decent work and the social and solidarity economy";
    static const want        w[] = {
               {"7", ge, "ILO EC", "Intend",
                "Strengthen their cooperation to promote the ratification and effective application of up "
                       "to date instruments by EU Member States, in particular the Forced Labour Protocol P29, "
                       "the Work in Fishing Convention C188, the Domestic Workers Convention C189 and the "
                       "Violence and Harassment Convention C190"},
               {"8", ge, "ILO EC", "Intend", "Better disseminate the results of their cooperation."},
               {"", osh, "ILO EC", "Intend",
                "Step up their cooperation to promote OSH globally and to catalyse and disseminate OSH "
                       "knowledge, in particular through the Global Coalition for Safety and Health at Work"},
               {"", osh, "ILO EC", "Intend",
                "Jointly promote the ratification and effective implementation of International Labour "
                       "standards on OSH and labour inspection"},
               {"", osh, "ILO EC", "Intend",
                "Continue their joint activities to support and promote OSH in developing countries and "
                       "in global supply chains, including through the Flagship Programme Safety and Health for "
                       "All, and its Vision Zero Fund and explore mechanisms to increase impact"},
               {"", osh, "ILO EC", "Intend",
                "Exchange information on initiatives of mutual interest regarding OSH in the context of "
                       "the COVID-19 pandemic."},
               {"", sd, "ILO EC", "Intend",
                "Work together to leverage their cooperation in the areas of research and capacity "
                       "building of social dialogue actors and institutions based on past or on-going joint "
                       "projects, including with the ITC/ILO and exchange information on the application of the "
                       "international labour standards relevant to social dialogue and collective bargaining in "
                       "the EU."},
               {"", sd, "ILO EC", "Intend",
                "Reinvigorate the partnership and explore the opportunities for new areas of cooperation "
                       "stemming from the ILO Centenary Declaration for the Future of Work, the ILO Plan of "
                       "Action on Social Dialogue and Tripartism (2019-2023) and the Conclusions of the "
                       "Tripartite Meeting of Experts on Crossborder Social Dialogue, as well as the EU policies "
                       "relevant to social dialogue, in particular regarding: a. Themes related to the Future of "
                       "work; b. The role of social dialogue actors and institutions in addressing the impacts "
                       "of the COVID-19 pandemic, returning to a \"better normal\" and in contributing to an "
                       "inclusive and sustainable recovery; c. The creation of an ILO repository of knowledge on "
                       "Cross-border Social Dialogue, building on existing databases, such as the Commission-ILO "
                       "database on Transnational Company Agreements (TCAs) to be regularly updated"},
               {"", sd, "ILO EC", "Intend",
                "Continue to cooperate in the area of training and capacity building of social partners, "
                       "such as the ITC/ILO Academies for Employers and Trade Unions, in partnership with the "
                       "International and European social partners in line with the applicable provisions and "
                       "political priorities. In the context of the current and post COVID-19 pandemic, jointly "
                       "consider the adaptations required."},
               {"", sd, "ILO EC", "Intend",
                "Several ILO instruments are listed in the proposal for the Directive on Corporate "
                       "Sustainability Due Diligence (CS3D). In light of this, the ILO and the Commission "
                       "endeavour to cooperate in the design of future accompanying measures to ensure effective "
                       "implementation of the CS3D in contribution to achieve decent work in supply chains"},
               {"", sd, "ILO EC", "Intend",
                "Identify opportunities to effectively implement the Durban Call to Action to end Child "
                       "Labour and to inform and complement ongoing support and future interventions"},
               {"", sd, "ILO EC", "Intend",
                "Explore opportunities to promote collective action approaches to address decent work "
                       "deficits in supply chains, bringing together all relevant stakeholders - at the "
                       "national, sectoral, regional, and/or global levels, as appropriate - based on analysis "
                       "of root causes, the recognition of the state's duty to protect labour rights and "
                       "business enterprises' responsibility to respect labour rights, and the need for "
                       "meaningful and effective stakeholder engagement, taking into account the forthcoming EU "
                       "rules on sustainability due diligence"},
               {"", sd, "ILO EC", "Intend",
                "Support greater transparency and traceability in supply chains by promoting research and "
                       "collection of comparable data, including by taking account the developments under the "
                       "Commission Strategy for Financing the Transition to a Sustainable Economy, such as the "
                       "Corporate Sustainability Reporting Directive, with a focus on replicable quantitative "
                       "and qualitative methods to collect, analyse and disseminate disaggregated data and "
                       "knowledge"},
               {"", sd, "ILO EC", "Intend",
                "Explore further joint actions focused on holistic supply chain approaches drawing on "
                       "existing good practices"},
               {"", sd, "ILO EC", "Intend",
                "Explore how to support EU sectoral dialogue committees on contributing to effective due "
                       "diligence in their respective sectors in order to promote decent work in global supply "
                       "chains as announced in the Communication on Decent Work Worldwide, also taking into "
                       "account the forthcoming EU rules on sustainability due diligence and its provisions on "
                       "stakeholder engagement."},
               {"", ils, "ILO EC", "Intend",
                "Strengthen their cooperation with respect to the promotion and effective implementation "
                       "of fundamental principles and rights at work"},
               {"", ils, "ILO EC", "Intend",
                "Strengthen their cooperation to promote the efforts of ILO members towards the "
                       "ratification and effective implementation of fundamental principles and rights at work"},
               {"", ils, "ILO EC", "Intend",
                "Explore further joint work to support the implementation of ILO Conventions in the "
                       "context of trade and investment agreements"},
               {"", ils, "ILO EC", "Intend",
                "Explore further joint work to support the implementation of ILO Conventions that EU "
                       "trade partners have ratified, in particular the ILO Labour Inspection Convention, 1947 "
                       "(No 81) and the ILO Tripartite Consultation Convention, 1976 (No 144)"},
               {"", ils, "ILO EC", "Intend",
                "Explore more areas of cooperation where the ILO can further support the Commission at "
                       "various stages in respect of its exchanges on trade arrangements and agreements with its "
                       "partner countries"},
               {"", ils, "ILO EC", "Intend",
                "Recognise the positive outcomes of their Trade4Decent work programme, hold regular "
                       "discussions on how to monitor and increase the impact of their cooperation in respect of "
                       "specific thematic areas (due diligence, core labour standards) and sectors as well as at "
                       "country level."},
               {"", ils, "ILO EC", "Intend",
                "Reinforce stronger links between EU Delegations and ILO country offices"},
               {"", ils, "ILO EC", "Intend", "Continue to disseminate the results of their cooperation."},
               {"", osh, "ILO EC", "Intend",
                "Increase and support each other's efforts to assist governments, workers' and employers' "
                       "organisations as well as other relevant stakeholders such as enterprises to ensure safe "
                       "and healthy working environments for all workers, including in in supply chains."},
               {"", osh, "ILO EC", "Intend",
                "Exchange views and cooperate on the promotion of ratification and effective "
                       "implementation of C155 and C187, including through the EU trade and investment "
                       "agreements, as appropriate."},
               {"", osh, "ILO EC", "Intend",
                "Continue their joint activities to support and promote OSH around the world, including "
                       "in joining effort for global and regional advocacy for stronger OSH systems and for work "
                       "promoting a safe and healthy working environment in global supply chains."},
               {"", osh, "ILO EC", "Intend",
                "Exchange information and best practices in promoting occupational safety and health, "
                       "including in the area of mental health and psychosocial risks."},
               {"", osh, "ILO EC", "Intend",
                "Exchange on lessons learnt from the COVID-19 pandemic, including as regards better "
                       "coordination between occupational safety and health structures."},
               {"", lmi, "ILO EC", "Intend",
                "Keep each other informed about respective activities and initiatives to address labour "
                       "market inequalities and other forms of inequality"},
               {"", lmi, "ILO EC", "Intend",
                "Explore joint cooperation to address labour market inequalities in line with the "
                       "priorities of both organisations at the global and/or country level"},
               {"", lmi, "ILO EC", "Intend",
                "Cooperate and share information in the preparation of the tripartite meeting of experts "
                       "on decent work in the platform economy and invite the Commission to participate in the "
                       "meeting as an observer and the follow-up work (Geneva, October 2022)."},
               {"", lmi, "ILO", "Intend",
                "Inform and invite the Commission to participate in the tripartite policy discussion on "
                       "pay transparency that will be organised on Equal Pay Day, (17 September 2022) in the "
                       "context of Equal Pay International Coalition (EPIC)"},
               {"", lmi, "ILO", "Intend",
                "Inform about the results of the first ever global survey on violence and harassment in "
                       "the world of work by the ILO, Lloyd Registrar Foundation and Gallup to be launched in "
                       "October 2022"},
               {"", lmi, "ILO", "Intend",
                "Share the Global Wage Report 2022/23 which will be launched in November/December 2022."},
               {"", sse, "ILO EC", "OtherModality",
                "Strengthen collaboration to raise awareness about the SSE and its potential in the EU, "
                       "in non-EU countries and in the global agenda"},
               {"", sse, "ILO EC", "OtherModality",
                "Jointly promote the development of a conducive environment for SSE entities including by "
                       "supporting policy frameworks that take into account the potential and specifies of the "
                       "SSE, promoting inclusive employment, decent working and living standards"},
               {"", sse, "ILO EC", "OtherModality",
                "Support the development of comprehensive national strategies and measures to harness the "
                       "positive impact of SSE entities in tackling pressing challenges, such as creating decent "
                       "work in the care transitions and social innovation"},
               {"", sse, "ILO EC", "OtherModality",
                "Share information on their research and analytical work on social"},
               {"", sse, "ILO EC", "OtherModality",
                "Explore strengthening their cooperation for capacity building of non-EU countries to "
                       "further integrate the SSE into national policy frameworks and support measures, with a "
                       "particular focus on the EU Southern Neighbourhood region."},
    };
    check_fixture("segment-layout-wrapped.txt", w, sizeof w / sizeof w[0]);
}

/* A fixed-width layout at 100 columns whose lead-in and list are printed across both columns,
 * wrapped at the full width: "... both" / "organisations intend to:" is one sentence, and each
 * item goes on onto its short last row (the fixture read by hand). */
static void
test_segment_layout_across(void **state)
{
    (void)state;
    static const char *const tt  = "Twin transitions";
    static const want        w[] = {
               {"", tt, "ILO EC", "Intend",
                "Continue the close collaboration and share information on research and analytical work "
                       "concerning the green and digital transitions, with a particular focus on shaping a "
                       "human-centred recovery and advancing socially just green and digital transitions"},
               {"", tt, "ILO EC", "Intend",
                "Explore opportunities for collaboration on innovative research and exchange of "
                       "experiences in the field of the twin transitions"},
               {"", tt, "ILO EC", "Intend",
                "Reinforce each other's initiatives and invite each other to and participate in each "
                       "other's meetings and events on the above topics."},
    };
    check_fixture("segment-layout-across.txt", w, sizeof w / sizeof w[0]);
}

/* A Markdown transcription: a pipe table (its delimiter row, label cells in bold, an escaped
 * pipe, an empty first cell) after a heading behind hashes (the fixture read by hand). */
static void
test_segment_markdown_table(void **state)
{
    (void)state;
    static const char *const osh = "Promoting Occupational Safety and Health (OSH)";
    static const want        w[] = {
               {"", osh, "ILO EC", "Intend", "Step up their cooperation to promote OSH globally"},
               {"", osh, "ILO EC", "Intend", "Exchange information on initiatives of mutual interest."},
               {"", "Social | economic impact", "ILO EC", "Intend", "Support reconstruction efforts."},
    };
    check_fixture("segment-markdown-table.txt", w, sizeof w / sizeof w[0]);
}

/* Markdown without tables: a lead-in without a colon that the converter marked as a heading
 * ("## Both organisations intend to") ends on a word that needs another, so it is no heading but
 * the lead-in of the paragraphs after it (the fixture read by hand). */
static void
test_segment_markdown_leadin(void **state)
{
    (void)state;
    static const char *const osh = "Promoting Occupational Safety and Health (OSH)";
    static const want        w[] = {
               {"", osh, "ILO EC", "Intend",
                "Increase and support each other's efforts to assist governments."},
               {"", osh, "ILO EC", "Intend",
                "Exchange views and cooperate on the promotion of C155 and C187."},
    };
    check_fixture("segment-markdown.txt", w, sizeof w / sizeof w[0]);
}

/* Lead-ins with the other verbs of undertaking the genre uses ("undertake to", "stands ready to",
 * "are determined to"): commitments of modality OtherModality (the fixture read by hand). */
static void
test_segment_more_modals(void **state)
{
    (void)state;
    static const char *const sp  = "Social protection";
    static const want        w[] = {
               {"1", sp, "ILO EC", "OtherModality", "Cooperate on social protection floors."},
               {"2", sp, "ILO EC", "OtherModality", "Exchange information on youth employment."},
               {"3", sp, "EC", "OtherModality",
                "Support the ratification of the Maritime Labour Convention."},
               {"4", sp, "ILO EC", "OtherModality", "Promote decent work in global supply chains."},
    };
    check_fixture("segment-more-modals.txt", w, sizeof w / sizeof w[0]);
}

/* A fixed-width layout at 80 columns, its heading column 20 wide (rows of the 2020 conclusions):
 * the part heading "Strategic Orientations for ILO-EU Cooperation in the global agenda" over four
 * rows of the heading column, of which three name it, and again as a table row ("Strat" / "regic
 * Orientations ... global") whose last word, "agenda", wraps into the text column. Neither row is
 * text of an item. Each text is the commitment of the original document (read there by hand). */
static void
test_segment_layout_narrow(void **state)
{
    (void)state;
    static const char *const fw =
        "Future of Work, EU pillar of social rights and recovery from the "
        "impact of the COVID-19 pandemic";
    static const char *const tl  = "Trade and labour, International labour Standards";
    static const want        w[] = {
               {"", fw, "ILO EC", "Intend",
                "Cooperate in documenting and promoting initiatives aimed at facilitating an inclusive "
                       "and sustainable recovery from the COVID-19 pandemic"},
               {"", fw, "ILO EC", "Intend",
                "Continue to share information on their research and analytical work on long-term changes "
                       "in the world of work and reinforce each other's initiatives aimed at shaping a "
                       "human-centred future of work and cooperate in implementing the ILO Centenary Declaration "
                       "for the Future of Work"},
               {"", fw, "ILO EC", "Intend",
                "Share information and hold regular exchanges on initiatives of common interest such as "
                       "on social dialogue, platform work and other non-standard forms of employment, "
                       "inequalities, disadvantaged groups of workers in vulnerable situations, social "
                       "protection, and employment policies. Explore opportunities for cooperation in these "
                       "areas"},
               {"", fw, "ILO EC", "Intend",
                "Jointly promote research findings and exchange on the implementation of these findings"},
               {"", fw, "ILO EC", "Intend",
                "Explore opportunities for collaboration on innovative research and exchange of "
                       "experiences in the field of social protection fit for the future of work in the EU and "
                       "in global fora"},
               {"", fw, "ILO EC", "Intend",
                "Jointly promote responsible business conduct as a key pillar of building back better"},
               {"", fw, "ILO EC", "Intend",
                "Invite each other to and participate in each other's meetings and events on the above "
                       "topics."},
               {"8", fw, "ILO", "Intend",
                "Contribute to relevant consultations, such as regarding the Action Plan for the "
                       "implementation of the European Pillar of Social Rights and the initiative on improving "
                       "working conditions of platform workers."},
               {"9", fw, "EC", "Intend",
                "Contribute to the implementation of the ILO Centenary Declaration for the Future of "
                       "Work."},
               {"1", tl, "ILO EC", "Intend",
                "Continue their cooperation with respect to the promotion and effective application of "
                       "fundamental principles and rights at work and up-to-date international labour standards"},
    };
    check_fixture("segment-layout-narrow.txt", w, sizeof w / sizeof w[0]);
}

/* Warnings name the place: a lettered list that does not start at (a). */
static void
test_segment_warns_with_location(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    reading r = read_path(ILOKG_TEST_FIXTURES "/segment-brochure.txt", &s);
    test_sink_expect(&s, ILOKG_OK, 25, 2, "lettered list starts at (d), not (a)");
    test_sink_done(&s);
    reading_free(&r);
}

/* The header: place and dates from the dateline when no manifest gives them. */
static void
test_segment_header_facts(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    reading r = read_path(ILOKG_TEST_FIXTURES "/segment-margin.txt", &s);
    assert_string_equal(r.doc->meta.place, "Geneva");
    assert_string_equal(r.doc->meta.start_date, "2021-05-03");
    assert_string_equal(r.doc->meta.end_date, "2021-05-04");
    reading_free(&r);
    r = read_path(ILOKG_TEST_CORPUS "/hlm13-2017-joint-conclusions.txt", &s);
    assert_string_equal(r.doc->meta.meeting_number, "13");
    assert_string_equal(r.doc->meta.title, "13th High Level Meeting between the International "
                                           "Labour Office and the European Commission Joint "
                                           "Conclusions");
    reading_free(&r);
    test_sink_done(&s);
}

/* The 2017 conclusions: all 73 numbered items, checked by hand against the document
 * (tests/golden/hlm13-2017-commitments.tsv; ILOKG_UPDATE_GOLDEN=1 rewrites it). */
static void
test_segment_hlm13_golden(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    reading    r       = read_path(ILOKG_TEST_CORPUS "/hlm13-2017-joint-conclusions.txt", &s);
    ilokg_doc *d       = r.doc;
    char      *got     = NULL;
    size_t     got_len = 0;
    FILE      *mem     = open_memstream(&got, &got_len);
    assert_non_null(mem);
    fprintf(mem, "seq\tnumber\tsection\tactors\tmodality\tverb\taction\ttext\n");
    for (size_t i = 0; i < d->n_commitments; i++) {
        const ilokg_commitment *c = &d->commitments[i];
        char                    act[64];
        actors_str(c, act, sizeof act);
        fprintf(mem, "%zu\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c->seq, c->number,
                d->sections[c->section].heading, act, ilokg_modality_name(c->modality),
                c->verb ? c->verb : "", c->action, c->text);
    }
    fclose(mem);
    const char *golden = ILOKG_TEST_GOLDEN "/hlm13-2017-commitments.tsv";
    if (getenv("ILOKG_UPDATE_GOLDEN")) {
        FILE *fp = fopen(golden, "wb");
        assert_non_null(fp);
        fwrite(got, 1, got_len, fp);
        fclose(fp);
    }
    char *want_text = test_read_file(golden, NULL);
    assert_string_equal(got, want_text);
    assert_int_equal(d->n_commitments, 73);
    for (size_t i = 0; i < 73; i++) {
        char num[8];
        snprintf(num, sizeof num, "%zu", i + 1);
        assert_string_equal(d->commitments[i].number, num);
    }
    free(got);
    free(want_text);
    reading_free(&r);
    test_sink_done(&s);
}

/* Totals counted by reading each document (see docs/reading.md for the count of each). */
static void
test_segment_corpus_totals(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        size_t      sections, commitments;
    } docs[] = {
        {"hlm13-2017-joint-conclusions.txt", 11, 73},
        {"hlm15-2020-conclusions.txt", 15, 89},
        {"hlm16-2022-conclusions.txt", 13, 104},
        {"ilc106-2017-labour-migration-conclusions.txt", 11, 35},
        {"ilo-programming-note-ils-trade.txt", SIZE_MAX, 0},
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        test_sink s;
        test_sink_init(&s);
        char path[512];
        snprintf(path, sizeof path, "%s/%s", ILOKG_TEST_CORPUS, docs[i].file);
        reading r = read_path(path, &s);
        if (r.doc->n_commitments != docs[i].commitments) {
            print_error("%s: %zu commitments\n", docs[i].file, r.doc->n_commitments);
        }
        assert_int_equal(r.doc->n_commitments, docs[i].commitments);
        if (docs[i].sections != SIZE_MAX) {
            assert_int_equal(r.doc->n_sections, docs[i].sections);
        }
        /* Each span, cut out of the file, reads as the item: it starts with the item's first
         * word and ends with its last character. */
        for (size_t k = 0; k < r.doc->n_commitments; k++) {
            const ilokg_commitment *c  = &r.doc->commitments[k];
            const char             *sp = r.src->bytes + c->span.start;
            size_t                  n  = c->span.end - c->span.start;
            size_t                  fw = 0; /* the first word's letters and digits */
            while ((c->text[fw] >= 'a' && c->text[fw] <= 'z') ||
                   (c->text[fw] >= 'A' && c->text[fw] <= 'Z') ||
                   (c->text[fw] >= '0' && c->text[fw] <= '9')) {
                fw++;
            }
            size_t tl = strlen(c->text);
            if (n < tl / 2 || memcmp(sp, c->text, fw) != 0 || sp[n - 1] != c->text[tl - 1]) {
                print_error("%s #%zu span [%.*s] text [%s]\n", docs[i].file, c->seq, (int)n, sp,
                            c->text);
            }
            assert_true(n >= tl / 2);
            assert_memory_equal(sp, c->text, fw);
            assert_int_equal(sp[n - 1], c->text[tl - 1]);
        }
        reading_free(&r);
        s.seen = s.n;
        test_sink_done(&s);
    }
}

/* Other extractions of the same PDF: narrower line wrapping, and bullets where numbers were.
 * The reading must not change: still 73 commitments in the same 11 sections. */
static char *
rewrap(const char *in, size_t width, int bullets)
{
    size_t n   = strlen(in);
    char  *out = malloc(2 * n + 1), *o = out;
    assert_non_null(out);
    const char *line = in;
    while (*line) {
        const char *nl  = strchr(line, '\n');
        size_t      len = nl ? (size_t)(nl - line) : strlen(line);
        const char *p   = line;
        if (bullets) {
            const char *q = p;
            while (q < line + len && *q == ' ') {
                q++;
            }
            const char *d = q;
            while (d < line + len && *d >= '0' && *d <= '9') {
                d++;
            }
            if (d > q && d + 1 < line + len && d[0] == '.' && d[1] == ' ') {
                memcpy(o, "\xE2\x80\xA2", 3);
                o += 3;
                p = d + 1;
                len -= (size_t)(p - line);
                line = p;
            }
        }
        while (len > width) {
            size_t cut = width;
            while (cut > 0 && p[cut] != ' ') {
                cut--;
            }
            if (cut == 0) {
                break;
            }
            memcpy(o, p, cut);
            o += cut;
            *o++ = '\n';
            p += cut + 1;
            len -= cut + 1;
        }
        memcpy(o, p, len);
        o += len;
        if (!nl) {
            break;
        }
        *o++ = '\n';
        line = nl + 1;
    }
    *o = '\0';
    return out;
}

/* The 2020 table with its column gaps printed as spaces instead of tabs. */
static char *
tabs_to_spaces(const char *in)
{
    char *out = malloc(strlen(in) * 6 + 1), *o = out;
    assert_non_null(out);
    for (const char *p = in; *p; p++) {
        if (*p == '\t') {
            memcpy(o, "      ", 6);
            o += 6;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

static void
test_segment_table_without_tabs(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    char         *orig = test_read_file(ILOKG_TEST_CORPUS "/hlm15-2020-conclusions.txt", NULL);
    char         *text = tabs_to_spaces(orig);
    ilokg_source *src  = NULL;
    ilokg_text    t    = {0};
    ilokg_doc    *doc  = calloc(1, sizeof *doc);
    assert_int_equal(ilokg_source_from_bytes(&src, "spaces", text, strlen(text), &s.diag),
                     ILOKG_OK);
    assert_int_equal(ilokg_normalize(&t, src, &s.diag), ILOKG_OK);
    assert_int_equal(ilokg_segment_doc(doc, &t, src, &s.diag), ILOKG_OK);
    assert_int_equal(doc->n_commitments, 89);
    assert_int_equal(doc->n_sections, 15);
    ilokg_text_free(&t);
    ilokg_source_free(src);
    ilokg_doc_free(doc);
    free(text);
    free(orig);
    s.seen = s.n;
    test_sink_done(&s);
}

static void
test_segment_other_extractions(void **state)
{
    (void)state;
    char *orig = test_read_file(ILOKG_TEST_CORPUS "/hlm13-2017-joint-conclusions.txt", NULL);
    for (int variant = 0; variant < 2; variant++) {
        test_sink s;
        test_sink_init(&s);
        char         *text = variant == 0 ? rewrap(orig, 55, 0) : rewrap(orig, 1000, 1);
        ilokg_source *src  = NULL;
        ilokg_text    t    = {0};
        ilokg_doc    *doc  = calloc(1, sizeof *doc);
        assert_int_equal(ilokg_source_from_bytes(&src, "variant", text, strlen(text), &s.diag),
                         ILOKG_OK);
        assert_int_equal(ilokg_normalize(&t, src, &s.diag), ILOKG_OK);
        assert_int_equal(ilokg_segment_doc(doc, &t, src, &s.diag), ILOKG_OK);
        assert_int_equal(doc->n_commitments, 73);
        assert_int_equal(doc->n_sections, 11);
        assert_string_equal(doc->sections[doc->commitments[72].section].heading,
                            "Preparation of forthcoming key events");
        ilokg_text_free(&t);
        ilokg_source_free(src);
        ilokg_doc_free(doc);
        free(text);
        s.seen = s.n;
        test_sink_done(&s);
    }
    free(orig);
}

/* A list numbered past 999 (issue 15: "only 999 of its 99,999 items become commitments, without
 * a warning"): item markers had at most three digits, so "1000." ran on inside item 999; and
 * past 1899, where a number could be a year ending a sentence at the start of a line ("2018."):
 * it is an item when it continues the count. The text is generated here: every item is
 * "N. Cooperate ... item N", so item N's text and number are known without reading the
 * program's output. */
static void
test_segment_list_past_999(void **state)
{
    (void)state;
    enum { N_ITEMS = 2105 };
    char path[] = "list-past-999-XXXXXX";
    int  fd     = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs("13th High Level Meeting between the International Labour Office and the\n"
          "European Commission\nJoint Conclusions\nGeneva, 18-19 January 2017\n\n"
          "General Conclusions\n\nThe ILO and the Commission will:\n",
          fp);
    for (int i = 1; i <= N_ITEMS; i++) {
        fprintf(fp, "%d. Cooperate in promoting decent work in the region and beyond, item %d\n", i,
                i);
    }
    assert_int_equal(fclose(fp), 0);
    test_sink s;
    test_sink_init(&s);
    reading r = read_path(path, &s);
    assert_int_equal(r.doc->n_commitments, N_ITEMS);
    for (size_t i = 0; i < N_ITEMS; i++) {
        char number[16], text[128];
        snprintf(number, sizeof number, "%zu", i + 1);
        snprintf(text, sizeof text,
                 "Cooperate in promoting decent work in the region and beyond, item %zu", i + 1);
        assert_string_equal(r.doc->commitments[i].number, number);
        assert_string_equal(r.doc->commitments[i].text, text);
    }
    reading_free(&r);
    unlink(path);
    s.seen = s.n; /* the heading "General Conclusions" matches no theme: not this test's subject */
    test_sink_done(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_segment_margin_layout),
        cmocka_unit_test(test_segment_table_run_on_items),
        cmocka_unit_test(test_segment_numbers_merged_into_a_word),
        cmocka_unit_test(test_segment_lost_number_restored),
        cmocka_unit_test(test_segment_paren_numbers),
        cmocka_unit_test(test_segment_duplicate_text_once),
        cmocka_unit_test(test_segment_sub_items_stay),
        cmocka_unit_test(test_segment_including_list_is_one_item),
        cmocka_unit_test(test_segment_overflow_into_next_row),
        cmocka_unit_test(test_segment_brochure),
        cmocka_unit_test(test_segment_lead_in_actors),
        cmocka_unit_test(test_segment_columns_apart_by_spaces),
        cmocka_unit_test(test_segment_paragraph_per_line),
        cmocka_unit_test(test_segment_narrow_rewrap),
        cmocka_unit_test(test_segment_rewrapped),
        cmocka_unit_test(test_segment_layout_wrapped),
        cmocka_unit_test(test_segment_layout_across),
        cmocka_unit_test(test_segment_markdown_table),
        cmocka_unit_test(test_segment_markdown_leadin),
        cmocka_unit_test(test_segment_more_modals),
        cmocka_unit_test(test_segment_layout_narrow),
        cmocka_unit_test(test_segment_warns_with_location),
        cmocka_unit_test(test_segment_header_facts),
        cmocka_unit_test(test_segment_hlm13_golden),
        cmocka_unit_test(test_segment_corpus_totals),
        cmocka_unit_test(test_segment_other_extractions),
        cmocka_unit_test(test_segment_item_verbs),
        cmocka_unit_test(test_segment_table_cells_not_headings),
        cmocka_unit_test(test_segment_line_end_hyphens),
        cmocka_unit_test(test_segment_table_without_tabs),
        cmocka_unit_test(test_segment_list_past_999),
    };
    return cmocka_run_group_tests_name("segment", tests, NULL, NULL);
}
