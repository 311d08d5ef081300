/* SPDX-License-Identifier: Apache-2.0 */
/* RDF files into an in-memory quad store, through raptor2's parsers: strict, UTF-8 checked, the
 * first error reported with its file, line and column, blank nodes kept apart per load. */
#include "query/qstore.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <raptor2.h>

#include "query/jsonld_read.h"
#include "export/xmlguard.h"
#include "query/rworld.h"
#include "util/turtle_guard.h"
#include "util/buf.h"
#include "ilokg.h"
#include "query/qstore_int.h"
#include "util/utf8.h"

#define CHUNK_BYTES (1u << 16)
#define URI_CACHE 1024u /* slots of the cache of IRI ids, a power of two */
#define DT_CACHE 16u    /* slots of the datatypes checked, a power of two */

static const char *const parser_names[ILOKG_FORMAT_COUNT] = {
    "turtle", "ntriples", "nquads", "trig", "rdfxml", NULL,
};

/* Where the line-end check is in a line of N-Triples: outside terms, inside an IRI, a string (or
 * just after a backslash in one), a comment. */
typedef enum { LS_OUT, LS_IRI, LS_STRING, LS_ESCAPE, LS_COMMENT } line_state;

typedef struct {
    line_state state;
    char       last;     /* the last byte outside whitespace and comments on this line */
    size_t     line;     /* of the next byte */
    size_t     col_base; /* characters of the current line in the chunks before */
    size_t     last_col; /* the column of last */
} line_scan;

/* raptor interns IRIs: one IRI is one raptor_uri while a reference is held, so the id of a
 * recent IRI is found by its address (predicates, classes and subjects repeat line after line). */
typedef struct {
    raptor_uri *uri; /* a reference of our own */
    ilokg_id    id;
} uri_slot;

typedef struct {
    ilokg_qstore  *st;
    raptor_parser *rp;
    ilokg_diag    *diag;
    const char    *name;
    ilokg_id       graph; /* where default-graph triples go */
    unsigned       load_no;
    size_t         n;
    size_t         n_reported; /* statements already passed to ilokg_qstore_mem_progress */
    size_t         read_whole; /* bytes of a JSON-LD file read whole from its stream */
    ilokg_status   failed;     /* the first error, reported */
    ilokg_buf      label;      /* blank node labels: "b<load>_" then the label */
    size_t         label_prefix;
    /* Where the UTF-8 check is: line and column (characters) of the next byte. */
    size_t line, col;
    char   carry[4]; /* the start of a code point split between two chunks */
    size_t n_carry;
    /* The line-end check of N-Triples and N-Quads (raptor accepts a statement without its '.'). */
    int                line_based;
    bool               guarded; /* all but RDF/XML: the text goes through turtle_guard.h first */
    ilokg_turtle_guard guard;
    line_scan          scan;
    ilokg_buf   pending; /* line-based syntaxes: the start of a line not yet given to raptor */
    uri_slot    uris[URI_CACHE];
    raptor_uri *dts[DT_CACHE]; /* datatype IRIs already checked */
} load_ctx;

/* The length of the ASCII run at p, eight bytes at a time. */
static size_t
ascii_run(const char *p, size_t len)
{
    size_t i = 0;
    for (uint64_t w; i + 8 <= len; i += 8) {
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull) {
            break;
        }
    }
    while (i < len && !((unsigned char)p[i] & 0x80)) {
        i++;
    }
    return i;
}

/* The length of the valid UTF-8 at p (ilokg_utf8_validate, with ASCII runs skipped fast). */
static size_t
valid_prefix(const char *p, size_t len)
{
    size_t i = 0;
    while ((i += ascii_run(p + i, len - i)) < len) {
        uint32_t cp;
        size_t   n = ilokg_utf8_decode(&cp, p + i, len - i);
        if (!n) {
            break;
        }
        i += n;
    }
    return i;
}

