/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg stats: read documents, print what was found in each. */
#include <stdio.h>

#include "cli/cli.h"
#include "ilokg.h"

static const cli_option stats_options[] = {
    {257, "allow-outside", NULL, "read files a MANIFEST.tsv names outside its directory"},
    {0, NULL, NULL, NULL},
};

static int
stats_option(int key, const char *arg, void *payload)
{
    (void)arg;
    if (key == 257) {
        *(int *)payload = 1;
        return 0;
    }
    return 1;
}

static int
run_stats(const cli_command *cmd, int argc, char **argv)
{
    int allow_outside = 0;
    int i             = cli_parse(cmd, argc, argv, stats_option, &allow_outside);
    if (i < 0) {
        return i == -2 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    }
    if (i >= argc) {
        return cli_usage_error(cmd, "no input: give a directory with a MANIFEST.tsv or files");
    }
    ilokg_world  *w = NULL;
    ilokg_corpus *c = NULL;
    ilokg_status  st;
    if (!(st = cli_world(&w)) && (ilokg_world_allow_outside(w, allow_outside), 1) &&
        !(st = ilokg_corpus_read(&c, w, (const char *const *)argv + i, (size_t)(argc - i)))) {
        st = ilokg_corpus_stats(c, stdout);
    }
    ilokg_corpus_free(c);
    ilokg_world_free(w);
    return cli_exit(st);
}

const cli_command cli_stats = {
    "stats", "DIR|FILE...",
    "Print per document: sections, commitments per section, actor and modality, and warnings.",
    stats_options, run_stats,
};
