"""What changed between two report years (``raportti diff``): one walk over both years' data.

The two years' models are walked side by side, field by field, so every number in the
data is compared (a figure, a target group's reach, an indicator's target and actual, a
grant, the staff), with nothing listed by hand. Along the way:

- items of a list are paired by what they are (:mod:`raportti.years.pairing`): an id, a
  name, a title, or text alike enough; never by position, so an inserted result shifts
  nothing. An item only one year has is one change (a new result, a partner left out).
- a list of per-year entries (the grants, the staff, an indicator's years) is compared
  entry of the older year against entry of the newer;
- figures are named by their ``label:``, a part without one by the words of the text that
  uses it; never by a YAML key;
- a text is compared as written and shown with its figures written out
  (:mod:`raportti.years.textchanges`);
- goals are compared as the sets in force in each year (the latest goals.yaml at or before
  it). A later goals.yaml that ``raportti new-year`` started restates the goals that carry
  on and leaves the rest out (the period, dropped plans, notes): what it leaves out is not a
  change the coordinator made, and is not shown.

How it is shown is :mod:`raportti.years.diffviews`'s business.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from pydantic import BaseModel

from raportti.problems import ProblemList
from raportti.project.loading import ProjectData, resolve_references
from raportti.project.references import REFERENCE, iter_scopes
from raportti.schema.models.base import markdown_fields
from raportti.schema.models.figures import Breakdown, FigureBase, Quantity, Ratio, Record, Score, format_number
from raportti.schema.models.files import Goal, GoalsFile
from raportti.schema.models.project import Range
from raportti.years.pairing import pair
from raportti.years.textchanges import TextChange, first_words, same_text
from raportti.years.words import Words

Number = Union[int, float]

# The order a board reads the topics in (a file kind each; project.yaml is "project").
TOPICS = ("goals", "activities", "partners", "results", "monitoring", "plans", "year", "project")
TOPIC_TITLES = {
    "goals": "Goals and indicators",
    "activities": "Activities",
    "partners": "Target groups and partners",
    "results": "Results",
    "monitoring": "Monitoring and evaluation",
    "plans": "Plans",
    "year": "The year",
    "project": "The project",
}
# Fields that say how the data is kept, not what happened: never compared.
# (A figure's basis says how it was counted; a board reads the figure.)
NOT_COMPARED = {"id", "schema_version", "default_report", "reports", "keywords", "language", "decimals",
                "exclusive", "min", "basis"}
# How a field is named where a reader sees it. A field not listed here is named by the
# first words of its description in the model (which is Finnish), so a new field is
# compared, and named, without an entry.
FIELD_LABELS_FI = {
    "text": "", "value": "", "intro": "johdanto", "outro": "loppuosa", "target_group": "kohderyhmä",
    "cooperation": "yhteistyö", "note": "huomautus", "notes": "lisätiedot", "use": "tiedon hyödyntäminen",
    "reason": "syy", "name": "nimi", "kind": "laji", "title": "otsikko", "description": "kuvaus",
    "period": "kausi", "locations": "toimipaikat", "organisation": "hallinnoiva järjestö",
    "funder": "rahoittaja", "funding_note": "rahoitus", "programme": "avustusohjelma",
    "planned": "suunniteltu", "reached": "tavoitettu", "unit": "yksikkö", "target": "tavoite",
    "actual": "toteuma", "employees": "työntekijät", "separate_employees": "erilliset työntekijät",
    "person_years": "henkilötyövuodet", "person_years_text": "henkilöresurssi", "amount": "määrä (€)",
    "members": "jäsenet", "figures_until": "luvut laskettu päivään", "basis": "lukujen perusta",
    "perspective": "näkökulma", "scope": "taso", "baseline": "lähtötaso", "year": "vuosi",
    "start": "alku", "end": "loppu", "level": "taso", "heading": "otsikko", "period_label": "kauden nimi",
    "sub_projects": "osaprojektit", "report_date": "raportin päivämäärä", "group": "kohderyhmä",
    "grants": "avustus", "years": "", "staff": "henkilöstö", "steering_group": "ohjausryhmä",
    "dropped_plans": "pois jääneet suunnitelmat", "employees_group": "työntekijät",
}
FIELD_LABELS_EN = {name: name.replace("_", " ") for name in FIELD_LABELS_FI} | {
    "text": "", "value": "", "amount": "amount (€)", "actual": "actual", "grants": "grant", "years": "",
    "staff": "staff", "use": "use of the information", "outro": "closing text"}
# Monitoring groups and the values of a few fields, as a reader knows them.
VALUE_LABELS_FI = {
    "employees": "työntekijät", "volunteers": "vapaaehtoiset", "target_group": "kohderyhmä",
    "partners": "yhteistyökumppanit", "region": "maakunta", "municipalities": "kunnat",
    "collected": "kerätty", "sample": "otos", "estimate": "arvio",
}
VALUE_LABELS_EN = {"target_group": "target group", "region": "region", "municipalities": "municipalities"}
# How a part of a record is named when it has no label (as the reports' tables name it).
KEY_TITLES_FI = {"responses": "vastaukset", "events": "tilaisuudet", "meetings": "tapaamiset",
                 "participations": "osallistumiskerrat", "score": "keskiarvo", "mean": "keskiarvo",
                 "value": "määrä", "total": "yhteensä"}
# Whose view a result is.
PERSPECTIVES = {"employees": "the employees' view", "volunteers": "the volunteers' view",
                "target_group": "the target group's view", "partners": "the partners' view"}
# What an item of a list is called in the summary ("3 uutta tulosta").
ITEM_NOUNS = {"results": "result", "named": "partner", "sections": "section", "reach": "target group"}
# Words kept on each side of a reference when a figure is named by the text that uses it.
CONTEXT_WORDS = 3


# -- one side of the comparison -----------------------------------------------------------


@dataclass
class Side:
    """A year of a project, as it is now or at a revision.

    ``data`` is as written (``{references}`` in the texts); ``shown`` the same with the
    references resolved, made on first use."""

    data: ProjectData
    year: int
    revision: Optional[str] = None
    working_tree: bool = False  # the files as they are now, when the other side is at a revision
    uncommitted: bool = False  # with the working tree: it has changes not committed yet
    _shown: Optional[ProjectData] = field(default=None, repr=False)

    def name(self, words: Words) -> str:
        if self.revision:
            return words("{year} at {revision}", year=self.year, revision=self.revision)
        if self.working_tree:
            return words("{year} now (with uncommitted changes)" if self.uncommitted else "{year} now",
                         year=self.year)
        return str(self.year)

    @property
    def shown(self) -> ProjectData:
        if self._shown is None:
            self._shown = resolved_copy(self.data)
        return self._shown

    def files(self, data: Optional[ProjectData] = None) -> dict[str, BaseModel]:
        """The year's files (goals.yaml left to the goal comparison) and project.yaml."""
        data = data or self.data
        year = data.years.get(self.year)
        files = {k: m for k, m in (year.files.items() if year else ()) if k != "goals"}
        if data.project is not None:
            files["project"] = data.project
        return files


