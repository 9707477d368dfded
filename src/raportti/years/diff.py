"""What changed between two report years (``raportti diff``): a pass over the one walk.

Each year's files are walked once (:mod:`raportti.project.walk`), and the two walks are
compared item by item, so every text, figure and number the walk yields is compared (a
figure, a target group's reach, an indicator's target and actual, a grant, the staff),
with nothing listed by hand. Along the way:

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

from raportti.i18n.messages import N_, SOURCE_LANGUAGE, _, current
from raportti.problems import ProblemList
from raportti.project.loading import ProjectData, resolve_references
from raportti.project.references import REFERENCE
from raportti.project.walk import FIGURE, MODEL, NUMBER, TEXT, walk
from raportti.schema.models.base import markdown_fields, number_fields
from raportti.schema.models.figures import Breakdown, FigureBase, Quantity, Ratio, Record, Score, format_number
from raportti.schema.models.files import DroppedGoal, Goal, GoalChange, GoalsFile
from raportti.schema.models.project import Range
from raportti.years.pairing import pair
from raportti.years.textchanges import TextChange, first_words, same_text

# A message named by a variable: marked N_ where it is written, translated here.
translate = _

Number = Union[int, float]

# The order a board reads the topics in (a file kind each; project.yaml is "project").
TOPICS = ("goals", "activities", "partners", "results", "monitoring", "plans", "year", "project")
TOPIC_TITLES = {
    "goals": N_("Goals and indicators"),
    "activities": N_("Activities"),
    "partners": N_("Target groups and partners"),
    "results": N_("Results"),
    "monitoring": N_("Monitoring and evaluation"),
    "plans": N_("Plans"),
    "year": N_("The year"),
    "project": N_("The project"),
}
# Fields that say how the data is kept, not what happened: never compared.
# (A figure's basis says how it was counted; a board reads the figure.)
NOT_COMPARED = {"id", "schema_version", "default_report", "reports", "keywords", "language", "decimals",
                "exclusive", "min", "basis"}
# Fields whose value speaks for itself under its block's name: a block's text.
UNNAMED_FIELDS = {"text", "value", "years"}
# How a field is named where a reader sees it. A field not listed here is named, in a
# language other than English, by the first words of its description in the model (which
# is Finnish), so a new field is compared, and named, without an entry.
FIELD_LABELS = {
    "intro": N_("introduction"), "outro": N_("closing text"), "target_group": N_("target group"),
    "cooperation": N_("cooperation"), "note": N_("note"), "notes": N_("further notes"),
    "use": N_("use of the information"), "reason": N_("reason"), "name": N_("name"), "kind": N_("kind"),
    "title": N_("title"), "description": N_("description"), "period": N_("period"),
    "locations": N_("locations"), "organisation": N_("organisation"), "funder": N_("funder"),
    "funding_note": N_("funding"), "programme": N_("grant programme"), "planned": N_("planned"),
    "reached": N_("reached"), "unit": N_("unit"), "target": N_("target"), "actual": N_("actual"),
    "employees": N_("employees"), "separate_employees": N_("separate employees"),
    "person_years": N_("person-years"), "person_years_text": N_("staff resources"),
    "amount": N_("amount (€)"), "members": N_("members"), "figures_until": N_("figures counted until"),
    "perspective": N_("perspective"), "scope": N_("level"), "baseline": N_("baseline"), "start": N_("start"),
    "end": N_("end"), "sub_projects": N_("sub-projects"), "report_date": N_("report date"),
    "group": N_("target group"), "grants": N_("grant"), "staff": N_("staff"),
    "steering_group": N_("steering group"), "dropped_plans": N_("plans left out"),
}
# Monitoring groups and the values of a few fields, as a reader knows them.
VALUE_LABELS = {
    "employees": N_("employees"), "volunteers": N_("volunteers"), "target_group": N_("target group"),
    "partners": N_("partners"), "region": N_("region"), "municipalities": N_("municipalities"),
}
# How a part of a record is named when it has no label (as the reports' tables name it).
KEY_TITLES = {"responses": N_("responses"), "events": N_("events"), "meetings": N_("meetings"),
              "participations": N_("participations"), "score": N_("mean"), "mean": N_("mean"),
              "value": N_("amount"), "total": N_("total")}
# Whose view a result is.
PERSPECTIVES = {"employees": N_("the employees' view"), "volunteers": N_("the volunteers' view"),
                "target_group": N_("the target group's view"), "partners": N_("the partners' view")}
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

    def name(self) -> str:
        if self.revision:
            return _("{year} at {revision}").format(year=self.year, revision=self.revision)
        if self.working_tree:
            return (_("{year} now (with uncommitted changes)") if self.uncommitted
                    else _("{year} now")).format(year=self.year)
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

    def shown(self) -> str:
        if self.empty:
            return _("(empty)")
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

    def line(self) -> str:
        if self.old is not None and self.new is not None:
            delta = self.delta()
            return f"{self.label}: {self.old.shown()} → {self.new.shown()}" + (f" ({delta})" if delta else "")
        only = self.new or self.old
        return f"{self.label}: {only.shown()}"  # type: ignore[union-attr]

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
    label = getattr(figure, "label", None) if isinstance(figure, FigureBase) else None
    if label is None and isinstance(figure, Score) and ".".join(p for p in path if p[:1] != "~") not in contexts:
        label = _("mean")  # a mean without a label or a text: say what it is
    names = labels + [label or _name(path, contexts)]
    labelled = bool(label) or len(labels) > 0
    total, responses = _("total"), _("responses")

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


def _name(path: tuple[str, ...], contexts: dict[str, str]) -> str:
    """A figure without a label: the words of the text that uses it, as the reports' tables
    name a known part, else its name."""
    # (An item without an id, a result, is no scope of the texts' references.)
    key = ".".join(p for p in path if not p.startswith("~"))
    if path[-1] in KEY_TITLES:
        return translate(KEY_TITLES[path[-1]])
    return contexts.get(key) or path[-1].replace("_", " ")


def figure_contexts(files: dict[str, BaseModel]) -> dict[str, str]:
    """For each figure a text refers to, the words around the first reference, e.g.
    ``partners.partner_count.letter_of_intent`` → ``"yhteistyöhön sitoutui … eri
    organisaatiota"``: the name a coordinator knows a part without a label by."""
    out: dict[str, str] = {}
    for kind, model in files.items():
        for item in walk(model, file=kind, only=_TEXTS):
            text, prefix = item.value, tuple(map(str, item.scope))
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
        # Two references in a row ("kasvanut {old}:sta {new}:ään"): the words of the
        # clause before them name both.
        clause = re.sub(r"\{[^{}]*\}", " ", re.split(r"[.!?;,]\s|\n", text[:start])[-1])
        before_words, after_words = words(clause)[-(CONTEXT_WORDS + 1):], []
        if len(before_words) < 2:
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

    def topic(self, topic: str):
        return ([f for f in self.figures if f.topic == topic], [t for t in self.texts if t.topic == topic],
                [i for i in self.items if i.topic == topic])


