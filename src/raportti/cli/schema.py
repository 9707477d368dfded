"""``raportti schema``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

from raportti.cli.options import lang_option, path_type, speak
from raportti.cli.printing import relative
from raportti.i18n.messages import _


@click.command()
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=path_type),
              default="schemas", show_default=True, help="Folder to write the schemas into.")
@lang_option
def schema(folder: Path, lang: str | None) -> None:
    """Write the JSON Schemas of the data files, for editors.

    One schema per kind of file (project.yaml, goals.yaml …, and a report structure's
    form.yaml), made from raportti's own models: an editor that reads the
    '# yaml-language-server: $schema=…' line at the top of a file completes its keys,
    shows Finnish help on hover and marks mistakes as you type. 'raportti init' writes
    them into a new project; run this after updating raportti to refresh them.

    \b
      raportti schema
      raportti schema -o my-project/.raportti/schemas
    """
    from raportti.report.jsonschema import json_schemas, write_schemas

    speak(lang)
    changed = write_schemas(folder)
    for path in changed:
        click.echo(_("Wrote {path}").format(path=relative(path)))
    if not changed:
        click.echo(_("The {n} schemas in {folder} are up to date.").format(
            n=len(json_schemas()), folder=relative(folder)))
