/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg validate: check RDF files against the SHACL shapes; every violation is an error naming
 * its focus node and path, and any violation makes the exit status 1. */
#include <stdio.h>

#include "cli/cli.h"
#include "ilokg.h"

static const cli_option validate_options[] = {
    {257, "shapes", "FILE",
     "SHACL shapes in Turtle (default: ontology/shapes.ttl in the data "
     "directory)"},
    {'f', "format", "NAME",
     "input format of every FILE: turtle, ntriples, nquads, trig, rdfxml "
     "(default: from each file's extension)"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    ilokg_validate_options opt;
    const cli_command     *cmd;
} validate_args;

static int
validate_option(int key, const char *arg, void *payload)
{
    validate_args *a = payload;
    ilokg_format   f;
    switch (key) {
    case 257:
        a->opt.shapes = arg;
        return 0;
    case 'f':
        if (ilokg_format_parse(&f, arg)) {
            cli_usage_error(a->cmd, "unknown format '%s'", arg);
            return 1;
        }
        a->opt.format = arg;
        return 0;
    }
    return 1;
}

static int
run_validate(const cli_command *cmd, int argc, char **argv)
{
    validate_args a = {ILOKG_VALIDATE_OPTIONS_INIT, cmd};
    int           i = cli_parse(cmd, argc, argv, validate_option, &a);
    if (i < 0) {
        return i == -2 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    }
    if (i >= argc) {
        return cli_usage_error(cmd, "no input: give the RDF files to check");
    }
    ilokg_world *w            = NULL;
    size_t       n_violations = 0;
    cli_progress ps;
    int          show = cli_progress_start(&ps, "files", "read");
    ilokg_status st   = cli_world(&w);
    if (!st) {
        if (show) {
            ilokg_world_set_progress(w, (size_t)(argc - i), cli_progress_show, &ps);
        }
        st = ilokg_validate_run(w, &a.opt, (const char *const *)argv + i, (size_t)(argc - i),
                                &n_violations);
    }
    ilokg_world_free(w);
    if (show && !st) {
        cli_progress_end(&ps, (size_t)(argc - i));
    }
    if (!st && n_violations) {
        fprintf(stderr, "ilokg: %zu violation%s of the shapes\n", n_violations,
                n_violations == 1 ? "" : "s");
        return CLI_EXIT_INPUT;
    }
    return cli_exit(st);
}

const cli_command cli_validate = {
    "validate",
    "FILE...",
    "Check RDF files (an export each) against the SHACL shapes; exit 1 on any violation.",
    validate_options,
    run_validate,
};
