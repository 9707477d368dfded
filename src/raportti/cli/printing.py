"""Printing problems and failures: the one place that decides how a message looks and
which exit code a failure gets (0 success, 1 errors in the data, 2 wrong use)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path

from raportti.cli.options import path_type
from raportti.i18n.messages import _, ngettext


def echo_problem(problem, fmt: str = "text", strict: bool = False) -> None:
    from raportti.i18n import catalogue as translations

    severity = "error" if problem.is_error or strict else "warning"
    text = translations.message(problem)
    where = problem.location(path_type('.'))
    if fmt == "github":
        params = []
        if problem.file is not None:
            params.append(f"file={relative(problem.file)}")
        if problem.line:
            params.append(f"line={problem.line}")
        if problem.column:
            params.append(f"col={problem.column}")
        title = f"raportti {problem.code}"
        params.append(f"title={title}")
        message = (f"{problem.path}: " if problem.path else "") + text
        click.echo(f"::{severity} {','.join(params)}::{_github_escape(message)}")
        return
    prefix = f"{where}: " if where else ""
    path = f"{problem.path}: " if problem.path else ""
    label = click.style(_("{severity}:").format(severity=translations.severity(severity)),
                        fg="red" if severity == "error" else "yellow", bold=True)
    click.echo(f"{prefix}{label} {path}{text}", err=True)
    if problem.source_line is not None and problem.source_line.strip():
        shown, caret_at = _excerpt(problem.source_line.rstrip().expandtabs(),
                                   len(problem.source_line[: (problem.column or 1) - 1].expandtabs()))
        click.echo(f"    {shown}", err=True)
        if problem.column:
            click.echo("    " + " " * caret_at + "^", err=True)


def _excerpt(line: str, column: int, width: int = 100) -> tuple[str, int]:
    """A long source line cut to about ``width`` characters around ``column`` (0-based),
    with '…' where it was cut; the line and the caret's new column."""
    if len(line) <= width:
        return line, column
    start = max(0, min(column - width // 3, len(line) - width))
    end = start + width
    shown = line[start:end]
    if start > 0:
        shown = "…" + shown[1:]
    if end < len(line):
        shown = shown[:-1] + "…"
    return shown, column - start


def relative(path: Path) -> str:
    from raportti.problems import shown_path

    return str(shown_path(path, path_type(".")))


def shell_arg(value) -> str:
    """A path or name as it is typed in a command line: quoted when it has spaces or other
    characters the shell reads itself, so a "Next:" hint can be copied as it is."""
    import os
    import re
    import shlex

    text = str(value)
    if os.name == "nt":
        return f'"{text}"' if re.search(r'[\s&|<>^"]', text) else text
    return shlex.quote(text)


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def problem_json(problem, strict: bool) -> dict:
    from raportti.i18n import catalogue as translations

    return {
        "file": relative(problem.file) if problem.file else None,
        "line": problem.line,
        "column": problem.column,
        "path": problem.path,
        "severity": "error" if problem.is_error or strict else problem.severity,
        "code": problem.code,
        "message": translations.message(problem),
    }


def fail(exc: Exception) -> None:
    """Show a user-facing failure and exit 1 (2 for a wrong use of the command)."""
    from raportti.problems import DataError, UsageError

    if isinstance(exc, DataError):
        for problem in exc.problems:
            echo_problem(problem)
        errors = sum(1 for p in exc.problems if p.is_error)
        stopped = ngettext("Stopped: {n} error. Nothing was written.",
                           "Stopped: {n} errors. Nothing was written.", errors).format(n=errors)
        click.echo(click.style(stopped, fg="red"), err=True)
    else:
        click.echo(click.style(_("Error: "), fg="red", bold=True) + str(exc), err=True)
    sys.exit(2 if isinstance(exc, UsageError) else 1)


def require_folders(paths) -> None:
    """A project folder that is not there is a wrong use of the command (exit 2)."""
    for path in paths:
        if not path.exists():
            raise click.UsageError(_("The project folder '{path}' does not exist.").format(path=path))

