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

static ilokg_status
print_stats(ilokg_corpus *c, void *payload)
{
    (void)payload;
    return ilokg_corpus_stats(c, stdout);
}

static int
run_stats(const cli_command *cmd, int argc, char **argv)
{
    int allow_outside = 0;
    int i             = cli_parse(cmd, argc, argv, stats_option, &allow_outside);
    return cli_run_corpus(cmd, argc, argv, i, allow_outside, print_stats, NULL);
}

const cli_command cli_stats = {
    "stats",
    "DIR|FILE...",
    "Print per document: sections, commitments per section, actor and modality, and warnings.",
    stats_options,
    run_stats,
};