static void
fail(load_ctx *lc, ilokg_status st, size_t line, size_t col, const char *text)
{
    if (!lc->failed) {
        lc->failed = ilokg_report_at(lc->diag, st, lc->name, line, col, "%s", text);
        if (lc->rp) {
            raptor_parser_parse_abort(lc->rp);
        }
    }
}

static void
on_log(void *user_data, raptor_log_message *msg)
{
    load_ctx *lc   = user_data;
    size_t    line = 0, col = 0;
    if (msg->locator) {
        line = msg->locator->line > 0 ? (size_t)msg->locator->line : 0;
        col  = msg->locator->column > 0 ? (size_t)msg->locator->column : 0;
    }
    const char *text = msg->text ? msg->text : "(no message)";
    if (msg->level >= RAPTOR_LOG_LEVEL_ERROR) {
        fail(lc, ILOKG_ERR_RDF, line, col, text);
    } else if (msg->level == RAPTOR_LOG_LEVEL_WARN && !lc->failed) {
        ilokg_report_at(lc->diag, ILOKG_OK, lc->name, line, col, "%s", text);
    }
}

/* Blank node labels are local to a load: "b<load>_<label>" keeps two loads' _:x apart (the
 * prefix ends at the first '_', so no two loads can make the same label). */
static ilokg_status
blank_name(load_ctx *lc, const char *label, size_t len, ilokg_qterm *out)
{
    if (!lc->label.len) {
        ilokg_status st = ilokg_buf_printf(&lc->label, "b%u_", lc->load_no);
        if (st) {
            return st;
        }
        lc->label_prefix = lc->label.len;
    }
    lc->label.len   = lc->label_prefix;
    ilokg_status st = ilokg_buf_add(&lc->label, label, len);
    out->lex        = lc->label.ptr;
    out->lex_len    = lc->label.len;
    return st;
}

static ilokg_status
blank_label(load_ctx *lc, const raptor_term *t, ilokg_qterm *out)
{
    /* raptor's N-Triples reader takes the '.' of "_:a." into the label, where no label may end
     * with a '.': it is the statement's. */
    size_t len = (size_t)t->value.blank.string_len;
    while (lc->line_based && len > 1 && t->value.blank.string[len - 1] == '.') {
        len--;
    }
    return blank_name(lc, (const char *)t->value.blank.string, len, out);
}

/* The line of the statement being handled: raptor's line-based readers know it; its Turtle,
 * TriG and RDF/XML readers hand statements over later, so 0 (unknown) beats a wrong line. */
static size_t
statement_line(load_ctx *lc)
{
    raptor_locator *loc = lc->rp ? raptor_parser_get_locator(lc->rp) : NULL;
    return lc->line_based && loc && loc->line > 0 ? (size_t)loc->line : 0;
}

/* An escape (backslash u) of a surrogate gets through raptor as bytes that are not UTF-8. */
static ilokg_status
check_utf8_term(load_ctx *lc, const char *p, size_t len)
{
    if (valid_prefix(p, len) != len) {
        fail(lc, ILOKG_ERR_ENCODING, statement_line(lc), 0,
             "an escape makes no character (a surrogate code point)");
        return ILOKG_ERR_ENCODING;
    }
    return ILOKG_OK;
}

/* Whether an IRI holds only characters an IRI may hold (raptor's N-Triples and RDF/XML readers
 * let spaces' neighbours through: braces, '|', '^', '`', '\\'); reports the first bad one. */
static ilokg_status
check_iri(load_ctx *lc, const char *iri, size_t len)
{
    if (!ilokg_iri_valid(iri, len)) {
        char msg[200];
        snprintf(msg, sizeof msg, "the IRI <%.*s> holds a character IRIs may not hold",
                 (int)(len < 120 ? len : 120), iri);
        fail(lc, ILOKG_ERR_RDF, statement_line(lc), 0, msg);
        return ILOKG_ERR_RDF;
    }
    return check_utf8_term(lc, iri, len);
}

