"""Running ``raportti preview`` as a user does: its own process, on a free port."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import PP


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RunningPreview:
    """``raportti preview PROJECT --port N --no-browser`` in a child process."""

    def __init__(self, project: Path, *args: str) -> None:
        self.port = free_port()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "raportti", "preview", str(project), "--port", str(self.port),
             "--no-browser", *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.wait_for_output(re.escape(self.url), timeout=30)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for_output(self, pattern: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.output):
            if self.process.poll() is not None and not re.search(pattern, self.output):
                time.sleep(0.2)
                raise AssertionError(f"preview ended ({self.process.returncode}):\n{self.output}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {pattern!r} in the preview's output:\n{self.output}")
            time.sleep(0.02)

    def page(self) -> str:
        with urllib.request.urlopen(self.url, timeout=30) as response:
            return response.read().decode("utf-8")

    def wait_for_page(self, predicate, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while True:
            page = self.page()
            if predicate(page):
                return page
            if time.monotonic() > deadline:
                raise AssertionError(f"the page did not change as expected; output:\n{self.output}")
            time.sleep(0.05)

    def interrupt(self, timeout: float = 30) -> int:
        """Ctrl-C, as a terminal sends it; the exit code."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout)
        self._reader.join(5)
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)


# Fixtures shared by the preview's tests: a copy of an example, and its preview running.
@pytest.fixture
def project(tmp_path) -> Path:
    target = tmp_path / "hanke"
    shutil.copytree(PP, target, ignore=shutil.ignore_patterns("build"))
    return target


@pytest.fixture
def preview(project):
    running = RunningPreview(project)
    yield running
    running.close()
