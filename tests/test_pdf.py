"""build --format pdf: LibreOffice makes the PDF; without it, a message that says what to do."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner

from conftest import VS
from raportti.cli.app import main
from raportti.writers import contentspages, libreoffice


def test_without_libreoffice_the_message_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    result = CliRunner().invoke(main, ["build", str(VS), "-f", "pdf", "-f", "docx", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "needs LibreOffice" in result.output and "save it as PDF" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []  # nothing half-written


@pytest.mark.skipif(libreoffice.find_soffice() is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler's pdftotext is not installed")
def test_pdf_with_the_contents_page_numbers(tmp_path):
    result = CliRunner().invoke(main, ["build", str(VS), "-f", "pdf", "-f", "docx", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "loppuraportti.pdf").read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(io.BytesIO((tmp_path / "loppuraportti.docx").read_bytes())) as package:
        document = package.read("word/document.xml").decode("utf-8")
    # Each contents entry's PAGEREF result holds a page number, in page order.
    numbers = [int(n) for n in re.findall(
        r'PAGEREF _Toc\d+ \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>(\d+)</w:t>',
        document)]
    assert len(numbers) > 20
    assert numbers == sorted(numbers) and numbers[0] >= 3
    # And the PDF shows them: every dotted contents line ends in its page number.
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "3", str(tmp_path / "loppuraportti.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    dotted = [line for line in text.splitlines() if "....." in line]
    assert len(dotted) > 20 and all(re.search(r"\d\s*$", line) for line in dotted)


def _docx(markdown: str) -> bytes:
    from raportti.writers.docx import DocumentInfo, markdown_to_docx

    return markdown_to_docx(markdown, DocumentInfo(title="Raportti", contents="Sisällys"))


def _breaks(docx_bytes: bytes) -> list[str]:
    """The texts of the paragraphs that start a page."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        root = contentspages.etree.fromstring(package.read("word/document.xml"))
    w = contentspages.W
    return ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p")
            if p.find(f"{w}pPr/{w}pageBreakBefore") is not None]


def test_a_run_of_headings_left_at_the_foot_of_a_page_starts_the_next_one():
    docx_bytes = _docx("# Raportti\n\n## ENSIMMÄINEN\n\nTekstiä.\n\n## TOIMINTA\n\n### Vuoden toiminta\n\n"
                       "Vuosi 2025 oli toinen.\n\n## LOPPU\n\nViimeinen.\n")
    contents = "Sisällys\nENSIMMÄINEN.......2\nTOIMINTA.......2\nVuoden toiminta.......3\nLOPPU.......3\n"
    # As LibreOffice laid it out: "TOIMINTA" and "Vuoden toiminta" end page 3, their text on page 4.
    pages = ["Raportti\n", contents + "\n2\n", "ENSIMMÄINEN\nTekstiä.\nTOIMINTA\nVuoden toiminta\n\n3\n",
             "Vuosi 2025 oli toinen.\nLOPPU\nViimeinen.\n\n4\n"]
    kept = contentspages.keep_headings(docx_bytes, pages)
    assert _breaks(kept) == _breaks(docx_bytes) + ["TOIMINTA"]
    # Laid out well, nothing changes.
    pages[2], pages[3] = "ENSIMMÄINEN\nTekstiä.\n\n3\n", "TOIMINTA\nVuoden toiminta\nVuosi 2025 oli toinen.\n\n4\n"
    assert contentspages.keep_headings(docx_bytes, pages) == docx_bytes


def test_contents_page_numbers_come_from_the_heading_lines_not_from_running_text():
    docx_bytes = _docx("# Raportti\n\n## ALKU\n\nTässä kerrotaan tulokset lyhyesti.\n\n## TULOKSET\n\nNe.\n")
    pages = ["Raportti\n", "Sisällys\nALKU\nTULOKSET\n\n2\n", "ALKU\nTässä kerrotaan\ntulokset lyhyesti.\n\n3\n",
             "TULOKSET\nNe.\n\n4\n"]
    filled = contentspages.fill_contents_pages(docx_bytes, pages)
    with zipfile.ZipFile(io.BytesIO(filled)) as package:
        document = package.read("word/document.xml").decode("utf-8")
        settings = package.read("word/settings.xml").decode("utf-8")
    numbers = re.findall(r'PAGEREF _Toc\d+ \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
                         r'</w:r><w:r><w:t>(\d+)</w:t>', document)
    assert numbers == ["3", "4"]
    # The numbers are there: Word is not asked to update the fields on opening.
    assert "updateFields" not in settings
