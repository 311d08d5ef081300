/* SPDX-License-Identifier: Apache-2.0 */
/* Result tables of the W3C harness: building them, writing their terms, whole-file reads. */
#include "w3c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/turtle.h"

void
w3c_result_clear(w3c_result *r)
{
    for (size_t i = 0; i < r->n_pool; i++) {
        free(r->pool[i]);
    }
    free(r->pool);
    free(r->vars);
    free(r->cells);
    *r = (w3c_result)W3C_RESULT_INIT;
}

char *
w3c_result_str(w3c_result *r, const char *s, size_t len)
{
    if (r->n_pool == r->cap_pool) {
        size_t cap = r->cap_pool ? 2 * r->cap_pool : 64;
        char **p   = realloc(r->pool, cap * sizeof *p);
        if (!p) {
            return NULL;
        }
        r->pool     = p;
        r->cap_pool = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        return NULL;
    }
    if (len) {
        memcpy(copy, s, len);
    }
    copy[len]            = '\0';
    r->pool[r->n_pool++] = copy;
    return copy;
}

ilokg_status
w3c_result_add_var(w3c_result *r, const char *name)
{
    if (r->n_rows) {
        return ILOKG_ERR_INTERNAL; /* columns come before rows */
    }
    char **v = realloc(r->vars, (r->n_vars + 1) * sizeof *v);
    if (!v) {
        return ILOKG_ERR_NOMEM;
    }
    r->vars = v;
    if (!(v[r->n_vars] = w3c_result_str(r, name, strlen(name)))) {
        return ILOKG_ERR_NOMEM;
    }
    r->n_vars++;
    return ILOKG_OK;
}

long
w3c_result_var_index(const w3c_result *r, const char *name)
{
    for (size_t i = 0; i < r->n_vars; i++) {
        if (strcmp(r->vars[i], name) == 0) {
            return (long)i;
        }
    }
    return -1;
}

ilokg_status
w3c_result_add_row(w3c_result *r, ilokg_qterm **row)
{
    if (r->n_rows == r->cap_rows) {
        size_t       cap = r->cap_rows ? 2 * r->cap_rows : 16;
        ilokg_qterm *c   = realloc(r->cells, cap * (r->n_vars ? r->n_vars : 1) * sizeof *c);
        if (!c) {
            return ILOKG_ERR_NOMEM;
        }
        r->cells    = c;
        r->cap_rows = cap;
    }
    ilokg_qterm *p = r->cells + r->n_rows * r->n_vars;
    memset(p, 0, r->n_vars * sizeof *p);
    r->n_rows++;
    *row = p;
    return ILOKG_OK;
}

ilokg_status
w3c_result_set(w3c_result *r, ilokg_qterm *cell, const ilokg_qterm *t)
{
    ilokg_qterm c = *t;
    if (!(c.lex = w3c_result_str(r, t->lex ? t->lex : "", t->lex ? t->lex_len : 0)) ||
        (t->lang && !(c.lang = w3c_result_str(r, t->lang, strlen(t->lang)))) ||
        (t->dt && !(c.dt = w3c_result_str(r, t->dt, strlen(t->dt))))) {
        return ILOKG_ERR_NOMEM;
    }
    if (c.lang && !*c.lang) {
        c.lang = NULL;
    }
    if (c.kind == ILOKG_QT_LITERAL) {
        ilokg_qterm_normalize(&c);
    } else {
        c.lang = c.dt = NULL;
    }
    *cell = c;
    return ILOKG_OK;
}

ilokg_status
w3c_term_write(ilokg_buf *b, const ilokg_qterm *t)
{
    switch (t->kind) {
    case ILOKG_QT_IRI:
        return ilokg_buf_printf(b, "<%.*s>", (int)t->lex_len, t->lex);
    case ILOKG_QT_BLANK:
        return ilokg_buf_printf(b, "_:%.*s", (int)t->lex_len, t->lex);
    case ILOKG_QT_LITERAL:
        break;
    default:
        return ilokg_buf_adds(b, "UNDEF");
    }
    ilokg_status st = ilokg_turtle_string(b, t->lex, t->lex_len);
    if (!st && t->lang) {
        st = ilokg_buf_printf(b, "@%s", t->lang);
    } else if (!st && t->dt) {
        st = ilokg_buf_printf(b, "^^<%s>", t->dt);
    }
    return st;
}

void
w3c_result_print(FILE *fp, const w3c_result *r, const char *title, size_t max_rows)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    if (r->kind == W3C_BOOLEAN) {
        fprintf(fp, "    %s: %s\n", title, r->boolean ? "true" : "false");
        return;
    }
    fprintf(fp, "    %s: %zu %s\n", title, r->n_rows, r->kind == W3C_GRAPH ? "triples" : "rows");
    if (r->kind == W3C_SOLUTIONS) {
        fprintf(fp, "     ");
        for (size_t v = 0; v < r->n_vars; v++) {
            fprintf(fp, " ?%s", r->vars[v]);
        }
        fprintf(fp, "\n");
    }
    for (size_t i = 0; i < r->n_rows && i < max_rows; i++) {
        b.len = 0;
        if (b.ptr) {
            b.ptr[0] = '\0';
        }
        for (size_t v = 0; v < r->n_vars; v++) {
            (void)ilokg_buf_addc(&b, ' ');
            (void)w3c_term_write(&b, &r->cells[i * r->n_vars + v]);
        }
        fprintf(fp, "     %s\n", b.ptr ? b.ptr : "");
    }
    if (r->n_rows > max_rows) {
        fprintf(fp, "      ... %zu more\n", r->n_rows - max_rows);
    }
    free(b.ptr);
}

