"""A project loaded and checked beyond the schema, for ``validate`` and ``build``."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from raportti.problems import DataError, Problem, UserError
from raportti.project.loading import ProjectData, read_project, resolve_references


# A second process pays off once the checks take long enough to hide. Measured on a
# generated project of 0.3 MB of YAML, the checks took 38 ms and forking about broke
# even (the forked process copies pages as either side touches them); at 3 MB the
# checks take 0.24 s and a build is 15 % faster with them in the background.
BACKGROUND_CHECKS_FROM = 500_000


def check_projects(roots: list[Path], report: str | None = None, jobs: int | None = None,
                   year: int | None = None) -> list[Problem]:
    """Problems of many projects, checked in parallel processes when there are several.

    Projects are independent, so a tree of them splits across the machine's cores.
    """
    import os

    jobs = jobs or os.cpu_count() or 1
    if len(roots) == 1:
        return check_project(roots[0], report, background=jobs > 1, year=year)
    if jobs <= 1:
        return [p for root in roots for p in check_project(root, report, background=False, year=year)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(roots))) as pool:
        chunks = pool.map(check_project, roots, [report] * len(roots), [False] * len(roots),
                          [year] * len(roots), chunksize=max(1, len(roots) // (jobs * 4)))
        return [p for chunk in chunks for p in chunk]


class checked_project:  # noqa: N801 - used like a function: ``with checked_project(root) as data``
    """A project loaded and resolved, checked beyond the schema while the block runs.

    On a large project the checks run in a second process, overlapping with resolving
    references and with whatever the block does (rendering, writing the DOCX). When
    the block ends, any error (the loading's or the checks') raises DataError with every
    problem, also if the block itself failed on data the checks reject. Warnings are
    left in ``data.problems``. Checks run only on data that read and validated cleanly.

    Only the block holds the data: it may let it go once it is done with it.
    """

    def __init__(self, root: Path, *, background: bool = True, idle: bool = False,
                 provenance: bool = False, reader: Any = None) -> None:
        """``idle``: the block does next to nothing (validate), so this process takes
        the text checks while the second one does the rest. ``provenance``: figures in
        texts are marked with where they come from (``data.provenance``). ``reader``
        reads one YAML file (see :func:`raportti.project.loading.read_project`)."""
        self.root, self.background, self.idle = root, background, idle
        self.provenance, self.reader = provenance, reader
        self._checks: Any = None

    def __enter__(self) -> ProjectData:
        from raportti.checks.background import Background
        from raportti.checks.data import run_checks
        from raportti.checks.text import check_text

        data = read_project(self.root, self.reader) if self.reader else read_project(self.root)
        if self.provenance:
            data.provenance = []
        self._problems = data.problems
        share = False
        if data.project is not None and not data.problems.errors:
            large = sum(len(source.text) for source in data.sources()) >= BACKGROUND_CHECKS_FROM
            fork = self.background and large
            share = fork and self.idle
            self._checks = Background(functools.partial(run_checks, text=not share), data, fork=fork)
        try:
            resolve_references(data)
            if share:  # the text checks read the YAML's own text, resolved or not
                data.problems.extend(check_text(data))
        except BaseException:
            self._cancel()
            raise
        if data.project is None or data.problems.errors:
            self._join()
            raise DataError(data.problems.sorted())
        return data

    def __exit__(self, kind: type[BaseException] | None, *_: Any) -> bool:
        if kind is not None and not issubclass(kind, Exception):  # Ctrl-C: stop, do not wait
            self._cancel()
            return False
        self._join()
        if self._problems.errors:  # these explain a failure of the block, if there was one
            raise DataError(self._problems.sorted()) from None
        return False

    def _join(self) -> None:
        if self._checks is not None:
            checks, self._checks = self._checks, None
            self._problems.extend(checks.result())

    def _cancel(self) -> None:
        if self._checks is not None:
            self._checks.cancel()
            self._checks = None


def load_checked(root: Path, *, background: bool = True) -> ProjectData:
    """A project loaded and checked beyond the schema; DataError (with every problem)
    if anything is an error. Warnings stay in ``data.problems``."""
    with checked_project(root, background=background, idle=True) as data:
        return data


def check_project(root: Path, report: str | None = None, background: bool = True,
                  year: int | None = None) -> list[Problem]:
    """All problems of a project, sorted by file and line. Raises nothing for bad data.

    With ``report`` (validate --report) the data is judged as that report reads it: a
    warning about a year the report does not read is marked ``outside`` (counted apart,
    not failed on with --strict). ``year``: the report year asked for (--year); a year
    folder that is not there raises UsageError."""
    try:
        data = load_checked(root, background=background)
    except DataError as exc:
        return sorted(exc.problems, key=Problem.sort_key)

    problems = list(data.problems) + unknown_answers(data)
    # Without --report, the project's default report is checked as ``build`` checks it:
    # an answer too long for the form is an error, the other rules warn. Both commands
    # then count the same problems.
    as_build = report is None
    judged = report is not None or year is not None  # as the report reads the data
    report = report or data.project.default_report
    if report is not None:
        from dataclasses import replace

        from raportti.report.forms import find_form, load_form
        from raportti.project.reportyear import year_problems
        from raportti.checks.formrules import check_rules

        from raportti.project.reportyear import check_asked_year, choose_year

        folder = find_form(report, data.root)
        check_asked_year(year, data.years)
        form = None
        try:
            form = load_form(folder)
            found = year_problems(form, data, year)
            if not any(p.is_error for p in found):
                found += check_rules(data, form, folder, as_build=as_build, asked=year)
        except DataError as exc:
            found = exc.problems
        problems += found
        if form is not None and judged:
            problems = mark_outside(problems, data, form, folder,
                                    choose_year(form, data.project, data.years, year))
    return sorted(problems, key=Problem.sort_key)


def unknown_answers(data: ProjectData) -> list[Problem]:
    """A warning for each deliberate answer in a year.yaml (``answers:``) whose key is no
    question's id or number in any report structure: a misspelt id would never print."""
    from raportti.i18n.messages import _
    from raportti.report.forms import available_forms, find_form, load_form
    from raportti.schema.errors import suggestion

    stated = [(year, key) for year in data.years.values()
              for key in getattr(year.files.get("year"), "answers", None) or {}]
    if not stated:
        return []
    known: set[str] = set()
    for name in available_forms(data.root):
        try:
            form = load_form(find_form(name, data.root))
        except (DataError, UserError):
            continue
        known.update(q.id if q.id else str(q.number) for q in form.questions() if q.id or q.number is not None)
        known.update(str(q.number) for q in form.questions() if q.number is not None)
    out = []
    for year, key in stated:
        if key not in known:
            out.append(year.sources["year"].problem(
                ("answers", key), _("No report structure has a question '{key}': this answer is never "
                                    "printed. Use a question's id or number ('raportti reports NAME' shows them).")
                .format(key=key) + suggestion(key, sorted(known)),
                path=f"answers.{key}", severity="warning", code="unknown-answer", at_key=True))
    return out


