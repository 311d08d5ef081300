/* SPDX-License-Identifier: Apache-2.0 */
/* The query page: an editor, the canned queries of queries/ to pick from, results as a table
 * whose IRIs link to their pages, downloads in each results format (web/query.js does the
 * fetching; without script the form still posts the query to the endpoint). */
#include "serve/page.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "serve/page_int.h"
#include "serve/web.h"
#include "util/io.h"

/* The query the editor opens with: small, answered at once, and showing IRIs that link. */
static const char default_query[] = "SELECT ?commitment ?text\n"
                                    "WHERE {\n"
                                    "  ?commitment a ilokg:Commitment ;\n"
                                    "     ilokg:text ?text .\n"
                                    "}\n"
                                    "LIMIT 10\n";

typedef struct {
    char *name;     /* file name without .rq */
    char *question; /* the "# Question:" comment, continuation lines joined */
    char *answer;   /* the "# Answer:" comment */
    char *text;     /* the whole file */
} canned;

static void
canned_free(canned *q, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(q[i].name);
        free(q[i].question);
        free(q[i].answer);
        free(q[i].text);
    }
    free(q);
}

static int
cmp_canned(const void *x, const void *y)
{
    return strcmp(((const canned *)x)->name, ((const canned *)y)->name);
}

/* Whether a comment line starts with a key such as "Needs:" (a capitalised word, a colon). */
static int
is_key(const char *s, size_t len)
{
    size_t i = 1;
    if (!len || s[0] < 'A' || s[0] > 'Z') {
        return 0;
    }
    while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
        i++;
    }
    return i < len && s[i] == ':';
}

/* The leading comment's "Question:" and "Answer:" paragraphs (docs/queries.md's convention:
 * a key line, then "# " continuation lines until the next key or the end of the comment). */
static ilokg_status
read_comments(canned *q)
{
    ilokg_buf    parts[2] = {ILOKG_BUF_INIT, ILOKG_BUF_INIT};
    ilokg_buf   *cur      = NULL;
    ilokg_status st       = ILOKG_OK;
    for (const char *line = q->text; !st && *line == '#';) {
        const char *end = strchr(line, '\n');
        size_t      len = end ? (size_t)(end - line) : strlen(line);
        const char *s   = line + 1;
        while (s < line + len && *s == ' ') {
            s++;
        }
        size_t rest = (size_t)(line + len - s);
        if (rest >= 9 && strncmp(s, "Question:", 9) == 0) {
            cur = &parts[0], s += 9, rest -= 9;
        } else if (rest >= 7 && strncmp(s, "Answer:", 7) == 0) {
            cur = &parts[1], s += 7, rest -= 7;
        } else if (is_key(s, rest)) {
            cur = NULL; /* another key ("Needs:"): not shown */
        }
        while (rest && *s == ' ') {
            s++, rest--;
        }
        if (cur && rest && !(st = cur->len ? ilokg_buf_addc(cur, ' ') : ILOKG_OK)) {
            st = ilokg_buf_add(cur, s, rest);
        }
        line = end ? end + 1 : line + len;
    }
    if (!st) {
        q->question = ilokg_buf_detach(&parts[0]);
        q->answer   = ilokg_buf_detach(&parts[1]);
        st          = q->question && q->answer ? ILOKG_OK : ILOKG_ERR_NOMEM;
    }
    ilokg_buf_free(&parts[0]);
    ilokg_buf_free(&parts[1]);
    return st;
}

/* The .rq files of data_dir/queries, sorted by name; none when there is no such directory. */
static ilokg_status
read_canned(ilokg_diag *diag, const char *data_dir, canned **out, size_t *n_out)
{
    char        *dir = data_dir ? ilokg_path_join(data_dir, "queries") : NULL;
    DIR         *d   = dir ? opendir(dir) : NULL;
    canned      *q   = NULL;
    size_t       n = 0, cap = 0;
    ilokg_status st = data_dir && !dir ? ILOKG_ERR_NOMEM : ILOKG_OK;
    for (struct dirent *e; !st && d && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len <= 3 || e->d_name[0] == '.' || strcmp(e->d_name + len - 3, ".rq") != 0) {
            continue;
        }
        char  *path = ilokg_path_join(dir, e->d_name);
        size_t tlen = 0;
        if (!path || (st = ilokg_grow(&q, &cap, n, sizeof *q))) {
            st = st ? st : ILOKG_ERR_NOMEM;
        } else {
            q[n] = (canned){ilokg_strndup(e->d_name, len - 3), NULL, NULL, NULL};
            n++;
            st = q[n - 1].name ? ilokg_io_read(&q[n - 1].text, &tlen, path, diag) : ILOKG_ERR_NOMEM;
        }
        if (!st) {
            st = read_comments(&q[n - 1]);
        }
        free(path);
    }
    if (d) {
        closedir(d);
    }
    free(dir);
    if (st) {
        canned_free(q, n);
        return st;
    }
    if (n) {
        qsort(q, n, sizeof *q, cmp_canned);
    }
    *out   = q;
    *n_out = n;
    return ILOKG_OK;
}

static ilokg_status
put_attr(ilokg_buf *out, const char *name, const char *value)
{
    ilokg_status st = ilokg_buf_printf(out, " %s=\"", name);
    if (!st && !(st = ilokg_html_escape(out, value, strlen(value)))) {
        st = ilokg_buf_addc(out, '"');
    }
    return st;
}

/* The list of canned queries: a button each (script fills the editor from the hidden text),
 * the question as its title and the answer's shape below it. */
