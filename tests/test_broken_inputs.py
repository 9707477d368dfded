"""Broken inputs a coordinator can write, each with where and what validate says.

Each case is a small project: files (project.yaml defaults to a valid one), the expected
location ``file:line:col``, a piece of the message, and whether it is an error or a
warning. Every case is also built: no case may produce a traceback.
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from brokencorpus import DOCX_HEAVY, SECRET, docx_cases, make_case, run_docx_commands, write_case

from raportti.cli.app import main
from raportti.checks.running import check_project

PROJECT = "schema_version: 1\nname: Testihanke\norganisation: Testi ry\n"

CASES = [
    # -- reading the file ------------------------------------------------------------
    # The bracket that is never closed is blamed where it opens, not where the file ends.
    ("yaml-syntax", {"2019/goals.yaml": "goals: [\n"}, "2019/goals.yaml:1:8", "the '[' opened here is never closed",
     "error"),
    ("tab-indent", {"2019/year.yaml": "notes:\n\t- x\n"}, "2019/year.yaml:2:1", "a tab character where YAML needs spaces",
     "error"),
    ("duplicate-key", {"project.yaml": PROJECT + "name: Toinen\n"}, "project.yaml:4:1", "Duplicate key 'name'", "error"),
    ("not-utf8", {"2019/plans.yaml": b"text: \xe4\xe4ni\n"}, "2019/plans.yaml:1:7", "not UTF-8", "error"),
    ("object-tag", {"2019/plans.yaml": "text: !!python/object/apply:os.system ['ls']\n"},
     "2019/plans.yaml:1:7", "tag '!!python/object/apply:os.system' is not allowed", "error"),
    ("impossible-date", {"2019/year.yaml": "figures_until: 2019-02-30\n"}, "2019/year.yaml:1:16",
     "not a real date", "error"),
    # Control characters written as escapes in quotes: a located error, so validate and
    # build agree (build never meets an XML error or writes a NUL into the Markdown).
    ("control-vt", {"2019/plans.yaml": 'text: "A\\x0bB"\n'}, "2019/plans.yaml:1:9", "U+000B", "error"),
    ("control-nul", {"2019/plans.yaml": 'sections:\n  - title: Hallinto\n    text: "A\\0B"\n'},
     "2019/plans.yaml:3:13", "U+0000", "error"),
    ("control-escape", {"project.yaml": PROJECT.replace("Testi ry", '"Testi\\e ry"')}, "project.yaml:3:21",
     "U+001B", "error"),
    ("control-noncharacter", {"2019/plans.yaml": 'text: "A\\uFFFEB"\n'}, "2019/plans.yaml:1:9", "U+FFFE", "error"),
    ("control-surrogate", {"2019/plans.yaml": 'text: "A\\uD800B"\n'}, "2019/plans.yaml:1:11",
     "not valid YAML", "error"),
    ("control-in-key", {"2019/plans.yaml": 'sections:\n  - title: x\n    figures:\n      "a\\x01": 1\n'},
     "2019/plans.yaml:4:9", "U+0001", "error"),
    ("empty-file", {"2019/goals.yaml": ""}, "2019/goals.yaml:1:1", "The file is empty", "warning"),
    ("empty-project", {"project.yaml": ""}, "project.yaml:1:1", "It needs at least these lines", "error"),
    # YAML syntax: the likely cause in plain words, not the parser's jargon.
    ("colon-in-text", {"2019/goals.yaml": "goals:\n  - id: t1\n    text: Päätavoite: parempi arki\n"},
     "2019/goals.yaml:3:21", "contains ': '", "error"),
    ("indented-too-far", {"2019/goals.yaml": "goals:\n  - id: t1\n    text: x\n      intro: y\n"},
     "2019/goals.yaml:4:12", "indented more than the line above", "error"),
    ("indented-too-little", {"2019/goals.yaml": "goals:\n  - id: t1\n    text: x\n   intro: y\n"},
     "2019/goals.yaml:4:4", "not lined up with the list", "error"),
    ("list-continues-mapping", {"2019/activities.yaml": "sections:\n  - title: x\n    figures:\n      a: 1\n    - b: 2\n"},
     "2019/activities.yaml:5:5", "A list cannot continue a mapping", "error"),
    ("unclosed-quote", {"2019/plans.yaml": "text: \"Alku\nfigures: {}\n"}, "2019/plans.yaml:1:7",
     "not closed on this line", "error"),
    ("list-at-top", {"2019/goals.yaml": "- id: t1\n  text: x\n"}, "2019/goals.yaml:1:1",
     "should hold a mapping", "error"),
    ("unknown-file", {"2019/goal.yaml": "goals: []\n"}, "2019/goal.yaml:1:1", "Did you mean 'goals.yaml'?", "error"),
    ("newer-schema", {"project.yaml": "schema_version: 7\nname: x\norganisation: y\nfuture_field: 1\n"},
     "project.yaml:1:17", "written for schema version 7", "error"),
    ("alias-bomb", {"2019/plans.yaml": "figures:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                     + "".join(f"  {b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))
                     + "sections: *i\n"},
     "2019/plans.yaml:3:10", "would grow its", "error"),
    ("nested-too-deeply", {"2019/plans.yaml": "figures:\n  x: " + "[" * 5000 + "]" * 5000 + "\n"},
     "2019/plans.yaml:2:204", "nests too deeply", "error"),
    ("alias-inside-its-anchor", {"2019/plans.yaml": "sections: &a\n  - title: x\n    sections: *a\n"},
     "2019/plans.yaml:3:15", "inside the anchor it refers to", "error"),
    # -- the schema ------------------------------------------------------------------
    ("unknown-key", {"project.yaml": PROJECT + "organization: x\n"}, "project.yaml:4:1",
     "Unknown field 'organization'. Did you mean 'organisation'?", "error"),
    ("unknown-nested-key", {"2019/activities.yaml": "sections:\n  - title: A\n    txt: B\n"},
     "2019/activities.yaml:3:5", "Unknown field 'txt'. Did you mean 'text'?", "error"),
    ("missing-field", {"project.yaml": "schema_version: 1\norganisation: Testi ry\n"}, "project.yaml:1:1",
     "Missing field 'name'", "error"),
    ("missing-goal-text", {"2019/goals.yaml": "goals:\n  - id: t1\n"}, "2019/goals.yaml:2:5",
     "Missing field 'text'", "error"),
    ("number-as-text", {"project.yaml": PROJECT + "staff:\n  - year: 2019\n    employees: \"3\"\n"},
     "project.yaml:6:16", "Expected a whole number, found the text '3'", "error"),
    ("decimal-comma", {"project.yaml": PROJECT + "staff:\n  - year: 2019\n    person_years: 2,5\n"},
     "project.yaml:6:19", "decimal point", "error"),
    ("bool-as-number", {"project.yaml": PROJECT + "staff:\n  - year: 2019\n    employees: true\n"},
     "project.yaml:6:16", "found the truth value 'true'", "error"),
    ("empty-required", {"project.yaml": "schema_version: 1\nname:\norganisation: O\n"}, "project.yaml:2:1",
     "Expected text, found nothing", "error"),
    ("mapping-where-list", {"2019/activities.yaml": "sections:\n  title: A\n"}, "2019/activities.yaml:1:1",
     "Expected a list", "error"),
    ("text-as-date", {"2019/year.yaml": "figures_until: \"31.8.2019\"\n"}, "2019/year.yaml:1:16",
     "Expected a date", "error"),
    ("figure-as-text", {"2019/partners.yaml": "figures:\n  count: kolme\n"}, "2019/partners.yaml:2:10",
     "Expected a figure", "error"),
    ("ratio-text", {"2019/partners.yaml": "figures:\n  survey: {responded: 7, asked: kaikki}\n"},
     "2019/partners.yaml:2:33", "Expected a whole number", "error"),
    ("bad-id", {"2019/goals.yaml": "goals:\n  - id: tavoite 1\n    text: x\n"}, "2019/goals.yaml:2:9",
     "not a valid identifier (it contains a space): use letters a–z and å, ä, ö", "error"),
    ("bad-scope", {"2019/results.yaml": "results:\n  - goals: []\n    scope: regio\n    text: x\n"},
     "2019/results.yaml:3:12", "Did you mean 'region'?", "error"),
    ("change-without-text", {"2019/goals.yaml": "goals:\n  - id: t1\n    text: x\n    changes:\n      - label: Muutos\n"},
     "2019/goals.yaml:5:9", "needs the new wording", "error"),
    ("bad-figure-name", {"2019/partners.yaml": "figures:\n  c: {parts: {kunnat-2019: 3}}\n"},
     "2019/partners.yaml:2:14", "not a valid part name", "error"),
    # -- numbers no count can be (issue 16): never shown as "nan" or "inf" in a report ----
    ("nan-value", {"2019/activities.yaml": "sections:\n  - title: A\n    text: '{n} kertaa'\n"
                                           "    figures:\n      n: {value: .nan, label: x}\n"},
     "2019/activities.yaml:5:18", "'.nan' (not a number) cannot be shown", "error"),
    ("inf-figure", {"2019/plans.yaml": "figures:\n  n: .inf\ntext: '{n}'\n"}, "2019/plans.yaml:2:6",
     "infinite or too large", "error"),
    ("minus-inf", {"2019/plans.yaml": "figures:\n  n: -.inf\n"}, "2019/plans.yaml:2:6", "infinite", "error"),
    ("1e400", {"2019/plans.yaml": "figures:\n  n: 1e400\n"}, "2019/plans.yaml:2:6", "too large to store", "error"),
    ("negative-count", {"2019/plans.yaml": "figures:\n  n: -65\n"}, "2019/plans.yaml:2:6",
     "The number -65 is negative: a count or an amount cannot be below 0.", "error"),
    ("40-digit-count", {"2019/plans.yaml": "figures:\n  n: 1234567890123456789012345678901234567890\n"},
     "2019/plans.yaml:2:6", "(40 digits) is too large: a figure must be below 1 000 000 000 000", "error"),
    ("infinite-scale", {"2019/monitoring.yaml": "figures:\n  s: {mean: 3.3, scale: .inf}\n"},
     "2019/monitoring.yaml:2:25", "infinite", "error"),
    ("negative-responses", {"2019/monitoring.yaml": "figures:\n  s: {responded: -1, asked: 4}\n"},
     "2019/monitoring.yaml:2:18", "negative", "error"),
    ("nan-part", {"2019/partners.yaml": "figures:\n  p: {total: 5, parts: {a: .nan, b: 3}}\n"},
     "2019/partners.yaml:2:28", "'.nan'", "error"),
    ("huge-quantity", {"2019/plans.yaml": "figures:\n  n: {value: 1.0e12}\n"}, "2019/plans.yaml:2:14",
     "too large", "error"),
    ("40-digit-employees", {"project.yaml": PROJECT + "staff:\n  - year: 2019\n    employees: 1234567890123456789012345678901234567890\n"},
     "project.yaml:6:16", "too large", "error"),
    ("negative-members", {"project.yaml": PROJECT + "steering_group: {name: Ryhmä, members: -3}\n"},
     "project.yaml:4:40", "negative", "error"),
    ("huge-person-years", {"project.yaml": PROJECT + "person_years: 1e400\n"}, "project.yaml:4:15",
     "infinite", "error"),
    # -- references in text ------------------------------------------------------------
    ("unknown-figure", {"2019/plans.yaml": "figures:\n  months: 9\ntext: |\n  Avustus {month} kuukaudelle.\n"},
     "2019/plans.yaml:4:11", "Did you mean 'months'?", "error"),
    ("unknown-part", {"2019/plans.yaml": "figures:\n  s: {responded: 7, asked: 24}\ntext: '{s.answered}'\n"},
     "2019/plans.yaml:3:8", "has no part 'answered'", "error"),
    ("record-without-part", {"2019/plans.yaml": "figures:\n  m: {meetings: 1, participations: 2}\ntext: 'x {m}'\n"},
     "2019/plans.yaml:3:10", "several values", "error"),
    ("unknown-format", {"2019/plans.yaml": "figures:\n  n: 77081\ntext: '{n:fancy}'\n"},
     "2019/plans.yaml:3:8", "Unknown format ':fancy'", "error"),
    ("unclosed-brace", {"2019/plans.yaml": "figures:\n  n: 63\ntext: 'kokoontunut {n kertaa'\n"},
     "2019/plans.yaml:3:20", "A '{' that is never closed", "error"),
    ("unopened-brace", {"2019/plans.yaml": "figures:\n  n: 63\ntext: 'kokoontunut n} kertaa {n}'\n"},
     "2019/plans.yaml:3:21", "A '}' with no '{' before it", "error"),
    ("spaced-reference", {"2019/plans.yaml": "figures:\n  n: 63\ntext: 'kokoontunut { n } kertaa'\n"},
     "2019/plans.yaml:3:20", "without spaces inside the braces: {n}, not { n }", "error"),
    ("not-a-reference", {"2019/plans.yaml": "text: 'auki {x y} jäi'\n"}, "2019/plans.yaml:1:13",
     "'{x y}' is not a figure reference", "error"),
    ("brace-before-reference", {"2019/plans.yaml": "figures:\n  n: 1\ntext: '{agents ja {n}'\n"},
     "2019/plans.yaml:3:8", "never closed", "error"),
    ("duplicate-block-id", {"2019/activities.yaml": "sections:\n  - id: hallinnointi\n    title: A\n"
                                                    "  - id: hallinnointi\n    title: B\n"},
     "2019/activities.yaml:4:9", "Block id 'hallinnointi' is already used at line 2, column 9 (sections[0])",
     "error"),
    ("duplicate-nested-block-id", {"2019/plans.yaml": "sections:\n  - id: a\n    sections:\n"
                                                      "      - {id: b, title: x}\n      - {id: b, title: y}\n"},
     "2019/plans.yaml:5:14", "Block id 'b' is already used at line 4, column 14", "error"),
    # -- checks beyond the schema ------------------------------------------------------
    ("unknown-goal", {"2019/goals.yaml": "goals:\n  - id: t1\n    text: x\n",
                      "2019/results.yaml": "results:\n  - goals: [t11]\n    text: y\n"},
     "2019/results.yaml:2:13", "No goal with id 't11'", "error"),
    ("duplicate-goal-id", {"2019/goals.yaml": "goals:\n  - id: t1\n    text: x\n  - id: t1\n    text: y\n"},
     "2019/goals.yaml:4:9", "used twice", "error"),
    ("total-mismatch", {"2019/partners.yaml": "figures:\n  p:\n    total: 68\n    parts: {a: 27, b: 30, c: 12}\n"},
     "2019/partners.yaml:3:12", "27 + 30 + 12 = 69", "warning"),
    ("shares-not-100", {"2019/activities.yaml": "figures:\n  org:\n    exclusive: true\n    parts: {own: 57, joint: 22}\n"},
     "2019/activities.yaml:2:3", "add up to 79, not 100", "warning"),
    ("more-responses", {"2019/monitoring.yaml": "figures:\n  s: {responded: 30, asked: 27}\n"},
     "2019/monitoring.yaml:2:6", "More responded (30) than were asked (27)", "warning"),
    ("mean-outside-scale", {"2019/monitoring.yaml": "figures:\n  s: {mean: 4.4, scale: 4}\n"},
     "2019/monitoring.yaml:2:6", "outside its scale 1–4", "warning"),
    ("date-outside-year", {"2019/year.yaml": "figures_until: 2018-08-31\n"}, "2019/year.yaml:1:16",
     "is not in 2019", "warning"),
    ("dropped-without-reason", {"2019/goals.yaml": "goals:\n  - id: t1\n    text: x\n    changes:\n      - dropped: true\n"},
     "2019/goals.yaml:5:9", "dropped without a reason", "warning"),
    ("draft-marker", {"2019/plans.yaml": "text: |\n  Hanke jatkuu. Tähän tulee loppu.\n"},
     "2019/plans.yaml:2:17", "Draft marker", "warning"),
    ("todo", {"2019/plans.yaml": "text: 'Valmis TODO'\n"}, "2019/plans.yaml:1:15", "Draft marker 'TODO'", "warning"),
    ("personal-id", {"2019/plans.yaml": "text: 'Henkilö 131052-308T osallistui.'\n"},
     "2019/plans.yaml:1:16", "personal identity code", "warning"),
    ("phone", {"2019/plans.yaml": "text: 'Soita 040 123 4567.'\n"}, "2019/plans.yaml:1:14",
     "phone number", "warning"),
    ("personal-email", {"2019/plans.yaml": "text: 'Yhteys: anna.katajala@example.fi'\n"},
     "2019/plans.yaml:1:16", "personal e-mail", "warning"),
    # Each way of writing a marker or a number that the checks' pre-filters must let through.
    ("kesken-marker", {"2019/plans.yaml": "text: 'Tulokset [ kesken ]'\n"}, "2019/plans.yaml:1:17",
     "Draft marker '[ kesken ]'", "warning"),
    ("taydenna-marker", {"2019/plans.yaml": "text: 'Osallistujia [täydennä: määrä]'\n"}, "2019/plans.yaml:1:21",
     "Draft marker", "warning"),
    ("phone-international", {"2019/plans.yaml": "text: 'Soita +358 (0)50 123 4567.'\n"}, "2019/plans.yaml:1:14",
     "phone number", "warning"),
    ("marker-in-a-later-text", {"2019/activities.yaml": "sections:\n  - title: A\n    text: Valmis.\n"
                                                        "  - title: B TBD\n    text: 'Kesken TODO'\n"},
     "2019/activities.yaml:5:19", "Draft marker 'TODO'", "warning"),
    ("luonnos-marker", {"2019/plans.yaml": "text: 'LUONNOS: suunnitelma'\n"}, "2019/plans.yaml:1:8",
     "Draft marker 'LUONNOS'", "warning"),
    ("kesken-capitals", {"2019/plans.yaml": "text: 'Tulokset KESKEN'\n"}, "2019/plans.yaml:1:17",
     "Draft marker 'KESKEN'", "warning"),
    # -- what is in the project folder but not read -------------------------------------
    ("year-folder-misnamed", {"vuosi-2019/goals.yaml": "goals: []\n"}, "vuosi-2019",
     "The folder 'vuosi-2019' is not read: a year folder is named by the year alone. Rename it to '2019'.",
     "warning"),
    ("data-folder", {"vanhat/plans.yaml": "text: x\n"}, "vanhat", "holds data files but is not read", "warning"),
    ("year-file-at-top", {"goals.yaml": "goals: []\n"}, "goals.yaml:1:1",
     "goals.yaml is not read here: a year's files go in its year folder", "warning"),
    ("phone-dashed", {"2019/plans.yaml": "text: 'Puh. 045-123-4567'\n"}, "2019/plans.yaml:1:13",
     "phone number", "warning"),
]


def make_project(root, files):
    files = {"project.yaml": PROJECT, **files}
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.mark.parametrize("name,files,where,message,severity", CASES, ids=[c[0] for c in CASES])
def test_problem_is_located_and_explained(tmp_path, name, files, where, message, severity):
    root = make_project(tmp_path / "p", files)
    problems = check_project(root)
    shown = [(p.location(root), p.message, p.severity) for p in problems]
    matching = [s for s in shown if s[0] == where and message in s[1]]
    assert matching, f"expected {where}: {message!r}; got {shown}"
    assert matching[0][2] == severity


@pytest.mark.parametrize("name,files,where,message,severity", CASES, ids=[c[0] for c in CASES])
def test_no_traceback_and_exit_codes(tmp_path, name, files, where, message, severity):
    root = make_project(tmp_path / "p", files)
    runner = CliRunner()
    validate = runner.invoke(main, ["validate", str(root)])
    assert "Traceback" not in validate.output
    assert validate.exit_code == (1 if severity == "error" else 0), validate.output
    assert where.split(":")[0] in validate.output
    build = runner.invoke(main, ["build", str(root), "--report", "valikysely-2019", "-o", str(tmp_path / "out")])
    assert "Traceback" not in build.output
    assert build.exit_code == (1 if severity == "error" else 0), build.output
    if severity == "error":
        assert not (tmp_path / "out").exists()


def test_same_ids_in_different_namespaces_are_fine(tmp_path):
    root = make_project(tmp_path / "p", {
        "2019/plans.yaml": "sections:\n  - id: a\n    sections: [{id: x, title: x}]\n"
                           "  - id: b\n    sections: [{id: x, title: y}]\n",
        "2019/activities.yaml": "sections:\n  - {id: a, title: a}\n"})
    assert check_project(root) == []


def test_literal_braces_are_written_doubled(tmp_path):
    root = make_project(tmp_path / "p", {"2019/plans.yaml": "text: 'joukko {{a, b}} ja }}{{'\n"})
    assert check_project(root) == []


def test_a_text_aliased_a_thousand_times_is_refused_quickly(tmp_path):
    """Issue 16: a 170 kB file expanding to 110 MB took 29 s and 1 GB to build."""
    text = ("Hanke edistää järjestöjen yhteistyötä. " * 3000)[:110_000]
    lines = ["sections:", "  - title: Eka", "    text: &big |", "      " + text]
    lines += [line for i in range(1000) for line in (f"  - title: Osa {i}", "    text: *big")]
    root = make_project(tmp_path / "p", {"2019/activities.yaml": "\n".join(lines) + "\n"})
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["build", str(root), "--report", "valikysely-2019", "-o", str(tmp_path / "out")])
    assert time.perf_counter() - started < 5
    assert result.exit_code == 1
    assert "2019/activities.yaml:6:11: error: The aliases in this file (such as *big here) would grow its" \
        in result.output
    assert not (tmp_path / "out").exists()


def test_a_few_aliases_are_fine(tmp_path):
    root = make_project(tmp_path / "p", {"2019/plans.yaml": "sections:\n  - title: &t Kampanja\n"
                                                            "    text: &x Sama teksti.\n  - title: *t\n    text: *x\n"})
    assert check_project(root) == []


def test_bom_and_windows_line_endings_are_accepted(tmp_path):
    root = make_project(tmp_path / "p", {"project.yaml": "\ufeff" + PROJECT.replace("\n", "\r\n")})
    assert check_project(root) == []


@pytest.mark.parametrize("command", ["validate", "build", "new-year", "diff"])
def test_missing_project_folder_is_wrong_use(tmp_path, command):
    args = {"new-year": ["2020"], "diff": ["2019", "2020"]}.get(command, [])
    result = CliRunner().invoke(main, [command, str(tmp_path / "nowhere"), *args])
    assert result.exit_code == 2
    assert f"The project folder '{tmp_path / 'nowhere'}' does not exist." in result.output


def test_unknown_report_is_wrong_use(tmp_path):
    root = make_project(tmp_path / "p", {})
    for command in ("build", "validate"):
        result = CliRunner().invoke(main, [command, str(root), "--report", "valikysely"])
        assert result.exit_code == 2, result.output
        assert "No report structure called 'valikysely'. Did you mean 'valikysely-2019'?" in result.output
        assert not (root / "build").exists()


def test_missing_file_is_one_problem(tmp_path):
    """Texts that use a file's figures, when the file is missing: one error naming the file."""
    text = "Kumppaneita {partners.count.kunnat} ja {partners.count.muut}, yhteensä {partners.count}."
    root = make_project(tmp_path / "p", {
        "2019/plans.yaml": f"text: '{text}'\n",
        "2019/results.yaml": "results:\n  - goals: []\n    text: '{partners.meetings}'\n"})
    problems = [p for p in check_project(root) if p.is_error]
    assert len(problems) == 1, problems
    assert problems[0].location(root) == "2019/plans.yaml:1:20"
    assert problems[0].message == (
        "4 references to figures of partners.yaml ({partners.count.kunnat}, {partners.count.muut}, "
        "{partners.count} and 1 more), but 2019/partners.yaml does not exist. Create "
        "2019/partners.yaml with those figures, or remove the references.")
    (root / "2019/partners.yaml").write_text("")
    problems = [p for p in check_project(root) if p.is_error]
    assert len(problems) == 1 and "but 2019/partners.yaml is empty" in problems[0].message


