"""Figures: the numbers a reader tables, compares or checks, each kept in one place.

A figure is a plain number or a small mapping whose keys say what kind it is
(see docs/data-format.md). The kind is chosen from the keys, so the YAML stays plain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (
    BeforeValidator,
    ConfigDict,
    PrivateAttr,
    Discriminator,
    Field,
    StrictBool,
    StrictInt,
    Tag,
    field_validator,
    model_validator,
)

from raportti.i18n.messages import _
from raportti.schema.models.base import LETTERS, Amount, Basis, Count, Model, Number

FIGURE_NAME = re.compile(rf"^[{LETTERS}_][{LETTERS}0-9_]*$")


class FigureBase(Model):
    label: Optional[str] = Field(None, description="Nimi taulukossa tai listassa.")
    note: Optional[str] = Field(None, description="Huomautus luvusta (ei näy raportissa).")
    basis: Optional[Basis] = None
    # Where a figure computed from a survey export comes from (raportti.project.surveys):
    # the export, the question column and n. None for a figure typed in the YAML.
    _computed: Optional["Computed"] = PrivateAttr(None)

    @property
    def computed(self) -> Optional["Computed"]:
        return self._computed

    def __eq__(self, other: Any) -> bool:
        # Equal figures are equal however they were made: the origin of a computed one
        # does not count (diff compares a year's computed figure with another's typed one).
        if not isinstance(other, FigureBase):
            return NotImplemented
        return (type(self) is type(other) and self.__dict__ == other.__dict__
                and self.__pydantic_extra__ == other.__pydantic_extra__)

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Computed:
    """The origin of a computed figure: the export file, its question column, and n."""

    file: str          # the export's path relative to the project folder
    column: Optional[str]  # the question's heading; None for a count of responses
    n: int             # the responses (or answers to the question) it rests on

    def describe(self) -> str:
        column = f", sarake \"{self.column}\"" if self.column else ""
        return f"{self.file}{column} (n = {self.n})"


def _or_empty(schema: dict) -> None:
    """In the editors' schema, a figure's number may also be left empty (null): the
    figure is then not filled in yet, keeping its label, unit and basis (see Figures)."""
    schema["anyOf"] = [*schema.get("anyOf", []), {"type": "null"}]


class Quantity(FigureBase):
    """A number with a label or unit."""

    value: Union[Count, Amount] = Field(description="Luku.", json_schema_extra=_or_empty)
    unit: Optional[str] = Field(None, description="Yksikkö, esim. 'kpl' tai '%'.")
    decimals: Optional[StrictInt] = Field(
        None, ge=0, le=6, description="Desimaalien määrä, jos luku kirjoitetaan esim. 3,30."
    )


class Ratio(FigureBase):
    """Responses out of those asked: ``{responded: 7, asked: 24}`` shows as 7/24."""

    responded: Count = Field(description="Vastanneiden määrä.", json_schema_extra=_or_empty)
    asked: Count = Field(description="Kuinka monelta kysyttiin.", json_schema_extra=_or_empty)


class Score(FigureBase):
    """A mean score on a scale ``min``–``scale``: ``{mean: 3.3, scale: 4}`` shows as 3,3/4."""

    mean: Number = Field(description="Keskiarvo.", json_schema_extra=_or_empty)
    scale: Number = Field(description="Asteikon yläraja, esim. 4 tai 5.")
    min: Number = Field(1, description="Asteikon alaraja (oletus 1).")
    responses: Optional[Count] = Field(None, description="Vastausten määrä.")


class Record(FigureBase):
    """Several named figures together, e.g. ``{meetings: 96, participations: 238}``."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, "Figure"] = Field(init=False)  # type: ignore[assignment]

    @model_validator(mode="after")
    def _names(self) -> "Record":
        for name in self.__pydantic_extra__ or {}:
            if not FIGURE_NAME.match(name):
                raise ValueError(
                    _("'{name}' is not a valid figure name: use letters (a–z, å, ä, ö), digits and _, "
                      "starting with a letter; no spaces or -.").format(name=name)
                )
        return self

    @property
    def items(self) -> dict[str, "Figure"]:
        return dict(self.__pydantic_extra__ or {})


