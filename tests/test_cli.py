"""The command line, through click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import PP, minimal_project
from raportti.cli.app import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_build_writes_md_and_docx_and_says_where(tmp_path):
    result = run("build", PP, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "valikysely-2019.md").is_file()
    assert (tmp_path / "valikysely-2019.docx").is_file()
    assert "valikysely-2019.md" in result.output and "valikysely-2019.docx" in result.output
    assert "All 17 questions answered." in result.output


def test_build_only_markdown(tmp_path):
    result = run("build", PP, "-o", tmp_path, "--format", "md")
    assert result.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["valikysely-2019.md"]


def test_validate_example_is_valid_and_reports_source_inconsistencies():
    result = run("validate", PP)
    assert result.exit_code == 0, result.output
    assert "valid" in result.output
    assert "2017/partners.yaml:" in result.output
    assert "The stated total 68 is not the sum of its parts: 27 + 30 + 12 = 69" in result.output


def test_validate_strict_fails_on_warnings():
    assert run("validate", PP, "--strict").exit_code == 1


def test_validate_json(tmp_path):
    result = run("validate", PP, "--format", "json")
    report = json.loads(result.output)
    assert report["valid"] is True
    assert any(p["code"] == "total-mismatch" and p["line"] for p in report["problems"])


def test_validate_github_annotations():
    result = run("validate", PP, "--format", "github")
    assert "::warning file=" in result.output and ",line=" in result.output


def test_wrong_type_fails_build_with_location_and_writes_nothing(project_copy, tmp_path):
    path = project_copy / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("employees: 3", 'employees: "kolme"'), encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", project_copy, "-o", out)
    assert result.exit_code == 1
    assert "project.yaml:" in result.output
    assert "Expected a whole number, found the text 'kolme'" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_unknown_key_fails_validate(project_copy):
    path = project_copy / "2019" / "year.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "figures_untill: 2019-08-31\n", encoding="utf-8")
    result = run("validate", project_copy)
    assert result.exit_code == 1
    assert "2019/year.yaml:" in result.output
    assert "Unknown field 'figures_untill'. Did you mean 'figures_until'?" in result.output


def test_failed_build_keeps_the_previous_documents(project_copy, tmp_path):
    out = tmp_path / "out"
    assert run("build", project_copy, "-o", out).exit_code == 0
    before = (out / "valikysely-2019.md").read_bytes()
    (project_copy / "2019" / "goals.yaml").write_text("goals: [\n", encoding="utf-8")
    assert run("build", project_copy, "-o", out).exit_code == 1
    assert (out / "valikysely-2019.md").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["valikysely-2019.docx", "valikysely-2019.md"]


def test_unknown_report_suggests_a_name(tmp_path):
    result = run("build", PP, "--report", "valikysely-2018", "-o", tmp_path)
    assert result.exit_code == 2
    assert "Did you mean 'valikysely-2019'?" in result.output


def test_usage_errors_exit_2():
    assert run("build", PP, "--format", "odt").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_missing_project_yaml(tmp_path):
    result = run("validate", tmp_path)
    assert result.exit_code == 1
    assert "No project.yaml" in result.output


def test_question_without_data_says_so(tmp_path):
    root = minimal_project(tmp_path / "p", "default_report: valikysely-2019\n")
    result = run("build", root, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "out" / "valikysely-2019.md").read_text(encoding="utf-8")
    assert "Ei tietoa tästä kohdasta." in markdown
    assert "16 of 17 questions had no data" in result.output
    # each named as the form asks it, not as a bare "2."
    assert "\n  2. Montako työntekijää hankkeessanne on työskennellyt vuonna 2019?\n" in result.output


def test_a_chapter_without_question_text_is_named_by_its_heading(tmp_path):
    """loppuraportti's chapters whose content is one question without text of its own:
    the list names the chapter, never an empty line."""
    root = minimal_project(tmp_path / "p", "default_report: loppuraportti\n")
    result = run("build", root, "-f", "md", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    listed = result.output.split("questions had no data", 1)[1].splitlines()[1:]
    listed = [line for line in listed if line.startswith("  ")]
    assert listed and all(line.strip() for line in listed)
    assert "  MITÄ HANKKEEN AIKANA OPITTIIN?" in listed


def test_help_explains_commands():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("build", "validate", "reports"):
        assert command in result.output


def test_validate_finds_projects_below_a_folder():
    from conftest import EXAMPLES

    result = run("validate", EXAMPLES)
    assert "pohjois-pohjanmaa" in result.output
    assert "varsinais-suomi" in result.output or not (EXAMPLES / "varsinais-suomi" / "project.yaml").exists()


def test_pre_commit_hook_runs_validate():
    from ruamel.yaml import YAML

    from conftest import ROOT

    [hook] = YAML(typ="safe").load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["entry"] == "raportti validate"
    assert hook["pass_filenames"] is False


def test_validate_second_example_lists_its_source_inconsistencies():
    from conftest import VS

    result = run("validate", VS)
    assert result.exit_code == 0, result.output
    assert "2017/activities.yaml:" in result.output
    assert "The stated total 1172 is not the sum of its parts" in result.output
    assert "add up to 101,5, not 100" in result.output


def test_the_installed_command_keeps_exit_codes_and_output(project_copy):
    """``python -m raportti`` runs the console script's entry, which ends the process
    without the interpreter's teardown: output must still arrive, codes must hold."""
    import subprocess
    import sys

    def process(*args):
        return subprocess.run([sys.executable, "-m", "raportti", *map(str, args)], capture_output=True, text=True)

    valid = process("validate", PP)
    assert valid.returncode == 0
    assert "valid (3 warnings)" in valid.stdout
    assert "The stated total 68 is not the sum of its parts" in valid.stderr
    (project_copy / "2019" / "goals.yaml").write_text("goals: [\n", encoding="utf-8")
    broken = process("validate", project_copy)
    assert broken.returncode == 1
    assert "2019/goals.yaml:1:8" in broken.stderr  # where the '[' that is never closed opens
    assert process("frobnicate").returncode == 2
