"""``raportti newyear``."""

from __future__ import annotations

import sys
import click

from raportti.cli.options import PROJECT
from raportti.cli.printing import echo_problem, relative, fail, require_folders


@click.command("new-year")
@click.argument("project", type=PROJECT)
@click.argument("year", type=int)
@click.option("--from", "from_year", type=int, metavar="YEAR",
              help="The year to start from. Default: the latest year folder before YEAR.")
def new_year(project, year: int, from_year: int | None) -> None:
    """Start a new report year from the latest one.

    Writes PROJECT/YEAR/: goals carry forward in their latest wording, named partners
    stay, blocks keep their ids and titles; texts and figures are left empty with
    '# Täydennä: …' comments saying what to fill in. The new folder validates (with a
    warning for each empty figure). An existing year folder is never overwritten.
    """
    from raportti.checks.running import check_project
    from raportti.years.newyear import start_year
    from raportti.problems import DataError, UserError

    require_folders([project])

    try:
        made = start_year(project, year, from_year)
    except (DataError, UserError) as exc:
        fail(exc)
        return
    for path in made.files.values():
        click.echo(f"Wrote {relative(path)}")
    sources = ", ".join(f"{kind} of {source}" for kind, source in made.sources.items())
    click.echo(f"Started {year} from {made.from_year} ({sources}): "
               f"{made.empty_texts} text(s) and {made.empty_figures} figure(s) to fill in.")
    folder = made.folder.resolve()
    problems = [p for p in check_project(project)
                if p.file is not None and folder in (p.file.resolve(), *p.file.resolve().parents)]
    errors = [p for p in problems if p.is_error]
    for problem in errors:
        echo_problem(problem)
    if errors:
        click.echo(click.style(f"The new folder has {len(errors)} error(s); this is a bug in raportti, "
                               "please report it.", fg="red"), err=True)
        sys.exit(1)
    click.echo(f"The new folder validates with {len(problems)} warning(s) for what is still empty; "
               f"'raportti validate {project}' lists them.")
