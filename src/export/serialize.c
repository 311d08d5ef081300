/* SPDX-License-Identifier: Apache-2.0 */
/* RDF output: raptor serializers fed the graph's sorted, deduplicated statements (no librdf
 * model needed, so no storage cost and a deterministic order), and a TriG writer. */
#include "export/serialize.h"

#include <redland.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/turtle.h"

static raptor_term *
term_iri(raptor_world *rw, const char *iri)
{
    return raptor_new_term_from_uri_string(rw, (const unsigned char *)iri);
}

static raptor_term *
term_object(raptor_world *rw, const ilokg_quad *q)
{
    if (!q->literal) {
        return term_iri(rw, q->o);
    }
    raptor_uri *dt = q->dt ? raptor_new_uri(rw, (const unsigned char *)q->dt) : NULL;
    if (q->dt && !dt) {
        return NULL;
    }
    raptor_term *t = raptor_new_term_from_literal(rw, (const unsigned char *)q->o, dt,
                                                  (const unsigned char *)q->lang);
    if (dt) {
        raptor_free_uri(dt);
    }
    return t;
}

/* Streams statements (triples, or quads when with_graph) into a raptor serializer. */
static ilokg_status
raptor_write(FILE *fp, ilokg_world *world, ilokg_graph *g, const char *syntax, bool with_graph)
{
    void        *lw = NULL;
    ilokg_status st = ilokg_graph_rdf_world(&lw, world);
    if (st) {
        return st;
    }
    raptor_world       *rw  = librdf_world_get_raptor(lw);
    raptor_serializer  *ser = raptor_new_serializer(rw, syntax);
    const ilokg_quad  **t   = NULL;
    size_t              n   = 0;
    size_t              n_prefixes;
    const ilokg_prefix *pf      = ilokg_graph_prefixes(&n_prefixes);
    size_t              errors0 = world->diag.n_errors;
    if (!ser) {
        return ilokg_report_at(&world->diag, ILOKG_ERR_RDF, NULL, 0, 0,
                               "raptor has no '%s' serializer", syntax);
    }
    if (raptor_serializer_start_to_file_handle(ser, NULL, fp)) {
        st = ilokg_report_at(&world->diag, ILOKG_ERR_RDF, NULL, 0, 0,
                             "cannot start the '%s' serializer", syntax);
    }
    for (size_t i = 0; !st && i < n_prefixes; i++) {
        /* A namespace the serializer declares itself (rdf:) is refused; that is harmless. */
        raptor_uri *u = raptor_new_uri(rw, (const unsigned char *)pf[i].iri);
        if (!u) {
            st = ILOKG_ERR_NOMEM;
        } else {
            raptor_serializer_set_namespace(ser, u, (const unsigned char *)pf[i].prefix);
            raptor_free_uri(u);
        }
    }
    if (!st) {
        if (with_graph) {
            const ilokg_quad *q = ilokg_graph_quads(g, &n);
            t                   = malloc((n ? n : 1) * sizeof *t);
            for (size_t i = 0; t && i < n; i++) {
                t[i] = &q[i];
            }
            st = t ? ILOKG_OK : ILOKG_ERR_NOMEM;
        } else {
            st = ilokg_graph_triples(&t, &n, g);
        }
    }
    for (size_t i = 0; !st && i < n; i++) {
        raptor_statement s;
        raptor_statement_init(&s, rw);
        s.subject   = term_iri(rw, t[i]->s);
        s.predicate = term_iri(rw, t[i]->p);
        s.object    = term_object(rw, t[i]);
        s.graph     = with_graph ? term_iri(rw, t[i]->g) : NULL;
        if (!s.subject || !s.predicate || !s.object || (with_graph && !s.graph)) {
            st = ILOKG_ERR_NOMEM;
        } else if (raptor_serializer_serialize_statement(ser, &s)) {
            st = ilokg_report_at(&world->diag, ILOKG_ERR_RDF, NULL, 0, 0,
                                 "the '%s' serializer failed on <%s>", syntax, t[i]->s);
        }
        raptor_statement_clear(&s);
    }
    if (raptor_serializer_serialize_end(ser) && !st) {
        st = ilokg_report_at(&world->diag, ILOKG_ERR_RDF, NULL, 0, 0, "the '%s' serializer failed",
                             syntax);
    }
    raptor_free_serializer(ser);
    free(t);
    /* raptor logs some failures (an illegal character) and carries on: still a failed output. */
    return !st && world->diag.n_errors != errors0 ? ILOKG_ERR_RDF : st;
}

