/* SPDX-License-Identifier: Apache-2.0 */
/* A document's named graph: document, meeting, source file, text context, sections,
 * commitments, mentions. */
#include "graph/graph.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_int.h"
#include "util/buf.h"
#include "util/sha256.h"
#include "util/utf8.h"

/* ---- documents ---------------------------------------------------------------------------- */

static void warn_doc(ilokg_graph *g, const ilokg_doc *doc, const char *fmt, ...) ILOKG_PRINTF(3, 4);
static void
warn_doc(ilokg_graph *g, const ilokg_doc *doc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ilokg_buf b = ILOKG_BUF_INIT;
    if (!ilokg_buf_vprintf(&b, fmt, ap)) {
        ilokg_report_at(g->diag, ILOKG_OK, doc->path ? doc->path : doc->meta.id, 0, 0, "%s", b.ptr);
    }
    ilokg_buf_free(&b);
    va_end(ap);
}

static const char *
ordinal_suffix(const char *num)
{
    size_t n = strlen(num);
    if (n >= 2 && num[n - 2] == '1') {
        return "th";
    }
    switch (num[n - 1]) {
    case '1':
        return "st";
    case '2':
        return "nd";
    case '3':
        return "rd";
    default:
        return "th";
    }
}

static void
add_meeting(ilokg_graph *g, const ilokg_doc *doc, const char *d)
{
    const ilokg_meta *m = &doc->meta;
    const char       *prefix, *cls;
    if (!strcmp(m->type, "HLMConclusions")) {
        prefix = "hlm", cls = ILO("HighLevelMeeting");
    } else if (!strcmp(m->type, "ILCConclusions")) {
        prefix = "ilc", cls = ILO("ConferenceSession");
    } else {
        return;
    }
    if (!ilokg_all_digits(m->meeting_number)) {
        if (ilokg_nonempty(m->meeting_number)) {
            warn_doc(g, doc, "meeting number '%s' is not a number; no meeting recorded",
                     m->meeting_number);
        }
        return;
    }
    const char *mt = ilokg_graph_res(g, "meeting/%s-%s", prefix, m->meeting_number);
    t_iri(g, d, ILO("meeting"), mt);
    t_iri(g, mt, A, ILO("Meeting"));
    t_iri(g, mt, A, cls);
    t_typed(g, mt, ILO("meetingNumber"), m->meeting_number, XSD("integer"));
    t_en(g, mt, RDFS("label"),
         prefix[0] == 'h'
             ? ilokg_graph_fmt(g, "%s%s High Level Meeting of the ILO and the European Commission",
                               m->meeting_number, ordinal_suffix(m->meeting_number))
             : ilokg_graph_fmt(g, "International Labour Conference, %s%s Session",
                               m->meeting_number, ordinal_suffix(m->meeting_number)));
    if (ilokg_nonempty(m->place)) {
        t_str(g, mt, ILO("place"), m->place);
    }
    const char *dates[2][2] = {{m->start_date, ILO("startDate")}, {m->end_date, ILO("endDate")}};
    for (int i = 0; i < 2; i++) {
        if (ilokg_is_date(dates[i][0])) {
            t_typed(g, mt, dates[i][1], dates[i][0], XSD("date"));
        } else if (ilokg_nonempty(dates[i][0])) {
            warn_doc(g, doc, "meeting date '%s' is not YYYY-MM-DD; left out", dates[i][0]);
        }
    }
}

static const char *
doc_type_iri(const char *type)
{
    static const char *const known[][2] = {
        {"HLMConclusions", ILO("HLMConclusions")},
        {"ILCConclusions", ILO("ILCConclusions")},
        {"ProgrammingNote", ILO("ProgrammingNote")},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (!strcmp(type, known[i][0])) {
            return known[i][1];
        }
    }
    return NULL;
}

/* The source span's exact bytes, when they are whole UTF-8 characters inside the file. */
static bool
span_ok(const ilokg_doc *doc, ilokg_span sp)
{
    return doc->bytes && sp.start < sp.end && sp.end <= doc->len &&
           ilokg_utf8_validate(doc->bytes + sp.start, sp.end - sp.start) == sp.end - sp.start &&
           (sp.end == doc->len || ((unsigned char)doc->bytes[sp.end] & 0xC0) != 0x80);
}