class _Walk:
    """The comparison of two years: the names a reader knows things by, and each file's
    two walks compared (:meth:`file`); changes collected into a YearDiff.

    Texts are compared as written and shown resolved (their figures written out)."""

    def __init__(self, diff: YearDiff):
        self.diff = diff
        self.language = diff.language
        old, new = diff.old, diff.new
        self.years = (old.year, new.year)
        self.contexts = (figure_contexts(old.files()), figure_contexts(new.files()))
        self.goal_texts = tuple({g.id: g.current_text for g in (goals.walk() if goals else ())}
                                for goals in (old.data.goals_in_force(old.year)[1],
                                              new.data.goals_in_force(new.year)[1]))

    # -- names a reader knows

    def dropped_goal(self, ident: Any) -> Optional[str]:
        """The text of a goal an older goals.yaml had (a ``dropped:`` entry names it by id)."""
        for _year, goals in self.diff.new.data.goal_sets():
            for goal in goals.walk():
                if goal.id == ident:
                    return goal.current_text
        return None

    def field_label(self, model: Optional[type], name: str) -> str:
        if name in UNNAMED_FIELDS:
            return ""
        if name in FIELD_LABELS:
            return translate(FIELD_LABELS[name])
        info = model.model_fields.get(name) if model is not None else None
        if current() != SOURCE_LANGUAGE and info is not None and info.description:
            return re.split(r"[:.(,]", info.description)[0].strip().lower()
        return name.replace("_", " ")

    def value_label(self, value: Any) -> str:
        if isinstance(value, str):
            return translate(VALUE_LABELS[value]) if value in VALUE_LABELS else value
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
        if hasattr(item, "goals") and hasattr(item, "perspective"):  # a result
            goal_ids = list(item.goals or [])
            texts = [self.goal_texts[side].get(g) or self.goal_texts[1 - side].get(g) for g in goal_ids]
            known = [t for t in texts if t]
            name = (_("result for “{goal}”").format(goal=first_words(known[0], 8)) if known
                    else _("result for all goals") if not goal_ids else _("result"))
            if item.perspective in PERSPECTIVES:
                name += f" ({translate(PERSPECTIVES[item.perspective])})"
            return name
        text = getattr(item, "text", None)
        if isinstance(text, str) and text:
            return first_words(text, 8)
        ident = getattr(item, "id", None)
        goal = self.goal_texts[side].get(ident) or self.goal_texts[1 - side].get(ident) or self.dropped_goal(ident)
        if goal:  # a dropped goal: by its text
            return f"”{first_words(goal, 8)}”"
        return str(ident) if ident else "?"

    # -- the pass over each file's walk

    def file(self, topic: str, old: Optional[tuple], new: Optional[tuple], *, carried: bool = False,
             only_fields: Optional[frozenset] = None) -> None:
        """Compare one file of each side: ``(model as written, model as shown, file year)``.

        ``carried``: the newer file restates the older (a later goals.yaml), so what it
        leaves out is not a change. ``only_fields``: compare only these top-level fields."""
        sides = [_Walked(self, topic, node, side, only_fields) if node is not None else _Walked.empty(self, side)
                 for side, node in enumerate((old, new))]
        _Pairing(sides)
        before, after = sides
        gone: list[tuple] = []  # locs of the items one side has, shown as one change

        def inside(loc: tuple, locs: list[tuple]) -> bool:
            return any(loc[:len(g)] == g for g in locs)

        # the figures and numbers of each side, by identity
        values = [side.values() for side in sides]
        for walked, other, status in ((after, before, "added"), (before, after, "removed")):
            for item in walked.items:
                if item.what != MODEL or not walked.listed(item) or walked.ident(item) in other.by_model:
                    continue
                if inside(item.loc, [g for g, side in gone if side is walked]):
                    continue
                gone.append((item.loc, walked))
                if status == "removed" and carried:
                    continue
                if walked.is_goal_part(item):
                    continue  # goals added and dropped: the goal comparison says so
                self.item(topic, status, walked, item)
        gone_locs = {id(side): [g for g, s in gone if s is side] for side in sides}
        # texts and plain values, in the newer's order, then what only the older has
        for walked, other in ((after, before), (before, after)):
            for item in walked.items:
                if inside(item.loc, gone_locs[id(walked)]):
                    continue
                ident = walked.ident(item)
                if item.what == TEXT:
                    if walked is before and ident in after.by_text:
                        continue
                    if walked is before and carried:
                        continue
                    if walked.is_goal_part(item, text=True):
                        continue
                    self.text_item(topic, ident, walked.where(item), before, after, item.name)
                elif item.what == MODEL:
                    if walked is before and ident in after.by_model:
                        continue
                    self.plain_fields(topic, ident, walked, item, other, carried=carried)
        # figures and numbers last within the file: the reader gets them as a table
        old_values, new_values = values
        for k, value in new_values.items():
            if inside(value[1], gone_locs[id(after)]):
                continue
            was = old_values.get(k)
            self.figure_pair(topic, k, was[0] if was else None, value[0])
        for k, value in old_values.items():
            if k not in new_values and not inside(value[1], gone_locs[id(before)]) and not carried:
                self.figure_pair(topic, k, value[0], None)

    def figure_pair(self, topic: str, key: str, was: Optional[FigureValue], value: Optional[FigureValue]) -> None:
        if value is None:
            self.diff.figures.append(FigureChange(was.key, topic, was.label, was, None))  # type: ignore[union-attr]
            return
        if was is not None and was.labelled and value.labelled and was.label != value.label \
                and self.years[0] == self.years[1]:  # (each year names its figures in its own words)
            self.diff.texts.append(TextChange(topic, was.label, was.label, value.label, key=key + ".label"))
        # An emptied figure has lost its label; the older year still knows it.
        label = was.label if was is not None and was.labelled and not value.labelled else value.label
        self.diff.figures.append(FigureChange(value.key, topic, label, was, value))

    def text_item(self, topic: str, ident: tuple, where: str, before: "_Walked", after: "_Walked",
                  name: Any) -> None:
        o, n = before.by_text.get(ident), after.by_text.get(ident)
        o_raw, n_raw = (o.value if o else None), (n.value if n else None)
        if same_text(o_raw, n_raw):
            return
        o_shown = before.shown.get(o.loc, o_raw) if o else None
        n_shown = after.shown.get(n.loc, n_raw) if n else None
        self.diff.texts.append(TextChange(topic, where, o_shown, n_shown, o_raw, n_raw,
                                          key=".".join(map(str, (topic, *ident)))))

    def plain_fields(self, topic: str, ident: tuple, walked: "_Walked", item: Any, other: "_Walked", *,
                     carried: bool) -> None:
        """A model's own values that are neither text, figure nor number: a title, a
        name, a kind, a perspective, a date, a list of names."""
        model = item.value
        counterpart = other.by_model.get(ident)
        if counterpart is None and walked.listed(item):
            return  # an item only one side has: shown whole
        old_model, new_model = (counterpart.value if counterpart else None, model) if walked.side == 1 \
            else (model, None)
        skip = markdown_fields(type(model)) | number_fields(type(model))
        for name in type(model).model_fields:
            if name in NOT_COMPARED or name in skip or name in ("figures", "year") \
                    or walked.is_goal_field(item, name):
                continue
            o = getattr(old_model, name, None) if old_model is not None else None
            n = getattr(new_model, name, None) if new_model is not None else None
            if isinstance(o, (BaseModel, dict, bool)) or isinstance(n, (BaseModel, dict, bool)):
                continue
            if (isinstance(o, list) and o and isinstance(o[0], BaseModel)) or \
                    (isinstance(n, list) and n and isinstance(n[0], BaseModel)):
                continue
            if name == "goals" or (n in (None, [], "") and carried):
                continue
            o_text = self.value_label(o) if o not in (None, [], "") else None
            n_text = self.value_label(n) if n not in (None, [], "") else None
            if same_text(o_text, n_text):
                continue
            label = self.field_label(type(model), name)
            where = walked.where(item, extra=label)
            self.diff.texts.append(TextChange(topic, where, o_text, n_text,
                                              key=".".join(map(str, (topic, *ident, name)))))

    def item(self, topic: str, status: str, walked: "_Walked", model_item: Any) -> None:
        """A list item only one side has: one change, with what it says and its figures."""
        raw = model_item.value
        loc = model_item.loc
        texts = [walked.shown.get(i.loc, i.value) for i in walked.items
                 if i.what == TEXT and i.loc[:len(loc)] == loc]
        raw_texts = [i.value for i in walked.items if i.what == TEXT and i.loc[:len(loc)] == loc]
        referenced = {m.group("path").split(".")[0] for text in raw_texts for m in REFERENCE.finditer(text)
                      if m.group("path")}
        figures = [dataclasses.replace(v, label=v.label.split(" › ")[-1] if v.labelled and v.key.endswith(
                        tuple(f".{n}" for n in ("planned", "reached", "target", "actual", "amount"))) else v.label)
                   for v, where in walked.values().values()
                   if where[:len(loc)] == loc and not any(part in referenced for part in v.key.split("."))]
        name = loc[-2] if len(loc) >= 2 else ""
        self.diff.items.append(ItemChange(topic, ITEM_NOUNS.get(str(name), "item"),
                                          self.item_name(raw, walked.side), status, texts, figures,
                                          key=".".join(map(str, (topic, *walked.ident(model_item)[:-1])))))


