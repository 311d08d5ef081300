/* SPDX-License-Identifier: Apache-2.0 */
/* ilokg query: SPARQL over the persistent store, files or an endpoint. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ilokg.h"

enum {
    OPT_STORE = 256,
    OPT_DATA,
    OPT_NAMED,
    OPT_DATA_FORMAT,
    OPT_ENDPOINT,
    OPT_TIMEOUT,
    OPT_MAX_ROWS,
    OPT_PREFIXES,
    OPT_EXPLAIN,
};

static const cli_option query_options[] = {
    {OPT_STORE, "store", "DIR", CLI_STORE_HELP},
    {OPT_DATA, "data", "FILE", "query FILE (repeatable) instead of the store, as the default graph"},
    {OPT_NAMED, "named", "FILE", "add FILE as a named graph whose name is the file's IRI "
                                 "(repeatable)"},
    {OPT_DATA_FORMAT, "data-format", "NAME", "format of the --data/--named files (default: from "
                                             "each file's extension)"},
    {OPT_ENDPOINT, "endpoint", "URL", "send the query to a SPARQL 1.1 Protocol endpoint"},
    {'r', "results", "NAME", "result format: table (default on a terminal), csv, tsv, json, xml"},
    {'f', "format", "NAME", "RDF format of CONSTRUCT/DESCRIBE answers: turtle (default), "
                            "ntriples, nquads, trig, rdfxml, jsonld"},
    {OPT_TIMEOUT, "timeout", "SECONDS", "stop the query after SECONDS (error, exit 1)"},
    {OPT_MAX_ROWS, "max-rows", "N", "write at most N result rows (a warning says when more "
                                    "were left out)"},
    {'e', "execute", "TEXT", "the query text itself instead of a file"},
    {OPT_PREFIXES, "prefixes", NULL, "list the predeclared prefixes and exit"},
    {OPT_EXPLAIN, "explain", NULL, "print the query's SPARQL algebra instead of running it"},
    {'b', "base", "IRI", "the base the graph was converted with: what the predeclared id: prefix "
                         "stands for (default " ILOKG_DEFAULT_BASE ")"},
    {0, NULL, NULL, NULL},
};

typedef struct {
    ilokg_query_options opt;
    const char        **data, **named;
    size_t              n_data, n_named;
    const char         *text;
    int                 results_given, prefixes;
    const cli_command  *cmd;
} query_args;

static int
push(const char ***arr, size_t *n, const char *s)
{
    const char **p = realloc((void *)*arr, (*n + 1) * sizeof *p);
    if (!p) {
        return 1;
    }
    p[(*n)++] = s;
    *arr      = p;
    return 0;
}

static int
parse_results(ilokg_results_format *out, const char *name)
{
    static const struct {
        const char          *name;
        ilokg_results_format f;
    } names[] = {{"table", ILOKG_RESULTS_TABLE}, {"csv", ILOKG_RESULTS_CSV},
                 {"tsv", ILOKG_RESULTS_TSV},     {"json", ILOKG_RESULTS_JSON},
                 {"xml", ILOKG_RESULTS_XML},     {"srj", ILOKG_RESULTS_JSON},
                 {"srx", ILOKG_RESULTS_XML}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!strcmp(name, names[i].name)) {
            *out = names[i].f;
            return 0;
        }
    }
    return 1;
}

static int
query_option(int key, const char *arg, void *payload)
{
    query_args *a = payload;
    char       *end;
    switch (key) {
    case OPT_STORE: a->opt.store = arg; return 0;
    case OPT_DATA: return push(&a->data, &a->n_data, arg);
    case OPT_NAMED: return push(&a->named, &a->n_named, arg);
    case OPT_DATA_FORMAT: {
        ilokg_format f;
        if (ilokg_format_parse(&f, arg)) {
            cli_usage_error(a->cmd, "unknown RDF format '%s'", arg);
            return 1;
        }
        a->opt.data_format = arg;
        return 0;
    }
    case OPT_ENDPOINT: a->opt.endpoint = arg; return 0;
    case 'r':
        if (parse_results(&a->opt.results, arg)) {
            cli_usage_error(a->cmd, "unknown result format '%s' (table, csv, tsv, json, xml)", arg);
            return 1;
        }
        a->results_given = 1;
        return 0;
    case 'f':
        if (ilokg_format_parse(&a->opt.rdf_format, arg)) {
            cli_usage_error(a->cmd, "unknown RDF format '%s'", arg);
            return 1;
        }
        return 0;
    case OPT_TIMEOUT:
        errno         = 0;
        a->opt.timeout = strtod(arg, &end);
        if (errno || end == arg || *end || !(a->opt.timeout > 0) || a->opt.timeout > 1e6) {
            cli_usage_error(a->cmd, "--timeout needs a positive number of seconds, not '%s'", arg);
            return 1;
        }
        return 0;
    case OPT_MAX_ROWS: {
        errno                = 0;
        unsigned long long n = strtoull(arg, &end, 10);
        if (errno || end == arg || *end || *arg == '-' || n == 0) {
            cli_usage_error(a->cmd, "--max-rows needs a positive whole number, not '%s'", arg);
            return 1;
        }
        a->opt.max_rows = (size_t)n;
        return 0;
    }
    case 'e': a->text = arg; return 0;
    case OPT_PREFIXES: a->prefixes = 1; return 0;
    case OPT_EXPLAIN: a->opt.explain = 1; return 0;
    case 'b': a->opt.base = arg; return 0;
    }
    return 1;
}

/* Reads the whole of fp into a NUL-terminated malloc'd string; NULL on failure. */
static char *
read_stream(FILE *fp)
{
    size_t cap = 4096, len = 0;
    char  *s   = malloc(cap);
    while (s) {
        len += fread(s + len, 1, cap - len - 1, fp);
        if (len + 1 < cap) {
            break;
        }
        char *t = realloc(s, cap * 2);
        if (!t) {
            free(s);
            return NULL;
        }
        s = t;
        cap *= 2;
    }
    if (s) {
        if (ferror(fp)) {
            free(s);
            return NULL;
        }
        s[len] = '\0';
    }
    return s;
}

