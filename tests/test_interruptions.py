"""Killed at any moment, build, fmt and new-year leave no half-written file, and the next
run leaves nothing behind.

Each command runs as a user runs it (its own process) and is killed at a random moment of
its run (mostly with SIGKILL, which no cleanup survives; some with SIGTERM, as a closing
terminal or 'kill' sends). After each kill every file it writes is either the old version
or the new one, byte for byte, never a part; then the command runs again to the end, and
after that no temporary file or folder is left anywhere: not in the project, not in the
output folder, not in the temporary folder (TMPDIR), and no LibreOffice it started runs.

Slow (about a minute): ``pytest -m "not slow"`` leaves it out. RAPORTTI_KILLS sets the
number of kills (default 51, spread over the
commands: 17 each, plus 3 during the PDF), RAPORTTI_KILL_SEED the seed.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PP

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("RAPORTTI_KILLS", "51"))
SEED = int(os.environ.get("RAPORTTI_KILL_SEED", "2024"))
LEFTOVER = re.compile(r"(^\.raportti-tmp$|^\.raportti-replacing|\.tmp$|^\.\d{4}\.)")


def _env(tmp: Path) -> dict:
    return {**os.environ, "TMPDIR": str(tmp), "RAPORTTI_LANG": "en", "PYTHONUNBUFFERED": "1"}


def _run(args, tmp: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "raportti", *map(str, args)], env=_env(tmp),
                          capture_output=True, text=True, timeout=timeout)


def _killed(args, tmp: Path, delay: float, sig: int) -> None:
    """The command, stopped by ``sig`` after ``delay`` seconds (or ended by itself before)."""
    process = subprocess.Popen([sys.executable, "-m", "raportti", *map(str, args)], env=_env(tmp),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(delay)
    except subprocess.TimeoutExpired:
        process.send_signal(sig)
        process.wait(60)


def _timed(args, tmp: Path) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    result = _run(args, tmp)
    return result, time.monotonic() - started


def _leftovers(*folders: Path) -> list[Path]:
    found = []
    for folder in folders:
        if folder.exists():
            found += [p for p in folder.rglob("*") if LEFTOVER.search(p.name)]
    return found


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _our_office(tmp: Path) -> list[str]:
    """LibreOffice processes started for this test (their profile lies in its TMPDIR)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if str(tmp) in command and "office" in command.lower():
            found.append(f"{entry.name}: {command[:120]}")
    return found


