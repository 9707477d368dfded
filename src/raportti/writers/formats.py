"""The output formats: one registry, in the order the formats are made.

A format is a name (also the file's suffix, and the choice of ``build --format``) and
the function that makes its bytes from a :class:`Job`, imported only when the format is asked
for (a build of Markdown never loads the DOCX writer). A format may be made from another
(``needs``): the PDF is laid out from the DOCX, which is then made even when not written.
A new format is one module with a ``make(job)`` and one line here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Optional

if TYPE_CHECKING:  # this module is read by 'raportti --help': no pathlib, no dataclasses
    from pathlib import Path


class Job:
    """What the formats of one build are made from."""

    def __init__(self, name: str, markdown: str, rendered: Any, info: Any, formats: tuple[str, ...],
                 reference_doc: Optional[Path] = None, page: Any = None) -> None:
        self.name = name                  # the form's name: each file's stem
        self.markdown = markdown          # the report, without provenance marks
        self.rendered = rendered          # the RenderedReport (questions, answers)
        self.info = info                  # DocumentInfo: the document's properties
        self.formats = formats            # every format asked for
        self.reference_doc = reference_doc
        self.page = page                  # the HTML page's sources (for "provenance" formats)
        self.made: dict[str, bytes] = {}  # bytes of the formats made so far
        self.notes: dict[str, Any] = {}   # what one writer leaves for another


class Format(NamedTuple):
    name: str
    make: str                        # "module:function" that takes a Job and returns bytes
    default: bool = False            # written when no --format is given
    needs: tuple[str, ...] = ()      # formats it is made from
    provenance: bool = False         # shows where each figure comes from: the resolver marks them
    sent: bool = True                # a document sent on: an answer too long for the form stops it

    def maker(self) -> Callable[[Job], bytes]:
        from importlib import import_module

        module, _, function = self.make.partition(":")
        return getattr(import_module(module), function)


FORMATS: tuple[Format, ...] = (
    Format("md", "raportti.writers.markdown:make", default=True),
    Format("docx", "raportti.writers.docx:make", default=True),
    # one self-contained page with a copy button per answer (see 'raportti preview')
    Format("html", "raportti.writers.html:make", provenance=True, sent=False),
    # laid out from the DOCX by LibreOffice, which must be installed
    Format("pdf", "raportti.writers.pdf:make", needs=("docx",)),
)

NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
DEFAULT: tuple[str, ...] = tuple(f.name for f in FORMATS if f.default)


def to_make(asked: tuple[str, ...]) -> list[Format]:
    """The formats asked for and those they are made from, in the registry's order."""
    by_name = {f.name: f for f in FORMATS}
    wanted: set[str] = set()

    def add(name: str) -> None:
        if name not in wanted:
            wanted.add(name)
            for need in by_name[name].needs:
                add(need)

    for name in asked:
        add(name)
    return [f for f in FORMATS if f.name in wanted]


def make_all(job: Job) -> dict[str, bytes]:
    """Each asked format's bytes, by name (formats only needed by others are left out)."""
    for fmt in to_make(job.formats):
        job.made[fmt.name] = fmt.maker()(job)
    return {name: content for name, content in job.made.items() if name in job.formats}
