"""Markdown → DOCX: markdown-it-py tokens rendered into python-docx with real Word styles.

The renderer has the shape of markdown-it-py's own: one method per token type, looked
up by name; the loop walks the block tokens and descends into ``inline`` children.
Lists become Word numbering (``numPr``, level = depth), each ordered list restarting at
its own start number; tables become Word tables; links become hyperlinks.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.enum.style import WD_STYLE_TYPE
from docx.text.paragraph import Paragraph
from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.token import Token

from raportti.problems import UserError
from raportti.writers import styles

LANGUAGE = "fi-FI"
# CommonMark autolinks (<scheme:…>), to recover the URL as written.
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*)>")
_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE, _T, _TAB = (
    qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:t"), qn("w:tab"))
_B, _I, _STRIKE, _RFONTS = qn("w:b"), qn("w:i"), qn("w:strike"), qn("w:rFonts")
_VAL, _ASCII, _HANSI, _SPACE = qn("w:val"), qn("w:ascii"), qn("w:hAnsi"), qn("xml:space")
_TR, _TRPR, _TBL_HEADER, _TC, _TCPR, _TCW, _JC = (
    qn("w:tr"), qn("w:trPr"), qn("w:tblHeader"), qn("w:tc"), qn("w:tcPr"), qn("w:tcW"), qn("w:jc"))
_GRID_COL, _W, _TYPE = qn("w:gridCol"), qn("w:w"), qn("w:type")
# Zip entries get one fixed timestamp so the same input gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def markdown_parser() -> MarkdownIt:
    """CommonMark with tables; raw HTML off (reports are text, not web pages)."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


@dataclass
class DocumentInfo:
    title: str
    author: str = ""
    subject: str = ""
    keywords: str = ""
    date: datetime.date | None = None
    company: str = ""


def markdown_to_docx(markdown: str, info: DocumentInfo, reference: Path | None = None) -> bytes:
    """The DOCX file's bytes for a Markdown document."""
    document = open_document(reference)
    renderer = DocxRenderer(document)
    renderer.render(markdown_parser().parse(markdown))
    set_properties(document, info)
    add_page_numbers(document)
    return package_bytes(document)


def _unreadable_reference(reference: Path, exc: Exception) -> str:
    """Why a reference document cannot be used, in words a Word user knows."""
    name = f"The reference document '{reference}'"
    if not reference.is_file():
        return f"{name} does not exist."
    if not zipfile.is_zipfile(reference):
        head = reference.read_bytes()[:8]
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            return (f"{name} is an old-format Word file (.doc). Open it in Word or LibreOffice and "
                    "save it as a Word document (.docx).")
        return (f"{name} is not a Word document (.docx): save a document with your styles in Word "
                "or LibreOffice as .docx and give that file.")
    with zipfile.ZipFile(reference) as package:
        if "word/document.xml" not in package.namelist():
            return (f"{name} is a zip file but not a Word document (.docx): give a file saved as "
                    ".docx from Word or LibreOffice.")
    if reference.suffix.lower() in (".dotx", ".dotm", ".docm"):
        return (f"{name} is a Word template or macro document; open it and save it as a plain Word "
                "document (.docx).")
    return f"{name} is a damaged Word document ({exc}). Open it in Word or LibreOffice and save it again."


# -- the document -----------------------------------------------------------------------


def open_document(reference: Path | None) -> Any:
    if reference is None:
        document = docx.Document()
    else:
        try:
            document = docx.Document(str(reference))
        except Exception as exc:  # python-docx raises several kinds for a bad file
            raise UserError(_unreadable_reference(Path(reference), exc)) from None
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
    ensure_styles(document, strict=reference is not None)
    set_language(document, LANGUAGE)
    return document


