"""A row told apart by its year (a staff row, a grant, a year of an indicator) is given
once in its list: one check (raportti.checks.yearrows) for all of them."""

from __future__ import annotations

import shutil

from conftest import EXAMPLES
from raportti.checks.running import check_project


def test_each_list_of_year_rows_names_a_year_once(tmp_path):
    root = tmp_path / "hanke"
    shutil.copytree(EXAMPLES / "keksitty-esimerkki", root, ignore=shutil.ignore_patterns("build"))
    project = root / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace(
        "grants:\n  - year: 2024\n", "grants:\n  - year: 2024\n    amount: 1\n  - year: 2024\n", 1), encoding="utf-8")
    goals = root / "2024" / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace(
        "          - {year: 2024, target: 40, actual: 38}\n",
        "          - {year: 2024, target: 40, actual: 38}\n          - {year: 2024, target: 41}\n", 1),
        encoding="utf-8")
    found = [p for p in check_project(root, background=False) if p.code == "duplicate-year"]
    assert [(p.file.name, p.path) for p in found] == [
        ("goals.yaml", "goals[0].indicators[0].years[1].year"),
        ("project.yaml", "grants[1].year"),
    ]
    assert all("The year 2024 is given twice" in p.message and p.is_error for p in found)
    assert "first at line 8" in found[1].message
