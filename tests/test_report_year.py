"""The year a report is about: a project without year folders, an empty year folder, a
form made for another year than the project's data. build and validate say so plainly."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from raportti.cli.app import main
from raportti.report.forms import available_forms

KE = EXAMPLES / "keksitty-esimerkki"
MINIMAL = "schema_version: 1\nname: Testi\norganisation: Järjestö ry\nperiod: {start: 2024, end: 2026}\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def minimal(tmp_path):
    root = tmp_path / "minimal"
    root.mkdir()
    (root / "project.yaml").write_text(MINIMAL, encoding="utf-8")
    return root


def no_python_error(output):
    assert "TypeError" not in output and "AttributeError" not in output and "Traceback" not in output, output


@pytest.mark.parametrize("form", ["tuloksellisuusraportti", "toimintakertomus"])
def test_a_yearly_form_without_year_folders_says_there_is_no_year(tmp_path, form):
    root = minimal(tmp_path)
    assert run("validate", root).exit_code == 0
    result = run("build", root, "-r", form, "-o", tmp_path / "out")
    assert result.exit_code == 1
    no_python_error(result.output)
    assert "minimal/project.yaml:1:1: error: There is no year to report on: the project has no year " \
           "folder yet." in result.output
    assert not (tmp_path / "out").exists()
    # validate --report says the same, before a build is tried.
    checked = run("validate", root, "-r", form)
    assert checked.exit_code == 1 and "There is no year to report on" in checked.output


@pytest.mark.parametrize("form", available_forms())
@pytest.mark.parametrize("files", [None, [], ["activities.yaml"], ["partners.yaml"], ["monitoring.yaml", "results.yaml"], ["goals.yaml"]])
def test_every_form_builds_or_says_why_on_sparse_data(tmp_path, form, files):
    """No year folder, an empty one, a year with only some files: never a Python error."""
    root = minimal(tmp_path)
    if files is not None:
        (root / "2025").mkdir()
        for name in files:
            shutil.copy(KE / ("2024" if name == "goals.yaml" else "2025") / name, root / "2025" / name)
    if run("validate", root).exit_code != 0:  # a file referring to another one that is not there
        return
    result = run("build", root, "-r", form, "-o", tmp_path / "out")
    no_python_error(result.output)
    assert "The template failed" not in result.output
    assert result.exit_code in (0, 1)


def test_an_empty_year_folder_is_reported_and_not_the_report_year(tmp_path):
    root = tmp_path / "ke"
    shutil.copytree(KE, root)
    (root / "2026").mkdir()
    checked = run("validate", root)
    assert checked.exit_code == 0
    assert "ke/2026: warning: The year folder '2026' is empty: it has no data files yet. A report is " \
           "about the latest year with data (2025)" in checked.output
    result = run("build", root, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Report year 2025:" in result.output
    assert "All 15 questions answered." in result.output
    # The warning is about 2026, which the 2025 report does not read: counted apart.
    assert "1 warning about 2026, not in this report: 'raportti validate' lists it." in result.output


def test_a_fixed_year_form_warns_when_the_project_has_other_years(tmp_path):
    root = tmp_path / "ke"
    shutil.copytree(KE, root)
    result = run("build", root, "-r", "loppuraportti", "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert "ke/project.yaml:19:1: warning: The form 'loppuraportti' reports on the year 2020 (its form.yaml " \
           "says so), but this project has data only for 2024, 2025" in result.output
    assert "        loppuraportti:\n          year: 2025" in result.output
    assert "Report year 2020:" in result.output
    assert "reports on the year 2020" in run("validate", root, "-r", "loppuraportti").output

    # Following the advice: the warning goes and the report finds the data.
    text = (root / "project.yaml").read_text(encoding="utf-8")
    assert "\nreports:\n" in text
    (root / "project.yaml").write_text(
        text.replace("\nreports:\n", "\nreports:\n  loppuraportti:\n    year: 2025\n"), encoding="utf-8")
    again = run("build", root, "-r", "loppuraportti", "-o", tmp_path / "out")
    assert again.exit_code == 0, again.output
    assert "reports on the year" not in again.output and "Report year 2025:" in again.output
    # A year set by hand that has no data is pointed at where it is set.
    (root / "project.yaml").write_text(
        text.replace("\nreports:\n", "\nreports:\n  loppuraportti:\n    year: 2019\n"), encoding="utf-8")
    wrong = run("validate", root, "-r", "loppuraportti")
    assert "reports.loppuraportti.year: The report 'loppuraportti' is set to year 2019, but there is " \
           "no data for 2019" in wrong.output


def test_validate_and_build_count_the_same_warnings(tmp_path):
    root = tmp_path / "ke"
    shutil.copytree(KE, root)
    path = root / "2025" / "partners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nbasis: collected\n", "\n"), encoding="utf-8")
    checked = run("validate", root)
    built = run("build", root, "-o", tmp_path / "out")
    assert checked.exit_code == 0 and built.exit_code == 0
    warnings = checked.output.count(": warning: ")
    assert warnings > 0
    assert f"valid ({warnings} warnings)" in checked.output
    assert f"{warnings} warnings above; the documents were written." in built.output


def test_the_year_messages_in_finnish(tmp_path):
    root = minimal(tmp_path)
    result = CliRunner().invoke(main, ["build", str(root), "-r", "toimintakertomus", "-o", str(tmp_path / "o")],
                                env={"RAPORTTI_LANG": "fi"})
    assert "Raportoitavaa vuotta ei ole: hankkeella ei ole vielä vuoden kansiota." in result.output
    (root / "2026").mkdir()
    checked = CliRunner().invoke(main, ["validate", str(root)], env={"RAPORTTI_LANG": "fi"})
    assert "Vuoden kansio '2026' on tyhjä" in checked.output
