"""One report's date and names (project.yaml ``reports:``), falling back to the project's."""

from __future__ import annotations

import datetime

import docx
from click.testing import CliRunner

from raportti.cli.app import main


def _add_reports(root, text: str) -> None:
    """Replace the example's own ``reports:`` entries with ``text``."""
    path = root / "project.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("reports:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    path.write_text("".join(lines[:start] + lines[end:]) + text, encoding="utf-8")


def test_report_entry_sets_date_name_and_author(project_copy, tmp_path):
    _add_reports(project_copy, (
        "reports:\n"
        "  valikysely-2019:\n"
        "    date: 2019-10-15\n"
        "    project_name: Pohjois-Pohjanmaan järjestörakenne\n"
        "    author: Hankkeen projektipäällikkö\n"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(project_copy), "-o", str(out)])
    assert result.exit_code == 0, result.output
    md = (out / "valikysely-2019.md").read_text(encoding="utf-8")
    assert "Pohjois-Pohjanmaan järjestörakenne -hankkeen vastaukset" in md
    props = docx.Document(str(out / "valikysely-2019.docx")).core_properties
    assert props.created.date() == datetime.date(2019, 10, 15)
    assert props.author == "Hankkeen projektipäällikkö"
    assert props.subject.startswith("Pohjois-Pohjanmaan järjestörakenne:")


def test_without_an_entry_the_projects_own_values_are_used(project_copy, tmp_path):
    _add_reports(project_copy, "reports:\n  loppuraportti: {date: 2020-12-31}\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(project_copy), "-o", str(out)])
    assert result.exit_code == 0, result.output
    md = (out / "valikysely-2019.md").read_text(encoding="utf-8")
    assert "Pohjois-Pohjanmaan järjestö rakenne -hankkeen vastaukset" in md
    props = docx.Document(str(out / "valikysely-2019.docx")).core_properties
    assert props.created.date() == datetime.date(2019, 9, 30)  # report_date
    assert props.author == "POHJOIS-POHJANMAAN SOSIAALITURVAYHDISTYS RY"


def test_misspelt_report_field_in_a_template_suggests_the_right_one(project_copy, tmp_path):
    folder = project_copy / "templates" / "oma"
    folder.mkdir(parents=True)
    (folder / "form.yaml").write_text(
        "name: oma\ntitle: Oma\nsections:\n  - heading: A\n    questions:\n"
        "      - number: 1\n        text: Päiväys\n        answer: \"{{ report.dat }}\"\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(project_copy), "--report", "oma", "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "Did you mean 'date'?" in result.output


def test_unknown_key_in_a_report_entry_is_located(project_copy, tmp_path):
    _add_reports(project_copy, "reports:\n  valikysely-2019:\n    dat: 2019-10-15\n")
    result = CliRunner().invoke(main, ["validate", str(project_copy)])
    assert result.exit_code == 1
    assert "project.yaml:" in result.output and "Did you mean 'date'?" in result.output
