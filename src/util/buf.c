/* SPDX-License-Identifier: Apache-2.0 */
/* Growable byte buffer and array growth with overflow checks. */
#include "util/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ilokg_status
ilokg_buf_reserve(ilokg_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1) {
        return ILOKG_ERR_NOMEM;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) {
        return ILOKG_OK;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            cap = need;
            break;
        }
        cap *= 2;
    }
    char *p = realloc(b->ptr, cap);
    if (!p) {
        return ILOKG_ERR_NOMEM;
    }
    b->ptr = p;
    b->cap = cap;
    return ILOKG_OK;
}

ilokg_status
ilokg_buf_add(ilokg_buf *b, const char *p, size_t len)
{
    ilokg_status st = ilokg_buf_reserve(b, len);
    if (st) {
        return st;
    }
    if (len) {
        memcpy(b->ptr + b->len, p, len);
    }
    b->len += len;
    b->ptr[b->len] = '\0';
    return ILOKG_OK;
}

ilokg_status
ilokg_buf_adds(ilokg_buf *b, const char *s)
{
    return ilokg_buf_add(b, s, strlen(s));
}

ilokg_status
ilokg_buf_vprintf(ilokg_buf *b, const char *fmt, va_list ap)
{
    /* Formatted straight into the room there is; formatted again only when it did not fit. */
    if (!b->cap && ilokg_buf_reserve(b, 0)) {
        return ILOKG_ERR_NOMEM;
    }
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        b->ptr[b->len] = '\0';
        return ILOKG_ERR_INTERNAL;
    }
    if ((size_t)n >= b->cap - b->len) {
        ilokg_status st = ilokg_buf_reserve(b, (size_t)n);
        if (st) {
            b->ptr[b->len] = '\0';
            return st;
        }
        vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
    return ILOKG_OK;
}

ilokg_status
ilokg_buf_printf(ilokg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ilokg_status st = ilokg_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return st;
}

char *
ilokg_buf_detach(ilokg_buf *b)
{
    if (!b->ptr && ilokg_buf_reserve(b, 0)) {
        return NULL;
    }
    if (!b->len) {
        b->ptr[0] = '\0';
    }
    char *p = b->ptr;
    b->ptr  = NULL;
    b->len = b->cap = 0;
    return p;
}

void
ilokg_buf_free(ilokg_buf *b)
{
    if (b) {
        free(b->ptr);
        b->ptr = NULL;
        b->len = b->cap = 0;
    }
}

ilokg_status
ilokg_grow_raw(void *arr, size_t *cap, size_t n, size_t elem)
{
    void **pa = arr;
    if (n < *cap) {
        return ILOKG_OK;
    }
    size_t nc = *cap ? *cap : 8;
    while (nc <= n) {
        if (nc > SIZE_MAX / 2 / elem) {
            return ILOKG_ERR_NOMEM;
        }
        nc *= 2;
    }
    void *p = realloc(*pa, nc * elem);
    if (!p) {
        return ILOKG_ERR_NOMEM;
    }
    *pa  = p;
    *cap = nc;
    return ILOKG_OK;
}

ilokg_status
ilokg_grow(void *arr, size_t *cap, size_t n, size_t elem)
{
    size_t       old = *cap;
    ilokg_status st  = ilokg_grow_raw(arr, cap, n, elem);
    if (!st && *cap != old) {
        memset(*(char **)arr + old * elem, 0, (*cap - old) * elem);
    }
    return st;
}

char *
ilokg_strndup(const char *p, size_t len)
{
    char *s = malloc(len + 1);
    if (s) {
        memcpy(s, p, len);
        s[len] = '\0';
    }
    return s;
}
