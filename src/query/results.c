/* SPDX-License-Identifier: Apache-2.0 */
/* SPARQL results writers: aligned text table, SPARQL 1.1 CSV and TSV, SPARQL JSON and XML. */
#include "query/results.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/json.h"
#include "util/utf8.h"
#include "util/turtle.h"
#include "util/vocab.h"

#define XSD ILOKG_NS_XSD

struct ilokg_results_writer {
    ilokg_results_format format;
    FILE                *fp;
    char               **vars;
    size_t               n_vars;
    size_t               n_rows;
    char               **cells; /* table: n_rows * n_vars rendered cells */
    size_t               cap_cells;
    size_t               max_width; /* table: the terminal's columns, 0 when not a terminal */
    ilokg_status         st;
    ilokg_diag          *diag; /* where a value the format cannot carry is reported, or NULL */
};

static int
is_string_type(const char *dt)
{
    return !dt || !strcmp(dt, XSD "string");
}

/* ---- Terms -------------------------------------------------------------------------------- */

static int
matches_numeric(const char *s, const char *dt)
{
    const char *p = s;
    if (*p == '+' || *p == '-') {
        p++;
    }
    size_t d1 = strspn(p, "0123456789");
    p += d1;
    if (!strcmp(dt, XSD "integer")) {
        return d1 > 0 && !*p;
    }
    if (!strcmp(dt, XSD "decimal")) {
        if (*p != '.') {
            return 0;
        }
        p++;
        size_t d2 = strspn(p, "0123456789");
        return d2 > 0 && !p[d2];
    }
    if (!strcmp(dt, XSD "double")) {
        size_t d2 = 0;
        if (*p == '.') {
            p++;
            d2 = strspn(p, "0123456789");
            p += d2;
        }
        if ((d1 == 0 && d2 == 0) || (*p != 'e' && *p != 'E')) {
            return 0;
        }
        p++;
        if (*p == '+' || *p == '-') {
            p++;
        }
        size_t d3 = strspn(p, "0123456789");
        return d3 > 0 && !p[d3];
    }
    if (!strcmp(dt, XSD "boolean")) {
        return !strcmp(s, "true") || !strcmp(s, "false");
    }
    return 0;
}

/* A term in Turtle/N-Triples syntax (TSV); abbreviate uses predeclared prefixes (table). */
static ilokg_status
add_term_turtle(ilokg_buf *b, const ilokg_term *t, int abbreviate)
{
    size_t      at;
    const char *pre;
    switch (t->kind) {
    case ILOKG_TERM_UNBOUND:
        return ILOKG_OK;
    case ILOKG_TERM_IRI:
        if (abbreviate && (pre = ilokg_results_prefix_of(t->value, &at))) {
            return ilokg_buf_printf(b, "%s:%s", pre, t->value + at);
        }
        return ilokg_buf_printf(b, "<%s>", t->value);
    case ILOKG_TERM_BLANK:
        return ilokg_buf_printf(b, "_:%s", t->value);
    case ILOKG_TERM_LITERAL:
        break;
    }
    if (t->datatype && !t->lang && matches_numeric(t->value, t->datatype)) {
        return ilokg_buf_adds(b, t->value);
    }
    ilokg_status st = ilokg_turtle_string(b, t->value, strlen(t->value));
    if (!st && t->lang && *t->lang) {
        st = ilokg_buf_printf(b, "@%s", t->lang);
    } else if (!st && !is_string_type(t->datatype)) {
        if (abbreviate && (pre = ilokg_results_prefix_of(t->datatype, &at))) {
            st = ilokg_buf_printf(b, "^^%s:%s", pre, t->datatype + at);
        } else {
            st = ilokg_buf_printf(b, "^^<%s>", t->datatype);
        }
    }
    return st;
}

