"""Reading a finished report into a flat list of paragraphs (DOCX, Markdown, plain text).

Each paragraph keeps its text as Markdown (emphasis, list markers, tables) for the data,
and as plain text for finding the form's questions. Anything that is not a readable
document of a supported kind stops the import before a file is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from raportti.i18n.messages import _
from raportti.problems import UserError
from raportti.source.docxfile import OLE_MAGIC, open_document, read_docx, read_part

#: A text or Markdown report larger than this is not a report but a mistake. A DOCX has the
#: limits of raportti.source.docxfile (pictures make a real one much larger).
MAX_BYTES = 30 * 1024 * 1024
SUFFIXES = (".docx", ".md", ".txt")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: The paragraph style raportti's DOCX writer gives a question's guidance (writers/styles.py).
_GUIDANCE_STYLES = ("block text",)
#: The caption raportti's DOCX writer numbers each table with: "Taulukko 3. <the heading above>".
_OWN_CAPTION = re.compile(r"^Taulukko \d+\.\s+(?P<title>.+)$", re.S)
#: The caption under each of its charts: "Kuvio 3. <title>". A chart is drawn from the
#: data every time, so its caption (and its picture) is not data to import.
_OWN_CHART = re.compile(r"^Kuvio \d+\.\s")
_LIST_MARK = re.compile(r"^\s*(?:[-*+•]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)")


@dataclass
class Paragraph:
    """One paragraph of the source: its Markdown, its plain text and what kind it is."""

    markdown: str
    #: p | heading | item | table | note (a footnote, endnote or comment) | contents (an entry
    #: of a Word table of contents) | guidance (joined to its heading or made a p when read)
    kind: str = "p"
    ordered: bool = False
    #: A heading's level when the source says it (Word's Heading 1–9, Markdown's #s; 0 a title).
    level: int | None = None

    @property
    def plain(self) -> str:
        text = _LIST_MARK.sub("", self.markdown) if self.kind != "table" else self.markdown
        text = re.sub(r"^#+\s*", "", text)
        return re.sub(r"(\*\*|__|(?<!\w)\*(?!\s)|(?<!\w)_(?!\s))", "", text).strip()


def read_document(path: Path) -> list[Paragraph]:
    """The paragraphs of ``path``; raises UserError, in plain words, for what cannot be read."""
    if path.suffix.lower() not in SUFFIXES:
        raise UserError(_("{path}: raportti can import Word (.docx), Markdown (.md) and plain text (.txt) files, not '{value}'. Save the report as .docx in Word or LibreOffice and import that.").format(path=path, value=path.suffix or 'a file without an extension'))
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(_("{path}: cannot be read ({strerror}).").format(path=path, strerror=exc.strerror)) from None
    if not path.is_file():
        raise UserError(_("{path}: is not a file.").format(path=path))
    if size == 0:
        raise UserError(_("{path}: the file is empty; there is nothing to import.").format(path=path))
    if size > MAX_BYTES and path.suffix.lower() != ".docx":
        raise UserError(_("{path}: the file is {value} MB; a report to import may be at most {value2} MB. Remove large pictures, or save the text alone as .txt.").format(path=path, value=size // (1024 * 1024), value2=MAX_BYTES // (1024 * 1024)))
    if path.suffix.lower() == ".docx":
        paragraphs = _read_docx(path)
    else:
        raw = path.read_bytes()
        if raw.startswith(OLE_MAGIC) or raw.startswith(b"PK\x03\x04"):
            raise UserError(_("{path}: this is a Word or other binary file, not text. Name it .docx if it is one.").format(path=path))
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        if "\x00" in text:
            raise UserError(_("{path}: this is not a text file (it contains binary data).").format(path=path))
        paragraphs = read_markdown(text) if path.suffix.lower() == ".md" else read_plain(text)
    if not any(p.plain for p in paragraphs):
        raise UserError(_("{path}: the document has no text; there is nothing to import.").format(path=path))
    return paragraphs


# -- plain text and Markdown ----------------------------------------------------------------


def read_plain(text: str) -> list[Paragraph]:
    """Text as extracted from PDF or Word: each line is a paragraph (or a list item).

    A line that starts in lower case after a long paragraph that did not end a sentence
    continues that paragraph (a page break of the PDF split it).
    """
    out: list[Paragraph] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        previous = out[-1] if out else None
        if previous is not None and previous.kind == "p" and line[:1].islower() and \
                len(previous.markdown) >= 100 and not re.search(r"[.!?:;]$", previous.markdown):
            previous.markdown += " " + line
            continue
        out.append(_line_paragraph(line))
    return out


def read_markdown(text: str) -> list[Paragraph]:
    """Markdown: headings, list items and tables line by line, other lines joined per paragraph."""
    out: list[Paragraph] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    table: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            out.append(Paragraph(" ".join(buffer)))
            buffer.clear()
        if table:
            out.append(Paragraph("\n".join(table), kind="table"))
            table.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("|"):
            if buffer:
                out.append(Paragraph(" ".join(buffer)))
                buffer.clear()
            table.append(line)
        elif line.startswith("#"):
            flush()
            out.append(Paragraph(line.lstrip("#").strip(), kind="heading", level=len(line) - len(line.lstrip("#"))))
        elif _LIST_MARK.match(line) and not raw.startswith("    "):
            flush()
            out.append(_line_paragraph(line))
        elif raw.startswith(("  ", "\t")) and out and out[-1].kind == "item" and not buffer:
            out[-1].markdown += " " + line  # a list item's continuation
        else:
            if table:
                flush()
            buffer.append(line)
    flush()
    return out


def _line_paragraph(line: str) -> Paragraph:
    if _LIST_MARK.match(line):
        return Paragraph(line, kind="item", ordered=bool(re.match(r"^\d", line)))
    return Paragraph(line)


# -- DOCX ---------------------------------------------------------------------------------


def _read_docx(path: Path) -> list[Paragraph]:
    data = read_docx(path)
    document = open_document(data, path)
    try:
        numbering = _Numbering(document)
        out: list[Paragraph] = []
        _read_body(document.element.body, document, numbering, out)
        out = _join_guidance(out)
        return _with_footnotes(out, _notes(data))
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
        # A numbering or style attribute that is not what Word writes (numId="x").
        raise UserError(_("{path}: the Word file holds content raportti does not understand ({exc}). "
                          "Open it in Word or LibreOffice and save it again as .docx.").format(path=path, exc=exc)) from None


def _with_footnotes(flow: list[Paragraph], notes: list[Paragraph]) -> list[Paragraph]:
    """A footnote as Markdown's "[^1]: text" right after the paragraph that refers to it, so it
    stays with that answer; notes nothing refers to (comments, endnotes) stay notes."""
    by_label = {}
    for note in notes:
        m = re.match(r"^\[\^(\w+)\]:", note.markdown)
        if m:
            by_label[m.group(1)] = note
    out: list[Paragraph] = []
    used = set()
    for p in flow:
        out.append(p)
        for label in re.findall(r"\[\^(\w+)\](?!:)", p.markdown):
            if label in by_label and label not in used:
                used.add(label)
                out.append(Paragraph(by_label[label].markdown))
    return out + [n for n in notes if not any(n is by_label.get(label) for label in used)]


def _join_guidance(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A question's guidance back onto its heading; the writer's own table captions dropped.

    raportti's DOCX writer puts "Kysymys? (Ohje …)" as the heading "Kysymys?" and the
    guidance "(Ohje …)" in its own paragraph style below it; the form's text is both, so
    the question is found by both. Other guidance-styled text (a chapter's instructions,
    a quotation) stays a paragraph of its own.
    """
    out: list[Paragraph] = []
    heading = ""
    for p in paragraphs:
        if p.kind == "heading":
            heading = p.plain
        if p.kind == "chart":
            continue
        if p.kind == "caption":
            # The writer's own caption repeats the heading above: the report makes it again.
            if _OWN_CAPTION.match(p.plain).group("title").strip() == heading.strip():
                continue
            # Kept as text; still a caption, so a caption naming a question is not that question.
            p = Paragraph(p.markdown, kind="caption")
        if p.kind == "guidance":
            text = p.markdown.strip()
            if out and out[-1].kind == "heading" and text.startswith("(") and text.endswith(")"):
                out[-1] = Paragraph(f"{out[-1].markdown} {text}", kind="heading", level=out[-1].level)
                continue
            p = Paragraph(p.markdown)
        out.append(p)
    return out


