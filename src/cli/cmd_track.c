/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg track: what became of each meeting's commitments at the next meeting of its series. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ilokg.h"

static const cli_option track_options[] = {
    {'f', "format", "NAME", "text (default: counts, then each link with both texts side by "
                            "side) or csv (one row per link, dropped and new commitment)"},
    {257, "allow-outside", NULL, "read files a MANIFEST.tsv names outside its directory"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    const cli_command *cmd;
    ilokg_track_format format;
    int                allow_outside;
} track_args;

static int
track_option(int key, const char *arg, void *payload)
{
    track_args *a = payload;
    switch (key) {
    case 'f':
        if (!strcmp(arg, "text")) {
            a->format = ILOKG_TRACK_TEXT;
        } else if (!strcmp(arg, "csv")) {
            a->format = ILOKG_TRACK_CSV;
        } else {
            cli_usage_error(a->cmd, "unknown format '%s' (text or csv)", arg);
            return 1;
        }
        return 0;
    case 257: a->allow_outside = 1; return 0;
    }
    return 1;
}

static int
run_track(const cli_command *cmd, int argc, char **argv)
{
    track_args a = {cmd, ILOKG_TRACK_TEXT, 0};
    int        i = cli_parse(cmd, argc, argv, track_option, &a);
    if (i < 0) {
        return i == -2 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    }
    if (i >= argc) {
        return cli_usage_error(cmd, "no input: give a directory with a MANIFEST.tsv or files");
    }
    ilokg_world  *w = NULL;
    ilokg_corpus *c = NULL;
    ilokg_status  st;
    if (!(st = cli_world(&w)) && (ilokg_world_allow_outside(w, a.allow_outside), 1) &&
        !(st = ilokg_corpus_read(&c, w, (const char *const *)argv + i, (size_t)(argc - i)))) {
        st = ilokg_corpus_track(c, a.format, stdout);
        if (st == ILOKG_ERR_IO) {
            fprintf(stderr, "ilokg: cannot write the report to standard output\n");
        }
    }
    ilokg_corpus_free(c);
    ilokg_world_free(w);
    return cli_exit(st);
}

const cli_command cli_track = {
    "track", "DIR|FILE...",
    "Follow commitments across successive meetings of a series: continued, developed, not "
    "taken up, new.",
    track_options, run_track,
};
