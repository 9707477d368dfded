"""Checks beyond the schema: arithmetic, references between files, hygiene.

Each check yields problems located in the YAML. What a source document may really
contain (a total that is not the sum of its parts) is a warning: the data keeps what
the document says, and the coordinator decides.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from typing import Any, Iterator

from raportti.i18n.messages import _, ngettext
from raportti.schema.models.figures import (
    Breakdown, Quantity, Ratio, Record, Score, breakdown_sum, format_number, is_share, numeric_value)
from raportti.schema.models.files import GoalsFile, ResultsFile, YearFile
from raportti.checks.followup import check_followup
from raportti.source.cutcomments import cut_texts
from raportti.problems import Problem, format_path
from raportti.project.loading import ProjectData
from raportti.project.walk import FIGURE, MODEL, walk_project
from raportti.schema.errors import did_you_mean, suggestion
from raportti.source.reader import SourceFile

# Shares are written rounded to one decimal; a few parts may drift by this much.
SHARE_TOLERANCE = 1.0
FLOAT_TOLERANCE = 1e-9


def run_checks(data: ProjectData, *, text: bool = True) -> list[Problem]:
    """Every check; ``text=False`` leaves out the text checks (:func:`check_text`),
    for a caller that runs them itself."""
    problems: list[Problem] = []
    problems += check_figures(data)
    problems += check_block_ids(data)
    problems += check_goals(data)
    problems += check_years(data)
    problems += check_followup(data)
    if text:
        problems += check_text(data)
    return problems


# -- figures ----------------------------------------------------------------------------


def check_figures(data: ProjectData) -> list[Problem]:
    problems = []
    for source, item in walk_project(data, only=frozenset((FIGURE,))):
        if item.what == FIGURE:
            loc, figure = item.loc, item.value
            if figure is None:
                problems.append(source.problem(
                    loc, _("Figure '{value}' has no value yet: fill it in, or remove it if it does not apply.").format(value=loc[-1]), path=format_path(loc), severity="warning", code="empty-figure",
                    args={"name": loc[-1]}))
                continue
            problems += _check_figure(figure, loc, source)
    return problems


def _fmt(value: float) -> str:
    return format_number(round(value, 6) if isinstance(value, float) else value)


def _check_figure(figure: Any, loc: tuple, source: SourceFile) -> list[Problem]:
    path = format_path(loc)

    def warn(message: str, code: str, at: tuple = loc, args: dict | None = None) -> Problem:
        return source.problem(at, message, path=format_path(at), severity="warning", code=code, args=args)

    out = []
    if isinstance(figure, Breakdown):
        total = figure.total
        computed = breakdown_sum(figure)
        if isinstance(total, (int, float)) and isinstance(computed, (int, float)):
            if abs(total - computed) > FLOAT_TOLERANCE:
                parts = " + ".join(_fmt(numeric_value(p)) for p in figure.parts.values())
                out.append(warn(
                    _("The stated total {fmt} is not the sum of its parts: {parts} = {fmt2} (difference {fmt3}).").format(fmt=_fmt(total), parts=parts, fmt2=_fmt(computed), fmt3=_fmt(total - computed)),
                    "total-mismatch", loc + ("total",),
                    args={"total": _fmt(total), "parts": parts, "sum": _fmt(computed),
                          "difference": _fmt(total - computed)}))
        elif isinstance(total, Record) and isinstance(computed, dict):
            for key, stated in total.items.items():
                stated_value = numeric_value(stated)
                if key in computed and stated_value is not None and abs(stated_value - computed[key]) > FLOAT_TOLERANCE:
                    out.append(warn(
                        _("The stated total {key} {fmt} is not the sum of its parts' {key}: {fmt2} (difference {fmt3}).").format(key=key, fmt=_fmt(stated_value), fmt2=_fmt(computed[key]), fmt3=_fmt(stated_value - computed[key])),
                        "total-mismatch", loc + ("total", key)))
        if figure.label:
            # A labelled breakdown is tabled, one row per part: a part needs a name a
            # reader can read, or the table would show its YAML key.
            for name, part in figure.parts.items():
                if not getattr(part, "label", None):
                    out.append(warn(
                        _('The part \'{name}\' of "{label}" has no label, and a table shows it as a row: give it a Finnish name, e.g. {name}: {{value: {value}, label: "…"}}.').format(name=name, label=figure.label, value=_fmt(numeric_value(part)) if numeric_value(part) is not None else '…'), "part-without-label", loc + ("parts", name)))
        if figure.exclusive and isinstance(computed, (int, float)):
            target = numeric_value(total) if isinstance(total, (int, float)) else 100
            if abs(computed - target) > SHARE_TOLERANCE:
                out.append(warn(
                    _("The parts are marked exclusive but add up to {fmt}, not {fmt2}.").format(fmt=_fmt(computed), fmt2=_fmt(target)),
                    "shares-mismatch"))
        out += _check_parts_against_whole(figure, loc, computed, warn)
    elif isinstance(figure, Quantity):
        if is_share(figure) and figure.value > 100 + FLOAT_TOLERANCE:
            out.append(warn(_("A share of {fmt} % is more than 100 %.").format(fmt=_fmt(figure.value)), "share-over-100"))
    elif isinstance(figure, Ratio):
        if figure.responded > figure.asked:
            out.append(warn(
                _("More responded ({responded}) than were asked ({asked}).").format(responded=figure.responded, asked=figure.asked),
                "more-responses-than-asked"))
    elif isinstance(figure, Score):
        if figure.min >= figure.scale:
            out.append(source.problem(
                loc, _("The scale's minimum {fmt} is not below its maximum {fmt2}.").format(fmt=_fmt(figure.min), fmt2=_fmt(figure.scale)),
                path=path, code="bad-scale"))
        elif not figure.min <= figure.mean <= figure.scale:
            out.append(warn(
                _("The mean {fmt} is outside its scale {fmt2}–{fmt3}.").format(fmt=_fmt(figure.mean), fmt2=_fmt(figure.min), fmt3=_fmt(figure.scale)),
                "mean-outside-scale"))
    return out


def _check_parts_against_whole(figure: Breakdown, loc: tuple, computed: Any, warn: Any) -> list[Problem]:
    """A part is never larger than its whole, and shares of one whole never exceed
    100 % together, unless the data says the parts overlap (``overlapping: true``)."""
    out = []
    share = is_share(figure)
    whole = 100 if share else numeric_value(figure.total) if isinstance(figure.total, (int, float)) else None
    for name, part in figure.parts.items():
        value = numeric_value(part)
        if value is None or isinstance(part, Score) or (not share and is_share(part)):
            continue
        if share and value > 100 + FLOAT_TOLERANCE:
            out.append(warn(_("A share of {fmt} % is more than 100 %.").format(fmt=_fmt(value)), "share-over-100",
                            loc + ("parts", name)))
        elif whole is not None and not share and value > whole + FLOAT_TOLERANCE and not figure.overlapping:
            out.append(warn(_("The part {fmt} is larger than its whole {fmt2}.").format(fmt=_fmt(value), fmt2=_fmt(whole)),
                            "part-over-whole", loc + ("parts", name)))
    if (share and not figure.exclusive and not figure.overlapping and isinstance(computed, (int, float))
            and computed > 100 + SHARE_TOLERANCE):
        out.append(warn(
            _("The parts are shares of one whole but add up to {fmt} %, more than 100 %. If one thing can count in several parts, say so with overlapping: true.").format(fmt=_fmt(computed)),
            "shares-over-100"))
    return out


# -- block ids --------------------------------------------------------------------------


def check_block_ids(data: ProjectData) -> list[Problem]:
    """Blocks that share a namespace have different ids: ``{activities.hallinnointi.x}``
    and a report structure's pick of a block name one block, not the first of two."""
    problems = []
    seen: dict[tuple, tuple] = {}
    for source, item in walk_project(data, only=frozenset((MODEL,))):
        if item.what != MODEL:
            continue
        if not item.loc:  # a new file: its own namespace
            seen = {}
            continue
        # goal ids have their own check; a block is a list item with an id
        if item.file == "goals" or not isinstance(item.loc[-1], int) or not _has_id(item.value):
            continue
        first = seen.setdefault(item.scope, item.loc)
        if first is item.loc:
            continue
        line, column = source.position(first + ("id",))
        problems.append(source.problem(
            item.loc + ("id",),
            _("Block id '{value}' is already used at line {line}, column {column} ({format_path}) of this file. Figures and report structures find a block by its id: give one of the two blocks another id.").format(value=item.scope[-1], line=line, column=column, format_path=format_path(first)),
            path=format_path(item.loc + ("id",)), code="duplicate-id"))
    return problems


