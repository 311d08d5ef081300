/* SPDX-License-Identifier: Apache-2.0 */
/* Evaluating SPARQL expressions over a solution: the operators of 17.3 (with the value
 * comparisons and arithmetic of XPath), the functional forms of 17.4.1 and effective boolean
 * value; the functions themselves live in func_string.c and func_misc.c. */
#include "query/expr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query/func.h"
#include "query/value.h"

#define MAX_STACK_ARGS 8

/* ---- Effective boolean value ------------------------------------------------------------- */

static int
xval_ebv(const ilokg_xval *v)
{
    switch (v->kind) {
    case ILOKG_XV_BOOL:
        return v->b;
    case ILOKG_XV_STR:
    case ILOKG_XV_LANG: /* 17.2.2: a plain literal, tagged or not, is true when not empty */
        return v->t.lex_len > 0;
    case ILOKG_XV_INT:
    case ILOKG_XV_DEC:
        return v->dec.m != 0;
    case ILOKG_XV_FLT:
    case ILOKG_XV_DBL:
        return v->d != 0 && !isnan(v->d);
    case ILOKG_XV_OTHER: {
        /* An ill-formed boolean or numeric is false; an ill-formed dateTime has no EBV. */
        const char *dt = v->t.dt;
        if (v->ill && dt &&
            (!strcmp(dt, ILOKG_XSD "boolean") || !strcmp(dt, ILOKG_XSD "decimal") ||
             !strcmp(dt, ILOKG_XSD "float") || !strcmp(dt, ILOKG_XSD "double") ||
             ilokg_xsd_is_integer_type(dt))) {
            return 0;
        }
        return -1;
    }
    default:
        return -1;
    }
}

int
ilokg_expr_term_ebv(ilokg_qctx *c, ilokg_id id)
{
    ilokg_xval v;
    int        ok;
    if (ilokg_fx_value(c, id, &v, &ok) || !ok) {
        return -1;
    }
    return xval_ebv(&v);
}

/* ---- Evaluation -------------------------------------------------------------------------- */

static ilokg_status eval_bool(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, int *out);

static int
is_boolean_expr(const ilokg_expr *e)
{
    switch (e->kind) {
    case ILOKG_EX_OR:
    case ILOKG_EX_AND:
    case ILOKG_EX_NOT:
    case ILOKG_EX_EQ:
    case ILOKG_EX_NE:
    case ILOKG_EX_LT:
    case ILOKG_EX_GT:
    case ILOKG_EX_LE:
    case ILOKG_EX_GE:
    case ILOKG_EX_IN:
    case ILOKG_EX_NOT_IN:
    case ILOKG_EX_EXISTS:
    case ILOKG_EX_NOT_EXISTS:
        return 1;
    case ILOKG_EX_BUILTIN:
        return e->fn == ILOKG_FN_BOUND || e->fn == ILOKG_FN_SAMETERM;
    default:
        return 0;
    }
}

static ilokg_status
eval_const(ilokg_qctx *c, const ilokg_expr *e, ilokg_id *out)
{
    if (e->id != ILOKG_ID_NONE) {
        *out = e->id;
        return ILOKG_OK;
    }
    return ilokg_qctx_intern(c, &e->term, out);
}

static ilokg_status
eval_value(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, ilokg_xval *v, int *ok)
{
    ilokg_id     id;
    ilokg_status st = ilokg_expr_eval(c, e, row, &id);
    *ok             = 0;
    return st ? st : ilokg_fx_value(c, id, v, ok);
}

static int
is_arith(const ilokg_expr *e)
{
    return e->kind == ILOKG_EX_ADD || e->kind == ILOKG_EX_SUB || e->kind == ILOKG_EX_MUL ||
           e->kind == ILOKG_EX_DIV || e->kind == ILOKG_EX_NEG || e->kind == ILOKG_EX_POS;
}

/* A computed number's stand-in term (no lexical form: only its value is ever read). */
static void
computed_term(ilokg_xval *v)
{
    static const char *const dts[] = {ILOKG_XSD "integer", ILOKG_XSD "decimal", ILOKG_XSD "float",
                                      ILOKG_XSD "double"};
    ilokg_qterm              t     = {ILOKG_QT_LITERAL, "", 0, NULL, dts[v->kind - ILOKG_XV_INT]};
    v->t                           = t;
    v->ill                         = 0;
}

/* The value of e, where arithmetic is computed without making terms of its intermediate
 * results (a FILTER (?x + 1 > 5) interns nothing). */
static ilokg_status
eval_xval(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, ilokg_xval *v, int *ok)
{
    ilokg_xval   a, b;
    int          ok_a, ok_b;
    ilokg_status st;
    if (!is_arith(e)) {
        return eval_value(c, e, row, v, ok);
    }
    *ok = 0;
    if ((st = eval_xval(c, e->args[0], row, &a, &ok_a)) || !ok_a || !ilokg_xsd_is_numeric(a.kind)) {
        return st;
    }
    if (e->kind == ILOKG_EX_POS || e->kind == ILOKG_EX_NEG) {
        *v = a;
        if (e->kind == ILOKG_EX_NEG) {
            v->dec.m = -v->dec.m;
            v->d     = -v->d;
            computed_term(v);
        }
        *ok = 1;
        return ILOKG_OK;
    }
    if ((st = eval_xval(c, e->args[1], row, &b, &ok_b)) || !ok_b) {
        return st;
    }
    *ok = !ilokg_fx_arith_value(v, e->kind, &a, &b);
    if (*ok) {
        computed_term(v);
    }
    return ILOKG_OK;
}

