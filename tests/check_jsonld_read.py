#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Compares ilokg's JSON-LD reader with PyLD (python3-pyld), a JSON-LD 1.1 processor.

    check_jsonld_read.py JSONLD_NQUADS BASE FILE...

Each FILE is read by both (relative IRIs against BASE) and their RDF datasets compared: each
graph up to a renaming of blank nodes (PyLD's URDNA2015 canonical form of both), language tags
compared case-insensitively. One known, documented difference is allowed: a JSON number with a
zero fractional part written with a '.' or an exponent (1.0, 1e2) is an xsd:integer by the
JSON-LD 1.1 algorithm (8.6 step 11: JSON does not tell 1.0 from 1) and an xsd:double in PyLD,
which keeps Python's float; and PyLD writes a negative exponent as "5.000000000000000E-07" where
the canonical xsd:double form is "5.0E-7" (tests/test_jsonld_read.c). Fixtures avoid both. Exit status: 0 agree, 1 differ,
77 PyLD is missing (a skip for CTest).
"""
import json
import subprocess
import sys

try:
    from pyld import jsonld
except ImportError:
    print("check_jsonld_read: python3-pyld is not installed; skipped")
    sys.exit(77)


def canonical(nquads):
    """The URDNA2015 canonical N-Quads of a dataset, as a set of lines (lang tags lower-cased).
    Without blank nodes the lines are compared as they are (the canonical form of a graph with
    no blank node is its statements; PyLD takes a minute to find that for the corpus)."""
    out = nquads
    if "_:" in nquads:
        out = jsonld.normalize(nquads, {"algorithm": "URDNA2015",
                                        "inputFormat": "application/n-quads",
                                        "format": "application/n-quads"})
    lines = set()
    for line in out.splitlines():
        if '"@' in line or line.count('"') >= 2:
            # lower-case a language tag: after the closing quote of the literal
            head, sep, tail = line.rpartition('"@')
            if sep and " " in tail:
                tag, rest = tail.split(" ", 1)
                line = head + sep + tag.lower() + " " + rest
        lines.add(line)
    return lines


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    tool, base, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    bad = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        theirs = jsonld.to_rdf(doc, {"base": base, "format": "application/n-quads"})
        run = subprocess.run([tool, path, base], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"{path}: ilokg's reader failed: {run.stderr.strip()}")
            bad += 1
            continue
        a, b = canonical(run.stdout), canonical(theirs)
        if a != b:
            bad += 1
            print(f"{path}: the datasets differ")
            for line in sorted(a - b)[:10]:
                print(f"  only ilokg: {line}")
            for line in sorted(b - a)[:10]:
                print(f"  only PyLD:  {line}")
        else:
            print(f"{path}: {len(a)} statements, the same")
    print("check_jsonld_read: " + ("all agree" if not bad else f"{bad} file(s) differ"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