def resolved_copy(data: ProjectData) -> ProjectData:
    """A copy of the project with its texts' references resolved (errors left as written:
    a reference error does not stop a diff)."""
    years = {n: dataclasses.replace(y, files={k: m.model_copy(deep=True) for k, m in y.files.items()})
             for n, y in data.years.items()}
    project = data.project.model_copy(deep=True) if data.project is not None else None
    copy = dataclasses.replace(data, project=project, years=years, problems=ProblemList(), provenance=None)
    resolve_references(copy)
    return copy


# -- figures ------------------------------------------------------------------------------


def finnish(value: Optional[Number]) -> str:
    """A number as a Finn writes it: 77 081, 3,6."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = round(value, 6)
        if value.is_integer():
            value = int(value)
    return format_number(value, grouped=True)


@dataclass
class FigureValue:
    """One number of a year (or a ratio, shown as a rate), with the name people know it by."""

    key: str
    topic: str
    label: str
    value: Optional[Number] = None
    ratio: Optional[tuple[int, int]] = None
    empty: bool = False  # named but not filled in yet
    labelled: bool = False  # the name comes from a ``label:``, not the words around it
    scale: Optional[Number] = None  # a mean's scale: 4,3/5
    unit: Optional[str] = None
    text: Optional[str] = None  # a value that is not one number (a range: 2,05–2,5)

    @property
    def rate(self) -> Optional[float]:
        if self.ratio and self.ratio[1]:
            return 100 * self.ratio[0] / self.ratio[1]
        return None

    def shown(self, words: Words) -> str:
        if self.empty:
            return words("(empty)")
        if self.text is not None:
            return self.text
        if self.ratio is not None:
            rate = self.rate
            return (f"{finnish(self.ratio[0])}/{finnish(self.ratio[1])}"
                    + (f" ({finnish(round(rate, 1))} %)" if rate is not None else ""))
        if self.scale is not None:
            return f"{finnish(self.value)}/{finnish(self.scale)}"
        return finnish(self.value) + (f" {self.unit}" if self.unit else "")

    def same_as(self, other: "FigureValue") -> bool:
        return (self.empty, self.value, self.ratio, self.scale, self.unit, self.text) == \
            (other.empty, other.value, other.ratio, other.scale, other.unit, other.text)

    def as_json(self) -> Any:
        if self.empty:
            return None
        if self.ratio is not None:
            return {"responded": self.ratio[0], "asked": self.ratio[1],
                    "rate": round(self.rate, 1) if self.rate is not None else None}
        return self.text if self.text is not None else self.value


@dataclass
class FigureChange:
    key: str
    topic: str
    label: str
    old: Optional[FigureValue]
    new: Optional[FigureValue]

    @property
    def status(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        if self.old.same_as(self.new):
            return "unchanged"
        return "changed"

    def numbers(self) -> tuple[Optional[Number], Optional[float], Optional[float]]:
        """(difference, percent, change of rate in percentage points); None where not comparable."""
        old, new = self.old, self.new
        if old is None or new is None or old.empty or new.empty or old.text or new.text:
            return None, None, None
        if old.ratio is not None and new.ratio is not None:
            if old.rate is None or new.rate is None:
                return None, None, None
            return None, None, round(new.rate - old.rate, 1)
        if old.value is None or new.value is None:
            return None, None, None
        change = _clean(new.value - old.value)
        percent = round(100 * change / abs(old.value), 1) if old.value else None
        return change, percent, None

    def delta(self) -> str:
        """``+8; +8,3 %`` for numbers, ``+26,4 %-yks.`` for rates; empty when not comparable."""
        change, percent, points = self.numbers()
        if points is not None:
            return "±0 %-yks." if points == 0 else f"{_signed(points)} %-yks."
        if change is None:
            return ""
        if change == 0:
            return "±0"
        return _signed(change) + (f"; {_signed(percent)} %" if percent is not None else "")

    def line(self, words: Words) -> str:
        if self.old is not None and self.new is not None:
            delta = self.delta()
            return (f"{self.label}: {self.old.shown(words)} → {self.new.shown(words)}"
                    + (f" ({delta})" if delta else ""))
        only = self.new or self.old
        return f"{self.label}: {only.shown(words)}"  # type: ignore[union-attr]

    def as_json(self) -> dict:
        difference, percent, points = self.numbers()
        return {"key": self.key, "topic": self.topic, "label": self.label, "status": self.status,
                "old": self.old.as_json() if self.old else None,
                "new": self.new.as_json() if self.new else None,
                "difference": difference, "percent": percent, "rate_change_pp": points}


def _signed(x: Number) -> str:
    return ("+" if x > 0 else "-") + finnish(abs(x))


def _clean(x: Number) -> Number:
    return round(x, 10) if isinstance(x, float) else x


def figure_values(figures: dict, topic: str, key: tuple[str, ...], contexts: dict[str, str],
                  language: str) -> dict[str, FigureValue]:
    """A ``figures:`` mapping as named values, by identity (``activities.tuvat.meetings``)."""
    out: dict[str, FigureValue] = {}
    for name, figure in (figures or {}).items():
        _figure(figure, topic, key + (name,), [], out, contexts, language)
    return out


def _figure(figure: Any, topic: str, path: tuple[str, ...], labels: list[str],
            out: dict[str, FigureValue], contexts: dict[str, str], language: str) -> None:
    fi = language == "fi"
    label = getattr(figure, "label", None) if isinstance(figure, FigureBase) else None
    if label is None and isinstance(figure, Score) and ".".join(p for p in path if p[:1] != "~") not in contexts:
        label = "keskiarvo" if fi else "mean"  # a mean without a label or a text: say what it is
    names = labels + [label or _name(path, contexts, fi)]
    labelled = bool(label) or len(labels) > 0
    total, responses = ("yhteensä", "vastauksia") if fi else ("total", "responses")

    def add(sub_path: tuple[str, ...], sub_names: list[str], **values: Any) -> None:
        key = ".".join(sub_path)
        out[key] = FigureValue(key=key, topic=topic, label=" › ".join(sub_names), labelled=labelled, **values)

    if figure is None:
        add(path, names, empty=True)
    elif isinstance(figure, bool):
        return
    elif isinstance(figure, (int, float)):
        add(path, names, value=figure)
    elif isinstance(figure, Quantity):
        add(path, names, value=figure.value, unit=figure.unit)
    elif isinstance(figure, Ratio):
        add(path, names, ratio=(figure.responded, figure.asked))
    elif isinstance(figure, Score):
        add(path, names, value=figure.mean, scale=figure.scale)
        if figure.responses is not None:
            add(path + ("responses",), names + [responses], value=figure.responses)
    elif isinstance(figure, Breakdown):
        if isinstance(figure.total, (int, float)):
            add(path + ("total",), names + [total], value=figure.total, unit=figure.unit)
        elif isinstance(figure.total, Record):
            for key, sub in figure.total.items.items():
                _figure(sub, topic, path + ("total", key), names + [total], out, contexts, language)
        for name, sub in figure.parts.items():
            _figure(sub, topic, path + (name,), names, out, contexts, language)
    elif isinstance(figure, Record):
        for name, sub in figure.items.items():
            _figure(sub, topic, path + (name,), names, out, contexts, language)


def _name(path: tuple[str, ...], contexts: dict[str, str], fi: bool) -> str:
    """A figure without a label: the words of the text that uses it, as the reports' tables
    name a known part, else its name."""
    # (An item without an id, a result, is no scope of the texts' references.)
    key = ".".join(p for p in path if not p.startswith("~"))
    if fi and path[-1] in KEY_TITLES_FI:
        return KEY_TITLES_FI[path[-1]]
    return contexts.get(key) or path[-1].replace("_", " ")


def figure_contexts(files: dict[str, BaseModel]) -> dict[str, str]:
    """For each figure a text refers to, the words around the first reference, e.g.
    ``partners.partner_count.letter_of_intent`` → ``"yhteistyöhön sitoutui … eri
    organisaatiota"``: the name a coordinator knows a part without a label by."""
    out: dict[str, str] = {}
    for kind, model in files.items():
        for prefix, text in _texts(model, ()):
            for match in REFERENCE.finditer(text):
                path = match.group("path")
                if not path:
                    continue
                # Inner scopes first, as the reference is resolved.
                candidates = [".".join((kind, *prefix[:n], path)) for n in range(len(prefix), -1, -1)]
                candidates.append(path)
                words = _words_around(text, match.start(), match.end())
                for key in candidates:
                    if key not in out and words:
                        out[key] = words
    return out


