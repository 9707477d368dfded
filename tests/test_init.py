"""raportti init: from an empty folder to a project that validates and builds."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from raportti.cli import init as cli
from raportti.cli.app import main
from raportti.schema.models import FILE_KINDS

YEAR_FILES = [f"{kind}.yaml" for kind in FILE_KINDS]


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def test_init_validate_build_without_a_terminal(tmp_path):
    project = tmp_path / "oma-hanke"
    made = run("init", project, "--name", "Järjestöt yhdessä", "--organisation", "Esimerkki ry",
               "--year", "2020", "--report", "loppuraportti")
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in (project / "2020").iterdir()) == sorted(YEAR_FILES)
    text = (project / "project.yaml").read_text(encoding="utf-8")
    assert 'name: "Järjestöt yhdessä"' in text and 'organisation: "Esimerkki ry"' in text
    assert "default_report: loppuraportti" in text

    checked = run("validate", project)
    assert checked.exit_code == 0, checked.output
    assert "valid (" in checked.output and "error" not in checked.output.split("valid")[-1]

    built = run("build", project, "-o", tmp_path / "out")
    assert built.exit_code == 0, built.output
    md = (tmp_path / "out" / "loppuraportti.md").read_text(encoding="utf-8")
    # The placeholders land where the form shows them, so the first build is a map.
    assert "Järjestöt yhdessä" in md and "Esimerkki ry" in md
    assert "Tähän tulee hankkeen päätavoite." in md
    assert 'Tähän tulee teksti kohtaan "MITÄ HANKKEEN AIKANA OPITTIIN?".' in md
    assert (tmp_path / "out" / "loppuraportti.docx").stat().st_size > 0


def test_placeholders_without_options_and_no_prompt(tmp_path):
    made = run("init", tmp_path / "p")  # CliRunner's stdin is not a terminal: no questions
    assert made.exit_code == 0, made.output
    assert "?" not in made.output.split("Wrote")[0]
    text = (tmp_path / "p" / "project.yaml").read_text(encoding="utf-8")
    assert 'name: "Hankkeen nimi"' in text and 'organisation: "Järjestön nimi ry"' in text
    assert run("validate", tmp_path / "p").exit_code == 0
    assert run("build", tmp_path / "p", "-o", tmp_path / "out").exit_code == 0


def test_asks_for_what_is_missing_at_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    made = run("init", tmp_path / "p", "--report", "valikysely-2019", "--lang", "en",
               input="Oma hanke\nOma yhdistys ry\n2019\n")
    assert made.exit_code == 0, made.output
    assert "Project name" in made.output and "First report year" in made.output
    text = (tmp_path / "p" / "project.yaml").read_text(encoding="utf-8")
    assert 'name: "Oma hanke"' in text and 'organisation: "Oma yhdistys ry"' in text
    assert (tmp_path / "p" / "2019" / "monitoring.yaml").is_file()


def test_comments_name_the_questions_of_the_chosen_form(tmp_path):
    assert run("init", tmp_path / "p", "--report", "valikysely-2019").exit_code == 0
    monitoring = (tmp_path / "p" / "2019" / "monitoring.yaml").read_text(encoding="utf-8")
    assert re.search(r"# Lomakkeella valikysely-2019: 3\. Miten seuranta- ja arviointitietoa on kerätty "
                     r"työntekijöiltä\?\n  employees:", monitoring)
    partners = (tmp_path / "p" / "2019" / "partners.yaml").read_text(encoding="utf-8")
    assert "# Lomakkeella valikysely-2019: 9. Miten hankkeen kohderyhmää" in partners
    project = (tmp_path / "p" / "project.yaml").read_text(encoding="utf-8")
    assert "# Lomakkeella valikysely-2019: 1. Järjestön nimi\norganisation:" in project


def test_schema_lines_resolve_after_the_project_is_copied_away(tmp_path):
    assert run("init", tmp_path / "p", "--year", "2025").exit_code == 0
    moved = shutil.copytree(tmp_path / "p", tmp_path / "elsewhere" / "deeper" / "p")
    files = [moved / "project.yaml", *(moved / "2025").glob("*.yaml")]
    assert len(files) == 8
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        schema = (path.parent / match.group(1)).resolve()
        assert schema.is_file(), (path, schema)
        kind = "project" if path.name == "project.yaml" else path.stem
        assert json.loads(schema.read_text(encoding="utf-8"))["title"].startswith(f"raportti: {kind}.yaml")


def test_never_overwrites(tmp_path):
    assert run("init", tmp_path / "p", "--year", "2025").exit_code == 0
    goals = tmp_path / "p" / "2025" / "goals.yaml"
    goals.write_text("goals: []\n", encoding="utf-8")
    again = run("init", tmp_path / "p", "--year", "2025")
    assert again.exit_code == 1
    assert "already has a project.yaml" in again.output and "raportti new-year" in again.output
    assert goals.read_text(encoding="utf-8") == "goals: []\n"


def test_an_existing_folder_with_other_files_is_fine(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "muistio.txt").write_text("oma\n", encoding="utf-8")
    assert run("init", tmp_path / "p", "--year", "2025").exit_code == 0
    assert (tmp_path / "p" / "muistio.txt").read_text(encoding="utf-8") == "oma\n"


def test_non_interactive_process(tmp_path):
    """As in CI: a real process with no terminal never waits for an answer."""
    env = {**os.environ, "PYTHONPATH": str(Path(cli.__file__).parents[2])}
    done = subprocess.run([sys.executable, "-m", "raportti", "init", str(tmp_path / "ci")],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    for command in ("validate", "build"):
        step = subprocess.run([sys.executable, "-m", "raportti", command, str(tmp_path / "ci")],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, env=env)
        assert step.returncode == 0, step.stderr
    assert list((tmp_path / "ci" / "build").glob("*.docx"))


def test_what_the_form_reads_beyond_the_written_keys_is_named(tmp_path):
    """A form's own keys (the tuloksellisuusraportti's reach rows and indicators) are
    listed in the file they belong to, with the data format's own description."""
    assert run("init", tmp_path / "p", "--report", "tuloksellisuusraportti", "--year", "2026").exit_code == 0
    partners = (tmp_path / "p" / "2026" / "partners.yaml").read_text(encoding="utf-8")
    assert "# Lomake tuloksellisuusraportti lukee tästä tiedostosta myös" in partners
    assert re.search(r"^#   reach \(group, unit, planned, reached", partners, re.M)
    goals = (tmp_path / "p" / "2026" / "goals.yaml").read_text(encoding="utf-8")
    assert "#   goals → indicators: " in goals
    assert run("validate", tmp_path / "p").exit_code == 0


