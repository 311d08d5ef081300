/* SPDX-License-Identifier: Apache-2.0 */
/* Linking the commitments of successive meetings of a series: summaries in, links with their
 * evidence and degree out, then each commitment's status (docs/tracking.md). */
#include "graph/track.h"

#include <libstemmer.h>
#include <math.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graph/track_int.h"
#include "util/buf.h"

static void
item_clear(ilokg_track_item *it)
{
    free(it->number);
    free(it->text);
    free(it->action);
    free(it->abbrevs);
    for (size_t i = 0; i < it->n_themes; i++) {
        free(it->themes[i]);
    }
    free(it->themes);
    for (size_t i = 0; i < it->n_entities; i++) {
        free(it->entities[i].id);
    }
    free(it->entities);
}

static char *
dup_or_empty(const char *s)
{
    return ilokg_strndup(s ? s : "", s ? strlen(s) : 0);
}

static int
cmp_entity(const void *x, const void *y)
{
    const ilokg_track_entity *a = x, *b = y;
    if (a->kind != b->kind) {
        return a->kind < b->kind ? -1 : 1;
    }
    return strcmp(a->id, b->id);
}

/* The tracker's copy of a document id or series name: items borrow them, and those of one
 * document share them (the last few names are looked at). NULL when out of memory. */
static char *
intern_name(ilokg_track *t, const char *s)
{
    s = s ? s : "";
    for (size_t k = t->n_names; k > 0 && k + 4 > t->n_names; k--) {
        if (!strcmp(t->names[k - 1], s)) {
            return t->names[k - 1];
        }
    }
    char *copy = dup_or_empty(s);
    if (!copy || ilokg_grow(&t->names, &t->cap_names, t->n_names, sizeof *t->names)) {
        free(copy);
        return NULL;
    }
    return t->names[t->n_names++] = copy;
}