/* Prepares char_offset for doc: the code points before every MARK_STEP-th byte, counted once
 * (Counting from the start of the file for every span made a document with n items cost n times
 * its length.) */
static void
mark_doc(ilokg_graph *g, const ilokg_doc *doc)
{
    size_t n = doc->len / MARK_STEP + 1;
    if (g->st || (g->st = ilokg_grow(&g->marks, &g->cap_marks, n, sizeof *g->marks))) {
        return;
    }
    size_t chars = 0;
    for (size_t i = 0; i < n; i++) {
        g->marks[i]  = chars;
        size_t start = i * MARK_STEP,
               end   = start + MARK_STEP < doc->len ? start + MARK_STEP : doc->len;
        chars += doc->bytes ? ilokg_utf8_count(doc->bytes + start, end - start) : 0;
    }
}

/* The code-point offset of byte off (as ilokg_doc_char_offset), from the marks. */
static size_t
char_offset(const ilokg_graph *g, const ilokg_doc *doc, size_t off)
{
    if (off > doc->len) {
        off = doc->len;
    }
    if (!doc->bytes || g->st) {
        return ilokg_doc_char_offset(doc, off);
    }
    size_t k = off / MARK_STEP;
    return g->marks[k] + ilokg_utf8_count(doc->bytes + k * MARK_STEP, off - k * MARK_STEP);
}

static void
add_span(ilokg_graph *g, const ilokg_doc *doc, const char *s, ilokg_span sp, const char *ctx)
{
    t_num(g, s, NIF("beginIndex"), char_offset(g, doc, sp.start), XSD("nonNegativeInteger"));
    t_num(g, s, NIF("endIndex"), char_offset(g, doc, sp.end), XSD("nonNegativeInteger"));
    t_iri(g, s, NIF("referenceContext"), ctx);
}

static void
add_themes(ilokg_graph *g, const char *s, const char *const *themes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        t_iri(g, s, ILO("theme"), ilokg_graph_res(g, "theme/%s", ilokg_graph_seg(g, themes[i])));
        ilokg_graph_ref(g, ILOKG_ENT_THEME, themes[i], false);
    }
}

static const char *
commitment_iri(ilokg_graph *g, const char *id, size_t seq)
{
    return ilokg_graph_res(g, "doc/%s/commitment/%zu", id, seq);
}

static bool
has_commitment(const ilokg_doc *doc, size_t seq)
{
    if (seq >= 1 && seq <= doc->n_commitments && doc->commitments[seq - 1].seq == seq) {
        return true;
    }
    for (size_t i = 0; i < doc->n_commitments; i++) {
        if (doc->commitments[i].seq == seq) {
            return true;
        }
    }
    return false;
}

