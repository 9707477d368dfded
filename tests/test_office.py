"""The DOCX opens in LibreOffice (where it is installed) and converts without errors."""

from __future__ import annotations

import shutil
import subprocess

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_report(pp_build, tmp_path):
    result = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(pp_build / "valikysely-2019.docx")],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / "valikysely-2019.pdf"
    assert pdf.is_file(), result.stdout + result.stderr
    assert pdf.stat().st_size > 50_000
