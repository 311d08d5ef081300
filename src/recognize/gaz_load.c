/* SPDX-License-Identifier: Apache-2.0 */
/* Loading the gazetteer: each reference table (the .tsv files of data/reference) read into entities and
 * their names. */
#include "recognize/gazetteer_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/io.h"
#include "util/tsv.h"
#include "util/utf8.h"

#define OP_CORPORATE_BODY "http://publications.europa.eu/resource/authority/corporate-body/"

/* ---- Tables ----------------------------------------------------------------------------- */

/* Reads dir/name (comments allowed, every row as wide as the header) and hands its text to gaz:
 * the entities point into it. */
static ilokg_status
table_load(ilokg_tsv *t, ilokg_gazetteer *gaz, const char *dir, const char *name,
           const char *const *required, ilokg_diag *diag)
{
    memset(t, 0, sizeof *t);
    char *path = ilokg_path_join(dir, name);
    if (!path) {
        return ILOKG_ERR_NOMEM;
    }
    ilokg_status st = ilokg_tsv_load(t, path, ILOKG_TSV_COMMENTS, required, diag);
    free(path);
    if (!st && !(st = ilokg_grow(&gaz->bufs, &gaz->cap_bufs, gaz->n_bufs, sizeof *gaz->bufs))) {
        gaz->bufs[gaz->n_bufs++] = ilokg_tsv_take_text(t);
    }
    return st;
}

/* ---- Loading each table ----------------------------------------------------------------- */

static const char *
title_case_kind(const char *kind)
{
    if (!kind) {
        return NULL;
    }
    if (!strcmp(kind, "goal")) {
        return "Goal";
    }
    if (!strcmp(kind, "target")) {
        return "Target";
    }
    if (!strcmp(kind, "indicator")) {
        return "Indicator";
    }
    return kind;
}

/* The entity of table row r, keyed by column key; an empty key is an error at its line. */
static ilokg_status
row_entity(ilokg_entity **out, ilokg_gazetteer *gaz, const ilokg_tsv *t, size_t r,
           ilokg_entity_kind kind, const char *key, ilokg_diag *diag)
{
    const char *id = ilokg_tsv_cell(t, r, ilokg_tsv_column(t, key));
    if (!id) {
        return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t->path, t->lines[r], 1, "empty %s", key);
    }
    *out = ilokg_gaz_entity_new(gaz->s, kind, id);
    return *out ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

static ilokg_status
load_sdg(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[] = {"code",      "kind",    "parent",   "title", "short_title",
                                      "unsd_code", "kos_iri", "wikidata", NULL};
    ilokg_tsv                t;
    ilokg_status             st = table_load(&t, gaz, dir, "sdg.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = NULL;
        if ((st = row_entity(&e, gaz, &t, r, ILOKG_ENT_SDG, "code", diag))) {
            break;
        }
        e->type      = title_case_kind(ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "kind")));
        e->parent    = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "parent"));
        e->label     = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "title"));
        e->alt_label = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "short_title"));
        e->unsd_code = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "unsd_code"));
        e->iri       = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "kos_iri"));
        e->wikidata  = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "wikidata"));
    }
    ilokg_tsv_free(&t);
    return st;
}