def _read_body(container, document, numbering: "_Numbering", out: list[Paragraph]) -> None:
    """Paragraphs and tables in order, also inside content controls (w:sdt) and text boxes."""
    for element in container.iterchildren():
        if element.tag == _W + "p":
            paragraph = _docx_paragraph(element, document, numbering)
            if paragraph is not None:
                out.append(paragraph)
            for box in element.iter(_W + "txbxContent"):
                _read_body(box, document, numbering, out)
        elif element.tag == _W + "tbl":
            out.append(Paragraph(_docx_table(element, document), kind="table"))
        elif element.tag in (_W + "sdt", _W + "customXml"):
            content = element.find(_W + "sdtContent")
            _read_body(content if content is not None else element, document, numbering, out)


def _notes(data: bytes) -> list[Paragraph]:
    """Footnotes, endnotes and comments: text of the document that is not in its flow."""
    from lxml import etree

    out = []
    for part in ("word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"):
        blob = read_part(data, part)
        if blob is None:
            continue
        try:
            root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            continue
        for note in root:
            if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(_runs_markdown(p).strip() for p in note.iter(_W + "p")).strip()
            if text and part == "word/footnotes.xml" and note.get(_W + "id"):
                text = f"[^{note.get(_W + 'id')}]: {text}"
            if text:
                out.append(Paragraph(text, kind="note"))
    return out


