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

#define MAX_STACK_ARGS 8

/* ---- Values and results ------------------------------------------------------------------ */

ilokg_status
ilokg_fx_value(ilokg_qctx *c, ilokg_id id, ilokg_xval *out, int *ok)
{
    ilokg_qterm  t;
    ilokg_status st;
    *ok = 0;
    if (id == ILOKG_ID_NONE) {
        return ILOKG_OK;
    }
    if ((st = ilokg_qctx_term(c, id, &t))) {
        return st;
    }
    ilokg_xsd_value(out, &t);
    *ok = 1;
    return ILOKG_OK;
}

ilokg_status
ilokg_fx_literal(ilokg_qctx *c, const char *lex, size_t len, const char *lang, const char *dt,
                 ilokg_id *out)
{
    ilokg_qterm t = {ILOKG_QT_LITERAL, lex, len, lang, dt};
    ilokg_qterm_normalize(&t);
    return ilokg_qctx_intern(c, &t, out);
}

ilokg_status
ilokg_fx_bool(ilokg_qctx *c, int b, ilokg_id *out)
{
    return b ? ilokg_fx_literal(c, "true", 4, NULL, ILOKG_XSD "boolean", out)
             : ilokg_fx_literal(c, "false", 5, NULL, ILOKG_XSD "boolean", out);
}

/* Whole doubles and floats below 10^4 written as integers ("9", "2100"), the rest in the XSD
 * canonical form ("3.21E4", "2.0E-1"): the forms the W3C tests expect of computed values. */
static size_t
format_double(char *buf, double d, int is_float)
{
    if (d == floor(d) && fabs(d) < 1e4 && !(d == 0 && signbit(d))) {
        return (size_t)snprintf(buf, 40, "%.0f", d);
    }
    return ilokg_xsd_format_double(buf, d, is_float);
}

ilokg_status
ilokg_fx_number(ilokg_qctx *c, ilokg_xv_kind k, ilokg_dec dec, double d, ilokg_id *out)
{
    char   buf[64];
    size_t len;
    switch (k) {
    case ILOKG_XV_INT:
        len = ilokg_dec_format(buf, dec, 1);
        return ilokg_fx_literal(c, buf, len, NULL, ILOKG_XSD "integer", out);
    case ILOKG_XV_DEC:
        len = ilokg_dec_format(buf, dec, dec.scale == 0);
        return ilokg_fx_literal(c, buf, len, NULL, ILOKG_XSD "decimal", out);
    case ILOKG_XV_FLT:
        len = format_double(buf, d, 1);
        return ilokg_fx_literal(c, buf, len, NULL, ILOKG_XSD "float", out);
    default:
        len = format_double(buf, d, 0);
        return ilokg_fx_literal(c, buf, len, NULL, ILOKG_XSD "double", out);
    }
}

/* ---- Comparison -------------------------------------------------------------------------- */

static int
numeric_cmp(const ilokg_xval *a, const ilokg_xval *b)
{
    if ((a->kind == ILOKG_XV_INT || a->kind == ILOKG_XV_DEC) &&
        (b->kind == ILOKG_XV_INT || b->kind == ILOKG_XV_DEC)) {
        return ilokg_dec_cmp(a->dec, b->dec);
    }
    if (isnan(a->d) || isnan(b->d)) {
        return ILOKG_CMP_NAN;
    }
    if (a->kind == ILOKG_XV_FLT || b->kind == ILOKG_XV_FLT) {
        if (a->kind != ILOKG_XV_DBL && b->kind != ILOKG_XV_DBL) {
            float x = (float)a->d, y = (float)b->d;
            return x < y ? -1 : x > y;
        }
    }
    return a->d < b->d ? -1 : a->d > b->d;
}

static int
lex_cmp(const ilokg_qterm *a, const ilokg_qterm *b)
{
    size_t n = a->lex_len < b->lex_len ? a->lex_len : b->lex_len;
    int    r = memcmp(a->lex, b->lex, n);
    if (r) {
        return r < 0 ? -1 : 1;
    }
    return a->lex_len < b->lex_len ? -1 : a->lex_len > b->lex_len;
}

