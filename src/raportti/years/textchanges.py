"""How a written text changed between two versions: the changed sentences, before and after.

A coordinator's board reads prose, not diff marks, so a changed text is shown as the
sentences that changed, as they were and as they are now, with the figures in them
written out. Sentences are compared as written in the YAML, ``{references}`` and all:
a text whose only change is a figure's new value has not changed (the figure is shown
as a figure), and a reworded sentence is shown with its numbers.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Optional

# A sentence ends at . ! ? or … followed by space and what starts a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÅÄÖ0-9\"”'(\[*])")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\s]+\]:\s*")
_LIST_MARK = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
# Below this likeness of the words (difflib's ratio) a text counts as rewritten.
REWRITTEN_BELOW = 0.5
# A value this short on one line is a name or a title, shown as ``old → new``.
SHORT = 60


def sentences(text: str) -> list[str]:
    """The text's sentences (list items and footnotes each their own), Markdown kept."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text or ""):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        # A list's items are separate; a paragraph's lines are one.
        units: list[str] = []
        for line in lines:
            line = _FOOTNOTE_DEF.sub("", line)
            if _LIST_MARK.match(line) or not units:
                units.append(_LIST_MARK.sub("", line))
            else:
                units[-1] += " " + line
        for unit in units:
            unit = _FOOTNOTE_REF.sub("", unit)
            out += [s.strip() for s in _SENTENCE_END.split(unit) if s.strip()]
    return out


def _normal(text: str) -> str:
    return " ".join(text.split())


def is_prose(text: Optional[str]) -> bool:
    return text is not None and (len(text) > SHORT or "\n" in text.strip())


@dataclass
class Passage:
    """One changed place of a text: the sentences as they were, and as they are."""

    before: list[str]
    after: list[str]


@dataclass
class TextChange:
    """A written value that differs: where it is (in words), and both versions.

    ``old_raw``/``new_raw`` are the texts as written, references and all; ``old``/``new``
    the same with the figures written out (what a reader sees)."""

    topic: str  # the file kind it belongs to
    where: str  # e.g. "Kylätuvat" or "Esimerkkilän kunta › yhteistyö"
    old: Optional[str]
    new: Optional[str]
    old_raw: Optional[str] = None
    new_raw: Optional[str] = None
    key: str = ""  # identity, for JSON
    passages: list[Passage] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.old_raw = self.old if self.old_raw is None else self.old_raw
        self.new_raw = self.new if self.new_raw is None else self.new_raw
        if self.old is not None and self.new is not None and (is_prose(self.old) or is_prose(self.new)):
            self.passages = changed_passages(self.old_raw or "", self.new_raw or "", self.old, self.new)

    @property
    def status(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed"

    @property
    def short(self) -> bool:
        """A name, title or one-line value: shown as ``old → new``."""
        return not (is_prose(self.old) or is_prose(self.new))

    @property
    def rewritten(self) -> bool:
        if self.status != "changed" or self.short:
            return False
        a, b = (self.old_raw or "").split(), (self.new_raw or "").split()
        return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() < REWRITTEN_BELOW

    @property
    def changed_sentences(self) -> int:
        return sum(max(len(p.before), len(p.after)) for p in self.passages)


def changed_passages(old_raw: str, new_raw: str, old: str, new: str) -> list[Passage]:
    """The places where the sentences differ, shown with the figures written out.

    Sentences are matched as written (``{references}`` in them); the shown sentence is
    the resolved one at the same place, when the resolved text splits the same way."""
    a_raw, b_raw = sentences(old_raw), sentences(new_raw)
    a_shown, b_shown = sentences(old), sentences(new)
    if len(a_shown) != len(a_raw) or len(b_shown) != len(b_raw):
        a_raw, b_raw = a_shown, b_shown  # a value with a sentence end in it: compare as shown
    matcher = difflib.SequenceMatcher(a=[_normal(s) for s in a_raw], b=[_normal(s) for s in b_raw],
                                      autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            out.append(Passage(a_shown[i1:i2], b_shown[j1:j2]))
    return out


def same_text(old: Optional[str], new: Optional[str]) -> bool:
    """Line breaks and runs of spaces are layout, not wording."""
    if old is None or new is None:
        return old is new
    return _normal(old) == _normal(new)


def first_words(text: str, words: int = 12) -> str:
    parts = " ".join(sentences(text)).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
