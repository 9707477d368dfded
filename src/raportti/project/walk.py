"""One walk of the data: every model, text, figure and number of a file, with its place.

Checks, references, bases, rules and diff are passes over this one walk (as docutils'
``NodeVisitor`` walks a tree once for many passes), so a field added to a model is seen
by all of them at once, and the rules of where a thing is (its scope, its basis, its
year) are written here only.

    for item in walk(model, file="activities", year=2025):
        if item.what == FIGURE: ...

Each :class:`Item` is one of

``MODEL``    a model: the file itself (``loc == ()``), a block, goal, indicator, result,
             monitoring group, staff row …; yielded before anything inside it.
``TEXT``     a Markdown field (``owner.<name>``), a string.
``FIGURES``  a ``figures:`` mapping (name → figure), even an empty one.
``FIGURE``   one figure of a ``figures:`` mapping (``top``), or a part of one (a
             breakdown's parts and record total, a record's entries); its value may be
             None (named, not filled in yet).
``NUMBER``   a number outside ``figures:`` that a report shows or compares: a field typed
             Count, Amount or Number (``project.staff[0].employees``, an indicator's
             target, a reach row's planned); years and versions are not numbers here.

Within a model its own texts come first, then its figures, then its numbers, then the
models inside it, in field order: the order in which a reader meets them in a document
(a block's text and figures before its sub-blocks).

Where an item is:

``loc``     the path in the file, as problems point at it: ``("sections", 0, "figures", "x")``.
``scope``   how other files and years name the place: the file is ``()``, a block or goal
            is its ``id`` inside its parents' ids, a monitoring group its name
            (``volunteers``), a nested model field its name. ``{2024.activities.x.y}`` and
            ``raportti diff`` name figures by it.
``key``     a name that stays the same from one year to the next: the scope, then field
            names; a list item is named by its id, or left out when its ``year`` says
            which it is (``staff.employees``), or by its position.
``year``    the year folder's year, or the ``year`` of the nearest row that has one
            (a staff row, an indicator's year, a grant).
``basis``   what a figure rests on: its own ``basis``, else the nearest enclosing one.
``title``   the title of the nearest enclosing block that has one.
``figures`` the non-empty ``figures:`` mappings in force, innermost first: where a
            ``{name}`` in a text is looked up.
``owner``, ``name``  the model holding the item and its field (or figure / part) name.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from pydantic import BaseModel

from raportti.schema.models.base import markdown_fields, number_fields
from raportti.schema.models.figures import Breakdown, FigureBase, Record

MODEL, TEXT, FIGURES, FIGURE, NUMBER = "model", "text", "figures", "figure", "number"


class Item:
    """One thing met on the walk; see the module's docstring for the fields."""

    __slots__ = ("what", "value", "loc", "scope", "key", "owner", "name", "top", "year",
                 "basis", "title", "figures", "file")

    def __init__(self, what: str, value: Any, loc: tuple, scope: tuple, key: tuple, owner: Any,
                 name: Any, year: Optional[int], basis: Optional[str], title: Optional[str],
                 figures: tuple, file: Optional[str], top: bool = True) -> None:
        self.what, self.value, self.loc, self.scope, self.key = what, value, loc, scope, key
        self.owner, self.name, self.year, self.basis, self.title = owner, name, year, basis, title
        self.figures, self.file, self.top = figures, file, top

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Item({self.what}, {self.loc!r}, scope={self.scope!r}, year={self.year})"


EVERYTHING = frozenset((MODEL, TEXT, FIGURES, FIGURE, NUMBER))


def walk(model: Any, *, file: Optional[str] = None, year: Optional[int] = None,
         basis: Optional[str] = None, only: frozenset[str] = EVERYTHING) -> Iterator[Item]:
    """Every item of ``model`` (a file's model, or a block or group of one), in order.

    ``file`` names the file (``"activities"``, ``"project"``) on every item; ``year`` is
    the year folder's; ``basis`` one that holds from outside (a file's, for a block).
    ``only``: the kinds of item wanted (``{FIGURE}``); the walk is the same, and faster
    when it need not make the others."""
    if isinstance(model, BaseModel):
        yield from _model(model, (), (), (), None, year, basis, None, (), file, only)


def walk_project(data: Any, only: frozenset[str] = EVERYTHING) -> Iterator[tuple[Any, Item]]:
    """``(source, item)`` for every item of a loaded project (a ``ProjectData``):
    project.yaml first, then each year's files in the order they are read."""
    if data.project is not None:
        for item in walk(data.project, file="project", only=only):
            yield data.project_source, item
    for number, year in data.years.items():
        for kind, model in year.files.items():
            source = year.sources[kind]
            for item in walk(model, file=kind, year=number, only=only):
                yield source, item


def figures_of(items: Iterator[Item]) -> Iterator[Item]:
    """Only the figures (and their parts) of a walk."""
    return (item for item in items if item.what == FIGURE)


def scope_inside(scope: tuple, name: str) -> tuple:
    """The scope of a model held in the field ``name`` of a model whose scope is ``scope``.

    monitoring's ``groups`` only holds the groups: each group is a scope of its own
    (``volunteers``), not ``groups.volunteers``."""
    return scope if name == "groups" and not scope else scope + (name,)


_PLANS: dict[type, tuple[tuple[str, ...], bool, tuple[str, ...], tuple[str, ...]]] = {}


