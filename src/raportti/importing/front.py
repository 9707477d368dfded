"""The document's front matter: its title, subtitle and title page, before the form's first heading.

raportti's own documents (and many hand-made ones) name the project, the year, the
organisation, the project's period and the report's date there: the subtitle the form
writes ("Kylätuvat yhdessä, vuosi 2025") and the title page's facts ("Järjestö …",
"Hanke …", "Ajanjakso …", "Päivämäärä …", as lines or as a table). What is read here goes
to project.yaml; what is not read goes to the leftovers.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Optional, Union

from ruamel.yaml.comments import CommentedMap

from raportti.report.forms import Form
from raportti.importing.matching import normalise, similarity
from raportti.importing.reading import Paragraph

#: The title page's labels (the DOCX writer's) → what they say.
_FACTS = {"järjestö": "organisation", "hanke": "name", "avustuskohde": "name", "ajanjakso": "period",
          "päivämäärä": "date"}
#: "**Järjestö** value" (the writer's bold label and a tab) or "Järjestö: value"; a sentence that
#: merely starts with the word ("Hanke on …") is not a fact.
_FACT = re.compile(r"^\s*(?:\*\*(?P<bold>Järjestö|Hanke|Avustuskohde|Ajanjakso|Päivämäärä)\*\*\s*:?"
                   r"|(?:\*\*)?(?P<label>Järjestö|Hanke|Avustuskohde|Ajanjakso|Päivämäärä)(?:\*\*)?\s*:(?:\*\*)?)"
                   r"\s*(?P<value>\S.*)$", re.I | re.S)
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: A title or subtitle that says the report's year: "Toimintakertomus 2023", "… vuodelta 2023".
_REPORT_YEAR = re.compile(r"(?:kertomus|raportti|vuodelta|vuosi|vuonna)\D{0,20}?(?P<year>(?:19|20)\d\d)\b(?![-–]\d)",
                          re.I)
#: An association's name in a title: "Nuorten Kohtaamo ry", "Muistiyhdistys Satakunta ry – …".
_ASSOCIATION = re.compile(r"^(?:.*?,\s*)?(?P<name>[A-ZÅÄÖ][^,–—:\n]{1,80}?\s(?:ry|r\.y\.|rf|sr|säätiö))(?=$|[\s,.–—])")
_PERIOD = re.compile(r"^\s*(?P<start>[\d.]+)\s*[-–—]\s*(?P<end>[\d.]+)\s*$")


@dataclass
class Front:
    """What the front matter says."""

    name: Optional[str] = None
    year: Optional[int] = None
    organisation: Optional[str] = None
    period: Optional[tuple[Union[datetime.date, int], Union[datetime.date, int]]] = None
    date: Optional[datetime.date] = None
    rest: list[Paragraph] = field(default_factory=list)
    #: Lines that are the report's title ("Toimintakertomus 2023"): the built report writes its own.
    titles: list[Paragraph] = field(default_factory=list)

    def put(self, draft, form: Form, year: int) -> None:
        """Into the draft's project.yaml; the rest to the leftovers."""
        if self.name:
            draft.project_name = self.name
        if self.organisation:
            draft.project["organisation"] = self.organisation
        if self.period:
            period = CommentedMap(start=self.period[0], end=self.period[1])
            period.fa.set_flow_style()
            draft.project["period"] = period
        report = CommentedMap()
        if self.date:
            report["date"] = self.date
        if form.year is None:  # a yearly form reports the year the document says
            report["year"] = year
        if report:
            reports = CommentedMap()
            reports[form.name] = report
            draft.project["reports"] = reports
        draft.leave("Alku", self.rest, "tekstiä ennen lomakkeen ensimmäistä otsikkoa")


def report_year(paragraphs: list[Paragraph]) -> Optional[int]:
    """The year a title line says ("Toimintakertomus 2023"), from the first lines."""
    for p in paragraphs[:6]:
        m = _REPORT_YEAR.search(p.plain) if len(p.plain) <= 120 else None
        if m:
            return int(m.group("year"))
    return None


