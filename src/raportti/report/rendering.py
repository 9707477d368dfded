"""Rendering a report: the form's Jinja templates fill its questions from the data.

The result is one Markdown document. Templates see the data through a small API
(documented in templates/README.md) and cannot touch files or Python internals.
"""

from __future__ import annotations

import os
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from raportti.i18n.messages import _
from raportti.project.bases import basis_text, figure_rows
from raportti.report.numberstyle import even_numbers
from raportti.project.indicators import indicator_rows
from raportti.report.charts import ChartMaker, Charts
from raportti.report.forms import COMMON, Form, Question, builtin_templates, output_stem
from raportti.report.templateapi import FILTERS, TEMPLATE_API
from raportti.schema.models.figures import (
    Breakdown, Record, format_cell, format_figure, format_number, numeric_value, part, unit_note)
from raportti.schema.models.files import GoalsFile, Result
from raportti.problems import DataError, Problem
from raportti.project.loading import ProjectData

SCOPES = ("region", "municipalities", None)


@dataclass
class RenderedReport:
    form: Form
    markdown: str
    empty_questions: list[Question] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)  # question label → Markdown
    subtitle: str = ""
    by_question: list[tuple[Question, str]] = field(default_factory=list)  # in form order
    # The charts the templates asked for, by the image name their Markdown gives them.
    charts: dict[str, Any] = field(default_factory=dict)
    year: int | None = None  # the report year it is about


class YearView:
    """A year's files as attributes (``year(n).activities``); missing ones are None."""

    def __init__(self, number: int, files: dict[str, Any]):
        self.number = number
        self._files = files

    def __getattr__(self, kind: str) -> Any:
        if kind.startswith("_"):
            raise AttributeError(kind)
        return self._files.get(kind)

    @property
    def meta(self) -> Any:
        return self._files.get("year")

    def __bool__(self) -> bool:
        return bool(self._files)


class ReportView:
    """The form as templates see it (``report``), with this report's date and names.

    ``report.date``, ``report.project_name`` and ``report.author`` come from project.yaml's
    ``reports:`` entry for this form, falling back to ``report_date``, ``name`` and
    ``organisation``; ``report.year`` is the reports: entry's ``year``, else the form's, else
    the latest year folder with data (:mod:`raportti.project.reportyear`); everything else is the form's own (``report.title`` …).
    """

    INFO_FIELDS = ("date", "project_name", "author")

    def __init__(self, form: Form, project: Any, years: dict[int, Any] | None = None,
                 asked: int | None = None):
        from raportti.project.reportyear import choose_year

        self._form = form
        self._info = project.report_info(form.name) if project is not None else None
        self.year = choose_year(form, project, years or {}, asked)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self.INFO_FIELDS:
            return getattr(self._info, name) if self._info is not None else None
        if name in type(self._form).model_fields:
            return getattr(self._form, name)
        raise AttributeError(name)

    @classmethod
    def names(cls) -> list[str]:
        return [*Form.model_fields, *cls.INFO_FIELDS]


class ReportContext:
    """The functions templates call; all lookups are tolerant of missing data."""

    def __init__(self, data: ProjectData, form: Form, asked: int | None = None):
        self.data = data
        self.form = form
        self.asked = asked  # the report year asked for (--year), if any
        # The charts the templates ask for, numbered in the order they ask (report.charts).
        self.charts = Charts(form.name)  # named by the year once it is known
        self._charts = ChartMaker(data, self.charts)

    def chart_over_years(self, reference: str, title: str | None = None, until: int | None = None) -> str:
        return self._charts.over_years(reference, title, until)

    def chart_indicator(self, indicator: Any, until: int | None = None, title: str | None = None) -> str:
        return self._charts.indicator(indicator, until, title)

    def chart_answers(self, figure: Any, title: str | None = None) -> str:
        return self._charts.answers(figure, title)

    def years_with(self, reference: str) -> list[int]:
        return self._charts.years_with(reference)

    def chartable_figures(self, model: Any) -> list:
        return self._charts.chartable_figures(model)

    def yearly_figures(self, kind: str, model: Any, limit: int = 4) -> list[str]:
        return self._charts.yearly_figures(kind, model, limit)

    def year(self, number: int | None) -> YearView:
        # No year (a project without year folders) reads as a year without data.
        year = self.data.years.get(int(number)) if number is not None else None
        return YearView(number, year.files if year else {})

    def years(self) -> list[int]:
        return sorted(self.data.years)

    def goal_sets(self) -> list[tuple[int, GoalsFile]]:
        return self.data.goal_sets()

    def goals_in_force(self, number: int | None) -> GoalsFile | None:
        return self.data.goals_in_force(int(number))[1] if number is not None else None

    def results_for(self, results: list[Result], goal) -> list[Result]:
        """Results linked to a goal or any of its sub-goals."""
        ids = {g.id for g in goal.walk()} if hasattr(goal, "walk") else {goal}
        return [r for r in results if ids.intersection(r.goals)]

    def goal_text(self, goal_id: str) -> str:
        """The latest wording of the goal with this id (in any goal set), or the id."""
        found = goal_id
        for _, goals in self.data.goal_sets():
            for goal in goals.walk():
                if goal.id == goal_id:
                    found = goal.current_text
        return found

    def results_for_all(self, results: list[Result]) -> list[Result]:
        return [r for r in results if not r.goals]

    def by_scope(self, results: list[Result]) -> list[tuple[str | None, list[Result]]]:
        groups = []
        for scope in SCOPES:
            chosen = [r for r in results if r.scope == scope]
            if chosen:
                groups.append((scope, chosen))
        return groups

    # Module functions the templates call, as the API names them.
    indicator_rows = staticmethod(indicator_rows)
    figure_rows = staticmethod(figure_rows)
    basis_text = staticmethod(basis_text)
    part = staticmethod(part)
    value = staticmethod(numeric_value)
    table_cell = staticmethod(format_cell)
    unit_note = staticmethod(unit_note)

    @staticmethod
    def is_breakdown(figure: Any) -> bool:
        return isinstance(figure, Breakdown)

    @staticmethod
    def is_record(figure: Any) -> bool:
        return isinstance(figure, Record)

    @property
    def project(self) -> Any:
        return self.data.project

    @property
    def report(self) -> ReportView:
        return ReportView(self.form, self.data.project, self.data.years, self.asked)

    def globals(self) -> dict[str, Any]:
        """Every name of the template API (:mod:`raportti.report.templateapi`), by its value."""
        return {name: getattr(self, name) for name in TEMPLATE_API}


