"""Canonical layout of the data files (``raportti fmt``), so diffs show changes, not style.

Keys follow the order of the model's fields (the order the schema lists them); keys the
model does not know stay, after the known ones, in the order they were written, so
formatting never drops data. Indentation is normalised by a ruamel.yaml round trip
(mapping 2, sequence 4, offset 2) with a line width no text reaches, so long Markdown
lines are never re-wrapped; block scalars, flow mappings, quotes and comments stay as
the author wrote them.

Moving keys is done on the text, a mapping at a time: a key takes along its value and
the comment lines directly above it. ruamel.yaml attaches such a comment to the end of
the *previous* value, so reordering its data structure would move comments to the
wrong key.

Before a file is rewritten, its data (safe-loaded) and its comments are compared with
the original; a difference means a bug here, and the file is left alone.
"""

from __future__ import annotations

import io
import os
import re
import stat
import typing
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from raportti.i18n.messages import _
from raportti.schema.models import FILE_KINDS, Project
from raportti.schema.models.figures import Figure, Record
from raportti.problems import Problem
from raportti.project.loading import YEAR_FOLDER, YAML_SUFFIXES

# The walk over annotations is the one validation.py uses to name the keys allowed at a
# place in a file (figures are told apart by their keys there as here).
from raportti.schema.errors import model_class, annotation_step
from raportti.source.reader import read_bytes, read_source
from raportti.source.scratch import scratch

WIDTH = 2**31  # no line is folded, however long: a long Markdown line stays one line


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    return yaml


# -- which model a file follows -----------------------------------------------------------


def model_for(path: Path) -> type[BaseModel] | None:
    """The model of a data file from its name: project.yaml, or a kind in a year folder."""
    if path.suffix not in YAML_SUFFIXES:
        return None
    if path.stem == "project":
        return Project
    return FILE_KINDS.get(path.stem)


def project_files(root: Path) -> list[Path]:
    """The data files of a project folder: project.yaml and every year folder's files."""
    files = [root / f"project{s}" for s in YAML_SUFFIXES if (root / f"project{s}").is_file()]
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and YEAR_FOLDER.match(p.name)):
        files += sorted(p for p in folder.iterdir()
                        if p.is_file() and p.suffix in YAML_SUFFIXES and p.stem in FILE_KINDS)
    return files


# -- formatting text ----------------------------------------------------------------------


def format_text(text: str, model: type[BaseModel] | None) -> str:
    """The canonical form of one file's text. Raises YAMLError for text that is not YAML."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"
    head, text, tail = split_markers(text)
    if model is not None:
        text = reorder_keys(text, model)
    yaml = _round_trip()
    data = yaml.load(text)
    if data is None:  # only comments: nothing for the dumper to lay out
        return head + text + tail
    out = io.StringIO()
    yaml.dump(data, out)
    return head + out.getvalue() + tail


_DOCUMENT_START = re.compile(r"---[ \t]*(?:#.*)?")
_DOCUMENT_END = re.compile(r"\.\.\.[ \t]*(?:#.*)?")


def split_markers(text: str) -> tuple[str, str, str]:
    """``(head, body, tail)`` of a text ending in a newline: the head is a '---' line that
    starts the document and the comments above it, the tail a '...' line that ends it and
    the comments below. ruamel.yaml drops comments above '---', so head and tail are
    kept as written and only the body is laid out."""
    lines = text.split("\n")[:-1]
    start = 0
    for i, line in enumerate(lines):
        if line.startswith("%"):  # a directive governs how the body reads: keep it whole
            return "", text, ""
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if _DOCUMENT_START.fullmatch(line):
            start = i + 1
        break
    end = len(lines)
    for i in range(len(lines) - 1, start - 1, -1):
        if not lines[i].strip() or lines[i].lstrip().startswith("#"):
            continue
        if _DOCUMENT_END.fullmatch(lines[i]):
            end = i
        break
    join = lambda part: "".join(line + "\n" for line in part)  # noqa: E731
    return join(lines[:start]), join(lines[start:end]), join(lines[end:])


def reorder_keys(text: str, model: type[BaseModel]) -> str:
    """Put the keys of every block mapping in the model's field order."""
    # Each pass orders one mapping; moving a key moves whole lines, so positions are read
    # again from the new text. Files are small and most are already in order.
    for _ in range(10_000):
        root = _round_trip().compose(text)
        if root is None:
            return text
        move = _first_unordered(root, model)
        if move is None:
            return text
        text = _move_lines(text, *move)
    raise RuntimeError("reordering keys did not settle")  # pragma: no cover - a bug


