/* SPDX-License-Identifier: Apache-2.0 */
/* SHA-256 (FIPS 180-4) of a byte string: the checksum recorded for each source file. */
#ifndef ILOKG_SHA256_H
#define ILOKG_SHA256_H

#include <stddef.h>
#include <stdint.h>

/** Digest size in bytes and length of its lower-case hex form (without the NUL). */
#define ILOKG_SHA256_LEN 32
#define ILOKG_SHA256_HEX_LEN 64

/** Computes the digest of p[0, len) into out. Cannot fail. */
void ilokg_sha256(uint8_t out[ILOKG_SHA256_LEN], const void *p, size_t len);

/** Writes the digest of p[0, len) as 64 lower-case hex digits and a NUL into hex. */
void ilokg_sha256_hex(char hex[ILOKG_SHA256_HEX_LEN + 1], const void *p, size_t len);

#endif
