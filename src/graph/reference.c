/* SPDX-License-Identifier: Apache-2.0 */
/* The reference graph: every entity the documents refer to, with its notation, label, class and
 * authority links, SDG and region hierarchies, instrument pairings, modalities. */
#include "graph/graph.h"

#include <stdlib.h>
#include <string.h>

#include "graph/graph_int.h"

#define WIKIDATA_ENTITY "http://www.wikidata.org/entity/"

/* ---- reference entities ------------------------------------------------------------------- */

typedef struct {
    const ilokg_entity **items;
    size_t               n, cap;
    ilokg_status         st;
} entity_list;

static void
collect_entity(const ilokg_entity *e, void *payload)
{
    entity_list *l = payload;
    if (!l->st && !(l->st = ilokg_grow(&l->items, &l->cap, l->n, sizeof *l->items))) {
        l->items[l->n++] = e;
    }
}

static void
add_wikidata(ilokg_graph *g, const char *s, const char *qid)
{
    if (!ilokg_nonempty(qid)) {
        return;
    }
    if (qid[0] == 'Q' && ilokg_all_digits(qid + 1)) {
        t_iri(g, s, SKOS("exactMatch"), ilokg_graph_fmt(g, WIKIDATA_ENTITY "%s", qid));
    } else if (ilokg_iri_ok(qid)) {
        t_iri(g, s, SKOS("exactMatch"), qid);
    }
}

static void
add_link(ilokg_graph *g, const char *s, const char *p, const char *iri)
{
    if (ilokg_nonempty(iri) && ilokg_iri_ok(iri)) {
        t_iri(g, s, p, iri);
    }
}

static void
add_membership(ilokg_graph *g, const char *member, const char *region_id)
{
    const char *r = ilokg_graph_res(g, "region/%s", ilokg_graph_seg(g, region_id));
    t_iri(g, member, ILO("memberOf"), r);
    t_iri(g, r, ILO("hasMember"), member);
    ilokg_graph_ref(g, ILOKG_ENT_REGION, region_id, false);
}

/* Memberships up the region hierarchy, materialised (a country in Western Africa is also in
 * Sub-Saharan Africa, Africa and the World) so queries need no property paths. */
static void
add_region_ancestors(ilokg_graph *g, const char *member, const char *region_id,
                     const ilokg_gazetteer *gaz)
{
    const char *id = region_id;
    for (int depth = 0; ilokg_nonempty(id) && depth < 16; depth++) {
        add_membership(g, member, id);
        const ilokg_entity *r = gaz_find(gaz, ILOKG_ENT_REGION, id);
        id                    = r ? r->parent : NULL;
    }
}

static void
add_actor(ilokg_graph *g, const char *s, const char *id, const ilokg_entity *e)
{
    static const char *const org_types[] = {"FormalOrganization", "OrganizationalUnit",
                                            "Organization"};
    const char              *org         = ORG("Organization");
    for (size_t i = 0; e && e->type && i < sizeof org_types / sizeof org_types[0]; i++) {
        if (!strcmp(e->type, org_types[i])) {
            org = ilokg_graph_fmt(g, ILOKG_NS_ORG "%s", org_types[i]);
        }
    }
    t_iri(g, s, A, ILO("Actor"));
    t_iri(g, s, A, org);
    if (e && ilokg_nonempty(e->alt_label)) {
        t_en(g, s, SKOS("altLabel"), e->alt_label);
    }
    if (e && ilokg_nonempty(e->parent)) {
        const char *p = ilokg_graph_res(g, "actor/%s", ilokg_graph_seg(g, e->parent));
        t_iri(g, s, ORG("subOrganizationOf"), p);
        t_iri(g, p, ORG("hasSubOrganization"), s);
        ilokg_graph_ref(g, ILOKG_ENT_ACTOR, e->parent, false);
    }
    (void)id;
}