static ilokg_status
put_canned(ilokg_buf *out, const canned *q, size_t n)
{
    ilokg_status st = ilokg_buf_adds(out, "<nav aria-label=\"Example queries\">\n<h2>Example "
                                          "queries</h2>\n<ul id=\"canned\">\n");
    for (size_t i = 0; !st && i < n; i++) {
        const char *title = *q[i].question ? q[i].question : q[i].name;
        if (!(st = ilokg_buf_adds(out, "<li><button type=\"button\" class=\"canned\"")) &&
            !(st = put_attr(out, "data-name", q[i].name)) &&
            !(st = put_attr(out, "title", q[i].answer)) && !(st = ilokg_buf_adds(out, ">")) &&
            !(st = ilokg_html_escape(out, title, strlen(title))) &&
            !(st = ilokg_buf_adds(out, "<span class=\"desc\">")) &&
            !(st = ilokg_html_escape(out, q[i].name, strlen(q[i].name))) &&
            !(st = ilokg_buf_adds(out, ".rq</span></button>\n<pre hidden class=\"canned-text\"")) &&
            !(st = put_attr(out, "data-name", q[i].name)) && !(st = ilokg_buf_adds(out, ">")) &&
            !(st = ilokg_html_escape(out, q[i].text, strlen(q[i].text)))) {
            st = ilokg_buf_adds(out, "</pre></li>\n");
        }
    }
    return st ? st : ilokg_buf_adds(out, "</ul>\n</nav>\n");
}

/* The editor and the results area. The settings script needs travel as data- attributes. */
static ilokg_status
put_editor(ilokg_buf *out, const ilokg_page_options *opt)
{
    const char  *endpoint = opt->endpoint ? opt->endpoint : "sparql";
    ilokg_status st       = ilokg_buf_adds(out, "<section id=\"app\"");
    if (!st && !(st = put_attr(out, "data-endpoint", endpoint)) &&
        !(st = put_attr(out, "data-ns", opt->ns ? opt->ns : ILOKG_DEFAULT_BASE)) &&
        !(st = put_attr(out, "data-base", opt->base && *opt->base ? opt->base : "/")) &&
        !(st = put_attr(out, "data-suffix", opt->suffix ? opt->suffix : ""))) {
        st = ilokg_buf_adds(out, ">\n<h2>Query</h2>\n");
    }
    if (!st && !*endpoint) {
        st = ilokg_buf_adds(out, "<p class=\"note\" id=\"no-endpoint\">These pages are static "
                                 "files: running a query needs a SPARQL endpoint. Enter its "
                                 "URL (for example that of <code>ilokg serve</code>) below.</p>\n");
    }
    if (!st && !(st = ilokg_buf_adds(out, "<form id=\"query-form\" method=\"post\"")) &&
        !(st = put_attr(out, "action", *endpoint ? endpoint : "sparql"))) {
        st = ilokg_buf_adds(out, ">\n<p><label for=\"endpoint\">Endpoint</label> <input "
                                 "id=\"endpoint\" name=\"endpoint\" type=\"text\" size=\"40\"");
    }
    if (!st && !(st = put_attr(out, "value", endpoint)) &&
        !(st = ilokg_buf_adds(out, "></p>\n<textarea id=\"query\" name=\"query\" "
                                   "spellcheck=\"false\" aria-label=\"SPARQL query\">")) &&
        !(st = ilokg_html_escape(out, default_query, strlen(default_query)))) {
        st = ilokg_buf_adds(out, "</textarea>\n<div class=\"controls\"><button type=\"submit\" "
                                 "id=\"run\">Run</button> <span id=\"status\" role=\"status\">"
                                 "</span></div>\n</form>\n<div id=\"error\" role=\"alert\" hidden>"
                                 "</div>\n<div id=\"downloads\" hidden></div>\n<div id=\"output\">"
                                 "</div>\n</section>\n");
    }
    return st;
}

ilokg_status
ilokg_page_query_opt(ilokg_diag *diag, const char *data_dir, const ilokg_page_options *opt,
                     ilokg_buf *out)
{
    ilokg_page_options defaults = ILOKG_PAGE_OPTIONS_INIT;
    canned            *q        = NULL;
    size_t             n = 0, mark = out->len;
    if (!opt) {
        opt = &defaults;
    }
    ilokg_status st = read_canned(diag, data_dir, &q, &n);
    if (!st && !(st = ilokg_page_begin(out, "Query", opt->home ? opt->home : "/", NULL)) &&
        !(st = ilokg_buf_adds(out, "<h1>Query the graph</h1>\n<p>Ask the graph of ILO and "
                                   "European Commission commitments in SPARQL 1.1, or pick an "
                                   "example. Prefixes such as <code>ilokg:</code> and "
                                   "<code>skos:</code> are predeclared.</p>\n"
                                   "<div class=\"query-layout\">\n")) &&
        !(st = put_canned(out, q, n)) && !(st = put_editor(out, opt)) &&
        !(st = ilokg_buf_adds(out, "</div>\n<script>\n")) &&
        !(st = ilokg_buf_adds(out, ilokg_web_query_js)) &&
        !(st = ilokg_buf_adds(out, "</script>\n"))) {
        st = ilokg_page_end(out);
    }
    if (st) {
        out->len = mark;
        if (out->ptr) {
            out->ptr[mark] = '\0';
        }
    }
    canned_free(q, n);
    return st;
}

ilokg_status
ilokg_page_query(ilokg_diag *diag, const char *data_dir, const char *base, ilokg_buf *out)
{
    ilokg_page_options opt = ILOKG_PAGE_OPTIONS_INIT;
    opt.base               = base;
    return ilokg_page_query_opt(diag, data_dir, &opt, out);
}
