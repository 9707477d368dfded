"""Loading a project folder: project.yaml and its year folders, validated and resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from raportti import SCHEMA_VERSION
from raportti.i18n.messages import _
from raportti.schema.models import FILE_KINDS, Project
from raportti.schema.models.files import GoalsFile
from raportti.i18n.suggestions import suggestion
from raportti.problems import DataError, Problem, ProblemList
from raportti.project.references import Resolver, index_figures
from raportti.project.surveys import compute_surveys
from raportti.project.reportyear import empty_year_problems
from raportti.schema.errors import validate_source
from raportti.source.reader import SourceFile, read_source

YEAR_FOLDER = re.compile(r"^\d{4}$")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class YearData:
    """One report year: its folder and the validated model of each file in it."""

    year: int
    folder: Path
    files: dict[str, BaseModel] = field(default_factory=dict)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)  # kinds whose file could not be read or validated


@dataclass
class ProjectData:
    """A loaded project: everything a report is rendered from."""

    root: Path
    project: Project  # None only in read_project's result, when project.yaml is invalid
    project_source: SourceFile
    years: dict[int, YearData]
    problems: ProblemList
    # Set to a list before resolving to have figures marked with where they come from
    # (raportti.project.provenance); the HTML page shows it.
    provenance: list | None = None
    # Figures that a survey export should have given but could not (its error is
    # reported): ``(id of their figures mapping, name)``, not warned about as unfilled.
    uncomputed: set = field(default_factory=set)

    def goal_sets(self) -> list[tuple[int, GoalsFile]]:
        """Every goals.yaml with its year, in order."""
        return [(n, y.files["goals"]) for n, y in sorted(self.years.items())
                if isinstance(y.files.get("goals"), GoalsFile)]

    def latest(self, kind: str, year: int) -> tuple[int | None, BaseModel | None]:
        """The latest file of a kind at or before a year, and the year it is from."""
        found: tuple[int | None, BaseModel | None] = (None, None)
        for number, data in sorted(self.years.items()):
            if number <= year and kind in data.files:
                found = (number, data.files[kind])
        return found

    def goals_in_force(self, year: int) -> tuple[int | None, GoalsFile | None]:
        """The goal set in force in a year (the latest goals.yaml) and the year it started."""
        return self.latest("goals", year)  # type: ignore[return-value]

    def sources(self):
        yield self.project_source
        for year in self.years.values():
            yield from year.sources.values()


def load_project(root: Path, *, resolve: bool = True) -> ProjectData:
    """Read, validate and resolve a project. Raises DataError if it has errors.

    Warnings are kept in the returned ``problems``; the caller decides how to show them.
    """
    data = read_project(root)
    if resolve:
        # Also when other files have errors: every problem of a run is reported at once.
        resolve_references(data)
    if data.project is None or data.problems.errors:
        raise DataError(data.problems.sorted())
    return data


def read_project(root: Path, reader=read_source) -> ProjectData:
    """Read and validate a project, references unresolved; problems are collected in
    ``problems``, and ``project`` is None if project.yaml is invalid. Raises DataError
    only when there is no project to read at all.

    ``reader`` reads one YAML file (the preview passes one that keeps unchanged files).
    """
    problems = ProblemList()
    root = Path(root)
    if not root.exists():
        raise DataError([Problem(_("The project folder '{root}' does not exist.").format(root=root), file=root, code="missing-folder")])
    if root.is_file():
        if root.name in ("project.yaml", "project.yml"):
            root = root.parent
        else:
            raise DataError([Problem(
                _("'{root}' is a file; give the project folder (the one with project.yaml).").format(root=root),
                file=root, code="not-a-folder")])

    project_path = _find_yaml(root, "project")
    if project_path is None:
        raise DataError([Problem(
            _("No project.yaml in '{root}': a project folder starts with project.yaml (see "
              "docs/data-format.md).").format(root=root),
            file=root / "project.yaml", code="missing-project")])

    project_source, found = reader(project_path, root)
    if project_source is not None and project_source.data is None:
        raise DataError([Problem(
            _("{name} is empty. It needs at least these lines:\n      schema_version: 1\n      name: "
              "Hankkeen nimi\n      organisation: Järjestö ry\n    ('raportti init NEW-FOLDER' writes a "
              "complete project to start from.)").format(name=project_path.name),
            file=project_path, line=1, column=1, code="empty-project", args={"file": project_path.name})])
    problems.extend(found)
    if project_source is None:
        raise DataError(problems.sorted())
    version_problem = _check_schema_version(project_source)
    if version_problem:
        raise DataError([version_problem])
    project, found = validate_source(project_source, Project)
    problems.extend(found)

    years: dict[int, YearData] = {}
    for folder in sorted(p for p in root.iterdir() if YEAR_FOLDER.match(p.name)):
        if folder.is_dir():
            years[int(folder.name)] = _load_year(folder, problems, root, reader)
        elif folder.is_symlink():  # a link to nowhere, or to itself: is_dir() says no
            problems.add(Problem(
                _("The year folder '{name}' is a link that leads nowhere (or back to itself): replace it "
                  "with the folder it should be.").format(name=folder.name), file=folder, code="broken-link"))
    problems.extend(unread_entries(root))
    problems.extend(empty_year_problems(root, years))
    data = ProjectData(root=root, project=project, project_source=project_source, years=years, problems=problems)
    # Figures computed from survey exports take their values now, before anything reads them.
    compute_surveys(data)
    return data


# What a project folder may hold besides project.yaml and its year folders, unread.
KNOWN_FOLDERS = {"build", "templates", "schemas", "docs", "node_modules", "__pycache__"}
LOOKS_LIKE_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def unread_entries(root: Path) -> list[Problem]:
    """Warnings for what in a project folder looks like data but is not read: a year
    folder not named by the year alone (``vuosi-2024``), a folder of data files, a year's
    file at the top. Other files (documents, README, the .git folder) are the project's own."""
    from raportti.schema.models import FILE_KINDS

    out = []
    for entry in sorted(root.iterdir()):
        name = entry.name
        if name.startswith(".") or YEAR_FOLDER.match(name) or name in KNOWN_FOLDERS:
            continue
        if entry.is_dir():
            year = LOOKS_LIKE_A_YEAR.search(name)
            holds_data = any(_find_yaml(entry, kind) for kind in FILE_KINDS)
            if year and (holds_data or not any(entry.iterdir())):
                out.append(Problem(
                    _("The folder '{name}' is not read: a year folder is named by the year alone. Rename "
                      "it to '{value}'.").format(name=name, value=year.group(0)), file=entry, severity="warning", code="unread-folder",
                    args={"name": name, "year": year.group(0)}))
            elif holds_data:
                out.append(Problem(
                    _("The folder '{name}' holds data files but is not read: only project.yaml and year "
                      "folders named by the year (e.g. 2024) are. Move its files into a year folder.").format(name=name),
                    file=entry, severity="warning", code="unread-folder"))
        elif entry.suffix in YAML_SUFFIXES and entry.stem in FILE_KINDS:
            out.append(Problem(
                _("{name} is not read here: a year's files go in its year folder (e.g. 2024/{name}).").format(name=name),
                file=entry, line=1, column=1, severity="warning", code="unread-file"))
    return out


