/* SPDX-License-Identifier: Apache-2.0 */
/* Scoring the tool's links against the hand-read gold links (track_gold.h). */
#include "track_gold.h"

#include <stdio.h>
#include <string.h>

static bool
strong(const char *degree)
{
    return !strncmp(degree, "repeated\t", 9) || !strncmp(degree, "developed\t", 10);
}

bool
track_gold_has(const char *gold, const char *e, size_t es, const char *l, size_t ls)
{
    char key[128];
    snprintf(key, sizeof key, "\n%s\t%zu\t%s\t%zu\t", e, es, l, ls);
    for (const char *p = strstr(gold, key); p; p = strstr(p + 1, key)) {
        if (strong(p + strlen(key))) {
            return true;
        }
    }
    return false;
}

bool
track_gold_read(const char *gold, const char *e, size_t es)
{
    char key[64];
    snprintf(key, sizeof key, "\n%s\t%zu\t", e, es);
    return strstr(gold, key) != NULL;
}

track_counts
track_gold_score(const ilokg_track *t, const char *gold, const char *earlier)
{
    track_counts            c = {0, 0, 0};
    size_t                  ni, nl;
    const ilokg_track_item *it = ilokg_track_items(t, &ni);
    const ilokg_track_link *l  = ilokg_track_links(t, &nl);
    for (size_t k = 0; k < nl; k++) {
        const ilokg_track_item *e = &it[l[k].earlier], *a = &it[l[k].later];
        if (strcmp(e->doc_id, earlier) || l[k].degree < ILOKG_DEGREE_DEVELOPED ||
            !track_gold_read(gold, e->doc_id, e->seq)) {
            continue;
        }
        c.predicted++;
        c.tp += track_gold_has(gold, e->doc_id, e->seq, a->doc_id, a->seq);
    }
    /* Gold links: rows of this earlier meeting whose fifth column is repeated or developed. */
    size_t elen = strlen(earlier);
    for (const char *p = gold; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        const char *f = p;
        for (int col = 0; col < 4 && f; col++) {
            f = strchr(f, '\t');
            f = f ? f + 1 : NULL;
        }
        if (f && !strncmp(p, earlier, elen) && p[elen] == '\t' && strong(f)) {
            c.gold++;
        }
    }
    return c;
}

double
track_precision(track_counts c)
{
    return c.predicted ? (double)c.tp / (double)c.predicted : 0;
}

double
track_recall(track_counts c)
{
    return c.gold ? (double)c.tp / (double)c.gold : 0;
}

double
track_f(track_counts c)
{
    return c.predicted + c.gold ? 2.0 * (double)c.tp / (double)(c.predicted + c.gold) : 0;
}
