/* SPDX-License-Identifier: Apache-2.0 */
/* The query engine of src/query/ on its own, with the command line of `ilokg load` and
 * `ilokg query` that bench/run, bench/load and scripts/differential use, for measuring and
 * checking the engine before (or apart from) the tool's own commands:
 *
 *     engine load [--quiet] --store DIR FILE...
 *     engine query [--quiet] [-r json|csv] [-f ntriples] [--timeout S]
 *                  (--store DIR | --data FILE...) (QUERY-FILE | -e TEXT)
 *
 * Build against a build tree (BUILD) of the project:
 *     cc -std=c11 -O2 -Isrc -IBUILD/src bench/engine.c BUILD/src/libilokg_core.a \
 *        $(pkg-config --libs redland raptor2 rasqal lmdb libpcre2-8 nettle libcurl) -lm -o engine
 * Exit status 0, 1 on an error (the message on stderr), 2 on a usage error. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query/algebra.h"
#include "query/eval.h"
#include "query/qstore.h"
#include "query/run.h"
#include "source.h"
#include "status.h"

typedef struct {
    const char  *store, *results, *text, *file;
    const char **data;
    size_t       n_data;
    double       timeout;
    int          quiet;
} engine_args;

static void
print_message(const ilokg_message *m, void *payload)
{
    const int *quiet = payload;
    if (m->level != ILOKG_LEVEL_ERROR && *quiet)
        return;
    if (m->file)
        fprintf(stderr, "%s:%zu:%zu: %s\n", m->file, m->line, m->col, m->text);
    else
        fprintf(stderr, "engine: %s\n", m->text);
}

static void
put_escaped(FILE *fp, const char *s, size_t len, int json)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", fp);
        else if (c == '\r')
            fputs("\\r", fp);
        else if (c == '\t')
            fputs("\\t", fp);
        else if (c < 0x20)
            fprintf(fp, json ? "\\u%04x" : "\\u%04X", c);
        else
            fputc(c, fp);
    }
}

static void
put_json_term(FILE *fp, const ilokg_qterm *t, ilokg_id id)
{
    if (t->kind == ILOKG_QT_IRI) {
        fputs("{\"type\":\"uri\",\"value\":\"", fp);
        put_escaped(fp, t->lex, t->lex_len, 1);
        fputs("\"}", fp);
    } else if (t->kind == ILOKG_QT_BLANK) {
        fprintf(fp, "{\"type\":\"bnode\",\"value\":\"b%lu\"}", (unsigned long)id);
    } else {
        fputs("{\"type\":\"literal\",\"value\":\"", fp);
        put_escaped(fp, t->lex, t->lex_len, 1);
        fputc('"', fp);
        if (t->lang)
            fprintf(fp, ",\"xml:lang\":\"%s\"", t->lang);
        else if (t->dt)
            fprintf(fp, ",\"datatype\":\"%s\"", t->dt);
        fputc('}', fp);
    }
}

static void
put_nt_term(FILE *fp, const ilokg_qterm *t, ilokg_id id)
{
    if (t->kind == ILOKG_QT_IRI) {
        fprintf(fp, "<%.*s>", (int)t->lex_len, t->lex);
    } else if (t->kind == ILOKG_QT_BLANK) {
        fprintf(fp, "_:b%lu", (unsigned long)id);
    } else {
        fputc('"', fp);
        put_escaped(fp, t->lex, t->lex_len, 0);
        fputc('"', fp);
        if (t->lang)
            fprintf(fp, "@%s", t->lang);
        else if (t->dt)
            fprintf(fp, "^^<%s>", t->dt);
    }
}

static void
put_csv_term(FILE *fp, const ilokg_qterm *t, ilokg_id id)
{
    if (t->kind == ILOKG_QT_BLANK) {
        fprintf(fp, "_:b%lu", (unsigned long)id);
        return;
    }
    if (!memchr(t->lex, '"', t->lex_len) && !memchr(t->lex, ',', t->lex_len) &&
        !memchr(t->lex, '\n', t->lex_len) && !memchr(t->lex, '\r', t->lex_len)) {
        fwrite(t->lex, 1, t->lex_len, fp);
        return;
    }
    fputc('"', fp);
    for (size_t i = 0; i < t->lex_len; i++) {
        if (t->lex[i] == '"')
            fputc('"', fp);
        fputc(t->lex[i], fp);
    }
    fputc('"', fp);
}

static ilokg_status
write_select(FILE *fp, const ilokg_answer *a, const ilokg_sparql *q, int csv)
{
    size_t nc = ilokg_answer_cols(a), nr = ilokg_answer_rows(a);
    if (csv) {
        for (size_t c = 0; c < nc; c++)
            fprintf(fp, "%s%s", c ? "," : "", q->var_names[q->result_vars[c]]);
        fputs("\r\n", fp);
    } else {
        fputs("{\"head\":{\"vars\":[", fp);
        for (size_t c = 0; c < nc; c++)
            fprintf(fp, "%s\"%s\"", c ? "," : "", q->var_names[q->result_vars[c]]);
        fputs("]},\"results\":{\"bindings\":[\n", fp);
    }
    for (size_t r = 0; r < nr; r++) {
        const ilokg_id *row = ilokg_answer_row(a, r);
        int             first = 1;
        if (!csv)
            fputs(r ? ",{" : "{", fp);
        for (size_t c = 0; c < nc; c++) {
            ilokg_qterm  t;
            ilokg_status st;
            if (csv && c)
                fputc(',', fp);
            if (row[c] == ILOKG_ID_NONE)
                continue;
            if ((st = ilokg_answer_term(a, row[c], &t)))
                return st;
            if (csv) {
                put_csv_term(fp, &t, row[c]);
                continue;
            }
            fprintf(fp, "%s\"%s\":", first ? "" : ",", q->var_names[q->result_vars[c]]);
            put_json_term(fp, &t, row[c]);
            first = 0;
        }
        fputs(csv ? "\r\n" : "}\n", fp);
    }
    if (!csv)
        fputs("]}}\n", fp);
    return ILOKG_OK;
}

static ilokg_status
write_answer(FILE *fp, const ilokg_answer *a, const ilokg_sparql *q, int csv)
{
    if (q->form == ILOKG_FORM_SELECT)
        return write_select(fp, a, q, csv);
    if (q->form == ILOKG_FORM_ASK) {
        if (csv)
            fprintf(fp, "_askResult\r\n%s\r\n", ilokg_answer_boolean(a) ? "true" : "false");
        else
            fprintf(fp, "{\"head\":{},\"boolean\":%s}\n", ilokg_answer_boolean(a) ? "true" : "false");
        return ILOKG_OK;
    }
    size_t            n;
    const ilokg_quad *tr = ilokg_answer_triples(a, &n);
    for (size_t i = 0; i < n; i++) {
        ilokg_id     ids[3] = {tr[i].s, tr[i].p, tr[i].o};
        ilokg_status st;
        for (int k = 0; k < 3; k++) {
            ilokg_qterm t;
            if ((st = ilokg_answer_term(a, ids[k], &t)))
                return st;
            put_nt_term(fp, &t, ids[k]);
            fputc(' ', fp);
        }
        fputs(".\n", fp);
    }
    return ILOKG_OK;
}

static ilokg_status
load_mem(ilokg_qstore **out, const engine_args *ea, ilokg_diag *diag)
{
    ilokg_qstore *st = NULL;
    ilokg_status  s  = ilokg_qstore_mem_new(&st);
    for (size_t i = 0; !s && i < ea->n_data; i++)
        s = ilokg_qstore_mem_load(st, ea->data[i], NULL, NULL, NULL, diag, NULL);
    if (!s && !(s = ilokg_qstore_mem_add_union(st)) && !(s = ilokg_qstore_mem_freeze(st))) {
        *out = st;
        st   = NULL;
    }
    ilokg_qstore_free(st);
    return s;
}

static ilokg_status
run_query(const engine_args *ea, ilokg_diag *diag)
{
    ilokg_qstore *st  = NULL;
    ilokg_source *src = NULL;
    ilokg_sparql *q   = NULL;
    ilokg_answer *a   = NULL;
    size_t        np  = 0;
    const char *const (*pairs)[2] = ilokg_query_prefixes(&np);
    ilokg_status         s  = ILOKG_OK;
    ilokg_sparql_options po = {pairs, np, NULL};
    ilokg_eval_options   eo = ILOKG_EVAL_OPTIONS_INIT;
    if (!s)
        s = ea->text ? ilokg_source_from_bytes(&src, "-e", ea->text, strlen(ea->text), diag)
                     : ilokg_source_load(&src, ea->file, diag);
    if (!s)
        s = ilokg_sparql_parse(&q, src, &po, diag);
    if (!s)
        s = ea->store ? ilokg_qstore_disk_open(&st, ea->store, diag) : load_mem(&st, ea, diag);
    if (!s && ea->timeout > 0) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        eo.deadline = (double)now.tv_sec + now.tv_nsec / 1e9 + ea->timeout;
    }
    if (!s)
        s = ilokg_eval(&a, st, q, &eo, diag);
    if (!s)
        s = write_answer(stdout, a, q, ea->results && !strcmp(ea->results, "csv"));
    ilokg_answer_free(a);
    ilokg_qstore_free(st);
    ilokg_sparql_free(q);
    ilokg_source_free(src);
    return s;
}

static ilokg_status
run_load(const engine_args *ea, ilokg_diag *diag)
{
    ilokg_qstore *st = NULL;
    ilokg_status  s  = load_mem(&st, ea, diag);
    if (!s)
        s = ilokg_qstore_disk_write(st, ea->store, diag);
    ilokg_qstore_free(st);
    return s;
}

static int
parse_args(engine_args *ea, int argc, char **argv)
{
    for (int i = 2; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--quiet")) {
            ea->quiet = 1;
            continue;
        }
        if (o[0] != '-' || !strcmp(o, "-")) {
            if (!strcmp(argv[1], "load"))
                ea->data[ea->n_data++] = o;
            else
                ea->file = o;
            continue;
        }
        if (!v)
            return 0;
        i++;
        if (!strcmp(o, "--store"))
            ea->store = v;
        else if (!strcmp(o, "--data"))
            ea->data[ea->n_data++] = v;
        else if (!strcmp(o, "-r") || !strcmp(o, "--results"))
            ea->results = v;
        else if (!strcmp(o, "-e"))
            ea->text = v;
        else if (!strcmp(o, "--timeout"))
            ea->timeout = atof(v);
        else if (strcmp(o, "-f") && strcmp(o, "--format"))
            return 0;
    }
    return 1;
}

int
main(int argc, char **argv)
{
    engine_args ea = {0};
    ea.data        = calloc((size_t)argc + 1, sizeof *ea.data);
    if (!ea.data || argc < 2 || !parse_args(&ea, argc, argv) ||
        (strcmp(argv[1], "query") && strcmp(argv[1], "load")) ||
        (!strcmp(argv[1], "load") && (!ea.store || !ea.n_data)) ||
        (!strcmp(argv[1], "query") && ((!ea.file && !ea.text) || (!ea.store && !ea.n_data)))) {
        fputs("usage: engine load --store DIR FILE... | engine query (--store DIR | --data FILE...) "
              "[-r json|csv] [--timeout S] (FILE | -e TEXT)\n",
              stderr);
        free(ea.data);
        return 2;
    }
    ilokg_diag   diag = {print_message, &ea.quiet, 0, 0};
    ilokg_status s    = !strcmp(argv[1], "load") ? run_load(&ea, &diag) : run_query(&ea, &diag);
    if (s && !diag.n_errors)
        fprintf(stderr, "engine: %s\n", ilokg_strerror(s));
    free(ea.data);
    return s ? 1 : 0;
}
