"""What changed between two report years (``raportti diff``): goals, figures, partners.

A figure is the same figure in two years when it has the same identity: the file kind,
the ``id`` path of the blocks it sits in, its name and the path of the part, e.g.
``partners.partner_count.total`` or ``activities.hallinnointi.team_meetings`` (the
names a text uses to refer to it). Goals are compared as sets in force: in a year, the
latest goals.yaml at or before it.

The text output is what a coordinator reads before a board meeting: a summary line, then
only what changed (``--all`` for everything), numbers the Finnish way (``96 → 104 (+8;
+8,3 %)``, ``7/24 (29,2 %)``, ``4,3/5``), figures by their labels (a part without one by
the words of the text that uses it), and changed texts as a word diff
(:mod:`raportti.years.textchanges`).
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from pydantic import BaseModel

from raportti.schema.models.base import markdown_fields
from raportti.schema.models.figures import Breakdown, FigureBase, Quantity, Ratio, Record, Score, format_number
from raportti.schema.models.files import Goal, GoalsFile, PartnersFile
from raportti.problems import DataError, UsageError, UserError
from raportti.project.loading import ProjectData, load_project
from raportti.project.references import REFERENCE, iter_scopes
from raportti.years.textchanges import TextChange, compare_texts
from raportti.schema.errors import suggestion

Number = Union[int, float]

# The order of the report's sections: goals first, then partners and monitoring (the
# questions a coordinator is asked about most), then the other files' figures.
FIGURE_SECTIONS = ("indicators", "reach", "grant", "partners", "monitoring", "activities", "results",
                   "plans", "goals", "year", "project")
SECTION_TITLES = {
    "indicators": "Indicators (target and actual of each year)",
    "reach": "Reach of the target groups (planned and reached)",
    "grant": "Grant",
    "project": "Project (project.yaml)",
    "partners": "Partners",
    "monitoring": "Monitoring (response rates and other figures)",
    "activities": "Activities",
    "results": "Results",
    "plans": "Plans",
    "goals": "Goal figures",
    "year": "Year",
}


# -- figures ------------------------------------------------------------------------------


@dataclass
class FigureValue:
    """One number of a year (or a ratio, shown as a rate), with the name people know it by."""

    key: str
    kind: str
    label: str
    value: Optional[Number] = None
    ratio: Optional[tuple[int, int]] = None
    empty: bool = False  # named but not filled in yet
    labelled: bool = False  # the name shown comes from a ``label:``, not only the figure's name
    scale: Optional[Number] = None  # a mean's scale: 4,3/5
    unit: Optional[str] = None

    @property
    def rate(self) -> Optional[float]:
        if self.ratio and self.ratio[1]:
            return 100 * self.ratio[0] / self.ratio[1]
        return None

    def shown(self) -> str:
        if self.empty:
            return "(empty)"
        if self.ratio is not None:
            rate = self.rate
            return (f"{finnish(self.ratio[0])}/{finnish(self.ratio[1])}"
                    + (f" ({finnish(round(rate, 1))} %)" if rate is not None else ""))
        if self.scale is not None:
            return f"{finnish(self.value)}/{finnish(self.scale)}"
        return finnish(self.value) + (f" {self.unit}" if self.unit else "")

    def same_as(self, other: "FigureValue") -> bool:
        return (self.empty, self.value, self.ratio, self.scale, self.unit) == \
            (other.empty, other.value, other.ratio, other.scale, other.unit)

    def as_json(self) -> Any:
        if self.empty:
            return None
        if self.ratio is not None:
            return {"responded": self.ratio[0], "asked": self.ratio[1],
                    "rate": round(self.rate, 1) if self.rate is not None else None}
        return self.value


def plain_number(value: Optional[Number]) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(round(value, 6), "f").rstrip("0").rstrip(".") or "0"
    return str(value)


def finnish(value: Optional[Number]) -> str:
    """A number as a Finn writes it: 77 081, 3,6."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = round(value, 6)
        if value.is_integer():
            value = int(value)
    return format_number(value, grouped=True)


def year_figures(files: dict[str, BaseModel]) -> dict[str, FigureValue]:
    """Every figure of a year's files by identity, in file order."""
    out: dict[str, FigureValue] = {}
    contexts = figure_contexts(files)
    for kind, model in files.items():
        for prefix, figures in iter_scopes(model):
            for name, figure in figures.items():
                _figure(figure, kind, prefix + (name,), [], out, contexts)
    return out


