"""`reader build FILE... --jobs N`: articles built side by side in worker processes give the
same files as one by one; an article that fails is reported, the others are written, and the
exit code says something failed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from build_support import built_files

from reader.manifest import Manifest

pytestmark = pytest.mark.slow

READER = Path(sys.executable).parent / "reader"
ARTICLE = """{topic}迎来二百多名市民
——市图书馆推出系列阅读活动

本报讯 昨天上午，市图书馆举办{topic}，二百多名市民参加。活动现场气氛热烈。

“读书让生活更美好。”市图书馆馆长李明表示，今年将举办更多{topic}。
"""


def test_jobs_build_side_by_side_and_one_failure_spares_the_others(tmp_path: Path) -> None:
    sources = []
    for number, topic in enumerate(("迎春读书会", "书法展", "音乐会")):
        sources.append(tmp_path / f"article-{number}.txt")
        sources[-1].write_text(ARTICLE.format(topic=topic), encoding="utf-8")
    common = ["--engine", "offline", "--date", "2025-02-01"]
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}
    # One article's folder cannot take its audio (a file where the audio folder goes).
    blocked = tmp_path / "jobs" / "2025-02-01-shu-fa-zhan-ying-lai-er-bai-duo-ming-shi-min"
    blocked.mkdir(parents=True)
    (blocked / "audio").write_text("not a folder")
    missing = tmp_path / "missing.txt"

    args = [*map(str, [*sources, missing]), "-o", str(tmp_path / "jobs"), *common]
    done = subprocess.run(
        [str(READER), "build", *args, "--jobs", "2"], env=env, capture_output=True, text=True
    )
    assert done.returncode in (65, 73), done.stderr  # the first failure's code
    errors = [line for line in done.stderr.splitlines() if line.startswith("reader: error:")]
    assert any(missing.name in line for line in errors)
    assert any(blocked.name in line for line in errors)
    assert "2 of the inputs could not be built" in errors[-1]
    assert "Traceback" not in done.stderr
    built = sorted(Path(line) for line in done.stdout.split())
    assert len(built) == 2
    for folder in built:
        manifest = Manifest.load(folder)
        for entry in [manifest.episode, *(section.audio for section in manifest.sections)]:
            assert (folder / entry.file).stat().st_size == entry.bytes
    assert "articles" in done.stderr  # the batch's progress display

    # The same articles one by one, with a cache of their own: the same files (in the pool,
    # the worker left idle spoke the last article's last sentences ahead of its builder).
    (blocked / "audio").unlink()
    done = subprocess.run(
        [str(READER), "build", *map(str, sources), "-o", str(tmp_path / "one"), *common,
         "--jobs", "1", "-q"],
        env={**env, "READER_CACHE_DIR": str(tmp_path / "cache-one")}, capture_output=True,
        text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    one = built_files(tmp_path / "one")
    side_by_side = built_files(tmp_path / "jobs")
    for name, data in side_by_side.items():
        if blocked.name not in name:
            assert one[name] == data, name
    assert len(side_by_side) > 10


def test_ctrl_c_stops_the_workers_at_once_and_leaves_nothing_half_made(
    tmp_path: Path, sample_path: Path
) -> None:
    sources = [sample_path]
    for number, topic in enumerate(("书法展", "音乐会")):
        sources.append(tmp_path / f"article-{number}.txt")
        sources[-1].write_text(ARTICLE.format(topic=topic), encoding="utf-8")
    cache = tmp_path / "cache"
    output = tmp_path / "out"
    process = subprocess.Popen(
        [str(READER), "build", *map(str, sources), "-o", str(output), "--engine", "offline",
         "--jobs", "2", "-q"],
        env={**os.environ, "READER_CACHE_DIR": str(cache), "TMPDIR": str(tmp_path)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    _wait_until_speaking(process, cache)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.strip().splitlines()[-1] == "reader: interrupted"
    assert "Traceback" not in err
    assert not list(output.rglob(".staging")) and not list(output.rglob("*.tmp"))
    assert not list(tmp_path.glob("reader-*"))  # no worker scratch folder left


def test_ctrl_c_while_the_workers_start_prints_no_traceback(tmp_path: Path) -> None:
    """Ctrl-C reaches the fork server and the workers too, while they still import the build's
    stages: none of them may print the traceback of the import it was in."""
    sources = []
    for number, topic in enumerate(("书法展", "音乐会")):
        sources.append(tmp_path / f"article-{number}.txt")
        sources[-1].write_text(ARTICLE.format(topic=topic), encoding="utf-8")
    for delay in (0.5, 0.8, 1.2):
        process = subprocess.Popen(
            [str(READER), "build", *map(str, sources), "-o", str(tmp_path / "out"),
             "--engine", "offline", "--jobs", "2", "-q"],
            env={**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert process.returncode == 130, err
        assert "Traceback" not in err, (delay, err)


def _wait_until_speaking(process: subprocess.Popen[str], cache: Path) -> None:
    """Return once the batch's workers have spoken a sentence into the cache."""
    deadline = time.monotonic() + 120
    while not list((cache / "speech").rglob("*.json")):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the batch ended before anything was spoken: {process.communicate()}")
        time.sleep(0.05)


def _workers_of(pid: int) -> list[int]:
    """The pool's worker processes of the `reader build` process `pid`: forked by its fork
    server (or spawned by it, where there is no fork server)."""
    children: dict[int, list[tuple[int, bytes]]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
        children.setdefault(parent, []).append((int(stat.parent.name), command))
    workers = [child for child, command in children.get(pid, []) if b"spawn_main" in command]
    for server, command in children.get(pid, []):
        if b"forkserver" in command:
            workers += [child for child, _ in children.get(server, [])]
    return workers


def test_a_worker_killed_mid_batch_loses_no_article(tmp_path: Path) -> None:
    sources = []
    for number, topic in enumerate(("迎春读书会", "书法展", "音乐会", "摄影展")):
        sources.append(tmp_path / f"article-{number}.txt")
        sources[-1].write_text(ARTICLE.format(topic=topic), encoding="utf-8")
    cache = tmp_path / "cache"
    process = subprocess.Popen(
        [str(READER), "build", *map(str, sources), "-o", str(tmp_path / "out"), "--engine",
         "offline", "--jobs", "2", "-q"],
        env={**os.environ, "READER_CACHE_DIR": str(cache)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _wait_until_speaking(process, cache)
    workers = _workers_of(process.pid)
    assert workers
    os.kill(workers[0], signal.SIGKILL)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err  # its articles were built again in fresh processes
    assert "Traceback" not in err
    built = out.split()
    assert len(built) == len(sources)
    for folder in map(Path, built):
        assert Manifest.load(folder).episode.duration > 0