static void
add_instrument(ilokg_graph *g, const char *s, const char *id, const ilokg_entity *e)
{
    static const char *const classes[] = {"Convention", "Protocol", "Recommendation",
                                          "Declaration"};
    const char              *cls       = NULL;
    for (size_t i = 0; e && e->type && i < sizeof classes / sizeof classes[0]; i++) {
        if (ilokg_ascii_ieq(e->type, classes[i])) {
            cls = classes[i];
        }
    }
    if (!cls) {
        /* ILO numbering: C189, P029, R204; the Maritime Labour Convention is MLC2006. */
        cls = (id[0] == 'C' && ilokg_all_digits(id + 1)) || !strncmp(id, "MLC", 3) ? "Convention"
              : id[0] == 'P' && ilokg_all_digits(id + 1)                           ? "Protocol"
              : id[0] == 'R' && ilokg_all_digits(id + 1) ? "Recommendation"
                                                         : "Declaration";
    }
    t_iri(g, s, A, ILO("Instrument"));
    t_iri(g, s, A, ilokg_graph_fmt(g, ILOKG_NS "%s", cls));
    if (e) {
        add_link(g, s, ILO("normlex"), e->normlex);
        if (ilokg_nonempty(e->year) && strlen(e->year) == 4 && ilokg_all_digits(e->year)) {
            t_typed(g, s, ILO("yearAdopted"), e->year, XSD("gYear"));
        }
        if (ilokg_nonempty(e->status) && ilokg_ascii_ieq(e->status, "fundamental")) {
            t_iri(g, s, ILO("standardsCategory"), ILO("Fundamental"));
        } else if (ilokg_nonempty(e->status) && ilokg_ascii_ieq(e->status, "governance")) {
            t_iri(g, s, ILO("standardsCategory"), ILO("Governance"));
        }
        if (ilokg_nonempty(e->paired)) {
            const char *r = ilokg_graph_res(g, "instrument/%s", ilokg_graph_seg(g, e->paired));
            t_iri(g, r, ILO("supplements"), s);
            t_iri(g, s, ILO("supplementedBy"), r);
            ilokg_graph_ref(g, ILOKG_ENT_INSTRUMENT, e->paired, false);
        }
    }
    /* A Protocol carries the number of the Convention it amends (P029 to C029). */
    if (!strcmp(cls, "Protocol") && id[0] == 'P' && ilokg_all_digits(id + 1)) {
        const char *conv = ilokg_graph_fmt(g, "C%s", id + 1);
        const char *c    = ilokg_graph_res(g, "instrument/%s", ilokg_graph_seg(g, conv));
        t_iri(g, s, ILO("supplements"), c);
        t_iri(g, c, ILO("supplementedBy"), s);
        ilokg_graph_ref(g, ILOKG_ENT_INSTRUMENT, conv, false);
    }
}

/* The parent notation of an SDG target or indicator: "8.7.1" -> "8.7" -> "8". */
static const char *
sdg_parent(ilokg_graph *g, const char *id, const ilokg_entity *e)
{
    if (e && ilokg_nonempty(e->parent)) {
        return intern(g, e->parent);
    }
    const char *dot = strrchr(id, '.');
    return dot ? ilokg_graph_intern_n(g, id, (size_t)(dot - id)) : NULL;
}

