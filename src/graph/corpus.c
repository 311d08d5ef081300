/* SPDX-License-Identifier: Apache-2.0 */
/* Reading a corpus: manifest, then per document load -> normalise -> segment -> recognise. */
/* realpath() is an X/Open function. */
#define _XOPEN_SOURCE 700

#include "graph/corpus.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/io.h"
#include "read/manifest.h"
#include "read/normalize.h"
#include "recognize/recognize.h"
#include "read/segment.h"
#include "util/source.h"
#include "graph/world.h"

/* Forwards every message and keeps the document's warnings for `ilokg stats`. */
typedef struct {
    ilokg_diag *outer;
    ilokg_doc  *doc;
    size_t      cap;
} warn_tap;

static void
tap_message(const ilokg_message *m, void *payload)
{
    warn_tap *t = payload;
    if (t->outer->sink) {
        t->outer->sink(m, t->outer->payload);
    }
    if (m->level != ILOKG_LEVEL_WARNING ||
        ilokg_grow(&t->doc->warnings, &t->cap, t->doc->n_warnings, sizeof *t->doc->warnings)) {
        return;
    }
    ilokg_buf b = ILOKG_BUF_INIT;
    if (!ilokg_buf_printf(&b, "%s:%zu:%zu: %s", m->file ? m->file : "", m->line, m->col, m->text)) {
        t->doc->warnings[t->doc->n_warnings++] = ilokg_buf_detach(&b);
    }
    ilokg_buf_free(&b);
}

/* Sections whose heading names no theme of the scheme: worth a reader's look. */
static void
warn_unknown_headings(ilokg_doc *doc, const ilokg_source *src, ilokg_diag *diag)
{
    for (size_t i = 0; i < doc->n_sections; i++) {
        const ilokg_section *sec = &doc->sections[i];
        if (!sec->n_themes && sec->span.end > sec->span.start) {
            ilokg_warn(diag, src, sec->span.start, "heading '%s' matches no theme", sec->heading);
        }
    }
}

static void
count_theme(const ilokg_entity *e, void *payload)
{
    (void)e;
    (*(size_t *)payload)++;
}

/* What a file that is not a document's text usually is, by how its first line (after '#'
 * comment lines) begins. */
static const struct {
    const char *start;
    const char *what;
} not_text[] = {
    {"@prefix", "Turtle"},
    {"@base", "Turtle"},
    {"PREFIX", "SPARQL or Turtle"},
    {"BASE", "SPARQL or Turtle"},
    {"SELECT", "a SPARQL query"},
    {"CONSTRUCT", "a SPARQL query"},
    {"ASK", "a SPARQL query"},
    {"DESCRIBE", "a SPARQL query"},
    {"<?xml", "XML"},
    {"<rdf:RDF", "RDF/XML"},
    {"<", "N-Triples or markup"},
    {"{", "JSON"},
    {"[", "JSON"},
};

/* A file converted by mistake (an export, a query) would give an empty or meaningless graph with
 * exit 0: refused, with the reason. */
static ilokg_status
check_is_text(const ilokg_doc *doc, const ilokg_source *src, ilokg_diag *diag)
{
    size_t off = 0;
    while (off < src->len) {
        while (off < src->len && strchr(" \t\r\n", src->bytes[off]) && src->bytes[off]) {
            off++;
        }
        if (off >= src->len || src->bytes[off] != '#') {
            break;
        }
        while (off < src->len && src->bytes[off] != '\n') {
            off++;
        }
    }
    for (size_t i = 0; off < src->len && i < sizeof not_text / sizeof not_text[0]; i++) {
        size_t n = strlen(not_text[i].start);
        if (src->len - off >= n && !strncmp(src->bytes + off, not_text[i].start, n)) {
            return ilokg_report(diag, ILOKG_ERR_SYNTAX, src, off,
                                "this looks like %s, not the text of a policy document: not "
                                "converted",
                                not_text[i].what);
        }
    }
    if (!doc->n_sections && !doc->n_commitments) {
        return ilokg_report(diag, ILOKG_ERR_SYNTAX, src, off < src->len ? off : SIZE_MAX,
                            "no document structure found (no section headings, no numbered "
                            "commitments): not converted");
    }
    return ILOKG_OK;
}