static ilokg_status
eval_arith(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, ilokg_id *out)
{
    ilokg_xval   v;
    int          ok;
    ilokg_status st;
    *out = ILOKG_ID_NONE;
    if (e->kind == ILOKG_EX_POS) { /* +x is x itself: a term of the data stays as it is */
        if ((st = eval_xval(c, e->args[0], row, &v, &ok)) || !ok || !ilokg_xsd_is_numeric(v.kind)) {
            return st;
        }
        return ilokg_expr_eval(c, e->args[0], row, out);
    }
    if ((st = eval_xval(c, e, row, &v, &ok)) || !ok) {
        return st;
    }
    return ilokg_fx_number(c, v.kind, v.dec, v.d, out);
}

/* COALESCE and IF evaluate only what they need. */
static ilokg_status
eval_lazy(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, ilokg_id *out)
{
    ilokg_status st = ILOKG_OK;
    *out            = ILOKG_ID_NONE;
    if (e->fn == ILOKG_FN_COALESCE) {
        for (size_t i = 0; i < e->n_args && *out == ILOKG_ID_NONE && !st; i++) {
            st = ilokg_expr_eval(c, e->args[i], row, out);
        }
        return st;
    }
    int b;
    if (e->n_args != 3 || (st = ilokg_expr_ebv(c, e->args[0], row, &b)) || b < 0) {
        return st;
    }
    return ilokg_expr_eval(c, e->args[b ? 1 : 2], row, out);
}

static ilokg_status
eval_builtin(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, ilokg_id *out)
{
    ilokg_id     stack[MAX_STACK_ARGS];
    ilokg_id    *args = stack;
    ilokg_status st   = ILOKG_OK;
    *out              = ILOKG_ID_NONE;
    if (e->fn == ILOKG_FN_COALESCE || e->fn == ILOKG_FN_IF) {
        return eval_lazy(c, e, row, out);
    }
    if (e->n_args > MAX_STACK_ARGS && !(args = malloc(e->n_args * sizeof *args))) {
        return ILOKG_ERR_NOMEM;
    }
    for (size_t i = 0; i < e->n_args; i++) {
        if ((st = ilokg_expr_eval(c, e->args[i], row, &args[i]))) {
            goto done;
        }
        if (args[i] == ILOKG_ID_NONE) {
            goto done; /* every function but the forms above: an error argument, an error */
        }
    }
    st = ilokg_fn_is_string(e->fn) ? ilokg_fn_string(c, e->fn, args, e->n_args, out)
                                   : ilokg_fn_misc(c, e->fn, args, e->n_args, out);
done:
    if (args != stack) {
        free(args);
    }
    return st;
}

static ilokg_status
eval_function(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, ilokg_id *out)
{
    ilokg_id     arg;
    ilokg_status st;
    *out = ILOKG_ID_NONE;
    if (e->n_args != 1 || e->term.kind != ILOKG_QT_IRI) {
        return ILOKG_OK; /* no function ilokg knows: an error */
    }
    if ((st = ilokg_expr_eval(c, e->args[0], row, &arg)) || arg == ILOKG_ID_NONE) {
        return st;
    }
    return ilokg_fn_cast(c, e->term.lex, arg, out);
}

ilokg_status
ilokg_expr_eval(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, ilokg_id *out)
{
    *out = ILOKG_ID_NONE;
    if (is_boolean_expr(e)) {
        int          b;
        ilokg_status st = eval_bool(c, e, row, &b);
        return st || b < 0 ? st : ilokg_fx_bool(c, b, out);
    }
    switch (e->kind) {
    case ILOKG_EX_VAR:
        *out = row ? row[e->var] : ILOKG_ID_NONE;
        return ILOKG_OK;
    case ILOKG_EX_CONST:
        return eval_const(c, e, out);
    case ILOKG_EX_ADD:
    case ILOKG_EX_SUB:
    case ILOKG_EX_MUL:
    case ILOKG_EX_DIV:
    case ILOKG_EX_NEG:
    case ILOKG_EX_POS:
        return eval_arith(c, e, row, out);
    case ILOKG_EX_BUILTIN:
        return eval_builtin(c, e, row, out);
    case ILOKG_EX_FUNCTION:
        return eval_function(c, e, row, out);
    default:
        return ILOKG_OK;
    }
}

/* ---- Boolean operators ------------------------------------------------------------------- */

