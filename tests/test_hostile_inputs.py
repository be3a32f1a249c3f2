"""Hostile files, settings and destinations given to the command line.

Each test is named after what it protects; every case runs `reader` as a user does (a
subprocess) and checks the exit code, the single error line, and what is left on disk.
Add new hostile inputs here.
"""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from test_feed_support import CONFIG_TEXT, make_article

from reader.errors import InputError, OutputError
from reader.feed.config import load_config
from reader.fsutil import write_text_atomic

READER = [sys.executable, "-m", "reader"]
SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "000_be6178708a06076a.txt"
SHORT_TEXT = "国家安全是民族复兴的根基，社会稳定是国家强盛的前提。必须常怀忧患之心！\n"


def reader(
    *args: str, stdout: int | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*READER, *args],
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        **kwargs,  # type: ignore[call-overload]
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: error: "), result.stderr
    return lines[0]


# Sizes: a lexicon, config or preset that never ends is refused, not read into memory.


def _bounded_memory() -> None:
    """In the child: should the cap ever regress, fail with MemoryError instead of taking the
    shared machine's memory."""
    resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))


def test_a_lexicon_that_never_ends_is_refused() -> None:
    result = reader("pinyin", str(SAMPLE), "--lexicon", "/dev/zero", preexec_fn=_bounded_memory)
    assert result.returncode == 65 and "larger than" in one_error_line(result)


def test_a_feed_config_that_never_ends_is_refused(tmp_path: Path) -> None:
    result = reader("feed", str(tmp_path), "--config", "/dev/zero", preexec_fn=_bounded_memory)
    assert result.returncode == 65 and "larger than" in one_error_line(result)


def test_a_voice_preset_that_never_ends_is_refused(tmp_path: Path) -> None:
    (tmp_path / "endless.toml").symlink_to("/dev/zero")
    env = {**os.environ, "READER_VOICES_DIR": str(tmp_path)}
    result = reader("voices", "--no-online", env=env, preexec_fn=_bounded_memory)
    assert result.returncode == 65 and "larger than" in one_error_line(result)


# Feed settings: control characters would make feed.xml not well-formed.


@pytest.mark.parametrize("key", ["owner_email", "language", "base_url", "image", "title"])
def test_control_characters_in_feed_settings_are_refused(tmp_path: Path, key: str) -> None:
    settings = dict(line.split(" = ", 1) for line in CONFIG_TEXT.strip().splitlines())
    settings[key] = settings.get(key, '"zh-cn"')[:-1] + '\\u0007"'
    config = tmp_path / "reader.toml"
    config.write_text("\n".join(f"{k} = {v}" for k, v in settings.items()), encoding="utf-8")
    with pytest.raises(InputError, match=rf"key '{key}'.*U\+0007|{key}.*not an absolute"):
        load_config(config)


def test_a_control_character_in_base_url_option_is_refused(tmp_path: Path) -> None:
    (tmp_path / "reader.toml").write_text(CONFIG_TEXT, encoding="utf-8")
    make_article(tmp_path, "story")
    result = reader("feed", str(tmp_path), "--base-url", "https://radio.example.org/\x07/")
    assert result.returncode in (64, 65) and "base" in one_error_line(result).lower()
    assert not (tmp_path / "feed.xml").exists()


# Inputs and standard output.


def test_pinyin_of_an_empty_file_is_bad_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = reader("pinyin", str(empty))
    assert result.returncode == 65 and "is empty" in one_error_line(result)
    assert result.stdout == ""


def device(folder: Path, name: str, major: int, minor: int, kind: int = stat.S_IFCHR) -> Path:
    """A device node of our own in `folder`: a test that regressed must never replace the
    system's /dev/null or /dev/full (as root, a rename over them would)."""
    node = folder / name
    try:
        os.mknod(node, kind | 0o666, os.makedev(major, minor))
    except OSError:
        pytest.skip("cannot make a device node here")
    return node


