"""Markdown → DOCX: markdown-it-py tokens rendered into a Word document with real styles.

The renderer has the shape of markdown-it-py's own: one method per token type, looked
up by name; the loop walks the block tokens and descends into ``inline`` children.
What the document is made of, and why:

- the template is raportti's own (A4, Arial, styles for every kind of paragraph), or an
  organisation's with the missing styles filled from ours (see wordtemplate);
- the title and subtitle open a title page that also names the organisation, project,
  period and report date; a form's table-of-contents chapter (SISÄLTÖ) becomes a real
  Word table of contents;
- a question's guidance in parentheses becomes a guidance paragraph under its heading;
  the form's "no data" sentence gets a style of its own, so a gap does not pass for an
  answer;
- every list and nested list is its own Word list, counting from its own start, lettered
  where the Markdown letters it; a list item's further paragraphs line up with its text;
- tables get columns sized from their content, a caption, a repeating header row, rows
  that do not split across pages and a total row set apart;
- Markdown footnotes become Word footnotes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import urllib.parse
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree
from markdown_it.token import Token

from raportti.writers import styles
from raportti.writers.mdsyntax import markdown_parser, number_lettered_lists
from raportti.writers.tablelayout import TOTAL_LABELS, TableText, caption_cell, column_widths, is_number
from raportti.writers.typography import tie
from raportti.writers.wordtemplate import (
    LANGUAGE, DocumentInfo, footnotes_part, open_template, set_properties, style_index, text_width)

__all__ = ["DocumentInfo", "markdown_to_docx", "LANGUAGE"]

# CommonMark autolinks (<scheme:…>), to recover the URL as written.
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*)>")
_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE, _T, _TAB = (
    qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:t"), qn("w:tab"))
_B, _I, _STRIKE, _RFONTS = qn("w:b"), qn("w:i"), qn("w:strike"), qn("w:rFonts")
_VAL, _ASCII, _HANSI, _SPACE = qn("w:val"), qn("w:ascii"), qn("w:hAnsi"), qn("xml:space")
_TR, _TRPR, _TBL_HEADER, _TC, _TCPR, _TCW, _JC = (
    qn("w:tr"), qn("w:trPr"), qn("w:tblHeader"), qn("w:tc"), qn("w:tcPr"), qn("w:tcW"), qn("w:jc"))
_W, _TYPE = qn("w:w"), qn("w:type")
# Zip entries get one fixed timestamp so the same input gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Settings that come after w:updateFields in the schema's order.
_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"}
# A chapter with one of these headings is the document's table of contents.
CONTENTS_HEADINGS = {"sisältö", "sisällys", "sisällysluettelo"}
# "Kysymys? (Ohje …)": guidance starts with a capital letter inside the parentheses.
GUIDANCE = re.compile(r"^(?P<head>.+?)\s+(?P<guide>\((?=[A-ZÅÄÖ]).{20,}\))$", re.S)
# A table this short is kept on one page with the paragraph before it.
SHORT_TABLE_ROWS = 14


def markdown_to_docx(markdown: str, info: DocumentInfo, reference: Path | None = None,
                     charts: dict | None = None) -> bytes:
    """The DOCX file's bytes for a Markdown document.

    Notes for the person building (styles filled into a reference document) are
    appended to ``info.notes``."""
    document = open_template(reference, info.notes)
    text, lettered = number_lettered_lists(markdown)
    text = tie(text)
    renderer = DocxRenderer(document, info, lettered)
    renderer.charts = charts or {}
    renderer.render(markdown_parser().parse(text))
    renderer.finish()
    set_properties(document, info)
    add_page_numbers(document)
    return package_bytes(document)


def add_page_numbers(document: Any) -> None:
    """A centred page number in every section's footer (a PAGE field); the title page,
    the first page, has an empty footer of its own."""
    for section in document.sections:
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        index = style_index(document)
        if styles.FOOTER.lower() in index:
            paragraph._p.get_or_add_pPr().get_or_add_pStyle().set(_VAL, index[styles.FOOTER.lower()])
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field_element = OxmlElement("w:fldSimple")
        field_element.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field_element.append(run)
        paragraph._p.append(field_element)


class _ZipMembers:
    """Zips a package's members as python-docx's package writer hands them out, each
    with a fixed timestamp: the same input gives the same bytes."""

    def __init__(self, target: zipfile.ZipFile) -> None:
        self.target = target

    def write(self, uri: Any, blob: bytes) -> None:
        entry = zipfile.ZipInfo(uri.membername, date_time=ZIP_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        self.target.writestr(entry, blob)


def package_bytes(document: Any) -> bytes:
    """The document's package as a reproducible zip.

    python-docx's writer supplies the members (content types first, as Office writes
    them); each is compressed as it comes, rather than saved and rewritten, which
    compressed everything twice and held every member in memory at once.
    """
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        members = _ZipMembers(target)
        PackageWriter._write_content_types_stream(members, parts)
        PackageWriter._write_pkg_rels(members, package.rels)
        PackageWriter._write_parts(members, parts)
    return out.getvalue()


def _el(tag: str, parent: Any = None, **attrs: str) -> Any:
    """A WordprocessingML element (``w:`` attributes by their short names)."""
    values = {qn(f"w:{k}") if ":" not in k else qn(k): v for k, v in attrs.items()}
    if parent is None:
        return etree.Element(qn(tag), values)
    return etree.SubElement(parent, qn(tag), values)


# -- numbering --------------------------------------------------------------------------


class Numbering:
    """Word numbering: every list is its own instance, so each counts from its own
    start; an ordered list also has its own definition (as pandoc writes them), which
    Word and LibreOffice both count apart."""

    BULLETS = ("•", "◦", "▪")

    def __init__(self, document: Any):
        self.part = document.part.numbering_part.element
        self._bullets: int | None = None
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self.part.findall(qn("w:abstractNum"))]
        self._next_abstract = max(ids, default=0) + 1
        nums = [int(n.get(qn("w:numId"))) for n in self.part.findall(qn("w:num"))]
        self._next_num = max(nums, default=0) + 1

    def new_list(self, kind: str, depth: int, start: int = 1) -> int:
        """A list instance; ``kind`` is bullet, decimal or lowerLetter."""
        if kind == "bullet":
            if self._bullets is None:
                self._bullets = self._add_abstract("bullet", depth, 1)
            abstract = self._bullets
        else:
            abstract = self._add_abstract(kind, depth, start)
        num_id = self._next_num
        self._next_num += 1
        num = _el("w:num", self.part, numId=str(num_id))
        _el("w:abstractNumId", num, val=str(abstract))
        if kind != "bullet":
            override = _el("w:lvlOverride", num, ilvl=str(depth))
            _el("w:startOverride", override, val=str(start))
        return num_id

    def _add_abstract(self, kind: str, depth: int, start: int) -> int:
        abstract_id = self._next_abstract
        self._next_abstract += 1
        abstract = _el("w:abstractNum", abstractNumId=str(abstract_id))
        _el("w:multiLevelType", abstract, val="multilevel" if kind != "bullet" else "hybridMultilevel")
        for level in range(9):
            lvl = _el("w:lvl", abstract, ilvl=str(level))
            level_kind = kind if level == depth or kind == "bullet" else "decimal"
            _el("w:start", lvl, val=str(start if level == depth else 1))
            _el("w:numFmt", lvl, val=level_kind)
            text = self.BULLETS[level % 3] if level_kind == "bullet" else f"%{level + 1}."
            _el("w:lvlText", lvl, val=text)
            _el("w:lvlJc", lvl, val="left")
            ppr = _el("w:pPr", lvl)
            _el("w:ind", ppr, left=str(styles.list_indent(level)), hanging=str(styles.LIST_HANGING))
        # abstractNum elements come before num elements in numbering.xml.
        first_num = self.part.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.part.append(abstract)
        return abstract_id


# -- the renderer -----------------------------------------------------------------------


@dataclass
class ListState:
    kind: str
    num_id: int
    depth: int
    paragraphs_in_item: int = 0

    @property
    def ordered(self) -> bool:
        return self.kind != "bullet"


@dataclass
class RunFormat:
    bold: int = 0
    italic: int = 0
    strike: int = 0
    code: int = 0
    links: list[str] = field(default_factory=list)


@dataclass
class TableState:
    element: Any
    text: TableText
    widths: list[int]
    numeric: list[bool]
    row: int = -1
    total_row: int | None = None
    keep_together: bool = False
    caption_from_cell: bool = False
    decimals: list[int] = field(default_factory=list)  # most decimals in each column


# A digit and a comma of the table text, in twips, reckoned at 10.5 pt (0.556 and
# 0.278 em) as LibreOffice sets it (see tablelayout); the table style's cell margin.
DIGIT_TWIPS = 117
COMMA_TWIPS = 58
CELL_MARGIN = 85


def _most_decimals(text: TableText, column: int) -> int:
    places = [len(row[column].strip().rsplit(",", 1)[1]) for row in text.rows[text.header_rows:]
              if column < len(row) and re.fullmatch(r"[\d\s\u00a0]*\d,\d+", row[column].strip())]
    return max(places, default=0)


def readable_url(url: str) -> str:
    """A URL as a reader should see it: percent-escapes of letters decoded
    ("JA%CC%88RJESTO%CC%88T" → "JÄRJESTÖT"); the link itself keeps the address as written."""
    try:
        decoded = urllib.parse.unquote(url, errors="strict")
    except UnicodeDecodeError:
        return url
    if any(ch in "<>\"" or (ch.isspace() and ch != " ") for ch in decoded):
        return url
    return unicodedata.normalize("NFC", decoded).replace(" ", "%20")


def _inline_text(token: Token) -> str:
    """The plain text of an inline token (its children's text)."""
    if not token.children:
        return token.content
    return "".join(c.content for c in token.children if c.type in ("text", "code_inline"))


def _plain_heading(token: Token | None) -> bool:
    return token is not None and token.type == "inline" and all(
        c.type in ("text", "softbreak") for c in token.children or [])


def _list_continuations(tokens: list[Token]) -> set[int]:
    """The paragraph_open indices of paragraphs that stand between two parts of one
    numbered list ("1. …", paragraphs, "2. …": Markdown makes two lists, the second
    starting at 2)."""
    found: set[int] = set()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type != "ordered_list_open" or token.level != 0:
            i += 1
            continue
        start = int(token.attrGet("start") or 1)
        items, j = 0, i + 1
        while j < len(tokens) and not (tokens[j].type == "ordered_list_close" and tokens[j].level == 0):
            items += tokens[j].type == "list_item_open" and tokens[j].level == 1
            j += 1
        between, k = [], j + 1
        while k < len(tokens) and tokens[k].type in ("paragraph_open", "inline", "paragraph_close"):
            if tokens[k].type == "paragraph_open":
                between.append(k)
            k += 1
        nxt = tokens[k] if k < len(tokens) else None
        if (between and nxt is not None and nxt.type == "ordered_list_open" and nxt.level == 0
                and int(nxt.attrGet("start") or 1) == start + items):
            found.update(between)
        i = j + 1
    return found


class DocxRenderer:
    """Renders block tokens into a python-docx Document, one method per token type."""

    def __init__(self, document: Any, info: DocumentInfo | None = None, lettered: set[int] | None = None):
        self.document = document
        self.info = info or DocumentInfo(title="")
        self.lettered = lettered or set()
        self.numbering = Numbering(document)
        self.paragraph: Any = None
        self.lists: list[ListState] = []
        self.quote_depth = 0
        self.format = RunFormat()
        self.table: TableState | None = None
        self.cell: Any = None
        self.cell_index = -1
        self.in_header = False
        self.last_block_was_table = False
        self._open_link: Any = None
        self._autolink_text: str | None = None
        self._styles = style_index(document)
        self._autolinks: list[str] = []
        self._body = document._body
        # New paragraphs go before the body's final section properties.
        self._body_end = document.element.body.find(qn("w:sectPr"))
        if self._body_end is None:
            self._body_end = etree.SubElement(document.element.body, qn("w:sectPr"))
        self._text_width = text_width(document)
        self._tokens: list[Token] = []
        self._index = 0
        self._skip_inline = False
        # The title page: 0 before the title, 1 after it (a subtitle may follow), 2 done.
        self._front = 0
        self._page_break_next = False
        self._skipping_contents = False
        self._contents_pending = False  # contents the form asks for, before the first chapter
        self._toc: list[tuple[int, str, str]] = []   # (level, text, bookmark) of each entry
        self._toc_by_index: dict[int, str] = {}      # heading token index → bookmark
        self._last_heading = ""
        self._tables = 0
        # Footnotes: Word's part, the footnote being written, Markdown id → Word id.
        self._footnotes_root: Any = None
        self._footnotes_part: Any = None
        self._footnote: Any = None
        self._footnote_first = False
        # Charts by their image name (raportti.report.charts), and the caption of the one
        # just drawn, written under its paragraph.
        self.charts: dict = {}
        self._figures = 0
        self._figure_caption: str | None = None

    def render(self, tokens: list[Token]) -> None:
        self._tokens = tokens
        self._plan_contents(tokens)
        self._continuations = _list_continuations(tokens)
        for index, token in enumerate(tokens):
            self._index = index
            if self._skipping_contents:
                if token.type == "heading_open" and token.tag in ("h1", "h2"):
                    self._skipping_contents = False
                    self._page_break_next = True
                else:
                    continue
            if token.type == "inline" and self._skip_inline:
                self._skip_inline = False
                continue
            handler = getattr(self, "on_" + token.type, None)
            if handler is not None:
                handler(token)

    def finish(self) -> None:
        if self._front == 1:
            self._title_page_facts()
        if self._footnotes_root is not None:
            self._footnotes_part._blob = etree.tostring(
                self._footnotes_root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # -- styles and paragraphs ----------------------------------------------------------

    def _style_id(self, name: str) -> str:
        style_id = self._styles.get(name.lower())
        if style_id is None:
            # A style the reference document lacks and ours could not fill: body text.
            style_id = self._styles.get(styles.BODY.lower()) or self._styles.get("normal") or "Normal"
        return style_id

    def _new_paragraph(self, style: str) -> Any:
        self.last_block_was_table = False
        if self.table is not None:
            p = self.cell.find(_P)
            if p is None or len(p):
                p = etree.SubElement(self.cell, _P)
            ppr = etree.SubElement(p, _PPR)
            etree.SubElement(ppr, _PSTYLE, {_VAL: self._style_id(styles.TABLE_TEXT)})
            return Paragraph(p, self._body)
        if self._footnote is not None:
            p = etree.SubElement(self._footnote, _P)
            ppr = etree.SubElement(p, _PPR)
            etree.SubElement(ppr, _PSTYLE, {_VAL: self._style_id(styles.FOOTNOTE_TEXT)})
            if self._footnote_first:
                self._footnote_first = False
                run = etree.SubElement(p, _R)
                etree.SubElement(etree.SubElement(run, _RPR), _RSTYLE,
                                 {_VAL: self._style_id(styles.FOOTNOTE_REFERENCE)})
                etree.SubElement(run, qn("w:footnoteRef"))
                etree.SubElement(etree.SubElement(p, _R), _T, {_SPACE: "preserve"}).text = " "
            return Paragraph(p, self._body)
        if self._front == 1 and style not in (styles.SUBTITLE, styles.TITLE):
            self._title_page_facts()
        # Built with lxml directly: python-docx finds the section break by XPath for
        # every paragraph it adds, which dominates the time for a long report.
        p = self._body_end.makeelement(_P, {})
        ppr = etree.SubElement(p, _PPR)
        etree.SubElement(ppr, _PSTYLE, {_VAL: self._style_id(style)})
        if self._page_break_next:
            self._page_break_next = False
            _el("w:pageBreakBefore", ppr)
        self._body_end.addprevious(p)
        return Paragraph(p, self._body)

    def _add_to_ppr(self, paragraph: Any, tag: str, **attrs: str) -> Any:
        """A paragraph property in the schema's order (after pStyle, keepNext, numPr)."""
        ppr = paragraph._p.find(_PPR)
        order = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:numPr", "w:pBdr",
                 "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc"]
        element = _el(tag, **attrs)
        rank = order.index(tag)
        for i, child in enumerate(ppr):
            name = child.prefix + ":" + etree.QName(child).localname if child.prefix else ""
            if name in order and order.index(name) > rank:
                child.addprevious(element)
                return element
        ppr.append(element)
        return element

    # -- the title page -----------------------------------------------------------------

    def _title_page_facts(self) -> None:
        """The organisation, project, period and report date under the title; the
        report itself starts on the next page."""
        self._front = 2
        info = self.info
        facts = [("Järjestö", info.company or info.author), ("Hanke", info.project),
                 ("Ajanjakso", info.period),
                 ("Päivämäärä", f"{info.date.day}.{info.date.month}.{info.date.year}" if info.date else "")]
        for label, value in facts:
            if not value:
                continue
            paragraph = self._new_paragraph(styles.TITLE_INFO)
            run = etree.SubElement(paragraph._p, _R)
            etree.SubElement(etree.SubElement(run, _RPR), _B)
            etree.SubElement(run, _T).text = label
            etree.SubElement(run, _TAB)
            self._append_run(paragraph._p, tie(value))
        self._page_break_next = True

    # -- the table of contents ----------------------------------------------------------

    def _plan_contents(self, tokens: list[Token]) -> None:
        """Find the contents chapter and the headings it lists (chapters and questions)."""
        contents_at = None
        for i, token in enumerate(tokens):
            if token.type == "heading_open" and token.tag == "h2":
                text = _inline_text(tokens[i + 1]).strip().rstrip(":").lower()
                if text in CONTENTS_HEADINGS and contents_at is None:
                    contents_at = i
        if contents_at is None:
            if not self.info.contents:
                return
            # The form asks for contents after the title page: every chapter and question.
            self._contents_pending = True
            contents_at = next((i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"), -1)
            for i, token in enumerate(tokens[contents_at + 1:], start=contents_at + 1):
                if token.type == "heading_open" and token.tag in ("h2", "h3"):
                    bookmark = f"_Toc{len(self._toc) + 1:06d}"
                    self._toc.append((int(token.tag[1]) - 1, self._heading_text(_inline_text(tokens[i + 1]))[0],
                                      bookmark))
                    self._toc_by_index[i] = bookmark
            return
        for i, token in enumerate(tokens[contents_at + 1:], start=contents_at + 1):
            if token.type == "heading_open" and token.tag in ("h2", "h3"):
                bookmark = f"_Toc{len(self._toc) + 1:06d}"
                text = self._heading_text(_inline_text(tokens[i + 1]))[0]
                self._toc.append((int(token.tag[1]) - 1, text, bookmark))
                self._toc_by_index[i] = bookmark
        self._contents_at = contents_at

    def _write_contents(self, title: str) -> None:
        """A Word table-of-contents field; its entries are written out, with page
        numbers as PAGEREF fields, so the document reads right before Word updates it."""
        self._page_break_next = self._page_break_next or self._front == 2
        heading = self._new_paragraph(styles.TOC_HEADING)
        self._append_run(heading._p, title)
        if not self._toc:
            return
        for n, (level, text, bookmark) in enumerate(self._toc):
            paragraph = self._new_paragraph(styles.toc(min(level, 2)))
            p = paragraph._p
            if n == 0:
                self._field_char(p, "begin")
                self._instr(p, r' TOC \o "1-2" \h \z \u ')
                self._field_char(p, "separate")
            link = _el("w:hyperlink", p, anchor=bookmark, history="1")
            self._append_run(link, text)
            etree.SubElement(etree.SubElement(link, _R), _TAB)
            self._field_char(link, "begin")
            self._instr(link, f" PAGEREF {bookmark} \\h ")
            self._field_char(link, "separate")
            etree.SubElement(etree.SubElement(link, _R), _T).text = ""
            self._field_char(link, "end")
            if n == len(self._toc) - 1:
                self._field_char(p, "end")
        self._update_fields_on_open()
        self.paragraph = None

    @staticmethod
    def _field_char(parent: Any, kind: str) -> None:
        _el("w:fldChar", etree.SubElement(parent, _R), fldCharType=kind)

    @staticmethod
    def _instr(parent: Any, text: str) -> None:
        instr = etree.SubElement(etree.SubElement(parent, _R), qn("w:instrText"), {_SPACE: "preserve"})
        instr.text = text

    def _update_fields_on_open(self) -> None:
        """Word fills the page numbers of the contents when the document is opened."""
        settings = self.document.settings.element
        if settings.find(qn("w:updateFields")) is not None:
            return
        element = _el("w:updateFields", val="true")
        # Before the first element the schema puts after it.
        for child in settings:
            if etree.QName(child).localname in _AFTER_UPDATE_FIELDS:
                child.addprevious(element)
                return
        settings.append(element)

    # -- blocks -------------------------------------------------------------------------

    @staticmethod
    def _heading_text(text: str) -> tuple[str, str]:
        """A heading's text without a closing colon, and the guidance split off it."""
        text = text.strip()
        guide = ""
        match = GUIDANCE.match(text)
        if match:
            text, guide = match.group("head").strip(), match.group("guide").strip()
        if text.endswith(":") and not text.endswith("::"):
            text = text[:-1].rstrip()
        return text, guide

    def on_heading_open(self, token: Token) -> None:
        level = int(token.tag[1])
        inline = self._tokens[self._index + 1] if self._index + 1 < len(self._tokens) else None
        if level == 1 and self._front == 0:
            self._front = 1
            self.paragraph = self._new_paragraph(styles.TITLE)
            return
        if self._front == 1:
            self._title_page_facts()
        if self._contents_pending and level >= 2:
            self._contents_pending = False
            self._write_contents(self.info.contents)
            self._page_break_next = True
        if level == 2 and getattr(self, "_contents_at", None) == self._index:
            self._write_contents(_inline_text(inline).strip() if inline else "Sisältö")
            self._skipping_contents = True
            self._skip_inline = True
            return
        self._last_heading = _inline_text(inline).strip() if inline else ""
        self.paragraph = self._new_paragraph(styles.heading(level))
        # Said on the paragraph too, not only by the style: an organisation's reference
        # document may lack it, and a heading alone at the foot of a page reads as a fault.
        self._add_to_ppr(self.paragraph, "w:keepNext")
        bookmark = self._toc_by_index.get(self._index)
        if bookmark is not None:
            _el("w:bookmarkStart", self.paragraph._p, id=str(len(self._toc) + self._index), name=bookmark)
            _el("w:bookmarkEnd", self.paragraph._p, id=str(len(self._toc) + self._index))
        if _plain_heading(inline):
            text, guide = self._heading_text(inline.content.replace("\n", " "))
            self._last_heading = text
            self._append_run(self.paragraph._p, text)
            self._skip_inline = True
            if guide:
                self.paragraph = self._new_paragraph(styles.GUIDANCE)
                self._add_to_ppr(self.paragraph, "w:keepNext")
                self._append_run(self.paragraph._p, guide)

    def on_heading_close(self, token: Token) -> None:
        self.paragraph = None

    def _next_block(self) -> str:
        """The type of the block token after this paragraph (open, inline, close)."""
        at = self._index + 3
        return self._tokens[at].type if at < len(self._tokens) else ""

    def on_paragraph_open(self, token: Token) -> None:
        if self.table is not None:
            return
        after_table = self.last_block_was_table
        leads_to_list = self._next_block() in ("bullet_list_open", "ordered_list_open")
        if self.lists:
            state = self.lists[-1]
            if state.paragraphs_in_item == 0:
                paragraph = self._new_paragraph(styles.list_item(state.ordered, state.depth))
                self._number(paragraph, state)
                if leads_to_list:
                    # An item stays on the page of its first sub-item.
                    self._add_to_ppr(paragraph, "w:keepNext")
            else:
                paragraph = self._new_paragraph(styles.list_continue(state.depth))
                self._add_to_ppr(paragraph, "w:ind", left=str(styles.list_indent(state.depth)))
            state.paragraphs_in_item += 1
        elif self._index in self._continuations:
            # Between "1." and "2." of one numbered list, a paragraph belongs to item 1:
            # set flush with its text, it no longer reads as a list that broke off.
            paragraph = self._new_paragraph(styles.list_continue(0))
            self._add_to_ppr(paragraph, "w:ind", left=str(styles.list_indent(0)))
        elif self.quote_depth:
            # The form's guidance stays on the page of the question it leads into.
            paragraph = self._new_paragraph(styles.GUIDANCE)
            self._add_to_ppr(paragraph, "w:keepNext")
        elif self._front == 1 and self._footnote is None:
            paragraph = self._new_paragraph(styles.SUBTITLE)
        else:
            paragraph = self._new_paragraph(styles.BODY)
            inline = self._tokens[self._index + 1]
            content = inline.content.strip()
            if self.info.no_data and content == self.info.no_data and self._footnote is None:
                paragraph._p.find(_PPR).find(_PSTYLE).set(_VAL, self._style_id(styles.MISSING))
            elif (content.endswith(":") or leads_to_list and len(content) <= 300) and self._footnote is None:
                # A label ("Kunnat:"), or a short paragraph that leads into a list (a main
                # goal before its sub-goals), stays on the page of what it introduces.
                self._add_to_ppr(paragraph, "w:keepNext")
            if after_table and self._footnote is None:
                # A note under a table stands clear of its bottom rule.
                self._add_to_ppr(paragraph, "w:spacing", before="160")
        self.paragraph = paragraph

    def on_paragraph_close(self, token: Token) -> None:
        if self._figure_caption is not None and self.table is None:
            caption, self._figure_caption = self._figure_caption, None
            self._add_to_ppr(self.paragraph, "w:keepNext")
            self._write_figure_caption(caption)
        if self.table is None:
            self.paragraph = None
        if self._front == 1 and not self.lists:
            self._title_page_facts()

    def _number(self, paragraph: Any, state: ListState) -> None:
        numpr = self._add_to_ppr(paragraph, "w:numPr")
        _el("w:ilvl", numpr, val=str(state.depth))
        _el("w:numId", numpr, val=str(state.num_id))
        self._add_to_ppr(paragraph, "w:ind", left=str(styles.list_indent(state.depth)),
                         hanging=str(styles.LIST_HANGING))

    def _open_list(self, token: Token, ordered: bool) -> None:
        depth = len(self.lists)
        if not ordered:
            kind, start = "bullet", 1
        else:
            start = int(token.attrGet("start") or 1)
            kind = "lowerLetter" if token.map and token.map[0] in self.lettered else "decimal"
        num_id = self.numbering.new_list(kind, depth, start)
        self.lists.append(ListState(kind=kind, num_id=num_id, depth=depth))

    def on_bullet_list_open(self, token: Token) -> None:
        self._open_list(token, ordered=False)

    def on_ordered_list_open(self, token: Token) -> None:
        self._open_list(token, ordered=True)

    def on_bullet_list_close(self, token: Token) -> None:
        self.lists.pop()

    on_ordered_list_close = on_bullet_list_close

    def on_list_item_open(self, token: Token) -> None:
        self.lists[-1].paragraphs_in_item = 0

    def on_list_item_close(self, token: Token) -> None:
        state = self.lists[-1]
        if state.paragraphs_in_item == 0:
            # An empty item still shows its bullet or number.
            self._number(self._new_paragraph(styles.list_item(state.ordered, state.depth)), state)

    def on_blockquote_open(self, token: Token) -> None:
        self.quote_depth += 1

    def on_blockquote_close(self, token: Token) -> None:
        self.quote_depth -= 1

    def on_hr(self, token: Token) -> None:
        paragraph = self._new_paragraph(styles.BODY)
        border = self._add_to_ppr(paragraph, "w:pBdr")
        _el("w:bottom", border, val="single", sz="6", space="1", color="auto")

    def on_code_block(self, token: Token) -> None:
        paragraph = self._new_paragraph(styles.BODY)
        for i, line in enumerate(token.content.rstrip("\n").split("\n")):
            if i:
                paragraph.add_run().add_break()
            run = paragraph.add_run(line)
            run.font.name = "Courier New"

    on_fence = on_code_block

    # -- footnotes ----------------------------------------------------------------------

    def _footnotes(self) -> Any:
        if self._footnotes_root is None:
            self._footnotes_part = footnotes_part(self.document)
            self._footnotes_root = etree.fromstring(self._footnotes_part.blob)
        return self._footnotes_root

    def on_footnote_open(self, token: Token) -> None:
        self._footnote = _el("w:footnote", self._footnotes(), id=str(token.meta["id"] + 1))
        self._footnote_first = True

    def on_footnote_close(self, token: Token) -> None:
        if self._footnote_first:  # an empty footnote still needs its paragraph
            self._new_paragraph(styles.FOOTNOTE_TEXT)
        self._footnote = None
        self.paragraph = None

    def inline_footnote_ref(self, token: Token) -> None:
        self._footnotes()
        run = etree.SubElement(self.paragraph._p, _R)
        etree.SubElement(etree.SubElement(run, _RPR), _RSTYLE, {_VAL: self._style_id(styles.FOOTNOTE_REFERENCE)})
        _el("w:footnoteReference", run, id=str(token.meta["id"] + 1))

    # -- tables -------------------------------------------------------------------------

    def _table_text(self) -> TableText:
        table = TableText()
        row: list[str] | None = None
        in_head = False
        for token in self._tokens[self._index + 1:]:
            if token.type == "table_close":
                break
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row = []
                table.rows.append(row)
                if in_head:
                    table.header_rows += 1
            elif token.type == "inline" and row is not None:
                row.append(_inline_text(token))
        return table

    def on_table_open(self, token: Token) -> None:
        if self.last_block_was_table:
            # Word merges adjacent tables; an empty paragraph keeps them apart.
            self._new_paragraph(styles.BODY)
        text = self._table_text()
        columns = max((len(r) for r in text.rows), default=1)
        for row in text.rows:
            row.extend([""] * (columns - len(row)))
        # A first header cell of several words ("Tapahtumiin osallistuneet"), or one over
        # columns of years ("Blogitekstit | 2024 | 2025"), names the table: it becomes the
        # caption. A one-word column title ("Mittari | Määrä | Peruste") stays, and the
        # caption is the heading the table stands under.
        # A caption that would repeat the heading above adds nothing: none then.
        caption = caption_cell(text.rows[0]) if text.header_rows else ""
        caption_from_cell = bool(caption)
        widths = column_widths(text, self._text_width)
        numeric = [c > 0 and all(is_number(r[c]) or not r[c].strip() for r in text.rows[text.header_rows:])
                   and any(r[c].strip() for r in text.rows[text.header_rows:]) for c in range(columns)]
        last = text.rows[-1][0].strip().lower() if len(text.rows) > text.header_rows else ""
        total_row = len(text.rows) - 1 if last.startswith(TOTAL_LABELS) else None
        if caption:
            self._write_caption(caption)
        tbl = self._body_end.makeelement(qn("w:tbl"), {})
        tblpr = _el("w:tblPr", tbl)
        _el("w:tblStyle", tblpr, val=self._style_id(styles.TABLE))
        _el("w:tblW", tblpr, w=str(sum(widths)), type="dxa")
        _el("w:tblLayout", tblpr, type="fixed")
        _el("w:tblLook", tblpr, val="0020" if total_row is None else "0060", firstRow="1",
            lastRow="0" if total_row is None else "1", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")
        grid = _el("w:tblGrid", tbl)
        for width in widths:
            _el("w:gridCol", grid, w=str(width))
        self._body_end.addprevious(tbl)
        self.table = TableState(element=tbl, text=text, widths=widths, numeric=numeric,
                                total_row=total_row, keep_together=len(text.rows) <= SHORT_TABLE_ROWS,
                                caption_from_cell=caption_from_cell,
                                decimals=[_most_decimals(text, c) for c in range(columns)])
        self.last_block_was_table = False

    def _write_caption(self, caption: str) -> None:
        """"Taulukko N. Caption" with a SEQ field, so Word can list and renumber tables."""
        self._tables += 1
        paragraph = self._new_paragraph(styles.CAPTION)
        self._add_to_ppr(paragraph, "w:keepNext")
        p = paragraph._p
        self._append_run(p, "Taulukko ")
        self._field_char(p, "begin")
        self._instr(p, " SEQ Taulukko \\* ARABIC ")
        self._field_char(p, "separate")
        self._append_run(p, str(self._tables))
        self._field_char(p, "end")
        self._append_run(p, ". " + caption if caption else ".")

    def on_table_close(self, token: Token) -> None:
        self.table = None
        self.paragraph = None
        self.last_block_was_table = True

    def on_thead_open(self, token: Token) -> None:
        self.in_header = True

    def on_thead_close(self, token: Token) -> None:
        self.in_header = False

    def on_tr_open(self, token: Token) -> None:
        table = self.table
        table.row += 1
        row = etree.SubElement(table.element, _TR)
        trpr = etree.SubElement(row, _TRPR)
        # A row is never split across pages; the header row repeats on each page.
        _el("w:cantSplit", trpr)
        if self.in_header:
            etree.SubElement(trpr, _TBL_HEADER)
        self.row = row
        self.cell_index = -1

    def _cell_open(self, token: Token) -> None:
        table = self.table
        self.cell_index += 1
        column = self.cell_index
        self.cell = etree.SubElement(self.row, _TC)
        tcpr = etree.SubElement(self.cell, _TCPR)
        etree.SubElement(tcpr, _TCW, {_TYPE: "dxa", _W: str(table.widths[min(column, len(table.widths) - 1)])})
        is_total = table.row == table.total_row
        if is_total:
            borders = _el("w:tcBorders", tcpr)
            _el("w:top", borders, val="single", sz="8", space="0", color="1F3A5F")
        etree.SubElement(self.cell, _P)
        style = token.attrGet("style") or ""
        align = "right" if "right" in style else "center" if "center" in style else None
        if column < len(table.numeric) and table.numeric[column]:
            align = "right"
        self.paragraph = self._new_paragraph(styles.TABLE_TEXT)
        if table.keep_together and table.row < len(table.text.rows) - 1:
            self._add_to_ppr(self.paragraph, "w:keepNext")
        stop = self._decimal_stop(column)
        if stop:
            # Each number's decimal comma at one tab stop: "24" lines up with "23,13". In
            # a table cell Word and LibreOffice align on a first decimal tab by themselves;
            # a tab character before the number would make LibreOffice wrap it.
            tabs = self._add_to_ppr(self.paragraph, "w:tabs")
            _el("w:tab", tabs, val="decimal", pos=str(stop))
        elif align is not None:
            self._add_to_ppr(self.paragraph, "w:jc", val=align)
        if self.in_header:
            self.format.bold += 1
            if column == 0 and table.row == 0 and table.caption_from_cell:
                # Its text is the caption above the table.
                self._skip_inline = True
        if is_total:
            self.format.bold += 1

    def _decimal_stop(self, column: int) -> int:
        """The position of a decimal tab for a body cell of a numeric column that holds
        decimals (0 for any other cell): far enough from the right edge for the column's
        most decimals after the comma."""
        table = self.table
        if self.in_header or column >= len(table.numeric) or not table.numeric[column]:
            return 0
        places = table.decimals[column]
        text = table.text.rows[table.row][column].strip() if table.row < len(table.text.rows) else ""
        if not places or not text:
            return 0
        width = table.widths[min(column, len(table.widths) - 1)]
        return max(width - 2 * CELL_MARGIN - COMMA_TWIPS - places * DIGIT_TWIPS - 20, DIGIT_TWIPS)

    def _cell_close(self, token: Token) -> None:
        if self.in_header:
            self.format.bold -= 1
        if self.table.row == self.table.total_row:
            self.format.bold -= 1
        self._skip_inline = False
        self.paragraph = None

    on_th_open = on_td_open = _cell_open
    on_th_close = on_td_close = _cell_close

    # -- inline -------------------------------------------------------------------------

    def on_inline(self, token: Token) -> None:
        if self.paragraph is None:
            self.paragraph = self._new_paragraph(styles.BODY)
        self._autolinks = AUTOLINK.findall(token.content)
        for child in token.children or []:
            handler = getattr(self, "inline_" + child.type, None)
            if handler is not None:
                handler(child)

    def _add_text(self, text: str) -> None:
        if not text:
            return
        if self.format.links:
            self._add_link_run(text)
            return
        self._append_run(self.paragraph._p, text)

    def _append_run(self, parent: Any, text: str, style_id: str | None = None) -> None:
        """A run of text with the current formatting (python-docx sets text one character
        at a time, which is most of its cost on a long report)."""
        run = etree.SubElement(parent, _R)
        fmt = self.format
        if style_id or fmt.bold or fmt.italic or fmt.strike or fmt.code:
            rpr = etree.SubElement(run, _RPR)
            if style_id:
                etree.SubElement(rpr, _RSTYLE, {_VAL: style_id})
            if fmt.code:
                etree.SubElement(rpr, _RFONTS, {_ASCII: "Courier New", _HANSI: "Courier New"})
            if fmt.bold:
                etree.SubElement(rpr, _B)
            if fmt.italic:
                etree.SubElement(rpr, _I)
            if fmt.strike:
                etree.SubElement(rpr, _STRIKE)
        for i, piece in enumerate(text.split("\t")):
            if i:
                etree.SubElement(run, _TAB)
            if piece:
                t = etree.SubElement(run, _T)
                t.text = piece
                if piece[0] == " " or piece[-1] == " ":
                    t.set(_SPACE, "preserve")

    def _add_link_run(self, text: str) -> None:
        url = self.format.links[-1]
        container = self._current_hyperlink(url)
        self._append_run(container, text, self._style_id(styles.HYPERLINK))

    def _current_hyperlink(self, url: str) -> Any:
        last = self.paragraph._p[-1] if len(self.paragraph._p) else None
        if last is not None and last.tag == qn("w:hyperlink") and getattr(self, "_open_link", None) is last:
            return last
        rel_id = self.paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel_id)
        self.paragraph._p.append(link)
        self._open_link = link
        return link

    def inline_softbreak(self, token: Token) -> None:
        self._add_text(" ")

    def inline_hardbreak(self, token: Token) -> None:
        self.paragraph.add_run().add_break()

    def inline_code_inline(self, token: Token) -> None:
        self.format.code += 1
        self._add_text(token.content)
        self.format.code -= 1

    def inline_strong_open(self, token: Token) -> None:
        self.format.bold += 1

    def inline_strong_close(self, token: Token) -> None:
        self.format.bold -= 1

    def inline_em_open(self, token: Token) -> None:
        self.format.italic += 1

    def inline_em_close(self, token: Token) -> None:
        self.format.italic -= 1

    def inline_s_open(self, token: Token) -> None:
        self.format.strike += 1

    def inline_s_close(self, token: Token) -> None:
        self.format.strike -= 1

    def inline_link_open(self, token: Token) -> None:
        href = str(token.attrGet("href") or "")
        self.format.links.append(href)
        self._open_link = None
        # markdown-it normalises an autolink's text (%C3%A4 → ä, ö → %C3%B6 in the href);
        # show the URL exactly as the text wrote it.
        if token.markup == "autolink":
            self._autolink_text = self._autolinks.pop(0) if self._autolinks else href

    def inline_text(self, token: Token) -> None:
        if self._autolink_text is not None:
            self._add_text(readable_url(self._autolink_text))
            self._autolink_text = None
            return
        self._add_text(token.content)

    def inline_link_close(self, token: Token) -> None:
        self.format.links.pop()
        self._open_link = None

    def inline_image(self, token: Token) -> None:
        chart = self.charts.get(str(token.attrGet("src") or ""))
        if chart is not None and self.table is None and self._footnote is None:
            self._add_chart(chart)
            return
        # Other images are not embedded; their description keeps the text readable.
        self._add_text(token.content or str(token.attrGet("alt") or ""))

    def _add_chart(self, chart: Any) -> None:
        """The chart as a picture the width of its drawing (16 cm at most), its alt text
        stating the numbers; its caption ("Kuvio N. …") follows the paragraph."""
        import io

        from docx.shared import Emu

        from raportti.writers.chartpng import chart_png

        png, width, height = chart_png(chart)
        text_emu = self._text_width * 635  # twips → EMU
        emu = min(text_emu, 16 * 360000)
        run = self.paragraph.add_run()
        run.add_picture(io.BytesIO(png), width=Emu(emu), height=Emu(emu * height // width))
        doc_pr = run._r.find(".//" + qn("wp:docPr"))
        if doc_pr is not None:
            doc_pr.set("descr", chart.alt_text())
            doc_pr.set("title", chart.caption)
            doc_pr.set("name", f"Kuvio {chart.number}")
        self._figure_caption = chart.title

    def _write_figure_caption(self, caption: str) -> None:
        """"Kuvio N. Caption" under the picture, with a SEQ field as tables have."""
        self._figures += 1
        paragraph = self._new_paragraph(styles.CAPTION)
        p = paragraph._p
        self._append_run(p, "Kuvio ")
        self._field_char(p, "begin")
        self._instr(p, " SEQ Kuvio \\* ARABIC ")
        self._field_char(p, "separate")
        self._append_run(p, str(self._figures))
        self._field_char(p, "end")
        self._append_run(p, ". " + caption)

    def inline_html_inline(self, token: Token) -> None:
        self._add_text(token.content)


def make(job: Any) -> bytes:
    """The format's maker (see raportti.writers.formats). When a PDF is made too, the
    contents get their page numbers from LibreOffice's layout, which the PDF keeps."""
    docx_bytes = markdown_to_docx(job.markdown, job.info, job.reference_doc, charts=job.rendered.charts)
    if "pdf" in job.formats:
        from raportti.writers.contentspages import with_page_numbers

        docx_bytes, pdf_bytes = with_page_numbers(docx_bytes)
        job.notes["layout"] = (docx_bytes, pdf_bytes)
    return docx_bytes
