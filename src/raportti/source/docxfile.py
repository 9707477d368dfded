"""Every DOCX raportti opens is read through here, with limits checked while reading.

A DOCX is a zip archive of XML parts, and a small one can unpack to gigabytes (a zip
bomb) or to millions of elements that take the machine down once python-docx builds
them into trees. So before python-docx sees a file, each member is unpacked in chunks
with a running count, each XML part is parsed by a streaming parser that only counts
(elements and attributes, depth) and stops at the first limit, and entities are never
expanded. Whatever the libraries raise for a damaged file — zlib, zipfile, lxml,
python-docx — becomes one plain ``DocxError`` naming the file and what is wrong.

The limits (``LIMITS``) are generous for real documents: a 300-page report with
pictures uses a few per cent of each (bench/docxread.py measures one).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from raportti.problems import UserError

MB = 1024 * 1024
#: libxml2's own limit on one piece of text (python-docx parses without XML_PARSE_HUGE).
TEXT_BYTES = 10_000_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = MB


@dataclass(frozen=True)
class Limits:
    """How large a DOCX may be, as stored and as unpacked."""

    file_bytes: int = 100 * MB  # the .docx file itself
    members: int = 5000  # parts in the zip archive
    member_bytes: int = 100 * MB  # one part, unpacked
    total_bytes: int = 250 * MB  # all parts together, unpacked
    xml_depth: int = 160  # elements inside elements
    xml_nodes: int = 2_500_000  # elements and attributes of all XML parts together


LIMITS = Limits()


class DocxError(UserError):
    """A file that cannot be read as a Word document; ``reason`` says why, in plain words."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def _mb(n: int) -> str:
    return f"{n // MB} MB"


_DAMAGED = "Open it in Word or LibreOffice and save it again as .docx."


def read_docx(path: Path, limits: Limits = LIMITS) -> bytes:
    """The bytes of the DOCX at ``path``, after every part has been checked against
    ``limits``. Raises DocxError."""
    path = Path(path)
    try:
        if not path.exists():
            raise DocxError(path, "the file does not exist.")
        if not path.is_file():
            raise DocxError(path, "is a folder, not a Word document (.docx).")
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise DocxError(path, f"the file is {size // MB} MB; a Word document raportti reads may be at most "
                                  f"{_mb(limits.file_bytes)}. Remove large pictures from it, or save the text alone.")
        with path.open("rb") as handle:
            data = handle.read(limits.file_bytes + 1)
    except OSError as exc:
        raise DocxError(path, f"cannot be read ({(exc.strerror or str(exc)).lower()}).") from None
    check_package(data, path, limits)
    return data


def check_package(data: bytes, path: Path | str, limits: Limits = LIMITS) -> None:
    """Raise DocxError unless ``data`` is a zip archive of a Word document within ``limits``."""
    if len(data) > limits.file_bytes:
        raise DocxError(path, f"the file is larger than {_mb(limits.file_bytes)}, the most raportti reads.")
    if data.startswith(OLE_MAGIC):
        raise DocxError(path, "this is an old-format Word file (.doc) or a password-protected (encrypted) "
                              "document. Open it in Word, remove any password, save it as a Word document "
                              "(.docx) and give that file.")
    if not data.startswith(b"PK"):
        raise DocxError(path, "this is not a Word document (.docx): save it in Word or LibreOffice as .docx "
                              "and give that file.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_members(package, path, limits)
    except DocxError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
            RuntimeError, NotImplementedError, KeyError, IndexError, OverflowError, MemoryError) as exc:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression.
        raise DocxError(path, f"the Word file is damaged and cannot be read ({_detail(exc)}). {_DAMAGED}") from None


