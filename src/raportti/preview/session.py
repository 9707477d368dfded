"""Rebuilding the preview page: the process stays up, so only changed files are read.

Parsing YAML is most of a warm rebuild's reading; a parsed file is kept, keyed by its
path, size, modification time and inode, and read again only when one of them changes
(an editor that saves by writing a new file and renaming it changes the inode). The
models are validated again on every rebuild: resolving references writes into them,
and Pydantic validates the examples' files in a few milliseconds.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from raportti.i18n.messages import _
from raportti.build import choose_form
from raportti.checks.running import checked_project
from raportti.report.forms import find_form, load_form
from raportti.problems import DataError, Problem, UserError
from raportti.project.provenance import FigureSource
from raportti.report.rendering import RenderedReport, make_environment, render_report
from raportti.project.reportyear import check_asked_year, year_choice, year_problems
from raportti.checks.formrules import check_report
from raportti.writers.html import Page, report_html
from raportti.source.reader import read_source


class SourceCache:
    """``read_source`` that keeps each parsed file until it changes on disk."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[tuple, object, list[Problem]]] = {}
        self.reads = 0  # files parsed, for tests and the benchmark

    def read(self, path: Path, root: Path | None = None):
        try:
            stat = os.stat(path)
            key: tuple | None = (stat.st_size, stat.st_mtime_ns, stat.st_ino, root)
        except OSError:
            key = None
        hit = self._files.get(path)
        if key is not None and hit is not None and hit[0] == key:
            return hit[1], list(hit[2])
        source, problems = read_source(path, root)
        self.reads += 1
        if key is not None:
            self._files[path] = (key, source, problems)
        return source, list(problems)

    def forget(self, paths) -> None:
        for path in paths:
            self._files.pop(Path(path), None)


@dataclass
class Good:
    """The last report that could be made, shown under the errors of a later one."""

    rendered: RenderedReport
    sources: list[FigureSource]
    project_name: str
    at: datetime.datetime


@dataclass
class Session:
    """One project previewed with one report structure."""

    root: Path
    report: str | None = None
    year: int | None = None  # the report year asked for (--year)
    cache: SourceCache = field(default_factory=SourceCache)
    good: Good | None = None
    version: int = 0
    form_folder: Path | None = None  # where the form was last found (watched too)
    problems: list[Problem] = field(default_factory=list)
    choice: object = None  # the YearChoice of the last report made: its year and why
    _environments: dict = field(default_factory=dict, repr=False)
    form: object = None  # the form of the last report made

    def environment(self, form_folder: Path):
        """The form's Jinja environment, kept with its compiled templates; Jinja
        compiles a template again when its file changes."""
        env = self._environments.get(form_folder)
        if env is None:
            env = self._environments[form_folder] = make_environment(form_folder)
            env.auto_reload = True
        else:
            # A template imported by others ({% import %}) keeps the module made with the
            # globals of its first rendering, which hold the data of that build: drop it.
            for template in list(env.cache.values()) if env.cache is not None else []:
                if hasattr(template, "_module"):
                    template._module = None
        return env

    def rebuild(self) -> str:
        """Build the report again and return the page; never raises for bad data."""
        self.version += 1
        problems: list[Problem] = []
        failed = True
        try:
            with checked_project(self.root, background=False, provenance=True, reader=self.cache.read) as data:
                self.form_folder = find_form(choose_form(data, self.report), data.root)
                form = load_form(self.form_folder)
                check_asked_year(self.year, data.years)
                data.problems.extend(year_problems(form, data, self.year))
                if data.problems.errors:
                    raise DataError(data.problems.sorted())
                self.choice = year_choice(form, data.project, data.years, self.year)
                self.form = form
                rendered = render_report(data, form, self.form_folder, self.environment(self.form_folder),
                                         asked=self.year)
                found = data.problems  # the checks' warnings join it when the block ends
                rules = check_report(data, rendered, self.form_folder)
                name = data.project.name
                sources = data.provenance or []
            problems = list(found.sorted()) + rules
            self.good = Good(rendered, sources, name, datetime.datetime.now())
            failed = False
        except DataError as exc:
            problems = list(exc.problems)
        except UserError as exc:
            problems = [Problem(str(exc), code="usage")]
        except Exception as exc:  # a bug must not stop the preview: show it, keep serving
            problems = [Problem(
                _("Internal error: {name}: {exc}. This is a bug in raportti; please report it with the "
                  "input that caused it.").format(name=type(exc).__name__, exc=exc), code="internal")]
        self.problems = problems
        good = self.good
        page = Page(
            project_name=good.project_name if good else "",
            sources=good.sources if good else [],
            problems=problems,
            root=self.root,
            live=True,
            version=self.version,
            stale=failed,
            built_at=good.at if good else None,
        )
        return report_html(good.rendered if good else None, page)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]
