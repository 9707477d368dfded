"""A form made from a document's own outline (``raportti import DOC --new-form NAME``).

Last year's report becomes next year's template and data at once: the document's
top-level headings become the form's sections and the headings under them its questions,
in their order and wording; the text under each heading goes to the year's ``year.yaml``
as a block (``sections: [{id, text, figures}]``) that the question's answer reads, numbers
as figures. The form is written into the project (``templates/NAME/``), so the project
builds the same document, and next year's document under the same headings imports with
``--report NAME`` by the form's own wording.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from raportti.importing.matching import heading_level, looks_like_heading
from raportti.importing.reading import Paragraph

#: The form's own layout: as the common one, but a question without a heading of its own
#: (the text between a chapter's heading and its first sub-heading) shows its answer only.
LAYOUT = """{#- A form made by raportti import --new-form from a document's own headings. -#}
# {{ form.title }}
{% if subtitle %}

{{ subtitle }}
{% endif %}
{% for section in form.sections %}

## {{ section.heading }}
{% for q in section.questions %}
{% if q.text %}

### {{ q.text }}
{% endif %}

{{ answer(q) }}
{% endfor %}
{% endfor %}
"""
LAYOUT_FILE = "oma-rakenne.md.j2"


@dataclass
class OutlineQuestion:
    id: str
    text: str  # "" for a chapter's own text before its first sub-heading


@dataclass
class OutlineSection:
    heading: str
    questions: list[OutlineQuestion] = field(default_factory=list)


def outline(paragraphs: list[Paragraph], year: int | None) -> tuple[str, str | None, list[OutlineSection]]:
    """The document's title, subtitle (its year as ``{{ report.year }}``) and chapters."""
    headings = [j for j, p in enumerate(paragraphs) if p.kind == "heading" and p.level != 0]
    if len(headings) < 2:  # a text without styles: its short numbered (or else all short) lines
        headings = [j for j, p in enumerate(paragraphs)
                    if looks_like_heading(p, False) and heading_level(p) is not None] or \
            [j for j, p in enumerate(paragraphs) if looks_like_heading(p, False)]
    levels = {j: heading_level(paragraphs[j]) or 1 for j in headings}
    top = min(levels.values(), default=1)
    first = headings[0] if headings else len(paragraphs)
    head = [p for p in paragraphs[:first] if p.kind != "table"]
    title = head[0].plain if head else "Raportti"
    subtitle = None
    if len(head) > 1:
        subtitle = head[1].plain
        if year is not None:
            subtitle = subtitle.replace(str(year), "{{ report.year }}")
    sections: list[OutlineSection] = []
    used: set[str] = set()
    text = _heading_text
    for n, j in enumerate(headings):
        end = headings[n + 1] if n + 1 < len(headings) else len(paragraphs)
        level = levels[j]
        if level == top or not sections:
            sections.append(OutlineSection(text(paragraphs[j])))
            if end > j + 1:
                sections[-1].questions.append(OutlineQuestion(_unique(_slug(paragraphs[j].plain), used), ""))
        elif level == top + 1:
            sections[-1].questions.append(OutlineQuestion(_unique(_slug(paragraphs[j].plain), used),
                                                          text(paragraphs[j])))
    return title, subtitle, sections


def question_headings(paragraphs: list[Paragraph]) -> set[int]:
    """The paragraphs that are the form's sections and questions (deeper headings stay text)."""
    headings = [j for j, p in enumerate(paragraphs) if p.kind == "heading" and p.level != 0]
    if len(headings) < 2:
        headings = [j for j, p in enumerate(paragraphs)
                    if looks_like_heading(p, False) and heading_level(p) is not None]
    levels = {j: heading_level(paragraphs[j]) or 1 for j in headings}
    top = min(levels.values(), default=1)
    return {j for j in headings if levels[j] <= top + 1}


def form_files(name: str, paragraphs: list[Paragraph], year: int | None, source: Path) -> dict[str, str]:
    """``form.yaml`` and the layout of the form made from the document's outline."""
    title, subtitle, sections = outline(paragraphs, year)
    lines = ["# yaml-language-server: $schema=../../schemas/form.schema.json",
             f"# Tehty asiakirjan {source.name} otsikoista (raportti import --new-form). Otsikot ovat",
             "# lomakkeen lukuja ja kysymyksiä; vastaukset ovat vuoden year.yaml-tiedostossa (sections).",
             f"name: {_q(name)}",
             f"title: {_q(title)}"]
    if subtitle:
        lines.append(f"subtitle: {_q(subtitle)}")
    lines += [f"layout: {LAYOUT_FILE}", "sections:"]
    for section in sections:
        lines.append(f"  - heading: {_q(section.heading)}")
        if not section.questions:
            lines.append("    questions: []")
            continue
        lines.append("    questions:")
        for q in section.questions:
            lines += [f"      - id: {_q(q.id)}",
                      f"        text: {_q(q.text)}",
                      f"        import: {{to: {_q(f'year.sections[id={q.id}].text')}}}",
                      "        answer: " + _q("{% set y = year(report.year).meta %}{% for b in (y.sections if y else []) "
                                              f"if b.id == '{q.id}' %}}{{{{ b.text or '' }}}}{{% endfor %}}")]
    return {"form.yaml": "\n".join(lines) + "\n", LAYOUT_FILE: LAYOUT}


def _heading_text(p: Paragraph) -> str:
    """A heading as the document writes it, its own numbering ("2. …") kept."""
    return re.sub(r"\*\*|__", "", p.markdown).strip()


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"^[\d.\s]+", "", text)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return (text[:30].rstrip("-") or "kohta")


def _unique(base: str, used: set[str]) -> str:
    name, n = base, 2
    while name in used:
        name, n = f"{base}-{n}", n + 1
    used.add(name)
    return name
