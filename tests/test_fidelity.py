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
