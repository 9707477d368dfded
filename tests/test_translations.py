"""validate's messages in Finnish: from the problem's code and values, never its English text."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from raportti.checks.running import check_project
from raportti.cli.app import main
from raportti.i18n.catalogue import FINNISH, YAML_CAUSES, language_from_environment, message
from test_broken_inputs import CASES, PROJECT, make_project


def test_language_from_the_environment():
    assert language_from_environment({"LANG": "fi_FI.UTF-8"}) == "fi"
    assert language_from_environment({"LANG": "en_GB.UTF-8"}) == "en"
    assert language_from_environment({"LC_ALL": "C.UTF-8", "LANG": "fi_FI.UTF-8"}) == "en"
    assert language_from_environment({"RAPORTTI_LANG": "fi", "LANG": "C"}) == "fi"
    assert language_from_environment({}) == "en"


def test_validate_in_finnish(tmp_path):
    root = make_project(tmp_path / "p", {
        "project.yaml": PROJECT + "organization: x\n",
        "2019/goals.yaml": "goals:\n  - id: t1\n    text: Päätavoite: parempi arki\n",
        "2019/plans.yaml": "figures:\n  months: 9\ntext: |\n  Avustus {month} kuukaudelle.\n"})
    result = CliRunner().invoke(main, ["validate", str(root), "--lang", "fi"])
    out = result.output
    assert result.exit_code == 1
    assert ("project.yaml:4:1: virhe: organization: Tuntematon kenttä 'organization'. "
            "Tarkoititko 'organisation'?") in out
    assert ("2019/goals.yaml:3:21: virhe: Tiedosto ei ole kelvollista YAMLia: kohdan 'text:' tekstissä on ': '"
            in out)
    assert "virhe: text: Tuntematon luku 'month' viittauksessa {month}. Tarkoititko 'months'?" in out
    assert out.rstrip().endswith("ei kunnossa (3 virhettä, 0 varoitusta).")
    empty = make_project(tmp_path / "tyhja", {"project.yaml": ""})
    result = CliRunner().invoke(main, ["validate", str(empty), "--lang", "fi"])
    assert "virhe: project.yaml on tyhjä. Siinä pitää olla vähintään nämä rivit:" in result.output
    assert result.output.rstrip().endswith("ei kunnossa (1 virhe, 0 varoitusta).")
    english = CliRunner().invoke(main, ["validate", str(root)], env={"RAPORTTI_LANG": "en"}).output
    assert "Unknown field 'organization'" in english and "Tuntematon" not in english
    assert "Tuntematon kenttä" in CliRunner().invoke(main, ["validate", str(root)], env={"RAPORTTI_LANG": "",
                                                      "LC_ALL": "", "LC_MESSAGES": "", "LANG": "fi_FI.UTF-8"}).output


def test_warnings_in_finnish(tmp_path):
    root = make_project(tmp_path / "p", {
        "2019/plans.yaml": "text: 'Suunnitelma LUONNOS'\n",
        "2019/partners.yaml": "figures:\n  p:\n    total: 68\n    parts: {a: 27, b: 30, c: 12}\n"})
    result = CliRunner().invoke(main, ["validate", str(root), "--lang", "fi"])
    assert result.exit_code == 0
    assert "varoitus: text: Keskeneräisyyden merkki 'LUONNOS': teksti on kesken." in result.output
    assert ("varoitus: figures.p.total: Ilmoitettu yhteensä-luku 68 ei ole osiensa summa: 27 + 30 + 12 = 69 "
            "(ero -1).") in result.output
    assert result.output.rstrip().endswith(": kunnossa (2 varoitusta).")


@pytest.mark.parametrize("name,files,where,english,severity", CASES, ids=[c[0] for c in CASES])
def test_every_translated_problem_of_the_corpus_reads_in_finnish(tmp_path, name, files, where, english, severity):
    """Each problem with a Finnish entry gets a Finnish message made from its values."""
    root = make_project(tmp_path / "p", files)
    for problem in check_project(root):
        finnish = message(problem, "fi")
        if problem.code in FINNISH and problem.args and (problem.code != "yaml-syntax"
                                                         or problem.args.get("cause") in YAML_CAUSES):
            assert finnish != problem.message, problem
            assert "{" not in finnish.replace("{" + problem.args.get("name", "") + "}", "") or "{" in problem.message
        else:
            assert finnish == problem.message