class Breakdown(FigureBase):
    """A total and its parts. A stated ``total`` is kept even when the parts disagree."""

    total: Optional[Union[Count, Amount, Record]] = Field(
        None,
        description="Lähteen ilmoittama yhteismäärä. Jätä pois, jos lähde ei sitä kerro.",
    )
    parts: dict[str, "Figure"] = Field(description="Osat nimettyinä.")
    exclusive: StrictBool = Field(
        False, description="Osat ovat toisensa poissulkevia osuuksia (summa 100 %)."
    )
    overlapping: StrictBool = Field(
        False,
        description=(
            "Osat menevät päällekkäin (sama asia voi kuulua useaan osaan), joten niiden "
            "summa voi ylittää kokonaisuuden tai 100 %."
        ),
    )
    unit: Optional[str] = Field(None, description="Yksikkö, esim. '%'.")

    @model_validator(mode="after")
    def _exclusive_or_overlapping(self) -> "Breakdown":
        if self.exclusive and self.overlapping:
            raise ValueError(_("A breakdown's parts cannot be both exclusive and overlapping: keep one of "
                               "them."))
        return self

    @field_validator("parts")
    @classmethod
    def _part_names(cls, parts: dict) -> dict:
        for name in parts:
            if not FIGURE_NAME.match(name):
                raise ValueError(
                    _("'{name}' is not a valid part name: use letters (a–z, å, ä, ö), digits and _, "
                      "starting with a letter; no spaces or -.").format(name=name)
                )
        return parts


class SurveyFigure(FigureBase):
    """A figure computed from a survey export every time the data is read.

    ``{survey: osallistujat, compute: mean, question: "Kuinka tyytyväinen", scale: 5}``.
    raportti.project.surveys replaces it, once computed, by the figure it stands for
    (a Quantity, Ratio, Score or Breakdown), so the rest of raportti never sees it.
    """

    survey: str = Field(description="Kysely, josta luku lasketaan (sen nimi surveys-kohdassa).")
    compute: Literal["responses", "response_rate", "counts", "share", "mean"] = Field(
        description=(
            "Mitä lasketaan: responses = vastausten määrä, response_rate = vastanneet / kutsutut, "
            "counts = vastaukset vaihtoehdoittain, share = valittujen vaihtoehtojen osuus (%), "
            "mean = keskiarvo asteikolla."
        ))
    question: Optional[str] = Field(
        None, description="Kysymyksen sarake otsikkonsa alun mukaan, esim. 'Kuinka tyytyväinen'.")
    options: list[str] = Field(
        default_factory=list,
        description="counts: vaihtoehdot tässä järjestyksessä; share: vaihtoehdot, joiden osuus lasketaan.")
    values: dict[str, Number] = Field(
        default_factory=dict,
        description="mean: vastausteksti → asteikon arvo, esim. {Täysin samaa mieltä: 5}.")
    scale: Optional[Number] = Field(None, description="mean: asteikon yläraja, esim. 5.")
    min: Number = Field(1, description="mean: asteikon alaraja (oletus 1).")
    skip: list[str] = Field(
        default_factory=list, description="Vastaukset, joita ei lasketa, esim. 'En osaa sanoa'.")
    multiple: StrictBool = Field(False, description="Monivalinta: vastauksessa voi olla useita vaihtoehtoja.")
    decimals: Optional[StrictInt] = Field(None, ge=0, le=3, description="Desimaalien määrä tuloksessa.")


_KIND_BY_KEY = (
    ("survey", "survey"),
    ("mean", "score"),
    ("responded", "ratio"),
    ("asked", "ratio"),
    ("parts", "breakdown"),
    ("value", "quantity"),
)


