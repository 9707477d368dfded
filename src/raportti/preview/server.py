"""Serving the preview page on this machine only, with a stream of update events.

The standard library's threading HTTP server is enough for one reader on one machine:
``/`` is the page, ``/events`` a Server-Sent Events stream that names the page's version
whenever it changes (the page then fetches itself again and swaps its content in).
It binds to 127.0.0.1 only: the data is not for the network. A web page open in the
same browser could still reach it under a name of its own that it points at 127.0.0.1
(DNS rebinding), so a request is answered only when its Host header names this machine
at this port. An idle connection is closed after IDLE_SECONDS, and at most CONNECTIONS
are served at once (each holds a thread); more are turned away at once.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = "127.0.0.1"
KEEPALIVE = 15.0  # seconds between comments on an idle stream (finds closed tabs)
IDLE_SECONDS = 20.0  # a connection that sends nothing for this long is closed
CONNECTIONS = 32  # served at once: a few tabs' pages and event streams, with room to spare
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")


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
        self._slots = threading.BoundedSemaphore(CONNECTIONS)
        super().__init__((HOST, port), Handler)

    def hosts(self) -> set[str]:
        """The Host headers this server answers: this machine's names, at its port."""
        port = self.server_address[1]
        return {f"{name}:{port}" for name in LOCAL_NAMES} | (set(LOCAL_NAMES) if port == 80 else set())

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(blocking=False):
            try:  # too many at once: say so without a thread of its own
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                b"Connection: close\r\nRetry-After: 1\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

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
    timeout = IDLE_SECONDS  # socketserver sets it on the connection: reads and writes time out

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if not self._from_this_machine():
            return
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

    def _from_this_machine(self) -> bool:
        """Whether the request names this server; if not it is refused with 421."""
        host = (self.headers.get("Host") or "").strip().lower()
        origin = (self.headers.get("Origin") or "").strip().lower()
        allowed = self.server.hosts()
        if host in allowed and (not origin or origin.removeprefix("http://") in allowed):
            return True
        body = "Tämä esikatselu vastaa vain osoitteessa http://127.0.0.1:{}/.\n".format(
            self.server.server_address[1]).encode("utf-8")
        self.send_response(421, "Misdirected Request")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True
        return False

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
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the tab was closed or reloaded, or stopped reading

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the signature http.server uses
        pass  # requests are not news; the command prints what was rebuilt
