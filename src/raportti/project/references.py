"""Resolving ``{figure}`` references in Markdown text to the figures' values.

A reference is looked up in the figures of the block the text is in, then of the
enclosing blocks, then of the file; ``{partners.x}`` names another file of the same year,
``{project.x}`` project.yaml, ``{2024.activities.x}`` another year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from pydantic import BaseModel

from raportti.i18n.messages import _, ngettext
from raportti.schema.models.base import LETTERS
from raportti.schema.models.files import FILE_KINDS
from raportti.schema.models.figures import FORMATS, format_figure, part, part_names
from raportti.i18n.suggestions import did_you_mean, suggestion
from raportti.problems import Problem, format_path
from raportti.project.provenance import FigureSource, mark
from raportti.project.walk import FIGURES, MODEL, TEXT, walk
from raportti.source.reader import SourceFile

REFERENCE = re.compile(
    rf"\{{\{{|\}}\}}|\{{(?P<path>[{LETTERS}0-9_][{LETTERS}0-9_\-]*(?:\.[{LETTERS}0-9_\-]+)*)(?::(?P<fmt>[a-z]+))?\}}"
)
STRAY_BRACE = re.compile(r"[{}]")
# What a reference to an empty figure shows: visibly unfinished, in the form of the
# '[täydennä: …]' draft marker that checks.py looks for in written text.
EMPTY_PLACEHOLDER = "[täydennä: {}]"


def _literal() -> str:
    return _(" Write '{{' or '}}' for a brace that is meant to show.")


def brace_mistakes(chunk: str) -> Iterator[tuple[int, str]]:
    """(offset, message) for each brace of ``chunk`` (text with no reference in it)."""
    i = 0
    while True:
        match = STRAY_BRACE.search(chunk, i)
        if match is None:
            return
        at = match.start()
        if match.group(0) == "}":
            yield at, _("A '}' with no '{' before it: a figure reference is written {name}.") + _literal()
            i = at + 1
            continue
        close = chunk.find("}", at + 1)
        opened_again = chunk.find("{", at + 1)
        if close < 0 or 0 <= opened_again < close:
            yield at, (_("A '{' that is never closed: finish the figure reference with '}', as in "
                         "{team_meetings}.")
                       + _literal())
            i = at + 1
            continue
        inside = chunk[at + 1 : close]
        if REFERENCE.fullmatch("{" + inside.strip() + "}") and inside.strip():
            yield at, (_("A figure reference is written without spaces inside the braces: {{{value}}}, "
                         "not {{{inside}}}.").format(value=inside.strip(), inside=inside))
        else:
            shown = inside if len(inside) <= 30 else inside[:27] + "…"
            yield at, (_("'{{{shown}}}' is not a figure reference: a '{{' must be closed right after the "
                         "figure's name, as in {{team_meetings}} or {{survey.responded}}.").format(shown=shown) + _literal())
        i = close + 1


@dataclass
class FigureIndex:
    """Where a file's figures live: top-level, and in blocks that have an ``id``."""

    scopes: dict[tuple[str, ...], dict[str, Any]] = field(default_factory=dict)

    def lookup(self, segments: list[str]) -> tuple[Any, list[str]] | None:
        # Longest scope prefix first, so ``{activities.kuntataso.agents}`` finds the block.
        for length in range(min(len(segments) - 1, 4), -1, -1):
            prefix = tuple(segments[:length])
            figures = self.scopes.get(prefix)
            if figures is not None and length < len(segments) and segments[length] in figures:
                return figures[segments[length]], segments[length + 1 :]
        # ``{2024.activities.team_meetings}`` for a figure inside a block: the block's id
        # may be left out when only one place in the file has a figure of that name.
        holders = [figs for figs in self.scopes.values() if segments[0] in figs]
        if len(holders) == 1:
            return holders[0][segments[0]], segments[1:]
        return None

    def names(self) -> list[str]:
        return [".".join((*prefix, name)) for prefix, figs in self.scopes.items() for name in figs]


