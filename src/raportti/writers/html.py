"""The HTML writer: the report as a page shaped like STEA's online form.

Each question is a card with its answer, the answer's length in characters (against the
form's ``max_length``, where it sets one) and a button that copies the answer as the
plain text the online form takes. Figures in the text are marked with the file and key
they come from. The page is one self-contained file (styles and script inline, no
network), so it works offline and when mailed; ``raportti preview`` serves the same page
with a live connection and the problems of the data at the top.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from raportti.report.forms import Question
from raportti.problems import Problem
from raportti.report.charts import strip_charts
from raportti.project.provenance import MARKED, FigureSource, strip_marks
from raportti.report.rendering import RenderedReport
from raportti.writers.plaintext import parse, parser, tokens_text
from raportti.writers.tablelayout import TOTAL_LABELS, caption_cell
from raportti.writers.typography import tie

ASSETS = Path(__file__).parent / "assets"


@dataclass
class Card:
    """One question of the page, ready for the template."""

    question: Question
    anchor: str
    level: int  # heading level of the question
    answer_html: str
    plain: str
    empty: bool

    @property
    def count(self) -> int:
        return len(self.plain)

    @property
    def max_length(self) -> int | None:
        return self.question.rules.max_length

    @property
    def over(self) -> int:
        return self.count - self.max_length if self.max_length is not None else 0


@dataclass
class PageProblem:
    """A problem as the page shows it: where, and what."""

    severity: str
    location: str
    field: str
    message: str
    source_line: str | None


@dataclass
class Page:
    """What the page shows besides the report."""

    project_name: str = ""
    sources: list[FigureSource] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    root: Path | None = None  # problem and figure files are shown relative to it
    live: bool = False  # served by ``raportti preview``: connects for updates
    version: int = 0
    stale: bool = False  # the data has errors: the report shown is the last good one
    built_at: datetime.datetime | None = None


def report_html(rendered: RenderedReport | None, page: Page) -> str:
    """The whole page; ``rendered`` is None when no report could be made yet."""
    template = _environment().get_template("page.html.j2")
    cards, sections = _cards(rendered, page) if rendered is not None else ([], [])
    problems = [_page_problem(p, page.root) for p in sorted(page.problems, key=_problem_order)]
    return template.render(
        form=rendered.form if rendered else None,
        subtitle=rendered.subtitle if rendered else "",
        sections=sections,
        cards=cards,
        empty_count=sum(1 for c in cards if c.empty),
        over_count=sum(1 for c in cards if c.over > 0),
        problems=problems,
        error_count=sum(1 for p in problems if p.severity == "error"),
        warning_count=sum(1 for p in problems if p.severity != "error"),
        page=page,
        built_time=_clock(page.built_at) if page.built_at else "",
        style=_asset("page.css"),
        script=_asset("page.js"),
        number=_number,
    )


def report_html_bytes(rendered: RenderedReport, page: Page) -> bytes:
    return report_html(rendered, page).encode("utf-8")


# -- cards ------------------------------------------------------------------------------


def make(job: Any) -> bytes:
    """The format's maker (see raportti.writers.formats)."""
    return report_html_bytes(job.rendered, job.page)


def _cards(rendered: RenderedReport, page: Page) -> tuple[list[Card], list[tuple]]:
    cards: list[Card] = []
    sections = []
    answers = iter(rendered.by_question)
    empty = {id(q) for q in rendered.empty_questions}
    for s, section in enumerate(rendered.form.sections):
        section_cards = []
        for question in section.questions:
            asked, markdown = next(answers)
            level = 4 if question.sub else 3
            anchor = _anchor(question, s, len(section_cards))
            html_text, plain = _answer(markdown, level + 1, anchor)
            if rendered.charts:
                # The copy button copies the text the online form takes: no charts.
                plain = _answer(strip_charts(markdown, rendered.charts), level + 1, anchor)[1]
                html_text = inline_charts(html_text, rendered.charts)
            card = Card(
                question=asked,
                anchor=anchor,
                level=level,
                answer_html=_figure_spans(html_text, page),
                plain=strip_marks(plain),
                empty=id(asked) in empty,
            )
            section_cards.append(card)
        cards.extend(section_cards)
        instructions = answer_html(section.instructions, 3, page, f"o{s + 1}") if section.instructions else ""
        sections.append((section, instructions, section_cards))
    return cards, sections


def _anchor(question: Question, section: int, index: int) -> str:
    if question.number is not None:
        return f"k{question.number}"
    if question.id:
        return "k-" + re.sub(r"[^A-Za-z0-9_-]+", "-", question.id)
    return f"k{section + 1}-{index + 1}"


def answer_html(markdown: str, heading_level: int, page: Page, name: str = "") -> str:
    """An answer's Markdown as HTML, its headings from ``heading_level`` down, its
    figures marked with their sources; ``name`` keeps its footnotes' ids apart from
    other answers'."""
    return _figure_spans(_answer(markdown, heading_level, name)[0], page)