def ensure_styles(document: Any, strict: bool) -> None:
    """Create the few styles python-docx's default template lacks; with a reference
    document, say which required styles it is missing instead of failing later."""
    names = {s.name for s in document.styles}
    missing = [name for name in styles.required() if name not in names]
    creatable = {styles.TABLE_TEXT, styles.HYPERLINK}
    if strict and [m for m in missing if m not in creatable]:
        raise UserError(
            "The reference document lacks these Word styles: "
            + ", ".join(m for m in missing if m not in creatable)
            + ". Add them in Word (Styles pane) or use another reference document."
        )
    if styles.TABLE_TEXT in missing:
        compact = document.styles.add_style(styles.TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        compact.base_style = document.styles["Normal"]
        compact.paragraph_format.space_before = Pt(0)
        compact.paragraph_format.space_after = Pt(0)
        compact.quick_style = True
    if styles.HYPERLINK in missing:
        link = document.styles.add_style(styles.HYPERLINK, WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        link.font.underline = True


def set_language(document: Any, language: str) -> None:
    """Mark all text as Finnish, so Word and LibreOffice spell-check it in Finnish."""
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), "ar-SA")


def set_properties(document: Any, info: DocumentInfo) -> None:
    props = document.core_properties
    props.title = info.title
    props.author = info.author
    props.last_modified_by = info.author
    props.subject = info.subject
    props.keywords = info.keywords
    props.language = LANGUAGE
    props.revision = 1
    props.comments = ""
    props.category = "STEA-raportti"
    moment = datetime.datetime.combine(info.date or datetime.date(2000, 1, 1), datetime.time(12, 0))
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    _set_company(document, info.company or info.author)


def _set_company(document: Any, company: str) -> None:
    """The organisation in the extended properties (Word: File → Info → Company);
    python-docx has no API for that part, so its XML is edited as text."""
    for rel in document.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            part = rel.target_part
            blob = part.blob.decode("utf-8")
            blob = re.sub(r"<Company>.*?</Company>|<Company/>", "", blob)
            escaped = company.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            blob = blob.replace("</Properties>", f"<Company>{escaped}</Company></Properties>")
            part._blob = blob.encode("utf-8")
            return


def add_page_numbers(document: Any) -> None:
    """A centred page number in every section's footer (a PAGE field)."""
    for section in document.sections:
        paragraph = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
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


# -- numbering --------------------------------------------------------------------------


class Numbering:
    """Word numbering definitions: one abstract list per kind, one instance per list."""

    def __init__(self, document: Any):
        self.part = document.part.numbering_part.element
        self._abstract: dict[bool, int] = {}

    def new_list(self, ordered: bool, start: int = 1) -> int:
        abstract = self._abstract.get(ordered)
        if abstract is None:
            abstract = self._abstract[ordered] = self._add_abstract(ordered)
        num_ids = [int(n.get(qn("w:numId"))) for n in self.part.findall(qn("w:num"))]
        num_id = max(num_ids, default=0) + 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        abstract_ref = OxmlElement("w:abstractNumId")
        abstract_ref.set(qn("w:val"), str(abstract))
        num.append(abstract_ref)
        if ordered:
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), "0")
            start_override = OxmlElement("w:startOverride")
            start_override.set(qn("w:val"), str(start))
            override.append(start_override)
            num.append(override)
        self.part.append(num)
        return num_id

    def _add_abstract(self, ordered: bool) -> int:
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self.part.findall(qn("w:abstractNum"))]
        abstract_id = max(ids, default=0) + 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "hybridMultilevel")
        abstract.append(multi)
        bullets = ["•", "◦", "▪"]
        for level in range(9):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(level))
            start = OxmlElement("w:start")
            start.set(qn("w:val"), "1")
            fmt = OxmlElement("w:numFmt")
            fmt.set(qn("w:val"), "decimal" if ordered else "bullet")
            text = OxmlElement("w:lvlText")
            text.set(qn("w:val"), f"%{level + 1}." if ordered else bullets[level % 3])
            jc = OxmlElement("w:lvlJc")
            jc.set(qn("w:val"), "left")
            ppr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(720 * (level + 1)))
            ind.set(qn("w:hanging"), "360")
            ppr.append(ind)
            for child in (start, fmt, text, jc, ppr):
                lvl.append(child)
            abstract.append(lvl)
        # abstractNum elements must come before num elements in numbering.xml.
        first_num = self.part.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.part.append(abstract)
        return abstract_id


# -- the renderer -----------------------------------------------------------------------


@dataclass
class ListState:
    ordered: bool
    num_id: int
    depth: int
    paragraphs_in_item: int = 0