static void
add_commitment(ilokg_graph *g, const ilokg_doc *doc, const ilokg_commitment *c, const char *id,
               const char *d, const char *ctx)
{
    const char *ci = commitment_iri(g, id, c->seq);
    t_iri(g, ci, A, ILO("Commitment"));
    t_iri(g, ci, ILO("document"), d);
    t_iri(g, ci, PROV("wasDerivedFrom"), d);
    if (c->section < doc->n_sections) {
        t_iri(g, ci, ILO("section"), ilokg_graph_res(g, "doc/%s/section/%zu", id, c->section + 1));
    } else {
        warn_doc(g, doc, "commitment %zu lies in no section", c->seq);
    }
    for (size_t i = 0; i < c->n_actors; i++) {
        t_iri(g, ci, ILO("actor"),
              ilokg_graph_res(g, "actor/%s", ilokg_graph_seg(g, c->actors[i])));
        ilokg_graph_ref(g, ILOKG_ENT_ACTOR, c->actors[i], false);
    }
    t_iri(g, ci, ILO("modality"),
          ilokg_graph_fmt(g, ILOKG_NS "%s", ilokg_modality_name(c->modality)));
    if (c->number[0]) {
        t_str(g, ci, ILO("itemNumber"), c->number);
    }
    t_num(g, ci, ILO("sequence"), c->seq, XSD("integer"));
    t_str(g, ci, ILO("text"), c->text ? c->text : "");
    t_en(g, ci, RDFS("label"),
         c->number[0]
             ? ilokg_graph_fmt(g, "%s commitment %zu (item %s)", doc->meta.id, c->seq, c->number)
             : ilokg_graph_fmt(g, "%s commitment %zu", doc->meta.id, c->seq));
    add_span(g, doc, ci, c->span, ctx);
    if (span_ok(doc, c->leadin)) {
        t_str(
            g, ci, ILO("leadIn"),
            ilokg_graph_one_line(g, doc->bytes + c->leadin.start, c->leadin.end - c->leadin.start));
    }
    if (ilokg_nonempty(c->verb)) {
        t_str(g, ci, ILO("verb"), c->verb);
    }
    if (ilokg_nonempty(c->action)) {
        t_iri(g, ci, ILO("actionClass"),
              ilokg_graph_res(g, "action/%s", ilokg_graph_seg(g, c->action)));
        ilokg_graph_ref(g, REF_ACTION, c->action, false);
    }
    add_themes(g, ci, c->themes, c->n_themes);
}

static void
add_mention(ilokg_graph *g, const ilokg_doc *doc, const ilokg_mention *m, const char *id,
            const char *d, const char *ctx, const ilokg_gazetteer *gaz)
{
    if (!ilokg_nonempty(m->id) || (int)m->kind < 0 || m->kind >= ILOKG_ENT_KIND_COUNT) {
        return;
    }
    if (!span_ok(doc, m->span)) {
        warn_doc(g, doc,
                 "mention of %s at bytes %zu-%zu does not delimit whole characters; "
                 "left out",
                 m->id, m->span.start, m->span.end);
        return;
    }
    const char *ent = ilokg_graph_entity_iri(g, (int)m->kind, m->id, gaz);
    const char *mi =
        ilokg_graph_res(g, "doc/%s/mention/%zu-%zu", id, char_offset(g, doc, m->span.start),
                        char_offset(g, doc, m->span.end));
    const char *anchor =
        ilokg_graph_intern_n(g, doc->bytes + m->span.start, m->span.end - m->span.start);
    ilokg_graph_ref(g, (int)m->kind, m->id, m->kind == ILOKG_ENT_REGION);
    t_iri(g, mi, A, ILO("Mention"));
    t_iri(g, mi, ILO("refersTo"), ent);
    t_iri(g, mi, ILO("document"), d);
    t_str(g, mi, NIF("anchorOf"), anchor);
    t_en(g, mi, RDFS("label"),
         ilokg_graph_one_line(g, doc->bytes + m->span.start, m->span.end - m->span.start));
    add_span(g, doc, mi, m->span, ctx);
    if (m->indirect) {
        t_typed(g, mi, ILO("indirect"), "true", XSD("boolean"));
    }
    if (m->commitment && has_commitment(doc, m->commitment)) {
        const char *ci = commitment_iri(g, id, m->commitment);
        t_iri(g, mi, ILO("inCommitment"), ci);
        t_iri(g, ci, ILO("mentions"), ent);
    }
}