def figure_kind(value: Any) -> str | None:
    """Which kind of figure a YAML value is, from its shape."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, FigureBase):
        return {
            Score: "score",
            Ratio: "ratio",
            Breakdown: "breakdown",
            Quantity: "quantity",
            Record: "record",
            SurveyFigure: "survey",
        }[type(value)]
    if isinstance(value, dict):
        for key, kind in _KIND_BY_KEY:
            if key in value:
                return kind
        return "record"
    return None


FIGURE_TAGS = {"int", "float", "score", "ratio", "breakdown", "quantity", "record", "survey"}

Figure = Annotated[
    Union[
        Annotated[Count, Tag("int")],
        Annotated[Amount, Tag("float")],
        Annotated[Score, Tag("score")],
        Annotated[Ratio, Tag("ratio")],
        Annotated[Breakdown, Tag("breakdown")],
        Annotated[Quantity, Tag("quantity")],
        Annotated[Record, Tag("record")],
        Annotated[SurveyFigure, Tag("survey")],
    ],
    Discriminator(
        figure_kind,
        custom_error_type="figure_type",
        custom_error_message=(
            "Expected a figure: a number, or a mapping such as {value: …}, "
            "{responded: …, asked: …}, {mean: …, scale: …} or {total: …, parts: {…}}"
        ),
    ),
]

# The keys that hold a figure's own numbers; when all it has are left empty, it is empty.
_NUMBER_KEYS = ("value", "responded", "asked", "mean")


def _empty_figure(value: Any) -> Any:
    """A figure written with its numbers left empty (``{value: , label: …, basis:
    sample}``) is an empty figure, as a bare null is: ``raportti new-year`` writes a
    figure so when it has a basis of its own, so the basis carries into the new year."""
    if isinstance(value, dict):
        numbers = [key for key in _NUMBER_KEYS if key in value]
        if numbers and all(value[key] is None for key in numbers):
            return None
    return value


# A figure may be empty (YAML null, ``team_meetings:``, or its numbers left empty): named
# but not filled in yet, as ``raportti new-year`` leaves them. validate warns; a
# reference shows a placeholder.
Figures = Annotated[
    dict[str, Annotated[Optional[Figure], BeforeValidator(_empty_figure)]],
    Field(
        default_factory=dict,
        description=(
            "Luvut nimettyinä. Tekstissä {nimi} näyttää luvun. "
            "Luku voi olla myös {responded, asked}, {mean, scale} tai {total, parts}. "
            "Tyhjä arvo tarkoittaa, että luku on vielä täyttämättä."
        ),
        examples=[{"team_meetings": 76, "survey": {"responded": 7, "asked": 24}}],
    ),
]

Record.model_rebuild()
Breakdown.model_rebuild()


# -- values ---------------------------------------------------------------------------


def figure_unit(figure: Any) -> Optional[str]:
    """The unit a figure states (a quantity's or a breakdown's ``unit``), or None."""
    if isinstance(figure, (Quantity, Breakdown)) and figure.unit:
        return figure.unit.strip() or None
    return None


def is_share(figure: Any) -> bool:
    """A share in per cent: never added up, never more than 100 %."""
    return figure_unit(figure) == "%"


def is_additive(figure: Any) -> bool:
    """Whether figures of this kind add up to a whole: counts and amounts do; shares,
    means on a scale and response ratios do not."""
    if isinstance(figure, bool) or figure is None:
        return False
    if isinstance(figure, (int, float)):
        return True
    if isinstance(figure, (Score, Ratio)):
        return False
    if isinstance(figure, Quantity):
        return not is_share(figure)
    if isinstance(figure, Breakdown):
        return not is_share(figure) and all(is_additive(p) for p in figure.parts.values())
    return False


def shown_total(breakdown: Breakdown) -> Union[int, float, "Record", None]:
    """The total a report may print for a breakdown: the stated one, else the sum of its
    parts when their kind adds up (counts, amounts), never a sum of shares or means."""
    if breakdown.total is not None:
        return breakdown.total
    if is_share(breakdown):
        return None
    total = breakdown_sum(breakdown, additive_only=True)
    return Record(**total) if isinstance(total, dict) else total


def breakdown_sum(breakdown: Breakdown, additive_only: bool = False
                  ) -> Union[int, float, dict[str, Union[int, float]], None]:
    """The sum of a breakdown's parts: a number, or per key for record parts.

    Means and ratios are never added. Shares are added only to check them (do exclusive
    shares make 100 %?); ``additive_only`` leaves them out too, for a total to print."""
    parts = list(breakdown.parts.values())
    numbers_only = parts and not any(isinstance(p, (Score, Ratio, Record)) for p in parts)
    if numbers_only and (is_additive(breakdown) or not additive_only):
        numbers = [numeric_value(p) for p in parts]
        if all(n is not None for n in numbers):
            return _clean(sum(numbers))  # type: ignore[arg-type]
    records = [p for p in parts if isinstance(p, Record)]
    if records and len(records) == len(parts):
        keys: dict[str, Union[int, float]] = {}
        for record in records:
            for key, figure in record.items.items():
                if not is_additive(figure):
                    continue
                value = numeric_value(figure)
                if value is not None:
                    keys[key] = _clean(keys.get(key, 0) + value)
        return keys
    return None


def _clean(x: Union[int, float]) -> Union[int, float]:
    if isinstance(x, float):
        return round(x, 10)
    return x


def numeric_value(figure: Any) -> Union[int, float, None]:
    """The single number a figure stands for, or None (ratios, records)."""
    if isinstance(figure, bool):
        return None
    if isinstance(figure, (int, float)):
        return figure
    if isinstance(figure, Quantity):
        return figure.value
    if isinstance(figure, Score):
        return figure.mean
    if isinstance(figure, Breakdown):
        total = shown_total(figure)
        return total if isinstance(total, (int, float)) else None
    return None


def part(figure: Any, name: str) -> Any:
    """The named part of a figure (``survey.responded``), or None."""
    if isinstance(figure, Ratio):
        return {"responded": figure.responded, "asked": figure.asked}.get(name)
    if isinstance(figure, Score):
        return {"mean": figure.mean, "scale": figure.scale, "min": figure.min,
                "responses": figure.responses}.get(name)
    if isinstance(figure, Quantity):
        return figure.value if name == "value" else None
    if isinstance(figure, Breakdown):
        if name == "total":
            return shown_total(figure)
        if name in figure.parts:
            return figure.parts[name]
        if isinstance(figure.total, Record):
            return figure.total.items.get(name)
        if figure.total is None:
            total = shown_total(figure)
            if isinstance(total, Record):
                return total.items.get(name)
        return None
    if isinstance(figure, Record):
        return figure.items.get(name)
    return None


def part_names(figure: Any) -> list[str]:
    """Names that :func:`part` accepts, for "Did you mean …?"."""
    if isinstance(figure, Ratio):
        return ["responded", "asked"]
    if isinstance(figure, Score):
        return ["mean", "scale", "min", "responses"]
    if isinstance(figure, Quantity):
        return ["value"]
    if isinstance(figure, Breakdown):
        names = ["total", *figure.parts]
        if isinstance(figure.total, Record):
            names += list(figure.total.items)
        return names
    if isinstance(figure, Record):
        return list(figure.items)
    return []


# -- formatting -----------------------------------------------------------------------

FORMATS = ("grouped", "spaced", "plain")


# In a document, digits are grouped the Finnish way: by a no-break space, from five
# digits on (7259, 12 786); a figure whose text asks for `grouped` is grouped from four
# (7 259), as its source wrote it, and `plain` is never grouped.
NBSP = "\u00a0"


def format_number(value: Union[int, float], *, grouped: bool = False,
                  decimals: Optional[int] = None, document: bool = False, plain: bool = False) -> str:
    """A number the Finnish way: decimal comma; digits grouped by a space if asked.

    ``document=True`` is the style of a built report (see NBSP above); ``plain`` keeps
    the digits together even there."""
    if isinstance(value, float) and decimals is None and value.is_integer() and abs(value) >= 1e16:
        value = int(value)
    if isinstance(value, int):
        text = str(value)
    elif decimals is not None:
        text = f"{value:.{decimals}f}"
    else:
        text = repr(value)
        if "e" in text or "E" in text:
            text = f"{value:f}".rstrip("0")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _, fraction = text.partition(".")
    if document:
        least = 99 if plain else 4 if grouped else 5
        separator = NBSP
    else:
        least = 4 if grouped else 99
        separator = " "
    if len(whole) >= least:
        groups = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = separator.join(groups)
    return sign + whole + ("," + fraction if fraction else "")


def format_figure(figure: Any, fmt: Optional[str] = None, document: bool = False) -> Optional[str]:
    """How a figure reads in text, or None when it has no single reading (a record).
    ``document=True``: as a built report shows it (see format_number)."""
    style = {"grouped": fmt == "grouped", "document": document, "plain": fmt == "plain"}
    if isinstance(figure, bool) or figure is None:
        return None
    if isinstance(figure, (int, float)):
        return format_number(figure, **style)
    if isinstance(figure, Quantity):
        return format_number(figure.value, decimals=figure.decimals, **style)
    if isinstance(figure, Ratio):
        return f"{format_number(figure.responded, **style)}/{format_number(figure.asked, **style)}"
    if isinstance(figure, Score):
        sep = " /" if fmt == "spaced" else "/"
        return f"{format_number(figure.mean, **style)}{sep}{format_number(figure.scale, **style)}"
    value = numeric_value(figure)
    if value is not None:
        return format_number(value, **style)
    return None


# -- a figure in a table ----------------------------------------------------------------


def unit_of(figure: Any) -> Optional[str]:
    """The unit a reader needs beside a figure: a share's %, a quantity's or breakdown's
    unit, a mean's scale ("1–5"); None for a plain count, whose label says what it counts."""
    if isinstance(figure, Score):
        return f"{format_number(figure.min)}–{format_number(figure.scale)}"
    return figure_unit(figure)


