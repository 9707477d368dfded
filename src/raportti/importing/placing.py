"""Putting answers where the form's templates read them: a draft of the project's files.

A form's question says in ``import`` where its answer goes (``to``: a file and a path in
it) and how to read it (``as``). The draft is plain ruamel.yaml mappings, one per file,
so comments can mark the places a person should check ("# Tarkista: …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Optional

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from raportti.report.forms import ImportRule
from raportti.importing.matching import normalise
from raportti.importing.numbers import Figures, count, figurise
from raportti.importing.reading import Paragraph
from raportti.schema.models import FILE_KINDS, Project
from raportti.schema.models.base import markdown_fields
from raportti.schema.errors import annotation_step, model_class

CHECK = "Tarkista"
_SELECTOR = re.compile(r"^(?P<key>[A-Za-z_]+)\[(?P<new>\+)?(?P<field>[A-Za-z_]+)=(?P<value>[^\]]*)\]$")
_YEAR_HEADING = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")


@dataclass
class Spot:
    """A place in a draft file: the mapping, the key in it, and what the model says of it."""

    mapping: CommentedMap
    key: Optional[str]
    model: Optional[type[BaseModel]]  # the mapping's model
    indent: int
    file: str


@dataclass
class Draft:
    """The project being made: project.yaml and each year's files, plus what is left over."""

    form_year: int
    project_name: Optional[str] = None
    project: CommentedMap = field(default_factory=CommentedMap)
    years: dict[int, dict[str, CommentedMap]] = field(default_factory=dict)
    leftovers: list[tuple[str, str]] = field(default_factory=list)  # (where it was, Markdown)
    #: Parts the form's templates make from other data (a table of contents): what the
    #: built report does not show of them goes to the leftovers once it is built.
    generated: list[tuple[str, list[Paragraph]]] = field(default_factory=list)
    #: What to do with a generated part's text the report does not write the same (rule ``note``).
    generated_notes: dict[str, str] = field(default_factory=dict)
    #: The document's table of contents (normalised lines): a paragraph listed there is a heading.
    contents: set[str] = field(default_factory=set)
    checks: list[str] = field(default_factory=list)  # what a person should look at
    #: Goals of the project's existing years (year → [(id, text)], sub-goals included): an
    #: import into an existing project gives a goal worded alike the same id.
    earlier_goals: dict = field(default_factory=dict)
    #: Files written with the data as they are (a form made from the document: templates/NAME/…).
    extra_files: dict = field(default_factory=dict)
    figures: int = 0
    goals: int = 0
    results: int = 0

    # -- places ---------------------------------------------------------------------------

    def file(self, kind: str, year: int) -> tuple[CommentedMap, type[BaseModel]]:
        if kind == "project":
            return self.project, Project
        if kind not in FILE_KINDS:
            raise ValueError(f"unknown file '{kind}' in an import rule")
        files = self.years.setdefault(year, {})
        return files.setdefault(kind, CommentedMap()), FILE_KINDS[kind]

    def spot(self, place: str, year: int) -> Spot:
        """Walk ``place`` ("monitoring.groups.employees.text"), making what is missing."""
        kind, _, path = place.partition(".")
        mapping, model = self.file(kind, year)
        label = kind if kind == "project" else f"{year}/{kind}"
        annotation: Any = model
        indent = 0
        steps = _split(path) if path else []
        for n, step in enumerate(steps):
            last = n == len(steps) - 1
            selector = _SELECTOR.match(step)
            if selector is None and last:
                return Spot(mapping, step, model_class(annotation, mapping), indent, label)
            if selector is None:
                annotation = annotation_step(annotation, step, {})
                child = mapping.get(step)
                if child is None:
                    child = mapping[step] = CommentedMap()
                mapping, indent = child, indent + 2
                continue
            key, value = selector.group("key"), selector.group("value").replace("{year}", str(year))
            annotation = annotation_step(annotation, key, {})
            annotation = annotation_step(annotation, 0, {})
            items = mapping.get(key)
            if items is None:
                items = mapping[key] = CommentedSeq()
            wanted: Any = int(value) if value.lstrip("-").isdigit() else value
            found = None
            if not selector.group("new"):
                found = next((item for item in items if item.get(selector.group("field")) == wanted), None)
            if found is None:
                found = CommentedMap()
                item_cls = model_class(annotation, {})
                for name, info in (item_cls.model_fields.items() if item_cls else ()):
                    if info.is_required() and name != selector.group("field") and \
                            "list" in str(info.annotation):
                        found[name] = CommentedSeq()  # e.g. a result's goals: [] (all goals)
                found[selector.group("field")] = wanted
                items.append(found)
            mapping, indent = found, indent + 4
        return Spot(mapping, None, model_class(annotation, mapping), indent, label)

    def note(self, spot: Spot, key: str, message: str) -> None:
        """A comment above ``key`` saying what to check, and a line in the summary."""
        if key in spot.mapping:
            before = spot.mapping.ca.items.get(key)
            if not before:
                spot.mapping.yaml_set_comment_before_after_key(key, before=f"{CHECK}: {message}", indent=spot.indent)
        self.checks.append(f"{spot.file}: {key}: {message}")

    # -- putting text ---------------------------------------------------------------------

    def put_text(self, spot: Spot, key: str, markdown: str) -> None:
        """Markdown at ``key`` (after any text already there), numbers as figures."""
        if not markdown.strip():
            return
        markdown_keys = markdown_fields(spot.model) if spot.model else frozenset()
        if key in markdown_keys:
            if spot.model is not None and "figures" in spot.model.model_fields and spot.file != "project":
                figures = Figures(dict(spot.mapping.get("figures") or {}))
                before = count(figures.values)
                known = set(figures.values)
                markdown = figurise(markdown, figures)
                if figures.values:
                    spot.mapping["figures"] = _figures_map(figures.values)
                self.figures += count(figures.values) - before
                for name, value in figures.values.items():
                    if name not in known and isinstance(value, dict) and "parts" in value:
                        self.note(Spot(spot.mapping["figures"], None, None, spot.indent + 2, spot.file), name,
                                  "kokonaismäärä ja sen osat on luettu tekstistä; katso, että osat ovat oikeat")
            else:
                markdown = markdown.replace("{", "{{").replace("}", "}}")
        old = spot.mapping.get(key)
        text = f"{old.rstrip()}\n\n{markdown}" if old else markdown
        spot.mapping[key] = LiteralScalarString(text.rstrip() + "\n") if "\n" in text else text
        _order_figures_last(spot.mapping)

    def leave(self, where: str, paragraphs: list[Paragraph], why: str) -> None:
        if paragraphs:
            self.leftovers.append((f"{where} ({why})", markdown_of(paragraphs)))


