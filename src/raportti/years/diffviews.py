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
from raportti.i18n.messages import N_, Nn_, _, ngettext

# A message named by a variable: marked N_ where it is written, translated here.
translate, plural = _, ngettext


# What only one year has, counted: (noun, new, left out), each singular and plural.
SUMMARY_ITEMS = (
    ("result", Nn_("{n} new result", "{n} new results"), Nn_("{n} result left out", "{n} results left out")),
    ("partner", Nn_("{n} new partner", "{n} new partners"), Nn_("{n} partner left out", "{n} partners left out")),
    ("target group", Nn_("{n} new target group", "{n} new target groups"),
     Nn_("{n} target group left out", "{n} target groups left out")),
    ("section", Nn_("{n} new section", "{n} new sections"), Nn_("{n} section left out", "{n} sections left out")),
    ("item", Nn_("{n} new item", "{n} new items"), Nn_("{n} item left out", "{n} items left out")),
)
GOAL_SECTIONS = (N_("New goals"), N_("Reworded or moved goals"), N_("Dropped goals"))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def summary_parts(diff: YearDiff) -> list[str]:
    """``["12 lukua muuttui", "3 uutta tulosta", "1 tavoite poistui"]``."""
    count = {s: sum(1 for f in diff.figures if f.status == s) for s in ("changed", "added", "removed")}
    parts = []
    if count["changed"]:
        parts.append(ngettext("{n} figure changed", "{n} figures changed", count["changed"]).format(n=count["changed"]))
    if count["added"]:
        parts.append(ngettext("{n} new figure", "{n} new figures", count["added"]).format(n=count["added"]))
    if count["removed"]:
        parts.append(ngettext("{n} figure left out", "{n} figures left out", count["removed"]).format(n=count["removed"]))
    goals = diff.goals
    if goals.added:
        parts.append(ngettext("{n} new goal", "{n} new goals", len(goals.added)).format(n=len(goals.added)))
    if goals.changed:
        parts.append(ngettext("{n} goal reworded or moved", "{n} goals reworded or moved",
                              len(goals.changed)).format(n=len(goals.changed)))
    if goals.dropped:
        parts.append(ngettext("{n} goal dropped", "{n} goals dropped", len(goals.dropped)).format(n=len(goals.dropped)))
    for noun, (add_one, add_many), (out_one, out_many) in SUMMARY_ITEMS:
        added = sum(1 for i in diff.items if i.noun == noun and i.status == "added")
        removed = sum(1 for i in diff.items if i.noun == noun and i.status == "removed")
        if added:
            parts.append(plural(add_one, add_many, added).format(n=added))
        if removed:
            parts.append(plural(out_one, out_many, removed).format(n=removed))
    for status, (one, many) in (("changed", Nn_("{n} text changed", "{n} texts changed")),
                                ("added", Nn_("{n} new text", "{n} new texts")),
                                ("removed", Nn_("{n} text left out", "{n} texts left out"))):
        n = sum(1 for t in diff.texts if t.status == status)
        if n:
            parts.append(plural(one, many, n).format(n=n))
    return parts


def summary(diff: YearDiff) -> str:
    parts = summary_parts(diff)
    if not parts:
        unchanged = sum(1 for f in diff.figures if f.status == "unchanged")
        return _("No changes ({n} figures, the goals and the texts are the same).").format(n=unchanged) if unchanged \
            else _("No changes.")
    if len(parts) > 1:
        and_ = _("and")
        parts[-2:] = [f"{parts[-2]} {and_} {parts[-1]}"]
    return _cap(", ".join(parts)) + "."


# -- the terminal -------------------------------------------------------------------------


