"""Building reports: load → validate → render → write, for one project and one form."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from raportti.i18n.messages import _
from raportti.checks.running import checked_project, mark_outside, year_shape
from raportti.report.forms import find_form, load_form, output_stem
from raportti.problems import DataError, Problem, UserError
from raportti.project.loading import ProjectData
from raportti.project.provenance import strip_marks
from raportti.report.rendering import RenderedReport, render_report
from raportti.writers.docx import DocumentInfo
from raportti.writers.formats import DEFAULT, Job, make_all, to_make
from raportti.writers.output import write_all


@dataclass
class BuildResult:
    outputs: list[Path]
    report: RenderedReport
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    year: int | None = None  # the year reported on
    choice: object = None  # the YearChoice: the year and why it was chosen
    other_years: list[Problem] = field(default_factory=list)  # warnings about years not in the report


def choose_form(data: ProjectData, report: str | None) -> str:
    name = report or data.project.default_report
    if not name:
        raise UserError(
            _("No report structure chosen: give --report NAME, or set default_report in project.yaml.")
        )
    return name


def build(
    project_dir: Path,
    *,
    report: str | None = None,
    out_dir: Path | None = None,
    formats: tuple[str, ...] = DEFAULT,
    reference_doc: Path | None = None,
    year: int | None = None,
) -> BuildResult:
    """Build one report; ``year`` is the report year asked for (``--year``), else it is
    chosen as :mod:`raportti.project.reportyear` says."""
    # The documents are made while the data is checked (in parallel on a large
    # project); nothing is written unless both succeed.
    # A page that shows where each figure comes from (HTML) needs the resolver to mark
    # them; the marks are taken out again for the other formats.
    page = any(f.provenance for f in to_make(formats))
    with checked_project(project_dir, provenance=page) as data:
        form_folder = find_form(choose_form(data, report), data.root)
        form = load_form(form_folder)
        choice = _check_year(data, form, year)
        rendered = render_report(data, form, form_folder, asked=year)
        _check_rules(data, rendered, form_folder, documents=any(f.sent for f in to_make(formats)))
        out_dir = out_dir if out_dir is not None else data.root / "build"
        info = document_info(data, rendered)
        problems = data.problems
        shape = year_shape(data)
        job = Job(name=form.name, markdown="", rendered=rendered, info=info, formats=tuple(formats),
                  reference_doc=reference_doc)
        if page:
            from raportti.writers.html import Page

            job.page = Page(project_name=data.project.name, sources=data.provenance or [], root=data.root)
        # From here on the documents need only the Markdown: letting the data go lowers
        # the peak memory of a large build by a sixth.
        del data

        job.markdown = strip_marks(rendered.markdown)
        stem = output_stem(form, choice.year)
        files = {out_dir / f"{stem}.{name}": content for name, content in make_all(job).items()}
        if "md" in formats and rendered.charts:
            # The Markdown's charts are image files beside it, named in its image links.
            from raportti.writers.chartdraw import chart_svg

            for name, chart in rendered.charts.items():
                files[out_dir / name] = chart_svg(chart).encode("utf-8")
    notes = write_all(files)
    # Warnings about a year the report does not read (a new year still empty) are
    # counted apart, as validate --report counts them.
    marked = mark_outside(problems.warnings, shape, form, form_folder, choice.year)
    warnings = sorted((p for p in marked if p.outside is None), key=Problem.sort_key)
    return BuildResult(outputs=list(files), report=rendered, warnings=warnings, notes=info.notes + notes,
                       year=choice.year, choice=choice, other_years=[p for p in marked if p.outside is not None])


def _check_year(data: ProjectData, form, asked: int | None):
    """The year the report is about and why (a YearChoice); DataError when there is
    none (no year folder yet), UsageError when --year names a year that is not there."""
    from raportti.project.reportyear import check_asked_year, year_choice, year_problems

    check_asked_year(asked, data.years)
    found = year_problems(form, data, asked)
    data.problems.extend(found)
    if any(p.is_error for p in found):
        raise DataError(data.problems.sorted())
    return year_choice(form, data.project, data.years, asked)


def _check_rules(data: ProjectData, rendered: RenderedReport, form_folder: Path, *, documents: bool) -> None:
    """The form's rules, as ``validate --report`` checks them. An answer longer than the
    form takes stops the build of documents: it cannot be sent as it is. The other rules
    (no links, no personal data, a required answer) warn here: the document is still
    worth reading, and ``validate --report`` fails on them before it is sent. When only
    the HTML page is built, which marks each answer that breaks a rule, all of them warn."""
    from dataclasses import replace

    from raportti.checks.formrules import check_report

    for problem in check_report(data, rendered, form_folder):
        if problem.code != "too-long" or not documents:
            problem = replace(problem, severity="warning")
        data.problems.add(problem)
    if data.problems.errors:
        raise DataError(data.problems.sorted())


def document_info(data: ProjectData, rendered: RenderedReport) -> DocumentInfo:
    project = data.project
    report = project.report_info(rendered.form.name)
    return DocumentInfo(
        title=rendered.form.title,
        author=report.author,
        subject=_property(f"{report.project_name}: {rendered.form.description or rendered.form.name}"),
        keywords=", ".join(project.keywords),
        date=report.date,
        company=project.organisation,
        project=report.project_name,
        period=_period(project.period),
        no_data=rendered.form.no_data,
        contents=(rendered.form.contents.title
                  if rendered.form.contents and rendered.form.contents.wanted(rendered.markdown) else ""),
    )


def _property(text: str, limit: int = 255) -> str:
    """A Word document property: one line, cut at the format's 255 characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _period(period) -> str:
    """The project's period the Finnish way: day.month.year or years, joined by a dash."""
    if period is None:
        return ""

    def shown(value) -> str:
        return str(value) if isinstance(value, int) else f"{value.day}.{value.month}.{value.year}"

    return f"{shown(period.start)}–{shown(period.end)}"
