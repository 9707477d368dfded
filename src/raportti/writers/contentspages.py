"""The DOCX's page breaks and table of contents from a layout by LibreOffice.

When a PDF is made, the DOCX is laid out by LibreOffice once, and the PDF's text (read
with poppler's pdftotext, where it is installed) fills two gaps of that layout:

- LibreOffice keeps a heading with the paragraph after it, but not a run of headings
  ("TOIMINTA" over "Vuoden toiminta"): the first of them can stay alone at the foot of a
  page. A heading (or run of headings) that ends a page starts the next one instead.
- It does not update a table of contents when it converts: the page on which each
  heading landed is written into the DOCX's contents, and Word is no longer asked to
  update the fields when it opens the file.

The DOCX so changed is laid out again for the PDF format to keep.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from raportti.source.scratch import scratch
from raportti.writers.libreoffice import TIMEOUT, convert, require_soffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def with_page_numbers(docx_bytes: bytes) -> tuple[bytes, bytes]:
    """The DOCX with its contents' page numbers filled in, and a PDF of it."""
    soffice = require_soffice()
    with scratch(Path(tempfile.gettempdir())) as tmp:  # raportti.source.scratch
        folder = Path(tmp)
        pdf = convert(soffice, docx_bytes, folder)
        pages = _page_texts(pdf, folder)
        if pages is not None:
            kept = keep_headings(docx_bytes, pages)
            if kept != docx_bytes:
                docx_bytes = kept
                pdf = convert(soffice, docx_bytes, folder)
                pages = _page_texts(pdf, folder)
        if pages is not None and _has_contents(docx_bytes):
            filled = fill_contents_pages(docx_bytes, pages)
            if filled != docx_bytes:
                docx_bytes = filled
                pdf = convert(soffice, docx_bytes, folder)
    return docx_bytes, pdf


