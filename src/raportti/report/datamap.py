"""Which data each question of a form reads, found by reading the form's Jinja templates.

``raportti reports NAME`` prints it and ``raportti init`` writes it into its comments.
It is derived from the templates themselves (never declared beside them), so it stays
true when a form changes. The templates are not run: their syntax trees are walked with
symbolic values that stand for "year 2024's monitoring.yaml, at groups.employees" and
the like, following variables, loops, macros, imports and includes. Every attribute
read from such a value is recorded, then cut to the data format's own keys (a key that
holds text, figures or narrative blocks ends the path).

It follows the template API's helpers by what each is declared to return and read
(:mod:`raportti.report.templateapi`). What it cannot see: which branch of an ``if`` a
project takes (both are read).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import jinja2
from jinja2 import nodes
from pydantic import BaseModel

from raportti.i18n.messages import _
from raportti.report.forms import Form, Question
from raportti.report.templateapi import TEMPLATE_API
from raportti.schema.models import FILE_KINDS, Project
from raportti.schema.models.files import Block, GoalChange

# -- symbolic values -------------------------------------------------------------------


@dataclass(frozen=True)
class Years:
    """Which year a file is read from, relative to the report's year.

    ``kind``: "report" (the report year plus ``offset``), "each" (every year folder
    that passes ``bounds``), "in-force" (the goals.yaml in force in report year plus
    ``offset``), "goal-sets" (every goals.yaml), "any" (not known).
    """

    kind: str
    offset: int = 0
    bounds: tuple[tuple[str, int], ...] = ()  # (operator, offset from the report year)

    def covers(self, year: int, report_year: int) -> bool:
        """Whether a project's year folder ``year`` is read by a report of ``report_year``."""
        if self.kind == "report":
            return year == report_year + self.offset
        if self.kind == "in-force":
            return year <= report_year + self.offset
        if self.kind == "each":
            return all(_compare(year, op, report_year + off) for op, off in self.bounds)
        return True

    def describe(self, report_year: Optional[int]) -> str:
        def year(offset: int) -> str:
            if report_year is not None:
                return str(report_year + offset)
            if offset == -1:
                return _("the year before the report year")
            if offset:
                return _("the report year {offset}").format(offset=f"{offset:+d}")
            return _("the report year")

        if self.kind == "report":
            return year(self.offset)
        if self.kind == "in-force":
            if report_year is None and self.offset == 0:
                return _("in force in the report year")
            if report_year is None and self.offset == -1:
                return _("in force in the year before the report year")
            return _("in force in {year}").format(year=year(self.offset))
        if self.kind == "goal-sets":
            return _("every year that has one")
        if self.kind == "each":
            words = {"lt": _("before {year}"), "lteq": _("up to {year}"), "gt": _("after {year}"),
                     "gteq": _("from {year}"), "eq": _("of {year}"), "ne": _("except {year}")}
            if not self.bounds:
                return _("every year")
            return _("every year {bounds}").format(bounds=_(" and ").join(
                words[op].format(year=year(off)) for op, off in self.bounds))
        return _("some year")


def _compare(a: int, op: str, b: int) -> bool:
    return {"lt": a < b, "lteq": a <= b, "gt": a > b, "gteq": a >= b, "eq": a == b, "ne": a != b}[op]


@dataclass(frozen=True)
class Ref:
    """A place in the data: a file (``project`` or a year file's kind), which year, a path."""

    kind: str
    years: Optional[Years]
    path: tuple[str, ...] = ()

    def child(self, name: str) -> "Ref":
        return Ref(self.kind, self.years, (*self.path, name))

    def select(self, key: str, value: str) -> "Ref":
        """The list items (``sections``, ``results``) whose ``key`` equals ``value``."""
        if not self.path:
            return self
        return Ref(self.kind, self.years, (*self.path[:-1], f"{self.path[-1]}[{key}={value}]"))


@dataclass(frozen=True)
class YearNum:
    """A year number in a template: the report year plus an offset, or a loop's year."""

    years: Years


@dataclass(frozen=True)
class YearView:
    years: Years


@dataclass(frozen=True)
class Const:
    value: Any


@dataclass(frozen=True)
class Func:
    name: str


@dataclass(frozen=True)
class Seq:
    """A list whose items are ``item``."""

    item: Any


