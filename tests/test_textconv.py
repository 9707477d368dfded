"""``raportti textconv``: a DOCX's text for git diff, as faithful as the Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from click.testing import CliRunner

from conftest import FIXTURES
from fidelity import measure
from raportti.cli.app import main
from raportti.years.textconv import docx_text
from raportti.writers.docx import DocumentInfo, markdown_to_docx

SEED_000 = FIXTURES / "seed-000-valikysely-2019.txt"

MARKDOWN = """\
# Raportin otsikko

Alaotsikko tässä.

## OSIO

### 1. Kysymys

Kappale, jossa on **lihavoitu** sana ja linkki <https://thl.fi/x>.

- Ensimmäinen kohta
- Toinen kohta
  - Sisennetty kohta

    Kohdan toinen kappale.

3. Kolmas
4. Neljäs

Väliteksti.

1. Uusi lista alkaa alusta

| Tunnus | Määrä |
| --- | ---: |
| Tapaamiset | 96 |
| Osallistumiset | 238 |
"""


def test_textconv_of_the_built_report_is_as_faithful_as_the_markdown(pp_build):
    result = measure(SEED_000.read_text(encoding="utf-8"), docx_text(pp_build / "valikysely-2019.docx"))
    assert result.recall >= 0.97, result.missing[:10]
    assert result.order >= 0.98
    assert result.figures >= 0.98


def test_headings_lists_and_tables(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(markdown_to_docx(MARKDOWN, DocumentInfo(title="Testi")))
    assert docx_text(path) == (
        "# Raportin otsikko\n"
        "Alaotsikko tässä.\n"
        "\n"
        "## OSIO\n"
        "\n"
        "### 1. Kysymys\n"
        "Kappale, jossa on lihavoitu sana ja linkki https://thl.fi/x.\n"
        "- Ensimmäinen kohta\n"
        "- Toinen kohta\n"
        "  - Sisennetty kohta\n"
        "    Kohdan toinen kappale.\n"
        "3. Kolmas\n"
        "4. Neljäs\n"
        "Väliteksti.\n"
        "1. Uusi lista alkaa alusta\n"
        "Tunnus | Määrä\n"
        "Tapaamiset | 96\n"
        "Osallistumiset | 238\n"
    )


def test_cli_prints_the_text(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(markdown_to_docx("# Otsikko\n\nTeksti.\n", DocumentInfo(title="Testi")))
    result = CliRunner().invoke(main, ["textconv", str(path)])
    assert result.exit_code == 0
    assert result.output == "# Otsikko\nTeksti.\n"


def test_a_file_that_is_not_a_docx_is_a_one_line_note(tmp_path):
    # git stops the whole diff when textconv fails, so an unreadable file prints a note in
    # place of its text and exits 0.
    path = tmp_path / "a.docx"
    path.write_text("ei Word-tiedosto", encoding="utf-8")
    result = CliRunner().invoke(main, ["textconv", str(path)])
    assert result.exit_code == 0
    assert result.output.startswith("[raportti textconv: cannot show this file's text: this is not a Word "
                                    "document (.docx)")
    assert result.output.count("\n") == 1
    # Plainly, without python-docx's "Package not found at …".
    assert "Package not found" not in result.output and "Traceback" not in result.output
    # Another unreadable content gives another line, so git still shows that it changed.
    path.write_text("toinen sisältö", encoding="utf-8")
    assert CliRunner().invoke(main, ["textconv", str(path)]).output != result.output
    missing = CliRunner().invoke(main, ["textconv", str(tmp_path / "missing.docx")])
    assert missing.exit_code == 2


def test_the_documented_git_setup_works_with_a_name_starting_with_a_dash(tmp_path):
    """The textconv line the README gives, in a real repository, with files named '-…'."""
    import re
    import shlex
    import shutil
    import subprocess
    import sys

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    command = re.search(r'git config diff\.raportti\.textconv "([^"]+)"', readme).group(1)
    assert command.split()[0] == "raportti"
    # The command as installed: this Python's raportti, wherever the tests run.
    command = f"{shlex.quote(sys.executable)} -m {command}"
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args):
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo,
                              capture_output=True, text=True, timeout=60)

    git("init", "-q")
    git("config", "diff.raportti.textconv", command)
    (repo / ".gitattributes").write_text("*.docx diff=raportti\n", encoding="utf-8")
    for name in ("-raportti.docx", "--help.docx", "rikki.docx"):
        (repo / name).write_bytes(markdown_to_docx("# Otsikko\n\nVanha teksti.\n", DocumentInfo(title="T")))
    git("add", "-A")
    git("commit", "-qm", "first")
    for name in ("-raportti.docx", "--help.docx"):
        (repo / name).write_bytes(markdown_to_docx("# Otsikko\n\nUusi teksti.\n", DocumentInfo(title="T")))
    (repo / "rikki.docx").write_bytes(b"PK\x03\x04 not a real zip")
    diff = git("diff")
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.count("-Vanha teksti.\n+Uusi teksti.") == 2, diff.stdout
    assert "+[raportti textconv: cannot show this file's text:" in diff.stdout
