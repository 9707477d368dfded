"""``raportti textconv``: a DOCX's text for git diff, as faithful as the Markdown."""

from __future__ import annotations

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


def test_a_file_that_is_not_a_docx_is_a_plain_error(tmp_path):
    path = tmp_path / "a.docx"
    path.write_text("ei Word-tiedosto", encoding="utf-8")
    result = CliRunner().invoke(main, ["textconv", str(path)])
    assert result.exit_code == 1
    assert "is not a Word document (.docx)" in result.output
    assert "Traceback" not in result.output
    # Plainly, without python-docx's "Package not found at …".
    assert "Package not found" not in result.output
    assert "textconv reads only .docx files" in result.output
    missing = CliRunner().invoke(main, ["textconv", str(tmp_path / "missing.docx")])
    assert missing.exit_code == 2
