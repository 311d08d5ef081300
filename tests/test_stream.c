/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the streaming export: ilokg_convert, one document at a time and with several jobs,
 * writes the same bytes as the whole-graph export (ilokg_corpus_read + ilokg_corpus_export) in
 * every format it streams, on a corpus whose ids interleave in the sort order (hlm13-2017,
 * hlm13-2017-x2: base/doc/hlm13-2017-x2 sorts between base/doc/hlm13-2017 and
 * base/doc/hlm13-2017/...); with commitment tracking (its statements about commitments are
 * merged into the documents' blocks); hooks see every document and add statements, also
 * statements about a document's resources. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/export.h"
#include "graph/graph.h"
#include "graph/world.h"
#include "util/buf.h"

#define COPIES 3

typedef struct {
    test_sink    sink;
    ilokg_world *w;
    char         dir[64];
} fixture;

static void
copy_file(const char *from, const char *to)
{
    size_t len  = 0;
    char  *text = test_read_file(from, &len);
    FILE  *fp   = fopen(to, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    free(text);
}

/* Writes a manifest row: copy k of the row [row, end) (ids and files of copy 1 unchanged; copy
 * k > 1 of document ID is ID-xk, file ID-xk.txt), with renumber its meeting number (column 5)
 * 100 (k - 1) higher when it is a number, as bench/scale-text --renumber makes it. */
static void
copy_row(FILE *fp, const char *row, const char *end, int k, bool renumber)
{
    const char *col[16];
    size_t      n = 0;
    for (const char *p = row; p < end && n < 16; n++) {
        col[n]        = p;
        const char *t = memchr(p, '\t', (size_t)(end - p));
        p             = t ? t + 1 : end;
    }
    for (size_t c = 0; c < n; c++) {
        const char *ce      = c + 1 < n ? col[c + 1] - 1 : end;
        int         len     = (int)(ce - col[c]);
        char       *num_end = NULL;
        long        m       = c == 4 ? strtol(col[c], &num_end, 10) : 0;
        fputs(c ? "\t" : "", fp);
        if (k > 1 && c == 0) {
            fprintf(fp, "%.*s-x%d", len, col[c], k);
        } else if (k > 1 && c == 1) {
            fprintf(fp, "%.*s-x%d.txt", (int)(col[1] - 1 - col[0]), col[0], k);
        } else if (k > 1 && renumber && c == 4 && len && num_end == ce) {
            fprintf(fp, "%ld", m + 100L * (k - 1));
        } else {
            fprintf(fp, "%.*s", len, col[c]);
        }
    }
    fputc('\n', fp);
}

/* The corpus copies times in directory dir (copy_row). */
static void
make_corpus(const char *dir, int copies, bool renumber)
{
    size_t len  = 0;
    char  *man  = test_read_file(ILOKG_TEST_CORPUS "/MANIFEST.tsv", &len);
    char  *line = strchr(man, '\n');
    char   path[512], out_path[512];
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_non_null(line);
    fprintf(fp, "%.*s\n", (int)(line - man), man);
    for (int k = 1; k <= copies; k++) {
        for (char *row = line + 1; *row; row = strchr(row, '\n') + 1) {
            char *end = strchr(row, '\n'), *t1 = strchr(row, '\t'),
                 *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
            assert_non_null(end);
            assert_non_null(t2);
            snprintf(path, sizeof path, "%s/%.*s", ILOKG_TEST_CORPUS, (int)(t2 - t1 - 1), t1 + 1);
            if (k == 1) {
                snprintf(out_path, sizeof out_path, "%s/%.*s", dir, (int)(t2 - t1 - 1), t1 + 1);
            } else {
                snprintf(out_path, sizeof out_path, "%s/%.*s-x%d.txt", dir, (int)(t1 - row), row,
                         k);
            }
            copy_row(fp, row, end, k, renumber);
            copy_file(path, out_path);
        }
    }
    assert_int_equal(fclose(fp), 0);
    free(man);
}

static int
setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    test_sink_init(&f->sink);
    assert_int_equal(ilokg_world_new(&f->w, ILOKG_TEST_DATA_DIR, NULL, NULL), ILOKG_OK);
    strcpy(f->dir, "stream-corpus-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    make_corpus(f->dir, COPIES, false);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture *f = *state;
    char     cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    ilokg_world_free(f->w);
    free(f);
    return 0;
}

/* The whole-graph export of dir in format fmt to path. */
static void
export_whole(fixture *f, ilokg_format fmt, const char *path, const ilokg_export_hooks *hooks)
{
    ilokg_export_options opt = ILOKG_EXPORT_OPTIONS_INIT;
    const char          *in  = f->dir;
    ilokg_corpus        *c   = NULL;
    opt.format               = fmt;
    assert_int_equal(ilokg_corpus_read(&c, f->w, &in, 1), ILOKG_OK);
    assert_int_equal(ilokg_corpus_export_hooked(f->w, c, &opt, path, hooks), ILOKG_OK);
    ilokg_corpus_free(c);
}

static void
export_stream(fixture *f, ilokg_format fmt, int jobs, const char *path,
              const ilokg_export_hooks *hooks)
{
    ilokg_export_options opt = ILOKG_EXPORT_OPTIONS_INIT;
    const char          *in  = f->dir;
    opt.format               = fmt;
    opt.jobs                 = jobs;
    assert_int_equal(ilokg_convert_hooked(f->w, &in, 1, &opt, path, hooks), ILOKG_OK);
}

static void
assert_same_file(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char  *ta = test_read_file(a, &la), *tb = test_read_file(b, &lb);
    assert_true(la > 1000);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    free(ta);
    free(tb);
}

/* The formats streamed, and where one comparison writes: the whole-graph export and the streamed
 * ones with one and two jobs. */
static const ilokg_format stream_formats[] = {ILOKG_FORMAT_NTRIPLES, ILOKG_FORMAT_NQUADS,
                                              ILOKG_FORMAT_TURTLE, ILOKG_FORMAT_TRIG};
enum { N_STREAM_FORMATS = sizeof stream_formats / sizeof stream_formats[0] };

typedef struct {
    char whole[96], one[96], two[96];
} out_paths;

static void
out_paths_init(out_paths *o, const fixture *f)
{
    snprintf(o->whole, sizeof o->whole, "%s/whole.out", f->dir);
    snprintf(o->one, sizeof o->one, "%s/one.out", f->dir);
    snprintf(o->two, sizeof o->two, "%s/two.out", f->dir);
}

/* Exports fmt whole and streamed with one and two jobs, with hooks[0..2] (NULL: none), and
 * asserts the three outputs are the same bytes. */
static void
export_three_same(fixture *f, ilokg_format fmt, const out_paths *o,
                  const ilokg_export_hooks *const hooks[3])
{
    export_whole(f, fmt, o->whole, hooks[0]);
    export_stream(f, fmt, 1, o->one, hooks[1]);
    export_stream(f, fmt, 2, o->two, hooks[2]);
    assert_same_file(o->whole, o->one);
    assert_same_file(o->whole, o->two);
}

static void
test_stream_same_bytes(void **state)
{
    fixture                        *f = *state;
    out_paths                       o;
    const ilokg_export_hooks *const none[3] = {NULL, NULL, NULL};
    out_paths_init(&o, f);
    for (size_t i = 0; i < N_STREAM_FORMATS; i++) {
        export_three_same(f, stream_formats[i], &o, none);
    }
}

/* With tracking, as ilokg_convert and ilokg_corpus_export run it: the three copies of each HLM
 * meeting are one meeting of three documents, so every copy of a commitment is linked to every
 * copy of the next meeting's; the links' ilokg:continues and status statements are about the
 * commitments, inside the documents' blocks. */
static void
test_stream_tracking_same_bytes(void **state)
{
    fixture  *f = *state;
    out_paths o;
    out_paths_init(&o, f);
    for (size_t i = 0; i < N_STREAM_FORMATS; i++) {
        ilokg_export_tracking t[3];
        for (int k = 0; k < 3; k++) {
            assert_int_equal(ilokg_export_tracking_init(&t[k], f->w, NULL, NULL), ILOKG_OK);
        }
        const ilokg_export_hooks *const hooks[3] = {&t[0].hooks, &t[1].hooks, &t[2].hooks};
        export_three_same(f, stream_formats[i], &o, hooks);
        for (int k = 0; k < 3; k++) {
            ilokg_export_tracking_clear(&t[k]);
        }
        if (stream_formats[i] == ILOKG_FORMAT_NTRIPLES) {
            /* Checked by reading both texts: hlm15-2020's commitment 1 ("Strengthening
             * coordination and policy coherence to promote social justice and fairness, decent
             * work and international labour standards in the EU, in third countries and in the
             * global agenda, including ... G20") takes up hlm13-2017's commitment 1 ("Strengthen
             * their coordination to promote social justice ..., including in the context of the
             * G20 ..."); its continues line is written among the commitment's own lines. */
            size_t len  = 0;
            char  *text = test_read_file(o.one, &len);
            assert_non_null(strstr(text, "<https://w3id.org/ilokg/id/doc/hlm15-2020/commitment/1> "
                                         "<https://w3id.org/ilokg/ns#continues> "
                                         "<https://w3id.org/ilokg/id/doc/hlm13-2017/commitment/1> "
                                         ".\n"));
            free(text);
        }
    }
}

/* Exports fmt from f's directory with tracking linked on jobs threads: whole (stream false) or
 * streamed with two reading jobs. */
static void
export_tracked(fixture *f, ilokg_format fmt, bool stream, size_t jobs, const char *path)
{
    ilokg_export_tracking tp;
    assert_int_equal(ilokg_export_tracking_init(&tp, f->w, NULL, NULL), ILOKG_OK);
    ilokg_track_set_jobs(tp.track, jobs);
    if (stream) {
        export_stream(f, fmt, 2, path, &tp.hooks);
    } else {
        export_whole(f, fmt, path, &tp.hooks);
    }
    ilokg_export_tracking_clear(&tp);
}

/* Many meetings per series (the corpus 4 times, renumbered as bench/scale-text --renumber
 * does: HLM meetings 13, 15, 16, 113, ..., 316, 11 pairs; ILC sessions 106 to 406, 3 pairs),
 * tracking's pairs linked on 3 threads: the whole-graph export (the threads' batches copied into
 * its graph) and the streamed one (the threads' batches handed to the sink) write the same bytes
 * as with one thread, in every format (RDF/XML and JSON-LD are written whole either way). */
static void
test_stream_tracking_threads(void **state)
{
    static const ilokg_format formats[] = {ILOKG_FORMAT_NTRIPLES, ILOKG_FORMAT_NQUADS,
                                           ILOKG_FORMAT_TURTLE,   ILOKG_FORMAT_TRIG,
                                           ILOKG_FORMAT_RDFXML,   ILOKG_FORMAT_JSONLD};
    fixture                  *f = *state, g = *f;
    out_paths                 o;
    char                      cmd[128];
    strcpy(g.dir, "stream-renumbered-XXXXXX");
    assert_non_null(mkdtemp(g.dir));
    make_corpus(g.dir, 4, true);
    out_paths_init(&o, &g);
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        export_tracked(&g, formats[i], false, 1, o.whole);
        export_tracked(&g, formats[i], false, 3, o.one);
        assert_same_file(o.whole, o.one);
        if (formats[i] == ILOKG_FORMAT_RDFXML || formats[i] == ILOKG_FORMAT_JSONLD) {
            continue;
        }
        export_tracked(&g, formats[i], true, 1, o.one);
        export_tracked(&g, formats[i], true, 3, o.two);
        assert_same_file(o.whole, o.one);
        assert_same_file(o.whole, o.two);
        if (formats[i] == ILOKG_FORMAT_NTRIPLES) {
            /* The 4th copies of HLM 13 and 15 are meetings 313 and 315, a pair linked on some
             * thread: hlm15-2020's commitment 1 takes up hlm13-2017's (test_stream_tracking_
             * same_bytes says why), and so do their copies. */
            size_t len  = 0;
            char  *text = test_read_file(o.two, &len);
            assert_non_null(strstr(text,
                                   "<https://w3id.org/ilokg/id/doc/hlm15-2020-x4/commitment/1> "
                                   "<https://w3id.org/ilokg/ns#continues> "
                                   "<https://w3id.org/ilokg/id/doc/hlm13-2017-x4/commitment/1> "
                                   ".\n"));
            free(text);
        }
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g.dir);
    assert_int_equal(system(cmd), 0);
}

/* Hooks: doc counts documents and commitments; finish adds one statement, about a resource of
 * its own or (own = false) about a commitment of the first document. */
typedef struct {
    size_t docs, commitments, finishes, sinks;
    bool   inside;
} hook_state;

static void
hook_doc(const ilokg_doc *doc, void *payload)
{
    hook_state *h = payload;
    h->docs++;
    h->commitments += doc->n_commitments;
}

/* Adds HOOK_N statements, to g, or through the sink when a streaming export gives one: in three
 * batches of its own (statement i in batch i % 3, the first in all three), each taken and freed,
 * so the runs interleave, hold the same statement more than once and span several chunks.
 * Both must come out as the whole-graph export writes them. */
#define HOOK_N 2500
static ilokg_status
hook_finish(ilokg_graph *g, const ilokg_graph_sink *sink, void *payload)
{
    hook_state *h = payload;
    h->finishes++;
    h->sinks += sink != NULL;
    const char *s =
        h->inside ? ILOKG_DEFAULT_BASE "doc/hlm13-2017/commitment/1" : ILOKG_DEFAULT_BASE "link/1";
    ilokg_graph *batch[3] = {NULL, NULL, NULL};
    ilokg_status st       = ILOKG_OK;
    for (int k = 0; sink && !st && k < 3; k++) {
        st = ilokg_graph_new(&batch[k], ILOKG_DEFAULT_BASE, NULL);
    }
    for (int i = 0; !st && i < HOOK_N; i++) {
        char o[96];
        snprintf(o, sizeof o, ILOKG_DEFAULT_BASE "doc/hlm15-2020/commitment/%d", i + 2);
        for (int k = 0; !st && k < 3; k++) {
            if (!sink ? k == 0 : i == 0 || i % 3 == k) {
                st = ilokg_graph_add_quad(sink ? batch[k] : g, ILOKG_DEFAULT_BASE "graph/links", s,
                                          ILOKG_NS "follows", o, false, NULL, NULL);
            }
        }
    }
    for (int k = 0; k < 3; k++) {
        if (!st && batch[k]) {
            st = sink->take(batch[k], sink->payload);
        }
        ilokg_graph_free(batch[k]);
    }
    return st;
}

/* How many times needle occurs in hay. */
static size_t
occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++) {
        n++;
    }
    return n;
}

