"""A project's own report structure: found first, and its mistakes located."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from conftest import PP
from raportti.cli.app import main

FORM = """\
name: oma
title: Oma raportti
sections:
  - heading: OSA
    questions:
      - number: 1
        text: Nimi
        template: q1.md.j2
      - number: 2
        text: Järjestö
        answer: "{{ project.organisaton }}"
"""


def project_with_form(tmp_path, q1: str):
    root = tmp_path / "p"
    shutil.copytree(PP, root, ignore=shutil.ignore_patterns("build"))
    folder = root / "templates" / "oma"
    folder.mkdir(parents=True)
    (folder / "form.yaml").write_text(FORM, encoding="utf-8")
    (folder / "q1.md.j2").write_text(q1, encoding="utf-8")
    return root


def build(root, tmp_path):
    return CliRunner().invoke(main, ["build", str(root), "--report", "oma", "-o", str(tmp_path / "out")])


def test_template_syntax_error_is_located(tmp_path):
    root = project_with_form(tmp_path, "{% if project.name %}\n{{ project.name }\n{% endif %}\n")
    result = build(root, tmp_path)
    assert result.exit_code == 1
    assert "templates/oma/q1.md.j2:2:1: error: Template syntax error" in result.output
    assert not (tmp_path / "out").exists()


def test_misspelt_field_in_inline_answer_is_located_with_suggestion(tmp_path):
    root = project_with_form(tmp_path, "{{ project.name }}\n")
    result = build(root, tmp_path)
    assert result.exit_code == 1
    assert "templates/oma/form.yaml:11:17:" in result.output
    assert "Did you mean 'organisation'?" in result.output


def test_projects_own_form_is_listed_and_builds(tmp_path):
    root = project_with_form(tmp_path, "{{ project.name }}\n")
    (root / "templates" / "oma" / "form.yaml").write_text(
        FORM.replace("project.organisaton", "project.organisation"), encoding="utf-8")
    assert "oma: Oma raportti" in CliRunner().invoke(main, ["reports", str(root)]).output
    result = build(root, tmp_path)
    assert result.exit_code == 0, result.output
    # A form without a year of its own is yearly: its file carries the year it is about,
    # 2019, the example's latest year with activity (2020 holds only plans).
    text = (tmp_path / "out" / "oma-2019.md").read_text(encoding="utf-8")
    assert "POHJOIS-POHJANMAAN SOSIAALITURVAYHDISTYS RY" in text