# -- reading answers by rule ---------------------------------------------------------------------


def place(draft: Draft, rule: ImportRule, paragraphs: list[Paragraph], where: str) -> None:
    """Put one question's answer where ``rule`` says."""
    year = draft.form_year + rule.year
    how = rule.as_
    own = {normalise(line.replace("{year}", str(year))) for line in rule.own_lines}
    paragraphs = [p for p in paragraphs if normalise(p.plain) not in own]
    if not paragraphs:
        return
    if rule.fields:
        paragraphs = _put_fields(draft, rule, year, paragraphs)
    if rule.parts:
        paragraphs = _put_parts(draft, rule, year, paragraphs, where)
        if not paragraphs:
            return
    if how in ("text", "blocks", "results") and not draft.extra_files:
        # (a form made from the document's outline keeps its tables where they are, as text)
        paragraphs = _reach_tables(draft, year, paragraphs, where)
        if not paragraphs:
            return
    if how == "generated":
        draft.generated.append((where, paragraphs))
        if rule.note:
            draft.generated_notes[where] = rule.note
        draft.contents.update(normalise(p.plain) for p in paragraphs)
        return
    places = rule.to if isinstance(rule.to, list) else [rule.to]
    if how == "lines":
        for i, target in enumerate(places):
            chunk = paragraphs[i:i + 1] if i < len(places) - 1 else paragraphs[i:]
            if chunk:
                spot = draft.spot(target, year)
                _put_scalar(draft, spot, chunk)
        return
    spot = draft.spot(places[0], year)
    if how == "text":
        draft.put_text(spot, spot.key, markdown_of(paragraphs))
    elif how == "line":
        _put_scalar(draft, spot, paragraphs[:1])
        draft.leave(where, paragraphs[1:], "vain ensimmäinen rivi mahtui kohtaan")
    elif how == "number":
        number = _number(" ".join(p.plain for p in paragraphs))
        if number is not None:
            spot.mapping[spot.key] = number
        elif rule.otherwise:
            other = draft.spot(rule.otherwise, year)
            draft.put_text(other, other.key, markdown_of(paragraphs))
            draft.note(other, other.key, f"vastaus kohtaan '{where}' ei ollut pelkkä luku; se on tässä tekstinä")
        else:
            draft.leave(where, paragraphs, "vastaus ei ollut luku")
    elif how == "list":
        items = spot.mapping.get(spot.key) or CommentedSeq()
        items.extend(p.plain for p in paragraphs)
        spot.mapping[spot.key] = items
    elif how == "rows":
        _put_rows(draft, spot, rule, paragraphs, where)
    elif how == "blocks":
        put_blocks(draft, spot, paragraphs)
    elif how == "years":
        _put_years(draft, rule, places[0], paragraphs, where)
    elif how == "goals":
        from raportti.importing.goals import put_goals
        put_goals(draft, spot, paragraphs, year, where)
    elif how == "indicators":
        from raportti.importing.goals import put_indicators
        put_indicators(draft, paragraphs, year, where)
    elif how == "results":
        from raportti.importing.goals import put_results
        put_results(draft, spot, paragraphs, year, where, rule.headings, rule.all_goals)


