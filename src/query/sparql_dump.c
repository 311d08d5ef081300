/* SPDX-License-Identifier: Apache-2.0 */
/* The algebra of a parsed query as an S-expression, in the manner of Jena's
 * `qparse --print=op`: one operator a line, indented by depth; expressions inline. */
#include "query/algebra.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/turtle.h"

typedef struct {
    FILE               *fp;
    const ilokg_sparql *q;
} dumper;

static const char *const fn_names[ILOKG_FN_COUNT_] = {
    "str",      "lang",           "langMatches", "datatype",  "bound",   "iri",
    "uri",      "bnode",          "rand",        "abs",       "ceil",    "floor",
    "round",    "concat",         "substr",      "strlen",    "replace", "ucase",
    "lcase",    "encode_for_uri", "contains",    "strstarts", "strends", "strbefore",
    "strafter", "year",           "month",       "day",       "hours",   "minutes",
    "seconds",  "timezone",       "tz",          "now",       "uuid",    "struuid",
    "md5",      "sha1",           "sha256",      "sha384",    "sha512",  "coalesce",
    "if",       "strlang",        "strdt",       "sameTerm",  "isIRI",   "isURI",
    "isBlank",  "isLiteral",      "isNumeric",   "regex",
};

static void
put_string(FILE *fp, const char *s, size_t len)
{
    ilokg_buf b = ILOKG_BUF_INIT;
    if (!ilokg_turtle_string(&b, s, len)) {
        fwrite(b.ptr, 1, b.len, fp);
    }
    ilokg_buf_free(&b);
}

static void
put_term(FILE *fp, const ilokg_qterm *t)
{
    static const char *const plain[] = {ILOKG_XSD "integer", ILOKG_XSD "decimal",
                                        ILOKG_XSD "double", ILOKG_XSD "boolean"};
    switch (t->kind) {
    case ILOKG_QT_IRI:
        fprintf(fp, "<%.*s>", (int)t->lex_len, t->lex);
        return;
    case ILOKG_QT_BLANK:
        fprintf(fp, "_:%.*s", (int)t->lex_len, t->lex);
        return;
    case ILOKG_QT_LITERAL:
        for (size_t i = 0; t->dt && i < sizeof plain / sizeof plain[0]; i++) {
            if (!strcmp(t->dt, plain[i])) {
                fprintf(fp, "%.*s", (int)t->lex_len, t->lex);
                return;
            }
        }
        put_string(fp, t->lex, t->lex_len);
        if (t->lang) {
            fprintf(fp, "@%s", t->lang);
        } else if (t->dt) {
            fprintf(fp, "^^<%s>", t->dt);
        }
        return;
    default:
        fputs("UNDEF", fp);
    }
}

static void
put_var(const dumper *d, ilokg_var v)
{
    fprintf(d->fp, "?%s", v < d->q->n_vars ? d->q->var_names[v] : "?");
}

static void
put_node(const dumper *d, const ilokg_qnode *n)
{
    if (n->is_var) {
        put_var(d, n->var);
    } else {
        put_term(d->fp, &n->term);
    }
}

static void put_op(const dumper *d, const ilokg_op *op, int depth);

static void
put_expr(const dumper *d, const ilokg_expr *e)
{
    static const char *const ops[] = {
        [ILOKG_EX_OR] = "||", [ILOKG_EX_AND] = "&&",       [ILOKG_EX_NOT] = "!",
        [ILOKG_EX_EQ] = "=",  [ILOKG_EX_NE] = "!=",        [ILOKG_EX_LT] = "<",
        [ILOKG_EX_GT] = ">",  [ILOKG_EX_LE] = "<=",        [ILOKG_EX_GE] = ">=",
        [ILOKG_EX_ADD] = "+", [ILOKG_EX_SUB] = "-",        [ILOKG_EX_MUL] = "*",
        [ILOKG_EX_DIV] = "/", [ILOKG_EX_NEG] = "-",        [ILOKG_EX_POS] = "+",
        [ILOKG_EX_IN] = "in", [ILOKG_EX_NOT_IN] = "notin",
    };
    FILE *fp = d->fp;
    switch (e->kind) {
    case ILOKG_EX_VAR:
        put_var(d, e->var);
        return;
    case ILOKG_EX_CONST:
        put_term(fp, &e->term);
        return;
    case ILOKG_EX_EXISTS:
    case ILOKG_EX_NOT_EXISTS:
        fputs(e->kind == ILOKG_EX_EXISTS ? "(exists " : "(notexists ", fp);
        put_op(d, e->op, -1);
        fputc(')', fp);
        return;
    case ILOKG_EX_BUILTIN:
        fprintf(fp, "(%s", fn_names[e->fn]);
        break;
    case ILOKG_EX_FUNCTION:
        fputc('(', fp);
        put_term(fp, &e->term);
        break;
    default:
        fprintf(fp, "(%s", ops[e->kind]);
    }
    for (size_t i = 0; i < e->n_args; i++) {
        fputc(' ', fp);
        put_expr(d, e->args[i]);
    }
    fputc(')', fp);
}

