"""``raportti build``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

from raportti.cli.options import PROJECT, lang_option, path_type, speak, year_option
from raportti.cli.printing import echo_problem, relative, fail, require_folders
from raportti.i18n.messages import _, ngettext
from raportti.writers import formats as output_formats


@click.command()
@click.argument("project", type=PROJECT, default=".")
@click.option("-r", "--report", metavar="NAME",
              help="Report structure to build (a folder under templates/). "
                   "Default: default_report in project.yaml.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=path_type),
              help="Folder for the documents. Default: build/ inside the project.")
@click.option("-f", "--format", "formats", type=click.Choice(output_formats.NAMES), multiple=True,
              help="Which documents to write (repeatable). Default: md and docx. html is one "
                   "self-contained page with a copy button per answer (see 'raportti preview'). "
                   "pdf is made from the DOCX by LibreOffice, which must be installed.")
@click.option("--reference-doc", type=click.Path(exists=True, dir_okay=False, path_type=path_type),
              help="A .docx whose styles and page setup the DOCX uses (e.g. your organisation's).")
@year_option
@lang_option
def build(project: Path, report: str | None, out_dir: Path | None, formats: tuple[str, ...],
          reference_doc: Path | None, year: int | None, lang: str | None) -> None:
    """Build a report of PROJECT as Markdown and DOCX (and HTML on request).

    PROJECT is the project folder (default: the current folder). The data is
    validated first: on any error nothing is written and the errors are listed as
    validate lists them; warnings (unfinished texts, empty figures) are shown and the
    documents are written. A question without data says "Ei tietoa tästä
    kohdasta." and is counted at the end. 'raportti reports' lists the report
    structures.

    A yearly report is about the latest year with activity of its own (a year
    folder with only plans, or one new-year started and nobody has filled in, is
    passed over), unless project.yaml's reports: entry or --year says another; its
    files carry the year (tuloksellisuusraportti-2025.docx), so years never
    overwrite each other.

    \b
      raportti build my-project
      raportti build my-project --report tuloksellisuusraportti -o ~/Raportit
      raportti build my-project --report tuloksellisuusraportti --year 2026
    """
    from raportti.build import build as run_build
    from raportti.problems import DataError, UserError
    from raportti.writers.output import check_folder

    speak(lang, project)
    require_folders([project])

    try:
        if out_dir is not None:  # before the work, not after it
            check_folder(out_dir)
        result = run_build(project, report=report, out_dir=out_dir, formats=formats or output_formats.DEFAULT,
                           reference_doc=reference_doc, year=year)
    except (DataError, UserError) as exc:
        fail(exc)
        return
    for warning in result.warnings:
        echo_problem(warning)
    for note in result.notes:
        click.echo(note, err=True)
    if result.year is not None:
        from raportti.project.reportyear import year_said

        click.echo(year_said(result.choice, result.report.form))
    for path in result.outputs:
        click.echo(_("Wrote {path}").format(path=relative(path)))
    empty = result.report.empty_questions
    total = sum(1 for _question in result.report.form.questions())
    if empty:
        click.echo(ngettext("{n} of {total} questions had no data; the report says \"{no_data}\" for:",
                            "{n} of {total} questions had no data; the report says \"{no_data}\" for:",
                            len(empty)).format(n=len(empty), total=total, no_data=result.report.form.no_data))
        sections = {id(q): section.heading for section in result.report.form.sections for q in section.questions}
        for question in empty:
            click.echo(f"  {_question_name(question, sections.get(id(question), ''))}")
    else:
        click.echo(ngettext("The one question is answered.", "All {total} questions answered.", total)
                   .format(total=total))
    if result.warnings:
        click.echo(ngettext("{n} warning above; the documents were written.",
                            "{n} warnings above; the documents were written.", len(result.warnings))
                   .format(n=len(result.warnings)), err=True)
    if result.other_years:
        from raportti.project.reportyear import other_years_said

        click.echo(other_years_said(result.other_years, build=True), err=True)


def _question_name(question, section: str = "") -> str:
    """A question as a coordinator finds it in the form: its number and its first words
    (a bare "2." or an id says nothing), without the guidance in parentheses; a question
    without text of its own (the chapter's content) by its chapter's heading."""
    words = (question.text.strip() or section).split("(")[0].split()
    text = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    return f"{question.number}. {text}" if question.number is not None else text
