"""Our own measure of how much of a source document a built report reproduces.

Same definitions as the project's acceptance tool: the source is cut into units (each
line, then each sentence); recall is the share of the source's characters whose unit
appears verbatim in the built text; order is the share of found units in source order;
figures is the share of the source's numbers found in the same order.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from raportti.report.charts import CHART_IMAGE

OWN_CHART_CAPTION = re.compile(r"^Kuvio \d+\. ")

_FOLD = {
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\t": " ",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'",
    "\u00b4": "'", "\u2022": " ", "\u00b7": " ", "\u25cf": " ", "\u2192": "->",
}
_MARKUP_AT_LINE_START = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)+", re.M)
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?!\s)|(?<!\w)_(?!\s))")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[\"'(A-ZÅÄÖ0-9])")
_NUMBER = re.compile(r"\d+(?:,\d+)?")


def read_text(path: Path) -> str:
    if path.suffix == ".docx":
        import docx

        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        lines = []
        for p in docx.Document(str(path)).element.body.iter(w + "p"):
            text = []
            for element in p.iter():
                if element.tag == w + "t":
                    text.append(element.text or "")
                elif element.tag in (w + "tab", w + "br", w + "cr"):
                    text.append(" ")
            line = "".join(text)
            if not OWN_CHART_CAPTION.match(line):  # a chart's caption: drawn from the data, like the chart
                lines.append(line)
        return "\n".join(lines)
    return path.read_text(encoding="utf-8")


def _plain(text: str, keep_lines: bool = False, fold_case: bool = True) -> str:
    text = unicodedata.normalize("NFC", html.unescape(text))
    text = "".join(_FOLD.get(c, c) for c in text)
    text = _LINK.sub(r"\1 \2", text)
    text = _AUTOLINK.sub(r"\1", text).replace("\\", "")
    text = _MARKUP_AT_LINE_START.sub("", text)
    text = _EMPHASIS.sub("", text).replace("|", " ")
    if fold_case:
        text = text.casefold()
    if keep_lines:
        return "\n".join(re.sub(r"[ \r\f\v]+", " ", line).strip() for line in text.split("\n"))
    return re.sub(r"\s+", " ", text).strip()


def _units(source: str) -> list[str]:
    units = []
    for line in _plain(source, keep_lines=True, fold_case=False).split("\n"):
        units += [s.strip().casefold() for s in _SENTENCE_END.split(line) if len(s.strip()) >= 3]
    return units


def _longest_increasing(seq: list[int]) -> int:
    tails: list[int] = []
    for x in seq:
        i = bisect_left(tails, x)
        tails[i:i + 1] = [x]
    return len(tails)


def _common_subsequence(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


@dataclass
class Fidelity:
    recall: float
    order: float
    figures: float
    missing: list[str]


def measure(source: str, built: str) -> Fidelity:
    # A built report's charts are drawn from its data every time: the text is compared.
    source, built = CHART_IMAGE.sub("\n\n", source), CHART_IMAGE.sub("\n\n", built)
    haystack = _plain(built)
    units = _units(source)
    found_chars, positions, missing, cursor = 0, [], [], 0
    for unit in units:
        at = haystack.find(unit, cursor)
        if at < 0:
            at = haystack.find(unit)
        if at < 0:
            missing.append(unit)
            continue
        found_chars += len(unit)
        positions.append(at)
        cursor = at + 1
    source_numbers = _NUMBER.findall(_plain(source))
    built_numbers = _NUMBER.findall(haystack)
    return Fidelity(
        recall=found_chars / (sum(map(len, units)) or 1),
        order=_longest_increasing(positions) / len(positions) if positions else 0.0,
        figures=_common_subsequence(source_numbers, built_numbers) / len(source_numbers) if source_numbers else 1.0,
        missing=missing,
    )