def test_empty_goals_file_is_one_problem(tmp_path):
    root = make_project(tmp_path / "p", {
        "2018/goals.yaml": "goals:\n  - id: vanha\n    text: x\n",
        "2019/goals.yaml": "",
        "2019/results.yaml": "results:\n" + "".join(
            f"  - goals: [t{i}, t{i + 1}]\n    text: x\n" for i in range(1, 8))})
    errors = [p for p in check_project(root) if p.is_error]
    assert [(p.location(root), p.code) for p in errors] == [("2019/goals.yaml:1:1", "empty-goals")]
    assert errors[0].message == (
        "goals.yaml is empty, but 2019/results.yaml refers to 8 goals that no goals.yaml defines "
        "(t1, t2, t3, t4 and 4 more). Write this year's goals in it, or delete it to keep following "
        "the goals of 2018.")


def test_finnish_letters_in_ids_and_references(tmp_path):
    root = make_project(tmp_path / "p", {
        "2019/goals.yaml": "goals:\n  - id: jy-viestintä\n    text: Viestintä\n",
        "2019/activities.yaml": "sections:\n  - id: yhdistysiltä\n    title: A\n    text: '{määrä} kertaa'\n"
                                "    figures:\n      määrä: 3\n",
        "2019/results.yaml": "results:\n  - goals: [jy-viestintä]\n    text: '{activities.yhdistysiltä.määrä}'\n"})
    assert check_project(root) == []


