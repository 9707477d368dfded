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
    def wordings(self) -> list[str]:
        """The form's text and the other wordings its form.yaml lists (``aliases``)."""
        if self.question is None:
            return [self.section.heading, *self.section.aliases]
        rule = self.question.import_
        return [self.question.text, *(rule.aliases if rule is not None else [])]

    @property
    def key(self) -> str:
        """How a map file names the item: the question's id or number, or the section's heading."""
        if self.question is None:
            return self.section.heading
        if self.question.id:
            return self.question.id
        return str(self.question.number) if self.question.number is not None else self.question.text

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
    scores: dict[int, float] = field(default_factory=dict)  # item index → confidence, 0–1
    #: How each item was found: "text" (the form's wording), "words" (alike words or an alias),
    #: "order" (an unnamed heading between its neighbours), "map" (the user's map file).
    how: dict[int, str] = field(default_factory=dict)

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
    if paragraph.kind in ("table", "caption"):
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
            match.how[i - 1] = "text"
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return match


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- a report in the organisation's own words ------------------------------------------------

#: A heading this alike (wording.likeness) to a form's item may be that item.
WORDS_THRESHOLD = 0.55
#: Below this confidence a match is weak: asked about at a terminal, listed in the summary.
WEAK = 0.75
#: How much a pair that breaks the order of pairs already taken loses.
ORDER_PENALTY = 0.25
_NUMBERING = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")


def heading_level(paragraph: Paragraph) -> int | None:
    """The level of a heading: the source's own, else its numbering's depth ("3.1 …" is 2)."""
    m = _NUMBERING.match(paragraph.plain if paragraph.kind == "heading" else paragraph.markdown)
    if m and paragraph.level in (None, 0):
        return m.group(1).count(".") + 1
    return paragraph.level


def looks_like_heading(paragraph: Paragraph, only_headings: bool) -> bool:
    if paragraph.kind == "heading":
        return paragraph.level != 0  # a title is the document's, not a part's
    if only_headings or paragraph.kind not in ("p", "item"):
        return False
    text = paragraph.plain
    return 0 < len(text) <= 70 and not re.search(r"[.!?,;:]$", text) and (text[:1].isupper() or
                                                                           text[:1].isdigit())


def match_words(form: Form, paragraphs: list[Paragraph], match: Match, excluded: frozenset = frozenset()) -> Match:
    """The items the form's own wording did not find, found by alike words, aliases and order.

    Candidates are the document's headings (or, in a text without headings, its short lines
    that read like headings). Each pair of an item and a heading scores its words' likeness;
    pairs are taken best first, a pair that contradicts the order of those already taken
    losing ORDER_PENALTY. Then a heading left between two found siblings of its level takes
    the form's item left between theirs (the document's order as the evidence).
    """
    from raportti.importing.wording import likeness

    items = match.items
    deepest = _part_levels(paragraphs)
    if deepest is not None:
        # A chapter is a top-level heading: a sub-heading worded like a chapter of the form
        # ("Yhteistyökumppanit" inside a monitoring answer) is not that chapter.
        for i, j in list(match.at.items()):
            if items[i].question is None and paragraphs[j].kind == "heading" and \
                    (paragraphs[j].level or 0) >= deepest and match.how.get(i) == "text":
                del match.at[i], match.scores[i], match.how[i]
    used = set(match.at.values())
    only_headings = sum(1 for p in paragraphs if p.kind == "heading" and p.level != 0) >= 3
    candidates = [j for j, p in enumerate(paragraphs)
                  if j not in used and j not in excluded and looks_like_heading(p, only_headings)
                  and (deepest is None or (heading_level(p) or 0) <= deepest)]
    pairs = []
    for i, item in enumerate(items):
        if i in match.at or not item.text.strip():
            continue
        for j in candidates:
            if item.question is None and deepest is not None and (heading_level(paragraphs[j]) or 0) >= deepest:
                continue  # a chapter of the form is a top-level heading
            score = max(likeness(paragraphs[j].plain, wording) for wording in item.wordings)
            if score >= WORDS_THRESHOLD:
                # A section's heading before its question's on a tie: the chapter, then its parts.
                pairs.append((score + (0.001 if item.question is None else 0.0), i, j))
    taken = dict(match.at)
    pending = sorted(pairs, key=lambda t: (-t[0], t[2]))
    while pending:
        score, i, j = pending.pop(0)
        if i in taken or j in taken.values():
            continue
        if not _in_order(taken, i, j):
            if score - ORDER_PENALTY >= WORDS_THRESHOLD:
                pending.append((score - ORDER_PENALTY, i, j))
                pending.sort(key=lambda t: (-t[0], t[2]))
            continue
        taken[i] = j
        match.at[i], match.scores[i], match.how[i] = j, min(score, 1.0), "words"
    _fill_gaps(match, paragraphs, candidates)
    return match


