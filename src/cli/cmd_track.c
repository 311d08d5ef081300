/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg track: what became of each meeting's commitments at the next meeting of its series. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ilokg.h"

static const cli_option track_options[] = {
    {'f', "format", "NAME",
     "text (default: counts, then each link with both texts side by "
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
    case 257:
        a->allow_outside = 1;
        return 0;
    }
    return 1;
}

static ilokg_status
print_track(ilokg_corpus *c, void *payload)
{
    const track_args *a  = payload;
    ilokg_status      st = ilokg_corpus_track(c, a->format, stdout);
    if (st == ILOKG_ERR_IO) {
        fprintf(stderr, "ilokg: cannot write the report to standard output\n");
    }
    return st;
}

static int
run_track(const cli_command *cmd, int argc, char **argv)
{
    track_args a = {cmd, ILOKG_TRACK_TEXT, 0};
    int        i = cli_parse(cmd, argc, argv, track_option, &a);
    return cli_run_corpus(cmd, argc, argv, i, a.allow_outside, print_track, &a);
}

const cli_command cli_track = {
    "track",
    "DIR|FILE...",
    "Follow commitments across successive meetings of a series: continued, developed, not "
    "taken up, new.",
    track_options,
    run_track,
};
