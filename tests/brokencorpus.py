"""A seeded generator of broken copies of the examples, for tests/test_broken_inputs.py.

Each case is one of the two examples with one or two mutations drawn from what
coordinators and their tools do to files: YAML syntax (a character gone, a stray
indicator, a tab, a line cut), the data format (a key misspelt, a value of the wrong
kind, a block repeated, a stray brace), numbers (.nan, 1e400, -65, forty digits) and
the file system (links to themselves, to each other and out of the project, named
pipes, folders where files go, aliases that blow a file up). The same seed gives the
same case on every machine, so a failure can be reproduced by its number.
"""

from __future__ import annotations

import os
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SOURCES = ("pohjois-pohjanmaa", "varsinais-suomi")
# What a link out of the project leads to: it must never appear in any output.
SECRET = "SALAINEN-9f3a"

NUMBERS = [".nan", ".NaN", ".inf", "-.inf", "+.inf", "1e400", "-1e400", "-65", "-0.5", "-0.0",
           "1234567890123456789012345678901234567890", "1e12", "999999999999", "0x1F", "0o17", "1_000",
           "3.0e-300", "2,5", "'12'", "12 kpl", "~", "true", "[1, 2]", "{}"]
SYNTAX_CHARS = list(":{}[]-#&*!|>'\"%@`,?\t") + ["\\", ": ", "- ", "{{", "}}", "&a ", "*a", "<<: *a", "!!python/object:os.system "]
BRACES = ["{", "}", "{ team_meetings }", "{agents", "participants}", "{}", "{nimi puuttuu}", "{x:fancy}",
          "{2018.activities.team_meetings}", "{{", "}}", "{project.nothing}"]
KEY = re.compile(r"^(\s*(?:- )?)([A-Za-z_][A-Za-z0-9_]*):", re.MULTILINE)
NUMBER = re.compile(r"(?<=[\s:{\[,])-?\d+(?:\.\d+)?(?=[\s,}\]]|$)", re.MULTILINE)


@dataclass
class Case:
    """A broken project: files by relative path (text, bytes, or a special entry)."""

    seed: int
    source: str
    files: dict[str, object]
    mutations: list[str] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)  # the files the mutations changed

    def describe(self) -> str:
        return f"seed {self.seed} ({self.source}): " + "; ".join(self.mutations)


@dataclass(frozen=True)
class Link:
    target: str  # relative to the link's folder, or absolute; "{secret}" for the secret file


@dataclass(frozen=True)
class Fifo:
    pass


@dataclass(frozen=True)
class Folder:
    pass


def read_example(name: str) -> dict[str, object]:
    root = EXAMPLES / name
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*.yaml")) if "build" not in p.parts}


_CACHE: dict[str, dict[str, object]] = {}


def make_case(seed: int) -> Case:
    rng = random.Random(seed)
    source = SOURCES[seed % 2]
    if source not in _CACHE:
        _CACHE[source] = read_example(source)
    case = Case(seed, source, dict(_CACHE[source]))
    for _ in range(rng.choice((1, 1, 1, 2))):
        kind = rng.choice(MUTATIONS)
        kind(rng, case)
    return case


def _text_file(rng: random.Random, case: Case) -> str:
    names = [n for n, c in case.files.items() if isinstance(c, str) and c]
    return rng.choice(names)


def _lines(case: Case, name: str) -> list[str]:
    return case.files[name].split("\n")  # type: ignore[union-attr]


# -- YAML syntax ---------------------------------------------------------------------------


def delete_char(rng, case):
    name = _text_file(rng, case)
    text = case.files[name]
    at = rng.randrange(len(text))
    case.files[name] = text[:at] + text[at + 1:]
    case.touched.append(name)
    case.mutations.append(f"{name}: character {at} deleted")


def insert_syntax(rng, case):
    name = _text_file(rng, case)
    text = case.files[name]
    at, what = rng.randrange(len(text)), rng.choice(SYNTAX_CHARS)
    case.files[name] = text[:at] + what + text[at:]
    case.touched.append(name)
    case.mutations.append(f"{name}: {what!r} inserted at {at}")


