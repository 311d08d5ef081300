#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Runs the W3C JSON-LD 1.1 toRdf tests (tests/w3c/jsonld/README.md) through ilokg's reader.

    jsonld_run.py JSONLD_NQUADS [SUITE_DIR] [--verbose]

Prints one line per test that fails and a summary; exit status 0 when none fails (refusals of
features the reader does not take and tests of options it does not have are counted, not
failed), 1 when one does, 77 when PyLD (python3-pyld) is missing.
"""
import json
import os
import subprocess
import sys

try:
    from pyld import jsonld
except ImportError:
    print("jsonld_run: python3-pyld is not installed; skipped")
    sys.exit(77)

BASE = "https://w3c.github.io/json-ld-api/tests/"
REFUSED = ("is not supported by this reader", "is not fetched")


def canonical(nquads):
    lines = [line for line in nquads.splitlines() if line.strip()]
    if not any("_:" in line for line in lines):
        return set(lines)
    out = jsonld.normalize("\n".join(lines) + "\n",
                           {"algorithm": "URDNA2015", "inputFormat": "application/n-quads",
                            "format": "application/n-quads"})
    return set(out.splitlines())


def skipped(option):
    return (option.get("specVersion") == "json-ld-1.0"
            or option.get("processingMode") == "json-ld-1.0"
            or option.get("produceGeneralizedRdf") or "rdfDirection" in option
            or "expandContext" in option)


def main():
    args = [a for a in sys.argv[1:] if a != "--verbose"]
    verbose = "--verbose" in sys.argv
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    tool = args[0]
    suite = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "jsonld")
    with open(os.path.join(suite, "toRdf-manifest.jsonld"), encoding="utf-8") as f:
        manifest = json.load(f)
    count = {"passed": 0, "refused": 0, "skipped": 0, "failed": 0}
    for test in manifest["sequence"]:
        tid, option = test["@id"], test.get("option", {})
        if skipped(option):
            count["skipped"] += 1
            continue
        base = option.get("base", BASE + test["input"])
        run = subprocess.run([tool, os.path.join(suite, test["input"]), base],
                             capture_output=True, text=True)
        negative = "jld:NegativeEvaluationTest" in test["@type"]
        if run.returncode != 0 and any(r in run.stderr for r in REFUSED):
            verdict = "refused"
        elif negative:
            verdict = "passed" if run.returncode == 1 else "failed"
        elif run.returncode != 0:
            verdict = "failed"
        elif "expect" not in test:
            verdict = "passed"
        else:
            with open(os.path.join(suite, test["expect"]), encoding="utf-8") as f:
                verdict = "passed" if canonical(run.stdout) == canonical(f.read()) else "failed"
        count[verdict] += 1
        if verdict == "failed" or (verbose and verdict == "refused"):
            why = run.stderr.strip().splitlines()[:1] or ["the datasets differ"]
            if negative and run.returncode == 0:
                why = ["accepted; expected the error: " + test.get("expectErrorCode", "?")]
            print(f"{verdict.upper()} {tid} {test['name']}: {why[0]}")
    total = sum(count.values())
    print(f"jsonld_run: {total} tests: {count['passed']} passed, {count['refused']} refused, "
          f"{count['skipped']} skipped, {count['failed']} failed")
    return 1 if count["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