def _desired(node: MappingNode, cls: type[BaseModel]) -> list[str]:
    keys = [k.value for k, _ in node.value]
    known = [name for name in cls.model_fields if name in keys]
    return known + [k for k in keys if k not in cls.model_fields]


def _child_annotation(annotation: Any, cls: type[BaseModel] | None, key: Any, keys: dict) -> Any:
    if cls is Record and isinstance(key, str) and key not in cls.model_fields:
        return typing.Optional[Figure]  # a record's own names are figures
    return annotation_step(annotation, key, keys)


def _first_unordered(node: Any, annotation: Any) -> tuple[MappingNode, list[str]] | None:
    """The first block mapping (depth first) whose keys are not in the model's order."""
    if annotation is None:
        return None
    if isinstance(node, MappingNode):
        if node.flow_style:  # kept as the author wrote it
            return None
        if not all(isinstance(k, ScalarNode) for k, _ in node.value):
            return None
        keys = {k.value: None for k, _ in node.value}
        cls = model_class(annotation, keys)
        if cls is not None:
            desired = _desired(node, cls)
            if desired != list(keys):
                return node, desired
        for key, value in node.value:
            found = _first_unordered(value, _child_annotation(annotation, cls, key.value, keys))
            if found:
                return found
    elif isinstance(node, SequenceNode) and not node.flow_style:
        for i, item in enumerate(node.value):
            found = _first_unordered(item, annotation_step(annotation, i, None))
            if found:
                return found
    return None


def _end_line(node: Any, key_line: int) -> int:
    """The first line after a node's content (``key_line``: the line of the key or "- "
    that introduces it). A block collection's own end mark is where the next token
    starts, and an empty value's marks are too, so both are worked out from what they hold."""
    if isinstance(node, ScalarNode) and node.start_mark.index == node.end_mark.index:
        return key_line + 1
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        key, value = node.value[-1]
        return _end_line(value, key.start_mark.line)
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        end = node.start_mark.line + 1
        for item in node.value:
            end = _end_line(item, item.start_mark.line if item.start_mark.index != item.end_mark.index else end)
        return end
    mark = node.end_mark
    return mark.line if mark.column == 0 else mark.line + 1


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _move_lines(text: str, node: MappingNode, desired: list[str]) -> str:
    lines = text.split("\n")
    pairs = node.value
    key_lines = [k.start_mark.line for k, _ in pairs]
    column = pairs[0][0].start_mark.column
    # A key's span starts at the comment lines directly above it (after the previous
    # value ends); the first key's leading comments belong to what encloses the mapping.
    starts = [key_lines[0]]
    for i in range(1, len(pairs)):
        start = key_lines[i]
        floor = _end_line(pairs[i - 1][1], key_lines[i - 1])
        while start - 1 >= floor and _is_comment(lines[start - 1]):
            start -= 1
        starts.append(start)
    end = _end_line(pairs[-1][1], key_lines[-1])
    first, prefix = key_lines[0], lines[key_lines[0]][:column]
    lines[first] = " " * column + lines[first][column:]  # "- " of a sequence item, put back below
    spans = {
        pairs[i][0].value: lines[starts[i]: (starts[i + 1] if i + 1 < len(pairs) else end)]
        for i in range(len(pairs))
    }
    # Blank lines ending a span separate groups of keys: they keep their place, and only
    # the keys and their comments move. Else a key moved up from the end of a group would
    # take the group's blank line along and land against the next group's comment.
    tails = []
    for key in (k.value for k, _ in pairs):
        span = spans[key]
        blank = 0
        while blank < len(span) - 1 and not span[len(span) - 1 - blank].strip():
            blank += 1
        spans[key] = span[: len(span) - blank]
        tails.append(span[len(span) - blank:])
    ordered = [list(spans[key]) + tails[i] for i, key in enumerate(desired)]
    head = ordered[0]
    at = next(i for i, line in enumerate(head) if not _is_comment(line))
    head[at] = prefix + head[at][column:]
    if at and prefix.strip():
        # Comments now above a sequence item's first key go above its "- ".
        dash_indent = len(prefix) - len(prefix.lstrip())
        head[:at] = [" " * dash_indent + line.lstrip() for line in head[:at]]
    new = [line for span in ordered for line in span]
    return "\n".join(lines[: starts[0]] + new + lines[end:])