# Words kept on each side of a reference when a figure is named by the text that uses it.
CONTEXT_WORDS = 3


def figure_contexts(files: dict[str, BaseModel]) -> dict[str, str]:
    """For each figure key a text refers to, the words around the first reference, e.g.
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


def _figure(figure: Any, kind: str, path: tuple[str, ...], labels: list[str],
            out: dict[str, FigureValue], contexts: dict[str, str]) -> None:
    label = getattr(figure, "label", None) if isinstance(figure, FigureBase) else None
    if label is None and isinstance(figure, Score) and ".".join((kind, *path)) not in contexts:
        label = "keskiarvo"  # a mean without a label or a text: say what it is, not its key
    names = labels + [label or _name(kind, path, contexts)]
    labelled = bool(label) or len(labels) > 0

    def add(sub_path: tuple[str, ...], sub_names: list[str], **values: Any) -> None:
        key = ".".join((kind, *sub_path))
        # Results have no ids, so two results may use one name: keep both, numbered.
        unique, n = key, 2
        while unique in out:
            unique, n = f"{key}[{n}]", n + 1
        out[unique] = FigureValue(key=unique, kind=kind, label=" › ".join(sub_names),
                                  labelled=labelled, **values)

    def named(sub_path: tuple[str, ...]) -> list[str]:
        return names + [_name(kind, sub_path, contexts)]

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
            add(path + ("responses",), names + ["vastauksia"], value=figure.responses)
    elif isinstance(figure, Breakdown):
        if isinstance(figure.total, (int, float)):
            add(path + ("total",), names + ["yhteensä"], value=figure.total, unit=figure.unit)
        elif isinstance(figure.total, Record):
            for key, sub in figure.total.items.items():
                _figure(sub, kind, path + ("total", key), names + ["yhteensä"], out, contexts)
        for name, sub in figure.parts.items():
            _figure(sub, kind, path + (name,), names, out, contexts)
    elif isinstance(figure, Record):
        for name, sub in figure.items.items():
            _figure(sub, kind, path + (name,), names, out, contexts)


def _name(kind: str, path: tuple[str, ...], contexts: dict[str, str]) -> str:
    """A figure without a label: the words of the text that uses it, else its name."""
    return contexts.get(".".join((kind, *path))) or path[-1]


@dataclass
class FigureChange:
    key: str
    kind: str
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
        if old is None or new is None or old.empty or new.empty:
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
        """``(+8; +8,3 %)`` for numbers, ``(+26,4 %-yks.)`` for rates; empty when not comparable."""
        change, percent, points = self.numbers()
        if points is not None:
            return "(±0 %-yks.)" if points == 0 else f"({_signed(points)} %-yks.)"
        if change is None:
            return ""
        if change == 0:
            return "(±0)"
        text = _signed(change)
        if percent is not None:
            text += f"; {_signed(percent)} %"
        return f"({text})"

    def line(self) -> str:
        if self.old is not None and self.new is not None:
            delta = self.delta()
            return f"{self.label}: {self.old.shown()} → {self.new.shown()}" + (f" {delta}" if delta else "")
        only = self.new or self.old
        return f"{self.label}: {only.shown()}"  # type: ignore[union-attr]

    def as_json(self) -> dict:
        difference, percent, points = self.numbers()
        return {
            "key": self.key,
            "label": self.label,
            "status": self.status,
            "old": self.old.as_json() if self.old else None,
            "new": self.new.as_json() if self.new else None,
            "difference": difference,
            "percent": percent,
            "rate_change_pp": points,
        }


def _signed(x: Number) -> str:
    return ("+" if x > 0 else "-") + finnish(abs(x))


def _clean(x: Number) -> Number:
    return round(x, 10) if isinstance(x, float) else x


def compare_figures(old: dict[str, FigureValue], new: dict[str, FigureValue]) -> list[FigureChange]:
    """Figures of both years (in the newer year's order), then those only in the older."""
    out = []
    for key, value in new.items():
        before = old.get(key)
        # An emptied figure has lost its label; the older year still knows it.
        label = before.label if before is not None and before.labelled and not value.labelled else value.label
        out.append(FigureChange(key, value.kind, label, before, value))
    for key, value in old.items():
        if key not in new:
            out.append(FigureChange(key, value.kind, value.label, value, None))
    return out


# -- goals --------------------------------------------------------------------------------


@dataclass
class Wording:
    """One step in a goal's wording: from the previous text to this one."""

    label: str
    old: str
    new: str
    reason: Optional[str] = None


@dataclass
class GoalDiff:
    id: str
    text: str
    parent: Optional[str] = None
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
    def same_set(self) -> bool:
        return self.old_set == self.new_set


def _goal_map(goals: Optional[GoalsFile]) -> dict[str, tuple[Goal, Optional[str]]]:
    out: dict[str, tuple[Goal, Optional[str]]] = {}

    def walk(goal: Goal, parent: Optional[str]) -> None:
        out.setdefault(goal.id, (goal, parent))
        for sub in goal.subgoals:
            walk(sub, goal.id)

    for goal in goals.goals if goals else []:
        walk(goal, None)
    return out


def compare_goals(old_data: ProjectData, old_year: int, new_data: ProjectData, new_year: int) -> GoalsDiff:
    old_set, old_goals = old_data.goals_in_force(old_year)
    new_set, new_goals = new_data.goals_in_force(new_year)
    diff = GoalsDiff(old_set, new_set)
    if old_goals is new_goals:
        return diff
    before, after = _goal_map(old_goals), _goal_map(new_goals)
    reasons = {d.id: d.reason for d in (new_goals.dropped if new_goals else [])}

    for goal_id, (goal, parent) in after.items():
        drop = next((c for c in goal.changes if c.dropped), None)
        if goal_id not in before:
            if goal_id not in reasons:
                diff.added.append(GoalDiff(goal_id, goal.current_text, parent=parent))
            continue
        old_goal, old_parent = before[goal_id]
        if old_goal.is_dropped:
            continue  # already gone in the older year
        entry = GoalDiff(goal_id, goal.current_text, parent=parent, old_parent=old_parent,
                         moved=parent != old_parent)
        if old_set == new_set:
            # The same goals.yaml in two versions (--since): like for like, showing the
            # changes added since (all of them if the starting wording itself changed).
            previous, changes = old_goal.text, goal.changes
            if goal.text != previous:
                entry.wording.append(Wording(str(new_set), previous, goal.text))
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
            if goal.text != previous:
                entry.wording.append(Wording(str(new_set), previous, goal.text))
                previous = goal.text
        for change in changes:
            if change.text:
                entry.wording.append(Wording(change.label or "Muutos", previous, change.text, change.reason))
                previous = change.text
        if drop is not None:
            entry.reason, entry.dropped_during = drop.reason, True
            diff.dropped.append(entry)
        elif entry.moved or entry.wording:
            diff.changed.append(entry)

    for goal_id, (goal, parent) in before.items():
        if goal_id not in after and not goal.is_dropped:
            diff.dropped.append(GoalDiff(goal_id, goal.current_text, parent=None, old_parent=parent,
                                         reason=reasons.get(goal_id)))
    return diff


def word_diff(old: str, new: str) -> str:
    """The new wording with what changed marked as git's --word-diff does:
    ``[-removed-]{+added+}``."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(a[i1:i2]))
            continue
        removed = "[-" + " ".join(a[i1:i2]) + "-]" if i2 > i1 else ""
        added = "{+" + " ".join(b[j1:j2]) + "+}" if j2 > j1 else ""
        out.append(removed + added)
    return " ".join(out)


# -- the whole comparison -----------------------------------------------------------------


@dataclass
class Side:
    """One side of a comparison: a year of a project, as it is now or at a revision."""

    data: ProjectData
    year: int
    revision: Optional[str] = None
    working_tree: bool = False  # the files as they are now, when the other side is at a revision
    uncommitted: bool = False  # with the working tree: it has changes not committed yet

    @property
    def name(self) -> str:
        if self.revision:
            return f"{self.year} at {self.revision}"
        if self.working_tree:
            return f"{self.year} now (with uncommitted changes)" if self.uncommitted else f"{self.year} now"
        return str(self.year)

    def files(self) -> dict[str, BaseModel]:
        year = self.data.years.get(self.year)
        return dict(year.files) if year else {}

    def all_files(self) -> dict[str, BaseModel]:
        """The year's files and project.yaml."""
        files = self.files()
        if self.data.project is not None:
            files["project"] = self.data.project
        return files


@dataclass
class YearDiff:
    old: Side
    new: Side
    goals: GoalsDiff
    partners_added: list[str]
    partners_removed: list[str]
    figures: list[FigureChange]
    texts: list[TextChange] = field(default_factory=list)

    def section(self, kind: str) -> list[FigureChange]:
        return [f for f in self.figures if f.kind == kind]


def compare(old: Side, new: Side) -> YearDiff:
    old_files, new_files = old.all_files(), new.all_files()
    old_named = _named(old_files.get("partners"))
    new_named = _named(new_files.get("partners"))
    return YearDiff(
        old=old,
        new=new,
        goals=compare_goals(old.data, old.year, new.data, new.year),
        partners_added=[n for n in new_named if n not in old_named],
        partners_removed=[n for n in old_named if n not in new_named],
        figures=compare_figures({**followup_figures(old), **year_figures(old_files)},
                                {**followup_figures(new), **year_figures(new_files)}),
        texts=compare_texts(old_files, new_files),
    )


def followup_figures(side: Side) -> dict[str, FigureValue]:
    """A year's indicator targets and actuals, target-group reach and grant, as figures.

    An indicator is the same in two years when its goal's id and its own id are."""
    out: dict[str, FigureValue] = {}

    def add(kind: str, key: str, label: str, value: Optional[Number]) -> None:
        if value is not None:
            out[f"{kind}.{key}"] = FigureValue(key=f"{kind}.{key}", kind=kind, label=label,
                                               value=value, labelled=True)

    goals = side.data.goals_in_force(side.year)[1]
    for goal in goals.walk() if goals else ():
        for indicator in goal.indicators:
            entry = indicator.for_year(side.year)
            if entry is not None:
                key = f"{goal.id}.{indicator.id}"
                add("indicators", f"{key}.target", f"{indicator.name} › tavoite", entry.target)
                add("indicators", f"{key}.actual", f"{indicator.name} › toteuma", entry.actual)
    partners = side.files().get("partners")
    for row in partners.reach if isinstance(partners, PartnersFile) else ():
        add("reach", f"{row.group}.planned", f"{row.group} › suunniteltu", row.planned)
        add("reach", f"{row.group}.reached", f"{row.group} › tavoitettu", row.reached)
    grant = side.data.project.grant_for(side.year)
    if grant is not None:
        add("grant", "amount", "Avustus (€)", grant.amount)
    return out


def _named(partners: Any) -> list[str]:
    return [p.name for p in partners.named] if isinstance(partners, PartnersFile) else []


def load(root: Path) -> ProjectData:
    # References are not needed to compare, and a reference error should not stop a diff.
    return load_project(root, resolve=False)


def require_year(data: ProjectData, year: int, where: str = "", shown: str | Path | None = None) -> None:
    """``shown``: the project folder as the user named it (an older revision is read
    from a temporary folder, whose name means nothing to them)."""
    if year in data.years:
        return
    years = ", ".join(str(y) for y in sorted(data.years)) or "none"
    message = f"There is no year folder {year} in '{shown or data.root}'{where}. Years: {years}."
    if data.years:
        message += f" Did you mean {nearest_year(year, data.years)}?"
    raise UsageError(message)


def nearest_year(year: int, years) -> int:
    """For "Did you mean": the closest year, not the closest spelling (2023 → 2024)."""
    return min(sorted(years), key=lambda y: abs(y - year))


# -- a project at a git revision ----------------------------------------------------------


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except FileNotFoundError:
        raise UserError("git is not installed (or not on PATH), so --since cannot read old versions.") from None


def has_uncommitted_changes(root: Path) -> bool:
    """Whether the project folder has changes git has not committed (or cannot tell)."""
    root = root.resolve()
    status = _git(["status", "--porcelain", "--", "."], root if root.is_dir() else root.parent)
    return status.returncode != 0 or bool(status.stdout.strip())


def project_at_revision(root: Path, revision: str, into: Path) -> Path:
    """Write the project folder as it was at a git revision into ``into``; its path there."""
    root = root.resolve()
    if root.is_file():
        root = root.parent
    found = _git(["rev-parse", "--show-toplevel"], root)
    if found.returncode != 0:
        raise UserError(f"'{root}' is not in a git repository, so there is no revision to compare with.")
    top = Path(found.stdout.decode().strip()).resolve()
    if revision.startswith("-") or _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top).returncode:
        refs = _git(["for-each-ref", "--format=%(refname:short)"], top).stdout.decode().split()
        tags = _git(["tag", "--list"], top).stdout.decode().split()
        raise UsageError(
            f"There is no commit, branch or tag '{revision}' in the git repository at '{top}'."
            + suggestion(revision, refs, otherwise=(
                f" Tags: {', '.join(tags[-10:])}." if tags else " It has no tags yet: tag the commit of "
                f"what you submit (git tag {revision if not revision.startswith('-') else 'v1.0'}).")
                + " A commit works too: HEAD~1 is the one before the latest."))
    prefix = root.relative_to(top).as_posix()
    args = ["archive", "--format=tar", revision]
    if prefix != ".":
        args += ["--", prefix]
    archive = _git(args, top)
    if archive.returncode != 0:
        raise UserError(f"The project folder '{prefix}' did not exist at revision '{revision}'.")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # Python before 3.10.12: git's own archive, but still no paths out of ``into``
            members = [m for m in tar.getmembers()
                       if (m.isfile() or m.isdir()) and not m.name.startswith("/") and ".." not in m.name.split("/")]
            tar.extractall(into, members=members)
    return into / prefix if prefix != "." else into


