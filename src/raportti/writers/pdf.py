"""The PDF format: the DOCX laid out by LibreOffice, when it is installed.

LibreOffice lays the document out as Word would. The DOCX writer has it lay the document
out first when a PDF is asked for too, to write the contents' page numbers
(:mod:`raportti.writers.contentspages`); that layout is then the PDF, unless the page
numbers changed the DOCX.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from raportti.problems import UserError

TIMEOUT = 300
_CANDIDATES = (
    "soffice", "libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

NO_LIBREOFFICE = (
    "Making a PDF needs LibreOffice, and it was not found on this computer. Install it "
    "(https://www.libreoffice.org, or 'sudo apt install libreoffice-writer'), or open the .docx "
    "in Word and save it as PDF. The other documents were not written either: run the build "
    "again without '--format pdf'."
)


def find_soffice() -> str | None:
    for candidate in _CANDIDATES:
        found = shutil.which(candidate) or (candidate if os.path.isfile(candidate) else None)
        if found:
            return found
    return None


def make(job: Any) -> bytes:
    """The PDF of the job's DOCX: the DOCX writer's layout of it, if it made one."""
    docx_bytes = job.made["docx"]
    laid_out = job.notes.get("layout")
    if laid_out is not None and laid_out[0] == docx_bytes:
        return laid_out[1]
    return docx_to_pdf(docx_bytes)


def docx_to_pdf(docx_bytes: bytes) -> bytes:
    """The PDF of a DOCX."""
    with tempfile.TemporaryDirectory(prefix="raportti-pdf-") as tmp:
        return convert(require_soffice(), docx_bytes, Path(tmp))


def require_soffice() -> str:
    soffice = find_soffice()
    if soffice is None:
        raise UserError(NO_LIBREOFFICE)
    return soffice


def convert(soffice: str, docx_bytes: bytes, folder: Path) -> bytes:
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
        raise UserError(f"LibreOffice did not finish the PDF in {TIMEOUT} seconds. Close other "
                        "LibreOffice windows and try again.") from None
    if not target.is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise UserError("LibreOffice could not make the PDF" + (f": {detail[-1]}" if detail else ".")
                        + " Close other LibreOffice windows and try again.")
    return target.read_bytes()