def _has_id(model: Any) -> bool:
    item_id = getattr(model, "id", None)
    return isinstance(item_id, str) and bool(item_id)


# -- goals ------------------------------------------------------------------------------


def check_goals(data: ProjectData) -> list[Problem]:
    problems: list[Problem] = []
    sets = data.goal_sets()
    every_id: set[str] = set()
    for number, goals in sets:
        year = data.years[number]
        problems += _unique_goal_ids(goals, year.sources["goals"])
        every_id.update(g.id for g in goals.walk())
        for i, dropped in enumerate(goals.dropped):
            if not dropped.reason:
                problems.append(year.sources["goals"].problem(
                    ("dropped", i), _("Goal '{id}' is dropped without a reason.").format(id=dropped.id),
                    path=format_path(("dropped", i)), severity="warning", code="dropped-without-reason"))
        for goal_loc, goal in goals.located():
            for j, change in enumerate(goal.changes):
                if change.dropped and not change.reason:
                    loc = goal_loc + ("changes", j)
                    problems.append(year.sources["goals"].problem(
                        loc, _("Goal '{id}' is dropped without a reason.").format(id=goal.id), path=format_path(loc),
                        severity="warning", code="dropped-without-reason"))

    for number, goals in sets:
        # A goal can only end here if an earlier goal set had it.
        earlier = {g.id for start, other in sets if start < number for g in other.walk()}
        for i, dropped in enumerate(goals.dropped):
            if dropped.id not in earlier:
                problems.append(_unknown_goal(data.years[number].sources["goals"], ("dropped", i, "id"),
                                              dropped.id, earlier or every_id))

    for number, year in sorted(data.years.items()):
        results = year.files.get("results")
        if isinstance(results, ResultsFile):
            in_force = data.goals_in_force(number)[1]
            current = {g.id for g in in_force.walk()} if in_force else set()
            # This year's goals.yaml is there but could not be used: its own problem is the
            # one cause of every goal id it would have defined.
            unusable = "goals" not in year.files and any(
                (year.folder / f"goals{suffix}").is_file() for suffix in (".yaml", ".yml"))
            missing: list[str] = []
            for i, result in enumerate(results.results):
                for j, goal_id in enumerate(result.goals):
                    loc = ("results", i, "goals", j)
                    if goal_id not in every_id and unusable:
                        missing.append(goal_id)
                    elif goal_id not in every_id:
                        problems.append(_unknown_goal(year.sources["results"], loc, goal_id, every_id))
                    elif current and goal_id not in current:
                        problems.append(year.sources["results"].problem(
                            loc, _("Goal '{goal_id}' is not in force in {number} (no goals.yaml of this or an earlier year lists it).").format(goal_id=goal_id, number=number),
                            path=format_path(loc), severity="warning", code="goal-not-in-period"))
            if missing and "goals" not in year.failed:
                problems.append(_empty_goals(data, number, list(dict.fromkeys(missing))))
    return problems


