"""Form rules: what a report structure demands of each answer (``validate --report``)."""

from __future__ import annotations

import re
from pathlib import Path

from raportti.forms import Form
from raportti.problems import DataError, Problem
from raportti.project import ProjectData
from raportti.rendering import render_report

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
        if rules.required and question in rendered.empty_questions:
            problems.append(Problem(
                f"Question {question.label} has no data, but the form requires an answer.",
                file=form_file, severity="error", code="answer-required", path=where))
    return problems