def read_front(form: Form, head: list[Paragraph]) -> Front:
    front = Front()
    pattern = subtitle_pattern(form.subtitle) if form.subtitle else None
    subtitle_seen = False
    for p in head:
        text = p.plain.strip()
        if p.kind == "contents":
            continue  # the table of contents the report makes itself
        year = _REPORT_YEAR.search(text)
        if year and front.year is None and len(text) <= 120:
            front.year = int(year.group("year"))  # "Toimintakertomus 2023", "… vuodelta 2023"
        association = _ASSOCIATION.match(text) if len(text) <= 120 else None
        if association and front.organisation is None:
            front.organisation = association.group("name").strip()
            if association.group("name").strip() == text:
                continue  # the title is the association's name: now project.yaml's organisation
        if similarity(normalise(form.title), normalise(text)) >= 0.85:
            front.titles.append(p)
            continue
        if p.kind != "table" and (year or association) and _title_line(front, text):
            front.titles.append(p)  # "Kylätuvat yhdessä -hanke, toimintakertomus vuodelta 2023"
            subtitle_seen = subtitle_seen or front.name is not None
            continue
        f = _FACT.match(p.markdown) if p.kind == "p" else None
        if f and _fact(front, f.group("bold") or f.group("label"), f.group("value")):
            continue
        # The subtitle once: a pattern like "(?P<name>.+?)" would take any later line too.
        m = pattern.fullmatch(text) if pattern and not subtitle_seen else None
        if m and (m.groupdict().get("name") or m.groupdict().get("year")):
            subtitle_seen = True
            if m.groupdict().get("name"):
                front.name = m.group("name").strip()
            if m.groupdict().get("year"):
                front.year = int(m.group("year"))
            continue
        if p.kind == "table":
            # A facts table has no header row: every row but the pipe table's rule is a fact.
            rows = [_cells(line) for i, line in enumerate(p.markdown.splitlines()) if i != 1]
            if rows and all(len(r) >= 2 and _FACT.match(f"{r[0]}: {r[1]}") for r in rows):
                for r in rows:
                    _fact(front, re.sub(r"\*\*|:", "", r[0]).strip(), r[1])
                continue
        front.rest.append(p)
    return front


def _title_line(front: Front, text: str) -> bool:
    """A title line made of the project's name, the association and the report's name and
    year, in any order ("Perhekahvila Pilke, Esimerkkilän Perheet ry"): the name is taken
    when one part is left for it. True when every part was one of these."""
    parts = [part for part in re.split(r"\s*,\s*|\s+[–—-]\s+", text) if part]
    if len(text) > 120:
        return False
    if len(parts) < 2:  # "Toimintakertomus vuodelta 2023": the report's own title
        return re.search(r"kertomus|raportti|vuodelta", text, re.I) is not None
    rest = [part for part in parts
            if not (front.organisation and front.organisation in part)
            and not re.search(r"kertomus|raportti|vuodelta|\bvuosi\b|(?:19|20)\d\d", part, re.I)]
    if len(rest) == 1 and len(rest[0]) <= 80 and front.name is None:
        front.name = rest[0]
        return True
    return not rest


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _fact(front: Front, label: str, value: str) -> bool:
    """One title page fact; False when its value cannot be read (it is then left over)."""
    what = _FACTS[label.casefold()]
    value = re.sub(r"\*\*|__", "", value).strip()
    if not value:
        return False
    if what == "organisation":
        front.organisation = value
    elif what == "name":
        front.name = front.name or value  # the subtitle's wording, when it gave one, wins
    elif what == "date":
        front.date = _date(value)
        return front.date is not None
    elif what == "period":
        m = _PERIOD.match(value)
        start, end = (_date(m.group("start")), _date(m.group("end"))) if m else (None, None)
        if start is None or end is None:
            return False
        front.period = (start, end)
    return True


def _date(text: str) -> Union[datetime.date, int, None]:
    text = text.strip()
    if _YEAR.match(text):
        return int(text)
    m = _DATE.fullmatch(text)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def subtitle_pattern(subtitle: str) -> re.Pattern:
    """The form's subtitle as a pattern: the project's name and the year are read from it;
    ``{% if … %}…{% endif %}`` parts may be missing."""
    out, last = "", 0
    for m in re.finditer(r"\{\{\s*([^}]*?)\s*\}\}|\{%-?\s*(\w+)[^%]*?-?%\}", subtitle):
        out += re.escape(subtitle[last:m.start()])
        last = m.end()
        expression, tag = m.group(1), m.group(2)
        if tag == "if":
            out += "(?:"
        elif tag == "endif":
            out += ")?"
        elif tag is not None:
            continue
        elif expression in ("project.name", "report.project_name") and "(?P<name>" not in out:
            out += "(?P<name>.+?)"
        elif expression == "report.year" and "(?P<year>" not in out:
            out += r"(?P<year>(?:19|20)\d\d)"
        else:
            out += ".+?"
    out += re.escape(subtitle[last:])
    try:
        return re.compile(out, re.I)
    except re.error:  # an unbalanced {% if %}: the subtitle read as it is, without its parts
        return re.compile(re.escape(subtitle), re.I)