/* ---- TriG --------------------------------------------------------------------------------- */

static bool
local_name_ok(const char *s)
{
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))) {
        return false;
    }
    for (; *s; s++) {
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-')) {
            return false;
        }
    }
    return true;
}

/* An IRI as prefix:local when a declared namespace and a plain local name allow, else <IRI>
 * with any character IRIREF forbids written as \uXXXX. */
static ilokg_status
add_iri(ilokg_buf *b, const char *iri)
{
    size_t              n;
    const ilokg_prefix *pf = ilokg_graph_prefixes(&n);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(pf[i].iri);
        if (!strncmp(iri, pf[i].iri, len) && local_name_ok(iri + len)) {
            return ilokg_buf_printf(b, "%s:%s", pf[i].prefix, iri + len);
        }
    }
    ilokg_status st = ilokg_buf_addc(b, '<');
    for (const unsigned char *p = (const unsigned char *)iri; !st && *p; p++) {
        st = *p <= 0x20 || strchr("<>\"{}|^`\\", *p) ? ilokg_buf_printf(b, "\\u%04X", *p)
                                                     : ilokg_buf_addc(b, (char)*p);
    }
    return st ? st : ilokg_buf_addc(b, '>');
}

/* An xsd:integer whose lexical form Turtle's INTEGER token also reads: written bare (23). */
static bool
bare_integer(const ilokg_quad *q)
{
    const char *p = q->o;
    if (!q->dt || strcmp(q->dt, ILOKG_NS_XSD "integer")) {
        return false;
    }
    p += *p == '+' || *p == '-';
    if (!*p) {
        return false;
    }
    for (; *p; p++) {
        if (*p < '0' || *p > '9') {
            return false;
        }
    }
    return true;
}

static ilokg_status
add_object(ilokg_buf *b, const ilokg_quad *q)
{
    if (!q->literal) {
        return add_iri(b, q->o);
    }
    if (bare_integer(q)) {
        return ilokg_buf_adds(b, q->o);
    }
    ilokg_status st = ilokg_turtle_string(b, q->o, strlen(q->o));
    if (!st && q->lang) {
        st = ilokg_buf_printf(b, "@%s", q->lang);
    } else if (!st && q->dt) {
        st = ilokg_buf_adds(b, "^^");
        if (!st) {
            st = add_iri(b, q->dt);
        }
    }
    return st;
}

/* ---- N-Triples and N-Quads ---------------------------------------------------------------- */

/* One code point of valid UTF-8 at p (the graph's strings are valid: sources are checked); *len
 * gets its length. */
