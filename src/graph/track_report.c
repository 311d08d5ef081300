/* SPDX-License-Identifier: Apache-2.0 */
/* `ilokg track`: per pair of successive meetings, counts per status and theme, then every link
 * with both texts side by side; or the same as CSV rows for spreadsheets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/corpus.h"
#include "graph/track_int.h"

#define COL 50 /* characters per text column */

/* ---- CSV ---------------------------------------------------------------------------------- */

static void
csv_field(FILE *fp, const char *s, size_t len, bool last)
{
    bool quote = false;
    for (size_t i = 0; i < len; i++) {
        quote = quote || s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    }
    if (quote) {
        fputc('"', fp);
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '"') {
                fputc('"', fp);
            }
            fputc(s[i], fp);
        }
        fputc('"', fp);
    } else {
        fwrite(s, 1, len, fp);
    }
    fputs(last ? "\r\n" : ",", fp);
}

static void
csv_str(FILE *fp, const char *s)
{
    csv_field(fp, s ? s : "", s ? strlen(s) : 0, false);
}

static void
csv_num(FILE *fp, double v)
{
    char b[32];
    snprintf(b, sizeof b, "%.3f", v);
    csv_str(fp, b);
}

static void
csv_item(FILE *fp, const ilokg_track_item *it)
{
    char seq[24];
    if (!it) {
        csv_str(fp, "");
        csv_str(fp, "");
        csv_str(fp, "");
        return;
    }
    snprintf(seq, sizeof seq, "%zu", it->seq);
    csv_str(fp, it->doc_id);
    csv_str(fp, seq);
    csv_str(fp, it->number);
}

/* Space-separated notations of the entities (or themes) both items name. */
static void
shared_list(ilokg_buf *b, const ilokg_track_item *a, const ilokg_track_item *e, bool themes)
{
    b->len = 0;
    if (b->ptr) {
        b->ptr[0] = '\0';
    }
    size_t na = themes ? a->n_themes : a->n_entities, ne = themes ? e->n_themes : e->n_entities;
    for (size_t i = 0; i < na; i++) {
        for (size_t j = 0; j < ne; j++) {
            const char *x = themes ? a->themes[i] : a->entities[i].id;
            const char *y = themes ? e->themes[j] : e->entities[j].id;
            if (!strcmp(x, y) && (themes || a->entities[i].kind == e->entities[j].kind)) {
                ilokg_buf_printf(b, "%s%s", b->len ? " " : "", x);
            }
        }
    }
}

static const char *const csv_header =
    "series,earlier_meeting,later_meeting,earlier_doc,earlier_seq,earlier_item,later_doc,"
    "later_seq,later_item,degree,score,text_similarity,entity_similarity,theme_similarity,"
    "shared_entities,shared_themes,key_phrase,earlier_text,later_text\r\n";

static void
csv_row(FILE *fp, const ilokg_track_pair *p, const ilokg_track_item *e, const ilokg_track_item *a,
        const char *degree, const ilokg_track_link *l, ilokg_buf *tmp)
{
    char m[2][24];
    snprintf(m[0], sizeof m[0], "%ld", p->earlier);
    snprintf(m[1], sizeof m[1], "%ld", p->later);
    csv_str(fp, p->series);
    csv_str(fp, m[0]);
    csv_str(fp, m[1]);
    csv_item(fp, e);
    csv_item(fp, a);
    csv_str(fp, degree);
    if (l) {
        csv_num(fp, l->score);
        csv_num(fp, l->text_sim);
        csv_num(fp, l->ent_sim);
        csv_num(fp, l->theme_sim);
        shared_list(tmp, a, e, false);
        csv_str(fp, tmp->ptr);
        shared_list(tmp, a, e, true);
        csv_str(fp, tmp->ptr);
        csv_field(fp, a->text + l->phrase_start, l->phrase_end - l->phrase_start, false);
    } else {
        for (int i = 0; i < 7; i++) {
            csv_str(fp, "");
        }
    }
    csv_str(fp, e ? e->text : "");
    csv_field(fp, a ? a->text : "", a ? strlen(a->text) : 0, true);
}

/* ---- text ---------------------------------------------------------------------------------- */

/* The next line of at most COL characters of s from *off, broken at a space when one is near;
 * returns its byte length and its width in characters. */
static size_t
next_line(const char *s, size_t *off, size_t *width)
{
    while (s[*off] == ' ') {
        (*off)++;
    }
    size_t i = *off, chars = 0, brk = 0, brk_chars = 0;
    for (; s[i] && chars < COL; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            chars++;
        }
        if (s[i] == ' ') {
            brk = i, brk_chars = chars - 1;
        }
    }
    while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80) {
        i++;
    }
    if (s[i] && brk > *off) {
        i = brk, chars = brk_chars;
    }
    size_t len = i - *off;
    *width     = chars;
    return len;
}

