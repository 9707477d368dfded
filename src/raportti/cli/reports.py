"""``raportti reports``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

from raportti.cli.options import PROJECT, path_type
from raportti.cli.printing import fail


@click.command("reports")
@click.argument("name", required=False)
@click.option("-p", "--project", type=PROJECT, default=None,
              help="Also list the project's own report structures (its templates/ folder).")
@click.option("--lang", type=click.Choice(["en", "fi"]), default=None,
              help="Language of the explanations (fi: suomeksi). Default: from RAPORTTI_LANG "
                   "or the locale, as for validate.")
def list_reports(name: str | None, project: Path | None, lang: str | None) -> None:
    """List the report structures, or show which data each question of one reads.

    Without NAME: every report structure that can be built (built-in, and the
    project's own with --project). With NAME (e.g. loppuraportti): each question of
    that form with the files and keys its answer is made from, read from the form's
    templates, so you know where to write what.

    \b
      raportti reports
      raportti reports loppuraportti
      raportti reports loppuraportti --project my-project
    """
    from raportti.report.forms import available_forms, find_form, load_form
    from raportti.problems import DataError, UserError

    from raportti.i18n import catalogue as translations

    fi = (lang or translations.language_from_environment()) == "fi"
    if name is not None and project is None and (path_type(name) / "project.yaml").is_file():
        name, project = None, path_type(name)  # 'raportti reports PROJECT', as before
    try:
        if name is None:
            for form_name in available_forms(project):
                form = load_form(find_form(form_name, project))
                click.echo(f"{form_name}: {form.title}")
            click.echo("'raportti reports NIMI' näyttää, mistä tiedoista kunkin kysymyksen vastaus tehdään."
                       if fi else "'raportti reports NAME' shows which data each question of NAME reads.")
            return
        folder = find_form(name, project)
        form = load_form(folder)
    except (DataError, UserError) as exc:
        fail(exc)
        return
    from raportti.report.datamap import question_data, question_name

    language = "fi" if fi else "en"
    subtitle, questions = question_data(form, folder)
    click.echo(f"{form.name}: {form.title}")
    if form.year is not None:
        click.echo(f"Raporttivuosi {form.year}: vuosikansiot lasketaan siitä." if fi
                   else f"Report year {form.year}: year folders are counted from it.")
    elif fi:
        click.echo("Raporttivuosi: uusin vuosikansio, tai project.yaml:ssa asetettu vuosi "
                   f"(reports: {{{form.name}: {{year: …}}}}).")
    else:
        click.echo("Report year: the latest year folder, or the year set in project.yaml "
                   f"(reports: {{{form.name}: {{year: …}}}}).")
    for reading in subtitle:
        click.echo(f"{'Alaotsikko lukee' if fi else 'The subtitle reads'} "
                   f"{reading.where(form.year, language)}: {reading.shown_keys()}")
    section = None
    for item in questions:
        if item.section != section:
            section = item.section
            click.echo(f"\n{section}")
        if item.question.text.strip() or item.question.number is not None:
            title = question_name(item)
            click.echo(f"  {title[:95].rstrip() + '…' if len(title) > 96 else title}")
        if not item.readings:
            click.echo("      (ei lue tietoja)" if fi else "      (reads no data)")
        for reading in item.readings:
            click.echo(f"      {reading.where(form.year, language)}: {reading.shown_keys()}")


# -- year over year ---------------------------------------------------------------------
