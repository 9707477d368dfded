"""``raportti validate``: every problem of a project, schema and beyond."""

from __future__ import annotations

from pathlib import Path

from raportti.problems import DataError, Problem
from raportti.project import ProjectData, load_project


def check_projects(roots: list[Path], report: str | None = None, jobs: int | None = None) -> list[Problem]:
    """Problems of many projects, checked in parallel processes when there are several.

    Projects are independent, so a tree of them splits across the machine's cores.
    """
    import os

    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(roots) <= 1:
        return [p for root in roots for p in check_project(root, report)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(roots))) as pool:
        chunks = pool.map(check_project, roots, [report] * len(roots), chunksize=max(1, len(roots) // (jobs * 4)))
        return [p for chunk in chunks for p in chunk]


def load_checked(root: Path) -> ProjectData:
    """A project loaded and checked beyond the schema; DataError (with every problem)
    if anything is an error. Warnings stay in ``data.problems``."""
    from raportti.checks import run_checks

    data = load_project(root)
    data.problems.extend(run_checks(data))
    if data.problems.errors:
        raise DataError(data.problems.sorted())
    return data


def check_project(root: Path, report: str | None = None) -> list[Problem]:
    """All problems of a project, sorted by file and line. Raises nothing for bad data."""
    try:
        data = load_checked(root)
    except DataError as exc:
        return sorted(exc.problems, key=Problem.sort_key)

    problems = list(data.problems)
    if report is not None:
        from raportti.forms import find_form, load_form
        from raportti.rules import check_rules

        folder = find_form(report, data.root)
        try:
            problems += check_rules(data, load_form(folder), folder)
        except DataError as exc:
            problems += exc.problems
    return sorted(problems, key=Problem.sort_key)


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