def _share(n: int, parts: int = 3) -> list[int]:
    base = [n // parts] * parts
    for i in range(n - sum(base)):
        base[i] += 1
    return base


BUILD_KILLS, FMT_KILLS, NEW_YEAR_KILLS = _share(KILLS)


def _signal(rng: random.Random) -> int:
    return signal.SIGTERM if rng.random() < 0.25 else signal.SIGKILL


def test_killed_builds_leave_whole_documents_and_nothing_behind(tmp_path):
    rng = random.Random(SEED)
    project = tmp_path / "hanke"
    shutil.copytree(PP, project, ignore=shutil.ignore_patterns("build"))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    activities = project / "2019" / "activities.yaml"
    texts = [activities.read_text(encoding="utf-8")]
    assert "kokoontunut {team_meetings} kertaa" in texts[0]
    texts.append(texts[0].replace("team_meetings: {value: 63,", "team_meetings: {value: 64,", 1))
    assert texts[1] != texts[0]
    # The documents of each version of the data, from complete builds.
    versions = []
    durations = []
    for text in texts:
        activities.write_text(text, encoding="utf-8")
        result, took = _timed(["build", project, "-o", tmp_path / "ref"], tmp)
        assert result.returncode == 0, result.stderr
        versions.append(_files(tmp_path / "ref"))
        durations.append(took)
    assert versions[0] != versions[1]
    duration = max(durations)
    mixed_seen = 0
    for i in range(BUILD_KILLS):
        activities.write_text(texts[i % 2], encoding="utf-8")
        _killed(["build", project, "-o", out], tmp, rng.uniform(0.2, duration * 1.1), _signal(rng))
        found = _files(out) if out.exists() else {}
        documents = {name: data for name, data in found.items() if not name.startswith(".")}
        for name, data in documents.items():
            assert data in (versions[0].get(name), versions[1].get(name)), f"kill {i}: {name} is cut or garbled"
        origin = {name: next(v for v in (0, 1) if versions[v].get(name) == data) for name, data in documents.items()}
        mixed = len(set(origin.values())) > 1
        mixed_seen += mixed
        # The next run: complete, and after it no temporary file anywhere.
        again = _run(["build", project, "-o", out], tmp)
        assert again.returncode == 0, again.stderr
        if mixed:
            assert "was stopped while it replaced its documents" in again.stderr, again.stderr
        assert _files(out) == versions[i % 2], f"kill {i}: the next build did not write a whole set"
        assert _leftovers(out, project, tmp) == [], f"kill {i}"


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_a_build_killed_while_libreoffice_makes_the_pdf_leaves_no_libreoffice_behind(tmp_path):
    rng = random.Random(SEED)
    project = tmp_path / "hanke"
    shutil.copytree(PP, project, ignore=shutil.ignore_patterns("build"))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    for i in range(3):
        # After the data is read (about a second), LibreOffice runs for several more.
        _killed(["build", project, "-o", out, "-f", "pdf"], tmp, rng.uniform(1.5, 4.0), signal.SIGKILL)
        for pdf in out.glob("*.pdf") if out.exists() else ():
            assert pdf.read_bytes().rstrip().endswith(b"%%EOF"), f"kill {i}: a cut PDF"
    result = _run(["build", project, "-o", out, "-f", "pdf"], tmp)
    assert result.returncode == 0, result.stderr
    assert _our_office(tmp) == []
    assert _leftovers(out, project, tmp) == []


def test_killed_fmt_leaves_each_file_old_or_new_and_nothing_behind(tmp_path):
    rng = random.Random(SEED + 1)
    fixtures = Path(__file__).parent / "fixtures" / "fmt"
    project = tmp_path / "hanke"
    shutil.copytree(PP, project, ignore=shutil.ignore_patterns("build"))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    year = project / "2020"
    originals = {p.name: p.read_bytes() for p in fixtures.glob("*.yaml")}
    assert originals

    def unformat():
        for name, data in originals.items():
            (year / name).write_bytes(data)

    unformat()
    before = _files(project)
    result, duration = _timed(["fmt", project], tmp)
    assert result.returncode == 0, result.stdout + result.stderr
    formatted = _files(project)
    changed = [name for name in formatted if formatted[name] != before[name]]
    assert changed
    for i in range(FMT_KILLS):
        unformat()
        _killed(["fmt", project], tmp, rng.uniform(0.05, duration * 1.1), _signal(rng))
        now = {name: data for name, data in _files(project).items() if not LEFTOVER.search(name)}
        assert sorted(now) == sorted(before), f"kill {i}"
        for name, data in now.items():
            assert data in (before[name], formatted[name]), f"kill {i}: {name} is cut or garbled"
        again = _run(["fmt", project], tmp)
        assert again.returncode == 0, again.stdout + again.stderr
        assert _files(project) == formatted
        assert _leftovers(project, tmp) == [], f"kill {i}"


def test_killed_new_year_leaves_a_whole_year_or_none_and_nothing_behind(tmp_path):
    rng = random.Random(SEED + 2)
    project = tmp_path / "hanke"
    shutil.copytree(PP, project, ignore=shutil.ignore_patterns("build"))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    new = project / "2021"
    result, duration = _timed(["new-year", project, "2021"], tmp)
    assert result.returncode == 0, result.stdout + result.stderr
    complete = _files(new)
    assert len(complete) >= 5
    shutil.rmtree(new)
    for i in range(NEW_YEAR_KILLS):
        _killed(["new-year", project, "2021"], tmp, rng.uniform(0.05, duration * 1.1), _signal(rng))
        if new.exists():
            assert _files(new) == complete, f"kill {i}: a half-made year"
            shutil.rmtree(new)
        again = _run(["new-year", project, "2021"], tmp)
        assert again.returncode == 0, again.stdout + again.stderr
        assert _files(new) == complete
        assert _leftovers(project, tmp) == [], f"kill {i}"
        shutil.rmtree(new)
