"""Form rules: a report structure's demands on answers, checked by validate --report."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import FIXTURES, minimal_project
from raportti.checking import check_project
from raportti.cli import main

FORM = FIXTURES / "forms" / "saannot"


def project(tmp_path, text, outro):
    root = minimal_project(tmp_path / "p")
    (root / "2019").mkdir()
    (root / "2019" / "plans.yaml").write_text(f"text: '{text}'\noutro: '{outro}'\n", encoding="utf-8")
    return root


def test_rules_are_checked(tmp_path):
    root = project(tmp_path, "Tämä vastaus on selvästi liian pitkä.", "Katso <https://example.fi>.")
    codes = {p.code: p.message for p in check_project(root, report=str(FORM))}
    assert "the form allows 20" in codes["too-long"]
    assert "contains a link" in codes["link-not-allowed"]
    assert "requires an answer" in codes["answer-required"]
    result = CliRunner().invoke(main, ["validate", str(root), "--report", str(FORM)])
    assert result.exit_code == 1


def test_rules_pass_when_answers_fit(tmp_path):
    root = project(tmp_path, "Lyhyt.", "Ei linkkiä.")
    codes = {p.code for p in check_project(root, report=str(FORM))}
    assert codes == {"answer-required"}
