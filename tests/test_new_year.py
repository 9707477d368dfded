"""``raportti new-year``: the next year's folder, started from the last one; empty figures."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import PP, VS, minimal_project
from raportti.checks.running import check_project
from raportti.cli.app import main
from raportti.project.loading import load_project


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def copy_example(example: Path, tmp_path: Path) -> Path:
    target = tmp_path / example.name
    shutil.copytree(example, target, ignore=shutil.ignore_patterns("build"))
    return target


def live_goal_ids(goals) -> list[str]:
    out = []

    def walk(goal):
        if goal.is_dropped:
            return
        out.append((goal.id, goal.current_text))
        for sub in goal.subgoals:
            walk(sub)

    for goal in goals.goals:
        walk(goal)
    return out


@pytest.mark.parametrize("example", [PP, VS], ids=["pohjois-pohjanmaa", "varsinais-suomi"])
def test_new_year_on_an_example_validates_and_keeps_the_goals(example, tmp_path):
    root = copy_example(example, tmp_path)
    assert not any(p.is_error for p in check_project(root))
    before = load_project(root, resolve=False)
    latest = max(before.years)
    new = latest + 1

    result = run("new-year", root, new)
    assert result.exit_code == 0, result.output
    assert f"Started {new} from {latest}" in result.output
    assert "The new folder validates with" in result.output

    problems = check_project(root)
    assert not [p for p in problems if p.is_error]
    assert any(p.code == "empty-figure" for p in problems)
    after = load_project(root, resolve=False)
    _, old_goals = before.goals_in_force(latest)
    _, new_goals = after.goals_in_force(new)
    assert new_goals is after.years[new].files["goals"]
    assert live_goal_ids(new_goals) == live_goal_ids(old_goals)
    assert all(not g.changes for g in new_goals.walk())

    for path in (root / str(new)).iterdir():
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=../../../schemas/{path.stem}.schema.json\n")
    # the new files are already in canonical form
    assert run("fmt", "--check", root / str(new)).exit_code == 0
    # and the earlier years are untouched: a second run refuses
    again = run("new-year", root, new)
    assert again.exit_code == 1 and "already exists" in again.output


def test_what_carries_over_and_what_is_emptied(project_copy):
    result = run("new-year", project_copy, 2021, "--from", 2019)
    assert result.exit_code == 0, result.output
    year = project_copy / "2021"
    data = {p.stem: YAML(typ="safe").load(p.read_text(encoding="utf-8")) for p in year.iterdir()}
    activities = data["activities"]["sections"][0]
    assert (activities["id"], activities["title"], activities["text"]) == ("hallinnointi", "Hankkeen hallinnointi", None)
    assert activities["figures"]["team_meetings"] is None
    assert [p["name"] for p in data["partners"]["named"]][:2] == [
        "Pohjois-Pohjanmaan sairaanhoitopiiri", "Pohjois-Pohjanmaan liitto"]
    assert data["partners"]["figures"] == {"partner_count": None, "partner_meetings": None}
    assert data["results"] == {"results": []}
    goals = data["goals"]["goals"]
    t1 = goals[0]["subgoals"][0]
    assert t1 == {"id": "t1", "text": "Järjestöjen tekemän työn monipuolisuus on yhdessä järjestöjen kanssa "
                                      "kirjattu maakunta- ja kuntatason asiakirjoihin"}
    ids = [g["id"] for g in goals] + [s["id"] for g in goals for s in g.get("subgoals", [])]
    assert "t4" not in ids and "t6" not in ids  # dropped during 2019
    assert "dropped" not in data["goals"]

    text = (year / "activities.yaml").read_text(encoding="utf-8")
    assert ("      team_meetings:  # Täydennä: {value: …, label: \"Tiimin kokoontumiset\"} "
            "(vuonna 2019: 63)\n") in text
    assert "    text:  # Täydennä: teksti" in text
    partners = (year / "partners.yaml").read_text(encoding="utf-8")
    assert ("partner_count:  # Täydennä: {total: …, parts: {letter_of_intent: {value: …, label: "
            "\"Aiesopimuksella sitoutuneet organisaatiot\"}, municipalities: {value: …, label: \"Alueen muut kunnat\"}, "
            "other: {value: …, label: \"Muut yhteistyökumppanit\"}}, label: \"Yhteistyökumppanit\"} (vuonna 2019: 104)") in partners


def test_new_year_refuses_to_overwrite_a_year(project_copy):
    before = sorted(p.name for p in (project_copy / "2019").iterdir())
    result = run("new-year", project_copy, 2019)
    assert result.exit_code == 1
    assert "already exists; new-year never overwrites a year" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in (project_copy / "2019").iterdir()) == before


def test_from_must_be_an_earlier_existing_year(project_copy):
    result = run("new-year", project_copy, 2021, "--from", 2016)
    assert result.exit_code == 1
    assert "There is no year folder 2016 to start from" in result.output and "Did you mean 2017?" in result.output
    result = run("new-year", project_copy, 2016, "--from", 2019)
    assert result.exit_code == 1 and "must come after 2019" in result.output
    assert not (project_copy / "2021").exists() and not (project_copy / "2016").exists()
    assert not [p for p in project_copy.iterdir() if p.name.startswith(".")]


# -- empty figures in the data format ---------------------------------------------------------


def test_an_empty_figure_warns_and_a_reference_shows_a_placeholder(tmp_path):
    from raportti.build import build

    root = minimal_project(tmp_path / "p", "default_report: valikysely-2019\n")
    (root / "2019").mkdir()
    (root / "2019" / "activities.yaml").write_text(textwrap.dedent("""\
        sections:
          - id: hallinnointi
            title: Hankkeen hallinnointi
            text: Henkilöstö on kokoontunut {team_meetings} kertaa.
            figures:
              team_meetings:  # Täydennä
        """), encoding="utf-8")
    problems = check_project(root)
    assert not [p for p in problems if p.is_error]
    messages = [(p.line, p.column, p.message) for p in problems if p.code == "empty-figure"]
    assert (6, 7, "Figure 'team_meetings' has no value yet: fill it in, or remove it if it does not apply.") \
        in messages
    assert any("the text shows '[täydennä: team_meetings]'" in m for _, _, m in messages)
    result = build(root, out_dir=tmp_path / "out", formats=("md",))
    assert "Henkilöstö on kokoontunut [täydennä: team_meetings] kertaa." in (
        tmp_path / "out" / "valikysely-2019.md").read_text(encoding="utf-8")
    assert any(w.code == "empty-figure" for w in result.warnings)
