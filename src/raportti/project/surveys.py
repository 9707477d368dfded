"""Figures computed from survey exports, every time a project is read.

monitoring.yaml names each export under ``surveys:`` (its file in the year folder, how many
were invited) and a figure says what to compute from which question column::

    surveys:
      osallistujat: {file: osallistujakysely.xlsx, invited: 41}
    figures:
      satisfaction: {survey: osallistujat, compute: mean, question: "Kuinka tyytyväinen", scale: 5}

Each such figure is replaced, in the model, by the figure it stands for (a Quantity, Ratio,
Score or Breakdown) with its basis and n, so references, bases, charts and ``diff`` see a
computed figure exactly as a typed one. Only counts, shares and means leave this module:
no cell of an export (a name, an e-mail address, a free-text answer) is ever put into a
figure, and problems name rows and columns, not what a respondent wrote.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from raportti.i18n.messages import _
from raportti.problems import Problem
from raportti.project.walk import FIGURES, walk
from raportti.schema.errors import suggestion
from raportti.schema.models.figures import (
    FIGURE_NAME,
    Breakdown,
    Computed,
    FigureBase,
    Quantity,
    Ratio,
    Score,
    SurveyFigure,
)
from raportti.schema.models.files import MonitoringFile, SurveyExport
from raportti.source.exports import Cell, Export, read_export

# How each survey tool joins the options of a multiple-choice answer in one cell:
# Microsoft Forms "A;B;", Webropol "A; B", Google Forms "A, B".
MULTI_SEPARATORS = (";", ",")
MAX_ROWS_LISTED = 3


class SurveyProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


@dataclass
class YearSurveys:
    """The exports of one year folder, each read once however many figures use it."""

    folder: Path
    root: Path
    declared: dict[str, SurveyExport]
    source: Any  # monitoring.yaml's SourceFile, for locating problems
    read: dict[str, Export | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def export(self, name: str) -> Export | None:
        if name not in self.read:
            self.read[name] = self._read(name)
        return self.read[name]

    def _read(self, name: str) -> Export | None:
        survey = self.declared[name]
        path = self.folder / survey.file
        loc = ("surveys", name, "file")
        shown = _relative(path, self.root)
        if not (path.exists() or path.is_symlink()):
            others = sorted(p.name for p in self.folder.iterdir() if p.suffix.lower() in (".xlsx", ".csv"))
            hint = suggestion(survey.file, others, shown="'{}'", otherwise=(
                " " + _("The year folder has these exports: {files}.").format(files=", ".join(others)) if others else
                " " + _("Save the export from the survey tool into the year folder (see docs/opas/kyselyt.md).")))
            self.problems.append(self.source.problem(
                loc, _("The survey export '{file}' does not exist.").format(file=shown) + hint,
                path=f"surveys.{name}.file",
                code="survey-missing-file", args={"file": shown, "others": others}))
            return None
        export, problems = read_export(path, self.root)
        self.problems.extend(problems)
        if export is not None and not export.rows:
            self.problems.append(self.source.problem(
                loc, _("The survey export '{file}' has no responses: only its heading row. Export the "
                       "answers again once the survey has responses, or leave the figures out until "
                       "then.").format(file=shown),
                path=f"surveys.{name}.file", code="survey-empty", args={"file": shown}))
            return None
        return export


def compute_surveys(data) -> None:
    """Replace every survey figure of the project by its computed value (problems into
    ``data.problems``; a figure that cannot be computed is left empty)."""
    for number, year in data.years.items():
        monitoring = year.files.get("monitoring")
        declared = monitoring.surveys if isinstance(monitoring, MonitoringFile) else {}
        surveys = YearSurveys(year.folder, data.root, declared, year.sources.get("monitoring"))
        for kind, model in year.files.items():
            source = year.sources[kind]
            for item in walk(model, only=frozenset((FIGURES,))):
                loc, figures = item.loc, item.value
                for name, figure in list(figures.items()):
                    if not isinstance(figure, SurveyFigure):
                        continue
                    try:
                        figures[name] = compute_figure(figure, surveys, source, loc + (name,))
                    except _Skip:
                        figures[name] = None
                        data.uncomputed.add((id(figures), name))
                    except SurveyProblem as exc:
                        data.problems.add(exc.problem)
                        figures[name] = None
                        data.uncomputed.add((id(figures), name))
        for name, survey in declared.items():
            warning = public_warning(name, survey, year.folder, data.root, surveys.source)
            if warning is not None:
                data.problems.add(warning)
        data.problems.extend(surveys.problems)


# -- one figure -------------------------------------------------------------------------


def compute_figure(figure: SurveyFigure, surveys: YearSurveys, source, loc: tuple) -> FigureBase:
    def fail(message: str, code: str, at: tuple = (), **args) -> SurveyProblem:
        return SurveyProblem(source.problem(loc + at, message, path=".".join(map(str, loc + at)),
                                            code=code, args=args))

    survey = surveys.declared.get(figure.survey)
    if survey is None:
        declared = list(surveys.declared)
        raise fail(_("No survey '{name}' under 'surveys:' in monitoring.yaml.").format(name=figure.survey)
                   + suggestion(figure.survey, declared, otherwise=(
                       " " + _("The surveys are: {names}.").format(names=", ".join(declared)) if declared else
                       " " + _("Name the export there first: surveys: {{nimi: {{file: kysely.xlsx, invited: 41}}}}")
                       .format())),
            "survey-unknown", ("survey",), name=figure.survey, known=declared)
    export = surveys.export(figure.survey)
    if export is None:
        # The export's own problem (missing, unreadable, empty) is reported once, at it.
        raise _Skip()
    shown = _relative(export.path, surveys.root)
    basis = figure.basis or survey.basis or "collected"
    label = figure.label

    if figure.compute in ("responses", "response_rate"):
        n = len(export.rows)
        origin = Computed(shown, None, n)
        if figure.compute == "responses":
            return _with(Quantity(value=n, label=label, basis=basis, note=figure.note), origin)
        if survey.invited is None:
            raise fail(_("A response rate needs the number invited: add 'invited:' to surveys.{survey} "
                         "in monitoring.yaml.").format(survey=figure.survey), "survey-no-invited", ("compute",), survey=figure.survey)
        if n > survey.invited:
            raise fail(_("The export '{file}' has {n} responses but surveys.{survey}.invited says "
                         "{invited} were invited: correct 'invited'.").format(
                           file=shown, n=n, survey=figure.survey, invited=survey.invited), "survey-over-invited",
                       ("compute",), file=shown, n=n, invited=survey.invited)
        return _with(Ratio(responded=n, asked=survey.invited, label=label or survey.label, basis=basis,
                           note=figure.note), origin)

    if not figure.question:
        raise fail(_("'{compute}' is computed from one question: add question: with the start of "
                     "its column heading.").format(compute=figure.compute), "survey-no-question", ("compute",), compute=figure.compute)
    column = find_column(export, figure.question, shown, fail)
    heading = export.headings[column]
    answers = [(number, cell) for number, cell in zip(export.row_numbers, export.column(column))
               if cell is not None]
    skip = {_key(s) for s in figure.skip}
    if figure.compute == "mean":
        return _mean(figure, answers, skip, shown, heading, basis, fail)
    chosen = [(number, [c for c in _choices(cell, figure.multiple) if _key(c) not in skip])
              for number, cell in answers]
    chosen = [(number, c) for number, c in chosen if c]
    if not chosen:
        raise fail(_("Nobody answered the question \"{column}\" in '{file}' (or every answer is skipped).")
                   .format(column=heading, file=shown),
                   "survey-no-answers", ("question",), file=shown, column=heading)
    origin = Computed(shown, heading, len(chosen))
    if figure.compute == "share":
        if not figure.options:
            raise fail(_("A share needs the options it counts: options: [Samaa mieltä, Täysin samaa mieltä]."),
                       "survey-no-options", ("compute",))
        wanted = {_key(o) for o in figure.options}
        _check_options(figure.options, chosen, figure.options + figure.skip, shown, heading, fail,
                       strict=False)
        hits = sum(1 for _, cs in chosen if any(_key(c) in wanted for c in cs))
        share = 100 * hits / len(chosen)
        value: int | float = round(share, figure.decimals) if figure.decimals else round(share)
        return _with(Quantity(value=value, unit="%", label=label, basis=basis, note=figure.note,
                              decimals=figure.decimals or None), origin)
    # counts
    options = figure.options or _options_seen(figure, chosen)
    _check_options(options, chosen, options, shown, heading, fail, strict=bool(figure.options))
    counts = {_key(o): 0 for o in options}
    for _number, cs in chosen:
        for c in cs:
            counts[_key(c)] = counts.get(_key(c), 0) + 1
    parts: dict[str, Any] = {}
    for option in options:
        parts[_part_name(option, parts)] = Quantity(value=counts[_key(option)], label=_text(option))
    # The total is those who answered: with several choices each, the parts add up to more.
    total = len(chosen)
    return _with(Breakdown(total=total, parts=parts, label=label, basis=basis, note=figure.note), origin)


class _Skip(SurveyProblem):
    """A figure of an export that could not be read: its problem is the export's."""

    def __init__(self) -> None:
        super().__init__(Problem("The survey export could not be read.", severity="warning",
                                 code="survey-skipped"))


