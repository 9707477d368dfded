"""Recognising goals and the results reported under them.

Goals: a numbered list ("1. …", "2. …") gives one goal per item; "Päätavoite: …" lines
give main goals, with the "Alatavoite:"/"Alatavoitteet:" lines after them as sub-goals and
"→ Muutos: …" as their revisions. A sub-goal worded as an earlier year's goal keeps that
goal's id, so results and diffs follow it. Anything else stays the goal file's text.

Results: a line that repeats a goal's wording starts that goal's results; "Maakunta:" and
"Kunnat:" say the scope; each list item is one result, linked to the goal above it.
"""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from raportti.importing.matching import normalise
from raportti.importing.placing import Draft, Spot, markdown_of, similar
from raportti.importing.reading import Paragraph
from raportti.schema.models.files import Goal, Result

_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(.*)$", re.S)
#: "Päätavoite: …", "**Päätavoite:** …", and as raportti writes them, "**Päätavoite 1.** …".
_MAIN = re.compile(r"^\s*(?:\*\*)?Päätavoite(?:\s+\d{1,2})?(?:\*\*)?\s*[.:]\s*(?:\*\*)?\s*(.*)$", re.I | re.S)
#: A lettered sub-goal under a main goal: "a. …", "b) …".
_LETTERED = re.compile(r"^\s*[a-z][.)]\s+(.*)$", re.S)
#: The line raportti writes above the goals: "Tavoitteet kaudelle 2024–2026."
_GOALS_PERIOD = re.compile(r"^Tavoitteet kaudelle\s+(?P<period>\S.*?)\.?$")
#: A change that refines a goal into another: "Tavoite tarkentui tavoitteeksi ”…”, koska …".
_REFINED = re.compile(r"^Tavoite tarkentui tavoitteeksi\s*[”“\"](?P<goal>.+?)[”“\"](?:,\s*koska\s*(?P<reason>.*))?$", re.S)
#: The same refinement told at the goal it became (toimintakertomus's goal list):
#: "Tarkentunut tavoitteesta ”…”, koska …".
_ORIGIN = re.compile(r"^Tarkentunut tavoitteesta\s*[”“\"](?P<goal>.+?)[”“\"](?:,\s*koska\s*(?P<reason>.*))?$", re.S)
_SUB = re.compile(r"^\s*(?:\*\*)?Alatavoit(?:e|teet)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.*)$", re.I | re.S)
_CHANGE = re.compile(r"\s*→\s*(?:\*\*)?(Muutos[^:]*?)\s*:\s*(?:\*\*)?\s*", re.S)
_DROPPED = re.compile(r"^Tämä tavoite jää pois(?:,\s*koska\s*(.*))?$", re.S)
#: "MAAKUNTATASO: wording": a main goal under a heading of capitals.
_LEVEL = re.compile(r"^(?P<heading>[A-ZÅÄÖ][A-ZÅÄÖ -]{2,40}[A-ZÅÄÖ])\s*:\s*(?P<text>\S.*)$", re.S)
#: "2023-2024: wording, 2025: new wording": a main goal reworded for a later period.
_PERIODS = re.compile(r"(?:^|,\s*)(?P<start>(?:19|20)\d\d)(?:\s*-\s*(?P<end>(?:19|20)\d\d))?\s*:\s*")
_SCOPES = {"maakunta": "region", "kunnat": "municipalities"}
SAME_GOAL = 0.85
#: An earlier goal this alike is the same goal, reworded or shortened ("(palvelu)strategioihin").
EARLIER_GOAL = 0.75


