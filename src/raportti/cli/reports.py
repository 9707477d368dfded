"""``raportti reports``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

from raportti.cli.options import PROJECT, lang_option, path_type, speak, year_option
from raportti.cli.printing import fail
from raportti.i18n.messages import _


@click.command("reports")
@click.argument("name", required=False)
@click.option("-p", "--project", type=PROJECT, default=None,
              help="Also list the project's own report structures (its templates/ folder).")
@year_option
@lang_option
def list_reports(name: str | None, project: Path | None, year: int | None, lang: str | None) -> None:
    """List the report structures, or show which data each question of one reads.

    Without NAME: every report structure that can be built (built-in, and the
    project's own with --project). With NAME (e.g. loppuraportti): each question of
    that form with the files and keys its answer is made from, read from the form's
    templates, so you know where to write what.

    \b
      raportti reports
      raportti reports loppuraportti
      raportti reports loppuraportti --project my-project
      raportti reports tuloksellisuusraportti --year 2025
    """
    from raportti.report.forms import available_forms, find_form, load_form
    from raportti.problems import DataError, UserError

    if name is not None and project is None and (path_type(name) / "project.yaml").is_file():
        name, project = None, path_type(name)  # 'raportti reports PROJECT', as before
    speak(lang, project)
    try:
        if name is None:
            for form_name in available_forms(project):
                form = load_form(find_form(form_name, project))
                click.echo(f"{form_name}: {form.title}")
            click.echo(_("'raportti reports NAME' shows which data each question of NAME reads."))
            return
        folder = find_form(name, project)
        form = load_form(folder)
    except (DataError, UserError) as exc:
        fail(exc)
        return
    from raportti.report.datamap import question_data, question_name

    subtitle, questions = question_data(form, folder)
    click.echo(f"{form.name}: {form.title}")
    shown_year = year if year is not None else form.year
    if year is not None:
        click.echo(_("Report year {year} (--year): the files below are that year's.").format(year=year))
    elif form.year is not None:
        click.echo(_("Report year {year}: year folders are counted from it.").format(year=form.year))
    else:
        click.echo(_("Report year: --year, or the year set in project.yaml (reports: {{{form}: {{year: …}}}}), "
                     "else the latest year with activity of its own (not a folder with only plans, nor one "
                     "new-year started and nobody filled in).").format(form=form.name))
    click.echo(_("A question the data has nothing for can be answered in year.yaml: answers: {{ID or number: "
                 "text}} (the ids are in brackets below).").format())
    for reading in subtitle:
        click.echo(_("The subtitle reads {where}: {keys}").format(where=reading.where(shown_year),
                                                                  keys=reading.shown_keys()))
    section = None
    for item in questions:
        if item.section != section:
            section = item.section
            click.echo(f"\n{section}")
        if item.question.text.strip() or item.question.number is not None:
            title = question_name(item)
            # The id, for year.yaml's answers: (a question's number already names it).
            named = f"  [{item.question.id}]" if item.question.id and item.question.number is None else ""
            click.echo(f"  {title[:95].rstrip() + '…' if len(title) > 96 else title}{named}")
        if not item.readings:
            click.echo("      " + _("(reads no data)"))
        for reading in item.readings:
            click.echo(f"      {reading.where(shown_year)}: {reading.shown_keys()}")


# -- year over year ---------------------------------------------------------------------
