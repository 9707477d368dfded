"""The fast YAML path gives exactly what ruamel.yaml's safe loader gives.

ruamel.yaml is the oracle here: every example file and a set of scalar and structure
edge cases are read both ways and compared with their types (True == 1 in Python, so
plain equality would hide a boolean read as a number).
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from raportti.source import events as yamlevents
from raportti.source.reader import _DATES, read_source

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_FILES = sorted((ROOT / "examples").rglob("*.yaml"))


def reference(text: str):
    yaml = YAML(typ="safe")
    yaml.allow_duplicate_keys = False
    return yaml.load(text)


def typed(value):
    """A value with every leaf tagged by its type, for comparison."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    return (type(value).__name__, value)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(ROOT / "examples")))
def test_example_files_read_alike(path):
    text = path.read_text(encoding="utf-8")
    assert typed(yamlevents.load(text, _DATES.construct_checked_timestamp)) == typed(reference(text))


SCALARS = [
    "1", "-1", "+7", "0", "007", "1_000", "0x1F", "0o17", "0b101", "12e3", "1.5", "-0.25", ".5", "1.",
    "1_000.5", ".inf", "-.Inf", ".NaN", "true", "False", "TRUE", "yes", "no", "on", "null", "~", "Null",
    "", "2019-08-31", "2019-08-31 10:00:00", "2019-08-31T10:00:00Z", "2019-8-1", "1:30", "0.1.2",
    "'5'", '"true"', "3,5", "1e3", "1 000", "12 %", "- x", "=", "kesken", "Tähän",
]


@pytest.mark.parametrize("context", ["value: {}\n", "list: [{}]\n"], ids=["block", "flow"])
@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_resolve_like_ruamel(scalar, context):
    text = context.format(scalar)
    try:
        expected = typed(reference(text))
    except YAMLError:
        pytest.skip("not valid YAML in this context")
    assert typed(yamlevents.load(text, _DATES.construct_checked_timestamp)) == expected


STRUCTURES = [
    "a: 1\nb: [1, 2, {c: d}]\n",
    "- 1\n- - 2\n  - 3\n",
    "? [1, 2]\n: x\n",  # a list as a key: unusual, left to ruamel.yaml
    "a: &x 1\nb: *x\n",
    "base: &b {k: 1}\nitem:\n  <<: *b\n  j: 2\n",
    "%YAML 1.1\n---\nv: yes\n",
    "a: !!str 5\n",
    "text: |\n  rivi\n\n  toinen\n",
    "text: >\n  taitettu\n  rivi\n",
    "2019: vuosi\n1.5: x\ntrue: t\n~: n\n",
]


@pytest.mark.parametrize("text", STRUCTURES)
def test_structures_read_like_ruamel(tmp_path, text):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    source, problems = read_source(path)
    assert not problems
    assert typed(source.data) == typed(reference(text))


@pytest.mark.parametrize("text", ["a: 1\n---\nb: 2\n", "a: [\n", "a: 1\na: 2\n", "d: 2019-02-30\n"])
def test_errors_are_reported_not_raised(tmp_path, text):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    source, problems = read_source(path)
    assert source is None and len(problems) == 1 and problems[0].line is not None


def test_dates_are_dates(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("d: 2019-08-31\n", encoding="utf-8")
    source, _ = read_source(path)
    assert source.data == {"d": datetime.date(2019, 8, 31)}