def _texts(node: Any, prefix: tuple[str, ...]):
    """``(scope, text)`` of every Markdown text of a model, scopes as in ``iter_scopes``."""
    if not isinstance(node, BaseModel) or isinstance(node, FigureBase):
        return
    markdown = markdown_fields(type(node))
    for name in type(node).model_fields:
        value = getattr(node, name)
        if name in markdown and isinstance(value, str):
            yield prefix, value
        elif isinstance(value, BaseModel):
            yield from _texts(value, prefix if name == "groups" and not prefix else prefix + (name,))
        elif isinstance(value, list):
            for item in value:
                item_id = getattr(item, "id", None)
                yield from _texts(item, prefix + (item_id,) if item_id else prefix)


def _words_around(text: str, start: int, end: int) -> str:
    """``"sitoutui … eri organisaatiota"``: a few words on each side of a reference,
    within its sentence and up to the next reference; empty when there are too few."""
    before = re.split(r"[.!?;]\s|\n|\{[^{}]*\}", text[:start])[-1]
    after = re.split(r"[.!?;,]\s|[.!?;]$|\)|\n|\{[^{}]*\}", text[end:])[0]

    def words(part: str) -> list[str]:
        # A case ending written after a reference ({n}:ssä) belongs to that number.
        return [w.strip("(),:") for w in re.sub(r"[*_#>`\[\]]", "", part).split()
                if not w.startswith(":") and any(c.isalnum() for c in w)]

    before_words, after_words = words(before)[-CONTEXT_WORDS:], words(after)[:CONTEXT_WORDS - 1]
    if len(before_words) + len(after_words) < 2:
        return ""
    return "\"" + " ".join(before_words + ["…"] + after_words) + "\""


