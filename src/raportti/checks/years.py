"""Checks of years: a year folder's dates and the project period."""

from __future__ import annotations

from raportti.i18n.messages import _
from raportti.problems import Problem
from raportti.project.loading import ProjectData
from raportti.schema.models.files import YearFile


def check_years(data: ProjectData) -> list[Problem]:
    problems = []
    for number, year in data.years.items():
        meta = year.files.get("year")
        if isinstance(meta, YearFile) and meta.figures_until is not None:
            if meta.figures_until.year != number:
                problems.append(year.sources["year"].problem(
                    ("figures_until",),
                    _("figures_until {value} is not in {number}, the year of this folder.").format(value=meta.figures_until.isoformat(), number=number),
                    path="figures_until", severity="warning", code="date-outside-year"))
    period = data.project.period
    if period is not None:
        start = period.start if isinstance(period.start, int) else period.start.year
        end = period.end if isinstance(period.end, int) else period.end.year
        if start > end:
            problems.append(data.project_source.problem(
                ("period",), _("The project period ends before it starts."), path="period", code="bad-period"))
        for number in data.years:
            if not start <= number <= end:
                problems.append(Problem(
                    _("The year folder {number} is outside the project period {start}–{end}, so the final "
                      "report of the period leaves its data out. If the project went on, change 'period' "
                      "in project.yaml; otherwise move this data into a year of the period.").format(number=number, start=start, end=end),
                    file=data.years[number].folder, severity="warning", code="year-outside-period",
                    args={"year": number, "start": start, "end": end}))
    return problems
