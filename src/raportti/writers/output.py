"""Writing output files atomically: a failed build leaves no half-written file."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
from pathlib import Path

from raportti.i18n.messages import _
from raportti.problems import OutputError
from raportti.source.scratch import NAME, scratch


def umask() -> int:
    """The process's file-creation mask (os.umask can only be read by setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_folder(folder: Path) -> None:
    """Raise OutputError if documents cannot go into ``folder`` (made if missing)."""
    folder = Path(folder)
    for place in (folder, *folder.parents):
        if place.is_dir():
            if not os.access(place, os.W_OK | os.X_OK):
                raise OutputError(_("Cannot write into '{place}': you have no permission to write there. "
                                    "Give another folder with -o.").format(place=place))
            return
        if place.exists() or place.is_symlink():
            what = _("a link that leads nowhere") if not place.exists() else _("a file, not a folder")
            raise OutputError(_("Cannot write into '{folder}': '{place}' is {what}. Give a folder with -o.").format(folder=folder, place=place, what=what))


def write_all(files: dict[Path, bytes]) -> list[str]:
    """Write every file, or none, and replace them together.

    Each file is first written whole into this run's scratch folder beside its target
    (raportti.source.scratch); only when all are written are they moved into place, one
    rename each, between a marker naming them (MARKER) and its removal. So a failure
    while writing — a full disk, a kill — leaves the old documents as they were, no
    temporary file and no output folder the build made; and a run killed in the instant
    between the renames leaves the marker, from which the next build tells which of the
    documents are new and which older. Content is produced in memory before this is
    called, so a failure while rendering never touches the output folder.

    Returns notes for the person building (a mixed set found from an interrupted build).
    Raises OutputError, saying why, when a file cannot be written."""
    try:
        return _write_all(files)
    except OSError as exc:
        where = exc.filename2 or exc.filename or next(iter(files), "")  # filename2: os.replace's target
        if isinstance(exc, IsADirectoryError):
            reason = _("a folder of that name is in the way")
        elif isinstance(exc, (NotADirectoryError, FileExistsError)):
            reason = _("a file is in the way of a folder")
        elif exc.errno == errno.ENOSPC:
            reason = _("the disk is full")
        else:
            reason = (exc.strerror or str(exc)).lower()
        if NAME in Path(where).parts and files:
            where = next(iter(files))  # a scratch file stands for the documents
        raise OutputError(_("Cannot write '{where}': {reason}. Nothing was written.").format(where=where, reason=reason)) from None


#: Present in an output folder only while one build's documents are being moved into place.
MARKER = ".raportti-replacing.json"


def _write_all(files: dict[Path, bytes]) -> list[str]:
    notes: list[str] = []
    by_folder: dict[Path, dict[Path, bytes]] = {}
    for target, content in files.items():
        by_folder.setdefault(target.parent, {})[target] = content
    made: list[Path] = []  # folders this run made, removed again if it fails
    try:
        with contextlib.ExitStack() as stack:
            staged: list[tuple[Path, Path]] = []
            places: dict[Path, Path] = {}
            for target in files:  # what would stop a rename, before anything is written
                if target.is_dir() and not target.is_symlink():
                    raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
            for folder, contents in by_folder.items():
                made.extend(_make_folder(folder))
                _remove_old_temporaries(folder, contents)
                notes.extend(_mixed_set(folder, set(contents)))
                place = places[folder] = stack.enter_context(scratch(folder))
                for i, (target, content) in enumerate(contents.items()):
                    tmp = place / f"{i}.tmp"
                    with open(tmp, "wb") as handle:
                        handle.write(content)
                    # A document gets the usual mode, as any file the user makes.
                    os.chmod(tmp, 0o666 & ~umask())
                    staged.append((tmp, target))
            # All written: now the renames, as close together as they can be.
            for folder, contents in by_folder.items():
                _write_marker(folder, contents, places[folder])
            for done, (tmp, target) in enumerate(staged):
                try:
                    os.replace(tmp, target)
                except OSError:
                    if done == 0:  # nothing replaced yet: the documents are one set still
                        for folder in by_folder:
                            (folder / MARKER).unlink(missing_ok=True)
                    raise
            for folder in by_folder:
                (folder / MARKER).unlink(missing_ok=True)
    except BaseException:
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise
    return notes


def _make_folder(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; the ones made, outermost first."""
    missing = []
    for place in (folder, *folder.parents):
        if place.is_dir():
            break
        missing.append(place)
    folder.mkdir(parents=True, exist_ok=True)
    return list(reversed(missing))


def _remove_old_temporaries(folder: Path, contents: dict[Path, bytes]) -> None:
    """Temporary files older versions of raportti left beside the documents when killed."""
    for target in contents:
        for old in folder.glob(f".{target.name}.*.tmp"):
            try:
                old.unlink()
            except OSError:
                pass


def _write_marker(folder: Path, contents: dict[Path, bytes], place: Path) -> None:
    record = {target.name: hashlib.sha256(content).hexdigest() for target, content in contents.items()}
    tmp = place / "marker.tmp"
    tmp.write_text(json.dumps(record, indent=1), encoding="utf-8")
    os.replace(tmp, folder / MARKER)


def _mixed_set(folder: Path, writing: set[Path]) -> list[str]:
    """What the marker of an interrupted build says about the documents in ``folder``."""
    marker = folder / MARKER
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
        if not isinstance(record, dict):
            raise ValueError
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        record = {}
    new, old = [], []
    for name, digest in sorted(record.items()):
        try:
            same = hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
        except OSError:
            same = False
        (new if same else old).append(name)
    if not old:
        return []  # all were moved into place before the run ended
    kept = [name for name in old if folder / name not in writing]
    note = (f"Note: the last build into '{folder}' was stopped while it replaced its documents: "
            + (f"{', '.join(new)} {'is' if len(new) == 1 else 'are'} from that build, " if new else "")
            + f"{', '.join(old)} from an earlier one.")
    if kept:
        note += (f" This build does not write {', '.join(kept)}: build again with the same --format "
                 "options to have a set from one build.")
    else:
        note += " This build replaces them all."
    return [note]
