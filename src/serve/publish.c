/* SPDX-License-Identifier: Apache-2.0 */
/* `ilokg publish DIR`: the graph as static files (docs/publishing.md). Every file goes through
 * util/io.h: a temporary file beside it renamed into place, with the umask's mode. */
#include "serve/publish.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "graph/world.h"
#include "query/run.h"
#include "serve/page.h"
#include "util/buf.h"
#include "util/io.h"

#define DCAT "http://www.w3.org/ns/dcat#"
#define VOID "http://rdfs.org/ns/void#"
#define MEDIA "https://www.iana.org/assignments/media-types/"

/* The whole graph's files under dump/, and the media type of the dataset's distribution each
 * one is the download of (the distributions `ilokg convert` describes; TriG has no file here:
 * the N-Quads dump carries the same graphs). */
static const struct {
    const char  *file, *media;
    ilokg_format format;
} dumps[] = {
    {"ilokg.nq", "application/n-quads", ILOKG_FORMAT_NQUADS},
    {"ilokg.nt", "application/n-triples", ILOKG_FORMAT_NTRIPLES},
    {"ilokg.ttl", "text/turtle", ILOKG_FORMAT_TURTLE},
    {"ilokg.jsonld", "application/ld+json", ILOKG_FORMAT_JSONLD},
    {"ilokg.rdf", "application/rdf+xml", ILOKG_FORMAT_RDFXML},
};
#define N_DUMPS (sizeof dumps / sizeof dumps[0])

/* A resource's files: extension and format (HTML is written by page.c). */
static const struct {
    const char  *ext;
    ilokg_format format;
} resource_formats[] = {
    {".ttl", ILOKG_FORMAT_TURTLE},
    {".jsonld", ILOKG_FORMAT_JSONLD},
    {".rdf", ILOKG_FORMAT_RDFXML},
};

typedef struct {
    ilokg_diag                  *diag;
    ilokg_qstore                *st;
    const ilokg_publish_options *opt;
    const char                  *dir, *data_dir;
    const char                  *ns; /* the local namespace (void:uriSpace) */
    size_t                       ns_len;
    char                        *mirror; /* where local resources go under dir: "id/" */
    ilokg_buf                    path, body, nt;
} pub_ctx;

/* ---- Files -------------------------------------------------------------------------------- */

/* Creates the directories of rel's parent under ctx->dir (mode 0777 less the umask). */
static ilokg_status
make_parents(pub_ctx *c, const char *full)
{
    char *p = ilokg_strndup(full, strlen(full));
    if (!p) {
        return ILOKG_ERR_NOMEM;
    }
    ilokg_status st = ILOKG_OK;
    for (char *s = p + 1; !st && (s = strchr(s, '/')); s++) {
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            st = ilokg_report_at(c->diag, ILOKG_ERR_IO, p, 0, 0, "cannot create the directory: %s",
                                 strerror(errno));
        }
        *s = '/';
    }
    free(p);
    return st;
}

/* Opens dir/rel for writing (parents created). */
static ilokg_status
open_file(pub_ctx *c, ilokg_out *o, const char *rel)
{
    c->path.len     = 0;
    ilokg_status st = ilokg_buf_printf(&c->path, "%s/%s", c->dir, rel);
    if (!st) {
        st = make_parents(c, c->path.ptr);
    }
    return st ? st : ilokg_out_open(o, c->path.ptr, c->diag);
}

static ilokg_status
write_file(pub_ctx *c, const char *rel, const char *bytes, size_t len)
{
    ilokg_out    o;
    ilokg_status st = open_file(c, &o, rel);
    if (st) {
        return st;
    }
    if (len && fwrite(bytes, 1, len, o.fp) != len) {
        ilokg_out_abort(&o);
        return ilokg_report_at(c->diag, ILOKG_ERR_IO, rel, 0, 0, "cannot write: %s",
                               strerror(errno));
    }
    return ilokg_out_commit(&o, c->diag);
}

