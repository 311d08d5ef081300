#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that every copy of a document in a scaled corpus (bench/scale-text) has, in the
N-Quads export, the same statements in the same order as the original document, once the copy's
id (ID-xk) and file name (ID-xk.txt) are put back: the streamed export treats each document
alike whatever its neighbours in the sort order.

    check_stream_copies.py CORPUS_DIR N EXPORT_X1.nq EXPORT_XN.nq
"""
import sys

corpus, n, one, many = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
GRAPH = "<https://w3id.org/ilokg/id/graph/"
rows = []
with open(corpus + "/MANIFEST.tsv", encoding="utf-8") as f:
    for line in f.read().splitlines()[1:]:
        if line.strip():
            cols = line.split("\t")
            rows.append((cols[0], cols[1]))


def graphs(path):
    out = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            g = line[line.rindex(GRAPH) + len(GRAPH):line.rindex(">")] if GRAPH in line else None
            out.setdefault(g, []).append(line)
    return out


g1, gn = graphs(one), graphs(many)
checked = 0
for doc_id, fname in rows:
    want = g1.get(doc_id)
    if not want:
        sys.exit(f"no graph for {doc_id} in {one}")
    for k in range(1, n + 1):
        cid = doc_id if k == 1 else f"{doc_id}-x{k}"
        got = gn.get(cid)
        if not got:
            sys.exit(f"no graph for {cid} in {many}")
        if k > 1:
            got = [l.replace(f"{cid}.txt", fname).replace(cid, doc_id) for l in got]
        if got != want:
            diff = next(i for i, (a, b) in enumerate(zip(got + [""], want + [""])) if a != b)
            sys.exit(f"copy {cid} differs from {doc_id} at its statement {diff + 1}:\n"
                     f"  {got[diff] if diff < len(got) else '(none)'}  {want[diff] if diff < len(want) else '(none)'}")
        checked += 1
print(f"check_stream_copies: {checked} copies of {len(rows)} documents identical")