class _Walked:
    """One side of one file, walked once (:func:`raportti.project.walk.walk`): its items
    in order, what each says once resolved, and how each is known across years."""

    def __init__(self, walk_: "_Walk", topic: str, node: tuple, side: int, only_fields: Optional[frozenset]):
        raw, shown, file_year = node
        self.walk, self.topic, self.side = walk_, topic, side
        year = walk_.years[side]
        self.items: list[Any] = []
        other_years: list[tuple] = []
        for item in walk(raw, file=topic, year=file_year):
            if only_fields is not None and item.loc and item.loc[0] not in only_fields:
                continue
            if any(item.loc[:len(r)] == r for r in other_years):
                continue
            if item.what == MODEL and item.loc and isinstance(item.loc[-1], int) and _by_year(type(item.value)) \
                    and item.value.year != year:
                other_years.append(item.loc)  # a row of another year (staff, grant, indicator)
                continue
            self.items.append(item)
        self.shown = {item.loc: item.value for item in walk(shown, file=topic, year=file_year, only=_TEXTS)}
        self.idents: dict[tuple, tuple] = {}
        self.tokens: dict[tuple, str] = {}  # positional key of a list item → its identity step
        self._values: Optional[dict] = None

    @classmethod
    def empty(cls, walk_: "_Walk", side: int) -> "_Walked":
        self = cls.__new__(cls)
        self.walk, self.topic, self.side, self.items, self.shown = walk_, "", side, [], {}
        self.idents, self.tokens, self._values = {}, {}, None
        return self

    # identities: an item's walk key, a list item's position replaced by its pairing

    def ident(self, item: Any) -> tuple:
        key = item.key
        if key in self.idents:
            return self.idents[key]
        out: list = []
        for n, step in enumerate(key):
            out.append(self.tokens.get(key[:n + 1], step) if isinstance(step, int) else step)
        if self.topic == "goals":
            # a goal is known by its id wherever it sits (a main goal may become a sub-goal)
            marks = [n for n, step in enumerate(key[:-1]) if step in ("goals", "subgoals")]
            if marks:
                out = ["goal", *out[marks[-1] + 1:]]
        ident = self.idents[key] = tuple(out)
        return ident

    def listed(self, item: Any) -> bool:
        """Whether a model item is an element of a list (a result, a partner, a block)."""
        return len(item.loc) >= 2 and isinstance(item.loc[-1], int) and not _by_year(type(item.value))

    @property
    def by_model(self) -> dict:
        found = getattr(self, "_by_model", None)
        if found is None:
            found = self._by_model = {self.ident(i): i for i in self.items if i.what == MODEL}
        return found

    @property
    def by_text(self) -> dict:
        found = getattr(self, "_by_text", None)
        if found is None:
            found = self._by_text = {self.ident(i): i for i in self.items if i.what == TEXT}
        return found

    def is_goal_part(self, item: Any, text: bool = False) -> bool:
        """Goals themselves (added, dropped, reworded) are the goal comparison's."""
        if self.topic != "goals":
            return False
        if text:
            return isinstance(item.owner, Goal) and item.name == "text" or "changes" in item.loc
        return isinstance(item.value, (Goal, GoalChange, DroppedGoal)) or "changes" in item.loc

    def is_goal_field(self, item: Any, name: str) -> bool:
        return isinstance(item.value, Goal) and name in ("level", "heading", "period_label")

    def where(self, item: Any, extra: str = "") -> str:
        """The item's place in words: the names of the blocks, groups, results … around it."""
        names: list[str] = []
        for n in range(1, len(item.loc) + 1):
            model = self.by_loc.get(item.loc[:n])
            if model is None or model is item:
                continue
            step = item.loc[n - 1]
            if isinstance(step, int):
                if _by_year(type(model.value)):
                    label = self.walk.field_label(None, str(item.loc[n - 2]))
                    if label:
                        names.append(label)
                elif not isinstance(model.value, Goal):
                    names.append(self.walk.item_name(model.value, self.side))
            elif isinstance(model.value, BaseModel) and step in MONITORING_GROUPS:
                names.append(_cap(self.walk.value_label(step)))
            elif isinstance(model.value, BaseModel) and step not in ("groups",):
                label = self.walk.field_label(type(model.owner) if model.owner is not None else None, str(step))
                if label:
                    names.append(label)
        if item.what == TEXT:
            extra = extra or self.walk.field_label(type(item.owner), str(item.name))
        if item.what == MODEL and self.listed(item):
            names.append(self.walk.item_name(item.value, self.side))
        return " › ".join([*names, *([extra] if extra else [])])

    @property
    def by_loc(self) -> dict:
        found = getattr(self, "_by_loc", None)
        if found is None:
            found = self._by_loc = {i.loc: i for i in self.items if i.what == MODEL}
        return found

    def values(self) -> dict[str, tuple[FigureValue, tuple]]:
        """Every figure (its parts as values of their own) and number: identity → (value, loc)."""
        if self._values is not None:
            return self._values
        out: dict[str, tuple[FigureValue, tuple]] = {}
        walk_, contexts = self.walk, self.walk.contexts[self.side]
        for item in self.items:
            ident = ".".join(map(str, (self.topic, *self.ident(item))))
            if item.what == FIGURE and item.top:
                scope = (self.topic, *map(str, item.scope))
                found: dict[str, FigureValue] = {}
                _figure(item.value, self.topic, scope + (str(item.name),), [], found, contexts, walk_.language)
                for k, value in found.items():
                    # (the value keeps the name a text refers to it by, for JSON)
                    out[ident + k[len(".".join(scope + (str(item.name),))):]] = (value, item.loc)
            elif item.what == NUMBER:
                label = self.where(item, extra=walk_.field_label(type(item.owner), str(item.name)))
                out[ident] = (FigureValue(ident, self.topic, label, value=item.value, labelled=True), item.loc)
            elif item.what == MODEL and isinstance(item.value, Range):
                label = self.where(item, extra=walk_.field_label(type(item.owner), str(item.name)))
                text = f"{finnish(item.value.min)}–{finnish(item.value.max)}"
                out[ident] = (FigureValue(ident, self.topic, label, text=text, labelled=True), item.loc)
        self._values = out
        return out


