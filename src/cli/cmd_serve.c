/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg serve: the store (or files) over HTTP until SIGINT or SIGTERM. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ilokg.h"

enum {
    OPT_LISTEN = 256,
    OPT_PORT,
    OPT_BASE,
    OPT_STORE,
    OPT_DATA,
    OPT_DATA_FORMAT,
    OPT_TIMEOUT,
    OPT_MAX_ROWS,
    OPT_MAX_REQUEST,
    OPT_THREADS,
    OPT_IDLE_TIMEOUT,
};

static const cli_option serve_options[] = {
    {OPT_LISTEN, "listen", "ADDRESS", "IPv4 or IPv6 address to listen on (default: 127.0.0.1)"},
    {OPT_PORT, "port", "N", "TCP port (default: 8080; 0: any free port, printed at start)"},
    {OPT_BASE, "base", "IRI",
     "IRI base of the graph's resources, served at its last path "
     "segment (default: https://w3id.org/ilokg/id/, at /id/)"},
    {OPT_STORE, "store", "DIR",
     "persistent store directory (default: $ILOKG_STORE, else "
     "./out/store)"},
    {OPT_DATA, "data", "FILE", "serve FILE (repeatable) read into memory instead of the store"},
    {OPT_DATA_FORMAT, "data-format", "NAME",
     "format of the --data files (default: from each "
     "file's extension)"},
    {OPT_TIMEOUT, "timeout", "SECONDS",
     "stop a query after SECONDS, answering 503 (default: "
     "30; 0: never)"},
    {OPT_MAX_ROWS, "max-rows", "N", "answer at most N rows or triples (default: 100000; 0: all)"},
    {OPT_MAX_REQUEST, "max-request", "BYTES",
     "refuse request bodies over BYTES with 413 "
     "(default: 1048576)"},
    {OPT_THREADS, "threads", "N", "answer N requests at once (default: 4)"},
    {OPT_IDLE_TIMEOUT, "idle-timeout", "SECONDS",
     "close a connection silent for SECONDS "
     "(default: 30)"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    ilokg_serve_options opt;
    const char        **data;
    size_t              n_data;
    const cli_command  *cmd;
} serve_args;

/* Parses a whole number in [lo, hi] into *out; prints the usage error otherwise. */
static int
whole(serve_args *a, const char *name, const char *arg, unsigned long long lo,
      unsigned long long hi, unsigned long long *out)
{
    char *end;
    errno = 0;
    *out  = strtoull(arg, &end, 10);
    if (errno || end == arg || *end || *arg == '-' || *out < lo || *out > hi) {
        cli_usage_error(a->cmd, "--%s needs a whole number from %llu to %llu, not '%s'", name, lo,
                        hi, arg);
        return 1;
    }
    return 0;
}

static int
serve_option(int key, const char *arg, void *payload)
{
    serve_args        *a = payload;
    unsigned long long n = 0;
    char              *end;
    switch (key) {
    case OPT_LISTEN:
        a->opt.listen = arg;
        return 0;
    case OPT_PORT:
        return whole(a, "port", arg, 0, 65535, &n) ? 1 : (a->opt.port = (unsigned)n, 0);
    case OPT_BASE:
        a->opt.base = arg;
        return 0;
    case OPT_STORE:
        a->opt.store = arg;
        return 0;
    case OPT_DATA:
        return cli_push(&a->data, &a->n_data, arg);
    case OPT_DATA_FORMAT:
        return cli_data_format(a->cmd, arg, &a->opt.data_format);
    case OPT_TIMEOUT:
        errno          = 0;
        a->opt.timeout = strtod(arg, &end);
        if (errno || end == arg || *end || !(a->opt.timeout >= 0) || a->opt.timeout > 1e6) {
            cli_usage_error(a->cmd, "--timeout needs a number of seconds, not '%s'", arg);
            return 1;
        }
        return 0;
    case OPT_MAX_ROWS:
        return whole(a, "max-rows", arg, 0, (size_t)-1, &n) ? 1 : (a->opt.max_rows = n, 0);
    case OPT_MAX_REQUEST:
        return whole(a, "max-request", arg, 1, (size_t)-1 / 2, &n) ? 1
                                                                   : (a->opt.max_request = n, 0);
    case OPT_THREADS:
        return whole(a, "threads", arg, 1, 256, &n) ? 1 : (a->opt.threads = (unsigned)n, 0);
    case OPT_IDLE_TIMEOUT:
        return whole(a, "idle-timeout", arg, 1, 86400, &n) ? 1
                                                           : (a->opt.idle_timeout = (unsigned)n, 0);
    }
    return 1;
}

/* The write end of the pipe the server waits on; the handlers write one byte to it. Only the
 * signal handler and the command touch it. */
static int stop_pipe[2] = {-1, -1};

static void
on_stop_signal(int sig)
{
    int  saved = errno;
    char c     = (char)sig;
    if (write(stop_pipe[1], &c, 1) < 0) {
        /* nothing more a handler can do */
    }
    errno = saved;
}

static void
on_ready(const char *url, void *payload)
{
    (void)payload;
    fprintf(stderr, "ilokg: serving %s (SPARQL endpoint: %ssparql); stop with Ctrl-C\n", url, url);
    fflush(stderr);
}

static int
run_serve(const cli_command *cmd, int argc, char **argv)
{
    serve_args   a = {ILOKG_SERVE_OPTIONS_INIT, NULL, 0, cmd};
    int          i = cli_parse(cmd, argc, argv, serve_option, &a);
    int          rc;
    ilokg_world *w = NULL;
    if (i < 0) {
        rc = i == -2 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
        goto done;
    }
    if (i < argc) {
        rc = cli_usage_error(cmd, "unexpected operand '%s' (files to serve go with --data)",
                             argv[i]);
        goto done;
    }
    if (a.n_data && a.opt.store) {
        rc = cli_usage_error(cmd, "--data and --store cannot be combined");
        goto done;
    }
    if (pipe(stop_pipe)) {
        fprintf(stderr, "ilokg: error: cannot create a pipe: %s\n", strerror(errno));
        rc = CLI_EXIT_INPUT;
        goto done;
    }
    fcntl(stop_pipe[1], F_SETFL, O_NONBLOCK);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    a.opt.data      = a.data;
    a.opt.n_data    = a.n_data;
    a.opt.stop_fd   = stop_pipe[0];
    a.opt.ready     = on_ready;
    ilokg_status st = cli_world(&w);
    if (!st) {
        st = ilokg_serve(w, &a.opt);
    }
    if (!st) {
        fprintf(stderr, "ilokg: stopped\n");
    }
    rc = cli_exit(st);
done:
    ilokg_world_free(w);
    free((void *)a.data);
    return rc;
}

const cli_command cli_serve = {
    "serve",
    "",
    "Serve the store over HTTP: a SPARQL 1.1 endpoint at /sparql and every IRI as linked data.",
    serve_options,
    run_serve,
};