int
ilokg_fx_compare(const ilokg_xval *a, const ilokg_xval *b)
{
    if (ilokg_xsd_is_numeric(a->kind) && ilokg_xsd_is_numeric(b->kind)) {
        return numeric_cmp(a, b);
    }
    if (a->kind != b->kind) {
        return ILOKG_CMP_ERROR;
    }
    switch (a->kind) {
    case ILOKG_XV_STR:
        return lex_cmp(&a->t, &b->t); /* UTF-8 byte order is code point order */
    case ILOKG_XV_BOOL:
        return a->b < b->b ? -1 : a->b > b->b;
    case ILOKG_XV_DT:
    case ILOKG_XV_DATE: {
        int r = ilokg_xdt_cmp(&a->dt, &b->dt);
        return r == 2 ? ILOKG_CMP_ERROR : r;
    }
    default:
        return ILOKG_CMP_ERROR;
    }
}

int
ilokg_fx_equal(const ilokg_xval *a, const ilokg_xval *b)
{
    int same = ilokg_qterm_equal(&a->t, &b->t);
    if (a->kind == ILOKG_XV_LANG && b->kind == ILOKG_XV_LANG) {
        return same;
    }
    int r = ilokg_fx_compare(a, b);
    if (r != ILOKG_CMP_ERROR) {
        return r == 0;
    }
    if ((a->kind == ILOKG_XV_DT || a->kind == ILOKG_XV_DATE) && a->kind == b->kind) {
        return -1; /* one zone unknown and the instants too close to tell */
    }
    if (same) {
        return 1;
    }
    if (a->t.kind != ILOKG_QT_LITERAL || b->t.kind != ILOKG_QT_LITERAL) {
        return 0;
    }
    /* Two literals with no common value space: different values when both datatypes are
     * known (or one is a language-tagged string), unknown otherwise (open world, 17.4.1.7). */
    if (a->kind == ILOKG_XV_LANG || b->kind == ILOKG_XV_LANG) {
        return 0;
    }
    if (a->kind == ILOKG_XV_OTHER || b->kind == ILOKG_XV_OTHER) {
        return -1;
    }
    return 0;
}

/* ---- Arithmetic -------------------------------------------------------------------------- */

int
ilokg_fx_arith_value(ilokg_xval *out, ilokg_expr_kind op, const ilokg_xval *a, const ilokg_xval *b)
{
    if (!ilokg_xsd_is_numeric(a->kind) || !ilokg_xsd_is_numeric(b->kind)) {
        return -1;
    }
    ilokg_xv_kind k = a->kind > b->kind ? a->kind : b->kind;
    memset(out, 0, sizeof *out);
    if (k == ILOKG_XV_INT && op == ILOKG_EX_DIV) {
        k = ILOKG_XV_DEC;
    }
    out->kind = k;
    if (k == ILOKG_XV_INT || k == ILOKG_XV_DEC) {
        int r = op == ILOKG_EX_ADD   ? ilokg_dec_add(&out->dec, a->dec, b->dec)
                : op == ILOKG_EX_SUB ? ilokg_dec_sub(&out->dec, a->dec, b->dec)
                : op == ILOKG_EX_MUL ? ilokg_dec_mul(&out->dec, a->dec, b->dec)
                                     : ilokg_dec_div(&out->dec, a->dec, b->dec);
        if (!r && op == ILOKG_EX_DIV && out->dec.scale == 0) {
            /* a whole quotient: a decimal written 2.0 (the W3C tests' form for integers and AVG,
             * and Apache Jena's for every division: ROUND(630.1) / 10 is 63.0) */
            ilokg_dec one = {10, 1}; /* 1.0: the product keeps the scale 1 */
            r             = ilokg_dec_mul(&out->dec, out->dec, one);
        }
        out->d = ilokg_dec_to_double(out->dec);
        return r;
    }
    double x = a->d, y = b->d;
    double r = op == ILOKG_EX_ADD   ? x + y
               : op == ILOKG_EX_SUB ? x - y
               : op == ILOKG_EX_MUL ? x * y
                                    : x / y;
    out->d   = k == ILOKG_XV_FLT ? (double)(float)r : r;
    return 0;
}

ilokg_status
ilokg_fx_arith(ilokg_qctx *c, ilokg_expr_kind op, const ilokg_xval *a, const ilokg_xval *b,
               ilokg_id *out)
{
    ilokg_xval r;
    *out = ILOKG_ID_NONE;
    if (ilokg_fx_arith_value(&r, op, a, b)) {
        return ILOKG_OK;
    }
    return ilokg_fx_number(c, r.kind, r.dec, r.d, out);
}

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
