#!/usr/bin/env python3
"""Write raportti's own Word reference template, src/raportti/writers/reference.docx.

    python scripts/make_reference.py

The template is written from scratch (not from python-docx's default, whose leftovers —
US Letter, "Microsoft Macintosh Word" properties, a thumbnail, 270 latent styles — ended
up in every report). It holds only what the documents use: A4 with Finnish-sensible
margins, Arial (Liberation Sans in LibreOffice, same metrics), a visible heading
hierarchy and the styles named in src/raportti/writers/styles.py. Open it in Word to see
or change the styles; a changed copy can be given to `raportti build --reference-doc`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from raportti.writers import styles

TARGET = Path(__file__).resolve().parents[1] / "src" / "raportti" / "writers" / "reference.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT = "Arial"
INK = "222222"        # body text: near black
ACCENT = "1F3A5F"     # headings: dark blue
GREY = "595959"       # guidance and other secondary text
CM = 567              # twips per centimetre
TEXT_WIDTH = 11906 - int(2.5 * CM) - int(2.2 * CM)   # A4 less the left and right margins


def _font(size_pt: float, color: str = INK, bold: bool = False, italic: bool = False) -> str:
    out = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
    out += "<w:b/><w:bCs/>" if bold else ""
    out += "<w:i/><w:iCs/>" if italic else ""
    out += f'<w:color w:val="{color}"/><w:sz w:val="{round(size_pt * 2)}"/><w:szCs w:val="{round(size_pt * 2)}"/>'
    return out


def _style(kind: str, style_id: str, name: str, *, based: str | None = None, next_: str | None = None,
           ppr: str = "", rpr: str = "", extra: str = "", default: bool = False, custom: bool = False) -> str:
    attrs = f'w:type="{kind}" w:styleId="{style_id}"'
    attrs += ' w:default="1"' if default else ""
    attrs += ' w:customStyle="1"' if custom else ""
    out = f'<w:style {attrs}><w:name w:val="{name}"/>'
    out += f'<w:basedOn w:val="{based}"/>' if based else ""
    out += f'<w:next w:val="{next_}"/>' if next_ else ""
    out += "<w:qFormat/>"
    out += f"<w:pPr>{_in_schema_order(ppr)}</w:pPr>" if ppr else ""
    out += f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return out + extra + "</w:style>"


# The order WordprocessingML prescribes for a paragraph's properties (Word rejects others).
PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "shd",
             "tabs", "spacing", "ind", "contextualSpacing", "jc", "outlineLvl"]


def _in_schema_order(ppr: str) -> str:
    from lxml import etree

    root = etree.fromstring(f'<w:pPr xmlns:w="{W_NS}">{ppr}</w:pPr>')
    children = sorted(root, key=lambda child: PPR_ORDER.index(etree.QName(child).localname))
    return "".join(etree.tostring(child, encoding="unicode").replace(f' xmlns:w="{W_NS}"', "")
                   for child in children)


def _spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    line_attr = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_attr}/>'


def _heading(level: int, size: float, color: str, before: int, after: int, *,
             italic: bool = False, border: bool = False) -> str:
    ppr = "<w:keepNext/><w:keepLines/>"
    if border:
        ppr += f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="{ACCENT}"/></w:pBdr>'
    ppr += _spacing(before, after, 240) + f'<w:outlineLvl w:val="{level - 1}"/>'
    return _style("paragraph", f"Heading{level}", f"heading {level}", based="Normal", next_="BodyText",
                  ppr=ppr, rpr=_font(size, color, bold=True, italic=italic))


def styles_xml() -> str:
    styles = [
        _style("paragraph", "Normal", "Normal", default=True,
               ppr=_spacing(0, 120, 264), rpr=_font(10.5)),
        _style("paragraph", "BodyText", "Body Text", based="Normal", ppr=_spacing(0, 140, 264)),
        _style("paragraph", "Compact", "Compact", based="BodyText", ppr=_spacing(20, 20, 240), custom=True),
        _style("paragraph", "Title", "Title", based="Normal", next_="Subtitle",
               ppr=_spacing(2400, 240, 240), rpr=_font(26, ACCENT, bold=True)),
        _style("paragraph", "Subtitle", "Subtitle", based="Normal", next_="BodyText",
               ppr=_spacing(0, 720, 240), rpr=_font(15, GREY)),
        # The title page's facts (organisation, project, period, date).
        _style("paragraph", "TitleInfo", "Kansilehden tiedot", based="Normal",
               ppr=_spacing(0, 60, 264) + f'<w:ind w:left="{int(4.5 * CM)}" w:hanging="{int(4.5 * CM)}"/>'
               + f'<w:tabs><w:tab w:val="left" w:pos="{int(4.5 * CM)}"/></w:tabs>',
               rpr=_font(11), custom=True),
        _heading(1, 16, ACCENT, 480, 160, border=True),
        _heading(2, 13, ACCENT, 360, 120),
        _heading(3, 11.5, INK, 280, 80),
        _heading(4, 10.5, INK, 240, 60),
        _heading(5, 10.5, GREY, 200, 60, italic=True),
        _heading(6, 10.5, GREY, 200, 60, italic=True),
        # The form's guidance under a section or question heading.
        _style("paragraph", "BlockText", "Block Text", based="BodyText",
               ppr="<w:keepNext/>" + _spacing(0, 140, 252)
               + f'<w:pBdr><w:left w:val="single" w:sz="12" w:space="6" w:color="A6B8CC"/></w:pBdr>'
               + '<w:ind w:left="170"/>',
               rpr=_font(9.5, GREY, italic=True)),
        _style("paragraph", "Quote", "Quote", based="BlockText"),
        # "Ei tietoa tästä kohdasta.": a gap must not look like an answer.
        _style("paragraph", "MissingAnswer", "Puuttuva vastaus", based="BodyText",
               ppr=_spacing(0, 140, 252)
               + '<w:pBdr><w:left w:val="single" w:sz="18" w:space="6" w:color="C55A11"/></w:pBdr>'
               + '<w:shd w:val="clear" w:color="auto" w:fill="FBE9DC"/><w:ind w:left="170"/>',
               rpr=_font(10, "8A3B0A", italic=True), custom=True),
        _style("paragraph", "Caption", "caption", based="Normal", next_="BodyText",
               ppr="<w:keepNext/>" + _spacing(200, 80, 240), rpr=_font(9.5, ACCENT, bold=True)),
        _style("paragraph", "TableCaption", "Table Caption", based="Caption", custom=True),
        _style("paragraph", "ListParagraph", "List Paragraph", based="BodyText",
               ppr=_spacing(0, 60, 264) + '<w:ind w:left="425"/>'),
        _style("paragraph", "FootnoteText", "footnote text", based="Normal",
               ppr=_spacing(0, 40, 240), rpr=_font(9)),
        _style("character", "FootnoteReference", "footnote reference", rpr='<w:vertAlign w:val="superscript"/>'),
        _style("character", "Hyperlink", "Hyperlink", rpr=f'<w:color w:val="1F5FA8"/><w:u w:val="single"/>'),
        _style("paragraph", "TOCHeading", "TOC Heading", based="Heading1", next_="BodyText",
               ppr='<w:pBdr/><w:outlineLvl w:val="9"/>'),
        _style("paragraph", "TOC1", "toc 1", based="Normal", next_="Normal",
               ppr=_spacing(80, 20, 240) + f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>',
               rpr="<w:b/><w:sz w:val=\"19\"/>"),
        _style("paragraph", "TOC2", "toc 2", based="Normal", next_="Normal",
               ppr=_spacing(0, 10, 240) + '<w:ind w:left="284"/>'
               + f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>',
               rpr='<w:sz w:val="19"/>'),
        _style("paragraph", "Footer", "footer", based="Normal", ppr=_spacing(0, 0) + '<w:jc w:val="center"/>',
               rpr=_font(9, GREY)),
        _style("table", "TableNormal", "Normal Table", default=True,
               extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
               '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
               "</w:tblCellMar></w:tblPr>"),
        _table_style(),
    ]
    for depth in range(3):
        suffix = "" if depth == 0 else f" {depth + 1}"
        sid = "" if depth == 0 else str(depth + 1)
        indent = _list_indent(depth)
        for base in ("List Number", "List Bullet"):
            styles.append(_style("paragraph", base.replace(" ", "") + sid, base + suffix, based="BodyText",
                                 ppr=_spacing(0, 60, 264) + f'<w:ind w:left="{indent}" w:hanging="{LIST_HANG}"/>'))
        # A list item's further paragraphs line up with the item's text.
        styles.append(_style("paragraph", "ListContinue" + sid, "List Continue" + suffix, based="BodyText",
                             ppr=_spacing(0, 60, 264) + f'<w:ind w:left="{indent}"/>'))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="fi-FI" w:eastAsia="fi-FI" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        + "".join(styles) + "</w:styles>"
    )


LIST_HANG = styles.LIST_HANGING
_list_indent = styles.list_indent


def _table_style() -> str:
    """Horizontal rules only; a shaded header row; a ruled, bold total (last) row."""
    line = 'w:val="single" w:sz="4" w:space="0" w:color="8EA3B8"'
    strong = f'w:val="single" w:sz="8" w:space="0" w:color="{ACCENT}"'
    return (
        '<w:style w:type="table" w:styleId="Table"><w:name w:val="Table"/><w:basedOn w:val="TableNormal"/>'
        "<w:qFormat/>"
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:rPr>{_font(9.5)}</w:rPr>"
        "<w:tblPr>"
        f"<w:tblBorders><w:top {strong}/><w:bottom {strong}/><w:insideH {line}/></w:tblBorders>"
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="1F3A5F"/></w:rPr>'
        f'<w:tcPr><w:tcBorders><w:bottom {strong}/></w:tcBorders>'
        '<w:shd w:val="clear" w:color="auto" w:fill="E8EEF4"/></w:tcPr></w:tblStylePr>'
        '<w:tblStylePr w:type="lastRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
        f'<w:tcPr><w:tcBorders><w:top {strong}/></w:tcBorders></w:tcPr></w:tblStylePr>'
        "</w:style>"
    )


def document_xml() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        f'<w:pgMar w:top="{int(2.2 * CM)}" w:right="{int(2.2 * CM)}" w:bottom="{int(2.2 * CM)}" '
        f'w:left="{int(2.5 * CM)}" w:header="{int(1.1 * CM)}" w:footer="{int(1.1 * CM)}" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>'
        "</w:body></w:document>"
    )


SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    '<w:defaultTabStop w:val="709"/><w:hyphenationZone w:val="425"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>'
    "</w:settings>"
)

FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)

NUMBERING = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}"/>'

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
    "</Relationships>"
)

APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>raportti</Application><DocSecurity>0</DocSecurity><Company></Company>"
    "</Properties>"
)

CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>raportti: Word-pohja</dc:title><dc:language>fi-FI</dc:language>"
    "</cp:coreProperties>"
)


def main() -> None:
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "docProps/app.xml": APP,
        "docProps/core.xml": CORE,
        "word/document.xml": document_xml(),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(),
        "word/settings.xml": SETTINGS,
        "word/numbering.xml": NUMBERING,
        "word/footnotes.xml": FOOTNOTES,
    }
    with zipfile.ZipFile(TARGET, "w", zipfile.ZIP_DEFLATED) as out:
        for name, text in members.items():
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            out.writestr(entry, text.encode("utf-8"))
    print(f"Wrote {TARGET}")


if __name__ == "__main__":
    main()
