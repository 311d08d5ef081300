/* SPDX-License-Identifier: Apache-2.0 */
/* SDG codes after a keyword: "SDG 8", "SDGs 5 and 8", "SDG target 8.7", "target 10.7 of the 2030
 * Agenda", "Indicator 10.7.1". The code decides goal, target or indicator, whatever the text
 * calls it; a bare number is never read as an SDG code without a keyword before it. */
#include "recognize/recognize_int.h"

#include <string.h>

#include "util/ascii.h"

#define NONE ILOKG_REC_NONE

/* 1-2 digits, then optionally ".<1-2 digits or a letter>", then optionally ".<1-2 digits>".
 * Returns the end offset and copies the code to out, or NONE. */
static size_t
sdg_code(const ilokg_folded *f, size_t i, char *out, size_t size)
{
    const char *t = f->folded;
    size_t      n = f->len, j = i, parts = 0;
    if (i > 0 && ilokg_is_word_byte(t[i - 1])) {
        return NONE;
    }
    while (parts < 3) {
        size_t k = j;
        if (parts > 0) {
            if (k + 1 >= n || t[k] != '.') {
                break;
            }
            k++;
        }
        size_t d = k;
        while (d < n && ilokg_is_digit(t[d]) && d - k < 3) {
            d++;
        }
        if (d == k && parts == 1 && k < n && t[k] >= 'a' && t[k] <= 'z') {
            d = k + 1; /* "8.b" */
        }
        if (d == k || d - k > 2 || (d < n && ilokg_is_word_byte(t[d]))) {
            if (parts == 0) {
                return NONE;
            }
            break;
        }
        j = d;
        parts++;
    }
    /* "8.7.1.2" or "8.7a": not an SDG code. */
    if (j + 1 < n && t[j] == '.' && ilokg_is_word_byte(t[j + 1])) {
        return NONE;
    }
    if (j - i >= size) {
        return NONE;
    }
    memcpy(out, t + i, j - i);
    out[j - i] = '\0';
    return j;
}

static const ilokg_entity *
sdg_entity(ilokg_rec_ctx *x, size_t i, bool want_dot, size_t *end)
{
    char code[16];
    *end = sdg_code(x->f, i, code, sizeof code);
    if (*end == NONE || (want_dot && !strchr(code, '.'))) {
        return NULL;
    }
    return ilokg_gazetteer_find(x->gaz, ILOKG_ENT_SDG, code);
}

void
ilokg_rec_sdg(ilokg_rec_ctx *x, const ilokg_name *nm, size_t ks, size_t ke)
{
    static const char *const kinds[] = {"targets", "target", "indicators", "indicator", NULL};
    static const char *const seps[]  = {", and ", " and ", ", ", " & ", " or ", NULL};
    const ilokg_folded      *f       = x->f;
    const char              *t       = f->folded;
    /* "target" and "indicator" need a dotted code: "target 5" is no SDG target. */
    bool   dotted = nm->trigger == ILOKG_TRIGGER_TARGET;
    size_t i      = ke, j, k;
    for (int round = 0; round < 3; round++) {
        j = ilokg_rec_skip_space(f, i);
        if (j == i) {
            break;
        }
        if ((k = ilokg_rec_lit(f, j, "(SDG)")) != NONE ||
            (k = ilokg_rec_lit(f, j, "(SDGs)")) != NONE) {
            i = k;
            continue;
        }
        k = NONE;
        for (size_t w = 0; !dotted && kinds[w] && k == NONE; w++) {
            k = ilokg_rec_word_ci(f, j, kinds[w]);
        }
        if (k == NONE) {
            break;
        }
        i      = k;
        dotted = true;
    }
    j = ilokg_rec_skip_space(f, i);
    if (j == i) {
        return;
    }
    const ilokg_entity *e = sdg_entity(x, j, dotted, &k);
    if (!e) {
        return;
    }
    ilokg_rec_add(x, e, ks, k, false, ILOKG_ORIGIN_SDG);
    /* "SDGs 5 and 8", "SDG target 8.7 (elimination of child labour ...) and 8.8 (...)" */
    for (size_t p = k;;) {
        size_t q = ilokg_rec_skip_space(f, p);
        if (q < f->len && t[q] == '(') {
            size_t close = q + 1;
            while (close < f->len && close < q + 200 && t[close] != ')' && t[close] != '(') {
                close++;
            }
            if (close >= f->len || t[close] != ')') {
                return;
            }
            p = close + 1;
        }
        size_t r = NONE;
        for (size_t s = 0; seps[s] && r == NONE; s++) {
            r = ilokg_rec_lit(f, p, seps[s]);
        }
        if (r == NONE || !(e = sdg_entity(x, r, dotted, &k))) {
            return;
        }
        ilokg_rec_add(x, e, r, k, false, ILOKG_ORIGIN_SDG);
        p = k;
    }
}
