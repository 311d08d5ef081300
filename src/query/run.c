/* SPDX-License-Identifier: Apache-2.0 */
/* One SPARQL query answered by ilokg's own engine, from the user's text to the written answer:
 * the dataset (the persistent store, or files in memory), parsing (sparql_parse.c), evaluation
 * (eval.c), and the writers (results.c for solutions, rdf_io.c for graphs). Nothing here calls
 * raptor directly: a query over the store must not pay for loading it (docs/performance.md). */
#include "query/run.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/json.h"
#include "util/vocab.h"
#include "query/algebra.h"
#include "query/eval.h"
#include "query/qstore.h"
#include "query/rdf_io.h"
#include "query/results.h"

void
ilokg_query_prefixes_for(ilokg_prefix_table *out, const char *base)
{
    size_t                    n = 0, n_declared = 0;
    const ilokg_vocab_prefix *t = ilokg_vocab_prefixes(&n, &n_declared);
    out->n                      = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = t[i].query_pos;
        if (k && k <= ILOKG_QUERY_MAX_PREFIXES) {
            out->p[k - 1][0] = t[i].prefix;
            out->p[k - 1][1] = base && *base && !strcmp(t[i].prefix, "id") ? base : t[i].iri;
            out->n           = k > out->n ? k : out->n;
        }
    }
}

typedef struct {
    ilokg_diag                *diag;
    const ilokg_query_options *opt;
    const ilokg_source        *src;
    ilokg_sparql              *q;
    ilokg_qstore              *st;
    ilokg_id                  *dg; /* FROM graphs */
    size_t                     n_dg;
    ilokg_id                  *ng; /* FROM NAMED / --named graphs */
    size_t                     n_ng;
    int                        all_named;
    FILE                      *fp;
    int (*cancel)(void *payload); /* ilokg_query_on_store's, or NULL */
    void *cancel_payload;
} run_ctx;

const char *
ilokg_store_dir(const char *dir)
{
    if (dir && *dir) {
        return dir;
    }
    const char *env = getenv("ILOKG_STORE");
    return env && *env ? env : "out/store";
}

/* ---- Dataset ------------------------------------------------------------------------------ */

/* RFC 3986 (5.2.4): removes the "." and ".." segments of the path in b from offset start on. */
static ilokg_status
remove_dot_segments(ilokg_buf *b, size_t start)
{
    char  *in = ilokg_strndup(b->ptr + start, b->len - start);
    size_t i = 0, n = b->len - start;
    if (!in) {
        return ILOKG_ERR_NOMEM;
    }
    b->len = start;
    while (i < n) {
        const char *r    = in + i;
        size_t      left = n - i;
        if (left >= 3 && !strncmp(r, "../", 3)) {
            i += 3;
        } else if (left >= 2 && !strncmp(r, "./", 2)) {
            i += 2;
        } else if (left >= 3 && !strncmp(r, "/./", 3)) {
            i += 2; /* "/./" becomes "/" */
        } else if (left == 2 && !strncmp(r, "/.", 2)) {
            in[++i] = '/';
        } else if ((left >= 4 && !strncmp(r, "/../", 4)) || (left == 3 && !strncmp(r, "/..", 3))) {
            /* "/../" or a final "/.." becomes "/", and the output's last segment goes */
            i += left >= 4 ? 3 : 2;
            in[i] = '/';
            while (b->len > start && b->ptr[b->len - 1] != '/') {
                b->len--;
            }
            if (b->len > start) {
                b->len--;
            }
        } else if ((left == 1 && r[0] == '.') || (left == 2 && !strncmp(r, "..", 2))) {
            i = n;
        } else {
            size_t j = i + 1;
            while (j < n && in[j] != '/') {
                j++;
            }
            if (ilokg_buf_add(b, in + i, j - i)) {
                free(in);
                return ILOKG_ERR_NOMEM;
            }
            i = j;
        }
    }
    b->ptr[b->len] = '\0';
    free(in);
    return ILOKG_OK;
}

/* The file: IRI of a path, as raptor_uri_filename_to_uri_string writes it (and so as `ilokg
 * load` and the RDF parser name a file): relative paths against the working directory, spaces
 * and '%' escaped, dot segments removed. Written here so that a query's base IRI does not need
 * raptor (test_query_run checks the two agree). NULL when out of memory or the working directory
 * cannot be read. */
