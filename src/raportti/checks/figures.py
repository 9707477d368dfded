"""Checks of each figure: a stated total against its parts, shares, ratios, scales.

What a source document may really contain (a total that is not the sum of its parts) is
a warning: the data keeps what the document says, and the coordinator decides.
"""

from __future__ import annotations

from typing import Any

from raportti.i18n.messages import _
from raportti.problems import Problem, format_path
from raportti.project.loading import ProjectData
from raportti.project.walk import FIGURE, walk_project
from raportti.schema.models.figures import (
    Breakdown, Quantity, Ratio, Record, Score, breakdown_sum, format_number, is_share, numeric_value)
from raportti.source.reader import SourceFile

# Shares are written rounded to one decimal; a few parts may drift by this much.
SHARE_TOLERANCE = 1.0
FLOAT_TOLERANCE = 1e-9


def check_figures(data: ProjectData) -> list[Problem]:
    problems = []
    for source, item in walk_project(data, only=frozenset((FIGURE,))):
        if item.what == FIGURE:
            loc, figure = item.loc, item.value
            if figure is None:
                if item.figures and (id(item.figures[0]), item.name) in data.uncomputed:
                    continue  # a survey figure whose export's error is reported
                problems.append(source.problem(
                    loc, _("Figure '{value}' has no value yet: fill it in, or remove it if it does not "
                           "apply.").format(value=loc[-1]), path=format_path(loc), severity="warning", code="empty-figure",
                    args={"name": loc[-1]}))
                continue
            if getattr(figure, "computed", None) is not None:
                continue  # computed from a survey export: checked as it was computed
            problems += _check_figure(figure, loc, source)
    return problems


def _fmt(value: float) -> str:
    return format_number(round(value, 6) if isinstance(value, float) else value)


def _check_figure(figure: Any, loc: tuple, source: SourceFile) -> list[Problem]:
    path = format_path(loc)

    def warn(message: str, code: str, at: tuple = loc, args: dict | None = None) -> Problem:
        return source.problem(at, message, path=format_path(at), severity="warning", code=code, args=args)

    out = []
    if isinstance(figure, Breakdown):
        total = figure.total
        computed = breakdown_sum(figure)
        if isinstance(total, (int, float)) and isinstance(computed, (int, float)):
            if abs(total - computed) > FLOAT_TOLERANCE:
                parts = " + ".join(_fmt(numeric_value(p)) for p in figure.parts.values())
                out.append(warn(
                    _("The stated total {fmt} is not the sum of its parts: {parts} = {fmt2} (difference "
                      "{fmt3}).").format(fmt=_fmt(total), parts=parts, fmt2=_fmt(computed), fmt3=_fmt(total - computed)),
                    "total-mismatch", loc + ("total",),
                    args={"total": _fmt(total), "parts": parts, "sum": _fmt(computed),
                          "difference": _fmt(total - computed)}))
        elif isinstance(total, Record) and isinstance(computed, dict):
            for key, stated in total.items.items():
                stated_value = numeric_value(stated)
                if key in computed and stated_value is not None and abs(stated_value - computed[key]) > FLOAT_TOLERANCE:
                    out.append(warn(
                        _("The stated total {key} {fmt} is not the sum of its parts' {key}: {fmt2} "
                          "(difference {fmt3}).").format(key=key, fmt=_fmt(stated_value), fmt2=_fmt(computed[key]), fmt3=_fmt(stated_value - computed[key])),
                        "total-mismatch", loc + ("total", key)))
        if figure.label:
            # A labelled breakdown is tabled, one row per part: a part needs a name a
            # reader can read, or the table would show its YAML key.
            for name, part in figure.parts.items():
                if not getattr(part, "label", None):
                    out.append(warn(
                        _('The part \'{name}\' of "{label}" has no label, and a table shows it as a row: '
                          'give it a Finnish name, e.g. {name}: {{value: {value}, label: "…"}}.').format(name=name, label=figure.label, value=_fmt(numeric_value(part)) if numeric_value(part) is not None else '…'), "part-without-label", loc + ("parts", name)))
        if figure.exclusive and isinstance(computed, (int, float)):
            target = numeric_value(total) if isinstance(total, (int, float)) else 100
            if abs(computed - target) > SHARE_TOLERANCE:
                out.append(warn(
                    _("The parts are marked exclusive but add up to {fmt}, not {fmt2}.").format(fmt=_fmt(computed), fmt2=_fmt(target)),
                    "shares-mismatch"))
        out += _check_parts_against_whole(figure, loc, computed, warn)
    elif isinstance(figure, Quantity):
        if is_share(figure) and figure.value > 100 + FLOAT_TOLERANCE:
            out.append(warn(_("A share of {fmt} % is more than 100 %.").format(fmt=_fmt(figure.value)), "share-over-100"))
    elif isinstance(figure, Ratio):
        if figure.responded > figure.asked:
            out.append(warn(
                _("More responded ({responded}) than were asked ({asked}).").format(responded=figure.responded, asked=figure.asked),
                "more-responses-than-asked"))
    elif isinstance(figure, Score):
        if figure.min >= figure.scale:
            out.append(source.problem(
                loc, _("The scale's minimum {fmt} is not below its maximum {fmt2}.").format(fmt=_fmt(figure.min), fmt2=_fmt(figure.scale)),
                path=path, code="bad-scale"))
        elif not figure.min <= figure.mean <= figure.scale:
            out.append(warn(
                _("The mean {fmt} is outside its scale {fmt2}–{fmt3}.").format(fmt=_fmt(figure.mean), fmt2=_fmt(figure.min), fmt3=_fmt(figure.scale)),
                "mean-outside-scale"))
    return out


def _check_parts_against_whole(figure: Breakdown, loc: tuple, computed: Any, warn: Any) -> list[Problem]:
    """A part is never larger than its whole, and shares of one whole never exceed
    100 % together, unless the data says the parts overlap (``overlapping: true``)."""
    out = []
    share = is_share(figure)
    whole = 100 if share else numeric_value(figure.total) if isinstance(figure.total, (int, float)) else None
    for name, part in figure.parts.items():
        value = numeric_value(part)
        if value is None or isinstance(part, Score) or (not share and is_share(part)):
            continue
        if share and value > 100 + FLOAT_TOLERANCE:
            out.append(warn(_("A share of {fmt} % is more than 100 %.").format(fmt=_fmt(value)), "share-over-100",
                            loc + ("parts", name)))
        elif whole is not None and not share and value > whole + FLOAT_TOLERANCE and not figure.overlapping:
            out.append(warn(_("The part {fmt} is larger than its whole {fmt2}.").format(fmt=_fmt(value), fmt2=_fmt(whole)),
                            "part-over-whole", loc + ("parts", name)))
    if (share and not figure.exclusive and not figure.overlapping and isinstance(computed, (int, float))
            and computed > 100 + SHARE_TOLERANCE):
        out.append(warn(
            _("The parts are shares of one whole but add up to {fmt} %, more than 100 %. If one thing can "
              "count in several parts, say so with overlapping: true.").format(fmt=_fmt(computed)),
            "shares-over-100"))
    return out
