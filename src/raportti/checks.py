"""Checks beyond the schema: arithmetic, references between files, hygiene."""

from __future__ import annotations

from raportti.problems import Problem
from raportti.project import ProjectData


def run_checks(data: ProjectData) -> list[Problem]:
    return []
