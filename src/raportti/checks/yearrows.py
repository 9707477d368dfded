"""Check that a row told apart by its year (a staff row, a grant, a year of an
indicator) is given once in its list: a report would show one of the two and hide
the other."""

from __future__ import annotations

from raportti.i18n.messages import _
from raportti.problems import Problem, format_path
from raportti.project.loading import ProjectData
from raportti.project.walk import MODEL, by_year, walk_project


def check_year_rows(data: ProjectData) -> list[Problem]:
    problems = []
    seen: dict[tuple, tuple] = {}
    for source, item in walk_project(data, only=frozenset((MODEL,))):
        if not item.loc or not isinstance(item.loc[-1], int) or not by_year(type(item.value)):
            continue
        listed = item.loc[:-1]
        first = seen.setdefault((id(source), listed, item.value.year), item.loc)
        if first is item.loc:
            continue
        at = item.loc + ("year",)
        line = source.position(first + ("year",))[0]
        problems.append(source.problem(
            at, _("The year {year} is given twice in {list} (first at line {line}): keep one of the two.")
            .format(year=item.value.year, list=format_path(listed), line=line),
            path=format_path(at), code="duplicate-year", args={"year": item.value.year}))
    return problems
