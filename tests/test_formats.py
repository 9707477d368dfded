"""The output formats are one registry (raportti.writers.formats): build and its
--format option follow it, and a format made from another brings that one along."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import PP
from raportti.build import build
from raportti.cli.app import main
from raportti.writers import formats
from raportti.writers.formats import Format


def _make_txt(job) -> bytes:
    return ("\n".join(question.label for question, _ in job.rendered.by_question) + "\n").encode()


def test_the_cli_offers_the_registered_formats():
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "[" + "|".join(formats.NAMES) + "]" in result.output
    assert formats.DEFAULT == ("md", "docx")
    assert set(formats.NAMES) == {"md", "docx", "html", "pdf"}


def test_a_format_made_from_another_brings_it_along():
    assert [f.name for f in formats.to_make(("pdf",))] == ["docx", "pdf"]
    assert [f.name for f in formats.to_make(("html", "md"))] == ["md", "html"]


def test_a_new_format_is_one_entry(tmp_path, monkeypatch):
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, Format("txt", "test_formats:_make_txt")))
    result = build(PP, out_dir=tmp_path, formats=("txt", "md"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["valikysely-2019.md", "valikysely-2019.txt"]
    assert [p.name for p in result.outputs] == ["valikysely-2019.md", "valikysely-2019.txt"]
    labels = (tmp_path / "valikysely-2019.txt").read_text().split()
    assert labels[:2] == ["1.", "2."]
