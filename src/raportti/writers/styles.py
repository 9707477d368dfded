"""The one place that names Word styles. A reference document must provide these."""

from __future__ import annotations

TITLE = "Title"
SUBTITLE = "Subtitle"
BODY = "Body Text"
QUOTE = "Quote"
TABLE = "Table Grid"
TABLE_TEXT = "Compact"
HYPERLINK = "Hyperlink"


def heading(level: int) -> str:
    """Markdown heading level → Word style: ``#`` is the Title, ``##`` Heading 1 …"""
    return TITLE if level <= 1 else f"Heading {min(level - 1, 9)}"


def list_item(ordered: bool, depth: int) -> str:
    base = "List Number" if ordered else "List Bullet"
    return base if depth == 0 else f"{base} {min(depth + 1, 3)}"


def list_continue(depth: int) -> str:
    return "List Continue" if depth == 0 else f"List Continue {min(depth + 1, 3)}"


def required(max_heading: int = 6, max_depth: int = 3) -> list[str]:
    names = [TITLE, BODY, QUOTE, TABLE, TABLE_TEXT, HYPERLINK]
    names += [heading(level) for level in range(2, max_heading + 1)]
    for depth in range(max_depth):
        names += [list_item(True, depth), list_item(False, depth), list_continue(depth)]
    return list(dict.fromkeys(names))