def put_goals(draft: Draft, spot: Spot, paragraphs: list[Paragraph], year: int, where: str) -> None:
    root = spot.mapping
    goals = root.get("goals") or CommentedSeq()
    numbered = [_NUMBERED.match(p.markdown) if p.kind == "item" or p.kind == "p" else None for p in paragraphs]
    run = [i for i, m in enumerate(numbered) if m]
    if run and run == list(range(run[0], run[-1] + 1)) and (run[0] > 0 or run[-1] < len(paragraphs) - 1) \
            and not any(_MAIN.match(p.plain) for p in paragraphs):
        # Text around one numbered list (a chapter that says more than its goals): the text
        # before is the goals' intro, the text after their outro.
        if run[0]:
            draft.put_text(spot, "intro", markdown_of(paragraphs[:run[0]]))
        if run[-1] < len(paragraphs) - 1:
            draft.put_text(spot, "outro", markdown_of(paragraphs[run[-1] + 1:]))
        paragraphs = paragraphs[run[0]:run[-1] + 1]
        numbered = numbered[run[0]:run[-1] + 1]
    if paragraphs and all(numbered):
        numbers = [m.group(1) for m in numbered]
        unique = len(set(numbers)) == len(numbers)
        earlier = _goals_before(draft, year)
        ids = _same_goals([m.group(2).strip() for m in numbered], earlier,
                          [f"t{m.group(1) if unique else i}" for i, m in enumerate(numbered, 1)])
        for goal_id, m in zip(ids, numbered):
            goal = CommentedMap()
            goal["id"] = goal_id
            goal["text"] = m.group(2).strip()
            goals.append(goal)
        root["goals"] = goals
        draft.goals += len(goals)
        return
    if any(_MAIN.match(p.plain) for p in paragraphs):
        _put_main_goals(draft, spot, paragraphs, year, where)
        return
    if sum(1 for p in paragraphs if _LEVEL.match(p.plain)) >= 2:
        _put_level_goals(draft, paragraphs, year, where)
        return
    draft.put_text(spot, "intro", markdown_of(paragraphs))
    draft.note(spot, "intro", "tavoitteita ei tunnistettu; ne ovat tässä tekstinä. Kirjoita ne goals-listaksi, "
                              "jotta tulokset voi liittää niihin")


def _put_main_goals(draft: Draft, spot: Spot, paragraphs: list[Paragraph], year: int, where: str) -> None:
    earlier = _goals_before(draft, year)
    root = spot.mapping
    goals = root.get("goals") or CommentedSeq()
    first = next(i for i, p in enumerate(paragraphs) if _MAIN.match(p.plain))
    lead = paragraphs[:first]
    period = [p for p in lead if _GOALS_PERIOD.match(p.plain)]
    if len(period) == 1:
        root["period"] = _GOALS_PERIOD.match(period[0].plain).group("period")
        lead = [p for p in lead if p is not period[0]]
    if lead:
        draft.put_text(spot, "intro", markdown_of(lead))
    main = None
    used: set = set()
    in_subs = False
    pending: CommentedMap | None = None  # the goal whose change text follows on the next line
    n = 0
    for p in paragraphs[first:]:
        text = p.markdown.strip()
        m = _MAIN.match(text)
        if m:
            n += 1
            main = _goal(f"p{n}", m.group(1), earlier, prefer_new=True)
            goals.append(main)
            in_subs, pending = False, _pending(main)
            continue
        if main is None:
            continue
        s = _SUB.match(text)
        if s:
            in_subs = True
            rest = s.group(1).strip()
            if rest:
                sub = _goal(f"p{n}-{len(main.get('subgoals', [])) + 1}", rest, earlier, used=used)
                main.setdefault("subgoals", CommentedSeq()).append(sub)
                pending = _pending(sub)
            continue
        if pending is not None and _continue_change(pending, text):
            pending = None
            continue
        lettered = _LETTERED.match(text) if p.kind == "item" else None
        if lettered and not in_subs:
            sub = _goal(f"p{n}-{len(main.get('subgoals', [])) + 1}", lettered.group(1), earlier, used=used)
            main.setdefault("subgoals", CommentedSeq()).append(sub)
            pending = _pending(sub)
            continue
        if in_subs:
            sub = _goal(f"p{n}-{len(main.get('subgoals', [])) + 1}", text, earlier, used=used)
            main.setdefault("subgoals", CommentedSeq()).append(sub)
            pending = _pending(sub)
            continue
        draft.leave(where, [p], "tavoitteen kohdalla oli tekstiä, jota ei tunnistettu tavoitteeksi")
    root["goals"] = goals
    _restore_origins(goals, earlier, used)
    draft.goals += sum(1 + len(g.get("subgoals", [])) for g in goals)
    _resolve_refined(goals)
    ids = [g["id"] for g in goals] + [s["id"] for g in goals for s in g.get("subgoals", [])]
    if len(set(ids)) != len(ids):  # two lines matched the same earlier goal: fall back to own ids
        for i, g in enumerate(goals, 1):
            g["id"] = f"p{i}"
            for j, s in enumerate(g.get("subgoals", []), 1):
                s["id"] = f"p{i}-{j}"


