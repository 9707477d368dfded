"""new-year drops nothing silently: every key of the files a new year starts from is in the
new year's files, or it is on the list below of what a new year deliberately starts
afresh, with the reason. A new field in the data format fails this test until new-year
carries it or the list says why not."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import EXAMPLES, PP, VS
from raportti.checks.running import check_project
from raportti.cli.app import main

KE = EXAMPLES / "keksitty-esimerkki"

# (file kind, key path with list items as *): why a new year does not carry it.
STARTS_AFRESH = {
    ("goals", "intro"): "how and why the goals changed is the new year's to tell",
    ("goals", "outro"): "a closing text of the year's goals",
    ("goals", "dropped"): "goals that ended are not in force in the new year",
    ("goals", "dropped_plans"): "plans that never became goals were reported when they were dropped",
    ("goals", "goals.*.changes"): "the goal carries its latest wording; the changes are history",
    ("goals", "goals.*.subgoals.*.changes"): "as for main goals",
    ("goals", "goals.*.subgoals.*.subgoals.*.changes"): "as for main goals",
    ("results", "intro"): "the year's results are written anew",
    ("results", "outro"): "the year's results are written anew",
    ("results", "results"): "the year's results are written anew (an example is in a comment)",
    ("results", "sections"): "the year's results are written anew",
    ("results", "basis"): "the year's results are written anew",
    ("results", "figures"): "the year's results are written anew",
    ("year", "notes"): "facts of the year itself",
    ("partners", "reach.*.note"): "a note on the year's reach (why it fell short)",
    ("monitoring", "surveys"): "the survey exports read are the year's own files",
}

# Inside a figure, the new year keeps the name; its value, parts and numbers are the new
# year's. The keys it keeps (label, unit, scale, basis) are checked by the tests of
# what carries over (test_new_year.py).
FIGURE_PARENT = "figures"


def key_paths(node, prefix: str = "") -> set[str]:
    """Every key path of a YAML tree, list items as '*', not below a figure's name."""
    out: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            out.add(path)
            if key == FIGURE_PARENT and isinstance(value, dict):
                out.update(f"{path}.{name}" for name in value)
                continue
            out.update(key_paths(value, path))
    elif isinstance(node, list):
        for item in node:
            out.update(key_paths(item, f"{prefix}.*"))
    return out


def covered(path: str, kind: str) -> bool:
    """Whether a path is on the list of what starts afresh (or lies below such a key)."""
    parts = path.split(".")
    return any((kind, ".".join(parts[:n])) in STARTS_AFRESH for n in range(1, len(parts) + 1))


@pytest.mark.parametrize("example", [PP, VS, KE], ids=["pohjois-pohjanmaa", "varsinais-suomi", "keksitty"])
def test_every_key_of_the_last_year_is_in_the_new_year(example, tmp_path):
    root = tmp_path / example.name
    shutil.copytree(example, root, ignore=shutil.ignore_patterns("build"))
    years = sorted(int(p.name) for p in root.iterdir() if p.name.isdigit())
    new = years[-1] + 1
    result = CliRunner().invoke(main, ["new-year", str(root), str(new)])
    assert result.exit_code == 0, result.output
    yaml = YAML(typ="safe")
    kinds = {p.stem for y in years for p in (root / str(y)).glob("*.yaml")}
    assert {p.stem for p in (root / str(new)).iterdir()} == kinds
    dropped = []
    for path in sorted((root / str(new)).iterdir()):
        kind = path.stem
        source = max(y for y in years if (root / str(y) / path.name).is_file() and y <= years[-1])
        old = key_paths(yaml.load(root / str(source) / path.name))
        now = key_paths(yaml.load(path))
        dropped += [f"{source}/{path.name}: {p}" for p in sorted(old - now) if not covered(p, kind)]
    assert dropped == []


# A year that uses every key of the data format once (the examples leave some out).
EVERY_KEY = {
    "goals.yaml": """\
intro: Tavoitteita tarkennettiin.
period: 2024–2026
goals:
  - id: t1
    text: Yksinäisyys vähenee.
    level: yksilö
    heading: YKSILÖTASO
    period_label: Tavoitteet 2024–2026
    note: Mitataan kyselyllä.
    changes:
      - {label: Tarkennus, text: Yksinäisyys vähenee kylissä., reason: Kohdennus.}
    indicators:
      - id: m1
        name: Kokoontumiset
        unit: kertaa
        baseline: {value: 0, year: 2023}
        basis: collected
        years:
          - {year: 2025, target: 80, actual: 84, basis: collected, note: Hyvin meni.}
    subgoals:
      - id: t1a
        text: Tupa kokoontuu.
        figures:
          groups: 3
    figures:
      share: 5
dropped:
  - {id: t0, reason: Ei enää ajankohtainen.}
dropped_plans:
  - {text: Kerho, reason: Ei tekijöitä.}
outro: Loppu.
figures:
  goal_count: 2
""",
    "activities.yaml": """\
intro: Alku.
text: Teksti.
sections:
  - id: tuvat
    title: Kylätuvat
    text: Tuvat kokoontuivat {meetings} kertaa.
    basis: collected
    figures:
      meetings: 84
      visits: {value: 1240, label: Käyntikerrat, unit: kertaa, basis: estimate}
      survey: {responded: 29, asked: 41, label: Kysely, basis: sample}
      satisfaction: {mean: 4.2, scale: 5, label: Tyytyväisyys, basis: sample}
    sections:
      - id: alatupa
        title: Alatupa
        text: Ala.
outro: Loppu.
basis: collected
figures:
  events: 12
""",
    "partners.yaml": """\
text: Kumppanit.
target_group: Ikääntyneet.
reach:
  - {group: Ikääntyneet, planned: 60, reached: 48, unit: henkilöä, basis: collected, note: Vähemmän.}
named:
  - {name: Kunta, kind: kunta, cooperation: Tilat., note: Pitkä yhteistyö.}
sections:
  - id: verkosto
    title: Verkosto
    text: Verkosto.
basis: collected
figures:
  partner_count: 4
""",
    "monitoring.yaml": """\
intro: Seuranta.
groups:
  employees: {text: Kysely., use: Käytettiin., basis: sample, figures: {responses: 3}, sections: [{id: a, title: A, text: A.}]}
  volunteers: {text: Kysely.}
  target_group: {text: Kysely.}
  partners: {text: Haastattelut.}
sections:
  - id: muu
    title: Muu
    text: Muu.
outro: Loppu.
basis: sample
figures:
  surveys: 2
""",
    "plans.yaml": """\
intro: Suunnitelma.
sections:
  - id: jatko
    title: Jatko
    text: Jatkuu.
outro: Loppu.
""",
    "year.yaml": """\
figures_until: 2025-08-31
notes: Luvut elokuun loppuun.
figures:
  months: 8
""",
    "results.yaml": """\
intro: Tulokset.
results:
  - {goals: [t1], perspective: target_group, scope: region, text: Tulos., basis: sample}
sections:
  - id: opitut
    title: Opitut
    text: Opittiin.
outro: Loppu.
basis: sample
figures:
  outcome: 1
""",
}


