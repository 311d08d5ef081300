/* SPDX-License-Identifier: Apache-2.0 */
/* The SPARQL 1.1 Query Results JSON format (.srj), read with the library's JSON reader. */
#include "w3c.h"

#include "util/json.h"

#include <stdlib.h>
#include <string.h>

static ilokg_status
srj_term(w3c_result *out, ilokg_qterm *cell, const ilokg_json *t)
{
    const char       *type = ilokg_json_str(t, "type");
    const ilokg_json *val  = ilokg_json_get(t, "value");
    ilokg_qterm       q    = {0};
    if (!type || !val || val->kind != ILOKG_JSON_STR) {
        return ILOKG_ERR_SYNTAX;
    }
    q.lex     = val->str;
    q.lex_len = val->len;
    q.lang    = ilokg_json_str(t, "xml:lang");
    q.dt      = ilokg_json_str(t, "datatype");
    q.kind    = strcmp(type, "uri") == 0     ? ILOKG_QT_IRI
                : strcmp(type, "bnode") == 0 ? ILOKG_QT_BLANK
                : strcmp(type, "literal") == 0 || strcmp(type, "typed-literal") == 0 ? ILOKG_QT_LITERAL
                                                                                     : 0;
    return q.kind ? w3c_result_set(out, cell, &q) : ILOKG_ERR_SYNTAX;
}

static ilokg_status
srj_walk(w3c_result *out, const ilokg_json *doc)
{
    const ilokg_json *vars   = ilokg_json_get(ilokg_json_get(doc, "head"), "vars");
    const ilokg_json *bool_v = ilokg_json_get(doc, "boolean");
    const ilokg_json *rows   = ilokg_json_get(ilokg_json_get(doc, "results"), "bindings");
    ilokg_status      st     = ILOKG_OK;
    if (bool_v && bool_v->kind == ILOKG_JSON_BOOL) {
        out->kind    = W3C_BOOLEAN;
        out->boolean = bool_v->boolean;
        return ILOKG_OK;
    }
    for (size_t i = 0; vars && vars->kind == ILOKG_JSON_ARR && i < vars->n_items && !st; i++) {
        st = vars->items[i].kind == ILOKG_JSON_STR ? w3c_result_add_var(out, vars->items[i].str)
                                                   : ILOKG_ERR_SYNTAX;
    }
    if (!rows || rows->kind != ILOKG_JSON_ARR) {
        return ILOKG_ERR_SYNTAX;
    }
    for (size_t i = 0; i < rows->n_items && !st; i++) {
        const ilokg_json *b = &rows->items[i];
        ilokg_qterm      *row;
        if (b->kind != ILOKG_JSON_OBJ || (st = w3c_result_add_row(out, &row))) {
            st = st ? st : ILOKG_ERR_SYNTAX;
            break;
        }
        for (size_t k = 0; k < b->n_items && !st; k++) {
            long c = w3c_result_var_index(out, b->keys[k]);
            st     = c < 0 ? ILOKG_ERR_SYNTAX : srj_term(out, &row[c], &b->items[k]);
        }
    }
    return st;
}

ilokg_status
w3c_srj_read(w3c_result *out, const char *bytes, size_t len, char **err)
{
    ilokg_json   doc;
    ilokg_status st = ILOKG_ERR_SYNTAX;
    *out            = (w3c_result)W3C_RESULT_INIT;
    if (!ilokg_json_parse(&doc, bytes, len, NULL)) {
        st = srj_walk(out, &doc);
        ilokg_json_free(&doc);
    }
    if (st) {
        *err = strdup("bad SPARQL JSON results");
    }
    return st;
}