# -- goals --------------------------------------------------------------------------------


@dataclass
class Wording:
    """One step in a goal's wording: from the previous text to this one."""

    label: Optional[str]  # the change's label ("Muutos …", "" for none); None: a later goals.yaml
    old: str
    new: str
    reason: Optional[str] = None


@dataclass
class GoalDiff:
    id: str
    text: str
    parent: Optional[str] = None  # the parent goal's text
    old_parent: Optional[str] = None
    moved: bool = False
    wording: list[Wording] = field(default_factory=list)
    reason: Optional[str] = None  # why it was dropped
    dropped_during: bool = False  # dropped by a change in the newer set, not by leaving it out


@dataclass
class GoalsDiff:
    old_set: Optional[int]
    new_set: Optional[int]
    added: list[GoalDiff] = field(default_factory=list)
    changed: list[GoalDiff] = field(default_factory=list)
    dropped: list[GoalDiff] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.dropped)


def _goal_map(goals: Optional[GoalsFile]) -> dict[str, tuple[Goal, Optional[Goal]]]:
    out: dict[str, tuple[Goal, Optional[Goal]]] = {}

    def walk(goal: Goal, parent: Optional[Goal]) -> None:
        out.setdefault(goal.id, (goal, parent))
        for sub in goal.subgoals:
            walk(sub, goal)

    for goal in goals.goals if goals else []:
        walk(goal, None)
    return out


