#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that the reader finds the same commitments in every extraction of the corpus.

usage: compare_variants.py [--known FILE] ILOKG CORPUS_DIR WORK_DIR [VARIANT...]

Makes the variants (make_variants.py) in WORK_DIR, converts the corpus and each variant to
N-Triples, and compares per document the commitments (item number, actors, modality, text after
normalisation) of each variant with the corpus's own. Spans are offsets into each variant's own
text, so they are checked on that text: what the variant's span covers, normalised, must equal
what the original's span covers, normalised. Prints every difference; exits 1 if there is one,
except those FILE lists (one a line as printed, '#' comments; docs/reading.md says why each
remains), and exits 1 too when a listed difference no longer occurs, so that the list shrinks.
"""

import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_variants  # noqa: E402

ILOKG = "https://w3id.org/ilokg/ns#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
SUBJECT = re.compile(r"^<[^>]*/doc/([^/>]+)/commitment/(\d+)>$")
TRIPLE = re.compile(r'^(<[^>]*>) <([^>]*)> (<[^>]*>|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[\w-]+)?) \.$')
FOLD = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}


def unescape(lit):
    body = lit[1 : lit.rindex('"')]
    return re.sub(
        r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)",
        lambda m: chr(int(m.group(1)[1:], 16))
        if m.group(1)[0] in "uU"
        else {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)),
        body,
    )


def norm(s):
    """Text compared across extractions: NFKC, no soft hyphen, one kind of quote and dash, no
    line-end hyphen, no space differences."""
    s = unicodedata.normalize("NFKC", s).replace("\u00ad", "")
    s = "".join(FOLD.get(c, c) for c in s)
    s = re.sub(r"(?<=[a-z])-\s*\n\s*(?=[a-z])", "-", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"(?<=\w)- (?=[a-z])", "-", s)
    return s


def commitments(nt_path):
    """{doc: {seq: {field: value}}} from an N-Triples export."""
    docs = {}
    with open(nt_path, encoding="utf-8") as f:
        for line in f:
            m = TRIPLE.match(line.rstrip("\n"))
            if not m:
                continue
            s = SUBJECT.match(m.group(1))
            if not s:
                continue
            c = docs.setdefault(s.group(1), {}).setdefault(int(s.group(2)), {"actors": []})
            pred, obj = m.group(2), m.group(3)
            if pred == ILOKG + "itemNumber":
                c["number"] = unescape(obj)
            elif pred == ILOKG + "actor":
                c["actors"].append(obj.rsplit("/", 1)[1].rstrip(">"))
            elif pred == ILOKG + "modality":
                c["modality"] = obj.rsplit("#", 1)[1].rstrip(">")
            elif pred == ILOKG + "text":
                c["text"] = unescape(obj)
            elif pred == NIF + "beginIndex":
                c["begin"] = int(unescape(obj))
            elif pred == NIF + "endIndex":
                c["end"] = int(unescape(obj))
    return docs


def convert(ilokg, corpus, out):
    r = subprocess.run(
        [ilokg, "convert", "--quiet", "--no-dataset", "--format", "ntriples", "-o", out, corpus],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if r.returncode != 0:
        sys.stdout.write("convert %s failed (%d): %s\n" % (corpus, r.returncode, r.stderr))
        return None
    return commitments(out)


def key(c):
    return (c.get("number", ""), " ".join(sorted(c["actors"])), c.get("modality", ""),
            norm(c.get("text", "")))


def read_texts(corpus):
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8", newline="") as f:
        rows = [r.split("\t") for r in f.read().splitlines()[1:] if r.strip()]
    texts = {}
    for r in rows:
        with open(os.path.join(corpus, r[1]), encoding="utf-8", newline="") as f:
            texts[r[0]] = f.read()
    return texts


def span_norm(text, c):
    """What a span covers, normalised; the page furniture the variants put inside it (a page
    number glued to the first word of a page, or alone on its line, a running title or footer, a
    form feed) is not text of the document."""
    s = text[c["begin"] : c["end"]]
    # With form feeds a page starts only after one ("10 th anniversary" opening a line in the
    # middle of a page is text); without them, at any line.
    glued = r"(\f)\d{1,3} (?=\S)" if "\f" in text else r"(^|\n)\d{1,3} (?=\S)"
    s = re.sub(glued, r"\1", s).replace("*", "")
    s = re.sub(r"(?m)^[ \t]*(?:\d{1,3}|\S+\.docx[ \t]+\d{1,3})[ \t]*$", "", s).replace("\f", "")
    s = s.replace(make_variants.RUNNING_TITLE, "").replace("\u2022", "o")
    if re.search(r"(?m)^\|.*\|[ \t]*$", text):  # Markdown: a pipe table's markup is no text
        s = re.sub(r"(?m)^[|:\- \t]*-[|:\- \t]*$", "", s)
        s = re.sub(r"(?<!\\)\|", " ", s).replace("\\|", "|")
    s = re.sub(r"(?m)^#{1,6} ", "", s)
    return norm(s)


def compare(name, orig, var, orig_texts, var_texts):
    problems = []
    for doc in sorted(set(orig) | set(var)):
        a = sorted(orig.get(doc, {}).values(), key=key)
        b = sorted(var.get(doc, {}).values(), key=key)
        ka = [key(c) for c in a]
        kb = [key(c) for c in b]
        for k in sorted(set(ka) - set(kb)):
            problems.append("%s %s: lost      %s" % (name, doc, fmt(k)))
        for k in sorted(set(kb) - set(ka)):
            problems.append("%s %s: extra     %s" % (name, doc, fmt(k)))
        if len(ka) != len(kb) and set(ka) == set(kb):
            problems.append("%s %s: %d commitments, %d in the original" % (name, doc, len(kb), len(ka)))
        spans_a = {key(c): span_norm(orig_texts[doc], c) for c in a}
        for c in b:
            k = key(c)
            if k in spans_a and span_norm(var_texts[doc], c) != spans_a[k]:
                problems.append("%s %s: span of %s covers %r" % (
                    name, doc, fmt(k), span_norm(var_texts[doc], c)[:120]))
    return problems


def fmt(k):
    return ("[%s|%s|%s] %s" % (k[0], k[1], k[2], k[3][:100])).rstrip()


def read_known(path):
    known = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                known.add(line.strip())
    return known


def main(argv):
    known = None
    if len(argv) > 2 and argv[1] == "--known":
        known = read_known(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) < 4:
        sys.stderr.write("usage: compare_variants.py [--known FILE] ILOKG CORPUS_DIR WORK_DIR [VARIANT...]\n")
        return 2
    ilokg, corpus, work = argv[1], argv[2], argv[3]
    wanted = argv[4:] or list(make_variants.VARIANTS)
    os.makedirs(work, exist_ok=True)
    if make_variants.main(["make_variants.py", corpus, os.path.join(work, "variants")]):
        return 1
    orig = convert(ilokg, corpus, os.path.join(work, "original.nt"))
    if orig is None:
        return 1
    orig_texts = read_texts(corpus)
    total = sum(len(v) for v in orig.values())
    failed = 0
    seen = set()
    for name in wanted:
        vdir = os.path.join(work, "variants", name)
        var = convert(ilokg, vdir, os.path.join(work, name + ".nt"))
        if var is None:
            failed += 1
            continue
        problems = compare(name, orig, var, orig_texts, read_texts(vdir))
        same = total - sum(1 for p in problems if ": lost " in p)
        sys.stdout.write("%-12s %3d of %d commitments found, %d differences\n"
                         % (name, same, total, len(problems)))
        unexpected = [p for p in problems if known is None or p.strip() not in known]
        seen.update(p.strip() for p in problems)
        for p in problems:
            sys.stdout.write(("  " if p in unexpected else "  (known) ") + p.rstrip() + "\n")
        failed += bool(unexpected)
    if known is not None:
        for p in sorted(k for k in known if k.split(" ", 1)[0] in wanted and k not in seen):
            sys.stdout.write("  no longer occurs (remove it from the list): %s\n" % p)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
