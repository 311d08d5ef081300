/* SPDX-License-Identifier: Apache-2.0 */
/* The name index: every name of every entity, folded, in one Aho-Corasick automaton that
 * finds them all in one pass over a text. */
#include "recognize/gazetteer_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "util/buf.h"
#include "util/io.h"
#include "util/utf8.h"

/* Adds a name (folded here). Default case rule: one word exactly, several words folded. */
ilokg_status
ilokg_gaz_add_name(ilokg_gazetteer *gaz, const char *text, size_t len, ilokg_name_role role,
         const ilokg_entity *e, case_rule rule, bool indirect)
{
    ilokg_folded f;
    ilokg_status st = ilokg_fold(&f, text, len);
    if (st) {
        return st;
    }
    /* Trim the folded name: a cell may begin or end with a space. */
    size_t a = 0, b = f.len;
    while (a < b && f.folded[a] == ' ') {
        a++;
    }
    while (b > a && f.folded[b - 1] == ' ') {
        b--;
    }
    if (a == b) {
        ilokg_folded_free(&f);
        return ILOKG_OK;
    }
    char *copy = ilokg_gaz_arena_strndup(gaz->s, f.folded + a, b - a);
    ilokg_folded_free(&f);
    if (!copy ||
        (st = ilokg_grow(&gaz->names, &gaz->cap_names, gaz->n_names, sizeof *gaz->names))) {
        return ILOKG_ERR_NOMEM;
    }
    ilokg_name *n = &gaz->names[gaz->n_names++];
    memset(n, 0, sizeof *n);
    n->text     = copy;
    n->len      = b - a;
    n->role     = role;
    n->entity   = e;
    n->indirect = indirect;
    n->exact    = rule == CASE_EXACT || (rule == CASE_DEFAULT && !memchr(copy, ' ', n->len));
    return ILOKG_OK;
}

ilokg_status
ilokg_gaz_add_names(ilokg_gazetteer *gaz, const char *s, ilokg_name_role role, const ilokg_entity *e)
{
    return s ? ilokg_gaz_add_name(gaz, s, strlen(s), role, e, CASE_DEFAULT, false) : ILOKG_OK;
}

/* "Least Developed Countries (LDC)" also answers to "Least Developed Countries" and "LDC". */
ilokg_status
ilokg_gaz_add_names_split(ilokg_gazetteer *gaz, const char *s, const ilokg_entity *e)
{
    ilokg_status st  = ilokg_gaz_add_names(gaz, s, ILOKG_NAME_ENTITY, e);
    size_t       len = s ? strlen(s) : 0;
    const char  *open;
    if (!st && len > 2 && s[len - 1] == ')' && (open = strrchr(s, '(')) && open > s + 1 &&
        open[-1] == ' ') {
        st = ilokg_gaz_add_name(gaz, s, (size_t)(open - 1 - s), ILOKG_NAME_ENTITY, e, CASE_DEFAULT, false);
        if (!st) {
            st = ilokg_gaz_add_name(gaz, open + 1, (size_t)(s + len - 1 - (open + 1)), ILOKG_NAME_ENTITY, e,
                          CASE_DEFAULT, false);
        }
    }
    return st;
}

static int
cmp_name(const void *pa, const void *pb)
{
    const ilokg_name *a = pa, *b = pb;
    int               c = strcmp(a->text, b->text);
    if (c) {
        return c;
    }
    if (a->role != b->role) {
        return (int)a->role - (int)b->role;
    }
    if (a->entity != b->entity) {
        if (!a->entity || !b->entity) {
            return a->entity ? 1 : -1;
        }
        if (a->entity->kind != b->entity->kind) {
            return (int)a->entity->kind - (int)b->entity->kind;
        }
        return strcmp(a->entity->id, b->entity->id);
    }
    return (int)a->trigger - (int)b->trigger;
}

static bool
same_name(const ilokg_name *a, const ilokg_name *b)
{
    return !strcmp(a->text, b->text) && a->role == b->role && a->entity == b->entity &&
           a->trigger == b->trigger;
}