def _with(figure: FigureBase, origin: Computed) -> FigureBase:
    figure._computed = origin
    return figure


def _mean(figure: SurveyFigure, answers, skip, shown, heading, basis, fail) -> Score:
    values = {_key(k): v for k, v in figure.values.items()}
    if figure.scale is None and not values:
        raise fail(_("A mean needs its scale: add scale: (the top of the scale, e.g. 5), and values: when "
                     "the answers are texts."), "survey-no-scale", ("compute",))
    top = figure.scale if figure.scale is not None else max(values.values())
    bottom = figure.min
    numbers: list[float] = []
    wrong: list[tuple[int, Cell]] = []
    for number, cell in answers:
        if isinstance(cell, str) and _key(cell) in skip:
            continue
        value = _scale_value(cell, values)
        if value is None or not bottom <= value <= top:
            wrong.append((number, cell))
        else:
            numbers.append(value)
    if wrong:
        rows = ", ".join(f"{n} ({_shown_answer(c)})" for n, c in wrong[:MAX_ROWS_LISTED])
        more = " " + _("and {n} more").format(n=len(wrong) - MAX_ROWS_LISTED) if len(wrong) > MAX_ROWS_LISTED else ""
        scale = f"{_fmt(bottom)}–{_fmt(top)}"
        raise fail(
            _("Answers outside the scale {scale} in '{file}', column \"{column}\": row {rows}{more}. "
              "Give each answer text its value under values:, or list answers not to count under skip:.")
            .format(scale=scale, file=shown, column=heading, rows=rows, more=more),
            "survey-outside-scale", ("question",), file=shown, column=heading, scale=scale, rows=rows,
            more=len(wrong) - MAX_ROWS_LISTED if len(wrong) > MAX_ROWS_LISTED else 0)
    if not numbers:
        raise fail(_("Nobody answered the question \"{column}\" in '{file}' (or every answer is skipped).")
                   .format(column=heading, file=shown),
                   "survey-no-answers", ("question",), file=shown, column=heading)
    decimals = 1 if figure.decimals is None else figure.decimals
    mean = round(sum(numbers) / len(numbers), decimals)
    if decimals == 0:
        mean = int(mean)
    return _with(Score(mean=mean, scale=top, min=bottom, responses=len(numbers), label=figure.label,
                       basis=basis, note=figure.note), Computed(shown, heading, len(numbers)))