static ilokg_status
literal_term(load_ctx *lc, const raptor_term *t, ilokg_qterm *q)
{
    q->kind    = ILOKG_QT_LITERAL;
    q->lex     = t->value.literal.string ? (const char *)t->value.literal.string : "";
    q->lex_len = t->value.literal.string_len;
    if (check_utf8_term(lc, q->lex, q->lex_len)) {
        return ILOKG_ERR_ENCODING;
    }
    if (t->value.literal.language && t->value.literal.language_len) {
        q->lang = (const char *)t->value.literal.language;
        if (!ilokg_lang_valid(q->lang)) {
            fail(lc, ILOKG_ERR_RDF, statement_line(lc), 0,
                 "a language tag is letters, then '-' and letters or digits");
            return ILOKG_ERR_RDF;
        }
    } else if (t->value.literal.datatype) {
        raptor_uri  *dt   = t->value.literal.datatype;
        raptor_uri **seen = &lc->dts[((uintptr_t)dt >> 4) & (DT_CACHE - 1)];
        size_t       len;
        q->dt = (const char *)raptor_uri_as_counted_string(dt, &len);
        if (*seen != dt) { /* a datatype checked once (a reference held keeps it one) */
            if (check_iri(lc, q->dt, len)) {
                return ILOKG_ERR_RDF;
            }
            if (*seen) {
                raptor_free_uri(*seen);
            }
            *seen = raptor_uri_copy(dt);
        }
    }
    return ILOKG_OK;
}

static ilokg_status
intern_term(load_ctx *lc, const raptor_term *t, ilokg_id *out)
{
    ilokg_qterm q = {0};
    size_t      len;
    uri_slot   *slot = NULL;
    switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
        slot = &lc->uris[((uintptr_t)t->value.uri >> 4) & (URI_CACHE - 1)];
        if (slot->uri == t->value.uri) {
            *out = slot->id;
            return ILOKG_OK;
        }
        q.kind    = ILOKG_QT_IRI;
        q.lex     = (const char *)raptor_uri_as_counted_string(t->value.uri, &len);
        q.lex_len = len;
        if (check_iri(lc, q.lex, len)) {
            return ILOKG_ERR_RDF;
        }
        break;
    case RAPTOR_TERM_TYPE_BLANK:
        q.kind = ILOKG_QT_BLANK;
        if (blank_label(lc, t, &q)) {
            return ILOKG_ERR_NOMEM;
        }
        break;
    case RAPTOR_TERM_TYPE_LITERAL:
        if (literal_term(lc, t, &q)) {
            return ILOKG_ERR_RDF;
        }
        break;
    default:
        return ILOKG_ERR_RDF;
    }
    ilokg_qterm_normalize(&q);
    ilokg_status st = ilokg_qstore_mem_intern(lc->st, &q, out);
    if (!st && slot) {
        if (slot->uri) {
            raptor_free_uri(slot->uri);
        }
        slot->uri = raptor_uri_copy(t->value.uri);
        slot->id  = *out;
    }
    return st;
}

static void
on_statement(void *user_data, raptor_statement *rs)
{
    load_ctx *lc = user_data;
    if (lc->failed) {
        return;
    }
    ilokg_quad   q  = {lc->graph, 0, 0, 0};
    ilokg_status st = intern_term(lc, rs->subject, &q.s);
    if (!st) {
        st = intern_term(lc, rs->predicate, &q.p);
    }
    if (!st) {
        st = intern_term(lc, rs->object, &q.o);
    }
    if (!st && rs->graph) {
        st = intern_term(lc, rs->graph, &q.g);
    }
    if (!st) {
        st = ilokg_qstore_mem_add(lc->st, &q);
    }
    if (st) {
        fail(lc, st, 0, 0, st == ILOKG_ERR_NOMEM ? "out of memory" : "cannot store a statement");
        return;
    }
    lc->n++;
}

/* Checks that chunk is UTF-8 (a code point may straddle two chunks: its start is carried over)
 * and keeps the line and column of the end. Returns how many bytes to pass on to the parser. */
