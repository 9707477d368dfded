"""``raportti import``: a finished report (DOCX, Markdown, text) into a draft project.

The document is read into paragraphs, the form's sections and questions are found in it,
and each answer goes where the form's ``import`` rule says — the place the question's
template reads — so building the imported project with the same form gives back the
document. Text that has no place is kept in a leftovers file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from raportti.report.forms import Form, available_forms, find_form, load_form
from raportti.importing.matching import Match, match_form, normalise, similarity
from raportti.importing.front import read_front
from raportti.importing.placing import Draft, markdown_of, place
from raportti.importing.reading import Paragraph, read_document
from raportti.problems import UserError

#: Below this share of the form's questions found, the document is not this form.
ENOUGH = 0.5


@dataclass
class ImportSummary:
    """What an import did, for the command to tell."""

    form: str
    year: int
    questions: int
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    figures: int = 0
    goals: int = 0
    results: int = 0
    #: Answers found that went (at least partly) into the project's data, not the leftovers.
    placed: int = 0
    answers: int = 0
    #: Answers the form's templates make from other data (rule ``as: generated``).
    generated: int = 0
    checks: list[str] = field(default_factory=list)
    leftovers: int = 0
    written: list[Path] = field(default_factory=list)
    leftovers_file: Optional[Path] = None
    warnings: list = field(default_factory=list)


def import_report(source: Path, report: str, out: Path, year: Optional[int] = None,
                  force: bool = False, name: Optional[str] = None) -> ImportSummary:
    """Import ``source`` as form ``report`` into the project folder ``out``."""
    from raportti.importing.writing import write_project

    paragraphs = read_document(source)
    notes = [p for p in paragraphs if p.kind == "note"]
    paragraphs = [p for p in paragraphs if p.kind != "note"]
    project_root = out if (out / "project.yaml").is_file() else None
    form = load_form(find_form(report, project_root))
    match = match_form(form, paragraphs)
    _check_form(form, match, paragraphs, project_root)
    first = min(match.at.values(), default=len(paragraphs))
    front = read_front(form, paragraphs[:first])
    form_year = year or form.year or front.year
    if form_year is None:
        raise UserError(f"The form '{form.name}' has no year of its own and the document's title page does not "
                        "say one (as in 'vuosi 2025'); say which year the report is with --year YYYY.")
    draft = Draft(form_year=form_year)
    summary = ImportSummary(form=form.name, year=form_year, questions=len(match.questions))
    front.put(draft, form, form_year)
    _place_answers(form, match, paragraphs, draft, summary)
    if summary.answers and not summary.placed:
        raise UserError(_nothing_placed(form, summary))
    draft.leave("Alaviitteet ja kommentit", notes, "Word-asiakirjan alaviitteet, loppuviitteet ja kommentit")
    _project_basics(draft, form, source, name)
    summary.figures, summary.goals, summary.results = draft.figures, draft.goals, draft.results
    summary.checks = draft.checks
    summary.leftovers = len(draft.leftovers)
    write_project(draft, source, out, force, summary)
    return summary


def _check_form(form: Form, match: Match, paragraphs: list[Paragraph], project_root) -> None:
    total = len(match.questions)
    found = match.questions_found
    if total and found / total >= ENOUGH:
        return
    others = []
    for other in available_forms(project_root):
        if other == form.name:
            continue
        try:
            candidate = match_form(load_form(find_form(other, project_root)), paragraphs)
        except Exception:  # a broken form elsewhere must not hide this message
            continue
        if candidate.questions and candidate.questions_found / len(candidate.questions) >= ENOUGH:
            others.append((candidate.questions_found / len(candidate.questions), other))
    hint = ""
    if others:
        best = max(others)[1]
        hint = f" It looks like the form '{best}': try --report {best}."
    raise UserError(f"This does not look like the form '{form.name}': found {found} of its {total} questions "
                    f"in the document (löytyi {found} / {total} kysymystä). Nothing was written.{hint}")


def _place_answers(form: Form, match: Match, paragraphs: list[Paragraph], draft: Draft,
                   summary: ImportSummary) -> None:
    items = match.items
    positions = sorted((j, i) for i, j in match.at.items())
    for n, (j, i) in enumerate(positions):
        end = positions[n + 1][0] if n + 1 < len(positions) else len(paragraphs)
        body = paragraphs[j + 1:end]
        item = items[i]
        if item.question is None:
            section = item.section
            # The chapter's content when its question has no heading of its own.
            empty = [q for q in section.questions if not q.text.strip()]
            if section.instructions and body and \
                    similarity(normalise(section.instructions), normalise(" ".join(p.plain for p in body[:1]))) >= 0.8:
                body = body[1:]
            if empty and body:
                _answer(draft, empty[0], body, section.heading, summary)
                summary.found.append(section.heading)
            else:
                draft.leave(section.heading, body, "tekstiä otsikon ja ensimmäisen kysymyksen välissä")
            continue
        summary.found.append(item.label)
        _answer(draft, item.question, body, item.label, summary)
    for i in match.questions:
        if i not in match.at:
            summary.missing.append(items[i].label)


def _answer(draft: Draft, question, body: list[Paragraph], where: str, summary: ImportSummary) -> None:
    if not body:
        return
    summary.answers += 1
    if question.import_ is None:
        draft.leave(where, body, "lomake ei kerro, minne tämän kysymyksen vastaus tallennetaan")
        return
    before, made = len(draft.leftovers), len(draft.generated)
    place(draft, question.import_, body, where)
    left = draft.leftovers[before:]
    if len(draft.generated) > made:
        # What the report does not write the same goes to the leftovers once it is built.
        kept = sum(len(markdown_of(paragraphs)) for _, paragraphs in draft.generated[made:])
        if kept >= 0.9 * len(markdown_of(body)):
            summary.generated += 1
            return
    if not (left and sum(len(text) for _, text in left) >= 0.9 * len(markdown_of(body))):
        summary.placed += 1


def _nothing_placed(form: Form, summary: ImportSummary) -> str:
    """Why an import that found the form's questions put none of their answers in the data."""
    ruled = [q for s in form.sections for q in s.questions
             if q.import_ is not None and q.import_.as_ != "generated"]
    if not ruled:
        why = (f"the form '{form.name}' does not say for any of its questions where the answer goes "
               "(no 'import:' rules in its form.yaml)")
    else:
        why = "none of the answers could be read the way the form's 'import:' rules ask"
    return (f"Nothing was written: {summary.answers} answer(s) of the form's questions were found in the document, "
            f"but none could be placed in the project's data, because {why}. See 'Uuden lomakkeen tuonti' in "
            "docs/opas/tuonti.md.")


def _project_basics(draft: Draft, form: Form, source: Path, name: Optional[str]) -> None:
    from ruamel.yaml.comments import CommentedMap

    project = draft.project
    basics = CommentedMap()
    basics["schema_version"] = 1
    basics["name"] = name or draft.project_name or source.stem
    basics["organisation"] = project.get("organisation") or "Täydennä järjestön nimi"
    for key, value in project.items():
        if key not in basics:
            basics[key] = value
    basics["default_report"] = form.name
    draft.project.clear()
    draft.project.update(basics)
    # Comments made on project.yaml's keys stay with them.
    if not (name or draft.project_name):
        draft.project.yaml_set_comment_before_after_key(
            "name", before="Tarkista: hankkeen nimi on otettu tiedoston nimestä", indent=0)
        draft.checks.append("project.yaml: name: hankkeen nimi on otettu tiedoston nimestä")
    if project.get("organisation") in (None, "Täydennä järjestön nimi"):
        draft.project.yaml_set_comment_before_after_key(
            "organisation", before="Tarkista: järjestön nimeä ei löytynyt asiakirjasta", indent=0)
        draft.checks.append("project.yaml: organisation: järjestön nimeä ei löytynyt asiakirjasta")

