/* SPDX-License-Identifier: Apache-2.0 */
/* The scan of turtle_guard.h: a small state machine over bytes. */
#include "util/turtle_guard.h"

enum { OUT, IRI, QUOTES, SHORT, SHORT_ESC, LONG, LONG_ESC, COMMENT };

void
ilokg_turtle_guard_init(ilokg_turtle_guard *g)
{
    *g = (ilokg_turtle_guard){.state = OUT, .line = 1, .col = 1};
}

/* One byte outside any term. True when it is the '{' after "<>". */
static bool
outside(ilokg_turtle_guard *g, char c)
{
    switch (c) {
    case '{':
        return g->empty_iri;
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
        return false;
    case ' ':
    case '\t':
    case '\n':
    case '\r':
        return false;
    default:
        break;
    }
    g->empty_iri = false;
    return false;
}

/* After an opening quote: two more make a long string, one more an empty short string. */
static bool
quotes(ilokg_turtle_guard *g, char c)
{
    if (c == g->quote && g->quotes < 3) {
        if (++g->quotes == 3) {
            g->state  = LONG;
            g->quotes = 0;
        }
        return false;
    }
    if (g->quotes == 2) { /* "" then something else: the empty string is over */
        g->state = OUT;
        return outside(g, c);
    }
    g->state = c == '\\' ? SHORT_ESC : SHORT;
    return false;
}

static bool
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
        return false;
    case QUOTES:
        return quotes(g, c);
    case SHORT:
        g->state = c == '\\' ? SHORT_ESC : c == g->quote || c == '\n' ? OUT : SHORT;
        return false;
    case LONG:
        if (c == '\\') {
            g->state  = LONG_ESC;
            g->quotes = 0;
        } else if (c == g->quote) {
            g->state = ++g->quotes == 3 ? OUT : LONG;
        } else {
            g->quotes = 0;
        }
        return false;
    case SHORT_ESC:
        g->state = SHORT;
        return false;
    case LONG_ESC:
        g->state = LONG;
        return false;
    default: /* COMMENT */
        if (c == '\n' || c == '\r') {
            g->state = OUT;
        }
        return false;
    }
}

bool
ilokg_turtle_guard_scan(ilokg_turtle_guard *g, const char *p, size_t len, size_t *line, size_t *col)
{
    for (size_t i = 0; i < len; i++) {
        if (step(g, p[i])) {
            *line = g->at_line;
            *col  = g->at_col;
            return true;
        }
        if (p[i] == '\n') {
            g->line++;
            g->col = 1;
        } else if (((unsigned char)p[i] & 0xC0) != 0x80) {
            g->col++;
        }
    }
    return false;
}
