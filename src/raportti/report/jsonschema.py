"""JSON Schema for each file kind, for editors (autocompletion, hover help, checks)."""

from __future__ import annotations

import json
from pathlib import Path

from raportti.report.forms import Form
from raportti.schema.models import FILE_KINDS, Project

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TITLES = {
    "project": "raportti: project.yaml (hankkeen perustiedot)",
    "year": "raportti: year.yaml (raporttivuoden tiedot)",
    "goals": "raportti: goals.yaml (tavoitteet)",
    "activities": "raportti: activities.yaml (toiminta)",
    "partners": "raportti: partners.yaml (yhteistyökumppanit ja kohderyhmä)",
    "results": "raportti: results.yaml (tulokset)",
    "monitoring": "raportti: monitoring.yaml (seuranta- ja arviointitieto)",
    "plans": "raportti: plans.yaml (suunnitelmat)",
    "form": "raportti: form.yaml (raporttipohja)",
}


def json_schemas() -> dict[str, dict]:
    """File name → schema, for every kind of file raportti reads."""
    models = {"project": Project, **FILE_KINDS, "form": Form}
    out = {}
    for kind, model in models.items():
        schema = _any_of(model.model_json_schema())
        schema = {"$schema": SCHEMA_DIALECT, "title": _TITLES[kind], **{k: v for k, v in schema.items() if k != "title"}}
        out[f"{kind}.schema.json"] = schema
    return out


def _any_of(node):
    """Pydantic writes discriminated unions as ``oneOf``; a figure's kinds overlap in JSON
    Schema (an integer is also a number; a score's keys also fit a record), so exactly-one
    would reject valid data. The kind is decided by raportti; the schema only checks shape."""
    if isinstance(node, dict):
        return {("anyOf" if k == "oneOf" else k): _any_of(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_any_of(v) for v in node]
    return node


def render_schema(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas; returns the files whose content changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, schema in json_schemas().items():
        path = folder / name
        text = render_schema(schema)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files that are missing or differ from what the models say."""
    stale = []
    for name, schema in json_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != render_schema(schema):
            stale.append(name)
    return stale
