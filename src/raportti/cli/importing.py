"""``raportti importing``."""

from __future__ import annotations

import click

from raportti.cli.options import lang_option, path_type, speak
from raportti.cli.printing import echo_problem, relative, fail, shell_arg
from raportti.i18n.messages import _, ngettext


def _asker():
    """Weak matches asked about one by one, only when a person is at the terminal."""
    import sys

    if not sys.stdin.isatty():
        return None

    def ask(weak):
        return [click.confirm(_("Is the heading '{heading}' the form's '{part}' (certainty {score})?").format(
            heading=heading, part=part, score=f"{score:.2f}"), default=True) for heading, part, score in weak]
    return ask


@click.command("import")
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=path_type))
@click.option("-r", "--report", metavar="NAME",
              help="The form the document answers (a folder under templates/), e.g. loppuraportti.")
@click.option("--new-form", metavar="NAME",
              help="Make a form of the document's own headings (PROJECT/templates/NAME/) and import into it.")
@click.option("--map", "map_file", type=click.Path(dir_okay=False, path_type=path_type), metavar="FILE",
              help="Which heading of the document is which part of the form (YAML): read when it exists, "
                   "written by every import. Default: PROJECT/tuonti-kartta-YEAR.yaml.")
@click.option("-o", "--output", "out", type=click.Path(path_type=path_type), metavar="PROJECT",
              help="The project folder to write. Default: a folder named after the document. "
                   "An existing project gets the report's years added.")
@click.option("--year", type=int, metavar="YYYY", help="The report's year. Default: the form's year.")
@click.option("--name", metavar="TEXT", help="The project's name, when the document does not say it.")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@lang_option
def import_command(document, report: str | None, new_form: str | None, map_file, out, year: int | None,
                   name: str | None, force: bool, lang: str | None) -> None:
    """Turn a finished report (DOCX, Markdown or text) into draft project data.

    Finds the form's sections and questions in DOCUMENT by their texts and puts each
    answer where the form's templates read it: numbers become named figures, goals
    and the results under them are recognised. Places worth a human look carry a
    '# Tarkista: …' comment; text that found no place is kept in
    tuonti-jaljelle-jaanyt-YEAR.md. Nothing is overwritten without --force.
    """
    from raportti.importing import import_report
    from raportti.problems import DataError, UsageError, UserError

    target = out if out is not None else document.with_suffix("")
    if target.resolve() == document.resolve():
        target = document.parent / (document.stem + "-hanke")
    speak(lang, target)
    if not report and not new_form:
        fail(UsageError(_("Say which form the document answers (--report NAME), or make one of its headings "
                          "(--new-form NAME).")))
        return
    try:
        summary = import_report(document, report, target, year=year, force=force, name=name, map_file=map_file,
                                ask=_asker(), new_form=new_form)
    except (DataError, UserError) as exc:
        fail(exc)
        return
    for path in summary.written:
        click.echo(_("Wrote {path}").format(path=relative(path)))
    click.echo(_("Found {found} of the form's parts ({answered} of {questions} questions); placed {placed} of "
                 "{answers} answers in the project's data; made {figures}, {goals} and {results}.").format(
        found=len(summary.found), answered=summary.questions - len(summary.missing), questions=summary.questions,
        placed=summary.placed, answers=summary.answers,
        figures=ngettext("{n} figure", "{n} figures", summary.figures).format(n=summary.figures),
        goals=ngettext("{n} goal", "{n} goals", summary.goals).format(n=summary.goals),
        results=ngettext("{n} result", "{n} results", summary.results).format(n=summary.results)))
    if summary.generated:
        click.echo(ngettext("{n} answer the report makes itself from other data (tables, lists); what it would "
                            "not write the same is in the leftovers file.",
                            "{n} answers the report makes itself from other data (tables, lists); what it would "
                            "not write the same is in the leftovers file.", summary.generated)
                   .format(n=summary.generated))
    if new_form:
        click.echo(_("Made the form '{name}' of the document's headings: {path}").format(
            name=new_form, path=relative(target / "templates" / new_form)))
    if summary.missing:
        click.echo(_("Not found in the document: {parts}").format(parts="; ".join(summary.missing)))
    if summary.weak:
        click.echo(ngettext("{n} heading was matched with little certainty; check it (and correct the map if "
                            "needed):",
                            "{n} headings were matched with little certainty; check them (and correct the map "
                            "if needed):", len(summary.weak)).format(n=len(summary.weak)))
        for line in summary.weak:
            click.echo(f"  {line}")
    if summary.own_chapters:
        click.echo(_("The document's own chapters the form has no place for (their text is in the leftovers "
                     "file): {chapters}").format(chapters="; ".join(summary.own_chapters)))
    if summary.map_file is not None:
        click.echo(_("Headings and the parts of the form they went to: {file}. To correct it, edit it and "
                     "import again with --map {file} --force.").format(file=relative(summary.map_file)))
    if summary.leftovers:
        click.echo(ngettext("{n} piece of text had no place; it is in {file}.",
                            "{n} pieces of text had no place; they are in {file}.", summary.leftovers)
                   .format(n=summary.leftovers, file=relative(summary.leftovers_file)))
    if summary.checks:
        click.echo(ngettext("{n} place to check (marked '# Tarkista' in the files):",
                            "{n} places to check (marked '# Tarkista' in the files):", len(summary.checks))
                   .format(n=len(summary.checks)))
        for line in summary.checks:
            click.echo(f"  {line}")
    for problem in summary.warnings:
        echo_problem(problem)
    command = f"raportti build {shell_arg(relative(target))} --report {shell_arg(summary.form)}"
    validates = ngettext("The project validates with {n} warning.", "The project validates with {n} warnings.",
                         len(summary.warnings)).format(n=len(summary.warnings))
    if summary.leftovers:
        click.echo(validates + " " + _("Next: move what you need from {file}, then {command}").format(
            file=relative(summary.leftovers_file), command=command))
    else:
        click.echo(validates + " " + _("Next: {command}").format(command=command))
