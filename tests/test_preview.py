"""``raportti preview``: served on 127.0.0.1, rebuilt on save, stopped by Ctrl-C."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import VS
from preview_helpers import RunningPreview, free_port, preview, project  # noqa: F401 - fixtures


def meetings(page: str) -> str:
    return re.search(r"henkilöstö on kokoontunut <span[^>]*>(\d+)<", page).group(1)


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_change_shows_in_the_served_page(project, preview):
    page = preview.page()
    assert '<html lang="fi" data-live="1"' in page
    assert "kokoontunut" in page and "63" in re.findall(r">(\d+)<", page)
    save(project / "2019/activities.yaml", "team_meetings: {value: 63,", "team_meetings: {value: 64,")
    page = preview.wait_for_page(lambda p: "kokoontunut <span" in p and "2019/activities.yaml:15" in p
                                 and ">64</span> kertaa (tiimi" in p)
    assert ">63</span> kertaa (tiimi" not in page
    preview.wait_for_output(r"2019/activities\.yaml changed: page updated in \d+ ms")


def test_an_error_is_listed_at_the_top_above_the_last_good_page(project, preview):
    before = preview.page()
    assert 'id="ongelmat"' in before  # the example has warnings: listed, not errors
    assert "Korjattavaa" not in before
    save(project / "2019/partners.yaml", "partner_count:", "partner_count: [")
    page = preview.wait_for_page(lambda p: "Korjattavaa" in p)
    problems = page[page.index('id="ongelmat"'):page.index('id="sisalto"')]
    assert re.search(r'<code class="paikka">2019/partners\.yaml:\d+:\d+</code>', problems)
    assert "Virhe" in problems
    # the last good report is still there, below the problems
    assert page.count('<article class="kysymys') == before.count('<article class="kysymys') == 17
    assert "alla viimeisin onnistunut versio" in page
    save(project / "2019/partners.yaml", "partner_count: [", "partner_count:")
    page = preview.wait_for_page(lambda p: "Korjattavaa" not in p)
    assert "viimeisin onnistunut" not in page
    preview.wait_for_output(r"1 error: the page lists it")


def test_only_changed_files_are_read_again():
    from raportti.preview.session import Session

    project_dir = Path(shutil.copytree(VS, Path(__import__("tempfile").mkdtemp()) / "vs",
                                       ignore=shutil.ignore_patterns("build")))
    session = Session(root=project_dir)
    first = session.rebuild()
    files = session.cache.reads
    assert files > 10
    second = session.rebuild()
    assert session.cache.reads == files  # nothing changed, nothing read
    # the same page: a template imported by others is not left holding the first build's data
    strip = lambda page: re.sub(r'data-version="\d+"|klo \d\d\.\d\d\.\d\d', "", page)  # noqa: E731
    assert strip(first) == strip(second)
    target = project_dir / "2020/activities.yaml"
    time.sleep(0.01)
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    session.rebuild()
    assert session.cache.reads == files + 1
    assert not session.errors


def test_ctrl_c_stops_it_cleanly(preview):
    code = preview.interrupt()
    assert code == 0, preview.output
    assert "Preview stopped." in preview.output
    assert "Traceback" not in preview.output


def test_it_listens_on_127_0_0_1_only(preview):
    out = subprocess.run(["ss", "-ltnH", f"sport = :{preview.port}"], capture_output=True, text=True) \
        if shutil.which("ss") else None
    if out is not None and out.returncode == 0:
        assert f"127.0.0.1:{preview.port}" in out.stdout
        assert f"0.0.0.0:{preview.port}" not in out.stdout and f"*:{preview.port}" not in out.stdout
    from raportti.preview.server import PageState, PreviewServer

    server = PreviewServer(0, PageState())
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_the_event_stream_names_the_new_version_after_a_save(project, preview):
    with urllib.request.urlopen(preview.url + "events", timeout=10) as stream:
        first = _next_version(stream)
        save(project / "2019/activities.yaml", "team_meetings: {value: 63,", "team_meetings: {value: 65,")
        second = _next_version(stream)
    assert second > first
    assert f'data-version="{second}"' in preview.page()


def _next_version(stream) -> int:
    event = None
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\n")
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: ") and event == "version":
            return int(line[6:])
    raise AssertionError("the stream ended")


def test_a_port_in_use_is_a_plain_error(project):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "raportti", "preview", str(project), "--port", str(port), "--no-browser"],
            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"Port {port} is already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_project_with_errors_from_the_start_still_serves_its_problems(project):
    save(project / "project.yaml", "name:", "nimi:")
    running = RunningPreview(project)
    try:
        page = running.page()
        assert "Korjattavaa" in page
        assert "Raporttia ei voitu vielä muodostaa" in page
        assert re.search(r'<code class="paikka">project\.yaml:\d+', page)
    finally:
        running.close()
    assert free_port()  # nothing left bound


def test_the_sandbox_still_refuses_internals_once_it_remembers_its_verdicts(tmp_path):
    """The environment caches is_safe_attribute per type and name (the preview keeps it)."""
    import jinja2

    from raportti.report.rendering import make_environment

    env = make_environment(tmp_path)
    env.globals["project"] = type("P", (), {"name": "Hanke"})()
    for _ in range(2):
        assert env.from_string("{{ project.name }}").render() == "Hanke"
        with pytest.raises(jinja2.exceptions.SecurityError):
            env.from_string("{{ project.__class__.__mro__ }}").render()
        with pytest.raises(jinja2.exceptions.SecurityError):
            env.from_string("{{ project.name.__class__ }}").render()
