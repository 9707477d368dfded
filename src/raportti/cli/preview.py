"""``raportti preview``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

from raportti.cli.options import PROJECT, lang_option, speak, year_option
from raportti.cli.printing import fail, require_folders


@click.command()
@click.argument("project", type=PROJECT, default=".")
@click.option("-r", "--report", metavar="NAME",
              help="Report structure to show. Default: default_report in project.yaml.")
@click.option("-p", "--port", type=click.IntRange(1, 65535), default=None,
              help="Port on 127.0.0.1 to serve on. Default: 8765, or a free one if that is taken.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser; just print the address.")
@year_option
@lang_option
def preview(project: Path, report: str | None, port: int | None, no_browser: bool, year: int | None,
            lang: str | None) -> None:
    """Show a report of PROJECT in the browser, updated on every save.

    The page shows each question with its answer as STEA's online form asks them, the
    answer's length, and a button that copies it as plain text for the form. Problems
    in the data are listed at the top. It is served on this machine only (127.0.0.1).
    Stop with Ctrl-C.
    """
    from raportti.problems import UserError

    speak(lang, project)
    require_folders([project])
    from raportti.preview.loop import run as run_preview

    try:
        run_preview(project, report=report, port=port, open_browser=not no_browser, say=click.echo, year=year)
    except UserError as exc:
        fail(exc)
