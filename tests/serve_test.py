#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tests of `ilokg serve` against the running server: loads the corpus export into a store,
starts the server on a free loopback port (--port 0, the port read from its start line), sends
real requests with curl, and stops it with SIGTERM. Each check prints "ok NAME" or "FAIL NAME:
why"; the exit status is 1 when any failed.

    serve_test.py --ilokg BIN --export EXPORT.nq --work DIR --source SRC [--only GROUP]

GROUP: protocol (the SPARQL Protocol, formats, errors, limits), linked (303s, descriptions,
VoID, ontology), endpoint (ilokg query --endpoint against ilokg query --store for every canned
query, and Jena's rsparql for four of them), lifecycle (store replaced while serving, slow clients, --data, SIGTERM), load (a short
wrk run of bench/serve/mix.lua: no failed request).

Expected values were read by hand from the corpus, not copied from the server's output: the
actor ILO's skos:notation is "ILO" (data/reference/actors.tsv); item 23 of hlm13-2017 is the
commitment README.md shows (item number "23", actors EC and ILO, mentions P029 and R203).
"""
import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

BASE = "https://w3id.org/ilokg/id/"
C23 = BASE + "doc/hlm13-2017/commitment/23"
FAILED = []


def check(name, cond, why=""):
    if cond:
        print("ok " + name)
    else:
        print("FAIL %s: %s" % (name, why))
        FAILED.append(name)
    sys.stdout.flush()
    return cond


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name.lower())

    def text(self):
        return self.body.decode("utf-8", "replace")


def curl(url, *args, data=None, timeout=60):
    """One request with curl; the reply's status, headers (last of each name) and body."""
    with tempfile.NamedTemporaryFile() as hdr:
        cmd = ["curl", "-s", "-S", "--max-time", str(timeout), "-D", hdr.name, "-o", "-"]
        cmd += list(args)
        if data is not None:
            cmd += ["--data-binary", "@-"]
        cmd.append(url)
        p = subprocess.run(cmd, input=data, capture_output=True)
        if p.returncode:
            return Reply(0, {}, p.stderr)
        lines = open(hdr.name, "rb").read().decode("latin-1").split("\r\n")
        status, headers = 0, {}
        for line in lines:
            if line.startswith("HTTP/"):
                status, headers = int(line.split()[1]), {}
            elif ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        return Reply(status, headers, p.stdout)


def form(query, **extra):
    from urllib.parse import urlencode
    pairs = [("query", query)] + [(k.replace("_", "-"), v) for k, v in extra.items()]
    return urlencode(pairs).encode()