static void
put_path(const dumper *d, const ilokg_path *p)
{
    static const char *const names[] = {
        [ILOKG_PATH_SEQ] = "seq",           [ILOKG_PATH_ALT] = "alt",
        [ILOKG_PATH_INV] = "reverse",       [ILOKG_PATH_ZERO_OR_MORE] = "path*",
        [ILOKG_PATH_ONE_OR_MORE] = "path+", [ILOKG_PATH_ZERO_OR_ONE] = "path?",
    };
    FILE *fp = d->fp;
    if (p->kind == ILOKG_PATH_LINK) {
        put_node(d, &p->iri);
        return;
    }
    if (p->kind == ILOKG_PATH_NEG) {
        fputs("(notoneof", fp);
        for (size_t i = 0; i < p->n_fwd; i++) {
            fputc(' ', fp);
            put_node(d, &p->fwd[i]);
        }
        for (size_t i = 0; i < p->n_inv; i++) {
            fputs(" (reverse ", fp);
            put_node(d, &p->inv[i]);
            fputc(')', fp);
        }
        fputc(')', fp);
        return;
    }
    fprintf(fp, "(%s ", names[p->kind]);
    put_path(d, p->a);
    if (p->b) {
        fputc(' ', fp);
        put_path(d, p->b);
    }
    fputc(')', fp);
}

static void
put_triple(const dumper *d, const ilokg_triple *t)
{
    fputs(t->path ? "(path " : "(triple ", d->fp);
    put_node(d, &t->s);
    fputc(' ', d->fp);
    if (t->path) {
        put_path(d, t->path);
    } else {
        put_node(d, &t->p);
    }
    fputc(' ', d->fp);
    put_node(d, &t->o);
    fputc(')', d->fp);
}

static void
put_vars(const dumper *d, const ilokg_var *vars, size_t n)
{
    fputc('(', d->fp);
    for (size_t i = 0; i < n; i++) {
        if (i) {
            fputc(' ', d->fp);
        }
        put_var(d, vars[i]);
    }
    fputc(')', d->fp);
}

static void
put_table(const dumper *d, const ilokg_op *op)
{
    FILE *fp = d->fp;
    fputs("(table (vars", fp);
    for (size_t i = 0; i < op->n_vars; i++) {
        fputc(' ', fp);
        put_var(d, op->vars[i]);
    }
    fputc(')', fp);
    for (size_t r = 0; r < op->n_rows; r++) {
        fputs(" (row", fp);
        for (size_t i = 0; i < op->n_vars; i++) {
            const ilokg_qnode *n = &op->rows[r * op->n_vars + i];
            if (n->term.kind) {
                fputs(" [", fp);
                put_var(d, op->vars[i]);
                fputc(' ', fp);
                put_node(d, n);
                fputc(']', fp);
            }
        }
        fputc(')', fp);
    }
}

static void
put_group(const dumper *d, const ilokg_op *op)
{
    static const char *const aggs[] = {"count", "sum",    "min",         "max",
                                       "avg",   "sample", "group_concat"};
    FILE                    *fp     = d->fp;
    fputs("(group (", fp);
    for (size_t i = 0; i < op->n_exprs; i++) {
        fputs(i ? " " : "", fp);
        if (op->vars[i] != ILOKG_VAR_NONE &&
            !(op->exprs[i]->kind == ILOKG_EX_VAR && op->exprs[i]->var == op->vars[i])) {
            fputc('(', fp);
            put_var(d, op->vars[i]);
            fputc(' ', fp);
            put_expr(d, op->exprs[i]);
            fputc(')', fp);
        } else {
            put_expr(d, op->exprs[i]);
        }
    }
    fputs(") (", fp);
    for (size_t i = 0; i < op->n_aggs; i++) {
        const ilokg_aggregate *a = &op->aggs[i];
        fprintf(fp, "%s(", i ? " " : "");
        put_var(d, a->var);
        fprintf(fp, " (%s%s", aggs[a->kind], a->distinct ? " distinct" : "");
        if (a->separator) {
            fputs(" (separator ", fp);
            put_string(fp, a->separator, strlen(a->separator));
            fputc(')', fp);
        }
        if (a->arg) {
            fputc(' ', fp);
            put_expr(d, a->arg);
        }
        fputs("))", fp);
    }
    fputc(')', fp);
}

