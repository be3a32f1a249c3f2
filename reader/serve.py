"""`reader serve`: preview an output folder over HTTP, with byte ranges so audio players can seek.

The standard library's SimpleHTTPRequestHandler serves files and folder listings but ignores
`Range`; this handler adds single byte ranges (206 Partial Content, 416 when unsatisfiable,
`If-Range`), the media types of our files, a live feed whose URLs point at this server, and a
landing page listing the articles.

Only regular files inside the folder are served: no symlinks leading out of it, no folder
listings, no dotfiles, and not the publisher's `reader.toml` or `episodes.json`. A connection
that sends nothing for `IDLE_TIMEOUT` seconds is closed, so idle clients cannot pile up.
"""

from __future__ import annotations

import email.utils
import io
import os
import re
import shutil
import socket
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseServer
from typing import IO, Any
from urllib.parse import unquote, urlsplit

from reader.errors import ReaderError, UsageError
from reader.feed.rss import FEED_NAME

FEED_TYPE = "application/rss+xml; charset=utf-8"
MEDIA_TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt; charset=utf-8",
    ".m3u8": "audio/mpegurl",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".toml": "text/plain; charset=utf-8",
}
_RANGE = re.compile(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", re.IGNORECASE)
_HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")
_CHUNK = 64 * 1024
IDLE_TIMEOUT = 30.0  # seconds a connection may stay silent
# The publisher's settings and the feed's own records are not for listeners.
PRIVATE_NAMES = frozenset({"reader.toml", "episodes.json"})


class RangeNotSatisfiable(Exception):
    """The range starts past the end of the file."""


def parse_byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte, inclusive, for a single `Range: bytes=` header; None to send it all.

    Several ranges, other units and malformed headers are ignored (RFC 9110 lets a server
    answer those with the whole file); a range past the end raises RangeNotSatisfiable.
    """
    match = _RANGE.fullmatch(header)
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # "bytes=-N": the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - suffix), size - 1
    start = int(first)
    if start >= size:
        raise RangeNotSatisfiable
    if not last:
        return start, size - 1
    end = int(last)
    if end < start:
        return None
    return start, min(end, size - 1)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Files of one folder: dotfiles hidden, byte ranges honoured, the feed rewritten live."""

    server_version = "reader-serve"
    protocol_version = "HTTP/1.1"  # keep-alive: a seeking player sends many range requests

    def __init__(
        self,
        *args: Any,
        directory: str,
        quiet: bool = False,
        idle_timeout: float = IDLE_TIMEOUT,
        **kwargs: Any,
    ) -> None:
        self.quiet = quiet
        self._idle_timeout = idle_timeout
        self._remaining: int | None = None
        super().__init__(*args, directory=directory, **kwargs)

    def setup(self) -> None:
        super().setup()
        # A client silent this long is dropped (the base class then closes the connection).
        self.connection.settimeout(self._idle_timeout)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        known = MEDIA_TYPES.get(os.path.splitext(path)[1].lower())
        return known or super().guess_type(path)

    def end_headers(self) -> None:
        # A preview is for checking fresh builds: never let the browser reuse an old file.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self) -> IO[bytes] | None:  # type: ignore[override]
        self._remaining = None
        url_path = unquote(urlsplit(self.path).path)
        if "\x00" in url_path:
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request")
            return None
        parts = url_path.split("/")
        if any(part.startswith(".") for part in parts) or parts[-1] in PRIVATE_NAMES:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        if url_path == "/" + FEED_NAME:
            preview = self._preview_feed()
            if preview is not None:
                return self._send_bytes(preview, FEED_TYPE)
        root = Path(self.directory)
        if url_path in ("/", "/index.html") and not (root / "index.html").is_file():
            from reader.feed.preview import render_index

            return self._send_bytes(render_index(root), "text/html; charset=utf-8")
        path = self._inside_root(self.translate_path(self.path))
        if path is not None and os.path.isdir(path):
            if not url_path.endswith("/"):  # relative links in the page need the slash
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", urlsplit(self.path).path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = self._inside_root(os.path.join(path, "index.html"))  # never a listing
        if path is None or not os.path.isfile(path):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        try:
            handle = open(path, "rb")  # noqa: SIM115 - the base class closes it after copying
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        try:
            return self._send_file_head(handle, path)
        except BaseException:
            handle.close()
            raise

    def _inside_root(self, path: str) -> str | None:
        """The real path of `path` when it lies inside the served folder (symlinks resolved),
        else None: a link to /etc/passwd placed in the folder is not served."""
        root = os.path.realpath(self.directory)
        real = os.path.realpath(path)
        return real if real == root or real.startswith(root + os.sep) else None

    def _send_file_head(self, handle: IO[bytes], path: str) -> IO[bytes] | None:
        stat = os.fstat(handle.fileno())
        size = stat.st_size
        etag = f'"{stat.st_mtime_ns:x}-{size:x}"'
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        content_type = FEED_TYPE if path.endswith(os.sep + FEED_NAME) else self.guess_type(path)
        byte_range: tuple[int, int] | None = None
        range_header = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if range_header and (if_range is None or if_range.strip() in (etag, modified)):
            try:
                byte_range = parse_byte_range(range_header, size)
            except RangeNotSatisfiable:
                handle.close()
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
        if byte_range is None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Length", str(size))
        else:
            first, last = byte_range
            handle.seek(first)
            self._remaining = last - first + 1
            self.send_response(HTTPStatus.PARTIAL_CONTENT)
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
            self.send_header("Content-Length", str(self._remaining))
        self.send_header("Content-Type", content_type)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.end_headers()
        return handle

    def _send_bytes(self, body: bytes, content_type: str) -> IO[bytes]:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _preview_feed(self) -> bytes | None:
        """The feed with this server's URLs, so a podcast app can play the preview."""
        from reader.feed.update import preview_feed  # the feed code loads only when asked

        host = self.headers.get("Host", "")
        if not _HOST.fullmatch(host):
            host = urlsplit(server_url(self.server)).netloc
        try:
            return preview_feed(Path(self.directory), f"http://{host}/")
        except ReaderError as error:
            self.log_message("preview feed unavailable, serving the file: %s", error)
            return None

    def copyfile(self, source: Any, outputfile: Any) -> None:
        try:
            if self._remaining is None:
                shutil.copyfileobj(source, outputfile, _CHUNK)
                return
            remaining = self._remaining
            while remaining > 0:
                chunk = source.read(min(_CHUNK, remaining))
                if not chunk:
                    break
                outputfile.write(chunk)
                remaining -= len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # players drop connections when they seek; not an error


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True


class PreviewServerV6(PreviewServer):
    address_family = socket.AF_INET6


def make_server(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    quiet: bool = False,
    idle_timeout: float = IDLE_TIMEOUT,
) -> PreviewServer:
    """A threaded server for `root` bound to host:port (port 0 picks a free one)."""
    handler = partial(PreviewHandler, directory=str(root), quiet=quiet, idle_timeout=idle_timeout)
    server_class = PreviewServerV6 if ":" in host else PreviewServer
    try:
        return server_class((host, port), handler)
    except OSError as error:
        raise UsageError(
            f"cannot listen on {host}:{port}: {error.strerror or error} (try --port 0)"
        ) from error


def server_url(server: BaseServer) -> str:
    """The server's own address as a URL, e.g. http://127.0.0.1:8000/."""
    address = server.server_address
    assert isinstance(address, tuple)  # an IP socket, not a Unix one
    host, port = str(address[0]), int(address[1])
    host_text = f"[{host}]" if ":" in host else host
    return f"http://{host_text}:{port}/"


def serve_until_interrupted(server: PreviewServer) -> None:
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.server_close()
