"""The committed JSON Schemas match the models, and accept the examples."""

from __future__ import annotations

import json

from conftest import EXAMPLES, ROOT
from raportti.schema import json_schemas, stale_schemas


def test_committed_schemas_are_up_to_date():
    assert stale_schemas(ROOT / "schemas") == [], "run 'raportti schema' and commit schemas/"


def test_every_file_kind_has_a_schema_with_finnish_help():
    schemas = json_schemas()
    assert {"project.schema.json", "goals.schema.json", "activities.schema.json", "partners.schema.json",
            "results.schema.json", "monitoring.schema.json", "plans.schema.json", "year.schema.json"} <= set(schemas)
    project = schemas["project.schema.json"]
    assert "Hallinnoiva järjestö" in json.dumps(project, ensure_ascii=False)


def test_example_files_point_editors_at_their_schema():
    for path in EXAMPLES.rglob("*.yaml"):
        if "build" in path.parts:
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = path.stem
        assert first.startswith("# yaml-language-server: $schema="), path
        assert first.endswith(f"schemas/{kind}.schema.json"), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: {target} does not exist"