static void
put_head(const dumper *d, const ilokg_op *op)
{
    FILE *fp = d->fp;
    switch (op->kind) {
    case ILOKG_OP_BGP:
        fputs("(bgp", fp);
        for (size_t i = 0; i < op->n_triples; i++) {
            fputc(' ', fp);
            put_triple(d, &op->triples[i]);
        }
        return;
    case ILOKG_OP_JOIN:
        fputs("(join", fp);
        return;
    case ILOKG_OP_LEFTJOIN:
        fputs("(leftjoin", fp);
        return;
    case ILOKG_OP_MINUS:
        fputs("(minus", fp);
        return;
    case ILOKG_OP_UNION:
        fputs("(union", fp);
        return;
    case ILOKG_OP_FILTER:
        fputs("(filter ", fp);
        if (op->n_exprs == 1) {
            put_expr(d, op->exprs[0]);
        } else {
            fputs("(exprlist", fp);
            for (size_t i = 0; i < op->n_exprs; i++) {
                fputc(' ', fp);
                put_expr(d, op->exprs[i]);
            }
            fputc(')', fp);
        }
        return;
    case ILOKG_OP_GRAPH:
        fputs("(graph ", fp);
        put_node(d, &op->graph);
        return;
    case ILOKG_OP_EXTEND:
        fputs("(extend ((", fp);
        put_var(d, op->var);
        fputc(' ', fp);
        put_expr(d, op->expr);
        fputs("))", fp);
        return;
    case ILOKG_OP_TABLE:
        put_table(d, op);
        return;
    case ILOKG_OP_GROUP:
        put_group(d, op);
        return;
    case ILOKG_OP_ORDER:
        fputs("(order (", fp);
        for (size_t i = 0; i < op->n_conds; i++) {
            fputs(i ? " " : "", fp);
            fputs(op->conds[i].desc ? "(desc " : "", fp);
            put_expr(d, op->conds[i].expr);
            fputs(op->conds[i].desc ? ")" : "", fp);
        }
        fputc(')', fp);
        return;
    case ILOKG_OP_PROJECT:
        fputs("(project ", fp);
        put_vars(d, op->vars, op->n_vars);
        return;
    case ILOKG_OP_DISTINCT:
        fputs("(distinct", fp);
        return;
    case ILOKG_OP_REDUCED:
        fputs("(reduced", fp);
        return;
    case ILOKG_OP_SLICE:
        fputs("(slice ", fp);
        op->offset ? fprintf(fp, "%zu", op->offset) : fputs("_", fp);
        op->limit != ILOKG_NO_LIMIT ? fprintf(fp, " %zu", op->limit) : fputs(" _", fp);
        return;
    }
}

/* depth < 0: all on one line. */
static void
put_op(const dumper *d, const ilokg_op *op, int depth)
{
    put_head(d, op);
    const ilokg_op *kids[2] = {op->a, op->b};
    for (int i = 0; i < 2; i++) {
        if (!kids[i]) {
            continue;
        }
        if (depth < 0) {
            fputc(' ', d->fp);
        } else {
            fprintf(d->fp, "\n%*s", 2 * (depth + 1), "");
        }
        put_op(d, kids[i], depth < 0 ? -1 : depth + 1);
    }
    if (op->kind == ILOKG_OP_LEFTJOIN && op->expr) {
        fputc(' ', d->fp);
        put_expr(d, op->expr);
    }
    fputc(')', d->fp);
}

ilokg_status
ilokg_sparql_dump(const ilokg_sparql *q, FILE *fp)
{
    dumper d = {fp, q};
    put_op(&d, q->where, 0);
    fputc('\n', fp);
    return ferror(fp) ? ILOKG_ERR_IO : ILOKG_OK;
}