static void
add_sdg(ilokg_graph *g, const char *s, const char *id, const ilokg_entity *e,
        const ilokg_gazetteer *gaz)
{
    static const char *const classes[] = {"SDGGoal", "SDGTarget", "SDGIndicator"};
    size_t                   level     = ilokg_count_char(id, '.');
    if (e && e->type) {
        level = ilokg_ascii_ieq(e->type, "goal") ? 0 : ilokg_ascii_ieq(e->type, "target") ? 1 : 2;
    }
    t_iri(g, s, A, ilokg_graph_fmt(g, ILOKG_NS "%s", classes[level > 2 ? 2 : level]));
    t_iri(g, s, A, SKOS("Concept"));
    if (e && ilokg_nonempty(e->alt_label)) {
        t_en(g, s, SKOS("altLabel"), e->alt_label);
    }
    if (e && ilokg_nonempty(e->unsd_code)) {
        t_str(g, s, ILO("unsdCode"), e->unsd_code);
    }
    const char *parent = sdg_parent(g, id, e);
    for (int depth = 0; parent && *parent && depth < 4; depth++) {
        const ilokg_entity *pe = gaz_find(gaz, ILOKG_ENT_SDG, parent);
        const char         *pi = ilokg_graph_sdg_iri(g, parent, pe);
        if (depth == 0) {
            t_iri(g, s, SKOS("broader"), pi);
            t_iri(g, pi, SKOS("narrower"), s);
        }
        t_iri(g, s, SKOS("broaderTransitive"), pi);
        ilokg_graph_ref(g, ILOKG_ENT_SDG, parent, false);
        parent = sdg_parent(g, parent, pe);
    }
}

static void
add_country(ilokg_graph *g, const char *s, const char *id, const ilokg_entity *e,
            const ilokg_gazetteer *gaz, const entity_list *regions)
{
    t_iri(g, s, A, ILO("Country"));
    if (!e) {
        return;
    }
    if (ilokg_nonempty(e->alpha2)) {
        t_str(g, s, ILO("alpha2"), e->alpha2);
    }
    if (ilokg_nonempty(e->m49)) {
        t_str(g, s, ILO("m49"), e->m49);
    }
    add_link(g, s, SKOS("exactMatch"), e->op_iri);
    const char *direct[2] = {e->m49_subregion, e->m49_region};
    for (int i = 0; i < 2; i++) {
        if (ilokg_nonempty(direct[i])) {
            add_region_ancestors(g, s, direct[i], gaz);
        }
    }
    for (size_t i = 0; i < regions->n; i++) {
        const ilokg_entity *r = regions->items[i];
        for (size_t j = 0; j < r->n_members; j++) {
            if (r->members[j] && !strcmp(r->members[j], id)) {
                add_region_ancestors(g, s, r->id, gaz);
                break;
            }
        }
    }
}

static void
add_region(ilokg_graph *g, const char *s, const entity_ref *ref, const ilokg_entity *e,
           const ilokg_gazetteer *gaz)
{
    t_iri(g, s, A, ILO("Region"));
    if (!e) {
        return;
    }
    if (ilokg_nonempty(e->m49)) {
        t_str(g, s, ILO("m49"), e->m49);
    }
    if (ilokg_nonempty(e->parent)) {
        add_region_ancestors(g, s, e->parent, gaz);
    }
    /* A region named in the text lists its members, so "commitments about Africa" reach the
     * countries; regions reached only as someone's ancestor do not (the World would list all). */
    for (size_t i = 0; ref->expand && i < e->n_members; i++) {
        if (ilokg_nonempty(e->members[i])) {
            const char *c = ilokg_graph_res(g, "country/%s", ilokg_graph_seg(g, e->members[i]));
            t_iri(g, s, ILO("hasMember"), c);
            t_iri(g, c, ILO("memberOf"), s);
            ilokg_graph_ref(g, ILOKG_ENT_COUNTRY, e->members[i], false);
        }
    }
}

static const char *
action_label(const char *code)
{
    static const char *const labels[][2] = {
        {"firm", "firm action"},
        {"explore", "exploratory action"},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (!strcmp(code, labels[i][0])) {
            return labels[i][1];
        }
    }
    return code;
}

static const char *const kind_names[] = {"actor",  "instrument", "SDG",         "country",
                                         "region", "theme",      "action class"};

