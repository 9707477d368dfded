"""``raportti textconv``."""

from __future__ import annotations

import click

from raportti.cli.options import lang_option, speak


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@lang_option
def textconv(file: str, lang: str | None) -> None:
    """Print a DOCX file's text, for 'git diff'.

    One paragraph of FILE a line: headings start with '#', list items with '- ' or
    '1. ', a table row shows its cells separated by ' | '. In a repository,
    '.gitattributes' with '*.docx diff=raportti' and 'git config
    diff.raportti.textconv "raportti textconv --"' make git diff show the changes in
    committed reports. A file that cannot be read as a DOCX prints a one-line note in
    place of its text and exits 0, because git stops the whole diff when a textconv
    command fails.
    """
    from pathlib import Path

    from raportti.source.docxfile import DocxError
    from raportti.years.textconv import docx_text, unreadable_note

    speak(lang, file)
    try:
        click.echo(docx_text(Path(file)), nl=False)
    except DocxError as exc:
        click.echo(unreadable_note(Path(file), exc), nl=False)