static ilokg_status
load_countries(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[]  = {"alpha3",   "alpha2",     "m49",           "label", "op_iri",
                                       "wikidata", "m49_region", "m49_subregion", NULL};
    static const char *const req2[] = {"alpha3", "name", NULL};
    ilokg_tsv                t, n;
    ilokg_status             st = table_load(&t, gaz, dir, "countries.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = NULL;
        if ((st = row_entity(&e, gaz, &t, r, ILOKG_ENT_COUNTRY, "alpha3", diag))) {
            break;
        }
        e->type          = "Country";
        e->label         = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "label"));
        e->alpha2        = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "alpha2"));
        e->m49           = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "m49"));
        e->op_iri        = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "op_iri"));
        e->wikidata      = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "wikidata"));
        e->m49_region    = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "m49_region"));
        e->m49_subregion = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "m49_subregion"));
        st               = ilokg_gaz_add_names(gaz, e->label, ILOKG_NAME_ENTITY, e);
    }
    ilokg_tsv_free(&t);
    if (st) {
        return st;
    }
    if ((st = table_load(&n, gaz, dir, "country_names.tsv", req2, diag))) {
        ilokg_tsv_free(&n);
        return st;
    }
    entity_vec *countries = &gaz->s->kinds[ILOKG_ENT_COUNTRY];
    if (countries->n) {
        qsort(countries->v, countries->n, sizeof *countries->v, ilokg_gaz_cmp_entity);
    }
    for (size_t r = 0; !st && r < n.nrows; r++) {
        const ilokg_entity *e =
            ilokg_gazetteer_find(gaz, ILOKG_ENT_COUNTRY, ilokg_tsv_cell(&n, r, ilokg_tsv_column(&n, "alpha3")));
        if (!e) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, n.path, n.lines[r], 1,
                                 "unknown country '%s'", n.cells[r * n.ncol]);
            break;
        }
        st = ilokg_gaz_add_names(gaz, ilokg_tsv_cell(&n, r, ilokg_tsv_column(&n, "name")), ILOKG_NAME_ENTITY, e);
    }
    ilokg_tsv_free(&n);
    return st;
}

static ilokg_status
split_members(store *s, ilokg_entity *e, const char *list)
{
    if (!list) {
        return ILOKG_OK;
    }
    size_t n = 1;
    for (const char *p = list; *p; p++) {
        n += *p == '|';
    }
    const char **m = ilokg_gaz_arena_alloc(s, n * sizeof *m);
    if (!m) {
        return ILOKG_ERR_NOMEM;
    }
    size_t      k = 0;
    const char *p = list;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t      len = bar ? (size_t)(bar - p) : strlen(p);
        if (len && !(m[k++] = ilokg_gaz_arena_strndup(s, p, len))) {
            return ILOKG_ERR_NOMEM;
        }
        p += len + (bar ? 1 : 0);
    }
    e->members   = m;
    e->n_members = k;
    return ILOKG_OK;
}

static ilokg_status
load_regions(ilokg_gazetteer *gaz, const char *dir, const char *file, ilokg_diag *diag)
{
    static const char *const req[] = {"id", "name", "kind", "parent", "members", NULL};
    ilokg_tsv                t;
    ilokg_status             st = table_load(&t, gaz, dir, file, req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = NULL;
        if ((st = row_entity(&e, gaz, &t, r, ILOKG_ENT_REGION, "id", diag))) {
            break;
        }
        e->label  = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "name"));
        e->type   = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "kind"));
        e->parent = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "parent"));
        e->m49    = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "code"));
        st        = split_members(gaz->s, e, ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "members")));
        /* "World" is a word of titles ("World of Work"), not a mention of the M49 area. */
        if (!st && e->label && strcmp(e->label, "World")) {
            st = ilokg_gaz_add_names_split(gaz, e->label, e);
        }
    }
    ilokg_tsv_free(&t);
    return st;
}

static ilokg_status
load_actors(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[] = {"code",   "label",   "full_name", "type",
                                      "parent", "op_code", NULL};
    ilokg_tsv                t;
    ilokg_status             st = table_load(&t, gaz, dir, "actors.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = NULL;
        if ((st = row_entity(&e, gaz, &t, r, ILOKG_ENT_ACTOR, "code", diag))) {
            break;
        }
        e->label       = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "label"));
        e->alt_label   = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "full_name"));
        e->type        = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "type"));
        e->parent      = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "parent"));
        const char *op = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "op_code"));
        if (op) {
            size_t n   = strlen(OP_CORPORATE_BODY) + strlen(op) + 1;
            char  *iri = ilokg_gaz_arena_alloc(gaz->s, n);
            if (!iri) {
                st = ILOKG_ERR_NOMEM;
                break;
            }
            snprintf(iri, n, "%s%s", OP_CORPORATE_BODY, op);
            e->see_also = iri;
        }
        if (!(st = ilokg_gaz_add_names(gaz, e->label, ILOKG_NAME_ENTITY, e))) {
            st = ilokg_gaz_add_names(gaz, e->alt_label, ILOKG_NAME_ENTITY, e);
        }
    }
    ilokg_tsv_free(&t);
    return st;
}