def _text(goal: Optional[Goal]) -> Optional[str]:
    return goal.current_text if goal is not None else None


def compare_goals(old_goals: Optional[GoalsFile], old_set: Optional[int],
                  new_goals: Optional[GoalsFile], new_set: Optional[int]) -> GoalsDiff:
    """Goals added, reworded or moved, and dropped; texts as written (resolved)."""
    diff = GoalsDiff(old_set, new_set)
    if old_goals is new_goals:
        return diff
    before, after = _goal_map(old_goals), _goal_map(new_goals)
    reasons = {d.id: d.reason for d in (new_goals.dropped if new_goals else [])}

    for goal_id, (goal, parent) in after.items():
        drop = next((c for c in goal.changes if c.dropped), None)
        if goal_id not in before:
            if goal_id not in reasons:
                diff.added.append(GoalDiff(goal_id, goal.current_text, parent=_text(parent)))
            continue
        old_goal, old_parent = before[goal_id]
        if old_goal.is_dropped or old_goal.replaced_by:
            continue  # already gone in the older year
        moved = (parent.id if parent else None) != (old_parent.id if old_parent else None)
        entry = GoalDiff(goal_id, goal.current_text, parent=_text(parent), old_parent=_text(old_parent),
                         moved=moved)
        if old_set == new_set:
            # One goals.yaml in two versions (--since): like for like, showing the changes
            # added since (all of them if the starting wording itself changed).
            previous, changes = old_goal.text, goal.changes
            if not same_text(goal.text, previous):
                entry.wording.append(Wording(None, previous, goal.text))
                previous = goal.text
            else:
                common = 0
                while common < min(len(old_goal.changes), len(goal.changes)) and \
                        old_goal.changes[common] == goal.changes[common]:
                    previous = goal.changes[common].text or previous
                    common += 1
                changes = goal.changes[common:]
        else:
            # A later goals.yaml restates the goal: compare with its latest wording.
            previous, changes = old_goal.current_text, goal.changes
            if not same_text(goal.text, previous):
                entry.wording.append(Wording(None, previous, goal.text))
                previous = goal.text
        for change in changes:
            if change.text:
                entry.wording.append(Wording(change.label or "", previous, change.text, change.reason))
                previous = change.text
        if drop is not None:
            entry.reason, entry.dropped_during = drop.reason, True
            diff.dropped.append(entry)
        elif entry.moved or entry.wording:
            diff.changed.append(entry)

    for goal_id, (goal, parent) in before.items():
        if goal_id not in after and not goal.is_dropped and not goal.replaced_by:
            diff.dropped.append(GoalDiff(goal_id, goal.current_text, old_parent=_text(parent),
                                         reason=reasons.get(goal_id)))
    return diff


# -- the walk -----------------------------------------------------------------------------


@dataclass
class ItemChange:
    """An item of a list that only one year has: a result, a partner, a section."""

    topic: str
    noun: str  # "result", "partner", "section", "target group", "item"
    where: str  # its name: a title, a partner's name, "tulos tavoitteelle …"
    status: str  # "added" or "removed"
    texts: list[str]  # what it says, figures written out
    figures: list[FigureValue]  # its figures that its texts do not show
    key: str = ""


@dataclass
class YearDiff:
    old: Side
    new: Side
    language: str
    goals: GoalsDiff
    figures: list[FigureChange] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)

    @property
    def words(self) -> Words:
        return Words(self.language)

    def topic(self, topic: str):
        return ([f for f in self.figures if f.topic == topic], [t for t in self.texts if t.topic == topic],
                [i for i in self.items if i.topic == topic])


