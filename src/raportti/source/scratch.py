"""Temporary files in one place, removed at the end or by the next run.

A command that replaces files (build, fmt, new-year, import, init) first writes them into
``FOLDER/.raportti-tmp/PID-RANDOM/`` beside where they go — the same file system, so
moving them into place is atomic — and removes that folder when it ends, whether it
succeeded or failed. A run killed outright cannot clean up after itself; the next run of
any of these commands in the same folder removes what a process that no longer runs
left there (``clean_stale``), and so does ``raportti build`` for LibreOffice's folders in
the system's temporary folder (writers/pdf.py).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import time
from pathlib import Path
from typing import Iterator

NAME = ".raportti-tmp"
#: A file in a run's folder naming a process group the run started (LibreOffice): ended
#: with the folder when the run is gone.
PROCESS_GROUP = "process-group"
#: A run's folder older than this is stale even when its process number is in use again.
STALE_SECONDS = 24 * 3600


def alive(pid: int) -> bool:
    """Whether a process of this number runs (on this machine)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: it runs
    return True


def owner(path: Path) -> int:
    """The process number a scratch name starts with (``1234-…``), or 0."""
    head = path.name.split("-", 1)[0]
    return int(head) if head.isdigit() else 0


def is_stale(path: Path) -> bool:
    try:
        age = time.time() - path.lstat().st_mtime
    except OSError:
        return False
    return not alive(owner(path)) or age > STALE_SECONDS


def clean_stale(folder: Path) -> list[Path]:
    """Remove what runs that no longer run left in ``folder``'s scratch place; the paths removed."""
    place = Path(folder) / NAME
    removed: list[Path] = []
    try:
        entries = list(place.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if entry.name.split("-", 1)[0] == str(os.getpid()) or not is_stale(entry):
            continue
        if entry.is_dir() and not entry.is_symlink():
            _end_recorded_group(entry / PROCESS_GROUP)
            shutil.rmtree(entry, ignore_errors=True)
        else:
            _unlink(entry)
        if not entry.exists():
            removed.append(entry)
    _remove_if_empty(place)
    return removed


def end_group(pgid: int) -> None:
    """Stop every process of a process group (a program started in a session of its own)."""
    import signal

    if not hasattr(os, "killpg") or pgid <= 1:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pgid, sig)
        except (ProcessLookupError, PermissionError, OSError):
            return
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            try:
                os.killpg(pgid, 0)
            except (ProcessLookupError, PermissionError, OSError):
                return
            time.sleep(0.05)


def _end_recorded_group(record: Path) -> None:
    """End the process group a dead run recorded, if it still runs LibreOffice (a number
    in use again by another program is left alone)."""
    try:
        pgid = int(record.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return
    proc = Path("/proc")
    if not proc.is_dir():
        return
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != pgid:
                continue
            command = (entry / "cmdline").read_bytes().lower()
        except (OSError, ProcessLookupError):
            continue
        if b"office" in command:
            end_group(pgid)
            return


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def run_name() -> str:
    """A name of this run's own: its process number first, so the next run can tell."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


@contextlib.contextmanager
def scratch(folder: Path) -> Iterator[Path]:
    """This run's own empty folder under ``folder/.raportti-tmp`` (``folder`` must exist),
    removed with all it holds when the block ends, however it ends."""
    clean_stale(folder)
    place = Path(folder) / NAME
    place.mkdir(exist_ok=True)
    mine = place / run_name()
    try:
        mine.mkdir()
    except BaseException:
        _remove_if_empty(place)
        raise
    try:
        yield mine
    finally:
        shutil.rmtree(mine, ignore_errors=True)
        _remove_if_empty(place)
