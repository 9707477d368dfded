"""The import's map: which heading of the document is which part of the form, as YAML a
person corrects and imports again with (``raportti import … --map FILE``).

    "Mitä teimme": toiminta            # the question's id (or number), or a chapter's heading
    "Talous ja hallinto": ~             # no part of the form: its text goes to the leftovers

Headings the map does not name are matched as usual; what a map names wins over the
form's own wording too.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

from raportti.importing.matching import Item, Match, heading_level, looks_like_heading, normalise
from raportti.importing.reading import Paragraph
from raportti.i18n.messages import _
from raportti.problems import UserError
from raportti.report.forms import Form

MAP_NAME = "tuonti-kartta"


def default_map_path(out: Path, year: int) -> Path:
    return out / f"{MAP_NAME}-{year}.yaml"


def read_map(path: Path, items: list[Item]) -> dict[str, Optional[int]]:
    """The map's headings (normalised) → the form item's index, None for "no part of the form"."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(_("{path}: the map cannot be read ({reason}).").format(path=path, reason=exc)) from None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise UserError(_("{where}: the map is not valid YAML ({reason}).").format(
            where=where, reason=getattr(exc, "problem", exc))) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UserError(_("{path}: the map should be lines 'Document heading: form part', not a list or text.")
                        .format(path=path))
    keys = {}
    for i, item in enumerate(items):
        for name in (item.key, item.text, item.label):
            if name:
                keys.setdefault(normalise(str(name)), i)
    out: dict[str, Optional[int]] = {}
    for line, (heading, target) in enumerate(data.items(), 1):
        if target is None or str(target).strip() in ("", "~", "-"):
            out[normalise(str(heading))] = None
            continue
        index = keys.get(normalise(str(target)))
        if index is None:
            from difflib import get_close_matches

            near = get_close_matches(normalise(str(target)), list(keys), n=1)
            hint = " " + _("Did you mean '{name}'?").format(name=near[0]) if near else ""
            raise UserError(_("{path}: '{heading}': the form has no part '{part}'.").format(
                path=path, heading=heading, part=target) + hint + " " +
                _("The parts are listed at the top of the map file."))
        out[normalise(str(heading))] = index
    return out


def apply_map(match: Match, paragraphs: list[Paragraph], fixed: dict[str, Optional[int]]) -> frozenset:
    """The map's choices over the match; returns the paragraphs that are no part of the form."""
    if not fixed:
        return frozenset()
    excluded = set()
    seen: set[int] = set()
    for j, p in enumerate(paragraphs):
        key = normalise(p.plain)
        if key not in fixed or not (p.kind == "heading" or looks_like_heading(p, False)):
            continue
        for i in [i for i, at in match.at.items() if at == j]:
            del match.at[i], match.scores[i], match.how[i]
        target = fixed[key]
        if target is None:
            excluded.add(j)
        elif target not in seen:
            seen.add(target)
            match.at[target], match.scores[target], match.how[target] = j, 1.0, "map"
    return frozenset(excluded)


def write_map(path: Path, form: Form, match: Match, paragraphs: list[Paragraph], source: Path, out: Path) -> None:
    """The headings of the document and the form's part each went to, with the form's parts listed."""
    found = {j: i for i, j in match.at.items()}
    only_headings = sum(1 for p in paragraphs if p.kind == "heading" and p.level != 0) >= 3
    lines = [f"# Tuonnin kartta: asiakirjan {source.name} otsikot ja lomakkeen '{form.name}' kohdat.",
             "# Korjaa kohta ja tuo uudelleen:",
             f"#   raportti import {_shown(source)} --report {form.name} -o {_shown(out)} --map {_shown(path)} --force",
             "# Kohdaksi käy kysymyksen tunniste (tai numero) tai luvun otsikko alta; ~ = ei mikään lomakkeen",
             "# kohta (omana lukuna teksti menee jäljelle jääneeseen tekstiin, alaotsikkona se jää tekstin osaksi).",
             "#", "# Lomakkeen kohdat:"]
    for section in form.sections:
        lines.append(f"#   {section.heading}")
        for q in section.questions:
            item = Item(section, q)
            if q.text.strip():
                lines.append(f"#     {item.key}: {q.text}")
    lines.append("")
    written = set()
    for j, p in enumerate(paragraphs):
        if j not in found and not (looks_like_heading(p, only_headings) and heading_level(p) is not None):
            continue
        if j not in found and p.kind != "heading":
            continue
        heading = p.plain.strip()
        if normalise(heading) in written or not normalise(heading):
            continue
        written.add(normalise(heading))
        if j in found:
            i = found[j]
            how = {"text": "lomakkeen sanoin", "words": "samankaltaisin sanoin", "order": "järjestyksestä",
                   "map": "kartasta"}[match.how.get(i, "text")]
            note = f"  # {how}, varmuus {match.scores.get(i, 1.0):.2f}".replace(".", ",")
            if match.scores.get(i, 1.0) < 0.75:
                note += " — tarkista"
            lines.append(f"{_quoted(heading)}: {_quoted(match.items[i].key)}{note}")
        else:
            lines.append(f"{_quoted(heading)}: ~")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _shown(path: Path) -> str:
    """A path as the user would type it here: relative to the working folder when inside it."""
    import os

    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)
