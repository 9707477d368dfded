"""Charts in the yearly forms: a figure over years, target against actual, answer distribution."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, PP
from raportti.cli.app import main
from raportti.report.charts import BARS, DISTRIBUTION, GROUPED, Chart, Series

KE = EXAMPLES / "keksitty-esimerkki"
YEARLY = ("toimintakertomus", "tuloksellisuusraportti")

# What each kind of chart in the example must say, from the example's data: activities'
# meetings 52 (2024) and 84 (2025); the indicator's targets 60 / 80 and actuals 52 / 84;
# the volunteers' survey export: 9 yes, 3 not yet known, 1 no.
OVER_YEARS = "Kylätupien kokoontumiskerrat vuosittain. 2024: 52; 2025: 84."
TARGET_ACTUAL = ("Kylätupien kokoontumiskerrat (kertaa): tavoite ja toteuma. "
                 "2024: tavoite 60, toteuma 52; 2025: tavoite 80, toteuma 84.")
ANSWERS = "Jatkatko tupaohjaajana ensi vuonna? Kyllä 9 (69 %); En vielä tiedä 3 (23 %); En 1 (8 %). Vastaajia 13."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("charts")
    for form in YEARLY:
        result = CliRunner().invoke(main, ["build", str(KE), "--report", form, "-o", str(out),
                                           "-f", "md", "-f", "docx", "-f", "html"])
        assert result.exit_code == 0, result.output
        assert "link" not in result.output  # a chart is not a link the online form refuses
    return out


def _docx_parts(path):
    with zipfile.ZipFile(path) as z:
        document = z.read("word/document.xml").decode("utf-8")
        media = {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}
    return document, media


@pytest.mark.parametrize("form", YEARLY)
def test_docx_has_each_kind_of_chart_as_a_captioned_picture_with_its_numbers(built, form):
    document, media = _docx_parts(built / f"{form}-2025.docx")
    descriptions = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', document)
    assert OVER_YEARS in descriptions
    assert TARGET_ACTUAL in descriptions
    assert ANSWERS in descriptions
    assert len(media) == len(descriptions) >= 3
    # "Kuvio N. title" under each picture, numbered by a SEQ field as Word numbers figures.
    paragraphs = re.findall(r"<w:p>.*?</w:p>|<w:p .*?</w:p>", document)
    captions = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paragraphs if "SEQ Kuvio" in p]
    assert captions[0] == "Kuvio 1. Kylätupien kokoontumiskerrat vuosittain"
    assert [c.split(".")[0] for c in captions] == [f"Kuvio {n}" for n in range(1, len(descriptions) + 1)]
    # Greys only, so it prints the same in black and white; A4's text width at most.
    from PIL import Image
    import io

    for data in media.values():
        assert Image.open(io.BytesIO(data)).mode == "L"
    widths = [int(w) for w in re.findall(r'<wp:extent cx="(\d+)"', document)]
    assert widths and max(widths) <= 16 * 360000


@pytest.mark.parametrize("form", YEARLY)
def test_html_has_each_kind_of_chart_inline_with_its_caption(built, form):
    page = (built / f"{form}-2025.html").read_text(encoding="utf-8")
    import html

    labels = [html.unescape(a) for a in re.findall(r'<figure class="kuvio"><svg [^>]*aria-label="([^"]*)"', page)]
    assert OVER_YEARS in labels and TARGET_ACTUAL in labels and ANSWERS in labels
    assert "<figcaption>Kuvio 1. Kylätupien kokoontumiskerrat vuosittain</figcaption>" in page
    assert "<img" not in page


@pytest.mark.parametrize("form", YEARLY)
def test_markdown_links_an_svg_file_beside_it(built, form):
    markdown = (built / f"{form}-2025.md").read_text(encoding="utf-8")
    names = re.findall(r'!\[[^\]]*\]\(([^)\s]+) "Kuvio \d+\.', markdown)
    assert len(names) >= 3
    for name in names:
        svg = (built / name).read_text(encoding="utf-8")
        assert svg.startswith('<?xml') and "<svg" in svg and "<title>Kuvio" in svg
    assert f'![{OVER_YEARS}]({form}-2025-kuvio-1.svg "Kuvio 1. Kylätupien kokoontumiskerrat vuosittain")' in markdown


def test_the_copy_buttons_text_leaves_charts_out(built):
    page = (built / "tuloksellisuusraportti-2025.html").read_text(encoding="utf-8")
    # each card's plain text is in a data attribute or a hidden element the button copies
    assert "Kylätupien kokoontumiskerrat vuosittain. 2024: 52" not in re.sub(r"<svg.*?</svg>", "", page, flags=re.S) \
        .replace("aria-label", "")


def test_numbers_the_finnish_way():
    chart = Chart(BARS, "Osallistujat vuosittain", ["2024", "2025"], [Series("x", [12345, 4.5])])
    assert chart.alt_text() == "Osallistujat vuosittain. 2024: 12\u00a0345; 2025: 4,5."
    from raportti.writers.chartdraw import chart_svg

    svg = chart_svg(chart)
    assert ">12\u00a0345<" in svg and ">4,5<" in svg
    shares = Chart(DISTRIBUTION, "Q", ["a", "b"], [Series("n", [1, 2])], n=3)
    assert shares.alt_text() == "Q. a 1 (33 %); b 2 (67 %). Vastaajia 3."
    missing = Chart(GROUPED, "M", ["2024"], [Series("Tavoite", [5]), Series("Toteuma", [None])])
    assert missing.alt_text() == "M. 2024: tavoite 5, toteuma ei tietoa."


def test_a_build_without_charts_does_not_load_the_image_library(tmp_path):
    code = ("import sys; from raportti.build import build; "
            f"from pathlib import Path; build(Path({str(PP)!r}), out_dir=Path({str(tmp_path)!r})); "
            "print('PIL' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    assert not list(tmp_path.glob("*.svg"))


def test_the_same_data_builds_the_same_docx_with_charts(built, tmp_path):
    result = CliRunner().invoke(main, ["build", str(KE), "--report", "toimintakertomus", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "toimintakertomus-2025.docx").read_bytes() == (built / "toimintakertomus-2025.docx").read_bytes()


def test_two_years_charts_beside_the_markdown_never_overwrite_each_other(tmp_path):
    """A yearly report's files carry their year, and so do its charts: building 2024 after
    2025 into the same folder leaves the 2025 report's chart links pointing at its own."""
    out = tmp_path / "build"
    for year in ("2025", "2024"):
        result = CliRunner().invoke(main, ["build", str(KE), "-r", "toimintakertomus", "--year", year,
                                           "-f", "md", "-o", str(out)])
        assert result.exit_code == 0, result.output
    links = {}
    for year in ("2024", "2025"):
        markdown = (out / f"toimintakertomus-{year}.md").read_text(encoding="utf-8")
        links[year] = re.findall(r"\]\(([^ )]+\.svg)", markdown)
        assert all(name.startswith(f"toimintakertomus-{year}-kuvio-") for name in links[year]), links[year]
        assert all((out / name).is_file() for name in links[year])
    assert links["2025"] and not set(links["2024"]) & set(links["2025"])