def _page_texts(pdf: bytes, folder: Path) -> list[str] | None:
    """Each page's text, or None without pdftotext."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    path = folder / "pages.pdf"
    path.write_bytes(pdf)
    result = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=TIMEOUT)
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", "replace").split("\f")


def _has_contents(docx_bytes: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        return b"PAGEREF _Toc" in package.read("word/document.xml")


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def _heading_lines(lines: list[str], heading: str) -> int:
    """How many of ``lines`` (from the first) the heading fills, or 0 when it does not
    start there."""
    joined = ""
    for n, line in enumerate(lines[:8], start=1):
        joined += line
        if joined == heading:
            return n
        if not heading.startswith(joined):
            return 0
    return 0


def keep_headings(docx_bytes: bytes, pages: list[str]) -> bytes:
    """The DOCX with a page break before each heading that LibreOffice left at the foot of
    a page, alone or with other headings only (the first of such a run gets the break)."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        infos = package.infolist()
        blobs = {info.filename: package.read(info.filename) for info in infos}
    root = etree.fromstring(blobs["word/document.xml"])
    body = root.find(f"{W}body")
    headings = []
    for p in body.iterchildren(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val", "").startswith("Heading"):
            text = _fold("".join(t.text or "" for t in p.iter(f"{W}t")))
            if text:
                headings.append((p, text))
    page_lines = []
    for page in pages:
        lines = [_fold(line) for line in page.splitlines() if _fold(line)]
        if lines and lines[-1].isdigit():
            lines.pop()  # the page number
        page_lines.append(lines)
    # Each heading's page and line, in document order, looked for from the previous one on
    # after the title page and the contents pages (their lines end in dotted leaders).
    contents = [i for i, raw in enumerate(pages) if sum("....." in x for x in raw.splitlines()) >= 3]
    placed, page, line = [], max(contents, default=0) + 1 if len(page_lines) > 1 else 0, 0
    for p, text in headings:
        found = None
        for i in range(page, len(page_lines)):
            for j in range(line if i == page else 0, len(page_lines[i])):
                n = _heading_lines(page_lines[i][j:], text)
                if n:
                    found = (i, j, n)
                    break
            if found:
                break
        if found is None:
            continue
        page, line = found[0], found[1] + found[2]
        placed.append((p, found))
    changed = False
    for k, (p, (i, j, n)) in enumerate(placed):
        if i == len(page_lines) - 1 or j + n != len(page_lines[i]) or j == 0:
            continue
        # This heading ends page i: go back over the headings right above it.
        first = k
        while first > 0:
            q, (pi, pj, pn) = placed[first - 1]
            if pi == i and pj + pn == placed[first][1][1] and placed[first][0].getprevious() is q:
                first -= 1
            else:
                break
        if placed[first][1][1] == 0:
            continue  # the run fills the page from its top: a break would not help
        ppr = placed[first][0].find(f"{W}pPr")
        if ppr.find(f"{W}pageBreakBefore") is None:
            anchor = ppr.find(f"{W}keepNext")
            element = etree.Element(f"{W}pageBreakBefore")
            (anchor if anchor is not None else ppr.find(f"{W}pStyle")).addnext(element)
            changed = True
    if not changed:
        return docx_bytes
    blobs["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            target.writestr(info, blobs[info.filename])
    return out.getvalue()


def _holds_heading(lines: list[str], heading: str) -> bool:
    """Whether a page's folded lines hold the heading as lines of its own (one, or wrapped
    over several), not only as words of a sentence ("tulokset" in running text)."""
    for j in range(len(lines)):
        joined = ""
        for line in lines[j:j + 8]:
            joined += line
            if joined == heading:
                return True
            if not heading.startswith(joined):
                break
    return False


def fill_contents_pages(docx_bytes: bytes, pages: list[str]) -> bytes:
    """The DOCX with each contents entry's page number: the first page after the contents
    pages that holds the heading as a line of its own, searching on from the previous
    entry's page. Word need not update the fields then: it is not asked to on opening."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        infos = package.infolist()
        blobs = {info.filename: package.read(info.filename) for info in infos}
    root = etree.fromstring(blobs["word/document.xml"])
    folded = [_fold(page) for page in pages]
    links = [h for h in root.iter(f"{W}hyperlink") if (h.get(f"{W}anchor") or "").startswith("_Toc")]
    if not links:
        return docx_bytes
    # The contents' own pages hold every entry: start looking after the last of them.
    first_entry = _fold("".join(t.text or "" for t in links[0].iter(f"{W}t")))[:40]
    start = next((i for i, page in enumerate(folded) if first_entry and first_entry in page), 0)
    last_entry = _fold("".join(t.text or "" for t in links[-1].iter(f"{W}t")))[:40]
    toc_end = next((i for i in range(start, len(folded)) if last_entry and last_entry in folded[i]), start)
    page_index = toc_end + 1
    page_lines = [[_fold(line) for line in page.splitlines() if _fold(line)] for page in pages]
    for link in links:
        key = _fold("".join(t.text or "" for t in link.iter(f"{W}t")))
        found = next((i for i in range(page_index, len(folded)) if key and _holds_heading(page_lines[i], key)), None)
        if found is None:
            continue
        page_index = found
        _set_pageref_result(link, str(found + 1))
    blobs["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if "word/settings.xml" in blobs:
        settings = etree.fromstring(blobs["word/settings.xml"])
        for element in settings.findall(f"{W}updateFields"):
            settings.remove(element)
        blobs["word/settings.xml"] = etree.tostring(settings, xml_declaration=True, encoding="UTF-8",
                                                    standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            target.writestr(info, blobs[info.filename])
    return out.getvalue()


def _set_pageref_result(link: etree._Element, number: str) -> None:
    """The text between the PAGEREF field's separator and its end."""
    in_result = False
    for run in link.iter(f"{W}r"):
        char = run.find(f"{W}fldChar")
        if char is not None:
            kind = char.get(f"{W}fldCharType")
            if kind == "separate":
                in_result = True
                continue
            if kind == "end" and in_result:
                return
        if in_result:
            text = run.find(f"{W}t")
            if text is not None:
                text.text = number
                return
