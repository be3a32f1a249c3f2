"""Hostile requests to `reader serve`: what a stranger's browser or script could try.

Each test is named after what it protects. Add new attacks on the preview server here.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_feed_support import make_article, write_config
from test_serve import fetch

from reader.feed import update_feed
from reader.serve import make_server, server_url

IDLE_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    output = tmp_path_factory.mktemp("hostile-site")
    write_config(output)
    make_article(output, "story", date="2026-03-05")
    update_feed(output)
    secret = tmp_path_factory.mktemp("outside") / "secret.txt"
    secret.write_text("not for the web", encoding="utf-8")
    (output / "leak.txt").symlink_to(secret)
    (output / "leak-dir").symlink_to(secret.parent, target_is_directory=True)
    (output / "inside.txt").symlink_to(output / "story" / "index.html")
    (output / "empty-folder").mkdir()
    server = make_server(output, port=0, quiet=True, idle_timeout=IDLE_TIMEOUT)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield output, server_url(server)
    server.shutdown()
    server.server_close()


def test_nul_in_the_url_is_a_bad_request_not_a_traceback(site: tuple[Path, str]) -> None:
    _, base = site
    assert fetch(base + "story/index.html%00.txt")[0] == 400
    assert fetch(base + "%00")[0] == 400
    assert fetch(base + "story/index.html")[0] == 200  # the server is still serving


def test_symlinks_out_of_the_folder_are_not_followed(site: tuple[Path, str]) -> None:
    _, base = site
    status, _, body = fetch(base + "leak.txt")
    assert status == 404 and b"not for the web" not in body
    assert fetch(base + "leak-dir/secret.txt")[0] == 404
    assert fetch(base + "inside.txt")[0] == 200  # a link that stays inside is harmless


def test_no_folder_listings(site: tuple[Path, str]) -> None:
    _, base = site
    status, _, body = fetch(base + "empty-folder/")
    assert status == 404 and b"Directory listing" not in body
    status, _, body = fetch(base + "story/audio/")
    assert status == 404 and b"Directory listing" not in body
    status, headers, _ = fetch(base + "story")
    assert status == 301 and headers["Location"] == "/story/"
    assert fetch(base + "story/")[0] == 200  # a folder with a page serves the page


@pytest.mark.parametrize("name", ["reader.toml", "episodes.json", "story/../reader.toml"])
def test_publisher_settings_and_feed_records_are_private(site: tuple[Path, str], name: str) -> None:
    output, base = site
    assert (output / "reader.toml").is_file() and (output / "episodes.json").is_file()
    assert fetch(base + name)[0] == 404


def test_idle_half_open_connections_are_closed(site: tuple[Path, str]) -> None:
    _, base = site
    host, port = base.removeprefix("http://").rstrip("/").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as silent:
        silent.sendall(b"GET /story/index.html HTTP/1.1\r\n")  # and never finishes
        started = time.monotonic()
        assert silent.recv(1024) == b""  # the server hung up
        assert time.monotonic() - started < IDLE_TIMEOUT + 5
