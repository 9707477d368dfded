"""One model, many forms: every project builds with every report structure."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

import re

from conftest import PP, ROOT, VS
from raportti.build import build
from raportti.report.forms import NO_DATA, available_forms
from test_models import count_numbers


@pytest.mark.parametrize("project", [PP, VS], ids=["pohjois-pohjanmaa", "varsinais-suomi"])
@pytest.mark.parametrize("report", ["valikysely-2019", "loppuraportti"])
def test_every_project_builds_with_every_form(tmp_path, project, report):
    result = build(project, report=report, out_dir=tmp_path)
    markdown = (tmp_path / f"{report}.md").read_text(encoding="utf-8")
    total = sum(1 for _ in result.report.form.questions())
    # A question without data says so instead of leaving an empty heading.
    assert markdown.count(NO_DATA) == len(result.report.empty_questions) < total
    assert (tmp_path / f"{report}.docx").stat().st_size > 10_000


def test_built_in_forms():
    assert {"valikysely-2019", "loppuraportti"} <= set(available_forms())


def test_varsinais_suomi_keeps_at_least_200_figures_as_numbers():
    yaml = YAML(typ="safe")
    assert sum(count_numbers(yaml.load(p)) for p in VS.rglob("*.yaml") if "build" not in p.parts) >= 200
def test_no_python_module_names_a_project_region_or_data_year():
    pattern = re.compile(r"pohjois|varsinais|oulu|turku|\b20(1[7-9]|20)\b", re.IGNORECASE)
    offending = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in (ROOT / "src").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        # The JSON Schema dialect is called "draft 2020-12"; it is not a data year.
        if pattern.search(line) and "json-schema.org/draft/2020-12" not in line
    ]
    assert offending == []
