"""A project loaded and checked beyond the schema, for ``validate`` and ``build``."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from raportti.problems import DataError, Problem
from raportti.project.loading import ProjectData, read_project, resolve_references


# A second process pays off once the checks take long enough to hide. Measured on a
# generated project of 0.3 MB of YAML, the checks took 38 ms and forking about broke
# even (the forked process copies pages as either side touches them); at 3 MB the
# checks take 0.24 s and a build is 15 % faster with them in the background.
BACKGROUND_CHECKS_FROM = 500_000


def check_projects(roots: list[Path], report: str | None = None, jobs: int | None = None) -> list[Problem]:
    """Problems of many projects, checked in parallel processes when there are several.

    Projects are independent, so a tree of them splits across the machine's cores.
    """
    import os

    jobs = jobs or os.cpu_count() or 1
    if len(roots) == 1:
        return check_project(roots[0], report, background=jobs > 1)
    if jobs <= 1:
        return [p for root in roots for p in check_project(root, report, background=False)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(roots))) as pool:
        chunks = pool.map(check_project, roots, [report] * len(roots), [False] * len(roots),
                          chunksize=max(1, len(roots) // (jobs * 4)))
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


def check_project(root: Path, report: str | None = None, background: bool = True) -> list[Problem]:
    """All problems of a project, sorted by file and line. Raises nothing for bad data."""
    try:
        data = load_checked(root, background=background)
    except DataError as exc:
        return sorted(exc.problems, key=Problem.sort_key)

    problems = list(data.problems)
    # Without --report, the project's default report is checked as ``build`` checks it:
    # an answer too long for the form is an error, the other rules warn. Both commands
    # then count the same problems.
    as_build = report is None
    report = report or data.project.default_report
    if report is not None:
        from dataclasses import replace

        from raportti.report.forms import find_form, load_form
        from raportti.project.reportyear import year_problems
        from raportti.checks.formrules import check_rules

        folder = find_form(report, data.root)
        try:
            form = load_form(folder)
            found = year_problems(form, data)
            if not any(p.is_error for p in found):
                found += check_rules(data, form, folder, as_build=as_build)
        except DataError as exc:
            found = exc.problems
        problems += found
    return sorted(problems, key=Problem.sort_key)


