"""Check that blocks sharing a namespace have different ids."""

from __future__ import annotations

from typing import Any

from raportti.i18n.messages import _
from raportti.problems import Problem, format_path
from raportti.project.loading import ProjectData
from raportti.project.walk import MODEL, walk_project


def check_block_ids(data: ProjectData) -> list[Problem]:
    """Blocks that share a namespace have different ids: ``{activities.hallinnointi.x}``
    and a report structure's pick of a block name one block, not the first of two."""
    problems = []
    seen: dict[tuple, tuple] = {}
    for source, item in walk_project(data, only=frozenset((MODEL,))):
        if item.what != MODEL:
            continue
        if not item.loc:  # a new file: its own namespace
            seen = {}
            continue
        # goal ids have their own check; a block is a list item with an id
        if item.file == "goals" or not isinstance(item.loc[-1], int) or not _has_id(item.value):
            continue
        first = seen.setdefault(item.scope, item.loc)
        if first is item.loc:
            continue
        line, column = source.position(first + ("id",))
        problems.append(source.problem(
            item.loc + ("id",),
            _("Block id '{value}' is already used at line {line}, column {column} ({format_path}) of this "
              "file. Figures and report structures find a block by its id: give one of the two blocks "
              "another id.").format(value=item.scope[-1], line=line, column=column, format_path=format_path(first)),
            path=format_path(item.loc + ("id",)), code="duplicate-id"))
    return problems


def _has_id(model: Any) -> bool:
    item_id = getattr(model, "id", None)
    return isinstance(item_id, str) and bool(item_id)
