#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Terms through `ilokg query` and back: the predeclared prefixes, and a literal full of
characters that need escaping, read back from each results format by a parser of its own.

    check_query_terms.py ILOKG SCRATCH-DIR prefixes|escapes

Exit 0 when every check passes, 1 with one line per failure.
"""
import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

# The predeclared prefixes in the order `ilokg query --prefixes` lists them, written out by hand
# from the vocabularies' published namespace IRIs (the same list and order the query engine had
# before the prefix table was shared with the serialisers).
PREFIXES = [
    ("ilokg", "https://w3id.org/ilokg/ns#"),
    ("id", "https://w3id.org/ilokg/id/"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("void", "http://rdfs.org/ns/void#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"),
    ("oa", "http://www.w3.org/ns/oa#"),
    ("sdg", "http://metadata.un.org/sdg/"),
    ("sdgo", "http://metadata.un.org/sdg/ontology#"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("schema", "https://schema.org/"),
    ("wd", "http://www.wikidata.org/entity/"),
]

# U+0001, backspace, form feed, tab, CR, LF, backslash, quote and DEL between letters: in the
# N-Triples file below each is written as an escape, so the file itself is plain ASCII.
VALUE = "a\x01b\x08c\x0cd\te\rf\ng\\h\"i\x7fj"
VALUE_NT = 'a\\u0001b\\u0008c\\u000Cd\\te\\rf\\ng\\\\h\\"i\\u007Fj'
# XML 1.0 has no way to write U+0001, U+0008 or U+000C (not even as a character reference), so
# the XML results are checked with a literal of the characters it can hold.
VALUE_XML = "d\te\rf\ng\\h\"i<j&k"
VALUE_XML_NT = 'd\\te\\rf\\ng\\\\h\\"i<j&k'

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(ilokg, *args):
    p = subprocess.run([ilokg, *args], capture_output=True)
    if p.returncode != 0:
        fail(f"ilokg {' '.join(args)}: exit {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p.stdout


def check_prefixes(ilokg, scratch):
    listed = run(ilokg, "query", "--prefixes").decode()
    want = "".join(f"{n}: <{i}>\n" for n, i in PREFIXES)
    if listed != want:
        fail(f"--prefixes lists\n{listed}instead of\n{want}")
    based = run(ilokg, "query", "--base", "https://example.org/kg/", "--prefixes").decode()
    if "id: <https://example.org/kg/>\n" not in based:
        fail(f"--base does not reach id: in\n{based}")
    # One subject per prefix, typed with that prefix's namespace + "Commitment".
    data = os.path.join(scratch, "prefixes.nt")
    with open(data, "w", encoding="utf-8") as f:
        for k, (_, iri) in enumerate(PREFIXES):
            f.write(f"<http://example.org/s{k}> "
                    f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{iri}Commitment> .\n")
    for k, (name, _) in enumerate(PREFIXES):
        out = run(ilokg, "query", "--data", data, "-r", "csv", "-e",
                  f"SELECT * {{ ?s a {name}:Commitment }} LIMIT 1").decode()
        if out != f"s\r\nhttp://example.org/s{k}\r\n":
            fail(f"{name}:Commitment gives {out!r}")


def unescape_turtle_string(cell):
    """The value of a Turtle "..." string (ECHAR and UCHAR escapes); None when it is not one."""
    if len(cell) < 2 or cell[0] != '"' or cell[-1] != '"':
        return None
    body, out, i = cell[1:-1], [], 0
    simple = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'",
              "\\": "\\"}
    while i < len(body):
        c = body[i]
        if c == '"' or ord(c) < 0x20:
            return None  # a raw quote ends the string; C0 controls are written as escapes
        if c != "\\":
            out.append(c)
            i += 1
            continue
        e = body[i + 1] if i + 1 < len(body) else ""
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e == "u":
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        elif e == "U":
            out.append(chr(int(body[i + 2:i + 10], 16)))
            i += 10
        else:
            return None
    return "".join(out)


def check_escapes(ilokg, scratch):
    data = os.path.join(scratch, "escapes.nt")
    with open(data, "w", encoding="ascii") as f:
        f.write(f'<http://example.org/s> <http://example.org/p> "{VALUE_NT}" .\n')
        f.write(f'<http://example.org/x> <http://example.org/p> "{VALUE_XML_NT}" .\n')
    query = "SELECT ?o { <http://example.org/s> ?p ?o }"

    # TSV: a header line, one line per row, cells in Turtle syntax. A tab or line end inside a
    # term would split it, so the row must be exactly two lines and a tab-free cell.
    tsv = run(ilokg, "query", "--data", data, "-r", "tsv", "-e", query).decode()
    lines = tsv.split("\n")
    if len(lines) != 3 or lines[0] != "?o" or lines[2] != "":
        fail(f"TSV is not a header and one row: {tsv!r}")
    else:
        got = unescape_turtle_string(lines[1]) if "\t" not in lines[1] else None
        if got != VALUE:
            fail(f"TSV cell {lines[1]!r} does not read back as the literal (read {got!r})")

    # CSV (RFC 4180 quoting): the lexical form itself.
    out = run(ilokg, "query", "--data", data, "-r", "csv", "-e", query).decode()
    rows = list(csv.reader(io.StringIO(out, newline="")))
    if rows != [["o"], [VALUE]]:
        fail(f"CSV reads back as {rows!r}")

    # JSON: the value of the binding.
    out = run(ilokg, "query", "--data", data, "-r", "json", "-e", query)
    try:
        b = json.loads(out)["results"]["bindings"]
        if b != [{"o": {"type": "literal", "value": VALUE}}]:
            fail(f"JSON bindings read back as {b!r}")
    except (ValueError, KeyError) as e:
        fail(f"JSON results do not parse: {e}: {out!r}")

    # XML, with the literal XML can hold (a CR must survive the parser's line-end handling).
    out = run(ilokg, "query", "--data", data, "-r", "xml", "-e",
              "SELECT ?o { <http://example.org/x> ?p ?o }")
    ns = "{http://www.w3.org/2005/sparql-results#}"
    try:
        lits = [e.text for e in ET.fromstring(out).iter(ns + "literal")]
        if lits != [VALUE_XML]:
            fail(f"XML literals read back as {lits!r}")
    except ET.ParseError as e:
        fail(f"XML results do not parse: {e}: {out!r}")


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ("prefixes", "escapes"):
        print(__doc__, file=sys.stderr)
        return 2
    ilokg, scratch, what = sys.argv[1:]
    os.makedirs(scratch, exist_ok=True)
    (check_prefixes if what == "prefixes" else check_escapes)(ilokg, scratch)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
