"""What each monitoring figure rests on: collected data, a sample or an estimate.

A ``basis`` is set once for a file or a block and holds for every figure inside it, unless
a figure (or an indicator's year, or a reach row) says its own. STEA's results report asks
for it per figure; the report structures show it and ``validate --report`` warns where a
form needs it and none is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional

from raportti.i18n.messages import _
from raportti.schema.models.base import BASES
from raportti.schema.models.figures import Breakdown, FigureBase, format_cell, shown_total
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
    part: bool = False    # a part shown on a row of its own (a share of a breakdown)
    n: Optional[int] = None  # the responses a figure computed from a survey export rests on

    @property
    def basis_text(self) -> str:
        text = basis_text(self.basis)
        return f"{text}, n = {self.n}" if self.n is not None else text


def basis_text(basis: Optional[str]) -> str:
    """The Finnish name of a basis, or what a report says when none is given."""
    return BASES.get(basis or "", "ei ilmoitettu")


def figure_rows(model: Any, inherited: Optional[str] = None) -> list[FigureRow]:
    """Every figure of a file, block or group, in document order, with its basis."""
    rows: list[FigureRow] = []
    for item in walk(model, basis=inherited, only=frozenset((FIGURE,))):
        if not item.top:
            continue
        figure = item.value
        label = figure.label if isinstance(figure, FigureBase) else None
        computed = figure.computed if isinstance(figure, FigureBase) else None
        if isinstance(figure, Breakdown) and shown_total(figure) is None:
            # Shares (or means) have no total a table may print: each part has its row.
            rows += _part_rows(figure, item.loc, item.title, item.name, item.basis)
        else:
            rows.append(FigureRow(item.loc, item.title, item.name, label, format_cell(figure, label), item.basis,
                                  n=computed.n if computed else None))
    return rows


def _part_rows(figure: Breakdown, loc: tuple, block: Optional[str], name: str,
               basis: Optional[str]) -> Iterator[FigureRow]:
    for key, part in figure.parts.items():
        own = part.basis if isinstance(part, FigureBase) else None
        label = part.label if isinstance(part, FigureBase) else None
        if figure.label and label:
            label = f"{figure.label}: {label}"
        unit = figure.unit if figure.unit and not getattr(part, "unit", None) else None
        shown = format_cell(part, label)
        if unit and shown and not (label and unit in label) and not shown.endswith(unit):
            shown += "\u00a0" + unit
        yield FigureRow(loc + ("parts", key), block, f"{name}.{key}", label, shown, own or basis, part=True)


def missing_bases(kind: str, model: Any) -> Iterator[tuple[tuple, str, Any]]:
    """``(loc, what, year)`` for each figure, indicator year or reach row without a basis
    (``year``: an indicator's year, else None)."""
    if isinstance(model, GoalsFile):
        for loc, goal in model.located():
            for i, indicator in enumerate(goal.indicators):
                for j, entry in enumerate(indicator.years):
                    if not (entry.basis or indicator.basis):
                        yield (loc + ("indicators", i, "years", j),
                               _("indicator '{id}' in {year}").format(id=indicator.id, year=entry.year), entry.year)
        return
    if isinstance(model, PartnersFile):
        for i, row in enumerate(model.reach):
            if not (row.basis or model.basis):
                yield ("reach", i), _("the reach of '{group}'").format(group=row.group), None
    reported = set()
    for row in figure_rows(model):
        # A breakdown tabled part by part is one figure: reported once, at itself.
        loc, name = (row.loc[:-2], row.name.split(".")[0]) if row.part else (row.loc, row.name)
        if row.basis is None and loc not in reported:
            reported.add(loc)
            yield loc, _("figure '{name}'").format(name=name), None


