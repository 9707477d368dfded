"""Finding a form's sections and questions in a document, by their texts.

The texts are compared normalised (case, numbering, punctuation and spacing ignored) and
with tolerance for small wording differences (difflib's ratio). A table of contents repeats
the headings, so the match is an alignment: the form's items in the form's order against the
document's paragraphs in the document's order, choosing the best-scoring set of pairs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from raportti.report.forms import Form, Question, Section
from raportti.importing.reading import Paragraph

#: A paragraph this similar to a question's text is taken to be that question.
THRESHOLD = 0.82


@dataclass
class Item:
    """A heading or a question of the form, as the document would show it."""

    section: Section
    question: Question | None = None

    @property
    def text(self) -> str:
        return self.question.text if self.question is not None else self.section.heading

    @property
    def label(self) -> str:
        if self.question is None:
            return self.section.heading
        prefix = f"{self.question.number}. " if self.question.number is not None else ""
        return prefix + _short(self.question.text or self.section.heading)


@dataclass
class Match:
    """Where each of the form's items is in the document, and the paragraphs between."""

    items: list[Item]
    at: dict[int, int] = field(default_factory=dict)  # item index → paragraph index
    scores: dict[int, float] = field(default_factory=dict)

    @property
    def searchable(self) -> list[int]:
        return [i for i, item in enumerate(self.items) if item.text.strip()]

    @property
    def found(self) -> int:
        return sum(1 for i in self.searchable if i in self.at)

    @property
    def questions(self) -> list[int]:
        return [i for i in self.searchable if self.items[i].question is not None]

    @property
    def questions_found(self) -> int:
        return sum(1 for i in self.questions if i in self.at)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"^\s*(?:[-*•]\s*)?(?:\d{1,2}\s*[.)]\s*)+", "", text)
    text = re.sub(r"[\W_]+", " ", text)
    return text.strip()


def form_items(form: Form) -> list[Item]:
    items = []
    for section in form.sections:
        items.append(Item(section))
        items += [Item(section, q) for q in section.questions]
    return items


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0–1."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if min(len(a), len(b)) / max(len(a), len(b)) < 0.6:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
        return 0.0
    return matcher.ratio()


def _score(item: Item, paragraph: Paragraph, normalised: str) -> float:
    if paragraph.kind == "table":
        return 0.0
    score = similarity(normalise(item.text), normalised)
    if score < THRESHOLD:
        return 0.0
    # Prefer the heading itself to its line in a table of contents: same case, not a list item.
    if paragraph.plain.strip() == item.text.strip() or re.sub(r"^\d+\.\s*", "", paragraph.plain) == item.text:
        score += 0.05
    if paragraph.kind == "heading":
        score += 0.05
    if paragraph.kind == "item" and not re.match(r"^\d", paragraph.markdown):
        score -= 0.1
    return score


def match_form(form: Form, paragraphs: list[Paragraph]) -> Match:
    """The best order-keeping assignment of the form's items to paragraphs."""
    items = form_items(form)
    normalised = [normalise(p.plain) for p in paragraphs]
    candidates: list[dict[int, float]] = []
    for item in items:
        row = {}
        if item.text.strip():
            for j, paragraph in enumerate(paragraphs):
                s = _score(item, paragraph, normalised[j])
                if s > 0:
                    row[j] = s
        candidates.append(row)
    # Dynamic programme over (item, paragraph): best[i][j] = best total for the first i items
    # within the first j paragraphs.
    n, m = len(items), len(paragraphs)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev, cand = best[i], best[i - 1], candidates[i - 1]
        for j in range(1, m + 1):
            value = max(prev[j], row[j - 1])
            s = cand.get(j - 1)
            if s is not None and prev[j - 1] + s > value:
                value = prev[j - 1] + s
            row[j] = value
    match = Match(items)
    i, j = n, m
    while i > 0 and j > 0:
        s = candidates[i - 1].get(j - 1)
        if s is not None and abs(best[i][j] - (best[i - 1][j - 1] + s)) < 1e-9:
            match.at[i - 1] = j - 1
            match.scores[i - 1] = min(s, 1.0)
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return match


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
