"""Where a figure shown in the text comes from: file and key, carried through rendering.

When asked to (the HTML page does), the resolver wraps each figure value it puts into a
text in invisible marks that hold an index into a list of :class:`FigureSource`. The
marks are characters of Unicode's private use area, which no report text contains; they
pass through Jinja and Markdown untouched, the HTML writer turns them into highlighted
spans, and :func:`strip_marks` removes them for every other output, which then is the
same text as without marking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from raportti.source.reader import SourceFile

OPEN, MIDDLE, CLOSE = "\ue000", "\ue001", "\ue002"
MARKED = re.compile(f"{OPEN}(\\d+){MIDDLE}(.*?){CLOSE}", re.DOTALL)
_ANY_MARK = re.compile(f"{OPEN}\\d+{MIDDLE}|{CLOSE}")


@dataclass
class FigureSource:
    """A figure as the text names it, and where it is defined."""

    reference: str  # as written in the text, e.g. ``partners.partner_count.total``
    key: str  # the figure's key in its file, e.g. ``sections[2].figures.team_meetings``
    source: SourceFile | None = None  # the file; None when only its path is known
    path: Path | None = None
    loc: tuple | None = None  # where in the file, for the line number
    # For a figure computed from a survey export: the export, its column and n.
    computed: str | None = None

    @property
    def file(self) -> Path | None:
        return self.source.path if self.source is not None else self.path

    @property
    def line(self) -> int | None:
        """The figure's line in its file (parses the file's positions on first use)."""
        if self.source is None or self.loc is None:
            return None
        try:
            return self.source.position(self.loc)[0]
        except Exception:  # a position is a nicety: never fail the page for it
            return None


def mark(text: str, index: int) -> str:
    return f"{OPEN}{index}{MIDDLE}{text}{CLOSE}"


def strip_marks(text: str) -> str:
    """The text without marks: what it would be had nothing been marked."""
    if OPEN not in text:
        return text
    return _ANY_MARK.sub("", text)
