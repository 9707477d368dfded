"""``raportti newyear``."""

from __future__ import annotations

import sys
import click

from raportti.cli.options import PROJECT, lang_option, speak
from raportti.cli.printing import echo_problem, relative, fail, require_folders, shell_arg
from raportti.i18n.messages import _, ngettext


@click.command("new-year")
@click.argument("project", type=PROJECT)
@click.argument("year", type=int)
@click.option("--from", "from_year", type=int, metavar="YEAR",
              help="The year to start from. Default: the latest year folder before YEAR.")
@lang_option
def new_year(project, year: int, from_year: int | None, lang: str | None) -> None:
    """Start a new report year from the latest one.

    Writes PROJECT/YEAR/: goals carry forward in their latest wording, named partners
    stay, blocks keep their ids and titles; texts and figures are left empty with
    '# Täydennä: …' comments saying what to fill in. The new folder validates (with a
    warning for each empty figure). An existing year folder is never overwritten.
    """
    from raportti.checks.running import check_project
    from raportti.years.newyear import start_year
    from raportti.problems import DataError, UserError

    speak(lang, project)
    require_folders([project])

    try:
        made = start_year(project, year, from_year)
    except (DataError, UserError) as exc:
        fail(exc)
        return
    for path in made.files.values():
        click.echo(_("Wrote {path}").format(path=relative(path)))
    sources = ", ".join(_("{file} of {year}").format(file=f"{kind}.yaml", year=source)
                        for kind, source in made.sources.items())
    click.echo(_("Started {year} from {from_year} ({sources}). To fill in: {texts}, {figures}.").format(
        year=year, from_year=made.from_year, sources=sources,
        texts=ngettext("{n} text", "{n} texts", made.empty_texts).format(n=made.empty_texts),
        figures=ngettext("{n} figure", "{n} figures", made.empty_figures).format(n=made.empty_figures)))
    folder = made.folder.resolve()
    problems = [p for p in check_project(project)
                if p.file is not None and folder in (p.file.resolve(), *p.file.resolve().parents)]
    errors = [p for p in problems if p.is_error]
    for problem in errors:
        echo_problem(problem)
    if errors:
        click.echo(click.style(ngettext("The new folder has {n} error; this is a bug in raportti, please "
                                        "report it.",
                                        "The new folder has {n} errors; this is a bug in raportti, please "
                                        "report it.",
                                        len(errors)).format(n=len(errors)), fg="red"), err=True)
        sys.exit(1)
    click.echo(ngettext("The new folder validates with {n} warning for what is still empty; "
                        "raportti validate {project} lists it.",
                        "The new folder validates with {n} warnings for what is still empty; "
                        "raportti validate {project} lists them.", len(problems)).format(
                            n=len(problems), project=shell_arg(project)))
