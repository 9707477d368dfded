"""One number style in a built report's tables, the Finnish way.

Digits are grouped by a no-break space in every number of five or more digits
(39 175), and in a four-digit one wherever it shares a table with larger ones
("1 990 | 23 310", not "1990 | 23 310"); in a table of small numbers a four-digit one
stays whole (1357). Figures a template prints are formatted one by one
(``format_number(document=True)``); this pass evens out what one figure cannot see: the
table it stands in.

Running text keeps its numbers as the writer typed them ("39175 kpl" in a seed
document's sentence stays so): regrouping them changes the wording the examples
reproduce. It runs on each answer's Markdown, so the Markdown, the DOCX and the HTML all
read the same. A number joined to letters, a slash, a dot or a colon (a date, a code, a
part of a link) is left as it is.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
# A number not glued to a word, a link, a date or another number on its left.
_LEFT = r"(?<![\w.,:/=#&?\u00a0\u2060–-])"
# A grouped number of five or more digits (12 345, 1 234 567).
_GROUPED = re.compile(r"(?<![\d\u00a0])(?:\d{2,3}(?:\u00a0\d{3})+|\d(?:\u00a0\d{3}){2,})(?!\d)")
_LONG = re.compile(_LEFT + r"(\d{5,})(?![\w/]|[.:]\d|\u00a0\d)")
_FOUR = re.compile(_LEFT + r"(\d)(\d{3})(?![\w/]|[.:]\d|\u00a0\d)")
_FOUR_GROUPED = re.compile(_LEFT + r"(\d)\u00a0(\d{3})(?![\w/]|[.:]\d|\u00a0\d)")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _group(digits: str) -> str:
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return NBSP.join(groups)


def _group_long(text: str) -> str:
    return _LONG.sub(lambda m: _group(m.group(1)), text)


def _group_four(text: str) -> str:
    return _FOUR.sub(lambda m: m.group(1) + NBSP + m.group(2), text)


def _has_large(text: str) -> bool:
    return bool(_GROUPED.search(text))


def even_numbers(markdown: str) -> str:
    """The Markdown with its numbers grouped as the module docstring says."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].lstrip().startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1].strip()):
            end = i + 2
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end += 1
            out += _even_table(lines[i:end])
            i = end
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _even_table(lines: list[str]) -> list[str]:
    """A table's figures (every column but the first, which names the rows) share one
    style: four-digit numbers are grouped when any figure in the table has five digits,
    and written whole when none has."""
    head, rule, body = lines[0], lines[1], lines[2:]
    rows = [_CELL_SPLIT.split(line) for line in body]
    for cells in rows:
        for c in range(2, len(cells) - 1):
            cells[c] = _group_long(cells[c])
    large = any(_has_large(cells[c]) for cells in rows for c in range(2, len(cells) - 1))
    for cells in rows:
        for c in range(2, len(cells) - 1):
            cells[c] = _group_four(cells[c]) if large else _FOUR_GROUPED.sub(r"\1\2", cells[c])
    return [head, rule] + ["|".join(cells) for cells in rows]