def _put_level_goals(draft: Draft, paragraphs: list[Paragraph], year: int, where: str) -> None:
    """Main goals under level headings, each followed by its sub-goals per period.

    "- Alatavoitteet 2023- alkuvuosi 2025: …" puts that sub-goal in the goal set of the
    period's first year; every period's set restates the main goals with the same ids, so
    the report shows each main goal once and its sub-goals period by period.
    """
    from raportti.importing.numbers import _ident

    mains: list[dict] = []  # {id, heading, wordings: [(start, text)], subs: [(label, start, text)]}
    loose: list[Paragraph] = []
    for p in paragraphs:
        level = _LEVEL.match(p.plain) if p.kind != "item" else None
        if level:
            text = level.group("text").strip()
            wordings = _period_wordings(text)
            mains.append({"id": _ident(level.group("heading")), "heading": level.group("heading"),
                          "wordings": wordings, "subs": []})
            continue
        label = re.match(r"^(?P<label>[^:]{0,60}?(?:19|20)\d\d[^:]{0,30}?)\s*:\s*(?P<text>\S.*)$", p.plain, re.S)
        if mains and label:
            start = int(re.search(r"(?:19|20)\d\d", label.group("label")).group(0))
            mains[-1]["subs"].append((label.group("label").strip(), start, label.group("text").strip()))
            continue
        loose.append(p)
    starts = sorted({s for m in mains for _, s, _ in m["subs"]} | {s for m in mains for s, _ in m["wordings"]
                                                                   if s is not None}) or [year]
    starts = [s for s in starts if s <= year] or [year]
    for start in starts:
        spot = draft.spot("goals", start)
        goals = spot.mapping.get("goals") or CommentedSeq()
        for m in mains:
            goal = CommentedMap()
            goal["id"] = m["id"]
            goal["text"] = _wording_for(m["wordings"], start)
            goal["heading"] = m["heading"]
            subs = [(label, text) for label, s, text in m["subs"] if s == start]
            if subs:
                goal["period_label"] = subs[0][0]
                goal["subgoals"] = CommentedSeq()
                for n, (_, text) in enumerate(subs, 1):
                    sub = CommentedMap()
                    sub["id"] = f"{m['id']}-ala" + (f"-{n}" if n > 1 else "")
                    sub["text"] = text
                    goal["subgoals"].append(sub)
            goals.append(goal)
            draft.goals += 1 + len(subs)
        spot.mapping["goals"] = goals
    if loose:
        spot = draft.spot("goals", starts[0])
        draft.put_text(spot, "intro", markdown_of(loose))
        draft.note(spot, "intro", "tämä teksti oli tavoitteiden joukossa, mutta ei ollut tavoite")


def _period_wordings(text: str) -> list[tuple[int | None, str]]:
    """ "2023-2024: A, 2025: B" → [(2023, A), (2025, B)]; a plain wording → [(None, text)]."""
    marks = list(_PERIODS.finditer(text))
    if not marks or marks[0].start() != 0:
        return [(None, text)]
    out = []
    for n, m in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        out.append((int(m.group("start")), text[m.end():end].strip()))
    return out


def _wording_for(wordings: list[tuple[int | None, str]], year: int) -> str:
    chosen = wordings[0][1]
    for start, text in wordings:
        if start is None or start <= year:
            chosen = text
    return chosen


def _goal(new_id: str, text: str, earlier: list[tuple[str, str]], prefer_new: bool = False,
          used: set | None = None) -> CommentedMap:
    """A goal from "text → Muutos: new text"; the id of an earlier goal worded alike."""
    parts = _CHANGE.split(text)
    wording = parts[0].strip()
    goal = CommentedMap()
    goal["id"] = new_id
    if not prefer_new:
        free = [e for e in earlier if used is None or e[0] not in used]
        best = max(free, key=lambda e: similar(e[1], wording), default=None)
        if best is not None and similar(best[1], wording) >= EARLIER_GOAL:
            goal["id"] = best[0]
    if used is not None:
        used.add(goal["id"])
    goal["text"] = wording
    changes = CommentedSeq()
    for label, new in zip(parts[1::2], parts[2::2]):
        change = CommentedMap()
        if label.strip() != "Muutos":
            change["label"] = label.strip()
        _fill_change(change, new.strip())
        changes.append(change)
    if changes:
        goal["changes"] = changes
    return goal


