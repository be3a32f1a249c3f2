"""`reader build --jobs N`: articles built side by side in worker processes on this machine.

This process pronounces every article (the pronouncer loads once, here) and hands them out,
longest first; each worker process loads the voice once and builds one article at a time
(`reader.builder.worker.build_remote`), sharing this command's speech cache (its entries are
written atomically, so two processes never see half an entry). Workers are forked from a
fresh server process (`forkserver`) that has imported the build's stages once for all of
them; they inherit no threads or locks from the client, and get its environment as spawned
processes would. Step progress comes back through a queue to the one batch display.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from typing import Any

from reader.builder.article import ArticleJob, longest_first, pronounce_job
from reader.builder.batch import BatchDisplay, Outcome
from reader.builder.context import BuildContext
from reader.builder.worker import (
    Failure,
    WorkerSpec,
    build_remote,
    finished_marker,
    help_build,
    init_pool_worker,
    internal_failure,
    local_spec,
    reader_version,
    stage_modules,
)
from reader.errors import ReaderError

WORKER_DIED_EXIT_CODE = 70  # EX_SOFTWARE


@cache
def _process_context() -> multiprocessing.context.BaseContext:
    """Fork workers from a server that imported the build's stages (a second of CPU) once,
    rather than importing them again in every spawned worker; spawn where there is none."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["reader.builder.fork_server", *stage_modules()])
    return context


class PoolRunner:
    """Builds a batch's articles in `workers` processes; yields each as it ends."""

    min_articles = 2  # one article gains nothing from a pool

    def __init__(
        self, context: BuildContext, workers: int, display: BatchDisplay | None = None
    ) -> None:
        self.context = context
        self.workers = max(1, workers)
        self.display = display
        self._scratch = ""  # the workers' scratch folder during a batch
        self._shares: dict[str, float] = {}  # each article's share of its steps done so far

    def __call__(self, jobs: Sequence[ArticleJob]) -> Iterator[tuple[ArticleJob, Outcome]]:
        spec = local_spec(self.context)
        progress: Any = _process_context().Queue()
        self._scratch = tempfile.mkdtemp(prefix="reader-jobs-")
        listener = threading.Thread(target=self._listen, args=(progress,), daemon=True)
        listener.start()
        try:
            broken: list[ArticleJob] = []
            yield from self._run(spec, jobs, min(self.workers, len(jobs)), progress, broken)
            # A worker that died took its pool's unfinished articles with it: build those
            # again one per fresh process, so only the article that kills its worker fails.
            for job in broken:
                retried: list[ArticleJob] = []
                yield from self._run(spec, [job], 1, progress, retried)
                for dead in retried:
                    yield (
                        dead,
                        Failure("the worker process building it died", WORKER_DIED_EXIT_CODE),
                    )
        finally:
            progress.put(None)
            listener.join(timeout=5)
            shutil.rmtree(self._scratch, ignore_errors=True)
            _stop_fork_server()

    def _listen(self, progress: Any) -> None:
        while (message := progress.get()) is not None:
            slug, share = message
            self._shares[slug] = self._shares.get(slug, 0.0) + share
            if self.display is not None:
                self.display.advance(slug, share)

    def _pronounced(self, job: ArticleJob) -> ArticleJob | Failure:
        """`job` pronounced by this process, or why it cannot be."""
        try:
            return pronounce_job(job, self.context)
        except ReaderError as error:
            return Failure(str(error), error.exit_code)
        except Exception as error:  # a bug in one article: the others go on
            return internal_failure(error)

    def _help(
        self,
        pool: ProcessPoolExecutor,
        spec: WorkerSpec,
        unfinished: Sequence[ArticleJob],
        helpers: dict[str, Future[int]],
        workers: int,
    ) -> None:
        """Give each idle worker an article still being built, the one with the most work
        left first (its length less the share reported done): it speaks the article from its
        end into the speech cache (`help_build`), so the batch does not end on one core."""
        idle = workers - len(unfinished) - sum(not helper.done() for helper in helpers.values())
        alone = [job for job in unfinished if job.slug not in helpers]
        alone.sort(key=lambda job: job.characters * (1 - self._shares.get(job.slug, 0.0)))
        for job in alone[::-1][: max(0, idle)]:
            try:
                helpers[job.slug] = pool.submit(help_build, spec, job)
            except BrokenProcessPool:  # the builders' futures say so: they are built again
                return

    def _run(
        self,
        spec: WorkerSpec,
        jobs: Sequence[ArticleJob],
        workers: int,
        progress: Any,
        broken: list[ArticleJob],
    ) -> Iterator[tuple[ArticleJob, Outcome]]:
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_process_context(),
            initializer=init_pool_worker,
            initargs=(
                progress,
                max(1, (os.cpu_count() or 1) // workers),
                self._scratch,
                dict(os.environ),
            ),
        )
        finished = False
        try:
            # Start every worker now, from another thread (starting the fork server waits for
            # its imports): the server loads the build's stages while this process pronounces
            # the articles (once for all of them), longest first.
            threading.Thread(target=_start_workers, args=(pool, workers), daemon=True).start()
            futures: dict[Future[Outcome], ArticleJob] = {}
            for job in longest_first(jobs):
                ready = self._pronounced(job)
                if isinstance(ready, Failure):
                    yield job, ready
                    continue
                try:
                    futures[pool.submit(build_remote, spec, ready)] = ready
                except BrokenProcessPool:  # a worker died while this process pronounced
                    broken.append(ready)
            unfinished = dict(futures)
            helpers: dict[str, Future[int]] = {}
            for future in as_completed(futures):
                job = unfinished.pop(future)
                finished_marker(self._scratch, job.slug).touch()  # its helper stops
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    broken.append(job)
                    continue
                except Exception as error:  # a bug in one article's build: the others go on
                    outcome = internal_failure(error)
                self._help(pool, spec, list(unfinished.values()), helpers, workers)
                yield job, outcome
            finished = True
        finally:
            if not finished:  # interrupted (Ctrl-C) or abandoned: stop the workers now
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()  # Python 3.14's terminate_workers(), by hand
            pool.shutdown(wait=finished, cancel_futures=True)


def _start_workers(pool: ProcessPoolExecutor, workers: int) -> None:
    """Start `workers` processes in `pool` (with `spawn` or `forkserver`, one per task sent).
    Ctrl-C is blocked in this thread, so the processes it starts (the fork server, and the
    workers forked from it) start with Ctrl-C blocked: the command handles it and stops them,
    and none prints a traceback of the import it was in. A start that fails (the batch
    interrupted meanwhile, a broken pool) is the batch's to report: its own tasks fail or are
    built again."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    with contextlib.suppress(Exception):
        for _ in range(workers):
            pool.submit(reader_version)


def _stop_fork_server() -> None:
    """Stop this process's fork server, if it started one, and wait for it. It waited for the
    workers it forked, so their CPU time then counts as this command's (`time`, rusage), as
    spawned workers' did. (`_stop` is private; without it the server ends with this process.)"""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop is not None:
        with contextlib.suppress(OSError):
            stop()
