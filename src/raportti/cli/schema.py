"""``raportti schema``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

from raportti.cli.options import path_type
from raportti.cli.printing import relative


@click.command()
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False, path_type=path_type),
              default="schemas", show_default=True, help="Folder to write the schemas into.")
def schema(folder: Path) -> None:
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

    changed = write_schemas(folder)
    for path in changed:
        click.echo(f"Wrote {relative(path)}")
    if not changed:
        click.echo(f"The {len(json_schemas())} schemas in {relative(folder)} are up to date.")
