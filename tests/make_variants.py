#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Makes, from every document of a corpus directory, the extractions users have of the same PDFs.

usage: make_variants.py CORPUS_DIR OUT_DIR

OUT_DIR/<variant>/ receives the corpus's MANIFEST.tsv and one file per document, for each variant:

  paragraph    one paragraph, list item or heading a line (pdftotext -raw, HTML-to-text): the cells
               of a table row each on a line of their own, wrapped lines joined
  layout-50    fixed-width layout with columns (pdftotext -layout) at 50 columns: the heading
               column beside the text column, separated by a gap of spaces
  layout-130   the same at 130 columns
  wrap-50      every paragraph, list item and heading re-wrapped at 50 columns, no columns
  crlf         the text as shipped with CR LF line ends
  quotes       the text as shipped with typographic quotes and apostrophes
  pagenum      the text as shipped with a page number glued to the first word of every page
  formfeed     pdftotext's default: every page ends, wherever its text is, in a blank line, its
               number alone on an indented line, and a form feed before the next page's first line
  header       formfeed with a running title (no page number) on the first line of every page
               after the first, and a blank line under it
  footer       a running footer on a line of its own between paragraphs, a page apart:
               "ILC-PR12-En.docx   N" (document name and page number)
  nbsp         every third space a no-break space and fi, fl, ff, ffi as ligature characters
  softhyph     soft hyphens inside long words, where a PDF marked its hyphenation points
  double       double-spaced: a blank line after every line of text (a paragraph break becomes
               two blank lines)
  marks        the text as shipped with item numbers printed "12)" instead of "12." at the start of
               a line, and bullets as the letter o (Word's second-level bullet as extracted)

The output depends only on the input: no randomness, no clock, no locale.
"""

import os
import re
import sys
import textwrap

# A list item opens with a printed marker: "23.", "(a)", "a.", "(iv)", a bullet or a dash.
MARKER = re.compile(r"^(?:\d{1,3}[.)]\s|\(?[a-z]\)\s|[a-z]\.\s|\([ivx]+\)\s|[-•▪●◦*]\s|X\s)")
TERMINAL = re.compile(r"[.:;!?][\"'’”)]*$")
PAGE_BYTES = 3000


def is_marker_line(s):
    return bool(MARKER.match(s.lstrip()))


def doc_width(lines):
    """The width the document was wrapped at: the 90th percentile of its line lengths."""
    lens = sorted(len(l.rstrip()) for l in lines if l.strip() and "\t" not in l)
    if not lens:
        return 80
    return lens[min(len(lens) - 1, (len(lens) * 9) // 10)]


def join_lines(a, b):
    """Joins two wrapped lines as an unwrapping extractor does: a line-end hyphen after a letter
    stays, with no space after it."""
    a = a.rstrip()
    b = b.strip()
    if not a:
        return b
    if re.search(r"[A-Za-z]-$", a):
        return a + b
    return a + " " + b


def plain_paragraphs(block, width):
    """The paragraphs of a block of wrapped lines (no blank line, no tab): a list item starts its
    own paragraph; a short line ends one when it closes a sentence, or when a capital follows it;
    a run of short lines that close no sentence, starting a paragraph, is one heading (a margin
    heading printed over several lines)."""
    short = [len(l.rstrip()) < width * 3 // 4 for l in block]
    if all(short) and not any(TERMINAL.search(l.rstrip()) for l in block):
        return [" ".join(l.strip() for l in block)]
    paras = []
    cur = ""
    heading = False
    for i, line in enumerate(block):
        closes = TERMINAL.search(line.rstrip())
        if cur and (is_marker_line(line) or (heading and (closes or not short[i]))):
            paras.append(cur)
            cur = ""
        if not cur:
            heading = short[i] and not closes and not is_marker_line(line)
        cur = join_lines(cur, line)
        nxt = block[i + 1].lstrip() if i + 1 < len(block) else ""
        ends = short[i] and not heading and (
            closes or (nxt[:1].isupper() or nxt[:1].isdigit())
        )
        if ends:
            paras.append(cur)
            cur = ""
    if cur:
        paras.append(cur)
    return paras


def model(text):
    """The document as a list of units: ("blank",), ("para", text) or ("row", left, right)."""
    lines = text.split("\n")
    width = doc_width(lines)
    units = []
    block = []

    def flush():
        if block:
            units.extend(("para", p) for p in plain_paragraphs(block, width))
            block.clear()

    for line in lines:
        if not line.strip():
            flush()
            units.append(("blank",))
        elif "\t" in line:
            flush()
            cells = line.split("\t")
            left = cells[0].strip()
            right = " ".join(c.strip() for c in cells[1:] if c.strip())
            units.append(("row", left, right))
        else:
            block.append(line)
    flush()
    return units


def collapse_blanks(lines):
    out = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return out


def paragraph(text):
    lines = []
    for u in model(text):
        if u[0] == "blank":
            lines.append("")
        elif u[0] == "para":
            lines.append(u[1])
        else:
            lines.extend(c for c in u[1:] if c)
    return "\n".join(collapse_blanks(lines)) + "\n"


def wrap(s, width):
    return textwrap.wrap(s, width, break_long_words=False, break_on_hyphens=False) or [""]


def render(text, width, cells):
    """The model's units as lines of width: blank lines kept, paragraphs wrapped, and each
    two-cell unit (label, text) given to cells(unit), which returns its lines."""
    lines = []
    for u in model(text):
        if u[0] == "blank":
            lines.append("")
        elif u[0] == "para":
            lines.extend(wrap(u[1], width))
        else:
            lines.extend(cells(u))
    return "\n".join(collapse_blanks(lines)) + "\n"


def layout(text, width):
    """Two-cell units side by side: the label in a left column of a quarter of the width."""
    left_w = max(12, width // 4)
    gap = 4
    right_w = width - left_w - gap

    def side_by_side(u):
        left = wrap(u[1], left_w) if u[1] else []
        right = wrap(u[2], right_w) if u[2] else []
        for i in range(max(len(left), len(right))):
            lc = left[i] if i < len(left) else ""
            rc = right[i] if i < len(right) else ""
            yield (lc.ljust(left_w + gap) + rc).rstrip() if rc else lc

    return render(text, width, side_by_side)


def rewrap(text, width):
    """Two-cell units one cell after the other, each wrapped to the full width."""
    return render(text, width, lambda u: [ln for c in u[1:] if c for ln in wrap(c, width)])


def crlf(text):
    return text.replace("\n", "\r\n")


def quotes(text):
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    text = re.sub(r"(?<=\w)'", "\u2019", text)
    text = re.sub(r"'(?=\w)", "\u2018", text)
    text = re.sub(r'(^|(?<=[\s(\[]))"', "\u201c", text, flags=re.M)
    return text.replace('"', "\u201d")


def pagenum(text):
    """A page starts at the first paragraph start after every PAGE_BYTES bytes; its number is
    glued to its first word, as transcriptions that keep the page number print it."""
    lines = text.split("\n")
    out = []
    page = 1
    since = PAGE_BYTES  # the first page starts at the first line of text
    prev = ""
    for line in lines:
        starts_para = line.strip() and (
            not prev.strip() or is_marker_line(line) or TERMINAL.search(prev.rstrip())
        )
        if since >= PAGE_BYTES and starts_para:
            out.append("%d %s" % (page, line.lstrip(" ")))
            page += 1
            since = 0
        else:
            out.append(line)
        since += len(line.encode("utf-8")) + 1
        prev = line
    return "\n".join(out)


def formfeed(text):
    """Every PAGE_BYTES bytes, at the next line end (inside a paragraph or not), the page ends:
    a blank line, the page number alone on an indented line, and a form feed glued to the first
    line of the next page, as pdftotext writes it."""
    lines = text.split("\n")
    out = []
    page = 1
    since = 0
    for k, line in enumerate(lines):
        out.append(line)
        since += len(line.encode("utf-8")) + 1
        if since >= PAGE_BYTES and line.strip() and k + 1 < len(lines):
            out.extend(["", "    %d" % page])
            lines[k + 1] = "\f" + lines[k + 1]
            page += 1
            since = 0
    return "\n".join(out)


RUNNING_TITLE = "ILO-EU High Level Meeting - Joint Conclusions"


def header(text):
    """formfeed, and every page after the first opens with a running title and a blank line."""
    return formfeed(text).replace("\f", "\f" + RUNNING_TITLE + "\n\n")


def footer(text):
    """A running footer with the page number, between two paragraphs, a page or more apart."""
    lines = text.split("\n")
    out = []
    page = 1
    since = 0
    for k, line in enumerate(lines):
        if since >= PAGE_BYTES and not line.strip() and k > 0 and lines[k - 1].strip():
            out.extend(["", "ILC-PR12-En.docx   %d" % page])
            page += 1
            since = 0
        out.append(line)
        since += len(line.encode("utf-8")) + 1
    return "\n".join(out)


def nbsp(text):
    """Every third space a no-break space; fi, fl, ff, ffi as the ligature characters."""
    count = [0]

    def space(_m):
        count[0] += 1
        return "\u00a0" if count[0] % 3 == 0 else " "

    text = re.sub(" ", space, text)
    for plain, lig in (("ffi", "\ufb03"), ("fi", "\ufb01"), ("fl", "\ufb02"), ("ff", "\ufb00")):
        text = text.replace(plain, lig)
    return text


def softhyph(text):
    """A soft hyphen after the fourth letter of every word of nine letters or more."""
    return re.sub(r"\b([A-Za-z]{4})([a-z]{5,})", "\\1\u00ad\\2", text)


def double(text):
    """A blank line after every line of text, as some copy-and-paste and OCR tools give."""
    return "\n".join(line + "\n" if line.strip() else line for line in text.split("\n"))


def marks(text):
    """Item numbers "12)" instead of "12." at a line's start; bullets as a lower-case o."""
    text = re.sub(r"(?m)^([ \t]*\d{1,3})\. ", r"\1) ", text)
    return text.replace("\u2022", "o")


def markdown(text):
    """A Markdown transcription as PDF-to-Markdown converters write it: each paragraph on a line
    with a blank line after it, a short line that closes no sentence as a '## ' heading, bullets as
    '- ', and each run of two-cell rows as a pipe table (its first row the header, then the
    delimiter row), the label cell in bold."""
    out = []
    in_table = False
    for u in model(text):
        if u[0] == "row":
            left = u[1].replace("|", "\\|")
            right = u[2].replace("|", "\\|")
            out.append("| %s | %s |" % ("**%s**" % left if left else "", right))
            if not in_table:
                out.append("|---|---|")
            in_table = True
            continue
        if in_table:
            out.append("")
            in_table = False
        if u[0] == "blank":
            continue
        p = re.sub(r"^[\u2022\u25aa\u25cf\u25e6]\s*", "- ", u[1].strip())
        heading = len(p) < 100 and p[:1].isupper() and not TERMINAL.search(p) and not is_marker_line(p)
        out.extend([("## " + p) if heading else p, ""])
    return "\n".join(out) + "\n"


def layout_pages(text):
    """pdftotext -layout as it writes pages: the 130-column layout, each page ending in its number
    centred on a line of its own and a form feed glued to the next page's first line."""
    lines = formfeed(layout(text, 130)).split("\n")
    return "\n".join(" " * 62 + l.strip() if l.startswith("    ") and l.strip().isdigit() else l
                     for l in lines)


VARIANTS = {
    "paragraph": paragraph,
    "layout-50": lambda t: layout(t, 50),
    "layout-130": lambda t: layout(t, 130),
    "wrap-50": lambda t: rewrap(t, 50),
    "wrap-72": lambda t: rewrap(t, 72),
    "wrap-90-pages": lambda t: formfeed(rewrap(t, 90)),
    "layout-100": lambda t: layout(t, 100),
    "layout-pages": layout_pages,
    "markdown": markdown,
    "crlf": crlf,
    "quotes": quotes,
    "pagenum": pagenum,
    "formfeed": formfeed,
    "header": header,
    "footer": footer,
    "nbsp": nbsp,
    "softhyph": softhyph,
    "double": double,
    "marks": marks,
}


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: make_variants.py CORPUS_DIR OUT_DIR\n")
        return 2
    corpus, out = argv[1], argv[2]
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8", newline="") as f:
        manifest = f.read()
    files = [row.split("\t")[1] for row in manifest.splitlines()[1:] if row.strip()]
    for name, make in VARIANTS.items():
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "MANIFEST.tsv"), "w", encoding="utf-8", newline="") as f:
            f.write(manifest)
        for fn in files:
            with open(os.path.join(corpus, fn), encoding="utf-8", newline="") as f:
                text = f.read()
            with open(os.path.join(d, fn), "w", encoding="utf-8", newline="") as f:
                f.write(make(text))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