@dataclass(frozen=True)
class Tup:
    items: tuple


@dataclass
class Namespace:
    attrs: dict[str, list] = field(default_factory=dict)


@dataclass(frozen=True)
class Macro:
    node: nodes.Macro
    template: str


@dataclass
class Module:
    macros: dict[str, Macro]


class _Report:
    """``report``: the form; its year is what years are counted from."""


UNKNOWN = object()
#: ``report.X`` that project.yaml's ``reports: {FORM: {X: …}}`` sets, and the key it falls back to.
REPORT_INFO = {"date": "report_date", "project_name": "name", "author": "organisation"}
REPORT = _Report()
FILE_KEYS = {"year": "meta"}  # YearView attribute → file kind where they differ

# -- the walk --------------------------------------------------------------------------


@dataclass
class Reading:
    """One file read by a question: which file, from which years, which keys."""

    kind: str
    years: Optional[Years]
    keys: list[str]

    @property
    def file(self) -> str:
        return "project.yaml" if self.kind == "project" else f"{self.kind}.yaml"

    def where(self, report_year: Optional[int]) -> str:
        if self.years is None:
            return self.file
        said = self.years.describe(report_year)
        if self.years.kind == "report" and report_year is not None:
            return f"{said}/{self.file}"
        if self.years.kind == "in-force":
            return _("{file} {years} (the latest one up to that year)").format(file=self.file, years=said)
        return _("{file} of {years}").format(file=self.file, years=said)

    def shown_keys(self) -> str:
        """The keys, those under the same parent together: ``groups.employees: text, use``."""
        groups: dict[str, list[str]] = {}
        for key in self.keys:
            parent, _, leaf = key.rpartition(".")
            groups.setdefault(parent, []).append(leaf)
        parts = []
        for parent, leaves in groups.items():
            if not parent:
                parts.extend(leaves)
            elif len(leaves) == 1:
                parts.append(f"{parent}.{leaves[0]}")
            else:
                parts.append(f"{parent} ({', '.join(leaves)})")
        return ", ".join(parts)