def _restore_origins(goals, earlier: list[tuple[str, str]], used: set) -> None:
    """A sub-goal told as "→ Muutos: Tarkentunut tavoitteesta ”X”, koska …" had the goal X
    before it: X is put back in front of it, refined into it, as the data first said."""
    for main in goals:
        subs = main.get("subgoals")
        if not subs:
            continue
        at = 0
        while at < len(subs):
            sub = subs[at]
            origins = [c for c in sub.get("changes", []) if "refined_from" in c]
            for change in origins:
                sub["changes"].remove(change)
                old = _goal(f"{sub['id']}-aiempi", change["refined_from"], earlier, used=used)
                refined = CommentedMap()
                refined["replaced_by"] = sub["id"]
                if change.get("reason"):
                    refined["reason"] = change["reason"]
                old["changes"] = CommentedSeq([refined])
                subs.insert(at, old)
                at += 1
            if "changes" in sub and not sub["changes"]:
                del sub["changes"]
            at += 1


def _resolve_refined(goals) -> None:
    """A change "Tavoite tarkentui tavoitteeksi ”X”" points at the goal worded X (its id),
    once all goals are read; when none is worded so, the change keeps its words."""
    every = [g for g in goals] + [s for g in goals for s in g.get("subgoals", [])]
    for goal in every:
        for change in goal.get("changes", []):
            wording = change.pop("refined_to", None)
            if wording is None:
                continue
            best = max(every, key=lambda g: similar(g["text"], wording))
            if best is not goal and similar(best["text"], wording) >= SAME_GOAL:
                change["replaced_by"] = best["id"]
            else:
                change.insert(0, "text", change.pop("refined_text"))
            change.pop("refined_text", None)


def _fill_change(change: CommentedMap, new: str) -> None:
    dropped = _DROPPED.match(new)
    refined = _REFINED.match(re.sub(r"\*\*", "", new))
    origin = _ORIGIN.match(re.sub(r"\*\*", "", new))
    if origin:
        change["refined_from"] = origin.group("goal").strip()
        if origin.group("reason"):
            change["reason"] = origin.group("reason").strip()
    elif refined:
        change["refined_to"] = refined.group("goal").strip()
        change["refined_text"] = new
        if refined.group("reason"):
            change["reason"] = refined.group("reason").strip()
    elif dropped:
        change["dropped"] = True
        if dropped.group(1):
            change["reason"] = dropped.group(1).strip()
    elif new:
        change["text"] = new
    else:
        change["text"] = ""  # filled by the next line (see _continue_change)


def _pending(goal: CommentedMap):
    """The goal when its text ends with an arrow: the change comes on the next line."""
    text = goal["text"]
    if text.endswith("→"):
        goal["text"] = text[:-1].strip()
        return goal
    changes = goal.get("changes")
    if changes and changes[-1].get("text") == "":
        return goal
    return None


def _continue_change(goal: CommentedMap, text: str) -> bool:
    changes = goal.get("changes")
    if changes and changes[-1].get("text") == "":
        change = changes[-1]
        del change["text"]
        _fill_change(change, text)
        return True
    m = re.match(r"^(?:\*\*)?(Muutos[^:]*?)\s*:\s*(?:\*\*)?\s*(.*)$", text, re.S)
    if m:
        change = CommentedMap()
        if m.group(1).strip() != "Muutos":
            change["label"] = m.group(1).strip()
        _fill_change(change, m.group(2).strip())
        goal.setdefault("changes", CommentedSeq()).append(change)
        return True
    return False


