"""The template API: every name a form's Jinja templates see, declared once.

Rendering (:class:`raportti.report.rendering.ReportContext`) gives each name its value,
the question → data map (:mod:`raportti.report.datamap`, shown by ``raportti reports``
and written by ``raportti init``) follows each by what it ``returns`` and ``reads``, and
templates/README.md documents each (a test compares the table there with this one). A
new helper is one entry here plus its implementation on ``ReportContext``.

``returns`` tells the data map what a call gives back, so it can follow the value:

``data``           not a call: project.yaml (``project``) or the form (``report``)
``year-files``     ``year(n)``: year n's files
``years``          ``years()``: year numbers
``goals-in-force`` ``goals_in_force(n)``: the goals.yaml in force in year n
``goal-sets``      ``goal_sets()``: ``(year, goals)`` pairs
``goal-text``      ``goal_text(id)``: a goal's wording from any goal set
``argument``       its first argument (or a part of it)
``rows``           rows made from its first argument
``pairs``          ``(something, part of its first argument)`` pairs
``nothing``        no data (a text, a truth value)

``reads``: the keys of its first argument it reads (``goals.indicators``), which the data
map records as read by the question.
"""

from __future__ import annotations

from dataclasses import dataclass


#: What a helper may return, as the data map follows it (see above).
RETURNS = ("data", "year-files", "years", "goals-in-force", "goal-sets", "goal-text", "argument",
           "rows", "pairs", "nothing")


@dataclass(frozen=True)
class Helper:
    """One name of the template API."""

    name: str
    call: str                  # how a template writes it: ``year(n)``
    doc: str                   # what it is, as templates/README.md says
    returns: str = "nothing"
    reads: tuple[str, ...] = ()


HELPERS: tuple[Helper, ...] = (
    Helper("project", "project", "project.yaml", returns="data"),
    Helper("report", "report", "this form.yaml, with this report's year, date and names", returns="data"),
    Helper("year", "year(n)", "year `n`'s files as attributes", returns="year-files"),
    Helper("years", "years()", "the years that have a folder, in order", returns="years"),
    Helper("goals_in_force", "goals_in_force(n)", "the goals.yaml in force in year `n`",
           returns="goals-in-force"),
    Helper("goal_sets", "goal_sets()", "`(year, goals)` for every goals.yaml", returns="goal-sets"),
    Helper("goal_text", "goal_text(id)", "the latest wording of a goal", returns="goal-text"),
    Helper("indicator_rows", "indicator_rows(goals, year, goal=None)", "a year's indicator rows",
           returns="rows", reads=("goals.indicators", "goals.subgoals.indicators")),
    Helper("figure_rows", "figure_rows(model, basis=None)",
           "every figure of a file, block or monitoring group, with its basis",
           returns="rows", reads=("figures", "sections", "basis")),
    Helper("basis_text", "basis_text(basis)", "`kerätty`, `otos`, `arvio`, or `ei ilmoitettu`"),
    Helper("results_for", "results_for(results, goal)", "results linked to a goal or its sub-goals",
           returns="argument", reads=("goals",)),
    Helper("results_for_all", "results_for_all(results)", "results that concern all goals",
           returns="argument", reads=("goals",)),
    Helper("by_scope", "by_scope(results)", "`(scope, results)` groups", returns="pairs", reads=("scope",)),
    Helper("part", "part(figure, name)", "a figure's part", returns="argument"),
    Helper("value", "value(figure)", "a figure's single number", returns="argument"),
    Helper("table_cell", "table_cell(figure, label)", "a figure as a table cell shows it, with its unit"),
    Helper("unit_note", "unit_note(label, figures)", "the unit to add to a table's label"),
    Helper("is_breakdown", "is_breakdown(f)", "whether `f` is a breakdown"),
    Helper("is_record", "is_record(f)", "whether `f` is a record"),
    # Charts (see _common/charts.md.j2): each call writes a Markdown image and keeps the chart.
    Helper("chart_over_years", "chart_over_years(reference, title=None, until=None)",
           "a chart of a figure in each year it has a value (`activities.tuvat.meetings`)"),
    Helper("chart_indicator", "chart_indicator(indicator, until=None, title=None)",
           "a chart of an indicator's target and actual, year by year"),
    Helper("chart_answers", "chart_answers(figure, title=None)",
           "a chart of how a survey question's answers divide (a breakdown)"),
    Helper("years_with", "years_with(reference)", "the years in which a figure has a value", returns="years"),
    Helper("chartable_figures", "chartable_figures(file)", "`(block ids, name)` of a file's labelled figures"),
    Helper("yearly_figures", "yearly_figures(kind, file, limit=4)",
           "each block's first labelled figure with values in two years or more, as references"),
)

#: name → helper
TEMPLATE_API: dict[str, Helper] = {helper.name: helper for helper in HELPERS}

#: Jinja filters the templates may use (``{{ x | num }}``), with what each does.
FILTERS: dict[str, str] = {
    "num": "a number the Finnish way; `num(true)` groups from four digits",
    "fig": "a figure as text (`7/24`, `3,3/4`, `68`)",
    "indent_md": "Markdown indented by n spaces after each line break",
}
