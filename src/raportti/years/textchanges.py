"""What changed in the written parts of two versions of a year: texts, titles, reasons.

``raportti diff`` compares figures and goals by identity; everything else a coordinator
writes (a section's text, a goals file's ``outro``, a dropped goal's reason, a title, a
label, project.yaml's fields) is compared here, field by field. A field is the same
field in two versions when its file, the ``id`` (or else the title, or the position) of
each block around it and its name are the same.

Changed texts are shown as a word-level diff, condensed to the changed places with a few
words of context, so a reworded paragraph reads as what was reworded.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from typing import Any, Iterator

from pydantic import BaseModel

from raportti.schema.models.figures import FigureBase

# Parts of a file that the goal and partner comparisons already show.
SHOWN_ELSEWHERE = {("goals", "goals"), ("partners", "named"), ("partners", "reach"), ("project", "grants")}
# Parts whose additions and removals are shown elsewhere, but not changes to them: a
# dropped goal is listed by the goal comparison, a new reason for dropping it only here.
CHANGES_ONLY = {("goals", "dropped")}
# Words of unchanged text kept around a change.
CONTEXT_WORDS = 6
# Below this similarity a text counts as rewritten: a word diff would be all marks.
REWRITTEN_BELOW = 0.35
FILE_NAMES = {"project": "project.yaml"}


@dataclass
class Field:
    """One written value of a file, with where it is in words a person knows."""

    key: str  # identity across versions, e.g. ``activities.hallinnointi.text``
    where: str  # e.g. ``activities.yaml › Hankkeen hallinnointi › text``
    value: str
    changes_only: bool = False  # added or removed, it is shown elsewhere


@dataclass
class TextChange:
    key: str
    where: str
    old: str | None
    new: str | None

    @property
    def status(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed"

    def summary(self) -> str:
        """The change in one line: where, and how much."""
        if self.old is None or self.new is None:
            return self.lines()[0]
        if not _is_prose(self.old) and not _is_prose(self.new):
            return self.lines()[0]
        a, b = self.old.split(), self.new.split()
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        if matcher.ratio() < REWRITTEN_BELOW:
            return f"{self.where}: rewritten ({len(a)} → {len(b)} words)"
        places = len(list(matcher.get_grouped_opcodes(CONTEXT_WORDS)))
        return f"{self.where}: reworded in {places} place{'s' if places != 1 else ''} ({len(a)} → {len(b)} words)"

    def lines(self) -> list[str]:
        """The change, shown: a word diff of long texts, ``old → new`` of short ones."""
        if self.old is None:
            return [f"{self.where} (added): {_short(self.new or '')}"]
        if self.new is None:
            return [f"{self.where} (removed; was: {_short(self.old)})"]
        if not _is_prose(self.old) and not _is_prose(self.new):
            return [f"{self.where}: {self.old} → {self.new}"]
        a, b = self.old.split(), self.new.split()
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        if matcher.ratio() < REWRITTEN_BELOW:
            return [f"{self.where}: rewritten ({len(a)} → {len(b)} words)",
                    f"  now: {_short(self.new, 40)}"]
        return [f"{self.where}:"] + ["  " + hunk for hunk in condensed_word_diff(a, b, matcher)]


def _is_prose(text: str) -> bool:
    return len(text) > 60 or "\n" in text


def _short(text: str, words: int = 15) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def condensed_word_diff(a: list[str], b: list[str], matcher: difflib.SequenceMatcher | None = None) -> list[str]:
    """One line per changed place: ``… words [-removed-]{+added+} words …``."""
    matcher = matcher or difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    hunks: list[str] = []
    for group in matcher.get_grouped_opcodes(CONTEXT_WORDS):
        out = []
        first, last = group[0], group[-1]
        if first[1] > 0 and first[0] == "equal":
            out.append("…")
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                out.append(" ".join(a[i1:i2]))
                continue
            removed = "[-" + " ".join(a[i1:i2]) + "-]" if i2 > i1 else ""
            added = "{+" + " ".join(b[j1:j2]) + "+}" if j2 > j1 else ""
            out.append(removed + added)
        if last[0] == "equal" and last[2] < len(a):
            out.append("…")
        hunks.append(" ".join(part for part in out if part))
    return hunks


def written_fields(kind: str, model: BaseModel) -> dict[str, Field]:
    """Every written (non-figure) value of a file's model by identity."""
    out: dict[str, Field] = {}
    file_name = FILE_NAMES.get(kind, f"{kind}.yaml")
    for key, where, value in _walk(model, kind, (), (file_name,)):
        unique, n = key, 2
        while unique in out:
            unique, n = f"{key}[{n}]", n + 1
        top = key.split(".")[1] if "." in key else ""
        out[unique] = Field(unique, " › ".join(where), value,
                            changes_only=(kind, top) in CHANGES_ONLY or key.endswith(".label"))
    return out


