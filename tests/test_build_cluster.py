"""`reader build --scheduler`: a real Dask cluster (a `dask scheduler` and `dask worker`
processes on 127.0.0.1, started and stopped here) builds a batch; the files it returns are
byte for byte those of a local build (save the build time the manifest and EPUB record), even
when a worker is killed mid-article; a worker with
another reader version is refused before any work."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from build_support import built_files

from reader.builder import cluster as cluster_module
from reader.cli import main

pytestmark = pytest.mark.slow

DASK = Path(sys.executable).parent / "dask"
READER = Path(sys.executable).parent / "reader"
ARTICLE = """{topic}迎来二百多名市民
——市图书馆推出系列阅读活动

本报讯 昨天上午，市图书馆举办{topic}，二百多名市民参加。活动现场气氛热烈。

“读书让生活更美好。”市图书馆馆长李明表示，今年将举办更多{topic}。
"""
TOPICS = ("迎春读书会", "书法展", "音乐会")


class Cluster:
    """A scheduler and its workers, each a process group of its own (killed as a whole)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.scheduler_file = root / "scheduler.json"
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self._start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0",
                    "--no-dashboard", "--scheduler-file", str(self.scheduler_file))  # fmt: skip
        deadline = time.monotonic() + 60
        while not self.scheduler_file.is_file():
            if time.monotonic() > deadline or self.processes["scheduler"].poll() is not None:
                raise RuntimeError(f"the scheduler did not start: {self._log('scheduler')}")
            time.sleep(0.1)
        self.address: str = json.loads(self.scheduler_file.read_text())["address"]

    def _log(self, name: str) -> str:
        return (self.root / f"{name}.log").read_text(errors="replace")[-2000:]

    def _start(self, name: str, *args: str, env: dict[str, str] | None = None) -> None:
        log = (self.root / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            [str(DASK), *args], stdout=log, stderr=log, env=env, start_new_session=True
        )

    def add_worker(self, name: str, *extra: str) -> Path:
        """Start a worker with its own speech cache; returns that cache's folder."""
        cache = self.root / f"{name}-cache"
        env = {**os.environ, "READER_CACHE_DIR": str(cache), "READER_VOICE_THREADS": "1"}
        env["TMPDIR"] = str(self.root)  # a killed worker's scratch folder stays in the test's
        self._start(name, "worker", self.address, "--name", name, "--nthreads", "1",
                    "--no-nanny", "--no-dashboard", "--host", "127.0.0.1", *extra,
                    env=env)  # fmt: skip
        return cache

    def wait_for_workers(self, count: int) -> None:
        deadline = time.monotonic() + 90
        while (joined := self._log("scheduler").count("Register worker")) < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{joined} of {count} workers joined: {self._log('scheduler')}")
            time.sleep(0.1)

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self) -> None:
        for name in list(self.processes):
            self.kill(name)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    running = Cluster(tmp_path / "cluster")
    try:
        yield running
    finally:
        running.stop()


def _articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, topic in enumerate(TOPICS):
        path = folder / f"article-{number}.txt"
        path.write_text(ARTICLE.format(topic=topic), encoding="utf-8")
        paths.append(path)
    return paths


def test_a_batch_on_a_cluster_that_loses_a_worker_matches_a_local_build(
    cluster: Cluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = _articles(tmp_path / "in")
    first_cache = cluster.add_worker("first")
    cluster.add_worker("second")
    cluster.wait_for_workers(2)
    common = ["--engine", "offline", "--date", "2025-02-01", "-q"]
    client = subprocess.Popen(
        [str(READER), "build", *map(str, sources), "-o", str(tmp_path / "cluster-out"),
         "--scheduler", cluster.address, *common],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "READER_CACHE_DIR": str(tmp_path / "client-cache")},
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not list(first_cache.rglob("*.json")):  # the first worker is mid-article
        if client.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"no article reached the first worker: {client.communicate()}")
        time.sleep(0.02)
    cluster.kill("first")
    out, err = client.communicate(timeout=300)
    assert client.returncode == 0, err.decode()
    assert len(out.split()) == len(sources)
    assert not list((tmp_path / "client-cache").rglob("*.json"))  # the client spoke nothing

    # The same batch built here, with an empty speech cache of its own.
    os.environ["READER_CACHE_DIR"] = str(tmp_path / "local-cache")
    try:
        with pytest.raises(SystemExit) as done:
            main(["build", *map(str, sources), "-o", str(tmp_path / "local-out"), *common,
                  "--jobs", "1"])  # fmt: skip
    finally:
        del os.environ["READER_CACHE_DIR"]
    assert done.value.code == 0, capsys.readouterr().err
    cluster_files, local_files = (
        built_files(tmp_path / "cluster-out"),
        built_files(tmp_path / "local-out"),
    )
    assert sorted(cluster_files) == sorted(local_files)
    assert len([name for name in cluster_files if name.endswith(".mp3")]) >= 2 * len(sources)
    for name, data in local_files.items():
        assert cluster_files[name] == data, name


def test_a_worker_with_another_reader_version_is_refused_before_any_work(
    cluster: Cluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other_version = tmp_path / "other_version.py"
    other_version.write_text("import reader\nreader.__version__ = '0.0.1-other'\n")
    cache = cluster.add_worker("other", "--preload", str(other_version))
    cluster.wait_for_workers(1)
    output = tmp_path / "out"
    with pytest.raises(SystemExit) as done:
        main(["build", *map(str, _articles(tmp_path / "in")), "-o", str(output),
              "--scheduler", cluster.address, "--engine", "offline", "-q"])  # fmt: skip
    err = capsys.readouterr().err
    assert done.value.code == 64
    assert "another reader version" in err and "0.0.1-other" in err
    assert "Traceback" not in err
    assert not list(output.rglob("*.mp3")) and not list(cache.rglob("*.json"))


def test_an_unreachable_scheduler_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 1.0)
    source = _articles(tmp_path / "in")[0]
    with pytest.raises(SystemExit) as done:
        main(["build", str(source), "-o", str(tmp_path / "out"), "--engine", "offline",
              "--scheduler", "tcp://127.0.0.1:9", "-q"])  # fmt: skip
    err = capsys.readouterr().err
    assert done.value.code == 69 and "cannot reach the Dask scheduler" in err
    assert "Traceback" not in err
