"""Reading YAML files: fast data, and source positions only when a problem needs them.

Files are parsed into plain Python data by the fast path in :mod:`raportti.source.events`,
or, when a file uses rarer YAML features, by ruamel.yaml's safe loader, which refuses
tags that would construct objects. Source positions come from a second parse
into YAML nodes (with their marks) that happens only for a file that has something to
report: most files never pay for it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from raportti.i18n.messages import _
from raportti.source import events as yamlevents
from raportti.problems import Problem

Loc = tuple[str | int, ...]


class _CheckedConstructor(SafeConstructor):
    """The safe constructor, but an impossible date (2025-02-30) is a located error,
    not a crash."""

    def construct_checked_timestamp(self, node):  # type: ignore[no-untyped-def]
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise ConstructorError(
                None, None, f"impossible date '{node.value}': {exc}", node.start_mark
            ) from None


_CheckedConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _CheckedConstructor.construct_checked_timestamp
)


class _CachedResolver(VersionedResolver):
    """ruamel.yaml works out which YAML version's rules apply for every scalar it
    resolves; a file has one version, so it is worked out once (a third of the load
    time of a large project went there)."""

    @property
    def versioned_resolver(self) -> Any:
        cached = self.__dict__.get("_raportti_cached")
        if cached is None:
            cached = self.__dict__["_raportti_cached"] = VersionedResolver.versioned_resolver.fget(self)
        return cached


_DATES = _CheckedConstructor()


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe")
    yaml.Resolver = _CachedResolver
    yaml.Constructor = _CheckedConstructor
    yaml.allow_duplicate_keys = False
    return yaml


@dataclass
class SourceFile:
    """One YAML file: its text, its data, and positions on demand."""

    path: Path
    text: str
    data: Any
    _tree: Any = field(default=None, repr=False)
    _lines: list[str] | None = field(default=None, repr=False)

    # -- positions ---------------------------------------------------------------

    def _nodes(self) -> Any:
        # Node marks from the composer (C-accelerated when ruamel.yaml.clib is there)
        # give positions at a fraction of a round-trip parse's cost.
        if self._tree is None:
            try:
                self._tree = _safe_yaml().compose(self.text)
            except YAMLError:  # the data parse succeeded, so this is not expected
                self._tree = False
        return self._tree

    def position(self, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the node at ``loc``.

        With ``at_key`` the key of the last mapping step is pointed at (for unknown
        keys). A path that does not exist in the file (a missing field) points at the
        deepest node that does: the mapping that lacks the field.
        """
        node = self._nodes()
        if not node:
            return 1, 1
        line, col = node.start_mark.line, node.start_mark.column
        for i, step in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    break
                node = node.value[step]
                line, col = node.start_mark.line, node.start_mark.column
            elif isinstance(node, MappingNode):
                pair = _find_pair(node, step)
                if pair is None:
                    break
                key, value = pair
                if (last and at_key) or _is_empty(value) or _is_block_container(value):
                    # An empty value has no position of its own, and a nested block
                    # starts on its own line: point at the key, as an editor shows it.
                    line, col = key.start_mark.line, key.start_mark.column
                else:
                    line, col = value.start_mark.line, value.start_mark.column
                node = value
            else:
                break
        return line + 1, col + 1

    def text_position(self, loc: Loc, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` inside the string value at ``loc``."""
        line, col = self.position(loc)
        source = self.line(line)
        indicator = source[col - 1 : col] if source else ""
        if indicator in ("|", ">"):
            # Block scalar: content starts on the next line, at the block's indent.
            before = self._value_text(loc)[:offset]
            row = before.count("\n")
            content_line = line + 1 + row
            # Skip blank lines the scalar does not count (none for | blocks).
            text_line = self.line(content_line)
            indent = len(text_line) - len(text_line.lstrip(" "))
            return content_line, indent + 1 + len(before) - (before.rfind("\n") + 1)
        quote = 1 if indicator in ("'", '"') else 0
        before = self._value_text(loc)[:offset]
        if "\n" in before:
            return line + before.count("\n"), 1
        return line, col + quote + offset

    def _value_text(self, loc: Loc) -> str:
        node = self.data
        for step in loc:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return ""
        return node if isinstance(node, str) else ""

    def line(self, number: int) -> str:
        if self._lines is None:
            self._lines = self.text.splitlines()
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1]
        return ""

    def problem(
        self,
        loc: Loc,
        message: str,
        *,
        path: str = "",
        severity: str = "error",
        code: str = "invalid",
        at_key: bool = False,
        offset: int | None = None,
        args: dict | None = None,
    ) -> Problem:
        """A problem pointing at ``loc`` in this file."""
        if offset is not None:
            line, col = self.text_position(loc, offset)
        else:
            line, col = self.position(loc, at_key=at_key)
        return Problem(
            message=message,
            file=self.path,
            line=line,
            column=col,
            path=path,
            severity=severity,  # type: ignore[arg-type]
            code=code,
            source_line=self.line(line),
            args=args or {},
        )


def _find_pair(node: MappingNode, step: str | int) -> tuple[Any, Any] | None:
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == str(step):
            return key, value
    return None


def _is_empty(node: Any) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null") and node.value in ("", "~", "null", "Null", "NULL")


def _is_block_container(node: Any) -> bool:
    return isinstance(node, (MappingNode, SequenceNode)) and bool(node.value) and not node.flow_style


def read_bytes(path: Path, root: Path | None = None) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a data file, or the problem that keeps it from being read.

    Only regular files are data: a named pipe would make a reader wait forever, and a
    device never ends. With ``root`` (the project folder), a link is followed only to a
    file inside it: a link to /etc/passwd or to a secret on a CI runner is refused before
    anything is read, so nothing of it can reach a message.
    """
    def refuse(message: str, code: str) -> tuple[None, list[Problem]]:
        return None, [Problem(message, file=path, line=1, column=1, code=code)]

    path = Path(path)
    try:
        link = _has_link(path, root)
    except FileNotFoundError:
        return None, [Problem(_("File '{path}' does not exist.").format(path=path), file=path, code="missing-file")]
    except OSError as exc:
        return refuse(_("Cannot read '{file}': {reason}.").format(file=path.name, reason=exc.strerror), "unreadable")
    if link:
        try:
            real = path.resolve(strict=True)
        except FileNotFoundError:
            return refuse(_("'{file}' is a link to a file that does not exist.").format(file=path.name), "broken-link")
        except (RuntimeError, OSError) as exc:  # Python 3.11 raises RuntimeError for a loop
            if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
                return refuse(_("'{file}' is a link that leads back to itself (a link loop): "
                                "replace it with the file it should be.").format(file=path.name), "link-loop")
            return refuse(_("Cannot read '{file}': {reason}.").format(file=path.name, reason=exc.strerror), "unreadable")
        if root is not None:
            try:
                real.relative_to(Path(root).resolve(strict=True))
            except (ValueError, RuntimeError, OSError):
                return refuse(_("'{file}' is a link to a file outside the project folder: raportti "
                                "reads only files inside the project. Copy the file into the project "
                                "instead of linking to it.").format(file=path.name), "link-outside")
    else:
        real = path
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer that never comes.
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        return refuse(_("'{file}' is a folder, not a YAML file.").format(file=path.name), "not-a-file")
    except OSError as exc:
        return refuse(_("Cannot read '{file}': {reason}.").format(file=path.name, reason=exc.strerror), "unreadable")
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            return refuse(_("'{file}' is a folder, not a YAML file.").format(file=path.name), "not-a-file")
        if not stat.S_ISREG(mode):
            what = (_("a named pipe (FIFO)") if stat.S_ISFIFO(mode) else _("a socket") if stat.S_ISSOCK(mode)
                    else _("a device"))
            return refuse(_("'{file}' is {what}, not an ordinary file: only ordinary files are read as "
                            "data. "
                            "Remove it, or replace it with a YAML file.").format(file=path.name, what=what),
                          "not-a-file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(), []
    except OSError as exc:
        return refuse(_("Cannot read '{file}': {reason}.").format(file=path.name, reason=exc.strerror), "unreadable")
    finally:
        os.close(fd)


def _has_link(path: Path, root: Path | None) -> bool:
    """Whether a link may lead ``path`` elsewhere: the file itself, or a folder between the
    project folder and it, is a link (or ``path`` is not plainly below ``root``). A few
    lstat calls instead of resolving the whole path: most files are plain files."""
    if root is None:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    try:
        steps = path.relative_to(root).parts
    except ValueError:
        return True
    if ".." in steps:
        return True
    place = Path(root)
    for step in steps:
        place = place / step
        if stat.S_ISLNK(os.lstat(place).st_mode):
            return True
    return False


def read_source(path: Path, root: Path | None = None) -> tuple[SourceFile | None, list[Problem]]:
    """Read and parse one YAML file. Returns the file (or None) and its problems.

    ``root``: the project folder, which links may not lead out of (see :func:`read_bytes`).
    """
    raw, problems = read_bytes(path, root)
    if raw is None:
        return None, problems

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                _("The file is not UTF-8 text (byte 0x{byte} cannot be read). Save it as UTF-8 in your "
                  "editor.").format(byte=f"{raw[exc.start]:02x}"),
                file=path,
                line=line,
                column=col,
                code="encoding",
            )
        ]
    # Windows line endings are fine to YAML; normalise so positions count lines alike.
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    try:
        try:
            data = yamlevents.load(text, _DATES.construct_checked_timestamp)
        except yamlevents.Unusual:
            data = _safe_yaml().load(text)
            if "*" in text:
                problem = _alias_problem(path, text, data)
                if problem is not None:
                    return None, [problem]
    except DuplicateKeyError as exc:
        return None, [_duplicate_key_problem(path, text, exc)]
    except ConstructorError as exc:
        return None, [_constructor_problem(path, text, exc)]
    except MarkedYAMLError as exc:
        return None, [_syntax_problem(path, text, exc)]
    except YAMLError as exc:  # unmarked parser errors are rare; still no traceback
        return None, [Problem(_("The file is not valid YAML: {detail}").format(detail=exc), file=path, code="yaml-syntax")]
    except RecursionError:
        line, col, source_line = _deep_position(text)
        return None, [Problem(_("The file nests too deeply to be read: lists or mappings inside one "
                                "another "
                                "go more than a few hundred levels deep here."), file=path, line=line, column=col,
                              code="yaml-syntax", source_line=source_line)]
    except (ValueError, TypeError, OverflowError) as exc:  # a value the YAML library cannot build
        return None, [Problem(_("The file cannot be read as data: {detail}.").format(detail=exc), file=path, code="yaml-value")]

    source = SourceFile(path=path, text=text, data=data)
    if "\\" in text:  # only an escape in quotes ("\x0b", "\0") can put one in: YAML refuses them raw
        found = control_characters(source)
        if found:
            return source, found
    if data is None:
        return source, [
            Problem(
                _("The file is empty: it holds no data. Fill it in, or delete it if this year has "
                  "nothing of its kind."),
                file=path,
                line=1,
                column=1,
                severity="warning",
                code="empty-file",
                args={"file": path.name},
            )
        ]
    return source, []


#: Characters a text may not hold: control characters other than tab and newline, halves of
#: a surrogate pair, and the non-characters U+FFFE and U+FFFF. XML (so Word) cannot hold
#: them, and a NUL in a Markdown file makes it binary to every tool.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ESCAPE = re.compile(r'\\(?:[0abtnvfreN "/\\_LP]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})')
_NAMED = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", "N": "\x85"}


def control_characters(source: SourceFile, most: int = 20) -> list[Problem]:
    """An error at each text (or key) holding a character a document cannot hold, at the
    escape that wrote it. validate and build read the same files, so both stop at it."""
    problems: list[Problem] = []

    def visit(value: Any, loc: tuple) -> None:
        if len(problems) >= most:
            return
        if isinstance(value, str):
            match = CONTROL.search(value)
            if match:
                problems.append(_control_problem(source, loc, match.group()))
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and CONTROL.search(key):
                    problems.append(_control_problem(source, loc + (key,), CONTROL.search(key).group(), True))
                visit(item, loc + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                visit(item, loc + (i,))

    visit(source.data, ())
    return problems


def _control_problem(source: SourceFile, loc: tuple, char: str, at_key: bool = False) -> Problem:
    from raportti.problems import format_path

    line, col = source.position(loc, at_key=at_key)
    # The escape that wrote it, from the value's start on: that is where to look.
    lines = source.text.split("\n")
    start = sum(len(x) + 1 for x in lines[: line - 1]) + col - 1
    for escape in _ESCAPE.finditer(source.text, start):
        code = escape.group()[1:]
        decoded = _NAMED.get(code) or (chr(int(code[1:], 16)) if code[0] in "xuU" else "")
        if decoded == char:
            line = source.text.count("\n", 0, escape.start()) + 1
            col = escape.start() - (source.text.rfind("\n", 0, escape.start()) + 1) + 1
            break
    name = f"U+{ord(char):04X}"
    message = _("The text holds the character {char}, an invisible control character that a document "
                "cannot hold (written here as an escape in quotes). Remove it.").format(char=name)
    return Problem(message, file=source.path, line=line, column=col, path=format_path(loc),
                   code="control-character", source_line=source.line(line), args={"char": name})


# What aliases may add to a file's data, in characters: as much as the file holds, and
# at least this. A few repeated labels or texts are far below it; a 170 KB file that
# aliased a 110 KB text 1,000 times (110 MB of data, a 115 MB report, 1 GB of memory
# and half a minute) is far above it.
ALIAS_ALLOWANCE = 1_000_000


class _Cycle(Exception):
    pass


def expanded_size(data: Any) -> int:
    """The size of ``data`` as if every alias were written out: characters of text, and
    one for every other value and entry. Each shared value is measured once, so this
    takes time in proportion to the file, not to what it expands to. Raises _Cycle for
    an alias inside its own anchor."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: Any) -> int:
        if isinstance(node, str):
            return len(node) + 1
        if not isinstance(node, (dict, list)):
            return 1
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in busy:
            raise _Cycle
        busy.add(key)
        items = node.items() if isinstance(node, dict) else ((None, v) for v in node)
        total = 1 + sum(size(k) + size(v) for k, v in items)
        busy.discard(key)
        sizes[key] = total
        return total

    return size(data)


def _alias_problem(path: Path, text: str, data: Any) -> Problem | None:
    try:
        size = expanded_size(data)
        cycle = False
    except _Cycle:
        size, cycle = 0, True
    allowed = len(text) + max(ALIAS_ALLOWANCE, len(text))
    if not cycle and size <= allowed:
        return None
    line, col, source_line, name = _first_alias(text)
    where = _(" (such as *{name} here)").format(name=name) if name else ""
    if cycle:
        message = _("An alias{where} is inside the anchor it refers to, so its data would never end. "
                    "Write the data out instead of the alias.").format(where=where)
    else:
        message = _("The aliases in this file{where} would grow its {size} of text to {grown} of data; "
                    "aliases "
                    "may at most double a file (or add 1 MB to a small one). Write out the texts where "
                    "they are "
                    "needed, without aliases.").format(where=where, size=_megabytes(len(text)),
                                                       grown=_megabytes(size))
    return Problem(message, file=path, line=line, column=col, code="alias-expansion",
                   source_line=source_line)


def _megabytes(chars: int) -> str:
    if chars < 1_000_000:
        return f"{chars / 1000:.0f} kB".replace(".", ",")
    return f"{chars / 1_000_000:.1f} MB".replace(".", ",")


def _first_alias(text: str) -> tuple[int | None, int | None, str | None, str | None]:
    from ruamel.yaml.events import AliasEvent

    for event in YAML(typ="safe").parse(text):
        if isinstance(event, AliasEvent):
            line, col, source_line = _mark_position(text, event.start_mark)
            return line, col, source_line, event.anchor
    return None, None, None, None


def _deep_position(text: str, depth: int = 200) -> tuple[int | None, int | None, str | None]:
    """Where a text's nesting first goes ``depth`` levels deep (the parser's events come
    one by one, without recursion)."""
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    level = 0
    try:
        for event in YAML(typ="safe").parse(text):
            if isinstance(event, CollectionStartEvent):
                level += 1
                if level > depth:
                    return _mark_position(text, event.start_mark)
            elif isinstance(event, CollectionEndEvent):
                level -= 1
    except YAMLError:
        pass
    return None, None, None


def _mark_position(text: str, mark: Any) -> tuple[int, int, str]:
    line = mark.line + 1
    col = mark.column + 1
    lines = text.split("\n")
    source_line = lines[mark.line] if mark.line < len(lines) else ""
    return line, col, source_line


def _syntax_problem(path: Path, text: str, exc: MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if mark is None:
        detail = " ".join(part for part in (context, what) if part)
        return Problem(_("The file is not valid YAML: {detail}.").format(detail=detail) if detail
                       else _("The file is not valid YAML."), file=path, code="yaml-syntax")
    lines = text.split("\n")
    # A quote or bracket left open runs on until the parser trips, often lines later:
    # the line where it opens is the one to fix.
    opened = _opened_at(text, mark.line)
    if opened is not None:
        line, column, kind, char = opened
        stopped = mark.line + 1
        if kind == "quote":
            message = _("the quote {char} opened here is not closed on this line, so YAML reads everything up "
                        "to the next {char} as one text (it stopped at line {stopped}). End the text with {char} "
                        "on this line.").format(char=char, stopped=stopped)
        else:
            message = _("the '{char}' opened here is never closed with '{closing}' (YAML stopped at line "
                        "{stopped}). Close it at the end of this line, or write the items as lines of "
                        "their own without brackets.").format(char=char, closing="]" if char == "[" else "}",
                                                             stopped=stopped)
        return Problem(_("The file is not valid YAML: {cause}").format(cause=message), file=path, line=line + 1,
                       column=column + 1,
                       code="yaml-syntax", source_line=lines[line] if line < len(lines) else "",
                       args={"cause": f"unclosed-{kind}", "char": char, "stopped": stopped})
    line, col, source_line = _mark_position(text, mark)
    cause, args = _likely_cause(what, context, source_line, col, _previous_line(lines, mark.line))
    block = _block_above(lines, mark.line)
    if block is not None and args.get("cause") in ("indent-differs", "cannot-place", "not-lined-up",
                                                    "missing-colon"):
        cause = _("this line is indented less than the text block ('|' on line {block}) it continues. Every "
                  "line of a text block starts at least in the column of its first line.").format(block=block + 1)
        args = {"cause": "block-indent", "block": block + 1}
    message = _("The file is not valid YAML: {cause}").format(cause=cause)
    args["tabs"] = "\t" in source_line[: max(col, 1)]
    if args["tabs"] and args.get("cause") != "tab":
        message += _(" Indent with spaces, not tabs.")
    return Problem(message, file=path, line=line, column=col, code="yaml-syntax", source_line=source_line,
                   args=args)


def _opened_at(text: str, mark_line: int) -> tuple[int, int, str, str] | None:
    """Where a quote or bracket that runs on to the parser's error (at 0-based
    ``mark_line``) opens: ``(line, column, "quote" | "bracket", the character)``, 0-based;
    None when nothing runs on. The file's tokens are scanned again for it: a quoted
    text that spans lines and ends where the parser tripped (or never ends), or a
    bracket still open at that line."""
    from ruamel.yaml import tokens

    flows: list[Any] = []
    try:
        for token in YAML(typ="safe").scan(text):
            if token.start_mark.line > mark_line:
                break
            if isinstance(token, (tokens.FlowSequenceStartToken, tokens.FlowMappingStartToken)):
                flows.append(token.start_mark)
            elif isinstance(token, (tokens.FlowSequenceEndToken, tokens.FlowMappingEndToken)) and flows:
                flows.pop()
            elif isinstance(token, tokens.ScalarToken) and token.style in ('"', "'"):
                start, end = token.start_mark, token.end_mark
                if end.line > start.line and end.line == mark_line:
                    return start.line, start.column, "quote", token.style
    except YAMLError as exc:
        context = getattr(exc, "context", None) or ""
        start = getattr(exc, "context_mark", None)
        if "quoted scalar" in context and start is not None and start.line < mark_line:
            return start.line, start.column, "quote", text.split("\n")[start.line][start.column:start.column + 1]
    lines = text.split("\n")
    for start in flows:
        if start.line < mark_line:
            return start.line, start.column, "bracket", lines[start.line][start.column:start.column + 1]
    return None


_BLOCK_START = re.compile(r"(?:^|:\s|-\s)[|>][-+0-9]*\s*(?:#.*)?$")


def _block_above(lines: list[str], index: int) -> int | None:
    """The line (0-based) of the text block ('|' or '>') that line ``index`` is under
    but indented less than, if it is: the line then ends the block too early."""
    here = _indent(lines[index]) if index < len(lines) else 0
    first = None  # the indent of the block's first line
    for number in range(index - 1, -1, -1):
        line = lines[number]
        if not line.strip():
            continue
        if _BLOCK_START.search(line.rstrip()) and _indent(line) < here:
            return number if first is not None and here < first else None
        if _indent(line) <= here:
            return None
        first = _indent(line)
    return None


def _previous_line(lines: list[str], index: int) -> str:
    """The nearest line above ``index`` (0-based) with something on it."""
    for line in reversed(lines[:index]):
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _likely_cause(problem: str, context: str, line: str, col: int, above: str) -> tuple[str, dict]:
    """What a coordinator most likely did, in plain words, for the YAML parser's
    ``problem`` (ruamel.yaml gives no codes, only these fixed phrases), and the cause's
    name with its values."""
    if problem.startswith("mapping values are not allowed"):
        before = line[: col - 1]
        if re.search(r"\S:(\s|$)", before):
            key = before.split(":", 1)[0].strip().lstrip("- ")
            return _("the text after '{key}:' contains ': ', which YAML reads as the start of a new key. "
                     "Put the text in quotes ({key}: \"…\"), or write it on the next lines after "
                     "'{key}: |', indented by two more spaces.").format(key=key), \
                {"cause": "colon-in-text", "key": key}
        return _("this line is indented more than the line above, so YAML reads it as part of the "
                 "value above. Start it in the same column as the key it belongs beside."), \
            {"cause": "indented-too-far"}
    if "expected '-' indicator" in problem or ("expected <block end>" in problem and "collection" in context):
        return _("this line is not lined up with the list it is in. Each item of a list starts with "
                 "'- ' in the same column, and the keys of one item start in the same column as the "
                 "first key after its '- '. Check the spaces at the start of this line and the line above."), \
            {"cause": "not-lined-up"}
    if "expected key" in problem or "expected <block end>" in problem:
        if line.lstrip().startswith("- ") or line.strip() == "-":
            return _("a list item ('- ') where a key of a mapping (key: value) was expected. A list "
                     "cannot continue a mapping: either this line is indented wrongly, or the lines "
                     "above should be list items too. Check the spaces at the start of this line and "
                     "the line above."), {"cause": "list-in-mapping"}
        if above and _indent(line) != _indent(above):
            return _("this line is indented differently from the keys of the mapping it belongs to. "
                     "Keys of one mapping start in the same column: check the spaces at the start of "
                     "this line and the line above."), {"cause": "indent-differs"}
        return _("a line YAML cannot place here. Keys of one mapping start in the same column, and a "
                 "text with ': ' or starting with a special character (' \" [ { * & ! | > % @) needs "
                 "quotes."), {"cause": "cannot-place"}
    if "tab character that violates indentation" in problem:
        return _("a tab character where YAML needs spaces. Indent with spaces, not tabs."), {"cause": "tab"}
    if "found character that cannot start any token" in problem:
        char = line[col - 1 : col]
        if char == "\t":
            return _("a tab character where YAML needs spaces. Indent with spaces, not tabs."), {"cause": "tab"}
        return _("a text cannot start with '{char}' unquoted. Put the whole text in quotes "
                 "(\"…\"), or write it after '|' on the next lines.").format(char=char), \
            {"cause": "special-start", "char": char}
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return _("a quote or bracket opened above is never closed. Close it (a text in quotes ends "
                 "with the same quote), or remove it."), {"cause": "unclosed"}
    if "undefined alias" in problem:
        return _("a text cannot start with '*' unquoted (YAML reads it as a reference). Put the "
                 "whole text in quotes (\"…\")."), {"cause": "star"}
    if "could not find expected ':'" in problem:
        return _("a line without ':' where a key (key: value) was expected, or a quoted text that "
                 "continues past its closing quote. Check this line and the one above."), {"cause": "missing-colon"}
    if "did not find expected node content" in problem or "expected the node content" in problem:
        return _("a value is missing here, or a quote or bracket opened above is never closed. Write the "
                 "value, or close the quote or bracket (a text in quotes ends with the same quote)."), \
            {"cause": "no-value"}
    # A phrase of the YAML parser not met before: the place is right, its words are English.
    return _("YAML cannot read on from here. Check this line and the one above: the spaces at their start, "
             "and quotes or brackets left open."), {"cause": "other", "detail": problem}


def _duplicate_key_problem(path: Path, text: str, exc: DuplicateKeyError) -> Problem:
    mark = exc.problem_mark
    line, col, source_line = _mark_position(text, mark)
    key = source_line[col - 1 :].split(":", 1)[0].strip().strip("'\"")
    if exc.context_mark is not None:
        message = _("Duplicate key '{key}' (the mapping starts at line {first}): a key may appear only "
                    "once in a "
                    "mapping, or the later value would silently replace the earlier one.").format(
                        key=key, first=exc.context_mark.line + 1)
    else:
        message = _("Duplicate key '{key}': a key may appear only once in a mapping, or the later value "
                    "would "
                    "silently replace the earlier one.").format(key=key)
    return Problem(
        message,
        file=path,
        line=line,
        column=col,
        code="duplicate-key",
        source_line=source_line,
        args={"key": key, "first": exc.context_mark.line + 1 if exc.context_mark is not None else None},
    )


def _constructor_problem(path: Path, text: str, exc: ConstructorError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or ""
    if problem.startswith("impossible date"):
        mark = exc.problem_mark
        line, col, source_line = _mark_position(text, mark) if mark else (None, None, None)
        return Problem(
            _("This is not a real date: {value} is no day of the calendar. Write dates as 2025-08-31.").format(
                value=problem[len("impossible date "):].split(": ", 1)[0]),
            file=path, line=line, column=col, code="bad-date", source_line=source_line)
    tag = problem.split("tag", 1)[-1].strip(" '") if "tag" in problem else ""
    tag = tag.replace("tag:yaml.org,2002:", "!!")
    message = (
        _("YAML tag '{tag}' is not allowed: raportti reads plain data only "
          "(mappings, lists, text, numbers, dates).").format(tag=tag)
        if tag
        else _("The file cannot be read as plain data: {detail}.").format(detail=problem)
    )
    if mark is None:
        return Problem(message, file=path, code="yaml-tag")
    line, col, source_line = _mark_position(text, mark)
    return Problem(message, file=path, line=line, column=col, code="yaml-tag", source_line=source_line)
