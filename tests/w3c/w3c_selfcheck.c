/* SPDX-License-Identifier: Apache-2.0 */
/* Checks of the harness itself, without the engine: every expected result is read, compares
 * equal to itself shuffled with its blank nodes renamed, unequal with one term changed, and
 * survives a trip through ilokg's results writers. Also the writer round trip the result-format
 * tests use. */
#include "w3c_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/results.h"

static ilokg_status
write_result(FILE *fp, const w3c_result *r, ilokg_results_format format)
{
    if (r->kind == W3C_BOOLEAN) {
        return ilokg_results_boolean(format, fp, r->boolean);
    }
    ilokg_results_writer *w   = NULL;
    ilokg_term           *row = calloc(r->n_vars + 1, sizeof *row);
    ilokg_status          st =
        row ? ilokg_results_begin(&w, format, fp, (const char *const *)r->vars, r->n_vars)
                     : ILOKG_ERR_NOMEM;
    for (size_t i = 0; i < r->n_rows && !st; i++) {
        for (size_t c = 0; c < r->n_vars; c++) {
            const ilokg_qterm           *q       = &r->cells[i * r->n_vars + c];
            static const ilokg_term_kind kinds[] = {ILOKG_TERM_UNBOUND, ILOKG_TERM_IRI,
                                                    ILOKG_TERM_BLANK, ILOKG_TERM_LITERAL};
            row[c] = (ilokg_term){kinds[q->kind], q->lex, q->lang, q->dt};
        }
        st = ilokg_results_row(w, row);
    }
    if (!st) {
        st = ilokg_results_end(w);
    }
    ilokg_results_free(w);
    free(row);
    return st;
}

ilokg_status
w3c_roundtrip(w3c_result *r, int format, char **err)
{
    char        *text = NULL;
    size_t       len  = 0;
    FILE        *fp   = open_memstream(&text, &len);
    w3c_result   back = W3C_RESULT_INIT;
    ilokg_status st   = fp ? write_result(fp, r, (ilokg_results_format)format) : ILOKG_ERR_NOMEM;
    if (fp) {
        fclose(fp);
    }
    if (st) {
        *err = strdup("the writer failed");
    } else if (format == ILOKG_RESULTS_CSV) {
        st = w3c_csv_read(&back, text, len, err);
    } else if (format == ILOKG_RESULTS_TSV) {
        st = w3c_tsv_read(&back, text, len, err);
    } else if (format == ILOKG_RESULTS_JSON) {
        st = w3c_srj_read(&back, text, len, err);
    } else {
        char  path[] = "/tmp/w3c-srx-XXXXXX";
        int   fd     = mkstemp(path);
        FILE *out    = fd >= 0 ? fdopen(fd, "wb") : NULL;
        st           = out && fwrite(text, 1, len, out) == len ? ILOKG_OK : ILOKG_ERR_IO;
        if (out) {
            fclose(out);
        }
        st = st ? st : w3c_srx_read(&back, path, "", err);
        if (fd >= 0) {
            remove(path);
        }
    }
    if (!st && r->kind == W3C_BOOLEAN && format != ILOKG_RESULTS_JSON &&
        format != ILOKG_RESULTS_XML) {
        /* CSV and TSV booleans are a one-cell table (_askResult); read them back as booleans. */
        int value = back.n_rows == 1 && back.n_vars == 1 && back.cells[0].kind &&
                    strcmp(back.cells[0].lex, "true") == 0;
        w3c_result_clear(&back);
        back.kind    = W3C_BOOLEAN;
        back.boolean = value;
    }
    free(text);
    if (!st) {
        w3c_result_clear(r);
        *r = back;
    } else {
        w3c_result_clear(&back);
    }
    return st;
}

/* Solutions' columns come in reverse order (a graph's s, p, o stay in place). */
static size_t
col(const w3c_result *r, size_t v)
{
    return r->kind == W3C_GRAPH ? v : r->n_vars - 1 - v;
}

