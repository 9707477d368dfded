"""A DOCX document as plain text, for ``git diff`` (``raportti textconv``).

One paragraph a line, in document order: headings start with ``#`` (``#`` for the Title,
``##`` for Heading 1 …, as the Markdown they were built from), list items with
``- `` or ``1. `` after their Word numbering (``numPr``), indented two spaces a
level; a table row is its cells joined by `` | ``. git shows the changes of two
versions of a committed report as changes of these lines.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from raportti.i18n.messages import _
from raportti.source.docxfile import DocxError, open_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING = re.compile(r"^Heading (\d)$")


def docx_text(path: Path) -> str:
    """The text of a .docx file. Raises DocxError for a file that cannot be read as one."""
    document = open_document(Path(path))
    try:
        return document_text(document)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        # A numbering or style attribute that is not what Word writes (numId="x").
        raise DocxError(path, f"the Word file holds content raportti does not understand ({exc}). "
                              "Open it in Word or LibreOffice and save it again as .docx.") from None


def unreadable_note(path: Path, exc: DocxError) -> str:
    """The one line textconv prints for a file it cannot read, as that file's text.

    git stops ``git diff`` altogether when a textconv command fails, so the note takes the
    place of the text; its size and checksum make a change of such a file still show."""
    try:
        data = Path(path).read_bytes()
        fingerprint = f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:12]}"
    except OSError:
        fingerprint = "not readable"
    return f"[raportti textconv: cannot show this file's text: {exc.reason} ({fingerprint})]\n"


def document_text(document: Any) -> str:
    styles = {style.style_id: style.name for style in document.styles}
    numbering = _Numbering(document)
    lines: list[str] = []
    for element in document.element.body:
        if element.tag == W + "p":
            line = _paragraph(element, styles, numbering)
            if line is None:
                continue
            if line.startswith("#") and lines:
                lines.append("")
            lines.append(line)
        elif element.tag == W + "tbl":
            for row in element.iter(W + "tr"):
                cells = [" ".join(filter(None, (_text(p) for p in cell.iter(W + "p"))))
                         for cell in row.iter(W + "tc")]
                lines.append(" | ".join(cells))
    return "\n".join(lines) + "\n" if lines else ""


def _text(paragraph: Any) -> str:
    """A paragraph's text, hyperlinks included; a line break or tab reads as a space."""
    out = []
    for element in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr"):
        out.append(element.text or "" if element.tag == W + "t" else " ")
    return "".join(out).strip()


def _paragraph(paragraph: Any, styles: dict[str, str], numbering: "_Numbering") -> str | None:
    text = _text(paragraph)
    ppr = paragraph.find(W + "pPr")
    style_id = None
    num = None
    if ppr is not None:
        pstyle = ppr.find(W + "pStyle")
        style_id = pstyle.get(W + "val") if pstyle is not None else None
        numpr = ppr.find(W + "numPr")
        if numpr is not None:
            ilvl, num_id = numpr.find(W + "ilvl"), numpr.find(W + "numId")
            num = (int(num_id.get(W + "val")) if num_id is not None else 0,
                   int(ilvl.get(W + "val")) if ilvl is not None else 0)
    name = styles.get(style_id or "", "")
    if num is not None and num[0] != 0:
        return "  " * num[1] + numbering.prefix(*num) + text
    if not text:
        return None
    if name == "Title":
        return "# " + text
    heading = HEADING.match(name)
    if heading:
        return "#" * (int(heading.group(1)) + 1) + " " + text
    continued = re.match(r"^List Continue(?: (\d))?$", name)
    if continued:  # a further paragraph of a list item, under its text
        depth = int(continued.group(1) or 1) - 1
        return "  " * (depth + 1) + text
    return text


class _Numbering:
    """Numbers of list items as Word would show them: per list, per level."""

    def __init__(self, document: Any):
        self.formats: dict[tuple[int, int], str] = {}
        self.starts: dict[tuple[int, int], int] = {}
        self.counters: dict[int, list[int]] = {}
        try:
            part = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, int]]] = {}
        for node in part.iter(W + "abstractNum"):
            levels = {}
            for lvl in node.iter(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                start = lvl.find(W + "start")
                levels[int(lvl.get(W + "ilvl"))] = (
                    fmt.get(W + "val") if fmt is not None else "bullet",
                    int(start.get(W + "val")) if start is not None else 1,
                )
            abstract[node.get(W + "abstractNumId")] = levels
        for num in part.iter(W + "num"):
            num_id = int(num.get(W + "numId"))
            ref = num.find(W + "abstractNumId")
            levels = abstract.get(ref.get(W + "val") if ref is not None else "", {})
            for level, (fmt, start) in levels.items():
                self.formats[(num_id, level)] = fmt
                self.starts[(num_id, level)] = start
            for override in num.iter(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                if start is not None:
                    self.starts[(num_id, int(override.get(W + "ilvl")))] = int(start.get(W + "val"))

    def prefix(self, num_id: int, level: int) -> str:
        fmt = self.formats.get((num_id, level), "bullet")
        if fmt in ("bullet", "none"):
            return "- "
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= level:
            counters.append(0)
        del counters[level + 1:]  # a deeper list restarts under each item
        counters[level] += 1
        return f"{self.starts.get((num_id, level), 1) + counters[level] - 1}. "