/* A term as a person reads it in a table: a literal's text without quotes, escapes or datatype
 * (its language tag kept: "text@en"), an IRI abbreviated with a predeclared prefix when one
 * fits. Line ends, tabs and other control characters are shown escaped, so that a row stays on
 * one line and nothing reaches the terminal as a control sequence. */
static ilokg_status
add_term_plain(ilokg_buf *b, const ilokg_term *t)
{
    if (t->kind != ILOKG_TERM_LITERAL) {
        return add_term_turtle(b, t, 1);
    }
    ilokg_status st = ILOKG_OK;
    for (const char *s = t->value; *s && !st; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n') {
            st = ilokg_buf_adds(b, "\\n");
        } else if (c == '\t') {
            st = ilokg_buf_adds(b, "\\t");
        } else if (c == '\r') {
            st = ilokg_buf_adds(b, "\\r");
        } else if (c < 0x20 || c == 0x7F) {
            st = ilokg_buf_printf(b, "\\u%04X", c);
        } else {
            st = ilokg_buf_addc(b, (char)c);
        }
    }
    if (!st && t->lang && *t->lang) {
        st = ilokg_buf_printf(b, "@%s", t->lang);
    }
    return st;
}

/* ILOKG_ERR_ENCODING when s holds a character XML 1.0 cannot carry. */
static ilokg_status
add_escaped_xml(ilokg_buf *b, const char *s)
{
    ilokg_status st = ilokg_utf8_xml_illegal(s) ? ILOKG_ERR_ENCODING : ILOKG_OK;
    for (; *s && !st; s++) {
        switch (*s) {
        case '&':
            st = ilokg_buf_adds(b, "&amp;");
            break;
        case '<':
            st = ilokg_buf_adds(b, "&lt;");
            break;
        case '>':
            st = ilokg_buf_adds(b, "&gt;");
            break;
        case '"':
            st = ilokg_buf_adds(b, "&quot;");
            break;
        case '\r': /* a raw CR would reach the reader as LF (XML 1.0 section 2.11) */
            st = ilokg_buf_adds(b, "&#xD;");
            break;
        default:
            st = ilokg_buf_addc(b, *s);
        }
    }
    return st;
}

static ilokg_status
add_csv_field(ilokg_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        return ilokg_buf_adds(b, s);
    }
    ilokg_status st = ilokg_buf_addc(b, '"');
    for (; *s && !st; s++) {
        st = *s == '"' ? ilokg_buf_adds(b, "\"\"") : ilokg_buf_addc(b, *s);
    }
    return st ? st : ilokg_buf_addc(b, '"');
}

const char *
ilokg_results_prefix_of(const char *iri, size_t *local_at)
{
    const char               *best     = NULL;
    size_t                    best_len = 0, n_pre = 0, n_declared = 0;
    const ilokg_vocab_prefix *pre = ilokg_vocab_prefixes(&n_pre, &n_declared);
    for (size_t i = 0; i < n_pre; i++) {
        const char *ns = pre[i].iri;
        if (!pre[i].query_pos) {
            continue;
        }
        size_t n = strlen(ns);
        if (n > best_len && !strncmp(iri, ns, n)) {
            /* Only when the rest reads as a prefixed name's local part. */
            const char *l  = iri + n;
            int         ok = *l != '\0' && *l != '.' && *l != '-';
            for (; ok && *l; l++) {
                unsigned char c = (unsigned char)*l;
                ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     c == '_' || c == '-' || c == '.' || c >= 0x80;
            }
            ok = ok && iri[strlen(iri) - 1] != '.';
            if (ok) {
                best     = pre[i].prefix;
                best_len = n;
            }
        }
    }
    if (best) {
        *local_at = best_len;
    }
    return best;
}

/* ---- Writers ------------------------------------------------------------------------------ */

static ilokg_status
put(ilokg_results_writer *w, const ilokg_buf *b)
{
    if (b->len && fwrite(b->ptr, 1, b->len, w->fp) != b->len) {
        return ILOKG_ERR_IO;
    }
    return ILOKG_OK;
}