static size_t
check_utf8(load_ctx *lc, const char *p, size_t len, int is_end)
{
    size_t ok  = valid_prefix(p, len);
    size_t bad = ok;
    if (ok < len && !is_end && len - ok < 4) {
        unsigned char lead = (unsigned char)p[ok];
        size_t need = lead > 0xf4 ? 0 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
        int    cont = 1;
        for (size_t i = ok + 1; i < len; i++) {
            cont &= ((unsigned char)p[i] & 0xc0) == 0x80;
        }
        if (need > len - ok && cont) {
            bad = len; /* a truncated code point, not a wrong one: carry it over */
        }
    }
    const char *nl = NULL;
    for (const char *q = p; (q = memchr(q, '\n', (size_t)(p + ok - q))); q++) {
        lc->line++;
        nl = q;
    }
    lc->col = nl ? 1 + ilokg_utf8_count(nl + 1, (size_t)(p + ok - nl - 1))
                 : lc->col + ilokg_utf8_count(p, ok);
    if (bad < len) {
        fail(lc, ILOKG_ERR_ENCODING, lc->line, lc->col, "invalid UTF-8");
        return 0;
    }
    lc->n_carry = len - ok;
    memcpy(lc->carry, p + ok, lc->n_carry);
    return ok;
}

static size_t
count_chars(const char *p, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) {
        c += ((unsigned char)p[i] & 0xc0) != 0x80;
    }
    return c;
}

/* The first of the bytes a (the likeliest) or b or c in p[0,n), or p + n. */
static const char *
find_any(const char *p, size_t n, char a, char b, char c)
{
    const char *end = memchr(p, a, n);
    end             = end ? end : p + n;
    const char *x   = memchr(p, b, (size_t)(end - p));
    end             = x ? x : end;
    x               = memchr(p, c, (size_t)(end - p));
    return x ? x : end;
}

/* How far from p[i] the bytes cannot change the state of the line-end check (inside an IRI, a
 * string or a comment), so that long literals are skipped with memchr. */
static size_t
skip_run(const line_scan *ls, const char *p, size_t i, size_t len)
{
    const char *q = p + i, *stop;
    switch (ls->state) {
    case LS_IRI:
        stop = find_any(q, len - i, '>', '\n', '>');
        break;
    case LS_STRING:
        stop = find_any(q, len - i, '"', '\\', '\n');
        break;
    case LS_COMMENT:
        stop = find_any(q, len - i, '\n', '\n', '\n');
        break;
    default:
        return i;
    }
    return (size_t)(stop - p);
}

/* Checks that each line of N-Triples or N-Quads with a statement ends with its '.'. */
static void
check_line_ends(load_ctx *lc, const char *p, size_t len, int is_end)
{
    line_scan  *ls         = &lc->scan;
    const char *line_start = p, *last_at = NULL; /* in this chunk; columns counted at the end */
    size_t      base = ls->col_base;             /* characters of the line before line_start */
    int         bad  = 0;
    for (size_t i = 0; i < len && !bad; i++) {
        if ((i = skip_run(ls, p, i, len)) == len) {
            break;
        }
        char c = p[i];
        if (c == '\n' && ls->state != LS_STRING && ls->state != LS_ESCAPE) {
            if (ls->last && ls->last != '.') {
                bad = 1;
                break;
            }
            ls->state  = LS_OUT;
            ls->last   = 0;
            last_at    = NULL;
            line_start = p + i + 1;
            base       = 0;
            ls->line++;
            continue;
        }
        switch (ls->state) {
        case LS_OUT:
            if (c == '#') {
                ls->state = LS_COMMENT;
                continue;
            }
            ls->state = c == '<' ? LS_IRI : c == '"' ? LS_STRING : LS_OUT;
            break;
        case LS_IRI:
            ls->state = c == '>' ? LS_OUT : LS_IRI;
            break;
        case LS_STRING:
            ls->state = c == '\\' ? LS_ESCAPE : c == '"' ? LS_OUT : LS_STRING;
            break;
        case LS_ESCAPE:
            ls->state = LS_STRING;
            break;
        case LS_COMMENT:
            continue;
        }
        if (c != ' ' && c != '\t' && c != '\r') {
            ls->last = c;
            last_at  = p + i;
        }
    }
    if (last_at) {
        ls->last_col = base + count_chars(line_start, (size_t)(last_at - line_start)) + 1;
    }
    if (bad || (is_end && ls->last && ls->last != '.')) {
        fail(lc, ILOKG_ERR_RDF, ls->line, ls->last_col + 1,
             "expected '.' at the end of the statement");
    }
    ls->col_base = base + count_chars(line_start, (size_t)(p + len - line_start));
}

