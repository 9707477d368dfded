"""``raportti diff``: what changed between two report years, for the terminal or the board."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from raportti.cli.options import PROJECT, lang_option, path_type, speak
from raportti.cli.printing import fail, require_folders
from raportti.i18n.messages import _

if TYPE_CHECKING:
    from pathlib import Path


@click.command("diff")
@click.argument("project", type=PROJECT)
@click.argument("years", type=int, nargs=-1, required=True)
@click.option("--since", "revision", metavar="REV",
              help="Compare YEAR with the same year at a git revision (a commit, branch or tag), "
                   "e.g. the version that was submitted.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "docx", "json"]), default="text",
              show_default=True,
              help="text: for the terminal; md or docx: a document for the board's meeting papers; "
                   "json: the same as data.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=path_type), default=None,
              help="Write the document to this file (md prints to the terminal without it; docx "
                   "goes to build/ in the project folder).")
@click.option("--all", "everything", is_flag=True,
              help="Also list the figures that did not change, and how each text changed.")
@lang_option
def diff(project, years: tuple[int, ...], revision: str | None, fmt: str, output: Path | None,
         everything: bool, lang: str | None) -> None:
    """Show what changed between two report years.

    Compares two YEARS of PROJECT (e.g. 2024 2025): a summary line, then topic by topic
    what changed: goals added, reworded (with the stated reason) or dropped; figures as
    'label: old → new (±n; ±%)'; results, partners and sections added or left out; texts
    reworded, as the sentences before and after (--all shows them in the terminal). With
    --since REV, give one YEAR: it is compared with the same year's data at that git
    revision (a commit, branch or tag).

    \b
      raportti diff my-project 2024 2025
      raportti diff my-project 2024 2025 --format docx    # for the board
      raportti diff my-project 2025 --since HEAD~1
    """
    import tempfile
    from pathlib import Path

    from raportti.problems import DataError, UserError
    from raportti.years import diff as diffing
    from raportti.years import revisions

    speak(lang, project)
    require_folders([project])
    if revision is not None and len(years) != 1:
        raise click.UsageError(_("With --since REV give one YEAR: it is compared with itself at REV."))
    if revision is None and len(years) != 2:
        raise click.UsageError(_("Give two YEARS to compare (e.g. 2024 2025), or one YEAR with --since REV."))
    try:
        new_data = revisions.load(project)
        if revision is None:
            old_year, new_year = years
            revisions.require_year(new_data, old_year)
            revisions.require_year(new_data, new_year)
            result = diffing.compare(diffing.Side(new_data, old_year), diffing.Side(new_data, new_year))
        else:
            (year,) = years
            revisions.require_year(new_data, year)
            with tempfile.TemporaryDirectory(prefix="raportti-since-") as tmp:
                old_data = revisions.load_at_revision(project, revision, Path(tmp))
                revisions.require_year(old_data, year, _(" at revision '{revision}'").format(revision=revision),
                                       shown=project)
                result = diffing.compare(
                    diffing.Side(old_data, year, revision),
                    diffing.Side(new_data, year, working_tree=True,
                                 uncommitted=revisions.has_uncommitted_changes(project)))
    except (DataError, UserError) as exc:
        fail(exc)
        return
    from raportti.years import diffviews

    if fmt == "json":
        import json

        click.echo(json.dumps(diffviews.render_json(result, str(project)), ensure_ascii=False, indent=2))
    elif fmt == "text":
        click.echo(diffviews.render_text(result, str(project), everything=everything), nl=False)
    else:
        _write_diff_document(result, project, fmt, output, revision)


def _write_diff_document(result, project: Path, fmt: str, output: Path | None, revision: str | None) -> None:
    """The board's document: Markdown, or Word through the reports' writer."""
    from raportti.problems import OutputError
    from raportti.writers.output import check_folder, write_all
    from raportti.years import diffviews

    data = result.new.data
    name = data.project.name if data.project is not None else str(project)
    markdown = diffviews.render_markdown(result, name)
    if fmt == "md" and output is None:
        click.echo(markdown, nl=False)
        return
    if output is None:
        folder = project if project.is_dir() else project.parent
        stem = (f"muutokset-{result.new.year}-{revision}" if revision
                else f"muutokset-{result.old.year}-{result.new.year}")
        output = folder / "build" / f"{''.join(c if c.isalnum() or c in '-_.' else '-' for c in stem)}.{fmt}"
    try:
        check_folder(output.parent)
        if fmt == "md":
            content = markdown.encode("utf-8")
        else:
            from raportti.writers.docx import DocumentInfo, markdown_to_docx

            project_data = data.project
            info = DocumentInfo(title=markdown.splitlines()[0].lstrip("# "),
                                author=project_data.organisation if project_data else "",
                                company=project_data.organisation if project_data else "",
                                project=name)
            content = markdown_to_docx(markdown, info)
        write_all({output: content})
    except OutputError as exc:
        fail(exc)
        return
    click.echo(f"{output}")
