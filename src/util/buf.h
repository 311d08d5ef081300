/* SPDX-License-Identifier: Apache-2.0 */
/* Growable byte buffer (always NUL-terminated after len) and an overflow-checked array grower. */
#ifndef ILOKG_BUF_H
#define ILOKG_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "ilokg.h"

/* printf-format checking of the functions that take a format (here and in util/status.h). */
#if defined(__GNUC__)
#define ILOKG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define ILOKG_PRINTF(a, b)
#endif

typedef struct {
    char  *ptr;
    size_t len, cap;
} ilokg_buf;

#define ILOKG_BUF_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

ilokg_status ilokg_buf_reserve(ilokg_buf *b, size_t extra);
ilokg_status ilokg_buf_add(ilokg_buf *b, const char *p, size_t len);
ilokg_status ilokg_buf_adds(ilokg_buf *b, const char *s);
/** One byte; inline, as writers add most of their text a byte at a time. */
static inline ilokg_status
ilokg_buf_addc(ilokg_buf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->ptr[b->len++] = c;
        b->ptr[b->len]   = '\0';
        return ILOKG_OK;
    }
    return ilokg_buf_add(b, &c, 1);
}

ilokg_status ilokg_buf_printf(ilokg_buf *b, const char *fmt, ...) ILOKG_PRINTF(2, 3);
ilokg_status ilokg_buf_vprintf(ilokg_buf *b, const char *fmt, va_list ap);
/** Hands the contents to the caller (never NULL on success; "" when empty) and resets b. */
char *ilokg_buf_detach(ilokg_buf *b);
void  ilokg_buf_free(ilokg_buf *b);

/** Grows *arr (element size elem) so that index n fits; capacity in *cap. The new room is
 *  zeroed. */
ilokg_status ilokg_grow(void *arr, size_t *cap, size_t n, size_t elem);
/** As ilokg_grow without zeroing the new room: for arrays every element of which is written
 *  before it is read (per-byte offset maps, where clearing cost more than filling). */
ilokg_status ilokg_grow_raw(void *arr, size_t *cap, size_t n, size_t elem);

/** strdup of a (ptr,len) slice; NULL on allocation failure. */
char *ilokg_strndup(const char *p, size_t len);

#endif
