"""The preview's main loop: build, serve, rebuild on every save, stop on Ctrl-C.

Saves are seen with watchfiles (Rust's ``notify``: inotify, FSEvents or
ReadDirectoryChangesW, no polling), which reports a save within milliseconds and
groups the several events one save makes into one rebuild.
"""

from __future__ import annotations

import errno
import threading
import time
from pathlib import Path
from typing import Callable

from raportti.i18n.messages import _, ngettext
from raportti.preview.server import PageState, PreviewServer
from raportti.preview.session import Session
from raportti.problems import UserError

DEFAULT_PORT = 8765
# watchfiles waits this long after a change for more changes of the same save.
STEP_MS = 10


def start_server(state: PageState, port: int | None) -> PreviewServer:
    """A server on ``port``, or, when none is asked for, on the default port or a free one."""
    try:
        return PreviewServer(DEFAULT_PORT if port is None else port, state)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise UserError(_("Could not start the preview on port {value}: {strerror}.").format(value=port or DEFAULT_PORT, strerror=exc.strerror)) from None
        if port is not None:
            raise UserError(
                _("Port {port} is already in use (is another preview running?). Choose another with "
                  "--port, or leave --port out to let raportti pick a free one.").format(port=port)) from None
        return PreviewServer(0, state)


class ProjectFilter:
    """The files a report is made of: YAML, templates and survey exports, outside build/
    and hidden folders (editors' temporary files are left out by watchfiles' own filter)."""

    SUFFIXES = (".yaml", ".yml", ".j2", ".md", ".xlsx", ".csv")

    def __init__(self, root: Path) -> None:
        import watchfiles

        self._default = watchfiles.DefaultFilter(ignore_paths=[str(root / "build")])

    def __call__(self, change, path: str) -> bool:
        return path.endswith(self.SUFFIXES) and self._default(change, path)


def watched_paths(session: Session) -> list[Path]:
    paths = [session.root]
    form = session.form_folder
    if form is not None and not _inside(form, session.root) and not _builtin(form):
        paths.append(form)
    return paths


def run(root: Path, *, report: str | None, port: int | None, open_browser: bool,
        say: Callable[[str], None], ready: Callable[[str], None] | None = None,
        year: int | None = None) -> None:
    """Serve the preview until Ctrl-C. ``say`` prints a line for the user. ``year``:
    the report year asked for (--year)."""
    import watchfiles

    session = Session(root=Path(root), report=report, year=year)
    state = PageState()
    started = time.perf_counter()
    state.publish(session.rebuild(), session.version)
    server = start_server(state, port)
    thread = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    thread.start()
    say(_("Preview of {root} at {url} (built in {ms}).").format(root=root, url=server.url, ms=_ms(started)))
    _say_year(session, say)
    _say_state(session, say)
    say(_("The page updates when you save a file of the project. Press Ctrl-C to stop."))
    if ready is not None:
        ready(server.url)
    if open_browser:
        import webbrowser

        threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()

    stop = threading.Event()
    try:
        while not stop.is_set():
            paths = watched_paths(session)
            for changes in watchfiles.watch(
                *paths, watch_filter=ProjectFilter(session.root),
                debounce=1000, step=STEP_MS, stop_event=stop, raise_interrupt=True,
            ):
                changed = sorted({Path(p) for _, p in changes})
                session.cache.forget(changed)
                started = time.perf_counter()
                state.publish(session.rebuild(), session.version)
                names = ", ".join(_shown(p, session.root) for p in changed[:3]) + (" …" if len(changed) > 3 else "")
                say(_("{value} {names} changed: page updated in {ms}.").format(value=time.strftime('%H:%M:%S'), names=names, ms=_ms(started)))
                _say_state(session, say)
                if watched_paths(session) != paths:
                    break  # the form moved: watch its new folder too
            else:
                break
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.stop()
    say(_("Preview stopped."))


def _say_year(session: Session, say: Callable[[str], None]) -> None:
    """Which year the page is about and why, as build says it."""
    if session.choice is not None and session.choice.year is not None:
        from raportti.project.reportyear import year_said

        say(year_said(session.choice, session.form))


def _say_state(session: Session, say: Callable[[str], None]) -> None:
    errors = session.errors
    if errors:
        say("  " + ngettext("{n} error: the page lists it at the top, above the last good version.",
                            "{n} errors: the page lists them at the top, above the last good version.",
                            len(errors)).format(n=len(errors)))


def _ms(started: float) -> str:
    return f"{(time.perf_counter() - started) * 1000:.0f} ms"


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _builtin(path: Path) -> bool:
    from raportti.report.forms import builtin_templates

    return _inside(path, builtin_templates())
