/* SPDX-License-Identifier: Apache-2.0 */
/* The SPARQL 1.1 tokenizer: the terminals of section 19.8, longest match, from a byte offset.
 * Bytes of 0x80 and above count as name characters (PN_CHARS_BASE); the source was validated
 * as UTF-8 when loaded. */
#include "query/sparql_lex.h"

#include <string.h>

static int
is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int
is_hex(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* PN_CHARS_BASE, approximated by "letter or non-ASCII". */
static int
is_base(int c)
{
    return is_alpha(c) || c >= 0x80;
}

static int
is_pn_chars_u(int c)
{
    return is_base(c) || c == '_';
}

static int
is_pn_chars(int c)
{
    return is_pn_chars_u(c) || c == '-' || is_digit(c);
}

static int
at(const char *text, size_t len, size_t i)
{
    return i < len ? (unsigned char)text[i] : -1;
}

static size_t
skip_space(const char *text, size_t len, size_t i)
{
    for (;;) {
        int c = at(text, len, i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            i++;
        } else if (c == '#') {
            while (i < len && text[i] != '\n' && text[i] != '\r') {
                i++;
            }
        } else {
            return i;
        }
    }
}

/* PLX at i: its length, or 0. */
static size_t
plx_len(const char *text, size_t len, size_t i)
{
    int c = at(text, len, i);
    if (c == '%') {
        return is_hex(at(text, len, i + 1)) && is_hex(at(text, len, i + 2)) ? 3 : 0;
    }
    if (c == '\\') {
        int e = at(text, len, i + 1);
        return e >= 0 && strchr("_~.-!$&'()*+,;=/?#@%", e) && e != 0 ? 2 : 0;
    }
    return 0;
}

/* PN_LOCAL from i: the end offset (i when there is none). A trailing '.' is not part of it. */
static size_t
scan_local(const char *text, size_t len, size_t i)
{
    size_t start = i, last_good = i;
    for (;;) {
        int    c = at(text, len, i);
        size_t p = plx_len(text, len, i);
        if (p) {
            i += p;
            last_good = i;
        } else if (is_pn_chars(c) || c == ':' || (c == '.' && i > start)) {
            i++;
            if (c != '.') {
                last_good = i;
            }
        } else {
            break;
        }
    }
    return last_good;
}

/* The end of a name run that might be a PN_PREFIX (letters, digits, '_', '-', '.', but not
 * ending with '.'). */
static size_t
scan_prefix(const char *text, size_t len, size_t i)
{
    size_t last_good = i;
    while (i < len) {
        int c = at(text, len, i);
        if (is_pn_chars(c)) {
            i++;
            last_good = i;
        } else if (c == '.') {
            i++;
        } else {
            break;
        }
    }
    return last_good;
}

static void
lex_number(sp_token *t, const char *text, size_t len, size_t i)
{
    int kind = SP_T_INTEGER;
    while (is_digit(at(text, len, i))) {
        i++;
    }
    if (at(text, len, i) == '.') {
        size_t j = i + 1;
        while (is_digit(at(text, len, j))) {
            j++;
        }
        int c = at(text, len, j);
        if (j > i + 1 || c == 'e' || c == 'E') {
            kind = SP_T_DECIMAL;
            i    = j;
        }
    }
    int c = at(text, len, i);
    if (c == 'e' || c == 'E') {
        size_t j = i + 1;
        if (at(text, len, j) == '+' || at(text, len, j) == '-') {
            j++;
        }
        if (is_digit(at(text, len, j))) {
            while (is_digit(at(text, len, j))) {
                j++;
            }
            kind = SP_T_DOUBLE;
            i    = j;
        } else if (kind == SP_T_DECIMAL && at(text, len, i - 1) == '.') {
            kind = SP_T_ERROR;
        }
    }
    t->kind = kind;
    t->len  = i - t->off;
}

static void
lex_string(sp_token *t, const char *text, size_t len, size_t i)
{
    char q     = text[i];
    int  longq = at(text, len, i + 1) == q && at(text, len, i + 2) == q;
    t->quote   = longq ? 3 : 1;
    i += (size_t)t->quote;
    t->kind = SP_T_ERROR;
    while (i < len) {
        char c = text[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (!longq && (c == '\n' || c == '\r')) {
            break;
        }
        if (c == q && (!longq || (at(text, len, i + 1) == q && at(text, len, i + 2) == q))) {
            i += (size_t)t->quote;
            t->kind = SP_T_STRING;
            break;
        }
        i++;
    }
    t->len = (i > len ? len : i) - t->off;
}

/* IRIREF at '<': the token, or 0 when '<' does not start one (then it is an operator). */
static int
lex_iri(sp_token *t, const char *text, size_t len, size_t i)
{
    for (size_t j = i + 1; j < len; j++) {
        int c = (unsigned char)text[j];
        if (c == '>') {
            t->kind = SP_T_IRI;
            t->len  = j + 1 - t->off;
            return 1;
        }
        if (c <= 0x20 || strchr("<\"{}|^`", c) ||
            (c == '\\' && text[j + 1] != 'u' && text[j + 1] != 'U')) {
            return 0;
        }
    }
    return 0;
}

static size_t
scan_varname(const char *text, size_t len, size_t i)
{
    while (is_pn_chars_u(at(text, len, i)) || is_digit(at(text, len, i))) {
        i++;
    }
    return i;
}

/* A name, a prefixed name or a keyword at i. */
static void
lex_word(sp_token *t, const char *text, size_t len, size_t i)
{
    size_t end = text[i] == ':' ? i : scan_prefix(text, len, i);
    if (at(text, len, end) == ':') {
        t->kind  = SP_T_PNAME;
        t->colon = end - i;
        t->len   = scan_local(text, len, end + 1) - t->off;
        return;
    }
    end = i;
    while (is_alpha(at(text, len, end)) || is_digit(at(text, len, end)) ||
           at(text, len, end) == '_') {
        end++;
    }
    t->kind = end > i ? SP_T_NAME : SP_T_ERROR;
    t->len  = end > i ? end - i : 1;
}

static int
lex_two(sp_token *t, const char *text, size_t len, size_t i)
{
    static const struct {
        char a, b;
        int  kind;
    } two[] = {
        {'^', '^', SP_T_HATHAT}, {'|', '|', SP_T_OR}, {'&', '&', SP_T_AND},
        {'!', '=', SP_T_NE},     {'<', '=', SP_T_LE}, {'>', '=', SP_T_GE},
    };
    for (size_t k = 0; k < sizeof two / sizeof two[0]; k++) {
        if (text[i] == two[k].a && at(text, len, i + 1) == two[k].b) {
            t->kind = two[k].kind;
            t->len  = 2;
            return 1;
        }
    }
    return 0;
}

/* '(' WS* ')' and '[' WS* ']'. */
static int
lex_empty_pair(sp_token *t, const char *text, size_t len, size_t i)
{
    char   close = text[i] == '(' ? ')' : ']';
    size_t j     = skip_space(text, len, i + 1);
    if (at(text, len, j) != close) {
        return 0;
    }
    t->kind = close == ')' ? SP_T_NIL : SP_T_ANON;
    t->len  = j + 1 - i;
    return 1;
}

static void
lex_prefixed(sp_token *t, const char *text, size_t len, size_t i)
{
    int c = text[i];
    if (c == '?' || c == '$') {
        size_t end = scan_varname(text, len, i + 1);
        t->kind    = end > i + 1 ? SP_T_VAR : '?';
        t->len     = end > i + 1 ? end - i : 1;
        if (c == '$' && end == i + 1) {
            t->kind = SP_T_ERROR;
        }
    } else if (c == '@') {
        size_t end = i + 1;
        while (is_alpha(at(text, len, end))) {
            end++;
        }
        while (end > i + 1 && at(text, len, end) == '-' &&
               (is_alpha(at(text, len, end + 1)) || is_digit(at(text, len, end + 1)))) {
            end++;
            while (is_alpha(at(text, len, end)) || is_digit(at(text, len, end))) {
                end++;
            }
        }
        t->kind = end > i + 1 ? SP_T_LANG : SP_T_ERROR;
        t->len  = end > i + 1 ? end - i : 1;
    } else { /* "_:" */
        size_t j = i + 2;
        int    d = at(text, len, j);
        if (is_pn_chars_u(d) || is_digit(d)) {
            t->kind = SP_T_BNODE;
            t->len  = scan_prefix(text, len, j) - i;
        } else {
            t->kind = SP_T_ERROR;
            t->len  = 2;
        }
    }
}

void
sp_lex(sp_token *t, const char *text, size_t len, size_t off)
{
    size_t i = skip_space(text, len, off);
    memset(t, 0, sizeof *t);
    t->off = i;
    t->len = 1;
    if (i >= len) {
        t->kind = SP_T_EOF;
        t->len  = 0;
        return;
    }
    int c = (unsigned char)text[i];
    if (c == '<' && lex_iri(t, text, len, i)) {
        return;
    }
    if (lex_two(t, text, len, i)) {
        return;
    }
    if ((c == '(' || c == '[') && lex_empty_pair(t, text, len, i)) {
        return;
    }
    if (is_digit(c) || (c == '.' && is_digit(at(text, len, i + 1)))) {
        lex_number(t, text, len, i);
    } else if (c == '"' || c == '\'') {
        lex_string(t, text, len, i);
    } else if (c == '?' || c == '$' || c == '@' || (c == '_' && at(text, len, i + 1) == ':')) {
        lex_prefixed(t, text, len, i);
    } else if (is_base(c) || c == ':' || c == '_') {
        lex_word(t, text, len, i);
    } else if (c != 0 && strchr("{}()[];,.+-*/^|!=<>", c)) {
        t->kind = c;
    } else {
        t->kind = SP_T_ERROR;
    }
}

int
sp_tok_is(const sp_token *t, const char *text, const char *kw)
{
    size_t n = strlen(kw);
    if (t->kind != SP_T_NAME || t->len != n) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char a = text[t->off + i], b = kw[i];
        if (a >= 'a' && a <= 'z') {
            a = (char)(a - 'a' + 'A');
        }
        if (b >= 'a' && b <= 'z') {
            b = (char)(b - 'a' + 'A');
        }
        if (a != b) {
            return 0;
        }
    }
    return 1;
}