def names_unit(text: Optional[str], unit: Optional[str]) -> bool:
    """Whether a label already names the unit ("Osuus (%)", "keskiarvo, 1–5")."""
    if not text or not unit:
        return False
    if unit == "%":
        return "%" in text
    return unit.replace("–", "-").lower() in text.replace("–", "-").lower()


def format_cell(figure: Any, *context: Optional[str]) -> str:
    """A figure as a table cell shows it, with its unit unless the row's or the table's
    label (``context``) already names it: "100 %", "3,6/4", "92 000 €"; a mean whose
    scale the label gives is shown alone ("3,28" under "keskiarvo (1–5)")."""
    unit = unit_of(figure)
    named = any(names_unit(text, unit) for text in context)
    if isinstance(figure, Score):
        mean = format_number(figure.mean, document=True)
        return mean if named else f"{mean}/{format_number(figure.scale, document=True)}"
    text = format_figure(figure, document=True) or ""
    if text and unit and not named:
        text += NBSP + unit
    return text


def unit_note(label: Optional[str], figures: list[Any]) -> str:
    """" (%)" or " (1–5)" to add after a table's label when its figures share a unit the
    label does not name; "" otherwise."""
    units = {unit_of(f) for f in figures if f is not None}
    if len(units) != 1:
        return ""
    unit = units.pop()
    return f" ({unit})" if unit and not names_unit(label, unit) else ""
