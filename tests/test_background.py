"""Checks in a second process give exactly what they give in one, and still stop a build."""

from __future__ import annotations

import os
import signal

import pytest

from conftest import PP, VS
from raportti.checks import running as checking
from raportti.checks.background import Background, can_fork
from raportti.build import build
from raportti.problems import DataError

needs_fork = pytest.mark.skipif(not can_fork(), reason="no fork on this platform: checks run in one process")


@pytest.fixture
def always_background(monkeypatch):
    """Every project counts as large, so even the examples are checked in a child."""
    monkeypatch.setattr(checking, "BACKGROUND_CHECKS_FROM", 0)


def as_rows(problems):
    return [(str(p.file), p.line, p.column, p.severity, p.code, p.message) for p in problems]


@needs_fork
@pytest.mark.parametrize("root", [PP, VS], ids=["pohjois-pohjanmaa", "varsinais-suomi"])
def test_checks_in_a_child_find_what_one_process_finds(root, always_background):
    alone = checking.check_project(root, background=False)
    forked = checking.check_project(root, background=True)
    assert as_rows(forked) == as_rows(alone)
    assert len([p for p in alone if p.code == "total-mismatch"]) >= 1


@needs_fork
def test_an_error_found_by_the_checks_stops_the_build(project_copy, tmp_path, always_background):
    results = project_copy / "2019" / "results.yaml"
    results.write_text(results.read_text(encoding="utf-8").replace("goals: [jy-kumppanit]", "goals: [jy-kumppanit, t99]", 1), encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(DataError) as caught:
        build(project_copy, out_dir=out)
    assert any(p.code == "unknown-goal" and "'t99'" in p.message for p in caught.value.problems)
    assert not out.exists()


def _fail(message):
    raise ValueError(message)


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("not picklable")


def _fail_unpicklably():
    raise Unpicklable("lukko")


def _die():
    os.kill(os.getpid(), signal.SIGKILL)


@needs_fork
def test_background_result_value_and_exception():
    assert Background(sum, [1, 2, 3]).result() == 6
    with pytest.raises(ValueError, match="rikki"):
        Background(_fail, "rikki").result()
    with pytest.raises(RuntimeError, match="Unpicklable: lukko"):
        Background(_fail_unpicklably).result()


@needs_fork
def test_a_child_that_dies_silently_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match="ended without a result .stopped by signal 9"):
        Background(_die).result()


def test_without_fork_the_work_is_done_at_once():
    calls = []
    background = Background(calls.append, "x", fork=False)
    assert calls == ["x"]
    assert background.result() is None