static uint32_t
utf8_decode(const unsigned char *p, size_t *len)
{
    if (p[0] < 0xE0) {
        *len = 2;
        return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (p[0] < 0xF0) {
        *len = 3;
        return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    *len = 4;
    return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
           ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* True when none of the 8 bytes in w needs escaping: each in 0x20..0x7E, none '"' or '\\'. Each
 * test sets the high bit of a byte that fails it (exact for the existence of such a byte). */
static bool
plain8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t       q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    uint64_t       below = (w - ones * 0x20) & ~w;   /* a byte under 0x20 */
    uint64_t       above = ((w & ~high) + ones) | w; /* a byte of 0x7F or more */
    uint64_t       quote = (q - ones) & ~q, bslash = (bs - ones) & ~bs;
    return !((below | above | quote | bslash) & high);
}

/* s escaped as raptor's N-Triples writer does (ASCII output, so byte-identical to what it wrote
 * before): \" \\ \t \n \r; other controls, DEL and every non-ASCII character as \uXXXX or
 * \UXXXXXXXX, upper-case hex. Runs of plain bytes are copied at once. */
static ilokg_status
add_nt_escaped(ilokg_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t            len   = strlen(s);
    /* At most 10 bytes out for each byte in (a control character: \u00XX is 6). */
    ilokg_status st = len > (SIZE_MAX - 16) / 10 ? ILOKG_ERR_NOMEM : ilokg_buf_reserve(b, len * 10);
    if (st) {
        return st;
    }
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    char                *o = b->ptr + b->len;
    while (p < end) {
        const unsigned char *run = p;
        for (uint64_t w; end - p >= 8 && (memcpy(&w, p, 8), plain8(w)); p += 8) {
        }
        while (p < end && *p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\') {
            p++;
        }
        memcpy(o, run, (size_t)(p - run));
        o += p - run;
        if (p == end) {
            break;
        }
        size_t n = 1;
        *o++     = '\\';
        switch (*p) {
        case '"':
            *o++ = '"';
            break;
        case '\\':
            *o++ = '\\';
            break;
        case '\t':
            *o++ = 't';
            break;
        case '\n':
            *o++ = 'n';
            break;
        case '\r':
            *o++ = 'r';
            break;
        default: {
            uint32_t c      = *p < 0x80 ? *p : utf8_decode(p, &n);
            int      digits = c > 0xFFFF ? 8 : 4;
            *o++            = c > 0xFFFF ? 'U' : 'u';
            for (int i = digits - 1; i >= 0; i--) {
                *o++ = hex[(c >> (4 * i)) & 0xF];
            }
        }
        }
        p += n;
    }
    b->len         = (size_t)(o - b->ptr);
    b->ptr[b->len] = '\0';
    return ILOKG_OK;
}

static ilokg_status
add_nt_iri(ilokg_buf *b, const char *iri)
{
    ilokg_status st = ilokg_buf_addc(b, '<');
    if (!st && !(st = add_nt_escaped(b, iri))) {
        st = ilokg_buf_addc(b, '>');
    }
    return st;
}

static ilokg_status
add_nt_line(ilokg_buf *b, const ilokg_quad *q, bool with_graph)
{
    ilokg_status st = add_nt_iri(b, q->s);
    if (!st && !(st = ilokg_buf_addc(b, ' ')) && !(st = add_nt_iri(b, q->p)) &&
        !(st = ilokg_buf_addc(b, ' '))) {
        if (!q->literal) {
            st = add_nt_iri(b, q->o);
        } else if (!(st = ilokg_buf_addc(b, '"')) && !(st = add_nt_escaped(b, q->o)) &&
                   !(st = ilokg_buf_addc(b, '"'))) {
            if (q->lang) {
                st = ilokg_buf_addc(b, '@');
                st = st ? st : ilokg_buf_adds(b, q->lang);
            } else if (q->dt) {
                st = ilokg_buf_adds(b, "^^");
                st = st ? st : add_nt_iri(b, q->dt);
            }
        }
    }
    if (!st && with_graph && !(st = ilokg_buf_addc(b, ' '))) {
        st = add_nt_iri(b, q->g);
    }
    return st ? st : ilokg_buf_adds(b, " .\n");
}

/* ---- the writer ----------------------------------------------------------------------------- */

bool
ilokg_writer_streams(ilokg_format f)
{
    return f == ILOKG_FORMAT_TURTLE || f == ILOKG_FORMAT_NTRIPLES || f == ILOKG_FORMAT_NQUADS ||
           f == ILOKG_FORMAT_TRIG;
}

void
ilokg_writer_init(ilokg_writer *w, ilokg_format f)
{
    w->format     = f;
    w->with_graph = f == ILOKG_FORMAT_NQUADS || f == ILOKG_FORMAT_TRIG;
    w->started    = false;
    w->prev       = NULL;
}

ilokg_status
ilokg_writer_head(ilokg_writer *w, ilokg_buf *b)
{
    size_t              n_prefixes;
    const ilokg_prefix *pf = ilokg_graph_prefixes(&n_prefixes);
    ilokg_status        st = ILOKG_OK;
    if (w->format == ILOKG_FORMAT_TURTLE || w->format == ILOKG_FORMAT_TRIG) {
        for (size_t i = 0; !st && i < n_prefixes; i++) {
            st = ilokg_buf_printf(b, "@prefix %s: <%s> .\n", pf[i].prefix, pf[i].iri);
        }
    }
    return st;
}

/* What ends the previous statement before a new subject (Turtle) or graph (TriG). */
static const char *
separator(const ilokg_writer *w, bool new_graph)
{
    if (!w->started) {
        return "\n";
    }
    return new_graph ? " .\n}\n\n" : " .\n\n";
}

size_t
ilokg_writer_join_skip(const ilokg_writer *w)
{
    return w->format == ILOKG_FORMAT_TURTLE ? strlen(" .\n\n")
           : w->format == ILOKG_FORMAT_TRIG ? strlen(" .\n}\n\n")
                                            : 0;
}

ilokg_status
ilokg_writer_join(ilokg_writer *w, ilokg_buf *b)
{
    ilokg_status st = ILOKG_OK;
    if (!w->started && ilokg_writer_join_skip(w)) {
        st = ilokg_buf_adds(b, "\n");
    }
    w->started = true;
    w->prev    = NULL;
    return st;
}

/* Turtle and TriG: statements in order (by graph first for TriG), a subject's predicates and a
 * predicate's objects grouped. raptor's Turtle writer puts a raw CR (old-Mac line ends in a
 * source, a CR in a manifest field) inside a short string, which no Turtle parser accepts; every
 * literal here is escaped by ilokg_turtle_string. A NULL prev after something was written means
 * "another subject and graph than this one". */
static ilokg_status
write_statement(ilokg_writer *w, ilokg_buf *b, const ilokg_quad *q)
{
    const ilokg_quad *prev        = w->prev;
    bool              with_graph  = w->with_graph;
    bool              new_graph   = with_graph && (!prev || strcmp(prev->g, q->g));
    bool              new_subject = !prev || new_graph || strcmp(prev->s, q->s);
    bool              new_pred    = new_subject || strcmp(prev->p, q->p);
    const char       *indent      = with_graph ? "   " : "";
    ilokg_status      st          = ILOKG_OK;
    if (new_graph) {
        st = ilokg_buf_adds(b, separator(w, true));
        if (!st && !(st = add_iri(b, q->g))) {
            st = ilokg_buf_adds(b, " {\n");
        }
    } else if (new_subject) {
        st = ilokg_buf_adds(b, separator(w, false));
    } else if (new_pred) {
        st = ilokg_buf_printf(b, " ;\n%s    ", indent);
    } else {
        st = ilokg_buf_printf(b, ",\n%s        ", indent);
    }
    if (!st && new_subject) {
        st = ilokg_buf_printf(b, "%s%s", indent, with_graph ? " " : "");
        if (!st && !(st = add_iri(b, q->s))) {
            st = ilokg_buf_printf(b, "\n%s    ", indent);
        }
    }
    if (!st && new_pred) {
        st = !strcmp(q->p, ILOKG_NS_RDF "type") ? ilokg_buf_adds(b, "a") : add_iri(b, q->p);
        if (!st) {
            st = ilokg_buf_addc(b, ' ');
        }
    }
    return st ? st : add_object(b, q);
}

ilokg_status
ilokg_writer_add(ilokg_writer *w, ilokg_buf *b, const ilokg_quad *q)
{
    ilokg_status st = w->format == ILOKG_FORMAT_NTRIPLES ? add_nt_line(b, q, false)
                      : w->format == ILOKG_FORMAT_NQUADS ? add_nt_line(b, q, true)
                                                         : write_statement(w, b, q);
    w->started      = true;
    w->prev         = q;
    return st;
}

ilokg_status
ilokg_writer_end(ilokg_writer *w, ilokg_buf *b)
{
    if (!w->started || !ilokg_writer_join_skip(w)) {
        return ILOKG_OK;
    }
    return ilokg_buf_adds(b, w->format == ILOKG_FORMAT_TRIG ? " .\n}\n" : " .\n");
}

/* Writes b to fp and empties it. */
static ilokg_status
flush_buf(FILE *fp, ilokg_buf *b)
{
    ilokg_status st = b->len && fwrite(b->ptr, 1, b->len, fp) != b->len ? ILOKG_ERR_IO : ILOKG_OK;
    b->len          = 0;
    return st;
}

/* The whole graph in a streaming syntax: quads by graph (N-Quads, TriG) or distinct triples. */
static ilokg_status
write_all(FILE *fp, ilokg_world *world, ilokg_graph *g, ilokg_format f)
{
    (void)world; /* failed writes are reported by the caller, with the output's name */
    ilokg_writer       w;
    size_t             n = 0;
    const ilokg_quad **t = NULL;
    ilokg_buf          b = ILOKG_BUF_INIT;
    ilokg_status       st;
    ilokg_writer_init(&w, f);
    if (w.with_graph) {
        const ilokg_quad *q = ilokg_graph_quads(g, &n);
        t                   = malloc((n ? n : 1) * sizeof *t);
        for (size_t i = 0; t && i < n; i++) {
            t[i] = &q[i];
        }
        st = t ? ILOKG_OK : ILOKG_ERR_NOMEM;
    } else {
        st = ilokg_graph_triples(&t, &n, g);
    }
    if (!st) {
        st = ilokg_writer_head(&w, &b);
    }
    for (size_t i = 0; !st && i < n; i++) {
        st = ilokg_writer_add(&w, &b, t[i]);
        /* Flush now and then so memory stays bounded by one chunk, not the output. */
        if (!st && b.len > (1u << 16)) {
            st = flush_buf(fp, &b);
        }
    }
    if (!st && !(st = ilokg_writer_end(&w, &b))) {
        st = flush_buf(fp, &b);
    }
    ilokg_buf_free(&b);
    free(t);
    /* A failed write is reported by the caller, which knows the output's name. */
    return st;
}

/* ---- RDF/XML ------------------------------------------------------------------------------ */

/* raptor only logs a character XML 1.0 cannot carry and writes the rest: exit 0, invalid XML. */
static ilokg_status
check_xml_chars(ilokg_world *world, ilokg_graph *g)
{
    size_t            n;
    const ilokg_quad *q = ilokg_graph_quads(g, &n);
    for (size_t i = 0; i < n; i++) {
        const char *parts[] = {q[i].s, q[i].p, q[i].o};
        for (size_t k = 0; k < 3; k++) {
            uint32_t c = ilokg_utf8_xml_illegal(parts[k]);
            if (c) {
                return ilokg_report_at(&world->diag, ILOKG_ERR_ENCODING, NULL, 0, 0,
                                       "<%s> <%s>: the %s holds U+%04X, which XML 1.0 cannot "
                                       "carry; write another format (Turtle, N-Triples, JSON-LD)",
                                       q[i].s, q[i].p, k == 2 ? "value" : "IRI", (unsigned)c);
            }
        }
    }
    return ILOKG_OK;
}

ilokg_status
ilokg_serialize(FILE *fp, ilokg_world *world, ilokg_graph *g, ilokg_format f)
{
    switch (f) {
    case ILOKG_FORMAT_TURTLE:
    case ILOKG_FORMAT_NTRIPLES:
    case ILOKG_FORMAT_NQUADS:
    case ILOKG_FORMAT_TRIG:
        return write_all(fp, world, g, f);
    case ILOKG_FORMAT_RDFXML: {
        ilokg_status st = check_xml_chars(world, g);
        return st ? st : raptor_write(fp, world, g, "rdfxml-abbrev", false);
    }
    default:
        break;
    }
    return ilokg_report_at(&world->diag, ILOKG_ERR_USAGE, NULL, 0, 0,
                           "format %s is not written by raptor", ilokg_format_name(f));
}
