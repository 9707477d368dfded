"""Charts a report structure asks for: what each shows, made from the project's figures.

A template calls a chart function (through the macros in ``_common/charts.md.j2``); it
returns a Markdown image, ``![alt text](toimintakertomus-2025-kuvio-1.svg "Kuvio 1. Title")``,
and keeps the :class:`Chart` under that name. The writers draw it: an SVG file beside the
Markdown, inline SVG in the HTML page, a PNG with a caption in the DOCX
(raportti.writers.chartdraw). The alt text states every number the chart shows, so a
reader who cannot see the picture reads the same. A chart with nothing to show is no
chart: the function returns "" and the template says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from raportti.project.references import index_figures
from raportti.schema.models.figures import Breakdown, Quantity, Ratio, Score, format_number, numeric_value

BARS, GROUPED, DISTRIBUTION = "bars", "grouped", "distribution"


@dataclass
class Series:
    name: str
    values: list[float | int | None]


@dataclass
class Chart:
    """What a chart shows: categories along one axis, one or two series of numbers."""

    kind: str          # bars (a figure over the years), grouped (target vs actual), distribution
    title: str
    categories: list[str]
    series: list[Series]
    unit: str = ""     # after each number ("%"), if any
    n: int | None = None  # a distribution's respondents: bars show counts and shares of n
    number: int = 0    # "Kuvio N."
    name: str = ""     # the image file's name beside the Markdown

    @property
    def caption(self) -> str:
        return f"Kuvio {self.number}. {self.title}"

    def shown(self, value: float | int | None) -> str:
        if value is None:
            return "ei tietoa"
        text = format_number(_tidy(value), document=True)
        return f"{text} {self.unit}" if self.unit else text

    def share(self, value: float | int | None) -> str:
        if value is None or not self.n:
            return ""
        return format_number(round(100 * value / self.n), document=True) + " %"

    def alt_text(self) -> str:
        """Every number of the chart in words, for a reader who cannot see it."""
        parts = []
        for i, category in enumerate(self.categories):
            if self.kind == DISTRIBUTION:
                value = self.series[0].values[i]
                parts.append(f"{category} {self.shown(value)} ({self.share(value)})")
            elif len(self.series) == 1:
                parts.append(f"{category}: {self.shown(self.series[0].values[i])}")
            else:
                parts.append(f"{category}: " + ", ".join(
                    f"{s.name.lower()} {self.shown(s.values[i])}" for s in self.series))
        tail = f" Vastaajia {self.n}." if self.kind == DISTRIBUTION and self.n else ""
        title = self.title if self.title.endswith((".", "?", "!")) else self.title + "."
        return f"{title} " + "; ".join(parts) + "." + tail


# A chart as the Markdown of an answer has it (see Charts.add).
CHART_IMAGE = re.compile(r'\n*!\[[^\]]*\]\(([^)\s]+) "Kuvio [^"]*"\)\n*')


def strip_charts(markdown: str, charts: dict) -> str:
    """An answer without its charts: the text an online form takes, whose length and
    links the form's rules count (a chart is sent as a picture, not typed in)."""
    if not charts or "![" not in markdown:
        return markdown
    return CHART_IMAGE.sub(lambda m: "\n\n" if m.group(1) in charts else m.group(0), markdown).strip("\n") + "\n"


def _tidy(value: float | int) -> float | int:
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 2)
    return value


@dataclass
class Charts:
    """The charts of one report, numbered in the order the templates ask for them."""

    # The documents' file name without its suffix (tuloksellisuusraportti-2025): the
    # charts beside the Markdown carry it, so two years' charts never overwrite each other.
    stem: str
    items: dict[str, Chart] = field(default_factory=dict)

    def add(self, chart: Chart) -> str:
        chart.number = len(self.items) + 1
        chart.name = f"{self.stem}-kuvio-{chart.number}.svg"
        self.items[chart.name] = chart
        alt = chart.alt_text().replace("[", "(").replace("]", ")")
        title = chart.caption.replace('"', "”")
        return f"\n\n![{alt}]({chart.name} \"{title}\")\n\n"


