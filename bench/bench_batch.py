"""`reader build FILE... --jobs N`: a batch of uncached articles on every core of this machine.

Five articles — the sample cut into four (each part its own article, its own headline) and
the community article of the tests — are built by `reader build` as users run it, each run
with an empty speech cache, first `--jobs 1` (one after another in one process), then
`--jobs 2` (side by side in two worker processes), twice, alternating, so load from other
users of the machine falls on both. Each build's cache folder holds what any earlier build
leaves there but spoken sentences: the kept tables (`reader.table_cache`) and the patched
voice model, made once beforehand by building a one-sentence article. CPU is the children's
user + sys time; the load average printed with each build is
the machine's before it started. The files of every build are compared with the first
`--jobs 1` build's (byte for byte, save the build time).

Targets (issue 12): with `--jobs 2` both cores busy, (user + sys) / wall >= 1.8; and
`--jobs 2` at least 1.35x faster than `--jobs 1` in the same run. It also prints how much
faster two cores could be at most: `--jobs 1` keeps more than one core busy itself (the voice
on two threads, packaging on another), so 2 / its busy cores bounds the second figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # build_support: comparing built folders
SAMPLE = ROOT / "examples" / "000_be6178708a06076a.txt"
COMMUNITY = ROOT / "tests" / "data" / "normalize" / "community_article.txt"
READER = Path(sys.executable).parent / "reader"
BUSY_TARGET = 1.8
SPEEDUP_TARGET = 1.35
ROUNDS = 2
PARTS = 4


def articles(folder: Path) -> list[Path]:
    """The sample's paragraphs in PARTS articles, and the community article."""
    from reader.normalize import load_article

    sample = load_article(SAMPLE)
    title = sample.title.text if sample.title else "筑牢安全屏障"
    paragraphs = [paragraph.text for paragraph in sample.paragraphs]
    size = -(-len(paragraphs) // PARTS)
    paths = []
    for part in range(PARTS):
        chunk = paragraphs[part * size : (part + 1) * size]
        path = folder / f"part-{part + 1}.txt"
        path.write_text(f"{title}（{'一二三四五六'[part]}）\n\n" + "\n\n".join(chunk) + "\n")
        paths.append(path)
    return [*paths, COMMUNITY]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    audio_minutes: float
    load: float  # the 1-minute load average when the build started
    files: dict[str, bytes]


def build(sources: list[Path], scratch: Path, jobs: int, run: int) -> Run:
    """One uncached batch: wall and CPU seconds, minutes of audio, and the files it wrote."""
    from build_support import built_files

    from reader.manifest import Manifest

    output = scratch / f"out-{jobs}-{run}"
    cache = scratch / f"cache-{jobs}-{run}"
    shutil.copytree(scratch / "warm-cache", cache)
    env = {**os.environ, "READER_CACHE_DIR": str(cache)}
    command = [str(READER), "build", *map(str, sources), "-o", str(output)]
    command += ["--engine", "offline", "--jobs", str(jobs), "-q"]
    load = os.getloadavg()[0]
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run(command, env=env, check=True, capture_output=True)
    wall, used = time.perf_counter() - started, children_cpu() - cpu
    audio = sum(Manifest.load(folder).episode.duration for folder in output.iterdir())
    return Run(wall, used, audio / 60, load, built_files(output))


def warm_cache(scratch: Path) -> None:
    """`scratch / "warm-cache"`: a cache folder as an earlier build leaves it, less its speech."""
    source = scratch / "warm-up.txt"
    source.write_text("预热\n\n今天天气很好。\n", encoding="utf-8")
    env = {**os.environ, "READER_CACHE_DIR": str(scratch / "warm-cache")}
    command = [str(READER), "build", str(source), "-o", str(scratch / "warm-up"), "-q"]
    subprocess.run([*command, "--engine", "offline"], env=env, check=True, capture_output=True)
    shutil.rmtree(scratch / "warm-cache" / "speech")
    shutil.rmtree(scratch / "warm-up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="builds of each kind")
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        sources = articles(scratch)
        warm_cache(scratch)
        runs: dict[int, list[Run]] = {1: [], 2: []}
        for run in range(rounds):
            for jobs in (1, 2):
                runs[jobs].append(build(sources, scratch, jobs, run))
    first = runs[1][0]
    print(f"{len(sources)} uncached articles, {first.audio_minutes:.1f} min of audio, "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    for jobs, figures in runs.items():
        for figure in figures:
            print(
                f"  --jobs {jobs}: {figure.wall:6.2f} s wall, {figure.cpu:6.2f} s CPU, "
                f"busy {figure.cpu / figure.wall:.2f}  (load average {figure.load:.2f})"
            )
    one = min(figure.wall for figure in runs[1])
    two = min(runs[2], key=lambda figure: figure.wall)
    busy, speedup = two.cpu / two.wall, one / two.wall
    same = all(figure.files == first.files for figure in [*runs[1], *runs[2]])
    verdict = {True: "met", False: "MISSED"}
    print(
        f"--jobs 2 cores busy (user+sys)/wall: {busy:.2f} (target >= {BUSY_TARGET}): "
        f"{verdict[busy >= BUSY_TARGET]}"
    )
    print(
        f"--jobs 2 vs --jobs 1 (best of {rounds} each): {speedup:.2f}x faster "
        f"(target >= {SPEEDUP_TARGET}): {verdict[speedup >= SPEEDUP_TARGET]}"
    )
    fastest_one = min(runs[1], key=lambda figure: figure.wall)
    busy_one = fastest_one.cpu / fastest_one.wall
    print(
        f"--jobs 1 already keeps {busy_one:.2f} cores busy: with its CPU, two cores busy from "
        f"start to end would make --jobs 2 at most {2 / busy_one:.2f}x faster"
    )
    print(f"every build's files byte for byte those of the first --jobs 1 build: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