def load_at_revision(root: Path, revision: str, into: Path) -> ProjectData:
    """Load the project as it was at a revision; problems name files as ``REV:path``."""
    folder = project_at_revision(root, revision, into)
    try:
        return load(folder)
    except DataError as exc:
        problems = []
        for problem in exc.problems:
            if problem.file is not None:
                try:
                    relative = problem.file.resolve().relative_to(into.resolve()).as_posix()
                    problem = dataclasses.replace(problem, file=Path(f"{revision}:{relative}"))
                except ValueError:
                    pass
            problems.append(problem)
        raise DataError(problems) from None


# -- showing it ---------------------------------------------------------------------------


def render_text(diff: YearDiff, project: str, *, everything: bool = False) -> str:
    """What changed, for a person: a summary line, then each part that changed. With
    ``everything``, unchanged figures too."""
    out: list[str] = [f"{project}: {diff.old.name} → {diff.new.name}", summary(diff), ""]
    out += _goals_text(diff, everything)
    for kind in FIGURE_SECTIONS:
        figures = diff.section(kind)
        extra: list[str] = []
        if kind == "partners":
            if diff.partners_added:
                extra.append(f"  Named partners added ({len(diff.partners_added)}): {', '.join(diff.partners_added)}")
            if diff.partners_removed:
                extra.append(f"  Named partners removed ({len(diff.partners_removed)}): "
                             f"{', '.join(diff.partners_removed)}")
        lines = _figures_text(figures, diff, everything)
        if not lines and not extra:
            continue
        out.append(SECTION_TITLES[kind])
        out += extra
        out += lines
        out.append("")
    if diff.texts:
        # Two different years have texts of their own: where they differ is listed, the
        # word diffs shown with --all. Two versions of one year (--since): every change.
        detailed = everything or diff.old.year == diff.new.year
        out.append(f"Texts ({len(diff.texts)} changed" + ("" if detailed else "; --all shows how") + ")")
        for change in diff.texts:
            first, *rest = change.lines() if detailed else [change.summary()]
            out.append(f"  {first}")
            out += [f"    {line}" for line in rest]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def summary(diff: YearDiff) -> str:
    """One line: how much changed, in what."""
    parts = []
    counts = {status: sum(1 for f in diff.figures if f.status == status)
              for status in ("changed", "added", "removed", "unchanged")}
    figures = [f"{counts['changed']} changed"] if counts["changed"] else []
    figures += [f"{counts[s]} {s}" for s in ("added", "removed") if counts[s]]
    if figures:
        parts.append("figures: " + ", ".join(figures) + f" ({counts['unchanged']} unchanged)")
    goals = diff.goals
    goal_parts = [f"{len(items)} {name}" for name, items in
                  (("added", goals.added), ("reworded or moved", goals.changed), ("dropped", goals.dropped)) if items]
    if goal_parts:
        parts.append("goals: " + ", ".join(goal_parts))
    if diff.partners_added or diff.partners_removed:
        parts.append("named partners: " + ", ".join(
            f"{len(items)} {name}" for name, items in
            (("added", diff.partners_added), ("removed", diff.partners_removed)) if items))
    if diff.texts:
        parts.append(f"texts: {len(diff.texts)} changed")
    if not parts:
        return (f"No changes ({counts['unchanged']} figures, the goals and the texts are the same)."
                if counts["unchanged"] else "No changes.")
    return "Changed: " + "; ".join(parts) + "."


