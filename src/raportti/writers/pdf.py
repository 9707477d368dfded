"""The PDF format: the DOCX laid out by LibreOffice, when it is installed.

The DOCX writer has LibreOffice lay the document out first when a PDF is asked for too,
to write the contents' page numbers (:mod:`raportti.writers.contentspages`); that
layout is then the PDF, unless the page numbers changed the DOCX.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from raportti.source.scratch import scratch
from raportti.writers.libreoffice import convert, require_soffice


def make(job: Any) -> bytes:
    """The PDF of the job's DOCX: the DOCX writer's layout of it, if it made one."""
    docx_bytes = job.made["docx"]
    laid_out = job.notes.get("layout")
    if laid_out is not None and laid_out[0] == docx_bytes:
        return laid_out[1]
    # LibreOffice's profile and files in this run's scratch folder (raportti.source.scratch).
    with scratch(Path(tempfile.gettempdir())) as tmp:
        return convert(require_soffice(), docx_bytes, tmp)