static int
run_query(const cli_command *cmd, int argc, char **argv)
{
    query_args a = {ILOKG_QUERY_OPTIONS_INIT, NULL, NULL, 0, 0, NULL, 0, 0, cmd};
    int        i = cli_parse(cmd, argc, argv, query_option, &a);
    int        rc;
    char      *text = NULL;
    const char *name = "<query>";
    ilokg_world *w   = NULL;
    if (i < 0) {
        rc = i == -2 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
        goto done;
    }
    if (a.prefixes) {
        ilokg_prefixes_print_base(stdout, a.opt.base);
        rc = CLI_EXIT_OK;
        goto done;
    }
    if (argc - i > 1 || (a.text && argc - i > 0)) {
        rc = cli_usage_error(cmd, "give one query: a file, '-' for standard input, or -e TEXT");
        goto done;
    }
    if (a.opt.endpoint && (a.n_data || a.n_named || a.opt.store)) {
        rc = cli_usage_error(cmd, "--endpoint cannot be combined with --store, --data or --named");
        goto done;
    }
    if (a.text) {
        text = strdup(a.text);
        name = "<-e>";
    } else if (i == argc || !strcmp(argv[i], "-")) {
        if (i == argc && isatty(STDIN_FILENO)) {
            rc = cli_usage_error(cmd, "no query: give a file, '-' for standard input, or -e TEXT");
            goto done;
        }
        text = read_stream(stdin);
        name = "<stdin>";
    } else {
        FILE *fp = fopen(argv[i], "rb");
        name     = argv[i];
        if (!fp) {
            fprintf(stderr, "%s: error: cannot open: %s\n", name, strerror(errno));
            rc = CLI_EXIT_INPUT;
            goto done;
        }
        text = read_stream(fp);
        fclose(fp);
    }
    if (!text) {
        fprintf(stderr, "%s: error: cannot read the query\n", name);
        rc = CLI_EXIT_INPUT;
        goto done;
    }
    if (!a.results_given) {
        a.opt.results = isatty(STDOUT_FILENO) ? ILOKG_RESULTS_TABLE : ILOKG_RESULTS_CSV;
    }
    a.opt.data    = a.data;
    a.opt.n_data  = a.n_data;
    a.opt.named   = a.named;
    a.opt.n_named = a.n_named;
    ilokg_status st = cli_world(&w);
    if (!st) {
        st = ilokg_query_run(w, text, name, &a.opt, stdout);
    }
    if (fflush(stdout) && !st) {
        fprintf(stderr, "ilokg: error: cannot write the results: %s\n", strerror(errno));
        st = ILOKG_ERR_IO;
    }
    rc = cli_exit(st);
done:
    ilokg_world_free(w);
    free(text);
    free((void *)a.data);
    free((void *)a.named);
    return rc;
}

const cli_command cli_query = {
    "query", "[QUERY-FILE|-]",
    "Run a SPARQL query over the store, RDF files or an endpoint and write its answer.",
    query_options, run_query,
};
