#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs `ilokg publish` on tests/fixtures/page-mini.ttl under umask 022 and checks the site:
the files a resource gets, their mode, the commitment's page, the RDF (parsed again by rapper),
the dump, the VoID/DCAT links and the w3id redirect rules. Every expected value is read off the
fixture by hand: 38 triples, 9 local subjects (the list below).

    check_publish.py ILOKG FIXTURE SCRATCH-DIR
"""
import html.parser
import os
import shutil
import stat
import subprocess
import sys

ilokg, fixture, scratch = sys.argv[1:4]
site = os.path.join(scratch, "site")
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(scratch)
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)
        print("CHECK-FAILED: " + what)


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                 "source", "track", "wbr"}


class Structure(html.parser.HTMLParser):
    """Checks what a validator would first complain about: the doctype, every element closed in
    order (void elements never), ids unique, no script or style loaded from elsewhere."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.errors, self.doctype = [], set(), [], False

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append("duplicate id " + a["id"])
            self.ids.add(a["id"])
        if tag in ("script", "link", "img") and (a.get("src") or "").startswith("http"):
            self.errors.append("external resource " + a["src"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.errors.append("external stylesheet")
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes %s" % (tag, self.stack[-1:] or "nothing"))
        else:
            self.stack.pop()


def check_html(path):
    p = Structure()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    check(p.doctype, path + ": <!DOCTYPE html>")
    check(not p.stack, path + ": unclosed " + " ".join(p.stack))
    check(not p.errors, path + ": " + "; ".join(p.errors[:3]))


os.umask(0o022)
run = subprocess.run([ilokg, "publish", "--site", "https://example.org/kg/", "--data", fixture,
                      "--endpoint", "https://example.org/sparql", site],
                     capture_output=True, text=True)
print(run.stdout, run.stderr)
check(run.returncode == 0, "publish exits 0 (got %d)" % run.returncode)

# The fixture's subjects under https://w3id.org/ilokg/id/ (counted in page-mini.ttl).
resources = ["dataset", "doc/t1", "doc/t1/section/2", "doc/t1/commitment/5",
             "doc/t1/mention/112-120", "doc/t1/mention/124-128", "instrument/P029",
             "instrument/C189", "actor/ILO"]
for r in resources:
    for ext in (".html", ".ttl", ".nt", ".jsonld", ".rdf"):
        path = os.path.join(site, "id", r + ext)
        check(os.path.isfile(path), "file " + path)
files = []
for top, dirs, names in os.walk(site):
    for n in names:
        files.append(os.path.relpath(os.path.join(top, n), site))
check(len([f for f in files if f.startswith("id/")]) == 5 * len(resources),
      "%d files under id/ (want %d)" % (len([f for f in files if f.startswith("id/")]),
                                       5 * len(resources)))
# umask 022: files 0644, directories 0755.
for f in files:
    mode = stat.S_IMODE(os.stat(os.path.join(site, f)).st_mode)
    check(mode == 0o644, "%s mode %o (want 644)" % (f, mode))
check(stat.S_IMODE(os.stat(os.path.join(site, "id/doc/t1")).st_mode) == 0o755, "dir mode 755")
check(not [f for f in files if ".tmp." in f], "no temporary file left")

for f in files:
    if f.endswith(".html"):
        check_html(os.path.join(site, f))

page = open(os.path.join(site, "id/doc/t1/commitment/5.html"), encoding="utf-8").read()
# Links relative to the page (id/doc/t1/commitment/ is three levels under id/).
check('<a class="mention" href="../../../instrument/P029.html">Protocol</a>' in page,
      "mention linked relative to the page")
check('<a class="name" href="../../../../index.html">' in page, "home link to index.html")
check('href="../../../doc/t1/commitment/5.ttl"' in page, "link to the Turtle")

# The commitment's description: its 14 triples as subject (counted in the fixture: type,
# label, two offsets, lead-in, item number, text, actor, modality, section, document, two
# mentions, seeAlso).
nt = open(os.path.join(site, "id/doc/t1/commitment/5.nt"), encoding="utf-8").read()
check(len(nt.splitlines()) == 14, "commitment .nt has 14 triples (got %d)" % len(nt.splitlines()))
for ext, fmt in ((".ttl", "turtle"), (".rdf", "rdfxml"), (".nt", "ntriples")):
    r = subprocess.run(["rapper", "-c", "-i", fmt,
                        os.path.join(site, "id/doc/t1/commitment/5" + ext)],
                       capture_output=True, text=True)
    check("returned 14 triples" in r.stderr, "rapper reads 14 triples from " + ext)

# The dump: the fixture's 38 triples.
r = subprocess.run(["rapper", "-c", "-i", "nquads", os.path.join(site, "dump/ilokg.nq")],
                   capture_output=True, text=True)
check("returned 38 triples" in r.stderr, "dump has 38 triples: " + r.stderr.strip())

void = open(os.path.join(site, "void.ttl"), encoding="utf-8").read()
check("<https://example.org/kg/dump/ilokg.nq>" in void, "void:dataDump to the N-Quads dump")
check("void:sparqlEndpoint <https://example.org/sparql>" in void, "void:sparqlEndpoint")
check("dcat:endpointURL <https://example.org/sparql>" in void, "DCAT data service")
check(open(os.path.join(site, ".well-known/void"), encoding="utf-8").read() == void,
      ".well-known/void is void.ttl")

rules = open(os.path.join(site, "w3id/.htaccess"), encoding="utf-8").read()
check("RewriteCond %{HTTP_ACCEPT} text/turtle\nRewriteRule ^id/(.+)$ "
      "https://example.org/kg/id/$1.ttl [R=303,L]" in rules, "Turtle rule")
check("RewriteRule ^id/(.+)$ https://example.org/kg/id/$1.html [R=303,L]" in rules, "HTML rule")
index = open(os.path.join(site, "index.html"), encoding="utf-8").read()
check('data-endpoint="https://example.org/sparql"' in index, "query page names the endpoint")

print("%d problem(s)" % len(problems))
sys.exit(1 if problems else 0)