static void
add_entity(ilokg_graph *g, const entity_ref *ref, const ilokg_gazetteer *gaz,
           const entity_list *regions, bool *schemes)
{
    const ilokg_entity *e = ref->kind < ILOKG_ENT_KIND_COUNT
                                ? gaz_find(gaz, (ilokg_entity_kind)ref->kind, ref->id)
                                : NULL;
    const char         *s = ilokg_graph_entity_iri(g, ref->kind, ref->id, gaz);
    if (gaz && !e && ref->kind < ILOKG_ENT_KIND_COUNT && ref->kind != ILOKG_ENT_THEME) {
        ilokg_report_at(g->diag, ILOKG_OK, NULL, 0, 0,
                        "no reference entry for %s '%s'; its notation stands as its label",
                        kind_names[ref->kind], ref->id);
    }
    t_str(g, s, SKOS("notation"), ref->id);
    const char *label = e && ilokg_nonempty(e->label) ? e->label : NULL;
    switch (ref->kind) {
    case ILOKG_ENT_ACTOR:
        add_actor(g, s, ref->id, e);
        break;
    case ILOKG_ENT_INSTRUMENT:
        add_instrument(g, s, ref->id, e);
        break;
    case ILOKG_ENT_SDG:
        add_sdg(g, s, ref->id, e, gaz);
        if (!label) {
            label = ilokg_graph_fmt(g, "SDG %s", ref->id);
        }
        break;
    case ILOKG_ENT_COUNTRY:
        add_country(g, s, ref->id, e, gaz, regions);
        break;
    case ILOKG_ENT_REGION:
        add_region(g, s, ref, e, gaz);
        break;
    case ILOKG_ENT_THEME:
        t_iri(g, s, A, ILO("Theme"));
        t_iri(g, s, A, SKOS("Concept"));
        t_iri(g, s, SKOS("inScheme"), ilokg_graph_res(g, "theme"));
        schemes[0] = true;
        break;
    default:
        t_iri(g, s, A, ILO("ActionClass"));
        t_iri(g, s, A, SKOS("Concept"));
        t_iri(g, s, SKOS("inScheme"), ilokg_graph_res(g, "action"));
        label      = action_label(ref->id);
        schemes[1] = true;
        break;
    }
    t_en(g, s, RDFS("label"), label ? label : ref->id);
    if (e) {
        add_wikidata(g, s, e->wikidata);
        add_link(g, s, RDFS("seeAlso"), e->see_also);
    }
}

ilokg_status
ilokg_graph_add_reference(ilokg_graph *g, const ilokg_gazetteer *gaz)
{
    static const char *const modalities[][2] = {
        {"Will", "will (firm undertaking)"},
        {"Intend", "intend (declared intention)"},
        {"Should", "should (recommendation)"},
        {"OtherModality", "other modality"},
    };
    entity_list regions    = {0};
    bool        schemes[2] = {false, false};
    if (gaz) {
        ilokg_gazetteer_each(gaz, ILOKG_ENT_REGION, collect_entity, &regions);
        if (regions.st) {
            g->st = regions.st;
        }
    }
    g->cur = ilokg_graph_res(g, "graph/reference");
    for (size_t i = 0; i < g->n_refs && !g->st; i++) {
        entity_ref ref = g->refs[i]; /* a copy: add_entity may grow g->refs */
        add_entity(g, &ref, gaz, &regions, schemes);
    }
    const char *scheme_labels[2][2] = {{"theme", "themes of sections and commitments"},
                                       {"action", "classes of action undertaken"}};
    for (int i = 0; i < 2; i++) {
        if (schemes[i]) {
            const char *sc = ilokg_graph_res(g, "%s", scheme_labels[i][0]);
            t_iri(g, sc, A, SKOS("ConceptScheme"));
            t_en(g, sc, RDFS("label"), scheme_labels[i][1]);
        }
    }
    for (size_t i = 0; i < sizeof modalities / sizeof modalities[0]; i++) {
        const char *mo = ilokg_graph_fmt(g, ILOKG_NS "%s", modalities[i][0]);
        t_iri(g, mo, A, ILO("Modality"));
        t_iri(g, mo, A, SKOS("Concept"));
        t_str(g, mo, SKOS("notation"), modalities[i][0]);
        t_en(g, mo, RDFS("label"), modalities[i][1]);
    }
    free(regions.items);
    g->cur = NULL;
    return g->st;
}
