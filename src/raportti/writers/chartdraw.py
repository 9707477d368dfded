"""Drawing a chart: laid out once as shapes, written as SVG (Markdown, HTML) or PNG (DOCX).

The layout is a list of rectangles, lines and texts on a canvas 800 units wide, which is
the 16 cm text width of an A4 page (one unit 0,2 mm; labels 3,4 mm high, about Word's
10 pt). Greys only, told apart by lightness and an outline, with every value written on
its bar: a chart reads the same printed in black and white. SVG is written here as text;
PNG (raportti.writers.chartpng) needs Pillow, imported only when a DOCX has a chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from raportti.report.charts import BARS, DISTRIBUTION, Chart
from raportti.schema.models.figures import format_number

WIDTH = 800
FONT = 17
SMALL = 15
DARK, MID, LIGHT, GRID, INK = "#3a3a3a", "#767676", "#c8c8c8", "#dedede", "#1a1a1a"
FONT_FAMILY = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 1.0


@dataclass
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: int = FONT
    anchor: str = "start"  # start | middle | end
    bold: bool = False
    fill: str = INK


@dataclass
class Drawing:
    width: int
    height: int
    shapes: list


def text_width(text: str, size: int = FONT) -> float:
    """About how wide a text is in a sans-serif font (the layout leaves room to spare)."""
    return sum(0.3 if c in " il.,:;'|!" else 0.62 if c.isupper() or c in "mwMW%" else 0.54 for c in text) * size


def layout(chart: Chart) -> Drawing:
    if chart.kind == DISTRIBUTION:
        return _horizontal(chart)
    return _vertical(chart)


# -- vertical bars: a figure over years, target against actual --------------------------


def _nice_top(value: float) -> tuple[float, float]:
    """A round top for the axis and the step between its grid lines."""
    if value <= 0:
        return 1, 1
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * math.ceil(value / step - 1e-9), step


def _vertical(chart: Chart) -> Drawing:
    height = 380
    legend = len(chart.series) > 1
    top = 62 if legend else 36
    bottom = 44
    values = [v for s in chart.series for v in s.values if v is not None]
    axis_top, step = _nice_top(max(values) if values else 1)
    ticks = [step * i for i in range(int(round(axis_top / step)) + 1)]
    left = 16 + max(text_width(_axis(t), SMALL) for t in ticks)
    right = WIDTH - 16
    plot_h = height - top - bottom
    base = height - bottom
    shapes: list = []

    def y_of(value: float) -> float:
        return base - plot_h * value / axis_top

    for tick in ticks:
        y = y_of(tick)
        shapes.append(Line(left, y, right, y, GRID if tick else MID, 1 if tick else 1.5))
        shapes.append(Text(left - 8, y + SMALL * 0.35, _axis(tick), SMALL, "end", fill=DARK))
    slot = (right - left) / max(len(chart.categories), 1)
    count = len(chart.series)
    bar = min(90 / count, slot * 0.7 / count)
    fills = [(LIGHT, DARK), (DARK, None)] if count > 1 else [(DARK, None)]
    for i, category in enumerate(chart.categories):
        centre = left + slot * (i + 0.5)
        start = centre - bar * count / 2
        for j, series in enumerate(chart.series):
            value = series.values[i]
            x = start + j * bar
            fill, stroke = fills[j % len(fills)]
            if value is None:
                shapes.append(Text(x + bar / 2, base - 6, "–", SMALL, "middle", fill=DARK))
                continue
            y = y_of(value)
            shapes.append(Rect(x + 2, y, bar - 4, base - y, fill, stroke))
            shapes.append(Text(x + bar / 2, y - 7, chart.shown(value), SMALL if count > 1 else FONT, "middle",
                               bold=True))
        shapes.append(Text(centre, base + 26, category, FONT, "middle"))
    if legend:
        x = left
        for j, series in enumerate(chart.series):
            fill, stroke = fills[j % len(fills)]
            shapes.append(Rect(x, 14, 22, 22, fill, stroke))
            shapes.append(Text(x + 30, 31, series.name, FONT))
            x += 30 + text_width(series.name) + 30
    return Drawing(WIDTH, height, shapes)


def _axis(value: float) -> str:
    return format_number(int(value) if float(value).is_integer() else round(value, 2), document=True)


# -- horizontal bars: how a question's answers divide -------------------------------------


def _wrap(text: str, width: float, size: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
        while text_width(lines[1] + "…", size) > width and len(lines[1]) > 1:
            lines[1] = lines[1][:-1]
        lines[1] = lines[1].rstrip() + "…"
    return lines


def _horizontal(chart: Chart) -> Drawing:
    values = chart.series[0].values
    label_room = min(WIDTH * 0.42, max(text_width(c) for c in chart.categories) + 4)
    labels = [_wrap(c, label_room, FONT) for c in chart.categories]
    notes = [f"{chart.shown(v)} ({chart.share(v)})" if chart.n else chart.shown(v) for v in values]
    note_room = max(text_width(n, FONT) for n in notes) + 12
    left = 12 + label_room + 12
    right = WIDTH - 12 - note_room
    row = 44
    top = 12
    height = int(top + row * len(values) + 12)
    largest = max([v for v in values if v is not None] or [1]) or 1
    shapes: list = []
    for i, (lines, value, note) in enumerate(zip(labels, values, notes)):
        y = top + row * i
        middle = y + row / 2
        first = middle + FONT * 0.35 - (len(lines) - 1) * FONT * 0.6
        for k, line in enumerate(lines):
            shapes.append(Text(left - 12, first + k * FONT * 1.2, line, FONT, "end"))
        length = (right - left) * (value or 0) / largest
        if length > 0:
            shapes.append(Rect(left, y + 8, length, row - 16, MID))
        shapes.append(Text(left + length + 8, middle + FONT * 0.35, note, FONT, bold=True))
    shapes.append(Line(left, top, left, top + row * len(values), DARK, 1.5))
    return Drawing(WIDTH, height, shapes)


# -- SVG --------------------------------------------------------------------------------


def chart_svg(chart: Chart, *, standalone: bool = True) -> str:
    """The chart as SVG: a file of its own, or (``standalone=False``) for inline HTML."""
    drawing = layout(chart)
    alt = chart.alt_text()
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    out = [head + f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {drawing.width} {drawing.height}" '
           f'width="{drawing.width}" height="{drawing.height}" role="img" aria-label={quoteattr(alt)} '
           f'font-family="{FONT_FAMILY}" style="max-width:100%;height:auto">',
           f"<title>{escape(chart.caption)}</title><desc>{escape(alt)}</desc>",
           f'<rect width="{drawing.width}" height="{drawing.height}" fill="#ffffff"/>']
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            stroke = f' stroke="{shape.stroke}" stroke-width="1.5"' if shape.stroke else ""
            out.append(f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" height="{_n(shape.h)}" '
                       f'fill="{shape.fill}"{stroke}/>')
        elif isinstance(shape, Line):
            out.append(f'<line x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" y2="{_n(shape.y2)}" '
                       f'stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"/>')
        else:
            weight = ' font-weight="bold"' if shape.bold else ""
            out.append(f'<text x="{_n(shape.x)}" y="{_n(shape.y)}" font-size="{shape.size}" '
                       f'text-anchor="{shape.anchor}" fill="{shape.fill}"{weight}>{escape(shape.text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + ("\n" if standalone else "")


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


# A chart in a Markdown answer is an image whose address is its file's name.
def is_chart(src: str, charts: dict) -> bool:
    return bool(charts) and src in charts


__all__ = ["chart_svg", "layout", "BARS"]