static ilokg_status
eval_compare(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, int *out)
{
    ilokg_xval   x, y;
    int          ok, r;
    ilokg_status st;
    *out = -1;
    if ((st = eval_xval(c, e->args[0], row, &x, &ok)) || !ok ||
        (st = eval_xval(c, e->args[1], row, &y, &ok)) || !ok) {
        return st;
    }
    if (e->kind == ILOKG_EX_EQ || e->kind == ILOKG_EX_NE) {
        r    = ilokg_fx_equal(&x, &y);
        *out = r < 0 ? -1 : e->kind == ILOKG_EX_EQ ? r : !r;
        return ILOKG_OK;
    }
    r = ilokg_fx_compare(&x, &y);
    if (r == ILOKG_CMP_ERROR) {
        return ILOKG_OK;
    }
    if (r == ILOKG_CMP_NAN) {
        *out = 0;
        return ILOKG_OK;
    }
    switch (e->kind) {
    case ILOKG_EX_LT:
        *out = r < 0;
        break;
    case ILOKG_EX_GT:
        *out = r > 0;
        break;
    case ILOKG_EX_LE:
        *out = r <= 0;
        break;
    default:
        *out = r >= 0;
        break;
    }
    return ILOKG_OK;
}

/* IN: true when one member equals, else an error if one member raised one, else false. */
static ilokg_status
eval_in(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, int *out)
{
    ilokg_id     a, b;
    ilokg_xval   x, y;
    int          ok, err = 0, found = 0;
    ilokg_status st;
    *out = -1;
    if ((st = ilokg_expr_eval(c, e->args[0], row, &a)) || a == ILOKG_ID_NONE ||
        (st = ilokg_fx_value(c, a, &x, &ok))) {
        return st;
    }
    for (size_t i = 1; i < e->n_args && !found; i++) {
        if ((st = ilokg_expr_eval(c, e->args[i], row, &b))) {
            return st;
        }
        if (b == ILOKG_ID_NONE) {
            err = 1;
            continue;
        }
        if ((st = ilokg_fx_value(c, b, &y, &ok))) {
            return st;
        }
        int r = ilokg_fx_equal(&x, &y);
        if (r < 0) {
            err = 1;
        }
        found = r > 0;
    }
    if (found) {
        *out = e->kind == ILOKG_EX_IN;
    } else if (!err) {
        *out = e->kind != ILOKG_EX_IN;
    }
    return ILOKG_OK;
}

static ilokg_status
eval_logic(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, int *out)
{
    int          a, b;
    ilokg_status st;
    int          is_or = e->kind == ILOKG_EX_OR;
    if ((st = ilokg_expr_ebv(c, e->args[0], row, &a))) {
        return st;
    }
    if (a == is_or) { /* true || ..., false && ... */
        *out = a;
        return ILOKG_OK;
    }
    if ((st = ilokg_expr_ebv(c, e->args[1], row, &b))) {
        return st;
    }
    if (b == is_or) {
        *out = b;
    } else {
        *out = a < 0 || b < 0 ? -1 : b;
    }
    return ILOKG_OK;
}

static ilokg_status
eval_bool(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, int *out)
{
    ilokg_status st;
    ilokg_id     a, b;
    *out = -1;
    switch (e->kind) {
    case ILOKG_EX_OR:
    case ILOKG_EX_AND:
        return eval_logic(c, e, row, out);
    case ILOKG_EX_NOT:
        if (!(st = ilokg_expr_ebv(c, e->args[0], row, out)) && *out >= 0) {
            *out = !*out;
        }
        return st;
    case ILOKG_EX_IN:
    case ILOKG_EX_NOT_IN:
        return eval_in(c, e, row, out);
    case ILOKG_EX_EXISTS:
    case ILOKG_EX_NOT_EXISTS:
        if (!(st = ilokg_qctx_exists(c, e->op, row, out))) {
            *out = e->kind == ILOKG_EX_EXISTS ? !!*out : !*out;
        }
        return st;
    case ILOKG_EX_BUILTIN:
        if (e->fn == ILOKG_FN_BOUND) {
            *out = e->n_args == 1 && e->args[0]->kind == ILOKG_EX_VAR && row &&
                   row[e->args[0]->var] != ILOKG_ID_NONE;
            return ILOKG_OK;
        }
        if ((st = ilokg_expr_eval(c, e->args[0], row, &a)) || a == ILOKG_ID_NONE ||
            (st = ilokg_expr_eval(c, e->args[1], row, &b)) || b == ILOKG_ID_NONE) {
            return st;
        }
        *out = a == b;
        return ILOKG_OK;
    default:
        return eval_compare(c, e, row, out);
    }
}

ilokg_status
ilokg_expr_ebv(ilokg_qctx *c, const ilokg_expr *e, const ilokg_id *row, int *out)
{
    ilokg_id     id;
    ilokg_status st;
    if (is_boolean_expr(e)) {
        return eval_bool(c, e, row, out);
    }
    if (is_arith(e)) {
        ilokg_xval v;
        int        ok;
        if (!(st = eval_xval(c, e, row, &v, &ok))) {
            *out = ok ? xval_ebv(&v) : -1;
        }
        return st;
    }
    if ((st = ilokg_expr_eval(c, e, row, &id))) {
        return st;
    }
    *out = ilokg_expr_term_ebv(c, id);
    return ILOKG_OK;
}