class Server:
    def __init__(self, ilokg, args, log):
        self.log = open(log, "w+")
        self.proc = subprocess.Popen([ilokg, "serve", "--port", "0"] + args,
                                     stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.time() + 60
        self.url = None
        while time.time() < deadline and self.proc.poll() is None:
            self.log.seek(0)
            m = re.search(r"serving (http://127\.0\.0\.1:\d+/)", self.log.read())
            if m:
                self.url = m.group(1).rstrip("/")
                return
            time.sleep(0.05)
        self.log.seek(0)
        raise RuntimeError("the server did not start: " + self.log.read())

    def stop(self):
        """SIGTERM; the exit status, or None when it had to be killed."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None
        return self.proc.returncode

    def stderr(self):
        self.log.seek(0)
        return self.log.read()


def ntriples_set(text):
    """The lines of N-Triples, blank-node labels aside, as a set."""
    return set(l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#"))


def rapper(data, syntax):
    """Parses with rapper (Raptor's tool, not ours); its N-Triples, or None when it fails."""
    p = subprocess.run(["rapper", "-q", "-i", syntax, "-o", "ntriples", "-", "http://x/"],
                       input=data, capture_output=True)
    return p.stdout.decode() if p.returncode == 0 else None


# ---- protocol ---------------------------------------------------------------------------------

SELECT_ILO = "SELECT ?n WHERE { <%sactor/ILO> skos:notation ?n }" % BASE


def test_protocol(s, a):
    ep = s.url + "/sparql"
    # A SELECT in every results format, by Accept; each parsed and the one value checked.
    r = curl(ep, "-H", "Accept: application/sparql-results+json", data=form(SELECT_ILO))
    ok = r.status == 200 and r.header("content-type").startswith("application/sparql-results+json")
    if ok:
        b = json.loads(r.body)["results"]["bindings"]
        ok = b == [{"n": {"type": "literal", "value": "ILO"}}]
    check("select_json", ok, "%d %s" % (r.status, r.text()[:300]))
    r = curl(ep, "-H", "Accept: application/sparql-results+xml", data=form(SELECT_ILO))
    ok = r.status == 200 and r.header("content-type").startswith("application/sparql-results+xml")
    if ok:
        ns = "{http://www.w3.org/2005/sparql-results#}"
        lits = [e.text for e in ET.fromstring(r.body).iter(ns + "literal")]
        ok = lits == ["ILO"]
    check("select_xml", ok, "%d %s" % (r.status, r.text()[:300]))
    r = curl(ep, "-H", "Accept: text/csv", data=form(SELECT_ILO))
    check("select_csv", r.status == 200 and r.header("content-type").startswith("text/csv")
          and r.text() == "n\r\nILO\r\n", "%d %r" % (r.status, r.text()[:300]))
    r = curl(ep, "-H", "Accept: text/tab-separated-values", data=form(SELECT_ILO))
    check("select_tsv", r.status == 200 and
          r.header("content-type").startswith("text/tab-separated-values")
          and r.text() == '?n\n"ILO"\n', "%d %r" % (r.status, r.text()[:300]))
    # GET, and POST of the query itself, answer as the form does.
    from urllib.parse import quote
    r = curl(ep + "?query=" + quote(SELECT_ILO), "-H", "Accept: text/csv")
    check("get_query", r.status == 200 and r.text() == "n\r\nILO\r\n", r.text()[:300])
    r = curl(ep, "-H", "Content-Type: application/sparql-query", "-H", "Accept: text/csv",
             data=SELECT_ILO.encode())
    check("post_direct", r.status == 200 and r.text() == "n\r\nILO\r\n", r.text()[:300])
    # q-values: XML (q=1) over CSV (q=0.5); nothing acceptable: 406.
    r = curl(ep, "-H", "Accept: text/csv;q=0.5, application/sparql-results+xml",
             data=form(SELECT_ILO))
    check("accept_q_xml", (r.header("content-type") or "").startswith(
        "application/sparql-results+xml"), str(r.headers))
    r = curl(ep, "-H", "Accept: image/png", data=form(SELECT_ILO))
    check("accept_406", r.status == 406, "%d" % r.status)
    r = curl(ep, "-H", "Accept: image/png", data=form(SELECT_ILO, format="csv"))
    check("format_param", r.status == 200 and r.text() == "n\r\nILO\r\n", r.text()[:200])
    # ASK in JSON.
    r = curl(ep, data=form("ASK { <%s> a ilokg:Commitment }" % C23))
    check("ask_json", r.status == 200 and json.loads(r.body).get("boolean") is True, r.text())
    # CONSTRUCT: Turtle and JSON-LD parsed back by independent parsers, same triples as the
    # N-Triples answer; the triples checked against README.md's commitment 23.
    cq = "CONSTRUCT { <%s> ?p ?o } WHERE { <%s> ?p ?o }" % (C23, C23)
    nt = curl(ep, "-H", "Accept: application/n-triples", data=form(cq))
    want = ntriples_set(nt.text())
    check("construct_nt", nt.status == 200 and
          "<%s> <https://w3id.org/ilokg/ns#itemNumber> \"23\" ." % C23 in want and
          "<%s> <https://w3id.org/ilokg/ns#mentions> <%sinstrument/P029> ." % (C23, BASE) in want,
          nt.text()[:400])
    ttl = curl(ep, "-H", "Accept: text/turtle", data=form(cq))
    parsed = rapper(ttl.body, "turtle")
    check("construct_turtle", ttl.status == 200 and
          ttl.header("content-type").startswith("text/turtle") and parsed is not None and
          ntriples_set(parsed) == want, ttl.text()[:300])
    jl = curl(ep, "-H", "Accept: application/ld+json", data=form(cq))
    ok = jl.status == 200 and jl.header("content-type").startswith("application/ld+json")
    if ok:
        import rdflib
        g = rdflib.Graph()
        g.parse(data=jl.body, format="json-ld")
        ok = len(g) == len(want) and (rdflib.URIRef(C23),
                                      rdflib.URIRef("https://w3id.org/ilokg/ns#itemNumber"),
                                      rdflib.Literal("23")) in g
    check("construct_jsonld", ok, jl.text()[:300])
    rx = curl(ep, "-H", "Accept: application/rdf+xml", data=form(cq))
    parsed = rapper(rx.body, "rdfxml")
    check("construct_rdfxml", rx.status == 200 and parsed is not None and
          ntriples_set(parsed) == want, rx.text()[:300])
    # default-graph-uri and named-graph-uri replace the query's dataset: the dataset graph
    # holds the one void:Dataset; a graph the store lacks gives an empty default graph.
    cnt = "SELECT (COUNT(*) AS ?n) WHERE { ?d a void:Dataset }"
    r = curl(ep, "-H", "Accept: text/csv",
             data=form(cnt, default_graph_uri=BASE + "graph/dataset"))
    check("default_graph_uri", r.text() == "n\r\n1\r\n", r.text())
    r = curl(ep, "-H", "Accept: text/csv", data=form(cnt, default_graph_uri=BASE + "graph/none"))
    check("default_graph_uri_absent", r.text() == "n\r\n0\r\n", r.text())
    r = curl(ep, "-H", "Accept: text/csv",
             data=form("SELECT ?g WHERE { GRAPH ?g { ?d a void:Dataset } }",
                       named_graph_uri=BASE + "graph/dataset"))
    check("named_graph_uri", r.text() == "g\r\n%sgraph/dataset\r\n" % BASE, r.text())
    # A malformed query: 400 with the parser's line and column. Counted by hand: the query's
    # second line is "WHERE { ?s ?p }", whose '}' (column 15) comes where an object belongs.
    r = curl(ep, data=form("SELECT *\nWHERE { ?s ?p }"))
    check("malformed_400", r.status == 400 and r.text().startswith("query:2:15: error:"),
          "%d %s" % (r.status, r.text()))
    # Updates refused: as the update parameter, as application/sparql-update, as a query.
    upd = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    from urllib.parse import urlencode
    r = curl(ep, data=urlencode([("update", upd)]).encode())
    check("update_refused", r.status == 400 and "SPARQL Update is not supported" in r.text(),
          "%d %s" % (r.status, r.text()))
    r = curl(ep, "-H", "Content-Type: application/sparql-update", data=upd.encode())
    check("update_refused_direct", r.status == 400 and "not supported" in r.text(), r.text())
    r = curl(ep, data=form(upd))
    check("update_as_query_refused", r.status == 400 and "query:1:1: error: SPARQL Update is "
          "not supported" in r.text(), r.text())
    r = curl(ep, "-X", "PUT", data=b"x")
    check("put_405", r.status == 405 and "POST" in (r.header("allow") or ""), str(r.status))
    # A body over --max-request (4096 in this test) is refused with 413 before it is read.
    r = curl(ep, data=form("SELECT * WHERE { ?s ?p ?o } #" + "x" * 5000))
    check("request_too_large", r.status == 413 and "--max-request" in r.text(),
          "%d %s" % (r.status, r.text()))
    # CORS: every answer, and the preflight.
    r = curl(ep, "-X", "OPTIONS", "-H", "Origin: http://example.org",
             "-H", "Access-Control-Request-Method: POST")
    check("cors_preflight", r.status == 204 and r.header("access-control-allow-origin") == "*"
          and "POST" in r.header("access-control-allow-methods"), str(r.headers))
    r = curl(ep, data=form(SELECT_ILO))
    check("cors_answer", r.header("access-control-allow-origin") == "*", str(r.headers))
    # The Service Description at the endpoint without a query: Turtle that rapper reads.
    r = curl(ep)
    parsed = rapper(r.body, "turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    check("service_description", r.status == 200 and parsed is not None and
          "<%s> <%sendpoint> <%s> ." % (ep, sd, ep) in parsed and
          "<%ssupportedLanguage> <%sSPARQL11Query>" % (sd, sd) in parsed and
          "<%sname> <%sgraph/dataset>" % (sd, BASE) in parsed, r.text()[:500])
    # A query over --timeout (1 s here) is stopped with a clear 503, and does not hold up the
    # others meanwhile: a quick query sent while it runs is answered before it ends.
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = {}

    def run_slow():
        result["slow"] = curl(ep, data=form(slow))
        result["slow_end"] = time.time()
    t = threading.Thread(target=run_slow)
    t.start()
    time.sleep(0.2)
    quick = curl(ep, "-H", "Accept: text/csv", data=form(SELECT_ILO))
    quick_end = time.time()
    t.join()
    r = result["slow"]
    check("timeout_503", r.status == 503 and "timed out" in r.text() and "--timeout" in r.text(),
          "%d %s" % (r.status, r.text()))
    check("runaway_does_not_block", quick.status == 200 and quick.text() == "n\r\nILO\r\n" and
          quick_end < result["slow_end"], "quick %d" % quick.status)


# ---- linked data ------------------------------------------------------------------------------

def test_linked(s, a):
    path = C23[len(BASE):]
    # The thing: 303 to its description in the format asked for.
    r = curl(s.url + "/id/" + path, "-H", "Accept: text/turtle")
    check("thing_303", r.status == 303 and r.header("location") == "/doc/%s.ttl" % path and
          r.header("vary") == "Accept", "%d %s" % (r.status, r.headers))
    r = curl(s.url + "/id/" + path, "-H", "Accept: application/ld+json")
    check("thing_303_jsonld", r.status == 303 and r.header("location") == "/doc/%s.jsonld" % path,
          str(r.headers))
    r = curl(s.url + "/id/nothing/here", "-H", "Accept: text/turtle")
    check("thing_404", r.status == 404, str(r.status))
    # Followed: the description in Turtle, parsed by rapper, with the commitment's triples.
    r = curl(s.url + "/id/" + path, "-L", "-H", "Accept: text/turtle")
    parsed = rapper(r.body, "turtle") or ""
    check("commitment_turtle", r.status == 200 and r.header("content-type").startswith(
        "text/turtle") and "<%s> <https://w3id.org/ilokg/ns#itemNumber> \"23\" ." % C23 in parsed
          and "<%s> <https://w3id.org/ilokg/ns#actor> <%sactor/EC> ." % (C23, BASE) in parsed,
          r.text()[:300])
    # A browser: 303 to the HTML page, which shows the commitment's text and links its actors
    # and instruments to their own pages.
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = curl(s.url + "/id/" + path, "-H", "Accept: " + browser)
    check("thing_303_html", r.status == 303 and r.header("location") == "/doc/%s.html" % path,
          str(r.headers))
    r = curl(s.url + "/id/" + path, "-L", "-H", "Accept: " + browser)
    check("commitment_html", r.status == 200 and
          r.header("content-type") == "text/html; charset=utf-8" and
          "Cooperate in promoting the ratification and implementation of the 2014 ILO Forced "
          "Labour Protocol" in r.text() and 'href="/doc/actor/ILO"' in r.text() and
          'href="/doc/instrument/P029"' in r.text(), r.text()[:300])
    r = curl(s.url + "/", "-H", "Accept: " + browser)
    check("query_page", r.status == 200 and r.header("content-type").startswith("text/html")
          and "actor-pairs" in r.text(), "%d %s" % (r.status, r.text()[:200]))
    # Negotiated at the generic document: Vary, Content-Location, Link to every variant.
    r = curl(s.url + "/doc/" + path, "-H", "Accept: application/n-triples")
    link = r.header("link") or ""
    check("document_negotiated", r.status == 200 and r.header("vary") == "Accept" and
          r.header("content-location") == "/doc/%s.nt" % path and
          all("</doc/%s.%s>" % (path, e) in link for e in ("ttl", "nt", "jsonld", "rdf", "html")),
          str(r.headers))
    # ETag from the store's generation: If-None-Match gives 304; Last-Modified is a date.
    etag = r.header("etag")
    r2 = curl(s.url + "/doc/%s.nt" % path, "-H", "If-None-Match: " + (etag or '"x"'))
    check("etag_304", etag and r2.status == 304 and r2.body == b"", "%s %d" % (etag, r2.status))
    check("last_modified", re.match(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$",
                                    r.header("last-modified") or ""), str(r.headers))
    # The VoID: Turtle rapper reads, the dataset with the endpoint it is reached at.
    r = curl(s.url + "/.well-known/void")
    parsed = rapper(r.body, "turtle") or ""
    check("void", r.status == 200 and
          "<%sdataset> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
          "<http://rdfs.org/ns/void#Dataset> ." % BASE in parsed and
          "<%sdataset> <http://rdfs.org/ns/void#sparqlEndpoint> <%s/sparql> ." % (BASE, s.url)
          in parsed, r.text()[:300])
    # The ontology at its namespace (hash IRIs: no redirect).
    r = curl(s.url + "/ns", "-H", "Accept: text/turtle")
    parsed = rapper(r.body, "turtle") or ""
    check("ontology", r.status == 200 and "<https://w3id.org/ilokg/ns#Commitment> "
          "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
          "<http://www.w3.org/2002/07/owl#Class> ." in parsed, r.text()[:300])


# ---- ilokg query --endpoint against --store ---------------------------------------------------

def test_endpoint(s, a):
    qdir = os.path.join(a.source, "queries")
    for q in sorted(os.listdir(qdir)):
        if not q.endswith(".rq"):
            continue
        f = os.path.join(qdir, q)
        local = subprocess.run([a.ilokg, "query", "--store", a.store, "-r", "csv", f],
                               capture_output=True)
        remote = subprocess.run([a.ilokg, "query", "--endpoint", s.url + "/sparql", "-r", "csv",
                                 f], capture_output=True)
        check("endpoint_" + q[:-3], local.returncode == 0 and remote.returncode == 0 and
              local.stdout == remote.stdout and local.stdout.count(b"\n") >= 1,
              remote.stderr.decode()[:300])


    # A standard client: Jena's rsparql (scripts/jena), with the predeclared prefixes declared,
    # on the queries whose answers tests/cli_endpoint.cmake also compares with Virtuoso's.
    pre = subprocess.run([a.ilokg, "query", "--prefixes"], capture_output=True, text=True)
    decl = "".join("PREFIX %s\n" % l for l in pre.stdout.splitlines() if l)
    for q in ("actor-pairs", "documents-overview", "convention-first-last",
              "commitments-per-meeting-actor"):
        f = os.path.join(a.work, q + ".jena.rq")
        with open(f, "w") as out:
            out.write(decl + open(os.path.join(qdir, q + ".rq")).read())
        local = subprocess.run([a.ilokg, "query", "--store", a.store, "-r", "csv",
                                os.path.join(qdir, q + ".rq")], capture_output=True)
        jena = subprocess.run([os.path.join(a.source, "scripts", "jena"), "arq.rsparql",
                               "--service", s.url + "/sparql", "--query", f, "--results", "CSV"],
                              capture_output=True)
        check("jena_rsparql_" + q, jena.returncode == 0 and jena.stdout == local.stdout and
              local.stdout.count(b"\n") > 1, jena.stderr.decode()[:300])


# ---- lifecycle --------------------------------------------------------------------------------

def test_lifecycle(s, a):
    ep = s.url + "/sparql"
    cnt = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ilokg:Commitment }"
    before = curl(ep, "-H", "Accept: text/csv", data=form(cnt)).text()
    etag = curl(s.url + "/.well-known/void").header("etag")
    # Slow clients: a connection that sends half a request is closed after --idle-timeout
    # (2 s here) while others are answered.
    host, port = s.url[len("http://"):].split(":")
    sock = socket.create_connection((host, int(port)))
    sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\n")
    r = curl(ep, "-H", "Accept: text/csv", data=form(SELECT_ILO))
    check("slow_client_others_answered", r.status == 200, str(r.status))
    sock.settimeout(15)
    t0 = time.time()
    try:
        closed = sock.recv(100) == b""
    except (socket.timeout, ConnectionResetError):
        closed = False
    sock.close()
    check("slow_client_closed", closed and time.time() - t0 < 15, "")
    # The store replaced by ilokg load while serving: the next request sees the new one.
    small = os.path.join(a.work, "small.nt")
    with open(small, "w") as f:
        f.write("<%sx> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                "<https://w3id.org/ilokg/ns#Commitment> .\n" % BASE)
    subprocess.run([a.ilokg, "load", "--store", a.store, small], check=True)
    after = curl(ep, "-H", "Accept: text/csv", data=form(cnt)).text()
    check("store_replaced", after == "n\r\n1\r\n" and before != after, before + after)
    r = curl(s.url + "/.well-known/void")
    check("store_replaced_etag", r.header("etag") != etag, "%s %s" % (etag, r.header("etag")))
    subprocess.run([a.ilokg, "load", "--store", a.store, a.export], check=True)
    again = curl(ep, "-H", "Accept: text/csv", data=form(cnt)).text()
    check("store_replaced_back", again == before, again)
    # --data: files in memory, the same answers.
    d = Server(a.ilokg, ["--data", a.export], os.path.join(a.work, "serve-data.log"))
    r = curl(d.url + "/sparql", "-H", "Accept: text/csv", data=form(cnt))
    check("data_files", r.text() == before, r.text())
    check("data_files_stop", d.stop() == 0, d.stderr())


# ---- a short load test ------------------------------------------------------------------------

def test_load(s, a):
    p = subprocess.run(["wrk", "-t2", "-c8", "-d5s", "--timeout", "20s", "-s",
                        os.path.join(a.source, "bench", "serve", "mix.lua"), s.url, "--",
                        os.path.join(a.source, "queries")], capture_output=True, text=True)
    m = re.search(r"ilokg-mix: requests=(\d+) .* connect_errors=(\d+) read_errors=(\d+) "
                  r"write_errors=(\d+) status_errors=(\d+) timeouts=(\d+)", p.stdout)
    ok = p.returncode == 0 and m and int(m.group(1)) > 0 and \
        all(int(m.group(k)) == 0 for k in range(2, 7))
    check("load_no_failed_request", ok, p.stdout + p.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ilokg", required=True)
    ap.add_argument("--export", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--only", action="append")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    a.store = os.path.join(a.work, "store")
    subprocess.run([a.ilokg, "load", "--store", a.store, a.export], check=True)
    s = Server(a.ilokg, ["--store", a.store, "--timeout", "1", "--max-request", "4096",
                         "--idle-timeout", "2", "--threads", "4"],
               os.path.join(a.work, "serve.log"))
    groups = {"protocol": test_protocol, "linked": test_linked, "endpoint": test_endpoint,
              "lifecycle": test_lifecycle, "load": test_load}
    try:
        for name in a.only or groups:
            groups[name](s, a)
    finally:
        status = s.stop()
    check("sigterm_stops_cleanly", status == 0 and "ilokg: stopped" in s.stderr(), s.stderr())
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
