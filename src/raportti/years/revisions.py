"""A project as it was at a git revision (``raportti diff --since REV``), and loading one.

The project folder at the revision is written into a temporary folder with ``git
archive`` and loaded from there; problems name its files as ``REV:path``.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tarfile
from pathlib import Path

from raportti.i18n.suggestions import suggestion
from raportti.problems import DataError, UsageError, UserError
from raportti.project.loading import ProjectData, load_project


def load(root: Path) -> ProjectData:
    # References are not needed to compare, and a reference error should not stop a diff.
    return load_project(root, resolve=False)


def require_year(data: ProjectData, year: int, where: str = "", shown: str | Path | None = None) -> None:
    """``shown``: the project folder as the user named it (an older revision is read
    from a temporary folder, whose name means nothing to them)."""
    if year in data.years:
        return
    years = ", ".join(str(y) for y in sorted(data.years)) or "none"
    message = f"There is no year folder {year} in '{shown or data.root}'{where}. Years: {years}."
    if data.years:
        message += f" Did you mean {nearest_year(year, data.years)}?"
    raise UsageError(message)


def nearest_year(year: int, years) -> int:
    """For "Did you mean": the closest year, not the closest spelling (2023 → 2024)."""
    return min(sorted(years), key=lambda y: abs(y - year))



def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except FileNotFoundError:
        raise UserError("git is not installed (or not on PATH), so --since cannot read old versions.") from None


def has_uncommitted_changes(root: Path) -> bool:
    """Whether the project folder has changes git has not committed (or cannot tell)."""
    root = root.resolve()
    status = _git(["status", "--porcelain", "--", "."], root if root.is_dir() else root.parent)
    return status.returncode != 0 or bool(status.stdout.strip())


def project_at_revision(root: Path, revision: str, into: Path) -> Path:
    """Write the project folder as it was at a git revision into ``into``; its path there."""
    root = root.resolve()
    if root.is_file():
        root = root.parent
    found = _git(["rev-parse", "--show-toplevel"], root)
    if found.returncode != 0:
        raise UserError(f"'{root}' is not in a git repository, so there is no revision to compare with.")
    top = Path(found.stdout.decode().strip()).resolve()
    if revision.startswith("-") or _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top).returncode:
        refs = _git(["for-each-ref", "--format=%(refname:short)"], top).stdout.decode().split()
        tags = _git(["tag", "--list"], top).stdout.decode().split()
        raise UsageError(
            f"There is no commit, branch or tag '{revision}' in the git repository at '{top}'."
            + suggestion(revision, refs, otherwise=(
                f" Tags: {', '.join(tags[-10:])}." if tags else " It has no tags yet: tag the commit of "
                f"what you submit (git tag {revision if not revision.startswith('-') else 'v1.0'}).")
                + " A commit works too: HEAD~1 is the one before the latest."))
    prefix = root.relative_to(top).as_posix()
    args = ["archive", "--format=tar", revision]
    if prefix != ".":
        args += ["--", prefix]
    archive = _git(args, top)
    if archive.returncode != 0:
        raise UserError(f"The project folder '{prefix}' did not exist at revision '{revision}'.")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # Python before 3.10.12: git's own archive, but still no paths out of ``into``
            members = [m for m in tar.getmembers()
                       if (m.isfile() or m.isdir()) and not m.name.startswith("/") and ".." not in m.name.split("/")]
            tar.extractall(into, members=members)
    return into / prefix if prefix != "." else into


def load_at_revision(root: Path, revision: str, into: Path) -> ProjectData:
    """Load the project as it was at a revision; problems name files as ``REV:path``."""
    folder = project_at_revision(root, revision, into)
    try:
        return load(folder)
    except DataError as exc:
        problems = []
        for problem in exc.problems:
            if problem.file is not None:
                try:
                    relative = problem.file.resolve().relative_to(into.resolve()).as_posix()
                    problem = dataclasses.replace(problem, file=Path(f"{revision}:{relative}"))
                except ValueError:
                    pass
            problems.append(problem)
        raise DataError(problems) from None