def test_asks_in_finnish(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    made = run("init", tmp_path / "p", "--lang", "fi", input="\nKylätuvat yhdessä\nKyläyhdistys ry\n2026\n")
    assert made.exit_code == 0, made.output
    for question in ("Raporttipohja", "Hankkeen nimi", "Hallinnoiva järjestö", "Ensimmäinen raporttivuosi"):
        assert question in made.output
    assert "Seuraavaksi: kirjoita omat tekstisi" in made.output
    assert 'name: "Kylätuvat yhdessä"' in (tmp_path / "p" / "project.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("form", ["toimintakertomus", "tuloksellisuusraportti", "loppuraportti"])
def test_a_fresh_project_is_already_formatted(tmp_path, form):
    """The README's CI runs 'raportti fmt --check': a project init made passes it from the start."""
    made = run("init", tmp_path / "fresh", "--name", "Testi", "--organisation", "Järjestö ry", "--year", 2025,
               "--report", form)
    assert made.exit_code == 0, made.output
    before = (tmp_path / "fresh" / "project.yaml").read_text(encoding="utf-8")
    checked = run("fmt", "--check", tmp_path / "fresh")
    assert checked.exit_code == 0, checked.output
    assert (tmp_path / "fresh" / "project.yaml").read_text(encoding="utf-8") == before
    # Each key stays under its own comment.
    assert "# Rahoittaja, vapaa lisätieto rahoituksesta ja avustusohjelma (jos on).\n" in before
    assert "funding_note:\nprogramme:\n\n# Hankkeen kesto" in before


def test_the_next_commands_it_prints_can_be_pasted_for_a_folder_with_spaces(tmp_path):
    import shlex

    project = tmp_path / "oma hanke"
    made = run("init", project, "--name", "H", "--organisation", "Y ry", "--year", "2020",
               "--report", "loppuraportti")
    assert made.exit_code == 0, made.output
    for line in made.output.splitlines():
        if line.strip().startswith(("raportti validate", "raportti build")):
            command = line.split("#")[0]
            assert shlex.split(command)[2] == str(project), line


@pytest.mark.parametrize("form, says", [
    ("toimintakertomus", "# Lomake toimintakertomus ei käytä tätä kohtaa; sitä käyttävät: tuloksellisuusraportti "
                         "('raportti reports NIMI' kertoo kysymykset).\n"),
    ("loppuraportti", "# Lomake loppuraportti ei käytä tätä kohtaa; sitä käyttävät: tuloksellisuusraportti "
                      "('raportti reports NIMI' kertoo kysymykset).\n"),
])
def test_the_comments_say_truly_where_named_partners_appear(tmp_path, form, says):
    """Named partners do appear in reports: the comment says which, from the forms' templates."""
    result = CliRunner().invoke(main, ["init", str(tmp_path / "p"), "--report", form, "--year", "2026"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "p" / "2026" / "partners.yaml").read_text(encoding="utf-8")
    assert "eivät näy raporteissa" not in text
    assert says in text
