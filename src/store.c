/* SPDX-License-Identifier: Apache-2.0 */
/* RDF stores for queries: the persistent store on disk and in-memory stores for files.
 *
 * The persistent store is librdf's "hashes" storage over Berkeley DB files with contexts (graph
 * names kept): it opens in milliseconds, so a query never re-parses the data (docs/performance.md
 * has the measurements behind the choice). The store directory is a symbolic link to a generation
 * directory beside it; `ilokg load` builds a new generation and swaps the link with rename(2), so
 * readers see the old store or the new one, never a half-built one. */
#include "store.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <dirent.h>
#include <redland.h>

#include "buf.h"
#include "graph.h"
#include "io.h"
#include "world.h"

#define STORE_MARKER "ilokg-store"
#define STORE_NAME "kg"
#define STORE_VERSION 1

struct ilokg_store {
    ilokg_world     *world;
    librdf_world    *lw;
    librdf_storage  *storage;
    librdf_model    *model;
    int              contexts;
    int              persistent;
    unsigned         n_files; /* files parsed, to keep their blank nodes apart */
    size_t           size;
};

/* ---- World and logger --------------------------------------------------------------------- */

ilokg_status
ilokg_store_rdf_world(struct librdf_world_s **out, ilokg_world *world)
{
    void        *rdf = NULL;
    ilokg_status st  = ilokg_graph_rdf_world(&rdf, world);
    *out             = rdf;
    return st;
}

void
ilokg_store_logger_reset(ilokg_world *world)
{
    ilokg_graph_logger_reset(world);
}

const char *
ilokg_store_dir(const char *dir)
{
    if (dir && *dir) {
        return dir;
    }
    const char *env = getenv("ILOKG_STORE");
    return env && *env ? env : "out/store";
}

/* ---- Stores ------------------------------------------------------------------------------- */

static ilokg_status
store_new(ilokg_store **out, ilokg_world *world, const char *type, const char *name,
          const char *options, int contexts)
{
    librdf_world *lw;
    ilokg_status  st = ilokg_store_rdf_world(&lw, world);
    if (st) {
        return st;
    }
    ilokg_store *s = calloc(1, sizeof *s);
    if (!s) {
        return ILOKG_ERR_NOMEM;
    }
    s->world    = world;
    s->lw       = lw;
    s->contexts = contexts;
    s->storage  = librdf_new_storage(lw, type, name, options);
    if (!s->storage || !(s->model = librdf_new_model(lw, s->storage, NULL))) {
        ilokg_store_free(s);
        return ilokg_report_at(&world->diag, ILOKG_ERR_RDF, name, 0, 0,
                               "cannot open the RDF storage '%s'", type);
    }
    *out = s;
    return ILOKG_OK;
}

ilokg_status
ilokg_store_new_memory(ilokg_store **out, ilokg_world *world, int contexts)
{
    /* "trees" loads in n log n where the default "memory" storage is quadratic; it has no
     * contexts, so named graphs need "hashes" in memory (slower, and only for --named/FROM
     * NAMED files). */
    if (contexts) {
        return store_new(out, world, "hashes", "mem", "hash-type='memory',contexts='yes'", 1);
    }
    return store_new(out, world, "trees", "mem", "", 0);
}

static char *
marker_path(const char *dir)
{
    return ilokg_path_join(dir, STORE_MARKER);
}

/* Reads the statement count out of the marker file; 0 when it cannot. */
static size_t
marker_size(const char *dir, int *ok, int *contexts)
{
    char  *mp = marker_path(dir);
    FILE  *fp = mp ? fopen(mp, "r") : NULL;
    size_t n  = 0;
    char   line[256];
    *ok       = 0;
    *contexts = 0;
    if (fp) {
        while (fgets(line, sizeof line, fp)) {
            unsigned long long v;
            int                ver;
            if (sscanf(line, "ilokg store %d", &ver) == 1 && ver == STORE_VERSION) {
                *ok = 1;
            } else if (sscanf(line, "statements %llu", &v) == 1) {
                n = (size_t)v;
            } else if (!strcmp(line, "storage hashes bdb contexts\n")) {
                *contexts = 1;
            }
        }
        fclose(fp);
    }
    free(mp);
    return n;
}

