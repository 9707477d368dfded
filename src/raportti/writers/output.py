"""Writing output files atomically: a failed build leaves no half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def umask() -> int:
    """The process's file-creation mask (os.umask can only be read by setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file, or none: each goes to a temporary file first, then all are
    moved into place. Content is produced in memory before this is called, so a
    failure while rendering never touches the output folder."""
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
