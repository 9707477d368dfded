"""The HTML page (``build --format html``) and the plain text its copy buttons give."""

from __future__ import annotations

import re
import shutil

import html5lib
import pytest

from raportti.build import build
from raportti.writers.plaintext import plain_text

from conftest import PP, VS

HTML_NS = "{http://www.w3.org/1999/xhtml}"


# -- plain text for STEA's online form ----------------------------------------------------


def test_plain_text_drops_markdown_marks_and_keeps_paragraphs_and_lists():
    markdown = (
        "Hanke on **tärkeä** ja *hyvä*, ks. [sivut](https://example.fi).\n"
        "Rivi jatkuu.\n\n"
        "#### Tavoitteet\n\n"
        "- ensimmäinen\n- toinen\n  1. alakohta\n  2. toinen alakohta\n\n"
        "> lainaus\n\n"
        "| Vuosi | Määrä |\n|---|---:|\n| 2019 | 1 234 |\n"
    )
    assert plain_text(markdown) == (
        "Hanke on tärkeä ja hyvä, ks. sivut (https://example.fi). Rivi jatkuu.\n\n"
        "Tavoitteet\n\n"
        "• ensimmäinen\n• toinen\n   1. alakohta\n   2. toinen alakohta\n\n"
        "lainaus\n\n"
        "Vuosi\tMäärä\n2019\t1 234"
    )


def test_plain_text_of_a_loose_list_keeps_its_paragraphs_apart():
    assert plain_text("3. yksi\n\n   lisää\n4. kaksi\n") == "3. yksi\n\n   lisää\n4. kaksi"


def test_plain_text_shows_an_address_once_when_it_is_the_link_text():
    assert plain_text("Katso <https://example.fi> ja <info@example.fi>.") == (
        "Katso https://example.fi ja info@example.fi.")


# -- the page ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    build(PP, out_dir=out, formats=("md", "html"))
    build(VS, out_dir=out, formats=("html",))
    return {"pp": (out / "valikysely-2019.html").read_text(encoding="utf-8"),
            "vs": (out / "loppuraportti.html").read_text(encoding="utf-8"),
            "pp_md": (out / "valikysely-2019.md").read_text(encoding="utf-8")}


