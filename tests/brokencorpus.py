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
