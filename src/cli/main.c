/* SPDX-License-Identifier: Apache-2.0 */
/* The ilokg tool: subcommand dispatch, option parsing from tables, diagnostics on stderr. */
#include <getopt.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ilokg.h"

static const cli_command *const commands[] = {
    &cli_convert,  &cli_stats, &cli_load,  &cli_query,
    &cli_validate, &cli_track, &cli_serve, &cli_publish,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const cli_option common_options[] = {
    {CLI_OPT_DATA_DIR, "data-dir", "DIR",
     "reference data, ontology and queries (default: "
     "$ILOKG_DATA_DIR, else the installed data)"},
    {CLI_OPT_QUIET, "quiet", NULL, "print errors only, no warnings or progress"},
    {'h', "help", NULL, "show this help and exit"},
    {0, NULL, NULL, NULL},
};

static const char *opt_data_dir;
static int         opt_quiet;
static size_t      n_errors_printed;
static int         progress_shown; /* a progress line is on the terminal, to clear first */
static int         usage_printed;
static const char *progname = "ilokg";

size_t
cli_errors(void)
{
    return n_errors_printed;
}

int
cli_quiet(void)
{
    return opt_quiet;
}

void
cli_progress_shown(int shown)
{
    progress_shown = shown;
}

/* Writes s up to stop (NULL: its end) with what a terminal would act on escaped: C0 and C1
 * controls and DEL as \xNN or \u00NN, bytes that are not UTF-8 as \xNN (a document or an
 * endpoint must not move the cursor or recolour the screen through a message). Tabs are kept
 * when keep_tab. With blank, writes instead what lines a caret up under that text: tabs as tabs,
 * everything else as spaces as wide as it was written. */
static void
put_escaped(FILE *fp, const char *s, const char *stop, int keep_tab, int blank)
{
    for (const unsigned char *p = (const unsigned char *)s; *p && (const char *)p != stop; p++) {
        char   esc[8] = "";
        size_t n      = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC2 ? 2 : 0;
        size_t k      = 1;
        while (k < n && (p[k] & 0xC0) == 0x80) {
            k++;
        }
        if (n > 1 && k == n && !(p[0] == 0xC2 && p[1] < 0xA0)) {
            blank ? (void)fputc(' ', fp) : (void)fwrite(p, 1, n, fp);
            p += n - 1;
            continue;
        }
        if (n == 2 && k == 2) {
            snprintf(esc, sizeof esc, "\\u%04X", p[1]); /* a C1 control, U+0080..U+009F */
            p++;
        } else if ((*p < 0x20 && !(*p == '\t' && keep_tab)) || *p >= 0x7F) {
            snprintf(esc, sizeof esc, "\\x%02X", *p);
        }
        if (!*esc) {
            fputc(blank && *p != '\t' ? ' ' : *p, fp);
        } else if (blank) {
            fprintf(fp, "%*s", (int)strlen(esc), "");
        } else {
            fputs(esc, fp);
        }
    }
}

static void
print_message(const ilokg_message *m, void *payload)
{
    (void)payload;
    if (m->level != ILOKG_LEVEL_ERROR && opt_quiet) {
        return;
    }
    const char *lvl = m->level == ILOKG_LEVEL_ERROR     ? "error"
                      : m->level == ILOKG_LEVEL_WARNING ? "warning"
                                                        : "note";
    if (m->level == ILOKG_LEVEL_ERROR) {
        n_errors_printed++;
    }
    if (progress_shown) {
        fputs("\r\033[K", stderr);
        progress_shown = 0;
    }
    put_escaped(stderr, m->file ? m->file : progname, NULL, 0, 0);
    if (m->file && m->line && m->col) {
        fprintf(stderr, ":%zu:%zu", m->line, m->col);
    } else if (m->file && m->line) {
        fprintf(stderr, ":%zu", m->line);
    }
    fprintf(stderr, ": %s: ", lvl);
    put_escaped(stderr, m->text, NULL, 0, 0);
    if (m->offset != SIZE_MAX) {
        fprintf(stderr, " (byte %zu)", m->offset);
    }
    fputc('\n', stderr);
    if (m->excerpt) {
        /* The caret sits under the column; tabs are kept so it lines up in a terminal. */
        const char *stop = m->excerpt;
        for (size_t col = 1; *stop && col < m->excerpt_col; col++) {
            do {
                stop++;
            } while (((unsigned char)*stop & 0xC0) == 0x80);
        }
        fputc(' ', stderr);
        put_escaped(stderr, m->excerpt, NULL, 1, 0);
        fputs("\n ", stderr);
        put_escaped(stderr, m->excerpt, stop, 1, 1);
        fputs("^\n", stderr);
    }
}

/* The data directory beside the tool (ILOKG_DATA_DIR_FROM_BINDIR, relative to the directory the
 * executable is in), when it exists: an installation moved with `cmake --install --prefix DIR`
 * and the build tree (which mirrors the installed layout) each find their own data, not the
 * compiled-in default's. NULL when there is none; --data-dir and ILOKG_DATA_DIR still win. */
static const char *
data_dir_beside_tool(void)
{
#ifdef ILOKG_DATA_DIR_FROM_BINDIR
    static char dir[4096];
    char        exe[4096];
    ssize_t     n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= sizeof exe - 1) {
        return NULL;
    }
    exe[n]      = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) {
        return NULL;
    }
    *slash  = '\0';
    int len = snprintf(dir, sizeof dir, "%s/%s", exe, ILOKG_DATA_DIR_FROM_BINDIR);
    if (len < 0 || (size_t)len >= sizeof dir || access(dir, R_OK | X_OK) != 0) {
        return NULL;
    }
    return dir;
