"""The built reports reproduce their source documents (measured by tests/fidelity.py)."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from fidelity import measure, read_text

SEED_000 = FIXTURES / "seed-000-valikysely-2019.txt"


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_valikysely_reproduces_seed_000(pp_build, suffix):
    result = measure(SEED_000.read_text(encoding="utf-8"), read_text(pp_build / f"valikysely-2019.{suffix}"))
    assert result.recall >= 0.97, result.missing[:10]
    assert result.order >= 0.98
    assert result.figures >= 0.98


def test_measure_notices_lost_text():
    """The measure itself can fail: dropping a paragraph lowers recall."""
    source = "Ensimmäinen lause on tässä.\n\nToinen lause kertoo 42 asiaa.\n"
    assert measure(source, source).recall == 1.0
    lost = measure(source, "Ensimmäinen lause on tässä.\n")
    assert lost.recall < 0.6
    assert lost.figures == 0.0


SEED_001 = FIXTURES / "seed-001-loppuraportti.txt"


@pytest.fixture(scope="session")
def vs_build(tmp_path_factory):
    from conftest import VS
    from raportti.build import build

    out = tmp_path_factory.mktemp("vs-build")
    build(VS, out_dir=out)
    return out


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_loppuraportti_reproduces_seed_001(vs_build, suffix):
    result = measure(SEED_001.read_text(encoding="utf-8"), read_text(vs_build / f"loppuraportti.{suffix}"))
    assert result.recall >= 0.97, result.missing[:10]
    assert result.order >= 0.98
    assert result.figures >= 0.98


def test_loppuraportti_tables_statistics(vs_build):
    import docx

    document = docx.Document(str(vs_build / "loppuraportti.docx"))
    assert len(document.tables) >= 4
    markdown = (vs_build / "loppuraportti.md").read_text(encoding="utf-8")
    assert "SISÄLTÖ" in markdown
    assert markdown.count("\n|---") >= 4