static void
side_by_side(FILE *fp, const char *left, const char *right)
{
    size_t lo = 0, ro = 0;
    while (left[lo] || right[ro]) {
        size_t      lw, rw;
        size_t      ll = next_line(left, &lo, &lw);
        const char *lp = left + lo;
        lo += ll;
        size_t      rl = next_line(right, &ro, &rw);
        const char *rp = right + ro;
        ro += rl;
        if (!ll && !rl) {
            break;
        }
        fprintf(fp, "    | %.*s%*s | %.*s\n", (int)ll, lp, (int)(COL - lw), "", (int)rl, rp);
    }
}

/* The bytes of the first 70 characters of s at most, ending on a character boundary. */
static int
start_len(const char *s)
{
    size_t i = 0, chars = 0;
    while (s[i] && chars < 70) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80) {
            i++;
        }
        chars++;
    }
    return (int)i;
}

static void
print_start(FILE *fp, const ilokg_track_item *it)
{
    int n = start_len(it->text);
    fprintf(fp, "    %s %zu: %.*s%s\n", it->doc_id, it->seq, n, it->text, it->text[n] ? "..." : "");
}

static const char *
status_of(const ilokg_track *t, size_t i, bool next)
{
    return ilokg_track_status_name(next ? ilokg_track_next_status(t, i)
                                        : ilokg_track_prev_status(t, i));
}

/* Counts per status of the earlier meeting's commitments (and new ones of the later), overall
 * and per theme. */
static void
print_counts(FILE *fp, const ilokg_track *t, size_t eb, size_t ee, size_t lb, size_t le)
{
    static const ilokg_track_status st[] = {
        ILOKG_TRACK_STATUS_CONTINUED, ILOKG_TRACK_STATUS_DEVELOPED, ILOKG_TRACK_STATUS_DROPPED};
    size_t n[3] = {0}, n_new = 0;
    for (size_t i = eb; i < ee; i++) {
        for (int k = 0; k < 3; k++) {
            n[k] += ilokg_track_next_status(t, i) == st[k];
        }
    }
    for (size_t i = lb; i < le; i++) {
        n_new += ilokg_track_prev_status(t, i) == ILOKG_TRACK_STATUS_NEW;
    }
    fprintf(fp, "  earlier commitments: %zu continued, %zu developed, %zu not taken up (of %zu)\n",
            n[0], n[1], n[2], ee - eb);
    fprintf(fp, "  later commitments:   %zu new, %zu carry an earlier one on (of %zu)\n\n", n_new,
            le - lb - n_new, le - lb);
    fprintf(fp, "  %-24s %9s %9s %12s %5s\n", "theme", "continued", "developed", "not taken up",
            "new");
    /* Themes in order of first appearance in the pair, each printed once. */
    for (size_t i = eb; i < le; i++) {
        const ilokg_track_item *it = &t->items[i];
        for (size_t k = 0; k < it->n_themes; k++) {
            bool seen = false;
            for (size_t j = eb; j <= i && !seen; j++) {
                for (size_t m = 0; m < t->items[j].n_themes && !seen; m++) {
                    seen = (j < i || m < k) && !strcmp(t->items[j].themes[m], it->themes[k]);
                }
            }
            if (seen) {
                continue;
            }
            size_t c[4] = {0};
            for (size_t j = eb; j < le; j++) {
                for (size_t m = 0; m < t->items[j].n_themes; m++) {
                    if (strcmp(t->items[j].themes[m], it->themes[k])) {
                        continue;
                    }
                    ilokg_track_status s =
                        j < ee ? ilokg_track_next_status(t, j) : ilokg_track_prev_status(t, j);
                    c[0] += j < ee && s == ILOKG_TRACK_STATUS_CONTINUED;
                    c[1] += j < ee && s == ILOKG_TRACK_STATUS_DEVELOPED;
                    c[2] += j < ee && s == ILOKG_TRACK_STATUS_DROPPED;
                    c[3] += j >= lb && s == ILOKG_TRACK_STATUS_NEW;
                }
            }
            fprintf(fp, "  %-24s %9zu %9zu %12zu %5zu\n", it->themes[k], c[0], c[1], c[2], c[3]);
        }
    }
}

static void
print_link(FILE *fp, const ilokg_track *t, const ilokg_track_link *l, ilokg_buf *tmp)
{
    const ilokg_track_item *e = &t->items[l->earlier], *a = &t->items[l->later];
    fprintf(fp,
            "\n  %s %zu%s%s%s -> %s %zu%s%s%s: %s, score %.3f (text %.3f, entities %.3f, "
            "themes %.3f)\n",
            e->doc_id, e->seq, *e->number ? " (item " : "", e->number, *e->number ? ")" : "",
            a->doc_id, a->seq, *a->number ? " (item " : "", a->number, *a->number ? ")" : "",
            ilokg_degree_name(l->degree), l->score, l->text_sim, l->ent_sim, l->theme_sim);
    shared_list(tmp, a, e, false);
    fprintf(fp, "    shared: %s; key phrase: \"%.*s\"%s\n", tmp->len ? tmp->ptr : "(no entity)",
            (int)(l->phrase_end - l->phrase_start), a->text + l->phrase_start,
            l->action_changed ? "; action class changed" : "");
    side_by_side(fp, e->text, a->text);
}

