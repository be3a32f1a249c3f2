"""`reader serve`: the feed's every URL fetched from a real local server, and seekable audio."""

from __future__ import annotations

import http.client
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from test_feed_support import BASE_URL, make_article, write_config

from reader.feed import update_feed
from reader.serve import make_server, parse_byte_range, server_url

Response = tuple[int, dict[str, str], bytes]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    output = tmp_path_factory.mktemp("site")
    write_config(output)
    make_article(output, "be6178708a06076a", date="2026-03-05", seconds=3.0)
    make_article(output, "c0ffee0000000001", date="2026-03-06", series_number=10)
    update_feed(output, sections_playlist=True)  # on disk: the public base URL
    server = make_server(output, port=0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield output, server_url(server)
    server.shutdown()
    server.server_close()


def fetch(url: str, method: str = "GET", **headers: str) -> Response:
    """One request with `http.client`, which sends the path exactly as given."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    try:
        connection.request(method, parts.path or "/", headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def local_file(output: Path, url: str, base: str) -> Path:
    assert url.startswith(base), url
    return output / url.removeprefix(base)


def test_every_url_in_the_served_feed_returns_the_file(site: tuple[Path, str]) -> None:
    output, base = site
    status, headers, body = fetch(base + "feed.xml")
    assert status == 200
    assert headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    parsed = feedparser.parse(body)
    assert not parsed.bozo and len(parsed.entries) == 2

    root = ET.fromstring(body)
    urls = [element.get("url") for element in root.iter() if element.get("url")]
    urls += [element.get("href") for element in root.iter() if element.get("href")]
    urls += [element.text for element in root.iter("url")]  # the RSS <image>
    urls += [element.findtext("link") for element in root.iter("item")]
    urls = [url for url in urls if url is not None and not url.endswith("feed.xml")]
    # Per item: enclosure, VTT, page (transcript and link), chapters; the cover twice.
    assert len(urls) == 2 * 5 + 2
    for url in urls:
        status, _, served = fetch(url)
        assert status == 200, url
        assert served == local_file(output, url, base).read_bytes(), url


def test_served_feed_points_at_this_server_but_the_file_keeps_the_public_urls(
    site: tuple[Path, str],
) -> None:
    output, base = site
    _, _, body = fetch(base + "feed.xml")
    on_disk = (output / "feed.xml").read_bytes()
    assert body.replace(base.encode(), BASE_URL.encode()) == on_disk


def test_content_types(site: tuple[Path, str]) -> None:
    _, base = site
    expected = {
        "be6178708a06076a/be6178708a06076a.mp3": "audio/mpeg",
        "be6178708a06076a/be6178708a06076a.vtt": "text/vtt; charset=utf-8",
        "be6178708a06076a/index.html": "text/html; charset=utf-8",
        "be6178708a06076a/chapters.json": "application/json",
        "playlist.m3u8": "audio/mpegurl",
    }
    for path, content_type in expected.items():
        status, headers, _ = fetch(base + path, "HEAD")
        assert (status, headers["Content-Type"]) == (200, content_type), path


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=100-199", 100, 199), ("bytes=-50", None, None), ("bytes=1000-", 1000, None)],
)
def test_range_requests_return_the_right_bytes(
    site: tuple[Path, str], header: str, first: int | None, last: int | None
) -> None:
    output, base = site
    path = "be6178708a06076a/be6178708a06076a.mp3"
    data = (output / path).read_bytes()
    size = len(data)
    if first is None:
        first, last = size - 50, size - 1
    last = size - 1 if last is None else last
    status, headers, body = fetch(base + path, Range=header)
    assert status == 206
    assert headers["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert int(headers["Content-Length"]) == last - first + 1
    assert body == data[first : last + 1]


def test_unsatisfiable_multiple_and_stale_ranges(site: tuple[Path, str]) -> None:
    output, base = site
    path = "be6178708a06076a/be6178708a06076a.mp3"
    data = (output / path).read_bytes()
    status, headers, _ = fetch(base + path, Range=f"bytes={len(data)}-")
    assert status == 416 and headers["Content-Range"] == f"bytes */{len(data)}"
    status, _, body = fetch(base + path, Range="bytes=0-1,5-9")
    assert (status, body) == (200, data)  # several ranges: the whole file
    status, headers, body = fetch(base + path, Range="bytes=0-9", **{"If-Range": '"stale"'})
    assert (status, body) == (200, data)
    status, headers, body = fetch(base + path)
    assert headers["Accept-Ranges"] == "bytes"
    status, _, body = fetch(base + path, Range="bytes=0-9", **{"If-Range": headers["ETag"]})
    assert (status, body) == (206, data[:10])


def test_hidden_files_and_paths_outside_stay_private(site: tuple[Path, str]) -> None:
    output, base = site
    assert (output / ".feed.lock").exists()
    assert fetch(base + ".feed.lock")[0] == 404
    assert fetch(base + "%2e%2e/%2e%2e/etc/passwd")[0] == 404
    assert fetch(base + "../../etc/passwd")[0] == 404


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value for name, value in attrs if name in ("href", "src") and value]


def test_landing_page_links_the_feed_and_plays_every_article(site: tuple[Path, str]) -> None:
    _, base = site
    status, headers, body = fetch(base)
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    page = body.decode("utf-8")
    assert '<html lang="zh-CN">' in page and "<h1>晨报有声版</h1>" in page
    parser = _Links()
    parser.feed(page)
    assert parser.links[:3] == ["feed.xml", "playlist.m3u8", "playlist-sections.m3u8"]
    assert "c0ffee0000000001/c0ffee0000000001.mp3" in parser.links
    assert len(parser.links) == 3 + 2 * 2  # per article: its page and its player
    for link in parser.links:
        assert fetch(base + link, "HEAD")[0] == 200, link


def test_parse_byte_range_edge_cases() -> None:
    assert parse_byte_range("bytes=0-0", 10) == (0, 0)
    assert parse_byte_range("bytes=5-100", 10) == (5, 9)
    assert parse_byte_range("bytes=-100", 10) == (0, 9)
    assert parse_byte_range("bytes=9-3", 10) is None
    assert parse_byte_range("items=0-1", 10) is None
    assert parse_byte_range("bytes=-", 10) is None


def test_without_config_the_feed_file_is_served_as_it_is(tmp_path: Path) -> None:
    write_config(tmp_path)
    make_article(tmp_path, "story")
    update_feed(tmp_path)
    (tmp_path / "reader.toml").unlink()
    server = make_server(tmp_path, port=0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        status, headers, body = fetch(server_url(server) + "feed.xml")
    finally:
        server.shutdown()
        server.server_close()
    assert status == 200 and headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert body == (tmp_path / "feed.xml").read_bytes()


def test_cli_prints_the_urls_and_serves(site: tuple[Path, str]) -> None:
    output, _ = site
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", str(output), "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        lines = [process.stdout.readline() for _ in range(5)]
        assert first.startswith(f"Serving {output} at http://127.0.0.1:")
        url = first.split(" at ")[1].split()[0]
        assert f"  feed.xml: {url}feed.xml\n" in lines
        assert any(line.endswith(f"{url}be6178708a06076a/index.html\n") for line in lines)
        status, _, body = fetch(url + "feed.xml")
        assert status == 200 and feedparser.parse(body).entries
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_cli_refuses_a_port_in_use(site: tuple[Path, str]) -> None:
    output, base = site
    port = urlsplit(base).port
    done = subprocess.run(
        [sys.executable, "-m", "reader", "serve", str(output), "--port", str(port)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 64
    assert done.stderr.startswith("reader: error: cannot listen on 127.0.0.1:")
    assert done.stderr.count("\n") == 1