def _walk(node: Any, kind: str, key: tuple, where: tuple) -> Iterator[tuple[str, tuple, str]]:
    if isinstance(node, FigureBase):
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if not key and (kind, name) in SHOWN_ELSEWHERE:
                continue
            if name == "figures":
                # Figures are compared by value in raportti.years.diff; here only their labels.
                yield from _labels(getattr(node, name), kind, key + (name,), where + (name,))
                continue
            yield from _walk(getattr(node, name), kind, key + (name,), where + (name,))
        return
    if isinstance(node, list) and node and all(isinstance(v, (str, int, float)) for v in node):
        yield ".".join((kind, *key)), where, ", ".join(str(v) for v in node)  # goals: [t1, t2]
        return
    if isinstance(node, list):
        for i, item in enumerate(node):
            ident = getattr(item, "id", None) if isinstance(item, BaseModel) else None
            title = getattr(item, "title", None) if isinstance(item, BaseModel) else None
            step = ident or title or f"#{i + 1}"
            # The list's own name says nothing a title does not ("Hallinto", not
            # "sections › Hallinto"); without a title it does ("dropped › g3").
            shown = where[:-1] + (str(title),) if title else where + (str(ident or f"#{i + 1}"),)
            yield from _walk(item, kind, key[:-1] + (str(step),) if key else (str(step),), shown)
        return
    if isinstance(node, dict):
        for name, value in node.items():
            yield from _walk(value, kind, key + (str(name),), where + (str(name),))
        return
    if node is None or isinstance(node, bool):
        return
    if key and key[-1] == "id":
        return  # an id is how a block is found, shown by its title
    if isinstance(node, (str, int, float, datetime.date)):
        yield ".".join((kind, *key)), where, str(node)


def _labels(figures: Any, kind: str, key: tuple, where: tuple) -> Iterator[tuple[str, tuple, str]]:
    if not isinstance(figures, dict):
        return
    for name, figure in figures.items():
        if not isinstance(figure, FigureBase):
            continue
        here, shown = key + (str(name),), where + (str(name),)
        if figure.label:
            yield ".".join((kind, *here, "label")), shown + ("label",), figure.label
        for sub_name in ("parts", "total"):
            sub = getattr(figure, sub_name, None)
            if isinstance(sub, dict):
                yield from _labels(sub, kind, here, shown)
            elif isinstance(sub, FigureBase):
                yield from _labels({sub_name: sub}, kind, here, shown)
        items = getattr(figure, "items", None)
        if isinstance(items, dict):
            yield from _labels(items, kind, here, shown)


def compare_texts(old: dict[str, BaseModel], new: dict[str, BaseModel]) -> list[TextChange]:
    """The written values that differ between two versions' files, in the newer's order.

    A file or block that only one version has is one change, not one per field in it;
    goals.yaml only when both have one (a year without one follows an earlier year's goals,
    which the goal comparison shows).
    """
    changes: list[TextChange] = []
    for kind in dict.fromkeys([*new, *old]):
        if kind not in old or kind not in new:
            if kind != "goals":
                model, status = (new[kind], "added") if kind not in old else (old[kind], "removed")
                fields = written_fields(kind, model)
                if fields:
                    name = FILE_NAMES.get(kind, f"{kind}.yaml")
                    texts = [f.value for f in fields.values() if _is_prose(f.value)]
                    changes.append(TextChange(kind, f"{name} ({len(fields)} fields)",
                                              None if status == "added" else (texts[0] if texts else ""),
                                              (texts[0] if texts else "") if status == "added" else None))
            continue
        changes += _compare_file(written_fields(kind, old[kind]), written_fields(kind, new[kind]))
    return changes


def _compare_file(before: dict[str, Field], after: dict[str, Field]) -> list[TextChange]:
    changes: list[TextChange] = []
    for key, field in after.items():
        was = before.get(key)
        if was is None:
            if not field.changes_only:
                changes.append(TextChange(key, field.where, None, field.value))
        elif _normal(was.value) != _normal(field.value):
            changes.append(TextChange(key, field.where, was.value, field.value))
    for key, field in before.items():
        if key not in after and not field.changes_only:
            changes.append(TextChange(key, field.where, field.value, None))
    return _collapse_blocks(changes, before, after)


def _collapse_blocks(changes: list[TextChange], before: dict[str, Field], after: dict[str, Field]) -> list[TextChange]:
    """Fields of a block that only one version has become one change: the block."""
    out: list[TextChange] = []
    done: set[str] = set()
    for change in changes:
        block = change.key.rsplit(".", 1)[0]
        other = before if change.status == "added" else after
        whole = change.status != "changed" and block.count(".") >= 1 and not any(
            k.startswith(block + ".") for k in other)
        if not whole:
            out.append(change)
            continue
        if block in done:
            continue
        done.add(block)
        fields = [f for k, f in (after if change.status == "added" else before).items() if k.startswith(block + ".")]
        where = change.where.rsplit(" › ", 1)[0]
        text = _representative(fields)
        out.append(TextChange(block, where, None if change.status == "added" else text,
                              text if change.status == "added" else None))
    return out

def _representative(fields: list[Field]) -> str:
    """What a block said, in a line: its text or title, else its longest value (never a
    goal id or a perspective key just because it came first)."""
    for name in ("text", "title", "reason"):
        for f in fields:
            if f.key.endswith("." + name) and f.value.strip():
                return f.value
    return max((f.value for f in fields), key=len, default="")


def _normal(text: str) -> str:
    """Line breaks and runs of spaces are layout, not wording."""
    return " ".join(text.split())