def test_did_you_mean_keeps_the_year(tmp_path):
    # {2018.activities.team_meetings} itself now resolves (the name is unique in the file);
    # a misspelt name is suggested with its year and block.
    root = make_project(tmp_path / "p", {
        "2018/activities.yaml": "sections:\n  - id: hallinnointi\n    title: A\n    figures:\n      team_meetings: 3\n",
        "2019/activities.yaml": "sections:\n  - id: hallinnointi\n    title: A\n    figures:\n      team_meetings: 4\n",
        "2019/plans.yaml": "text: 'Vuonna 2018 {2018.activities.team_meeting} kertaa'\n"})
    (problem,) = check_project(root)
    assert problem.message.endswith("Did you mean '2018.activities.hallinnointi.team_meetings'?")


def test_a_long_line_is_cut_around_the_column(tmp_path):
    text = "Alku " + "sana " * 150 + "{puuttuu} " + "loppu " * 150
    root = make_project(tmp_path / "p", {"2019/plans.yaml": f"text: '{text}'\n"})
    result = CliRunner().invoke(main, ["validate", str(root)])
    excerpt, caret = [line for line in result.output.splitlines() if line.startswith("    ")][:2]
    assert len(excerpt) <= 105 and excerpt.startswith("    …") and excerpt.endswith("…")
    assert excerpt[caret.index("^"):].startswith("{puuttuu}")


