"""Page and figure counts of the example × form builds that scripts/pages.sh wrote.

    python scripts/measure_pages.py [DIR]      (default DIR: build/pages)

Prints one Markdown table row per build: pages (from the PDF, as LibreOffice laid it
out), tables, and the figures printed: each number in a table cell, and each number in
the running text (a number grouped by spaces counts once; years and dates count too).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBER = re.compile(r"\d+(?:[\u00a0\u202f ]\d{3})*(?:,\d+)?")


def pdf_pages(pdf: Path) -> int | str:
    try:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "?"
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(match.group(1)) if match else "?"


def counts(docx: Path) -> tuple[int, int, int]:
    with zipfile.ZipFile(docx) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
    tables = body.findall(".//" + W + "tbl")
    in_tables = sum(len(NUMBER.findall("".join(t.text or "" for t in p.iter(W + "t"))))
                    for tbl in tables for p in tbl.iter(W + "p"))
    in_text = 0
    for p in body.iter(W + "p"):
        if any(a.tag == W + "tbl" for a in p.iterancestors()):
            continue
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(W + "val", "").lower().startswith(("toc", "tablecaption")):
            continue  # the contents' page numbers and "Taulukko N." are not the report's figures
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        in_text += len(NUMBER.findall(text))
    return len(tables), in_tables, in_text


def main(folder: Path) -> None:
    print("| build | pages | tables | figures in tables | figures in text |")
    print("|---|---:|---:|---:|---:|")
    for docx in sorted(folder.glob("*--*.docx")):
        tables, in_tables, in_text = counts(docx)
        print(f"| {docx.stem} | {pdf_pages(docx.with_suffix('.pdf'))} | {tables} | {in_tables} | {in_text} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "build" / "pages")
