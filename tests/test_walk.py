"""The one walk of the data (raportti.project.walk) on the examples: what each pass
(checks, references, bases, diff) relies on it to say about a place."""

from __future__ import annotations

from raportti.project.loading import load_project
from raportti.project.walk import FIGURE, FIGURES, MODEL, NUMBER, TEXT, walk, walk_project
from raportti.schema.models.files import Goal, Indicator, Result
from conftest import EXAMPLES, PP


def _items(what):
    data = load_project(PP, resolve=False)
    return [(source, item) for source, item in walk_project(data) if item.what == what]


def test_a_monitoring_group_is_a_scope_of_its_own():
    figures = {item.name: item for _, item in _items(FIGURE) if item.file == "monitoring" and item.year == 2019}
    survey = figures["agent_survey_2018"]
    assert survey.scope == ("volunteers",)            # not ("groups", "volunteers")
    assert survey.loc == ("groups", "volunteers", "figures", "agent_survey_2018")
    assert survey.value.responded == 7 and survey.value.asked == 24
    assert survey.basis == "collected"                # the file's basis holds for the group


def test_a_block_is_named_by_its_id_and_its_figures_by_the_scope():
    figures = [item for _, item in _items(FIGURE) if item.file == "activities" and item.year == 2019]
    meetings = next(item for item in figures if item.name == "team_meetings")
    assert meetings.scope == ("hallinnointi",)
    assert meetings.loc == ("sections", 0, "figures", "team_meetings")
    assert meetings.title == "Hankkeen hallinnointi"
    assert meetings.value.value == 63 and meetings.top


def test_numbers_outside_figures_are_yielded_with_their_year():
    staff = {item.key: item for _, item in _items(NUMBER) if item.file == "project" and item.loc[0] == "staff"}
    assert staff[("staff", "employees")].value == 3
    assert staff[("staff", "employees")].year == 2019  # the staff row's year, not a folder's
    assert staff[("staff", "employees")].loc == ("staff", 0, "employees")
    # years are identifiers, not figures
    assert not any(item.name == "year" for _, item in _items(NUMBER))


def test_parts_of_a_breakdown_follow_it():
    data = load_project(PP, resolve=False)
    items = [i for i in walk(data.years[2019].files["partners"]) if i.what == FIGURE]
    at = next(n for n, i in enumerate(items) if i.name == "partner_count")
    parts = items[at + 1 : at + 4]
    assert [p.name for p in parts] == ["letter_of_intent", "municipalities", "other"]
    assert [p.value.value for p in parts[:2]] == [27, 29]
    assert parts[0].loc == ("figures", "partner_count", "parts", "letter_of_intent")
    assert not any(p.top for p in parts) and items[at].top


def test_goals_results_and_indicators_are_models_of_the_walk():
    data = load_project(EXAMPLES / "keksitty-esimerkki", resolve=False)
    items = [item for _, item in walk_project(data) if item.what in (MODEL, NUMBER)]
    assert any(isinstance(i.value, Goal) for i in items)
    assert any(isinstance(i.value, Result) for i in items)
    indicator = next(i for i in items if isinstance(i.value, Indicator))
    assert indicator.scope[-1] == indicator.value.id        # inside its goal's id
    goal = next(i for i in items if isinstance(i.value, Goal) and indicator.value in i.value.indicators)
    assert indicator.scope == goal.scope + (indicator.value.id,)
    # an indicator's target for a year is a number of that year, named without its position
    target = next(i for i in items if i.what == NUMBER and i.name == "target")
    assert target.year == target.owner.year and target.key[-2:] == ("years", "target")


def test_a_text_knows_the_figures_it_can_name():
    texts = [item for _, item in _items(TEXT) if item.file == "activities" and item.year == 2019
             and item.scope == ("hallinnointi",)]
    assert "{team_meetings}" in texts[0].value
    assert "team_meetings" in texts[0].figures[0]          # its own block's figures first
    assert texts[0].loc == ("sections", 0, "text") and texts[0].owner.id == "hallinnointi"


def test_only_makes_the_items_asked_for_in_the_same_order():
    data = load_project(PP, resolve=False)
    model = data.years[2019].files["monitoring"]
    every = [(i.what, i.loc) for i in walk(model)]
    only = [(i.what, i.loc) for i in walk(model, only=frozenset((FIGURE, FIGURES)))]
    assert only == [x for x in every if x[0] in (FIGURE, FIGURES)]
