"""The edge engine against the local protocol server (tests/edge_server.py): what the client,
the MP3 decoding and the completeness checks cost per request, and what running requests in
parallel gains when each one waits on the network.

Prints requests per second, audio seconds produced per wall second, and the speed-up of
concurrency 4 over 1 with a simulated 0.3 s service latency per request.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from edge_server import FAST, XIAOXIAO, EdgeTestServer, pronounced

from reader.model import Sentence, Speech
from reader.speech.edge import EdgeEngine

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "000_be6178708a06076a.txt"
SECTIONS = 8
LATENCY = 0.3  # seconds the simulated service waits before streaming each answer


def sections() -> list[list[Sentence]]:
    """Eight sections of the sample article's text, a few sentences each."""
    text = "".join(SAMPLE.read_text(encoding="utf-8").split())
    sentences = [part + "。" for part in text.split("。") if len(part) > 8]
    size = max(1, len(sentences) // SECTIONS)
    return [
        [pronounced(s, s, "") for s in sentences[index * size : (index + 1) * size][:4]]
        for index in range(SECTIONS)
    ]


def timed(
    engine: EdgeEngine, groups: list[list[Sentence]], concurrency: int
) -> tuple[float, float]:
    start = time.perf_counter()
    results = engine.synthesize_many(groups, XIAOXIAO, concurrency=concurrency)
    elapsed = time.perf_counter() - start
    if not all(isinstance(result, Speech) for result in results):
        raise SystemExit(f"a request failed: {results}")
    audio = sum(result.duration for result in results if isinstance(result, Speech))
    return elapsed, audio


def main() -> None:
    groups = sections()
    settings = replace(FAST, timeout=30.0)
    with EdgeTestServer(seconds_per_char=0.2) as server:
        engine = EdgeEngine(settings, url=server.url)
        timed(engine, groups, 4)  # the server encodes each text once; later runs reuse it
        elapsed, audio = timed(engine, groups, 1)
        print(
            f"edge engine, no latency: {len(groups) / elapsed:.1f} requests/s, "
            f"{audio / elapsed:.0f} s of audio per second (client + MP3 decode + checks)"
        )
    with EdgeTestServer(seconds_per_char=0.2, stream_delay=LATENCY) as server:
        engine = EdgeEngine(settings, url=server.url)
        timed(engine, groups, 4)
        sequential, _ = timed(engine, groups, 1)
        parallel, _ = timed(engine, groups, 4)
        print(
            f"{len(groups)} sections at {LATENCY:.1f} s latency: "
            f"concurrency 1 {sequential:.2f} s, concurrency 4 {parallel:.2f} s, "
            f"speed-up {sequential / parallel:.1f}x"
        )


if __name__ == "__main__":
    main()
