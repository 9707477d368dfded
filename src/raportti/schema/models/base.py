"""Shared pieces of every data model: strictness, identifiers, Markdown text."""

from __future__ import annotations

import typing
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt


class Model(BaseModel):
    """Base of every file's model: unknown keys are errors, types are not coerced.

    ``strict`` keeps ``"3"`` (text) from silently becoming ``3``: in a report, a number
    typed as text is a mistake worth pointing at.
    """

    model_config = ConfigDict(extra="forbid", strict=True)


class MarkdownText:
    """Marks a ``str`` field as Markdown that may contain ``{figure}`` references."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "MarkdownText()"


MARKDOWN = MarkdownText()


class FigureNumber:
    """Marks a number field (Count, Amount, Number) as a figure a report shows or
    compares, not an identifier such as a year (see raportti.project.walk)."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "FigureNumber()"


NUMBER = FigureNumber()

Markdown = Annotated[
    str,
    MARKDOWN,
    Field(
        description="Markdown-teksti. Luvut viittauksina: {nimi} (ks. figures).",
        json_schema_extra={"x-raportti-markdown": True},
    ),
]

# Numbers a report shows are finite and of a size a person can read: .nan, .inf and
# 1e400 (read as infinity) never reach a document. The bounds are constraints Pydantic
# checks in its core, at no cost worth measuring; validation.py words the errors.
NUMBER_LIMIT = 10**12

Number = Annotated[
    Union[
        Annotated[StrictInt, Field(gt=-NUMBER_LIMIT, lt=NUMBER_LIMIT)],
        Annotated[StrictFloat, Field(allow_inf_nan=False, gt=-NUMBER_LIMIT, lt=NUMBER_LIMIT)],
    ],
    NUMBER,
]
# A count of people, meetings or events, or an amount: not negative, below 10^12.
Count = Annotated[StrictInt, Field(ge=0, lt=NUMBER_LIMIT), NUMBER]
Amount = Annotated[StrictFloat, Field(allow_inf_nan=False, ge=0, lt=NUMBER_LIMIT), NUMBER]

#: What a monitoring figure rests on, as STEA's results report asks: data collected from
#: everyone, a sample, or an estimate (kerätty / otos / arvio).
BASES = {"collected": "kerätty", "sample": "otos", "estimate": "arvio"}

Basis = Annotated[
    Literal["collected", "sample", "estimate"],
    Field(
        description=(
            "Mihin luvut perustuvat: collected = kerättyyn tietoon, sample = otokseen, "
            "estimate = arvioon. Pätee lohkon tai tiedoston kaikkiin lukuihin, ellei luku "
            "kerro omaansa."
        ),
        examples=["collected"],
    ),
]

def markdown_fields(model_cls: type[BaseModel]) -> frozenset[str]:
    """Names of a model's fields that hold Markdown (also inside Optional[...])."""
    return _marked_fields(model_cls, MARKDOWN)


def number_fields(model_cls: type[BaseModel]) -> frozenset[str]:
    """Names of a model's fields that hold a Count, Amount or Number (also inside
    Optional[...] or beside a model, as person_years: Number | Range)."""
    return _marked_fields(model_cls, NUMBER)


_MARKED_FIELDS: dict[tuple[type, object], frozenset[str]] = {}


def _marked_fields(model_cls: type[BaseModel], marker: object) -> frozenset[str]:
    cached = _MARKED_FIELDS.get((model_cls, marker))
    if cached is None:
        cached = frozenset(
            name
            for name, info in model_cls.model_fields.items()
            if marker in info.metadata or _has_marker(info.annotation, marker)
        )
        _MARKED_FIELDS[(model_cls, marker)] = cached
    return cached


def _has_marker(annotation, marker: object) -> bool:
    if typing.get_origin(annotation) in (list, dict):
        return False  # a list or mapping of texts or numbers is not one
    if typing.get_origin(annotation) is typing.Annotated:
        return any(m is marker for m in typing.get_args(annotation)[1:]) or _has_marker(
            typing.get_args(annotation)[0], marker
        )
    return any(_has_marker(arg, marker) for arg in typing.get_args(annotation))


# Letters a Finn writes: a-z and å ä ö, either case (JSON Schema patterns have no \p{L}).
LETTERS = "A-Za-zÅÄÖåäö"
IDENTIFIER_PATTERN = rf"^[{LETTERS}0-9][{LETTERS}0-9_\-]*$"

Id = Annotated[
    str,
    Field(
        pattern=IDENTIFIER_PATTERN,
        description="Pysyvä tunniste: kirjaimia (a–z, å, ä, ö), numeroita, - ja _, ei välilyöntejä.",
        examples=["t1", "jy-kumppanit"],
    ),
]