class _Numbering:
    """Word's list numbering: which lists count (1., 2. …) and from what number."""

    def __init__(self, document):
        self.starts: dict[str, int] = {}  # numId of a counting list → its first number
        self.counters: dict[str, int] = {}
        self.lettered: set[str] = set()  # numIds counting a., b., c.
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract_start = {}
        letters = set()
        for abstract in numbering.iter(_W + "abstractNum"):
            fmt = abstract.find(f"{_W}lvl/{_W}numFmt")
            if fmt is not None and fmt.get(_W + "val") == "lowerLetter":
                letters.add(abstract.get(_W + "abstractNumId"))
            if fmt is not None and fmt.get(_W + "val") not in ("bullet", "none"):
                start = abstract.find(f"{_W}lvl/{_W}start")
                abstract_start[abstract.get(_W + "abstractNumId")] = int(start.get(_W + "val")) if start is not None else 1
        for num in numbering.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None and ref.get(_W + "val") in abstract_start:
                override = num.find(f"{_W}lvlOverride/{_W}startOverride")
                start = abstract_start[ref.get(_W + "val")]
                if override is not None:
                    start = int(override.get(_W + "val"))
                self.starts[num.get(_W + "numId")] = start
                if ref.get(_W + "val") in letters:
                    self.lettered.add(num.get(_W + "numId"))

    def ordered(self, num_id: str | None) -> bool:
        return num_id in self.starts

    def next_number(self, num_id: str) -> int:
        n = self.counters.get(num_id, self.starts[num_id] - 1) + 1
        self.counters[num_id] = n
        return n

    def next_marker(self, num_id: str) -> str:
        """The item's marker as Markdown: "3. ", or "c. " in a lettered list."""
        n = self.next_number(num_id)
        if num_id in self.lettered and 1 <= n <= 26:
            return f"{'abcdefghijklmnopqrstuvwxyz'[n - 1]}. "
        return f"{n}. "


