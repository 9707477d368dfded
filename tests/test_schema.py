"""The committed JSON Schemas match the models, and accept the examples."""

from __future__ import annotations

import json

from conftest import EXAMPLES, ROOT
from raportti.report.jsonschema import json_schemas, stale_schemas


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


def _check_jsonschema(schema, files):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    assert exe, "check-jsonschema is installed with the test extra"
    return subprocess.run([exe, "--schemafile", str(schema), *map(str, files)], capture_output=True, text=True)


def test_independent_validator_accepts_every_example_file():
    by_kind: dict[str, list] = {}
    for path in EXAMPLES.rglob("*.yaml"):
        if "build" not in path.parts:
            by_kind.setdefault(path.stem, []).append(path)
    by_kind.setdefault("form", []).extend((ROOT / "templates").glob("*/form.yaml"))
    for kind, files in by_kind.items():
        result = _check_jsonschema(ROOT / "schemas" / f"{kind}.schema.json", files)
        assert result.returncode == 0, result.stdout + result.stderr


def test_independent_validator_rejects_an_unknown_key(tmp_path):
    bad = tmp_path / "goals.yaml"
    bad.write_text("goals:\n  - id: t1\n    txt: x\n", encoding="utf-8")
    result = _check_jsonschema(ROOT / "schemas" / "goals.schema.json", [bad])
    assert result.returncode != 0


def test_the_schema_command_writes_the_committed_schemas(tmp_path):
    from click.testing import CliRunner

    from raportti.cli.app import main

    out = tmp_path / "schemas"
    result = CliRunner().invoke(main, ["schema", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(json_schemas())
    for path in out.iterdir():
        assert path.read_text(encoding="utf-8") == (ROOT / "schemas" / path.name).read_text(encoding="utf-8")
    again = CliRunner().invoke(main, ["schema", "-o", str(out)])
    assert again.exit_code == 0 and "up to date" in again.output and "Wrote" not in again.output