class _Walker:
    def __init__(self, env: jinja2.Environment, form: Form):
        self.env = env
        self.form = form
        self.found: list[Ref] = []
        self.stack: list[str] = []
        self.modules: dict[str, Module] = {}

    # recording

    def record(self, ref: Ref) -> None:
        if ref not in self.found:
            self.found.append(ref)

    # templates

    def template(self, name: str, scope: dict) -> None:
        if name in self.stack or len(self.stack) > 20:
            return
        try:
            source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            return
        self.stack.append(name)
        try:
            self.body(self.env.parse(source, name=name).body, scope, name)
        finally:
            self.stack.pop()

    def source(self, text: str, scope: dict) -> None:
        self.body(self.env.parse(text).body, scope, "<answer>")

    def module(self, name: str) -> Module:
        if name not in self.modules:
            self.modules[name] = Module({})
            try:
                source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
            except jinja2.TemplateNotFound:
                return self.modules[name]
            tree = self.env.parse(source, name=name)
            for node in tree.find_all(nodes.Macro):
                self.modules[name].macros[node.name] = Macro(node, name)
        return self.modules[name]

    def body(self, statements: Iterable[nodes.Node], scope: dict, where: str) -> None:
        for node in statements:
            self.statement(node, scope, where)

    def statement(self, node: nodes.Node, scope: dict, where: str) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, scope)
        elif isinstance(node, nodes.Assign):
            self.assign(node.target, self.expr(node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body, scope, where)
            self.assign(node.target, [UNKNOWN], scope)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            self.body(node.body, scope, where)
            for elif_ in node.elif_:
                self.statement(elif_, scope, where)
            self.body(node.else_, scope, where)
        elif isinstance(node, nodes.For):
            self.for_loop(node, scope, where)
        elif isinstance(node, nodes.Macro):
            scope[node.name] = [Macro(node, where)]
        elif isinstance(node, nodes.Import):
            name = self.const(node.template, scope)
            if isinstance(name, str):
                scope[node.target] = [self.module(name)]
        elif isinstance(node, nodes.FromImport):
            name = self.const(node.template, scope)
            if isinstance(name, str):
                module = self.module(name)
                for item in node.names:
                    source, alias = item if isinstance(item, tuple) else (item, item)
                    if source in module.macros:
                        scope[alias] = [module.macros[source]]
        elif isinstance(node, nodes.Include):
            name = self.const(node.template, scope)
            if isinstance(name, str):
                self.template(name, scope)
        elif isinstance(node, (nodes.With,)):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values):
                self.assign(target, self.expr(value, scope), inner)
            self.body(node.body, inner, where)
        elif isinstance(node, (nodes.Scope, nodes.ScopedEvalContextModifier, nodes.FilterBlock)):
            self.body(node.body, scope, where)
        elif isinstance(node, nodes.CallBlock):
            self.expr(node.call, scope)
            self.body(node.body, scope, where)
        elif isinstance(node, nodes.ExprStmt):
            self.expr(node.node, scope)

    def const(self, node: nodes.Node, scope: dict) -> Any:
        values = self.expr(node, scope)
        for value in values:
            if isinstance(value, Const):
                return value.value
        return None

    def assign(self, target: nodes.Node, values: list, scope: dict) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = values
        elif isinstance(target, nodes.NSRef):
            for ns in scope.get(target.name, []):
                if isinstance(ns, Namespace):
                    previous = ns.attrs.get(target.attr, [])
                    ns.attrs[target.attr] = [*previous, *(v for v in values if v not in previous)]
        elif isinstance(target, nodes.Tuple):
            for i, item in enumerate(target.items):
                parts = [v.items[i] for v in values if isinstance(v, Tup) and i < len(v.items)]
                self.assign(item, parts or [UNKNOWN], scope)

    def for_loop(self, node: nodes.For, scope: dict, where: str) -> None:
        items = [self.item_of(v) for v in self.expr(node.iter, scope)]
        inner = dict(scope)
        inner["loop"] = [UNKNOWN]
        items = [self.narrowed(item, node.target, node.test, scope) for item in items]
        self.assign(node.target, items or [UNKNOWN], inner)
        if node.test is not None:
            self.expr(node.test, inner)
        self.body(node.body, inner, where)
        self.body(node.else_, scope, where)

    def item_of(self, value: Any) -> Any:
        if isinstance(value, Ref):
            return value
        if isinstance(value, Seq):
            return value.item
        if value == Func("years"):
            return YearNum(Years("each"))
        return UNKNOWN

    def narrowed(self, item: Any, target: nodes.Node, test: Optional[nodes.Node], scope: dict) -> Any:
        """A loop's item as its ``if`` narrows it: ``y < report.year`` bounds a year,
        ``b.id == "opitut"`` selects list items."""
        if test is None or not isinstance(target, nodes.Name):
            return item
        compares = [test] if isinstance(test, nodes.Compare) else []
        for compare in [*compares, *test.find_all(nodes.Compare)]:
            if len(compare.ops) != 1:
                continue
            op = compare.ops[0]
            left, right = compare.expr, op.expr
            if isinstance(item, YearNum) and isinstance(left, nodes.Name) and left.name == target.name:
                for other in self.expr(right, scope):
                    if isinstance(other, YearNum) and other.years.kind == "report":
                        bounds = (*item.years.bounds, (op.op, other.years.offset))
                        item = YearNum(Years("each", bounds=bounds))
            elif (isinstance(item, Ref) and op.op == "eq" and isinstance(left, nodes.Getattr)
                  and isinstance(left.node, nodes.Name) and left.node.name == target.name):
                value = self.const(right, scope)
                if isinstance(value, str):
                    item = item.select(left.attr, value)
        return item

    # expressions

    def expr(self, node: nodes.Node, scope: dict) -> list:
        if isinstance(node, nodes.Const):
            return [Const(node.value)]
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            return [self.global_(node.name)]
        if isinstance(node, nodes.Getattr):
            return [a for v in self.expr(node.node, scope) for a in self.attr(v, node.attr)]
        if isinstance(node, nodes.Getitem):
            keys = self.expr(node.arg, scope)
            out = []
            for value in self.expr(node.node, scope):
                for key in keys:
                    if isinstance(key, Const) and isinstance(key.value, str):
                        out.extend(self.attr(value, key.value))
                    elif isinstance(value, Tup) and isinstance(key, Const) and isinstance(key.value, int):
                        out.append(value.items[key.value] if key.value < len(value.items) else UNKNOWN)
                    else:
                        out.append(value if isinstance(value, Ref) else self.item_of(value))
            return out
        if isinstance(node, nodes.Call):
            return self.call(node, scope)
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Test):
            self.expr(node.node, scope)
            for arg in node.args:
                self.expr(arg, scope)
            return [UNKNOWN]
        if isinstance(node, nodes.CondExpr):
            self.expr(node.test, scope)
            out = self.expr(node.expr1, scope)
            if node.expr2 is not None:
                out = out + self.expr(node.expr2, scope)
            return out
        if isinstance(node, nodes.Or):
            return self.expr(node.left, scope) + self.expr(node.right, scope)
        if isinstance(node, (nodes.Add, nodes.Sub)):
            left, right = self.expr(node.left, scope), self.expr(node.right, scope)
            out = []
            for a in left:
                for b in right:
                    if isinstance(a, YearNum) and a.years.kind == "report" and isinstance(b, Const) \
                            and isinstance(b.value, int):
                        sign = 1 if isinstance(node, nodes.Add) else -1
                        out.append(YearNum(Years("report", a.years.offset + sign * b.value)))
                    elif isinstance(a, Seq) or isinstance(b, Seq):  # list + [row]
                        out.extend(v for v in (a, b) if isinstance(v, Seq) and v not in out)
            return out or [UNKNOWN]
        if isinstance(node, (nodes.Tuple, nodes.List)):
            items = tuple(self.first(self.expr(item, scope)) for item in node.items)
            if isinstance(node, nodes.Tuple) or len(items) > 1:
                return [Tup(items)]  # [year, figures]: a row that is unpacked in a loop
            return [Seq(items[0] if items else UNKNOWN)]
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.expr(child, scope)
            elif isinstance(child, (nodes.Pair, nodes.Keyword, nodes.Operand)):
                for sub in child.iter_child_nodes():
                    self.expr(sub, scope)
        return [UNKNOWN]

    @staticmethod
    def first(values: list) -> Any:
        return values[0] if values else UNKNOWN

    def global_(self, name: str) -> Any:
        helper = TEMPLATE_API.get(name)
        if helper is not None and helper.returns == "data":
            return REPORT if name == "report" else Ref(name, None)
        if helper is not None or name == "namespace":  # namespace: Jinja's own
            return Func(name)
        return UNKNOWN

    def attr(self, value: Any, name: str) -> list:
        if isinstance(value, Ref):
            ref = value.child(name)
            self.record(ref)
            return [ref]
        if isinstance(value, YearView):
            kind = "year" if name == "meta" else name
            if kind in FILE_KINDS:
                ref = Ref(kind, value.years)
                self.record(ref)
                return [ref]
            return [UNKNOWN]
        if value is REPORT:
            if name == "year":
                return [YearNum(Years("report"))]
            if name in REPORT_INFO:  # project.yaml's reports: entry, else its fallback
                ref = Ref("project", None, ("reports", self.form.name, name))
                self.record(ref)
                self.record(Ref("project", None, (REPORT_INFO[name],)))
                return [ref]
            return [UNKNOWN]
        if isinstance(value, Namespace):
            return value.attrs.get(name, [UNKNOWN])
        if isinstance(value, Module):
            return [value.macros.get(name, UNKNOWN)]
        return [UNKNOWN]

    def args(self, node: nodes.Call, scope: dict) -> list[list]:
        out = [self.expr(arg, scope) for arg in node.args]
        for kw in node.kwargs:
            self.expr(kw.value, scope)
        return out

    def call(self, node: nodes.Call, scope: dict) -> list:
        callees = self.expr(node.node, scope)
        args = self.args(node, scope)
        out = []
        for callee in callees:
            out.extend(self.call_one(callee, node, args, scope))
        return out or [UNKNOWN]

    def call_one(self, callee: Any, node: nodes.Call, args: list[list], scope: dict) -> list:
        first = args[0] if args else [UNKNOWN]
        if isinstance(callee, Func):
            name = callee.name
            if name == "namespace":
                ns = Namespace()
                for kw in node.kwargs:
                    ns.attrs[kw.key] = self.expr(kw.value, scope)
                return [ns]
            helper = TEMPLATE_API.get(name)
            returns = helper.returns if helper is not None else "nothing"
            for v in first:  # what the helper reads of its first argument
                if isinstance(v, Ref):
                    for step in helper.reads if helper is not None else ():
                        ref = v
                        for key in step.split("."):
                            ref = ref.child(key)
                        self.record(ref)
            if returns == "year-files":
                return [YearView(v.years) if isinstance(v, YearNum) else YearView(Years("any")) for v in first]
            if returns == "years":
                return [Func("years")]
            if returns == "goals-in-force":
                refs = []
                for v in first:
                    if isinstance(v, YearNum) and v.years.kind == "report":
                        years = Years("in-force", v.years.offset)
                    elif isinstance(v, YearNum):  # a loop's years: the goal sets then in force
                        years = Years("goal-sets")
                    else:
                        years = Years("any")
                    refs.append(Ref("goals", years))
                for ref in refs:
                    self.record(ref)
                return refs
            if returns == "goal-sets":
                ref = Ref("goals", Years("goal-sets"))
                self.record(ref)
                return [Seq(Tup((YearNum(Years("goal-sets")), ref)))]
            if returns == "goal-text":
                ref = Ref("goals", Years("goal-sets"), ("goals", "text"))
                self.record(ref)
                return [UNKNOWN]
            if returns == "argument":
                return [v for v in first if isinstance(v, Ref)] or [UNKNOWN]
            if returns == "rows":
                return [Seq(UNKNOWN)]
            if returns == "pairs":
                return [Seq(Tup((UNKNOWN, v))) for v in first if isinstance(v, Ref)] or [UNKNOWN]
            return [UNKNOWN]
        if isinstance(callee, Macro):
            self.macro(callee, args, node, scope)
            return [UNKNOWN]
        if isinstance(callee, Ref) and callee.path:
            method = callee.path[-1]
            base = Ref(callee.kind, callee.years, callee.path[:-1])
            if method.endswith("_for"):  # project.staff_for(year), project.grant_for(year)
                model = Project if base.kind == "project" and not base.path else None
                stem = method[: -len("_for")]
                for key in (f"{stem}s", stem):
                    if model is not None and key in model.model_fields:
                        ref = base.child(key)
                        self.record(ref)
                        return [ref]
            if method in ("items", "values"):
                return [Seq(Tup((UNKNOWN, base)))] if method == "items" else [Seq(base)]
            return [base]
        return [UNKNOWN]

    def macro(self, macro: Macro, args: list[list], node: nodes.Call, scope: dict) -> None:
        key = f"{macro.template}:{macro.node.name}"
        if key in self.stack or len(self.stack) > 20:
            return
        inner: dict = {}
        module = self.module(macro.template) if not macro.template.startswith("<") else Module({})
        for name, m in module.macros.items():
            inner[name] = [m]
        params = macro.node.args
        defaults = macro.node.defaults
        first_default = len(params) - len(defaults)
        for i, param in enumerate(params):
            if i < len(args):
                inner[param.name] = args[i]
            elif i >= first_default:
                inner[param.name] = self.expr(defaults[i - first_default], scope)
            else:
                inner[param.name] = [UNKNOWN]
        for kw in node.kwargs:
            inner[kw.key] = self.expr(kw.value, scope)
        self.stack.append(key)
        try:
            self.body(macro.node.body, inner, macro.template)
        finally:
            self.stack.pop()

    def filter(self, node: nodes.Filter, scope: dict) -> list:
        values = self.expr(node.node, scope) if node.node is not None else [UNKNOWN]
        args = [self.expr(arg, scope) for arg in node.args]
        kwargs = {kw.key: self.expr(kw.value, scope) for kw in node.kwargs}
        if node.name in ("selectattr", "rejectattr") and args:
            attr = self.first(args[0])
            for v in values:
                if isinstance(v, Ref) and isinstance(attr, Const) and isinstance(attr.value, str):
                    self.record(v.child(attr.value))
            return values
        if node.name == "map":
            attr = self.first(kwargs.get("attribute", [UNKNOWN]))
            if isinstance(attr, Const) and isinstance(attr.value, str):
                return [a for v in values for a in self.attr(v, attr.value)]
            return [UNKNOWN]
        if node.name in ("first", "last", "list", "reverse", "sort", "unique", "batch", "default"):
            return values
        return [UNKNOWN]


