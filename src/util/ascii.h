/* SPDX-License-Identifier: Apache-2.0 */
/* ASCII character classes, locale-free (no <ctype.h> on the bytes of UTF-8 text). */
#ifndef ILOKG_ASCII_H
#define ILOKG_ASCII_H

static inline int
ilokg_is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static inline int
ilokg_is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static inline int
ilokg_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline int
ilokg_is_alpha(char c)
{
    return ilokg_is_upper(c) || ilokg_is_lower(c);
}

static inline int
ilokg_is_alnum(char c)
{
    return ilokg_is_alpha(c) || ilokg_is_digit(c);
}

/** A byte of a word: an ASCII letter or digit, or any byte of a non-ASCII character (names and
 *  words are matched on bytes; a UTF-8 letter never splits a word). */
static inline int
ilokg_is_word_byte(char c)
{
    return ilokg_is_alnum(c) || (unsigned char)c >= 0x80;
}

/** Space or tab: blank within a line. */
static inline int
ilokg_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/** Any ASCII white space that separates words, line ends included. */
static inline int
ilokg_is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/** The value of a hexadecimal digit (either case), -1 for any other byte. */
static inline int
ilokg_hex_value(char c)
{
    return ilokg_is_digit(c)      ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

static inline char
ilokg_to_lower(char c)
{
    return ilokg_is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

#endif
