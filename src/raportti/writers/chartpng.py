"""A chart as a PNG image, for the DOCX: the SVG's shapes drawn with Pillow.

Word shows SVG only from 2016 on and LibreOffice not in every version, so a document gets
a picture. Pillow is imported here only, when a document has a chart; a build without
charts never loads it. The font is Liberation Sans, shipped with raportti (SIL Open Font
License, assets/fonts/): it has Arial's widths, as the SVG asks for, and the same picture
comes out on every machine, so a built DOCX stays byte for byte the same.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from raportti.report.charts import Chart
from raportti.writers.chartdraw import Line, Rect, layout

SCALE = 2  # 1600 pixels across 16 cm: about 250 dpi
FONTS = Path(__file__).parent / "assets" / "fonts"


@lru_cache(maxsize=None)
def _font(size: int, bold: bool):
    from PIL import ImageFont

    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _grey(colour: str) -> int:
    """#3a3a3a → 58: the drawing is greys only, so the image is one channel."""
    return int(colour[1:3], 16)


def chart_png(chart: Chart) -> tuple[bytes, int, int]:
    """PNG bytes and the drawing's width and height (in layout units)."""
    from PIL import Image, ImageDraw

    drawing = layout(chart)
    image = Image.new("L", (drawing.width * SCALE, drawing.height * SCALE), 255)
    draw = ImageDraw.Draw(image)
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            box = [shape.x * SCALE, shape.y * SCALE, (shape.x + shape.w) * SCALE, (shape.y + shape.h) * SCALE]
            draw.rectangle(box, fill=_grey(shape.fill),
                           outline=_grey(shape.stroke) if shape.stroke else None,
                           width=3 if shape.stroke else 0)
        elif isinstance(shape, Line):
            draw.line([shape.x1 * SCALE, shape.y1 * SCALE, shape.x2 * SCALE, shape.y2 * SCALE],
                      fill=_grey(shape.stroke), width=max(1, round(shape.width * SCALE)))
        else:
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            draw.text((shape.x * SCALE, shape.y * SCALE), shape.text, fill=_grey(shape.fill),
                      font=_font(shape.size * SCALE, shape.bold), anchor=anchor)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue(), drawing.width, drawing.height
