"""``raportti importing``."""

from __future__ import annotations

import click

from raportti.cli.options import path_type
from raportti.cli.printing import echo_problem, relative, fail


@click.command("import")
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=path_type))
@click.option("-r", "--report", required=True, metavar="NAME",
              help="The form the document answers (a folder under templates/), e.g. loppuraportti.")
@click.option("-o", "--output", "out", type=click.Path(path_type=path_type), metavar="PROJECT",
              help="The project folder to write. Default: a folder named after the document. "
                   "An existing project gets the report's years added.")
@click.option("--year", type=int, metavar="YYYY", help="The report's year. Default: the form's year.")
@click.option("--name", metavar="TEXT", help="The project's name, when the document does not say it.")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
def import_command(document, report: str, out, year: int | None, name: str | None, force: bool) -> None:
    """Turn a finished report (DOCX, Markdown or text) into draft project data.

    Finds the form's sections and questions in DOCUMENT by their texts and puts each
    answer where the form's templates read it: numbers become named figures, goals
    and the results under them are recognised. Places worth a human look carry a
    '# Tarkista: …' comment; text that found no place is kept in
    tuonti-jaljelle-jaanyt-YEAR.md. Nothing is overwritten without --force.
    """
    from raportti.importing import import_report
    from raportti.problems import DataError, UserError

    target = out if out is not None else document.with_suffix("")
    if target.resolve() == document.resolve():
        target = document.parent / (document.stem + "-hanke")
    try:
        summary = import_report(document, report, target, year=year, force=force, name=name)
    except (DataError, UserError) as exc:
        fail(exc)
        return
    for path in summary.written:
        click.echo(f"Wrote {relative(path)}")
    click.echo(f"Found {len(summary.found)} of the form's parts ({summary.questions - len(summary.missing)} "
               f"of {summary.questions} questions); placed {summary.placed} of {summary.answers} answer(s) in the "
               f"project's data; made {summary.figures} figure(s), {summary.goals} goal(s) "
               f"and {summary.results} result(s).")
    if summary.generated:
        click.echo(f"{summary.generated} answer(s) the report makes itself from other data (tables, lists); "
                   "what it would not write the same is in the leftovers file.")
    if summary.missing:
        click.echo("Not found in the document: " + "; ".join(summary.missing))
    if summary.leftovers:
        click.echo(f"{summary.leftovers} piece(s) of text had no place; they are in "
                   f"{relative(summary.leftovers_file)}.")
    if summary.checks:
        click.echo(f"{len(summary.checks)} place(s) to check (marked '# Tarkista' in the files):")
        for line in summary.checks:
            click.echo(f"  {line}")
    for problem in summary.warnings:
        echo_problem(problem)
    first = f"move what you need from {relative(summary.leftovers_file)}, then " if summary.leftovers else ""
    click.echo(f"The project validates with {len(summary.warnings)} warning(s). "
               f"Next: {first}raportti build {relative(target)} --report {summary.form}")