def _empty_goals(data: ProjectData, number: int, missing: list[str]) -> Problem:
    year = data.years[number]
    path = next(p for p in (year.folder / "goals.yaml", year.folder / "goals.yml") if p.is_file())
    shown = ", ".join(missing[:4]) + (_(" and {value} more").format(value=len(missing) - 4) if len(missing) > 4 else "")
    earlier = data.goals_in_force(number - 1)[0]
    instead = (_(", or delete it to keep following the goals of {earlier}").format(earlier=earlier) if earlier else "")
    return Problem(
        ngettext("{name} is empty, but {number}/results.yaml refers to {n} goal that no goals.yaml defines "
                 "({shown}). Write this year's goals in it{instead}.",
                 "{name} is empty, but {number}/results.yaml refers to {n} goals that no goals.yaml defines "
                 "({shown}). Write this year's goals in it{instead}.", len(missing)).format(
            name=path.name, number=number, n=len(missing), shown=shown, instead=instead),
        file=path, line=1, column=1, code="empty-goals")


def _unique_goal_ids(goals: GoalsFile, source: SourceFile) -> list[Problem]:
    seen: dict[str, tuple] = {}
    problems = []
    for loc, goal in goals.located():
        if goal.id in seen:
            first_line, _column = source.position(seen[goal.id] + ("id",))
            problems.append(source.problem(
                loc + ("id",), _("Goal id '{id}' is used twice in this file (first at line {first_line}).").format(id=goal.id, first_line=first_line),
                path=format_path(loc + ("id",)), code="duplicate-id"))
        else:
            seen[goal.id] = loc
    return problems


