"""A function run on another core while the caller goes on: a forked child process.

One large project has steps that do not depend on each other (checking its data, and
resolving and rendering it); a child process forked from the loaded state does one
while the parent does the other. The child inherits the data as it is (no copying or
pickling of the input) and sends back only its result.

Where ``fork`` is missing (Windows) or unsafe for a process with system frameworks
loaded (macOS), the function simply runs at once in the caller: the result is the same.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any, Callable, Generic, TypeVar

from raportti.i18n.messages import _

T = TypeVar("T")


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux")


class Background(Generic[T]):
    """``function(*args)``, computed in a forked child when ``fork`` is true and
    possible, else right away. :meth:`result` gives its value or raises its exception."""

    def __init__(self, function: Callable[..., T], *args: Any, fork: bool = True) -> None:
        self._pid: int | None = None
        self._function, self._args = function, args
        if fork and can_fork():
            self._start()
        else:
            self._outcome = self._compute()

    def _compute(self) -> tuple[bool, Any]:
        try:
            return True, self._function(*self._args)
        except Exception as exc:
            return False, exc

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without running the parent's exit code
            try:
                os.close(read_end)
                ok, value = self._compute()
                try:
                    payload = pickle.dumps((ok, value))
                except Exception as exc:  # an exception that cannot be pickled: its text still can
                    payload = pickle.dumps((False, RuntimeError(f"{type(value).__name__}: {value} ({exc})")))
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(0)
        os.close(write_end)
        self._pid, self._pipe = pid, os.fdopen(read_end, "rb")
        # The parent keeps no reference to the input: the caller may free it meanwhile.
        self._function = self._args = None  # type: ignore[assignment]

    def result(self) -> T:
        if self._pid is not None:
            try:
                payload = self._pipe.read()
            finally:
                self._pipe.close()
                _pid, status = os.waitpid(self._pid, 0)
                self._pid = None
            if payload:
                self._outcome = pickle.loads(payload)
            else:  # killed before it could answer (out of memory, a signal)
                self._outcome = (False, RuntimeError(
                    _("The second process ended without a result ({ending}).").format(ending=_ending(status))))
        ok, value = self._outcome
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        """Stop a child that is still running; its result is not wanted."""
        if self._pid is not None:
            import signal

            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._pipe.close()
            os.waitpid(self._pid, 0)
            self._pid = None
            self._outcome = (False, RuntimeError("cancelled"))


def _ending(status: int) -> str:
    if os.WIFSIGNALED(status):
        return _("stopped by signal {value}").format(value=os.WTERMSIG(status))
    return _("exit code {value}").format(value=os.waitstatus_to_exitcode(status))