class _Walk:
    """Both years' models walked side by side; changes collected into a YearDiff.

    Each node is a pair (as written, as shown): the written form is compared, the shown
    form (references resolved) is what a reader gets."""

    def __init__(self, diff: YearDiff):
        self.diff = diff
        self.language = diff.language
        self.fi = diff.language == "fi"
        old, new = diff.old, diff.new
        self.years = (old.year, new.year)
        self.contexts = (figure_contexts(old.files()), figure_contexts(new.files()))
        self.goal_texts = tuple({g.id: g.current_text for g in (goals.walk() if goals else ())}
                                for goals in (old.data.goals_in_force(old.year)[1],
                                              new.data.goals_in_force(new.year)[1]))

    # -- names a reader knows

    def dropped_goal(self, ident: Any) -> Optional[str]:
        """The text of a goal an older goals.yaml had (a ``dropped:`` entry names it by id)."""
        for _, goals in self.diff.new.data.goal_sets():
            for goal in goals.walk():
                if goal.id == ident:
                    return goal.current_text
        return None

    def field_label(self, model: Optional[type], name: str) -> str:
        table = FIELD_LABELS_FI if self.fi else FIELD_LABELS_EN
        if name in table:
            return table[name]
        info = model.model_fields.get(name) if model is not None else None
        if self.fi and info is not None and info.description:
            return re.split(r"[:.(,]", info.description)[0].strip().lower()
        return name.replace("_", " ")

    def value_label(self, value: Any) -> str:
        if isinstance(value, str):
            return (VALUE_LABELS_FI if self.fi else VALUE_LABELS_EN).get(value, value)
        if isinstance(value, list):
            return ", ".join(self.value_label(v) for v in value)
        if hasattr(value, "isoformat"):
            return f"{value.day}.{value.month}.{value.year}"
        if isinstance(value, (int, float)):
            return finnish(value)
        return str(value)

    def item_name(self, item: Any, side: int) -> str:
        """How a reader knows an item of a list."""
        for name in ("title", "name", "group"):
            value = getattr(item, name, None)
            if isinstance(value, str) and value:
                return value
        words = self.diff.words
        if hasattr(item, "goals") and hasattr(item, "perspective"):  # a result
            goal_ids = list(item.goals or [])
            texts = [self.goal_texts[side].get(g) or self.goal_texts[1 - side].get(g) for g in goal_ids]
            known = [t for t in texts if t]
            name = (words("result for “{goal}”", goal=first_words(known[0], 8)) if known
                    else words("result for all goals") if not goal_ids else words("result"))
            if item.perspective in PERSPECTIVES:
                name += f" ({words(PERSPECTIVES[item.perspective])})"
            return name
        text = getattr(item, "text", None)
        if isinstance(text, str) and text:
            return first_words(text, 8)
        ident = getattr(item, "id", None)
        goal = self.goal_texts[side].get(ident) or self.goal_texts[1 - side].get(ident) or self.dropped_goal(ident)
        if goal:  # a dropped goal: by its text
            return f"”{first_words(goal, 8)}”"
        return str(ident) if ident else "?"

    # -- the walk

    def model(self, topic: str, key: tuple, where: tuple, old: Any, new: Any, *,
              carried: bool = False, skip: frozenset = frozenset()) -> None:
        """Compare two versions of one model (either may be None: the field is only in one).

        ``carried``: the newer version was restated by a later file, so what it leaves out
        is not a change."""
        model_cls = type((new or old)[0])
        for name in model_cls.model_fields:
            if name in NOT_COMPARED or name in skip:
                continue
            o = _get(old, name)
            n = _get(new, name)
            if n is None and carried:
                continue
            if o is None and n is None:
                continue
            label = self.field_label(model_cls, name)
            here = where + ((label,) if label else ())
            value = (n or o)[0]
            if name == "figures":
                self.figures(topic, key, o, n)
            elif name == "groups" and isinstance(value, BaseModel):  # monitoring: each group a scope
                for group in type(value).model_fields:
                    go, gn = _get(o, group), _get(n, group)
                    if go is not None or gn is not None:
                        self.model(topic, key + (group,), where + (self.value_label(group).capitalize(),),
                                   go, gn, carried=carried)
            elif name == "goals" and isinstance(value, list):
                continue  # a result's goals: its name says which goal it is for
            elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
                self.items(topic, key, where, name, o, n, carried=carried)
            elif isinstance(value, dict):
                continue  # a mapping other than figures: report metadata
            elif isinstance(value, Range) or isinstance(value, (int, float)) and not isinstance(value, bool):
                self.number(topic, key + (name,), " › ".join(here) or label, o, n)
            elif isinstance(value, BaseModel):
                self.model(topic, key + (name,), here, o, n, carried=carried)
            elif isinstance(value, bool):
                continue
            elif name in markdown_fields(model_cls) or isinstance(value, str):
                self.text(topic, key + (name,), " › ".join(here), o, n)
            else:  # dates, lists of names
                self.text(topic, key + (name,), " › ".join(here), _shown_value(o, self), _shown_value(n, self))

    def items(self, topic: str, key: tuple, where: tuple, name: str, old: Any, new: Any, *,
              carried: bool) -> None:
        old_raw, old_res = old if old is not None else ([], [])
        new_raw, new_res = new if new is not None else ([], [])
        sample = (new_raw or old_raw)[0]
        if "year" in type(sample).model_fields and "text" not in type(sample).model_fields:
            # Entries by year (grants, staff, an indicator's years): the older year's entry
            # against the newer year's.
            o = _entry(old_raw, old_res, self.years[0])
            n = _entry(new_raw, new_res, self.years[1])
            if o is not None or n is not None:
                label = self.field_label(None, name)
                self.model(topic, key, where + ((label,) if label else ()), o, n, skip=frozenset({"year"}))
            return
        index_old = {id(item): k for k, item in enumerate(old_raw)}
        index_new = {id(item): k for k, item in enumerate(new_raw)}
        for o, n in pair(old_raw, new_raw):
            if o is not None and n is not None:
                po = (o, old_res[index_old[id(o)]])
                pn = (n, new_res[index_new[id(n)]])
                ident = _item_key(n)
                self.model(topic, key + (ident,), where + (self.item_name(n, 1),), po, pn, carried=carried)
            elif name == "dropped":
                continue  # a goal dropped or back: the goal comparison says so
            elif n is not None:
                self.item(topic, key, name, "added", n, new_res[index_new[id(n)]], 1)
            elif not carried:
                self.item(topic, key, name, "removed", o, old_res[index_old[id(o)]], 0)

    def item(self, topic: str, key: tuple, name: str, status: str, raw: Any, shown: Any, side: int) -> None:
        figures: dict[str, FigureValue] = {}
        texts: list[str] = []
        raw_texts: list[str] = []
        for value_raw, value_shown in _markdown_values(raw, shown):
            raw_texts.append(value_raw)
            texts.append(value_shown)
        for prefix, figs in iter_scopes(raw):
            figures.update(figure_values(figs, topic, key + prefix, self.contexts[side], self.language))
        referenced = set()
        for text in raw_texts:
            referenced.update(m.group("path").split(".")[0] for m in REFERENCE.finditer(text) if m.group("path"))
        unshown = [f for k, f in figures.items() if k.split(".")[len(key)] not in referenced]
        numbers = [FigureValue(key=n, topic=topic, label=self.field_label(type(raw), n), value=getattr(raw, n))
                   for n in type(raw).model_fields
                   if isinstance(getattr(raw, n), (int, float)) and not isinstance(getattr(raw, n), bool)
                   and n not in NOT_COMPARED and n != "year"]
        self.diff.items.append(ItemChange(topic, ITEM_NOUNS.get(name, "item"), self.item_name(raw, side), status,
                                          texts, numbers + unshown, key=".".join((topic, *map(str, key), name))))

    def figures(self, topic: str, key: tuple, old: Any, new: Any) -> None:
        before = figure_values(old[0] if old else {}, topic, (topic, *map(str, key)), self.contexts[0], self.language)
        after = figure_values(new[0] if new else {}, topic, (topic, *map(str, key)), self.contexts[1], self.language)
        for k, value in after.items():
            was = before.get(k)
            if was is not None and was.labelled and value.labelled and was.label != value.label \
                    and self.years[0] == self.years[1]:  # (each year's names its figures in its own words)
                self.diff.texts.append(TextChange(topic, was.label, was.label, value.label, key=k + ".label"))
            # An emptied figure has lost its label; the older year still knows it.
            label = was.label if was is not None and was.labelled and not value.labelled else value.label
            self.diff.figures.append(FigureChange(k, topic, label, was, value))
        for k, value in before.items():
            if k not in after:
                self.diff.figures.append(FigureChange(k, topic, value.label, value, None))

    def number(self, topic: str, key: tuple, label: str, old: Any, new: Any) -> None:
        ident = ".".join((topic, *map(str, key)))

        def value(node: Any) -> Optional[FigureValue]:
            if node is None:
                return None
            v = node[0]
            if isinstance(v, Range):
                return FigureValue(ident, topic, label, text=f"{finnish(v.min)}–{finnish(v.max)}", labelled=True)
            return FigureValue(ident, topic, label, value=v, labelled=True)

        self.diff.figures.append(FigureChange(ident, topic, label, value(old), value(new)))

    def text(self, topic: str, key: tuple, where: str, old: Any, new: Any) -> None:
        o_raw, o_shown = old if old is not None else (None, None)
        n_raw, n_shown = new if new is not None else (None, None)
        if isinstance(o_raw, str) or isinstance(n_raw, str):
            if same_text(o_raw, n_raw):
                return
            # A value from a fixed list (a perspective, a basis) in the reader's words.
            o_shown = self.value_label(o_shown) if o_shown is not None else None
            n_shown = self.value_label(n_shown) if n_shown is not None else None
            self.diff.texts.append(TextChange(topic, where, o_shown, n_shown, o_raw, n_raw,
                                              key=".".join((topic, *map(str, key)))))


