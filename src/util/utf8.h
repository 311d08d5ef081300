/* SPDX-License-Identifier: Apache-2.0 */
/* UTF-8 decoding and validation. */
#ifndef ILOKG_UTF8_H
#define ILOKG_UTF8_H

#include <stddef.h>
#include <stdint.h>

/** Decodes one code point at p (n bytes available). Returns its length in bytes (1-4) and sets
 *  *cp, or 0 when the bytes there are not valid UTF-8 (overlong, surrogate, truncated...). */
size_t ilokg_utf8_decode(uint32_t *cp, const char *p, size_t n);

/** Returns the offset of the first invalid byte, or len when all of p is valid. */
size_t ilokg_utf8_validate(const char *p, size_t len);

/** Number of code points in p[0,len) (valid UTF-8 assumed). */
size_t ilokg_utf8_count(const char *p, size_t len);

/** Encodes cp into out (4 bytes room); returns the length. */
size_t ilokg_utf8_encode(char *out, uint32_t cp);
/** The first character of the NUL-terminated UTF-8 string s that XML 1.0 cannot carry, even as
 *  a character reference (section 2.2: the C0 controls but TAB, LF and CR; U+FFFE, U+FFFF), or
 *  0 when there is none. */
uint32_t ilokg_utf8_xml_illegal(const char *s);

#endif
