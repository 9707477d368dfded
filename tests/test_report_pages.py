"""Every example × form as a reader gets it: what can be read back from the Word file.

Each of the 3 examples is built with each of the 4 forms, and each DOCX is read back:
shares and means carry their unit and are never added up, a table's numbers are set one
way per column, no line can break inside a number, before a unit or before a suspended
hyphen, a long report has its table of contents, every heading keeps with what follows,
and the title page has no page number. scripts/pages.sh shows the same builds as pages.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from conftest import EXAMPLES
from raportti.build import build
from raportti.project.loading import load_project
from raportti.project.walk import FIGURE, walk_project
from raportti.schema.models.figures import Breakdown, Score, is_share, shown_total
from raportti.writers.tablelayout import is_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLE_NAMES = ("keksitty-esimerkki", "pohjois-pohjanmaa", "varsinais-suomi")
FORMS = ("loppuraportti", "toimintakertomus", "tuloksellisuusraportti", "valikysely-2019")
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(example, form) → (document.xml root, the package, the build's result)."""
    out = tmp_path_factory.mktemp("pages")
    found = {}
    for example in EXAMPLE_NAMES:
        for form in FORMS:
            target = out / example
            result = build(EXAMPLES / example, report=form, out_dir=target, formats=("docx",))
            package = zipfile.ZipFile(result.outputs[0])  # a yearly form's file carries its year
            found[(example, form)] = (etree.fromstring(package.read("word/document.xml")), package, result)
    return found


CASES = [(e, f) for e in EXAMPLE_NAMES for f in FORMS]


def text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def style_of(p) -> str:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else ""


