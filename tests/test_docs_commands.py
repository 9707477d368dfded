"""Every ``raportti …`` line the README and docs/ show names a command and options that
exist, with values the options accept; the lines that work on the repository's examples
are run, in a scratch copy, and succeed. A documented command that no longer exists (as
``raportti schema`` once did) fails here."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT
from raportti.cli.app import main

DOCS = [ROOT / "README.md", ROOT / "templates" / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```.*?$(.*?)^```", re.M | re.S)
INLINE = re.compile(r"`(raportti [^`]+)`")
# Words the docs write for "a value of your own": not checked against the option.
PLACEHOLDER = re.compile(r"^[A-ZÄÖ_.]+$|…|\.\.\.")


def shown_commands() -> list[tuple[str, str]]:
    """``(where, line)`` of each command line a page shows: in code blocks, and inline."""
    out = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(ROOT))
        for block in FENCE.findall(text):
            for line in block.splitlines():
                line = line.strip().removeprefix("$ ")
                if line.startswith("raportti ") or line == "raportti":
                    out.append((where, line))
        for inline in INLINE.findall(FENCE.sub("", text)):
            out.append((where, " ".join(inline.split())))
    return out


def words(line: str) -> list[str]:
    line = re.split(r"\s[|&;]\s|\s&&\s", line)[0]
    return shlex.split(line, comments=True)[1:]


def test_the_docs_show_commands():
    shown = shown_commands()
    assert len(shown) > 60
    assert any(line.startswith("raportti schema") for _, line in shown)


@pytest.mark.parametrize("where,line", shown_commands())
def test_a_shown_command_exists_with_its_options(where, line):
    args = words(line)
    if not args or args[0].startswith("-"):
        assert all(a in ("--help", "-h", "--version") for a in args), f"{where}: {line}"
        return
    name, rest = args[0], args[1:]
    command = main.get_command(click.Context(main), name)
    assert command is not None, f"{where}: '{line}': there is no command '{name}'"
    ctx = click.Context(command, info_name=name)
    parser = command.make_parser(ctx)
    try:
        values, extra, _ = parser.parse_args(rest)
    except click.UsageError as exc:
        raise AssertionError(f"{where}: '{line}': {exc.format_message()}") from None
    for param in command.params:
        value = values.get(param.name)
        if isinstance(param, click.Option) and isinstance(param.type, click.Choice) and value is not None:
            for one in value if isinstance(value, list) else [value]:
                assert PLACEHOLDER.search(one) or one in param.type.choices, \
                    f"{where}: '{line}': {one!r} is not one of {param.type.choices}"
    positional = [p for p in command.params if isinstance(p, click.Argument)]
    if not any(p.nargs == -1 for p in positional):
        count = sum(1 for p in positional if values.get(p.name) is not None)
        assert not extra and count <= len(positional), f"{where}: '{line}': too many arguments"


# Lines run for real: those on the repository's examples, and those that make something
# new in an empty folder. Not run: preview (a server), git revisions (--since), import of
# a document the docs only name, a build through LibreOffice.
def _runnable(line: str) -> bool:
    args = words(line)
    if len(args) < 2 or args[0] in ("preview", "import", "textconv"):
        return False
    if "--since" in args or "pdf" in args:
        return False
    if args[0] == "schema" or (args[0] == "init" and not args[1].startswith("-")):
        return True
    return args[1].startswith("examples/")


RUNNABLE = sorted({line for _, line in shown_commands() if _runnable(line)})


def test_some_lines_are_run():
    assert len(RUNNABLE) >= 8


@pytest.mark.parametrize("line", RUNNABLE)
def test_a_shown_command_on_the_examples_works(line, tmp_path, monkeypatch):
    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=shutil.ignore_patterns("build"))
    (tmp_path / "our-style.docx").write_bytes(b"")  # not run: see the filter above
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, words(line))
    assert result.exit_code == 0, f"'{line}':\n{result.output}"
    assert "Traceback" not in result.output