def _find_yaml(folder: Path, stem: str) -> Path | None:
    for suffix in YAML_SUFFIXES:
        candidate = folder / f"{stem}{suffix}"
        if candidate.exists() or candidate.is_symlink():  # read_source says what is wrong with it
            return candidate
    return None


def _check_schema_version(source: SourceFile) -> Problem | None:
    data = source.data
    if not isinstance(data, dict):
        return None
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        return source.problem(
            ("schema_version",),
            _("This data is written for schema version {version}, but this raportti reads version "
              "{schema_version}. Update raportti (pip install -U raportti).").format(version=version, schema_version=SCHEMA_VERSION),
            path="schema_version",
            code="newer-schema",
        )
    return None


def _load_year(folder: Path, problems: ProblemList, root: Path, reader=read_source) -> YearData:
    year = YearData(year=int(folder.name), folder=folder)
    for path in sorted(folder.iterdir()):
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix not in YAML_SUFFIXES:
            continue
        kind = path.stem
        if kind not in FILE_KINDS:
            message = _("Unknown file name '{name}' in a year folder.").format(name=path.name) + suggestion(
                kind, FILE_KINDS, shown="'{}.yaml'",
                otherwise=_(" A year folder holds: {items}.").format(items=', '.join(k + '.yaml' for k in FILE_KINDS)))
            problems.add(Problem(message, file=path, line=1, column=1, code="unknown-file"))
            continue
        if kind in year.sources:
            problems.add(Problem(
                _("Both {kind}.yaml and {kind}.yml exist; keep one.").format(kind=kind), file=path, line=1, column=1,
                code="duplicate-file"))
            continue
        source, found = reader(path, root)
        problems.extend(found)
        if source is None or source.data is None:
            if source is None:
                year.failed.add(kind)
            continue
        model, found = validate_source(source, FILE_KINDS[kind])
        problems.extend(found)
        year.sources[kind] = source
        if model is not None:
            year.files[kind] = model
        else:
            year.failed.add(kind)
    return year


def resolve_references(data: ProjectData) -> None:
    """Replace ``{figure}`` references in all Markdown text by the figures' values.

    Files that failed validation have no figures to offer; a reference into one is not
    reported (the file's own errors are), so fixing that file is the only step needed.
    """
    project, years = data.project, data.years
    indexes = {
        number: {kind: index_figures(model) for kind, model in year.files.items()}
        for number, year in years.items()
    }
    unavailable = {(number, kind) for number, year in years.items() for kind in year.failed}
    if project is None:
        unavailable.add((None, "project"))
    resolver = Resolver(project_figures=project.figures if project else {}, years=indexes,
                        unavailable=unavailable, provenance=data.provenance)
    resolver.uncomputed = data.uncomputed
    if data.provenance is not None:
        resolver.paths = {(number, kind): source for number, year in years.items()
                          for kind, source in year.sources.items()}
        resolver.paths[(None, "project")] = data.project_source
    if project is not None:
        resolver.resolve_model(project, data.project_source, None)
    for number, year in years.items():
        for kind, model in year.files.items():
            resolver.resolve_model(model, year.sources[kind], number)
    data.problems.extend(resolver.problems)
    data.problems.extend(resolver.absent_file_problems({n: y.folder for n, y in years.items()}))


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
