"""Serving the preview page on this machine only, with a stream of update events.

The standard library's threading HTTP server is enough for one reader on one machine:
``/`` is the page, ``/events`` a Server-Sent Events stream that names the page's version
whenever it changes (the page then fetches itself again and swaps its content in).
It binds to 127.0.0.1 only: the data is not for the network.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = "127.0.0.1"
KEEPALIVE = 15.0  # seconds between comments on an idle stream (finds closed tabs)


class PageState:
    """The current page and its version; event streams wait on it."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.page = b""
        self.version = 0
        self.closing = False

    def publish(self, page: str, version: int) -> None:
        with self._changed:
            self.page, self.version = page.encode("utf-8"), version
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The version once it differs from ``seen`` (or when ``timeout`` passes)."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.closing, timeout)
            return self.version

    def close(self) -> None:
        with self._changed:
            self.closing = True
            self._changed.notify_all()


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never keeps the process alive

    def __init__(self, port: int, state: PageState) -> None:
        self.state = state
        super().__init__((HOST, port), Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def handle_error(self, request, client_address) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # a tab closed mid-request: nothing to report
        super().handle_error(request, client_address)

    def stop(self) -> None:
        self.state.close()
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            self._page()
        elif path == "/events":
            self._events()
        elif path == "/favicon.ico":
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_error(404, "Ei löydy")

    def _page(self) -> None:
        body = self.server.state.page
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        state = self.server.state
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not state.closing:
                version = state.wait(seen, KEEPALIVE)
                if state.closing:
                    break
                if version != seen:
                    self.wfile.write(f"event: version\ndata: {version}\n\n".encode())
                    seen = version
                else:
                    self.wfile.write(b": odotetaan\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the signature http.server uses
        pass  # requests are not news; the command prints what was rebuilt