def _get(pair_: Optional[tuple], name: str) -> Optional[tuple]:
    """The field ``name`` of a (written, shown) pair, as a pair; None when unset or empty."""
    if pair_ is None:
        return None
    raw, shown = pair_
    value = getattr(raw, name, None)
    if value is None or value == [] or value == {} or value == "":
        return None
    return value, getattr(shown, name, None)


def _entry(raw: list, shown: list, year: int) -> Optional[tuple]:
    for a, b in zip(raw, shown):
        if getattr(a, "year", None) == year:
            return a, b
    return None


def _item_key(item: Any) -> str:
    for name in ("id", "name", "group", "title"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return "~" + first_words(getattr(item, "text", "") or "", 4)


def _shown_value(node: Optional[tuple], walk: _Walk) -> Optional[tuple]:
    if node is None:
        return None
    text = walk.value_label(node[0])
    return text, text


def _markdown_values(raw: Any, shown: Any):
    """(written, shown) of every Markdown text in a model, in order."""
    if not isinstance(raw, BaseModel) or isinstance(raw, FigureBase):
        return
    markdown = markdown_fields(type(raw))
    for name in type(raw).model_fields:
        a, b = getattr(raw, name), getattr(shown, name, None)
        if name in markdown and isinstance(a, str):
            yield a, b if isinstance(b, str) else a
        elif isinstance(a, BaseModel):
            yield from _markdown_values(a, b)
        elif isinstance(a, list):
            for x, y in zip(a, b or a):
                yield from _markdown_values(x, y)


# -- the whole comparison -----------------------------------------------------------------


def compare(old: Side, new: Side, language: str = "en") -> YearDiff:
    old_set, old_goals = old.data.goals_in_force(old.year)
    new_set, new_goals = new.data.goals_in_force(new.year)
    shown_old_goals = old.shown.goals_in_force(old.year)[1]
    shown_new_goals = new.shown.goals_in_force(new.year)[1]
    diff = YearDiff(old, new, language, compare_goals(shown_old_goals, old_set, shown_new_goals, new_set))
    walk = _Walk(diff)
    _compare_goal_files(walk, (old_goals, shown_old_goals), (new_goals, shown_new_goals),
                        carried=old_set != new_set)
    old_files, new_files = old.files(), new.files()
    old_shown, new_shown = old.files(old.shown), new.files(new.shown)
    for kind in dict.fromkeys([*new_files, *old_files]):
        o = (old_files[kind], old_shown[kind]) if kind in old_files else None
        n = (new_files[kind], new_shown[kind]) if kind in new_files else None
        if kind == "project" and old.data is new.data:
            # One project.yaml: only what belongs to each year (grants, staff) can differ.
            walk.model(kind, (), (), o, n, skip=frozenset(
                name for name in type(old_files[kind]).model_fields if name not in ("grants", "staff")))
        else:
            walk.model(kind, (), (), o, n)
    return diff


def _compare_goal_files(walk: _Walk, old: tuple, new: tuple, *, carried: bool) -> None:
    """The goal sets' own texts (intro, period, dropped plans), each goal's indicators
    (target and actual of each side's year) and figures. Goals themselves are compared
    by :func:`compare_goals`."""
    old_raw, new_raw = old[0], new[0]
    if old_raw is None and new_raw is None:
        return
    if old_raw is not new_raw:
        walk.model("goals", (), (), old if old_raw else None, new if new_raw else None, carried=carried,
                   skip=frozenset({"goals", "dropped"} if carried else {"goals"}))
    before = {g.id: g for g in (old[1].walk() if old[1] else ())}
    before_raw = {g.id: g for g in (old_raw.walk() if old_raw else ())}
    for goal_raw, goal in zip(new_raw.walk() if new_raw else (), new[1].walk() if new[1] else ()):
        if goal.id not in before:
            continue
        o = (before_raw[goal.id], before[goal.id])
        walk.model("goals", (goal.id,), (), o, (goal_raw, goal), carried=carried or old_raw is new_raw,
                   skip=frozenset({"text", "changes", "subgoals", "level", "heading", "period_label"}))