def _goals_text(diff: YearDiff, everything: bool) -> list[str]:
    goals = diff.goals
    if goals.old_set is None and goals.new_set is None:
        return []
    changed = goals.added or goals.changed or goals.dropped
    if not changed and not everything:
        return []
    where = (f"{diff.old.name}: goals of {goals.old_set or 'none'}; "
             f"{diff.new.name}: goals of {goals.new_set or 'none'}")
    out = [f"Goals ({where})"]
    if not changed:
        same = goals.same_set and diff.old.data is diff.new.data
        return out + ["  No change: both years follow the same goals.yaml." if same else "  No change.", ""]
    if goals.added:
        out.append(f"  Added ({len(goals.added)}):")
        for goal in goals.added:
            under = f" (under {goal.parent})" if goal.parent else ""
            out.append(f"    + {goal.id}{under}: {goal.text}")
    if goals.changed:
        out.append(f"  Changed ({len(goals.changed)}):")
        for goal in goals.changed:
            out += _goal_lines(goal)
    if goals.dropped:
        out.append(f"  Dropped ({len(goals.dropped)}):")
        for goal in goals.dropped:
            reason = f"reason: {goal.reason}" if goal.reason else "no reason given"
            when = " (by a change during the year)" if goal.dropped_during else ""
            out.append(f"    - {goal.id}: {goal.text} ({reason}){when}")
    out.append("")
    return out


