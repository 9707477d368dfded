"""The data model on the real example: figures, goals, results, references."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML

from conftest import PP
from raportti.schema.models.figures import (
    Breakdown, Figures, Ratio, Record, Score, breakdown_sum, format_figure, format_number, part,
)
from raportti.project.loading import load_project


@pytest.fixture(scope="module")
def pp():
    return load_project(PP)


def count_numbers(node) -> int:
    if isinstance(node, bool):
        return 0
    if isinstance(node, (int, float)):
        return 1
    if isinstance(node, dict):
        return sum(count_numbers(v) for k, v in node.items() if k not in ("schema_version", "year"))
    if isinstance(node, list):
        return sum(count_numbers(v) for v in node)
    return 0


def test_example_keeps_at_least_150_figures_as_numbers():
    yaml = YAML(typ="safe")
    total = sum(count_numbers(yaml.load(path)) for path in PP.rglob("*.yaml") if "build" not in path.parts)
    assert total >= 150


def test_figure_kinds_from_shape():
    figures = TypeAdapter(Figures).validate_python({
        "plain": 76,
        "survey": {"responded": 7, "asked": 24},
        "score": {"mean": 3.3, "scale": 4},
        "partners": {"total": 68, "parts": {"loi": 27, "municipalities": 30, "other": 12}},
        "meetings": {"meetings": 96, "participations": 238},
    })
    assert isinstance(figures["survey"], Ratio) and format_figure(figures["survey"]) == "7/24"
    assert isinstance(figures["score"], Score) and format_figure(figures["score"], "spaced") == "3,3 /4"
    assert isinstance(figures["partners"], Breakdown)
    # The stated total is kept even though the parts add up to 69.
    assert format_figure(figures["partners"]) == "68"
    assert breakdown_sum(figures["partners"]) == 69
    assert isinstance(figures["meetings"], Record) and part(figures["meetings"], "participations") == 238


def test_total_is_computed_only_when_none_is_stated():
    figures = TypeAdapter(Figures).validate_python({"x": {"parts": {"a": 9, "b": 22}}})
    assert format_figure(figures["x"]) == "31"


def test_numbers_are_written_the_finnish_way():
    assert format_number(3.3) == "3,3"
    assert format_number(25.0) == "25,0"
    assert format_number(77081, grouped=True) == "77 081"
    assert format_number(189900, grouped=True) == "189 900"
    assert format_number(2220) == "2220"


def test_text_is_not_a_number():
    with pytest.raises(ValidationError):
        TypeAdapter(Figures).validate_python({"x": "3"})


def test_partner_totals_by_year(pp):
    totals = {year: format_figure(pp.years[year].files["partners"].figures["partner_count"])
              for year in (2017, 2018, 2019)}
    assert totals == {2017: "68", 2018: "96", 2019: "104"}


def test_goal_hierarchy_and_revisions(pp):
    goals_2017 = pp.years[2017].files["goals"]
    goals_2019 = pp.years[2019].files["goals"]
    assert [g.id for g in goals_2017.goals] == [f"t{i}" for i in range(1, 11)]
    # 2019 turns the 2017 goals into sub-goals of new main goals, under the same ids.
    main = goals_2019.goals
    assert len(main) == 7
    sub_ids = {sub.id for g in main for sub in g.subgoals}
    assert {"t1", "t2", "t3", "t5", "t7", "t9", "t10"} <= sub_ids
    t1 = next(sub for g in main for sub in g.subgoals if sub.id == "t1")
    assert t1.changes[0].label == "Muutos sote-uudistuksen kaatumisen jälkeen"
    assert t1.current_text.endswith("maakunta- ja kuntatason asiakirjoihin")
    t4 = next(sub for g in main for sub in g.subgoals if sub.id == "t4")
    assert t4.is_dropped and t4.changes[0].reason == "maakuntaa ei tule"
    assert [d.id for d in goals_2019.dropped] == ["t8"]


def test_results_link_to_goals(pp):
    results = pp.years[2018].files["results"].results
    shared = [r for r in results if len(r.goals) > 1]
    # One result shown under several goals is kept once, with all its goal ids.
    assert any({"t6", "t8", "t9"} <= set(r.goals) for r in shared)
    assert any(r.goals == [] for r in results)
    assert {r.scope for r in results} >= {"region", "municipalities"}


def test_references_are_resolved_in_text(pp):
    activities = pp.years[2018].files["activities"]
    first = activities.sections[0].text
    assert "{" not in first
    assert "kokoontunut 76 kertaa" in first
    partners = next(b for b in activities.sections if b.id == "yhteistyokumppanit")
    assert "yhteistyökumppaneita vuonna 2018 oli 96" in partners.text


def test_yaml_comments_never_reach_the_report(pp_build):
    markdown = (pp_build / "valikysely-2019.md").read_text(encoding="utf-8")
    assert "yaml-language-server" not in markdown
    assert "source:" not in markdown
