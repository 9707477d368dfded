"""``raportti fmt``: canonical YAML that keeps every key, value and comment."""

from __future__ import annotations

import shutil
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import PP, VS, minimal_project
from raportti.cli.app import main
from raportti.project.layout import format_text, project_files
from raportti.schema.models.files import ActivitiesFile, GoalsFile, PartnersFile


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def comment_lines(text: str) -> Counter:
    """Full-line comments and end-of-line comments, as a reader sees them."""
    found: Counter = Counter()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            found[stripped] += 1
        elif " #" in line:
            found[line.split(" #", 1)[1].strip()] += 1
    return found


def copy_example(example: Path, tmp_path: Path) -> Path:
    target = tmp_path / example.name
    shutil.copytree(example, target, ignore=shutil.ignore_patterns("build"))
    return target


def snapshot(root: Path) -> dict[Path, str]:
    return {p.relative_to(root): p.read_text(encoding="utf-8") for p in project_files(root)}


# -- the examples ---------------------------------------------------------------------------


@pytest.mark.parametrize("example", [PP, VS], ids=["pohjois-pohjanmaa", "varsinais-suomi"])
def test_examples_are_kept_formatted(example):
    result = run("fmt", "--check", example)
    assert result.exit_code == 0, result.output
    assert "are formatted" in result.output


@pytest.mark.parametrize("example", [PP, VS], ids=["pohjois-pohjanmaa", "varsinais-suomi"])
def test_fmt_on_an_example_copy_is_idempotent_and_loses_nothing(example, tmp_path):
    root = copy_example(example, tmp_path)
    before = snapshot(root)
    first = run("fmt", root)
    assert first.exit_code == 0, first.output
    after = snapshot(root)
    for name, text in before.items():
        assert YAML(typ="safe").load(after[name]) == YAML(typ="safe").load(text), name
        assert comment_lines(after[name]) == comment_lines(text), name
        assert after[name].split("\n", 1)[0] == text.split("\n", 1)[0], "the schema line stays first"
    second = run("fmt", root)
    assert second.exit_code == 0
    assert "0 files formatted" in second.output
    assert snapshot(root) == after
    assert run("fmt", "--check", root).exit_code == 0


def test_formatted_data_builds_the_same_documents(pp_build, tmp_path):
    from raportti.build import build

    root = copy_example(PP, tmp_path)
    for path in project_files(root):  # a layout far from canonical: keys reversed, indent 4
        yaml = YAML(typ="rt")
        yaml.indent(mapping=4, sequence=6, offset=4)
        yaml.width = 4096
        yaml.preserve_quotes = True
        data = yaml.load(path.read_text(encoding="utf-8"))
        for key in list(data)[::-1]:
            data.move_to_end(key)
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    assert run("fmt", "--check", root).exit_code == 1
    assert run("fmt", root).exit_code == 0
    out = tmp_path / "out"
    build(root, out_dir=out)
    for name in ("valikysely-2019.md", "valikysely-2019.docx"):
        assert (out / name).read_bytes() == (pp_build / name).read_bytes(), name


# -- what it does -----------------------------------------------------------------------------


def test_keys_follow_the_schema_and_take_their_comments_along():
    # ruamel.yaml keeps an end-of-line comment at its column, so it moves right when
    # the indentation shrinks.
    text = dedent("""
        # yaml-language-server: $schema=../../../schemas/goals.schema.json
        # A file comment stays at the top.
        dropped:
          - id: t8
        # About the goals.
        goals:
            - text: "Tavoite"   # the wording
              # The id comes first.
              id: t1
              changes:
                  - reason: syy
                    text: Uusi
        intro: |
          Johdanto.
          # Markdown, not a comment
        """)
    assert format_text(text, GoalsFile) == dedent("""
        # yaml-language-server: $schema=../../../schemas/goals.schema.json
        # A file comment stays at the top.
        intro: |
          Johdanto.
          # Markdown, not a comment
        # About the goals.
        goals:
            # The id comes first.
          - id: t1
            text: "Tavoite"     # the wording
            changes:
              - text: Uusi
                reason: syy
        dropped:
          - id: t8
        """)