@dataclass
class RunFormat:
    bold: int = 0
    italic: int = 0
    strike: int = 0
    code: int = 0
    links: list[str] = field(default_factory=list)


class DocxRenderer:
    """Renders block tokens into a python-docx Document, one method per token type."""

    def __init__(self, document: Any):
        self.document = document
        self.numbering = Numbering(document)
        self.paragraph: Any = None
        self.lists: list[ListState] = []
        self.quote_depth = 0
        self.format = RunFormat()
        self.table: Any = None
        self.column_widths: list[str | None] = []
        self.row_cells: list[Any] = []
        self.cell_index = -1
        self.cell_align: str | None = None
        self.in_header = False
        self.last_block_was_table = False
        self._open_link: Any = None
        self._autolink_text: str | None = None
        self._style_ids: dict[str, str] = {}
        self._autolinks: list[str] = []
        self._body = document._body
        # New paragraphs go before the body's final section properties.
        self._body_end = document.element.body.find(qn("w:sectPr"))
        if self._body_end is None:
            self._body_end = etree.SubElement(document.element.body, qn("w:sectPr"))
        self._table_columns: dict[int, int] = {}
        self._index = 0

    def render(self, tokens: list[Token]) -> None:
        self._table_columns = _table_columns(tokens)
        for index, token in enumerate(tokens):
            self._index = index
            handler = getattr(self, "on_" + token.type, None)
            if handler is not None:
                handler(token)

    # -- blocks -------------------------------------------------------------------------

    def _style_id(self, name: str) -> str:
        # python-docx looks a style name up with XPath each time; a report has
        # hundreds of paragraphs and a handful of styles.
        style_id = self._style_ids.get(name)
        if style_id is None:
            style_id = self._style_ids[name] = self.document.styles[name].style_id
        return style_id

    def _new_paragraph(self, style: str) -> Any:
        self.last_block_was_table = False
        if self.table is not None:
            # The cell is kept at hand: python-docx finds a cell by walking the rows
            # before it, which made a report with tables slow.
            cell = self.row_cells[self.cell_index]
            paragraphs = cell.findall(_P)
            if len(paragraphs) == 1 and len(paragraphs[0]) == 0:
                p = paragraphs[0]
            else:
                p = etree.SubElement(cell, _P)
            ppr = etree.SubElement(p, _PPR)
            etree.SubElement(ppr, _PSTYLE, {_VAL: self._style_id(styles.TABLE_TEXT)})
            return Paragraph(p, self._body)
        # Built with lxml directly: python-docx finds the section break by XPath for
        # every paragraph it adds, which dominates the time for a long report.
        p = self._body_end.makeelement(_P, {})
        ppr = etree.SubElement(p, _PPR)
        etree.SubElement(ppr, _PSTYLE, {_VAL: self._style_id(style)})
        self._body_end.addprevious(p)
        return Paragraph(p, self._body)

    def on_heading_open(self, token: Token) -> None:
        level = int(token.tag[1])
        self.paragraph = self._new_paragraph(styles.heading(level))

    def on_heading_close(self, token: Token) -> None:
        self.paragraph = None

    def on_paragraph_open(self, token: Token) -> None:
        if self.table is not None:
            return
        if self.lists:
            state = self.lists[-1]
            if state.paragraphs_in_item == 0:
                paragraph = self._new_paragraph(styles.list_item(state.ordered, state.depth))
                self._number(paragraph, state)
            else:
                paragraph = self._new_paragraph(styles.list_continue(state.depth))
            state.paragraphs_in_item += 1
        elif self.quote_depth:
            paragraph = self._new_paragraph(styles.QUOTE)
        else:
            paragraph = self._new_paragraph(styles.BODY)
        self.paragraph = paragraph

    def on_paragraph_close(self, token: Token) -> None:
        if self.table is None:
            self.paragraph = None

    def _number(self, paragraph: Any, state: ListState) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(state.depth))
        num_id = OxmlElement("w:numId")
        num_id.set(qn("w:val"), str(state.num_id))
        numpr.append(ilvl)
        numpr.append(num_id)
        # numPr goes right after pStyle in the schema's order.
        style = ppr.find(qn("w:pStyle"))
        if style is not None:
            style.addnext(numpr)
        else:
            ppr.insert(0, numpr)

    def _open_list(self, token: Token, ordered: bool) -> None:
        depth = len(self.lists)
        if depth and self.lists[-1].ordered == ordered:
            num_id = self.lists[-1].num_id  # nested level of the same Word list
        else:
            start = int(token.attrGet("start") or 1) if ordered else 1
            num_id = self.numbering.new_list(ordered, start)
        self.lists.append(ListState(ordered=ordered, num_id=num_id, depth=depth))

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
        ppr = paragraph._p.get_or_add_pPr()
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, val in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
            bottom.set(qn(key), val)
        border.append(bottom)
        ppr.append(border)

    def on_code_block(self, token: Token) -> None:
        paragraph = self._new_paragraph(styles.BODY)
        for i, line in enumerate(token.content.rstrip("\n").split("\n")):
            if i:
                paragraph.add_run().add_break()
            run = paragraph.add_run(line)
            run.font.name = "Courier New"

    on_fence = on_code_block

    # -- tables -------------------------------------------------------------------------

    def on_table_open(self, token: Token) -> None:
        if self.last_block_was_table:
            # Word merges adjacent tables; an empty paragraph keeps them apart.
            self._new_paragraph(styles.BODY)
        columns = self._table_columns.get(self._index, 1)
        self.table = self.document.add_table(rows=0, cols=columns)
        self.table.style = self.document.styles[styles.TABLE]
        self.column_widths = [column.get(_W) for column in self.table._tbl.tblGrid.findall(_GRID_COL)]

    def on_table_close(self, token: Token) -> None:
        self.table = None
        self.paragraph = None
        self.last_block_was_table = True

    def on_thead_open(self, token: Token) -> None:
        self.in_header = True

    def on_thead_close(self, token: Token) -> None:
        self.in_header = False

    def on_tr_open(self, token: Token) -> None:
        # A row as python-docx's add_row makes it: a cell per grid column, each as wide
        # as its column; built here with lxml, keeping the cells at hand.
        row = etree.SubElement(self.table._tbl, _TR)
        if self.in_header:
            etree.SubElement(etree.SubElement(row, _TRPR), _TBL_HEADER)
        self.row_cells = []
        for width in self.column_widths:
            cell = etree.SubElement(row, _TC)
            tcpr = etree.SubElement(cell, _TCPR)
            if width is None:
                etree.SubElement(tcpr, _TCW, {_TYPE: "auto", _W: "0"})
            else:
                etree.SubElement(tcpr, _TCW, {_TYPE: "dxa", _W: width})
            etree.SubElement(cell, _P)
            self.row_cells.append(cell)
        self.cell_index = -1

    def _cell_open(self, token: Token) -> None:
        self.cell_index += 1
        style = token.attrGet("style") or ""
        self.cell_align = "right" if "right" in style else "center" if "center" in style else None
        self.paragraph = self._new_paragraph(styles.TABLE_TEXT)
        if self.cell_align is not None:
            etree.SubElement(self.paragraph._p.pPr, _JC, {_VAL: self.cell_align})
        if self.in_header:
            self.format.bold += 1

    def _cell_close(self, token: Token) -> None:
        if self.in_header:
            self.format.bold -= 1
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
            self._add_text(self._autolink_text)
            self._autolink_text = None
            return
        self._add_text(token.content)

    def inline_link_close(self, token: Token) -> None:
        self.format.links.pop()
        self._open_link = None

    def inline_image(self, token: Token) -> None:
        # Images are not embedded; their description keeps the text readable.
        self._add_text(token.content or str(token.attrGet("alt") or ""))

    def inline_html_inline(self, token: Token) -> None:
        self._add_text(token.content)


def _table_columns(tokens: list[Token]) -> dict[int, int]:
    """Column count of each table, by the index of its table_open token
    (python-docx needs it when the table is created)."""
    counts: dict[int, int] = {}
    open_index = None
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            open_index = i
        elif token.type == "tr_close" and open_index is not None and open_index not in counts:
            cells = 0
            j = i - 1
            while tokens[j].type != "tr_open":
                if tokens[j].type in ("th_open", "td_open"):
                    cells += 1
                j -= 1
            counts[open_index] = cells
    return counts