#else
    return NULL;
#endif
}

ilokg_status
cli_world(ilokg_world **out)
{
    const char *data_dir = opt_data_dir;
    const char *env      = getenv("ILOKG_DATA_DIR");
    if ((!data_dir || !*data_dir) && (!env || !*env)) {
        data_dir = data_dir_beside_tool();
    }
    ilokg_status st = ilokg_world_new(out, data_dir, print_message, NULL);
    if (st) {
        fprintf(stderr, "%s: error: %s\n", progname, ilokg_strerror(st));
    }
    return st;
}

int
cli_exit(ilokg_status st)
{
    /* A failure nobody reported (memory exhausted deep in a library) still gets a word. */
    if (st && !n_errors_printed && !usage_printed) {
        fprintf(stderr, "%s: error: %s\n", progname, ilokg_strerror(st));
    }
    switch (st) {
    case ILOKG_OK:
        return CLI_EXIT_OK;
    case ILOKG_ERR_USAGE:
        return CLI_EXIT_USAGE;
    default:
        return CLI_EXIT_INPUT;
    }
}

int
cli_run_corpus(const cli_command *cmd, int argc, char **argv, int first, int allow_outside,
               cli_corpus_job job, void *payload)
{
    if (first < 0) {
        return first == -2 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    }
    if (first >= argc) {
        return cli_usage_error(cmd, "no input: give a directory with a MANIFEST.tsv or files");
    }
    ilokg_world  *w = NULL;
    ilokg_corpus *c = NULL;
    ilokg_status  st;
    if (!(st = cli_world(&w)) && (ilokg_world_allow_outside(w, allow_outside), 1) &&
        !(st = ilokg_corpus_read(&c, w, (const char *const *)argv + first,
                                 (size_t)(argc - first)))) {
        st = job(c, payload);
    }
    ilokg_corpus_free(c);
    ilokg_world_free(w);
    return cli_exit(st);
}

static void
print_options(FILE *fp, const cli_option *opts)
{
    for (const cli_option *o = opts; o->name; o++) {
        char left[64];
        if (o->key > 0 && o->key < 256) {
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->key, o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        } else {
            snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        }
        fprintf(fp, "  %-28s %s\n", left, o->help);
    }
}

