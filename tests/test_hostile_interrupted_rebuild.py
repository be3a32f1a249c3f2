"""A rebuild killed midway never leaves a good folder describing one build while holding
another's files (issue 14, item 3): the old build stays whole until the new set is complete,
and a commit interrupted while it moves files in is finished by the next build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_build_sample import DATE, PUBLICATION, SampleBuild, sample_build  # noqa: F401

from reader.builder import commit
from reader.builder.context import BuildContext
from reader.builder.layout import STAGING_NAME
from reader.builder.options import BuildOptions
from reader.builder.pipeline import build_article
from reader.builder.state import STATE_NAME
from reader.manifest import Manifest
from reader.package.digest import sha256_file
from reader.speech.cache import SpeechCache

pytestmark = pytest.mark.slow

READER = Path(sys.executable).parent / "reader"


def _copy_of(build: SampleBuild, tmp_path: Path) -> tuple[Path, Path]:
    """The sample's finished folder in a fresh output folder, and a cache root whose speech
    cache is the sample's (every sentence cached: a rebuild only packages)."""
    output = tmp_path / "out"
    folder = output / build.folder.name
    shutil.copytree(build.folder, folder)
    cache_root = tmp_path / "cache"
    cache_root.mkdir()
    (cache_root / "speech").symlink_to(build.cache)
    return folder, cache_root


def _assert_whole(folder: Path) -> Manifest:
    """Every file the manifest names is the file it describes, and nothing is staged."""
    manifest = Manifest.load(folder)
    for entry in [manifest.episode, *(section.audio for section in manifest.sections)]:
        assert sha256_file(folder / entry.file) == entry.sha256, entry.file
        assert (folder / entry.vtt).is_file()
    for name in ("index.html", "chapters.json", STATE_NAME):
        assert (folder / name).is_file()
    return manifest


def test_a_radio_rebuild_killed_midway_leaves_the_podcast_build_whole(
    sample_build: SampleBuild,  # noqa: F811
    sample_path: Path,
    tmp_path: Path,
) -> None:
    folder, cache_root = _copy_of(sample_build, tmp_path)
    before = {path.name: sha256_file(path) for path in folder.glob("audio/*.mp3")}
    command = [
        str(READER), "build", str(sample_path), "-o", str(folder.parent),
        "--engine", "offline", "--date", DATE, "--publication", PUBLICATION,
        "--profile", "radio", "-q",
    ]  # fmt: skip
    env = {**os.environ, "READER_CACHE_DIR": str(cache_root)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    staged = folder / STAGING_NAME / "audio"
    deadline = time.monotonic() + 120
    while len(list(staged.glob("*.mp3"))) < 2:  # two radio sections written, more to come
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the rebuild ended before it could be killed: {process.communicate()}")
        time.sleep(0.02)
    process.kill()  # SIGKILL: no clean-up of its own
    process.wait(timeout=30)

    manifest = _assert_whole(folder)
    assert manifest.profile == "podcast"
    assert {path.name: sha256_file(path) for path in folder.glob("audio/*.mp3")} == before

    # The next build throws the unfinished staging away and replaces the set whole.
    options = BuildOptions(
        output_dir=folder.parent, engine="offline", profile="radio", date=DATE,
        publication=PUBLICATION,
    )  # fmt: skip
    build_article(sample_path, BuildContext(options, cache=SpeechCache(sample_build.cache)))
    assert _assert_whole(folder).profile == "radio"
    assert not (folder / STAGING_NAME).exists()


def test_a_commit_interrupted_while_moving_files_in_is_finished_by_the_next_build(
    sample_build: SampleBuild,  # noqa: F811
    sample_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, _ = _copy_of(sample_build, tmp_path)
    options = BuildOptions(
        output_dir=folder.parent, engine="offline", profile="radio", date=DATE,
        publication=PUBLICATION,
    )  # fmt: skip
    real_rename, moved = commit._rename, []

    def rename_then_die(source: Path, target: Path) -> None:
        if len(moved) == 3:
            raise KeyboardInterrupt  # Ctrl-C after three files went in
        real_rename(source, target)
        moved.append(target)

    monkeypatch.setattr(commit, "_rename", rename_then_die)
    context = BuildContext(options, cache=SpeechCache(sample_build.cache))
    with pytest.raises(KeyboardInterrupt):
        build_article(sample_path, context)
    assert (folder / STAGING_NAME / commit.JOURNAL_NAME).is_file()  # the set is kept

    monkeypatch.setattr(commit, "_rename", real_rename)
    result = build_article(sample_path, context)
    assert result.skipped  # finishing the commit completed the radio build: nothing to redo
    assert _assert_whole(folder).profile == "radio"
    assert not (folder / STAGING_NAME).exists()
