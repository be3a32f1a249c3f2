"""A batch of articles: read them all, build the ones that changed side by side, commit each.

The client (this process) reads every source, decides slugs and build keys, takes each
folder's lock and skips the folders that are up to date. The articles left are built in
this process (one at a time), in a pool of worker processes (`jobs` > 1), or on a Dask
cluster (`scheduler`); workers return files and only the client writes the output folder
(`reader.builder.pipeline.commit_files`). One article's failure never stops the others: it
is reported as a `BatchFailure` and the batch goes on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reader.builder.article import ArticleJob
from reader.builder.context import BuildContext
from reader.builder.lock import folder_lock
from reader.builder.pipeline import (
    BuildResult,
    build_in_place,
    commit_files,
    folder_of,
    prepare,
    skip_if_current,
)
from reader.builder.worker import ArticleFiles, Failure, internal_failure
from reader.errors import ReaderError, UsageError


class BatchDisplay(Protocol):
    """One progress display for the whole batch (articles done, audio, time left)."""

    def begin(self, articles: int) -> None: ...

    def advance(self, slug: str, share: float) -> None: ...  # more of an article's work done

    def done(self, slug: str, result: BuildResult | None) -> None: ...  # written, or failed

    def write(self, text: str) -> None: ...  # a message between updates of the display

    def close(self) -> None: ...


@dataclass(frozen=True)
class BatchFailure:
    source: Path
    message: str  # one line, naming the source
    exit_code: int


@dataclass
class BatchOutcome:
    results: list[BuildResult] = field(default_factory=list)  # in the order they finished
    failures: list[BatchFailure] = field(default_factory=list)


Outcome = ArticleFiles | Failure


class Runner(Protocol):
    """Builds articles elsewhere (worker processes, a cluster) and yields each as it ends."""

    min_articles: int  # fewer articles than this are built in this process instead

    def __call__(self, jobs: Sequence[ArticleJob]) -> Iterator[tuple[ArticleJob, Outcome]]: ...


def _failure(source: Path, error: ReaderError | Failure) -> BatchFailure:
    message = error.message if isinstance(error, Failure) else str(error)
    where = "" if str(source) in message else f"{source}: "
    return BatchFailure(source, f"{where}{message}", error.exit_code)


class Batch:
    """Builds `sources` with `context`; `on_result` / `on_failure` hear of each article as
    soon as it is done."""

    def __init__(
        self,
        context: BuildContext,
        *,
        on_result: Callable[[BuildResult], None],
        on_failure: Callable[[BatchFailure], None],
        display: BatchDisplay | None = None,
    ) -> None:
        self.context = context
        self.outcome = BatchOutcome()
        self._on_result, self._on_failure = on_result, on_failure
        self.display = display
        self._locks: dict[str, contextlib.ExitStack] = {}

    def _result(self, result: BuildResult) -> None:
        self.outcome.results.append(result)
        if self.display is not None and not result.skipped:
            self.display.done(result.slug, result)
        self._on_result(result)

    def _failed(self, failure: BatchFailure, job: ArticleJob | None = None) -> None:
        self.outcome.failures.append(failure)
        if self.display is not None and job is not None:
            self.display.done(job.slug, None)
        self._on_failure(failure)

    def _release(self, job: ArticleJob) -> None:
        stack = self._locks.pop(job.slug, None)
        if stack is not None:
            stack.close()

    def _to_build(self, sources: Sequence[Path]) -> list[ArticleJob]:
        """Read each source and lock its folder; report what fails or is up to date."""
        taken: set[str] = set()
        jobs = []
        for source in sources:
            try:
                job = prepare(source, self.context, taken=taken)
                stack = contextlib.ExitStack()
                stack.enter_context(folder_lock(folder_of(job, self.context)))
                self._locks[job.slug] = stack
                skipped = skip_if_current(job, self.context)
            except UsageError:
                raise
            except ReaderError as error:
                self._failed(_failure(source, error))
                continue
            if skipped is not None:
                self._release(job)
                self._result(skipped)
            else:
                jobs.append(job)
        return jobs

    def run(self, sources: Sequence[Path], runner: Runner | None = None) -> BatchOutcome:
        """Build every source: here one by one, or through `runner` (a pool or a cluster)."""
        try:
            jobs = self._to_build(sources)
            if self.display is not None:
                self.display.begin(len(jobs))
            if runner is None or len(jobs) < runner.min_articles:
                self._run_here(jobs)
            else:
                for job, outcome in runner(jobs):
                    self._commit(job, outcome)
        finally:
            for stack in self._locks.values():
                stack.close()
            self._locks.clear()
        return self.outcome

    def _run_here(self, jobs: Sequence[ArticleJob]) -> None:
        display = self.display
        if display is not None:
            self.context.progress = lambda steps, slug: _Share(display, slug, steps)
        for job in jobs:
            try:
                result = build_in_place(job, self.context)
            except UsageError:
                raise
            except ReaderError as error:
                self._failed(_failure(job.source, error), job)
            except Exception as error:  # a bug in one article's build: the others go on
                self._failed(_failure(job.source, internal_failure(error)), job)
            else:
                self._result(result)
            finally:
                self._release(job)

    def _commit(self, job: ArticleJob, outcome: Outcome) -> None:
        try:
            if isinstance(outcome, Failure):
                self._failed(_failure(job.source, outcome), job)
                return
            try:
                result = commit_files(job, outcome.built, outcome.data, self.context)
            except ReaderError as error:
                self._failed(_failure(job.source, error), job)
            else:
                self._result(result)
        finally:
            self._release(job)


class _Share:
    """An in-process article's steps as a share of one article on the batch display."""

    def __init__(self, display: BatchDisplay, slug: str, steps: int) -> None:
        self._display, self._slug, self._steps = display, slug, max(1, steps)

    def update(self, n: float = 1) -> None:
        self._display.advance(self._slug, n / self._steps)

    def set_postfix_str(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass
