/* SPDX-License-Identifier: Apache-2.0 */
/* Readers of the SPARQL results formats the W3C tests expect: XML (.srx), TSV and CSV; the
 * JSON reader is w3c_json.c, RDF files w3c_rdf.c. */
#include "w3c.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>

static int
named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static ilokg_status
srx_term(w3c_result *out, ilokg_qterm *cell, const xmlNode *v, const char *base_iri)
{
    xmlChar     *text = xmlNodeGetContent(v);
    xmlChar     *lang = NULL, *dt = NULL, *abs = NULL;
    ilokg_qterm  q  = {0};
    ilokg_status st = ILOKG_ERR_SYNTAX;
    q.lex           = text ? (const char *)text : "";
    if (named(v, "uri")) {
        q.kind = ILOKG_QT_IRI;
        abs    = xmlBuildURI(text ? text : (const xmlChar *)"", (const xmlChar *)base_iri);
        q.lex  = abs ? (const char *)abs : q.lex;
    } else if (named(v, "bnode")) {
        q.kind = ILOKG_QT_BLANK;
    } else if (named(v, "literal")) {
        q.kind = ILOKG_QT_LITERAL;
        lang   = xmlGetNsProp(v, (const xmlChar *)"lang", XML_XML_NAMESPACE);
        dt     = xmlGetProp(v, (const xmlChar *)"datatype");
        q.lang = (const char *)lang;
        q.dt   = (const char *)dt;
    }
    q.lex_len = strlen(q.lex);
    if (q.kind) {
        st = w3c_result_set(out, cell, &q);
    }
    xmlFree(text);
    xmlFree(lang);
    xmlFree(dt);
    xmlFree(abs);
    return st;
}

static ilokg_status
srx_result(w3c_result *out, const xmlNode *res, const char *base_iri)
{
    ilokg_qterm *row;
    ilokg_status st = w3c_result_add_row(out, &row);
    for (const xmlNode *b = res->children; b && !st; b = b->next) {
        if (!named(b, "binding")) {
            continue;
        }
        xmlChar *name = xmlGetProp(b, (const xmlChar *)"name");
        long     c    = name ? w3c_result_var_index(out, (const char *)name) : -1;
        xmlFree(name);
        const xmlNode *v = b->children;
        while (v && v->type != XML_ELEMENT_NODE) {
            v = v->next;
        }
        st = c < 0 || !v ? ILOKG_ERR_SYNTAX : srx_term(out, &row[c], v, base_iri);
    }
    return st;
}

static ilokg_status
srx_walk(w3c_result *out, const xmlNode *root, const char *base_iri)
{
    ilokg_status st = ILOKG_OK;
    for (const xmlNode *n = root->children; n && !st; n = n->next) {
        if (named(n, "head")) {
            for (const xmlNode *v = n->children; v && !st; v = v->next) {
                if (named(v, "variable")) {
                    xmlChar *name = xmlGetProp(v, (const xmlChar *)"name");
                    st = name ? w3c_result_add_var(out, (const char *)name) : ILOKG_ERR_SYNTAX;
                    xmlFree(name);
                }
            }
        } else if (named(n, "boolean")) {
            xmlChar *text = xmlNodeGetContent(n);
            out->kind     = W3C_BOOLEAN;
            out->boolean  = text && strcmp((const char *)text, "true") == 0;
            xmlFree(text);
        } else if (named(n, "results")) {
            for (const xmlNode *r = n->children; r && !st; r = r->next) {
                if (named(r, "result")) {
                    st = srx_result(out, r, base_iri);
                }
            }
        }
    }
    return st;
}

ilokg_status
w3c_srx_read(w3c_result *out, const char *path, const char *base_iri, char **err)
{
    ilokg_status st = ILOKG_ERR_SYNTAX;
    xmlDoc      *doc =
        xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    *out          = (w3c_result)W3C_RESULT_INIT;
    if (root && named(root, "sparql")) {
        st = srx_walk(out, root, base_iri);
    }
    if (st) {
        *err = strdup(doc ? "not SPARQL XML results" : "not well-formed XML");
    }
    xmlFreeDoc(doc);
    return st;
}

/* ---- TSV: terms in Turtle syntax ---------------------------------------------------------- */

static size_t
unescape(char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < len) {
            static const char from[] = "tnr\"'\\bf", to[] = "\t\n\r\"'\\\b\f";
            const char       *k = memchr(from, s[++i], sizeof from - 1);
            c                   = k ? to[k - from] : s[i];
        }
        s[o++] = c;
    }
    return o;
}

static int
looks_numeric(const char *s, size_t len, const char **dt)
{
    size_t i = s[0] == '+' || s[0] == '-', digits = 0, dot = 0, exp = 0;
    for (; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits++;
        } else if (s[i] == '.' && !dot && !exp) {
            dot = 1;
        } else if ((s[i] == 'e' || s[i] == 'E') && !exp && digits) {
            exp = 1;
            if (i + 1 < len && (s[i + 1] == '+' || s[i + 1] == '-')) {
                i++;
            }
        } else {
            return 0;
        }
    }
    *dt = exp ? ILOKG_XSD "double" : dot ? ILOKG_XSD "decimal" : ILOKG_XSD "integer";
    return digits > 0;
}

static ilokg_status
tsv_term(w3c_result *out, ilokg_qterm *cell, char *s, size_t len)
{
    ilokg_qterm q = {0};
    if (len == 0) {
        return ILOKG_OK;
    }
    if (s[0] == '<' && s[len - 1] == '>') {
        q = (ilokg_qterm){ILOKG_QT_IRI, s + 1, len - 2, NULL, NULL};
    } else if (len > 2 && s[0] == '_' && s[1] == ':') {
        q = (ilokg_qterm){ILOKG_QT_BLANK, s + 2, len - 2, NULL, NULL};
    } else if (s[0] == '"') {
        char *end = s + len;
        while (end > s + 1 && end[-1] != '"') {
            end--;
        }
        if (end <= s + 1) {
            return ILOKG_ERR_SYNTAX;
        }
        char *tail = end;
        end[-1]    = '\0';
        q = (ilokg_qterm){ILOKG_QT_LITERAL, s + 1, unescape(s + 1, (size_t)(end - 2 - s)), NULL,
                          NULL};
        if (*tail == '@') {
            q.lang = tail + 1;
        } else if (tail[0] == '^' && tail[1] == '^' && tail[2] == '<' && s[len - 1] == '>') {
            s[len - 1] = '\0';
            q.dt       = tail + 3;
        } else if (*tail) {
            return ILOKG_ERR_SYNTAX;
        }
    } else if (len == 4 && memcmp(s, "true", 4) == 0) {
        q = (ilokg_qterm){ILOKG_QT_LITERAL, s, len, NULL, ILOKG_XSD "boolean"};
    } else if (len == 5 && memcmp(s, "false", 5) == 0) {
        q = (ilokg_qterm){ILOKG_QT_LITERAL, s, len, NULL, ILOKG_XSD "boolean"};
    } else if (looks_numeric(s, len, &q.dt)) {
        q.kind    = ILOKG_QT_LITERAL;
        q.lex     = s;
        q.lex_len = len;
    } else {
        return ILOKG_ERR_SYNTAX;
    }
    return w3c_result_set(out, cell, &q);
}

/* Splits the next line off *p (the line's end NUL-terminated, a CR before it dropped). */
static char *
next_line(char **p, char *end, size_t *len)
{
    char *line = *p, *nl = memchr(line, '\n', (size_t)(end - line));
    char *stop = nl ? nl : end;
    *p         = nl ? nl + 1 : end;
    if (stop > line && stop[-1] == '\r') {
        stop--;
    }
    *stop = '\0';
    *len  = (size_t)(stop - line);
    return line;
}

ilokg_status
w3c_tsv_read(w3c_result *out, const char *bytes, size_t len, char **err)
{
    ilokg_status st   = ILOKG_ERR_NOMEM;
    char        *copy = malloc(len + 1), *p = copy, *end = copy + len;
    size_t       n;
    *out = (w3c_result)W3C_RESULT_INIT;
    if (!copy) {
        goto done;
    }
    memcpy(copy, bytes, len);
    copy[len]  = '\0';
    char *head = next_line(&p, end, &n);
    st         = ILOKG_OK;
    for (char *f = head; n && f && !st;) {
        char *tab = strchr(f, '\t');
        if (tab) {
            *tab = '\0';
        }
        st = f[0] == '?' ? w3c_result_add_var(out, f + 1) : ILOKG_ERR_SYNTAX;
        f  = tab ? tab + 1 : NULL;
    }
    while (!st && p < end) {
        char        *line = next_line(&p, end, &n);
        ilokg_qterm *row;
        size_t       c = 0;
        st             = w3c_result_add_row(out, &row);
        for (char *f = out->n_vars || *line ? line : NULL; f && !st; c++) {
            char *tab = strchr(f, '\t');
            if (tab) {
                *tab = '\0';
            }
            st = c < out->n_vars ? tsv_term(out, &row[c], f, strlen(f)) : ILOKG_ERR_SYNTAX;
            f  = tab ? tab + 1 : NULL;
        }
    }
done:
    if (st) {
        *err = strdup(st == ILOKG_ERR_NOMEM ? "out of memory" : "bad TSV results");
    }
    free(copy);
    return st;
}

/* ---- CSV: every value a string ------------------------------------------------------------- */

/* The next field from *p into f; *eol set when it ended its line. 0 at the end of the input. */
static int
csv_field(ilokg_buf *f, const char **p, const char *end, int *eol)
{
    const char *s = *p;
    f->len        = 0;
    if (f->ptr) {
        f->ptr[0] = '\0';
    }
    if (s >= end) {
        return 0;
    }
    int quoted = *s == '"';
    s += quoted;
    while (s < end) {
        if (quoted && *s == '"') {
            if (s + 1 < end && s[1] == '"') {
                (void)ilokg_buf_addc(f, '"');
                s += 2;
                continue;
            }
            quoted = 0;
            s++;
            continue;
        }
        if (!quoted && (*s == ',' || *s == '\n' || *s == '\r')) {
            break;
        }
        (void)ilokg_buf_addc(f, *s++);
    }
    *eol = s >= end || *s != ',';
    s += s < end && *s == '\r';
    s += s < end && (*s == '\n' || *s == ',');
    *p = s;
    return 1;
}

static ilokg_status
csv_cell(w3c_result *out, ilokg_qterm *cell, const ilokg_buf *f)
{
    ilokg_qterm q = {ILOKG_QT_LITERAL, f->ptr, f->len, NULL, NULL};
    if (f->len == 0) {
        return ILOKG_OK;
    }
    if (f->len > 2 && f->ptr[0] == '_' && f->ptr[1] == ':') {
        q = (ilokg_qterm){ILOKG_QT_BLANK, f->ptr + 2, f->len - 2, NULL, NULL};
    }
    return w3c_result_set(out, cell, &q);
}

ilokg_status
w3c_csv_read(w3c_result *out, const char *bytes, size_t len, char **err)
{
    ilokg_buf    f = ILOKG_BUF_INIT;
    const char  *p = bytes, *end = bytes + len;
    int          eol = 0;
    ilokg_status st  = ILOKG_OK;
    *out             = (w3c_result)W3C_RESULT_INIT;
    while (!st && !eol && csv_field(&f, &p, end, &eol)) {
        st = w3c_result_add_var(out, f.ptr ? f.ptr : "");
    }
    while (!st && p < end) {
        ilokg_qterm *row;
        size_t       c = 0;
        st             = w3c_result_add_row(out, &row);
        for (eol = 0; !st && !eol && csv_field(&f, &p, end, &eol); c++) {
            st = c < out->n_vars ? csv_cell(out, &row[c], &f) : ILOKG_ERR_SYNTAX;
        }
    }
    if (st) {
        *err = strdup("bad CSV results");
    }
    ilokg_buf_free(&f);
    return st;
}

/* ---- By extension --------------------------------------------------------------------------- */

static int
ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

ilokg_status
w3c_result_read(w3c_result *out, const char *path, const char *base_iri, int *ordered, char **err)
{
    *ordered = 0;
    *out     = (w3c_result)W3C_RESULT_INIT;
    if (ends_with(path, ".srx") || ends_with(path, ".xml")) {
        return w3c_srx_read(out, path, base_iri, err);
    }
    if (ends_with(path, ".srj") || ends_with(path, ".tsv") || ends_with(path, ".csv")) {
        char        *bytes = NULL;
        size_t       len   = 0;
        ilokg_status st    = w3c_file_read(&bytes, &len, path);
        if (st) {
            *err = strdup("cannot read");
            return st;
        }
        st = ends_with(path, ".srj")   ? w3c_srj_read(out, bytes, len, err)
             : ends_with(path, ".tsv") ? w3c_tsv_read(out, bytes, len, err)
                                       : w3c_csv_read(out, bytes, len, err);
        free(bytes);
        return st;
    }
    w3c_result   g  = W3C_RESULT_INIT;
    ilokg_status st = w3c_rdf_read(&g, path, base_iri, err);
    if (!st) {
        st = w3c_rs_convert(out, &g, ordered, err);
        if (st == ILOKG_ERR_NOT_FOUND) {
            *out = g;
            g    = (w3c_result)W3C_RESULT_INIT;
            st   = ILOKG_OK;
        }
    }
    w3c_result_clear(&g);
    return st;
}