class _Pairing:
    """Gives each list item without an id a place in both sides: paired by name, title
    or content (:func:`raportti.years.pairing.pair`), never by position.

    (A list inside an id-less item, such as sections inside a block without an id, is
    grouped by its parent's position; the lists the files have at their top are paired
    fully.)"""

    def __init__(self, sides: list[_Walked]):
        self.sides = sides
        groups: dict[tuple, list[list]] = {}
        for side in sides:
            for item in side.items:
                if item.what == MODEL and item.key and isinstance(item.key[-1], int):
                    parent = side.ident(_Key(item.key[:-1]))
                    groups.setdefault(parent, [[], []])[side.side].append(item)
        # parents first: a list inside a paired item is paired after it
        for parent in sorted(groups, key=len):
            old, new = groups[parent]
            for n, (o, n_) in enumerate(pair([i.value for i in old], [i.value for i in new])):
                if o is not None:
                    oi = next(i for i in old if i.value is o)
                    sides[0].tokens[oi.key] = f"~{n}" if n_ is not None else f"-{n}"
                if n_ is not None:
                    ni = next(i for i in new if i.value is n_)
                    sides[1].tokens[ni.key] = f"~{n}" if o is not None else f"+{n}"
            for side in sides:
                side.idents.clear()


class _Key:
    """A bare key, for asking a side for an identity."""

    __slots__ = ("key",)

    def __init__(self, key: tuple):
        self.key = key


