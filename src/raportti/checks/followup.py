"""Checks that goals can be followed year by year: every actual has a target, replaced
goals point to goals that exist, reports named exist."""

from __future__ import annotations

import datetime
from typing import Optional

from raportti.i18n.messages import _
from raportti.problems import Problem, format_path
from raportti.project.loading import ProjectData
from raportti.report.forms import available_forms
from raportti.i18n.suggestions import suggestion
from raportti.schema.models.files import Indicator


def check_followup(data: ProjectData, today: Optional[datetime.date] = None) -> list[Problem]:
    today = today or datetime.date.today()
    problems: list[Problem] = []
    every_id = {g.id for _, goals in data.goal_sets() for g in goals.walk()}
    last_folder = max(data.years) if data.years else None
    for number, goals in data.goal_sets():
        source = data.years[number].sources["goals"]
        for loc, goal in goals.located():
            for i, change in enumerate(goal.changes):
                if change.replaced_by and change.replaced_by not in every_id:
                    at = loc + ("changes", i, "replaced_by")
                    problems.append(source.problem(
                        at, _("No goal with id '{replaced_by}' to replace '{id}'.").format(replaced_by=change.replaced_by, id=goal.id)
                        + suggestion(change.replaced_by, sorted(every_id)),
                        path=format_path(at), code="unknown-goal"))
            for i, indicator in enumerate(goal.indicators):
                problems += _check_indicator(indicator, loc + ("indicators", i), source, today, last_folder)
        for i, dropped in enumerate(goals.dropped):
            if dropped.replaced_by and dropped.replaced_by not in every_id:
                at = ("dropped", i, "replaced_by")
                problems.append(source.problem(
                    at, _("No goal with id '{replaced_by}' to replace '{id}'.").format(replaced_by=dropped.replaced_by, id=dropped.id)
                    + suggestion(dropped.replaced_by, sorted(every_id)),
                    path=format_path(at), code="unknown-goal"))
    if data.project.reports:
        forms = available_forms(data.root)
        for name in data.project.reports:
            if name not in forms:
                problems.append(data.project_source.problem(
                    ("reports", name), _("No report structure called '{name}'; this entry is not used.").format(name=name)
                    + suggestion(name, forms), path=f"reports.{name}", severity="warning",
                    code="unknown-report"))
    return problems


def _check_indicator(indicator: Indicator, loc: tuple, source, today: datetime.date,
                     last_folder: Optional[int]) -> list[Problem]:
    problems = []
    for j, entry in enumerate(indicator.years):
        at = loc + ("years", j)
        if entry.actual is not None and entry.target is None:
            problems.append(source.problem(
                at, _("Indicator '{id}' has an actual for {year} but no target: add the target the year "
                      "aimed at, so the report can show target against actual.").format(id=indicator.id, year=entry.year),
                path=format_path(at), severity="warning", code="actual-without-target"))
        year_over = entry.year < today.year or (last_folder is not None and entry.year < last_folder)
        if entry.target is not None and entry.actual is None and year_over:
            problems.append(source.problem(
                at, _("Indicator '{id}' has a target for {year} but no actual, and the year is over: add "
                      "what was reached.").format(id=indicator.id, year=entry.year),
                path=format_path(at), severity="warning", code="target-without-actual"))
    return problems