/* Writes N-Triples text as format into dir/rel (N-Triples as they are). */
static ilokg_status
write_rdf(pub_ctx *c, const char *rel, const ilokg_buf *nt, ilokg_format format)
{
    if (format == ILOKG_FORMAT_NTRIPLES || format == ILOKG_FORMAT_NQUADS) {
        return write_file(c, rel, nt->ptr ? nt->ptr : "", nt->len);
    }
    ilokg_query_options qo = ILOKG_QUERY_OPTIONS_INIT;
    ilokg_out           o;
    qo.rdf_format   = format;
    ilokg_status st = open_file(c, &o, rel);
    if (st) {
        return st;
    }
    st = ilokg_query_write_ntriples(c->diag, rel, nt->ptr ? nt->ptr : "", nt->len, &qo, o.fp);
    if (st) {
        ilokg_out_abort(&o);
        return st;
    }
    return ilokg_out_commit(&o, c->diag);
}

/* ---- N-Triples ---------------------------------------------------------------------------- */

static ilokg_status
nt_escaped(ilokg_buf *b, const char *s, size_t len, int iri)
{
    ilokg_status st = ILOKG_OK;
    for (size_t i = 0; !st && i < len; i++) {
        unsigned char u = (unsigned char)s[i];
        if (!iri && (u == '"' || u == '\\')) {
            st = ilokg_buf_printf(b, "\\%c", u);
        } else if (!iri && (u == '\n' || u == '\r')) {
            st = ilokg_buf_adds(b, u == '\n' ? "\\n" : "\\r");
        } else if (u < 0x20 || (iri && strchr("<>\"{}|^`\\ ", u))) {
            st = ilokg_buf_printf(b, "\\u%04X", u);
        } else {
            st = ilokg_buf_addc(b, (char)u);
        }
    }
    return st;
}

