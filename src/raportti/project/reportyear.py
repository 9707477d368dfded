"""Which year a report is about, and plain words when that choice is doubtful.

The year is, in this order: the one asked for (``--year``), project.yaml's
``reports: {<form>: {year: …}}``, the year a form made for one year (loppuraportti, a
one-off survey) names in its form.yaml, else the latest year that holds activity of its
own. A year folder with only plans, or one ``new-year`` started and nobody has filled in
yet (its texts and figures still empty), holds none: in January the report is still
about the year that just ended. Both ``build`` and ``validate`` say when the year chosen
has no data, so a report full of "Ei tietoa" is never the first sign of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from raportti.i18n.messages import _
from raportti.problems import Problem, UsageError

# The files whose filled-in texts and figures are a year's own activity. Goals carry
# over from year to year (new-year copies them), plans are about the future: neither is.
ACTIVITY_FILES = ("activities", "results", "monitoring", "partners", "year")


@dataclass(frozen=True)
class YearChoice:
    """The year a report is about and why: ``how`` is "asked" (--year), "project"
    (project.yaml's reports: entry), "form" (the form's own year), "activity" (the latest
    year with activity of its own), "data" (the latest year with files, none having
    activity) or "none" (no year folder at all). ``passed``: later year folders that were
    passed over, having no activity of their own."""

    year: int | None
    how: str
    passed: tuple[int, ...] = ()


def data_years(years: dict[int, Any]) -> list[int]:
    """The year folders that hold at least one data file (read or not), in order."""
    return sorted(n for n, y in years.items() if y.files or y.sources or y.failed)


def activity_years(years: dict[int, Any]) -> list[int]:
    """The years that hold activity of their own, in order (see :func:`has_activity`)."""
    return sorted(n for n in years if has_activity(n, years))


def has_activity(number: int, years: dict[int, Any]) -> bool:
    """Whether a year holds activity of its own: a text or figure filled in its
    activities, results, monitoring, partners or year file (a partner's name or a block's
    title carries over, its cooperation or text does not), a result, a target group
    reached, or an indicator's actual value for the year. A year that failed to read
    counts as active: its data is there, only broken."""
    year = years[number]
    if year.failed:
        return True
    for kind in ACTIVITY_FILES:
        model = year.files.get(kind)
        if model is not None and _filled(model):
            return True
    results = year.files.get("results")
    if results is not None and results.results:
        return True
    goals = None
    for n in sorted(years):
        if n <= number and "goals" in years[n].files:
            goals = years[n].files["goals"]
    if goals is not None:
        for goal in goals.walk():
            for indicator in goal.indicators:
                entry = indicator.for_year(number)
                if entry is not None and entry.actual is not None:
                    return True
    return False


# Markdown fields that new-year carries over as they are: not the year's own activity.
_CARRIED = {("Partner", "note")}


def _filled(node: Any) -> bool:
    from raportti.schema.models.base import markdown_fields
    from raportti.schema.models.figures import FigureBase

    if isinstance(node, list):
        return any(_filled(item) for item in node)
    if not isinstance(node, BaseModel) or isinstance(node, FigureBase):
        return False
    cls = type(node)
    texts = markdown_fields(cls)
    for name in cls.model_fields:
        value = getattr(node, name)
        if value is None or (cls.__name__, name) in _CARRIED:
            continue
        if name == "figures" and isinstance(value, dict):
            if any(v is not None for v in value.values()):
                return True
        elif name in texts:
            if isinstance(value, str) and value.strip():
                return True
        elif name in ("reached", "figures_until"):
            return True
        elif _filled(value):
            return True
    return False


def year_choice(form: Any, project: Any, years: dict[int, Any], asked: int | None = None) -> YearChoice:
    """The year a report is about, and why (see the module's docstring)."""
    if asked is not None:
        return YearChoice(asked, "asked")
    info = project.report_info(form.name) if project is not None else None
    if info is not None and info.year:
        return YearChoice(info.year, "project")
    if form.year:
        return YearChoice(form.year, "form")
    active = activity_years(years)
    if active:
        return YearChoice(active[-1], "activity", tuple(n for n in sorted(years) if n > active[-1]))
    with_data = data_years(years)
    if with_data:
        return YearChoice(with_data[-1], "data")
    return YearChoice(max(years), "data") if years else YearChoice(None, "none")


def choose_year(form: Any, project: Any, years: dict[int, Any], asked: int | None = None) -> int | None:
    """The year a report is about (:func:`year_choice` without the reason)."""
    return year_choice(form, project, years, asked).year


def check_asked_year(asked: int | None, years: dict[int, Any]) -> None:
    """``--year`` names a year folder that is there; else a wrong use of the command."""
    if asked is None or asked in years:
        return
    shown = ", ".join(str(n) for n in sorted(years)) or "none"
    raise UsageError(f"There is no year folder {asked} in this project (year folders: {shown}). "
                     f"'raportti new-year PROJECT {asked}' starts it.")


def year_said(choice: YearChoice, form: Any) -> str:
    """One line for build and preview: which year, why, and how to choose another."""
    from raportti.i18n.messages import _

    values = {"year": choice.year, "form": form.name, "passed": ", ".join(str(n) for n in choice.passed)}
    if choice.how == "asked":
        said = _("Report year {year}: chosen with --year.")
    elif choice.how == "project":
        said = _("Report year {year}: set in project.yaml (reports: {form}: year). Another year: --year YYYY.")
    elif choice.how == "form":
        said = _("Report year {year}: the form {form} is about that year. Another year: --year YYYY.")
    elif choice.how == "activity" and choice.passed:
        said = _("Report year {year}: the latest year with activity of its own ({passed}: only plans, or "
                 "started by new-year and not filled in yet). Another year: --year YYYY.")
    elif choice.how == "activity":
        said = _("Report year {year}: the latest year with data. Another year: --year YYYY.")
    else:
        said = _("Report year {year}: the latest year folder; no year has its texts or figures filled in "
                 "yet. Another year: --year YYYY.")
    return said.format(**values)


def other_years_said(problems: list[Problem], build: bool) -> str:
    """How many warnings are about years the report does not read (``Problem.outside``),
    said after validate's summary (``build``: after build's)."""
    from raportti.i18n.messages import ngettext

    years = ", ".join(str(n) for n in sorted({p.outside for p in problems}))
    if build:
        return ngettext("{n} warning about {years}, not in this report: 'raportti validate' lists it.",
                        "{n} warnings about {years}, not in this report: 'raportti validate' lists them.",
                        len(problems)).format(n=len(problems), years=years)
    return ngettext("and {n} warning about {years}, not in this report (--strict does not fail on it).",
                    "and {n} warnings about {years}, not in this report (--strict does not fail on them).",
                    len(problems)).format(n=len(problems), years=years)


def empty_year_problems(root: Path, years: dict[int, Any]) -> list[Problem]:
    """A warning for each year folder without data files: it is not a report year yet."""
    with_data = data_years(years)
    out = []
    for number in sorted(set(years) - set(with_data)):
        folder = years[number].folder
        if with_data:
            tail = (_(" A report is about the latest year with data ({value}) unless project.yaml names "
                      "another. To start {number} from {value}, remove the empty folder and run: raportti "
                      "new-year {shown} {number}").format(value=with_data[-1], number=number, shown=_shown(root)))
        else:
            tail = " " + _year_files()
        out.append(Problem(_("The year folder '{number}' is empty: it has no data files yet.").format(number=number) + tail,
                           file=folder, severity="warning", code="empty-year",
                           args={"year": number, "latest": with_data[-1] if with_data else None,
                                 "project": _shown(root)}))
    return out


def year_problems(form: Any, data: Any, asked: int | None = None) -> list[Problem]:
    """Problems with the year a form would report on, for ``build`` and ``validate``:
    an error when there is no year at all, a warning when the year has no data but
    other years do."""
    project, years = data.project, data.years
    year = choose_year(form, project, years, asked)
    root = data.root
    if year is None:
        return [data.project_source.problem(
            (), _("There is no year to report on: the project has no year folder yet. Make a folder named "
                  "by the year, e.g. {shown}/{this_year}/, and put the year's data in it. ").format(shown=_shown(root), this_year=this_year())
                + _year_files(),
            code="no-report-year", args={"project": _shown(root), "year": this_year()})]
    with_data = data_years(years)
    # A year asked for with --year is there (check_asked_year); an empty one is warned
    # about as an empty folder.
    if year in with_data or not with_data or asked is not None:
        return []
    info = project.report_info(form.name) if project is not None else None
    shown = ", ".join(str(n) for n in with_data)
    if info is not None and info.year:
        return [data.project_source.problem(
            ("reports", form.name, "year"),
            _("The report '{name}' is set to year {year}, but there is no data for {year}: this project "
              "has data for {shown}. Set the year that has the data here.").format(name=form.name, year=year, shown=shown),
            path=f"reports.{form.name}.year", severity="warning", code="report-year-without-data",
            args={"form": form.name, "year": year, "years": shown, "set": True})]
    # At the reports: entry the advice goes into, when project.yaml has one.
    where = ("reports",) if project is not None and project.reports else ()
    return [data.project_source.problem(
        where, _("The form '{name}' reports on the year {year} (its form.yaml says so), but this project "
                 "has data only for {shown}, so its questions find no data. If the report is about "
                 "{value}, set the year in project.yaml:\n      reports:\n        {name}:\n          "
                 "year: {value}").format(name=form.name, year=year, shown=shown, value=with_data[-1]),
        at_key=True, severity="warning", code="report-year-without-data",
        args={"form": form.name, "year": year, "years": shown, "latest": with_data[-1]})]


# What a coordinator does with an empty project: new-year needs a year to start from.
def _year_files() -> str:
    return (_("Its files are goals.yaml, activities.yaml, partners.yaml, results.yaml, monitoring.yaml, "
              "plans.yaml and year.yaml (docs/data-format.md); 'raportti init' writes a commented set of "
              "them into a new folder, to copy from."))


def this_year() -> int:
    import datetime

    return datetime.date.today().year


def _shown(root: Path) -> str:
    """The project folder as a user would type it in a command."""
    try:
        return str(root.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(root)
