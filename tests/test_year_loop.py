"""The turn of the year as a coordinator lives it: 2025 done, 'new-year 2026' in January,
the 2025 report built in February, then 2026 filled in. The report year is the latest
year with activity of its own; files carry their year; validate --report judges only
what that report reads."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, PP
from raportti.cli.app import main

KE = EXAMPLES / "keksitty-esimerkki"


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env or {})


def without_report_years(root):
    """project.yaml without the 'year:' of its reports: entries (the trap of the issue)."""
    path = root / "project.yaml"
    text = path.read_text(encoding="utf-8")
    cut = re.sub(r"(?m)^( {4}year: \d{4}\n|  (toimintakertomus|tuloksellisuusraportti): \{year: \d{4}\}\n)", "", text)
    cut = re.sub(r"(?m)^reports:\n(?! )", "", cut)  # an entry left empty goes too
    assert cut != text
    path.write_text(cut, encoding="utf-8")


@pytest.fixture
def january(tmp_path):
    """The invented example with 2025 done and 2026 just started by new-year."""
    root = tmp_path / "nuoret"
    shutil.copytree(KE, root, ignore=shutil.ignore_patterns("build"))
    without_report_years(root)
    started = run("new-year", root, 2026)
    assert started.exit_code == 0, started.output
    return root


def test_in_february_the_report_is_about_the_year_that_ended(january, tmp_path):
    out = tmp_path / "out"
    result = run("build", january, "--report", "tuloksellisuusraportti", "-o", out)
    assert result.exit_code == 0, result.output
    assert ("Report year 2025: the latest year with activity of its own (2026: only plans, or started by "
            "new-year and not filled in yet). Another year: --year YYYY.") in result.output
    assert "All 15 questions answered." in result.output
    markdown = (out / "tuloksellisuusraportti-2025.md").read_text(encoding="utf-8")
    assert "Kylätuvat yhdessä (avustuskohde 1234), vuosi 2025" in markdown
    documents = lambda: sorted(p.name for p in out.iterdir() if p.suffix in (".md", ".docx"))  # noqa: E731
    assert documents() == ["tuloksellisuusraportti-2025.docx", "tuloksellisuusraportti-2025.md"]

    # --year 2026 makes the (still empty) 2026 report beside it, never over it.
    later = run("build", january, "--report", "tuloksellisuusraportti", "--year", 2026, "-o", out)
    assert later.exit_code == 0, later.output
    assert "Report year 2026: chosen with --year." in later.output
    assert "questions had no data" in later.output
    assert documents() == [
        "tuloksellisuusraportti-2025.docx", "tuloksellisuusraportti-2025.md",
        "tuloksellisuusraportti-2026.docx", "tuloksellisuusraportti-2026.md"]
    assert (out / "tuloksellisuusraportti-2025.md").read_text(encoding="utf-8") == markdown
    assert "vuosi 2026" in (out / "tuloksellisuusraportti-2026.md").read_text(encoding="utf-8")


def test_the_year_line_in_finnish(january, tmp_path):
    result = run("build", january, "-r", "toimintakertomus", "-o", tmp_path / "o", env={"RAPORTTI_LANG": "fi"})
    assert result.exit_code == 0, result.output
    assert ("Raporttivuosi 2025: uusin vuosi, jolla on omaa toimintaa (2026: vain suunnitelmia, tai "
            "komennon new-year aloittama eikä vielä täytetty). Toinen vuosi: --year VVVV.") in result.output
    assert (tmp_path / "o" / "toimintakertomus-2025.docx").is_file()


def test_once_2026_is_filled_in_it_is_the_report_year(january, tmp_path):
    path = january / "2026" / "activities.yaml"
    text = path.read_text(encoding="utf-8")
    filled, n = re.subn(r"(?m)^(\s+text:)\s+# Täydennä.*$", r"\1 Tammikuussa tuvat aloittivat taas.", text, count=1)
    assert n == 1
    path.write_text(filled, encoding="utf-8")
    result = run("build", january, "-r", "tuloksellisuusraportti", "-o", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert "Report year 2026: the latest year with data. Another year: --year YYYY." in result.output
    assert (tmp_path / "o" / "tuloksellisuusraportti-2026.md").is_file()


def test_a_year_that_is_not_there_is_a_wrong_use(january, tmp_path):
    for command in (["build", january, "-o", tmp_path / "o"], ["validate", january, "-r", "toimintakertomus"]):
        result = run(*command, "--year", 2031)
        assert result.exit_code == 2, result.output
        assert "There is no year folder 2031 in this project (year folders: 2024, 2025, 2026)" in result.output
    assert not (tmp_path / "o").exists()


def test_validate_judges_what_the_report_reads(january):
    # The whole project: 2026's empty figures are warnings of their own.
    whole = run("validate", january, "--strict")
    assert whole.exit_code == 1
    # The 2025 report: those warnings are counted apart and --strict passes.
    report = run("validate", january, "--report", "tuloksellisuusraportti", "--strict")
    assert report.exit_code == 0, report.output
    found = re.search(r"valid; and (\d+) warnings about 2026, not in this report \(--strict does not fail on "
                      r"them\)\.", report.output)
    assert found, report.output
    assert int(found.group(1)) == whole.output.count("/2026/")
    assert "/2026/" not in report.output.replace("about 2026", "")
    # The same warnings are the report's own when it is about 2026.
    own = run("validate", january, "--report", "tuloksellisuusraportti", "--year", 2026, "--strict")
    assert own.exit_code == 1 and "not in this report" not in own.output
    data = json.loads(run("validate", january, "-r", "tuloksellisuusraportti", "--format", "json").output)
    assert data["valid"] and data["warnings"] == 0
    assert {p["year"] for p in data["other_years"]} == {2026}


def test_a_warning_of_the_report_year_still_fails_strict(january):
    path = january / "2025" / "partners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nbasis: collected\n", "\n"), encoding="utf-8")
    report = run("validate", january, "--report", "tuloksellisuusraportti", "--strict")
    assert report.exit_code == 1
    assert "2025/partners.yaml" in report.output and "not in this report" in report.output


def test_pohjois_pohjanmaa_without_its_reports_entry_reports_2019(tmp_path):
    root = tmp_path / "pp"
    shutil.copytree(PP, root, ignore=shutil.ignore_patterns("build"))
    without_report_years(root)
    for form in ("toimintakertomus", "tuloksellisuusraportti"):
        result = run("build", root, "-r", form, "-o", tmp_path / "o")
        assert result.exit_code == 0, result.output
        # 2020 holds only the plans for 2020: not a year with activity of its own.
        assert "Report year 2019: the latest year with activity of its own (2020: only plans" in result.output
        assert (tmp_path / "o" / f"{form}-2019.docx").is_file()
    # The fixed form keeps its name.
    fixed = run("build", root, "-r", "valikysely-2019", "-o", tmp_path / "o")
    assert "Report year 2019: the form valikysely-2019 is about that year." in fixed.output
    assert (tmp_path / "o" / "valikysely-2019.docx").is_file()


def test_reports_with_a_year_names_that_years_files():
    result = run("reports", "tuloksellisuusraportti", "--year", 2025)
    assert result.exit_code == 0, result.output
    assert "Report year 2025 (--year)" in result.output
    assert "2025/partners.yaml: target_group" in result.output


def test_the_preview_says_which_year_and_takes_year(january):
    from raportti.preview.session import Session
    from raportti.project.reportyear import year_said

    session = Session(root=january, report="tuloksellisuusraportti")
    session.rebuild()
    assert session.choice.year == 2025 and session.choice.passed == (2026,)
    assert year_said(session.choice, session.form).startswith("Report year 2025: the latest year with activity")
    later = Session(root=january, report="tuloksellisuusraportti", year=2026)
    page = later.rebuild()
    assert later.choice.year == 2026 and "vuosi 2026" in page


def test_a_year_outside_the_period_is_not_the_reports_concern(january):
    """Goals kept in a 2023 folder before the project's period: its folder warning is
    about 2023, counted apart from the 2025 report's own."""
    (january / "2023").mkdir()
    (january / "2023" / "plans.yaml").write_text("intro: Suunnitelma ennen hanketta.\n", encoding="utf-8")
    report = run("validate", january, "--report", "tuloksellisuusraportti", "--strict")
    assert report.exit_code == 0, report.output
    assert "about 2023, 2026, not in this report" in report.output
