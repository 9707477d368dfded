"""``raportti fmt``."""

from __future__ import annotations

import sys
import click

from raportti.cli.options import PROJECT
from raportti.cli.printing import echo_problem, relative


@click.command("fmt")
@click.argument("paths", type=PROJECT, nargs=-1)
@click.option("--check", is_flag=True,
              help="Change nothing: list the files that would change and exit 1 if there are any (for CI).")
def fmt_command(paths: tuple, check: bool) -> None:
    """Tidy the YAML files' layout (key order, indentation), keeping comments.

    PATHS are project folders (every project below a folder), year folders or single
    files; default '.'. Keys follow the schema's order, indentation is 2 (lists: '- '
    indented by 2), long lines are never wrapped; comments, block scalars, flow
    mappings and quotes stay as written. A second run changes nothing.
    """
    from pathlib import Path

    from raportti.project.layout import format_paths

    result = format_paths(list(paths) or [Path(".")], write=not check)
    for problem in result.problems:
        echo_problem(problem)
    for path in result.changed:
        click.echo(f"Would reformat {relative(path)}" if check else f"Formatted {relative(path)}")
    total = len(result.changed) + len(result.unchanged)
    if check:
        if result.changed:
            click.echo(f"{len(result.changed)} of {total} file(s) would change. Run 'raportti fmt' to "
                       "format them.", err=True)
        elif total or not result.problems:
            click.echo(f"All {total} file(s) are formatted.")
    elif total or not result.problems:
        click.echo(f"{len(result.changed)} file(s) formatted, {len(result.unchanged)} already formatted.")
    sys.exit(1 if result.problems or (check and result.changed) else 0)
