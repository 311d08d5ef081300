/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg query and ilokg load (placeholder until the query tool lands). */
#include "cli.h"

static const cli_option no_options[] = {{0, NULL, NULL, NULL}};

static int
run_unavailable(const cli_command *cmd, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cli_usage_error(cmd, "'%s' is not available in this build", cmd->name);
}

const cli_command cli_query = {"query", "[QUERY-FILE]", "Run a SPARQL query.", no_options,
                               run_unavailable};
const cli_command cli_load  = {"load", "FILE...", "Load RDF files into the persistent store.",
                               no_options, run_unavailable};
