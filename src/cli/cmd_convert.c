/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg convert: read documents, write their RDF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ilokg.h"

static const cli_option convert_options[] = {
    {'f', "format", "NAME",
     "output format: turtle (default), ntriples, nquads, trig, rdfxml, "
     "jsonld"},
    {'o', "output", "FILE", "write to FILE (atomically) instead of standard output"},
    {'b', "base", "IRI", "base of resource IRIs (default " ILOKG_DEFAULT_BASE ")"},
    {256, "no-dataset", NULL, "leave out the VoID/DCAT description and reference entities"},
    {257, "allow-outside", NULL, "read files a MANIFEST.tsv names outside its directory"},
    {'j', "jobs", "N",
     "read N documents, then link N pairs of meetings, at once (threads; same output; default 1)"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    ilokg_export_options exp;
    const char          *output;
    int                  format_given;
    int                  allow_outside;
    const cli_command   *cmd;
} convert_args;

static int
convert_option(int key, const char *arg, void *payload)
{
    convert_args *a = payload;
    switch (key) {
    case 'f':
        if (ilokg_format_parse(&a->exp.format, arg)) {
            cli_usage_error(a->cmd, "unknown format '%s'", arg);
            return 1;
        }
        a->format_given = 1;
        return 0;
    case 'o':
        a->output = arg;
        return 0;
    case 'b':
        a->exp.base = arg;
        return 0;
    case 256:
        a->exp.with_dataset = 0;
        return 0;
    case 257:
        a->allow_outside = 1;
        return 0;
    case 'j': {
        char *end = NULL;
        long  n   = strtol(arg, &end, 10);
        if (*arg < '0' || *arg > '9' || *end || n < 1 || n > 256) {
            cli_usage_error(a->cmd, "-j wants a number of jobs from 1 to 256, not '%s'", arg);
            return 1;
        }
        a->exp.jobs = (int)n;
        return 0;
    }
    }
    return 1;
}

int
cli_progress_start(cli_progress *p, const char *what, const char *mb_of)
{
    *p = (cli_progress){what, mb_of, -1, {0, 0}, {0, 0, 0, 0, 0.0, 0}};
    clock_gettime(CLOCK_MONOTONIC, &p->t0);
    return !cli_quiet() && isatty(STDERR_FILENO);
}

/* On a terminal (and without --quiet): documents or files done, MB/s and statements on one line,
 * redrawn at most ten times a second, then a one-line summary. */
void
cli_progress_show(const ilokg_progress *pr, void *payload)
{
    cli_progress *ps = payload;
    double        mb = (double)pr->bytes / 1e6;
    ps->counts       = *pr;
    double s         = pr->seconds > 0 ? pr->seconds : 1e-9;
    if (pr->done) {
        /* Statements that were not counted (load: the loader reports none) are not shown. */
        char st[48] = "";
        if (pr->statements) {
            snprintf(st, sizeof st, ", %zu statements", pr->statements);
        }
        int what_len = (int)strlen(ps->what) - (pr->docs_done == 1); /* "1 file" */
        fprintf(stderr, "\r\033[Kilokg: %zu %.*s, %.1f MB %s%s in %.2f s (%.1f MB/s)\n",
                pr->docs_done, what_len, ps->what, mb, ps->mb_of, st, pr->seconds, mb / s);
        cli_progress_shown(0);
        return;
    }
    if (pr->seconds - ps->last < 0.1 && pr->docs_done != pr->n_docs) {
        return;
    }
    ps->last = pr->seconds;
    fprintf(stderr, "\r\033[Kilokg: %zu/%zu %s, %.1f MB, %.1f MB/s, %zu statements", pr->docs_done,
            pr->n_docs, ps->what, mb, mb / s, pr->statements);
    fflush(stderr);
    cli_progress_shown(1);
}

void
cli_progress_end(cli_progress *p, size_t n_files)
{
    ilokg_progress end = p->counts;
    end.docs_done      = end.n_docs ? end.docs_done : n_files;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    end.seconds = (double)(t.tv_sec - p->t0.tv_sec) + (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
    end.done    = 1;
    cli_progress_show(&end, p);
}

static int
run_convert(const cli_command *cmd, int argc, char **argv)
{
    convert_args a = {ILOKG_EXPORT_OPTIONS_INIT, NULL, 0, 0, cmd};
    int          i = cli_parse(cmd, argc, argv, convert_option, &a);
    if (i < 0) {
        return i == -2 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    }
    if (i >= argc) {
        return cli_usage_error(cmd, "no input: give a directory with a MANIFEST.tsv or files");
    }
    if (!a.format_given && a.output && ilokg_format_from_path(&a.exp.format, a.output)) {
        a.exp.format = ILOKG_FORMAT_TURTLE;
    }
    cli_progress ps;
    if (cli_progress_start(&ps, "documents", "of text")) {
        a.exp.progress         = cli_progress_show;
        a.exp.progress_payload = &ps;
    }
    ilokg_world *w = NULL;
    ilokg_status st;
    if (!(st = cli_world(&w))) {
        ilokg_world_allow_outside(w, a.allow_outside);
        st = ilokg_convert(w, (const char *const *)argv + i, (size_t)(argc - i), &a.exp, a.output);
    }
    ilokg_world_free(w);
    return cli_exit(st);
}

const cli_command cli_convert = {
    "convert",
    "DIR|FILE...",
    "Read documents (every one a DIR/MANIFEST.tsv lists, or the FILEs given) and write their RDF.",
    convert_options,
    run_convert,
};
