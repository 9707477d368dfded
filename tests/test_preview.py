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


def _raw_get(port: int, path: str, host: str, origin: str | None = None) -> tuple[int, bytes]:
    """A GET with the Host (and Origin) a browser would send for that address; status and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        extra = f"Origin: {origin}\r\n" if origin else ""
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n".encode())
        sock.settimeout(2)
        data = b""
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except TimeoutError:  # an event stream does not end: what came so far is enough
            pass
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_only_requests_naming_this_machine_at_its_port_are_answered(preview):
    """DNS rebinding: a page of evil.example that points its name at 127.0.0.1 gets nothing."""
    port = preview.port
    page = preview.page()
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
        status, body = _raw_get(port, "/", host)
        assert (status, body.decode("utf-8")) == (200, page), host
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}",
                 f"127.0.0.1.evil.example:{port}", ""):
        for path in ("/", "/events"):
            status, body = _raw_get(port, path, host)
            assert status == 421, (host, path, status)
            assert b"Kokoontunut" not in body and b"version" not in body and len(body) < 200
    # A page of another site asking with a correct Host (a plain cross-site request).
    status, _ = _raw_get(port, "/", f"127.0.0.1:{port}", origin="http://evil.example")
    assert status == 421
    status, _ = _raw_get(port, "/", f"127.0.0.1:{port}", origin=f"http://localhost:{port}")
    assert status == 200


@pytest.fixture
def small_server(monkeypatch):
    """The preview's server in this process, with a short idle time and few connections."""
    import threading

    from raportti.preview import server as module

    monkeypatch.setattr(module.Handler, "timeout", 0.5)
    monkeypatch.setattr(module, "CONNECTIONS", 4)
    state = module.PageState()
    state.publish("<p>sivu</p>", 1)
    server = module.PreviewServer(0, state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stop()


def test_idle_connections_are_closed(small_server):
    port = small_server.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        started = time.monotonic()
        assert sock.recv(1) == b""  # closed by the server, not by our timeout
        assert time.monotonic() - started < 5
    # A keep-alive connection that asked once and then waits is closed too.
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
        assert data.startswith(b"HTTP/1.0 200") or data.startswith(b"HTTP/1.1 200")
        assert data.endswith(b"<p>sivu</p>")


def test_connections_beyond_the_limit_are_turned_away_without_a_thread(small_server):
    import threading

    port = small_server.server_address[1]
    before = threading.active_count()
    idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(4)]
    time.sleep(0.2)
    try:
        refused = []
        for _ in range(20):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                refused.append(sock.recv(100))
        assert all(r.startswith(b"HTTP/1.1 503") for r in refused), refused[:2]
        assert threading.active_count() <= before + 4
    finally:
        for sock in idle:
            sock.close()
    # Once the idle ones are gone, it serves again.
    time.sleep(1)
    status, body = _raw_get(port, "/", f"127.0.0.1:{port}")
    assert (status, body) == (200, b"<p>sivu</p>")