static void
command_help(const cli_command *cmd, FILE *fp)
{
    fprintf(fp, "Usage: %s %s [OPTIONS] %s\n%s\n\nOptions:\n", progname, cmd->name, cmd->synopsis,
            cmd->summary);
    print_options(fp, cmd->options);
    print_options(fp, common_options);
    fprintf(fp, "\nSee ilokg(1) for details.\n");
}

int
cli_push(const char ***arr, size_t *n, const char *s)
{
    const char **p = realloc((void *)*arr, (*n + 1) * sizeof *p);
    if (!p) {
        return 1;
    }
    p[(*n)++] = s;
    *arr      = p;
    return 0;
}

int
cli_data_format(const cli_command *cmd, const char *arg, const char **out)
{
    ilokg_format f;
    if (ilokg_format_parse(&f, arg)) {
        cli_usage_error(cmd, "unknown RDF format '%s'", arg);
        return 1;
    }
    *out = arg;
    return 0;
}

int
cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    usage_printed = 1;
    fprintf(stderr, "%s: ", progname);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fprintf(stderr, "Try '%s %s --help' for more information.\n", progname, cmd->name);
    return CLI_EXIT_USAGE;
}

static size_t
count_options(const cli_option *opts)
{
    size_t n = 0;
    while (opts[n].name) {
        n++;
    }
    return n;
}

static void
fill_options(struct option *lo, char *shorts, size_t *ns, const cli_option *opts)
{
    for (; opts->name; opts++, lo++) {
        lo->name    = opts->name;
        lo->has_arg = opts->arg ? required_argument : no_argument;
        lo->flag    = NULL;
        lo->val     = opts->key;
        if (opts->key > 0 && opts->key < 256) {
            shorts[(*ns)++] = (char)opts->key;
            if (opts->arg) {
                shorts[(*ns)++] = ':';
            }
        }
    }
}

int
cli_parse(const cli_command *cmd, int argc, char **argv, cli_handler fn, void *payload)
{
    size_t         n1 = count_options(cmd->options), n2 = count_options(common_options);
    struct option *lo     = calloc(n1 + n2 + 1, sizeof *lo);
    char          *shorts = calloc(2 * (n1 + n2) + 3, 1);
    size_t         ns     = 0;
    int            result = 0;
    if (!lo || !shorts) {
        free(lo);
        free(shorts);
        fprintf(stderr, "%s: error: out of memory\n", progname);
        return -1;
    }
    /* No '+': options may follow operands (`convert FILE -o out.ttl`), as with git, rapper and
     * riot; `--` ends the options. */
    shorts[ns++] = ':';
    fill_options(lo, shorts, &ns, cmd->options);
    fill_options(lo + n1, shorts, &ns, common_options);
    optind = 1;
    opterr = 0;
    for (;;) {
        int c = getopt_long(argc, argv, shorts, lo, NULL);
        if (c == -1) {
            result = optind;
            break;
        }
        if (c == '?' || c == ':') {
            const char *what =
                optopt && optopt < 256 ? (char[]){'-', (char)optopt, 0} : argv[optind - 1];
            cli_usage_error(cmd, c == ':' ? "option '%s' needs an argument" : "unknown option '%s'",
                            what);
            result = -1;
            break;
        }
        if (c == 'h') {
            command_help(cmd, stdout);
            result = -2;
            break;
        }
        if (c == CLI_OPT_DATA_DIR) {
            opt_data_dir = optarg;
            continue;
        }
        if (c == CLI_OPT_QUIET) {
            opt_quiet = 1;
            continue;
        }
        if (fn(c, optarg, payload)) {
            result = -1;
            break;
        }
    }
    free(lo);
    free(shorts);
    return result;
}