class ChartMaker:
    """The chart functions templates call (declared in raportti.report.templateapi)."""

    def __init__(self, data: Any, charts: Charts):
        self.data = data
        self.charts = charts

    def yearly_figures(self, kind: str, model: Any, limit: int = 4) -> list[str]:
        """For each block of a file, its first labelled figure with a value in two years
        or more, as a reference (``activities.tuvat.meetings``); ``limit`` at most."""
        chosen: list[str] = []
        blocks: set = set()
        for scope, name in self.chartable_figures(model):
            if len(chosen) >= int(limit):
                break
            if tuple(scope) in blocks:
                continue
            reference = ".".join([kind, *scope, name])
            if len(self.years_with(reference)) >= 2:
                chosen.append(reference)
                blocks.add(tuple(scope))
        return chosen

    def chartable_figures(self, model: Any) -> list[tuple[list[str], str]]:
        """``(block ids, name)`` of each labelled figure of a file, in document order."""
        from raportti.project.references import iter_scopes

        if model is None:
            return []
        return [(list(scope), name) for scope, figures in iter_scopes(model)
                for name, figure in figures.items() if getattr(figure, "label", None)]

    # -- a figure over the years ------------------------------------------------------

    def _values_by_year(self, reference: str) -> dict[int, Any]:
        """The figure ``kind.block.name`` (as in ``{2024.activities.tuvat.meetings}``) in
        each year that has it."""
        kind, _, rest = reference.partition(".")
        segments = rest.split(".") if rest else []
        found = {}
        for number, year in sorted(self.data.years.items()):
            model = year.files.get(kind)
            if model is None or not segments:
                continue
            hit = index_figures(model).lookup(segments)
            if hit is None or hit[0] is None or hit[1]:
                continue
            found[number] = hit[0]
        return found

    def years_with(self, reference: str) -> list[int]:
        """The years in which a figure has a value a chart can show."""
        return [n for n, f in self._values_by_year(reference).items() if _plotted(f) is not None]

    def over_years(self, reference: str, title: str | None = None, until: int | None = None) -> str:
        """Bars of a figure in each year it has a value (up to ``until``, the report year)."""
        figures = {n: f for n, f in self._values_by_year(reference).items() if until is None or n <= int(until)}
        values = {n: _plotted(f) for n, f in figures.items()}
        values = {n: v for n, v in values.items() if v is not None}
        if not values:
            return ""
        last = figures[max(values)]
        label = getattr(last, "label", None) or reference.rsplit(".", 1)[-1]
        unit = "%" if isinstance(last, Quantity) and (last.unit or "").strip() == "%" else ""
        return self.charts.add(Chart(BARS, title or f"{label} vuosittain", [str(n) for n in values],
                                     [Series(label, list(values.values()))], unit=unit))

    # -- an indicator's target and actual ---------------------------------------------

    def indicator(self, indicator: Any, until: int | None = None, title: str | None = None) -> str:
        """Target and actual of a goal's indicator, year by year (up to ``until``)."""
        years = [y for y in getattr(indicator, "years", []) if until is None or y.year <= int(until)]
        years = [y for y in years if y.target is not None or y.actual is not None]
        if not years:
            return ""
        unit = f" ({indicator.unit})" if getattr(indicator, "unit", None) else ""
        return self.charts.add(Chart(
            GROUPED, title or f"{indicator.name}{unit}: tavoite ja toteuma",
            [str(y.year) for y in years],
            [Series("Tavoite", [y.target for y in years]), Series("Toteuma", [y.actual for y in years])]))

    # -- a survey question's answers --------------------------------------------------

    def answers(self, figure: Any, title: str | None = None) -> str:
        """How the answers to a question divide among its options (a counts figure)."""
        if not isinstance(figure, Breakdown) or not figure.parts:
            return ""
        labels, values = [], []
        for name, part in figure.parts.items():
            value = numeric_value(part)
            if value is None:
                return ""
            labels.append(getattr(part, "label", None) or name.replace("_", " "))
            values.append(value)
        total = numeric_value(figure)
        n = figure.computed.n if figure.computed else (int(total) if total is not None else None)
        return self.charts.add(Chart(DISTRIBUTION, title or figure.label or "Vastausten jakauma",
                                     labels, [Series("Vastauksia", values)], n=n))


def _plotted(figure: Any) -> float | int | None:
    """The number a bar shows for a figure: responses of a response rate, a mean, a value."""
    if isinstance(figure, Ratio):
        return figure.responded
    if isinstance(figure, Score):
        return figure.mean
    return numeric_value(figure)