def mark_outside(problems: list[Problem], data: Any, form: Any, folder: Path,
                 report_year: int | None) -> list[Problem]:
    """The problems, each warning about a year file the report does not read marked
    with that year (``Problem.outside``). The data map costs a third of a second, so it
    is made only when a warning is about another year than the report's. ``data``: the
    project, or its :func:`year_shape` when the project itself has been let go."""
    if report_year is None or not any(_year_of(p, data.root) not in (None, report_year)
                                      for p in problems if not p.is_error):
        return list(problems)
    read = years_read(data, form, folder, report_year)
    return [_mark_outside(p, data.root, read, report_year) for p in problems]


@dataclass
class YearShape:
    """What :func:`years_read` needs of a project: its root, its year folders and the
    year of the goals in force in each year (a build lets the data itself go early)."""

    root: Path
    years: dict[int, Any]
    in_force: dict[int, int | None]

    def goals_in_force(self, year: int) -> tuple[int | None, None]:
        return self.in_force.get(year), None


def year_shape(data: ProjectData) -> YearShape:
    numbers = sorted(data.years)
    span = range(numbers[0] - 1, numbers[-1] + 2) if numbers else range(0)
    return YearShape(data.root, {n: None for n in numbers}, {n: data.goals_in_force(n)[0] for n in span})


def _year_of(problem: Problem, root: Path) -> int | None:
    """The year folder a problem's file is in (or is), else None."""
    from raportti.project.loading import YEAR_FOLDER

    if problem.file is None:
        return None
    try:
        parts = problem.file.resolve().relative_to(root.resolve()).parts
    except (ValueError, OSError, RuntimeError):
        return None
    return int(parts[0]) if parts and YEAR_FOLDER.match(parts[0]) else None


def years_read(data: Any, form: Any, folder: Path, report_year: int | None) -> set[tuple[int, str]]:
    """``(year, kind)`` of each year file a report of ``report_year`` reads, from the
    data map of its templates (:mod:`raportti.report.datamap`): the report year's files, the
    goals in force, every year's for a form that reads them all."""
    from raportti.report.datamap import question_data

    subtitle, questions = question_data(form, folder)
    readings = [*subtitle, *(r for q in questions for r in q.readings)]
    read: set[tuple[int, str]] = set()
    for reading in readings:
        if reading.years is None:  # project.yaml
            continue
        for number in data.years:
            if report_year is None:
                hit = True
            elif reading.years.kind == "in-force":
                hit = number == data.goals_in_force(report_year + reading.years.offset)[0]
            else:
                hit = reading.years.covers(number, report_year)
            if hit:
                read.add((number, reading.kind))
    return read


def _mark_outside(problem: Problem, root: Path, read: set[tuple[int, str]], report_year: int) -> Problem:
    """The problem, marked with its year when it is a warning about a year file the
    report does not read, or about another year's folder as a whole (empty, outside the
    project's period): the report reads that year's goals at most."""
    from dataclasses import replace

    number = _year_of(problem, root)
    if problem.is_error or number is None:
        return problem
    parts = problem.file.resolve().relative_to(root.resolve()).parts
    if len(parts) == 1:  # the year folder itself
        inside = number == report_year or (report_year is None and any(n == number for n, _ in read))
    else:
        inside = (number, Path(parts[1]).stem) in read
    return problem if inside else replace(problem, outside=number)


SKIPPED_FOLDERS = {"build", "node_modules", "templates", "__pycache__"}


def find_projects(root: Path) -> list[Path]:
    """``root`` if it is a project, else every project folder below it."""
    root = Path(root)
    if (root / "project.yaml").is_file() or (root / "project.yml").is_file() or not root.is_dir():
        return [root]
    found = []
    for path in sorted(root.rglob("project.y*ml")):
        parts = path.relative_to(root).parts[:-1]
        if path.name in ("project.yaml", "project.yml") and not any(
            p.startswith(".") or p in SKIPPED_FOLDERS for p in parts
        ):
            found.append(path.parent)
    return found or [root]