#: A table of planned against reached numbers per target group: partners.yaml's reach.
_REACH_COLUMNS = {"Kohderyhmä": "group", "Suunniteltu": "planned", "Tavoite": "planned", "Tavoitettu": "reached",
                  "Toteutunut": "reached", "Toteuma": "reached", "Peruste": "basis"}


def _reach_tables(draft: Draft, year: int, paragraphs: list[Paragraph], where: str) -> list[Paragraph]:
    """Tables "Kohderyhmä | Suunniteltu | Tavoitettu" in free text into partners.yaml's ``reach``
    (the report shows them as the reach table); the other paragraphs are returned."""
    from raportti.report.forms import ImportRule

    columns = {normalise(k): v for k, v in _REACH_COLUMNS.items()}
    rest: list[Paragraph] = []
    n = 0
    while n < len(paragraphs):
        p = paragraphs[n]
        header = [columns.get(normalise(c)) for c in _cells(p.markdown.splitlines()[0])] if p.kind == "table" else []
        if not (header[:1] == ["group"] and "planned" in header and "reached" in header and
                all(h is not None for h in header)):
            rest.append(p)
            n += 1
            continue
        groups = {normalise(_cells(line)[0]) for line in p.markdown.splitlines()[2:]}
        taken = [p]
        n += 1
        while n < len(paragraphs) and paragraphs[n].kind == "p" and \
                normalise(paragraphs[n].plain.partition(":")[0]) in groups and ":" in paragraphs[n].plain:
            taken.append(paragraphs[n])  # "Omaishoitajat: Uusi kohderyhmä kesken vuoden." is that row's note
            n += 1
        rule = ImportRule.model_validate({"to": "partners.reach", "as": "rows", "columns": _REACH_COLUMNS})
        _put_rows(draft, draft.spot("partners.reach", year), rule, taken, where)
    return rest


def _put_rows(draft: Draft, spot: Spot, rule: ImportRule, paragraphs: list[Paragraph], where: str) -> None:
    """A table's rows as a list of mappings (the rule's ``columns`` name their fields); a line
    "<first cell>: text" after the table is that row's note."""
    from raportti.schema.models.base import BASES

    fields = {normalise(title): name for title, name in rule.columns.items()}
    bases = {text: key for key, text in BASES.items()}
    if spot.key == "figures":
        _put_figure_rows(draft, spot, fields, bases, paragraphs, where)
        return
    items = spot.mapping.get(spot.key) or CommentedSeq()
    by_first: dict[str, CommentedMap] = {}
    for p in paragraphs:
        if p.kind == "table":
            lines = p.markdown.splitlines()
            header = [fields.get(normalise(cell)) for cell in _cells(lines[0])]
            if not header or header[0] is None:
                draft.leave(where, [p], "taulukon sarakkeita ei tunnistettu")
                continue
            for line in lines[2:]:
                item = CommentedMap()
                for name, cell in zip(header, _cells(line)):
                    value = _cell_value(cell, bases if name == "basis" else None)
                    if name is not None and value is not None:
                        item[name] = value
                if item:  # block style: a flow mapping would need quoting for "a, b" texts
                    items.append(item)
                    by_first[normalise(str(next(iter(item.values()))))] = item
            continue
        label, colon, text = p.plain.partition(":")
        row = by_first.get(normalise(label)) if colon else None
        if row is not None and text.strip():
            row["note"] = text.strip()
        else:
            draft.leave(where, [p], "tekstiä taulukon ympärillä")
    spot.mapping[spot.key] = items


