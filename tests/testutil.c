/* SPDX-License-Identifier: Apache-2.0 */
/* Test helpers: collecting sink, file reading. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
test_sink_collect(const ilokg_message *m, void *payload)
{
    test_sink *s = payload;
    if (s->n == s->cap) {
        size_t        cap  = s->cap ? 2 * s->cap : 16;
        test_message *msgs = realloc(s->msgs, cap * sizeof *msgs);
        if (!msgs) {
            /* No room to keep it: fail now rather than lose a message. */
            print_error("out of memory collecting: %s\n", m->text);
            fail();
        }
        s->msgs = msgs;
        s->cap  = cap;
    }
    test_message *t = &s->msgs[s->n++];
    t->level        = m->level;
    t->status       = m->status;
    t->line         = m->line;
    t->col          = m->col;
    t->offset       = m->offset;
    snprintf(t->file, sizeof t->file, "%s", m->file ? m->file : "");
    snprintf(t->text, sizeof t->text, "%s", m->text);
}

void
test_sink_init(test_sink *s)
{
    memset(s, 0, sizeof *s);
    s->diag.sink    = test_sink_collect;
    s->diag.payload = s;
}

void
test_sink_expect(test_sink *s, ilokg_status st, size_t line, size_t col, const char *needle)
{
    assert_true(s->seen < s->n);
    test_message *t = &s->msgs[s->seen++];
    if (t->status != st || t->line != line || t->col != col || !strstr(t->text, needle)) {
        print_error("got %s:%zu:%zu: [%d] %s\n", t->file, t->line, t->col, (int)t->status, t->text);
    }
    assert_int_equal(t->status, st);
    assert_int_equal(t->line, line);
    assert_int_equal(t->col, col);
    assert_non_null(strstr(t->text, needle));
}

void
test_sink_done(test_sink *s)
{
    for (size_t i = s->seen; i < s->n; i++) {
        print_error("unexpected message %s:%zu:%zu: %s\n", s->msgs[i].file, s->msgs[i].line,
                    s->msgs[i].col, s->msgs[i].text);
    }
    size_t seen = s->seen, n = s->n;
    test_sink_free(s);
    assert_int_equal(seen, n);
}

void
test_sink_free(test_sink *s)
{
    free(s->msgs);
    s->msgs = NULL;
    s->n = s->cap = s->seen = 0;
}

char *
test_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        print_error("cannot open %s\n", path);
        fail();
    }
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    if (len) {
        *len = (size_t)n;
    }
    return buf;
}

void
test_write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

void *
test_fixture_new(size_t size)
{
    test_sink *s = calloc(1, size);
    assert_non_null(s);
    test_sink_init(s);
    return s;
}

void
test_fixture_done(void *fixture)
{
    test_sink_done(fixture);
    free(fixture);
}
