#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The pages end to end in headless Chromium (Debian's chromium and chromium-driver, driven by
Debian's python3-selenium: no download at test time, see docs/publishing.md).

Converts one document of the corpus, starts `ilokg serve` on a free loopback port for the SPARQL
endpoint, and loads the query page: the server's own "/" when it serves HTML there, else the
`ilokg publish` site of the same graph served from a second loopback port. Then: picks a canned
query, runs it, sees the table; runs a query for commitment 23, follows its link to the
commitment's page and checks the highlighted span; runs a malformed query and sees the parser's
message. Screenshots are kept in SCRATCH/screenshots.

    browser_test.py ILOKG CORPUS-FILE SCRATCH-DIR

Exit 0 when every check passed, 1 otherwise, 77 (CTest's skip) when Chromium or its driver is
missing.
"""
import functools
import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("browser test: python3-selenium is missing (scripts/deps installs it)")
    sys.exit(77)

ilokg, corpus_file, scratch = sys.argv[1:4]
CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
if not CHROMIUM or not DRIVER:
    print("browser test: chromium or chromedriver is missing (scripts/deps installs them)")
    sys.exit(77)

# Commitment 23 of the 13th High Level Meeting's conclusions, as printed in the source document
# (data/corpus/hlm13-2017-joint-conclusions.txt, item 23; README.md quotes it too).
SPAN_23 = ("Cooperate in promoting the ratification and implementation of the 2014 ILO Forced "
           "Labour Protocol and Recommendation")

problems = []
shots = os.path.join(scratch, "screenshots")


def check(cond, what):
    print(("ok: " if cond else "CHECK-FAILED: ") + what, flush=True)
    if not cond:
        problems.append(what)


def start_server(graph):
    """ilokg serve on a free port (port 0: it prints the URL once listening)."""
    proc = subprocess.Popen([ilokg, "serve", "--data", graph, "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        line = proc.stderr.readline()
        m = re.search(r"serving (http://\S+/) ", line)
        if m:
            # Keep reading its messages so that a full pipe never blocks it.
            threading.Thread(target=proc.stderr.read, daemon=True).start()
            return proc, m.group(1)
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("browser test: ilokg serve did not start")


def serves_html(url):
    req = urllib.request.Request(url, headers={"Accept": "text/html"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status == 200 and "text/html" in r.headers.get("Content-Type", "")
    except Exception:
        return False


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def static_site(graph, endpoint):
    """The publish site of graph on a second loopback port (its URL, and the server)."""
    handler = functools.partial(QuietHandler, directory=os.path.join(scratch, "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = "http://127.0.0.1:%d/" % httpd.server_address[1]
    run = subprocess.run([ilokg, "publish", "--quiet", "--data", graph, "--site", url,
                          "--endpoint", endpoint, os.path.join(scratch, "site")],
                         capture_output=True, text=True)
    check(run.returncode == 0, "ilokg publish exits 0 " + run.stderr.strip())
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return url, httpd


def run_query(driver, text):
    editor = driver.find_element(By.ID, "query")
    driver.execute_script("arguments[0].value = arguments[1];", editor, text)
    driver.find_element(By.ID, "run").click()


def main():
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(shots)
    graph = os.path.join(scratch, "graph.nt")
    conv = subprocess.run([ilokg, "convert", "--quiet", "-o", graph, corpus_file],
                          capture_output=True, text=True)
    check(conv.returncode == 0, "convert exits 0 " + conv.stderr.strip())
    server, url = start_server(graph)
    httpd = None
    driver = None
    try:
        if serves_html(url):
            site = url
        else:
            site, httpd = static_site(graph, url + "sparql")
        print("query page at %s, endpoint %ssparql" % (site, url), flush=True)

        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--window-size=1280,1000",
                    "--user-data-dir=" + os.path.join(scratch, "profile")):
            opts.add_argument(arg)
        driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
        wait = WebDriverWait(driver, 30)

        # 1. The query page and its canned queries.
        driver.get(site)
        canned = driver.find_elements(By.CSS_SELECTOR, "button.canned")
        check(len(canned) >= 10, "the query page lists the canned queries (%d)" % len(canned))
        driver.save_screenshot(os.path.join(shots, "1-query-page.png"))

        # 2. Pick phrase-search ("social dialogue"), run it, see the table.
        driver.find_element(By.CSS_SELECTOR, 'button.canned[data-name="phrase-search"]').click()
        text = driver.find_element(By.ID, "query").get_attribute("value")
        check('"social dialogue"' in text, "picking a canned query fills the editor")
        driver.find_element(By.ID, "run").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#results tbody")))
        heads = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#results thead th")]
        check(heads == ["?doc", "?seq", "?begin", "?end"], "the table's columns: %s" % heads)
        rows = driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")
        check(len(rows) >= 1, "the canned query's table has rows (%d)" % len(rows))
        check(driver.find_element(By.ID, "row-count").text == "%d rows" % len(rows) or
              len(rows) == 1, "the row count matches the table")
        buttons = driver.find_elements(By.CSS_SELECTOR, "#downloads button.download")
        check([b.get_attribute("data-accept") for b in buttons] ==
              ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
               "text/tab-separated-values"], "a download in each results format")
        driver.save_screenshot(os.path.join(shots, "2-canned-results.png"))

        # 3. Commitment 23: its link in the table, then its page with the span highlighted.
        run_query(driver, "SELECT ?commitment ?text WHERE { ?commitment a ilokg:Commitment ; "
                          "ilokg:sequence 23 ; ilokg:text ?text }")
        link = wait.until(ec.presence_of_element_located(
            (By.CSS_SELECTOR, "#results tbody tr td a")))
        check(link.get_attribute("title").endswith("/id/doc/hlm13-2017/commitment/23"),
              "the result's IRI is a link: " + link.get_attribute("href"))
        driver.save_screenshot(os.path.join(shots, "3-commitment-query.png"))
        link.click()
        mark = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "mark#span")))
        check(mark.text == SPAN_23, "the highlighted span is the commitment's text: " + mark.text)
        lead = driver.find_element(By.CSS_SELECTOR, "blockquote.paragraph .lead-in").text
        check(lead == "The ILO and the Commission will:", "the paragraph's lead-in: " + lead)
        mentions = {a.text: a.get_attribute("href")
                    for a in mark.find_elements(By.CSS_SELECTOR, "a.mention")}
        check("Forced Labour Protocol" in mentions and
              "instrument/P029" in mentions["Forced Labour Protocol"],
              "the named Protocol links to its page: %s" % mentions)
        normlex = driver.find_elements(By.CSS_SELECTOR, 'a.authority[href*="normlex.ilo.org"]')
        check(len(normlex) >= 1, "an authority link to NORMLEX")
        bg = driver.execute_script(
            "return getComputedStyle(document.querySelector('mark#span')).backgroundColor")
        check(bg not in ("", "rgba(0, 0, 0, 0)", "transparent"), "the span is highlighted: " + bg)
        driver.save_screenshot(os.path.join(shots, "4-commitment-page.png"))

        # 4. A malformed query: the parser's message, with its line and column.
        driver.back()
        wait.until(ec.presence_of_element_located((By.ID, "query")))
        run_query(driver, "SELECT ?x WHERE {\n  ?x ?y\n}")
        error = wait.until(ec.visibility_of_element_located((By.ID, "error")))
        # The object is missing: the parser finds "}" at line 3, column 1.
        check(":3:1:" in error.text, "the error names line 3, column 1: " + error.text)
        driver.save_screenshot(os.path.join(shots, "5-error.png"))
    finally:
        if driver:
            driver.quit()
        if httpd:
            httpd.shutdown()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    print("%d problem(s); screenshots in %s" % (len(problems), shots))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
