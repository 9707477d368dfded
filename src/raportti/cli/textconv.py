"""``raportti textconv``."""

from __future__ import annotations

import click

from raportti.cli.printing import fail


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def textconv(file: str) -> None:
    """Print a DOCX file's text, for 'git diff'.

    One paragraph of FILE a line: headings start with '#', list items with '- ' or
    '1. ', a table row shows its cells separated by ' | '. In a repository,
    '.gitattributes' with '*.docx diff=raportti' and 'git config
    diff.raportti.years.textconv "raportti textconv"' make git diff show the changes in
    committed reports.
    """
    from pathlib import Path

    from raportti.problems import UserError
    from raportti.years.textconv import docx_text

    try:
        click.echo(docx_text(Path(file)), nl=False)
    except UserError as exc:
        fail(exc)
