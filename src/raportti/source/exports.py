"""Reading a survey tool's export (XLSX or CSV) as it comes: a header row and answer rows.

Webropol, Microsoft Forms, Google Forms and LimeSurvey export either an Excel workbook or a
CSV file: comma or semicolon (or tab) separated, UTF-8 with or without a byte order mark,
UTF-16 or Windows-1252, numbers with decimal commas. All of them come out here as the same
:class:`Export`: the headings of the columns and each row's cells, a cell being text, a
number or None. What the cells mean (which column, which scale) is decided in
:mod:`raportti.project.surveys`.

An export holds respondents' personal data: nothing here prints or keeps more than the
caller asks for, and problems name rows and columns, never a cell's content.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

from raportti.i18n.messages import _
from raportti.problems import Problem
from raportti.source.reader import read_bytes

Cell = str | float | None

SUFFIXES = (".xlsx", ".csv")
# An export of tens of thousands of answers is a few megabytes; a workbook that unpacks
# into more than this is not a survey export (or is a zip bomb), and is not read.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_PACKED_RATIO = 200


@dataclass
class Export:
    """A survey export: its column headings and its rows of answers (empty rows left out)."""

    path: Path
    headings: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)  # each row's line (CSV) or row (XLSX)

    def column(self, index: int) -> list[Cell]:
        return [row[index] if index < len(row) else None for row in self.rows]


class ExportError(Exception):
    """An export that cannot be read; the message is a full sentence for the coordinator."""

    def __init__(self, message: str, code: str = "export-unreadable", args: dict | None = None):
        super().__init__(message)
        self.code = code
        self.args_ = args or {}


def read_export(path: Path, root: Path | None = None) -> tuple[Export | None, list[Problem]]:
    """Read an export file; problems (missing, unreadable, empty) instead of exceptions."""
    raw, problems = read_bytes(path, root)
    if raw is None:
        return None, problems
    try:
        if path.suffix.lower() == ".xlsx":
            headings, rows = parse_xlsx(raw)
        elif path.suffix.lower() == ".csv":
            headings, rows = parse_csv(raw)
        else:
            raise ExportError(
                _("'{file}' is not a survey export raportti reads: save it as .xlsx or .csv.").format(file=path.name),
                code="export-kind", args={"file": path.name})
    except ExportError as exc:
        return None, [Problem(str(exc), file=path, code=exc.code, args={"file": path.name, **exc.args_})]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, EOFError, RuntimeError,
            SyntaxError, OSError):  # a damaged workbook: lxml's XMLSyntaxError is a SyntaxError
        return None, [Problem(
            _("The survey export '{file}' is damaged and cannot be read. Export the answers again "
              "from the survey tool.").format(file=path.name), file=path, code="export-unreadable", args={"file": path.name})]
    if not headings or not any(h not in (None, "") for h in headings[1]):
        return None, [Problem(
            _("The export '{file}' is empty: it has no heading row. Export the survey's "
              "answers again from the survey tool.").format(file=path.name), file=path, code="export-empty", args={"file": path.name})]
    kept = [(number, row) for number, row in rows if any(c not in (None, "") for c in row)]
    return Export(path=path, headings=[_heading(h) for h in headings[1]], rows=[r for _, r in kept],
                  row_numbers=[n for n, _ in kept]), []


def _heading(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _number_text(value)
    return " ".join(value.split())


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


# -- CSV ---------------------------------------------------------------------------------


def decode_text(raw: bytes) -> str:
    """The text of a CSV file in whichever encoding a survey tool or Excel saved it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (semicolon separated)" on a Finnish Windows: Windows-1252, which
        # decodes any byte, so this never fails.
        return raw.decode("cp1252", errors="replace")


Numbered = tuple[int, list[Cell]]


def parse_csv(raw: bytes) -> tuple[Numbered | tuple, list[Numbered]]:
    """The heading row and the answer rows, each with its line number."""
    text = decode_text(raw)
    if not text.strip():
        return (), []
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = []
    try:
        start = 1
        for row in reader:
            table.append((start, [cell if cell.strip() else None for cell in row]))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ExportError(_("The CSV file cannot be read: {reason}. Export it again from the survey tool.")
                          .format(reason=exc)) from None
    if not table:
        return (), []
    return table[0], table[1:]


