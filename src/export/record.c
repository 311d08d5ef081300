/* SPDX-License-Identifier: Apache-2.0 */
/* Statements as records: a flags byte, then the strings that are not repeated from the record
 * before, each with its terminating NUL, so that decoding is pointing into the bytes read. */
#include "export/record.h"

#include <stdbool.h>
#include <string.h>

enum {
    REC_LITERAL   = 1,
    REC_DT        = 2,
    REC_LANG      = 4,
    REC_SAME_G    = 8,
    REC_SAME_S    = 16,
    REC_SAME_P    = 32,
    REC_ALL_FLAGS = 63,
};

static ilokg_status
add_str(ilokg_buf *b, const char *s)
{
    return ilokg_buf_add(b, s, strlen(s) + 1);
}

ilokg_status
ilokg_record_add(ilokg_buf *b, const ilokg_quad *q, const ilokg_quad *prev)
{
    unsigned flags = (q->literal ? REC_LITERAL : 0) | (q->dt ? REC_DT : 0) |
                     (q->lang ? REC_LANG : 0) | (prev && prev->g == q->g ? REC_SAME_G : 0) |
                     (prev && prev->s == q->s ? REC_SAME_S : 0) |
                     (prev && prev->p == q->p ? REC_SAME_P : 0);
    ilokg_status st = ilokg_buf_addc(b, (char)flags);
    if (!st && !(flags & REC_SAME_G)) {
        st = add_str(b, q->g ? q->g : "");
    }
    if (!st && !(flags & REC_SAME_S)) {
        st = add_str(b, q->s);
    }
    if (!st && !(flags & REC_SAME_P)) {
        st = add_str(b, q->p);
    }
    if (!st) {
        st = add_str(b, q->o);
    }
    if (!st && q->dt) {
        st = add_str(b, q->dt);
    }
    if (!st && q->lang) {
        st = add_str(b, q->lang);
    }
    return st;
}

/* The string at *p (before end), *p moved past its NUL; NULL when it runs past end. */
static const char *
take_str(const char **p, const char *end)
{
    const char *s   = *p;
    const char *nul = s < end ? memchr(s, '\0', (size_t)(end - s)) : NULL;
    if (!nul) {
        return NULL;
    }
    *p = nul + 1;
    return s;
}

ilokg_status
ilokg_record_read(ilokg_quad **out, size_t *n, size_t *cap, const char *p, size_t len)
{
    const char *end  = p + len;
    ilokg_quad  prev = {0};
    *n               = 0;
    while (p < end) {
        unsigned   flags = (unsigned char)*p++;
        ilokg_quad q     = prev;
        if ((flags & ~(unsigned)REC_ALL_FLAGS) ||
            (!*n && (flags & (REC_SAME_G | REC_SAME_S | REC_SAME_P)))) {
            return ILOKG_ERR_INTERNAL;
        }
        if (!(flags & REC_SAME_G)) {
            if (!(q.g = take_str(&p, end))) {
                return ILOKG_ERR_INTERNAL;
            }
            q.g = *q.g ? q.g : NULL;
        }
        if (!(flags & REC_SAME_S) && !(q.s = take_str(&p, end))) {
            return ILOKG_ERR_INTERNAL;
        }
        if (!(flags & REC_SAME_P) && !(q.p = take_str(&p, end))) {
            return ILOKG_ERR_INTERNAL;
        }
        q.literal = flags & REC_LITERAL;
        q.o       = take_str(&p, end);
        q.dt      = flags & REC_DT ? take_str(&p, end) : NULL;
        q.lang    = flags & REC_LANG ? take_str(&p, end) : NULL;
        if (!q.o || ((flags & REC_DT) && !q.dt) || ((flags & REC_LANG) && !q.lang)) {
            return ILOKG_ERR_INTERNAL;
        }
        ilokg_status st = ilokg_grow(out, cap, *n, sizeof **out);
        if (st) {
            return st;
        }
        (*out)[(*n)++] = q;
        prev           = q;
    }
    return ILOKG_OK;
}
