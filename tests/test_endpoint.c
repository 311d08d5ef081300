/* SPDX-License-Identifier: Apache-2.0 */
/* Tests of the SPARQL JSON results reader of endpoint.c: every term kind, JSON escapes, unbound
 * values, booleans, and answers that are not SPARQL JSON results. (The HTTP side is tested
 * against a real server in cli_endpoint.cmake.) */
#include "testutil.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "query/endpoint.h"

#define URL "http://example.org/sparql"

/* The answer json written as CSV (or format), with the status in *st. */
static char *
convert(test_sink *s, const char *json, ilokg_results_format format, size_t max_rows,
        ilokg_status *st)
{
    char  *buf = NULL;
    size_t len = 0;
    FILE  *fp  = open_memstream(&buf, &len);
    assert_non_null(fp);
    *st = ilokg_endpoint_write_json(&s->diag, URL, json, strlen(json), format, max_rows, fp);
    fclose(fp);
    return buf;
}

static void
test_endpoint_terms_and_escapes(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_status st;
    /* Virtuoso's "typed-literal", a language tag, a blank node, an unbound ?c in the second row,
     * \" \\ \n escapes, \u00e9 (é) and a surrogate pair (U+1F600), xsd:string dropped. */
    const char *json =
        "{ \"head\": { \"link\": [], \"vars\": [\"a\", \"b\", \"c\"] },\n"
        "  \"results\": { \"distinct\": false, \"ordered\": true, \"bindings\": [\n"
        "    { \"a\": { \"type\": \"uri\", \"value\": \"https://w3id.org/ilokg/id/actor/ILO\" },\n"
        "      \"b\": { \"type\": \"literal\", \"xml:lang\": \"fr\", \"value\": \"caf\\u00e9\" },\n"
        "      \"c\": { \"type\": \"typed-literal\", \"datatype\": "
        "\"http://www.w3.org/2001/XMLSchema#integer\", \"value\": \"70\" } },\n"
        "    { \"a\": { \"type\": \"bnode\", \"value\": \"b0\" },\n"
        "      \"b\": { \"type\": \"literal\", \"datatype\": "
        "\"http://www.w3.org/2001/XMLSchema#string\", "
        "\"value\": \"say \\\"hi\\\"\\\\\\n\\ud83d\\ude00\" } }\n"
        "  ] } }";
    char *out = convert(&s, json, ILOKG_RESULTS_TSV, 0, &st);
    assert_int_equal(st, ILOKG_OK);
    assert_string_equal(out, "?a\t?b\t?c\n"
                             "<https://w3id.org/ilokg/id/actor/ILO>\t\"caf\xc3\xa9\"@fr\t70\n"
                             "_:b0\t\"say \\\"hi\\\"\\\\\\n\xf0\x9f\x98\x80\"\t\n");
    free(out);
    test_sink_done(&s);
}

static void
test_endpoint_boolean_and_empty(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_status st;
    char *out = convert(&s, "{ \"head\": {}, \"boolean\": false }", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_OK);
    assert_string_equal(out, "_askResult\r\nfalse\r\n");
    free(out);
    out = convert(&s, "{\"head\":{\"vars\":[\"n\"]},\"results\":{\"bindings\":[]}}",
                  ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_OK);
    assert_string_equal(out, "n\r\n");
    free(out);
    test_sink_done(&s);
}

static void
test_endpoint_max_rows(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_status st;
    char        *out = convert(&s,
                               "{\"head\":{\"vars\":[\"n\"]},\"results\":{\"bindings\":["
                                      "{\"n\":{\"type\":\"literal\",\"value\":\"1\"}},"
                                      "{\"n\":{\"type\":\"literal\",\"value\":\"2\"}}]}}",
                               ILOKG_RESULTS_CSV, 1, &st);
    assert_int_equal(st, ILOKG_OK);
    assert_string_equal(out, "n\r\n1\r\n");
    test_sink_expect(&s, ILOKG_OK, 0, 0, "stopped after 1 rows (--max-rows)");
    free(out);
    test_sink_done(&s);
}