# -- results ---------------------------------------------------------------------------


def _field_type(model: type[BaseModel], name: str) -> Any:
    info = model.model_fields.get(name)
    return None if info is None else info.annotation


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The model classes an annotation holds through Optional, list and dict values;
    none when it may also hold a plain value (``person_years``: a number or a range)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is dict:
        args = args[1:]
    out = []
    for arg in args:
        found = _models_in(arg)
        if not found:
            return []
        out.extend(found)
    return out


def normalise(ref: Ref) -> tuple[str, ...]:
    """``ref``'s path cut to the data format's keys: it ends at a key holding text,
    figures, narrative blocks (``sections``; one picked by id also says which of its
    keys is read), goal revisions (``changes``) or anything not a key of the file."""
    model: Optional[type[BaseModel]] = Project if ref.kind == "project" else FILE_KINDS.get(ref.kind)
    out: list[str] = []
    for i, step in enumerate(ref.path):
        name = step.split("[", 1)[0]
        if ref.kind == "project" and out == ["reports"]:
            out.append(step)  # a form's name under reports:
            inner = _models_in(_field_type(Project, "reports"))
            model = inner[0] if inner else None
            continue
        if model is None or name not in model.model_fields:
            break
        out.append(step)
        if name == "figures":
            break
        inner = _models_in(_field_type(model, name))
        if Block in inner and "[" in step and i + 1 < len(ref.path) and ref.path[i + 1] in Block.model_fields:
            out.append(ref.path[i + 1])  # a block picked by id: say what of it is read
            break
        if not inner or Block in inner or GoalChange in inner:
            break
        model = inner[0]
    return tuple(out)


