"""Problems found in a project's data, and the exception that carries them.

A problem always points into a file: ``file:line:col: path: message``. Validation
collects all problems of a run before reporting, so a coordinator fixes them in one go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


def shown_path(path: Path, relative_to: Path | None) -> Path:
    """``path`` as shown to a user: relative to ``relative_to`` when it lies below it."""
    if relative_to is not None:
        try:
            return path.resolve().relative_to(relative_to.resolve())
        except (ValueError, RuntimeError, OSError):  # RuntimeError: a link loop (Python 3.11)
            pass
    return path


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or suspicious (warning) in the data."""

    message: str
    file: Path | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str = ""  # dotted field path inside the file, e.g. ``goals[1].text``
    severity: Severity = "error"
    code: str = "invalid"  # stable machine-readable kind, e.g. ``unknown-key``
    source_line: str | None = None
    # The values the message is made of, by name, for saying it in another language
    # (raportti.i18n.catalogue looks the code up; without args the English message stays).
    args: dict = field(default_factory=dict, compare=False, repr=False)
    # A warning about a year the report being checked does not read (validate --report):
    # that year, counted apart and not failed on with --strict.
    outside: int | None = field(default=None, compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self, relative_to: Path | None = None) -> str:
        if self.file is None:
            return ""
        parts = [str(shown_path(self.file, relative_to))]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def sort_key(self) -> tuple:
        return (str(self.file or ""), self.line or 0, self.column or 0, self.message)


def format_path(loc: tuple[str | int, ...]) -> str:
    """``("goals", 1, "text")`` → ``goals[1].text``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class ProblemList:
    """An ordered collection of problems with helpers for the common questions."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def sorted(self) -> list[Problem]:
        seen: set = set()
        out = []
        for p in sorted(self.items, key=Problem.sort_key):
            key = (p.file, p.line, p.column, p.message, p.severity)
            if key not in seen:
                seen.add(key)
                out.append(p)
        return out

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)


class DataError(Exception):
    """The project's data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data")


class UserError(Exception):
    """A plain-language error about the command's use (exit code 1, no traceback)."""


class UsageError(UserError):
    """The command was used wrongly: a report, year or revision that is not there
    (exit code 2, as for click's own usage errors)."""


class OutputError(UsageError):
    """The documents cannot be written where the command was told to write them."""