# -- columns and answers ----------------------------------------------------------------


@lru_cache(maxsize=4096)
def _key(text: Any) -> str:
    """How answers and headings compare: case and spacing do not matter."""
    if isinstance(text, float):
        return _fmt(text)
    return " ".join(str(text).split()).casefold()


def _text(value: Any) -> str:
    return _fmt(value) if isinstance(value, float) else " ".join(str(value).split())


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def find_column(export: Export, question: str, shown: str, fail) -> int:
    """The column whose heading is the question, or starts with it (uniquely)."""
    wanted = _key(question).rstrip(" ?:.")
    keys = [_key(h) for h in export.headings]
    exact = [i for i, k in enumerate(keys) if k.rstrip(" ?:.") == wanted]
    if len(exact) == 1:
        return exact[0]
    starting = exact or [i for i, k in enumerate(keys) if k.startswith(wanted)]
    if len(starting) == 1:
        return starting[0]
    if starting:
        listed = "; ".join(f'"{export.headings[i]}"' for i in starting[:5])
        raise fail(_("More than one column of '{file}' starts with \"{question}\": {columns}. Write more of "
                     "the question, so that it names one.").format(file=shown, question=question, columns=listed), "survey-ambiguous-column", ("question",),
                   file=shown, question=question, columns=[export.headings[i] for i in starting[:5]])
    near = difflib.get_close_matches(wanted, keys, n=3, cutoff=0.4)
    if not near:
        near = [k for k in keys if any(w in k for w in wanted.split() if len(w) > 4)][:3]
    headings = [export.headings[keys.index(k)] for k in near]
    listed = "; ".join(f'"{h}"' for h in headings)
    raise fail(
        _("No column of '{file}' starts with \"{question}\".").format(file=shown, question=question) + " " + (
            _("The nearest headings: {headings}.").format(headings=listed) if headings else
            _("Its columns are: {headings}.").format(headings="; ".join(f'"{h}"' for h in export.headings[:8])))
        + " " + _("Copy the start of the question from the export's heading row."),
        "survey-missing-column", ("question",), file=shown, question=question, near=headings)


def _choices(cell: Cell, multiple: bool) -> list[Any]:
    if not multiple or not isinstance(cell, str):
        return [cell]
    for separator in MULTI_SEPARATORS:
        if separator in cell:
            return [c.strip() for c in cell.split(separator) if c.strip()]
    return [cell.strip()]


