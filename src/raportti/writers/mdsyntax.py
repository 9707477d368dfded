"""The Markdown the writers read: CommonMark with tables, strikethrough and footnotes,
and lettered lists (``a. text``), which CommonMark lacks and reports use.

Lettered items are parsed as ordered ones: before parsing, the letter of each item of a
run ``a.``, ``b.``, ``c.`` … at one indentation becomes its number (a → 1), and the lines
where a lettered list starts are remembered, so the writer can letter it again (as
pandoc's fancy_lists extension reads the same text). A run must start at ``a``; a line
such as "s. 12 mukaan" outside a run is left alone.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

_LETTERED = re.compile(r"^( {0,12})([a-z])([.)])( +|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def markdown_parser() -> MarkdownIt:
    """CommonMark with tables and footnotes; raw HTML off (reports are text, not web pages)."""
    return (MarkdownIt("commonmark", {"html": False})
            .enable("table").enable("strikethrough").use(footnote_plugin))


def number_lettered_lists(markdown: str) -> tuple[str, set[int]]:
    """The text with lettered items numbered, and the (0-based) lines of their items."""
    lines = markdown.split("\n")
    expected: dict[int, str] = {}  # indentation → the letter that continues its run
    lettered: set[int] = set()
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        match = _LETTERED.match(line)
        if not match:
            continue
        indent, letter = len(match.group(1)), match.group(2)
        if letter == "a" or expected.get(indent) == letter:
            number = ord(letter) - ord("a") + 1
            lines[i] = f"{match.group(1)}{number}{match.group(3)}{match.group(4)}{line[match.end():]}"
            lettered.add(i)
            expected[indent] = chr(ord(letter) + 1)
            # A deeper run belongs to this item; a new item ends it.
            for deeper in [d for d in expected if d > indent]:
                del expected[deeper]
    return "\n".join(lines), lettered