/* The columns of the terminal fp writes to; 0 (no limit) when it is a file or a pipe. */
static size_t
terminal_width(FILE *fp)
{
    int fd = fp ? fileno(fp) : -1;
    if (fd < 0 || !isatty(fd)) {
        return 0;
    }
    struct winsize ws;
    if (!ioctl(fd, TIOCGWINSZ, &ws) && ws.ws_col > 0) {
        return ws.ws_col;
    }
    const char *cols = getenv("COLUMNS");
    long        n    = cols ? strtol(cols, NULL, 10) : 0;
    return n > 0 ? (size_t)n : 80;
}

ilokg_status
ilokg_results_begin(ilokg_results_writer **out, ilokg_results_format format, FILE *fp,
                    const char *const *vars, size_t n_vars)
{
    ilokg_results_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->vars = calloc(n_vars ? n_vars : 1, sizeof *w->vars))) {
        free(w);
        return ILOKG_ERR_NOMEM;
    }
    w->format = format;
    w->fp     = fp;
    if (format == ILOKG_RESULTS_TABLE) {
        w->max_width = terminal_width(fp);
    }
    for (size_t i = 0; i < n_vars; i++) {
        if (!(w->vars[i] = ilokg_strndup(vars[i], strlen(vars[i])))) {
            ilokg_results_free(w);
            return ILOKG_ERR_NOMEM;
        }
        w->n_vars++;
    }
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = ILOKG_OK;
    switch (format) {
    case ILOKG_RESULTS_TABLE:
        break;
    case ILOKG_RESULTS_CSV:
        for (size_t i = 0; i < n_vars && !st; i++) {
            st = ilokg_buf_adds(&b, i ? "," : "");
            if (!st) {
                st = add_csv_field(&b, vars[i]);
            }
        }
        if (!st) {
            st = ilokg_buf_adds(&b, "\r\n");
        }
        break;
    case ILOKG_RESULTS_TSV:
        for (size_t i = 0; i < n_vars && !st; i++) {
            st = ilokg_buf_printf(&b, "%s?%s", i ? "\t" : "", vars[i]);
        }
        if (!st) {
            st = ilokg_buf_adds(&b, "\n");
        }
        break;
    case ILOKG_RESULTS_JSON:
        st = ilokg_buf_adds(&b, "{\n  \"head\": { \"vars\": [");
        for (size_t i = 0; i < n_vars && !st; i++) {
            st = ilokg_buf_adds(&b, i ? ", " : " ");
            if (!st) {
                st = ilokg_json_escape(&b, vars[i], strlen(vars[i]));
            }
        }
        if (!st) {
            st = ilokg_buf_adds(&b, " ] },\n  \"results\": {\n    \"bindings\": [");
        }
        break;
    case ILOKG_RESULTS_XML:
        st = ilokg_buf_adds(&b, "<?xml version=\"1.0\"?>\n"
                                "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
                                "  <head>\n");
        for (size_t i = 0; i < n_vars && !st; i++) {
            st = ilokg_buf_adds(&b, "    <variable name=\"");
            if (!st) {
                st = add_escaped_xml(&b, vars[i]);
            }
            if (!st) {
                st = ilokg_buf_adds(&b, "\"/>\n");
            }
        }
        if (!st) {
            st = ilokg_buf_adds(&b, "  </head>\n  <results>\n");
        }
        break;
    }
    if (!st) {
        st = put(w, &b);
    }
    ilokg_buf_free(&b);
    if (st) {
        ilokg_results_free(w);
        return st;
    }
    *out = w;
    return ILOKG_OK;
}

