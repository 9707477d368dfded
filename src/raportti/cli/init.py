"""``raportti init``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

from raportti.cli.options import lang_option, path_type, speak
from raportti.cli.printing import relative, fail, shell_arg
from raportti.i18n.messages import _, ngettext


@click.command()
@click.argument("folder", type=click.Path(path_type=path_type))
@click.option("--name", help="The project's name as reports write it.")
@click.option("--organisation", help="The organisation that runs the project ('hallinnoiva järjestö').")
@click.option("--year", type=click.IntRange(1900, 2200),
              help="The first report year: its folder is made. Default: the report's year, else this year.")
@click.option("--report", metavar="NAME",
              help="The report structure to prepare for (see 'raportti reports'); it becomes "
                   "default_report and the files' comments name its questions.")
@lang_option
def init(folder: Path, name: str | None, organisation: str | None, year: int | None,
         report: str | None, lang: str | None) -> None:
    """Start a new project in FOLDER: project.yaml and a first year folder.

    Every file is written with Finnish comments that say what each part is for and
    which question of the report it answers, a 'Tähän tulee …' placeholder in each
    text and empty figures. It validates and builds at once (validate lists what is
    still to fill in). Asks for what is missing when run in a terminal; otherwise
    uses placeholders. Never overwrites a file.

    \b
      raportti init my-project
      raportti init my-project --name "Järjestöt yhdessä" --organisation "Esimerkki ry" --year 2026
    """
    from raportti.report.forms import available_forms, find_form, load_form
    from raportti.years.newproject import (PLACEHOLDER_NAME, PLACEHOLDER_ORGANISATION, default_report,
                                     start_project, this_year)
    from raportti.problems import DataError, UserError

    from raportti.i18n.messages import current

    speak(lang, folder)
    ask = _interactive()
    names = available_forms(folder if folder.is_dir() else None)
    if report is None:
        report = default_report(names)
        if ask and names:
            report = click.prompt(_("Report structure ({names})").format(names=", ".join(names)),
                                  type=click.Choice(names), default=report, show_choices=False)
    if report is None:
        fail(UserError(_("No report structure is installed; reinstall raportti.")))
        return
    try:
        form = load_form(find_form(report, folder if folder.is_dir() else None))
    except (DataError, UserError) as exc:
        fail(exc)
        return
    if name is None:
        name = (click.prompt(_("Project name"), default=PLACEHOLDER_NAME)
                if ask else PLACEHOLDER_NAME)
    if organisation is None:
        organisation = (click.prompt(_("Organisation ('hallinnoiva järjestö')"),
                                     default=PLACEHOLDER_ORGANISATION) if ask else PLACEHOLDER_ORGANISATION)
    if year is None:
        year = form.year or this_year()
        if ask:
            year = click.prompt(_("First report year"),
                                type=click.IntRange(1900, 2200), default=year)
    try:
        made = start_project(folder, name=name, organisation=organisation, year=year, report=form.name,
                             language=current())
    except (DataError, UserError) as exc:
        fail(exc)
        return
    for path in made.written:
        if ".raportti" not in path.parts:
            click.echo(_("Wrote {path}").format(path=relative(path)))
    schemas = relative(folder / ".raportti" / "schemas")
    if made.kept:
        click.echo(ngettext("Wrote the editor schemas into {folder} ({n} already there, kept).",
                            "Wrote the editor schemas into {folder} ({n} already there, kept).",
                            len(made.kept)).format(folder=schemas, n=len(made.kept)))
    else:
        click.echo(_("Wrote the editor schemas into {folder}.").format(folder=schemas))
    from raportti.years.newproject import year_choosable

    if form.year is not None and form.year != year and not year_choosable():
        click.echo(_("Note: {form} reports on the year {form_year}; with a first year {year} its questions "
                     "about {form_year} stay empty. 'raportti reports' lists the others.").format(
                         form=form.name, form_year=form.year, year=year))
    click.echo("\n" + _("Next: fill in the texts marked 'Tähän tulee …', then\n"
                        "  raportti validate {folder}      # what is still missing or wrong\n"
                        "  raportti build {folder}         # {report} as Markdown and Word into {build}\n"
                        "The files' comments say which question each part answers; "
                        "'raportti reports {report}' shows the same question by question.").format(
                            folder=shell_arg(folder), report=shell_arg(made.report), build=relative(folder / "build")))


def _interactive() -> bool:
    """Whether to ask for what is missing: only when a person is at the terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()
