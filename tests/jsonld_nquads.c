/* SPDX-License-Identifier: Apache-2.0 */
/* Prints the statements the JSON-LD reader gives for a file as N-Quads, for comparison with
 * another JSON-LD processor (tests/check_jsonld_read.py).
 *
 *     jsonld_nquads FILE [BASE]          exit 0, or 1 with the reader's message on stderr */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/jsonld_read.h"
#include "util/turtle.h"

/* The library's one Turtle/N-Triples string escaper, so the comparison reads what it writes. */
static void
put_string(const char *s, size_t len)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    if (ilokg_turtle_string(&b, s, len)) {
        fputs("\"\"", stdout); /* out of memory: the comparison then fails */
    } else {
        fwrite(b.ptr, 1, b.len, stdout);
    }
    ilokg_buf_free(&b);
}

static void
put_term(const ilokg_qterm *t)
{
    if (t->kind == ILOKG_QT_IRI) {
        printf("<%s>", t->lex);
    } else if (t->kind == ILOKG_QT_BLANK) {
        printf("_:%s", t->lex);
    } else {
        put_string(t->lex, t->lex_len);
        if (t->lang) {
            printf("@%s", t->lang);
        } else if (t->dt) {
            printf("^^<%s>", t->dt);
        }
    }
}

static ilokg_status
print_quad(void *user, const ilokg_qterm *s, const ilokg_qterm *p, const ilokg_qterm *o,
           const ilokg_qterm *g)
{
    (void)user;
    put_term(s);
    putchar(' ');
    put_term(p);
    putchar(' ');
    put_term(o);
    if (g) {
        putchar(' ');
        put_term(g);
    }
    fputs(" .\n", stdout);
    return ILOKG_OK;
}

static void
to_stderr(const ilokg_message *m, void *payload)
{
    (void)payload;
    fprintf(stderr, "%s:%zu:%zu: %s\n", m->file ? m->file : "", m->line, m->col, m->text);
}

int
main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: jsonld_nquads FILE [BASE]\n");
        return 2;
    }
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) {
        perror(argv[1]);
        return 1;
    }
    char  *text = NULL;
    size_t len = 0, cap = 0, got;
    char   chunk[65536];
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (len + got > cap) {
            cap         = 2 * (len + got);
            char *grown = realloc(text, cap);
            if (!grown) {
                free(text);
                fclose(fp);
                return 1;
            }
            text = grown;
        }
        memcpy(text + len, chunk, got);
        len += got;
    }
    fclose(fp);
    ilokg_diag   diag = {to_stderr, NULL, 0, 0};
    ilokg_status st = ilokg_jsonld_read(text ? text : "", len, argv[1], argc == 3 ? argv[2] : NULL,
                                        print_quad, NULL, &diag);
    free(text);
    return st ? 1 : 0;
}