def _put_figure_rows(draft: Draft, spot: Spot, fields: dict, bases: dict, paragraphs: list[Paragraph],
                     where: str) -> None:
    """Rows "label | number | basis" as labelled figures (a file's `figures`), named after the label."""
    figures = spot.mapping.get("figures") or CommentedMap()
    for p in paragraphs:
        header = [fields.get(normalise(cell)) for cell in _cells(p.markdown.splitlines()[0])] if p.kind == "table" else []
        if "value" not in header or "label" not in header:
            draft.leave(where, [p], "raportti tekee tämän luvuista; kirjaa luvut figures-kohtaan (label, basis)")
            continue
        for line in p.markdown.splitlines()[2:]:
            row = {name: cell for name, cell in zip(header, _cells(line)) if name is not None}
            value = _cell_value(row.get("value", ""), None)
            if not isinstance(value, (int, float)) or not row.get("label"):
                draft.leave(where, [Paragraph(line, kind="table")], "taulukon riviä ei voitu lukea luvuksi")
                continue
            figure = CommentedMap(value=value, label=row["label"])
            basis = bases.get(row.get("basis", ""))
            if basis:
                figure["basis"] = basis
            name = _slug(row["label"])
            while name in figures:
                name += "_2"
            figures[name] = figure
            draft.figures += 1
    if figures:
        spot.mapping["figures"] = figures


def _slug(label: str) -> str:
    text = label.casefold().translate(str.maketrans("äöåéü", "aoaeu"))
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")[:40] or "luku"


def _cells(line: str) -> list[str]:
    return [re.sub(r"\*\*|__", "", c).strip() for c in line.strip().strip("|").split("|")]


def _cell_value(cell: str, bases: Optional[dict]) -> Any:
    cell = cell.replace("\\|", "|").strip()
    if cell in ("", "–", "-", "—"):
        return None
    if bases is not None:
        return bases.get(cell)
    number = _number(cell.replace("\u00a0", "").replace("\u202f", "").replace(" ", ""))
    return number if number is not None else cell


