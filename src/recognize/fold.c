/* SPDX-License-Identifier: Apache-2.0 */
/* Folding: text lower-cased and stripped of accents, with a map back to the bytes it came from,
 * so that names match however a document prints them. */
#include "recognize/gazetteer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

static int
fold_class(uint32_t cp)
{
    switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
        return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2033:
        return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
        return '-';
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x2028:
    case 0x2029:
        return ' ';
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
        return 0; /* vanishes */
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) {
        return ' ';
    }
    return -1; /* kept as is */
}

void
ilokg_folded_free(ilokg_folded *f)
{
    if (f) {
        free(f->folded);
        free(f->lower);
        free(f->start);
        free(f->end);
        memset(f, 0, sizeof *f);
    }
}

ilokg_status
ilokg_fold(ilokg_folded *out, const char *p, size_t len)
{
    ilokg_folded f = {0};
    f.folded       = malloc(len + 1);
    f.lower        = malloc(len + 1);
    f.start        = malloc((len + 1) * sizeof *f.start);
    f.end          = malloc((len + 1) * sizeof *f.end);
    if (!f.folded || !f.lower || !f.start || !f.end) {
        ilokg_folded_free(&f);
        return ILOKG_ERR_NOMEM;
    }
    size_t n = 0, i = 0;
    while (i < len) {
        unsigned char c  = (unsigned char)p[i];
        uint32_t      cp = c;
        size_t        k  = 1;
        int           cls;
        if (c < 0x80) {
            cls = (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') ? ' '
                                                                                              : -1;
        } else {
            k   = ilokg_utf8_decode(&cp, p + i, len - i);
            cls = k ? fold_class(cp) : -1;
            k   = k ? k : 1;
        }
        if (cls == 0) {
            if (n) {
                f.end[n - 1] = i + k;
            }
        } else if (cls == ' ' && n && f.folded[n - 1] == ' ') {
            f.end[n - 1] = i + k;
        } else if (cls > 0) {
            f.folded[n] = (char)cls;
            f.start[n]  = i;
            f.end[n++]  = i + k;
        } else {
            for (size_t j = 0; j < k; j++) {
                f.folded[n] = p[i + j];
                f.start[n]  = i;
                f.end[n++]  = i + k;
            }
        }
        i += k;
    }
    for (size_t j = 0; j < n; j++) {
        char ch    = f.folded[j];
        f.lower[j] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    f.folded[n] = f.lower[n] = '\0';
    f.start[n] = f.end[n] = len;
    f.len                 = n;
    *out                  = f;
    return ILOKG_OK;
}
