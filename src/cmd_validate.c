/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg validate (placeholder until the shapes land). */
#include "cli.h"

static const cli_option no_options[] = {{0, NULL, NULL, NULL}};

static int
run_unavailable(const cli_command *cmd, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cli_usage_error(cmd, "'%s' is not available in this build", cmd->name);
}

const cli_command cli_validate = {"validate", "FILE...", "Check RDF files against the shapes.",
                                  no_options, run_unavailable};