static void
test_stream_hooks(void **state)
{
    static const ilokg_format formats[] = {ILOKG_FORMAT_NQUADS, ILOKG_FORMAT_NTRIPLES,
                                           ILOKG_FORMAT_TURTLE};
    fixture                  *f         = *state;
    char                      whole[96], one[96];
    snprintf(whole, sizeof whole, "%s/whole.out", f->dir);
    snprintf(one, sizeof one, "%s/one.out", f->dir);
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
        for (int inside = 0; inside < 2; inside++) {
            hook_state         hw = {0, 0, 0, 0, inside}, hs = {0, 0, 0, 0, inside};
            ilokg_export_hooks kw = {hook_doc, hook_finish, &hw};
            ilokg_export_hooks ks = {hook_doc, hook_finish, &hs};
            export_whole(f, formats[k], whole, &kw);
            export_stream(f, formats[k], 2, one, &ks);
            assert_same_file(whole, one);
            /* 5 documents, 3 copies each, each seen once; finish runs once, also when its
             * statements are about a document's resource (merged into the document's block). */
            assert_int_equal(hs.docs, 5 * COPIES);
            assert_int_equal(hs.commitments, hw.commitments);
            assert_int_equal(hs.finishes, 1);
            assert_int_equal(hs.sinks, 1);
            assert_int_equal(hw.sinks, 0);
            if (formats[k] != ILOKG_FORMAT_NQUADS) {
                continue;
            }
            /* Each statement once, though the first was in all three batches. */
            size_t len  = 0;
            char  *text = test_read_file(one, &len);
            assert_int_equal(occurrences(text, "<https://w3id.org/ilokg/ns#follows> "), HOOK_N);
            assert_int_equal(occurrences(text,
                                         "<https://w3id.org/ilokg/ns#follows> "
                                         "<https://w3id.org/ilokg/id/doc/hlm15-2020/commitment/2> "
                                         "<https://w3id.org/ilokg/id/graph/links> .\n"),
                             1);
            free(text);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_same_bytes),
        cmocka_unit_test(test_stream_tracking_same_bytes),
        cmocka_unit_test(test_stream_tracking_threads),
        cmocka_unit_test(test_stream_hooks),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
