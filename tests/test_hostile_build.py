"""Hostile `reader build` runs: names that collide, names the output folder needs itself.

Each test is named after what it protects. Add new hostile build cases here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.builder.slug import RESERVED_NAMES, SOURCE_NAME, article_slug
from reader.cli import main
from reader.feed.config import CONFIG_NAME
from reader.feed.episodes import INDEX_NAME
from reader.feed.playlist import PLAYLIST_NAME, SECTIONS_PLAYLIST_NAME
from reader.feed.rss import FEED_NAME
from reader.manifest import Manifest

ARTICLE = "短评\n\n{body}\n"
FIRST_BODY = "本报讯 昨天上午，市图书馆举办读书会。"
SECOND_BODY = "本报讯 今年春节，市民在公园里看花灯。"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(args)
    captured = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


def test_reserved_names_cover_every_file_of_the_output_folder() -> None:
    names = {CONFIG_NAME, FEED_NAME, INDEX_NAME, PLAYLIST_NAME, SECTIONS_PLAYLIST_NAME}
    assert names | {"index.html"} == RESERVED_NAMES


@pytest.mark.parametrize("name", [*sorted(RESERVED_NAMES), "2026-11-30.epub", "x.m3u8"])
def test_a_name_the_output_folder_needs_is_refused_as_slug(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE.format(body=FIRST_BODY), encoding="utf-8")
    output = tmp_path / "out"
    code, _, err = run(["build", str(source), "-o", str(output), "--slug", name], capsys)
    assert code == 64 and err.count("\n") == 1 and repr(name) in err
    assert not (output / name).exists()


def test_a_headline_without_pinyin_is_named_after_its_file() -> None:
    assert article_slug("2026-03-05", "！！", fallback="0042_page3") == "2026-03-05-0042-page3"
    assert article_slug("2026-03-05", "！！", fallback="——") == "2026-03-05-article"


@pytest.mark.slow
def test_another_article_with_the_same_headline_and_date_gets_its_own_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a" / "short.txt", tmp_path / "b" / "short.txt"
    for path, body in ((first, FIRST_BODY), (second, SECOND_BODY)):
        path.parent.mkdir()
        path.write_text(ARTICLE.format(body=body), encoding="utf-8")
    output = tmp_path / "out"
    common = ["-o", str(output), "--engine", "offline", "--date", "2026-03-05"]

    code, out, _ = run(["build", str(first), *common, "-q"], capsys)
    assert code == 0 and Path(out.strip()).name == "2026-03-05-duan-ping"
    code, out, err = run(["build", str(second), *common, "-q"], capsys)
    assert code == 0 and Path(out.strip()).name == "2026-03-05-duan-ping-2"
    assert "2026-03-05-duan-ping holds another article" in err  # the report says so
    kept, added = (Manifest.load(output / f"2026-03-05-duan-ping{end}") for end in ("", "-2"))
    assert kept.slug != added.slug  # two folders, two feed GUIDs
    assert "读书会" in kept.description and "花灯" in added.description

    # The same source, edited and rebuilt, keeps its own folder.
    first.write_text(ARTICLE.format(body=FIRST_BODY + "活动现场气氛热烈。"), encoding="utf-8")
    code, out, _ = run(["build", str(first), *common, "-q"], capsys)
    assert code == 0 and Path(out.strip()).name == "2026-03-05-duan-ping"
    assert (output / "2026-03-05-duan-ping" / SOURCE_NAME).is_file()
    code, out, _ = run(["build", str(second), *common, "-q"], capsys)
    assert code == 0 and Path(out.strip()).name == "2026-03-05-duan-ping-2"
    assert sorted(path.name for path in output.iterdir() if path.is_dir()) == [
        "2026-03-05-duan-ping",
        "2026-03-05-duan-ping-2",
    ]
