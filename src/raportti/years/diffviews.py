"""``raportti diff`` shown: in the terminal, as a document for the board, as JSON.

Both views for people start with the summary and then go topic by topic (goals and
indicators, activities, target groups and partners, results, monitoring, plans, the
project): the figures that changed, what was added or left out, and the texts that were
reworded, as the sentences before and after. The terminal view is compact and lists the
reworded texts by place (``--all`` shows them); the document (``--format md``, and
``docx`` through the reports' Word writer) shows everything a board member needs to
read the year from it.
"""

from __future__ import annotations

from typing import Optional

from raportti.years.diff import TOPIC_TITLES, TOPICS, FigureChange, GoalDiff, ItemChange, YearDiff
from raportti.years.textchanges import TextChange
from raportti.years.words import Words

SUMMARY_ITEMS = (
    ("result", "{n} new result", "{n} new results", "{n} result left out", "{n} results left out"),
    ("partner", "{n} new partner", "{n} new partners", "{n} partner left out", "{n} partners left out"),
    ("target group", "{n} new target group", "{n} new target groups",
     "{n} target group left out", "{n} target groups left out"),
    ("section", "{n} new section", "{n} new sections", "{n} section left out", "{n} sections left out"),
    ("item", "{n} new item", "{n} new items", "{n} item left out", "{n} items left out"),
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def summary_parts(diff: YearDiff) -> list[str]:
    """``["12 lukua muuttui", "3 uutta tulosta", "1 tavoite poistui"]``."""
    w = diff.words
    count = {s: sum(1 for f in diff.figures if f.status == s) for s in ("changed", "added", "removed")}
    parts = []
    if count["changed"]:
        parts.append(w.n("{n} figure changed", "{n} figures changed", count["changed"]))
    if count["added"]:
        parts.append(w.n("{n} new figure", "{n} new figures", count["added"]))
    if count["removed"]:
        parts.append(w.n("{n} figure left out", "{n} figures left out", count["removed"]))
    goals = diff.goals
    for items, one, many in ((goals.added, "{n} new goal", "{n} new goals"),
                             (goals.changed, "{n} goal reworded or moved", "{n} goals reworded or moved"),
                             (goals.dropped, "{n} goal dropped", "{n} goals dropped")):
        if items:
            parts.append(w.n(one, many, len(items)))
    for noun, add_one, add_many, out_one, out_many in SUMMARY_ITEMS:
        added = sum(1 for i in diff.items if i.noun == noun and i.status == "added")
        removed = sum(1 for i in diff.items if i.noun == noun and i.status == "removed")
        if added:
            parts.append(w.n(add_one, add_many, added))
        if removed:
            parts.append(w.n(out_one, out_many, removed))
    for status, one, many in (("changed", "{n} text changed", "{n} texts changed"),
                              ("added", "{n} new text", "{n} new texts"),
                              ("removed", "{n} text left out", "{n} texts left out")):
        n = sum(1 for t in diff.texts if t.status == status)
        if n:
            parts.append(w.n(one, many, n))
    return parts


def summary(diff: YearDiff) -> str:
    parts = summary_parts(diff)
    w = diff.words
    if not parts:
        unchanged = sum(1 for f in diff.figures if f.status == "unchanged")
        return w("No changes ({n} figures, the goals and the texts are the same).", n=unchanged) if unchanged \
            else w("No changes.")
    if len(parts) > 1:
        parts[-2:] = [f"{parts[-2]} {w('and')} {parts[-1]}"]
    return _cap(", ".join(parts)) + "."


# -- the terminal -------------------------------------------------------------------------


def render_text(diff: YearDiff, project: str, *, everything: bool = False) -> str:
    """A summary line, then each topic that changed. With ``everything``, unchanged
    figures and the sentences of every reworded text too."""
    w = diff.words
    old_name, new_name = diff.old.name(w), diff.new.name(w)
    out: list[str] = [f"{project}: {old_name} → {new_name}", summary(diff), ""]
    # Two different years have texts of their own: where they differ is listed, the
    # sentences shown with --all. Two versions of one year (--since): every change.
    detailed = everything or diff.old.year == diff.new.year
    for topic in TOPICS:
        figures, texts, items = diff.topic(topic)
        lines: list[str] = []
        if topic == "goals":
            lines += _goals_text(diff, everything)
        lines += _figures_text(figures, w, old_name, new_name, everything)
        for status in ("added", "removed"):
            chosen = [_new_text_line(t, w, short=status == "removed" and not detailed)
                      for t in texts if t.status == status]
            chosen += [_item_line(i, w, short=status == "removed") for i in items if i.status == status]
            if chosen:
                lines.append(f"  {_added_title(diff, status)} ({len(chosen)}):")
                mark = "+" if status == "added" else "-"
                lines += [f"    {mark} {line}" for line in chosen]
        texts = [t for t in texts if t.status == "changed"]
        if texts:
            lines.append("  " + (w("Texts ({n} changed)", n=len(texts)) if detailed
                                 else w("Texts ({n} changed; --all shows how)", n=len(texts))))
            for change in texts:
                lines += ["    " + line for line in _text_lines(change, w, detailed)]
        if lines:
            out.append(w(TOPIC_TITLES[topic]))
            out += lines
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _added_title(diff: YearDiff, status: str) -> str:
    w = diff.words
    if diff.old.year == diff.new.year:
        return w("Added") if status == "added" else w("Removed")
    return w("New in {year}" if status == "added" else "Not reported in {year}", year=diff.new.year)


def _new_text_line(change: TextChange, w: Words, short: bool) -> str:
    where = _cap(change.where) if change.where else w(TOPIC_TITLES[change.topic])
    text = _flat(change.new if change.status == "added" else change.old)
    return f"{where}: {_short(text, 15) if short else text}"


def _goals_text(diff: YearDiff, everything: bool) -> list[str]:
    goals, w = diff.goals, diff.words
    if goals.old_set is None and goals.new_set is None:
        return []
    if not goals.any:
        if not everything:
            return []
        same = goals.old_set == goals.new_set and diff.old.data is diff.new.data
        return ["  " + w("No change: both years follow the same goals." if same else "No change to the goals.")]
    out: list[str] = []
    for title, items, show in (("New goals", goals.added, _goal_added), ("Reworded or moved goals", goals.changed,
                                                                        _goal_changed),
                               ("Dropped goals", goals.dropped, _goal_dropped)):
        if items:
            out.append(f"  {w(title)} ({len(items)}):")
            for goal in items:
                first, *rest = show(goal, w, goals.new_set) if show is _goal_changed else show(goal, w)
                out.append(f"    - {first}")
                out += [f"      {line}" for line in rest]
    return out


def _goal_added(goal: GoalDiff, w: Words) -> list[str]:
    return [goal.text + (f" ({w('under “{parent}”', parent=_short(goal.parent))})" if goal.parent else "")]


def _goal_changed(goal: GoalDiff, w: Words, restated: Optional[int] = None) -> list[str]:
    notes = []
    if goal.moved:
        if goal.parent and not goal.old_parent:
            notes.append(w("now a sub-goal of “{parent}”, was a main goal", parent=_short(goal.parent)))
        elif goal.parent:
            notes.append(w("moved from under “{old}” to under “{new}”", old=_short(goal.old_parent or ""),
                           new=_short(goal.parent)))
        else:
            notes.append(w("now a main goal, was under “{old}”", old=_short(goal.old_parent or "")))
    out = [goal.text + (f" ({'; '.join(notes)})" if notes else "")]
    for step in goal.wording:
        label = step.label or (w("In the goals of {year}", year=restated) if step.label is None and restated
                               else w("Change"))
        reason = f" ({w('reason: {reason}', reason=step.reason)})" if step.reason else ""
        out.append(f"{label}{reason}:")
        out.append(f"  {w('Before')}: {step.old}")
        out.append(f"  {w('Now')}: {step.new}")
    return out


def _goal_dropped(goal: GoalDiff, w: Words) -> list[str]:
    reason = w("reason: {reason}", reason=goal.reason) if goal.reason else w("no reason given")
    when = f"; {w('dropped during the year')}" if goal.dropped_during else ""
    return [f"{goal.text} ({reason}{when})"]


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _figures_text(figures: list[FigureChange], w: Words, old_name: str, new_name: str,
                  everything: bool) -> list[str]:
    out = []
    changed = [f for f in figures if f.status == "changed"]
    both = [f for f in figures if f.status in ("changed", "unchanged")]
    added = [f for f in figures if f.status == "added"]
    removed = [f for f in figures if f.status == "removed"]
    if everything and both:
        out.append("  " + w("In both years ({n}, {changed} changed):", n=len(both), changed=len(changed)))
        out += _lines(both, w)
    elif changed:
        out.append("  " + w("Changed ({n}):", n=len(changed)))
        out += _lines(changed, w)
    if added:
        out.append("  " + w("Only in {side} ({n}):", side=new_name, n=len(added)))
        out += _lines(added, w)
    if removed:
        out.append("  " + w("Only in {side} ({n}):", side=old_name, n=len(removed)))
        out += _lines(removed, w)
    return out


def _lines(figures: list[FigureChange], w: Words) -> list[str]:
    """One line a figure; the same line twice (two results with one figure name and
    value) once, with how many."""
    counted: dict[str, int] = {}
    for figure in figures:
        line = _cap(figure.line(w))
        counted[line] = counted.get(line, 0) + 1
    return [f"    {line}" + (f" (×{n})" if n > 1 else "") for line, n in counted.items()]


def _item_line(item: ItemChange, w: Words, short: bool = False) -> str:
    text = " ".join(t.strip() for t in item.texts if t.strip() and t.strip() != item.where)
    if short:
        text = _short(text, 15)
    numbers = ", ".join(f"{f.label} {f.shown(w)}" for f in item.figures)
    said = " ".join(" ".join(text.split()).split())
    line = _cap(item.where) + (f": {said}" if said else "")
    return line + (f" ({numbers})" if numbers else "")


def _text_lines(change: TextChange, w: Words, detailed: bool) -> list[str]:
    where = _cap(change.where) if change.where else w(TOPIC_TITLES[change.topic])
    if change.status == "added":
        return [f"{w('{where}: added', where=where)}: {_flat(change.new)}" if detailed or change.short
                else w("{where}: added", where=where)]
    if change.status == "removed":
        return [f"{w('{where}: left out', where=where)}: {_flat(change.old)}" if detailed or change.short
                else w("{where}: left out", where=where)]
    if change.short:
        return [f"{where}: {_flat(change.old)} → {_flat(change.new)}"]
    head = (w("{where}: rewritten", where=where) if change.rewritten
            else w.n("{where}: {n} sentence changed", "{where}: {n} sentences changed",
                     change.changed_sentences, where=where))
    if not detailed:
        return [head]
    out = [head]
    for passage in change.passages:
        out += [f"  {label}: {text}" for label, text in _passage(passage, w)]
    return out


def _flat(text: Optional[str]) -> str:
    return " ".join((text or "").split())


# -- the board's document -----------------------------------------------------------------


def render_markdown(diff: YearDiff, project_name: str) -> str:
    """The year's changes as a document for the board's meeting papers."""
    w = diff.words
    old_name, new_name = diff.old.name(w), diff.new.name(w)
    if diff.old.year == diff.new.year and diff.old.revision:
        title = w("{project}: what changed in {year} since {revision}", project=project_name,
                  year=diff.new.year, revision=diff.old.revision)
    else:
        title = w("{project}: what changed from {old} to {new}", project=project_name, old=old_name, new=new_name)
    out = [f"# {title}", "", f"**{w('In short')}:** {summary(diff)}", ""]
    for topic in TOPICS:
        figures, texts, items = diff.topic(topic)
        section: list[str] = []
        if topic == "goals":
            section += _goals_markdown(diff)
        section += _figure_table(figures, w, old_name, new_name)
        for status in ("added", "removed"):
            chosen = [_new_text_markdown(t, w) for t in texts if t.status == status]
            chosen += [_item_markdown(i, w) for i in items if i.status == status]
            if chosen:
                section += [f"### {_added_title(diff, status)}", ""] + [f"- {line}" for line in chosen] + [""]
        texts = [t for t in texts if t.status == "changed"]
        if texts:
            section += [f"### {w('Changed texts')}", ""]
            for change in texts:
                section += _text_markdown(change, w)
        if section:
            out += [f"## {w(TOPIC_TITLES[topic])}", ""] + section
    unchanged = sum(1 for f in diff.figures if f.status == "unchanged")
    if unchanged:
        out += [f"*{w('Figures that did not change are left out ({n}).', n=unchanged)}*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _goals_markdown(diff: YearDiff) -> list[str]:
    goals, w = diff.goals, diff.words
    out: list[str] = []
    for title, items, show in (("New goals", goals.added, _goal_added),
                               ("Reworded or moved goals", goals.changed, _goal_changed),
                               ("Dropped goals", goals.dropped, _goal_dropped)):
        if not items:
            continue
        out += [f"### {w(title)}", ""]
        for goal in items:
            first, *rest = show(goal, w, goals.new_set) if show is _goal_changed else show(goal, w)
            out.append(f"- **{_md(first)}**")
            for line in rest:
                stripped = line.strip()
                if line.startswith("  "):
                    out.append(f"  - {_md(stripped)}")
                else:
                    out.append(f"\n  {_md(stripped)}\n")
        out.append("")
    return out


def _figure_table(figures: list[FigureChange], w: Words, old_name: str, new_name: str) -> list[str]:
    shown = [f for f in figures if f.status != "unchanged"]
    if not shown:
        return []
    rows = [f"| {w('Figure')} | {old_name} | {new_name} | {w('Change ')} |", "|---|---:|---:|---|"]
    seen: set[str] = set()
    for f in shown:
        old = f.old.shown(w) if f.old else "–"
        new = f.new.shown(w) if f.new else "–"
        change = f.delta() if f.status == "changed" else w("new") if f.status == "added" else w("left out")
        row = f"| {_cell(_cap(f.label.strip(chr(34))))} | {old} | {new} | {change} |"
        if row not in seen:
            seen.add(row)
            rows.append(row)
    return rows + [""]


def _item_markdown(item: ItemChange, w: Words) -> str:
    texts = [" ".join(t.split()) for t in item.texts if t.strip() and t.strip() != item.where]
    numbers = ", ".join(f"{f.label} {f.shown(w)}" for f in item.figures)
    line = f"**{_md(_cap(item.where))}**"
    if texts:
        line += ": " + " ".join(texts)
    return line + (f" ({numbers})" if numbers else "")


def _new_text_markdown(change: TextChange, w: Words) -> str:
    where = _cap(change.where) if change.where else w(TOPIC_TITLES[change.topic])
    return f"**{_md(where)}**: {_flat(change.new if change.status == 'added' else change.old)}"


def _text_markdown(change: TextChange, w: Words) -> list[str]:
    where = _cap(change.where) if change.where else w(TOPIC_TITLES[change.topic])
    if change.short:
        return [f"- **{_md(where)}:** {_md(_flat(change.old)) or '–'} → {_md(_flat(change.new)) or '–'}", ""]
    if change.status != "changed":
        label = w("Added") if change.status == "added" else w("Removed")
        return [f"**{_md(where)}** ({label.lower()})", "", f"> {_flat(change.new or change.old)}", ""]
    out = [f"**{_md(where)}**", ""]
    for passage in change.passages:
        out += [f"- *{label}:* {text}" for label, text in _passage(passage, w)]
    return out + [""]


def _passage(passage, w: Words) -> list[tuple[str, str]]:
    """("Ennen", …), ("Nyt", …) of a changed place; a sentence only added or only taken
    out is said so."""
    before, after = " ".join(passage.before), " ".join(passage.after)
    if not before:
        return [(w("Added"), after)]
    if not after:
        return [(w("Removed"), before)]
    return [(w("Before"), before), (w("Now"), after)]


def _md(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# -- JSON ---------------------------------------------------------------------------------


def render_json(diff: YearDiff, project: str) -> dict:
    goals = diff.goals

    def goal_json(goal: GoalDiff) -> dict:
        return {"id": goal.id, "text": goal.text, "parent": goal.parent, "old_parent": goal.old_parent,
                "moved": goal.moved,
                "wording": [{"label": s.label, "old": s.old, "new": s.new, "reason": s.reason} for s in goal.wording],
                "reason": goal.reason, "dropped_during_year": goal.dropped_during}

    return {
        "project": project,
        "summary": summary(diff),
        "old": {"year": diff.old.year, "revision": diff.old.revision},
        "new": {"year": diff.new.year, "revision": diff.new.revision},
        "goals": {"old_set": goals.old_set, "new_set": goals.new_set,
                  "added": [goal_json(g) for g in goals.added],
                  "changed": [goal_json(g) for g in goals.changed],
                  "dropped": [goal_json(g) for g in goals.dropped]},
        "figures": [f.as_json() for f in diff.figures],
        "items": [{"key": i.key, "topic": i.topic, "kind": i.noun, "name": i.where, "status": i.status,
                   "texts": i.texts} for i in diff.items],
        "texts": [{"key": t.key, "topic": t.topic, "where": t.where, "status": t.status, "old": t.old,
                   "new": t.new, "passages": [{"before": p.before, "after": p.after} for p in t.passages]}
                  for t in diff.texts],
    }