def index_figures(model: BaseModel) -> FigureIndex:
    index = FigureIndex()
    for prefix, figures in iter_scopes(model):
        index.scopes.setdefault(prefix, {}).update(figures)
    return index


def iter_scopes(model: Any) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """``(scope, figures)`` of a file's model and every part of it that has figures; a
    scope is as :mod:`raportti.project.walk` names it."""
    for item in walk(model, only=frozenset((FIGURES,))):
        if item.what == FIGURES:
            yield item.scope, item.value


@dataclass
class Resolver:
    """Resolves references for one project; collects problems."""

    project_figures: dict[str, Any]
    years: dict[int, dict[str, FigureIndex]]
    # (year, kind) of files that failed validation; (None, "project") for project.yaml.
    unavailable: set[tuple[int | None, str]] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    # (year, kind) of files that are not there (or empty) → the references into each.
    absent: dict[tuple[int, str], list[tuple]] = field(default_factory=dict)
    _args: dict = field(default_factory=dict)  # the values of the next problem's message
    # When a list is given, each figure put into a text is marked with its index in it
    # (see raportti.project.provenance); ``paths`` then names the files other years' figures are in.
    provenance: list[FigureSource] | None = None
    paths: dict[tuple[int | None, str], Any] = field(default_factory=dict)
    uncomputed: set = field(default_factory=set)  # see ProjectData.uncomputed
    _scope_locs: dict[int, tuple] = field(default_factory=dict, repr=False)

    def resolve_model(self, model: BaseModel, source: SourceFile, year: int | None) -> None:
        """Replace every Markdown field's references in ``model`` by figure values."""
        only = frozenset((TEXT,)) if self.provenance is None else frozenset((TEXT, MODEL))
        for item in walk(model, only=only):
            if item.what == TEXT:
                setattr(item.owner, item.name,
                        self.resolve_text(item.value, item.loc, item.figures, source, year))
            elif item.what == MODEL and self.provenance is not None:
                # before its texts: a text's figures may be its own model's
                own = getattr(item.value, "figures", None)
                if isinstance(own, dict):
                    self._scope_locs[id(own)] = item.loc + ("figures",)

    def resolve_text(self, text: str, loc: tuple, scopes: tuple[dict, ...], source: SourceFile, year: int | None) -> str:
        if "{" not in text and "}" not in text:
            return text
        out: list[str] = []
        last = 0
        for match in REFERENCE.finditer(text):
            out.append(self._check_stray(text[last : match.start()], last, loc, source))
            last = match.end()
            token = match.group(0)
            if token == "{{":
                out.append("{")
                continue
            if token == "}}":
                out.append("}")
                continue
            out.append(self._reference(match, loc, scopes, source, year))
        out.append(self._check_stray(text[last:], last, loc, source))
        return "".join(out)

    def _check_stray(self, chunk: str, offset: int, loc: tuple, source: SourceFile) -> str:
        """Braces between references: each is an error, as the text would reach the
        document with the brace in it (literal braces are written ``{{`` and ``}}``)."""
        if "{" not in chunk and "}" not in chunk:
            return chunk
        for at, message in brace_mistakes(chunk):
            self.problems.append(source.problem(
                loc, message, path=format_path(loc), code="stray-brace", offset=offset + at))
        return chunk

    def _reference(self, match: re.Match, loc: tuple, scopes: tuple[dict, ...], source: SourceFile, year: int | None) -> str:
        path = match.group("path")
        fmt = match.group("fmt")
        segments = path.split(".")

        def fail(message: str, code: str = "unknown-figure") -> str:
            args, self._args = self._args, {}
            self.problems.append(
                source.problem(loc, message, path=format_path(loc), code=code, offset=match.start(), args=args)
            )
            return match.group(0)

        if fmt is not None and fmt not in FORMATS:
            return fail(
                _("Unknown format ':{fmt}' in {{{path}:{fmt}}}; use one of: {items}.").format(fmt=fmt, path=path, items=', '.join(FORMATS)),
                code="unknown-format",
            )
        found = self._find(segments, scopes, year)
        if found is None and self._in_unavailable_file(segments, year):
            return match.group(0)
        if found is None:
            absent = self._absent_file(segments, scopes, year)
            if absent is not None:
                # One cause, one message: every reference into a file that is not there
                # is listed under the first (see ``absent_file_problems``).
                self.absent.setdefault(absent, []).append(
                    (source, loc, match.start(), path))
                return match.group(0)
            names = self._visible_names(scopes, year, segments)
            self._args = {"name": path, "match": did_you_mean(path, names)}
            return fail(_("Unknown figure '{path}' in {{{path}}}.").format(path=path) + suggestion(
                path, names, otherwise=_(" Define it under 'figures:' in this block, an enclosing block "
                                         "or the file.")))
        figure, rest, shown, origin = found
        computed = getattr(figure, "computed", None)
        if figure is None:
            if origin[0] == "scope" and (origin[1], origin[2]) in self.uncomputed:
                return EMPTY_PLACEHOLDER.format(shown)  # the survey's error says why
            return self._empty(match, loc, source, shown)
        for step in rest:
            sub = part(figure, step)
            if sub is None:
                names = part_names(figure)
                return fail(_("'{shown}' has no part '{step}' (in {{{path}}}).").format(shown=shown, step=step, path=path) + suggestion(
                    step, names, otherwise=_(" Its parts: {items}.").format(items=', '.join(names)) if names else ""))
            figure = sub
            shown += "." + step
        text = format_figure(figure, fmt, document=True)
        if text is None:
            names = part_names(figure)
            hint = _(" Name one of its parts, e.g. {{{path}.{value}}}.").format(path=path, value=names[0]) if names else ""
            return fail(_("'{path}' has several values and no single one to show.{hint}").format(path=path, hint=hint), code="ambiguous-figure")
        if self.provenance is not None:
            figure_source = self._figure_source(path, shown, origin, source)
            if computed is not None:
                figure_source.computed = computed.describe()
            self.provenance.append(figure_source)
            return mark(text, len(self.provenance) - 1)
        return text

    def _figure_source(self, path: str, shown: str, origin: tuple, source: SourceFile) -> FigureSource:
        """Where the figure ``path`` is defined; ``shown`` is the name found plus the
        parts named after it (``partner_count.total``)."""
        where, place, found, key = origin
        tail = shown[len(found):]
        if where == "scope":
            figures_loc = self._scope_locs.get(place)
            loc = (*figures_loc, key) if figures_loc is not None else None
            return FigureSource(reference=path, key=(format_path(loc) if loc else key) + tail,
                                source=source, loc=loc)
        if where == "project":
            return FigureSource(reference=path, key=key + tail, source=self.paths.get((None, "project")),
                                loc=tuple(key.split(".")))
        return FigureSource(reference=path, key=key + tail, source=self.paths.get(place))

    def _empty(self, match: re.Match, loc: tuple, source: SourceFile, shown: str) -> str:
        """A figure named but not filled in yet: a visible placeholder and a warning, so a
        year started by ``raportti new-year`` builds while it is being written."""
        self.problems.append(source.problem(
            loc, _("Figure '{shown}' has no value yet: the text shows '{value}'.").format(shown=shown, value=EMPTY_PLACEHOLDER.format(shown)),
            path=format_path(loc), severity="warning", code="empty-figure", offset=match.start(),
            args={"name": shown, "in_text": True}))
        return EMPTY_PLACEHOLDER.format(shown)

    def _find(self, segments: list[str], scopes: tuple[dict, ...], year: int | None):
        first = segments[0]
        for figures in scopes:
            if first in figures:
                return figures[first], segments[1:], first, ("scope", id(figures), first, first)
        if first == "project" and len(segments) > 1 and segments[1] in self.project_figures:
            shown = ".".join(segments[:2])
            return self.project_figures[segments[1]], segments[2:], shown, ("project", None, shown, f"figures.{segments[1]}")
        target_year = year
        rest = segments
        if first.isdigit() and len(first) == 4:
            target_year = int(first)
            rest = segments[1:]
        if target_year is not None and rest and rest[0] in self.years.get(target_year, {}):
            found = self.years[target_year][rest[0]].lookup(rest[1:]) if len(rest) > 1 else None
            if found:
                figure, tail = found
                consumed = len(segments) - len(tail)
                in_file = ".".join(rest[1 : len(rest) - len(tail)])
                return figure, tail, ".".join(segments[:consumed]), ("file", (target_year, rest[0]),
                                                                      ".".join(segments[:consumed]), in_file)
        return None

    def _in_unavailable_file(self, segments: list[str], year: int | None) -> bool:
        first = segments[0]
        if first == "project":
            return (None, "project") in self.unavailable
        if first.isdigit() and len(first) == 4 and len(segments) > 1:
            return (int(first), segments[1]) in self.unavailable
        return (year, first) in self.unavailable

    def _visible_names(self, scopes: tuple[dict, ...], year: int | None, segments: list[str] = ()) -> list[str]:
        first = segments[0] if segments else ""
        if first.isdigit() and len(first) == 4:
            # A reference into another year is suggested names of that year, year kept.
            return [f"{first}.{kind}.{name}" for kind, index in self.years.get(int(first), {}).items()
                    for name in index.names()]
        names = [name for figures in scopes for name in figures]
        names += [f"project.{name}" for name in self.project_figures]
        for kind, index in self.years.get(year, {}).items() if year is not None else ():
            names += [f"{kind}.{name}" for name in index.names()]
        return names

    def _absent_file(self, segments: list[str], scopes: tuple[dict, ...], year: int | None) -> tuple | None:
        """``(year, kind)`` when a reference names a file of a year (``partners.x``,
        ``2024.partners.x``) that was not read because it is not there or is empty."""
        first = segments[0]
        if any(first in figures for figures in scopes):
            return None
        target, rest = year, segments
        if first.isdigit() and len(first) == 4:
            target, rest = int(first), segments[1:]
        if target is None or len(rest) < 2 or rest[0] not in FILE_KINDS:
            return None
        if rest[0] in self.years.get(target, {}) or (target, rest[0]) in self.unavailable:
            return None
        return target, rest[0]

    def absent_file_problems(self, folders: dict[int, Any]) -> list[Problem]:
        """One error per missing or empty file that texts refer to, at the first reference."""
        out = []
        for (year, kind), uses in self.absent.items():
            source, loc, offset, first = uses[0]
            names = list(dict.fromkeys(use[3] for use in uses))
            listed = ", ".join(f"{{{n}}}" for n in names[:3]) + (_(" and {value} more").format(value=len(names) - 3) if len(names) > 3 else "")
            folder = folders.get(year)
            state = "no-folder" if folder is None else "empty" if any(
                (folder / f"{kind}{suffix}").is_file() for suffix in (".yaml", ".yml")) else "missing"
            if folder is None:
                where = _("there is no year folder {year}").format(year=year)
                todo = _("Check the year in the references, or add the folder {year}/.").format(year=year)
            elif any((folder / f"{kind}{suffix}").is_file() for suffix in (".yaml", ".yml")):
                where = _("{year}/{kind}.yaml is empty").format(year=year, kind=kind)
                todo = _("Write those figures under 'figures:' in {year}/{kind}.yaml.").format(year=year, kind=kind)
            else:
                where = _("{year}/{kind}.yaml does not exist").format(year=year, kind=kind)
                todo = _("Create {year}/{kind}.yaml with those figures, or remove the references.").format(year=year, kind=kind)
            said = ngettext("A reference to figures of {kind}.yaml ({listed}), but {where}. {todo}",
                            "{n} references to figures of {kind}.yaml ({listed}), but {where}. {todo}", len(uses))
            out.append(source.problem(
                loc, said.format(n=len(uses), kind=kind, listed=listed, where=where, todo=todo),
                path=format_path(loc), code="missing-file", offset=offset,
                args={"count": len(uses), "names": names, "year": year, "kind": kind, "state": state}))
        return out

