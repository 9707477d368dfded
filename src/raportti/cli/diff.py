"""``raportti diff``."""

from __future__ import annotations

import click

from raportti.cli.options import PROJECT
from raportti.cli.printing import fail, require_folders


@click.command("diff")
@click.argument("project", type=PROJECT)
@click.argument("years", type=int, nargs=-1, required=True)
@click.option("--since", "revision", metavar="REV",
              help="Compare YEAR with the same year at a git revision (a commit, branch or tag), "
                   "e.g. the version that was submitted.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output: readable text, or JSON.")
@click.option("--all", "everything", is_flag=True, help="Also list the figures that did not change.")
def diff(project, years: tuple[int, ...], revision: str | None, fmt: str, everything: bool) -> None:
    """Show what changed between two report years.

    Compares two YEARS of PROJECT (e.g. 2024 2025): a summary line, then what changed:
    goals added, reworded (with the stated reason) or dropped; figures as 'label: old →
    new (±n; ±%)' in Finnish number style (--all: also those that did not change);
    figures that appear or disappear; named partners; changed texts as a word diff. With
    --since REV, give one YEAR: it is compared with the same year's data at that git
    revision (a commit, branch or tag).

    \b
      raportti diff my-project 2024 2025
      raportti diff my-project 2025 --since HEAD~1
    """
    import tempfile
    from pathlib import Path

    from raportti.years import diff as diffing
    from raportti.problems import DataError, UserError

    require_folders([project])
    if revision is not None and len(years) != 1:
        raise click.UsageError("With --since REV give one YEAR: it is compared with itself at REV.")
    if revision is None and len(years) != 2:
        raise click.UsageError("Give two YEARS to compare (e.g. 2024 2025), or one YEAR with --since REV.")
    try:
        new_data = diffing.load(project)
        if revision is None:
            old_year, new_year = years
            diffing.require_year(new_data, old_year)
            diffing.require_year(new_data, new_year)
            result = diffing.compare(diffing.Side(new_data, old_year), diffing.Side(new_data, new_year))
        else:
            (year,) = years
            diffing.require_year(new_data, year)
            with tempfile.TemporaryDirectory(prefix="raportti-since-") as tmp:
                old_data = diffing.load_at_revision(project, revision, Path(tmp))
                diffing.require_year(old_data, year, f" at revision '{revision}'", shown=project)
                result = diffing.compare(
                    diffing.Side(old_data, year, revision),
                    diffing.Side(new_data, year, working_tree=True,
                                 uncommitted=diffing.has_uncommitted_changes(project)))
    except (DataError, UserError) as exc:
        fail(exc)
        return
    name = str(project)
    if fmt == "json":
        import json

        click.echo(json.dumps(diffing.render_json(result, name), ensure_ascii=False, indent=2))
    else:
        click.echo(diffing.render_text(result, name, everything=everything), nl=False)