def _goal_lines(goal: GoalDiff) -> list[str]:
    notes = []
    if goal.moved:
        if goal.parent and not goal.old_parent:
            notes.append(f"now a sub-goal of {goal.parent}, was a main goal")
        elif goal.parent:
            notes.append(f"moved from under {goal.old_parent} to under {goal.parent}")
        else:
            notes.append(f"now a main goal, was under {goal.old_parent}")
    out = [f"    {goal.id}" + (f" ({'; '.join(notes)})" if notes else "") + ":"]
    if not goal.wording:
        out.append(f"      {goal.text}")
    for step in goal.wording:
        reason = f" (reason: {step.reason})" if step.reason else ""
        out.append(f"      {step.label}: {word_diff(step.old, step.new)}{reason}")
    return out


def _figures_text(figures: list[FigureChange], diff: YearDiff, everything: bool) -> list[str]:
    out = []
    changed = [f for f in figures if f.status == "changed"]
    unchanged = [f for f in figures if f.status == "unchanged"]
    added = [f for f in figures if f.status == "added"]
    removed = [f for f in figures if f.status == "removed"]
    if everything and (changed or unchanged):
        out.append(f"  In both ({len(changed) + len(unchanged)}, {len(changed)} changed):")
        out += _lines([f for f in figures if f.status in ("changed", "unchanged")])
    elif changed:
        out.append(f"  Changed ({len(changed)}):")
        out += _lines(changed)
    if added:
        out.append(f"  Only in {diff.new.name} ({len(added)}):")
        out += _lines(added)
    if removed:
        out.append(f"  Only in {diff.old.name} ({len(removed)}):")
        out += _lines(removed)
    return out


