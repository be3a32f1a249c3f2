"""`reader feed`: write the podcast feed and radio playlists of an output folder."""

from __future__ import annotations

from pathlib import Path

import click

from reader.errors import InputError, OutputError


@click.command(
    "feed",
    epilog="""\b
Examples:
  reader feed output/ --init          # write a commented reader.toml to edit
  reader feed output/ --base-url https://radio.example.org/podcast/
  reader feed output/ --keep 30 --sections
""",
)
@click.argument("output_dir", type=click.Path(path_type=Path))
@click.option(
    "--base-url",
    metavar="URL",
    help="Where OUTPUT_DIR is published (overrides base_url in reader.toml).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Publication config (default: OUTPUT_DIR/reader.toml).",
)
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    metavar="N",
    help="Keep only the newest N episodes (trimmed ones stay out until rebuilt).",
)
@click.option(
    "--sections",
    is_flag=True,
    help="Also write playlist-sections.m3u8: every section file in reading order.",
)
@click.option("--init", is_flag=True, help="Write an example reader.toml into OUTPUT_DIR.")
def command(
    output_dir: Path,
    base_url: str | None,
    config_path: Path | None,
    keep: int | None,
    sections: bool,
    init: bool,
) -> None:
    """Write OUTPUT_DIR/feed.xml (RSS 2.0 + iTunes + Podcasting 2.0) and playlist.m3u8.

    Every built article (OUTPUT_DIR/<slug>/manifest.json) becomes an episode with its MP3,
    transcript, page and chapters. Episodes already published stay, with the same GUID, even
    after their folders are removed; episodes.json remembers them.
    """
    if init:
        _write_example_config(output_dir)
        return
    from reader.feed import update_feed

    result = update_feed(
        output_dir,
        config_path=config_path,
        base_url=base_url,
        keep=keep,
        sections_playlist=sections,
    )
    for warning in result.warnings:
        click.echo(f"reader: warning: {warning}", err=True)
    counts = [f"{len(result.added)} added", f"{len(result.updated)} updated"]
    if result.archived:
        counts.append(f"{len(result.archived)} kept without their folders")
    if result.trimmed:
        counts.append(f"{len(result.trimmed)} trimmed")
    episodes = f"{result.episodes} episode{'s' if result.episodes != 1 else ''}"
    click.echo(f"feed: {result.feed} ({episodes}: {', '.join(counts)})")
    click.echo(f"url: {result.feed_url}")
    click.echo(f"playlist: {result.playlist}")
    if result.sections_playlist is not None:
        click.echo(f"sections playlist: {result.sections_playlist}")


def _write_example_config(output_dir: Path) -> None:
    from reader.feed import CONFIG_NAME, EXAMPLE_CONFIG
    from reader.fsutil import write_text_atomic

    target = output_dir / CONFIG_NAME
    if target.exists():
        raise OutputError(f"{target}: already exists (not overwritten)")
    if output_dir.exists() and not output_dir.is_dir():
        raise InputError(f"{output_dir}: not a folder")
    write_text_atomic(target, EXAMPLE_CONFIG)
    click.echo(f"wrote {target}: edit title, author, base_url and image, then run 'reader feed'")
