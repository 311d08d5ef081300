/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg publish: the graph as static files for a web host without a server (docs/publishing.md). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "ilokg.h"

enum { OPT_STORE = 256, OPT_DATA, OPT_DATA_FORMAT, OPT_SITE, OPT_ENDPOINT };

static const cli_option publish_options[] = {
    {OPT_SITE, "site", "URL",
     "the http(s) URL DIR will be served at, ending in '/' (required: "
     "the dumps, VoID and redirects name it)"},
    {OPT_STORE, "store", "DIR",
     "persistent store directory (default: $ILOKG_STORE, else "
     "./out/store)"},
    {OPT_DATA, "data", "FILE", "publish FILE (repeatable) instead of the store"},
    {OPT_DATA_FORMAT, "data-format", "NAME",
     "format of the --data files (default: from each "
     "file's extension)"},
    {OPT_ENDPOINT, "endpoint", "URL",
     "a SPARQL endpoint for the query page and the VoID (default: "
     "none; the query page asks for one)"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    ilokg_publish_options opt;
    const char          **data;
    size_t                n_data;
    const cli_command    *cmd;
} publish_args;

static int
publish_option(int key, const char *arg, void *payload)
{
    publish_args *a = payload;
    switch (key) {
    case OPT_SITE:
        a->opt.site = arg;
        return 0;
    case OPT_STORE:
        a->opt.store = arg;
        return 0;
    case OPT_ENDPOINT:
        a->opt.endpoint = arg;
        return 0;
    case OPT_DATA_FORMAT:
        return cli_data_format(a->cmd, arg, &a->opt.data_format);
    case OPT_DATA:
        return cli_push(&a->data, &a->n_data, arg);
    }
    return 1;
}

static int
run_publish(const cli_command *cmd, int argc, char **argv)
{
    publish_args a = {ILOKG_PUBLISH_OPTIONS_INIT, NULL, 0, cmd};
    int          i = cli_parse(cmd, argc, argv, publish_option, &a);
    int          rc;
    if (i < 0) {
        rc = i == -2 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    } else if (i + 1 != argc) {
        rc = cli_usage_error(cmd, i >= argc ? "no directory: give the one to write"
                                            : "one directory only");
    } else if (!a.opt.site) {
        rc = cli_usage_error(cmd, "--site URL is required: where DIR will be served");
    } else {
        ilokg_world *w  = NULL;
        a.opt.data      = a.data;
        a.opt.n_data    = a.n_data;
        ilokg_status st = cli_world(&w);
        if (!st) {
            st = ilokg_publish(w, &a.opt, argv[i]);
        }
        ilokg_world_free(w);
        rc = cli_exit(st);
    }
    free((void *)a.data);
    return rc;
}

const cli_command cli_publish = {
    "publish",
    "DIR",
    "Write the graph into DIR as static files: a page and Turtle, N-Triples, JSON-LD and RDF/XML "
    "for each resource, the query page, dumps, VoID/DCAT and w3id.org redirect rules.",
    publish_options,
    run_publish,
};