@pytest.mark.parametrize("content,message", [
    (b"not a zip", "is not a Word document (.docx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "is an old-format Word file (.doc)"),
])
def test_reference_document_that_is_not_word(tmp_path, content, message):
    root = make_project(tmp_path / "p", {})
    (tmp_path / "tyyli.docx").write_bytes(content)
    result = CliRunner().invoke(main, ["build", str(root), "--report", "valikysely-2019",
                                       "--reference-doc", str(tmp_path / "tyyli.docx")])
    assert result.exit_code == 1
    assert message in result.output and "Package not found" not in result.output
    assert not (root / "build").exists()


def test_strict_turns_warnings_into_failure(tmp_path):
    root = make_project(tmp_path / "p", {"2019/plans.yaml": "text: 'Valmis TODO'\n"})
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(root)]).exit_code == 0
    assert runner.invoke(main, ["validate", str(root), "--strict"]).exit_code == 1


def test_ordinary_prose_is_not_a_draft_marker(tmp_path):
    root = make_project(tmp_path / "p", {"2019/plans.yaml": "text: 'Työ on kesken ja jatkuu 2020.'\n"})
    assert check_project(root) == []


def test_a_value_that_fits_no_kind_of_figure_is_one_problem(tmp_path):
    root = make_project(tmp_path / "p", {"2019/partners.yaml": "figures:\n  c:\n    total: 68 kpl\n    parts: {a: 68}\n"})
    problems = [p for p in check_project(root) if p.is_error]
    assert [(p.line, p.column) for p in problems] == [(3, 12)]
    assert problems[0].message == ("Expected a whole number, a number or a mapping (key: value lines), "
                                   "found the text '68 kpl'.")