/* Adds an instrument title as names: as printed, without its " (No. n)" tail, and with
 * ", <year>" appended when the title carries no year. */
static ilokg_status
add_instrument_title(ilokg_gazetteer *gaz, ilokg_entity *e, const char *title)
{
    if (!title) {
        return ILOKG_OK;
    }
    /* "ILO Centenary Declaration ...": the ILO stays an actor mention of its own. */
    if (!strncmp(title, "ILO ", 4)) {
        title += 4;
    }
    ilokg_status st  = ilokg_gaz_add_names(gaz, title, ILOKG_NAME_ENTITY, e);
    size_t       len = strlen(title);
    const char  *no  = strstr(title, " (No.");
    if (!st && no) {
        st = ilokg_gaz_add_name(gaz, title, (size_t)(no - title), ILOKG_NAME_ENTITY, e, CASE_DEFAULT, false);
    } else if (!st && e->year && !strstr(title, e->year)) {
        char buf[512];
        int  n = snprintf(buf, sizeof buf, "%.*s, %s", (int)len, title, e->year);
        if (n > 0 && (size_t)n < sizeof buf) {
            st = ilokg_gaz_add_name(gaz, buf, (size_t)n, ILOKG_NAME_ENTITY, e, CASE_DEFAULT, false);
        }
    }
    return st;
}

static ilokg_status
load_instruments(ilokg_gazetteer *gaz, const char *dir, const char *file, ilokg_diag *diag)
{
    static const char *const req[] = {"code", "type", "title", "year", NULL};
    ilokg_tsv                t;
    ilokg_status             st = table_load(&t, gaz, dir, file, req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = ilokg_gaz_entity_new(gaz->s, ILOKG_ENT_INSTRUMENT, ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "code")));
        if (!e) {
            st = ILOKG_ERR_NOMEM;
            break;
        }
        e->type = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "type"));
        if (!e->id || !e->type) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t.path, t.lines[r], 1,
                                 "an instrument needs a code and a type");
            break;
        }
        e->label   = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "title"));
        e->year    = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "year"));
        e->status  = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "status"));
        e->normlex = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "normlex"));
        if (!e->normlex && ilokg_gaz_numbered_code(e->id)) {
            st = ilokg_gaz_set_normlex(gaz->s, e);
        }
        if (!st) {
            st = add_instrument_title(gaz, e, e->label);
        }
        if (!st) {
            st = ilokg_gaz_add_names(gaz, ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "short_title")), ILOKG_NAME_ENTITY, e);
        }
    }
    ilokg_tsv_free(&t);
    return st;
}

static ilokg_status
load_pairs(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[] = {"instrument", "recommendation", NULL};
    ilokg_tsv                t;
    ilokg_status             st = table_load(&t, gaz, dir, "instrument_pairs.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        const char *a = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "instrument"));
        const char *b = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "recommendation"));
        if (!a || !b || !ilokg_gaz_numbered_code(b) || b[0] != 'R') {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t.path, t.lines[r], 1,
                                 "a pair is an instrument code and a Recommendation code");
            break;
        }
        const ilokg_entity *e = ilokg_gazetteer_find(gaz, ILOKG_ENT_INSTRUMENT, a);
        if (!e && ilokg_gaz_numbered_code(a)) {
            st = ilokg_gazetteer_instrument(&e, gaz, a, NULL, 0, NULL);
        }
        if (!st && e) {
            ((ilokg_entity *)e)->paired = b;
        }
    }
    ilokg_tsv_free(&t);
    return st;
}