def tables(root):
    """Each table as (caption or "", rows of cell texts), tabs (decimal alignment) removed."""
    out = []
    for tbl in root.iter(f"{W}tbl"):
        before = tbl.getprevious()
        caption = text_of(before) if before is not None and style_of(before) == "TableCaption" else ""
        rows = [[text_of(tc) for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]
        out.append((caption, rows))
    return out


@pytest.fixture(scope="module")
def kinds():
    """Per example: the labels of share and mean figures, and of share breakdowns with
    the sum a reader must never see."""
    found = {}
    for example in EXAMPLE_NAMES:
        data = load_project(EXAMPLES / example)
        shares, means, summed = set(), set(), {}
        for _, item in walk_project(data, only=frozenset((FIGURE,))):
            figure = item.value
            label = getattr(figure, "label", None)
            if not label:
                continue
            if is_share(figure):
                shares.add(label)
                if isinstance(figure, Breakdown) and shown_total(figure) is None:
                    values = [getattr(p, "value", p) for p in figure.parts.values()]
                    if all(isinstance(v, (int, float)) for v in values):
                        summed[label] = sum(values)
            elif isinstance(figure, Score):
                means.add(label)
        found[example] = (shares, means, summed)
    return found


@pytest.mark.parametrize("example,form", CASES)
def test_shares_and_means_carry_their_unit_and_are_never_summed(builds, kinds, example, form):
    root, _, _ = builds[(example, form)]
    shares, means, summed = kinds[example]
    for caption, rows in tables(root):
        header = rows[0][0] if rows else ""
        named = caption.split(". ", 1)[-1] or header
        for row in rows[1:]:
            label = row[0]
            values = [c for c in row[1:] if is_number(c) and c.strip() not in ("–", "-")]
            if not values:
                continue
            if any(label == s or label.startswith(s + ":") for s in shares) or named in shares:
                assert all("%" in c for c in values) or "%" in label or "%" in named, (caption, row)
            if label in means:
                assert all("/" in c for c in values) or re.search(r"\d\s*[–-]\s*\d", label + named), (caption, row)
            # A share breakdown's parts are never added up into a row of their own.
            for share_label, total in summed.items():
                if label.startswith(share_label) or named.startswith(share_label):
                    assert not label.lower().startswith("yhteensä"), (caption, row)
                    shown = f"{total:.2f}".rstrip("0").rstrip(".").replace(".", ",")
                    assert shown not in values, (caption, row)


@pytest.mark.parametrize("example,form", CASES)
def test_numbers_are_set_one_way_per_column(builds, example, form):
    """Four-digit numbers are grouped where they share a table (a column, or a row of
    years) with larger ones, and whole where they do not."""
    root, _, _ = builds[(example, form)]
    for caption, rows in tables(root):
        columns = []
        for c in range(1, max(len(r) for r in rows)):
            cells = [r[c].replace("\t", "").strip() for r in rows[1:] if c < len(r)]
            columns.append([t for t in cells if is_number(t) and any(ch.isdigit() for ch in t)])
        for numbers in columns:
            for t in numbers:
                # Decimal comma; digits grouped by a no-break space, never a plain one.
                assert not re.search(r"\d\.\d", t) and not re.search(r"\d \d", t), (caption, t)
        wholes = [re.split(r"[,/ %]", t)[0] for numbers in columns for t in numbers]
        large = any(len(w.replace(NBSP, "")) >= 5 for w in wholes)
        for whole in wholes:
            digits = whole.replace(NBSP, "")
            if len(digits) == 4 and digits.isdigit():
                assert (NBSP in whole) == large, (caption, whole, "grouped" if large else "whole")


@pytest.mark.parametrize("example,form", CASES)
def test_no_line_breaks_inside_numbers_before_units_or_suspended_hyphens(builds, example, form):
    root, _, _ = builds[(example, form)]
    for p in root.iter(f"{W}p"):
        text = text_of(p)
        assert not re.search(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?!\d)", text) or re.search(r"\d{4} \d", text), text
        assert not re.search(r"\d (?:%|€|kpl)(?!\w)", text), text
        assert not re.search(r"[\w)”\"] -[^\W\d_]", text), text


@pytest.mark.parametrize("example,form", CASES)
def test_a_long_report_has_its_contents(builds, example, form):
    root, package, result = builds[(example, form)]
    instructions = "".join(t.text or "" for t in root.iter(f"{W}instrText"))
    has_toc = "TOC \\o" in instructions
    contents = result.report.form.contents
    chapter = any(s.heading.lower() in ("sisältö", "sisällys") for s in result.report.form.sections)
    if chapter or (contents and contents.wanted(result.report.markdown)):
        assert has_toc
        # Every entry has its page reference to a heading's bookmark.
        marks = {b.get(f"{W}name") for b in root.iter(f"{W}bookmarkStart")}
        refs = re.findall(r"PAGEREF (_Toc\d+)", instructions)
        assert refs and set(refs) <= marks
    else:
        assert not has_toc
    if example != "keksitty-esimerkki":
        assert has_toc, "every example but the invented one is long enough for contents"


@pytest.mark.parametrize("example,form", CASES)
def test_headings_keep_with_next_and_the_title_page_is_unnumbered(builds, example, form):
    root, package, _ = builds[(example, form)]
    body = root.find(f"{W}body")
    headings = [p for p in body.iter(f"{W}p") if style_of(p).startswith("Heading")]
    assert headings
    for p in headings:
        assert p.find(f"{W}pPr/{W}keepNext") is not None, text_of(p)
    # A list item whose sub-items follow keeps with the first of them.
    for p in body.iter(f"{W}p"):
        nxt = p.getnext()
        level = p.find(f"{W}pPr/{W}numPr/{W}ilvl")
        after = nxt.find(f"{W}pPr/{W}numPr/{W}ilvl") if nxt is not None and nxt.tag == f"{W}p" else None
        if level is not None and after is not None and int(after.get(f"{W}val")) > int(level.get(f"{W}val")):
            assert p.find(f"{W}pPr/{W}keepNext") is not None, text_of(p)
    sect = body.find(f"{W}sectPr")
    assert sect.find(f"{W}titlePg") is not None
    refs = {r.get(f"{W}type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in sect.findall(f"{W}footerReference")}
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    first = package.read("word/" + targets[refs["first"]]).decode("utf-8")
    default = package.read("word/" + targets[refs["default"]]).decode("utf-8")
    assert "PAGE" not in first and 'w:instr="PAGE"' in default