static ilokg_status
nt_term(ilokg_buf *b, const ilokg_qterm *t)
{
    ilokg_status st = ILOKG_OK;
    switch (t->kind) {
    case ILOKG_QT_IRI:
        if (!(st = ilokg_buf_addc(b, '<')) && !(st = nt_escaped(b, t->lex, t->lex_len, 1))) {
            st = ilokg_buf_addc(b, '>');
        }
        return st;
    case ILOKG_QT_BLANK:
        /* Labels of a store are [A-Za-z0-9_-]-ish already; anything else becomes '_'. */
        st = ilokg_buf_adds(b, "_:b");
        for (size_t i = 0; !st && i < t->lex_len; i++) {
            char ch = t->lex[i];
            int  ok =
                (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
            st = ilokg_buf_addc(b, ok ? ch : '_');
        }
        return st;
    case ILOKG_QT_LITERAL:
        break;
    }
    if (!(st = ilokg_buf_addc(b, '"')) && !(st = nt_escaped(b, t->lex, t->lex_len, 0))) {
        st = ilokg_buf_addc(b, '"');
    }
    if (!st && t->lang) {
        st = ilokg_buf_printf(b, "@%s", t->lang);
    } else if (!st && t->dt) {
        ilokg_qterm dt = {ILOKG_QT_IRI, t->dt, strlen(t->dt), NULL, NULL};
        if (!(st = ilokg_buf_adds(b, "^^"))) {
            st = nt_term(b, &dt);
        }
    }
    return st;
}

static ilokg_status
nt_quad(pub_ctx *c, ilokg_buf *b, const ilokg_quad *q, int with_graph)
{
    ilokg_qterm  s, p, o, g;
    ilokg_status st = ilokg_qstore_term(c->st, q->s, &s);
    if (!st && !(st = ilokg_qstore_term(c->st, q->p, &p)) &&
        !(st = ilokg_qstore_term(c->st, q->o, &o)) && !(st = nt_term(b, &s)) &&
        !(st = ilokg_buf_addc(b, ' ')) && !(st = nt_term(b, &p)) &&
        !(st = ilokg_buf_addc(b, ' '))) {
        st = nt_term(b, &o);
    }
    if (!st && with_graph && q->g != ILOKG_ID_DEFAULT_GRAPH &&
        !(st = ilokg_qstore_term(c->st, q->g, &g)) && !(st = ilokg_buf_addc(b, ' '))) {
        st = nt_term(b, &g);
    }
    return st ? st : ilokg_buf_adds(b, " .\n");
}

/* Simple triple lines for the VoID additions. */
static ilokg_status
nt_iri3(ilokg_buf *b, const char *s, const char *p, const char *o)
{
    return ilokg_buf_printf(b, "<%s> <%s> <%s> .\n", s, p, o);
}

/* ---- The graph ---------------------------------------------------------------------------- */

static int
cmp_id(const void *x, const void *y)
{
    ilokg_id a = *(const ilokg_id *)x, b = *(const ilokg_id *)y;
    return a < b ? -1 : a > b;
}

static int
cmp_triple(const void *x, const void *y)
{
    const ilokg_quad *a = x, *b = y;
    if (a->s != b->s) {
        return a->s < b->s ? -1 : 1;
    }
    if (a->p != b->p) {
        return a->p < b->p ? -1 : 1;
    }
    return a->o < b->o ? -1 : a->o > b->o;
}

/* Sorts arr (n elements of size bytes) by cmp and keeps the first of each run of equal ones;
 * returns how many remain. */
static size_t
sort_unique(void *arr, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    char  *a = arr;
    size_t k = n ? 1 : 0;
    if (n) {
        qsort(a, n, size, cmp);
    }
    for (size_t i = 1; i < n; i++) {
        if (cmp(a + i * size, a + (k - 1) * size) != 0) {
            if (k != i) {
                memcpy(a + k * size, a + i * size, size);
            }
            k++;
        }
    }
    return k;
}

/* The distinct triples matching (s, p, o) in any graph, in id order (the caller's array). */
static ilokg_status
triples(pub_ctx *c, ilokg_id s, ilokg_id p, ilokg_id o, ilokg_quad **out, size_t *n_out)
{
    ilokg_quad   pat = {ILOKG_ID_NONE, s, p, o};
    ilokg_status st  = ilokg_qstore_collect(out, n_out, c->st, &pat);
    if (!st) {
        *n_out = sort_unique(*out, *n_out, sizeof **out, cmp_triple);
    }
    return st;
}

static ilokg_status
find_iri(pub_ctx *c, const char *iri, ilokg_id *out)
{
    ilokg_qterm t = {ILOKG_QT_IRI, iri, strlen(iri), NULL, NULL};
    return ilokg_qstore_find(c->st, &t, out);
}

/* The local subjects (IRIs under the namespace), sorted by id, each once. */
static ilokg_status
local_subjects(pub_ctx *c, ilokg_id **out, size_t *n_out)
{
    ilokg_quad   pat = {ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE}, q;
    ilokg_qiter *it  = NULL;
    ilokg_id    *ids = NULL, last = ILOKG_ID_NONE;
    size_t       n = 0, cap = 0;
    ilokg_status st = ilokg_qstore_match(c->st, &pat, &it);
    for (int got = 1; !st && got;) {
        ilokg_qterm t;
        if (!(st = ilokg_qiter_next(it, &q, &got)) && got && q.s != last &&
            !(st = ilokg_qstore_term(c->st, q.s, &t)) && t.kind == ILOKG_QT_IRI &&
            strncmp(t.lex, c->ns, c->ns_len) == 0 && t.lex_len > c->ns_len &&
            !(st = ilokg_grow(&ids, &cap, n, sizeof *ids))) {
            ids[n++] = q.s;
        }
        last = got ? q.s : last;
    }
    ilokg_qiter_free(it);
    if (!st) {
        n = sort_unique(ids, n, sizeof *ids, cmp_id);
    }
    if (st) {
        free(ids);
        ids = NULL, n = 0;
    }
    *out = ids, *n_out = n;
    return st;
}

/* Whether the path of a resource under the namespace can be a file path: segments of
 * unreserved and sub-delimiter characters, none empty, "." or "..". */
static int
safe_path(const char *p)
{
    static const char ok[] = "-._~!$&'()*+,;=:@%";
    size_t            seg  = 0;
    for (const char *s = p;; s++) {
        if (*s == '/' || !*s) {
            if (seg == 0 || (seg == 1 && s[-1] == '.') ||
                (seg == 2 && s[-1] == '.' && s[-2] == '.')) {
                return 0;
            }
            if (!*s) {
                return 1;
            }
            seg = 0;
            continue;
        }
        int alnum =
            (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9');
        if (!alnum && !strchr(ok, *s)) {
            return 0;
        }
        seg++;
    }
}

/* ---- Resources ---------------------------------------------------------------------------- */

/* "../" repeated n times into b (or "./" when n is 0), after resetting it. */
static ilokg_status
up_dirs(ilokg_buf *b, size_t n)
{
    b->len          = 0;
    ilokg_status st = n ? ILOKG_OK : ilokg_buf_adds(b, "./");
    for (size_t i = 0; !st && i < n; i++) {
        st = ilokg_buf_adds(b, "../");
    }
    return st;
}

static size_t
count_slashes(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += *s == '/';
    }
    return n;
}

/* One resource: its page and its description (its triples as subject) in each format. */
static ilokg_status
publish_resource(pub_ctx *c, ilokg_id id, const char *iri, ilokg_buf *base, ilokg_buf *home)
{
    const char        *rest  = iri + c->ns_len;
    size_t             depth = count_slashes(rest);
    ilokg_page_options po    = ILOKG_PAGE_OPTIONS_INIT;
    ilokg_quad        *tr    = NULL;
    size_t             n     = 0;
    ilokg_buf          rel   = ILOKG_BUF_INIT;
    ilokg_status       st    = up_dirs(base, depth);
    if (!st && !(st = up_dirs(home, depth + count_slashes(c->mirror)))) {
        st = ilokg_buf_adds(home, "index.html");
    }
    po.base = base->ptr, po.suffix = ".html", po.home = home->ptr, po.ns = c->ns;
    c->body.len = 0;
    if (!st && !(st = ilokg_page_resource_opt(c->diag, c->st, &po, iri, &c->body)) &&
        !(st = ilokg_buf_printf(&rel, "%s%s.html", c->mirror, rest))) {
        st = write_file(c, rel.ptr, c->body.ptr, c->body.len);
    }
    if (!st) {
        st = triples(c, id, ILOKG_ID_NONE, ILOKG_ID_NONE, &tr, &n);
    }
    c->nt.len = 0;
    for (size_t i = 0; !st && i < n; i++) {
        st = nt_quad(c, &c->nt, &tr[i], 0);
    }
    free(tr);
    rel.len = 0;
    if (!st && !(st = ilokg_buf_printf(&rel, "%s%s.nt", c->mirror, rest))) {
        st = write_file(c, rel.ptr, c->nt.ptr ? c->nt.ptr : "", c->nt.len);
    }
    for (size_t f = 0; !st && f < sizeof resource_formats / sizeof resource_formats[0]; f++) {
        rel.len = 0;
        if (!(st = ilokg_buf_printf(&rel, "%s%s%s", c->mirror, rest, resource_formats[f].ext))) {
            st = write_rdf(c, rel.ptr, &c->nt, resource_formats[f].format);
        }
    }
    ilokg_buf_free(&rel);
    return st;
}

static ilokg_status
publish_resources(pub_ctx *c, size_t *n_done)
{
    ilokg_id    *ids  = NULL;
    size_t       n    = 0;
    ilokg_buf    base = ILOKG_BUF_INIT, home = ILOKG_BUF_INIT;
    ilokg_status st = local_subjects(c, &ids, &n);
    *n_done         = 0;
    for (size_t i = 0; !st && i < n; i++) {
        ilokg_qterm t;
        if ((st = ilokg_qstore_term(c->st, ids[i], &t))) {
            break;
        }
        if (!safe_path(t.lex + c->ns_len)) {
            ilokg_report_at(c->diag, ILOKG_OK, NULL, 0, 0,
                            "%s: its path cannot be a file name; not published", t.lex);
            continue;
        }
        if (!(st = publish_resource(c, ids[i], t.lex, &base, &home))) {
            (*n_done)++;
        }
    }
    free(ids);
    ilokg_buf_free(&base);
    ilokg_buf_free(&home);
    return st;
}

/* ---- The whole graph, VoID, the query page, redirects ------------------------------------- */

/* The dump: every quad once, in its named graph; a default-graph triple that is also in a named
 * graph (the persistent store's default graph is their union) is not repeated. */
static ilokg_status
publish_dumps(pub_ctx *c)
{
    ilokg_quad   pat = {ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE}, q;
    ilokg_qiter *it  = NULL;
    ilokg_buf    nq = ILOKG_BUF_INIT, rel = ILOKG_BUF_INIT;
    ilokg_status st = ilokg_qstore_match(c->st, &pat, &it);
    c->nt.len       = 0;
    for (int got = 1; !st && got;) {
        if ((st = ilokg_qiter_next(it, &q, &got)) || !got) {
            break;
        }
        if (q.g == ILOKG_ID_DEFAULT_GRAPH) {
            ilokg_quad   named = {ILOKG_ID_NONE, q.s, q.p, q.o}, r;
            ilokg_qiter *it2   = NULL;
            int          also  = 0;
            st                 = ilokg_qstore_match(c->st, &named, &it2);
            for (int got2 = 1; !st && got2 && !also;) {
                st   = ilokg_qiter_next(it2, &r, &got2);
                also = !st && got2 && r.g != ILOKG_ID_DEFAULT_GRAPH;
            }
            ilokg_qiter_free(it2);
            if (st || also) {
                continue;
            }
        }
        st = nt_quad(c, &nq, &q, 1);
    }
    ilokg_qiter_free(it);
    /* The triples once each, for the formats without graphs. */
    ilokg_quad *tr = NULL;
    size_t      n  = 0;
    if (!st) {
        st = triples(c, ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE, &tr, &n);
    }
    for (size_t i = 0; !st && i < n; i++) {
        st = nt_quad(c, &c->nt, &tr[i], 0);
    }
    free(tr);
    for (size_t i = 0; !st && i < N_DUMPS; i++) {
        rel.len = 0;
        if (!(st = ilokg_buf_printf(&rel, "dump/%s", dumps[i].file))) {
            st = write_rdf(c, rel.ptr, dumps[i].format == ILOKG_FORMAT_NQUADS ? &nq : &c->nt,
                           dumps[i].format);
        }
    }
    ilokg_buf_free(&nq);
    ilokg_buf_free(&rel);
    return st;
}

/* The dataset's IRI: the subject typed void:Dataset, else <ns>dataset. The string is the
 * store's or the buffer's. */
static ilokg_status
dataset_iri(pub_ctx *c, ilokg_buf *own, const char **out, ilokg_id *id)
{
    ilokg_id     type = ILOKG_ID_NONE, cls = ILOKG_ID_NONE;
    ilokg_quad  *tr = NULL;
    size_t       n  = 0;
    ilokg_qterm  t;
    ilokg_status st = find_iri(c, ILOKG_RDF "type", &type);
    if (!st) {
        st = find_iri(c, VOID "Dataset", &cls);
    }
    *id = ILOKG_ID_NONE;
    if (!st && type && cls && !(st = triples(c, ILOKG_ID_NONE, type, cls, &tr, &n)) && n &&
        !(st = ilokg_qstore_term(c->st, tr[0].s, &t)) && t.kind == ILOKG_QT_IRI) {
        *out = t.lex;
        *id  = tr[0].s;
    }
    free(tr);
    if (!st && *id == ILOKG_ID_NONE && !(st = ilokg_buf_printf(own, "%sdataset", c->ns))) {
        *out = own->ptr;
    }
    return st;
}

/* The distributions' triples, each with dcat:downloadURL and dcat:accessURL when dump/ has
 * its format. */
static ilokg_status
void_distributions(pub_ctx *c, ilokg_id ds, ilokg_buf *nt)
{
    ilokg_id     pdist = ILOKG_ID_NONE, pmedia = ILOKG_ID_NONE;
    ilokg_quad  *dist = NULL, *tr = NULL;
    size_t       nd = 0, n = 0;
    ilokg_status st = find_iri(c, DCAT "distribution", &pdist);
    if (!st) {
        st = find_iri(c, DCAT "mediaType", &pmedia);
    }
    if (!st && pdist && ds) {
        st = triples(c, ds, pdist, ILOKG_ID_NONE, &dist, &nd);
    }
    for (size_t i = 0; !st && i < nd; i++) {
        ilokg_qterm d, m;
        if ((st = triples(c, dist[i].o, ILOKG_ID_NONE, ILOKG_ID_NONE, &tr, &n)) ||
            (st = ilokg_qstore_term(c->st, dist[i].o, &d))) {
            break;
        }
        for (size_t k = 0; !st && k < n; k++) {
            st = nt_quad(c, nt, &tr[k], 0);
            if (st || tr[k].p != pmedia || (st = ilokg_qstore_term(c->st, tr[k].o, &m))) {
                continue;
            }
            for (size_t f = 0; !st && f < N_DUMPS; f++) {
                if (m.kind == ILOKG_QT_IRI && strncmp(m.lex, MEDIA, strlen(MEDIA)) == 0 &&
                    strcmp(m.lex + strlen(MEDIA), dumps[f].media) == 0 && d.kind == ILOKG_QT_IRI) {
                    st = ilokg_buf_printf(nt,
                                          "<%s> <" DCAT "downloadURL> <%sdump/%s> .\n<%s> <" DCAT
                                          "accessURL> <%s> .\n",
                                          d.lex, c->opt->site, dumps[f].file, d.lex, c->opt->site);
                }
            }
        }
        free(tr);
        tr = NULL;
    }
    free(dist);
    return st;
}

/* void.ttl (also at .well-known/void): the dataset's description from the graph, with the
 * dumps (void:dataDump, a dcat:Distribution with dcat:downloadURL each) and the endpoint. */
static ilokg_status
publish_void(pub_ctx *c)
{
    ilokg_buf    own = ILOKG_BUF_INIT, nt = ILOKG_BUF_INIT;
    const char  *ds = NULL;
    ilokg_id     dsid;
    ilokg_quad  *tr = NULL;
    size_t       n  = 0;
    ilokg_status st = dataset_iri(c, &own, &ds, &dsid);
    if (!st && dsid) {
        st = triples(c, dsid, ILOKG_ID_NONE, ILOKG_ID_NONE, &tr, &n);
    }
    for (size_t i = 0; !st && i < n; i++) {
        st = nt_quad(c, &nt, &tr[i], 0);
    }
    free(tr);
    if (!st) {
        st = void_distributions(c, dsid, &nt);
    }
    for (size_t f = 0; !st && f < 2; f++) { /* the N-Quads and N-Triples dumps */
        st = ilokg_buf_printf(&nt, "<%s> <" VOID "dataDump> <%sdump/%s> .\n", ds, c->opt->site,
                              dumps[f].file);
    }
    if (!st &&
        !(st = ilokg_buf_printf(&nt, "<%s> <" DCAT "landingPage> <%s> .\n", ds, c->opt->site)) &&
        c->opt->endpoint && *c->opt->endpoint) {
        if (!(st = nt_iri3(&nt, ds, VOID "sparqlEndpoint", c->opt->endpoint))) {
            st = ilokg_buf_printf(&nt,
                                  "<%sdataset/service> <%s> <" DCAT "DataService> .\n"
                                  "<%sdataset/service> <" DCAT "endpointURL> <%s> .\n"
                                  "<%sdataset/service> <" DCAT "servesDataset> <%s> .\n",
                                  c->ns, ILOKG_RDF "type", c->ns, c->opt->endpoint, c->ns, ds);
        }
    }
    if (!st) {
        st = write_rdf(c, "void.ttl", &nt, ILOKG_FORMAT_TURTLE);
    }
    if (!st) {
        st = write_rdf(c, ".well-known/void", &nt, ILOKG_FORMAT_TURTLE);
    }
    ilokg_buf_free(&own);
    ilokg_buf_free(&nt);
    return st;
}

static ilokg_status
publish_query_page(pub_ctx *c)
{
    ilokg_page_options po = ILOKG_PAGE_OPTIONS_INIT;
    po.base = c->mirror[0] ? c->mirror : "./", po.suffix = ".html", po.home = "index.html";
    po.ns           = c->ns;
    po.endpoint     = c->opt->endpoint ? c->opt->endpoint : "";
    c->body.len     = 0;
    ilokg_status st = ilokg_page_query_opt(c->diag, c->data_dir, &po, &c->body);
    return st ? st : write_file(c, "index.html", c->body.ptr, c->body.len);
}

/* The namespace root (the namespace less the mirror: "https://w3id.org/ilokg/"), the caller's. */
static char *
namespace_root(const pub_ctx *c)
{
    return ilokg_strndup(c->ns, c->ns_len - strlen(c->mirror));
}

/* The ontology, when the data directory has it and its IRI is under the namespace root: one
 * Turtle file (its terms are hash IRIs of one document). *rel_out gets its path ("ns"), or
 * NULL. */
static ilokg_status
publish_ontology(pub_ctx *c, char **rel_out)
{
    char        *root = namespace_root(c), *src = NULL, *bytes = NULL;
    size_t       len = 0, rlen = root ? strlen(root) : 0;
    ilokg_status st  = root ? ILOKG_OK : ILOKG_ERR_NOMEM;
    ilokg_buf    rel = ILOKG_BUF_INIT;
    struct stat  sb;
    *rel_out = NULL;
    if (!st && c->data_dir && strncmp(ILOKG_NS, root, rlen) == 0 &&
        (src = ilokg_path_join(c->data_dir, "ontology/ilokg.ttl")) && stat(src, &sb) == 0) {
        const char *name = ILOKG_NS + rlen;
        size_t      nlen = strcspn(name, "#");
        if (!(st = ilokg_io_read(&bytes, &len, src, c->diag)) &&
            !(st = ilokg_buf_add(&rel, name, nlen)) && !(st = ilokg_buf_adds(&rel, ".ttl")) &&
            !(st = write_file(c, rel.ptr, bytes, len))) {
            *rel_out = ilokg_strndup(name, nlen);
            st       = *rel_out ? ILOKG_OK : ILOKG_ERR_NOMEM;
        }
    }
    free(root);
    free(src);
    free(bytes);
    ilokg_buf_free(&rel);
    return st;
}

/* The redirect rules of a w3id.org namespace (w3id/.htaccess, for the w3id.org repository's
 * directory of the namespace): a resource's IRI answers 303 See Other to its document in the
 * format the Accept header asks for, HTML otherwise; and the site's own .htaccess (media
 * types of the files, CORS). */
static ilokg_status
publish_htaccess(pub_ctx *c, const char *ontology)
{
    static const char *const neg[][2] = {
        {"text/turtle", ".ttl"},
        {"application/n-triples", ".nt"},
        {"application/ld\\+json", ".jsonld"},
        {"application/rdf\\+xml", ".rdf"},
    };
    const char  *site = c->opt->site, *m = c->mirror;
    char        *root = namespace_root(c);
    ilokg_buf    b    = ILOKG_BUF_INIT;
    ilokg_status st   = root ? ILOKG_OK : ILOKG_ERR_NOMEM;
    if (!st) {
        st = ilokg_buf_printf(&b,
                              "# Redirects for the namespace %s\n"
                              "# (written by ilokg publish; docs/publishing.md). For w3id.org, "
                              "this file goes into\n# the namespace's directory of the "
                              "w3id.org repository.\nOptions +FollowSymLinks\n"
                              "RewriteEngine on\n\n# A resource: 303 See Other to its "
                              "description in the format asked for.\n",
                              root);
    }
    for (size_t i = 0; !st && i < sizeof neg / sizeof neg[0]; i++) {
        st = ilokg_buf_printf(&b,
                              "RewriteCond %%{HTTP_ACCEPT} %s\nRewriteRule ^%s(.+)$ %s%s$1%s "
                              "[R=303,L]\n",
                              neg[i][0], m, site, m, neg[i][1]);
    }
    if (!st) {
        st = ilokg_buf_printf(&b,
                              "# Anything else (browsers): its page.\nRewriteRule ^%s(.+)$ "
                              "%s%s$1.html [R=303,L]\n\n",
                              m, site, m);
    }
    if (!st && ontology) {
        st = ilokg_buf_printf(&b,
                              "# The ontology: one document, its terms are hash IRIs.\n"
                              "RewriteRule ^%s$ %s%s.ttl [R=303,L]\n\n",
                              ontology, site, ontology);
    }
    if (!st) {
        st = ilokg_buf_printf(&b,
                              "# The rest of the namespace: the site (the query page, "
                              "dumps, VoID).\nRewriteRule ^(.*)$ %s$1 [R=302,L]\n",
                              site);
    }
    if (!st) {
        st = write_file(c, "w3id/.htaccess", b.ptr, b.len);
    }
    static const char site_rules[] =
        "# Media types of the files ilokg publish writes, for Apache (docs/publishing.md).\n"
        "AddType text/turtle .ttl\nAddType application/n-triples .nt\n"
        "AddType application/n-quads .nq\nAddType application/ld+json .jsonld\n"
        "AddType application/rdf+xml .rdf\nAddDefaultCharset utf-8\n"
        "DirectoryIndex index.html\nOptions -MultiViews\n"
        "<IfModule mod_headers.c>\n  Header set Access-Control-Allow-Origin \"*\"\n"
        "</IfModule>\n";
    if (!st) {
        st = write_file(c, ".htaccess", site_rules, sizeof site_rules - 1);
    }
    if (!st) {
        static const char wk[] = "# The VoID description (RFC 8615 well-known URI).\n"
                                 "<Files \"void\">\n  ForceType text/turtle\n</Files>\n";
        st                     = write_file(c, ".well-known/.htaccess", wk, sizeof wk - 1);
    }
    free(root);
    ilokg_buf_free(&b);
    return st;
}

/* The mirror: the namespace's path less its first segment (the w3id.org name): "id/" for
 * https://w3id.org/ilokg/id/; "" when the path has one segment. */
static ilokg_status
set_mirror(pub_ctx *c)
{
    const char *p = strstr(c->ns, "://");
    p             = p ? strchr(p + 3, '/') : NULL;
    p             = p ? strchr(p + 1, '/') : NULL;
    c->mirror     = ilokg_strndup(p && p[1] ? p + 1 : "", p && p[1] ? strlen(p + 1) : 0);
    return c->mirror ? ILOKG_OK : ILOKG_ERR_NOMEM;
}

static int
is_web_url(const char *s)
{
    return s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0) &&
           s[strlen(s) - 1] == '/' && !strpbrk(s, " <>\"{}|\\^`");
}

