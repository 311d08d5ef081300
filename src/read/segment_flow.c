/* SPDX-License-Identifier: Apache-2.0 */
/* The flow: the paragraphs of a document in reading order, one text with a map back to the
 * normalised text; text an extraction printed twice is counted once. */
#include "read/segment_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/utf8.h"

ilokg_status
ilokg_seg_flow_put(flow *f, const char *p, size_t len, size_t nstart, int synthetic)
{
    ilokg_status st = ilokg_buf_add(&f->buf, p, len);
    if (st || !len ||
        (st = ilokg_grow_raw(&f->nmap, &f->cap_map, f->buf.len - 1, sizeof *f->nmap)) ||
        (st = ilokg_grow_raw(&f->nend, &f->cap_end, f->buf.len - 1, sizeof *f->nend))) {
        return st;
    }
    for (size_t i = 0; i < len; i++) {
        size_t at = f->buf.len - len + i;
        if (synthetic) {
            size_t prev = at ? f->nend[at - 1] : 0;
            f->nmap[at] = prev;
            f->nend[at] = prev;
        } else {
            f->nmap[at] = nstart + i;
            f->nend[at] = nstart + i + 1;
        }
    }
    return st;
}

ilokg_status
ilokg_seg_flow_text(flow *f, const ilokg_text *t, size_t s, size_t e)
{
    return ilokg_seg_flow_put(f, t->ptr + s, e - s, s, 0);
}

ilokg_status
ilokg_seg_flow_new_para(flow *f, size_t section)
{
    ilokg_status st = ILOKG_OK;
    if (f->buf.len && (st = ilokg_seg_flow_put(f, "\n", 1, 0, 1))) {
        return st;
    }
    if ((st = ilokg_grow(&f->paras, &f->cap_paras, f->n_paras, sizeof *f->paras))) {
        return st;
    }
    para *p    = &f->paras[f->n_paras++];
    p->fs      = f->buf.len;
    p->fe      = f->buf.len;
    p->section = section;
    f->open    = 1;
    return ILOKG_OK;
}

void
ilokg_seg_flow_end_para(flow *f)
{
    if (f->n_paras) {
        f->paras[f->n_paras - 1].fe = f->buf.len;
    }
    f->open = 0;
}

static size_t
split_words(const char *p, size_t n, rng *out, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        while (i < n && ilokg_is_ws(p[i])) {
            i++;
        }
        size_t s = i;
        while (i < n && !ilokg_is_ws(p[i])) {
            i++;
        }
        if (i > s) {
            out[k].s   = s;
            out[k++].e = i;
        }
    }
    return k;
}

static int
same_word(const char *a, rng x, const char *b, rng y)
{
    /* Trailing punctuation does not make two words differ. */
    while (x.e > x.s && strchr(",;:.", a[x.e - 1])) {
        x.e--;
    }
    while (y.e > y.s && strchr(",;:.", b[y.e - 1])) {
        y.e--;
    }
    if (x.e - x.s != y.e - y.s) {
        return 0;
    }
    for (size_t i = 0; i < x.e - x.s; i++) {
        if (ilokg_to_lower(a[x.s + i]) != ilokg_to_lower(b[y.s + i])) {
            return 0;
        }
    }
    return 1;
}

/* The extraction sometimes prints the end of a table row again at the start of the next one
 * ("... requiring" / "Consulting each other ... requiring immediate attention"), at times with
 * a different spelling ("fastering ... group transition" / "and fostering ... green
 * transition"). When the new text starts with (nearly) the words the flow ends with, the flow
 * drops its copy: the text is counted once. */
void
ilokg_seg_drop_repeated_tail(flow *f, const char *next, size_t n)
{
    enum { MAXW = 160 };
    rng tw[MAXW], nw[MAXW];
    if (!f->buf.len) {
        return; /* nothing to repeat (and buf.ptr may still be NULL) */
    }
    size_t from = f->buf.len > 400 ? f->buf.len - 400 : 0;
    if (f->n_paras && from < f->paras[f->n_paras - 1].fs) {
        from = f->paras[f->n_paras - 1].fs;
    }
    /* Only the last clause of the flow can be a repeat. */
    for (size_t i = f->buf.len; i > from; i--) {
        char c = f->buf.ptr[i - 1];
        if (c == ';' || c == ':' || c == '.' || c == '\n') {
            from = i;
            break;
        }
    }
    size_t nt = split_words(f->buf.ptr + from, f->buf.len - from, tw, MAXW);
    size_t nn = split_words(next, n, nw, MAXW);
    for (size_t L = nt < nn ? nt : nn; L >= 5; L--) {
        size_t same = 0;
        for (size_t k = 0; k < L; k++) {
            same += same_word(f->buf.ptr + from, tw[nt - L + k], next, nw[k]);
        }
        size_t lead = 0;
        for (size_t k = 0; k < 3; k++) {
            lead += same_word(f->buf.ptr + from, tw[nt - L + k], next, nw[k]);
        }
        if (same * 10 >= L * 8 && lead >= 2) {
            size_t cut = from + tw[nt - L].s;
            while (cut > 0 && ilokg_is_ws(f->buf.ptr[cut - 1])) {
                cut--;
            }
            f->buf.len      = cut;
            f->buf.ptr[cut] = '\0';
            if (f->n_paras && f->paras[f->n_paras - 1].fe > cut) {
                f->paras[f->n_paras - 1].fe = cut;
            }
            return;
        }
    }
}