def _docx_paragraph(p, document, numbering: _Numbering) -> Paragraph | None:
    text = _runs_markdown(p, document).strip()
    if not text:
        return None
    style = ""
    style_el = p.find(f"{_W}pPr/{_W}pStyle")
    if style_el is not None:
        style_id = style_el.get(_W + "val") or ""
        try:
            style = document.styles.get_by_id(style_id, 1).name or style_id
        except Exception:
            style = style_id
    num = p.find(f"{_W}pPr/{_W}numPr/{_W}numId")
    lowered = style.lower()
    if lowered.startswith("heading") or lowered in ("title", "subtitle"):
        number = re.search(r"\d+$", lowered)
        return Paragraph(text, kind="heading", level=int(number.group(0)) if number else 0)
    if lowered in _GUIDANCE_STYLES:
        return Paragraph(text, kind="guidance")
    if lowered == "table caption" and _OWN_CAPTION.match(text):
        return Paragraph(text, kind="caption")
    if lowered == "table caption" and _OWN_CHART.match(text):
        return Paragraph(text, kind="chart")
    if lowered.startswith("toc "):
        return Paragraph(text, kind="contents")
    if (num is not None and num.get(_W + "val") != "0") or lowered.startswith("list"):
        num_id = num.get(_W + "val") if num is not None else None
        ordered = numbering.ordered(num_id) or "number" in lowered
        if _LIST_MARK.match(text):
            return Paragraph(text, kind="item", ordered=ordered)
        level = p.find(f"{_W}pPr/{_W}numPr/{_W}ilvl")
        nested = level is not None and level.get(_W + "val") not in (None, "0")
        marker = numbering.next_marker(num_id) if numbering.ordered(num_id) and not nested else \
            ("1. " if ordered else "- ")
        return Paragraph(("  " if nested else "") + marker + text, kind="item", ordered=ordered)
    return _line_paragraph(text)


def _runs_markdown(p, document=None) -> str:
    """A paragraph's runs as Markdown: bold and italic kept, links as their text and address."""
    parts: list[str] = []
    for child in p.iterchildren():
        if child.tag == _W + "r":
            parts.append(_run(child))
        elif child.tag == _W + "fldSimple":
            parts.append("".join(_run(r) for r in child.iter(_W + "r")))
        elif child.tag == _W + "hyperlink":
            inner = "".join(_run(r) for r in child.iter(_W + "r"))
            parts.append(_link(inner, child, document))
        elif child.tag in (_W + "ins", _W + "smartTag", _W + "sdt"):
            parts.append("".join(_run(r) for r in child.iter(_W + "r")))
    return "".join(parts)


def _link(inner: str, hyperlink, document) -> str:
    """A hyperlink whose text is its address as ``<address>``, another as ``[text](address)``;
    a link inside the document (a table of contents entry) as its text."""
    rel_id = hyperlink.get(_R_ID)
    if document is None or not rel_id or not inner.strip():
        return inner
    try:
        target = document.part.rels[rel_id].target_ref
    except (KeyError, AttributeError):
        return inner
    if not re.match(r"^(?:https?|mailto):", target or ""):
        return inner
    from urllib.parse import unquote

    text = inner.strip()
    if text in (target, unquote(target)) or text.rstrip("/") == target.rstrip("/"):
        return f"<{target}>"
    return f"[{text}]({target})"


def _run(r) -> str:
    text = []
    for element in r.iterchildren():
        if element.tag == _W + "t":
            text.append(element.text or "")
        elif element.tag in (_W + "tab", _W + "br", _W + "cr"):
            text.append(" ")
        elif element.tag == _W + "footnoteReference" and element.get(_W + "id"):
            text.append(f"[^{element.get(_W + 'id')}]")
    value = "".join(text)
    if not value.strip():
        return value
    props = r.find(_W + "rPr")
    bold = props is not None and _on(props.find(_W + "b"))
    italic = props is not None and _on(props.find(_W + "i"))
    stripped = value.strip()
    lead, trail = value[: len(value) - len(value.lstrip())], value[len(value.rstrip()):]
    if bold:
        stripped = f"**{stripped}**"
    elif italic:
        stripped = f"*{stripped}*"
    return lead + stripped + trail


def _on(element) -> bool:
    return element is not None and element.get(_W + "val") not in ("0", "false", "off")


def _docx_table(tbl, document=None) -> str:
    rows = []
    for tr in tbl.iter(_W + "tr"):
        cells = []
        for tc in tr.iter(_W + "tc"):
            texts = [_runs_markdown(p, document).strip() for p in tc.iter(_W + "p")]
            cells.append(" ".join(t for t in texts if t).replace("|", "\\|"))
        rows.append(cells)
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(1, "|" + "---|" * width)
    return "\n".join(lines)