ilokg_status
ilokg_publish_store(ilokg_diag *diag, ilokg_qstore *store, const char *data_dir,
                    const ilokg_publish_options *opt, const char *dir, size_t *n_resources)
{
    pub_ctx      c = {diag,           store,          opt,           dir, data_dir, NULL, 0, NULL,
                      ILOKG_BUF_INIT, ILOKG_BUF_INIT, ILOKG_BUF_INIT};
    size_t       n = 0;
    char        *ontology = NULL;
    ilokg_id     us       = ILOKG_ID_NONE;
    ilokg_status st       = ILOKG_OK;
    if (!is_web_url(opt->site)) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                               "the site URL '%s' is not an http(s) URL ending in '/'",
                               opt->site ? opt->site : "");
    }
    if (opt->endpoint && *opt->endpoint && strpbrk(opt->endpoint, " <>\"{}|\\^`")) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                               "the endpoint URL '%s' is not an IRI", opt->endpoint);
    }
    /* The namespace: the dataset's void:uriSpace, as the pages find it. */
    if (!(st = find_iri(&c, VOID "uriSpace", &us)) && us) {
        ilokg_quad *tr = NULL;
        size_t      k  = 0;
        ilokg_qterm t;
        if (!(st = triples(&c, ILOKG_ID_NONE, us, ILOKG_ID_NONE, &tr, &k)) && k &&
            !(st = ilokg_qstore_term(store, tr[0].o, &t)) && t.kind == ILOKG_QT_LITERAL) {
            c.ns = t.lex;
        }
        free(tr);
    }
    c.ns     = c.ns ? c.ns : ILOKG_DEFAULT_BASE;
    c.ns_len = strlen(c.ns);
    if (!st && !(st = set_mirror(&c)) && mkdir(dir, 0777) != 0 && errno != EEXIST) {
        st = ilokg_report_at(diag, ILOKG_ERR_IO, dir, 0, 0, "cannot create the directory: %s",
                             strerror(errno));
    }
    if (!st && !(st = publish_resources(&c, &n)) && !(st = publish_dumps(&c)) &&
        !(st = publish_void(&c)) && !(st = publish_query_page(&c)) &&
        !(st = publish_ontology(&c, &ontology))) {
        st = publish_htaccess(&c, ontology);
    }
    if (n_resources) {
        *n_resources = n;
    }
    free(ontology);
    free(c.mirror);
    ilokg_buf_free(&c.path);
    ilokg_buf_free(&c.body);
    ilokg_buf_free(&c.nt);
    return st;
}

ilokg_status
ilokg_publish(ilokg_world *world, const ilokg_publish_options *opt, const char *dir)
{
    ilokg_qstore *st = NULL;
    ilokg_status  rc = ILOKG_OK;
    if (opt->n_data) {
        rc = ilokg_qstore_mem_new(&st);
        for (size_t i = 0; !rc && i < opt->n_data; i++) {
            rc = ilokg_qstore_mem_load(st, opt->data[i], opt->data_format, NULL, NULL, &world->diag,
                                       NULL);
        }
        if (!rc) {
            rc = ilokg_qstore_mem_freeze(st);
        }
    } else {
        rc = ilokg_qstore_disk_open(&st, ilokg_store_dir(opt->store), &world->diag);
    }
    if (!rc) {
        rc = ilokg_publish_store(&world->diag, st, world->data_dir, opt, dir, NULL);
    }
    ilokg_qstore_free(st);
    return rc;
}
