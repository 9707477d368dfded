"""Write the invented example's survey exports (examples/keksitty-esimerkki/2025/).

Every respondent, name, address and answer here is made up. The files take the shapes the
survey tools give: an XLSX as Microsoft Forms exports it (ID, start and end time, e-mail,
name, last modified, then one column per question; a multiple-choice answer joined as
"A;B;"), and a CSV as Webropol exports it (semicolon separated, UTF-8 with a byte order
mark, Windows line ends, respondent columns first). Run it again only to change the
example's answers: it overwrites both files.

    python scripts/make_survey_exports.py
"""

from __future__ import annotations

import datetime
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

FOLDER = Path(__file__).resolve().parent.parent / "examples" / "keksitty-esimerkki" / "2025"

FIRST = ["Aino", "Eino", "Helmi", "Toivo", "Lyyli", "Väinö", "Elsa", "Onni", "Siiri", "Urho"]
LAST = ["Esimerkki", "Keksitty", "Mallinen", "Kuvitelma", "Testinen"]

SATISFACTION = ["Erittäin tyytymätön", "Melko tyytymätön", "En tyytyväinen enkä tyytymätön",
                "Melko tyytyväinen", "Erittäin tyytyväinen"]
AGREEMENT = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "En samaa enkä eri mieltä",
             "Jokseenkin samaa mieltä", "Täysin samaa mieltä", "En osaa sanoa"]
ACTIVITIES = ["Kahvittelu ja jutustelu", "Tuolijumppa", "Muistipelit", "Retket", "Kuljetusapu"]
COMMENTS = ["Kiitos ohjaajille, kahvi on aina hyvää!", "Toivoisin lisää retkiä kesällä.",
            "Tuvalle on vaikea päästä talvella ilman kyytiä.", "Hyvä paikka tavata naapureita.",
            None, None, "Muistipelit ovat hauskoja."]


def person(i: int) -> tuple[str, str]:
    first, last = FIRST[i % len(FIRST)], LAST[i % len(LAST)]
    return f"{first} {last} (keksitty)", f"vastaaja{i + 1:02d}@esimerkki.invalid"


def participants() -> list[list]:
    """29 invented responses of the participants' survey (Microsoft Forms)."""
    satisfaction = [5] * 14 + [4] * 13 + [3] * 2
    agreement = [4] * 12 + [3] * 9 + [2] * 4 + [1] * 1 + [5] * 3  # indexes into AGREEMENT
    rows = []
    start = datetime.datetime(2025, 11, 3, 10, 0)
    for i in range(29):
        name, mail = person(i)
        began = start + datetime.timedelta(days=i // 6, minutes=37 * i)
        chosen = [a for j, a in enumerate(ACTIVITIES) if (i + j) % (j + 2) == 0] or [ACTIVITIES[0]]
        rows.append([
            i + 1, began, began + datetime.timedelta(minutes=4 + i % 5), mail, name,
            SATISFACTION[satisfaction[(i * 7) % 29] - 1],
            AGREEMENT[agreement[(i * 11) % 29]],
            "".join(a + ";" for a in chosen),
            COMMENTS[i % len(COMMENTS)],
        ])
    return rows


PARTICIPANT_HEADINGS = [
    "Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi",
    "Kuinka tyytyväinen olet kylätupaan kokonaisuutena?",
    "Tupa on lisännyt yhteydenpitoani muihin kyläläisiin.",
    "Mihin tuvan toimintoihin osallistuit syksyn aikana?",
    "Mitä muuta haluat sanoa tuvan ohjaajille?",
]

VOLUNTEER_HEADINGS = [
    "Vastaajan tunniste", "Vastausaika", "Nimi", "Sähköpostiosoite", "Puhelinnumero",
    "Kuinka hyvin sait tukea hankkeen työntekijöiltä? (1 = huonosti, 5 = erittäin hyvin)",
    "Kuinka monta tuntia kuukaudessa ohjasit tupaa keskimäärin?",
    "Jatkatko tupaohjaajana ensi vuonna?",
    "Mitä toivot ensi vuoden koulutukselta?",
]


def volunteers() -> list[list[str]]:
    """13 invented responses of the volunteers' survey (Webropol)."""
    support = [5, 5, 4, 5, 4, 4, 5, 3, 5, 4, 5, 4, 5]
    hours = ["4,5", "6", "3", "8", "2,5", "5", "4", "6,5", "3", "4", "10", "2", "5"]
    going_on = ["Kyllä"] * 9 + ["En vielä tiedä"] * 3 + ["En"]
    wishes = ["Ensiapukurssi", "", "Lisää muistipelejä ja vinkkejä", "Tapaamisia muiden ohjaajien kanssa",
              "", "Miten ottaa puheeksi yksinäisyys", "", "", "Tuolijumpan ohjaamista", "", "", "", "Retkien suunnittelua"]
    rows = []
    for i in range(13):
        name, mail = person(40 + i)
        when = datetime.datetime(2025, 10, 20, 18, 0) + datetime.timedelta(hours=29 * i)
        rows.append([str(9000 + i), when.strftime("%d.%m.%Y %H:%M"), name, mail.replace("vastaaja", "ohjaaja"),
                     f"040 000 {i:04d}", str(support[i]), hours[i], going_on[(i * 5) % 13], wishes[i]])
    return rows


# -- writing ------------------------------------------------------------------------------


def csv_text(headings: list[str], rows: list[list[str]], delimiter: str = ";") -> str:
    def cell(value: str) -> str:
        if any(c in value for c in (delimiter, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(delimiter.join(cell(v) for v in row) + "\r\n" for row in [headings, *rows])


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


EXCEL_EPOCH = datetime.datetime(1899, 12, 30)


def xlsx_bytes(headings: list[str], rows: list[list], path: Path) -> None:
    """A workbook of one sheet as Microsoft Forms writes it: shared strings, times as serial numbers."""
    strings: list[str] = []
    index: dict[str, int] = {}

    def shared(text: str) -> int:
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    sheet_rows = []
    for r, row in enumerate([headings, *rows], 1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, datetime.datetime):
                serial = (value - EXCEL_EPOCH).total_seconds() / 86400
                cells.append(f'<c r="{ref}" s="1"><v>{serial:.8f}</v></c>')
            elif isinstance(value, (int, float)):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{shared(str(value))}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{main}">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="d.m.yyyy h:mm"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="2"><xf/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>'),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{main}">'
            f'<sheetData>{"".join(sheet_rows)}</sheetData></worksheet>'),
    }
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{main}" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    # Fixed time stamps: the same answers make the same bytes.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 12, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


def main() -> int:
    xlsx_bytes(PARTICIPANT_HEADINGS, participants(), FOLDER / "osallistujakysely-2025.xlsx")
    (FOLDER / "tupaohjaajakysely-2025.csv").write_bytes(
        ("\ufeff" + csv_text(VOLUNTEER_HEADINGS, volunteers())).encode("utf-8"))
    print(f"wrote {FOLDER / 'osallistujakysely-2025.xlsx'} and {FOLDER / 'tupaohjaajakysely-2025.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
