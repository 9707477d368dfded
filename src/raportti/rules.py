"""Form rules: what a report structure demands of each answer (``validate --report``)."""

from __future__ import annotations

import re
from pathlib import Path

from raportti.bases import missing_bases
from raportti.checks import text_problems
from raportti.forms import Form
from raportti.problems import DataError, Problem, format_path
from raportti.project import ProjectData
from raportti.rendering import ReportView, render_report

LINK = re.compile(r"https?://|\]\(|<[a-z]+:", re.IGNORECASE)


def check_rules(data: ProjectData, form: Form, folder: Path) -> list[Problem]:
    """Render the form and check each answer against its question's rules."""
    try:
        rendered = render_report(data, form, folder)
    except DataError as exc:
        return exc.problems
    problems = []
    form_file = folder / "form.yaml"
    for question in form.questions():
        answer = rendered.answers.get(question.label, "")
        rules = question.rules
        where = f"question {question.label}"
        if rules.max_length is not None and len(answer.strip()) > rules.max_length:
            problems.append(Problem(
                f"The answer to {where} is {len(answer.strip())} characters; the form allows "
                f"{rules.max_length}.", file=form_file, severity="error", code="too-long",
                path=where))
        if rules.no_links and LINK.search(answer):
            problems.append(Problem(
                f"The answer to {where} contains a link; the form does not allow links.",
                file=form_file, severity="error", code="link-not-allowed", path=where))
        if rules.no_personal_data:
            for _, message, code in text_problems(answer):
                if code != "draft-marker":
                    problems.append(Problem(
                        f"The answer to {where}: {message} The form does not allow personal data.",
                        file=form_file, severity="error", code=code, path=where))
        if rules.required and question in rendered.empty_questions:
            problems.append(Problem(
                f"Question {question.label} has no data, but the form requires an answer.",
                file=form_file, severity="error", code="answer-required", path=where))
    problems += _missing_bases(data, form)
    return problems


def _missing_bases(data: ProjectData, form: Form) -> list[Problem]:
    """Where the form needs a basis (collected / sample / estimate) and the data has none.

    Each figure is reported once, at its place in the YAML, even when several questions
    show it."""
    kinds = {kind for question in form.questions() for kind in question.rules.bases}
    year = ReportView(form, data.project, sorted(data.years)).year
    if not kinds or year is None:
        return []
    files = data.years[year].files if year in data.years else {}
    problems = []
    for kind in [k for k in ("goals", "activities", "partners", "results", "monitoring") if k in kinds]:
        if kind == "goals":
            number, model = data.goals_in_force(year)
            source = data.years[number].sources.get("goals") if number is not None else None
        else:
            model, source = files.get(kind), data.years[year].sources.get(kind) if year in data.years else None
        if model is None or source is None:
            continue
        for loc, what in missing_bases(kind, model):
            if kind == "goals" and f" in {year}" not in what:
                continue  # another year's indicator values
            problems.append(source.problem(
                loc, f"The report '{form.name}' needs to say what {what} rests on: add "
                     "'basis: collected', 'basis: sample' or 'basis: estimate' here, or once for "
                     "the whole block or file.",
                path=format_path(loc), severity="warning", code="basis-missing"))
    return problems
