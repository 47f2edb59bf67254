#!/usr/bin/env python3
"""Serve a directory (default web/dist) on 127.0.0.1 the way the page needs.

Every response carries COOP/COEP/CORP so the page is cross-origin isolated
(SharedArrayBuffer, which the Stop button's interrupt buffer needs), .wasm is served
as application/wasm (else the browser cannot compile it while it downloads) and
.mjs as JavaScript (else module workers refuse it). Stdlib only.

As a script:  serve.py [DIR] [--port 8000]   (--port 0 picks a free port)
As a library: with serving(path) as base_url: ...
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "web" / "dist"
HOST = "127.0.0.1"

ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/octet-stream",
        ".zip": "application/zip",
        ".svg": "image/svg+xml",
    }
    # Keep-alive, as any real static host does; HTTP/1.0 would open a connection per file.
    protocol_version = "HTTP/1.1"
    quiet = False

    def end_headers(self) -> None:
        for name, value in ISOLATION_HEADERS.items():
            self.send_header(name, value)
        # A rebuilt engine wheel keeps its file name; without this the browser may
        # keep running the old one during development.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class QuietThreadingHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        # Browsers drop keep-alive connections at will (a closed test context, a cancelled
        # fetch): that is no server error and its traceback would only bury test output.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Server:
    """A threaded static server; start() returns the base URL, stop() shuts it down."""

    def __init__(self, directory: Path | str = DEFAULT_DIR, port: int = 0, quiet: bool = True):
        self.directory = Path(directory).resolve()
        if not self.directory.is_dir():
            raise FileNotFoundError(f"nothing to serve: {self.directory} is not a directory")
        handler = type("QuietHandler" if quiet else "LoudHandler", (Handler,), {"quiet": quiet})
        bound = functools.partial(handler, directory=str(self.directory))
        self.httpd = QuietThreadingHTTPServer((HOST, port), bound)
        self.port: int = self.httpd.server_address[1]
        self.url = f"http://{HOST}:{self.port}/"
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.httpd.server_close()


@contextlib.contextmanager
def serving(directory: Path | str = DEFAULT_DIR, port: int = 0) -> Iterator[str]:
    server = Server(directory, port)
    try:
        yield server.start()
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--quiet", action="store_true", help="no request log")
    args = parser.parse_args(argv)
    try:
        server = Server(args.directory, args.port, quiet=args.quiet)
    except FileNotFoundError as e:
        print(f"serve: {e} (run `make build` first)", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"serve: cannot listen on {HOST}:{args.port}: {e}", file=sys.stderr)
        return 1
    print(f"Serving {server.directory} at {server.url}  (Ctrl-C to stop)", flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
