"""The preview page in a real browser: Chromium from the system, driven by Playwright.

Skips where Playwright or Chromium is missing (.ci/run installs Chromium where it can).
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import PP
from preview_helpers import preview, project  # noqa: F401 - fixtures

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install '.[test]')")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        except Exception as exc:  # e.g. a Chromium too old or too new for this Playwright
            pytest.skip(f"Chromium could not be started by Playwright: {exc}")
        yield browser
        browser.close()


@pytest.fixture
def page(browser, preview):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"],
                                  viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.goto(preview.url)
    page.wait_for_function("document.querySelectorAll('article.kysymys').length > 0")
    yield page
    context.close()


def test_copy_button_puts_the_answer_as_plain_text_on_the_clipboard(page):
    card = page.locator("#k12")
    card.get_by_role("button", name=re.compile("Kopioi vastaus kysymykseen 12")).click()
    page.wait_for_function("document.querySelector('#k12 button').textContent.includes('Kopioitu')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(
        "1. Järjestöjen tekemän työn monipuolisuus (palvelutuotannosta vapaaehtoistoimintaan) on "
        "yhdessä järjestöjen kanssa kirjattu maakunnan ja kuntien (palvelu)strategioihin ja "
        "toimintasuunnitelmiin\n\nMaakunta:\n\n• Järjestöneuvottelukunta otti tavoitteekseen hankkeen "
        "tavoitteleman Järjestöystävällisen Pohjois-Pohjanmaan.")
    assert "\n• Sote-järjestöjä koskevat sisällöt olivat mukana maakunnan tilannekuvassa" in copied
    assert not re.search(r"^#|^- |\*\*|\]\(", copied, re.M)
    # the count on the card is the length of what was copied
    shown = card.locator(".maara").inner_text()
    assert int(re.sub(r"\D", "", shown.split("merkkiä")[0])) == len(copied)
    assert page.console_errors == []


def test_counts_match_the_text_each_button_copies(page):
    counts = page.evaluate("""Array.from(document.querySelectorAll('article.kysymys')).map(card => [
        card.dataset.plain.length,
        parseInt(card.querySelector('.maara').textContent.split('merkkiä')[0].replace(/\\D/g, ''), 10)])""")
    assert len(counts) == 17
    assert all(plain == shown for plain, shown in counts), counts
    page.locator("#k1 button.kopioi").click()
    page.wait_for_function("document.querySelector('#k1 button').textContent.includes('Kopioitu')")
    assert page.evaluate("navigator.clipboard.readText()") == "POHJOIS-POHJANMAAN SOSIAALITURVAYHDISTYS RY"


def test_a_saved_error_shows_at_the_top_and_the_page_keeps_its_place(page, project):
    page.locator("#k11").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 137)")
    y = page.evaluate("window.scrollY")
    assert y > 1000
    target = project / "2019/activities.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("team_meetings: {value: 63,", "team_meetings: {value: [63,", 1), encoding="utf-8")
    page.wait_for_selector("#ongelmat.virheita", timeout=30_000)
    problems = page.locator("#ongelmat").inner_text()
    assert re.search(r"2019/activities\.yaml:15:\d+", problems), problems
    assert "Korjattavaa" in problems
    # the last good report stays below the problems, and the reader stays where they were
    assert page.locator("article.kysymys").count() == 17
    assert page.evaluate("window.scrollY") == y
    target.write_text(text.replace("team_meetings: {value: 63,", "team_meetings: {value: 66,", 1), encoding="utf-8")
    page.wait_for_function("!document.querySelector('#ongelmat.virheita')", timeout=30_000)
    assert "kokoontunut 66 kertaa" in page.locator("#k11").inner_text() or \
        "kokoontunut 66 kertaa" in page.content()
    assert page.evaluate("window.scrollY") == y
    assert page.console_errors == []


def test_figures_show_their_source_when_asked(page):
    page.get_by_label("Näytä lukujen lähteet").check()
    figure = page.locator("#k11 .luku").first
    figure.hover()
    tip = page.evaluate("el => getComputedStyle(el, '::after').content", figure.element_handle())
    assert re.search(r"2019/\w+\.yaml:\d+ · ", tip), tip
    assert page.evaluate("el => getComputedStyle(el).backgroundColor", figure.element_handle()) != "rgba(0, 0, 0, 0)"
    assert page.console_errors == []


def test_the_page_passes_axe_accessibility_checks(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]]
    assert violations == [], results.generate_report()
    assert page.evaluate("document.documentElement.lang") == "fi"
    assert page.console_errors == []


def test_the_built_file_works_offline(browser, tmp_path):
    from raportti.build import build

    build(PP, out_dir=tmp_path, formats=("html",))
    context = browser.new_context(offline=True, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    page.goto((tmp_path / "valikysely-2019.html").as_uri())
    page.locator("#k1 button.kopioi").click()
    page.wait_for_function("document.querySelector('#k1 button').textContent.includes('Kopioitu')")
    assert page.evaluate("navigator.clipboard.readText()") == "POHJOIS-POHJANMAAN SOSIAALITURVAYHDISTYS RY"
    assert [r for r in requests if not r.startswith("file:")] == []
    assert errors == []
    context.close()