def render_text(diff: YearDiff, project: str, *, everything: bool = False) -> str:
    """A summary line, then each topic that changed. With ``everything``, unchanged
    figures and the sentences of every reworded text too."""
    old_name, new_name = diff.old.name(), diff.new.name()
    out: list[str] = [f"{project}: {old_name} → {new_name}", summary(diff), ""]
    # Two different years have texts of their own: where they differ is listed, the
    # sentences shown with --all. Two versions of one year (--since): every change.
    detailed = everything or diff.old.year == diff.new.year
    for topic in TOPICS:
        figures, texts, items = diff.topic(topic)
        lines: list[str] = []
        if topic == "goals":
            lines += _goals_text(diff, everything)
        lines += _figures_text(figures, old_name, new_name, everything)
        for status in ("added", "removed"):
            chosen = [_new_text_line(t, short=status == "removed" and not detailed)
                      for t in texts if t.status == status]
            chosen += [_item_line(i, short=status == "removed") for i in items if i.status == status]
            if chosen:
                lines.append(f"  {_added_title(diff, status)} ({len(chosen)}):")
                mark = "+" if status == "added" else "-"
                lines += [f"    {mark} {line}" for line in chosen]
        texts = [t for t in texts if t.status == "changed"]
        if texts:
            lines.append("  " + (_("Texts ({n} changed)").format(n=len(texts)) if detailed
                                 else _("Texts ({n} changed; --all shows how)").format(n=len(texts))))
            for change in texts:
                lines += ["    " + line for line in _text_lines(change, detailed)]
        if lines:
            out.append(translate(TOPIC_TITLES[topic]))
            out += lines
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _added_title(diff: YearDiff, status: str) -> str:
    if diff.old.year == diff.new.year:
        return _("Added") if status == "added" else _("Removed")
    return (_("New in {year}") if status == "added" else _("Not reported in {year}")).format(year=diff.new.year)


def _new_text_line(change: TextChange, short: bool) -> str:
    where = _cap(change.where) if change.where else translate(TOPIC_TITLES[change.topic])
    text = _flat(change.new if change.status == "added" else change.old)
    return f"{where}: {_short(text, 15) if short else text}"


def _goals_text(diff: YearDiff, everything: bool) -> list[str]:
    goals = diff.goals
    if goals.old_set is None and goals.new_set is None:
        return []
    if not goals.any:
        if not everything:
            return []
        same = goals.old_set == goals.new_set and diff.old.data is diff.new.data
        return ["  " + (_("No change: both years follow the same goals.") if same else _("No change to the goals."))]
    out: list[str] = []
    for title, items, show in zip(GOAL_SECTIONS, (goals.added, goals.changed, goals.dropped),
                                            (_goal_added, _goal_changed, _goal_dropped)):
        if items:
            out.append(f"  {translate(title)} ({len(items)}):")
            for goal in items:
                first, *rest = show(goal, goals.new_set) if show is _goal_changed else show(goal)
                out.append(f"    - {first}")
                out += [f"      {line}" for line in rest]
    return out


def _goal_added(goal: GoalDiff) -> list[str]:
    if not goal.parent:
        return [goal.text]
    under = _("under “{parent}”").format(parent=_short(goal.parent))
    return [f"{goal.text} ({under})"]


def _goal_changed(goal: GoalDiff, restated: Optional[int] = None) -> list[str]:
    notes = []
    if goal.moved:
        if goal.parent and not goal.old_parent:
            notes.append(_("now a sub-goal of “{parent}”, was a main goal").format(parent=_short(goal.parent)))
        elif goal.parent:
            notes.append(_("moved from under “{old}” to under “{new}”").format(old=_short(goal.old_parent or ""), new=_short(goal.parent)))
        else:
            notes.append(_("now a main goal, was under “{old}”").format(old=_short(goal.old_parent or "")))
    out = [goal.text + (f" ({'; '.join(notes)})" if notes else "")]
    for step in goal.wording:
        label = step.label or (_("In the goals of {year}").format(year=restated) if step.label is None and restated
                               else _("Change"))
        reason = " ({})".format(_("reason: {reason}").format(reason=step.reason)) if step.reason else ""
        out.append(f"{label}{reason}:")
        before, now = _("Before"), _("Now")
        out.append(f"  {before}: {step.old}")
        out.append(f"  {now}: {step.new}")
    return out