static ilokg_status
read_doc(ilokg_doc **out, ilokg_world *w, const char *path, const ilokg_meta *meta)
{
    ilokg_diag            *outer = &w->diag;
    const ilokg_gazetteer *gaz   = NULL;
    ilokg_source          *src   = NULL;
    ilokg_text             text  = {0};
    ilokg_doc             *doc   = calloc(1, sizeof *doc);
    ilokg_status           st    = doc ? ILOKG_OK : ILOKG_ERR_NOMEM;
    warn_tap               tap   = {outer, doc, 0};
    ilokg_diag             inner = {tap_message, &tap, 0, 0};
    ilokg_diag            *diag  = &inner;
    if (!st) {
        st = ilokg_meta_copy(&doc->meta, meta);
    }
    if (!st && !(st = ilokg_world_gazetteer(&gaz, w)) &&
        !(st = ilokg_source_load(&src, path, diag)) && !(st = ilokg_normalize(&text, src, diag)) &&
        !(st = ilokg_segment_doc(doc, &text, src, diag)) && !(st = check_is_text(doc, src, diag))) {
        doc->path  = ilokg_strndup(path, strlen(path));
        doc->bytes = ilokg_strndup(src->bytes, src->len);
        doc->len   = src->len;
        if (!doc->path || !doc->bytes) {
            st = ILOKG_ERR_NOMEM;
        }
        if (!st) {
            st = ilokg_recognize_doc(doc, &text, gaz, diag);
        }
        size_t n_themes = 0;
        ilokg_gazetteer_each(gaz, ILOKG_ENT_THEME, count_theme, &n_themes);
        if (!st && n_themes) {
            warn_unknown_headings(doc, src, diag);
        }
    }
    outer->n_errors += inner.n_errors;
    outer->n_warnings += inner.n_warnings;
    if (!st) {
        *out = doc;
        doc  = NULL;
    }
    ilokg_text_free(&text);
    ilokg_source_free(src);
    ilokg_doc_free(doc);
    return st;
}

static ilokg_status
add_entry(ilokg_corpus_plan *plan, ilokg_world *w, const char *path, const ilokg_meta *meta)
{
    for (size_t i = 0; i < plan->n_entries; i++) {
        if (!strcmp(plan->entries[i].meta.id, meta->id)) {
            return ilokg_report_at(&w->diag, ILOKG_ERR_USAGE, path, 0, 0,
                                   "document id '%s' given twice", meta->id);
        }
    }
    ilokg_status st =
        ilokg_grow(&plan->entries, &plan->cap_entries, plan->n_entries, sizeof *plan->entries);
    if (st) {
        return st;
    }
    ilokg_corpus_entry *e = &plan->entries[plan->n_entries];
    memset(e, 0, sizeof *e);
    e->path = ilokg_strndup(path, strlen(path));
    st      = e->path ? ilokg_meta_copy(&e->meta, meta) : ILOKG_ERR_NOMEM;
    if (!st) {
        plan->n_entries++;
    } else {
        free(e->path);
        ilokg_meta_clear(&e->meta);
    }
    return st;
}

/* A file given alone takes its metadata from a MANIFEST.tsv beside it, else from its name. */
static ilokg_status
plan_file(ilokg_corpus_plan *plan, ilokg_world *w, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base  = slash ? slash + 1 : path;
    char *dir   = slash ? ilokg_strndup(path, (size_t)(slash - path + 1)) : ilokg_strndup("./", 2);
    char *mpath = dir ? ilokg_path_join(dir, "MANIFEST.tsv") : NULL;
    ilokg_manifest    m    = {0};
    ilokg_status      st   = mpath ? ilokg_manifest_load(&m, mpath, &w->diag) : ILOKG_ERR_NOMEM;
    const ilokg_meta *meta = NULL;
    ilokg_meta        own  = {0};
    if (st == ILOKG_ERR_NOT_FOUND) {
        st = ILOKG_OK;
    }
    for (size_t i = 0; !st && i < m.n_rows; i++) {
        if (!strcmp(m.rows[i].file, base)) {
            meta = &m.rows[i];
        }
    }
    if (!st && !meta) {
        const char *dot = strrchr(base, '.');
        size_t      n   = dot && dot > base ? (size_t)(dot - base) : strlen(base);
        own.id          = ilokg_strndup(base, n);
        own.file        = ilokg_strndup(base, strlen(base));
        meta            = &own;
        if (!own.id || !own.file) {
            st = ILOKG_ERR_NOMEM;
        }
    }
    if (!st) {
        st = add_entry(plan, w, path, meta);
    }
    ilokg_meta_clear(&own);
    ilokg_manifest_clear(&m);
    free(mpath);
    free(dir);
    return st;
}

/* A manifest names files relative to its own directory; one that leads out of it (an absolute
 * path, "..", a symbolic link pointing elsewhere) could export any file the user can read, so it
 * is refused unless the user allowed it. A file that does not exist is left to the reader. */
