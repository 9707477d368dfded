"""Form rules: a report structure's demands on answers, checked by validate --report."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import FIXTURES, minimal_project
from raportti.checks.running import check_project
from raportti.cli.app import main

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


def test_a_too_long_answer_is_blamed_on_the_text_to_shorten(tmp_path):
    root = project(tmp_path, "Tämä vastaus on selvästi liian pitkä.", "Ei linkkiä.")
    (problem,) = [p for p in check_project(root, report=str(FORM)) if p.code == "too-long"]
    assert problem.location(root) == "2019/plans.yaml:1:7"
    assert problem.message.endswith("the form allows 20. This text is 37 of them: shorten it by at "
                                    "least 17 characters (or another text of that answer).")


def test_build_stops_on_a_rule_the_answer_breaks(tmp_path):
    """An answer too long for the form stops build as it fails validate --report; a
    missing required answer only warns (a draft is still worth reading)."""
    root = project(tmp_path, "Tämä vastaus on selvästi liian pitkä.", "Ei linkkiä.")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(root), "--report", str(FORM), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "2019/plans.yaml:1:7: error: text: The answer to question" in result.output
    assert not out.exists()
    (root / "2019" / "plans.yaml").write_text("text: 'Lyhyt.'\noutro: 'Ei linkkiä.'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root), "--report", str(FORM), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "requires an answer" in result.output and out.exists()