# -- what must survive ----------------------------------------------------------------------


def comments(text: str) -> Counter:
    """Every comment of a YAML text, as written (from '#' to the end of its line).

    Found on the text itself: a '#' after a space or at a line's start, outside every
    scalar the parser reports. So a comment counts wherever it is: inside a flow
    mapping, above '---', after a block scalar's indicator.
    """
    return Counter(comment for _, comment in comment_places(text))


def comment_places(text: str) -> list[tuple[int, str]]:
    """``(offset, comment)`` for every comment of a YAML text."""
    spans = sorted(_spans(text))
    found = []
    at, i = 0, text.find("#")
    while i >= 0:
        while at < len(spans) and spans[at][1] <= i:
            at += 1
        inside = at < len(spans) and spans[at][0] <= i
        if not inside and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            found.append((i, text[i:end].rstrip()))
            i = text.find("#", end)
        else:
            i = text.find("#", i + 1)
    return found


def _spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every scalar of a YAML text."""
    from ruamel.yaml.events import ScalarEvent

    out = []
    for event in YAML(typ="safe").parse(text):
        if isinstance(event, ScalarEvent):
            start = event.start_mark.index
            if event.style in ("|", ">"):  # the indicator's line may end in a comment
                start = text.find("\n", start) + 1 or event.end_mark.index
            out.append((start, event.end_mark.index))
    return out


def _lost_comment_reason(text: str, lost: Counter) -> tuple[int, str]:
    """(line, message) for the first comment of ``text`` that formatting would lose."""
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    flows, stack = [], []
    for event in YAML(typ="safe").parse(text):
        if isinstance(event, CollectionStartEvent):
            stack.append(event)
        elif isinstance(event, CollectionEndEvent) and stack:
            started = stack.pop()
            if started.flow_style:
                flows.append((started.start_mark.index, event.end_mark.index))
    for offset, comment in comment_places(text):
        if lost[comment] <= 0:
            continue
        line = text.count("\n", 0, offset) + 1
        for start, end in flows:
            if start < offset < end:
                return line, (
                    _("The comment '{comment}' on line {line} is inside a {{…}} or […] written over "
                      "several lines, which fmt writes on one line, so the comment would be lost. The "
                      "file was left as it is: move the comment onto a line of its own above it.").format(comment=comment, line=line))
        return line, (_("Formatting would lose the comment '{comment}' on line {line}, so the file was "
                        "left as it is. Move the comment onto a line of its own.").format(comment=comment, line=line))
    return 1, _("Formatting would lose a comment, so the file was left as it is.")


def _same(a: Any, b: Any) -> bool:
    """Equal data, .nan equal to itself."""
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _safe(text: str) -> Any:
    return YAML(typ="safe").load(text)


# -- files ----------------------------------------------------------------------------------


@dataclass
class FormatResult:
    """What formatting did: the files that changed (or would), and problems."""

    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def format_file(path: Path, *, write: bool, result: FormatResult, root: Path | None = None) -> None:
    """Format one file, or leave it as it is and say why. ``root``: the project folder,
    which a link may not lead out of."""
    raw, problems = read_bytes(path, root)
    source, problems = read_source(path, root) if raw is not None else (None, problems)
    if source is None:
        result.problems.extend(problems)
        return
    try:
        formatted = format_text(source.text, model_for(path))
    except YAMLError as exc:  # read_source parsed it; the round-trip reader is stricter
        result.problems.append(Problem(_("The file cannot be formatted: {exc}.").format(exc=exc), file=path, code="fmt-failed"))
        return
    if formatted.encode("utf-8") == raw:
        result.unchanged.append(path)
        return
    try:
        same_data = _same(_safe(formatted), source.data)
        before, after = comments(source.text), comments(formatted)
    except YAMLError:
        same_data, before, after = False, Counter(), Counter()
    if same_data and before != after and before - after:
        line, message = _lost_comment_reason(source.text, before - after)
        result.problems.append(Problem(message, file=path, line=line, column=1, code="fmt-comment"))
        return
    if not same_data or before != after:
        result.problems.append(Problem(
            _("Formatting this file would change its data or lose a comment, so it was left as it is. "
              "This is a bug in raportti; please report it with the file."),
            file=path, line=1, column=1, code="fmt-unsafe"))
        return
    if write:
        try:
            _replace_text(path, formatted)
        except OSError as exc:
            result.problems.append(Problem(
                _("Cannot write '{name}': {value}; it was left as it is.").format(name=path.name, value=(exc.strerror or str(exc)).lower()),
                file=path, code="fmt-unwritable"))
            return
    result.changed.append(path)


def _replace_text(path: Path, text: str) -> None:
    """Write a file whole or not at all (through a link, to the file it leads to)."""
    real = path.resolve()
    for old in real.parent.glob(f".{real.name}.*.tmp"):  # left by a killed older version
        old.unlink(missing_ok=True)
    with scratch(real.parent) as place:  # removed however this ends; a kill's, by the next run
        tmp = place / "file.tmp"
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, stat.S_IMODE(os.stat(real).st_mode))
        os.replace(tmp, real)


def format_paths(paths: list[Path], *, write: bool = True) -> FormatResult:
    """Format project folders (every project below a folder), year folders and single files."""
    from raportti.project.loading import find_projects

    result = FormatResult()
    for given in paths:
        if given.is_file():
            if model_for(given) is None:
                result.problems.append(Problem(
                    _("'{given}' is not a data file raportti knows (project.yaml, or {items} in a year "
                      "folder).").format(given=given, items=', '.join(k + '.yaml' for k in FILE_KINDS)),
                    file=given, code="not-a-data-file"))
                continue
            folder = given.parent
            root = folder.parent if YEAR_FOLDER.match(folder.name) else folder
            format_file(given, write=write, result=result, root=root)
            continue
        if not given.exists():
            result.problems.append(Problem(_("'{given}' does not exist.").format(given=given), file=given, code="missing-folder"))
            continue
        if YEAR_FOLDER.match(given.name) and not (given / "project.yaml").is_file():
            for path in sorted(p for p in given.iterdir() if p.is_file() and model_for(p) and p.stem != "project"):
                format_file(path, write=write, result=result, root=given.parent)
            continue
        projects = [p for p in find_projects(given) if (p / "project.yaml").is_file() or (p / "project.yml").is_file()]
        if not projects:
            result.problems.append(Problem(
                _("No project.yaml in or below '{given}': nothing to format.").format(given=given), file=given, code="missing-project"))
        for project in projects:
            for path in project_files(project):
                format_file(path, write=write, result=result, root=project)
    return result