static char *
file_iri(const char *path)
{
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = ilokg_buf_adds(&b, "file://");
    if (!st && path[0] != '/') {
        char cwd[4096];
        st = getcwd(cwd, sizeof cwd) ? ilokg_buf_printf(&b, "%s/", cwd) : ILOKG_ERR_IO;
    }
    for (const char *p = path; !st && *p; p++) {
        st = *p == ' '   ? ilokg_buf_adds(&b, "%20")
             : *p == '%' ? ilokg_buf_adds(&b, "%25")
                         : ilokg_buf_addc(&b, *p);
    }
    if (!st && b.len > 7) {
        st = remove_dot_segments(&b, 7);
    }
    if (st) {
        ilokg_buf_free(&b);
        return NULL;
    }
    return ilokg_buf_detach(&b);
}

/* The query's base IRI: its file's, else the working directory's. */
static char *
query_base(const char *name)
{
    if (name && name[0] != '<' && access(name, R_OK) == 0) {
        return file_iri(name);
    }
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd - 2)) {
        return ilokg_strndup("file:///", 8);
    }
    size_t n = strlen(cwd);
    if (n && cwd[n - 1] != '/') {
        cwd[n]     = '/';
        cwd[n + 1] = '\0';
    }
    return file_iri(cwd);
}

static ilokg_status
graph_id(run_ctx *rc, const char *iri, ilokg_id *out)
{
    ilokg_qterm t = {ILOKG_QT_IRI, iri, strlen(iri), NULL, NULL};
    return ilokg_qstore_find(rc->st, &t, out);
}

/* Loads the local file a FROM / FROM NAMED IRI names into the graph of that IRI. */
static ilokg_status
load_from(run_ctx *rc, const char *iri, size_t off)
{
    if (strncmp(iri, "file:", 5)) {
        return ilokg_report(rc->diag, ILOKG_ERR_QUERY, rc->src, off,
                            "FROM <%s>: only local files can be loaded (a relative path or a "
                            "file: IRI); download it and name the file",
                            iri);
    }
    char        *path = NULL;
    ilokg_status st   = ilokg_rdf_iri_to_path(&path, iri);
    if (st == ILOKG_ERR_NOT_FOUND) {
        return ilokg_report(rc->diag, ILOKG_ERR_QUERY, rc->src, off, "FROM <%s>: not a file", iri);
    }
    if (!st) {
        st = ilokg_qstore_mem_load(rc->st, path, rc->opt->data_format, iri, NULL, rc->diag, NULL);
    }
    free(path);
    return st;
}

static int
seen_before(char **iris, size_t i)
{
    for (size_t k = 0; k < i; k++) {
        if (!strcmp(iris[k], iris[i])) {
            return 1;
        }
    }
    return 0;
}

/* The graphs named by iris (those that hold anything), into *out. */
static ilokg_status
graph_ids(run_ctx *rc, char **iris, size_t n, ilokg_id **out, size_t *n_out)
{
    ilokg_id *ids = calloc(n ? n : 1, sizeof *ids);
    if (!ids) {
        return ILOKG_ERR_NOMEM;
    }
    size_t       k  = 0;
    ilokg_status st = ILOKG_OK;
    for (size_t i = 0; !st && i < n; i++) {
        ilokg_id id = ILOKG_ID_NONE;
        st          = graph_id(rc, iris[i], &id);
        if (!st && id != ILOKG_ID_NONE) {
            ids[k++] = id;
        }
    }
    *out   = ids;
    *n_out = k;
    return st;
}

static ilokg_status
dataset_from_query(run_ctx *rc)
{
    ilokg_sparql *q  = rc->q;
    ilokg_status  st = ilokg_qstore_mem_new(&rc->st);
    for (size_t i = 0; !st && i < q->n_from; i++) {
        if (!seen_before(q->from, i)) {
            st = load_from(rc, q->from[i], q->from_offset[i]);
        }
    }
    for (size_t i = 0; !st && i < q->n_from_named; i++) {
        int dup = seen_before(q->from_named, i);
        for (size_t k = 0; !dup && k < q->n_from; k++) {
            dup = !strcmp(q->from[k], q->from_named[i]);
        }
        if (!dup) {
            st = load_from(rc, q->from_named[i], q->from_offset[q->n_from + i]);
        }
    }
    if (!st) {
        st = ilokg_qstore_mem_freeze(rc->st);
    }
    if (!st) {
        st = graph_ids(rc, q->from, q->n_from, &rc->dg, &rc->n_dg);
    }
    if (!st) {
        st = graph_ids(rc, q->from_named, q->n_from_named, &rc->ng, &rc->n_ng);
    }
    /* FROM NAMED alone: the default graph is empty (graph 1 of this store holds nothing). */
    return st;
}