def _same_goals(texts: list[str], earlier: list[tuple[str, str]], own: list[str]) -> list[str]:
    """Each goal's id: an earlier year's goal worded alike keeps its id (so diff follows it
    across years, however the list is numbered); the others their own, never one taken."""
    ids: list[str | None] = [None] * len(texts)
    pairs = sorted(((similar(e_text, text), n, e_id) for n, text in enumerate(texts) for e_id, e_text in earlier),
                   reverse=True)
    used: set[str] = set()
    for score, n, e_id in pairs:
        if score >= EARLIER_GOAL and ids[n] is None and e_id not in used:
            ids[n] = e_id
            used.add(e_id)
    taken = used | {e_id for e_id, _ in earlier}
    for n, goal_id in enumerate(ids):
        if goal_id is None:
            candidate, k = own[n], len(texts) + len(earlier)
            while candidate in taken:
                k += 1
                candidate = f"t{k}"
            ids[n] = candidate
            taken.add(candidate)
    return ids  # type: ignore[return-value]


def _goals_before(draft: Draft, year: int) -> list[tuple[str, str]]:
    """Goals of the years before ``year``: the project's own files (an import into an existing
    project) and the years this import made."""
    out = list(draft.earlier_goals.get(max((y for y in draft.earlier_goals if y < year), default=None), []))
    for y in sorted(draft.years):
        if y < year and "goals" in draft.years[y]:
            for g in draft.years[y]["goals"].get("goals", []):
                out.append((g["id"], g["text"]))
                out += [(s["id"], s["text"]) for s in g.get("subgoals", [])]
    return out


def goals_in_force(draft: Draft, year: int) -> list[CommentedMap]:
    for y in sorted(draft.years, reverse=True):
        if y <= year and "goals" in draft.years[y]:
            return list(draft.years[y]["goals"].get("goals", []))
    return []


# -- results ------------------------------------------------------------------------------------


def put_indicators(draft: Draft, paragraphs: list[Paragraph], year: int, where: str) -> None:
    """Target / actual tables under goal headings into the goals' indicators (goals made from
    the headings when none were read)."""
    goals = goals_in_force(draft, year) or _goals_from_headings(draft, paragraphs, year)
    current: list[str] | None = None
    after: list[CommentedMap] | None = None
    for p in paragraphs:
        if p.kind == "table" or (after is not None and p.kind == "p" and ": " in p.plain):
            after = _indicators_or_leave(draft, goals, current, p, after, year, where)
            continue
        after = None
        goal = _goal_named(goals, p.plain.strip()) if p.kind == "heading" else None
        if goal is not None:
            current = [goal]
            continue
        draft.leave(where, [p], "tekstiä mittaritaulukoiden välissä")


def _indicators_or_leave(draft: Draft, goals, current, p: Paragraph, after, year: int, where: str):
    """A table read into the current goal's indicators, or a "Name: note" line under it into
    that indicator's year; what cannot be read is left over saying where to enter it."""
    goal = next((g for g in goals if current and g["id"] == current[0]), None)
    if p.kind == "table":
        read = _indicator_table(p, year) if goal is not None else None
        if read:
            indicators = goal.get("indicators") or CommentedSeq()
            taken = {i["id"] for i in indicators}
            for indicator in read:
                while indicator["id"] in taken:
                    indicator["id"] += "-2"
                taken.add(indicator["id"])
                indicators.append(indicator)
            goal["indicators"] = indicators
            return read
        draft.leave(where, [p], "taulukon tekee raportti tavoitteiden mittareista; kirjaa sen luvut "
                                "goals.yaml-tiedoston tavoitteille (indicators)")
        return []
    name, _, note = p.plain.partition(":")
    for indicator in after or []:
        if normalise(indicator["name"]) == normalise(name):
            indicator["years"][0]["note"] = note.strip()
            return after
    draft.leave(where, [p], "mittaritaulukon alla oleva huomautus; kirjaa se mittarin vuodelle (note)")
    return after


_INDICATOR_COLUMNS = {"mittari": "name", "lähtötaso": "baseline", "tavoite": "target", "toteuma": "actual",
                      "peruste": "basis"}