static bool
is_line_end(char c)
{
    return c == '\n' || c == '\r';
}

/* Gives bytes to raptor. Its N-Triples and N-Quads parser (2.0.15) copies all it holds into a
 * new buffer with every chunk and scans an unfinished line again from its start, and it drops
 * what it has parsed only when a chunk ends inside a line: given a 16 MB literal 64 KB at a
 * time it took minutes, and given whole lines, each ending in its line end, it kept and copied
 * everything read so far (80 MB of N-Triples: two minutes). So for those syntaxes raptor gets
 * whole lines with the last line end held back: it parses every line but the last, keeps that
 * one (dropping the rest), and finishes it when the line end arrives with the next chunk.
 * Returns raptor's result (non-zero on failure). */
static int
give(load_ctx *lc, const char *p, size_t len, int is_end)
{
    size_t              line, col;
    ilokg_guard_finding f =
        lc->guarded ? ilokg_turtle_guard_scan(&lc->guard, p, len, &line, &col) : ILOKG_GUARD_OK;
    if (f) {
        fail(lc, ILOKG_ERR_RDF, line, col, ilokg_turtle_guard_message(f));
        return 1;
    }
    if (!lc->line_based) {
        return raptor_parser_parse_chunk(lc->rp, (const unsigned char *)p, len, is_end);
    }
    if (ilokg_buf_add(&lc->pending, p, len)) {
        fail(lc, ILOKG_ERR_NOMEM, 0, 0, "out of memory");
        return 1;
    }
    const char *q    = lc->pending.ptr;
    size_t      upto = lc->pending.len;
    if (!is_end) {
        while (upto && !is_line_end(q[upto - 1])) { /* after the last line end */
            upto--;
        }
        while (upto && is_line_end(q[upto - 1])) { /* before it */
            upto--;
        }
    }
    int rc = 0;
    if (upto || is_end) {
        rc = raptor_parser_parse_chunk(lc->rp, (const unsigned char *)q, upto, is_end);
        memmove(lc->pending.ptr, q + upto, lc->pending.len - upto);
        lc->pending.len -= upto;
    }
    return rc;
}

/* Parses one chunk of input (len may be 0 with is_end). */
static void
feed(load_ctx *lc, const char *p, size_t len, int is_end)
{
    char   joined[8];
    size_t n_carry = lc->n_carry;
    while (n_carry && len && !lc->failed) { /* complete the carried code point first */
        size_t take = len < 4 ? len : 4;
        memcpy(joined, lc->carry, n_carry);
        memcpy(joined + n_carry, p, take);
        uint32_t cp;
        size_t   cl = ilokg_utf8_decode(&cp, joined, n_carry + take);
        if (!cl || cl <= n_carry) {
            if (n_carry + take < 4 && take == len && !is_end) {
                memcpy(lc->carry + n_carry, p, take); /* still short: a chunk of 1-2 bytes */
                lc->n_carry = n_carry + take;
                return;
            }
            fail(lc, ILOKG_ERR_ENCODING, lc->line, lc->col, "invalid UTF-8");
            return;
        }
        lc->n_carry = 0;
        lc->col++;
        if (lc->line_based) {
            check_line_ends(lc, joined, cl, 0);
        }
        if (give(lc, joined, cl, 0)) {
            fail(lc, ILOKG_ERR_RDF, lc->line, lc->col, "cannot parse");
        }
        p += cl - n_carry;
        len -= cl - n_carry;
        n_carry = 0;
    }
    if (lc->failed) {
        return;
    }
    if (is_end && lc->n_carry) {
        fail(lc, ILOKG_ERR_ENCODING, lc->line, lc->col, "invalid UTF-8 (a truncated character)");
        return;
    }
    size_t ok = check_utf8(lc, p, len, is_end);
    if (!lc->failed && lc->line_based) {
        check_line_ends(lc, p, ok, is_end);
    }
    if (!lc->failed && (ok || is_end) && give(lc, p, ok, is_end)) {
        fail(lc, ILOKG_ERR_RDF, lc->line, lc->col, "cannot parse");
    }
}