def _by_year(cls: type) -> bool:
    """Rows told apart by their year (staff, grants, an indicator's years)."""
    field_ = getattr(cls, "model_fields", {}).get("year")
    return field_ is not None and field_.is_required() and "text" not in cls.model_fields


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


MONITORING_GROUPS = ("employees", "volunteers", "target_group", "partners")
_TEXTS = frozenset({TEXT})


# -- the whole comparison -----------------------------------------------------------------


def compare(old: Side, new: Side) -> YearDiff:
    """The two sides compared, in the language in use (:mod:`raportti.i18n.messages`)."""
    old_set, old_goals = old.data.goals_in_force(old.year)
    new_set, new_goals = new.data.goals_in_force(new.year)
    shown_old_goals = old.shown.goals_in_force(old.year)[1]
    shown_new_goals = new.shown.goals_in_force(new.year)[1]
    diff = YearDiff(old, new, current(), compare_goals(shown_old_goals, old_set, shown_new_goals, new_set))
    walk_ = _Walk(diff)
    if old_goals is not None or new_goals is not None:
        walk_.file("goals", (old_goals, shown_old_goals, old_set) if old_goals is not None else None,
                   (new_goals, shown_new_goals, new_set) if new_goals is not None else None,
                   carried=old_set != new_set or old_goals is new_goals)
    old_files, new_files = old.files(), new.files()
    old_shown, new_shown = old.files(old.shown), new.files(new.shown)
    for kind in dict.fromkeys([*new_files, *old_files]):
        o = (old_files[kind], old_shown[kind], old.year if kind != "project" else None) if kind in old_files else None
        n = (new_files[kind], new_shown[kind], new.year if kind != "project" else None) if kind in new_files else None
        # One project.yaml for both years: only what belongs to each year (grants, staff) can differ.
        only = frozenset({"grants", "staff"}) if kind == "project" and old.data is new.data else None
        walk_.file(kind, o, n, only_fields=only)
    return diff