/* A copy of r: rows in another order (unless order counts), blank nodes relabelled. */
static ilokg_status
disguise(w3c_result *out, const w3c_result *r, int keep_order)
{
    ilokg_status st = ILOKG_OK;
    ilokg_buf    b  = ILOKG_BUF_INIT;
    *out            = (w3c_result)W3C_RESULT_INIT;
    out->kind       = r->kind;
    out->boolean    = r->boolean;
    for (size_t v = 0; v < r->n_vars && !st; v++) {
        st = w3c_result_add_var(out, r->vars[col(r, v)]);
    }
    for (size_t i = 0; i < r->n_rows && !st; i++) {
        size_t       src = keep_order ? i : (i * 7 + 3) % r->n_rows;
        ilokg_qterm *row;
        if (!keep_order && r->n_rows % 7 == 0) {
            src = r->n_rows - 1 - i;
        }
        st = w3c_result_add_row(out, &row);
        for (size_t v = 0; v < r->n_vars && !st; v++) {
            ilokg_qterm t = r->cells[src * r->n_vars + col(r, v)];
            if (t.kind == ILOKG_QT_BLANK) {
                b.len     = 0;
                st        = ilokg_buf_printf(&b, "z%.*sq", (int)t.lex_len, t.lex);
                t.lex     = b.ptr;
                t.lex_len = b.len;
            }
            st = st ? st : w3c_result_set(out, &row[v], &t);
        }
    }
    ilokg_buf_free(&b);
    return st;
}

/* A copy of r with one thing different: the first bound term, or a row fewer (or more). */
static ilokg_status
alter(w3c_result *out, const w3c_result *r)
{
    ilokg_status st = disguise(out, r, 1);
    if (st || out->kind == W3C_BOOLEAN) {
        out->boolean = !r->boolean;
        return st;
    }
    for (size_t i = 0; i < out->n_rows * out->n_vars; i++) {
        ilokg_qterm *c = &out->cells[i];
        if (c->kind) {
            ilokg_qterm t = {c->kind == ILOKG_QT_BLANK ? ILOKG_QT_IRI : c->kind, "urn:x:changed",
                             13, c->lang, c->dt};
            return w3c_result_set(out, c, &t);
        }
    }
    if (out->n_rows) {
        out->n_rows--;
        return ILOKG_OK;
    }
    ilokg_qterm *row;
    return w3c_result_add_row(out, &row);
}

static int
compare_as(const w3c_result *e, const w3c_result *a, int ordered, int want, const char *what,
           ilokg_buf *why)
{
    w3c_order order  = {ordered, NULL, 0, 0};
    ilokg_buf detail = ILOKG_BUF_INIT;
    int       got    = w3c_compare(e, a, &order, &detail);
    if (got != want) {
        (void)ilokg_buf_printf(why, "%s compares %s%s%s", what, got ? "equal" : "unequal",
                               detail.len ? ": " : "", detail.len ? detail.ptr : "");
    }
    ilokg_buf_free(&detail);
    return got == want;
}

int
w3c_self_check(const w3c_test *t, ilokg_buf *why)
{
    w3c_result r = W3C_RESULT_INIT, d = W3C_RESULT_INIT, x = W3C_RESULT_INIT;
    char      *err     = NULL;
    int        ordered = 0, ok = 0;
    if (w3c_result_read(&r, t->result_path, t->result_iri, &ordered, &err)) {
        (void)ilokg_buf_printf(why, "cannot read %s: %s", t->result_path, err ? err : "");
        goto done;
    }
    if (disguise(&d, &r, ordered) || alter(&x, &r)) {
        (void)ilokg_buf_adds(why, "out of memory");
        goto done;
    }
    ok = compare_as(&r, &r, ordered, 1, "the result and itself", why) &&
         compare_as(&r, &d, ordered, 1, "the result shuffled and renamed", why) &&
         compare_as(&r, &x, ordered, 0, "the result with one term changed", why);
    for (int f = ILOKG_RESULTS_TSV; ok && f <= ILOKG_RESULTS_XML && r.kind != W3C_GRAPH; f++) {
        w3c_result back = W3C_RESULT_INIT;
        ok              = !disguise(&back, &r, 1) && !w3c_roundtrip(&back, f, &err) &&
             compare_as(&r, &back, ordered, 1,
                        f == ILOKG_RESULTS_TSV    ? "TSV round trip"
                        : f == ILOKG_RESULTS_JSON ? "JSON round trip"
                                                  : "XML round trip",
                        why);
        if (!ok && err && !why->len) {
            (void)ilokg_buf_printf(why, "round trip: %s", err);
        }
        w3c_result_clear(&back);
    }
done:
    free(err);
    w3c_result_clear(&r);
    w3c_result_clear(&d);
    w3c_result_clear(&x);
    return ok;
}
