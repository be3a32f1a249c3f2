"""`reader build --scheduler tcp://HOST:PORT`: articles built on a Dask distributed cluster.

Each article is one task (`reader.builder.worker.build_remote`): the worker pronounces,
synthesizes and packages it in a scratch folder and returns the files' bytes; this client
writes them and updates the feed, so workers need no shared disk. Before any task is sent,
every connected worker must run this client's reader version. Dask runs the task of a worker
that dies again on another one; the offline voice is deterministic, so the files are the same.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from reader.builder.article import ArticleJob, longest_first
from reader.builder.batch import Outcome
from reader.builder.context import BuildContext
from reader.builder.worker import Failure, build_remote, cluster_spec, reader_version
from reader.errors import ServiceUnavailableError, UsageError

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler
WORKER_WAIT = 30.0  # seconds to wait for a first worker to join


class ClusterRunner:
    """Sends a batch's articles to the scheduler at `address`; yields each as it ends."""

    min_articles = 1  # asked for a cluster: even one article goes there

    def __init__(self, context: BuildContext, address: str) -> None:
        self.context = context
        self.address = address
        self._distributed: Any = None  # the module, imported on first use

    def _connect(self) -> Any:
        try:
            self._distributed = importlib.import_module("distributed")
        except ImportError as error:
            raise UsageError(
                "--scheduler needs the distributed package: pip install 'reader[cluster]'"
            ) from error
        try:
            return self._distributed.Client(
                self.address, timeout=CONNECT_TIMEOUT, set_as_default=False
            )
        except (OSError, TimeoutError, ValueError) as error:
            raise ServiceUnavailableError(
                f"cannot reach the Dask scheduler at {self.address}: {error}"
            ) from error

    def _check_workers(self, client: Any) -> None:
        """Refuse, before any work, a cluster without workers or with another reader."""
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError as error:
            raise ServiceUnavailableError(
                f"no Dask worker joined the scheduler at {self.address} within {WORKER_WAIT:.0f} s"
            ) from error
        try:
            versions: dict[str, str] = client.run(reader_version)
        except Exception as error:  # e.g. a worker without reader cannot load the function
            raise ServiceUnavailableError(
                f"a worker of {self.address} cannot run reader (is it installed there?): "
                f"{type(error).__name__}: {error}"
            ) from error
        mine = reader_version()
        others = sorted(f"{worker} has {version}" for worker, version in versions.items()
                        if version != mine)  # fmt: skip
        if others:
            raise UsageError(
                f"the cluster at {self.address} runs another reader version than this client "
                f"({mine}): {'; '.join(others)}. Install the same version on every worker."
            )

    def __call__(self, jobs: Sequence[ArticleJob]) -> Iterator[tuple[ArticleJob, Outcome]]:
        client = self._connect()
        try:
            self._check_workers(client)
            spec = cluster_spec(self.context)
            batch = uuid.uuid4().hex[:8]
            futures = {
                client.submit(
                    build_remote, spec, job, key=f"reader-build-{batch}-{job.slug}", pure=False
                ): job
                for job in longest_first(jobs)
            }
            for future in self._distributed.as_completed(futures, loop=client.loop):
                job = futures[future]
                try:
                    outcome: Outcome = future.result()
                except Exception as error:  # e.g. KilledWorker after repeated worker deaths
                    outcome = Failure(
                        f"the cluster could not build it: {type(error).__name__}: {error}", 70
                    )
                future.release()
                yield job, outcome
        finally:
            client.close()