ilokg_status
ilokg_store_open(ilokg_store **out, ilokg_world *world, const char *dir)
{
    int    ok = 0, contexts = 0;
    size_t size = marker_size(dir, &ok, &contexts);
    if (!ok) {
        struct stat sb;
        if (stat(dir, &sb)) {
            return ilokg_report_at(&world->diag, ILOKG_ERR_NOT_FOUND, dir, 0, 0,
                                   "no store here: fill it with 'ilokg load FILE...', or query "
                                   "files with --data FILE");
        }
        return ilokg_report_at(&world->diag, ILOKG_ERR_NOT_FOUND, dir, 0, 0,
                               "not an ilokg store (no '" STORE_MARKER "' file of version %d): "
                               "rebuild it with 'ilokg load'",
                               STORE_VERSION);
    }
    ilokg_buf opts = ILOKG_BUF_INIT;
    if (ilokg_buf_printf(&opts, "hash-type='bdb',dir='%s',contexts='%s',index-predicates='yes',write='no'", dir,
                         contexts ? "yes" : "no")) {
        return ILOKG_ERR_NOMEM;
    }
    ilokg_status st = store_new(out, world, "hashes", STORE_NAME, opts.ptr, contexts);
    ilokg_buf_free(&opts);
    if (!st) {
        (*out)->size = size;
    }
    return st;
}

librdf_model *
ilokg_store_model(ilokg_store *s)
{
    return s->model;
}

size_t
ilokg_store_size(ilokg_store *s)
{
    return s->size;
}

void
ilokg_store_free(ilokg_store *s)
{
    if (s) {
        if (s->model) {
            librdf_free_model(s->model);
        }
        if (s->storage) {
            librdf_free_storage(s->storage);
        }
        free(s);
    }
}

/* ---- Loading files ------------------------------------------------------------------------ */

static const char *const parser_names[ILOKG_FORMAT_COUNT] = {
    "turtle", "ntriples", "nquads", "trig", "rdfxml", NULL,
};

typedef struct {
    ilokg_store   *s;
    raptor_parser *rp;
    librdf_node   *graph;
    librdf_node   *fallback; /* where a triple without a graph name goes in a store of graphs */
    size_t         n;
    int            failed;
    char           prefix[32]; /* blank node label prefix of this file */
} load_ctx;

/* Blank node labels are file-local: prefix them so that two files' _:b0 stay two nodes. */
static raptor_term *
relabel(load_ctx *lc, raptor_term *t, int *owned)
{
    *owned = 0;
    if (!t || t->type != RAPTOR_TERM_TYPE_BLANK) {
        return t;
    }
    ilokg_buf b = ILOKG_BUF_INIT;
    if (ilokg_buf_printf(&b, "%s%s", lc->prefix, (const char *)t->value.blank.string)) {
        return NULL;
    }
    raptor_term *r = raptor_new_term_from_blank(librdf_world_get_raptor(lc->s->lw),
                                                (const unsigned char *)b.ptr);
    ilokg_buf_free(&b);
    *owned = r != NULL;
    return r;
}

static void
on_statement(void *user_data, raptor_statement *rs)
{
    load_ctx *lc = user_data;
    if (lc->failed) {
        return;
    }
    int               os, oo, og;
    raptor_statement  copy = *rs;
    copy.subject           = relabel(lc, rs->subject, &os);
    copy.object            = relabel(lc, rs->object, &oo);
    raptor_term *g         = lc->graph ? lc->graph : rs->graph ? rs->graph : lc->fallback;
    g                      = relabel(lc, g, &og);
    int rc         = 1;
    int want_graph = lc->graph || rs->graph || lc->fallback;
    if (copy.subject && copy.object && (g || !want_graph)) {
        copy.graph = NULL;
        if (g && lc->s->contexts) {
            rc = librdf_model_context_add_statement(lc->s->model, g, &copy);
        } else {
            rc = librdf_model_add_statement(lc->s->model, &copy);
        }
    }
    if (os) {
        raptor_free_term(copy.subject);
    }
    if (oo) {
        raptor_free_term(copy.object);
    }
    if (og) {
        raptor_free_term(g);
    }
    if (rc) {
        lc->failed = 1;
        raptor_parser_parse_abort(lc->rp);
        return;
    }
    lc->n++;
}