ilokg_status
ilokg_graph_add_doc(ilokg_graph *g, const ilokg_doc *doc, const ilokg_gazetteer *gaz)
{
    const ilokg_meta *m  = &doc->meta;
    const char       *id = ilokg_graph_seg(g, m->id);
    const char       *d  = ilokg_graph_res(g, "doc/%s", id);
    const char       *f  = ilokg_graph_res(g, "doc/%s/source", id);
    const char       *ck = ilokg_graph_res(g, "doc/%s/source/sha256", id);
    const char       *cx = ilokg_graph_res(g, "doc/%s/text", id);
    g->cur               = ilokg_graph_res(g, "graph/%s", id);
    mark_doc(g, doc);

    t_iri(g, d, A, ILO("Document"));
    t_str(g, d, DCT("identifier"), m->id);
    const char *title = ilokg_nonempty(m->title) ? m->title : m->id;
    t_en(g, d, DCT("title"), title);
    t_en(g, d, RDFS("label"), title);
    const char *type = doc_type_iri(m->type);
    if (type) {
        t_iri(g, d, DCT("type"), type);
    } else if (ilokg_nonempty(m->type)) {
        warn_doc(g, doc, "unknown document type '%s'; no dcterms:type recorded", m->type);
    }
    if (ilokg_is_date(m->issued)) {
        t_typed(g, d, DCT("issued"), m->issued, XSD("date"));
    } else if (ilokg_nonempty(m->issued)) {
        warn_doc(g, doc, "issued date '%s' is not YYYY-MM-DD; left out", m->issued);
    }
    add_meeting(g, doc, d);

    /* The file as shipped: name, size and SHA-256, so a reader can check that offsets and
     * anchors refer to the same bytes. */
    char hex[ILOKG_SHA256_HEX_LEN + 1];
    ilokg_sha256_hex(hex, doc->bytes ? doc->bytes : "", doc->bytes ? doc->len : 0);
    const char *fname = ilokg_nonempty(m->file) ? m->file : m->id;
    t_iri(g, d, ILO("sourceFile"), f);
    t_iri(g, f, A, SPDX("File"));
    t_str(g, f, SPDX("fileName"), fname);
    t_en(g, f, RDFS("label"), ilokg_graph_fmt(g, "source file %s", fname));
    t_num(g, f, DCAT("byteSize"), doc->len, XSD("nonNegativeInteger"));
    t_str(g, f, DCAT("mediaType"), "text/plain; charset=utf-8");
    t_iri(g, f, SPDX("checksum"), ck);
    t_iri(g, ck, A, SPDX("Checksum"));
    t_iri(g, ck, SPDX("algorithm"), SPDX("checksumAlgorithm_sha256"));
    t_typed(g, ck, SPDX("checksumValue"), hex, XSD("hexBinary"));
    t_en(g, ck, RDFS("label"), ilokg_graph_fmt(g, "SHA-256 of %s", fname));

    /* NIF context: the whole text as shipped; every span's offsets count from its start. */
    t_iri(g, cx, A, NIF("Context"));
    t_num(g, cx, NIF("beginIndex"), 0, XSD("nonNegativeInteger"));
    t_num(g, cx, NIF("endIndex"), char_offset(g, doc, doc->len), XSD("nonNegativeInteger"));
    t_iri(g, cx, NIF("sourceUrl"), f);
    t_iri(g, cx, ILO("document"), d);
    t_en(g, cx, RDFS("label"), ilokg_graph_fmt(g, "text of %s", m->id));

    for (size_t i = 0; i < doc->n_sections; i++) {
        const ilokg_section *sec = &doc->sections[i];
        const char          *si  = ilokg_graph_res(g, "doc/%s/section/%zu", id, i + 1);
        const char          *heading =
            sec->heading ? ilokg_graph_one_line(g, sec->heading, strlen(sec->heading)) : "";
        t_iri(g, si, A, ILO("Section"));
        t_iri(g, si, ILO("document"), d);
        t_num(g, si, ILO("order"), i + 1, XSD("integer"));
        t_en(g, si, RDFS("label"),
             heading && *heading ? heading : ilokg_graph_fmt(g, "%s section %zu", m->id, i + 1));
        if (heading && *heading) {
            t_str(g, si, ILO("heading"), heading);
        }
        if (ilokg_nonempty(sec->part)) {
            t_str(g, si, ILO("part"), ilokg_graph_one_line(g, sec->part, strlen(sec->part)));
        }
        add_themes(g, si, sec->themes, sec->n_themes);
    }
    for (size_t i = 0; i < doc->n_commitments; i++) {
        add_commitment(g, doc, &doc->commitments[i], id, d, cx);
    }
    for (size_t i = 0; i < doc->n_mentions; i++) {
        add_mention(g, doc, &doc->mentions[i], id, d, cx, gaz);
    }
    g->cur = NULL;
    return g->st;
}
