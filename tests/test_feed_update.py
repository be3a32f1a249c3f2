"""Incremental, loss-free feed updates, the playlists, and the `reader feed` command."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
import soundfile as sf
from test_feed_support import BASE_URL, item_blocks, make_article, write_config

from reader.cli import main
from reader.errors import InputError, OutputError, UsageError
from reader.feed import update_feed
from reader.feed.episodes import episode_guid


def feed_bytes(output: Path) -> bytes:
    return (output / "feed.xml").read_bytes()


def test_adding_an_article_keeps_the_first_item_byte_identical(tmp_path: Path) -> None:
    write_config(tmp_path)
    make_article(tmp_path, "first", date="2026-03-05")
    first = update_feed(tmp_path)
    assert first.added == ("first",)
    before = item_blocks(feed_bytes(tmp_path))

    make_article(tmp_path, "second", date="2026-03-06", series_number=10)
    second = update_feed(tmp_path)
    after = item_blocks(feed_bytes(tmp_path))

    assert (second.added, second.updated, second.episodes) == (("second",), (), 2)
    guid = episode_guid("first")
    assert after[guid] == before[guid]
    assert list(after) == [episode_guid("second"), guid]  # newest first


def test_rebuilding_updates_the_episode_in_place_with_the_same_guid(tmp_path: Path) -> None:
    write_config(tmp_path)
    make_article(tmp_path, "story", seconds=1.0)
    update_feed(tmp_path)
    rebuilt_at = "2026-03-05T09:00:00Z"
    make_article(tmp_path, "story", seconds=3.0, built_at=rebuilt_at, title="改过的标题")
    result = update_feed(tmp_path)

    assert result.updated == ("story",) and result.added == ()
    (entry,) = feedparser.parse(feed_bytes(tmp_path)).entries
    assert entry.id == episode_guid("story")
    assert entry.title == "改过的标题"
    assert int(entry.enclosures[0].length) == (tmp_path / "story" / "story.mp3").stat().st_size


def test_a_rerun_without_changes_rewrites_the_same_bytes(tmp_path: Path) -> None:
    write_config(tmp_path)
    make_article(tmp_path, "story")
    update_feed(tmp_path)
    before = feed_bytes(tmp_path)
    result = update_feed(tmp_path)
    assert (result.added, result.updated) == ((), ())
    assert feed_bytes(tmp_path) == before


def test_episodes_stay_after_their_folders_are_removed(tmp_path: Path) -> None:
    write_config(tmp_path)
    make_article(tmp_path, "old", date="2026-03-01")
    make_article(tmp_path, "new", date="2026-03-02")
    update_feed(tmp_path)
    old_item = item_blocks(feed_bytes(tmp_path))[episode_guid("old")]
    shutil.rmtree(tmp_path / "old")  # archived elsewhere by the newsroom

    result = update_feed(tmp_path)
    assert result.archived == ("old",) and result.episodes == 2
    assert item_blocks(feed_bytes(tmp_path))[episode_guid("old")] == old_item
    playlist = (tmp_path / "playlist.m3u8").read_text("utf-8")
    assert "old/old.mp3" not in playlist  # a playlist only lists audio it can play
    assert "new/new.mp3" in playlist


def test_keep_trims_and_trimmed_episodes_stay_out_until_rebuilt(tmp_path: Path) -> None:
    write_config(tmp_path)
    for day in (1, 2, 3):
        make_article(tmp_path, f"day{day}", date=f"2026-03-0{day}")
    update_feed(tmp_path)

    result = update_feed(tmp_path, keep=1)
    assert result.trimmed == ("day2", "day1") and result.episodes == 1
    assert [e.id for e in feedparser.parse(feed_bytes(tmp_path)).entries] == [episode_guid("day3")]
    assert update_feed(tmp_path).episodes == 1  # a plain run does not bring them back

    make_article(tmp_path, "day1", date="2026-03-01", built_at="2026-03-09T00:00:00Z")
    result = update_feed(tmp_path)
    assert result.added == ("day1",) and result.episodes == 2


def test_playlist_is_extended_m3u_with_durations_in_date_order(tmp_path: Path) -> None:
    write_config(tmp_path)
    make_article(tmp_path, "later", date="2026-03-06", seconds=3.0, title="后一篇")
    make_article(tmp_path, "earlier", date="2026-03-05", seconds=1.0, title="前一篇")
    result = update_feed(tmp_path, sections_playlist=True)

    raw = result.playlist.read_bytes()
    lines = raw.decode("utf-8").splitlines()
    assert lines[0] == "#EXTM3U" and lines[1] == "#PLAYLIST:晨报有声版"
    entries = list(zip(lines[2::2], lines[3::2], strict=True))
    assert [path for _, path in entries] == ["earlier/earlier.mp3", "later/later.mp3"]
    for extinf, path in entries:
        seconds, title = extinf.removeprefix("#EXTINF:").split(",", 1)
        assert int(seconds) == round(sf.info(str(tmp_path / path)).duration)
        assert title in ("前一篇", "后一篇")

    assert result.sections_playlist is not None
    section_lines = result.sections_playlist.read_text("utf-8").splitlines()
    paths = [line for line in section_lines if not line.startswith("#")]
    assert paths == [
        "earlier/audio/01.mp3",
        "earlier/audio/02.mp3",
        "later/audio/01.mp3",
        "later/audio/02.mp3",
    ]
    assert all((tmp_path / path).is_file() for path in paths)
    assert "#EXTINF:2,后一篇 · 导语" in section_lines


def test_a_broken_manifest_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write_config(tmp_path)
    make_article(tmp_path, "good")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "manifest.json").write_text("{not json", "utf-8")
    result = update_feed(tmp_path)
    assert result.episodes == 1
    assert any("broken" in warning for warning in result.warnings)


def test_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        update_feed(tmp_path / "missing")
    with pytest.raises(InputError, match=r"no reader\.toml"):
        update_feed(tmp_path)
    write_config(tmp_path)
    with pytest.raises(InputError, match="no built articles"):
        update_feed(tmp_path)
    make_article(tmp_path, "story")
    with pytest.raises(UsageError, match="--base-url"):
        update_feed(tmp_path, base_url="ftp://example.org/")
    (tmp_path / "feed.xml").mkdir()  # the feed cannot be written where a folder stands
    with pytest.raises(OutputError, match=r"feed\.xml"):
        update_feed(tmp_path)


def test_base_url_option_overrides_the_config(tmp_path: Path) -> None:
    write_config(tmp_path)
    make_article(tmp_path, "story")
    result = update_feed(tmp_path, base_url="http://127.0.0.1:8000")
    assert result.feed_url == "http://127.0.0.1:8000/feed.xml"
    (entry,) = feedparser.parse(feed_bytes(tmp_path)).entries
    assert entry.enclosures[0].href == "http://127.0.0.1:8000/story/story.mp3"
    assert BASE_URL not in feed_bytes(tmp_path).decode("utf-8").split("<item>")[1]


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(args)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def test_cli_writes_feed_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["feed", str(tmp_path), "--init"], capsys)
    assert code == 0 and (tmp_path / "reader.toml").is_file()
    make_article(tmp_path, "story")
    code, out, err = run_cli(["feed", str(tmp_path), "--sections"], capsys)
    assert code == 0, err
    assert "1 episode: 1 added" in out
    assert "url: https://radio.example.org/podcast/feed.xml" in out
    assert "cover image 'cover.jpg'" in err  # the example's cover is not there yet
    assert (tmp_path / "playlist-sections.m3u8").is_file()


def test_cli_errors_exit_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["feed", str(tmp_path)], capsys)
    assert code == InputError.exit_code
    assert err.count("\n") == 1 and err.startswith("reader: error:")
    (tmp_path / "reader.toml").write_text('title = "x"\n', "utf-8")
    code, _, err = run_cli(["feed", str(tmp_path)], capsys)
    assert code == InputError.exit_code and "key 'description'" in err
    code, out, _ = run_cli(["feed", "--help"], capsys)
    assert code == 0 and "reader feed output/ --base-url" in out


def test_a_second_writer_waits_then_fails_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    from reader.errors import BusyError
    from reader.feed import update as update_module

    write_config(tmp_path)
    make_article(tmp_path, "story")
    monkeypatch.setattr(update_module, "LOCK_TIMEOUT_SECONDS", 0.2)
    with FileLock(str(tmp_path / update_module.LOCK_NAME)), pytest.raises(BusyError):
        update_feed(tmp_path)
    assert not (tmp_path / "feed.xml").exists()  # nothing half-written
