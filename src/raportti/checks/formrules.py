"""Form rules: what a report structure demands of each answer (``validate --report``)."""

from __future__ import annotations

import re
from pathlib import Path

from raportti.i18n.messages import _
from raportti.project.bases import missing_bases
from raportti.checks.text import text_problems
from raportti.report.charts import strip_charts
from raportti.report.forms import Form
from raportti.problems import DataError, Problem, format_path
from raportti.project.loading import ProjectData
from raportti.project.walk import TEXT, walk_project
from raportti.report.rendering import RenderedReport, render_report

LINK = re.compile(r"https?://|\]\(|<[a-z]+:", re.IGNORECASE)
# The link as a coordinator would search for it in the data: an address, else the mark.
LINK_TEXT = re.compile(r"https?://[^\s)>\]]+|<[a-z]+:[^>\s]+>|\]\([^)\s]*\)", re.IGNORECASE)


def check_rules(data: ProjectData, form: Form, folder: Path, *, as_build: bool = False,
                asked: int | None = None) -> list[Problem]:
    """Render the form and check each answer against its question's rules.

    ``as_build``: as ``build`` treats them, only an answer too long for the form is an
    error; the other rules warn."""
    try:
        rendered = render_report(data, form, folder, asked=asked)
    except DataError as exc:
        return exc.problems
    found = check_report(data, rendered, folder)
    if as_build:
        from dataclasses import replace

        found = [p if p.code == "too-long" else replace(p, severity="warning") for p in found]
    return found


def check_report(data: ProjectData, rendered: RenderedReport, folder: Path) -> list[Problem]:
    """The rules of a report already rendered (the preview renders it anyway)."""
    return check_answers(rendered, folder, data) + _missing_bases(data, rendered.form, rendered.year)


def check_answers(rendered: RenderedReport, folder: Path, data: ProjectData | None = None) -> list[Problem]:
    """Check each rendered answer against its question's rules.

    An answer's length is counted as pasted into the online form: its plain text,
    without Markdown's marks (see :mod:`raportti.writers.plaintext`).
    """
    from raportti.project.provenance import strip_marks
    from raportti.writers.plaintext import plain_text

    problems = []
    form_file = folder / "form.yaml"
    for question, answer in rendered.by_question:
        answer = strip_charts(strip_marks(answer), rendered.charts)
        rules = question.rules
        where = _("question {label}").format(label=question.label)
        length = len(plain_text(answer)) if rules.max_length is not None else 0
        if rules.max_length is not None and length > rules.max_length:
            message = (_("The answer to {where} is {length} characters as plain text; the form allows "
                         "{max_length}.").format(where=where, length=length, max_length=rules.max_length))
            longest = _longest_source(data, answer) if data is not None else None
            if longest is None:
                problems.append(Problem(message, file=form_file, severity="error", code="too-long", path=where))
            else:
                source, loc, text = longest
                own = len(plain_text(text))
                problems.append(source.problem(
                    loc, _("{message} This text is {own} of them: shorten it by at least {value} "
                           "characters (or another text of that answer).").format(message=message, own=own, value=length - rules.max_length),
                    path=format_path(loc), code="too-long"))
        if rules.no_links and LINK.search(answer):
            link = LINK_TEXT.search(answer)
            shown = f" ('{link.group(0)}')" if link else ""
            problems.append(_in_data(data, Problem(
                _("The answer to {where} contains a link{shown}; the form does not allow links.").format(where=where, shown=shown),
                file=form_file, severity="error", code="link-not-allowed", path=where),
                link.group(0).lstrip("](").rstrip(")") if link else None))
        if rules.no_personal_data:
            for offset, message, code in text_problems(answer):
                if code != "draft-marker":
                    found = re.match(r"[^\s,;)]+(?:[ -]\d+)*", answer[offset:])
                    problems.append(_in_data(data, Problem(
                        _("The answer to {where}: {message} The form does not allow personal data.").format(where=where, message=message),
                        file=form_file, severity="error", code=code, path=where),
                        found.group(0) if found else None))
        if rules.required and question in rendered.empty_questions:
            problems.append(Problem(
                _("Question {label} has no data, but the form requires an answer.").format(label=question.label),
                file=form_file, severity="error", code="answer-required", path=where))
    return problems


def _in_data(data: ProjectData | None, problem: Problem, needle: str | None) -> Problem:
    """The problem at the first place in the project's YAML that holds ``needle`` (a link,
    a phone number), so it is fixed where it was written, not looked for in the form."""
    if data is None or not needle:
        return problem
    for source in data.sources():
        if source is None or needle not in source.text:
            continue
        for number, line in enumerate(source.text.splitlines(), 1):
            column = line.find(needle)
            if column >= 0:
                return Problem(problem.message, file=source.path, line=number, column=column + 1,
                               path=problem.path, severity=problem.severity, code=problem.code,
                               source_line=line)
    return problem


def _longest_source(data: ProjectData, answer: str):
    """``(source, loc, text)`` of the longest text of the data that the answer shows, so a
    too long answer is blamed on the text to shorten, not on the form."""
    flat = " ".join(answer.split())
    best = None
    for source, item in walk_project(data, only=frozenset((TEXT,))):
        if item.what == TEXT and item.value.strip():
            head = " ".join(item.value.split()[:8])
            if head and head in flat and (best is None or len(item.value) > len(best[2])):
                best = (source, item.loc, item.value)
    return best


def _missing_bases(data: ProjectData, form: Form, year: int | None) -> list[Problem]:
    """Where the form needs a basis (collected / sample / estimate) and the data has none.

    Each figure is reported once, at its place in the YAML, even when several questions
    show it."""
    kinds = {kind for question in form.questions() for kind in question.rules.bases}
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
        for loc, what, entry_year in missing_bases(kind, model):
            if kind == "goals" and entry_year != year:
                continue  # another year's indicator values
            problems.append(source.problem(
                loc, _("The report '{name}' needs to say what {what} rests on: add 'basis: collected', "
                       "'basis: sample' or 'basis: estimate' here, or once for the whole block or file.").format(name=form.name, what=what),
                path=format_path(loc), severity="warning", code="basis-missing"))
    return problems