static ilokg_status
dataset_from_files(run_ctx *rc)
{
    const ilokg_query_options *opt  = rc->opt;
    char                     **iris = calloc(opt->n_named ? opt->n_named : 1, sizeof *iris);
    ilokg_status               st   = iris ? ilokg_qstore_mem_new(&rc->st) : ILOKG_ERR_NOMEM;
    for (size_t i = 0; !st && i < opt->n_data; i++) {
        st = ilokg_qstore_mem_load(rc->st, opt->data[i], opt->data_format, NULL, NULL, rc->diag,
                                   NULL);
    }
    /* The graphs of N-Quads and TriG given with --data belong to the default graph too. */
    if (!st) {
        st = ilokg_qstore_mem_add_union(rc->st);
    }
    for (size_t i = 0; !st && i < opt->n_named; i++) {
        st = (iris[i] = file_iri(opt->named[i]))
                 ? ilokg_qstore_mem_load(rc->st, opt->named[i], opt->data_format, iris[i], NULL,
                                         rc->diag, NULL)
                 : ILOKG_ERR_NOMEM;
    }
    if (!st) {
        st = ilokg_qstore_mem_freeze(rc->st);
    }
    if (!st) {
        st = graph_ids(rc, iris, opt->n_named, &rc->ng, &rc->n_ng);
    }
    for (size_t i = 0; iris && i < opt->n_named; i++) {
        free(iris[i]);
    }
    free(iris);
    return st;
}

static ilokg_status
build_dataset(run_ctx *rc)
{
    const ilokg_query_options *opt   = rc->opt;
    ilokg_sparql              *q     = rc->q;
    int                        files = opt->n_data || opt->n_named;
    if (files && (q->n_from || q->n_from_named)) {
        ilokg_report(rc->diag, ILOKG_OK, rc->src, q->from_offset[0],
                     "FROM and FROM NAMED are ignored: --data and --named give the dataset");
    }
    if (files) {
        return dataset_from_files(rc);
    }
    if (q->n_from || q->n_from_named) {
        return dataset_from_query(rc);
    }
    /* The persistent store: its default graph is the union of every graph loaded. */
    rc->all_named = 1;
    return ilokg_qstore_disk_open(&rc->st, ilokg_store_dir(opt->store), rc->diag);
}

/* ---- Writing the answer ------------------------------------------------------------------- */

static void
to_term(ilokg_term *t, const ilokg_qterm *q)
{
    memset(t, 0, sizeof *t);
    t->value = q->lex;
    switch (q->kind) {
    case ILOKG_QT_IRI:
        t->kind = ILOKG_TERM_IRI;
        break;
    case ILOKG_QT_BLANK:
        t->kind = ILOKG_TERM_BLANK;
        break;
    case ILOKG_QT_LITERAL:
        t->kind     = ILOKG_TERM_LITERAL;
        t->lang     = q->lang;
        t->datatype = q->dt;
        break;
    }
}

static ilokg_status
write_solutions(run_ctx *rc, const ilokg_answer *a)
{
    ilokg_sparql         *q      = rc->q;
    size_t                n_cols = ilokg_answer_cols(a), n_rows = ilokg_answer_rows(a);
    const char          **names = calloc(n_cols ? n_cols : 1, sizeof *names);
    ilokg_term           *row   = calloc(n_cols ? n_cols : 1, sizeof *row);
    ilokg_results_writer *w     = NULL;
    ilokg_status          st    = names && row ? ILOKG_OK : ILOKG_ERR_NOMEM;
    for (size_t c = 0; !st && c < n_cols; c++) {
        names[c] = q->var_names[q->result_vars[c]];
    }
    if (!st) {
        st = ilokg_results_begin(&w, rc->opt->results, rc->fp, names, n_cols);
    }
    if (!st) {
        ilokg_results_report_to(w, rc->diag);
    }
    for (size_t r = 0; !st && r < n_rows; r++) {
        if (rc->opt->max_rows && r == rc->opt->max_rows) {
            ilokg_report_at(rc->diag, ILOKG_OK, NULL, 0, 0,
                            "stopped after %zu rows (--max-rows); the answer has %zu", r, n_rows);
            break;
        }
        const ilokg_id *ids = ilokg_answer_row(a, r);
        for (size_t c = 0; !st && c < n_cols; c++) {
            ilokg_qterm t;
            memset(&row[c], 0, sizeof row[c]);
            if (ids[c] != ILOKG_ID_NONE && !(st = ilokg_answer_term(a, ids[c], &t))) {
                to_term(&row[c], &t);
            }
        }
        if (!st) {
            st = ilokg_results_row(w, row);
        }
    }
    if (!st) {
        st = ilokg_results_end(w);
    }
    if (st == ILOKG_ERR_IO) {
        ilokg_report_at(rc->diag, st, NULL, 0, 0, "cannot write the results");
    }
    ilokg_results_free(w);
    free(row);
    free(names);
    return st;
}

