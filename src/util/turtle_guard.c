/* SPDX-License-Identifier: Apache-2.0 */
/* The scan of turtle_guard.h: a small state machine over bytes. */
#include "util/turtle_guard.h"

#include <string.h>

enum { OUT, IRI, QUOTES, SHORT, SHORT_ESC, LONG, LONG_ESC, COMMENT, AFTER_STRING, LANG };

void
ilokg_turtle_guard_init(ilokg_turtle_guard *g)
{
    *g = (ilokg_turtle_guard){.state = OUT, .line = 1, .col = 1};
}

/* One byte outside any term: what it completes. */
static ilokg_guard_finding
outside(ilokg_turtle_guard *g, char c)
{
    switch (c) {
    case '{':
        return g->empty_iri ? ILOKG_GUARD_EMPTY_IRI_GRAPH : ILOKG_GUARD_OK;
    case '<':
        g->state   = IRI;
        g->iri_len = 0;
        g->at_line = g->line;
        g->at_col  = g->col;
        break;
    case '"':
    case '\'':
        g->state  = QUOTES;
        g->quote  = c;
        g->quotes = 1;
        break;
    case '#':
        g->state = COMMENT; /* a comment between "<>" and '{' keeps the pair */
        return ILOKG_GUARD_OK;
    case '=': /* "<> = {": raptor's TriG lexer reads the old form of a graph too */
    case ' ':
    case '\t':
    case '\n':
    case '\r':
        return ILOKG_GUARD_OK;
    default:
        break;
    }
    g->empty_iri = false;
    return ILOKG_GUARD_OK;
}

/* Just after a string: '@' starts a language tag. */
static ilokg_guard_finding
after_string(ilokg_turtle_guard *g, char c)
{
    if (c == '@') {
        g->state    = LANG;
        g->lang_len = 0;
        g->at_line  = g->line;
        g->at_col   = g->col;
        return ILOKG_GUARD_OK;
    }
    g->state = OUT;
    return outside(g, c);
}

static ilokg_guard_finding
lang(ilokg_turtle_guard *g, char c)
{
    /* Counted up to what surely ends a token: raptor's lexer takes more than letters, digits and
     * '-' into a tag (an underscore, for one), so a narrower count would let a long one by. */
    if (!strchr(" \t\r\n.;,)]}#<\"'", c) && c) {
        return ++g->lang_len > ILOKG_LANGTAG_MAX ? ILOKG_GUARD_LONG_LANGTAG : ILOKG_GUARD_OK;
    }
    g->state = OUT;
    return outside(g, c);
}

/* After an opening quote: two more make a long string, one more an empty short string. */
static ilokg_guard_finding
quotes(ilokg_turtle_guard *g, char c)
{
    if (c == g->quote && g->quotes < 3) {
        if (++g->quotes == 3) {
            g->state  = LONG;
            g->quotes = 0;
        }
        return ILOKG_GUARD_OK;
    }
    if (g->quotes == 2) { /* "" then something else: the empty string is over */
        return after_string(g, c);
    }
    g->state = c == '\\' ? SHORT_ESC : SHORT;
    return ILOKG_GUARD_OK;
}

static ilokg_guard_finding
step(ilokg_turtle_guard *g, char c)
{
    switch (g->state) {
    case OUT:
        return outside(g, c);
    case IRI:
        if (c == '>') {
            g->state     = OUT;
            g->empty_iri = g->iri_len == 0;
        } else {
            g->iri_len++;
        }
        return ILOKG_GUARD_OK;
    case QUOTES:
        return quotes(g, c);
    case SHORT:
        g->state = c == '\\' ? SHORT_ESC : c == g->quote ? AFTER_STRING : c == '\n' ? OUT : SHORT;
        return ILOKG_GUARD_OK;
    case LONG:
        if (c == '\\') {
            g->state  = LONG_ESC;
            g->quotes = 0;
        } else if (c == g->quote) {
            g->state = ++g->quotes == 3 ? AFTER_STRING : LONG;
        } else {
            g->quotes = 0;
        }
        return ILOKG_GUARD_OK;
    case SHORT_ESC:
        g->state = SHORT;
        return ILOKG_GUARD_OK;
    case LONG_ESC:
        g->state = LONG;
        return ILOKG_GUARD_OK;
    case AFTER_STRING:
        return after_string(g, c);
    case LANG:
        return lang(g, c);
    default: /* COMMENT */
        if (c == '\n' || c == '\r') {
            g->state = OUT;
        }
        return ILOKG_GUARD_OK;
    }
}

ilokg_guard_finding
ilokg_turtle_guard_scan(ilokg_turtle_guard *g, const char *p, size_t len, size_t *line, size_t *col)
{
    for (size_t i = 0; i < len; i++) {
        ilokg_guard_finding f = step(g, p[i]);
        if (f) {
            *line = g->at_line;
            *col  = g->at_col;
            return f;
        }
        if (p[i] == '\n') {
            g->line++;
            g->col = 1;
        } else if (((unsigned char)p[i] & 0xC0) != 0x80) {
            g->col++;
        }
    }
    return ILOKG_GUARD_OK;
}

const char *
ilokg_turtle_guard_message(ilokg_guard_finding f)
{
    return f == ILOKG_GUARD_LONG_LANGTAG
               ? "a language tag of more than 255 characters is not read: the RDF parser this "
                 "tool uses (raptor 2.0) corrupts its memory on one"
               : "the empty IRI <> before '{' (a graph named by the base IRI) is not read: the "
                 "Turtle parser this tool uses (raptor 2.0) crashes on it; write the IRI in full";
}
