"""The package is organised by stage: imports point down the flow, never back up."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "raportti"

# The stages in flow order. A module may import from its own stage and the ones before it.
STAGES = ["problems", "i18n", "source", "schema", "project", "report", "writers", "checks",
          "build", "years", "importing", "preview", "cli"]
TOP_LEVEL = {"__init__", "__main__", "problems", "build"}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "raportti" or len(parts) < 2:
        return None
    return parts[1]


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            if node.module == "raportti":
                found.extend((f"raportti.{alias.name}", node.lineno) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
    return found


def test_top_level_holds_only_the_pipeline_and_the_packages_face():
    modules = {path.stem for path in SRC.glob("*.py")}
    assert modules <= TOP_LEVEL, f"modules at the top of src/raportti/: {sorted(modules - TOP_LEVEL)}"


def test_imports_point_down_the_flow():
    backwards = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        own = relative.parts[0].removesuffix(".py")
        if own not in STAGES:
            continue
        for module, line in _imports(path):
            stage = _stage(module)
            if stage is None or stage not in STAGES:
                continue
            if STAGES.index(stage) > STAGES.index(own):
                backwards.append(f"{relative}:{line}: {own} imports {module}")
    assert not backwards, "imports running back up a stage:\n" + "\n".join(backwards)