/* Where the terms of a graph answer come from: an evaluation's answer, or a store. */
typedef struct {
    const ilokg_answer *answer;
    ilokg_qstore       *store;
} term_source;

static ilokg_status
source_term(const term_source *ts, ilokg_id id, ilokg_qterm *out)
{
    return ts->answer ? ilokg_answer_term(ts->answer, id, out)
                      : ilokg_qstore_term(ts->store, id, out);
}

static ilokg_status
triple_terms(const term_source *ts, const ilokg_quad *q, ilokg_qterm t[3])
{
    ilokg_status st = source_term(ts, q->s, &t[0]);
    if (!st) {
        st = source_term(ts, q->p, &t[1]);
    }
    return st ? st : source_term(ts, q->o, &t[2]);
}

static ilokg_status
add_json_node(ilokg_buf *b, const ilokg_qterm *t)
{
    if (t->kind == ILOKG_QT_BLANK) {
        ilokg_status st = ilokg_buf_adds(b, "\"_:");
        return st ? st : ilokg_buf_printf(b, "%s\"", t->lex);
    }
    return ilokg_json_escape(b, t->lex, t->lex_len);
}

/* JSON-LD in expanded form, one node object per triple (valid JSON-LD; raptor writes none). */
static ilokg_status
write_jsonld(run_ctx *rc, const term_source *ts, const ilokg_quad *tr, size_t n)
{
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = ilokg_buf_adds(&b, "[");
    for (size_t i = 0; !st && i < n; i++) {
        ilokg_qterm t[3];
        if ((st = triple_terms(ts, &tr[i], t))) {
            break;
        }
        const ilokg_qterm s = t[0], p = t[1], o = t[2];
        st = ilokg_buf_adds(&b, i ? ",\n  { \"@id\": " : "\n  { \"@id\": ");
        if (!st && !(st = add_json_node(&b, &s)) && !(st = ilokg_buf_adds(&b, ", ")) &&
            !(st = ilokg_json_escape(&b, p.lex, p.lex_len))) {
            if (o.kind == ILOKG_QT_LITERAL) {
                st = ilokg_buf_adds(&b, ": [ { \"@value\": ");
                if (!st) {
                    st = ilokg_json_escape(&b, o.lex, o.lex_len);
                }
                if (!st && o.lang) {
                    st = ilokg_buf_adds(&b, ", \"@language\": ");
                    st = st ? st : ilokg_json_escape(&b, o.lang, strlen(o.lang));
                } else if (!st && o.dt) {
                    st = ilokg_buf_adds(&b, ", \"@type\": ");
                    st = st ? st : ilokg_json_escape(&b, o.dt, strlen(o.dt));
                }
            } else {
                st = ilokg_buf_adds(&b, ": [ { \"@id\": ");
                st = st ? st : add_json_node(&b, &o);
            }
        }
        if (!st) {
            st = ilokg_buf_adds(&b, " } ] }");
        }
    }
    if (!st) {
        st = ilokg_buf_adds(&b, "\n]\n");
    }
    if (!st && fwrite(b.ptr, 1, b.len, rc->fp) != b.len) {
        st = ilokg_report_at(rc->diag, ILOKG_ERR_IO, NULL, 0, 0, "cannot write the answer");
    }
    ilokg_buf_free(&b);
    return st;
}

typedef struct {
    const term_source *ts;
    const ilokg_quad  *tr;
} triple_list;

static ilokg_status
next_triple(ilokg_qterm t[3], size_t i, void *payload)
{
    const triple_list *l = payload;
    return triple_terms(l->ts, &l->tr[i], t);
}