def readings(refs: Iterable[Ref]) -> list[Reading]:
    """Group references by file and year, keep the deepest keys, in first-seen order."""
    groups: dict[tuple[str, Optional[Years]], list[tuple[str, ...]]] = {}
    for ref in refs:
        paths = groups.setdefault((ref.kind, ref.years), [])
        path = normalise(ref)
        if path not in paths:
            paths.append(path)
    out = []
    for (kind, years), paths in groups.items():
        kept = [p for p in paths if p and not any(_within(p, o) for o in paths)
                and not (len(p) == 2 and p[1] == "id" and "[id=" in p[0])]  # implied by the selector
        out.append(Reading(kind, years, [".".join(p) for p in kept]))
    return out


def _within(path: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether ``other`` says more than ``path``: it goes deeper, or selects where
    ``path`` does not (``sections[id=opitut]`` against ``sections``)."""
    if other == path or len(other) < len(path):
        return False
    if other[: len(path)] == path:
        return True
    head = len(path) - 1
    return other[:head] == path[:head] and other[head].split("[", 1)[0] == path[head] \
        and "[" in other[head] and "[" not in path[head]


@dataclass
class QuestionData:
    question: Question
    section: str
    readings: list[Reading]


def question_data(form: Form, form_folder: Path) -> tuple[list[Reading], list[QuestionData]]:
    """The data the form's subtitle reads, and each question's readings in form order."""
    from raportti.report.rendering import make_environment

    env = make_environment(form_folder)
    out: list[QuestionData] = []
    subtitle: list[Reading] = []
    if form.subtitle:
        walker = _Walker(env, form)
        try:
            walker.source(form.subtitle, {})
        except jinja2.TemplateSyntaxError:
            pass
        subtitle = readings(walker.found)
    for section in form.sections:
        for question in section.questions:
            walker = _Walker(env, form)
            try:
                if question.template:
                    walker.template(question.template, {})
                elif question.answer:
                    walker.source(question.answer, {})
            except jinja2.TemplateSyntaxError:
                pass  # build reports it, with file and line
            out.append(QuestionData(question, section.heading, readings(walker.found)))
    return subtitle, out


def question_name(item: QuestionData) -> str:
    """How a person names a question: its number and text, or its chapter's heading."""
    q = item.question
    text = q.text.strip() or item.section.strip()
    if q.number is not None:
        return f"{q.number}. {text}"
    return text
