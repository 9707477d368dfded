"""LibreOffice, where it is installed, turning a DOCX into another format (PDF, ODT …).

LibreOffice lays a document out as Word would. Each conversion runs headless with a
profile of its own in a temporary folder, so a LibreOffice window the user has open
does not get in the way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from raportti.i18n.messages import _
from raportti.problems import UserError
from raportti.source.scratch import PROCESS_GROUP, end_group

TIMEOUT = 300
_CANDIDATES = (
    "soffice", "libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice() -> str | None:
    for candidate in _CANDIDATES:
        found = shutil.which(candidate) or (candidate if os.path.isfile(candidate) else None)
        if found:
            return found
    return None


def require_soffice(suffix: str = "pdf") -> str:
    """LibreOffice's program; UserError saying what to do when it is not installed."""
    soffice = find_soffice()
    if soffice is None:
        raise UserError(_("Making a {what} needs LibreOffice, and it was not found on this computer. "
                          "Install it "
                          "(https://www.libreoffice.org, or 'sudo apt install libreoffice-writer'), or "
                          "open the "
                          ".docx in Word and save it as {what}. The other documents were not written "
                          "either: run "
                          "the build again without '--format {suffix}'.").format(what=suffix.upper(), suffix=suffix))
    return soffice


def _end(process: subprocess.Popen) -> None:
    """End LibreOffice and every process it started (its process group)."""
    end_group(process.pid)
    try:
        process.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        pass


def convert(soffice: str, docx_bytes: bytes, folder: Path, suffix: str = "pdf") -> bytes:
    """The DOCX converted to ``suffix`` (pdf, odt …), working in ``folder``."""
    what = suffix.upper()
    source = folder / "report.docx"
    source.write_bytes(docx_bytes)
    target = folder / f"report.{suffix}"
    target.unlink(missing_ok=True)
    profile = (folder / "profile").as_uri()
    # LibreOffice in a process group of its own, so that it and the helpers it starts end
    # with raportti: on a timeout, when raportti is stopped (Ctrl-C, kill), and, for a
    # raportti killed outright, at the next run (raportti.source.scratch reads PROCESS_GROUP).
    process = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", suffix, "--outdir", str(folder), str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        # Its own temporary files (lu*.tmp) go into the same folder.
        env={**os.environ, "TMPDIR": str(folder), "TMP": str(folder), "TEMP": str(folder)},
    )
    (folder / PROCESS_GROUP).write_text(str(process.pid), encoding="utf-8")
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _end(process)
        raise UserError(_("LibreOffice did not finish the {what} in {seconds} seconds. Close other "
                          "LibreOffice windows and try again.").format(what=what, seconds=TIMEOUT)) from None
    except BaseException:
        _end(process)
        raise
    _end(process)  # helpers it started and left behind
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    if not target.is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()
        if detail:
            raise UserError(_("LibreOffice could not make the {what}: {detail}. Close other LibreOffice "
                              "windows "
                              "and try again.").format(what=what, detail=detail[-1]))
        raise UserError(_("LibreOffice could not make the {what}. Close other LibreOffice windows and try "
                          "again.")
                        .format(what=what))
    return target.read_bytes()
