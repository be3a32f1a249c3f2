"""The worker's side of a batch: build one article in a scratch folder and return its files.

Runs in a process of the local pool (`reader build --jobs N`) or on a Dask worker
(`--scheduler`). The worker keeps one `BuildContext` (the pronouncer and voice load once per
process) and never touches the output folder: the client writes what it returns.
"""

from __future__ import annotations

import atexit
import importlib
import os
import signal
import socket
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import reader
from reader.builder.article import ArticleJob, BuiltArticle, build_files, spoken_sentences
from reader.builder.context import BuildContext
from reader.builder.layout import AUDIO_DIR
from reader.builder.options import BuildOptions
from reader.errors import ReaderError
from reader.model import Paragraph

if TYPE_CHECKING:
    from reader.pronounce import Lexicon


@dataclass(frozen=True)
class WorkerSpec:
    """How every article of a batch is built; sent with each article."""

    options: BuildOptions  # output_dir and lexicon path are the client's: unused here
    lexicon: Lexicon | None  # the client's lexicon, loaded
    version: str  # the client's reader version
    speech_cache: Path | None = None  # the speech cache folder (None: the worker's default)


@dataclass(frozen=True)
class ArticleFiles:
    """An article built by a worker: what it wrote, and the bytes of each file."""

    built: BuiltArticle
    data: dict[str, bytes]
    host: str


@dataclass(frozen=True)
class Failure:
    """An article that could not be built, as one line and an exit code (errors cross process
    and network boundaries as values: a worker's exception class may not unpickle)."""

    message: str
    exit_code: int


def internal_failure(error: BaseException) -> Failure:
    """A failure that is a bug, not bad input: said in one line like the CLI says it."""
    return Failure(f"internal error: {type(error).__name__}: {error}", 70)


def reader_version() -> str:
    """The version of reader this process runs (read at call time)."""
    return str(reader.__version__)


_context: tuple[WorkerSpec, BuildContext] | None = None
_building = threading.Lock()  # one article at a time per process: the context is not shared
_progress: Callable[[str, float], None] | None = None  # set by a pool's initializer
_scratch: str | None = None  # a pool's scratch folder (set by its initializer)


def _context_for(spec: WorkerSpec) -> BuildContext:
    global _context
    if _context is None or _context[0] != spec:
        from reader.speech.cache import SpeechCache

        cache = SpeechCache(spec.speech_cache) if spec.speech_cache else None
        context = BuildContext(spec.options, cache=cache, lexicon=spec.lexicon)
        _context = (spec, context)
    return _context[1]


class _Share:
    """An article's steps reported as fractions of one article (the batch counts articles)."""

    def __init__(self, report: Callable[[str, float], None], slug: str, steps: int) -> None:
        self._report, self._slug, self._steps = report, slug, max(1, steps)

    def update(self, n: float = 1) -> None:
        self._report(self._slug, n / self._steps)

    def set_postfix_str(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def build_remote(spec: WorkerSpec, job: ArticleJob) -> ArticleFiles | Failure:
    """Build `job` in a scratch folder; its files, or why it failed."""
    if spec.version != reader_version():
        return Failure(
            f"worker {socket.gethostname()} runs reader {reader_version()}, this client "
            f"{spec.version}: install the same version on every worker",
            64,
        )
    with _building:
        context = _context_for(spec)
        report = _progress
        context.progress = (
            (lambda steps, slug: _Share(report, slug, steps)) if report is not None else None
        )
        with tempfile.TemporaryDirectory(prefix="reader-build-") as scratch:
            folder = Path(scratch)
            (folder / AUDIO_DIR).mkdir()
            try:
                built = build_files(job, context, folder)
            except ReaderError as error:
                return Failure(str(error), error.exit_code)
            except Exception as error:  # a bug in one article's build: the others go on
                return internal_failure(error)
            data = {name: (folder / name).read_bytes() for name in built.files}
    return ArticleFiles(built, data, socket.gethostname())


def help_build(spec: WorkerSpec, job: ArticleJob) -> int:
    """Speak `job`'s sentences into the shared speech cache from its last one backwards, while
    another worker of this machine's pool builds it from its first and then finds them there:
    the end of a batch is not left to one worker. Stops at a sentence already in the cache
    (the builder got there) or once the client marks the article done. A sentence spoken
    alone is cached as the same clip as when cut from its paragraph (`reader.speech.clips`),
    so the files do not change. Returns how many sentences it spoke."""
    with _building:
        context = _context_for(spec)
        if context.network_voice_chosen():
            return 0  # a network voice does not keep this machine's cores busy
        spoken = 0
        for sentence in reversed(spoken_sentences(job.article)):
            alone = Paragraph((sentence,))
            if _finished(job.slug) or context.cached(alone):
                break
            try:
                context.speak([alone])
            except ReaderError:  # the builder meets it too and reports it
                break
            if context.cache.unwritable:  # nothing spoken here reaches the builder
                break
            spoken += 1
        return spoken


def finished_marker(scratch: str, slug: str) -> Path:
    """The file by which the client tells a pool's helpers that an article is done."""
    return Path(scratch, f"{slug}.done")


def _finished(slug: str) -> bool:
    return _scratch is not None and finished_marker(_scratch, slug).exists()


def init_pool_worker(
    progress: Any, voice_threads: int, scratch: str, environment: dict[str, str]
) -> None:
    """A local pool process: take the client's `environment` (a process forked from the fork
    server has the server's), report step progress through `progress` (a multiprocessing
    queue), let the voice use this process's share of the cores (unless the user said how
    many), and build in `scratch` (the client removes it, even after stopping this process).
    Ctrl-C is the client's to handle: it stops the workers itself, without their tracebacks.
    At exit the process skips the interpreter's teardown (freeing the voice's and stages'
    objects one by one took a second of the batch's end): the pool has had its results and
    multiprocessing has flushed its queues by then."""
    global _progress, _scratch
    from reader.speech.offline.engine import VOICE_THREADS_ENV

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.clear()
    os.environ.update(environment)
    tempfile.tempdir = _scratch = scratch
    os.environ.setdefault(VOICE_THREADS_ENV, str(voice_threads))
    for module in stage_modules():  # already there when forked from the fork server
        importlib.import_module(module)

    def report(slug: str, fraction: float) -> None:
        progress.put((slug, fraction))

    _progress = report
    atexit.register(os._exit, 0)


def stage_modules() -> tuple[str, ...]:
    """The build's stages a pool worker imports before its first article (the packaging's
    scipy alone takes a second), while the client pronounces the first articles, rather than
    beside the first article's speech."""
    return (
        "reader.builder.worker",
        "reader.builder.writers",
        "reader.speech.offline.engine",
        "reader.speech.service",
    )


def local_spec(context: BuildContext) -> WorkerSpec:
    """The spec for workers on this machine (sharing this command's speech cache)."""
    options = context.options
    return WorkerSpec(
        options=replace(options, lexicon=None),
        lexicon=context.lexicon(),
        version=reader_version(),
        speech_cache=context.cache.root,
    )


def cluster_spec(context: BuildContext) -> WorkerSpec:
    """The spec for cluster workers (each keeps its own speech cache)."""
    return replace(local_spec(context), speech_cache=None)
