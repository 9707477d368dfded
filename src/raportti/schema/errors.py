"""Turning Pydantic's validation errors into problems that point into the YAML.

Messages are chosen by the error's ``type``, never by matching Pydantic's English text,
and name the field, the value found and what was expected.
"""

from __future__ import annotations

import datetime
import re
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from raportti.schema.models.base import IDENTIFIER_PATTERN, NUMBER_LIMIT
from raportti.schema.models.figures import FIGURE_TAGS, Breakdown, Quantity, Ratio, Record, Score
from raportti.i18n.messages import _
from raportti.i18n.suggestions import did_you_mean, suggestion
from raportti.problems import Problem, format_path
from raportti.source.reader import SourceFile

_FIGURE_FIELDS = {
    "quantity": Quantity, "ratio": Ratio, "score": Score, "breakdown": Breakdown, "record": Record,
}


def validate_source(source: SourceFile, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    """Validate one file's data against its model."""
    data = source.data
    if not isinstance(data, dict):
        return None, [
            source.problem(
                (),
                _("The file should hold a mapping (key: value lines) at the top, but holds {value}.")
                .format(value=describe(data)),
                code="wrong-type",
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, problems_from_error(exc, source, model)


def problems_from_error(exc: ValidationError, source: SourceFile, model: type[BaseModel]) -> list[Problem]:
    # A value that fits none of a union's members (a figure can be a number, a whole
    # number or a mapping) fails once per member: it is one mistake, said once.
    located: list[tuple[tuple, dict]] = []
    wrong_type: dict[tuple, dict] = {}
    for error in exc.errors(include_url=False):
        loc = data_loc(source.data, tuple(error["loc"]))
        if error["type"] in _EXPECTED:
            first = wrong_type.get(loc)
            if first is not None:
                first["kinds"].append(error["type"])
                continue
            error = wrong_type[loc] = {**error, "kinds": [error["type"]]}
        located.append((loc, error))
    # A value of the right type that breaks a rule (a negative count, .nan) also fails
    # the union's other members on its type: the broken rule is the one to tell.
    ruled = {loc for loc, error in located if error["type"] not in _EXPECTED}
    located = [(loc, error) for loc, error in located if loc not in ruled or error["type"] not in _EXPECTED]
    return [_problem(error, loc, source, model) for loc, error in located]


def data_loc(data: Any, loc: tuple) -> tuple:
    """Drop the steps Pydantic adds for union members (``ratio``, ``int`` …)."""
    out: list = []
    node = data
    for step in loc:
        if isinstance(node, dict) and step in node:
            out.append(step)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            out.append(step)
            node = node[step]
        elif isinstance(step, str) and (step in FIGURE_TAGS or "[" in step or step in _UNION_STEPS):
            continue
        else:
            out.append(step)
            node = None
    return tuple(out)


_UNION_STEPS = {"date", "int", "float", "str", "list", "dict", "Range", "Record", "constrained-str",
                "constrained-int", "constrained-float"}


def _problem(error: dict, loc: tuple, source: SourceFile, model: type[BaseModel]) -> Problem:
    kind = error["type"]
    field = loc[-1] if loc else None
    path = format_path(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}

    if kind == "extra_forbidden":
        allowed = allowed_keys(model, loc[:-1], source.data)
        message = _("Unknown field '{field}'.").format(field=field) + suggestion(
            str(field), allowed,
            otherwise=_(" Allowed here: {keys}.").format(keys=", ".join(sorted(allowed))) if allowed else "")
        return source.problem(loc, message, path=path, code="unknown-key", at_key=True, args={
            "field": field, "match": did_you_mean(str(field), allowed), "allowed": sorted(allowed)})

    if kind == "missing":
        return source.problem(
            loc, _("Missing field '{field}': it is required here.").format(field=field), path=path,
            code="missing-field", args={"field": field})

    if kind in _EXPECTED:
        kinds = error.get("kinds", [kind])
        expected = list(dict.fromkeys(_EXPECTED[k]() for k in kinds))
        wanted = _("{some} or {last}").format(some=", ".join(expected[:-1]), last=expected[-1]) \
            if len(expected) > 1 else expected[0]
        message = _("Expected {wanted}, found {value}.").format(wanted=wanted, value=describe(value))
        return source.problem(loc, message + advice(set(kinds), value), path=path, code="wrong-type",
                              args={"kinds": list(kinds), "value": value})

    if kind == "literal_error":
        options = [o.strip().strip("'") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        options = [o for o in options if o]
        message = (_("{value} is not allowed here; use one of: {options}.").format(
            value=_capital(describe(value)), options=", ".join(options)) + suggestion(str(value), options))
        return source.problem(loc, message, path=path, code="not-allowed")

    if kind == "string_pattern_mismatch":
        return source.problem(
            loc,
            _("{value} is not a valid identifier{why}: use letters a–z and å, ä, ö (small or capital), "
              "digits, "
              "- and _, starting with a letter or digit.").format(value=_capital(describe(value)),
                                                                  why=_first_not_allowed(value)),
            path=path,
            code="bad-id",
            args={"value": value},
        )

    if kind == "finite_number" or (kind in ("less_than", "greater_than") and next(iter(ctx.values()), None)
                                   in (NUMBER_LIMIT, -NUMBER_LIMIT)):
        return source.problem(loc, _unreadable_number(value), path=path, code="impossible-number")

    if kind == "greater_than_equal" and ctx.get("ge") == 0 and isinstance(value, (int, float)):
        return source.problem(
            loc, _("The number {value} is negative: a count or an amount cannot be below 0.").format(value=value),
            path=path, code="negative-number")

    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": _("The value {value} is out of range: it must be at least {bound}."),
            "less_than_equal": _("The value {value} is out of range: it must be at most {bound}."),
            "greater_than": _("The value {value} is out of range: it must be more than {bound}."),
            "less_than": _("The value {value} is out of range: it must be less than {bound}."),
        }[kind]
        return source.problem(loc, words.format(value=repr(value), bound=bound), path=path, code="out-of-range")

    if kind == "figure_type":
        return source.problem(
            loc, _("Expected a figure: a number, or a mapping such as {{value: …}}, {{responded: …, "
                   "asked: …}}, "
                   "{{mean: …, scale: …}} or {{total: …, parts: {{…}}}}; found {value}.").format(value=describe(value))
            + advice({"int_type", "float_type", "figure_type"}, value), path=path, code="wrong-type")

    if kind == "value_error":
        reason = str(ctx.get("error", error["msg"]))
        return source.problem(loc, reason, path=path, code="invalid")

    if kind in ("date_from_datetime_inexact", "date_future", "date_past"):
        return source.problem(loc, _("Expected a date, found {value}.").format(value=describe(value)), path=path,
                              code="wrong-type")

    return source.problem(loc, _("{reason} (found {value}).").format(reason=error["msg"], value=describe(value)),
                          path=path, code=kind)


_EXPECTED = {
    "int_type": lambda: _("a whole number"),
    "int_from_float": lambda: _("a whole number"),
    "int_parsing": lambda: _("a whole number"),
    "float_type": lambda: _("a number"),
    "float_parsing": lambda: _("a number"),
    "string_type": lambda: _("text"),
    "bool_type": lambda: _("true or false"),
    "list_type": lambda: _("a list (lines starting with '- ')"),
    "dict_type": lambda: _("a mapping (key: value lines)"),
    "model_type": lambda: _("a mapping (key: value lines)"),
    "model_attributes_type": lambda: _("a mapping (key: value lines)"),
    "date_type": lambda: _("a date"),
    "date_parsing": lambda: _("a date"),
    "date_from_datetime_parsing": lambda: _("a date"),
    "union_tag_invalid": lambda: _("a figure"),
    "none_required": lambda: _("nothing"),
}

_DATE_KINDS = {"date_type", "date_parsing", "date_from_datetime_parsing"}
_NUMBER_KINDS = {"int_type", "float_type", "int_parsing", "float_parsing", "int_from_float", "figure_type"}
# "noin 50", "n. 50", "arviolta 50", "ca 50", "~50": a number given as an estimate in words.
_ESTIMATE = re.compile(r"^\s*(?:noin|n\.|arviolta|arviolta noin|lähes|melkein|yli|ainakin|vähintään|ca\.?|"
                       r"c\.|circa|~|about|around|approximately|approx\.?|some|over|at least)\s*"
                       r"(\d[\d  ]*(?:[.,]\d+)?)\s*(?:henkeä|hlöä|kpl|kertaa|people|times)?\s*$", re.IGNORECASE)
_FINNISH_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def advice(kinds: set, value: Any) -> str:
    """The one piece of advice that fits a value of the wrong type, as a sentence to append
    (or nothing): date advice where the field takes a date, number advice where it takes
    only a number, never both. The field's kinds are Pydantic's error types."""
    if not isinstance(value, str):
        return ""
    if kinds & _DATE_KINDS:
        day = _FINNISH_DATE.match(value)
        if day:
            iso = f"{day.group(3)}-{int(day.group(2)):02d}-{int(day.group(1)):02d}"
            return _(" Write the date as year-month-day, without quotes: {iso}.").format(iso=iso)
        return _(" Write dates as 2025-08-31, without quotes.")
    if not kinds & _NUMBER_KINDS:
        return ""
    estimate = _ESTIMATE.match(value)
    if estimate:
        number = re.sub(r"[  ]", "", estimate.group(1)).replace(",", ".")
        if "figure_type" in kinds:
            return _(" An estimate is written as the number and its basis: {{value: {number}, basis: "
                     "estimate}} "
                     "(estimate = arvio).").format(number=number)
        return _(" Write the number alone ({number}) and say it is an estimate with 'basis: estimate' "
                 "(arvio) beside it.").format(number=number)
    if _looks_numeric(value):
        if "," in value:
            return _(" Write the number without quotes, with a decimal point (3.5), not a comma.")
        return _(" Write the number without quotes.")
    return ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unreadable_number(value: Any) -> str:
    if isinstance(value, float) and value != value:
        return _("'.nan' (not a number) cannot be shown in a report: write the figure as an "
                 "ordinary number, or leave it empty if it is not known yet.")
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return _("This number is infinite or too large to store (.inf, or a number like 1e400): "
                 "write the figure as an ordinary number below 1 000 000 000 000.")
    if len(str(value)) <= 20:
        shown = str(value)
    else:
        shown = _("{start}… ({n} digits)").format(start=str(value)[:12], n=len(str(value)))
    return _("The number {value} is too large: a figure must be below 1 000 000 000 000 (10^12).").format(
        value=shown)


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", ".").replace(" ", ""))
        return True
    except ValueError:
        return False


def describe(value: Any) -> str:
    """A value in plain words, for messages."""
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return _("the truth value '{value}'").format(value=str(value).lower())
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        shown = shown.replace("\n", " ")
        return _("the text '{text}'").format(text=shown)
    if isinstance(value, datetime.date):
        return _("the date {date}").format(date=value.isoformat())
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return _("a value of type {kind}").format(kind=type(value).__name__)


def _first_not_allowed(value: Any) -> str:
    """`` (it contains a space)`` for the first character an identifier may not have."""
    if not isinstance(value, str) or not value:
        return ""
    for i, char in enumerate(value):
        if re.match(IDENTIFIER_PATTERN, "a" + char if i else char + "a") is None:
            if char == " ":
                return _(" (it contains a space)")
            if char in "-_":
                return _(" (it starts with '{char}')").format(char=char)
            return _(" (it contains '{char}')").format(char=char)
    return ""


def allowed_keys(model: type[BaseModel], loc: tuple, data: Any) -> list[str]:
    """The keys the model accepts at ``loc`` (a mapping inside the file)."""
    annotation: Any = model
    node = data
    for step in loc:
        annotation = annotation_step(annotation, step, node)
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
        if annotation is None:
            return []
    cls = model_class(annotation, node)
    if cls is None:
        return []
    return [name for name in cls.model_fields]


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        out = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def model_class(annotation: Any, node: Any) -> type[BaseModel] | None:
    candidates = [a for a in _unwrap(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
    if not candidates:
        return None
    if len(candidates) > 1 and isinstance(node, dict):
        from raportti.schema.models.figures import figure_kind

        kind = figure_kind(node)
        if kind in _FIGURE_FIELDS and _FIGURE_FIELDS[kind] in candidates:
            return _FIGURE_FIELDS[kind]
    return candidates[0]


def annotation_step(annotation: Any, step: Any, node: Any) -> Any:
    for candidate in _unwrap(annotation):
        origin = typing.get_origin(candidate)
        if isinstance(step, int) and origin is list:
            return typing.get_args(candidate)[0]
        if isinstance(step, str) and origin is dict:
            return typing.get_args(candidate)[1]
    cls = model_class(annotation, node)
    if cls is not None and isinstance(step, str) and step in cls.model_fields:
        return cls.model_fields[step].annotation
    return None
