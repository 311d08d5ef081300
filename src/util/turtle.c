/* SPDX-License-Identifier: Apache-2.0 */
/* Turtle and N-Triples string literals (Turtle 1.1 STRING_LITERAL_QUOTE with ECHAR and UCHAR). */
#include "util/turtle.h"

#include <string.h>

ilokg_status
ilokg_turtle_string(ilokg_buf *b, const char *s, size_t len)
{
    /* The characters written as a backslash and a letter (ECHAR), and those letters. */
    static const char echar[] = "\"\\\n\r\t", letter[] = "\"\\nrt";
    ilokg_status      st = ilokg_buf_addc(b, '"');
    for (size_t i = 0; !st && i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char   *e = c ? strchr(echar, c) : NULL;
        if (e) {
            st = ilokg_buf_addc(b, '\\');
            st = st ? st : ilokg_buf_addc(b, letter[e - echar]);
        } else if (c < 0x20 || c == 0x7F) {
            st = ilokg_buf_printf(b, "\\u%04X", c);
        } else {
            st = ilokg_buf_addc(b, (char)c);
        }
    }
    return st ? st : ilokg_buf_addc(b, '"');
}