static void
main_help(FILE *fp)
{
    fprintf(
        fp,
        "Usage: %s COMMAND [OPTIONS] [ARGS]\n"
        "Turns ILO and European Commission policy documents into linked data and queries it.\n\n"
        "Commands:\n",
        progname);
    for (size_t i = 0; i < N_COMMANDS; i++) {
        fprintf(fp, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    }
    fprintf(fp,
            "\nOptions:\n  -h, --help     show this help and exit\n"
            "  -V, --version  show the version and exit\n\n"
            "Run '%s COMMAND --help' for a command's options; see ilokg(1).\n",
            progname);
}

/* Edit distance between a and b (both short: command names), for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[32];
    if (la >= 32 || lb >= 32) {
        return SIZE_MAX;
    }
    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0]      = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up   = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            best        = row[j] + 1 < best ? row[j] + 1 : best;
            best        = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            row[j]      = best;
            diag        = up;
        }
    }
    return row[lb];
}

/* The command a mistyped or shortened verb most likely meant, or NULL. */
static const cli_command *
closest_command(const char *verb)
{
    const cli_command *best   = NULL;
    size_t             best_d = 3;
    for (size_t i = 0; i < N_COMMANDS; i++) {
        size_t d = !strncmp(commands[i]->name, verb, strlen(verb)) && *verb
                       ? 0
                       : distance(verb, commands[i]->name);
        if (d < best_d) {
            best   = commands[i];
            best_d = d;
        }
    }
    return best;
}

/* Dies of sig as it would have, without the temporary files of an unfinished output. */
static void
on_fatal_signal(int sig)
{
    ilokg_io_remove_temporaries();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void
install_signal_handlers(void)
{
    static const int fatal[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        sigaddset(&sa.sa_mask, fatal[i]);
    }
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction old;
        /* A signal ignored by whoever started us (nohup) stays ignored. */
        if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) {
            sigaction(fatal[i], &sa, NULL);
        }
    }
    /* Past a file-size limit (ulimit -f) a write fails with EFBIG instead of killing the process,
     * so the output's error path removes its temporary file and says why. */
    signal(SIGXFSZ, SIG_IGN);
}

int
main(int argc, char **argv)
{
    /* Messages are written a character at a time (put_escaped): line buffering makes each line
     * one write instead of one per character (66,926 warnings took 7 s of system time). */
    setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
#if defined(__GLIBC__)
    /* Each document is read into buffers of a few MB that are freed before the next: above
     * glibc's default threshold (128 kB, raised only as mmapped blocks are freed) each is a
     * fresh mapping whose pages fault in zeroed, one by one, every document: 20 % of the CPU
     * time of `convert`. Serving them from the heap, and keeping freed memory there, reuses the
     * same pages (bench/convert: ×200 to N-Triples 21.1 → 17.0 CPU s, peak memory unchanged). */
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
    if (argc < 2) {
        main_help(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *verb = argv[1];
    if (!strcmp(verb, "-h") || !strcmp(verb, "--help") || (!strcmp(verb, "help") && argc == 2)) {
        main_help(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(verb, "-V") || !strcmp(verb, "--version")) {
        printf("ilokg %s\n", ilokg_version());
        return CLI_EXIT_OK;
    }
    if (!strcmp(verb, "help") && argc > 2) {
        /* `ilokg help convert` is `ilokg convert --help`. */
        static char help[] = "--help";
        argv[1]            = argv[2];
        argv[2]            = help;
        argc               = 3;
        verb               = argv[1];
    }
    install_signal_handlers();
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (!strcmp(verb, commands[i]->name)) {
            return commands[i]->run(commands[i], argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "%s: unknown %s '", progname, verb[0] == '-' ? "option" : "command");
    put_escaped(stderr, verb, NULL, 0, 0);
    fputs("'\n", stderr);
    const cli_command *near = verb[0] == '-' ? NULL : closest_command(verb);
    if (near) {
        fprintf(stderr, "Did you mean '%s %s'?\n", progname, near->name);
    }
    fprintf(stderr, "Try '%s --help' for the list of commands.\n", progname);
    return CLI_EXIT_USAGE;
}
