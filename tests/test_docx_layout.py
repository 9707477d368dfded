"""What a reader of the Word document sees, checked in the DOCX's XML: paper, table
grids, list numbering, footnotes, styles, properties; and that pandoc reads it back."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from raportti.build import build
from raportti.writers.docx import DocumentInfo, markdown_to_docx

from conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BUILDS = [(example, form) for example in ("pohjois-pohjanmaa", "varsinais-suomi")
          for form in ("valikysely-2019", "loppuraportti")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every example × form as DOCX."""
    out = tmp_path_factory.mktemp("docx-layout")
    paths = {}
    for example, form in BUILDS:
        folder = out / example
        result = build(EXAMPLES / example, report=form, out_dir=folder, formats=("docx",))
        paths[(example, form)] = result.outputs[0]
    return paths


def xml(path_or_bytes, member: str) -> etree._Element:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with zipfile.ZipFile(source) as package:
        return etree.fromstring(package.read(member))


def members(path_or_bytes) -> list[str]:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with zipfile.ZipFile(source) as package:
        return package.namelist()


@pytest.mark.parametrize("example, form", BUILDS)
def test_a4_paper_and_margins(built, example, form):
    sect = xml(built[(example, form)], "word/document.xml").find(f"{W}body/{W}sectPr")
    size = sect.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    margins = sect.find(f"{W}pgMar")
    assert 1000 <= int(margins.get(f"{W}left")) <= 1600 and 1000 <= int(margins.get(f"{W}right")) <= 1600


