"""Writing output files atomically: a failed build leaves no half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from raportti.i18n.messages import _
from raportti.problems import OutputError


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


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file, or none: each goes to a temporary file first, then all are
    moved into place. Content is produced in memory before this is called, so a
    failure while rendering never touches the output folder.

    Raises OutputError, saying why, when a file cannot be written."""
    try:
        _write_all(files)
    except OSError as exc:
        where = exc.filename2 or exc.filename or next(iter(files), "")  # filename2: os.replace's target
        if isinstance(exc, IsADirectoryError):
            reason = _("a folder of that name is in the way")
        elif isinstance(exc, (NotADirectoryError, FileExistsError)):
            reason = _("a file is in the way of a folder")
        else:
            reason = (exc.strerror or str(exc)).lower()
        raise OutputError(_("Cannot write '{where}': {reason}. Nothing was written.").format(where=where, reason=reason)) from None


def _write_all(files: dict[Path, bytes]) -> None:
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            # mkstemp makes the file private (0600); a document gets the usual mode.
            os.chmod(tmp, 0o666 & ~umask())
            staged.append((Path(tmp), target))
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
