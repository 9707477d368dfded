"""``raportti validate``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

from raportti.cli.options import PROJECT, lang_option, path_type, speak, year_option
from raportti.cli.printing import echo_problem, problem_json, fail, require_folders


@click.command()
@click.argument("projects", type=PROJECT, nargs=-1)
@click.option("-r", "--report", metavar="NAME",
              help="Also check the rules of this report structure; a broken rule is an error. "
                   "Without it, the project's default_report is checked as 'build' checks it "
                   "(only an answer too long for the form is an error; other rules warn).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any warning).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Output: readable text, JSON, or GitHub Actions annotations.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to use: one project each when there are many; for one large "
                   "project (over 0.5 MB of YAML), a second process for its checks. "
                   "Default: one per CPU core; 1 keeps everything in one process.")
@year_option
@lang_option
def validate(projects: tuple[Path, ...], report: str | None, strict: bool, fmt: str, jobs: int | None,
             year: int | None, lang: str | None) -> None:
    """Check the data of one or more PROJECTS and list every problem.

    A PROJECT is a folder with project.yaml; a folder without one is searched for
    projects below it (default: the current folder). Each problem is shown as
    file:line:column: field: message, with the offending line. An error (a misspelt
    key, text where a number belongs, a figure nobody defined, broken YAML) stops
    'raportti build'; a warning (an unfinished text, an empty figure, a total that
    is not the sum of its parts) does not. Exit code 0 when valid (warnings
    allowed), 1 when not.

    With --report (or --year), the data is judged as that report of that year
    reads it: warnings about years it does not read are counted apart, and
    --strict fails only on the report's own.

    \b
      raportti validate my-project
      raportti validate my-project --report tuloksellisuusraportti --year 2025 --strict
    """
    from raportti.i18n import catalogue as translations
    from raportti.checks.running import check_projects
    from raportti.project.loading import find_projects
    from raportti.problems import UserError

    speak(lang, *(projects or (".",)))
    require_folders(projects)
    projects = tuple(p for given in (projects or (path_type("."),)) for p in find_projects(given))
    speak(lang, *projects)
    try:
        all_problems = check_projects(list(projects), report=report, jobs=jobs, year=year)
    except UserError as exc:
        fail(exc)
        return
    # Warnings about years the report does not read: counted apart, never failed on.
    outside = [p for p in all_problems if p.outside is not None]
    all_problems = [p for p in all_problems if p.outside is None]
    failing = [p for p in all_problems if p.is_error or strict]
    if fmt == "json":
        import json

        click.echo(json.dumps({
            "valid": not failing,
            "errors": sum(1 for p in all_problems if p.is_error or strict),
            "warnings": 0 if strict else sum(1 for p in all_problems if not p.is_error),
            "problems": [problem_json(p, strict) for p in all_problems],
            "other_years": [{**problem_json(p, False), "year": p.outside} for p in outside],
        }, ensure_ascii=False, indent=2))
    else:
        for problem in all_problems:
            echo_problem(problem, fmt, strict)
        errors = sum(1 for p in all_problems if p.is_error)
        warnings = len(all_problems) - errors
        names = ", ".join(str(p) for p in projects)
        line = translations.summary(names, errors, warnings, bool(failing))
        if outside:
            from raportti.project.reportyear import other_years_said

            line = line.rstrip(".") + "; " + other_years_said(outside, build=False)
        if failing:
            click.echo(click.style(line, fg="red"), err=True)
        else:
            click.echo(line)
    sys.exit(1 if failing else 0)
