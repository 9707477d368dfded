"""Markdown → DOCX mapping, checked by reading the document back."""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from raportti.writers.docx import DocumentInfo, markdown_to_docx

MARKDOWN = """\
# Raportin otsikko

Alaotsikko tässä.

## OSIO

> Ohjeteksti lomakkeelta.

### 1. Kysymys

Kappale, jossa on **lihavoitu** ja *kursivoitu* sana sekä linkit <https://thl.fi/x#j%C3%A4rjest%C3%B6t> ja <https://innokyla.fi/hyva-jarjestoyhteistyö>.

- Ensimmäinen luettelokohta
- Toinen kohta
  - Sisennetty kohta

1. Yksi
2. Kaksi

Väliteksti.

1. Uusi lista alkaa alusta

#### Alakysymys

| Laji | Määrä |
|---|---:|
| Kunnat | 29 |
| Muut | 48 |
"""


@pytest.fixture(scope="module")
def document():
    info = DocumentInfo(title="Raportin otsikko", author="Testi ry", date=datetime.date(2019, 9, 30))
    return docx.Document(io.BytesIO(markdown_to_docx(MARKDOWN, info)))


def paragraphs(document):
    return [(p.style.name, p.text) for p in document.paragraphs]


def num_props(paragraph):
    numpr = paragraph._p.pPr.find(qn("w:numPr"))
    if numpr is None:
        return None
    return int(numpr.find(qn("w:ilvl")).get(qn("w:val"))), int(numpr.find(qn("w:numId")).get(qn("w:val")))


def test_headings_map_to_title_and_heading_styles(document):
    styled = paragraphs(document)
    assert styled[0] == ("Title", "Raportin otsikko")
    assert ("Heading 1", "OSIO") in styled
    assert ("Heading 2", "1. Kysymys") in styled
    assert ("Heading 3", "Alakysymys") in styled


def test_body_quote_and_inline_formatting(document):
    styled = paragraphs(document)
    assert ("Subtitle", "Alaotsikko tässä.") in styled
    assert ("Block Text", "Ohjeteksti lomakkeelta.") in styled
    body = next(p for p in document.paragraphs if p.text.startswith("Kappale"))
    bold = [r.text for r in body.runs if r.bold]
    italic = [r.text for r in body.runs if r.italic]
    assert bold == ["lihavoitu"] and italic == ["kursivoitu"]
    # The autolink shows the URL readably (no percent-escapes); the link keeps it as written.
    assert body.text.endswith("https://thl.fi/x#järjestöt ja https://innokyla.fi/hyva-jarjestoyhteistyö.")
    assert body._p.find(qn("w:hyperlink")) is not None


def test_lists_use_word_numbering_with_levels(document):
    items = {p.text: (p.style.name, num_props(p)) for p in document.paragraphs if num_props(p)}
    assert len(items) == 6
    assert items["Ensimmäinen luettelokohta"][0] == "List Bullet"
    assert items["Sisennetty kohta"][0] == "List Bullet 2"
    assert items["Ensimmäinen luettelokohta"][1][0] == 0
    assert items["Sisennetty kohta"][1][0] == 1
    assert items["Yksi"][0] == "List Number"
    # Items of one list share a numbering instance; a new list restarts with its own.
    assert items["Yksi"][1][1] == items["Kaksi"][1][1]
    assert items["Uusi lista alkaa alusta"][1][1] != items["Yksi"][1][1]


def test_tables_are_word_tables(document):
    [table] = document.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells == [["Laji", "Määrä"], ["Kunnat", "29"], ["Muut", "48"]]
    assert table.style.name == "Table"
    # A one-word first header cell is a column title: the heading above ("Alakysymys")
    # names the table, and a caption would only repeat it.
    assert not [p for p in document.paragraphs if p.style.name == "Table Caption"]


def test_language_page_numbers_and_properties(document):
    styles_xml = document.styles.element.xml
    assert 'w:val="fi-FI"' in styles_xml
    footer_xml = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml
    props = document.core_properties
    assert props.title == "Raportin otsikko"
    assert props.author == "Testi ry"
    assert props.language == "fi-FI"
    assert props.created.date() == datetime.date(2019, 9, 30)


def test_same_input_gives_same_bytes():
    info = DocumentInfo(title="T", author="A", date=datetime.date(2020, 1, 1))
    first, second = markdown_to_docx(MARKDOWN, info), markdown_to_docx(MARKDOWN, info)
    assert first == second
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(io.BytesIO(first)).infolist())


def test_built_report_structure(pp_build):
    document = docx.Document(str(pp_build / "valikysely-2019.docx"))
    styled = paragraphs(document)
    assert styled[0][0] == "Title"
    questions = [text for style, text in styled if style == "Heading 2"]
    assert [q.split(".")[0] for q in questions] == [str(n) for n in range(1, 15)]
    goals_2017 = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(goals_2017) == 10
    assert len({num_props(p)[1] for p in goals_2017}) == 1
