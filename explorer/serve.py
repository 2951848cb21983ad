"""Serve the built site on 127.0.0.1 (the pages also open from disk; serving is for convenience)."""
from __future__ import annotations

import functools
import http.server
from pathlib import Path


def make_server(folder: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server of `folder` on 127.0.0.1:`port` (0 picks a free port), not started yet."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002  (the base class's name)
        pass  # one line per image request would bury the address printed at start