static void
print_pair(FILE *fp, const ilokg_track *t, const ilokg_track_pair *p, ilokg_buf *tmp)
{
    size_t eb = 0, ee = 0, lb = 0, le = 0;
    for (size_t i = 0; i < t->n_items; i++) {
        const ilokg_track_item *it = &t->items[i];
        if (!strcmp(it->series, p->series) && it->meeting == p->earlier) {
            eb = ee ? eb : i, ee = i + 1;
        } else if (!strcmp(it->series, p->series) && it->meeting == p->later) {
            lb = le ? lb : i, le = i + 1;
        }
    }
    fprintf(fp, "== %s: meeting %ld (%s) -> meeting %ld (%s) ==\n", p->series, p->earlier,
            t->items[eb].doc_id, p->later, t->items[lb].doc_id);
    print_counts(fp, t, eb, ee, lb, le);
    fprintf(fp, "\n  Repeated and developed links, earlier text on the left:\n");
    for (size_t k = 0; k < t->n_links; k++) {
        const ilokg_track_link *l = &t->links[k];
        if (l->earlier >= eb && l->earlier < ee && l->degree >= ILOKG_DEGREE_DEVELOPED) {
            print_link(fp, t, l, tmp);
        }
    }
    fprintf(fp, "\n  Not taken up at meeting %ld:\n", p->later);
    for (size_t i = eb; i < ee; i++) {
        if (ilokg_track_next_status(t, i) == ILOKG_TRACK_STATUS_DROPPED) {
            print_start(fp, &t->items[i]);
        }
    }
    fprintf(fp, "\n  New at meeting %ld:\n", p->later);
    for (size_t i = lb; i < le; i++) {
        if (ilokg_track_prev_status(t, i) == ILOKG_TRACK_STATUS_NEW) {
            print_start(fp, &t->items[i]);
        }
    }
    fputc('\n', fp);
}

static void
print_csv(FILE *fp, const ilokg_track *t, ilokg_buf *tmp)
{
    fputs(csv_header, fp);
    for (size_t p = 0; p < t->n_pairs; p++) {
        const ilokg_track_pair *pr = &t->pairs[p];
        for (size_t k = 0; k < t->n_links; k++) {
            const ilokg_track_link *l = &t->links[k];
            const ilokg_track_item *e = &t->items[l->earlier];
            if (!strcmp(e->series, pr->series) && e->meeting == pr->earlier) {
                csv_row(fp, pr, e, &t->items[l->later], ilokg_degree_name(l->degree), l, tmp);
            }
        }
        for (size_t i = 0; i < t->n_items; i++) {
            const ilokg_track_item *it = &t->items[i];
            if (strcmp(it->series, pr->series)) {
                continue;
            }
            if (it->meeting == pr->earlier &&
                ilokg_track_next_status(t, i) == ILOKG_TRACK_STATUS_DROPPED) {
                csv_row(fp, pr, it, NULL, status_of(t, i, true), NULL, tmp);
            } else if (it->meeting == pr->later &&
                       ilokg_track_prev_status(t, i) == ILOKG_TRACK_STATUS_NEW) {
                csv_row(fp, pr, NULL, it, status_of(t, i, false), NULL, tmp);
            }
        }
    }
}

ilokg_status
ilokg_corpus_track(const ilokg_corpus *corpus, ilokg_track_format format, FILE *fp)
{
    ilokg_track *t   = NULL;
    ilokg_buf    tmp = ILOKG_BUF_INIT;
    ilokg_status st  = ilokg_track_new(&t);
    for (size_t i = 0; !st && i < corpus->n_docs; i++) {
        st = ilokg_track_add_doc(t, corpus->docs[i]);
    }
    if (!st && !(st = ilokg_track_run(t, NULL)) && !(st = ilokg_buf_addc(&tmp, '\0'))) {
        if (format == ILOKG_TRACK_CSV) {
            print_csv(fp, t, &tmp);
        } else if (!t->n_pairs) {
            fputs("No series with two meetings: nothing to follow (a series is a manifest type "
                  "with numbered meetings).\n",
                  fp);
        } else {
            fprintf(fp,
                    "Commitments followed across meetings (%s; thresholds in "
                    "docs/tracking.md)\n\n",
                    ILOKG_TRACK_MEASURE);
            for (size_t p = 0; p < t->n_pairs; p++) {
                print_pair(fp, t, &t->pairs[p], &tmp);
            }
        }
        if (ferror(fp)) {
            st = ILOKG_ERR_IO;
        }
    }
    ilokg_buf_free(&tmp);
    ilokg_track_free(t);
    return st;
}