/* Sorts and deduplicates the names, and marks as ambiguous the country names the tables give to
 * several countries ("Congo"): curated aliases naming several entities on purpose never collide
 * within one kind from the generated tables. */
void
ilokg_gaz_names_finish(ilokg_gazetteer *gaz)
{
    if (gaz->n_names) {
        qsort(gaz->names, gaz->n_names, sizeof *gaz->names, cmp_name);
    }
    size_t w = 0;
    for (size_t r = 0; r < gaz->n_names; r++) {
        if (w && same_name(&gaz->names[w - 1], &gaz->names[r])) {
            gaz->names[w - 1].exact = gaz->names[w - 1].exact && gaz->names[r].exact;
            continue;
        }
        gaz->names[w++] = gaz->names[r];
    }
    gaz->n_names = w;
    for (size_t i = 0; i + 1 < gaz->n_names; i++) {
        ilokg_name *a = &gaz->names[i], *b = &gaz->names[i + 1];
        if (a->role == ILOKG_NAME_ENTITY && b->role == ILOKG_NAME_ENTITY && a->entity &&
            b->entity && a->entity->kind == ILOKG_ENT_COUNTRY &&
            b->entity->kind == ILOKG_ENT_COUNTRY && a->entity != b->entity &&
            !strcmp(a->text, b->text)) {
            a->ambiguous = b->ambiguous = true;
        }
    }
}

/* ---- Automaton -------------------------------------------------------------------------- */

void
ilokg_gaz_ac_free(automaton *ac)
{
    free(ac->first);
    free(ac->next);
    free(ac->fail);
    free(ac->out);
    free(ac->dict);
    free(ac->byte);
    free(ac->name_next);
    memset(ac, 0, sizeof *ac);
}

static int32_t
ac_child(const automaton *ac, int32_t node, uint8_t c)
{
    if (node == 0) {
        return ac->root_next[c];
    }
    for (int32_t k = ac->first[node]; k >= 0; k = ac->next[k]) {
        if (ac->byte[k] == c) {
            return k;
        }
    }
    return -1;
}

static ilokg_status
ac_node(automaton *ac, int32_t *out)
{
    if (ac->n >= INT32_MAX) {
        return ILOKG_ERR_NOMEM;
    }
    if (ac->n == ac->cap) {
        size_t cap = ac->cap ? ac->cap * 2 : 4096;
        void  *p[6];
        size_t sz[6]  = {sizeof *ac->first, sizeof *ac->next, sizeof *ac->fail,
                         sizeof *ac->out,   sizeof *ac->dict, sizeof *ac->byte};
        void **arr[6] = {(void **)&ac->first, (void **)&ac->next, (void **)&ac->fail,
                         (void **)&ac->out,   (void **)&ac->dict, (void **)&ac->byte};
        for (int i = 0; i < 6; i++) {
            p[i] = realloc(*arr[i], cap * sz[i]);
            if (!p[i]) {
                return ILOKG_ERR_NOMEM;
            }
            *arr[i] = p[i];
        }
        ac->cap = cap;
    }
    int32_t k    = (int32_t)ac->n++;
    ac->first[k] = ac->next[k] = ac->out[k] = ac->dict[k] = -1;
    ac->fail[k]                                           = 0;
    ac->byte[k]                                           = 0;
    *out                                                  = k;
    return ILOKG_OK;
}

