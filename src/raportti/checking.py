"""``raportti validate``: every problem of a project, schema and beyond."""

from __future__ import annotations

from pathlib import Path

from raportti.problems import DataError, Problem
from raportti.project import load_project


def check_project(root: Path, report: str | None = None) -> list[Problem]:
    """All problems of a project, sorted by file and line. Raises nothing for bad data."""
    try:
        data = load_project(root)
    except DataError as exc:
        return sorted(exc.problems, key=Problem.sort_key)
    from raportti.checks import run_checks

    problems = list(data.problems) + run_checks(data)
    if report is not None:
        from raportti.forms import find_form, load_form
        from raportti.rules import check_rules

        folder = find_form(report, data.root)
        problems += check_rules(data, load_form(folder), folder)
    return sorted(problems, key=Problem.sort_key)