static ilokg_status
json_term(ilokg_buf *b, const ilokg_term *t)
{
    static const char *const types[] = {"", "uri", "bnode", "literal"};
    ilokg_status st = ilokg_buf_printf(b, "{ \"type\": \"%s\", \"value\": ", types[t->kind]);
    if (!st) {
        st = ilokg_json_escape(b, t->value, strlen(t->value));
    }
    if (!st && t->kind == ILOKG_TERM_LITERAL && t->lang && *t->lang) {
        st = ilokg_buf_printf(b, ", \"xml:lang\": \"%s\"", t->lang);
    } else if (!st && t->kind == ILOKG_TERM_LITERAL && !is_string_type(t->datatype)) {
        st = ilokg_buf_adds(b, ", \"datatype\": ");
        if (!st) {
            st = ilokg_json_escape(b, t->datatype, strlen(t->datatype));
        }
    }
    return st ? st : ilokg_buf_adds(b, " }");
}

static ilokg_status
xml_term(ilokg_buf *b, const ilokg_term *t)
{
    ilokg_status st;
    switch (t->kind) {
    case ILOKG_TERM_IRI:
        st = ilokg_buf_adds(b, "<uri>");
        break;
    case ILOKG_TERM_BLANK:
        st = ilokg_buf_adds(b, "<bnode>");
        break;
    default:
        if (t->lang && *t->lang) {
            st = ilokg_buf_printf(b, "<literal xml:lang=\"%s\">", t->lang);
        } else if (!is_string_type(t->datatype)) {
            st = ilokg_buf_adds(b, "<literal datatype=\"");
            if (!st) {
                st = add_escaped_xml(b, t->datatype);
            }
            if (!st) {
                st = ilokg_buf_adds(b, "\">");
            }
        } else {
            st = ilokg_buf_adds(b, "<literal>");
        }
    }
    if (!st) {
        st = add_escaped_xml(b, t->value);
    }
    if (!st) {
        st = ilokg_buf_adds(b, t->kind == ILOKG_TERM_IRI     ? "</uri>"
                               : t->kind == ILOKG_TERM_BLANK ? "</bnode>"
                                                             : "</literal>");
    }
    return st;
}

/* The table keeps every row's cells until the end, when the column widths are known. */
static ilokg_status
keep_table_row(ilokg_results_writer *w, const ilokg_term *row)
{
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = ILOKG_OK;
    if (ilokg_grow(&w->cells, &w->cap_cells, (w->n_rows + 1) * w->n_vars, sizeof *w->cells)) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < w->n_vars && !st; i++) {
        b.len = 0;
        st    = ilokg_buf_adds(&b, "");
        if (!st) {
            st = add_term_plain(&b, &row[i]);
        }
        if (!st) {
            w->cells[w->n_rows * w->n_vars + i] = ilokg_buf_detach(&b);
        }
        if (st) {
            for (size_t k = 0; k < i; k++) {
                free(w->cells[w->n_rows * w->n_vars + k]);
            }
        }
    }
    ilokg_buf_free(&b);
    if (!st) {
        w->n_rows++;
    }
    return st;
}

/* One CSV record (RFC 4180 quoting). */
static ilokg_status
csv_row(ilokg_buf *b, const ilokg_results_writer *w, const ilokg_term *row)
{
    ilokg_status st = ILOKG_OK;
    for (size_t i = 0; i < w->n_vars && !st; i++) {
        const ilokg_term *t = &row[i];
        st                  = ilokg_buf_adds(b, i ? "," : "");
        if (!st && t->kind == ILOKG_TERM_BLANK) {
            st = ilokg_buf_printf(b, "_:%s", t->value);
        } else if (!st && t->kind != ILOKG_TERM_UNBOUND) {
            st = add_csv_field(b, t->value);
        }
    }
    if (!st) {
        st = ilokg_buf_adds(b, "\r\n");
    }
    return st;
}

/* One TSV line of Turtle-syntax terms. */
static ilokg_status
tsv_row(ilokg_buf *b, const ilokg_results_writer *w, const ilokg_term *row)
{
    ilokg_status st = ILOKG_OK;
    for (size_t i = 0; i < w->n_vars && !st; i++) {
        st = ilokg_buf_adds(b, i ? "\t" : "");
        if (!st) {
            st = add_term_turtle(b, &row[i], 0);
        }
    }
    if (!st) {
        st = ilokg_buf_adds(b, "\n");
    }
    return st;
}