def _unknown_goal(source: SourceFile, loc: tuple, goal_id: str, known: set[str]) -> Problem:
    message = _("No goal with id '{goal_id}'.").format(goal_id=goal_id) + suggestion(goal_id, sorted(known))
    return source.problem(loc, message, path=format_path(loc), code="unknown-goal",
                          args={"id": goal_id, "match": did_you_mean(goal_id, sorted(known))})


# -- years ------------------------------------------------------------------------------


def check_years(data: ProjectData) -> list[Problem]:
    problems = []
    for number, year in data.years.items():
        meta = year.files.get("year")
        if isinstance(meta, YearFile) and meta.figures_until is not None:
            if meta.figures_until.year != number:
                problems.append(year.sources["year"].problem(
                    ("figures_until",),
                    _("figures_until {value} is not in {number}, the year of this folder.").format(value=meta.figures_until.isoformat(), number=number),
                    path="figures_until", severity="warning", code="date-outside-year"))
    seen: dict[int, int] = {}
    for i, staff in enumerate(data.project.staff):
        if staff.year in seen:
            problems.append(data.project_source.problem(
                ("staff", i, "year"), _("Staff for {year} is given twice (also staff[{value}]).").format(year=staff.year, value=seen[staff.year]),
                path=format_path(("staff", i, "year")), code="duplicate-year"))
        seen[staff.year] = i
    period = data.project.period
    if period is not None:
        start = period.start if isinstance(period.start, int) else period.start.year
        end = period.end if isinstance(period.end, int) else period.end.year
        if start > end:
            problems.append(data.project_source.problem(
                ("period",), _("The project period ends before it starts."), path="period", code="bad-period"))
        for number in data.years:
            if not start <= number <= end:
                problems.append(Problem(
                    _("The year folder {number} is outside the project period {start}–{end}, so the final report of the period leaves its data out. If the project went on, change 'period' in project.yaml; otherwise move this data into a year of the period.").format(number=number, start=start, end=end),
                    file=data.years[number].folder, severity="warning", code="year-outside-period",
                    args={"year": number, "start": start, "end": end}))
    return problems


# -- text hygiene -----------------------------------------------------------------------

