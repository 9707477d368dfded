"""Which item of one year's list is which item of the other's: by id, name or content.

Results have no ids, partners are known by name, sections by id or title. Pairing by
position would make one inserted result shift every pair after it, so an item is paired
by what it is: its ``id``; else its name, group or year; else its title; else its text,
when the two texts are alike enough to be one text reworded. What is left unpaired was
added or left out.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Optional, Sequence

# The fields that name an item, in the order they are trusted.
IDENTITY_FIELDS = ("id", "name", "group", "year", "title")
# Two texts at least this alike (share of words in common, difflib's ratio) are one text
# reworded; below it, one item left out and another added.
ALIKE = 0.5
# The same goals and perspective count for this much when two texts are compared.
SAME_PLACE_BONUS = 0.15
_PLACE_FIELDS = ("goals", "perspective", "scope")
_WORD = re.compile(r"\w+|\{[^{}]*\}")


def identity(item: Any) -> Optional[tuple[str, Any]]:
    """The first naming field an item has a value for, with the value."""
    for name in IDENTITY_FIELDS:
        if name == "year" and hasattr(item, "text"):
            continue  # a result's year says which year it is about, not which result it is
        value = getattr(item, name, None)
        if value is not None and not isinstance(value, (list, dict)):
            return name, value
    return None


def content(item: Any) -> str:
    """What an item says, for comparing items that have no name."""
    parts = []
    for name in ("text", "reason", "cooperation", "note"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            parts.append(value)
    return "\n".join(parts)


def likeness(old: Any, new: Any) -> float:
    a, b = _WORD.findall(content(old).lower()), _WORD.findall(content(new).lower())
    if not a and not b:
        return 0.0
    score = difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()
    if all(getattr(old, f, None) == getattr(new, f, None) for f in _PLACE_FIELDS):
        score += SAME_PLACE_BONUS
    return score


def pair(old: Sequence[Any], new: Sequence[Any]) -> list[tuple[Optional[Any], Optional[Any]]]:
    """``(old_item, new_item)`` pairs: the new list's order, then what only the old has
    (``None`` on the side an item is missing from)."""
    partner: dict[int, int] = {}  # new index → old index
    taken: set[int] = set()
    # 1. by identity: the first naming field both items have
    for j, item in enumerate(new):
        ident = identity(item)
        if ident is None:
            continue
        for i, other in enumerate(old):
            if i not in taken and identity(other) == ident:
                partner[j] = i
                taken.add(i)
                break
    # 2. by content, among the items without a name on both sides: the most alike first
    loose_new = [j for j, item in enumerate(new) if j not in partner and identity(item) is None]
    loose_old = [i for i, item in enumerate(old) if i not in taken and identity(item) is None]
    scored = sorted(((likeness(old[i], new[j]), -abs(i - j), i, j) for i in loose_old for j in loose_new),
                    reverse=True)
    for score, _, i, j in scored:
        if score < ALIKE:
            break
        if i in taken or j in partner:
            continue
        partner[j] = i
        taken.add(i)
    out: list[tuple[Optional[Any], Optional[Any]]] = [
        (old[partner[j]] if j in partner else None, item) for j, item in enumerate(new)]
    out += [(item, None) for i, item in enumerate(old) if i not in taken]
    return out