def _goal_dropped(goal: GoalDiff) -> list[str]:
    reason = _("reason: {reason}").format(reason=goal.reason) if goal.reason else _("no reason given")
    when = "; " + _("dropped during the year") if goal.dropped_during else ""
    return [f"{goal.text} ({reason}{when})"]


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _figures_text(figures: list[FigureChange], old_name: str, new_name: str,
                  everything: bool) -> list[str]:
    out = []
    changed = [f for f in figures if f.status == "changed"]
    both = [f for f in figures if f.status in ("changed", "unchanged")]
    added = [f for f in figures if f.status == "added"]
    removed = [f for f in figures if f.status == "removed"]
    if everything and both:
        out.append("  " + _("In both years ({n}, {changed} changed):").format(n=len(both), changed=len(changed)))
        out += _lines(both)
    elif changed:
        out.append("  " + _("Changed ({n}):").format(n=len(changed)))
        out += _lines(changed)
    if added:
        out.append("  " + _("Only in {side} ({n}):").format(side=new_name, n=len(added)))
        out += _lines(added)
    if removed:
        out.append("  " + _("Only in {side} ({n}):").format(side=old_name, n=len(removed)))
        out += _lines(removed)
    return out


def _lines(figures: list[FigureChange]) -> list[str]:
    """One line a figure; the same line twice (two results with one figure name and
    value) once, with how many."""
    counted: dict[str, int] = {}
    for figure in figures:
        line = _cap(figure.line())
        counted[line] = counted.get(line, 0) + 1
    return [f"    {line}" + (f" (×{n})" if n > 1 else "") for line, n in counted.items()]


def _item_line(item: ItemChange, short: bool = False) -> str:
    text = " ".join(t.strip() for t in item.texts if t.strip() and t.strip() != item.where)
    if short:
        text = _short(text, 15)
    numbers = ", ".join(f"{f.label} {f.shown()}" for f in item.figures)
    said = " ".join(" ".join(text.split()).split())
    line = _cap(item.where) + (f": {said}" if said else "")
    return line + (f" ({numbers})" if numbers else "")


def _text_lines(change: TextChange, detailed: bool) -> list[str]:
    where = _cap(change.where) if change.where else translate(TOPIC_TITLES[change.topic])
    if change.status == "added":
        head = _("{where}: added").format(where=where)
        return [f"{head}: {_flat(change.new)}" if detailed or change.short else head]
    if change.status == "removed":
        head = _("{where}: left out").format(where=where)
        return [f"{head}: {_flat(change.old)}" if detailed or change.short else head]
    if change.short:
        return [f"{where}: {_flat(change.old)} → {_flat(change.new)}"]
    head = (_("{where}: rewritten").format(where=where) if change.rewritten
            else ngettext("{where}: {n} sentence changed", "{where}: {n} sentences changed", change.changed_sentences).format(n=change.changed_sentences, where=where))
    if not detailed:
        return [head]
    out = [head]
    for passage in change.passages:
        out += [f"  {label}: {text}" for label, text in _passage(passage)]
    return out


def _flat(text: Optional[str]) -> str:
    return " ".join((text or "").split())


# -- the board's document -----------------------------------------------------------------


