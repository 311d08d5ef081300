/* SPDX-License-Identifier: Apache-2.0 */
/* The one string hash: 64-bit FNV-1a (for hash tables; not for anything an attacker must not
 * collide: tables that take untrusted keys bound their probe work by their load factor). */
#ifndef ILOKG_HASH_H
#define ILOKG_HASH_H

#include <stddef.h>
#include <stdint.h>

#define ILOKG_HASH_SEED 1469598103934665603ull

/** Continues the FNV-1a hash h over p[0, len). Start with ILOKG_HASH_SEED. */
static inline uint64_t
ilokg_hash_bytes(uint64_t h, const void *p, size_t len)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ b[i]) * 1099511628211ull;
    }
    return h;
}

/** Continues the FNV-1a hash h over p[0, len) with ASCII letters lower-cased (for keys that
 *  compare case-insensitively, such as language tags). */
static inline uint64_t
ilokg_hash_bytes_folded(uint64_t h, const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c - 'A' + 'a');
        }
        h = (h ^ c) * 1099511628211ull;
    }
    return h;
}

/** The FNV-1a hash of a NUL-terminated string. */
static inline uint64_t
ilokg_hash_str(const char *s)
{
    uint64_t h = ILOKG_HASH_SEED;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    }
    return h;
}

#endif