static ilokg_status
choose_parser(const char **out, int *line_based, const char *name, const char *format,
              ilokg_diag *diag)
{
    ilokg_format f;
    if (format) {
        if (ilokg_format_parse(&f, format)) {
            return ilokg_report_at(diag, ILOKG_ERR_USAGE, name, 0, 0, "unknown RDF format '%s'",
                                   format);
        }
    } else if (ilokg_format_from_path(&f, name)) {
        return ilokg_report_at(diag, ILOKG_ERR_USAGE, name, 0, 0,
                               "cannot tell the RDF format from the file name; name it");
    }
    *out        = parser_names[f]; /* NULL: JSON-LD, read by query/jsonld_read.c */
    *line_based = f == ILOKG_FORMAT_NTRIPLES || f == ILOKG_FORMAT_NQUADS;
    return ILOKG_OK;
}

/* A raptor world and parser for one load, set up to refuse what it need not read: no network,
 * no other files, no external XML entities. */
static ilokg_status
start_parser(raptor_world **world, load_ctx *lc, const char *parser, const char *base)
{
    raptor_world *rw = raptor_new_world();
    *world           = rw;
    /* raptor names the blank nodes it makes "genid1", "genid2"... as a file may name its own:
     * a leading '-' starts no label of Turtle, N-Triples or RDF/XML, so its names are its own. */
    char gen_prefix[] = "-g";
    if (rw) {
        raptor_world_set_generate_bnodeid_parameters(rw, gen_prefix, 1);
    }
    if (!rw || raptor_world_set_log_handler(rw, lc, on_log) || ilokg_raptor_world_open(rw) ||
        !(lc->rp = raptor_new_parser(rw, parser))) {
        return ILOKG_ERR_NOMEM;
    }
    raptor_parser_set_option(lc->rp, RAPTOR_OPTION_STRICT, NULL, 1);
    raptor_parser_set_option(lc->rp, RAPTOR_OPTION_NO_NET, NULL, 1);
    raptor_parser_set_option(lc->rp, RAPTOR_OPTION_NO_FILE, NULL, 1);
    raptor_parser_set_option(lc->rp, RAPTOR_OPTION_LOAD_EXTERNAL_ENTITIES, NULL, 0);
    raptor_parser_set_statement_handler(lc->rp, lc, on_statement);
    unsigned char *owned = NULL;
    if (!base) {
        owned = raptor_uri_filename_to_uri_string(lc->name);
        base  = (const char *)owned;
    }
    raptor_uri  *uri = base ? raptor_new_uri(rw, (const unsigned char *)base) : NULL;
    ilokg_status st  = ILOKG_OK;
    if (!uri) {
        st = ilokg_report_at(lc->diag, ILOKG_ERR_RDF, lc->name, 0, 0, "bad base IRI");
    } else if (raptor_parser_parse_start(lc->rp, uri)) {
        st = ILOKG_ERR_RDF;
        fail(lc, st, 0, 0, "cannot start the parser");
    }
    if (uri) {
        raptor_free_uri(uri);
    }
    raptor_free_memory(owned);
    return st;
}

typedef struct {
    FILE       *fp;
    const char *bytes;
    size_t      len;
} input;