static void
test_endpoint_rejects_non_results(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_status st;
    char        *out = convert(&s, "<html>Not found</html>", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, URL ": the answer is not valid JSON (at byte 0");
    free(out);
    out = convert(&s, "{\"head\":{\"vars\":[\"n\"]}} trailing", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "not valid JSON (at byte 24");
    free(out);
    out = convert(&s, "{\"head\":{\"vars\":[\"n\"]}}", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "not SPARQL JSON results");
    free(out);
    out = convert(&s,
                  "{\"head\":{\"vars\":[\"n\"]},\"results\":{\"bindings\":["
                  "{\"n\":{\"type\":\"triple\",\"value\":\"x\"}}]}}",
                  ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "row 1: the value of ?n has no known type");
    free(out);
    out = convert(&s, "{\"head\":{},\"boolean\":\"yes\"}", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "\"boolean\" is not true or false");
    free(out);
    out = convert(&s, "{\"a\":\"\\ud800\"}", ILOKG_RESULTS_CSV, 0, &st);
    assert_int_equal(st, ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "not valid JSON");
    free(out);
    test_sink_done(&s);
}

/* ---- The HTTP side, against a canned server on the loopback interface --------------------- */

/* A server answering each connection with response (after reading the request), or never
 * answering when response is NULL; "%d" in it stands for its own port. */
typedef struct {
    pid_t pid;
    int   port;
} canned_server;

static void
serve_one(int fd, const char *response, int port)
{
    char   req[65536];
    size_t got = 0;
    for (;;) {
        ssize_t n = read(fd, req + got, sizeof req - 1 - got);
        if (n <= 0) {
            return;
        }
        got += (size_t)n;
        req[got]  = '\0';
        char *end = strstr(req, "\r\n\r\n");
        char *cl  = strstr(req, "Content-Length: ");
        if (end && (!cl || got - (size_t)(end + 4 - req) >= (size_t)atol(cl + 16))) {
            break;
        }
    }
    if (!response) {
        pause();
        return;
    }
    char        out[8192];
    const char *pc = strstr(response, "%d");
    int         len =
        pc ? snprintf(out, sizeof out, "%.*s%d%s", (int)(pc - response), response, port, pc + 2)
                   : snprintf(out, sizeof out, "%s", response);
    if (len > 0 && write(fd, out, (size_t)len) < 0) {
        return;
    }
}

static canned_server
canned_start(const char *response)
{
    canned_server      cs = {0, 0};
    struct sockaddr_in a;
    socklen_t          alen = sizeof a;
    int                fd   = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    memset(&a, 0, sizeof a);
    a.sin_family      = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fd, 16), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
    cs.port = ntohs(a.sin_port);
    cs.pid  = fork();
    assert_true(cs.pid >= 0);
    if (cs.pid == 0) {
        for (;;) {
            int c = accept(fd, NULL, NULL);
            if (c < 0) {
                _exit(0);
            }
            serve_one(c, response, cs.port);
            close(c);
        }
    }
    close(fd);
    return cs;
}

static void
canned_stop(canned_server *cs)
{
    kill(cs->pid, SIGTERM);
    waitpid(cs->pid, NULL, 0);
}

static ilokg_status
fetch_from(test_sink *s, const canned_server *cs, const char *accept,
           const ilokg_endpoint_limits *lim, ilokg_buf *body)
{
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/sparql", cs->port);
    return ilokg_endpoint_fetch_with(&s->diag, url, "ASK {}", accept, lim, body);
}

static void
test_endpoint_only_http(void **state)
{
    (void)state;
    test_sink s;
    test_sink_init(&s);
    ilokg_buf body = ILOKG_BUF_INIT;
    /* curl would read the file and the error message would quote its first line. */
    assert_int_equal(ilokg_endpoint_fetch(&s.diag, "file:///etc/passwd", "ASK {}",
                                          ILOKG_ENDPOINT_RESULTS, 0, &body),
                     ILOKG_ERR_USAGE);
    test_sink_expect(&s, ILOKG_ERR_USAGE, 0, 0, "must be an http:// or https:// URL");
    assert_int_equal(ilokg_endpoint_fetch(&s.diag, "ftp://127.0.0.1/x", "ASK {}",
                                          ILOKG_ENDPOINT_RESULTS, 0, &body),
                     ILOKG_ERR_USAGE);
    test_sink_expect(&s, ILOKG_ERR_USAGE, 0, 0, "must be an http:// or https:// URL");
    assert_int_equal(body.len, 0);
    ilokg_buf_free(&body);
    test_sink_done(&s);
}