def test_every_key_of_the_data_format_is_carried_or_started_afresh(tmp_path):
    root = tmp_path / "p"
    (root / "2025").mkdir(parents=True)
    (root / "project.yaml").write_text("schema_version: 1\nname: Testi\norganisation: Järjestö ry\n",
                                       encoding="utf-8")
    for name, text in EVERY_KEY.items():
        (root / "2025" / name).write_text(text, encoding="utf-8")
    (root / "2024").mkdir()  # the goal that 2025 drops
    (root / "2024" / "goals.yaml").write_text("goals:\n  - {id: t0, text: Vanha tavoite.}\n", encoding="utf-8")
    assert not [p for p in check_project(root) if p.is_error]
    result = CliRunner().invoke(main, ["new-year", str(root), "2026"])
    assert result.exit_code == 0, result.output
    yaml = YAML(typ="safe")
    dropped = []
    for name in EVERY_KEY:
        kind = name.removesuffix(".yaml")
        old = key_paths(yaml.load(root / "2025" / name))
        now = key_paths(yaml.load(root / "2026" / name))
        dropped += [f"{name}: {p}" for p in sorted(old - now) if not covered(p, kind)]
    assert dropped == []
    # A figure's own basis (with its label and unit) carries, its numbers left empty;
    # the goals' period and a goal's period label and note carry as written.
    activities = yaml.load(root / "2026" / "activities.yaml")
    figures = activities["sections"][0]["figures"]
    assert figures["visits"] == {"value": None, "label": "Käyntikerrat", "unit": "kertaa", "basis": "estimate"}
    assert figures["survey"] == {"responded": None, "asked": None, "label": "Kysely", "basis": "sample"}
    assert figures["satisfaction"] == {"mean": None, "scale": 5, "label": "Tyytyväisyys", "basis": "sample"}
    assert figures["meetings"] is None
    goals = yaml.load(root / "2026" / "goals.yaml")
    assert goals["period"] == "2024–2026"
    assert (goals["goals"][0]["period_label"], goals["goals"][0]["note"]) == ("Tavoitteet 2024–2026",
                                                                            "Mitataan kyselyllä.")
    # Filled in next year, the figure needs no basis again.
    path = root / "2026" / "activities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{value: null,", "{value: 1300,"), encoding="utf-8")
    problems = check_project(root, "tuloksellisuusraportti", year=2026)
    assert not [p for p in problems if p.code == "basis-missing" and "visits" in p.path]
    assert [p for p in problems if p.code == "empty-figure" and "survey" in p.path]


def test_the_coordinators_comments_carry_over(tmp_path):
    root = tmp_path / "p"
    (root / "2025").mkdir(parents=True)
    (root / "project.yaml").write_text("schema_version: 1\nname: Testi\norganisation: Järjestö ry\n",
                                       encoding="utf-8")
    (root / "2025" / "partners.yaml").write_text("""\
# Lähde: vuoden 2025 kumppanikysely (this heading is about the 2025 file: it stays).
named:
  # Kunta on tärkein kumppani: sopimus vuoteen 2027.
  - name: Kunta
    cooperation: Tilat.
  - name: Seurakunta
figures:
  # luku tammikuun tilanteesta
  partner_count: 4
""", encoding="utf-8")
    result = CliRunner().invoke(main, ["new-year", str(root), "2026"])
    assert result.exit_code == 0, result.output
    text = (root / "2026" / "partners.yaml").read_text(encoding="utf-8")
    assert "  # Kunta on tärkein kumppani: sopimus vuoteen 2027.\n  - name: Kunta\n" in text
    assert "Lähde" not in text  # the old file's heading
    assert "tammikuun tilanteesta" not in text  # about the old value, which the new year empties
    assert CliRunner().invoke(main, ["fmt", "--check", str(root / "2026")]).exit_code == 0
