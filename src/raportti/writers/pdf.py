"""DOCX → PDF through LibreOffice, when it is installed.

LibreOffice lays the document out as Word would, but it does not update a table of
contents when it converts. So the PDF is made twice when the document has one: the first
PDF tells on which page each heading landed (read with poppler's pdftotext, where it is
installed), those page numbers are written into the contents, and the second PDF is the
one kept. The DOCX written beside it gets the same page numbers.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from raportti.i18n.messages import _
from raportti.problems import UserError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TIMEOUT = 300
_CANDIDATES = (
    "soffice", "libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

def no_libreoffice() -> str:
    return (_("Making a PDF needs LibreOffice, and it was not found on this computer. Install it (https://www.libreoffice.org, or 'sudo apt install libreoffice-writer'), or open the .docx in Word and save it as PDF. The other documents were not written either: run the build again without '--format pdf'.")
)


def find_soffice() -> str | None:
    for candidate in _CANDIDATES:
        found = shutil.which(candidate) or (candidate if os.path.isfile(candidate) else None)
        if found:
            return found
    return None


def docx_to_pdf(docx_bytes: bytes) -> tuple[bytes, bytes]:
    """The PDF of a DOCX, and the DOCX with its contents' page numbers filled in."""
    soffice = find_soffice()
    if soffice is None:
        raise UserError(no_libreoffice())
    with tempfile.TemporaryDirectory(prefix="raportti-pdf-") as tmp:
        folder = Path(tmp)
        pdf = _convert(soffice, docx_bytes, folder)
        pages = _page_texts(pdf, folder)
        if pages is not None and _has_contents(docx_bytes):
            filled = fill_contents_pages(docx_bytes, pages)
            if filled != docx_bytes:
                docx_bytes = filled
                pdf = _convert(soffice, docx_bytes, folder)
    return pdf, docx_bytes


def _convert(soffice: str, docx_bytes: bytes, folder: Path) -> bytes:
    source = folder / "report.docx"
    source.write_bytes(docx_bytes)
    target = folder / "report.pdf"
    target.unlink(missing_ok=True)
    profile = (folder / "profile").as_uri()
    try:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(folder), str(source)],
            capture_output=True, text=True, timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise UserError(_("LibreOffice did not finish the PDF in {timeout} seconds. Close other LibreOffice windows and try again.").format(timeout=TIMEOUT)) from None
    if not target.is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise UserError(_("LibreOffice could not make the PDF") + (f": {detail[-1]}" if detail else ".")
                        + _(" Close other LibreOffice windows and try again."))
    return target.read_bytes()


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
