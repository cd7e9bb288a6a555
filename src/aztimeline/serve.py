"""A local preview server for the built site. It binds to 127.0.0.1 only: it is not for publishing."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import UsageError

HOST = "127.0.0.1"


def make_server(site: Path, port: int) -> ThreadingHTTPServer:
    """A server for the static files of site on 127.0.0.1:port (port 0 picks a free port)."""
    if not (site / "index.html").is_file():
        raise UsageError(f"{site} holds no built site; run make site (or aztimeline build --output {site}) first")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise UsageError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}; choose another --port") from None
