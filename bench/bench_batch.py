"""`reader build FILE... --jobs N`: a batch of uncached articles on every core of this machine.

Five articles — the sample cut into four (each part its own article, its own headline) and
the community article of the tests — are built by `reader build` as users run it, each run
with an empty speech cache, first `--jobs 1` (one after another in one process), then
`--jobs 2` (side by side in two worker processes), twice, alternating, so load from other
users of the machine falls on both. CPU is the children's user + sys time.

Targets (issue 12): with `--jobs 2` both cores busy, (user + sys) / wall >= 1.8; and
`--jobs 2` at least 1.35x faster than `--jobs 1` in the same run.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def build(sources: list[Path], scratch: Path, jobs: int, run: int) -> tuple[float, float, float]:
    """Wall and CPU seconds of one uncached batch, and the minutes of audio it built."""
    output = scratch / f"out-{jobs}-{run}"
    env = {**os.environ, "READER_CACHE_DIR": str(scratch / f"cache-{jobs}-{run}")}
    command = [str(READER), "build", *map(str, sources), "-o", str(output)]
    command += ["--engine", "offline", "--jobs", str(jobs), "-q"]
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run(command, env=env, check=True, capture_output=True)
    wall, used = time.perf_counter() - started, children_cpu() - cpu
    from reader.manifest import Manifest

    audio = sum(Manifest.load(folder).episode.duration for folder in output.iterdir())
    return wall, used, audio / 60


def main() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        sources = articles(scratch)
        runs: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
        for run in range(ROUNDS):
            for jobs in (1, 2):
                runs[jobs].append(build(sources, scratch, jobs, run))
    print(
        f"{len(sources)} uncached articles, {runs[1][0][2]:.1f} min of audio, {os.cpu_count()} CPUs"
    )
    for jobs, figures in runs.items():
        for wall, cpu, _ in figures:
            print(f"  --jobs {jobs}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, busy {cpu / wall:.2f}")
    one = min(wall for wall, _, _ in runs[1])
    two_wall, two_cpu, _ = min(runs[2])
    busy, speedup = two_cpu / two_wall, one / two_wall
    verdict = {True: "met", False: "MISSED"}
    print(
        f"--jobs 2 cores busy (user+sys)/wall: {busy:.2f} (target >= {BUSY_TARGET}): "
        f"{verdict[busy >= BUSY_TARGET]}"
    )
    print(
        f"--jobs 2 vs --jobs 1 (best of {ROUNDS} each): {speedup:.2f}x faster "
        f"(target >= {SPEEDUP_TARGET}): {verdict[speedup >= SPEEDUP_TARGET]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