/* Writes triples (a CONSTRUCT or DESCRIBE answer) in the --format asked for. */
static ilokg_status
write_graph(run_ctx *rc, const term_source *ts, const ilokg_quad *tr, size_t n)
{
    if (rc->opt->max_rows && n > rc->opt->max_rows) {
        ilokg_report_at(rc->diag, ILOKG_OK, NULL, 0, 0,
                        "stopped after %zu triples (--max-rows); the answer has %zu",
                        rc->opt->max_rows, n);
        n = rc->opt->max_rows;
    }
    if (rc->opt->rdf_format == ILOKG_FORMAT_JSONLD) {
        return write_jsonld(rc, ts, tr, n);
    }
    triple_list        l = {ts, tr};
    ilokg_prefix_table pt;
    ilokg_query_prefixes_for(&pt, NULL);
    return ilokg_rdf_write_triples(rc->fp, rc->opt->rdf_format, (const char *const(*)[2])pt.p, pt.n,
                                   next_triple, &l, n, rc->diag);
}

static double
monotonic_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static ilokg_status
evaluate(run_ctx *rc, const char *base)
{
    ilokg_eval_options eo = ILOKG_EVAL_OPTIONS_INIT;
    ilokg_answer      *a  = NULL;
    eo.default_graphs     = rc->dg;
    eo.n_default          = rc->n_dg;
    eo.named_graphs       = rc->ng;
    eo.n_named            = rc->n_ng;
    eo.all_named          = rc->all_named;
    eo.base               = base;
    if (rc->opt->timeout > 0) {
        eo.deadline = monotonic_now() + rc->opt->timeout;
    }
    eo.cancel         = rc->cancel;
    eo.cancel_payload = rc->cancel_payload;
    ilokg_status st   = ilokg_eval(&a, rc->st, rc->q, &eo, rc->diag);
    if (!st) {
        switch (rc->q->form) {
        case ILOKG_FORM_SELECT:
            st = write_solutions(rc, a);
            break;
        case ILOKG_FORM_ASK:
            st = ilokg_results_boolean(rc->opt->results, rc->fp, ilokg_answer_boolean(a));
            break;
        case ILOKG_FORM_CONSTRUCT:
        case ILOKG_FORM_DESCRIBE: {
            term_source       ts = {a, NULL};
            size_t            n  = 0;
            const ilokg_quad *tr = ilokg_answer_triples(a, &n);
            st                   = write_graph(rc, &ts, tr, n);
            break;
        }
        }
    }
    ilokg_answer_free(a);
    return st;
}

/* Parses and answers rc's query over store (borrowed) when given, else over the dataset the
 * options and the query name. */
static ilokg_status
parse_and_answer(run_ctx *rc, const char *name, ilokg_qstore *store)
{
    char *base = query_base(name);
    if (!base) {
        return ILOKG_ERR_NOMEM;
    }
    ilokg_prefix_table pt;
    ilokg_query_prefixes_for(&pt, rc->opt->base);
    ilokg_sparql_options po = {(const char *const(*)[2])pt.p, pt.n, base};
    ilokg_status         st = ilokg_sparql_parse(&rc->q, rc->src, &po, rc->diag);
    if (!st && rc->opt->explain) {
        st = ilokg_sparql_dump(rc->q, rc->fp);
    } else if (!st && store && (rc->q->n_from || rc->q->n_from_named)) {
        st = ilokg_report(rc->diag, ILOKG_ERR_USAGE, rc->src, rc->q->from_offset[0],
                          "FROM and FROM NAMED need a dataset of their own, not an open store");
    } else if (!st && store) {
        rc->st        = store;
        rc->all_named = 1;
        st            = evaluate(rc, base);
        rc->st        = NULL;
    } else if (!st && !(st = build_dataset(rc))) {
        st = evaluate(rc, base);
    }
    ilokg_qstore_free(rc->st);
    ilokg_sparql_free(rc->q);
    free(rc->dg);
    free(rc->ng);
    free(base);
    return st;
}

ilokg_status
ilokg_query_local(ilokg_diag *diag, const ilokg_source *src, const char *name,
                  const ilokg_query_options *opt, FILE *fp)
{
    run_ctx rc = {diag, opt, src, NULL, NULL, NULL, 0, NULL, 0, 0, fp, NULL, NULL};
    return parse_and_answer(&rc, name, NULL);
}

ilokg_status
ilokg_query_text_on_store(ilokg_diag *diag, const ilokg_source *src, const char *name,
                          const ilokg_query_options *opt, ilokg_qstore *store, FILE *fp)
{
    run_ctx rc = {diag, opt, src, NULL, NULL, NULL, 0, NULL, 0, 0, fp, NULL, NULL};
    return parse_and_answer(&rc, name, store);
}

