"""Which year a report is about, and plain words when that choice is doubtful.

A yearly form (toimintakertomus, tuloksellisuusraportti) reports the year project.yaml's
``reports: {<form>: {year: …}}`` names, else the latest year folder that holds data. A
form made for one year (loppuraportti, a one-off survey) names it in its form.yaml. Both
``build`` and ``validate`` say when the year chosen has no data, so a report full of
"Ei tietoa" is never the first sign of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from raportti.i18n.messages import _
from raportti.problems import Problem


def data_years(years: dict[int, Any]) -> list[int]:
    """The year folders that hold at least one data file (read or not), in order."""
    return sorted(n for n, y in years.items() if y.files or y.sources or y.failed)


def choose_year(form: Any, project: Any, years: dict[int, Any]) -> int | None:
    """The year a report is about: the project's choice for this form, else the form's
    own year, else the latest year folder with data (an empty one only when none has)."""
    info = project.report_info(form.name) if project is not None else None
    if info is not None and info.year:
        return info.year
    if form.year:
        return form.year
    with_data = data_years(years)
    if with_data:
        return with_data[-1]
    return max(years) if years else None


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


def year_problems(form: Any, data: Any) -> list[Problem]:
    """Problems with the year a form would report on, for ``build`` and ``validate``:
    an error when there is no year at all, a warning when the year has no data but
    other years do."""
    project, years = data.project, data.years
    year = choose_year(form, project, years)
    root = data.root
    if year is None:
        return [data.project_source.problem(
            (), _("There is no year to report on: the project has no year folder yet. Make a folder named "
                  "by the year, e.g. {shown}/{this_year}/, and put the year's data in it. ").format(shown=_shown(root), this_year=this_year())
                + _year_files(),
            code="no-report-year", args={"project": _shown(root), "year": this_year()})]
    with_data = data_years(years)
    if year in with_data or not with_data:
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