# The preview writes the page again on every save, and most answers are as they were:
# an answer's HTML and plain text are kept by its Markdown (figure marks included).
_ANSWERS: dict[tuple[str, int, str], tuple[str, str]] = {}


def _answer(markdown: str, heading_level: int, name: str) -> tuple[str, str]:
    """HTML (figures still marked) and plain text of one answer's Markdown."""
    key = (markdown, heading_level, name)
    done = _ANSWERS.get(key)
    if done is None:
        md = parser()
        tokens = parse(tie(markdown))
        plain = tokens_text(tokens)
        levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
        shift = {level: min(6, heading_level + i) for i, level in enumerate(levels)}
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{shift[int(token.tag[1])]}"
        if len(_ANSWERS) > 4000:
            _ANSWERS.clear()
        done = _ANSWERS[key] = (_tables(md.renderer.render(tokens, md.options, {"docId": name})), plain)
    return done


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_CELL = re.compile(r"<t([hd])((?:\s[^>]*)?)>(.*?)</t\1>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)


def _tables(out: str) -> str:
    """Tables as the DOCX sets them: named by a caption where the first header cell names
    them, the total row set apart, and each in a box that scrolls sideways on a narrow
    screen (a phone), its edge shaded while there is more to see."""

    def table(match: re.Match) -> str:
        inner = match.group(1)
        rows = _ROW.findall(inner)
        header = [html.unescape(_TAG.sub("", c[2])) for c in _CELL.findall(rows[0])] if rows else []
        caption = caption_cell(header) if "<thead>" in inner else ""
        if caption:
            # The caption says it; the header cell above the row names stays empty.
            inner = _CELL.sub(lambda m: f"<th{m.group(2)}></th>", inner, count=1)
        if len(rows) > 1:
            first = _CELL.search(rows[-1])
            label = html.unescape(_TAG.sub("", first.group(3))).strip().lower() if first else ""
            if label.startswith(TOTAL_LABELS):
                at = inner.rindex("<tr>")
                inner = inner[:at] + '<tr class="yhteensa">' + inner[at + len("<tr>"):]
        title = html.escape(caption or "Taulukko", quote=True)
        head = f"\n<caption>{html.escape(caption)}</caption>" if caption else ""
        return (f'<div class="taulukko" role="region" tabindex="0" aria-label="{title}">'
                f"<table>{head}{inner}</table></div>")

    return _TABLE.sub(table, out)


_TAG = re.compile(r"<[^>]*>")
_CHART_IMAGE = re.compile(r'<p><img src="([^"]+)" alt="[^"]*"(?: title="[^"]*")? ?/?></p>')


def inline_charts(out: str, charts: dict) -> str:
    """A chart's image paragraph as the chart itself: inline SVG with its caption."""
    def figure(match: re.Match) -> str:
        chart = charts.get(html.unescape(match.group(1)))
        if chart is None:
            return match.group(0)
        from raportti.writers.chartdraw import chart_svg

        return (f'<figure class="kuvio">{chart_svg(chart, standalone=False)}'
                f"<figcaption>{html.escape(chart.caption)}</figcaption></figure>")

    return _CHART_IMAGE.sub(figure, out)


def _figure_spans(out: str, page: Page) -> str:
    # Marks inside a tag (a figure in a link's address) cannot become spans.
    out = _TAG.sub(lambda m: strip_marks(m.group(0)), out)
    root = page.root

    def span(match: re.Match) -> str:
        index, text = int(match.group(1)), match.group(2)
        if index >= len(page.sources):
            return text
        source = page.sources[index]
        where = _relative(source.file, root) if source.file else ""
        line = source.line
        if where and line:
            where += f":{line}"
        tip = f"{where} · {source.key}" if where else source.key
        if source.computed:
            tip += f" · laskettu: {source.computed}"
        return f'<span class="luku" tabindex="0" data-lahde="{html.escape(tip)}">{text}</span>'

    return MARKED.sub(span, out)


# -- problems ---------------------------------------------------------------------------


def _problem_order(problem: Problem) -> tuple:
    return (0 if problem.is_error else 1, *problem.sort_key())


def _page_problem(problem: Problem, root: Path | None) -> PageProblem:
    location = ""
    if problem.file is not None:
        location = _relative(problem.file, root)
        if problem.line:
            location += f":{problem.line}"
            if problem.column:
                location += f":{problem.column}"
    from raportti.i18n.catalogue import message

    return PageProblem(problem.severity, location, problem.path, message(problem),
                       problem.source_line if problem.source_line and problem.source_line.strip() else None)


@lru_cache(maxsize=4096)
def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


# -- helpers ----------------------------------------------------------------------------


def _number(value: int) -> str:
    """12345 → '12 345' (Finnish grouping, with a no-break space)."""
    return f"{value:,}".replace(",", "\u00a0")


def _clock(moment: datetime.datetime) -> str:
    return moment.strftime("%H.%M.%S")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ASSETS)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