/* Deep copy with the entities sorted and deduplicated (document id and series interned). */
static ilokg_status
item_copy(ilokg_track *t, ilokg_track_item *dst, const ilokg_track_item *src)
{
    memset(dst, 0, sizeof *dst);
    dst->doc_id   = intern_name(t, src->doc_id);
    dst->series   = intern_name(t, src->series);
    dst->number   = dup_or_empty(src->number);
    dst->text     = dup_or_empty(src->text);
    dst->action   = src->action ? dup_or_empty(src->action) : NULL;
    dst->abbrevs  = src->abbrevs && *src->abbrevs ? dup_or_empty(src->abbrevs) : NULL;
    dst->meeting  = src->meeting;
    dst->seq      = src->seq;
    dst->modality = src->modality;
    bool ok       = dst->doc_id && dst->series && dst->number && dst->text &&
              (!src->action || dst->action) && (!src->abbrevs || !*src->abbrevs || dst->abbrevs);
    if (ok && src->n_themes) {
        ok = (dst->themes = calloc(src->n_themes, sizeof *dst->themes)) != NULL;
        for (size_t i = 0; ok && i < src->n_themes; i++, dst->n_themes++) {
            ok = (dst->themes[i] = dup_or_empty(src->themes[i])) != NULL;
        }
    }
    if (ok && src->n_entities) {
        ok = (dst->entities = calloc(src->n_entities, sizeof *dst->entities)) != NULL;
        for (size_t i = 0; ok && i < src->n_entities; i++, dst->n_entities++) {
            dst->entities[i].kind = src->entities[i].kind;
            ok = (dst->entities[i].id = dup_or_empty(src->entities[i].id)) != NULL;
        }
    }
    if (ok && dst->n_entities > 1) {
        qsort(dst->entities, dst->n_entities, sizeof *dst->entities, cmp_entity);
        size_t k = 1;
        for (size_t i = 1; i < dst->n_entities; i++) {
            if (cmp_entity(&dst->entities[i], &dst->entities[k - 1])) {
                dst->entities[k++] = dst->entities[i];
            } else {
                free(dst->entities[i].id);
            }
        }
        dst->n_entities = k;
    }
    if (!ok) {
        item_clear(dst);
        memset(dst, 0, sizeof *dst);
        return ILOKG_ERR_NOMEM;
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_track_new(ilokg_track **out)
{
    ilokg_track *t = calloc(1, sizeof *t);
    if (!t) {
        return ILOKG_ERR_NOMEM;
    }
    t->stemmer.sb = sb_stemmer_new("english", "UTF_8");
    if (!t->stemmer.sb) {
        free(t);
        return ILOKG_ERR_NOMEM;
    }
    *out = t;
    return ILOKG_OK;
}

void
track_free_vectors(ilokg_track *t)
{
    free(t->df_all.df);
    for (size_t i = 0; i < t->n_series; i++) {
        free(t->df_series[i].df);
    }
    free(t->df_series);
    t->df_all    = (track_df){0};
    t->df_series = NULL;
    t->n_series = t->cap_series = 0;
}

void
track_free_results(ilokg_track *t)
{
    track_free_vectors(t);
    free(t->next);
    free(t->prev);
    t->next = t->prev = NULL;
    t->n_links = t->n_pairs = 0;
}

void
ilokg_track_free(ilokg_track *t)
{
    if (!t) {
        return;
    }
    track_free_results(t);
    for (size_t i = 0; i < t->n_items; i++) {
        item_clear(&t->items[i]);
    }
    for (size_t i = 0; i < t->n_bg; i++) {
        item_clear(&t->bg[i]);
    }
    free(t->items);
    free(t->bg);
    free(t->links);
    free(t->pairs);
    for (size_t i = 0; i < t->n_names; i++) {
        free(t->names[i]);
    }
    free(t->names);
    ilokg_buf_free(&t->bg_abbrevs);
    ilokg_buf_free(&t->rd.ra);
    track_table_clear(&t->table);
    sb_stemmer_delete(t->stemmer.sb);
    track_table_clear(&t->stemmer.words);
    free(t->stemmer.stem);
    track_syn_memo_clear(&t->stemmer.syn);
    free(t);
}

static ilokg_status spill_item(ilokg_track *t, ilokg_track_item *it);

ilokg_status
ilokg_track_add_item(ilokg_track *t, const ilokg_track_item *item, bool in_series)
{
    ilokg_track_item **arr = in_series ? &t->items : &t->bg;
    size_t            *n   = in_series ? &t->n_items : &t->n_bg;
    size_t            *cap = in_series ? &t->cap_items : &t->cap_bg;
    ilokg_status       st  = ILOKG_OK;
    track_free_results(t);
    if (!(st = ilokg_grow(arr, cap, *n, sizeof **arr)) && !(st = item_copy(t, &(*arr)[*n], item))) {
        ilokg_track_item *it = &(*arr)[(*n)++];
        it->spill_off        = -1;
        if (t->spill && (st = spill_item(t, it))) {
            item_clear(it);
            (*n)--;
        }
    }
    return st;
}

void
ilokg_track_spill(ilokg_track *t, FILE *fp)
{
    t->spill = fp;
}

void
ilokg_track_set_jobs(ilokg_track *t, size_t jobs)
{
    t->jobs = jobs;
}

size_t
ilokg_track_jobs(const ilokg_track *t)
{
    return t->jobs > 1 ? t->jobs : 1;
}

void
ilokg_track_read_abbreviations(ilokg_track *t, bool on)
{
    t->read_abbrevs = on;
}

/* ---- items kept in the spill file ---------------------------------------------------------- */

static ilokg_status
put_u32(ilokg_buf *b, size_t v)
{
    uint32_t u = (uint32_t)v;
    return ilokg_buf_add(b, (const char *)&u, sizeof u);
}

static ilokg_status
put_str(ilokg_buf *b, const char *s)
{
    return ilokg_buf_add(b, s, strlen(s) + 1);
}

/* Writes the item's number, text, action, abbreviations, themes and entities to the spill
 * file, then frees them. */
static ilokg_status
spill_item(ilokg_track *t, ilokg_track_item *it)
{
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = put_str(&b, it->number);
    if (!st && !(st = put_str(&b, it->text)) && !(st = ilokg_buf_addc(&b, it->action != NULL)) &&
        !(st = put_str(&b, it->action ? it->action : "")) &&
        !(st = put_str(&b, it->abbrevs ? it->abbrevs : "")) && !(st = put_u32(&b, it->n_themes))) {
        for (size_t i = 0; !st && i < it->n_themes; i++) {
            st = put_str(&b, it->themes[i]);
        }
    }
    if (!st) {
        st = put_u32(&b, it->n_entities);
    }
    for (size_t i = 0; !st && i < it->n_entities; i++) {
        if (!(st = put_u32(&b, (size_t)it->entities[i].kind))) {
            st = put_str(&b, it->entities[i].id);
        }
    }
    if (!st && fwrite(b.ptr, 1, b.len, t->spill) != b.len) {
        st = ILOKG_ERR_IO;
    }
    if (!st) {
        it->spill_off = t->spill_len;
        it->spill_len = b.len;
        t->spill_len += (long)b.len;
        const char *doc_id = it->doc_id, *series = it->series;
        item_clear(it);
        *it = (ilokg_track_item){.doc_id    = (char *)doc_id,
                                 .series    = (char *)series,
                                 .meeting   = it->meeting,
                                 .seq       = it->seq,
                                 .modality  = it->modality,
                                 .spill_off = it->spill_off,
                                 .spill_len = it->spill_len};
    }
    ilokg_buf_free(&b);
    return st;
}

/* The string at *p before end, *p moved past its NUL; NULL when it runs past end. */
static char *
take_str(char **p, const char *end)
{
    char *s   = *p;
    char *nul = s < end ? memchr(s, '\0', (size_t)(end - s)) : NULL;
    if (!nul) {
        return NULL;
    }
    *p = nul + 1;
    return s;
}

static bool
take_u32(size_t *out, char **p, const char *end)
{
    uint32_t u;
    if (end - *p < (long)sizeof u) {
        return false;
    }
    memcpy(&u, *p, sizeof u);
    *p += sizeof u;
    *out = u;
    return true;
}

void
track_loaded_clear(track_loaded *l)
{
    if (l->buf) { /* else the item was not spilled: its copy borrows everything */
        free(l->it.themes);
        free(l->it.entities);
        free(l->buf);
    }
    memset(l, 0, sizeof *l);
}

/* Copies len bytes at off of the spill file into dst through rd's read-ahead buffer: the items
 * of a document were written one after the other and are read in the same order. pread: the
 * threads that link share the file but no position in it. */
static ilokg_status
spill_read(const ilokg_track *t, track_reader *rd, char *dst, size_t len, long off)
{
    if (off < rd->ra_off || off + (long)len > rd->ra_off + (long)rd->ra.len) {
        size_t  want = len > TRACK_READ_AHEAD ? len : TRACK_READ_AHEAD;
        ssize_t got  = 0;
        rd->ra.len   = 0;
        if (ilokg_buf_reserve(&rd->ra, want)) {
            return ILOKG_ERR_NOMEM;
        }
        got = pread(fileno(t->spill), rd->ra.ptr, want, off);
        if (got < (ssize_t)len) {
            return ILOKG_ERR_IO;
        }
        rd->ra_off = off;
        rd->ra.len = (size_t)got;
    }
    memcpy(dst, rd->ra.ptr + (off - rd->ra_off), len);
    return ILOKG_OK;
}

ilokg_status
track_load(const ilokg_track *t, track_reader *rd, const ilokg_track_item *mem, track_loaded *out)
{
    memset(out, 0, sizeof *out);
    out->it = *mem;
    if (mem->spill_off < 0) {
        return ILOKG_OK; /* not spilled: the item itself, borrowed */
    }
    if (!(out->buf = malloc(mem->spill_len ? mem->spill_len : 1))) {
        return ILOKG_ERR_NOMEM;
    }
    char        *p = out->buf, *end = out->buf + mem->spill_len;
    size_t       n = 0, kind = 0;
    ilokg_status st = spill_read(t, rd, out->buf, mem->spill_len, mem->spill_off);
    bool ok = !st && (out->it.number = take_str(&p, end)) && (out->it.text = take_str(&p, end)) &&
              p < end;
    bool has_action = ok && *p++;
    ok = ok && (out->it.action = take_str(&p, end)) && (out->it.abbrevs = take_str(&p, end)) &&
         take_u32(&n, &p, end);
    out->it.action  = has_action ? out->it.action : NULL;
    out->it.abbrevs = out->it.abbrevs && *out->it.abbrevs ? out->it.abbrevs : NULL;
    if (ok && n && !(out->it.themes = calloc(n, sizeof *out->it.themes))) {
        st = ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; ok && !st && i < n; i++) {
        ok = (out->it.themes[out->it.n_themes++] = take_str(&p, end)) != NULL;
    }
    ok = ok && take_u32(&n, &p, end);
    if (ok && !st && n && !(out->it.entities = calloc(n, sizeof *out->it.entities))) {
        st = ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; ok && !st && i < n; i++) {
        ilokg_track_entity *e = &out->it.entities[out->it.n_entities++];
        ok                    = take_u32(&kind, &p, end) && (e->id = take_str(&p, end)) != NULL;
        e->kind               = (ilokg_entity_kind)kind;
    }
    st = st ? st : ok ? ILOKG_OK : ILOKG_ERR_IO;
    if (st) {
        track_loaded_clear(out);
    }
    return st;
}

static bool
parse_meeting(long *out, const char *s)
{
    if (!s || !*s || strlen(s) > 9) {
        return false;
    }
    long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            return false;
        }
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return true;
}

/* An SDG target written inside an actor's name ("Alliance 8.7"): goal 1 to 17, a dot, a target
 * number or letter, as a word of its own. The code goes to out ("8.7"). */
static bool
target_in_name(char out[8], const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        size_t j = i, goal = 0;
        if (i > 0 && (isalnum((unsigned char)p[i - 1]) || p[i - 1] == '.')) {
            continue;
        }
        while (j < len && j < i + 2 && isdigit((unsigned char)p[j])) {
            goal = goal * 10 + (size_t)(p[j++] - '0');
        }
        if (j == i || goal < 1 || goal > 17 || j + 1 >= len || p[j] != '.') {
            continue;
        }
        size_t k = ++j;
        if (islower((unsigned char)p[k])) {
            k++;
        } else {
            while (k < len && k < j + 2 && isdigit((unsigned char)p[k])) {
                k++;
            }
        }
        if (k > j && (k == len || !isalnum((unsigned char)p[k]))) {
            snprintf(out, 8, "%zu.%.*s", goal, (int)(k - j), p + j);
            return true;
        }
    }
    return false;
}

