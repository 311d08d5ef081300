/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg warm, for bench/run's like-for-like column against Oxigraph (which loads once and then
 * times store.query alone): one process opens the store once, then answers each query REPEAT
 * times after one untimed run, parsing the text and writing the CSV answer to /dev/null each time,
 * and prints the median.
 *
 *     ilokg-warm STORE REPEAT QUERY.rq...
 *         prints one line per query: {"query": FILE, "seconds": MEDIAN, "cpu_seconds": MEDIAN}
 *         (wall clock, and this process's CPU time: on a busy machine the first is mostly waiting)
 *         or {"query": FILE, "error": "..."}; messages go to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ilokg.h"
#include "query/qstore.h"
#include "query/run.h"
#include "util/io.h"
#include "util/json.h"
#include "util/source.h"
#include "util/status.h"

static void
print_message(const ilokg_message *m, void *payload)
{
    (void)payload;
    if (m->level == ILOKG_LEVEL_ERROR) {
        fprintf(stderr, "%s:%zu:%zu: error: %s\n", m->file ? m->file : "ilokg-warm", m->line,
                m->col, m->text);
    }
}

static int
by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double
now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
median_of(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One query, repeat + 1 times; med[0] gets the median wall-clock time of the timed runs, med[1]
 * the median CPU time. */
static ilokg_status
time_query(double med[2], ilokg_diag *diag, ilokg_qstore *st, const char *path, int repeat,
           FILE *sink)
{
    char               *text = NULL;
    size_t              len  = 0;
    double             *runs = calloc(2 * (size_t)repeat, sizeof *runs);
    ilokg_status        s    = runs ? ilokg_io_read(&text, &len, path, diag) : ILOKG_ERR_NOMEM;
    ilokg_query_options opt  = ILOKG_QUERY_OPTIONS_INIT;
    opt.results              = ILOKG_RESULTS_CSV;
    for (int i = -1; !s && i < repeat; i++) {
        ilokg_source *src = NULL;
        double        t = now(CLOCK_MONOTONIC), c = now(CLOCK_PROCESS_CPUTIME_ID);
        s = ilokg_source_from_bytes(&src, path, text, len, diag);
        if (!s) {
            s = ilokg_query_text_on_store(diag, src, path, &opt, st, sink);
        }
        fflush(sink);
        if (i >= 0) {
            runs[i]          = now(CLOCK_MONOTONIC) - t;
            runs[repeat + i] = now(CLOCK_PROCESS_CPUTIME_ID) - c;
        }
        ilokg_source_free(src);
    }
    if (!s) {
        med[0] = median_of(runs, repeat);
        med[1] = median_of(runs + repeat, repeat);
    }
    free(text);
    free(runs);
    return s;
}

int
main(int argc, char **argv)
{
    if (argc < 4 || atoi(argv[2]) < 1) {
        fputs("usage: ilokg-warm STORE REPEAT QUERY.rq...\n", stderr);
        return 2;
    }
    ilokg_diag    diag = {print_message, NULL, 0, 0};
    ilokg_qstore *st   = NULL;
    FILE         *sink = fopen("/dev/null", "w");
    int           rc   = 0;
    if (!sink || ilokg_qstore_disk_open(&st, argv[1], &diag)) {
        fprintf(stderr, "ilokg-warm: cannot open the store %s\n", argv[1]);
        rc = 1;
    }
    for (int i = 3; !rc && i < argc; i++) {
        double    med[2] = {0, 0};
        ilokg_buf b      = ILOKG_BUF_INIT;
        ilokg_json_escape(&b, argv[i], strlen(argv[i]));
        if (time_query(med, &diag, st, argv[i], atoi(argv[2]), sink)) {
            printf("{\"query\": %s, \"error\": \"see stderr\"}\n", b.ptr ? b.ptr : "\"\"");
        } else {
            printf("{\"query\": %s, \"seconds\": %.6f, \"cpu_seconds\": %.6f}\n",
                   b.ptr ? b.ptr : "\"\"", med[0], med[1]);
        }
        fflush(stdout);
        ilokg_buf_free(&b);
    }
    ilokg_qstore_free(st);
    if (sink) {
        fclose(sink);
    }
    return rc;
}
