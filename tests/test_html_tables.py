"""Tables in the HTML page: a caption where the table names itself, the total row set
apart, and a box that scrolls sideways at phone width with a visible cue."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import VS
from raportti.build import build


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("vs-html")
    build(VS, report="loppuraportti", out_dir=out, formats=("html",))
    return out / "loppuraportti.html"


def test_tables_have_captions_totals_and_a_scroll_box(page_file):
    text = page_file.read_text(encoding="utf-8")
    boxes = re.findall(r'<div class="taulukko" role="region" tabindex="0" aria-label="([^"]*)"><table>', text)
    assert len(boxes) == text.count("<table>") >= 10
    assert "<caption>Tapahtumiin osallistuneet</caption>" in text
    # The header cell that became the caption is left empty, as in the Word document.
    at = text.index("<caption>Tapahtumiin osallistuneet</caption>")
    assert re.match(r"\s*<thead>\s*<tr>\s*<th></th>", text[at + len("<caption>Tapahtumiin osallistuneet</caption>"):])
    totals = re.findall(r'<tr class="yhteensa">\s*<td>([^<]*)</td>', text)
    assert totals and all(t.startswith("Yhteensä") for t in totals)
    assert ".vastaus tr.yhteensa td { font-weight: 700" in text


def test_a_wide_table_scrolls_with_a_cue_at_phone_width(page_file):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
        except Exception as exc:
            pytest.skip(f"Chromium could not be started by Playwright: {exc}")
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(page_file.as_uri())
        boxes = page.evaluate("""() => [...document.querySelectorAll('.taulukko')].map(b => ({
            scroll: b.scrollWidth, client: b.clientWidth, right: b.getBoundingClientRect().right,
            overflow: getComputedStyle(b).overflowX, background: getComputedStyle(b).backgroundImage}))""")
        browser.close()
    wide = [b for b in boxes if b["scroll"] > b["client"] + 1]
    assert wide, "no table is wider than a phone screen"
    for box in boxes:
        # The box stays on the screen; what does not fit scrolls inside it.
        assert box["right"] <= 390 and box["overflow"] == "auto"
        # The edge shadows that show there is more to see.
        assert box["background"].count("gradient") == 4
