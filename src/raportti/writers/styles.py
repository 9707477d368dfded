"""The one place that names Word styles.

raportti's own template (reference.docx, made by scripts/make_reference.py) has all of
them; a reference document given with --reference-doc gets the ones it lacks from it.
Names follow Word's built-in styles and pandoc's where one fits, so an organisation's
template styles the report without renaming anything.
"""

from __future__ import annotations

TITLE = "Title"
SUBTITLE = "Subtitle"
TITLE_INFO = "Kansilehden tiedot"      # the title page's facts: organisation, project, period, date
BODY = "Body Text"
GUIDANCE = "Block Text"               # the form's guidance under a section or question
MISSING = "Puuttuva vastaus"          # "Ei tietoa tästä kohdasta.": a gap, not an answer
TABLE = "Table"
TABLE_TEXT = "Compact"
CAPTION = "Table Caption"
HYPERLINK = "Hyperlink"
FOOTNOTE_TEXT = "footnote text"
FOOTNOTE_REFERENCE = "footnote reference"
TOC_HEADING = "TOC Heading"
FOOTER = "footer"

# List geometry in twips, shared by the numbering definitions and the paragraphs that
# continue an item, so both line up with the item's text. 0.7 cm leaves room for "10.".
LIST_HANGING = 397


def list_indent(depth: int) -> int:
    return LIST_HANGING * (depth + 1)


def heading(level: int) -> str:
    """Markdown heading level → Word style: ``#`` is the Title, ``##`` Heading 1 …"""
    return TITLE if level <= 1 else f"Heading {min(level - 1, 9)}"


def toc(level: int) -> str:
    return f"toc {level}"


def list_item(ordered: bool, depth: int) -> str:
    base = "List Number" if ordered else "List Bullet"
    return base if depth == 0 else f"{base} {min(depth + 1, 3)}"


def list_continue(depth: int) -> str:
    return "List Continue" if depth == 0 else f"List Continue {min(depth + 1, 3)}"


def required(max_heading: int = 6, max_depth: int = 3) -> list[str]:
    names = [TITLE, SUBTITLE, TITLE_INFO, BODY, GUIDANCE, MISSING, TABLE, TABLE_TEXT, CAPTION,
             HYPERLINK, FOOTNOTE_TEXT, FOOTNOTE_REFERENCE, TOC_HEADING, toc(1), toc(2), FOOTER]
    names += [heading(level) for level in range(2, max_heading + 1)]
    for depth in range(max_depth):
        names += [list_item(True, depth), list_item(False, depth), list_continue(depth)]
    return list(dict.fromkeys(names))
