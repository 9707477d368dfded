"""The DOCX's table of contents with page numbers, from a layout by LibreOffice.

LibreOffice does not update a table of contents when it converts. So when a PDF is made
and the document has contents, it is laid out once: the PDF tells on which page each
heading landed (read with poppler's pdftotext, where it is installed), those page
numbers are written into the DOCX's contents, and the numbered DOCX is laid out again
for the PDF format to keep.
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

from raportti.writers.libreoffice import TIMEOUT, convert, require_soffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def with_page_numbers(docx_bytes: bytes) -> tuple[bytes, bytes]:
    """The DOCX with its contents' page numbers filled in, and a PDF of it."""
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="raportti-pdf-") as tmp:
        folder = Path(tmp)
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


def fill_contents_pages(docx_bytes: bytes, pages: list[str]) -> bytes:
    """The DOCX with each contents entry's page number: the first page after the contents
    pages whose text holds the heading, searching on from the previous entry's page."""
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
    for link in links:
        key = _fold("".join(t.text or "" for t in link.iter(f"{W}t")))[:40]
        found = next((i for i in range(page_index, len(folded)) if key and key in folded[i]), None)
        if found is None:
            continue
        page_index = found
        _set_pageref_result(link, str(found + 1))
    blobs["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
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