def test_what_a_project_folder_may_hold_besides_its_data(tmp_path):
    root = make_project(tmp_path / "p", {
        "README.md": "# Hanke\n", "tyyli.docx": "", "liitteet/kuva.png": "", "liitteet/2019-kuvat/a.png": "",
        ".git/config": "", ".raportti/schemas/goals.schema.json": "{}", "build/valikysely-2019.md": "",
        "templates/oma/form.yaml": "", ".github/workflows/raportti.yml": "", "2019/plans.yaml": "text: x\n"})
    assert check_project(root) == []


def test_a_year_after_the_period_is_warned_about_and_left_out_of_the_final_report(tmp_path):
    from conftest import VS
    import shutil

    root = tmp_path / "vs"
    shutil.copytree(VS, root, ignore=shutil.ignore_patterns("build"))
    (root / "2021").mkdir()
    (root / "2021" / "activities.yaml").write_text(
        "sections:\n  - id: uusi\n    title: Uusi toiminta\n    text: Vuonna 2021 järjestettiin tapahtuma.\n",
        encoding="utf-8")
    shutil.copy(root / "2020" / "goals.yaml", root / "2021" / "goals.yaml")
    (warning,) = [p for p in check_project(root) if p.code == "year-outside-period"]
    assert warning.location(root) == "2021"
    assert "the final report of the period leaves its data out" in warning.message
    result = CliRunner().invoke(main, ["build", str(root), "--report", "loppuraportti", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    # 2021 is a year the final report does not read: its warning is counted apart.
    assert "1 warning about 2021, not in this report: 'raportti validate' lists it." in result.output
    text = (tmp_path / "o" / "loppuraportti.md").read_text(encoding="utf-8")
    assert "Uusi toiminta" not in text and "Alatavoitteet 2021" not in text


# -- a generated corpus: many broken copies of both examples --------------------------------
#
# Each seed is one case of tests/brokencorpus.py. Every command must end within the time
# limit with exit 0 or 1 (never a traceback or "Internal error"), a failed build must
# leave no file, a file outside the project must never show, and fmt must keep every
# comment and all data of each file it rewrites. RAPORTTI_CORPUS=2000 runs more seeds.

CORPUS_SIZE = int(os.environ.get("RAPORTTI_CORPUS", "100"))
CASE_SECONDS = 20


@pytest.fixture
def watchdog():
    """Turn a hang into a failure (SIGALRM interrupts a blocking open or read)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(*_):
        raise TimeoutError(f"a command took more than {CASE_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(CASE_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _run(case, *args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    where = f"{case.describe()}: raportti {' '.join(map(str, args))}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{where} raised {result.exception!r}") from result.exception
    assert "Internal error" not in result.output and "Traceback" not in result.output, f"{where}\n{result.output}"
    assert result.exit_code in (0, 1), f"{where} exited {result.exit_code}\n{result.output}"
    assert SECRET not in result.output, f"{where} showed a file from outside the project"
    return result


def _regular_files(root):
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()
            and stat.S_ISREG(p.lstat().st_mode)}


def _same_data(a, b):
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_data(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_data(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def _full_line_comments(text):
    return sorted(line.strip() for line in text.splitlines() if line.strip().startswith("#"))


@pytest.mark.parametrize("seed", range(CORPUS_SIZE))
def test_generated_broken_input(seed, tmp_path, watchdog):
    case = make_case(seed)
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"text: {SECRET}\nname: {SECRET}\n", encoding="utf-8")
    root = tmp_path / "p"
    write_case(case, root, secret)

    validate = _run(case, "validate", "--format", "json", "-j", "1", root)
    report = json.loads(validate.stdout)
    assert all(problem["file"] for problem in report["problems"]), case.describe()
    assert validate.exit_code == (0 if report["valid"] else 1)

    out = tmp_path / "out"
    build = _run(case, "build", root, "-o", out)
    if validate.exit_code == 1:
        assert build.exit_code == 1, f"{case.describe()}: invalid, yet built\n{build.output}"
    if build.exit_code == 1:
        assert not out.exists(), f"{case.describe()}: a failed build wrote {list(out.iterdir())}"
    else:
        written = sorted(p.name for p in out.iterdir())
        assert [p.rsplit(".", 1)[1] for p in written] == ["docx", "md"], written
        markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
        # How Python writes a number no count can be, standing as a word (not '.inf' as text).
        assert not re.search(r"(?<![^\s(])-?(?:nan|inf)(?!\w)", markdown), \
            f"{case.describe()}: an impossible number shows"
        assert zipfile.is_zipfile(next(out.glob("*.docx")))

    # fmt of the files the case changed (the examples' own files are fmt's own tests).
    before = _regular_files(root)
    targets = [root / name for name in dict.fromkeys(case.touched)
               if (root / name).exists() or (root / name).is_symlink()]
    if targets:
        _run(case, "fmt", *targets)
    after = _regular_files(root)
    assert sorted(after) == sorted(before), f"{case.describe()}: fmt left or removed a file"
    assert secret.read_text(encoding="utf-8").count(SECRET) == 2, "fmt wrote through a link out of the project"
    for path, old in before.items():
        new = after[path]
        if new == old:
            continue
        old_text = old.decode("utf-8-sig").replace("\r\n", "\n")
        new_text = new.decode("utf-8")
        where = f"{case.describe()}: fmt of {path.relative_to(root)}"
        # Data keeps its '#'s and fmt adds none, so every comment is still there when
        # the count of '#' and the full comment lines agree.
        assert new_text.count("#") == old_text.count("#"), f"{where} lost a comment"
        assert _full_line_comments(new_text) == _full_line_comments(old_text), f"{where} lost a comment"
        assert _same_data(YAML(typ="safe").load(new_text), YAML(typ="safe").load(old_text)), f"{where} changed data"


# -- the DOCX family: hostile and damaged Word files ----------------------------------------
#
# Each file is made in the test (small on disk) by tests/brokencorpus.py. textconv, import
# and build --reference-doc must each refuse it with a plain error naming the file and what
# is wrong, within DOCX_SECONDS; the files that would take the machine down if read without
# limits are read in a process of their own whose peak memory must stay under DOCX_MB.
# textconv exits 0 with a one-line note, because git stops the whole diff when it fails.

DOCX_CASES = docx_cases()
DOCX_SECONDS = 10
DOCX_MB = 500


def _run_docx_in_child(path, project, out):
    """run_docx_commands in a child process: its results and its peak memory in MB."""
    import resource
    import subprocess
    import sys

    def cap_memory():  # a regression fails the test instead of taking the machine down
        resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))

    log = out.parent / f"{out.name}.json"
    with log.open("w") as handle:
        child = subprocess.Popen([sys.executable, str(Path(__file__).with_name("brokencorpus.py")),
                                  str(path), str(project), str(out)], stdout=handle,
                                 stderr=subprocess.STDOUT, preexec_fn=cap_memory)
        deadline = time.monotonic() + 3 * DOCX_SECONDS + 30
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                raise AssertionError(f"reading {path.name} did not end in {deadline} s")
            time.sleep(0.05)
    child.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8")
    assert child.returncode == 0, text
    return json.loads(text), usage.ru_maxrss / 1024


@pytest.mark.parametrize("name", list(DOCX_CASES))
def test_hostile_docx_is_a_plain_error_quickly_and_in_little_memory(tmp_path, name):
    make, phrase = DOCX_CASES[name]
    path = tmp_path / "tyyli.docx"
    path.write_bytes(make())
    assert path.stat().st_size < 2 * 1024 * 1024, "the hostile file is small on disk"
    project = make_project(tmp_path / "p", {})
    out = tmp_path / "out"
    if name in DOCX_HEAVY:
        results, megabytes = _run_docx_in_child(path, project, out)
        assert megabytes < DOCX_MB, f"{name}: {megabytes:.0f} MB"
    else:
        results = run_docx_commands(str(path), str(project), str(out))
    for result in results:
        where = f"{name}: raportti {result['command']}"
        output = result["output"]
        assert result["exception"] is None, f"{where} raised {result['exception']}"
        assert "Internal error" not in output and "Traceback" not in output, f"{where}\n{output}"
        assert result["seconds"] < DOCX_SECONDS, f"{where} took {result['seconds']:.1f} s"
        expected = phrase if isinstance(phrase, str) else phrase.get(result["command"])
        if expected is None:  # a file this command reads without harm: any plain outcome
            assert result["exit"] in (0, 1), f"{where}\n{output}"
            continue
        assert expected in output, f"{where}\n{output}"
        if result["command"] == "textconv":
            assert result["exit"] == 0 and output.count("\n") == 1, f"{where}\n{output}"
            assert output.startswith("[raportti textconv: cannot show this file's text:"), output
        else:
            assert result["exit"] in (1, 2) and output.startswith("Error: "), f"{where}\n{output}"
            assert "tyyli.docx" in output, f"{where} does not name the file\n{output}"
    if isinstance(phrase, str):
        assert not (out / "build").exists() and not (out / "import").exists()


def test_the_hostile_docx_cases_are_made_from_a_readable_document(tmp_path):
    """The family's base document reads with all three commands: a case fails for its harm."""
    from brokencorpus import _base_members, _zip

    path = tmp_path / "tyyli.docx"
    path.write_bytes(_zip(_base_members()))
    textconv, _, build = run_docx_commands(str(path), str(make_project(tmp_path / "p", {})), str(tmp_path / "out"))
    assert textconv["exit"] == 0 and textconv["output"] == "# Otsikko\nTeksti.\n1. yksi\n2. kaksi\n"
    assert build["exit"] == 0, build["output"]
