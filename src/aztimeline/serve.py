"""A local preview server for the built site. It binds to 127.0.0.1 only: it is not for publishing."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import urllib.parse
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .errors import UsageError
from .textrules import for_terminal

HOST = "127.0.0.1"


LOCAL_NAMES = ("127.0.0.1", "localhost")
"""The host names a request to the preview may carry: a page of another site that points its own name at 127.0.0.1
(DNS rebinding) sends its own name, and is refused."""


def _host_name(header: str | None) -> str | None:
    """The host name in a request's Host header (the preview's own when it has none), or None where none can be
    read: urlsplit raises on an unmatched "[" or "]" ("Host: a[b"), and such a request got no answer at all, not the
    refusal of any other host (found by an outside tester)."""
    try:
        return urllib.parse.urlsplit(f"//{header or HOST}").hostname
    except ValueError:
        return None


class _Handler(SimpleHTTPRequestHandler):
    """Static files of the site only: no directory listings, nothing a symbolic link reaches outside the site, no
    request for another host name; a request path that cannot name such a file gets 400 or 404."""

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")

    def send_head(self) -> Any:
        if "\x00" in urllib.parse.unquote(self.path) or "%00" in self.path.lower():
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request")
            return None
        if _host_name(self.headers.get("Host")) not in LOCAL_NAMES:
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "This preview answers only for 127.0.0.1 and localhost")
            return None
        with contextlib.suppress(ValueError, OSError):  # a name the file system cannot hold
            root = os.path.realpath(self.directory)
            if os.path.commonpath((root, os.path.realpath(self.translate_path(self.path)))) == root:
                return super().send_head()
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")  # that name, or a link in the site to a file outside it
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (reset the connection, closed it mid-answer) is no error of the preview's: nothing
        is printed. Anything else is one line on standard error, never a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError):  # BrokenPipeError, ConnectionResetError, ConnectionAbortedError
            return
        print(f"aztimeline serve: request from {client_address[0]} failed: {for_terminal(repr(exc))}", file=sys.stderr)


def make_server(site: Path, port: int) -> ThreadingHTTPServer:
    """A server for the static files of site on 127.0.0.1:port (port 0 picks a free port)."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port number; choose one from 1024 to 65535 (or 0 for any free port)")
    if not (site / "index.html").is_file():
        raise UsageError(f"{site} holds no built site (no index.html); run make site, or aztimeline build --output DIR and serve --site DIR")
    handler = functools.partial(_Handler, directory=str(site))
    try:
        return _Server((HOST, port), handler)
    except OSError as exc:
        raise UsageError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}; choose another --port") from None