static ilokg_status
file_format(ilokg_format *out, const char *path, const char *format, ilokg_diag *diag)
{
    if (format) {
        if (ilokg_format_parse(out, format)) {
            return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0, "unknown RDF format '%s'",
                                   format);
        }
    } else if (ilokg_format_from_path(out, path)) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, path, 0, 0,
                               "cannot tell the RDF format from the file name; give "
                               "--data-format NAME");
    }
    if (!parser_names[*out]) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, path, 0, 0,
                               "%s input is not supported; convert it to Turtle or N-Quads first",
                               ilokg_format_name(*out));
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_store_add_file(ilokg_store *s, const char *path, const char *format, const char *graph,
                     size_t *n_added)
{
    ilokg_diag  *diag = &s->world->diag;
    ilokg_format f;
    ilokg_status st = file_format(&f, path, format, diag);
    if (st) {
        return st;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        return ilokg_report_at(diag, ILOKG_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    }
    librdf_world  *lw   = s->lw;
    raptor_world  *rw   = librdf_world_get_raptor(lw);
    unsigned char *uris = raptor_uri_filename_to_uri_string(path);
    raptor_uri    *base = uris ? raptor_new_uri(rw, uris) : NULL;
    load_ctx       lc   = {s, raptor_new_parser(rw, parser_names[f]), NULL, NULL, 0, 0, ""};
    snprintf(lc.prefix, sizeof lc.prefix, "f%ux", ++s->n_files);
    if (graph) {
        lc.graph = librdf_new_node_from_uri_string(lw, (const unsigned char *)graph);
    } else if (s->contexts && s->persistent && uris) {
        /* librdf's hashes storage files statements without a graph under one key, which makes
         * loading quadratic: in a store of graphs, a file's triples go into the file's graph. */
        lc.fallback = librdf_new_node_from_uri_string(lw, uris);
    }
    size_t errors_before = diag->n_errors;
    if (!base || !lc.rp || (graph && !lc.graph)) {
        st = ILOKG_ERR_NOMEM;
    } else {
        raptor_parser_set_option(lc.rp, RAPTOR_OPTION_NO_NET, NULL, 1);
        raptor_parser_set_statement_handler(lc.rp, &lc, on_statement);
        if (raptor_parser_parse_file_stream(lc.rp, fp, path, base) || diag->n_errors > errors_before) {
            st = ILOKG_ERR_RDF;
            if (diag->n_errors == errors_before) {
                ilokg_report_at(diag, st, path, 0, 0, "cannot parse this %s file",
                                ilokg_format_name(f));
            }
        } else if (lc.failed) {
            st = ilokg_report_at(diag, ILOKG_ERR_RDF, path, 0, 0,
                                 "the store refused a statement after %zu (is the disk full?)",
                                 lc.n);
        }
    }
    if (lc.graph) {
        librdf_free_node(lc.graph);
    }
    if (lc.fallback) {
        librdf_free_node(lc.fallback);
    }
    if (lc.rp) {
        raptor_free_parser(lc.rp);
    }
    if (base) {
        raptor_free_uri(base);
    }
    raptor_free_memory(uris);
    fclose(fp);
    s->size += lc.n;
    if (n_added) {
        *n_added = lc.n;
    }
    return st;
}

/* ---- Building the persistent store -------------------------------------------------------- */

static void
remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
            continue;
        }
        char *p = ilokg_path_join(dir, e->d_name);
        if (p) {
            unlink(p);
        }
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

/* Creates every missing parent of path (like mkdir -p on its dirname). */
static int
make_parents(const char *path)
{
    char *p = ilokg_strndup(path, strlen(path));
    if (!p) {
        return -1;
    }
    for (char *c = p + 1; *c; c++) {
        if (*c == '/') {
            *c = '\0';
            if (mkdir(p, 0777) && errno != EEXIST) {
                free(p);
                return -1;
            }
            *c = '/';
        }
    }
    free(p);
    return 0;
}

static ilokg_status
write_marker(const char *dir, size_t n, int contexts, const char *const *paths, size_t n_paths,
             ilokg_diag *diag)
{
    char     *mp = marker_path(dir);
    ilokg_out o;
    if (!mp) {
        return ILOKG_ERR_NOMEM;
    }
    ilokg_status st = ilokg_out_open(&o, mp, diag);
    free(mp);
    if (st) {
        return st;
    }
    fprintf(o.fp, "ilokg store %d\nstorage hashes bdb%s\nstatements %zu\n", STORE_VERSION,
            contexts ? " contexts" : "", n);
    for (size_t i = 0; i < n_paths; i++) {
        fprintf(o.fp, "file %s\n", paths[i]);
    }
    return ilokg_out_commit(&o, diag);
}