def _num(value: Any, grouped: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, grouped=grouped, document=True)
    shown = format_figure(value, "grouped" if grouped else None, document=True)
    return shown if shown is not None else ""


_FILTERS = {
    "num": _num,
    "fig": lambda f, fmt=None: format_figure(f, fmt, document=True) or "",
    "indent_md": lambda text, n=2: text.replace("\n", "\n" + " " * n),
}


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (a coordinator rebuilds after every edit).

    Jinja checks each template's source time stamp, so an edited template recompiles.
    Without a writable cache folder, templates are simply compiled every time.
    """
    import os

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "raportti" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


class TemplateRefused(jinja2.TemplateError):
    """A template file that is not read: a link leading out of its folder, or not a file."""


class _FolderLoader(jinja2.FileSystemLoader):
    """Reads a template only from inside its folder: a project's template that is a link to
    a file elsewhere (/etc/passwd) would print that file into a report, and a named pipe
    would make the build wait forever."""

    def get_source(self, environment, template):  # type: ignore[no-untyped-def]
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = os.path.join(folder, *pieces)
            if not (os.path.exists(path) or os.path.islink(path)):
                continue
            real = os.path.realpath(path)
            if os.path.commonpath([real, os.path.realpath(folder)]) != os.path.realpath(folder):
                raise TemplateRefused(_("The template '{template}' is a link to a file outside its folder "
                                        "'{folder}'; copy the file there instead of linking to it.").format(template=template, folder=folder))
            if not os.path.isfile(real):
                raise TemplateRefused(_("The template '{template}' in '{folder}' is not an ordinary file.").format(template=template, folder=folder))
            break
        return super().get_source(environment, template)


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, remembering its verdict on each attribute of each type: the
    verdict depends on nothing else, and a report's templates ask it thousands of times
    (a fifth of the rendering time)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe


def make_environment(form_folder: Path) -> SandboxedEnvironment:
    common = [form_folder.parent / COMMON, builtin_templates() / COMMON]
    env = _Sandbox(
        loader=_FolderLoader([str(form_folder), *(str(c) for c in common if c.is_dir())]),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update({name: _FILTERS[name] for name in FILTERS})
    return env


def render_report(data: ProjectData, form: Form, form_folder: Path,
                  env: SandboxedEnvironment | None = None, asked: int | None = None) -> RenderedReport:
    """``env``: an environment from :func:`make_environment` to reuse (the preview keeps
    one, with its compiled templates, from one save to the next). ``asked``: the report
    year asked for (``--year``)."""
    env = env if env is not None else make_environment(form_folder)
    context = ReportContext(data, form, asked)
    env.globals.update(context.globals())
    charts = context.charts
    year = env.globals["report"].year
    charts.stem = output_stem(form, year)

    answers: dict[int, str] = {}
    empty: list[Question] = []
    for question in form.questions():
        try:
            template = env.get_template(question.template) if question.template else env.from_string(question.answer)
            text = template.render()
        except Exception as exc:  # any template failure becomes a located problem
            if question.template:
                raise DataError([_template_problem(exc, form_folder, question.template)]) from None
            raise DataError([_inline_answer_problem(exc, form, form_folder, question)]) from None
        text = even_numbers(tidy_markdown(text))
        if not text.strip():
            stated = stated_answer(data, year, question)
            if stated:
                text = tidy_markdown(stated)
            else:
                text = form.no_data
                empty.append(question)
        answers[id(question)] = text

    try:
        subtitle = env.from_string(form.subtitle).render() if form.subtitle else ""
        layout = env.get_template(form.layout)
        markdown = layout.render(form=form, subtitle=subtitle.strip(), answer=lambda q: answers[id(q)])
    except Exception as exc:
        raise DataError([_template_problem(exc, form_folder, form.layout)]) from None
    by_label = {q.label: answers[id(q)] for q in form.questions()}
    # Jinja's environment, templates and contexts refer to each other, so only the cycle
    # collector would free them, and with them the project data the context holds: let
    # the data go with the caller's last reference (a large build frees it before the
    # DOCX is made, which lowers its peak memory by a sixth).
    context.data = None
    return RenderedReport(form=form, markdown=tidy_markdown(markdown), empty_questions=empty, answers=by_label,
                          subtitle=subtitle.strip(),
                          by_question=[(q, answers[id(q)]) for q in form.questions()], charts=charts.items,
                          year=year)


def stated_answer(data: ProjectData, year: int | None, question: Question) -> str | None:
    """The answer the report year's year.yaml states for a question its data has
    nothing for (``answers:``, by the question's id or number): a deliberate "no
    changes this year" prints as written, not as missing data."""
    year_data = data.years.get(year) if year is not None else None
    meta = year_data.files.get("year") if year_data is not None else None
    answers = getattr(meta, "answers", None) or {}
    for key in (question.id, str(question.number) if question.number is not None else None):
        if key is not None and (answers.get(key) or "").strip():
            return answers[key]
    return None


_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def tidy_markdown(text: str) -> str:
    """One blank line between blocks, no trailing spaces, one final newline."""
    text = _TRAILING_SPACE.sub("\n", text.replace("\r\n", "\n"))
    text = _BLANK_LINES.sub("\n\n", text).strip("\n")
    return text + "\n" if text else ""


def _template_problem(exc: Exception, form_folder: Path, where: str) -> Problem:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        file = Path(exc.filename) if exc.filename else form_folder / where
        return Problem(
            _("Template syntax error: {message}.").format(message=exc.message), file=file, line=exc.lineno, column=1,
            code="template-syntax", source_line=(exc.source or "").splitlines()[exc.lineno - 1]
            if exc.source and exc.lineno and exc.lineno <= len(exc.source.splitlines()) else None)
    file, line = form_folder / where, None
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and frame.filename.endswith(".j2"):
            file, line = Path(frame.filename), frame.lineno
            break
    if isinstance(exc, TemplateRefused):
        return Problem(str(exc), file=form_folder / where, code="template-refused")
    if isinstance(exc, jinja2.UndefinedError):
        message = _undefined_message(exc)
    else:
        message = _("The template failed: {name}: {exc}.").format(name=type(exc).__name__, exc=exc)
    source_line = None
    if line and file.is_file():
        lines = file.read_text(encoding="utf-8").splitlines()
        source_line = lines[line - 1] if line <= len(lines) else None
    return Problem(message, file=file, line=line, column=1 if line else None, code="template", source_line=source_line)


_NO_ATTRIBUTE = re.compile(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'")


def _undefined_message(exc: jinja2.UndefinedError) -> str:
    """Jinja's message, with "Did you mean" when a data model's field is misspelt."""
    message = _("The template uses something that does not exist: {message}.").format(message=exc.message)
    match = _NO_ATTRIBUTE.search(exc.message or "")
    if match:
        from raportti.schema.models import Project
        from raportti.schema.models import files as file_models
        from raportti.i18n.suggestions import suggestion

        cls = getattr(file_models, match.group(1), None) or {"Project": Project}.get(match.group(1))
        if cls is not None and hasattr(cls, "model_fields"):
            message += suggestion(match.group(2), list(cls.model_fields))
        elif match.group(1) == "ReportView":
            message += suggestion(match.group(2), ReportView.names())
    return message


def _inline_answer_problem(exc: Exception, form: Form, form_folder: Path, question: Question) -> Problem:
    """A failing inline ``answer:`` points at that answer in form.yaml."""
    from raportti.source.reader import read_source

    source, _problems = read_source(form_folder / "form.yaml")
    loc: tuple = ()
    for i, section in enumerate(form.sections):
        for j, q in enumerate(section.questions):
            if q is question:
                loc = ("sections", i, "questions", j, "answer")
    if isinstance(exc, TemplateRefused):
        return Problem(str(exc), file=form_folder / "form.yaml", code="template-refused")
    if isinstance(exc, jinja2.UndefinedError):
        message = _undefined_message(exc)
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        message = _("Template syntax error: {message}.").format(message=exc.message)
    else:
        message = _("The answer failed: {name}: {exc}.").format(name=type(exc).__name__, exc=exc)
    if source is None:
        return Problem(message, file=form_folder / "form.yaml", code="template")
    return source.problem(loc, message, path=f"question {question.label} answer", code="template")