@pytest.mark.parametrize("command", [["normalize", str(SAMPLE)], ["voices", "--no-online"]])
def test_standard_output_on_a_full_device_is_exit_73(tmp_path: Path, command: list[str]) -> None:
    with open(device(tmp_path, "full", 1, 7), "w") as full:
        result = reader(*command, stdout=full.fileno())
    assert result.returncode == 73 and "No space left" in one_error_line(result)


# Destinations that are not regular files: written through or refused, never replaced.


def test_output_to_a_character_device_writes_through(tmp_path: Path) -> None:
    null = device(tmp_path, "null", 1, 3)
    result = reader("normalize", str(SAMPLE), "-o", str(null))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(null.lstat().st_mode) and null.lstat().st_rdev == os.makedev(1, 3)


@pytest.mark.slow
def test_speech_to_a_character_device_leaves_no_transcript_beside_it(tmp_path: Path) -> None:
    null = device(tmp_path, "null", 1, 3)
    text = tmp_path / "text.txt"
    text.write_text("今天天气很好。\n", encoding="utf-8")
    result = reader("speak", str(text), "-o", str(null), "--engine", "offline")
    assert result.returncode == 0, result.stderr
    assert "no transcript" in result.stdout
    assert sorted(path.name for path in tmp_path.iterdir()) == ["null", "text.txt"]
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_output_to_a_fifo_writes_into_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    drain = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    drain.start()
    result = reader("normalize", str(SAMPLE), "-o", str(fifo))
    drain.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert "筑牢安全屏障" in received[0].decode("utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pipe"]  # no temporary left


def test_output_to_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real" / "clean.txt"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = reader("normalize", str(SAMPLE), "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert "筑牢安全屏障" in target.read_text(encoding="utf-8")


def test_a_symlink_planted_among_reader_s_own_files_is_replaced_never_followed(
    tmp_path: Path,
) -> None:
    # A build run as root must not be steered into overwriting a link's target: only a
    # destination the user names with -o is written through.
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    planted = tmp_path / "output" / "feed.xml"
    planted.parent.mkdir()
    planted.symlink_to(secret)
    write_text_atomic(planted, "<rss/>")
    assert secret.read_text(encoding="utf-8") == "root:x:0:0\n"
    assert not planted.is_symlink() and planted.read_text(encoding="utf-8") == "<rss/>"


def test_a_device_among_reader_s_own_files_is_refused(tmp_path: Path) -> None:
    node = device(tmp_path, "null", 1, 3)
    with pytest.raises(OutputError, match="not a regular file"):
        write_text_atomic(node, "<rss/>")
    assert stat.S_ISCHR(node.lstat().st_mode)


def test_output_to_a_full_device_is_one_error_line(tmp_path: Path) -> None:
    full = device(tmp_path, "full", 1, 7)
    result = reader("normalize", str(SAMPLE), "-o", str(full))
    assert result.returncode == 73 and str(full) in one_error_line(result)
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_output_to_a_block_device_is_refused(tmp_path: Path) -> None:
    node = device(tmp_path, "disk", 7, 200, stat.S_IFBLK)
    result = reader("normalize", str(SAMPLE), "-o", str(node))
    assert result.returncode == 73 and "not a regular file" in one_error_line(result)
    assert stat.S_ISBLK(node.lstat().st_mode)


# A disk that fills up while the MP3 is written.


def _small_disk() -> None:
    """In the child: files may not grow past 16 KB, as on a nearly full disk (Python ignores
    SIGXFSZ, so writes fail with EFBIG like they fail with ENOSPC on a full one)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))


@pytest.mark.slow
def test_a_full_disk_during_the_mp3_is_one_clean_error(tmp_path: Path) -> None:
    text = tmp_path / "text.txt"
    text.write_text(SHORT_TEXT, encoding="utf-8")  # an MP3 of about 44 KB
    out = tmp_path / "out"
    out.mkdir()
    result = reader(
        "speak", str(text), "-o", str(out / "x.mp3"), "--engine", "offline",
        preexec_fn=_small_disk,
    )  # fmt: skip
    assert result.returncode == 73, result.stderr
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("reader: error: cannot write")
    assert list(out.iterdir()) == []  # no half-written MP3