/* One SPARQL JSON binding object. */
static ilokg_status
json_row(ilokg_buf *b, const ilokg_results_writer *w, const ilokg_term *row)
{
    int          first = 1;
    ilokg_status st    = ilokg_buf_adds(b, w->n_rows ? ",\n      {" : "\n      {");
    for (size_t i = 0; i < w->n_vars && !st; i++) {
        if (row[i].kind == ILOKG_TERM_UNBOUND) {
            continue;
        }
        st = ilokg_buf_printf(b, "%s\n        ", first ? "" : ",");
        if (!st) {
            st = ilokg_json_escape(b, w->vars[i], strlen(w->vars[i]));
        }
        if (!st) {
            st = ilokg_buf_adds(b, ": ");
        }
        if (!st) {
            st = json_term(b, &row[i]);
        }
        first = 0;
    }
    if (!st) {
        st = ilokg_buf_adds(b, first ? "}" : "\n      }");
    }
    return st;
}

/* One SPARQL XML result element. */
static ilokg_status
xml_row(ilokg_buf *b, const ilokg_results_writer *w, const ilokg_term *row)
{
    ilokg_status st = ilokg_buf_adds(b, "    <result>\n");
    for (size_t i = 0; i < w->n_vars && !st; i++) {
        if (row[i].kind == ILOKG_TERM_UNBOUND) {
            continue;
        }
        st = ilokg_buf_adds(b, "      <binding name=\"");
        if (!st) {
            st = add_escaped_xml(b, w->vars[i]);
        }
        if (!st) {
            st = ilokg_buf_adds(b, "\">");
        }
        if (!st) {
            st = xml_term(b, &row[i]);
        }
        if (!st) {
            st = ilokg_buf_adds(b, "</binding>\n");
        }
    }
    if (!st) {
        st = ilokg_buf_adds(b, "    </result>\n");
    }
    return st;
}

ilokg_status
ilokg_results_row(ilokg_results_writer *w, const ilokg_term *row)
{
    static ilokg_status (*const write_row[])(ilokg_buf *, const ilokg_results_writer *,
                                             const ilokg_term *) = {[ILOKG_RESULTS_CSV]  = csv_row,
                                                                    [ILOKG_RESULTS_TSV]  = tsv_row,
                                                                    [ILOKG_RESULTS_JSON] = json_row,
                                                                    [ILOKG_RESULTS_XML]  = xml_row};
    if (w->format == ILOKG_RESULTS_TABLE) {
        return keep_table_row(w, row);
    }
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = write_row[w->format](&b, w, row);
    if (!st) {
        st = put(w, &b);
        w->n_rows++;
    }
    for (size_t i = 0; st == ILOKG_ERR_ENCODING && i < w->n_vars; i++) {
        const ilokg_term *t = &row[i];
        uint32_t bad        = t->kind == ILOKG_TERM_UNBOUND ? 0 : ilokg_utf8_xml_illegal(t->value);
        if (bad || (t->datatype && (bad = ilokg_utf8_xml_illegal(t->datatype)))) {
            ilokg_report_at(w->diag, st, NULL, 0, 0,
                            "result %zu: the value of ?%s holds U+%04X, which XML 1.0 cannot "
                            "carry; ask for the results as JSON, CSV or TSV (-r json)",
                            w->n_rows + 1, w->vars[i], (unsigned)bad);
            break;
        }
    }
    ilokg_buf_free(&b);
    return st;
}

void
ilokg_results_report_to(ilokg_results_writer *w, ilokg_diag *diag)
{
    w->diag = diag;
}

/* Display width of a UTF-8 string in code points. */
static size_t
width(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return n;
}

