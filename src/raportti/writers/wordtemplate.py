"""The Word template a report is written into, and the package's properties.

raportti ships its own reference template (reference.docx beside this module, written by
scripts/make_reference.py): A4, Arial, a visible heading hierarchy and a style for each
kind of paragraph a report has. An organisation's own template (``--reference-doc``) is
used as it is; the styles it lacks — a template made in Word holds only the styles that
were ever used in it — are copied from ours, and the caller is told which.
"""

from __future__ import annotations

import copy
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from raportti.i18n.messages import _, ngettext
from raportti.problems import UserError
from raportti.source.docxfile import DocxError, open_document
from raportti.writers import styles

REFERENCE = Path(__file__).with_name("reference.docx")
LANGUAGE = "fi-FI"
_STYLE, _NAME, _BASED, _NEXT, _LINK, _VAL = (
    qn("w:style"), qn("w:name"), qn("w:basedOn"), qn("w:next"), qn("w:link"), qn("w:val"))
_STYLE_ID = qn("w:styleId")


@dataclass
class DocumentInfo:
    """What the document says about itself: properties and the title page."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: str = ""
    date: datetime.date | None = None
    company: str = ""
    project: str = ""
    period: str = ""
    no_data: str = ""
    # The title of a table of contents after the title page ("" for none); a form with a
    # contents chapter of its own (SISÄLTÖ) has it there instead.
    contents: str = ""
    # Said to the person building: styles taken from raportti's template, and the like.
    notes: list[str] = field(default_factory=list)


def open_template(reference: Path | None, notes: list[str]) -> Any:
    """Our template, or the given one with its missing styles filled from ours."""
    ours = open_document(REFERENCE)
    if reference is None:
        document = ours
    else:
        try:
            document = open_document(Path(reference))
        except DocxError as exc:
            raise UserError(_unreadable_reference(Path(reference), exc)) from None
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        _ensure_numbering(document)
        filled = fill_styles(document, ours)
        if filled:
            notes.append(
                ngettext("The reference document '{name}' lacks {n} style the report uses; it was taken from raportti's "
                         "own template: {styles}.",
                         "The reference document '{name}' lacks {n} styles the report uses; they were taken from "
                         "raportti's own template: {styles}.", len(filled)).format(
                    name=reference.name, n=len(filled), styles=", ".join(filled))
            )
    set_language(document)
    _drop_thumbnail(document)
    return document


def _unreadable_reference(reference: Path, exc: DocxError) -> str:
    """Why a reference document cannot be used, in words a Word user knows."""
    name = _("The reference document '{reference}'").format(reference=reference)
    if reference.suffix.lower() in (".dotx", ".dotm", ".docm") and "not a Word document" in exc.reason:
        return (_("{name} is a Word template or macro document; open it and save it as a plain Word document (.docx).").format(name=name))
    reason = exc.reason
    if reason.startswith("this is "):
        return f"{name} is {reason[len('this is '):]}"
    return _("{name} cannot be used: {reason}").format(name=name, reason=reason)


def style_index(document: Any) -> dict[str, str]:
    """Style name (lower case) → style id, for the document's styles."""
    index: dict[str, str] = {}
    for element in document.styles.element.iterchildren(_STYLE):
        name = element.find(_NAME)
        if name is not None:
            index.setdefault(name.get(_VAL).lower(), element.get(_STYLE_ID))
    return index


def fill_styles(document: Any, ours: Any) -> list[str]:
    """Copy each style the report needs and ``document`` lacks from ``ours``, with the
    styles it is based on. Returns the names copied, as our template names them."""
    have = style_index(document)
    have_ids = {e.get(_STYLE_ID) for e in document.styles.element.iterchildren(_STYLE)}
    our_elements = {e.get(_STYLE_ID): e for e in ours.styles.element.iterchildren(_STYLE)}
    our_index = style_index(ours)
    filled: list[str] = []

    def copy_style(style_id: str) -> None:
        element = our_elements[style_id]
        name = element.find(_NAME).get(_VAL)
        if name.lower() in have or style_id in have_ids:
            return
        based = element.find(_BASED)
        if based is not None and based.get(_VAL) in our_elements:
            copy_style(based.get(_VAL))
        clone = copy.deepcopy(element)
        clone.attrib.pop(qn("w:default"), None)
        for ref in (_NEXT, _LINK):
            child = clone.find(ref)
            if child is not None and child.get(_VAL) not in have_ids | {style_id} | set(our_elements):
                clone.remove(child)
        document.styles.element.append(clone)
        have[name.lower()] = style_id
        have_ids.add(style_id)
        filled.append(name[0].upper() + name[1:])

    for name in styles.required():
        style_id = our_index.get(name.lower())
        if style_id is not None:
            copy_style(style_id)
    return filled


def _ensure_numbering(document: Any) -> None:
    """A numbering part for the lists (a template that never had a list has none, and
    python-docx cannot make one)."""
    from docx.parts.numbering import NumberingPart

    if any(rel.reltype == RT.NUMBERING for rel in document.part.rels.values()):
        return
    blob = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    part = NumberingPart.load(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, blob, document.part.package)
    document.part.relate_to(part, RT.NUMBERING)


def set_language(document: Any) -> None:
    """Mark all text as Finnish, so Word and LibreOffice spell-check it in Finnish."""
    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.SubElement(root, qn("w:docDefaults"))
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")


def _drop_thumbnail(document: Any) -> None:
    """A template's preview picture would be every report's preview picture. A template's
    own properties go too: LibreOffice relates them under an older name that python-docx
    does not know, which would put two docProps/core.xml in the package."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        legacy_core = rel.reltype.lower().endswith("/metadata/core-properties") and rel.reltype != RT.CORE_PROPERTIES
        if rel.reltype.endswith("/thumbnail") or legacy_core:
            del package.rels[rel_id]


def footnotes_part(document: Any) -> Part:
    """The document's footnotes part, made (with Word's two separators) when missing."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            return rel.target_part
    ours = open_document(REFERENCE)
    blob = next(rel.target_part.blob for rel in ours.part.rels.values() if rel.reltype == RT.FOOTNOTES)
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part


def set_properties(document: Any, info: DocumentInfo) -> None:
    props = document.core_properties
    props.title = f"{info.title}: {info.project}" if info.project and info.project not in info.title else info.title
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
    _set_app_properties(document, info.company or info.author)


def _set_app_properties(document: Any, company: str) -> None:
    """The extended properties (Word: File → Info): who made the file and for whom.

    Counts such as pages and words are left out rather than stated wrongly; Word and
    LibreOffice work them out when the document is opened."""
    escaped = company.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>raportti</Application><DocSecurity>0</DocSecurity><Company>{escaped}</Company>"
        "</Properties>"
    ).encode("utf-8")
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = blob
            return
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def text_width(document: Any) -> int:
    """The width between the margins of the last section, in twips."""
    sect = document.element.body.find(qn("w:sectPr"))
    size = sect.find(qn("w:pgSz")) if sect is not None else None
    margins = sect.find(qn("w:pgMar")) if sect is not None else None
    try:
        width = int(size.get(qn("w:w")))
        left, right = int(margins.get(qn("w:left"))), int(margins.get(qn("w:right")))
    except (AttributeError, TypeError, ValueError):
        return 9000
    return max(width - left - right, 3000)

