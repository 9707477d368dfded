"""Column widths for a Word table, from what its cells hold.

Word and LibreOffice give every column of a fixed grid the same width unless told
otherwise, which left a figures table's label column three centimetres wide and broke
its words mid-word. Here a column that holds numbers gets the width of its longest
number or header word; text columns share the rest by how much they hold, never
narrower than their longest word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Average glyph widths of the table text in twips, with a margin: a digit is 0.556 em,
# an average Finnish letter about 0.5 em, bold a tenth wider. Reckoned at 10.5 pt, the
# body size: the table style asks for 9.5 pt, but LibreOffice lets the cell paragraph's
# style win, and a header word like "Toteuma" broke as "Toteum|a" at the smaller size.
DIGIT = 124
LETTER = 115
BOLD = 1.1
PADDING = 2 * 85 + 60          # the table style's cell margins and some air
_NUMBER = re.compile(r"^[–\-−+]?[\d\s\u00a0\u202f.,/%–\-]*\d[\d\s\u00a0\u202f.,/%]*$|^[–\-]$")


@dataclass
class TableText:
    """The text of a table's cells, row by row, header first."""

    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0


# A table's last row is its total when its first cell starts with one of these.
TOTAL_LABELS = ("yhteensä", "yht.", "kaikki yhteensä")


def caption_cell(header: list[str]) -> str:
    """The table's name when its first header cell gives one: several words
    ("Tapahtumiin osallistuneet"), or any text over columns of numbers ("Blogitekstit |
    2024 | 2025"); "" for a one-word column title ("Mittari | Määrä"), where the heading
    above names the table."""
    first = header[0].strip() if header else ""
    over_numbers = all(is_number(cell) for cell in header[1:])
    return first if first and (" " in first or over_numbers) else ""


def is_number(text: str) -> bool:
    text = text.strip()
    return bool(text) and bool(_NUMBER.match(text))


def _decimal_split(text: str) -> tuple[str, str]:
    """A number's whole part and its comma with decimals ("23,13" → "23", ",13")."""
    match = re.fullmatch(r"(.*\d),(\d+)", text)
    return (match.group(1), "," + match.group(2)) if match else (text, "")


def _text_width(text: str, bold: bool = False) -> int:
    width = sum(DIGIT if ch.isdigit() else LETTER for ch in text)
    return int(width * (BOLD if bold else 1.0))


def _longest_word(text: str, bold: bool = False) -> int:
    return max((_text_width(word, bold) for word in text.split()), default=0)


def column_widths(table: TableText, available: int) -> list[int]:
    """Widths in twips that add up to ``available``."""
    columns = max((len(row) for row in table.rows), default=1)
    numeric: list[bool] = []
    needed: list[int] = []   # the width that shows the column's content unbroken
    minimum: list[int] = []  # the width below which a word would break
    for c in range(columns):
        body = [row[c] for row in table.rows[table.header_rows:] if c < len(row) and row[c].strip()]
        head = [row[c] for row in table.rows[:table.header_rows] if c < len(row)]
        numeric.append(c > 0 and bool(body) and all(is_number(t) for t in body))
        cells = [(t, False) for t in body] + [(t, True) for t in head]
        needed.append(max((_text_width(t, b) for t, b in cells), default=0) + PADDING)
        minimum.append(max((_longest_word(t, b) for t, b in cells), default=0) + PADDING)
    widths = [0] * columns
    # Numbers stay on one line; a header over them may wrap between its words.
    for c in range(columns):
        if numeric[c]:
            body = [row[c].strip() for row in table.rows[table.header_rows:] if c < len(row)]
            # Lined up on their decimal commas (the writer's decimal tab), the numbers need
            # the widest whole part and the widest decimals side by side: "27/48" beside
            # "23,13" takes five digits and three more.
            whole = max((_text_width(_decimal_split(t)[0]) for t in body), default=0)
            decimals = max((_text_width(_decimal_split(t)[1]) for t in body), default=0)
            widths[c] = max(whole + decimals + PADDING, minimum[c])
    text_columns = [c for c in range(columns) if not numeric[c]]
    rest = available - sum(widths)
    if not text_columns:
        # Only numbers: the spare room goes to the first column.
        widths[0] += max(rest, 0)
        return _fit(widths, available)
    total_needed = sum(needed[c] for c in text_columns)
    if total_needed <= rest:
        # Everything fits unbroken: the first text column (the labels) takes the spare room.
        for c in text_columns:
            widths[c] = needed[c]
        widths[text_columns[0]] += rest - total_needed
    else:
        # Text columns share the room by how much they hold, each at least its longest word.
        floor = {c: minimum[c] for c in text_columns}
        share = max(rest - sum(floor.values()), 0)
        extra = {c: max(needed[c] - floor[c], 0) for c in text_columns}
        extra_total = sum(extra.values()) or 1
        for c in text_columns:
            widths[c] = floor[c] + share * extra[c] // extra_total
    return _fit(widths, available)


def _fit(widths: list[int], available: int) -> list[int]:
    """Scale to exactly the available width (a too-wide table shrinks evenly)."""
    total = sum(widths)
    if total <= 0:
        return [available // max(len(widths), 1)] * len(widths)
    scaled = [w * available // total for w in widths]
    scaled[0] += available - sum(scaled)
    return scaled