ilokg_status
ilokg_gaz_ac_build(ilokg_gazetteer *gaz)
{
    automaton   *ac = &gaz->ac;
    ilokg_status st;
    int32_t      root;
    for (int c = 0; c < 256; c++) {
        ac->root_next[c] = -1;
    }
    if ((st = ac_node(ac, &root))) {
        return st;
    }
    ac->name_next = malloc((gaz->n_names ? gaz->n_names : 1) * sizeof *ac->name_next);
    if (!ac->name_next) {
        return ILOKG_ERR_NOMEM;
    }
    /* Backwards, so that the names ending at one node are listed in index order. */
    for (size_t i = gaz->n_names; i-- > 0;) {
        const ilokg_name *nm   = &gaz->names[i];
        int32_t           node = 0;
        for (size_t j = 0; j < nm->len; j++) {
            char    ch = nm->text[j];
            uint8_t c  = (uint8_t)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
            int32_t k  = ac_child(ac, node, c);
            if (k < 0) {
                if ((st = ac_node(ac, &k))) {
                    return st;
                }
                ac->byte[k] = c;
                if (node == 0) {
                    ac->root_next[c] = k;
                } else {
                    ac->next[k]     = ac->first[node];
                    ac->first[node] = k;
                }
            }
            node = k;
        }
        ac->name_next[i] = ac->out[node];
        ac->out[node]    = (int32_t)i;
    }
    /* Breadth-first: failure links and dictionary links (nearest suffix node ending a name). */
    int32_t *queue = malloc(ac->n * sizeof *queue);
    if (!queue) {
        return ILOKG_ERR_NOMEM;
    }
    size_t head = 0, tail = 0;
    for (int c = 0; c < 256; c++) {
        if (ac->root_next[c] > 0) {
            ac->fail[ac->root_next[c]] = 0;
            queue[tail++]              = ac->root_next[c];
        }
    }
    while (head < tail) {
        int32_t u = queue[head++];
        for (int32_t v = ac->first[u]; v >= 0; v = ac->next[v]) {
            int32_t f = ac->fail[u], g;
            while (f && ac_child(ac, f, ac->byte[v]) < 0) {
                f = ac->fail[f];
            }
            g             = ac_child(ac, f, ac->byte[v]);
            ac->fail[v]   = g > 0 && g != v ? g : 0;
            int32_t fv    = ac->fail[v];
            ac->dict[v]   = ac->out[fv] >= 0 ? fv : ac->dict[fv];
            queue[tail++] = v;
        }
    }
    free(queue);
    return ILOKG_OK;
}

/* Reports one name ending at folded offset end if its boundaries and case fit. */
static void
report(const ilokg_gazetteer *gaz, const ilokg_folded *t, size_t idx, size_t end,
       void (*fn)(const ilokg_name *, size_t, size_t, void *), void *payload)
{
    const ilokg_name *nm    = &gaz->names[idx];
    size_t            start = end - nm->len;
    const char       *f     = t->folded;
    if (ilokg_is_word_byte(nm->text[0]) && start > 0 && ilokg_is_word_byte(f[start - 1])) {
        return;
    }
    if (nm->exact && memcmp(f + start, nm->text, nm->len)) {
        return;
    }
    if (nm->digit_next) {
        if (!(end < t->len &&
              (ilokg_is_digit(f[end]) || (f[end] == '.' && end + 1 < t->len && ilokg_is_digit(f[end + 1]))))) {
            return;
        }
    } else if (ilokg_is_word_byte(nm->text[nm->len - 1]) && end < t->len && ilokg_is_word_byte(f[end])) {
        if (!(nm->plural && f[end] == 's' && (end + 1 == t->len || !ilokg_is_word_byte(f[end + 1])))) {
            return;
        }
        end++;
    }
    fn(nm, start, end, payload);
}

void
ilokg_gazetteer_scan(const ilokg_gazetteer *gaz, const ilokg_folded *text,
                     void (*fn)(const ilokg_name *name, size_t start, size_t end, void *payload),
                     void *payload)
{
    const automaton *ac    = &gaz->ac;
    int32_t          state = 0;
    if (!ac->n) {
        return;
    }
    for (size_t i = 0; i < text->len; i++) {
        uint8_t c = (uint8_t)text->lower[i];
        int32_t k;
        while ((k = ac_child(ac, state, c)) < 0 && state) {
            state = ac->fail[state];
        }
        state = k < 0 ? 0 : k;
        for (int32_t node = ac->out[state] >= 0 ? state : ac->dict[state]; node >= 0;
             node         = ac->dict[node]) {
            for (int32_t m = ac->out[node]; m >= 0; m = ac->name_next[m]) {
                report(gaz, text, (size_t)m, i + 1, fn, payload);
            }
        }
    }
}