def _detail(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "a part of it is encrypted (password-protected)"
    text = str(exc).strip() or type(exc).__name__
    text = re.sub(r" \(<string>, line \d+\)$", "", text.splitlines()[0]).rstrip(".")
    return text[:200]


def _check_members(package: zipfile.ZipFile, path: Path | str, limits: Limits) -> None:
    infos = package.infolist()
    if len(infos) > limits.members:
        raise DocxError(path, f"the file holds {len(infos)} parts; a Word document raportti reads may hold at "
                              f"most {limits.members}.")
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names:
        raise DocxError(path, "this is a zip file but not a Word document (.docx): give a file saved as "
                              ".docx from Word or LibreOffice.")
    # The sizes the archive states are checked first, so a bomb is refused without unpacking;
    # the running count below holds even when they lie.
    declared = 0
    for info in infos:
        _check_size(path, info.filename, info.file_size, limits)
        declared += info.file_size
        if declared > limits.total_bytes:
            raise _total_error(path, limits)
    counter = _Counter(path, limits)
    xml_types = _xml_part_names(package, infos, counter)
    for info in infos:
        if info.is_dir():
            continue
        counter.read(package, info, xml=info.filename in xml_types)


def _check_size(path: Path | str, member: str, size: int, limits: Limits) -> None:
    if size > limits.member_bytes:
        raise DocxError(path, f"its part {member} unpacks to more than {_mb(limits.member_bytes)}, the most one "
                              "part of a Word document raportti reads may hold. The file is damaged or not a "
                              "real document.")


def _total_error(path: Path | str, limits: Limits) -> DocxError:
    return DocxError(path, f"its parts unpack to more than {_mb(limits.total_bytes)} together, the most a Word "
                           "document raportti reads may hold. The file is damaged or not a real document.")


def _xml_part_names(package: zipfile.ZipFile, infos: list[zipfile.ZipInfo], counter: "_Counter") -> set[str]:
    """The members python-docx would parse as XML: by name, and by the content types the
    package gives (a part named .bin can be declared XML)."""
    names = {i.filename for i in infos if i.filename.lower().endswith((".xml", ".rels"))}
    if "[Content_Types].xml" not in names:
        return names
    types = counter.read(package, package.getinfo("[Content_Types].xml"), xml=True, keep=True)
    counter.done.add("[Content_Types].xml")
    try:
        root = etree.fromstring(types, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except etree.XMLSyntaxError:
        return names
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    xml_extensions = {(d.get("Extension") or "").lower() for d in root.iter(ns + "Default")
                      if "xml" in (d.get("ContentType") or "").lower()}
    for info in infos:
        if info.filename.rsplit(".", 1)[-1].lower() in xml_extensions:
            names.add(info.filename)
    for override in root.iter(ns + "Override"):
        if "xml" in (override.get("ContentType") or "").lower():
            names.add((override.get("PartName") or "").lstrip("/"))
    return names


class _Counter:
    """Unpacks members in chunks, counting bytes, and XML nodes and depth on the way."""

    def __init__(self, path: Path | str, limits: Limits):
        self.path = path
        self.limits = limits
        self.total = 0
        self.nodes = 0
        self.done: set[str] = set()

    def read(self, package: zipfile.ZipFile, info: zipfile.ZipInfo, xml: bool, keep: bool = False) -> bytes:
        if info.filename in self.done:
            return b""
        kept: list[bytes] = []
        size = 0
        target = _XmlCounter(self, info.filename) if xml else None
        parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False) if target else None
        try:
            with package.open(info) as member:
                while True:
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    self.total += len(chunk)
                    _check_size(self.path, info.filename, size, self.limits)
                    if self.total > self.limits.total_bytes:
                        raise _total_error(self.path, self.limits)
                    if parser is not None:
                        parser.feed(chunk)
                    if keep:
                        kept.append(chunk)
            if parser is not None and size:
                parser.close()
        except etree.XMLSyntaxError as exc:
            if target is not None and target.error is not None:
                raise target.error from None
            raise DocxError(self.path, _xml_error(info.filename, exc)) from None
        except DocxError:
            raise
        except Exception as exc:
            if target is not None and target.error is not None:  # lxml wraps what a target raises
                raise target.error from None
            raise
        return b"".join(kept)


def _too_long(member: str | None) -> str:
    return (f"{f'its part {member}' if member else 'one of its parts'} holds a single piece of text or markup longer than 10 MB, more than "
            "raportti reads. Split the longest paragraph, or open the file in Word or LibreOffice and "
            "save it again.")


def _xml_error(member: str, exc: etree.XMLSyntaxError) -> str:
    text = _detail(exc)
    if "huge" in text.lower() or "too long" in text.lower():
        return _too_long(member)
    return f"its part {member} is damaged XML ({text}). {_DAMAGED}"


class _XmlCounter:
    """An lxml parser target: builds nothing, counts elements and attributes and depth."""

    def __init__(self, counter: _Counter, member: str):
        self.counter = counter
        self.member = member
        self.depth = 0
        self.text = 0  # the length of the text since the last tag
        self.error: DocxError | None = None

    def _fail(self, reason: str) -> None:
        self.error = DocxError(self.counter.path, reason)
        raise self.error

    def doctype(self, *args: Any) -> None:
        self._fail(f"its part {self.member} declares a DTD (<!DOCTYPE …>), which Word never writes; "
                   "raportti does not read such files.")

    def start(self, tag: Any, attrib: Any, *args: Any) -> None:
        limits = self.counter.limits
        self.depth += 1
        self.text = 0
        if self.depth > limits.xml_depth:
            self._fail(f"its part {self.member} nests elements more than {limits.xml_depth} deep, more than "
                       "raportti reads. The file is damaged or not a real document.")
        self.counter.nodes += 1 + len(attrib)
        if self.counter.nodes > limits.xml_nodes:
            most = f"{limits.xml_nodes:_}".replace("_", " ")
            self._fail(f"its XML parts hold more than {most} elements and attributes together (reached in "
                       f"{self.member}), the most raportti reads. The file is damaged or not a real document.")

    def end(self, tag: Any) -> None:
        self.depth -= 1
        self.text = 0

    def data(self, text: str) -> None:
        self.text += len(text)
        if self.text > TEXT_BYTES:
            self._fail(_too_long(self.member))

    def comment(self, text: str) -> None:
        pass

    def close(self) -> None:
        return None


def open_document(source: Path | bytes, name: Path | str | None = None, limits: Limits = LIMITS) -> Any:
    """A python-docx Document of a checked DOCX: ``source`` is a path, or bytes already read
    (``name`` then names them in messages). Raises DocxError for anything python-docx cannot open."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        label = name if name is not None else "the document"
        check_package(data, label, limits)
    else:
        label = name if name is not None else source
        data = read_docx(Path(source), limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx, lxml, zipfile: every kind means a file that cannot be used
        raise DocxError(label, _opening_error(exc)) from None
    return document


def _opening_error(exc: Exception) -> str:
    text = _detail(exc)
    if "content type" in text.lower() and "not a Word file" in text:
        return ("this is an Office file but not a Word document (a template, macro document or another "
                "program's file). Open it in Word or LibreOffice and save it as a Word document (.docx).")
    if "too long" in text.lower() or "huge" in text.lower():
        return _too_long(None)
    if isinstance(exc, KeyError):
        return f"the Word file is missing a part it refers to ({text}). {_DAMAGED}"
    return f"the Word file is damaged and cannot be read ({text}). {_DAMAGED}"


def read_part(data: bytes, member: str) -> bytes | None:
    """One member of a DOCX that check_package has accepted, or None when it is not there."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return package.read(member)
    except KeyError:
        return None
