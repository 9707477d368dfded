from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PP = EXAMPLES / "pohjois-pohjanmaa"
VS = EXAMPLES / "varsinais-suomi"


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """Tests read messages in English whatever the locale of the machine running them;
    test_translations asks for Finnish itself. A command run in a test chooses the
    language for the whole process: each test starts and ends in English."""
    from raportti.i18n.messages import use

    monkeypatch.setenv("RAPORTTI_LANG", "en")
    use("en")
    yield
    use("en")


@pytest.fixture(scope="session")
def pp_build(tmp_path_factory) -> Path:
    """The Pohjois-Pohjanmaa example built once for the whole session."""
    from raportti.build import build

    out = tmp_path_factory.mktemp("pp-build")
    build(PP, out_dir=out)
    return out


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A writable copy of the Pohjois-Pohjanmaa example, for breaking things."""
    target = tmp_path / "project"
    shutil.copytree(PP, target, ignore=shutil.ignore_patterns("build"))
    return target


def minimal_project(root: Path, extra: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "project.yaml").write_text(
        "schema_version: 1\nname: Testihanke\norganisation: Testi ry\n" + extra, encoding="utf-8"
    )
    return root