def _delimiter(text: str) -> str:
    """The separator of the heading row: the most common of ; , and tab outside quotes."""
    first = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


# -- XLSX --------------------------------------------------------------------------------

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def parse_xlsx(raw: bytes) -> tuple[Numbered | tuple, list[Numbered]]:
    """The first worksheet of a workbook as rows of cells.

    All zip reading of an export is here, bounded: a workbook is opened only if what it
    unpacks into is of a survey export's size, and only the parts a sheet needs are read.
    """
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise ExportError(_("The file is not an Excel workbook (.xlsx) although its name says so: "
                            "export it again, or save it from Excel as .xlsx.")) from None
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        unpacked = sum(info.file_size for info in infos.values())
        if unpacked > MAX_UNPACKED or unpacked > MAX_PACKED_RATIO * max(len(raw), 1):
            raise ExportError(_("The workbook unpacks into far more than a survey export does "
                                "({mb} MB); it is not read.").format(mb=unpacked // (1024 * 1024)),
                              code="export-too-large")

        def part(name: str) -> bytes | None:
            return archive.read(name) if name in infos else None

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        workbook = part("xl/workbook.xml")
        if workbook is None:
            raise ExportError(_("The workbook has no sheets (xl/workbook.xml is missing): "
                                "export it again from the survey tool."))
        sheet_path = _first_sheet(etree.fromstring(workbook, parser), part("xl/_rels/workbook.xml.rels"), parser)
        strings = _shared_strings(part("xl/sharedStrings.xml"), parser)
        sheet = part(sheet_path)
        if sheet is None:
            raise ExportError(_("The workbook's first sheet ({part}) is missing: export it again.").format(part=sheet_path))
    rows: dict[int, dict[int, Cell]] = {}
    root = etree.fromstring(sheet, parser)
    for row_number, row in enumerate(root.iter(_NS + "row"), 1):
        number = int(row.get("r") or row_number)
        cells: dict[int, Cell] = {}
        for position, cell in enumerate(row.iter(_NS + "c")):
            ref = _CELL_REF.match(cell.get("r") or "")
            column = _column_index(ref.group(1)) if ref else position
            cells[column] = _cell_value(cell, strings)
        rows[number] = cells
    if not rows:
        return (), []
    width = max((max(cells) + 1 for cells in rows.values() if cells), default=0)
    ordered = [(n, [rows[n].get(c) for c in range(width)]) for n in sorted(rows)]
    return ordered[0], ordered[1:]


def _first_sheet(workbook, rels: bytes | None, parser) -> str:
    from lxml import etree

    sheet = workbook.find(f"{_NS}sheets/{_NS}sheet")
    if sheet is None:
        raise ExportError(_("The workbook has no sheets: export it again from the survey tool."))
    rel_id = sheet.get(_REL_NS + "id")
    if rels is not None and rel_id:
        for rel in etree.fromstring(rels, parser).iter(_PKG_REL + "Relationship"):
            if rel.get("Id") == rel_id:
                target = rel.get("Target") or ""
                return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return "xl/worksheets/sheet1.xml"


def _shared_strings(xml: bytes | None, parser) -> list[str]:
    if xml is None:
        return []
    from lxml import etree

    return ["".join(t.text or "" for t in si.iter(_NS + "t")) for si in etree.fromstring(xml, parser).iter(_NS + "si")]


@lru_cache(maxsize=1024)
def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


_V = _NS + "v"


def _cell_value(cell, strings: list[str]) -> Cell:
    kind = cell.get("t")
    if kind == "inlineStr":
        text = "".join(t.text or "" for t in cell.iter(_NS + "t"))
        return text if text.strip() else None
    value = None
    for child in cell:  # <v> is the cell's only child but for a formula's <f>
        if child.tag == _V:
            value = child
            break
    if value is None or value.text is None:
        return None
    if kind == "s":
        try:
            text = strings[int(value.text)]
        except (ValueError, IndexError):
            return None
        return text if text.strip() else None
    if kind in ("str", "e"):
        return value.text if value.text.strip() else None
    if kind == "b":
        return float(value.text == "1")
    try:
        return float(value.text)
    except ValueError:
        return value.text
