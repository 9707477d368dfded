"""Indicators year by year: the rows that report structures show as
"tavoite / toteuma" tables. The checks that the data can be followed are in
:mod:`raportti.checks.followup`.
"""


from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from raportti.schema.models.figures import format_number
from raportti.schema.models.files import GoalsFile, Indicator, IndicatorYear


@dataclass
class IndicatorRow:
    """One line of a "tavoite / toteuma" table."""

    goal: str
    indicator: Indicator
    entry: Optional[IndicatorYear]

    @property
    def name(self) -> str:
        return self.indicator.name + (f" ({self.indicator.unit})" if self.indicator.unit else "")

    @property
    def baseline(self) -> str:
        b = self.indicator.baseline
        return f"{format_number(b.value, grouped=True)} ({b.year})" if b else "–"

    @property
    def target(self) -> str:
        return _shown(self.entry.target if self.entry else None)

    @property
    def actual(self) -> str:
        return _shown(self.entry.actual if self.entry else None)

    @property
    def basis(self) -> Optional[str]:
        return (self.entry.basis if self.entry else None) or self.indicator.basis

    @property
    def note(self) -> str:
        return (self.entry.note if self.entry else None) or ""


def _shown(value) -> str:
    return format_number(value, grouped=True) if value is not None else "–"


def indicator_rows(goals: Optional[GoalsFile], year: int, goal=None) -> list[IndicatorRow]:
    """Indicator rows of a year: for one goal (and its sub-goals) or for all goals."""
    if goals is None:
        return []
    chosen = goal.walk() if goal is not None else goals.walk()
    return [IndicatorRow(g.id, ind, ind.for_year(int(year))) for g in chosen for ind in g.indicators]