ilokg_status
ilokg_store_load_format(ilokg_world *world, const char *store, const char *const *paths,
                        size_t n_paths, const char *format)
{
    ilokg_diag *diag = &world->diag;
    const char *dir  = ilokg_store_dir(store);
    size_t      dl   = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') {
        dl--;
    }
    char *target = ilokg_strndup(dir, dl);
    if (!target) {
        return ILOKG_ERR_NOMEM;
    }
    /* Check every file's format before building anything. */
    ilokg_status st = ILOKG_OK;
    int contexts = 0; /* graph names only when some file has them: a store without is faster */
    for (size_t i = 0; i < n_paths && !st; i++) {
        ilokg_format f;
        st = file_format(&f, paths[i], format, diag);
        contexts |= !st && (f == ILOKG_FORMAT_NQUADS || f == ILOKG_FORMAT_TRIG);
    }
    struct stat sb;
    int         is_link = !lstat(target, &sb) && S_ISLNK(sb.st_mode);
    int         exists  = !lstat(target, &sb);
    if (!st && exists && !is_link) {
        int ok = 0, ctx = 0;
        marker_size(target, &ok, &ctx);
        if (!ok) {
            st = ilokg_report_at(diag, ILOKG_ERR_IO, target, 0, 0,
                                 "exists and is not an ilokg store; not replacing it");
        }
    }
    if (st) {
        free(target);
        return st;
    }
    const char *slash = strrchr(target, '/');
    const char *name  = slash ? slash + 1 : target;
    ilokg_buf   gen = ILOKG_BUF_INIT, link = ILOKG_BUF_INIT, gen_rel = ILOKG_BUF_INIT;
    if (ilokg_buf_printf(&gen_rel, ".%s.%ld.%ld", name, (long)getpid(), (long)time(NULL)) ||
        ilokg_buf_printf(&gen, "%.*s%s", (int)(slash ? slash - target + 1 : 0), target,
                         gen_rel.ptr) ||
        ilokg_buf_printf(&link, "%s.link", gen.ptr)) {
        st = ILOKG_ERR_NOMEM;
    } else if (make_parents(gen.ptr) || mkdir(gen.ptr, 0777)) {
        st = ilokg_report_at(diag, ILOKG_ERR_IO, gen.ptr, 0, 0, "cannot create: %s",
                             strerror(errno));
    }
    ilokg_store *s     = NULL;
    size_t       total = 0;
    if (!st) {
        ilokg_buf opts = ILOKG_BUF_INIT;
        st = ilokg_buf_printf(&opts, "hash-type='bdb',dir='%s',contexts='%s',index-predicates='yes',new='yes'", gen.ptr,
                              contexts ? "yes" : "no");
        if (!st) {
            st = store_new(&s, world, "hashes", STORE_NAME, opts.ptr, contexts);
        }
        if (!st) {
            s->persistent = 1;
        }
        ilokg_buf_free(&opts);
    }
    for (size_t i = 0; i < n_paths && !st; i++) {
        size_t n = 0;
        st       = ilokg_store_add_file(s, paths[i], format, NULL, &n);
        total += n;
    }
    if (!st && librdf_model_sync(s->model)) {
        st = ilokg_report_at(diag, ILOKG_ERR_IO, gen.ptr, 0, 0, "cannot write the store");
    }
    ilokg_store_free(s);
    if (!st) {
        st = write_marker(gen.ptr, total, contexts, paths, n_paths, diag);
    }
    /* Swap: a new link beside the target, renamed over it. */
    char old[PATH_MAX] = "";
    if (!st) {
        if (is_link) {
            ssize_t n = readlink(target, old, sizeof old - 1);
            old[n > 0 ? n : 0] = '\0';
        } else if (exists) {
            /* A store from before links: move it aside first. */
            snprintf(old, sizeof old, ".%s.old.%ld", name, (long)getpid());
            ilokg_buf aside = ILOKG_BUF_INIT;
            if (ilokg_buf_printf(&aside, "%.*s%s", (int)(slash ? slash - target + 1 : 0), target,
                                 old) ||
                rename(target, aside.ptr)) {
                st = ilokg_report_at(diag, ILOKG_ERR_IO, target, 0, 0, "cannot replace: %s",
                                     strerror(errno));
            }
            ilokg_buf_free(&aside);
        }
    }
    if (!st && (symlink(gen_rel.ptr, link.ptr) || rename(link.ptr, target))) {
        st = ilokg_report_at(diag, ILOKG_ERR_IO, target, 0, 0, "cannot replace: %s",
                             strerror(errno));
        unlink(link.ptr);
    }
    if (!st && old[0] && old[0] != '/' && !strchr(old, '/')) {
        /* The previous generation, unless the link pointed somewhere we did not make. */
        ilokg_buf prev = ILOKG_BUF_INIT;
        if (!ilokg_buf_printf(&prev, "%.*s%s", (int)(slash ? slash - target + 1 : 0), target,
                              old)) {
            remove_tree(prev.ptr);
        }
        ilokg_buf_free(&prev);
    }
    if (st && gen.ptr) {
        remove_tree(gen.ptr);
    }
    ilokg_buf_free(&gen);
    ilokg_buf_free(&gen_rel);
    ilokg_buf_free(&link);
    free(target);
    return st;
}

ilokg_status
ilokg_store_load(ilokg_world *world, const char *store, const char *const *paths, size_t n_paths)
{
    return ilokg_store_load_format(world, store, paths, n_paths, NULL);
}