def line_edit(rng, case):
    name = _text_file(rng, case)
    lines = _lines(case, name)
    i = rng.randrange(len(lines))
    how = rng.choice(("delete", "duplicate", "indent", "dedent", "tab", "swap", "cut"))
    if how == "delete":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[i])
    elif how == "indent":
        lines[i] = " " * rng.choice((1, 2, 3, 4)) + lines[i]
    elif how == "dedent":
        lines[i] = lines[i].lstrip()
    elif how == "tab":
        lines[i] = "\t" + lines[i]
    elif how == "swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif how == "cut":
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        del lines[i + 1:]
    case.files[name] = "\n".join(lines)
    case.touched.append(name)
    case.mutations.append(f"{name}: line {i + 1} {how}")


def encoding(rng, case):
    name = _text_file(rng, case)
    text = case.files[name]
    how = rng.choice(("latin-1", "nul", "bom", "crlf", "utf-16", "truncated-utf8"))
    if how == "latin-1":
        data: object = text.encode("latin-1", errors="replace")
    elif how == "nul":
        at = rng.randrange(len(text))
        data = text[:at] + "\x00" + text[at:]
    elif how == "bom":
        data = "\ufeff" + text
    elif how == "crlf":
        data = text.replace("\n", "\r\n")
    elif how == "utf-16":
        data = text.encode("utf-16")
    else:
        raw = text.encode("utf-8")
        cut = raw.find("ä".encode()) + 1 or len(raw)
        data = raw[:cut]
    case.files[name] = data
    case.touched.append(name)
    case.mutations.append(f"{name}: {how}")


def deep_nesting(rng, case):
    name = _text_file(rng, case)
    depth = rng.choice((200, 1000, 10_000))
    case.files[name] = "figures:\n  x: " + "[" * depth + "1" + "]" * depth + "\n"
    case.touched.append(name)
    case.mutations.append(f"{name}: nested {depth} deep")