def parse(page: str):
    """The page parsed by a spec-conforming HTML parser; a parse error fails."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(page)


@pytest.mark.parametrize("name", ["pp", "vs"])
def test_page_is_well_formed_finnish_and_self_contained(pages, name):
    page = pages[name]
    tree = parse(page)
    assert tree.get("lang") == "fi"
    assert page.startswith("<!DOCTYPE html>")
    # nothing is fetched: no external scripts, styles, images, fonts or frames
    assert not re.search(r"<(script|img|iframe|link)[^>]+(src|href)=", page)
    assert "url(" not in page and "@import" not in page


@pytest.mark.parametrize("name", ["pp", "vs"])
def test_headings_go_down_one_level_at_a_time(pages, name):
    tree = parse(pages[name])
    levels = [int(el.tag[-1]) for el in tree.iter() if re.fullmatch(HTML_NS + r"h[1-6]", str(el.tag))]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, (before, after)


@pytest.mark.parametrize("name", ["pp", "vs"])
def test_every_card_counts_the_text_its_button_copies(pages, name):
    tree = parse(pages[name])
    cards = [el for el in tree.iter(HTML_NS + "article") if "kysymys" in el.get("class", "")]
    assert len(cards) == {"pp": 17, "vs": 20}[name]
    for card in cards:
        plain = card.get("data-plain")
        count = next(el for el in card.iter(HTML_NS + "span") if "maara" in el.get("class", ""))
        assert int(count.get("data-count")) == len(plain)
        shown = "".join(count.itertext()).split("merkkiä")[0].replace("\u00a0", "").strip()
        assert int(shown) == len(plain)
        button = next(card.iter(HTML_NS + "button"))
        assert button.get("aria-label", "").startswith("Kopioi vastaus")
        assert not re.search(r"\*\*|^#+ |\]\(", plain, re.M), plain[:200]


def test_copied_text_is_the_answer_of_the_markdown_without_its_marks(pages):
    tree = parse(pages["pp"])
    card = tree.find(f".//{HTML_NS}article[@id='k1']")
    assert card.get("data-plain") == "POHJOIS-POHJANMAAN SOSIAALITURVAYHDISTYS RY"
    # the answer with a figure: same words as in the Markdown document
    text = next(c.get("data-plain") for c in tree.iter(HTML_NS + "article")
                if "kokoontunut 76 kertaa" in (c.get("data-plain") or ""))
    assert "Projektin henkilöstö on kokoontunut 76 kertaa" in pages["pp_md"]
    assert "\ue000" not in text and "\ue000" not in pages["pp_md"]


def test_figures_in_the_text_name_their_file_line_and_key(pages):
    spans = re.findall(r'<span class="luku" tabindex="0" data-lahde="([^"]*)">([^<]*)</span>', pages["pp"])
    assert len(spans) > 30
    source = re.search(r'henkilöstö on kokoontunut <span class="luku" tabindex="0" data-lahde="([^"]*)">76<',
                       pages["pp"]).group(1)
    assert source.startswith("2018/activities.yaml:")
    assert source.endswith("figures.team_meetings")
    line = int(source.split(":")[1].split(" ")[0])
    assert "team_meetings: {value: 76," in (PP / "2018/activities.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    # a figure from another file of the year names that file
    assert any(s.startswith("2019/partners.yaml") and "partner_meetings" in s for s, _ in spans)


def test_markdown_and_docx_are_the_same_when_html_is_built_alongside(tmp_path, pages):
    build(PP, out_dir=tmp_path, formats=("md",))
    assert (tmp_path / "valikysely-2019.md").read_text(encoding="utf-8") == pages["pp_md"]


def test_a_question_without_data_is_marked_and_an_answer_over_max_length_is_red(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(PP, project, ignore=shutil.ignore_patterns("build"))
    form = project / "templates" / "lyhyt"
    form.mkdir(parents=True)
    (form / "form.yaml").write_text(
        "name: lyhyt\ntitle: Lyhyt lomake\nsections:\n"
        "  - heading: Osa\n    questions:\n"
        "      - number: 1\n        text: Järjestön nimi\n        answer: '{{ project.organisation }}'\n"
        "        rules: {max_length: 10}\n"
        "      - number: 2\n        text: Mitä muuta\n        answer: ''\n",
        encoding="utf-8")
    build(project, report="lyhyt", out_dir=tmp_path / "out", formats=("html",))
    # A form without a year of its own is yearly: the page carries the year (2019, the
    # example's latest year with activity).
    tree = parse((tmp_path / "out" / "lyhyt-2019.html").read_text(encoding="utf-8"))
    first, second = (el for el in tree.iter(HTML_NS + "article"))
    count = next(el for el in first.iter(HTML_NS + "span") if "maara" in el.get("class", ""))
    assert "yli" in count.get("class")
    assert "/ 10 merkkiä" in "".join(count.itertext()).replace("\u00a0", " ")
    assert "tyhja" in second.get("class")
    assert "Ei tietoa" in "".join(second.itertext())


def test_a_footnote_is_its_number_in_brackets_and_its_text_after_the_answer():
    from raportti.writers.html import Page, answer_html

    markdown = "Luku on arvio[^1].\n\n[^1]: Kyselyn mukaan.\n"
    assert plain_text(markdown) == "Luku on arvio[1].\n\n[1] Kyselyn mukaan."
    # two answers on one page keep their footnotes' ids apart
    first, second = answer_html(markdown, 4, Page(), "k1"), answer_html(markdown, 4, Page(), "k2")
    ids = re.findall(r'id="([^"]+)"', first + second)
    assert len(ids) == len(set(ids)) == 4


def test_a_lettered_list_keeps_its_letters_in_the_page_and_the_pasted_text():
    from raportti.writers.html import Page, answer_html

    markdown = "Tavoitteet:\n\na. ensimmäinen\nb. toinen\n"
    assert plain_text(markdown) == "Tavoitteet:\n\na. ensimmäinen\nb. toinen"
    assert '<ol type="a">' in answer_html(markdown, 4, Page(), "k1")