def _yaml_keys(project: Path) -> set[str]:
    """Every mapping key in a project's YAML files."""
    from ruamel.yaml import YAML

    keys: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update(str(k) for k in node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in project.rglob("*.yaml"):
        walk(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    return keys


ALL_BUILDS = [(example, form) for example in ("pohjois-pohjanmaa", "varsinais-suomi", "keksitty-esimerkki")
              for form in ("valikysely-2019", "loppuraportti", "toimintakertomus", "tuloksellisuusraportti")]


@pytest.mark.parametrize("example, form", ALL_BUILDS)
def test_no_yaml_key_is_a_table_cell(example, form, tmp_path):
    result = build(EXAMPLES / example, report=form, out_dir=tmp_path, formats=("docx",))
    document = docx.Document(str(result.outputs[0]))
    yaml_keys = _yaml_keys(EXAMPLES / example)
    keys = {cell.text for table in document.tables for row in table.rows for cell in row.cells
            if cell.text.strip() in yaml_keys}
    assert keys == set()
    assert not any("[nimi puuttuu]" in cell.text for table in document.tables for row in table.rows
                   for cell in row.cells)


def test_figures_table_columns_are_sized_from_their_content(built):
    body = xml(built[("pohjois-pohjanmaa", "loppuraportti")], "word/document.xml").find(f"{W}body")
    sect = body.find(f"{W}sectPr")
    page = int(sect.find(f"{W}pgSz").get(f"{W}w"))
    margins = sect.find(f"{W}pgMar")
    text_width = page - int(margins.get(f"{W}left")) - int(margins.get(f"{W}right"))
    tables = body.findall(f"{W}tbl")
    assert len(tables) > 5
    for table in tables:
        grid = [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]
        assert sum(grid) == text_width
        assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        if len(grid) > 1:
            # The label column is the widest; number columns are narrow.
            assert grid[0] == max(grid) and grid[0] > 2 * grid[1]
        rows = table.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        # Each cell's width is its grid column's.
        assert [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in rows[-1].findall(f"{W}tc")] == grid
        # A caption names the table from its first header cell; where that cell is a
        # column title (or empty), the heading above names the table and a caption would
        # only repeat it.
        before = table.getprevious()
        style = before.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
        if style == "TableCaption":
            assert "".join(before.itertext()).startswith("Taulukko ")
        else:
            assert style.startswith("Heading") or style in ("BodyText", "Compact")


def test_total_row_is_set_apart_and_numbers_are_right_aligned(built):
    document = docx.Document(str(built[("varsinais-suomi", "loppuraportti")]))
    table = next(t for t in document.tables if t.rows[-1].cells[0].text == "Yhteensä")
    total = table.rows[-1]
    assert all(run.bold for cell in total.cells for p in cell.paragraphs for run in p.runs)
    assert total._tr.tc_lst[0].tcPr.find(f"{W}tcBorders/{W}top") is not None
    assert table._tbl.tblPr.find(f"{W}tblLook").get(f"{W}lastRow") == "1"
    number_cell = table.rows[1].cells[1].paragraphs[0]
    assert number_cell._p.pPr.find(f"{W}jc").get(f"{W}val") == "right"


def _numbering(data: bytes) -> tuple[dict, dict]:
    root = xml(data, "word/numbering.xml")
    abstracts = {a.get(f"{W}abstractNumId"): a for a in root.findall(f"{W}abstractNum")}
    nums = {n.get(f"{W}numId"): n for n in root.findall(f"{W}num")}
    return abstracts, nums


def _items(data: bytes) -> list[tuple[str, str, str]]:
    """(text, ilvl, numId) of each numbered paragraph."""
    out = []
    for p in xml(data, "word/document.xml").iter(f"{W}p"):
        numpr = p.find(f"{W}pPr/{W}numPr")
        if numpr is not None:
            out.append(("".join(p.itertext()), numpr.find(f"{W}ilvl").get(f"{W}val"),
                        numpr.find(f"{W}numId").get(f"{W}val")))
    return out


def _start(abstracts: dict, nums: dict, num_id: str, level: str) -> int:
    num = nums[num_id]
    override = num.find(f"{W}lvlOverride[@{W}ilvl='{level}']/{W}startOverride")
    if override is not None:
        return int(override.get(f"{W}val"))
    lvl = abstracts[num.find(f"{W}abstractNumId").get(f"{W}val")].find(f"{W}lvl[@{W}ilvl='{level}']")
    return int(lvl.find(f"{W}start").get(f"{W}val"))


def _format(abstracts: dict, nums: dict, num_id: str, level: str) -> str:
    abstract = abstracts[nums[num_id].find(f"{W}abstractNumId").get(f"{W}val")]
    return abstract.find(f"{W}lvl[@{W}ilvl='{level}']/{W}numFmt").get(f"{W}val")


LISTS = """\
- Päätavoitteet:

  1. Ensimmäinen
  2. Toinen

- Toinen kohta:

  1. Taas ensimmäinen

     Jatkokappale samassa kohdassa.

  2. Taas toinen

3. Kolmannesta alkava

Tavoitteet:

a. Ensimmäinen kirjaintavoite
b. Toinen kirjaintavoite

Viite tekstissä.[^1]

[^1]: Alaviitteen teksti.
"""


def test_every_list_and_nested_list_counts_from_its_own_start():
    data = markdown_to_docx(LISTS, DocumentInfo(title="T"))
    abstracts, nums = _numbering(data)
    items = {text: (level, num_id) for text, level, num_id in _items(data)}
    first, again = items["Ensimmäinen"], items["Taas ensimmäinen"]
    assert first[0] == again[0] == "1"
    assert first[1] != again[1]  # two nested lists, two Word lists
    assert _start(abstracts, nums, *reversed(first)) == 1
    assert _start(abstracts, nums, *reversed(again)) == 1
    assert items["Toinen"][1] == first[1]
    third = items["Kolmannesta alkava"]
    assert _start(abstracts, nums, third[1], third[0]) == 3


def test_continuation_paragraph_lines_up_with_the_item_text():
    document = docx.Document(io.BytesIO(markdown_to_docx(LISTS, DocumentInfo(title="T"))))
    item = next(p for p in document.paragraphs if p.text == "Taas ensimmäinen")
    follow = next(p for p in document.paragraphs if p.text == "Jatkokappale samassa kohdassa.")
    assert follow.style.name == "List Continue 2"
    item_ind = item._p.pPr.find(f"{W}ind")
    follow_ind = follow._p.pPr.find(f"{W}ind")
    assert follow_ind.get(f"{W}left") == item_ind.get(f"{W}left")
    assert int(item_ind.get(f"{W}hanging")) >= 397  # room for "10."


def test_lettered_list_and_footnote():
    data = markdown_to_docx(LISTS, DocumentInfo(title="T"))
    abstracts, nums = _numbering(data)
    items = {text: (level, num_id) for text, level, num_id in _items(data)}
    level, num_id = items["Ensimmäinen kirjaintavoite"]
    assert _format(abstracts, nums, num_id, level) == "lowerLetter"
    assert _start(abstracts, nums, num_id, level) == 1
    assert items["Toinen kirjaintavoite"][1] == num_id
    assert _format(abstracts, nums, *reversed(items["Ensimmäinen"])) == "decimal"
    # The footnote: a reference in the text, the note in footnotes.xml.
    body = xml(data, "word/document.xml")
    refs = body.findall(f".//{W}footnoteReference")
    assert [r.get(f"{W}id") for r in refs] == ["1"]
    notes = xml(data, "word/footnotes.xml")
    note = notes.find(f"{W}footnote[@{W}id='1']")
    assert "".join(note.itertext()).strip() == "Alaviitteen teksti."
    assert "[^1]" not in "".join(body.itertext())


def test_label_keeps_with_what_it_introduces():
    document = docx.Document(io.BytesIO(markdown_to_docx(LISTS, DocumentInfo(title="T"))))
    label = next(p for p in document.paragraphs if p.text == "Tavoitteet:")
    assert label.paragraph_format.keep_with_next


def test_title_page_guidance_and_missing_answers():
    markdown = ("# Loppuraportti\n\nTesti-hanke\n\n## PERUSTIEDOT\n\n"
                "### 2. Montako henkilötyövuotta tehdään? (Henkilötyövuosi tarkoittaa kokoaikaisen työntekijän työmäärää.)\n\n"
                "3\n\n### Osaprojektit:\n\nEi tietoa tästä kohdasta.\n")
    info = DocumentInfo(title="Loppuraportti", author="Testi ry", company="Testi ry", project="Testi-hanke",
                        period="2017–2020", date=datetime.date(2020, 12, 31), no_data="Ei tietoa tästä kohdasta.")
    document = docx.Document(io.BytesIO(markdown_to_docx(markdown, info)))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert styled[:6] == [
        ("Title", "Loppuraportti"), ("Subtitle", "Testi-hanke"),
        ("Kansilehden tiedot", "Järjestö\tTesti ry"), ("Kansilehden tiedot", "Hanke\tTesti-hanke"),
        ("Kansilehden tiedot", "Ajanjakso\t2017–2020"), ("Kansilehden tiedot", "Päivämäärä\t31.12.2020"),
    ]
    heading = document.paragraphs[6]
    assert heading.style.name == "Heading 1" and heading.paragraph_format.page_break_before
    assert ("Heading 2", "2. Montako henkilötyövuotta tehdään?") in styled
    assert ("Block Text", "(Henkilötyövuosi tarkoittaa kokoaikaisen työntekijän työmäärää.)") in styled
    assert ("Heading 2", "Osaprojektit") in styled  # no colon closing a heading
    assert ("Puuttuva vastaus", "Ei tietoa tästä kohdasta.") in styled


def test_contents_chapter_is_a_word_toc_field(built):
    path = built[("varsinais-suomi", "loppuraportti")]
    body = xml(path, "word/document.xml")
    instructions = " ".join(t.text for t in body.iter(f"{W}instrText"))
    assert "TOC \\o" in instructions and "PAGEREF _Toc" in instructions
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    anchors = {h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink") if h.get(f"{W}anchor")}
    assert anchors and anchors <= bookmarks
    settings = xml(path, "word/settings.xml")
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"


@pytest.mark.parametrize("example, form", BUILDS)
def test_properties_are_the_reports_own(built, example, form):
    path = built[(example, form)]
    names = members(path)
    assert not any("thumbnail" in n for n in names)
    app = etree.tostring(xml(path, "docProps/app.xml"), encoding="unicode")
    assert "<Application>raportti</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app and "<Words>" not in app
    props = docx.Document(str(path)).core_properties
    assert props.language == "fi-FI" and props.author
    project = {"pohjois-pohjanmaa": "Pohjois-Pohjanmaan", "varsinais-suomi": "Varsinais-Suomen"}[example]
    assert project in props.title
    styles_xml = etree.tostring(xml(path, "word/styles.xml"), encoding="unicode")
    assert "Calibri" not in styles_xml and "Cambria" not in styles_xml



def _pandoc():
    try:
        import pypandoc
        pypandoc.get_pandoc_version()
    except Exception:  # not installed, or no pandoc binary
        return None
    return pypandoc


@pytest.mark.parametrize("example, form", BUILDS)
def test_pandoc_reads_lists_and_tables_back(built, example, form, tmp_path):
    pypandoc = _pandoc()
    if pypandoc is None:
        pytest.skip("pypandoc-binary is not installed (pip install '.[bench]')")
    import json

    path = built[(example, form)]
    tree = json.loads(pypandoc.convert_file(str(path), "json", format="docx"))
    counts: dict[str, int] = {}

    def walk(node):
        if isinstance(node, dict):
            if "t" in node:
                counts[node["t"]] = counts.get(node["t"], 0) + 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree["blocks"])
    document = docx.Document(str(path))
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:numPr")) is not None]
    assert counts.get("Table", 0) == len(document.tables)
    lists = counts.get("OrderedList", 0) + counts.get("BulletList", 0)
    assert (lists > 0) == bool(numbered)
    # Every list item comes back as an item: pandoc's item count equals the numbered paragraphs.
    items = 0

    def count_items(node):
        nonlocal items
        if isinstance(node, dict):
            if node.get("t") == "OrderedList":
                items += len(node["c"][1])
            elif node.get("t") == "BulletList":
                items += len(node["c"])
            for value in node.values():
                count_items(value)
        elif isinstance(node, list):
            for value in node:
                count_items(value)

    count_items(tree["blocks"])
    assert items == len(numbered)


def test_reference_documents_from_pandoc_are_filled_from_ours(tmp_path):
    pypandoc = _pandoc()
    if pypandoc is None:
        pytest.skip("pypandoc-binary is not installed (pip install '.[bench]')")
    import subprocess

    reference = tmp_path / "pandoc-reference.docx"
    reference.write_bytes(subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
                                         capture_output=True, check=True).stdout)
    info = DocumentInfo(title="T", no_data="Ei tietoa.")
    data = markdown_to_docx("# T\n\n## Osio\n\n1. Yksi\n\nEi tietoa.\n", info, reference)
    document = docx.Document(io.BytesIO(data))
    names = {s.name for s in document.styles}
    assert {"List Number", "Puuttuva vastaus", "Kansilehden tiedot"} <= names
    assert "Puuttuva vastaus" in info.notes[0] and "pandoc-reference.docx" in info.notes[0]
    # pandoc's own styles stay pandoc's.
    assert "Table Caption" not in info.notes[0] and "Block Text" not in info.notes[0]


def _no_duplicate_members(data: bytes) -> None:
    names = members(data)
    assert len(names) == len(set(names))


def test_a_word_made_template_is_filled_from_ours(tmp_path):
    # python-docx's own default template was saved by Word (2010, Mac).
    reference = tmp_path / "word-pohja.docx"
    docx.Document().save(str(reference))
    info = DocumentInfo(title="T", no_data="Ei tietoa.")
    data = markdown_to_docx("# T\n\n## Osio\n\n- Yksi\n\nEi tietoa.\n", info, reference)
    _no_duplicate_members(data)
    document = docx.Document(io.BytesIO(data))
    assert {"Puuttuva vastaus", "Compact", "Table"} <= {s.name for s in document.styles}
    assert "Puuttuva vastaus" in info.notes[0]
    assert "Heading 1" not in info.notes[0]  # Word's own headings are kept


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice is not installed")
def test_a_libreoffice_made_template(tmp_path):
    import subprocess

    text = tmp_path / "pohja.txt"
    text.write_text("Pohja\n", encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx", "--outdir", str(tmp_path), str(text)],
                   capture_output=True, timeout=180, check=True)
    info = DocumentInfo(title="T", no_data="Ei tietoa.")
    data = markdown_to_docx("# T\n\n## Osio\n\n1. Yksi\n\nEi tietoa.\n", info, tmp_path / "pohja.docx")
    _no_duplicate_members(data)  # LibreOffice's core properties are not doubled
    document = docx.Document(io.BytesIO(data))
    assert [p.style.name for p in document.paragraphs if p.text == "Yksi"] == ["List Number"]
    assert "List Number" in info.notes[0]


def test_each_report_has_its_own_date_and_names(tmp_path):
    dates = {}
    for form, day in (("toimintakertomus", datetime.date(2026, 3, 12)),
                      ("tuloksellisuusraportti", datetime.date(2026, 4, 20))):
        build(EXAMPLES / "keksitty-esimerkki", report=form, out_dir=tmp_path, formats=("docx",))
        document = docx.Document(str(tmp_path / f"{form}-2025.docx"))
        dates[form] = document.core_properties.created.date()
        facts = [p.text for p in document.paragraphs if p.style.name == "Kansilehden tiedot"]
        assert f"Päivämäärä\t{day.day}.{day.month}.{day.year}" in facts
        assert dates[form] == day
    project = [p.text for p in docx.Document(str(tmp_path / "tuloksellisuusraportti-2025.docx")).paragraphs
               if p.text.startswith("Hanke\t")]
    assert project == ["Hanke\tKylätuvat yhdessä (avustuskohde 1234)"]


def test_numbers_line_up_at_the_decimal_comma():
    markdown = "| Osuus (%) | 2019 | 2020 |\n|---|---:|---:|\n| Yksi | 23,13 | 57 |\n| Kaksi | 24 | 4 |\n"
    document = docx.Document(io.BytesIO(markdown_to_docx(markdown, DocumentInfo(title="T"))))
    [table] = document.tables

    def decimal_stop(row, column):
        p = table.rows[row].cells[column].paragraphs[0]._p
        tab = p.pPr.find(f"{W}tabs/{W}tab")
        return int(tab.get(f"{W}pos")) if tab is not None and tab.get(f"{W}val") == "decimal" else None

    # 2019 holds decimals: "24" and "23,13" share one decimal tab stop; no tab character
    # (a cell aligns on it by itself, and LibreOffice would wrap the number after a tab).
    assert decimal_stop(1, 1) == decimal_stop(2, 1) and decimal_stop(1, 1) > 0
    assert table.rows[2].cells[1].paragraphs[0]._p.find(f"{W}r/{W}tab") is None
    assert table.rows[2].cells[1].text.strip() == "24"
    # The stop leaves room for the comma and two decimals inside the cell.
    width = int(table.rows[1].cells[1]._tc.tcPr.find(f"{W}tcW").get(f"{W}w"))
    assert decimal_stop(1, 1) <= width - 2 * 85 - 58 - 2 * 117
    # 2020 has only integers: right-aligned, no tab; the header stays at the right edge.
    assert decimal_stop(1, 2) is None and decimal_stop(0, 1) is None
    assert table.rows[1].cells[2].paragraphs[0]._p.pPr.find(f"{W}jc").get(f"{W}val") == "right"