def _options_seen(figure: SurveyFigure, chosen) -> list[Any]:
    """The options to count when the data names none: the scale's texts in their order,
    else the answers (numbers in order, texts as first seen)."""
    if figure.values:
        return sorted(figure.values, key=lambda k: figure.values[k])
    seen: dict[str, Any] = {}
    for _number, cs in chosen:
        for c in cs:
            seen.setdefault(_key(c), c)
    values = list(seen.values())
    if all(isinstance(v, float) or _number(v) is not None for v in values):
        return sorted(values, key=lambda v: v if isinstance(v, float) else _number(v))
    return values


def _check_options(options, chosen, allowed, shown, heading, fail, *, strict: bool) -> None:
    """An answer that is none of the options is an error when the data lists them."""
    if not strict:
        return
    known = {_key(o) for o in allowed}
    wrong = [(n, c) for n, cs in chosen for c in cs if _key(c) not in known]
    if wrong:
        rows = ", ".join(f"{n} ({_shown_answer(c)})" for n, c in wrong[:MAX_ROWS_LISTED])
        raise fail(_("Answers that are none of the options in '{file}', column \"{column}\": row {rows}. "
                     "Add them to options:, or to skip: if they are not counted.").format(
                         file=shown, column=heading, rows=rows), "survey-unknown-option",
                   ("options",), file=shown, column=heading, rows=rows)


def _scale_value(cell: Cell, values: dict[str, Any]) -> float | None:
    if isinstance(cell, float):
        return cell
    if cell is None:
        return None
    mapped = values.get(_key(cell))
    if mapped is not None:
        return mapped
    return _number(cell)


def _number(text: Any) -> float | None:
    """A number written in a cell: 4, 4,5 or 4.5."""
    if isinstance(text, float):
        return text
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


_PERSONAL = re.compile(r"@|\d{5,}|\d{3}[\s-]\d{3}")


def _shown_answer(cell: Cell) -> str:
    """An answer quoted in a message only when it is a scale answer, never a person's data."""
    if isinstance(cell, float):
        return _fmt(cell)
    text = " ".join(str(cell).split())
    if len(text) > 30 or _PERSONAL.search(text):
        return _("answer not shown")
    if _number(text) is not None:
        return text
    return f"'{text}'"


def _part_name(option: Any, taken: dict) -> str:
    """A figure name for an option's count: 'Täysin samaa mieltä' → täysin_samaa_mieltä."""
    name = re.sub(r"[^0-9a-zåäö]+", "_", _key(option)).strip("_")[:40] or "vastaus"
    if not FIGURE_NAME.match(name):
        name = "v_" + name
    base, i = name, 2
    while name in taken:
        name, i = f"{base}_{i}", i + 1
    return name


# -- personal data in git -----------------------------------------------------------------


def public_warning(name: str, survey: SurveyExport, folder: Path, root: Path, source) -> Problem | None:
    """A warning when an export would be committed with the project's data: exports hold
    respondents' names and e-mail addresses. ``public: true`` or a .gitignore entry
    covering the file says the project has thought about it."""
    if survey.public or source is None:
        return None
    path = folder / survey.file
    if gitignored(path, root):
        return None
    shown = _relative(path, root)
    return source.problem(
        ("surveys", name), _("The survey export '{file}' holds respondents' personal data and would be "
                             "committed with the project's files: add it to the project's .gitignore (e.g. a "
                             "line '*.xlsx'), or write public: true here if it holds no personal data.").format(
                                 file=shown), path=f"surveys.{name}",
        severity="warning", code="survey-public", args={"file": shown}, at_key=True)


def gitignored(path: Path, root: Path) -> bool:
    """Whether a .gitignore from the file's folder up to the repository's top ignores it
    (the common patterns: names, globs, folders, paths from a .gitignore's folder)."""
    path = path.resolve()
    folder = path.parent
    ignored = False
    chain = []
    while True:
        chain.append(folder)
        if (folder / ".git").exists() or folder.parent == folder:
            break
        folder = folder.parent
    for directory in reversed(chain):  # the top first: a deeper .gitignore has the last word
        ignore = directory / ".gitignore"
        if not ignore.is_file():
            continue
        relative = path.relative_to(directory).as_posix()
        for line in ignore.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            pattern = line[1:] if negate else line
            if _ignores(pattern, relative):
                ignored = not negate
    return ignored


def _ignores(pattern: str, relative: str) -> bool:
    folder_only = pattern.endswith("/")
    pattern = pattern.strip("/") if folder_only else pattern
    anchored = "/" in pattern.lstrip("/") or pattern.startswith("/")
    pattern = pattern.lstrip("/").replace("**/", "")
    parts = relative.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    if folder_only:
        candidates = candidates[:-1]
    if anchored:
        return any(fnmatch.fnmatchcase(c, pattern) for c in candidates)
    names = parts[:-1] if folder_only else parts
    return any(fnmatch.fnmatchcase(n, pattern) for n in names)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.name
