"""Text hygiene: draft markers, personal identity codes, phone numbers and personal
e-mail addresses in any text of the YAML (reports are public documents)."""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from typing import Any, Iterator

from raportti.i18n.messages import _
from raportti.problems import Problem, format_path
from raportti.project.loading import ProjectData
from raportti.source.cutcomments import cut_texts
from raportti.source.reader import SourceFile


# Explicit markers of unfinished text, not ordinary words ("työ on kesken"): capitals
# (KESKEN, LUONNOS, as TODO) or brackets ([kesken]) make a word a marker.
DRAFT_MARKERS = re.compile(
    r"\b(?:TODO|FIXME|XXX|TBD|LUONNOS|KESKEN)\b|\[\s*(?:kesken|luonnos)\s*\]|\bTähän tulee\b"
    r"|\[\s*täydennä[^\]\x00]*\]",
)
# Finnish personal identity code: DDMMYY, century sign, individual number, check mark.
HETU = re.compile(r"\b(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-FHJ-NPR-Y])\b")
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
PHONE = re.compile(r"(?<![\d/])(?:\+358[\s-]?\(?0?\)?|0)(?:4\d|50)[\s-]?\d{3}[\s-]?\d{3,4}(?!\d)")
EMAIL = re.compile(r"\b([A-Za-z0-9._%+-]+)@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
PERSONAL_LOCAL_PART = re.compile(r"^[a-zåäö]+[._-][a-zåäö]+$", re.IGNORECASE)


def _valid_hetu(match: re.Match) -> bool:
    day, month = int(match.group(1)), int(match.group(2))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    number = int(match.group(1) + match.group(2) + match.group(3) + match.group(5))
    return HETU_CHECK[number % 31] == match.group(6)


# Literals each pattern's matches must contain. Checking them first (a fast substring
# search) spares most texts the regular expressions, which scan position by position
# and were the largest cost of validating a large project.
DRAFT_LITERALS = ("TODO", "FIXME", "XXX", "TBD", "LUONNOS", "KESKEN", "[", "Tähän tulee")
PHONE_LITERALS = ("04", "050", "+358")


def text_problems(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, message, code) for each hygiene problem in one text."""
    if any(literal in text for literal in DRAFT_LITERALS):
        for m in DRAFT_MARKERS.finditer(text):
            yield m.start(), _("Draft marker '{value}': the text is unfinished.").format(value=m.group(0)), "draft-marker"
    for m in HETU.finditer(text):
        if _valid_hetu(m):
            yield m.start(), _("A Finnish personal identity code: reports are public documents; remove it."), "personal-id"
    if any(literal in text for literal in PHONE_LITERALS):
        for m in PHONE.finditer(text):
            yield m.start(), _("A phone number ('{value}'): reports are public; remove personal phone "
                               "numbers.").format(value=m.group(0)), "phone-number"
    if "@" not in text:
        return
    for m in EMAIL.finditer(text):
        if PERSONAL_LOCAL_PART.match(m.group(1)):
            yield m.start(), (_("A personal e-mail address ('{value}'): reports are public; use an "
                                "organisation's address instead.").format(value=m.group(0))), "personal-email"


# Joins a file's texts for scanning; no pattern above matches it.
TEXT_SEPARATOR = "\x00"


def check_text(data: ProjectData) -> list[Problem]:
    problems = []
    for source in data.sources():
        # A file's findings are kept with the file: the preview keeps unchanged files
        # from one save to the next, and scans only the saved one again.
        found = source.__dict__.get("_text_problems")
        if found is None:
            found = source.__dict__["_text_problems"] = _file_text_problems(source)
        problems.extend(found)
    return problems


def _file_text_problems(source: SourceFile) -> list[Problem]:
    problems = []
    # All texts of a file are scanned as one: a project has thousands of short texts,
    # and running each pattern on each of them cost more than the scanning itself.
    strings = list(_iter_strings(source.data))
    starts = list(itertools.accumulate((len(text) + 1 for _, text in strings[:-1]), initial=0))
    joined = TEXT_SEPARATOR.join(text for _, text in strings)
    for offset, message, code in text_problems(joined):
        i = bisect.bisect_right(starts, offset) - 1
        loc = strings[i][0]
        marker = DRAFT_MARKERS.match(joined, offset) if code == "draft-marker" else None
        problems.append(source.problem(
            loc, message, path=format_path(loc), severity="warning", code=code, offset=offset - starts[i],
            args={"marker": marker.group(0)} if marker else None))
    problems.extend(cut_texts(source))
    return problems


def _iter_strings(node: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _iter_strings(value, loc + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _iter_strings(value, loc + (i,))
    elif isinstance(node, (datetime.date, int, float)) or node is None:
        return