def _part_levels(paragraphs: list[Paragraph]) -> int | None:
    """The deepest heading level that can be a part of the form: chapters are the document's
    top level (after a title made a heading of its own), questions the level below; deeper
    headings are the answers' own ("Työntekijät" inside a monitoring answer). None: no levels."""
    levels = [p.level for p in paragraphs if p.kind == "heading" and p.level]
    if not levels:
        return None
    if len(levels) > 1 and levels.count(levels[0]) == 1 and levels[0] < min(levels[1:]):
        levels = levels[1:]  # "Heading 1" used for the document's title
    return min(levels) + 1


def _in_order(taken: dict[int, int], i: int, j: int) -> bool:
    return all((i < i2) == (j < j2) for i2, j2 in taken.items())


def _fill_gaps(match: Match, paragraphs: list[Paragraph], candidates: list[int]) -> None:
    """A heading between two found headings of its own level takes the one item left between theirs."""
    items = match.items
    for j in candidates:
        if j in match.at.values():
            continue
        level = heading_level(paragraphs[j])
        if level is None:
            continue
        before = [(j2, i) for i, j2 in match.at.items() if j2 < j]
        after = [(j2, i) for i, j2 in match.at.items() if j2 > j]
        if not before:
            continue
        j_prev, i_prev = max(before)
        previous_level = heading_level(paragraphs[j_prev])
        first_part = items[i_prev].question is None and previous_level is not None and level == previous_level + 1
        if not first_part and (previous_level != level or items[i_prev].question is None):
            continue  # neither a sibling of a found part nor the first part under a found chapter
        i_next = min(after)[1] if after else len(items)
        free = [i for i in range(i_prev + 1, i_next)
                if i not in match.at and items[i].question is not None and items[i].text.strip()
                and items[i].section is items[i_prev].section]
        # Headings of the same level between the neighbours, in the document's order.
        siblings = [k for k in candidates if paragraphs[k] is not None and j_prev < k
                    and (not after or k < min(after)[0]) and k not in match.at.values()
                    and heading_level(paragraphs[k]) == level]
        if free and len(siblings) <= len(free):
            i = free[siblings.index(j)]
            # "4.3" after "4.1": the numbering says which one (the document left "4.2" out).
            step = None if first_part else _number_step(paragraphs[j_prev], paragraphs[j])
            section_items = [k for k in range(i_prev + 1, i_next) if items[k].section is items[i_prev].section]
            if step is not None and 0 < step <= len(section_items) and section_items[step - 1] in free:
                i = section_items[step - 1]
            match.at[i], match.scores[i], match.how[i] = j, 0.4, "order"


def _number_step(before: Paragraph, this: Paragraph) -> int | None:
    """How many places on "4.3" is from "4.1" (2), when both are numbered alike."""
    a, b = (_NUMBERING.match(p.plain if p.kind == "heading" else p.markdown) for p in (before, this))
    if not a or not b:
        return None
    x, y = a.group(1).split("."), b.group(1).split(".")
    if len(x) != len(y) or x[:-1] != y[:-1]:
        return None
    return int(y[-1]) - int(x[-1])


def weak_matches(match: Match) -> list[int]:
    """Items found with a confidence below WEAK, in the document's order."""
    return sorted((i for i, s in match.scores.items() if s < WEAK), key=lambda i: match.at[i])