def _put_fields(draft: Draft, rule: ImportRule, year: int, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Lines "Rahoittaja: STEA" to the rule's places for their labels; the other lines are returned."""
    places = {normalise(label): target for label, target in rule.fields.items()}
    rest = []
    for p in paragraphs:
        label, colon, value = p.plain.partition(":")
        target = places.get(normalise(label)) if colon and value.strip() else None
        if target is None:
            rest.append(p)
            continue
        spot = draft.spot(target, year)
        field = spot.model.model_fields.get(spot.key) if spot.model is not None and spot.key else None
        if field is not None and "list" in str(field.annotation):
            items = CommentedSeq(v.strip() for v in value.split(",") if v.strip())
            items.fa.set_flow_style()
            spot.mapping[spot.key] = items
        else:
            spot.mapping[spot.key] = value.strip()
    return rest


def _put_parts(draft: Draft, rule: ImportRule, year: int, paragraphs: list[Paragraph],
               where: str) -> list[Paragraph]:
    """The text under each of the rule's sub-headings to its own place; the rest is returned."""
    places = {normalise(title): target for title, target in rule.parts.items()}
    rest: list[Paragraph] = []
    found: dict[str, list[Paragraph]] = {}
    target = None
    for p in paragraphs:
        if p.kind == "heading" or is_heading_like(p.plain):
            key = normalise(p.plain)
            if key in places:
                target = places[key]
                continue
            if p.kind == "heading":
                target = None
        if target is None:
            rest.append(p)
        elif p.kind == "table":
            draft.leave(where, [p], "taulukon tekee raportti luvuista (figures) ja niiden "
                                                         "perusteista; kirjaa luvut sinne")
        else:
            found.setdefault(target, []).append(p)
    for target, body in found.items():
        spot = draft.spot(target, year)
        draft.put_text(spot, spot.key, markdown_of(body))
    return rest


def _put_scalar(draft: Draft, spot: Spot, paragraphs: list[Paragraph]) -> None:
    markdown_keys = markdown_fields(spot.model) if spot.model else frozenset()
    if spot.key in markdown_keys:
        draft.put_text(spot, spot.key, markdown_of(paragraphs))
    else:
        spot.mapping[spot.key] = " ".join(p.plain for p in paragraphs)


def _number(text: str) -> Any:
    text = text.strip()
    m = re.fullmatch(r"(\d+)(?:,(\d+))?", text)
    if m:
        return float(text.replace(",", ".")) if m.group(2) else int(text)
    m = re.fullmatch(r"(\d+(?:,\d+)?)\s*[-–]\s*(\d+(?:,\d+)?)", text)
    if m:
        low, high = (float(x.replace(",", ".")) for x in m.groups())
        if low <= high:
            return CommentedMap(min=_tidy(low), max=_tidy(high))
    return None


def _tidy(value: float) -> Any:
    return int(value) if value.is_integer() else value


# -- narrative blocks --------------------------------------------------------------------------------


def is_heading(paragraphs: list[Paragraph], i: int, contents: set[str] = frozenset()) -> bool:
    """A paragraph that heads what follows: a heading style, a line the table of contents
    lists, or a short title-like line (not "Label: value")."""
    p = paragraphs[i]
    if p.kind == "heading":
        return True
    if p.kind != "p" or i + 1 >= len(paragraphs):
        return False
    text = re.sub(r"\[\^\w+\]$", "", p.plain)  # a footnote's mark ends a sentence, not a title
    if _listed(normalise(text), contents):
        return True
    if ": " in text:
        return False
    if len(text) > 90 or not text[:1].isupper() or re.search(r"[.!?:;,…]$", text) or "://" in text:
        return False
    if len(text.split()) > 12 or "→" in text:
        return False
    following = paragraphs[i + 1]
    return not (following.kind == "p" and is_heading_like(following.plain))


def _listed(text: str, contents: set[str]) -> bool:
    """Listed in the table of contents, allowing a typo either side."""
    if text in contents:
        return True
    return any(abs(len(line) - len(text)) <= 3 and SequenceMatcher(None, line, text, autojunk=False).ratio() >= 0.95
               for line in contents if len(line) > 20)


def is_heading_like(text: str) -> bool:
    return len(text) <= 90 and text[:1].isupper() and not re.search(r"[.!?:;,]$", text) and len(text.split()) <= 12


def put_blocks(draft: Draft, spot: Spot, paragraphs: list[Paragraph]) -> None:
    """Paragraphs as narrative: text before the first heading, then a titled block per heading."""
    target = spot.mapping if spot.key is None else spot.mapping.setdefault(spot.key, CommentedMap())
    model = spot.model
    if spot.key is not None and model is not None:
        model = model_class(model.model_fields[spot.key].annotation, target) or model
    lead_key = "intro" if model is not None and "intro" in model.model_fields else "text"
    here = Spot(target, None, model, spot.indent, spot.file)
    heads = [i for i in range(len(paragraphs)) if is_heading(paragraphs, i, draft.contents)]
    start = heads[0] if heads else len(paragraphs)
    if start:
        draft.put_text(here, lead_key, markdown_of(paragraphs[:start]))
    if not heads:
        return
    from raportti.schema.models.files import Block

    sections = target.get("sections") or CommentedSeq()
    for n, i in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(paragraphs)
        block = CommentedMap()
        block["title"] = paragraphs[i].plain
        sections.append(block)
        body = paragraphs[i + 1:end]
        if body:
            draft.put_text(Spot(block, None, Block, spot.indent + 4, spot.file), "text", markdown_of(body))
    target["sections"] = sections
    _order_figures_last(target)


def _put_years(draft: Draft, rule: ImportRule, place: str, paragraphs: list[Paragraph], where: str) -> None:
    """Text told year by year ("Hankkeen toiminta 2024:", "Vuosi 2025"): each year to its own folder."""
    last_year = draft.form_year + rule.year
    heads = []
    for i, p in enumerate(paragraphs):
        years = _YEAR_HEADING.findall(p.plain)
        if len(years) == 1 and len(p.plain) <= 60 and p.kind != "item" and \
                (is_heading_like(p.plain.rstrip(":")) or p.kind == "heading"):
            year = int(years[0])
            if year < last_year or (year == last_year and not rule.before):
                heads.append((i, year))
    if not heads:
        spot = draft.spot(place, last_year - 1 if rule.before else last_year)
        put_blocks(draft, spot, paragraphs)
        note_at = spot.mapping
        draft.checks.append(f"{spot.file}: '{where}': vuosia ei tunnistettu; kaikki teksti on tässä vuodessa")
        del note_at
        return
    first = heads[0][0]
    for n, (i, year) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(paragraphs)
        spot = draft.spot(place, year)
        body = paragraphs[i + 1:end]
        if n == 0 and first:
            lead = "intro" if spot.model is not None and "intro" in spot.model.model_fields else "text"
            draft.put_text(spot, lead, markdown_of(paragraphs[:first]))
        if rule.titled:
            from raportti.schema.models.files import Block

            sections = spot.mapping.get("sections") or CommentedSeq()
            block = CommentedMap()
            block["title"] = paragraphs[i].plain
            sections.append(block)
            spot.mapping["sections"] = sections
            put_blocks(draft, Spot(block, None, Block, spot.indent + 4, spot.file), body)
            _order_figures_last(spot.mapping)
        else:
            put_blocks(draft, spot, body)


# -- Markdown and figures -----------------------------------------------------------------------


def markdown_of(paragraphs: list[Paragraph]) -> str:
    """Paragraphs as Markdown: blank lines between paragraphs, list items kept together.

    Numbered items whose numbers do not run 1, 2, 3 (the document skipped one) keep their
    own numbers as text ("3\\."), since a Markdown list would renumber them.
    """
    paragraphs = _keep_numbers(paragraphs)
    out: list[str] = []
    previous: Paragraph | None = None
    for p in paragraphs:
        if previous is not None:
            together = p.kind == "item" and previous.kind == "item" and p.ordered == previous.ordered
            out.append("\n" if together else "\n\n")
        out.append(p.markdown)
        previous = p
    return "".join(out)


def _keep_numbers(paragraphs: list[Paragraph]) -> list[Paragraph]:
    out = list(paragraphs)
    i = 0
    while i < len(out):
        if not (out[i].kind == "item" and out[i].ordered):
            i += 1
            continue
        j = i
        while j < len(out) and out[j].kind == "item" and out[j].ordered:
            j += 1
        numbers = [re.match(r"\s*(\d+)[.)]", p.markdown) for p in out[i:j]]
        if all(numbers):
            values = [int(m.group(1)) for m in numbers]
            if values != list(range(values[0], values[0] + len(values))):
                for k in range(i, j):
                    out[k] = Paragraph(re.sub(r"^\s*(\d+)([.)])", r"\1\\\2", out[k].markdown), kind="p")
        i = j
    return out


def _figures_map(values: dict) -> CommentedMap:
    out = CommentedMap()
    for name, value in values.items():
        out[name] = _figure_value(value)
    return out


def _figure_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "parts" in value:
        out = CommentedMap()
        out["total"] = value["total"]
        parts = CommentedMap(value["parts"])
        parts.fa.set_flow_style()
        out["parts"] = parts
        return out
    out = CommentedMap(value)
    out.fa.set_flow_style()
    return out


def _order_figures_last(mapping: CommentedMap) -> None:
    """Keep ``figures`` after the texts, as people write it (fmt orders keys by the model anyway)."""
    if "figures" in mapping and list(mapping)[-1] != "figures":
        value = mapping.pop("figures")
        mapping["figures"] = value


def _split(path: str) -> list[str]:
    """Split a dotted path, leaving dots inside [...] alone."""
    out, depth, current = [], 0, ""
    for c in path:
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        if c == "." and depth == 0:
            out.append(current)
            current = ""
        else:
            current += c
    if current:
        out.append(current)
    return out


def similar(a: str, b: str) -> float:
    a, b = normalise(a), normalise(b)
    if not a or not b or min(len(a), len(b)) / max(len(a), len(b)) < 0.5:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return 0.0
    return matcher.ratio()
