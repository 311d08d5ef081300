/* SPDX-License-Identifier: Apache-2.0 */
/* Turtle and N-Triples string literals (Turtle 1.1 STRING_LITERAL_QUOTE with ECHAR and UCHAR). */
#include "util/turtle.h"

ilokg_status
ilokg_turtle_string(ilokg_buf *b, const char *s, size_t len)
{
    ilokg_status st = ilokg_buf_addc(b, '"');
    for (size_t i = 0; !st && i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':
            st = ilokg_buf_adds(b, "\\\"");
            break;
        case '\\':
            st = ilokg_buf_adds(b, "\\\\");
            break;
        case '\n':
            st = ilokg_buf_adds(b, "\\n");
            break;
        case '\r':
            st = ilokg_buf_adds(b, "\\r");
            break;
        case '\t':
            st = ilokg_buf_adds(b, "\\t");
            break;
        default:
            st = c < 0x20 || c == 0x7F ? ilokg_buf_printf(b, "\\u%04X", c)
                                       : ilokg_buf_addc(b, (char)c);
        }
    }
    return st ? st : ilokg_buf_addc(b, '"');
}