/* The entities a commitment names: every mention inside it but its themes; and the SDG target an
 * actor is named after, which the actor stands for too (an item on "SDG target 8.7" and one on
 * "Alliance 8.7" share it). codes: scratch for those targets, one per mention (the caller's). */
static ilokg_status
collect_entities(ilokg_track_item *it, const ilokg_doc *doc, const ilokg_commitment *c,
                 char (*codes)[8])
{
    size_t n = 0;
    for (size_t i = 0; i < doc->n_mentions; i++) {
        n += doc->mentions[i].commitment == c->seq && doc->mentions[i].id &&
             doc->mentions[i].kind != ILOKG_ENT_THEME;
    }
    if (!n) {
        return ILOKG_OK;
    }
    if (!(it->entities = calloc(2 * n, sizeof *it->entities))) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < doc->n_mentions; i++) {
        const ilokg_mention *m = &doc->mentions[i];
        if (m->commitment == c->seq && m->id && m->kind != ILOKG_ENT_THEME) {
            /* Borrowed from the document: ilokg_track_add_item copies them. */
            it->entities[it->n_entities++] = (ilokg_track_entity){m->kind, (char *)m->id};
            if (m->kind == ILOKG_ENT_ACTOR && m->span.end <= doc->len &&
                target_in_name(codes[i], doc->bytes + m->span.start, m->span.end - m->span.start)) {
                it->entities[it->n_entities++] = (ilokg_track_entity){ILOKG_ENT_SDG, codes[i]};
            }
        }
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_track_add_doc(ilokg_track *t, const ilokg_doc *doc)
{
    long meeting = 0;
    bool in_series =
        doc->meta.type && *doc->meta.type && parse_meeting(&meeting, doc->meta.meeting_number);
    char        *defs = NULL; /* the abbreviations the whole document defines */
    ilokg_status st   = t->read_abbrevs ? track_abbr_defs(&defs, doc->bytes ? doc->bytes : "",
                                                        doc->bytes ? doc->len : 0)
                                        : ILOKG_OK;
    char(*codes)[8]   = calloc(doc->n_mentions ? doc->n_mentions : 1, sizeof *codes);
    if (!codes || st) {
        free(codes);
        free(defs);
        return st ? st : ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; !st && i < doc->n_commitments; i++) {
        const ilokg_commitment *c  = &doc->commitments[i];
        ilokg_track_item        it = {0};
        it.doc_id                  = doc->meta.id;
        it.series                  = doc->meta.type;
        it.meeting                 = meeting;
        it.seq                     = c->seq;
        it.number                  = (char *)c->number;
        it.text                    = c->text ? c->text : (char *)"";
        it.modality                = c->modality;
        it.action                  = (char *)c->action;
        it.themes                  = (char **)c->themes;
        it.n_themes                = c->n_themes;
        if (!(st = collect_entities(&it, doc, c, codes)) &&
            !(st = track_abbr_used(&it.abbrevs, defs, it.text))) {
            st = ilokg_track_add_item(t, &it, in_series);
        }
        free(it.entities);
        free(it.abbrevs);
    }
    if (!st && !in_series && defs) {
        st = ilokg_buf_adds(&t->bg_abbrevs, defs);
    }
    free(codes);
    free(defs);
    return st;
}

/* ---- accessors ----------------------------------------------------------------------------- */

const ilokg_track_item *
ilokg_track_items(const ilokg_track *t, size_t *n)
{
    *n = t->n_items;
    return t->items;
}

const ilokg_track_link *
ilokg_track_links(const ilokg_track *t, size_t *n)
{
    *n = t->n_links;
    return t->links;
}

const ilokg_track_pair *
ilokg_track_pairs(const ilokg_track *t, size_t *n)
{
    *n = t->n_pairs;
    return t->pairs;
}

ilokg_track_status
ilokg_track_next_status(const ilokg_track *t, size_t i)
{
    return t->next && i < t->n_items ? t->next[i] : ILOKG_TRACK_STATUS_NONE;
}

ilokg_track_status
ilokg_track_prev_status(const ilokg_track *t, size_t i)
{
    return t->prev && i < t->n_items ? t->prev[i] : ILOKG_TRACK_STATUS_NONE;
}

const char *
ilokg_degree_name(ilokg_degree d)
{
    static const char *const names[] = {"none", "related", "developed", "repeated"};
    return (unsigned)d < sizeof names / sizeof names[0] ? names[d] : "none";
}

const char *
ilokg_track_status_name(ilokg_track_status s)
{
    static const char *const names[] = {"", "continued", "developed", "not taken up", "new"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "";
}
