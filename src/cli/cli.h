/* SPDX-License-Identifier: Apache-2.0 */
/* The tool's command table, option tables and shared helpers (diagnostics printing, world). */
#ifndef ILOKG_CLI_H
#define ILOKG_CLI_H

#include <stdio.h>
#include <time.h>

#include "ilokg.h"

enum { CLI_EXIT_OK = 0, CLI_EXIT_INPUT = 1, CLI_EXIT_USAGE = 2 };

typedef struct {
    int         key;  /* short option character, or a value >= 256 for long-only options */
    const char *name; /* long option name */
    const char *arg;  /* argument name for --help, NULL when the option takes none */
    const char *help;
} cli_option;

typedef struct cli_command {
    const char       *name;
    const char       *synopsis; /* operands, after "ilokg NAME [OPTIONS]" */
    const char       *summary;
    const cli_option *options; /* terminated by {0} */
    int (*run)(const struct cli_command *cmd, int argc, char **argv);
} cli_command;

/** The --store option's help, the same for query and load. */
#define CLI_STORE_HELP "persistent store directory (default: $ILOKG_STORE, else ./out/store)"

/** Options every command accepts (appended to each table): --data-dir, --quiet, -h/--help. */
enum { CLI_OPT_DATA_DIR = 1000, CLI_OPT_QUIET };

typedef int (*cli_handler)(int key, const char *arg, void *payload);

/** Parses argv against cmd's options, which may come before, between or after the operands
 *  (`--` ends them); calls fn for each one (common ones handled here). Returns
 *  the index of the first operand, or -1 after printing a usage error (exit 2), or -2 when --help
 *  was printed (exit 0). */
int cli_parse(const cli_command *cmd, int argc, char **argv, cli_handler fn, void *payload);

/** Prints "ilokg: message" and the command's usage hint; returns CLI_EXIT_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Creates the world with the common options' data directory and the stderr printer. */
ilokg_status cli_world(ilokg_world **out);

/** Exit status for a library status. */
int cli_exit(ilokg_status st);

/** What a command does with the corpus it read (stats, track). */
typedef ilokg_status (*cli_corpus_job)(ilokg_corpus *c, void *payload);

/** The frame of a command over documents: first is cli_parse's result (its -1/-2 give the exit
 *  status at once); the operands from argv[first] on must name at least one input, read as one
 *  corpus (files a manifest names outside its directory only with allow_outside), then job runs
 *  on it. Returns the exit status. */
int cli_run_corpus(const cli_command *cmd, int argc, char **argv, int first, int allow_outside,
                   cli_corpus_job job, void *payload);

/** Appends s (borrowed) to the array *arr of *n strings; 1 when out of memory. */
int cli_push(const char ***arr, size_t *n, const char *s);

/** Checks that arg names an RDF format (--data-format) and stores it in *out; 1 with a usage
 *  error for cmd when it does not. */
int cli_data_format(const cli_command *cmd, const char *arg, const char **out);

/** Number of errors printed so far. */
size_t cli_errors(void);

/** Whether --quiet was given. */
int cli_quiet(void);
/** Tells the message printer that a progress line (no newline) is on stderr, which it clears
 *  before printing a message. */
void cli_progress_shown(int shown);

/** A progress line on a terminal (convert, load, validate): what is counted ("documents",
 *  "files"), how the MB are said ("of text", "read"), when it was last drawn, when it began. */
typedef struct {
    const char     *what, *mb_of;
    double          last;
    struct timespec t0;
    ilokg_progress  counts; /* the last counts shown */
} cli_progress;

/** Starts p (cmd_convert.c) and returns whether progress is shown: on a terminal, without
 *  --quiet. */
int cli_progress_start(cli_progress *p, const char *what, const char *mb_of);
/** An ilokg_progress_fn (payload: a cli_progress): the line redrawn at most ten times a second,
 *  and on the last call (pr->done) a one-line summary. */
void cli_progress_show(const ilokg_progress *pr, void *payload);
/** The summary after a call that reports no last progress itself (load, validate): from the
 *  last counts, timed from cli_progress_start; n_files stands for the files when none has
 *  reported. */
void cli_progress_end(cli_progress *p, size_t n_files);

extern const cli_command cli_convert, cli_stats, cli_query, cli_load, cli_validate, cli_track;
extern const cli_command cli_serve, cli_publish;

#endif