def _indicator_table(p: Paragraph, year: int) -> list[CommentedMap] | None:
    """Rows "Name (unit) | 0 (2023) | 80 | 84 | kerätty" as indicators with this year's entry."""
    from raportti.importing.placing import _cell_value, _cells
    from raportti.schema.models.base import BASES

    lines = p.markdown.splitlines()
    header = [_INDICATOR_COLUMNS.get(normalise(c)) for c in _cells(lines[0])]
    if not header or header[0] != "name" or "target" not in header:
        return None
    bases = {text: key for key, text in BASES.items()}
    out = []
    for line in lines[2:]:
        row = {k: c for k, c in zip(header, _cells(line)) if k}
        m = re.match(r"^(?P<name>.+?)(?:\s*\((?P<unit>[^()]+)\))?$", row.get("name", ""))
        if not m or not m.group("name"):
            return None
        indicator = CommentedMap()
        indicator["id"] = re.sub(r"[^a-z0-9]+", "-", m.group("name").casefold().translate(
            str.maketrans("äöåéü", "aoaeu"))).strip("-")[:40] or "mittari"
        indicator["name"] = m.group("name").strip()
        if m.group("unit"):
            indicator["unit"] = m.group("unit").strip()
        base = re.match(r"^(?P<value>\d+(?:,\d+)?)\s*\((?P<year>(?:19|20)\d\d)\)$", row.get("baseline", "").strip())
        if base:
            baseline = CommentedMap(value=_cell_value(base.group("value"), None), year=int(base.group("year")))
            baseline.fa.set_flow_style()
            indicator["baseline"] = baseline
        if bases.get(row.get("basis", "")):
            indicator["basis"] = bases[row["basis"]]
        entry = CommentedMap(year=year)
        for key in ("target", "actual"):
            value = _cell_value(row.get(key, ""), None)
            if value is not None and not isinstance(value, (int, float)):
                return None
            if value is not None:
                entry[key] = value
        indicator["years"] = CommentedSeq([entry])
        out.append(indicator)
    return out


def _goals_from_headings(draft: Draft, paragraphs: list[Paragraph], year: int) -> list[CommentedMap]:
    """No goals read before the results: the headings the results are grouped under are
    taken as the goals (a report that shows goals only as headings of their results)."""
    titles = [p.plain.rstrip(":").strip() for p in paragraphs if p.kind == "heading"]
    titles = [t for t in dict.fromkeys(titles)
              if t.casefold() not in ("kaikki tavoitteet", "kaikkia tavoitteita koskevat tulokset")]
    if not titles:
        return []
    spot = draft.spot("goals", year)
    goals = CommentedSeq()
    for n, title in enumerate(titles, 1):
        goal = CommentedMap()
        goal["id"] = f"t{n}"
        goal["text"] = title
        goals.append(goal)
    spot.mapping["goals"] = goals
    draft.goals += len(goals)
    draft.note(spot, "goals", "tavoitteet on luettu tulosten otsikoista; tarkista ne ja lisää alatavoitteet "
                              "ja mittarit (indicators)")
    return list(goals)


def _keep_heading(draft: Draft, place: str | None, year: int, goal: str, p: Paragraph, where: str,
                  file: str) -> None:
    """The document's own heading for a goal's results, where the form keeps such headings."""
    if place is None:
        draft.leave(where, [p], f"tulosten otsikko on sanottu toisin kuin tavoite {goal}; "
                                "raportissa näkyy tavoitteen sanamuoto")
        draft.checks.append(f"{file}: tulokset tavoitteelle {goal}: otsikko poikkeaa tavoitteen "
                            "sanamuodosta (ks. jäljelle jäänyt teksti)")
        return
    holder = draft.spot(place, year)
    target = holder.mapping if holder.key is None else holder.mapping.setdefault(holder.key, CommentedMap())
    blocks = target.get("sections") or CommentedSeq()
    block = CommentedMap()
    block["id"] = goal
    block["title"] = p.plain.strip()
    blocks.append(block)
    target["sections"] = blocks