/* A term of the JSON-LD reader's, interned (its blank nodes made local to this load). */
static ilokg_status
jsonld_term(load_ctx *lc, const ilokg_qterm *t, ilokg_id *out)
{
    ilokg_qterm q = *t;
    if (q.kind == ILOKG_QT_BLANK && blank_name(lc, t->lex, t->lex_len, &q)) {
        return ILOKG_ERR_NOMEM;
    }
    if (q.kind == ILOKG_QT_LITERAL && q.dt && check_iri(lc, q.dt, strlen(q.dt))) {
        return ILOKG_ERR_RDF;
    }
    return ilokg_qstore_mem_intern(lc->st, &q, out);
}

static ilokg_status
on_jsonld(void *user, const ilokg_qterm *s, const ilokg_qterm *p, const ilokg_qterm *o,
          const ilokg_qterm *g)
{
    load_ctx    *lc = user;
    ilokg_quad   q  = {lc->graph, 0, 0, 0};
    ilokg_status st = jsonld_term(lc, s, &q.s);
    if (!st) {
        st = jsonld_term(lc, p, &q.p);
    }
    if (!st) {
        st = jsonld_term(lc, o, &q.o);
    }
    if (!st && g) {
        st = jsonld_term(lc, g, &q.g);
    }
    if (!st) {
        st = ilokg_qstore_mem_add(lc->st, &q);
    }
    if (st && !lc->failed) {
        fail(lc, st, 0, 0, st == ILOKG_ERR_NOMEM ? "out of memory" : "cannot store a statement");
    }
    lc->n += !st;
    return st;
}

/* Bytes read since the last report and the statements added since then, to the progress hook. */
static void
report(load_ctx *lc, size_t bytes, size_t files)
{
    ilokg_qstore_mem_progress(lc->st, bytes, lc->n - lc->n_reported, files);
    lc->n_reported = lc->n;
}

