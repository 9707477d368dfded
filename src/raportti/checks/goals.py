"""Checks of goal ids: unique in a file, known where results and dropped goals name
them, in force in the year of a result, and dropped goals with a reason."""

from __future__ import annotations

from raportti.i18n.messages import _, ngettext
from raportti.problems import Problem, format_path
from raportti.project.loading import ProjectData
from raportti.i18n.suggestions import did_you_mean, suggestion
from raportti.schema.models.files import GoalsFile, ResultsFile
from raportti.source.reader import SourceFile


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
                            loc, _("Goal '{goal_id}' is not in force in {number} (no goals.yaml of this "
                                   "or an earlier year lists it).").format(goal_id=goal_id, number=number),
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
                 "{name} is empty, but {number}/results.yaml refers to {n} goals that no goals.yaml "
                 "defines "
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