def test_flow_mappings_block_scalars_quotes_and_long_lines_stay_as_written():
    long_line = "Pitkä rivi " * 60
    text = dedent(f"""
        sections:
          - title: 'Otsikko'
            id: a
            text: |
              {long_line}
            figures:
              team_meetings: {{value: 76, label: "Tiimin kokoontumiset"}}
              partner_count: {{label: Kumppanit, total: 96, parts: {{a: 1, b: 95}}}}
        """)
    out = format_text(text, ActivitiesFile)
    assert "  - id: a\n    title: 'Otsikko'\n" in out
    assert f"      {long_line}\n" in out
    assert 'team_meetings: {value: 76, label: "Tiimin kokoontumiset"}' in out
    assert "partner_count: {label: Kumppanit, total: 96, parts: {a: 1, b: 95}}" in out
    assert format_text(out, ActivitiesFile) == out


def test_indentation_is_normalised():
    text = "named:\n- name: Kaupunki\n  kind: kunta\nfigures:\n    partner_count: 3\n"
    assert format_text(text, PartnersFile) == (
        "named:\n  - name: Kaupunki\n    kind: kunta\nfigures:\n  partner_count: 3\n")


def test_unknown_keys_are_kept_after_the_known_ones():
    text = "figures: {a: 1}\nmystery: 2   # kept\nsections: []\n"
    assert format_text(text, ActivitiesFile) == "sections: []\nfigures: {a: 1}\nmystery: 2   # kept\n"


def test_check_lists_the_files_that_would_change_and_exits_1(tmp_path):
    root = minimal_project(tmp_path / "p")
    year = root / "2020"
    year.mkdir()
    (year / "partners.yaml").write_text("figures:\n    a: 1\nnamed: []\n", encoding="utf-8")
    result = run("fmt", "--check", root)
    assert result.exit_code == 1
    assert "Would reformat" in result.output and "partners.yaml" in result.output
    assert (year / "partners.yaml").read_text(encoding="utf-8") == "figures:\n    a: 1\nnamed: []\n"
    assert run("fmt", root).exit_code == 0
    assert (year / "partners.yaml").read_text(encoding="utf-8") == "named: []\nfigures:\n  a: 1\n"
    assert run("fmt", "--check", root).exit_code == 0


def test_a_yaml_error_is_located_and_nothing_is_written(tmp_path):
    root = minimal_project(tmp_path / "p")
    (root / "2020").mkdir()
    broken = "sections:\n  - title: a\n   text: b\n"
    (root / "2020" / "activities.yaml").write_text(broken, encoding="utf-8")
    result = run("fmt", root)
    assert result.exit_code == 1
    assert "activities.yaml:3:" in result.output
    assert "Traceback" not in result.output
    assert (root / "2020" / "activities.yaml").read_text(encoding="utf-8") == broken


def test_a_single_file_can_be_formatted(tmp_path):
    root = minimal_project(tmp_path / "p")
    (root / "2020").mkdir()
    path = root / "2020" / "partners.yaml"
    path.write_text("figures: {}\nnamed: []\n", encoding="utf-8")
    assert run("fmt", path).exit_code == 0
    assert path.read_text(encoding="utf-8") == "named: []\nfigures: {}\n"
    other = tmp_path / "notes.yaml"
    other.write_text("a: 1\n", encoding="utf-8")
    result = run("fmt", other)
    assert result.exit_code == 1 and "is not a data file raportti knows" in result.output


def test_a_key_moved_up_stays_in_its_group_not_against_the_next_comment():
    from raportti.schema.models import Project

    text = ("schema_version: 1\nname: T\norganisation: O\n\n# Rahoittaja\nfunder: STEA\nprogramme:\n"
            "funding_note:\n\n# Hankkeen kesto\nperiod:\n")
    assert format_text(text, Project) == (
        "schema_version: 1\nname: T\norganisation: O\n\n# Rahoittaja\nfunder: STEA\nfunding_note:\n"
        "programme:\n\n# Hankkeen kesto\nperiod:\n")
