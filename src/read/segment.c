/* SPDX-License-Identifier: Apache-2.0 */
/* Document structure from damaged PDF text: header facts, parts, sections, and the commitments
 * that lead-in sentences ("The ILO and the Commission will:") introduce.
 *
 * Two passes. The first reads the layout (a margin column of headings, a two-column table, or a
 * brochure) into paragraphs of one "flow" text with a map back to the normalised text, skipping
 * repeated page headers and repairing cell-level damage (item numbers merged into a word, text
 * repeated by the extraction). The second reads the flow unit by unit (clauses ended by ';', ':'
 * or a sentence end) and decides, as a reader would, where each action item starts and ends.
 *
 * This file drives the passes; segment_header.c reads the header facts, segment_layout.c the
 * layout into the flow (segment_flow.c), segment_items.c the flow into items, segment_commit.c
 * the items into commitments; segment_text.c holds the text tests they share. */
#include "read/segment.h"

#include <stdlib.h>
#include <string.h>

#include "read/segment_int.h"
#include "util/buf.h"

/* A heading over next to no text heads nothing: a logo, a cover line, a table label. */
static void
drop_empty_sections(reader *r)
{
    ilokg_doc *doc = r->doc;
    size_t    *len = calloc(doc->n_sections + 1, sizeof *len);
    size_t    *map = calloc(doc->n_sections + 1, sizeof *map);
    if (!len || !map) {
        free(len);
        free(map);
        return; /* keeping them is harmless */
    }
    for (size_t i = 0; i < r->f.n_paras; i++) {
        const para *pp = &r->f.paras[i];
        if (pp->section != NONE && pp->section < doc->n_sections) {
            len[pp->section] += pp->fe - pp->fs;
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < doc->n_sections; i++) {
        if (doc->sections[i].n_commitments == 0 && len[i] < 80) {
            free(doc->sections[i].heading);
            free(doc->sections[i].part);
            free(doc->sections[i].themes);
            map[i] = NONE;
            continue;
        }
        map[i]              = k;
        doc->sections[k++] = doc->sections[i];
    }
    doc->n_sections = k;
    for (size_t i = 0; i < doc->n_commitments; i++) {
        size_t sec = doc->commitments[i].section;
        doc->commitments[i].section = sec == NONE ? NONE : map[sec];
    }
    free(len);
    free(map);
}

ilokg_status
ilokg_segment_doc(ilokg_doc *doc, const ilokg_text *text, const ilokg_source *src,
                  ilokg_diag *diag)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.doc     = doc;
    r.t       = text;
    r.src     = src;
    r.diag    = diag;
    r.section     = NONE;
    r.heading_row = NONE;
    ilokg_status st = ilokg_seg_index_lines(&r);
    if (!st) {
        st = ilokg_seg_read_header(&r);
    }
    if (!st) {
        st = ilokg_seg_read_layout(&r);
    }
    if (!st) {
        st = ilokg_seg_read_items(&r);
    }
    if (!st) {
        drop_empty_sections(&r);
    }
    ilokg_buf_free(&r.f.buf);
    free(r.f.nmap);
    free(r.f.nend);
    free(r.f.paras);
    free(r.lines);
    free(r.part);
    return st;
}

