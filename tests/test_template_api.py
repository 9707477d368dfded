"""The template API is declared once (raportti.report.templateapi): rendering, the
question → data map (``reports``, ``init``) and templates/README.md all follow it."""

from __future__ import annotations

import re

import pytest

from conftest import PP, ROOT
from raportti.project.loading import load_project
from raportti.report import templateapi
from raportti.report.datamap import question_data
from raportti.report.forms import find_form, load_form
from raportti.report.rendering import ReportContext, make_environment
from raportti.report.templateapi import FILTERS, RETURNS, TEMPLATE_API, Helper


def test_every_name_of_the_api_has_a_value_in_templates():
    data = load_project(PP)
    form = load_form(find_form("valikysely-2019"))
    values = ReportContext(data, form).globals()
    assert set(values) == set(TEMPLATE_API)
    assert values["project"].name == data.project.name
    assert values["report"].year == 2019
    assert values["years"]() == sorted(data.years)
    for name, helper in TEMPLATE_API.items():
        assert helper.returns in RETURNS, name
        assert helper.returns == "data" or callable(values[name]), name


def test_the_filters_are_the_declared_ones(tmp_path):
    env = make_environment(find_form("valikysely-2019"))
    ours = {name for name in env.filters if name in FILTERS or env.filters[name].__module__.startswith("raportti")}
    assert ours == set(FILTERS)


def test_templates_readme_documents_exactly_the_api():
    text = (ROOT / "templates" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (.+?) \| .+ \|$", text, flags=re.M)
    documented = set()
    filters = set()
    for cell in rows:
        if cell.startswith("filter "):
            filters.update(re.findall(r"`(\w+)`", cell))
        else:
            documented.update(re.findall(r"`(\w+)[(`]", cell))
    assert documented == set(TEMPLATE_API)
    assert filters == set(FILTERS)


def test_a_helper_added_to_the_api_is_followed_by_the_data_map(tmp_path, monkeypatch):
    # A new helper declared once, reading project.yaml's staff: the map (what `reports`
    # and `init` show) follows it without being told anything else.
    monkeypatch.setitem(TEMPLATE_API, "staff_rows",
                        Helper("staff_rows", "staff_rows(project)", "staff by year", returns="rows",
                               reads=("staff",)))
    form = tmp_path / "oma"
    form.mkdir()
    (form / "form.yaml").write_text(
        "name: oma\ntitle: Oma\nsections:\n  - heading: A\n    questions:\n"
        "      - number: 1\n        text: Henkilöstö\n        template: q1.md.j2\n", encoding="utf-8")
    (form / "q1.md.j2").write_text("{% for row in staff_rows(project) %}x{% endfor %}", encoding="utf-8")
    _, questions = question_data(load_form(form), form)
    assert {(r.file, ", ".join(r.keys)) for r in questions[0].readings} == {("project.yaml", "staff")}
    monkeypatch.delitem(TEMPLATE_API, "staff_rows")
    _, questions = question_data(load_form(form), form)
    assert not questions[0].readings


def test_the_api_module_is_the_only_declaration():
    # No second list of helper names beside it (as datamap's HELPER_READS once was).
    for path in (ROOT / "src" / "raportti").rglob("*.py"):
        if path.name == "templateapi.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert '"results_for_all"' not in source and "HELPER_READS" not in source, path
