#!/usr/bin/env python3
"""Reading a large DOCX: raportti's guarded reader against LibreOffice reading the same file.

    pip install '.[bench]'
    python bench/docxread.py [--repeat N] [--pages 300]

Makes a real-looking report of about 300 pages (the Varsinais-Suomi example's final
report as raportti writes it, its chapters repeated as appendices, with pictures) and
measures, each in a fresh process, the median wall time and peak memory of

- ``raportti textconv`` of it (what ``git diff`` runs),
- ``raportti import`` of it into a new project,
- ``raportti build`` of the Pohjois-Pohjanmaa example with it as ``--reference-doc``
  (and the same build with raportti's own template, to show what reading it adds),

against ``soffice --headless --convert-to txt`` of the same file. It also says how much of
each limit of raportti.source.docxfile the document uses. The results go to
bench/docx-results.md.
"""

from __future__ import annotations

import argparse
import io
import platform
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import compare, run_once  # noqa: E402 - the same measuring as bench/run.py

PYTHON = sys.executable


def _png(width: int, height: int, seed: int) -> bytes:
    """A photo-like picture: noise does not compress, as a photo's pixels hardly do."""
    import random

    rng = random.Random(seed)
    rows = b"".join(b"\0" + rng.randbytes(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b"")


def make_document(path: Path, pages: int) -> None:
    """The example's final report, its chapters repeated as appendices to ``pages`` pages
    (about 45 lines of text a page), with a picture every ten pages."""
    from docx.shared import Cm

    from raportti.build import build
    from raportti.source.docxfile import open_document

    with tempfile.TemporaryDirectory() as tmp:
        build(ROOT / "examples" / "varsinais-suomi", report="loppuraportti", out_dir=Path(tmp), formats=("md",))
        markdown = (Path(tmp) / "loppuraportti.md").read_text(encoding="utf-8")
    body = markdown.split("\n## ", 1)[1]
    words_per_page = 450
    parts = [markdown]
    appendix = 0
    while sum(len(p.split()) for p in parts) < pages * words_per_page:
        appendix += 1
        parts.append(f"\n## Liite {appendix}\n\n### " + body.replace("\n## ", "\n### "))
    from raportti.writers.docx import DocumentInfo, markdown_to_docx

    data = markdown_to_docx("\n".join(parts), DocumentInfo(title="Loppuraportti", project="Vertailu"))
    document = open_document(data, "the benchmark document")
    for i in range(pages // 10):
        document.add_paragraph(f"Kuva {i + 1}. Tapahtumasta.")
        document.add_picture(io.BytesIO(_png(480, 320, i)), width=Cm(12))
    document.save(str(path))


def limits_used(path: Path) -> list[str]:
    """How much of each limit the document uses."""
    from lxml import etree

    from raportti.source.docxfile import LIMITS

    with zipfile.ZipFile(path) as package:
        infos = package.infolist()
        nodes = depth_max = 0
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            depth = 0
            for event, element in etree.iterparse(io.BytesIO(package.read(info)), events=("start", "end")):
                if event == "start":
                    depth += 1
                    depth_max = max(depth_max, depth)
                    nodes += 1 + len(element.attrib)
                else:
                    depth -= 1
                    element.clear()
    total = sum(i.file_size for i in infos)
    largest = max(i.file_size for i in infos)
    rows = [
        ("the .docx file", path.stat().st_size, LIMITS.file_bytes),
        ("parts", len(infos), LIMITS.members),
        ("largest part, unpacked", largest, LIMITS.member_bytes),
        ("all parts, unpacked", total, LIMITS.total_bytes),
        ("XML elements and attributes", nodes, LIMITS.xml_nodes),
        ("XML depth", depth_max, LIMITS.xml_depth),
    ]
    return [f"{name:32} {used:>12,} of {limit:>12,}  ({100 * used / limit:4.1f} %)" for name, used, limit in rows]


def pdf_pages(path: Path, soffice: str | None) -> int | None:
    if soffice is None or shutil.which("pdfinfo") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(path)], capture_output=True, timeout=600)
        pdf = Path(tmp) / (path.stem + ".pdf")
        if not pdf.exists():
            return None
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--make", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make_document(Path(args.make), args.pages)
        return
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    work = Path(tempfile.mkdtemp(prefix="raportti-bench-docx-"))
    try:
        document = work / "raportti-300.docx"
        # Made in a process of its own: a child of this process would start with its peak
        # memory (the kernel counts a process's peak from before its exec).
        subprocess.run([PYTHON, __file__, "--make", str(document), "--pages", str(args.pages)], check=True)
        pages = pdf_pages(document, soffice)
        raportti = [PYTHON, "-m", "raportti"]
        out = work / "out"
        commands = {
            "textconv": raportti + ["textconv", str(document)],
            "import": [PYTHON, "-c", "import shutil, sys, runpy; shutil.rmtree(sys.argv[1], True); "
                       "sys.argv = ['raportti', 'import', sys.argv[2], '--report', 'loppuraportti', '-o', sys.argv[1]]; "
                       "runpy.run_module('raportti', run_name='__main__')", str(work / "imported"), str(document)],
            "build --reference-doc": raportti + ["build", str(ROOT / "examples" / "pohjois-pohjanmaa"), "-o", str(out),
                                                 "--reference-doc", str(document)],
            "build (own template)": raportti + ["build", str(ROOT / "examples" / "pohjois-pohjanmaa"), "-o", str(out)],
        }
        if soffice:
            commands["LibreOffice --convert-to txt"] = [
                soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(work / "txt"), str(document)]
        samples = compare(commands, args.repeat)
        median = {name: (statistics.median(s.seconds for s in runs), statistics.median(s.max_rss_mb for s in runs))
                  for name, runs in samples.items()}
        lines = [f"document: {document.stat().st_size / 1e6:.1f} MB, "
                 + (f"{pages} pages as LibreOffice lays it out" if pages else "pages not counted (no LibreOffice)"),
                 "", f"{'command':34} {'s':>7} {'MB':>7}"]
        for name, (seconds, mb) in median.items():
            lines.append(f"{name:34} {seconds:7.2f} {mb:7.1f}")
        if soffice:
            peer_s, peer_mb = median["LibreOffice --convert-to txt"]
            lines += ["", f"{'against LibreOffice':34} {'time':>7} {'memory':>7}"]
            for name in ("textconv", "import", "build --reference-doc"):
                seconds, mb = median[name]
                lines.append(f"{name:34} {seconds / peer_s:7.2f} {mb / peer_mb:7.2f}")
        lines += ["", "limits of raportti.source.docxfile used by the document:"] + subprocess.run(
            [PYTHON, "-c", "import sys, runpy; m = runpy.run_path(sys.argv[1]); "
             "print('\\n'.join(m['limits_used'](__import__('pathlib').Path(sys.argv[2]))))", __file__, str(document)],
            capture_output=True, text=True, check=True).stdout.splitlines()
        text = "\n".join(lines)
        print(text)
        machine = f"{platform.machine()}, Python {platform.python_version()}, {platform.system()} {platform.release()}"
        (ROOT / "bench" / "docx-results.md").write_text(
            "# Reading a 300-page DOCX (`python bench/docxread.py`)\n\n"
            f"Medians of {args.repeat} runs each, alternating, fresh processes; {machine}.\n\n"
            "```\n" + text + "\n```\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
