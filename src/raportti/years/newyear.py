"""Starting the next report year from the last one (``raportti new-year``).

The new folder keeps what carries over and empties what each year reports anew:
goals in their latest wording (changes and dropped or replaced goals left behind) with their
indicators (a line for the new year's target and actual), named partners, target groups,
the blocks' ids and titles (so ``raportti diff`` can match a figure across years),
and every figure's name with an empty value. Short Finnish comments ("# Täydennä: …")
say what to fill in, since coordinators read them. The folder validates, with a
warning for each figure still empty.

Each file starts from the latest year at or before the chosen one that has that file
(a year with only plans.yaml still gives the next year its activities).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from raportti.i18n.messages import _
from raportti.years.revisions import nearest_year
from raportti.project.layout import WIDTH, format_text
from raportti.schema.models import FILE_KINDS
from raportti.schema.models.figures import Breakdown, FigureBase, Quantity, Ratio, Record, Score, format_figure
from raportti.schema.models.files import (
    Block,
    Goal,
    GoalsFile,
    Indicator,
    MonitoringFile,
    Narrative,
    PartnersFile,
)
from raportti.source.scratch import scratch
from raportti.problems import UserError
from raportti.project.loading import ProjectData, load_project
from raportti.writers.output import umask

FILL = "Täydennä"
DEFAULT_SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/{kind}.schema.json"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>.*/)[a-z]+\.schema\.json\s*$")


@dataclass
class NewYear:
    """What ``start_year`` wrote."""

    folder: Path
    year: int
    from_year: int
    files: dict[str, Path] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # kind → the year it started from
    empty_figures: int = 0
    empty_texts: int = 0


def start_year(root: Path, year: int, from_year: Optional[int] = None) -> NewYear:
    """Write the folder of ``year`` from the latest year (or ``from_year``). Refuses to
    overwrite: an existing year folder is an error."""
    data = load_project(root, resolve=False)
    target = data.root / str(year)
    if target.exists():
        raise UserError(
            _("The year folder '{target}' already exists; new-year never overwrites a year. Remove the "
              "folder first, or give another year.").format(target=target))
    if not data.years:
        raise UserError(_("'{root}' has no year folder to start {year} from.").format(root=data.root, year=year))
    if from_year is None:
        earlier = [y for y in data.years if y < year]
        if not earlier:
            raise UserError(
                _("There is no year before {year} to start from (years: {years}). Give --from YEAR.").format(year=year, years=_years(data)))
        from_year = max(earlier)
    elif from_year not in data.years:
        raise UserError(_("There is no year folder {from_year} to start from (years: {years}). Did you "
                          "mean {nearest_year}?").format(from_year=from_year, years=_years(data), nearest_year=nearest_year(from_year, data.years)))
    if from_year >= year:
        raise UserError(_("The new year {year} must come after {from_year}, the year it starts from.").format(year=year, from_year=from_year))

    writer = _Writer(data, year, from_year)
    texts = writer.files()
    result = NewYear(folder=target, year=year, from_year=from_year, sources=writer.sources,
                     empty_figures=writer.empty_figures, empty_texts=writer.empty_texts)
    # Written into this run's scratch folder first and moved into place at once: an
    # interrupted run leaves no half-made year behind, and a killed one's scratch folder
    # is removed by the next run (raportti.source.scratch).
    for old in data.root.glob(f".{year}.*"):  # left by a killed older version
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
    with scratch(data.root) as place:
        staging = place / "year"
        staging.mkdir()
        for kind, text in texts.items():
            (staging / f"{kind}.yaml").write_text(text, encoding="utf-8")
        os.chmod(staging, 0o777 & ~umask())
        if target.exists():  # made by someone else meanwhile
            raise UserError(_("The year folder '{target}' already exists; new-year never overwrites a "
                              "year.").format(target=target))
        os.rename(staging, target)
    result.files = {kind: target / f"{kind}.yaml" for kind in texts}
    return result


def _years(data: ProjectData) -> str:
    return ", ".join(str(y) for y in sorted(data.years))


class _Writer:
    """Builds each file of the new year as commented YAML."""

    def __init__(self, data: ProjectData, year: int, from_year: int):
        self.data = data
        self.year = year
        self.from_year = from_year
        self.sources: dict[str, int] = {}
        self.empty_figures = 0
        self.empty_texts = 0
        self.source_year = from_year  # the year the file being built starts from

    def latest(self, kind: str) -> tuple[Optional[int], Optional[BaseModel]]:
        return self.data.latest(kind, self.from_year)

    def files(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for kind in FILE_KINDS:
            source_year, model = self.latest(kind)
            if kind == "results":
                source_year = source_year or self.from_year
            elif model is None:
                continue
            self.source_year = source_year
            content = getattr(self, f"_{kind}")(model)
            if content is None:
                continue
            self.sources[kind] = source_year  # type: ignore[assignment]
            text = self.render(kind, content, source_year)  # type: ignore[arg-type]
            source = self.data.years[source_year].sources.get(kind) if source_year in self.data.years else None
            out[kind] = carry_comments(source.text, text) if source is not None else text
        return out

    # -- output ------------------------------------------------------------------------

    def render(self, kind: str, content: CommentedMap, source_year: int) -> str:
        what = ("tavoitteet viimeisimmässä muotoilussaan" if kind == "goals"
                else "lohkot ja lukujen nimet, tekstit ja luvut tyhjinä")
        content.yaml_set_start_comment(
            f"{self.schema_line(kind)[2:]}\n"
            f"Vuosi {self.year} aloitettu vuoden {source_year} tiedoista (raportti new-year): {what}.\n"
            f"Kohdat, joissa lukee '{FILL}', täytetään vuoden {self.year} tiedoilla.")
        yaml = YAML(typ="rt")
        yaml.indent(mapping=2, sequence=4, offset=2)
        yaml.width = WIDTH
        yaml.allow_unicode = True
        out = io.StringIO()
        yaml.dump(content, out)
        # Two spaces before every "# Täydennä" that follows an empty value.
        text = re.sub(rf"^(\s*(?:- )*[A-Za-z0-9_\-]+:) *(# {FILL})", r"\1  \2", out.getvalue(), flags=re.M)
        text = re.sub(rf"\}} *(# {FILL})", r"}  \1", text)
        return format_text(text, FILE_KINDS[kind])

    def schema_line(self, kind: str) -> str:
        """The editor's schema line, pointing where the project's other files point."""
        for number in sorted(self.data.years, reverse=True):
            for source in self.data.years[number].sources.values():
                first = source.text.split("\n", 1)[0]
                match = SCHEMA_LINE.match(first)
                if match:
                    return f"# yaml-language-server: $schema={match.group('path')}{kind}.schema.json"
        return DEFAULT_SCHEMA_LINE.format(kind=kind)

    def fill(self, mapping: CommentedMap, key: str, what: str) -> None:
        mapping[key] = None
        mapping.yaml_add_eol_comment(f"# {FILL}: {what}", key)

    def text(self, mapping: CommentedMap, key: str, what: str = "teksti (Markdown, luvut viittauksina {nimi})") -> None:
        self.empty_texts += 1
        self.fill(mapping, key, what)

    # -- figures -----------------------------------------------------------------------

    def figures(self, figures: dict[str, Any]) -> Optional[CommentedMap]:
        if not figures:
            return None
        out = CommentedMap()
        for name, figure in figures.items():
            self.empty_figures += 1
            shown = format_figure(figure) if figure is not None else None
            was = f" (vuonna {self.source_year}: {shown})" if shown else ""
            kept = _kept(figure)
            if kept is None:
                self.fill(out, name, f"{_shape(figure)}{was}")
            else:
                # A figure with a basis of its own keeps it (and its label, unit and
                # scale), its numbers left empty: the basis is not asked for again.
                out[name] = kept
                numbers = ", ".join(key for key in kept if kept[key] is None)
                out.yaml_add_eol_comment(f"# {FILL}: {numbers}{was}", name)
        return out

    def put_figures(self, mapping: CommentedMap, model: Any) -> None:
        figures = self.figures(getattr(model, "figures", {}) or {})
        if figures is not None:
            mapping["figures"] = figures

    # -- blocks ------------------------------------------------------------------------

    def block(self, block: Block) -> CommentedMap:
        out = CommentedMap()
        if block.id:
            out["id"] = block.id
        if block.title:
            out["title"] = block.title
        if block.text is not None:
            self.text(out, "text")
        put_basis(out, block)
        self.put_figures(out, block)
        self.put_sections(out, block.sections)
        return out

    def put_sections(self, mapping: CommentedMap, blocks: list[Block]) -> None:
        if blocks:
            mapping["sections"] = CommentedSeq(self.block(b) for b in blocks)

    def narrative(self, model: Narrative) -> CommentedMap:
        out = CommentedMap()
        for key in ("intro", "text"):
            if getattr(model, key) is not None:
                self.text(out, key)
        return self.put_rest(out, model)

    def put_rest(self, out: CommentedMap, model: Any) -> CommentedMap:
        """What a narrative file ends with: its blocks, closing text, basis and figures."""
        self.put_sections(out, model.sections)
        if model.outro is not None:
            self.text(out, "outro")
        put_basis(out, model)
        self.put_figures(out, model)
        return out

    # -- one method per file kind ------------------------------------------------------

    def _year(self, model: Any) -> Optional[CommentedMap]:
        out = CommentedMap()
        self.fill(out, "figures_until", "päivä, johon asti vuoden luvut on laskettu, jos ennen vuoden loppua (esim. "
                                        f"{self.year}-08-31); muuten poista rivi")
        if model.notes is not None:
            self.text(out, "notes", "vuoden huomiot (Markdown)")
        self.put_figures(out, model)
        return out

    def _goals(self, model: GoalsFile) -> Optional[CommentedMap]:
        goals = [self.goal(g) for g in model.goals if not (g.is_dropped or g.replaced_by)]
        if not goals:
            return None
        out = CommentedMap()
        if model.period:  # the goals' period runs on over the years it names
            out["period"] = model.period
        out["goals"] = CommentedSeq(goals)
        out.yaml_set_comment_before_after_key(
            "goals",
            before=f"{FILL}: jos tavoite muuttuu vuoden aikana, kirjaa muutos tavoitteen kohtaan changes\n"
                   "(uusi text tai dropped: true ja reason); päättyneet tavoitteet kohtaan dropped.")
        self.put_figures(out, model)
        return out

    def goal(self, goal: Goal) -> CommentedMap:
        out = CommentedMap()
        out["id"] = goal.id
        text = goal.current_text
        out["text"] = LiteralScalarString(text) if "\n" in text else text
        for key in ("level", "heading", "period_label", "note"):
            value = getattr(goal, key)
            if value:
                out[key] = LiteralScalarString(value) if "\n" in value else value
        if goal.indicators:
            out["indicators"] = CommentedSeq(self.indicator(i) for i in goal.indicators)
        subgoals = [self.goal(g) for g in goal.subgoals if not (g.is_dropped or g.replaced_by)]
        if subgoals:
            out["subgoals"] = CommentedSeq(subgoals)
        self.put_figures(out, goal)
        return out

    def indicator(self, indicator: Indicator) -> CommentedMap:
        """An indicator with its history, and the new year to fill in (target, actual)."""
        out = CommentedMap()
        out["id"] = indicator.id
        out["name"] = indicator.name
        if indicator.unit:
            out["unit"] = indicator.unit
        if indicator.baseline is not None:
            out["baseline"] = _flow_map(indicator.baseline.model_dump())
        put_basis(out, indicator)
        years = CommentedSeq(_flow_map(entry.model_dump(exclude_none=True)) for entry in indicator.years)
        if indicator.for_year(self.year) is None:
            years.append(_flow_map({"year": self.year}))
            years.yaml_add_eol_comment(
                f"# {FILL}: vuoden {self.year} target (tavoite) ja actual (toteuma)", len(years) - 1)
        out["years"] = years
        return out

    def _activities(self, model: Narrative) -> CommentedMap:
        return self.narrative(model)

    def _plans(self, model: Narrative) -> CommentedMap:
        return self.narrative(model)

    def _partners(self, model: PartnersFile) -> CommentedMap:
        out = CommentedMap()
        if model.text is not None:
            self.text(out, "text")
        if model.target_group is not None:
            self.text(out, "target_group", "kohderyhmä ja sen muutokset (Markdown)")
        if model.reach:
            reach = CommentedSeq()
            for row in model.reach:
                entry = CommentedMap()
                entry["group"] = row.group
                was = f"vuonna {self.source_year}: {row.planned}" if row.planned is not None else ""
                self.fill(entry, "planned", f"suunniteltu määrä ({was})" if was else "suunniteltu määrä")
                self.fill(entry, "reached", "tavoitettu määrä")
                if row.unit:
                    entry["unit"] = row.unit
                put_basis(entry, row)
                reach.append(entry)
            out["reach"] = reach
        if model.named:
            named = CommentedSeq()
            for partner in model.named:
                entry = CommentedMap()
                entry["name"] = partner.name
                if partner.kind:
                    entry["kind"] = partner.kind
                if partner.cooperation is not None:
                    self.text(entry, "cooperation", "yhteistyön muoto tänä vuonna (Markdown)")
                if partner.note:
                    entry["note"] = partner.note
                named.append(entry)
            out["named"] = named
            out.yaml_set_comment_before_after_key(
                "named", before=f"{FILL}: nimetyt kumppanit jatkavat; lisää uudet, poista päättyneet.")
        self.put_sections(out, model.sections)
        put_basis(out, model)
        self.put_figures(out, model)
        return out

    def _results(self, model: Any) -> CommentedMap:
        out = CommentedMap()
        out["results"] = CommentedSeq()
        out.yaml_set_comment_before_after_key(
            "results",
            before=f"{FILL}: vuoden {self.year} tulokset, kukin omana kohtanaan, esimerkiksi:\n"
                   "  - goals: [tavoitteen-id]     # [] = kaikki tavoitteet\n"
                   "    scope: region              # region (maakunta) tai municipalities (kunnat)\n"
                   "    text: |\n"
                   "      Tulos Markdownina.")
        return out

    def _monitoring(self, model: MonitoringFile) -> CommentedMap:
        out = CommentedMap()
        if model.intro is not None:
            self.text(out, "intro")
        groups = CommentedMap()
        for name in type(model.groups).model_fields:
            group = getattr(model.groups, name)
            if group is None:
                continue
            entry = CommentedMap()
            if group.text is not None:
                self.text(entry, "text", "miten tietoa kerättiin, keneltä, kuinka monelta (Markdown)")
            if group.use is not None:
                self.text(entry, "use", "miten kerättyä tietoa on hyödynnetty (Markdown)")
            self.put_sections(entry, group.sections)
            put_basis(entry, group)
            self.put_figures(entry, group)
            groups[name] = entry
        if groups:
            out["groups"] = groups
        return self.put_rest(out, model)


# -- comments --------------------------------------------------------------------------------


def carry_comments(old: str, new: str) -> str:
    """``new`` with the coordinator's own comments of ``old`` carried over: each block of
    whole-line comments above a key or list item that the new year keeps goes above the
    same place in the new file (a list item is the same when its id, name, group or year
    is). A comment above a value the new year empties (a figure, a text) is about that
    value and stays behind, as do the comments at the top of the old file."""
    old_places, new_places = _places(old), _places(new)
    if not old_places or not new_places:
        return new
    old_lines, new_lines = old.split("\n"), new.split("\n")
    first = min(line for line, _, _ in old_places.values())
    inserts: dict[int, list[str]] = {}
    used: set[int] = set()
    for path, (line, _, was) in old_places.items():  # outer places first
        if line in used or path not in new_places:
            continue
        used.add(line)
        at, column, now = new_places[path]
        kept = isinstance(path[-1], int) or "=" in str(path[-1]) or (
            isinstance(now, (dict, list)) and path[-2:-1] != ("figures",)) or (
            now is not None and not isinstance(now, (dict, list)) and now == was)
        block = _comments_above(old_lines, line, first)
        if not kept or not block or at in inserts or _comments_above(new_lines, at, 0):
            continue  # nothing to carry, or new-year's own advice is there
        inserts[at] = [" " * column + text for text in block]
    for at, block in sorted(inserts.items(), reverse=True):
        new_lines[at:at] = block
    return "\n".join(new_lines)


def _comments_above(lines: list[str], line: int, first: int) -> list[str]:
    """The whole-line comments right above ``line`` (0-based), unless they are above the
    first key (the file's own heading) or new-year's advice."""
    block: list[str] = []
    at = line - 1
    while at >= 0 and lines[at].lstrip().startswith("#"):
        block.insert(0, lines[at].strip())
        at -= 1
    if line <= first or any(FILL in text or "yaml-language-server" in text for text in block):
        return []
    return block


def _places(text: str) -> dict[tuple, tuple[int, int, Any]]:
    """Where each key and list item of a YAML text starts (0-based line, column of the
    key or the item's '- ') and its value, by a path that names list items by their id,
    name, group or year rather than by their place."""
    try:
        tree = YAML(typ="rt").load(text)
    except Exception:  # an unreadable file has no places; its comments stay behind
        return {}
    out: dict[tuple, tuple[int, int, Any]] = {}

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, CommentedMap):
            for key in node:
                line, column = node.lc.key(key)
                out[path + (key,)] = (line, column, node[key])
                walk(node[key], path + (key,))
        elif isinstance(node, CommentedSeq):
            for i, item in enumerate(node):
                line, column = node.lc.item(i)
                name = next((f"{k}={item[k]}" for k in ("id", "name", "group", "year")
                             if isinstance(item, CommentedMap) and k in item), i)
                out[path + (name,)] = (line, max(column - 2, 0) if isinstance(item, CommentedMap) else column, item)
                walk(item, path + (name,))

    walk(tree, ())
    return out


def put_basis(mapping: CommentedMap, model: Any) -> None:
    """How figures are collected usually stays from year to year: the basis carries over."""
    if getattr(model, "basis", None):
        mapping["basis"] = model.basis


def _kept(figure: Any) -> Optional[CommentedMap]:
    """A figure with a basis of its own as the new year writes it: its numbers empty,
    its label, unit, scale and basis kept (a flow mapping); None for the others, which
    are written as an empty value with their shape in a comment."""
    if not isinstance(figure, (Quantity, Ratio, Score)) or not figure.basis:
        return None
    numbers = {Quantity: ("value",), Ratio: ("responded", "asked"), Score: ("mean",)}[type(figure)]
    values: dict[str, Any] = {key: None for key in numbers}
    for key in _KEEP:
        value = getattr(figure, key, None)
        if value is not None and value is not False and not (key == "min" and value == 1):
            values[key] = value
    return _flow_map(values)


def _flow_map(values: dict) -> CommentedMap:
    out = CommentedMap(values)
    out.fa.set_flow_style()
    return out


# -- the shape of a figure, as a hint ---------------------------------------------------------


def _shape(figure: Any) -> str:
    """How to write the figure again: its last form with every number left out."""
    if figure is None or isinstance(figure, (int, float)):
        return "luku"
    return _flow(_skeleton(figure))


_KEEP = ("label", "unit", "scale", "min", "decimals", "exclusive", "basis")


def _skeleton(figure: Any) -> Any:
    if isinstance(figure, (int, float)) and not isinstance(figure, bool):
        return ...
    if not isinstance(figure, FigureBase):
        return ...
    out: dict[str, Any] = {}
    if isinstance(figure, Quantity):
        out["value"] = ...
    elif isinstance(figure, Ratio):
        out["responded"], out["asked"] = ..., ...
    elif isinstance(figure, Score):
        out["mean"] = ...
        if figure.responses is not None:
            out["responses"] = ...
    elif isinstance(figure, Breakdown):
        if figure.total is not None:
            out["total"] = _skeleton(figure.total)
        out["parts"] = {name: _skeleton(p) for name, p in figure.parts.items()}
    elif isinstance(figure, Record):
        out.update({name: _skeleton(p) for name, p in figure.items.items()})
    for key in _KEEP:
        value = getattr(figure, key, None)
        if value is not None and value is not False and not (key == "min" and value == 1):
            out[key] = value
    return out


def _flow(value: Any) -> str:
    if value is ...:
        return "…"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