static ilokg_status
load_themes(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[] = {"code", "label", "definition", "broader", "keywords", NULL};
    ilokg_tsv                t;
    ilokg_status             st = table_load(&t, gaz, dir, "themes.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        ilokg_entity *e = NULL;
        if ((st = row_entity(&e, gaz, &t, r, ILOKG_ENT_THEME, "code", diag))) {
            break;
        }
        e->label        = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "label"));
        e->definition   = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "definition"));
        e->parent       = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "broader"));
        const char *kws = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "keywords"));
        while (!st && kws && *kws) {
            const char *bar     = strchr(kws, '|');
            size_t      len     = bar ? (size_t)(bar - kws) : strlen(kws);
            bool        acronym = true;
            for (size_t i = 0; i < len; i++) {
                acronym = acronym && !(kws[i] >= 'a' && kws[i] <= 'z');
            }
            size_t n0 = gaz->n_names;
            st = ilokg_gaz_add_name(gaz, kws, len, ILOKG_NAME_THEME, e, acronym ? CASE_EXACT : CASE_FOLD,
                          false);
            if (!st && gaz->n_names > n0) {
                gaz->names[n0].plural = true;
            }
            kws += len + (bar ? 1 : 0);
        }
    }
    ilokg_tsv_free(&t);
    return st;
}

static ilokg_status
load_aliases(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    static const char *const req[] = {"kind", "id", "name", "case", "indirect", NULL};
    static const struct {
        const char       *name;
        ilokg_entity_kind kind;
    } kinds[] = {{"actor", ILOKG_ENT_ACTOR},
                 {"instrument", ILOKG_ENT_INSTRUMENT},
                 {"country", ILOKG_ENT_COUNTRY},
                 {"region", ILOKG_ENT_REGION}};
    ilokg_tsv    t;
    ilokg_status st = table_load(&t, gaz, dir, "aliases.tsv", req, diag);
    for (size_t r = 0; !st && r < t.nrows; r++) {
        const char *kind = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "kind"));
        const char *id   = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "id"));
        const char *name = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "name"));
        const char *cs   = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "case"));
        const char *ind  = ilokg_tsv_cell(&t, r, ilokg_tsv_column(&t, "indirect"));
        case_rule   rule = !cs ? CASE_DEFAULT : !strcmp(cs, "exact") ? CASE_EXACT : CASE_FOLD;
        if (!kind || !name || (cs && strcmp(cs, "exact") && strcmp(cs, "fold"))) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t.path, t.lines[r], 1,
                                 "an alias needs a kind and a name (case: exact or fold)");
            break;
        }
        if (!strcmp(kind, "stop")) {
            st = ilokg_gaz_add_name(gaz, name, strlen(name), ILOKG_NAME_STOP, NULL, rule, false);
            continue;
        }
        const ilokg_entity *e          = NULL;
        bool                known_kind = false;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            if (!strcmp(kind, kinds[k].name)) {
                known_kind = true;
                e          = ilokg_gazetteer_find(gaz, kinds[k].kind, id);
            }
        }
        if (!e) {
            st = ilokg_report_at(diag, ILOKG_ERR_SYNTAX, t.path, t.lines[r], 1, "unknown %s '%s'",
                                 known_kind ? kind : "kind", known_kind ? (id ? id : "") : kind);
            break;
        }
        st = ilokg_gaz_add_name(gaz, name, strlen(name), ILOKG_NAME_ENTITY, e, rule,
                      ind && !strcmp(ind, "yes"));
    }
    ilokg_tsv_free(&t);
    return st;
}

