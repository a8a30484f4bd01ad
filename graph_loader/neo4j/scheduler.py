"""The writer's thread scheduler: jobs (one transaction each) run in order, or overlapped.

Why apart from the writer: which statements may run side by side is a locking question
(edges lock their ends' relationship chains; evidence nodes lock nothing an edge needs), and
the rule "the first error stops every thread" is easiest to test on its own.
"""

from __future__ import annotations

import itertools
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
BATCH_SIZE = int(os.environ.get("UKG_BATCH_SIZE", "5000"))  # rows per transaction


def batched(items: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class Job:
    """One transaction of the writer: a loader query, its rows and any further parameters."""

    query: str
    rows: list[dict[str, Any]]
    params: dict[str, Any]


def run_overlapped(ordered: list[Job], shared: list[Job], run_job: Callable[[Job], None], parallel: int) -> None:
    """Run `ordered` in order on one thread while other threads take `shared` jobs (any
    order); the first thread helps with `shared` once its own are done. The first error
    stops every thread at its next job and is raised."""

    if parallel < 2 or len(ordered) + len(shared) < 2:
        for job in ordered + shared:
            run_job(job)
        return
    pending: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in shared:
        pending.put(job)
    failed = threading.Event()

    def run(jobs: Iterable[Job]) -> None:
        try:
            for job in jobs:
                if failed.is_set():
                    return
                run_job(job)
        except BaseException:
            failed.set()
            raise

    def drain() -> Iterator[Job]:
        while True:
            try:
                yield pending.get_nowait()
            except queue.Empty:
                return

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        futures = [pool.submit(run, itertools.chain(ordered, drain()))]
        futures += [pool.submit(run, drain()) for _ in range(parallel - 1)]
        for future in futures:
            future.result()