/* The rest of a file into text. */
static ilokg_status
read_all(load_ctx *lc, FILE *fp, ilokg_buf *text)
{
    char         chunk[CHUNK_BYTES];
    size_t       got;
    ilokg_status st = ILOKG_OK;
    while (!st && (got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        st = ilokg_buf_add(text, chunk, got);
    }
    if (!st && ferror(fp)) {
        st = ilokg_report_at(lc->diag, ILOKG_ERR_IO, lc->name, 0, 0, "cannot read: %s",
                             strerror(errno));
    }
    return st;
}

/* JSON-LD is read whole (a JSON text has no statement boundaries to stream by). Relative IRIs
 * resolve against base or, as in the other syntaxes, the file's own file: IRI. */
static ilokg_status
load_jsonld(load_ctx *lc, const input *in, const char *base)
{
    ilokg_buf      text  = ILOKG_BUF_INIT;
    ilokg_status   st    = in->fp ? read_all(lc, in->fp, &text) : ILOKG_OK;
    unsigned char *owned = NULL;
    if (!base) {
        owned = raptor_uri_filename_to_uri_string(lc->name);
        base  = (const char *)owned;
    }
    lc->read_whole = text.len;
    if (!st) {
        st = ilokg_jsonld_read(in->fp ? text.ptr : in->bytes, in->fp ? text.len : in->len, lc->name,
                               base, on_jsonld, lc, lc->diag);
    }
    if (st && !lc->failed) {
        lc->failed = st; /* reported by the reader */
    }
    raptor_free_memory(owned);
    ilokg_buf_free(&text);
    return st;
}

static ilokg_status
load(ilokg_qstore *st, const input *in, const char *name, const char *format, const char *graph,
     const char *base, ilokg_diag *diag, size_t *n_added)
{
    const char *parser = NULL;
    load_ctx    lc     = {.st = st, .diag = diag, .name = name, .line = 1, .col = 1};
    lc.scan.line       = 1;
    raptor_world *rw   = NULL;
    size_t        mark = 0;
    ilokg_status  s    = ilokg_qstore_mem_begin_load(st, &lc.load_no, &mark);
    if (!s) {
        s = choose_parser(&parser, &lc.line_based, name, format, diag);
    }
    lc.guarded = parser && strcmp(parser, "rdfxml");
    ilokg_turtle_guard_init(&lc.guard);
    lc.graph = ILOKG_ID_DEFAULT_GRAPH;
    if (!s && graph) {
        ilokg_qterm g = {ILOKG_QT_IRI, graph, strlen(graph), NULL, NULL};
        s             = ilokg_qstore_mem_intern(st, &g, &lc.graph);
    }
    /* RDF/XML is read whole and checked first: entity declarations, external DTDs and language
     * tags raptor cannot hold (export/xmlguard.h). */
    ilokg_buf whole = ILOKG_BUF_INIT;
    input     as_bytes;
    if (!s && parser && !strcmp(parser, "rdfxml")) {
        s = in->fp ? read_all(&lc, in->fp, &whole) : ILOKG_OK;
        if (!s) {
            as_bytes = (input){NULL, in->fp ? whole.ptr : in->bytes, in->fp ? whole.len : in->len};
            in       = &as_bytes;
            s        = ilokg_xml_check_dtd(diag, name, in->bytes ? in->bytes : "", in->len);
        }
    }
    int jsonld = !s && !parser;
    if (jsonld) {
        s = load_jsonld(&lc, in, base);
    } else if (!s) {
        s = start_parser(&rw, &lc, parser, base);
    }
    char *buf = !s && !jsonld && in->fp ? malloc(CHUNK_BYTES) : NULL;
    if (!s && !jsonld && in->fp && !buf) {
        s = ILOKG_ERR_NOMEM;
    }
    if (!s && jsonld) {
        /* read above */
    } else if (!s && in->fp) {
        size_t got;
        while (!lc.failed && (got = fread(buf, 1, CHUNK_BYTES, in->fp)) > 0) {
            feed(&lc, buf, got, 0);
            report(&lc, got, 0);
        }
        if (!lc.failed && ferror(in->fp)) {
            fail(&lc, ILOKG_ERR_IO, 0, 0, strerror(errno));
        }
        if (!lc.failed) {
            feed(&lc, "", 0, 1);
        }
    } else if (!s) {
        feed(&lc, in->bytes, in->len, 1);
    }
    if (!s) {
        s = lc.failed;
    }
    if (!s) { /* what was read whole (from memory, RDF/XML, JSON-LD) counts at its end */
        report(&lc, in->fp ? lc.read_whole : in->len, 1);
    }
    if (s && lc.load_no) {
        ilokg_qstore_mem_rollback(st, mark); /* a file is read whole or not at all */
    }
    free(buf);
    ilokg_buf_free(&whole);
    ilokg_buf_free(&lc.label);
    ilokg_buf_free(&lc.pending);
    if (lc.rp) {
        raptor_free_parser(lc.rp);
    }
    for (size_t i = 0; i < URI_CACHE; i++) {
        if (lc.uris[i].uri) {
            raptor_free_uri(lc.uris[i].uri);
        }
    }
    for (size_t i = 0; i < DT_CACHE; i++) {
        if (lc.dts[i]) {
            raptor_free_uri(lc.dts[i]);
        }
    }
    ilokg_raptor_world_free(rw);
    if (n_added) {
        *n_added = lc.n;
    }
    return s;
}

ilokg_status
ilokg_qstore_mem_load(ilokg_qstore *st, const char *path, const char *format, const char *graph,
                      const char *base, ilokg_diag *diag, size_t *n_added)
{
    if (n_added) {
        *n_added = 0;
    }
    input in = {fopen(path, "rb"), NULL, 0};
    if (!in.fp) {
        return ilokg_report_at(diag, errno == ENOENT ? ILOKG_ERR_NOT_FOUND : ILOKG_ERR_IO, path, 0,
                               0, "cannot open: %s", strerror(errno));
    }
    ilokg_status s = load(st, &in, path, format, graph, base, diag, n_added);
    fclose(in.fp);
    return s;
}

ilokg_status
ilokg_qstore_mem_load_bytes(ilokg_qstore *st, const char *bytes, size_t len, const char *name,
                            const char *format, const char *graph, const char *base,
                            ilokg_diag *diag, size_t *n_added)
{
    input in = {NULL, bytes, len};
    return load(st, &in, name, format, graph, base, diag, n_added);
}
