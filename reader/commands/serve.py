"""`reader serve`: preview an output folder over HTTP on this machine."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

import click

from reader.errors import InputError


@click.command(
    "serve",
    epilog="""\b
Examples:
  reader serve output/                # http://127.0.0.1:8000/
  reader serve output/ --port 0       # any free port
""",
)
@click.argument("output_dir", type=click.Path(path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on; 0 picks a free one.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback shares the folder with the network.",
)
@click.option("--quiet", is_flag=True, help="Do not log each request.")
def command(output_dir: Path, port: int, host: str, quiet: bool) -> None:
    """Serve OUTPUT_DIR: pages, audio that players can seek (HTTP ranges), and the feed.

    feed.xml is served with this server's URLs in it (when OUTPUT_DIR has a reader.toml),
    so a podcast app on this machine can subscribe to the preview. Ctrl-C stops.
    """
    from reader.serve import make_server, serve_until_interrupted, server_url

    if not output_dir.is_dir():
        raise InputError(f"{output_dir}: no such folder")
    server = make_server(output_dir, host=host, port=port, quiet=quiet)
    url = server_url(server)
    if not _is_loopback(host):
        click.echo(f"reader: warning: {host} is reachable from the network", err=True)
    click.echo(f"Serving {output_dir} at {url} (Ctrl-C stops)")
    for label, path in _links(output_dir):
        click.echo(f"  {label}: {url}{path}")
    sys.stdout.flush()  # the URLs must reach a pipe before the server blocks
    serve_until_interrupted(server)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _links(output_dir: Path) -> list[tuple[str, str]]:
    """The feed, playlists and article pages present in the folder."""
    from urllib.parse import quote

    from reader.errors import ReaderError
    from reader.manifest import MANIFEST_NAME, Manifest

    links = [
        (name, name)
        for name in ("feed.xml", "playlist.m3u8", "playlist-sections.m3u8")
        if (output_dir / name).is_file() or (name == "feed.xml" and _has_config(output_dir))
    ]
    for manifest_path in sorted(output_dir.glob(f"*/{MANIFEST_NAME}")):
        try:
            manifest = Manifest.load(manifest_path.parent)
        except ReaderError:
            continue
        folder = quote(manifest_path.parent.name)
        links.append((manifest.title, f"{folder}/{quote(manifest.page, safe='/')}"))
    return links


def _has_config(output_dir: Path) -> bool:
    return (output_dir / "reader.toml").is_file()