# Explicit markers of unfinished text, not ordinary words ("työ on kesken"): capitals
# (KESKEN, LUONNOS, as TODO) or brackets ([kesken]) make a word a marker.
DRAFT_MARKERS = re.compile(
    r"\b(?:TODO|FIXME|XXX|TBD|LUONNOS|KESKEN)\b|\[\s*(?:kesken|luonnos)\s*\]|\bTähän tulee\b"
    r"|\[\s*täydennä[^\]\x00]*\]",
)
# Finnish personal identity code: DDMMYY, century sign, individual number, check mark.
HETU = re.compile(r"\b(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-FHJ-NPR-Y])\b")
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
PHONE = re.compile(r"(?<![\d/])(?:\+358[\s-]?\(?0?\)?|0)(?:4\d|50)[\s-]?\d{3}[\s-]?\d{3,4}(?!\d)")
EMAIL = re.compile(r"\b([A-Za-z0-9._%+-]+)@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
PERSONAL_LOCAL_PART = re.compile(r"^[a-zåäö]+[._-][a-zåäö]+$", re.IGNORECASE)


def _valid_hetu(match: re.Match) -> bool:
    day, month = int(match.group(1)), int(match.group(2))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    number = int(match.group(1) + match.group(2) + match.group(3) + match.group(5))
    return HETU_CHECK[number % 31] == match.group(6)


# Literals each pattern's matches must contain. Checking them first (a fast substring
# search) spares most texts the regular expressions, which scan position by position
# and were the largest cost of validating a large project.
DRAFT_LITERALS = ("TODO", "FIXME", "XXX", "TBD", "LUONNOS", "KESKEN", "[", "Tähän tulee")
PHONE_LITERALS = ("04", "050", "+358")


def text_problems(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, message, code) for each hygiene problem in one text."""
    if any(literal in text for literal in DRAFT_LITERALS):
        for m in DRAFT_MARKERS.finditer(text):
            yield m.start(), _("Draft marker '{value}': the text is unfinished.").format(value=m.group(0)), "draft-marker"
    for m in HETU.finditer(text):
        if _valid_hetu(m):
            yield m.start(), _("A Finnish personal identity code: reports are public documents; remove it."), "personal-id"
    if any(literal in text for literal in PHONE_LITERALS):
        for m in PHONE.finditer(text):
            yield m.start(), _("A phone number ('{value}'): reports are public; remove personal phone numbers.").format(value=m.group(0)), "phone-number"
    if "@" not in text:
        return
    for m in EMAIL.finditer(text):
        if PERSONAL_LOCAL_PART.match(m.group(1)):
            yield m.start(), (_("A personal e-mail address ('{value}'): reports are public; use an organisation's address instead.").format(value=m.group(0))), "personal-email"


# Joins a file's texts for scanning; no pattern above matches it.
TEXT_SEPARATOR = "\x00"


def check_text(data: ProjectData) -> list[Problem]:
    problems = []
    for source in data.sources():
        # A file's findings are kept with the file: the preview keeps unchanged files
        # from one save to the next, and scans only the saved one again.
        found = source.__dict__.get("_text_problems")
        if found is None:
            found = source.__dict__["_text_problems"] = _file_text_problems(source)
        problems.extend(found)
    return problems


def _file_text_problems(source: SourceFile) -> list[Problem]:
    problems = []
    # All texts of a file are scanned as one: a project has thousands of short texts,
    # and running each pattern on each of them cost more than the scanning itself.
    strings = list(_iter_strings(source.data))
    starts = list(itertools.accumulate((len(text) + 1 for _, text in strings[:-1]), initial=0))
    joined = TEXT_SEPARATOR.join(text for _, text in strings)
    for offset, message, code in text_problems(joined):
        i = bisect.bisect_right(starts, offset) - 1
        loc = strings[i][0]
        marker = DRAFT_MARKERS.match(joined, offset) if code == "draft-marker" else None
        problems.append(source.problem(
            loc, message, path=format_path(loc), severity="warning", code=code, offset=offset - starts[i],
            args={"marker": marker.group(0)} if marker else None))
    problems.extend(cut_texts(source))
    return problems


def _iter_strings(node: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _iter_strings(value, loc + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _iter_strings(value, loc + (i,))
    elif isinstance(node, (datetime.date, int, float)) or node is None:
        return