static void
test_endpoint_redirects(void **state)
{
    (void)state;
    test_sink             s;
    ilokg_buf             body = ILOKG_BUF_INIT;
    ilokg_endpoint_limits lim  = ILOKG_ENDPOINT_LIMITS_INIT;
    test_sink_init(&s);
    canned_server cs = canned_start("HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/etc/passwd"
                                    "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_int_equal(fetch_from(&s, &cs, ILOKG_ENDPOINT_RESULTS, &lim, &body), ILOKG_ERR_IO);
    test_sink_expect(&s, ILOKG_ERR_IO, 0, 0, "redirected to a URL that is not http or https");
    canned_stop(&cs);
    cs = canned_start("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:%d/again"
                      "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    lim.max_redirects = 2;
    assert_int_equal(fetch_from(&s, &cs, ILOKG_ENDPOINT_RESULTS, &lim, &body), ILOKG_ERR_IO);
    test_sink_expect(&s, ILOKG_ERR_IO, 0, 0, "more than 2 redirects");
    canned_stop(&cs);
    ilokg_buf_free(&body);
    test_sink_done(&s);
}

static void
test_endpoint_limits(void **state)
{
    (void)state;
    test_sink             s;
    ilokg_buf             body = ILOKG_BUF_INIT;
    ilokg_endpoint_limits lim  = ILOKG_ENDPOINT_LIMITS_INIT;
    test_sink_init(&s);
    /* Without --timeout a server that never answers must not hang the tool. */
    assert_true(lim.connect_timeout > 0 && lim.timeout > 0 && lim.max_bytes > 0);
    canned_server cs = canned_start(NULL);
    lim.timeout      = 0.5;
    assert_int_equal(fetch_from(&s, &cs, ILOKG_ENDPOINT_RESULTS, &lim, &body), ILOKG_ERR_IO);
    test_sink_expect(&s, ILOKG_ERR_IO, 0, 0, "no answer within 0.5 seconds");
    canned_stop(&cs);
    cs            = canned_start("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
                                            "{\"head\":{},\"boolean\":true}                                        "
                                            "                                                                      ");
    lim.max_bytes = 64;
    assert_int_equal(fetch_from(&s, &cs, ILOKG_ENDPOINT_RESULTS, &lim, &body), ILOKG_ERR_IO);
    test_sink_expect(&s, ILOKG_ERR_IO, 0, 0, "the answer is larger than 64 bytes");
    canned_stop(&cs);
    ilokg_buf_free(&body);
    test_sink_done(&s);
}

static void
test_endpoint_bad_ntriples(void **state)
{
    (void)state;
    test_sink             s;
    ilokg_buf             body = ILOKG_BUF_INIT;
    ilokg_endpoint_limits lim  = ILOKG_ENDPOINT_LIMITS_INIT;
    test_sink_init(&s);
    canned_server cs = canned_start("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
                                    "<http://a> <http://b> <http://c> .\n<html>oops</html>\n");
    assert_int_equal(fetch_from(&s, &cs, ILOKG_ENDPOINT_TRIPLES, &lim, &body), ILOKG_ERR_QUERY);
    test_sink_expect(&s, ILOKG_ERR_QUERY, 0, 0, "the answer is not N-Triples (line 2");
    canned_stop(&cs);
    ilokg_buf_free(&body);
    body = (ilokg_buf)ILOKG_BUF_INIT;
    cs   = canned_start("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
                          "<http://a> <http://b> \"x\" .\n");
    assert_int_equal(fetch_from(&s, &cs, ILOKG_ENDPOINT_TRIPLES, &lim, &body), ILOKG_OK);
    canned_stop(&cs);
    ilokg_buf_free(&body);
    test_sink_done(&s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_endpoint_terms_and_escapes),
        cmocka_unit_test(test_endpoint_boolean_and_empty),
        cmocka_unit_test(test_endpoint_max_rows),
        cmocka_unit_test(test_endpoint_rejects_non_results),
        cmocka_unit_test(test_endpoint_only_http),
        cmocka_unit_test(test_endpoint_redirects),
        cmocka_unit_test(test_endpoint_limits),
        cmocka_unit_test(test_endpoint_bad_ntriples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