def alias_bomb(rng, case):
    name = rng.choice([n for n in case.files if n.endswith(("activities.yaml", "plans.yaml"))])
    if rng.random() < 0.5:
        lines = ["figures:", "  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        lines += [f"  {b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
        lines.append("sections: *i")
        case.mutations.append(f"{name}: nested alias bomb")
    else:
        text = ("Hanke edistää yhteistyötä. " * 4000)[:100_000]
        lines = ["sections:", "  - title: Eka", "    text: &big |", "      " + text]
        lines += [line for i in range(rng.choice((300, 1000))) for line in (f"  - title: Osa {i}", "    text: *big")]
        case.mutations.append(f"{name}: a 100 kB text aliased hundreds of times")
    case.files[name] = "\n".join(lines) + "\n"
    case.touched.append(name)


# -- the data format -----------------------------------------------------------------------


def rename_key(rng, case):
    name = _text_file(rng, case)
    text = case.files[name]
    keys = list(KEY.finditer(text))
    if not keys:
        return delete_char(rng, case)
    match = rng.choice(keys)
    key = match.group(2)
    new = rng.choice((key[:-1], key + "s", key.upper(), "tuntematon", key[1:] or "x"))
    case.files[name] = text[: match.start(2)] + new + text[match.end(2):]
    case.touched.append(name)
    case.mutations.append(f"{name}: key {key!r} renamed {new!r}")


def wrong_kind(rng, case):
    name = _text_file(rng, case)
    text = case.files[name]
    keys = list(KEY.finditer(text))
    if not keys:
        return insert_syntax(rng, case)
    match = rng.choice(keys)
    end = text.find("\n", match.end())
    end = len(text) if end < 0 else end
    value = rng.choice((" [a, b]", " {x: 1}", " 42", " ''", "", " 2019-02-30", " !!binary aGVp", " *nowhere",
                        " !!python/object/apply:os.system ['echo pwned']"))
    case.files[name] = text[: match.end()] + value + text[end:]
    case.touched.append(name)
    case.mutations.append(f"{name}: {match.group(2)} set to{value!r}")


def repeat_block(rng, case):
    name = rng.choice([n for n, c in case.files.items() if isinstance(c, str) and "\n  - id: " in c]
                      or [_text_file(rng, case)])
    text = case.files[name]
    starts = [m.start() for m in re.finditer(r"^  - ", text, re.MULTILINE)]
    if len(starts) < 2:
        return rename_key(rng, case)
    i = rng.randrange(len(starts) - 1)
    block = text[starts[i]: starts[i + 1]]
    case.files[name] = text[: starts[i + 1]] + block + text[starts[i + 1]:]
    case.touched.append(name)
    case.mutations.append(f"{name}: block {i} repeated")


def stray_brace(rng, case):
    name = _text_file(rng, case)
    text = case.files[name]
    spots = [m.end() for m in re.finditer(r"\b(?:on|ja|hanke|kertaa)\b", text)]
    if not spots:
        return insert_syntax(rng, case)
    at, what = rng.choice(spots), rng.choice(BRACES)
    case.files[name] = text[:at] + " " + what + text[at:]
    case.touched.append(name)
    case.mutations.append(f"{name}: {what!r} written into a text at {at}")


def wrong_file(rng, case):
    name = _text_file(rng, case)
    how = rng.choice(("empty", "comment-only", "list", "renamed", "moved-year"))
    content = case.files.pop(name)
    if how == "empty":
        case.files[name] = ""
    elif how == "comment-only":
        case.files[name] = "# vain kommentti\n"
    elif how == "list":
        case.files[name] = "- a\n- b\n"
    elif how == "renamed":
        case.files[name.replace(".yaml", "s.yaml")] = content
    else:
        case.files["vuosi-" + name] = content
    case.touched += [n for n in case.files if n.endswith(name)]
    case.mutations.append(f"{name}: {how}")


# -- numbers -------------------------------------------------------------------------------


def bad_number(rng, case):
    names = [n for n, c in case.files.items() if isinstance(c, str) and NUMBER.search(c)]
    if not names:
        return insert_syntax(rng, case)
    name = rng.choice(names)
    text = case.files[name]
    match = rng.choice(list(NUMBER.finditer(text)))
    value = rng.choice(NUMBERS)
    case.files[name] = text[: match.start()] + value + text[match.end():]
    case.touched.append(name)
    case.mutations.append(f"{name}: number {match.group(0)} replaced by {value}")


# -- the file system -----------------------------------------------------------------------


def file_system(rng, case):
    names = [n for n in case.files if "/" in n]
    name = rng.choice(names)
    folder = name.rsplit("/", 1)[0]
    how = rng.choice(("self-link", "mutual-links", "link-out", "fifo", "folder", "dangling", "year-loop",
                      "link-inside", "project-out"))
    if how == "self-link":
        case.files[name] = Link(name.rsplit("/", 1)[1])
    elif how == "mutual-links":
        other = rng.choice([n for n in names if n.startswith(folder + "/") and n != name] or [name])
        case.files[name] = Link(other.rsplit("/", 1)[1])
        case.files[other] = Link(name.rsplit("/", 1)[1])
    elif how == "link-out":
        case.files[name] = Link("{secret}")
    elif how == "project-out":
        case.files["project.yaml"] = Link("{secret}")
    elif how == "fifo":
        case.files[name] = Fifo()
    elif how == "folder":
        case.files[name] = Folder()
    elif how == "dangling":
        case.files[name] = Link("nowhere.yaml")
    elif how == "year-loop":
        case.files["2031"] = Link("2031")
    else:
        case.files["jaettu.yaml"] = case.files[name]
        case.files[name] = Link("../jaettu.yaml")
    case.touched.append(name)
    case.mutations.append(f"{name}: {how}")


MUTATIONS = [delete_char, insert_syntax, insert_syntax, line_edit, line_edit, encoding, deep_nesting,
             alias_bomb, rename_key, wrong_kind, wrong_kind, repeat_block, stray_brace, stray_brace, wrong_file,
             bad_number, bad_number, bad_number, file_system, file_system, file_system]

POSIX = sys.platform != "win32"


def write_case(case: Case, root: Path, secret: Path) -> None:
    """Write a case's project into ``root`` (links and pipes only where the OS has them)."""
    for name, content in case.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            if POSIX:
                os.symlink(str(secret) if content.target == "{secret}" else content.target, path)
        elif isinstance(content, Fifo):
            if POSIX:
                os.mkfifo(path)
        elif isinstance(content, Folder):
            path.mkdir()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")  # type: ignore[arg-type]


# -- the DOCX family: hostile and damaged Word files ----------------------------------------
#
# Each is made here, small on disk, from raportti's own document of a short text; what it
# must be refused with is a phrase of the plain error (tests/test_broken_inputs.py runs
# import, textconv and build --reference-doc on each).

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _base_members() -> dict[str, bytes]:
    import io
    import zipfile

    from raportti.writers.docx import markdown_to_docx
    from raportti.writers.wordtemplate import DocumentInfo

    data = markdown_to_docx("# Otsikko\n\nTeksti.\n\n1. yksi\n2. kaksi\n", DocumentInfo(title="Testi"))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def _zip(members: dict[str, object], level: int = 6) -> bytes:
    """A zip archive of ``members``: bytes, or an iterable of chunks written as they come."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as package:
        for name, content in members.items():
            if isinstance(content, bytes):
                package.writestr(name, content)
            else:
                with package.open(name, "w", force_zip64=True) as handle:
                    for chunk in content:
                        handle.write(chunk)
    return out.getvalue()


def _document(body_chunks, repeat: int = 1):
    """document.xml as chunks: the body's chunk ``repeat`` times between the start and end."""
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>'.encode()
    for _ in range(repeat):
        yield body_chunks
    yield b"</w:body></w:document>"


def _declare_size(data: bytes, member: str, size: int) -> bytes:
    """The archive with the unpacked size its central directory states for ``member`` changed."""
    import struct

    name = member.encode()
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(name))  # the member's central directory entry
    return data[:at + 24] + struct.pack("<I", size) + data[at + 28:]


def _flip(data: bytes, member: str) -> bytes:
    """The archive with bytes in the middle of ``member``'s compressed data damaged."""
    import zipfile
    import io

    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 2
    damaged = bytearray(data)
    for i in range(start, min(start + 40, start + info.compress_size)):
        damaged[i] ^= 0x5A
    return bytes(damaged)


def docx_cases() -> dict[str, tuple[object, str]]:
    """Name → (a function making the file's bytes, a phrase of the error it must give; or
    command → phrase for the commands it harms)."""
    base = _base_members()
    MB = 1024 * 1024

    def with_(**parts):
        members = dict(base)
        members.update({k.replace("__", "/").replace("_DOT_", "."): v for k, v in parts.items()})
        return members

    def big_document():  # 200 MB of empty paragraphs in 1 MB on disk (the reference doc)
        return _zip(with_(**{"word__document_DOT_xml": _document(b"<w:p/>" * (MB // 6), 200)}), level=1)

    def many_nodes():  # 60 MB of empty paragraphs: within the size of a part, 10 million elements
        return _zip(with_(**{"word__document_DOT_xml": _document(b"<w:p/>" * (MB // 6), 60)}), level=1)

    def styles_said_4_gb():
        return _declare_size(_zip(base), "word/styles.xml", 0xFFFFFF00)

    def styles_larger_than_said():  # 150 MB of styles that the archive says are 13 kB
        filler = _document(b"<w:p/>" * (MB // 6), 150)
        return _declare_size(_zip(with_(**{"word__styles_DOT_xml": filler}), level=1), "word/styles.xml", 13000)

    def parts_together_too_large():
        members = with_(**{f"word__media__image{i}_DOT_png": b"\x89PNG" + b"\0" * 1000 for i in range(4)})
        data = _zip(members)
        for i in range(4):
            data = _declare_size(data, f"word/media/image{i}.png", 90 * MB)
        return data

    def many_parts():
        return _zip(with_(**{f"word__media__p{i}_DOT_bin": b"x" for i in range(6000)}), level=1)

    def deep():
        return _zip(with_(**{"word__document_DOT_xml": _document(b"<w:sdt>" * 10000 + b"</w:sdt>" * 10000)}))

    def entities():  # "billion laughs": entities that would expand to gigabytes
        laughs = b'<!DOCTYPE w:document [<!ENTITY a "hahahahahahahaha">' + b"".join(
            b'<!ENTITY %s "%s">' % (bytes([98 + i]), bytes([97 + i]) * 0 + (b"&" + bytes([97 + i]) + b";") * 16)
            for i in range(8)) + b"]>"
        doc = (b'<?xml version="1.0"?>' + laughs + f"<w:document {W_NS}><w:body><w:p><w:r><w:t>&i;</w:t>"
               "</w:r></w:p></w:body></w:document>".encode())
        return _zip(with_(**{"word__document_DOT_xml": doc}))

    def damaged_deflate():
        return _flip(_zip(base), "word/document.xml")

    def damaged_xml():
        return _zip(with_(**{"word__document_DOT_xml": base["word/document.xml"][:-30]}))

    def long_paragraph():  # raportti's own kind of document with one 20 MB paragraph
        text = b"<w:p><w:r><w:t>" + b"Pitk\xc3\xa4 teksti. " * (20 * MB // 14) + b"</w:t></w:r></w:p>"
        return _zip(with_(**{"word__document_DOT_xml": _document(text)}), level=1)

    def truncated():
        data = _zip(base)
        return data[: len(data) // 2]

    def encrypted():
        data = bytearray(_zip(base))
        at = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml"))
        data[at + 8] |= 1  # the "encrypted" flag of the central directory entry
        return bytes(data)

    def missing_part():
        members = dict(base)
        del members["word/styles.xml"]
        return _zip(members)

    def spreadsheet():
        types = base["[Content_Types].xml"].replace(
            b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml")
        return _zip(with_(**{"[Content_Types]_DOT_xml": types}))

    def bad_numbering():
        doc = base["word/document.xml"].replace(b'w:numId w:val="', b'w:numId w:val="x', 1)
        return _zip(with_(**{"word__document_DOT_xml": doc}))

    return {
        "200 MB of empty paragraphs": (big_document, "unpacks to more than 100 MB"),
        "10 million elements": (many_nodes, "elements and attributes together"),
        "styles.xml said to be 4 GB": (styles_said_4_gb, "unpacks to more than 100 MB"),
        "styles.xml larger than it says": (styles_larger_than_said, "is damaged"),
        "parts together over 250 MB": (parts_together_too_large, "more than 250 MB together"),
        "6000 parts": (many_parts, "holds 6"),
        "elements 10 000 deep": (deep, "more than 160 deep"),
        "entities that expand to gigabytes": (entities, "declares a DTD"),
        "damaged deflate data": (damaged_deflate, "is damaged"),
        "damaged XML": (damaged_xml, "is damaged XML"),
        "a 20 MB paragraph": (long_paragraph, "longer than 10 MB"),
        "cut in half": (truncated, "is damaged"),
        "an encrypted part": (encrypted, "is damaged"),
        "a part it refers to is missing": (missing_part, "missing a part"),
        "a spreadsheet named .docx": (spreadsheet, "not a Word document"),
        # Only textconv reads list numbers as numbers; import and build read the file as usual.
        "a list number that is not a number": (bad_numbering, {"textconv": "does not understand"}),
    }


#: The cases that would take the machine down if read without limits: run in a process of
#: their own, whose memory is measured.
DOCX_HEAVY = ("200 MB of empty paragraphs", "10 million elements", "styles.xml larger than it says",
              "a 20 MB paragraph", "entities that expand to gigabytes", "6000 parts")


def run_docx_commands(path: str, project: str, out: str) -> list[dict]:
    """textconv, import and build --reference-doc of one DOCX, each with its exit code,
    output and time (run in the test's process, or in a child whose memory is measured)."""
    import time

    from click.testing import CliRunner

    from raportti.cli.app import main

    results = []
    for args in (["textconv", path],
                 ["import", path, "--report", "loppuraportti", "-o", f"{out}/import"],
                 ["build", project, "--report", "valikysely-2019", "-o", f"{out}/build", "--reference-doc", path]):
        start = time.monotonic()
        result = CliRunner().invoke(main, args)
        error = result.exception if not isinstance(result.exception, SystemExit) else None
        results.append({"command": args[0], "exit": result.exit_code, "output": result.output,
                        "seconds": time.monotonic() - start, "exception": repr(error) if error else None})
    return results


if __name__ == "__main__":  # python tests/brokencorpus.py DOCX PROJECT OUT: run_docx_commands as JSON
    import json

    print(json.dumps(run_docx_commands(*sys.argv[1:4])))
