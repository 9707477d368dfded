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
from raportti.writers import libreoffice


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
