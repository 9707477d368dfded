"""What each monitoring figure rests on: collected data, a sample or an estimate.

A ``basis`` is set once for a file or a block and holds for every figure inside it, unless
a figure (or an indicator's year, or a reach row) says its own. STEA's results report asks
for it per figure; the report structures show it and ``validate --report`` warns where a
form needs it and none is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional

from raportti.schema.models.base import BASES
from raportti.schema.models.figures import FigureBase, format_figure
from raportti.schema.models.files import GoalsFile, PartnersFile
from raportti.project.walk import FIGURE, walk


@dataclass
class FigureRow:
    """One figure of a file with its place, its reading and its effective basis."""

    loc: tuple            # where it is in the file (for problems)
    block: Optional[str]  # the title of the block it is in, if any
    name: str
    label: Optional[str]  # the figure's ``label:``, if it has one
    shown: str            # how the figure reads ("7/24", "68")
    basis: Optional[str]  # collected | sample | estimate | None

    @property
    def basis_text(self) -> str:
        return basis_text(self.basis)


def basis_text(basis: Optional[str]) -> str:
    """The Finnish name of a basis, or what a report says when none is given."""
    return BASES.get(basis or "", "ei ilmoitettu")


def figure_rows(model: Any, inherited: Optional[str] = None) -> list[FigureRow]:
    """Every figure of a file, block or group, in document order, with its basis."""
    return [FigureRow(item.loc, item.title, item.name,
                      item.value.label if isinstance(item.value, FigureBase) else None,
                      format_figure(item.value, "grouped") or "", item.basis)
            for item in walk(model, basis=inherited, only=frozenset((FIGURE,))) if item.top]


def missing_bases(kind: str, model: Any) -> Iterator[tuple[tuple, str]]:
    """``(loc, what)`` for each figure, indicator year or reach row without a basis."""
    if isinstance(model, GoalsFile):
        for loc, goal in model.located():
            for i, indicator in enumerate(goal.indicators):
                for j, entry in enumerate(indicator.years):
                    if not (entry.basis or indicator.basis):
                        yield (loc + ("indicators", i, "years", j),
                               f"indicator '{indicator.id}' in {entry.year}")
        return
    if isinstance(model, PartnersFile):
        for i, row in enumerate(model.reach):
            if not (row.basis or model.basis):
                yield ("reach", i), f"the reach of '{row.group}'"
    for row in figure_rows(model):
        if row.basis is None:
            yield row.loc, f"figure '{row.name}'"