static ilokg_status
table_line(ilokg_buf *b, const size_t *wid, size_t n, char c)
{
    ilokg_status st    = ILOKG_OK;
    size_t       total = 1;
    for (size_t i = 0; i < n; i++) {
        total += wid[i] + 3;
    }
    for (size_t i = 0; i < total && !st; i++) {
        st = ilokg_buf_addc(b, c);
    }
    return st ? st : ilokg_buf_addc(b, '\n');
}

/* Writes " " and the cell in wid columns: cut with an ellipsis when longer, padded when
 * shorter, then " |". */
static ilokg_status
add_cell(ilokg_buf *b, const char *cell, size_t wid)
{
    ilokg_status st = ilokg_buf_addc(b, ' ');
    size_t       n  = width(cell);
    if (!st && n > wid) {
        size_t keep = wid ? wid - 1 : 0, at = 0;
        for (size_t cps = 0; cell[at] && cps <= keep; at++) {
            cps += ((unsigned char)cell[at] & 0xC0) != 0x80;
            if (cps > keep) {
                break;
            }
        }
        st = ilokg_buf_add(b, cell, at);
        if (!st && wid) {
            st = ilokg_buf_adds(b, "\xE2\x80\xA6"); /* U+2026 HORIZONTAL ELLIPSIS */
        }
        n = wid;
    } else if (!st) {
        st = ilokg_buf_adds(b, cell);
    }
    for (size_t k = n; k < wid && !st; k++) {
        st = ilokg_buf_addc(b, ' ');
    }
    return st ? st : ilokg_buf_adds(b, " |");
}

static ilokg_status
table_row(ilokg_buf *b, const size_t *wid, char *const *cells, size_t n)
{
    ilokg_status st = ilokg_buf_adds(b, "|");
    for (size_t i = 0; i < n && !st; i++) {
        st = add_cell(b, cells[i], wid[i]);
    }
    return st ? st : ilokg_buf_addc(b, '\n');
}

/* Narrows the widest columns until the table fits max columns of terminal: every column gets
 * at most cap characters, the largest cap that fits (columns never below 4). */
static void
fit_widths(size_t *wid, size_t n, size_t max)
{
    enum { MIN_COL = 4 };
    size_t total = 1;
    for (size_t i = 0; i < n; i++) {
        total += wid[i] + 3;
    }
    if (!max || total <= max || 1 + 3 * n + MIN_COL * n >= max) {
        if (max && total > max) {
            for (size_t i = 0; i < n; i++) {
                wid[i] = wid[i] < MIN_COL ? wid[i] : MIN_COL;
            }
        }
        return;
    }
    size_t budget = max - 1 - 3 * n, lo = MIN_COL, hi = 0;
    for (size_t i = 0; i < n; i++) {
        hi = wid[i] > hi ? wid[i] : hi;
    }
    while (lo < hi) { /* the largest cap with sum(min(wid, cap)) <= budget */
        size_t cap = lo + (hi - lo + 1) / 2, sum = 0;
        for (size_t i = 0; i < n; i++) {
            sum += wid[i] < cap ? wid[i] : cap;
        }
        if (sum <= budget) {
            lo = cap;
        } else {
            hi = cap - 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        wid[i] = wid[i] < lo ? wid[i] : lo;
    }
}

static ilokg_status
write_table(ilokg_results_writer *w)
{
    size_t *wid  = calloc(w->n_vars ? w->n_vars : 1, sizeof *wid);
    char   *head = NULL;
    if (!wid) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < w->n_vars; i++) {
        wid[i] = width(w->vars[i]) + 1;
        for (size_t r = 0; r < w->n_rows; r++) {
            size_t cw = width(w->cells[r * w->n_vars + i]);
            wid[i]    = cw > wid[i] ? cw : wid[i];
        }
    }
    fit_widths(wid, w->n_vars, w->max_width);
    ilokg_buf    b  = ILOKG_BUF_INIT;
    ilokg_status st = table_line(&b, wid, w->n_vars, '-');
    if (!st) {
        st = ilokg_buf_adds(&b, "|");
    }
    for (size_t i = 0; i < w->n_vars && !st; i++) {
        free(head);
        size_t len = strlen(w->vars[i]);
        if (!(head = malloc(len + 2))) {
            st = ILOKG_ERR_NOMEM;
            break;
        }
        head[0] = '?';
        memcpy(head + 1, w->vars[i], len + 1);
        st = add_cell(&b, head, wid[i]);
    }
    free(head);
    if (!st) {
        st = ilokg_buf_addc(&b, '\n');
    }
    if (!st) {
        st = table_line(&b, wid, w->n_vars, '=');
    }
    for (size_t r = 0; r < w->n_rows && !st; r++) {
        st = table_row(&b, wid, w->cells + r * w->n_vars, w->n_vars);
        if (!st && b.len > 65536) {
            st    = put(w, &b);
            b.len = 0;
        }
    }
    if (!st) {
        st = table_line(&b, wid, w->n_vars, '-');
    }
    if (!st) {
        st = ilokg_buf_printf(&b, "%zu row%s\n", w->n_rows, w->n_rows == 1 ? "" : "s");
    }
    if (!st) {
        st = put(w, &b);
    }
    ilokg_buf_free(&b);
    free(wid);
    return st;
}

