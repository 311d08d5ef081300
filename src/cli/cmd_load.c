/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg load: RDF files into the persistent store the query side reads. */
#include <stddef.h>

#include "cli/cli.h"
#include "ilokg.h"

enum { OPT_STORE = 256, OPT_DATA_FORMAT };

static const cli_option load_options[] = {
    {OPT_STORE, "store", "DIR", CLI_STORE_HELP},
    {OPT_DATA_FORMAT, "data-format", "NAME",
     "format of the files (default: from each file's "
     "extension)"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    const char        *store, *format;
    const cli_command *cmd;
} load_args;

static int
load_option(int key, const char *arg, void *payload)
{
    load_args *a = payload;
    switch (key) {
    case OPT_STORE:
        a->store = arg;
        return 0;
    case OPT_DATA_FORMAT:
        return cli_data_format(a->cmd, arg, &a->format);
    }
    return 1;
}

static int
run_load(const cli_command *cmd, int argc, char **argv)
{
    load_args a = {NULL, NULL, cmd};
    int       i = cli_parse(cmd, argc, argv, load_option, &a);
    if (i < 0) {
        return i == -2 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    }
    if (i >= argc) {
        return cli_usage_error(cmd, "no input: give the RDF files to load");
    }
    ilokg_world *w = NULL;
    ilokg_status st;
    cli_progress ps;
    int          show = cli_progress_start(&ps, "files", "read");
    if (!(st = cli_world(&w))) {
        if (show) {
            ilokg_world_set_progress(w, (size_t)(argc - i), cli_progress_show, &ps);
        }
        st = ilokg_store_load_format(w, a.store, (const char *const *)argv + i, (size_t)(argc - i),
                                     a.format);
    }
    ilokg_world_free(w);
    if (show && !st) {
        cli_progress_end(&ps, (size_t)(argc - i));
    }
    return cli_exit(st);
}

const cli_command cli_load = {
    "load",
    "FILE...",
    "Load RDF files into the persistent store, replacing its contents atomically.",
    load_options,
    run_load,
};