def _lines(figures: list[FigureChange]) -> list[str]:
    """One line a figure; the same line twice (two results with one figure name and
    value) once, with how many."""
    counted: dict[str, int] = {}
    for figure in figures:
        line = figure.line()
        counted[line] = counted.get(line, 0) + 1
    return [f"    {line}" + (f" (×{n})" if n > 1 else "") for line, n in counted.items()]


def render_json(diff: YearDiff, project: str) -> dict:
    goals = diff.goals

    def goal_json(goal: GoalDiff) -> dict:
        return {
            "id": goal.id,
            "text": goal.text,
            "parent": goal.parent,
            "old_parent": goal.old_parent,
            "moved": goal.moved,
            "wording": [dataclasses.asdict(w) for w in goal.wording],
            "reason": goal.reason,
            "dropped_during_year": goal.dropped_during,
        }

    return {
        "project": project,
        "old": {"year": diff.old.year, "revision": diff.old.revision},
        "new": {"year": diff.new.year, "revision": diff.new.revision},
        "goals": {
            "old_set": goals.old_set,
            "new_set": goals.new_set,
            "added": [goal_json(g) for g in goals.added],
            "changed": [goal_json(g) for g in goals.changed],
            "dropped": [goal_json(g) for g in goals.dropped],
        },
        "partners": {"added": diff.partners_added, "removed": diff.partners_removed},
        "figures": [dict(f.as_json(), kind=f.kind) for f in diff.figures],
        "texts": [{"key": t.key, "where": t.where, "status": t.status, "old": t.old, "new": t.new}
                  for t in diff.texts],
    }