def _plan(cls: type) -> tuple[tuple[str, ...], bool, tuple[str, ...], tuple[str, ...]]:
    """A model class's Markdown fields, whether it has figures, its number fields, and
    the fields that may hold models."""
    plan = _PLANS.get(cls)
    if plan is None:
        markdown, numbers = markdown_fields(cls), number_fields(cls)
        names = list(cls.model_fields)
        plan = _PLANS[cls] = (
            tuple(n for n in names if n in markdown),
            "figures" in names,
            tuple(n for n in names if n in numbers),
            tuple(n for n in names if n not in markdown and n not in numbers and n != "figures"),
        )
    return plan


def _model(root: BaseModel, loc: tuple, scope: tuple, key: tuple, owner: Any, year: Optional[int],
           basis: Optional[str], title: Optional[str], figures: tuple, file: Optional[str],
           only: frozenset[str]) -> Iterator[Item]:
    # Depth first with a stack of its own, not recursive generators: an item then passes
    # through one generator, not one per level above it.
    stack = [(root, loc, scope, key, owner, year, basis, title, figures)]
    want_model, want_text, want_figures, want_figure, want_number = (
        MODEL in only, TEXT in only, FIGURES in only, FIGURE in only, NUMBER in only)
    while stack:
        node, loc, scope, key, owner, year, basis, title, figures = stack.pop()
        if isinstance(node, FigureBase):
            continue
        # Field values straight from the instance: getattr of a name a model does not have
        # goes through Pydantic's __getattr__ and an exception, the walk's largest cost.
        values = node.__dict__
        basis = values.get("basis") or basis
        title = values.get("title") or title
        own = values.get("figures")
        if isinstance(own, dict) and own:
            figures = (own, *figures)
        if want_model:
            yield Item(MODEL, node, loc, scope, key, owner, loc[-1] if loc else None, year, basis, title,
                       figures, file)
        texts, has_figures, numbers, others = _plan(type(node))
        for name in texts if want_text else ():
            value = values.get(name)
            if isinstance(value, str):
                yield Item(TEXT, value, loc + (name,), scope, key + (name,), node, name, year, basis, title,
                           figures, file)
        if has_figures and isinstance(own, dict):
            here = loc + ("figures",)
            if want_figures:
                yield Item(FIGURES, own, here, scope, key, node, "figures", year, basis, title, figures, file)
            for name, figure in own.items() if want_figure else ():
                yield from _figure(figure, here + (name,), scope, key + (name,), node, name, year, basis,
                                   title, figures, file, True)
        inside: list[tuple] = []  # the models inside this one, in field order
        for name in numbers:
            value = values.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                if want_number:
                    yield Item(NUMBER, value, loc + (name,), scope, key + (name,), node, name, year, basis,
                               title, figures, file)
            elif isinstance(value, BaseModel):  # person_years: {min, max}
                inside.append((value, loc + (name,), scope_inside(scope, name), key + (name,), node,
                               year, basis, title, figures))
        for name in others:
            value = values.get(name)
            if isinstance(value, BaseModel):
                inside.append((value, loc + (name,), scope_inside(scope, name), key + (name,), node,
                               year, basis, title, figures))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if not isinstance(item, BaseModel):
                        continue
                    item_id = item.__dict__.get("id")
                    item_year = item.__dict__.get("year")
                    if not isinstance(item_year, int) or isinstance(item_year, bool):
                        item_year = None
                    if isinstance(item_id, str) and item_id:
                        inner, step = scope + (item_id,), (item_id,)
                    elif item_year is not None and by_year(type(item)):
                        inner, step = scope, ()
                    else:
                        inner, step = scope, (i,)
                    inside.append((item, loc + (name, i), inner, key + (name,) + step, node,
                                   item_year or year, basis, title, figures))
        stack.extend(reversed(inside))


_BY_YEAR: dict[type, bool] = {}


def by_year(cls: type) -> bool:
    """Whether rows of this model are told apart by their year (staff, grants, an
    indicator's years): its ``year`` is required, so each row has one."""
    found = _BY_YEAR.get(cls)
    if found is None:
        field = cls.model_fields.get("year")
        found = _BY_YEAR[cls] = field is not None and field.is_required()
    return found


def _figure(figure: Any, loc: tuple, scope: tuple, key: tuple, owner: Any, name: Any, year: Optional[int],
            basis: Optional[str], title: Optional[str], figures: tuple, file: Optional[str],
            top: bool) -> Iterator[Item]:
    if isinstance(figure, FigureBase) and figure.basis:
        basis = figure.basis
    yield Item(FIGURE, figure, loc, scope, key, owner, name, year, basis, title, figures, file, top)
    if isinstance(figure, Breakdown):
        if isinstance(figure.total, Record):
            yield from _figure(figure.total, loc + ("total",), scope, key + ("total",), figure, "total",
                               year, basis, title, figures, file, False)
        for part, sub in figure.parts.items():
            yield from _figure(sub, loc + ("parts", part), scope, key + (part,), figure, part, year,
                               basis, title, figures, file, False)
    elif isinstance(figure, Record):
        for part, sub in figure.items.items():
            yield from _figure(sub, loc + (part,), scope, key + (part,), figure, part, year, basis,
                               title, figures, file, False)