static ilokg_status
check_inside(ilokg_world *w, const char *dir, const char *path, const char *mpath,
             const ilokg_manifest_loc *loc)
{
    if (w->allow_outside) {
        return ILOKG_OK;
    }
    char        *rdir  = realpath(dir, NULL);
    char        *rpath = realpath(path, NULL);
    ilokg_status st    = ILOKG_OK;
    if (!rdir) {
        st = ilokg_report_at(&w->diag, ILOKG_ERR_IO, dir, 0, 0, "cannot resolve: %s",
                             strerror(errno));
    } else if (rpath) {
        size_t n = strlen(rdir);
        if (n && rdir[n - 1] == '/') {
            n--;
        }
        if (strncmp(rpath, rdir, n) || rpath[n] != '/') {
            st = ilokg_report_at(&w->diag, ILOKG_ERR_IO, mpath, loc->line, loc->col,
                                 "the file this row names lies outside the manifest's directory "
                                 "(--allow-outside to read it all the same)");
        }
    }
    free(rdir);
    free(rpath);
    return st;
}

static ilokg_status
plan_dir(ilokg_corpus_plan *plan, ilokg_world *w, const char *dir)
{
    char          *mpath = ilokg_path_join(dir, "MANIFEST.tsv");
    ilokg_manifest m     = {0};
    ilokg_status   st    = mpath ? ilokg_manifest_load(&m, mpath, &w->diag) : ILOKG_ERR_NOMEM;
    if (st == ILOKG_ERR_NOT_FOUND) {
        st = ilokg_report_at(&w->diag, ILOKG_ERR_IO, dir, 0, 0,
                             "directory has no MANIFEST.tsv listing its documents");
    }
    for (size_t i = 0; !st && i < m.n_rows; i++) {
        char *path = ilokg_path_join(dir, m.rows[i].file);
        st         = path ? check_inside(w, dir, path, mpath, &m.file_locs[i]) : ILOKG_ERR_NOMEM;
        if (!st) {
            st = add_entry(plan, w, path, &m.rows[i]);
        }
        free(path);
    }
    ilokg_manifest_clear(&m);
    free(mpath);
    return st;
}

ilokg_status
ilokg_corpus_plan_make(ilokg_corpus_plan *out, ilokg_world *world, const char *const *paths,
                       size_t n_paths)
{
    ilokg_corpus_plan plan = {0};
    ilokg_status      st   = ILOKG_OK;
    for (size_t i = 0; !st && i < n_paths; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0) {
            st = ilokg_report_at(&world->diag, ILOKG_ERR_IO, paths[i], 0, 0, "cannot open: %s",
                                 strerror(errno));
        } else if (S_ISDIR(sb.st_mode)) {
            st = plan_dir(&plan, world, paths[i]);
        } else {
            st = plan_file(&plan, world, paths[i]);
        }
    }
    if (!st) {
        *out = plan;
    } else {
        ilokg_corpus_plan_clear(&plan);
    }
    return st;
}

void
ilokg_corpus_plan_clear(ilokg_corpus_plan *plan)
{
    for (size_t i = 0; i < plan->n_entries; i++) {
        free(plan->entries[i].path);
        ilokg_meta_clear(&plan->entries[i].meta);
    }
    free(plan->entries);
    memset(plan, 0, sizeof *plan);
}

ilokg_status
ilokg_corpus_read_doc(ilokg_doc **out, ilokg_world *world, const ilokg_corpus_entry *entry)
{
    return read_doc(out, world, entry->path, &entry->meta);
}

ilokg_status
ilokg_corpus_read(ilokg_corpus **out, ilokg_world *world, const char *const *paths, size_t n_paths)
{
    ilokg_corpus_plan plan = {0};
    ilokg_corpus     *c    = calloc(1, sizeof *c);
    ilokg_status st = c ? ilokg_corpus_plan_make(&plan, world, paths, n_paths) : ILOKG_ERR_NOMEM;
    if (!st && plan.n_entries) {
        c->docs = calloc(plan.n_entries, sizeof *c->docs);
        st      = c->docs ? ILOKG_OK : ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; !st && i < plan.n_entries; i++) {
        if (!(st = read_doc(&c->docs[i], world, plan.entries[i].path, &plan.entries[i].meta))) {
            c->n_docs++;
        }
    }
    if (!st) {
        *out = c;
        c    = NULL;
    }
    ilokg_corpus_plan_clear(&plan);
    ilokg_corpus_free(c);
    return st;
}

size_t
ilokg_corpus_size(const ilokg_corpus *corpus)
{
    return corpus->n_docs;
}

void
ilokg_corpus_free(ilokg_corpus *corpus)
{
    if (corpus) {
        for (size_t i = 0; i < corpus->n_docs; i++) {
            ilokg_doc_free(corpus->docs[i]);
        }
        free(corpus->docs);
        free(corpus);
    }
}