static ilokg_status
add_triggers(ilokg_gazetteer *gaz)
{
    static const struct {
        const char   *text;
        ilokg_trigger trigger;
        case_rule     rule;
        bool          plural, digit_next;
    } kw[] = {
        {"Convention", ILOKG_TRIGGER_CONVENTION, CASE_FOLD, false, false},
        {"Conventions", ILOKG_TRIGGER_CONVENTION, CASE_FOLD, true, false},
        {"Recommendation", ILOKG_TRIGGER_RECOMMENDATION, CASE_FOLD, false, false},
        {"Recommendations", ILOKG_TRIGGER_RECOMMENDATION, CASE_FOLD, true, false},
        {"Protocol", ILOKG_TRIGGER_PROTOCOL, CASE_FOLD, false, false},
        {"Protocols", ILOKG_TRIGGER_PROTOCOL, CASE_FOLD, true, false},
        {"SDG", ILOKG_TRIGGER_SDG, CASE_EXACT, false, false},
        {"SDGs", ILOKG_TRIGGER_SDG, CASE_EXACT, true, false},
        {"Sustainable Development Goal", ILOKG_TRIGGER_SDG, CASE_FOLD, false, false},
        {"Sustainable Development Goals", ILOKG_TRIGGER_SDG, CASE_FOLD, true, false},
        {"target", ILOKG_TRIGGER_TARGET, CASE_FOLD, false, false},
        {"targets", ILOKG_TRIGGER_TARGET, CASE_FOLD, true, false},
        {"indicator", ILOKG_TRIGGER_TARGET, CASE_FOLD, false, false},
        {"indicators", ILOKG_TRIGGER_TARGET, CASE_FOLD, true, false},
        {"C", ILOKG_TRIGGER_CODE, CASE_EXACT, false, true},
        {"P", ILOKG_TRIGGER_CODE, CASE_EXACT, false, true},
        {"R", ILOKG_TRIGGER_CODE, CASE_EXACT, false, true},
    };
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++) {
        size_t       n0 = gaz->n_names;
        ilokg_status st = ilokg_gaz_add_name(gaz, kw[i].text, strlen(kw[i].text), ILOKG_NAME_TRIGGER, NULL,
                                   kw[i].rule, false);
        if (st) {
            return st;
        }
        gaz->names[n0].trigger    = kw[i].trigger;
        gaz->names[n0].plural_kw  = kw[i].plural;
        gaz->names[n0].digit_next = kw[i].digit_next;
    }
    return ILOKG_OK;
}

/* Reports the first id two rows of one kind share. */
static ilokg_status
check_unique(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    for (int k = 0; k < ILOKG_ENT_KIND_COUNT; k++) {
        entity_vec *v = &gaz->s->kinds[k];
        if (v->n) {
            qsort(v->v, v->n, sizeof *v->v, ilokg_gaz_cmp_entity);
        }
        for (size_t i = 1; i < v->n; i++) {
            if (!strcmp(v->v[i - 1]->id, v->v[i]->id)) {
                return ilokg_report_at(diag, ILOKG_ERR_SYNTAX, dir, 0, 0, "id '%s' is listed twice",
                                       v->v[i]->id);
            }
        }
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_gaz_load_tables(ilokg_gazetteer *gaz, const char *dir, ilokg_diag *diag)
{
    ilokg_status st = load_sdg(gaz, dir, diag);
    if (!st) {
        st = load_countries(gaz, dir, diag);
    }
    if (!st) {
        st = load_regions(gaz, dir, "regions.tsv", diag);
    }
    if (!st) {
        st = load_regions(gaz, dir, "regions_extra.tsv", diag);
    }
    if (!st) {
        st = load_actors(gaz, dir, diag);
    }
    if (!st) {
        st = load_instruments(gaz, dir, "ilo_instruments.tsv", diag);
    }
    if (!st) {
        st = load_instruments(gaz, dir, "instruments_extra.tsv", diag);
    }
    if (!st) {
        st = load_themes(gaz, dir, diag);
    }
    if (!st) {
        st = check_unique(gaz, dir, diag);
    }
    if (!st) {
        st = load_pairs(gaz, dir, diag);
    }
    if (!st) {
        st = load_aliases(gaz, dir, diag);
    }
    if (!st) {
        st = add_triggers(gaz);
    }
    return st;
}
