"""``raportti import``: a finished report (DOCX, Markdown, text) into a draft project.

The document is read into paragraphs, the form's sections and questions are found in it,
and each answer goes where the form's ``import`` rule says — the place the question's
template reads — so building the imported project with the same form gives back the
document. Text that has no place is kept in a leftovers file.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from raportti.report.forms import Form, available_forms, find_form, load_form
from raportti.importing.matching import (Item, Match, heading_level, match_form, match_words, normalise, similarity,
                                         weak_matches)
from raportti.importing.front import read_front
from raportti.importing.placing import Draft, markdown_of, place
from raportti.importing.reading import Paragraph, read_document
from raportti.i18n.messages import _, ngettext
from raportti.problems import UserError

#: What a title line of the document became: the report's own title.
TITLE = "raportin otsikko"
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
    #: Matches below matching.WEAK: "'heading' → form item (confidence)", for a person to check.
    weak: list[str] = field(default_factory=list)
    #: The document's own chapters the form has no place for (their text is in the leftovers).
    own_chapters: list[str] = field(default_factory=list)
    #: The heading → form item map written (``--map``), to correct and import again with.
    map_file: Optional[Path] = None


def import_report(source: Path, report: str, out: Path, year: Optional[int] = None,
                  force: bool = False, name: Optional[str] = None, map_file: Optional[Path] = None,
                  ask: Optional[Callable[[list[tuple[str, str, float]]], list[bool]]] = None,
                  new_form: Optional[str] = None) -> ImportSummary:
    """Import ``source`` as form ``report`` into the project folder ``out``.

    A document in the form's own words is found by them; one in the organisation's own
    headings by alike words, the form's aliases and the document's order
    (:func:`matching.match_words`). ``map_file``, when it exists, says which heading is which
    part of the form (a person's corrections); the map of this import is written there
    (default: ``tuonti-kartta-YEAR.yaml`` in the project). ``ask`` is shown the weak matches
    ("heading", "form item", confidence) and says for each whether to keep it. ``new_form``
    makes a form of that name from the document's own outline (:mod:`ownform`) and imports
    into it; the form is written into the project's ``templates/``.
    """
    from raportti.importing.headingmap import apply_map, default_map_path, read_map, write_map
    from raportti.importing.writing import write_project

    paragraphs = read_document(source)
    notes = [p for p in paragraphs if p.kind == "note"]
    paragraphs = [p for p in paragraphs if p.kind != "note"]
    project_root = out if (out / "project.yaml").is_file() else None
    with tempfile.TemporaryDirectory(prefix=".raportti-form-") as made:
        own_files = _own_form(new_form, paragraphs, year, source, Path(made), project_root) if new_form else {}
        form = load_form(Path(made) / new_form if new_form else find_form(report, project_root))
    match = match_form(form, paragraphs)
    fixed = read_map(map_file, match.items) if map_file is not None and map_file.is_file() else {}
    _check_form(form, match, paragraphs, project_root, own_words=True)
    excluded = apply_map(match, paragraphs, fixed)
    match_words(form, paragraphs, match, excluded)
    if ask is not None:
        _ask_weak(match, paragraphs, ask)
    if not match.at:
        _nothing_found(form, source, paragraphs, out, force)
    first = min(match.at.values(), default=len(paragraphs))
    front = read_front(form, paragraphs[:first])
    form_year = year or form.year or front.year
    if form_year is None:
        raise UserError(_("The form '{name}' has no year of its own and the document's title page does not say one (as in 'vuosi 2025'); say which year the report is with --year YYYY.").format(name=form.name))
    draft = Draft(form_year=form_year, extra_files=own_files, earlier_goals=_existing_goals(out))
    summary = ImportSummary(form=form.name, year=form_year, questions=len(match.questions))
    front.put(draft, form, form_year)
    _place_answers(form, match, paragraphs, draft, summary)
    _headings_kept(draft, match, paragraphs, [p for p in front.titles if normalise(p.plain) != normalise(form.title)])
    summary.weak = [f"'{paragraphs[match.at[i]].plain}' → {match.items[i].label} "
                    f"({match.scores[i]:.2f})".replace(f"{match.scores[i]:.2f}", f"{match.scores[i]:.2f}".replace(".", ","))
                    for i in weak_matches(match)]
    if summary.answers and not summary.placed:
        raise UserError(_nothing_placed(form, summary))
    draft.leave("Alaviitteet ja kommentit", notes, "Word-asiakirjan alaviitteet, loppuviitteet ja kommentit")
    _project_basics(draft, form, source, name)
    summary.figures, summary.goals, summary.results = draft.figures, draft.goals, draft.results
    summary.checks = draft.checks
    summary.leftovers = len(draft.leftovers)
    write_project(draft, source, out, force, summary)
    summary.map_file = map_file or default_map_path(out, form_year)
    write_map(summary.map_file, form, match, paragraphs, source, out)
    return summary


def _own_form(name: str, paragraphs: list[Paragraph], year: Optional[int], source: Path, folder: Path,
              project_root: Optional[Path]) -> dict[Path, str]:
    """The form made from the document's outline, in ``folder``/NAME and as files for the project."""
    from raportti.importing.front import report_year
    from raportti.importing.ownform import form_files
    from raportti.report.forms import available_forms

    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise UserError(_("'{name}' cannot be a form's name: use small letters a–z, digits and '-' "
                          "(for example oma-toimintakertomus).").format(name=name))
    if name in available_forms(None):
        raise UserError(_("'{name}' is the name of a built-in form; choose another name for the new form.")
                        .format(name=name))
    files = form_files(name, paragraphs, year or report_year(paragraphs), source)
    (folder / name).mkdir()
    for file, text in files.items():
        (folder / name / file).write_text(text, encoding="utf-8")
    return {Path("templates") / name / file: text for file, text in files.items()}


def _existing_goals(out: Path) -> dict[int, list[tuple[str, str]]]:
    """The goals (id, text) of each year folder a project already has, sub-goals included."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from raportti.project.loading import YEAR_FOLDER

    found: dict[int, list[tuple[str, str]]] = {}
    if not (out / "project.yaml").is_file():
        return found
    for folder in out.iterdir():
        path = folder / "goals.yaml"
        if not (YEAR_FOLDER.match(folder.name) and path.is_file()):
            continue
        try:
            data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, YAMLError):
            continue  # validate says what is wrong with it; the import goes on without it
        goals = [g for g in (data.get("goals") or []) if isinstance(g, dict)]
        every = goals + [s for g in goals for s in (g.get("subgoals") or []) if isinstance(s, dict)]
        found[int(folder.name)] = [(str(g["id"]), str(g["text"])) for g in every if g.get("id") and g.get("text")]
    return found


def _ask_weak(match: Match, paragraphs: list[Paragraph], ask) -> None:
    weak = weak_matches(match)
    if not weak:
        return
    answers = ask([(paragraphs[match.at[i]].plain, match.items[i].label, match.scores[i]) for i in weak])
    for i, keep in zip(weak, answers):
        if not keep:
            del match.at[i], match.scores[i], match.how[i]


def _headings_kept(draft: Draft, match: Match, paragraphs: list[Paragraph], titles: list[Paragraph]) -> None:
    """The document's headings that the form's own wording replaces, listed in the leftovers,
    so that no word of the document is lost (the map file says the same as data)."""
    lines = [Paragraph(f"- {p.plain} → {TITLE}", kind="item") for p in titles]
    for i, j in sorted(match.at.items(), key=lambda t: t[1]):
        heading = paragraphs[j].plain
        if normalise(heading) != normalise(match.items[i].text):
            lines.append(Paragraph(f"- {heading} → {match.items[i].label}", kind="item"))
    draft.leave("Asiakirjan otsikot", lines, "raportissa näkyy lomakkeen otsikko; asiakirjan otsikko ja "
                                             "lomakkeen kohta, johon sen teksti vietiin")


def _nothing_found(form: Form, source: Path, paragraphs: list[Paragraph], out: Path, force: bool) -> None:
    """No part of the form in the document: the whole text to the leftovers file, and say so."""
    from raportti.importing.writing import leftovers_name, write_leftovers_only

    draft = Draft(form_year=form.year or 0)
    draft.leave("Koko asiakirja", paragraphs, f"yksikään lomakkeen '{form.name}' kohta ei löytynyt")
    path = write_leftovers_only(draft, source, out, force, leftovers_name(form.year) if form.year else None)
    raise UserError(_("No part of the form '{form}' was found in the document, so no data was written. "
                      "Its whole text is in {path}. Try another form (raportti reports lists them), a map of "
                      "its headings (--map), or --new-form NAME to make a form of the document's own headings.")
                    .format(form=form.name, path=path))


def _check_form(form: Form, match: Match, paragraphs: list[Paragraph], project_root,
                own_words: bool = False) -> None:
    """Few of the form's questions in its own wording: another form that fits is named and
    nothing is written. With ``own_words``, a document that no other form fits goes on to be
    matched by its own headings."""
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
    if own_words and not others:
        return
    if others:
        best = max(others)[1]
        hint = _(" It looks like the form '{best}': try --report {best}.").format(best=best)
    raise UserError(_("This does not look like the form '{name}': found {found} of its {total} questions in the document. Nothing was written.{hint}").format(name=form.name, found=found, total=total, hint=hint))


def _place_answers(form: Form, match: Match, paragraphs: list[Paragraph], draft: Draft,
                   summary: ImportSummary) -> None:
    items = match.items
    positions = sorted((j, i) for i, j in match.at.items())
    carry: list[Paragraph] = []  # a chapter's opening text, for its first question
    for n, (j, i) in enumerate(positions):
        end = positions[n + 1][0] if n + 1 < len(positions) else len(paragraphs)
        end = _own_chapters(paragraphs, j, end, draft, summary)
        body = carry + paragraphs[j + 1:end]
        carry = []
        item = items[i]
        if item.question is None:
            section = item.section
            # The chapter's content when its question has no heading of its own.
            empty = [q for q in section.questions if not q.text.strip()]
            if section.instructions and body and \
                    similarity(normalise(section.instructions), normalise(" ".join(p.plain for p in body[:1]))) >= 0.8:
                body = body[1:]
            asked = [k for k, other in enumerate(items) if other.section is section and other.question is not None]
            following = positions[n + 1][1] if n + 1 < len(positions) else None
            if empty and body:
                _answer(draft, empty[0], body, section.heading, summary)
                summary.found.append(section.heading)
            elif body and not any(k in match.at for k in asked) and _first_answerable(section) is not None:
                # The document goes straight to its own sub-headings: the chapter is the answer.
                question = _first_answerable(section)
                _answer(draft, question, body, section.heading, summary)
                summary.found.append(section.heading)
                asked_places = {str(q.import_.to) for q in section.questions
                                if q.import_ is not None and q.import_.as_ != "generated"}
                if len(asked_places) > 1:
                    draft.checks.append(f"'{paragraphs[j].plain}': luvussa ei ollut kysymysten otsikoita; koko "
                                        f"teksti vietiin kohtaan '{Item(section, question).label}'")
            elif body and not section.instructions and following in asked:
                carry = body  # the chapter's opening words before its first part's heading
            else:
                draft.leave(section.heading, body, "tekstiä otsikon ja ensimmäisen kysymyksen välissä")
            continue
        summary.found.append(item.label)
        _answer(draft, item.question, body, item.label, summary)
    answered = {items[i].section.heading for i in match.at if items[i].question is None} - \
        {items[i].section.heading for i in match.at if items[i].question is not None}
    for i in match.questions:
        if i not in match.at and items[i].section.heading not in answered:
            summary.missing.append(items[i].label)


def _first_answerable(section):
    return next((q for q in section.questions if q.import_ is not None and q.import_.as_ != "generated"), None)


def _own_chapters(paragraphs: list[Paragraph], j: int, end: int, draft: Draft, summary: ImportSummary) -> int:
    """Where the answer under heading ``j`` ends: at the next heading of its level or above that
    is no part of the form. Such chapters of the document's own go to the leftovers."""
    head = paragraphs[j]
    level = heading_level(head) if head.kind == "heading" else None
    if level is None:
        return end
    cuts = [k for k in range(j + 1, end) if paragraphs[k].kind == "heading" and
            (heading_level(paragraphs[k]) or 0) <= level and paragraphs[k].level != 0]
    for n, k in enumerate(cuts):
        stop = cuts[n + 1] if n + 1 < len(cuts) else end
        title = paragraphs[k].plain
        summary.own_chapters.append(title)
        draft.leave(title, paragraphs[k:stop], "asiakirjan oma luku, jolle lomakkeessa ei ole kohtaa")
        draft.checks.append(f"'{title}': lomakkeessa ei ole tälle luvulle kohtaa; teksti on jäljelle jääneessä "
                            "tekstissä (katso myös --map)")
    return cuts[0] if cuts else end


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
        why = _("the form '{name}' does not say for any of its questions where the answer goes "
                "(no 'import:' rules in its form.yaml)").format(name=form.name)
    else:
        why = _("none of the answers could be read the way the form's 'import:' rules ask")
    return ngettext("Nothing was written: {n} answer of the form's questions was found in the document, but it "
                    "could not be placed in the project's data, because {why}. See 'Uuden lomakkeen tuonti' in "
                    "docs/opas/tuonti.md.",
                    "Nothing was written: {n} answers of the form's questions were found in the document, but "
                    "none could be placed in the project's data, because {why}. See 'Uuden lomakkeen tuonti' in "
                    "docs/opas/tuonti.md.", summary.answers).format(n=summary.answers, why=why)


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

