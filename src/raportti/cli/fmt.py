"""``raportti fmt``."""

from __future__ import annotations

import sys
import click

from raportti.cli.options import PROJECT, lang_option, speak
from raportti.cli.printing import echo_problem, relative
from raportti.i18n.messages import _, ngettext


@click.command("fmt")
@click.argument("paths", type=PROJECT, nargs=-1)
@click.option("--check", is_flag=True,
              help="Change nothing: list the files that would change and exit 1 if there are any (for CI).")
@lang_option
def fmt_command(paths: tuple, check: bool, lang: str | None) -> None:
    """Tidy the YAML files' layout (key order, indentation), keeping comments.

    PATHS are project folders (every project below a folder), year folders or single
    files; default '.'. Keys follow the schema's order, indentation is 2 (lists: '- '
    indented by 2), long lines are never wrapped; comments, block scalars, flow
    mappings and quotes stay as written. A second run changes nothing.
    """
    from pathlib import Path

    from raportti.project.layout import format_paths

    speak(lang, *paths, ".")
    result = format_paths(list(paths) or [Path(".")], write=not check)
    for problem in result.problems:
        echo_problem(problem)
    for path in result.changed:
        click.echo((_("Would reformat {path}") if check else _("Formatted {path}")).format(path=relative(path)))
    total = len(result.changed) + len(result.unchanged)
    if check:
        if result.changed:
            click.echo(ngettext("{n} of {total} files would change. Run 'raportti fmt' to format them.",
                                "{n} of {total} files would change. Run 'raportti fmt' to format them.",
                                len(result.changed)).format(n=len(result.changed), total=total), err=True)
        elif total or not result.problems:
            click.echo(ngettext("The {total} file is formatted.", "All {total} files are formatted.", total)
                       .format(total=total))
    elif total or not result.problems:
        click.echo(ngettext("{n} file formatted, {unchanged} already formatted.",
                            "{n} files formatted, {unchanged} already formatted.", len(result.changed))
                   .format(n=len(result.changed), unchanged=len(result.unchanged)))
    sys.exit(1 if result.problems or (check and result.changed) else 0)