ilokg_status
w3c_file_read(char **out, size_t *len, const char *path)
{
    ilokg_status st  = ILOKG_ERR_IO;
    char        *buf = NULL;
    FILE        *fp  = fopen(path, "rb");
    long         n   = -1;
    if (fp && fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (!buf) {
            st = ILOKG_ERR_NOMEM;
        } else if (fread(buf, 1, (size_t)n, fp) == (size_t)n) {
            buf[n] = '\0';
            *out   = buf;
            *len   = (size_t)n;
            buf    = NULL;
            st     = ILOKG_OK;
        }
    }
    if (fp) {
        fclose(fp);
    }
    free(buf);
    return st;
}

char *
w3c_path_to_iri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    char             *real  = realpath(path, NULL);
    ilokg_buf         b     = ILOKG_BUF_INIT;
    if (!real) {
        return NULL;
    }
    (void)ilokg_buf_adds(&b, "file://");
    for (const char *p = real; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("/-._~", c)) {
            (void)ilokg_buf_addc(&b, (char)c);
        } else {
            (void)ilokg_buf_addc(&b, '%');
            (void)ilokg_buf_addc(&b, hex[c >> 4]);
            (void)ilokg_buf_addc(&b, hex[c & 15]);
        }
    }
    free(real);
    return ilokg_buf_detach(&b);
}

char *
w3c_iri_to_path(const char *iri)
{
    if (strncmp(iri, "file://", 7) == 0) {
        iri += 7;
    } else if (strncmp(iri, "file:", 5) == 0) {
        iri += 5;
    } else {
        return NULL;
    }
    char  *path = malloc(strlen(iri) + 1);
    size_t n    = 0;
    for (const char *p = iri; path && *p; p++) {
        if (*p == '%' && ilokg_hex_value(p[1]) >= 0 && ilokg_hex_value(p[2]) >= 0) {
            path[n++] = (char)(ilokg_hex_value(p[1]) * 16 + ilokg_hex_value(p[2]));
            p += 2;
        } else {
            path[n++] = *p;
        }
    }
    if (path) {
        path[n] = '\0';
    }
    return path;
}

static const char *const integer_types[] = {
    "integer",
    "decimal",
    "nonPositiveInteger",
    "negativeInteger",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "positiveInteger",
};

/* The decimal number s in one spelling: no '+', no leading or trailing zeros, no "-0". */
static ilokg_status
decimal_form(ilokg_buf *b, const char *s, size_t len)
{
    size_t i = 0, end = len;
    int    neg = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        neg = s[i++] == '-';
    }
    while (i < len && s[i] == '0') {
        i++;
    }
    const char *dot = memchr(s + i, '.', len - i);
    if (dot) {
        while (end > (size_t)(dot - s) + 1 && s[end - 1] == '0') {
            end--;
        }
        if (end == (size_t)(dot - s) + 1) {
            end--; /* "6." -> "6" */
        }
    }
    for (size_t k = i; k < end; k++) {
        if (!((s[k] >= '0' && s[k] <= '9') || s[k] == '.')) {
            return ILOKG_ERR_SYNTAX;
        }
    }
    b->len = 0;
    if (end == i || (end - i == 1 && s[i] == '.')) {
        return ilokg_buf_adds(b, "0");
    }
    return ilokg_buf_printf(b, "%s%s%.*s", neg ? "-" : "", s[i] == '.' ? "0" : "", (int)(end - i),
                            s + i);
}

ilokg_status
w3c_result_numbers_by_value(w3c_result *r)
{
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = ILOKG_OK;
    for (size_t i = 0; i < r->n_rows * r->n_vars && !st; i++) {
        ilokg_qterm *c = &r->cells[i];
        if (c->kind != ILOKG_QT_LITERAL || !c->dt || strncmp(c->dt, ILOKG_XSD, 33) != 0) {
            continue;
        }
        const char *local  = c->dt + 33;
        int         is_int = 0;
        for (size_t k = 0; k < sizeof integer_types / sizeof integer_types[0]; k++) {
            is_int |= strcmp(local, integer_types[k]) == 0;
        }
        ilokg_status form = ILOKG_ERR_SYNTAX;
        if (is_int) {
            form = decimal_form(&b, c->lex, c->lex_len);
        } else if (strcmp(local, "double") == 0 || strcmp(local, "float") == 0) {
            char  *stop = NULL;
            double v    = strtod(c->lex, &stop);
            b.len       = 0;
            form =
                stop && !*stop && stop != c->lex
                    ? ilokg_buf_printf(&b, "%.17g", strcmp(local, "float") ? v : (double)(float)v)
                    : ILOKG_ERR_SYNTAX;
        }
        if (form == ILOKG_OK) {
            if (!(c->lex = w3c_result_str(r, b.ptr, b.len))) {
                st = ILOKG_ERR_NOMEM;
            }
            c->lex_len = b.len;
        }
    }
    ilokg_buf_free(&b);
    return st;
}