def put_results(draft: Draft, spot: Spot, paragraphs: list[Paragraph], year: int, where: str,
                rule_headings: str | None = None, all_goals: bool = False) -> None:
    root = spot.mapping
    results = root.get("results") or CommentedSeq()
    goals = goals_in_force(draft, year) or _goals_from_headings(draft, paragraphs, year)
    current: list[str] | None = [] if all_goals else None
    scope = None
    last: CommentedMap | None = None
    intro: list[Paragraph] = []
    loose: list[Paragraph] = []

    def add(paragraph_list: list[Paragraph], goal_ids: list[str]) -> CommentedMap:
        result = CommentedMap()
        result["goals"] = CommentedSeq(goal_ids)
        result["goals"].fa.set_flow_style()
        if scope:
            result["scope"] = scope
        results.append(result)
        draft.put_text(Spot(result, None, Result, spot.indent + 4, spot.file), "text",
                       markdown_of(paragraph_list))
        draft.results += 1
        return result

    after_table: list[CommentedMap] | None = None  # the indicators of the table just read
    for p in paragraphs:
        text = p.plain.strip()
        if p.kind == "table" or (after_table is not None and p.kind == "p" and ": " in text):
            # A target / actual table (and the notes under it) is the goals' indicators, not results.
            after_table = _indicators_or_leave(draft, goals, current, p, after_table, year, where)
            continue
        after_table = None
        goal = _goal_named(goals, text) if p.kind != "item" or _NUMBERED.match(p.markdown) else None
        if goal is not None:
            current, scope, last = [goal], None, None
            wording = next(g["text"] for g in goals if g["id"] == goal)
            if normalise(_strip_goal_prefix(text)) != normalise(wording):
                _keep_heading(draft, rule_headings, year, goal, p, where, spot.file)
            continue
        if current and _is_sub_goal_line(goals, current[0], text):
            if not _is_sub_goal_line(goals, current[0], text, exact=True):
                draft.leave(where, [p], f"alatavoite on sanottu toisin kuin tavoitteissa; raportissa näkyy "
                                        "tavoitteiden sanamuoto")
            continue
        lowered = text.rstrip(":").strip().casefold()
        if lowered in _SCOPES and current is not None:
            scope, last = _SCOPES[lowered], None
            continue
        if lowered in ("kaikki tavoitteet", "kaikkia tavoitteita koskevat tulokset"):
            current, scope, last = [], None, None
            continue
        if current is None:
            if goals:
                intro.append(p)
            else:
                loose.append(p)
            continue
        if p.kind == "item" or last is None:
            last = add([_unbullet(p)], current)
        else:
            old = last["text"]
            extra = markdown_of([p])
            draft.put_text(Spot(last, None, Result, spot.indent + 4, spot.file), "text", extra)
            del old
    if intro:
        draft.put_text(spot, "intro", markdown_of(intro))
    if loose:
        add(loose, [])
        draft.note(Spot(results[-1], None, Result, spot.indent + 4, spot.file), "text",
                   "tuloksia ei voitu liittää tavoitteisiin; jaa teksti tuloksiksi ja merkitse goals")
    root["results"] = results


def _unbullet(p: Paragraph) -> Paragraph:
    if p.kind == "item" and not p.ordered:
        return Paragraph(re.sub(r"^\s*[-*+•]\s+", "", p.markdown))
    return p


def _strip_goal_prefix(text: str) -> str:
    text = re.sub(r"^\s*\d{1,2}[.)]\s*", "", text)
    wordings = _period_wordings(text)
    if wordings[0][0] is not None:  # "2023-2024: wording, 2025: new wording": the first wording
        text = wordings[0][1]
    text = re.sub(r"^(?:Päätavoite|Alatavoit(?:e|teet))\s*:\s*", "", text, flags=re.I)
    return text.rstrip(":").strip()


def _goal_named(goals: list[CommentedMap], text: str) -> str | None:
    if len(text) < 15:
        return None
    wanted = _strip_goal_prefix(text)
    whole = re.sub(r"^\s*\d{1,2}[.)]\s*", "", text).rstrip(":")
    readings = {wanted} | {w for _, w in _period_wordings(whole)}
    best, score = None, 0.0
    for g in goals:
        s = max(similar(g["text"], w) for w in readings)
        if s > score:
            best, score = g["id"], s
    return best if score >= SAME_GOAL else None


def _is_sub_goal_line(goals: list[CommentedMap], main_id: str, text: str, exact: bool = False) -> bool:
    """"Alatavoitteet:" and the sub-goals' wordings repeated under a main goal in the results."""
    if re.fullmatch(r"Alatavoit(?:e|teet)\s*:?", text, flags=re.I):
        return True
    wanted = _strip_goal_prefix(text)
    for g in goals:
        if g["id"] == main_id:
            if exact:
                return any(normalise(s["text"]) == normalise(wanted) for s in g.get("subgoals", []))
            return any(similar(s["text"], wanted) >= SAME_GOAL for s in g.get("subgoals", []))
    return False