ilokg_status
ilokg_results_end(ilokg_results_writer *w)
{
    ilokg_status st = ILOKG_OK;
    ilokg_buf    b  = ILOKG_BUF_INIT;
    switch (w->format) {
    case ILOKG_RESULTS_TABLE:
        st = write_table(w);
        break;
    case ILOKG_RESULTS_CSV:
    case ILOKG_RESULTS_TSV:
        break;
    case ILOKG_RESULTS_JSON:
        st = ilokg_buf_adds(&b, w->n_rows ? "\n    ]\n  }\n}\n" : " ]\n  }\n}\n");
        break;
    case ILOKG_RESULTS_XML:
        st = ilokg_buf_adds(&b, "  </results>\n</sparql>\n");
        break;
    }
    if (!st) {
        st = put(w, &b);
    }
    ilokg_buf_free(&b);
    if (!st && (fflush(w->fp) || ferror(w->fp))) {
        st = ILOKG_ERR_IO;
    }
    return st;
}

void
ilokg_results_free(ilokg_results_writer *w)
{
    if (!w) {
        return;
    }
    if (w->cells) {
        for (size_t i = 0; i < w->n_rows * w->n_vars; i++) {
            free(w->cells[i]);
        }
        free(w->cells);
    }
    for (size_t i = 0; i < w->n_vars; i++) {
        free(w->vars[i]);
    }
    free(w->vars);
    free(w);
}

ilokg_status
ilokg_results_boolean(ilokg_results_format format, FILE *fp, int value)
{
    const char *v = value ? "true" : "false";
    int         rc;
    switch (format) {
    case ILOKG_RESULTS_TABLE:
        rc = fprintf(fp, "%s\n", v);
        break;
    case ILOKG_RESULTS_CSV:
        rc = fprintf(fp, "_askResult\r\n%s\r\n", v);
        break;
    case ILOKG_RESULTS_TSV:
        rc = fprintf(fp, "?_askResult\n%s\n", v);
        break;
    case ILOKG_RESULTS_JSON:
        rc = fprintf(fp, "{\n  \"head\": { },\n  \"boolean\": %s\n}\n", v);
        break;
    default:
        rc = fprintf(fp,
                     "<?xml version=\"1.0\"?>\n"
                     "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
                     "  <head>\n  </head>\n  <boolean>%s</boolean>\n</sparql>\n",
                     v);
    }
    return rc < 0 || fflush(fp) ? ILOKG_ERR_IO : ILOKG_OK;
}
