/* SPDX-License-Identifier: Apache-2.0 */
/* SHA-256 (FIPS 180-4) by nettle, which the query functions use too: its compression function
 * uses the processor's SHA extensions where there are any (an own portable version cost 3 % of a
 * convert's instructions). */
#include "util/sha256.h"

#include <nettle/sha2.h>

void
ilokg_sha256(uint8_t out[ILOKG_SHA256_LEN], const void *p, size_t len)
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, len, p);
    sha256_digest(&ctx, ILOKG_SHA256_LEN, out);
}

void
ilokg_sha256_hex(char hex[ILOKG_SHA256_HEX_LEN + 1], const void *p, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    uint8_t           d[ILOKG_SHA256_LEN];
    ilokg_sha256(d, p, len);
    for (int i = 0; i < ILOKG_SHA256_LEN; i++) {
        hex[2 * i]     = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[ILOKG_SHA256_HEX_LEN] = '\0';
}