def render_markdown(diff: YearDiff, project_name: str) -> str:
    """The year's changes as a document for the board's meeting papers."""
    old_name, new_name = diff.old.name(), diff.new.name()
    if diff.old.year == diff.new.year and diff.old.revision:
        title = _("{project}: what changed in {year} since {revision}").format(project=project_name, year=diff.new.year, revision=diff.old.revision)
    else:
        title = _("{project}: what changed from {old} to {new}").format(project=project_name, old=old_name, new=new_name)
    in_short = _("In short")
    out = [f"# {title}", "", f"**{in_short}:** {summary(diff)}", ""]
    for topic in TOPICS:
        figures, texts, items = diff.topic(topic)
        section: list[str] = []
        if topic == "goals":
            section += _goals_markdown(diff)
        section += _figure_table(figures, old_name, new_name)
        for status in ("added", "removed"):
            chosen = [_new_text_markdown(t) for t in texts if t.status == status]
            chosen += [_item_markdown(i) for i in items if i.status == status]
            if chosen:
                section += [f"### {_added_title(diff, status)}", ""] + [f"- {line}" for line in chosen] + [""]
        texts = [t for t in texts if t.status == "changed"]
        if texts:
            section += ["### " + _("Changed texts"), ""]
            for change in texts:
                section += _text_markdown(change)
        if section:
            out += [f"## {translate(TOPIC_TITLES[topic])}", ""] + section
    unchanged = sum(1 for f in diff.figures if f.status == "unchanged")
    if unchanged:
        left_out = _("Figures that did not change are left out ({n}).").format(n=unchanged)
        out += [f"*{left_out}*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _goals_markdown(diff: YearDiff) -> list[str]:
    goals = diff.goals
    out: list[str] = []
    for title, items, show in zip(GOAL_SECTIONS, (goals.added, goals.changed, goals.dropped),
                                            (_goal_added, _goal_changed, _goal_dropped)):
        if not items:
            continue
        out += [f"### {translate(title)}", ""]
        for goal in items:
            first, *rest = show(goal, goals.new_set) if show is _goal_changed else show(goal)
            out.append(f"- **{_md(first)}**")
            for line in rest:
                stripped = line.strip()
                if line.startswith("  "):
                    out.append(f"  - {_md(stripped)}")
                else:
                    out.append(f"\n  {_md(stripped)}\n")
        out.append("")
    return out


def _figure_table(figures: list[FigureChange], old_name: str, new_name: str) -> list[str]:
    shown = [f for f in figures if f.status != "unchanged"]
    if not shown:
        return []
    figure, change_ = _("Figure"), _("Change")
    rows = [f"| {figure} | {old_name} | {new_name} | {change_} |", "|---|---:|---:|---|"]
    seen: set[str] = set()
    for f in shown:
        old = f.old.shown() if f.old else "–"
        new = f.new.shown() if f.new else "–"
        change = f.delta() if f.status == "changed" else _("new") if f.status == "added" else _("left out")
        change = change.replace(" ", "\u00a0")  # one change, one line in a narrow column
        row = f"| {_cell(_cap(f.label.strip(chr(34))))} | {old} | {new} | {change} |"
        if row not in seen:
            seen.add(row)
            rows.append(row)
    return rows + [""]


def _item_markdown(item: ItemChange) -> str:
    texts = [" ".join(t.split()) for t in item.texts if t.strip() and t.strip() != item.where]
    if item.status == "removed":  # last year's report said it in full; its first words remind
        texts = [_short(" ".join(texts), 30)] if texts else []
    numbers = ", ".join(f"{f.label} {f.shown()}" for f in item.figures)
    line = f"**{_md(_cap(item.where))}**"
    if texts:
        line += ": " + " ".join(texts)
    return line + (f" ({numbers})" if numbers else "")


def _new_text_markdown(change: TextChange) -> str:
    where = _cap(change.where) if change.where else translate(TOPIC_TITLES[change.topic])
    return f"**{_md(where)}**: {_flat(change.new if change.status == 'added' else change.old)}"


def _text_markdown(change: TextChange) -> list[str]:
    where = _cap(change.where) if change.where else translate(TOPIC_TITLES[change.topic])
    if change.short:
        return [f"- **{_md(where)}:** {_md(_flat(change.old)) or '–'} → {_md(_flat(change.new)) or '–'}", ""]
    if change.status != "changed":
        label = _("Added") if change.status == "added" else _("Removed")
        return [f"**{_md(where)}** ({label.lower()})", "", f"> {_flat(change.new or change.old)}", ""]
    out = [f"**{_md(where)}**", ""]
    for passage in change.passages:
        out += [f"- *{label}:* {text}" for label, text in _passage(passage)]
    return out + [""]


def _passage(passage) -> list[tuple[str, str]]:
    """("Ennen", …), ("Nyt", …) of a changed place; a sentence only added or only taken
    out is said so."""
    before, after = " ".join(passage.before), " ".join(passage.after)
    if not before:
        return [(_("Added"), after)]
    if not after:
        return [(_("Removed"), before)]
    return [(_("Before"), before), (_("Now"), after)]


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