ilokg_status
ilokg_query_load(ilokg_diag *diag, const char *dir, const char *const *paths, size_t n_paths,
                 const char *format, ilokg_qstore_progress_fn progress, void *payload)
{
    ilokg_qstore *mem = NULL;
    ilokg_status  st  = ilokg_qstore_mem_new(&mem);
    if (!st) {
        ilokg_qstore_mem_set_progress(mem, progress, payload);
    }
    for (size_t i = 0; !st && i < n_paths; i++) {
        st = ilokg_qstore_mem_load(mem, paths[i], format, NULL, NULL, diag, NULL);
    }
    if (!st) {
        st = ilokg_qstore_mem_add_union(mem);
    }
    if (!st) {
        st = ilokg_qstore_mem_freeze(mem);
    }
    if (!st) {
        st = ilokg_qstore_disk_write(mem, ilokg_store_dir(dir), diag);
    }
    ilokg_qstore_free(mem);
    return st;
}

ilokg_status
ilokg_query_write_ntriples(ilokg_diag *diag, const char *name, const char *bytes, size_t len,
                           const ilokg_query_options *opt, FILE *fp)
{
    run_ctx      rc = {diag, opt, NULL, NULL, NULL, NULL, 0, NULL, 0, 0, fp, NULL, NULL};
    ilokg_quad  *tr = NULL, pat = {ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE, ILOKG_ID_NONE};
    size_t       n  = 0;
    ilokg_status st = ilokg_qstore_mem_new(&rc.st);
    if (!st) {
        st = ilokg_qstore_mem_load_bytes(rc.st, bytes, len, name, "ntriples", NULL, NULL, diag,
                                         NULL);
    }
    if (!st) {
        st = ilokg_qstore_mem_freeze(rc.st);
    }
    if (!st) {
        st = ilokg_qstore_collect(&tr, &n, rc.st, &pat);
    }
    if (!st) {
        term_source ts = {NULL, rc.st};
        st             = write_graph(&rc, &ts, tr, n);
    }
    free(tr);
    ilokg_qstore_free(rc.st);
    return st;
}

/* ---- Over a store the caller opened (ilokg serve) ----------------------------------------- */

/* A graph id no store gives a graph: the default graph of a dataset whose FROM or
 * default-graph-uri graphs are none of the store's is empty, not the store's default graph. */
#define NO_GRAPH (ILOKG_ID_OVERLAY - 1u)

static ilokg_status
store_dataset(run_ctx *rc, const ilokg_query_store_options *so)
{
    const ilokg_sparql *q     = rc->q;
    int                 proto = so->n_default || so->n_named;
    const char *const  *dg    = proto ? so->default_graphs : (const char *const *)q->from;
    const char *const  *ng    = proto ? so->named_graphs : (const char *const *)q->from_named;
    size_t              n_dg  = proto ? so->n_default : q->n_from;
    size_t              n_ng  = proto ? so->n_named : q->n_from_named;
    if (!n_dg && !n_ng) {
        rc->all_named = 1; /* the store's default graph (the union of its graphs), every graph */
        return ILOKG_OK;
    }
    ilokg_status st = graph_ids(rc, (char **)dg, n_dg, &rc->dg, &rc->n_dg);
    if (!st && !rc->n_dg) {
        rc->dg[0] = NO_GRAPH;
        rc->n_dg  = 1;
    }
    return st ? st : graph_ids(rc, (char **)ng, n_ng, &rc->ng, &rc->n_ng);
}

ilokg_status
ilokg_query_on_store(ilokg_diag *diag, ilokg_sparql *q, const ilokg_query_store_options *so,
                     const ilokg_query_options *opt, FILE *fp)
{
    run_ctx      rc = {diag, opt, NULL, q,          so->store,         NULL, 0, NULL,
                       0,    0,   fp,   so->cancel, so->cancel_payload};
    ilokg_status st = store_dataset(&rc, so);
    if (!st) {
        st = evaluate(&rc, so->base);
    }
    free(rc.dg);
    free(rc.ng);
    return st;
}

ilokg_status
ilokg_query_write_quads(ilokg_diag *diag, ilokg_qstore *store, const ilokg_quad *quads, size_t n,
                        const ilokg_query_options *opt, FILE *fp)
{
    run_ctx     rc = {diag, opt, NULL, NULL, store, NULL, 0, NULL, 0, 0, fp, NULL, NULL};
    term_source ts = {NULL, store};
    return write_graph(&rc, &ts, quads, n);
}
