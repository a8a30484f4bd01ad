"""Background builds for uploads and deletions: one at a time, in order, with progress.

Why a queue of one: a build reads the whole corpus folder and writes Neo4j and the RDF store; two
at once would race on the same documents. Uploads and deletions change the folder at once (the
request returns as soon as the file is stored or removed) and queue a build; the build mirrors the
folder, so every queued change is in the next build and unchanged documents are skipped (their
load stamp is current, graph_loader.neo4j.writer).

Why the build is injected: it is composed in the `ukg` layer (extraction, corrections, writer, RDF
store: ukg.build), above this package; `ukg serve` hands it to `create_app`. Jobs live in memory:
a restart forgets them (the folder and the graph keep their effect; run `ukg build` to finish a
build a restart cut short).
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from graph_loader.errors import UkgError

log = logging.getLogger("ukg.api.jobs")

State = Literal["queued", "running", "done", "failed"]
JobKind = Literal["upload", "delete"]
KEPT_JOBS = 200  # the newest jobs GET /jobs can list; older ones are forgotten


@dataclass(frozen=True)
class BuildResult:
    """What a build did: ids of the documents loaded, unchanged, removed (its LoadReport)."""

    loaded: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


# progress(percent 0–99, stage) while it runs; the job says 100 when it is done.
Progress = Callable[[int, str], None]
Builder = Callable[[Path, Progress], BuildResult]
# A job's check of the build it ran: an error message (the job fails) or None.
Check = Callable[[BuildResult], str | None]
# Run when a job fails (e.g. take the upload back out of the folder so later builds still work).
Undo = Callable[[], None]


@dataclass(frozen=True)
class Job:
    """One queued build and why it was queued; replaced (never mutated) as it advances."""

    id: str
    kind: JobKind
    document: str
    state: State = "queued"
    progress: int = 0
    stage: str = "queued"
    error: str | None = None
    created: str = field(default_factory=lambda: _now())
    started: str | None = None
    finished: str | None = None
    seconds: float | None = None
    loaded: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Work:
    job_id: str
    check: Check | None
    undo: Undo | None


class JobQueue:
    """Jobs in memory and one worker thread running their builds in order over one corpus folder."""

    def __init__(self, builder: Builder, corpus: Path, kept: int = KEPT_JOBS) -> None:
        self.builder = builder
        self.corpus = Path(corpus)
        self.kept = kept
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._work: queue.Queue[_Work] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._ids = itertools.count(1)

    def submit(self, kind: JobKind, document: str, check: Check | None = None, undo: Undo | None = None) -> Job:
        """Queue a build of the folder; the worker starts with the first job."""
        with self._lock:
            job = Job(id=f"{int(time.time())}-{next(self._ids)}", kind=kind, document=document)
            self._jobs[job.id] = job
            while len(self._jobs) > self.kept:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].state in ("queued", "running"):
                    break
                self._jobs.pop(oldest)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run_forever, name="ukg-build-jobs", daemon=True)
                self._worker.start()
        self._work.put(_Work(job.id, check, undo))
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def recent(self) -> list[Job]:
        """The jobs kept, newest first."""
        with self._lock:
            return list(reversed(self._jobs.values()))

    def _update(self, job_id: str, **changes: object) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)  # type: ignore[arg-type]

    def _run_forever(self) -> None:
        while True:
            self.run_one(self._work.get())

    def run_one(self, work: _Work) -> None:
        """Run one job's build and record how it ended; never raises (a failure is the job's state)."""
        started = time.perf_counter()
        self._update(work.job_id, state="running", stage="starting", started=_now())

        def progress(percent: int, stage: str) -> None:
            self._update(work.job_id, progress=max(0, min(99, int(percent))), stage=stage)

        try:
            result = self.builder(self.corpus, progress)
            problem = work.check(result) if work.check else None
        except Exception as error:  # the job reports it; the worker goes on with the next one
            log.exception("build job %s failed", work.job_id)
            said = str(error) if isinstance(error, UkgError) else f"{type(error).__name__}: {error}"
            result, problem = BuildResult(), _one_line(said)
        if problem is None:
            self._update(
                work.job_id,
                state="done",
                progress=100,
                stage="done",
                finished=_now(),
                seconds=round(time.perf_counter() - started, 2),
                loaded=result.loaded,
                removed=result.removed,
            )
            return
        if work.undo is not None:
            try:
                work.undo()
            except Exception as error:  # reported with the failure, never raised from the worker
                problem += " " + _one_line(f"(and undoing it failed: {error})")
        self._update(
            work.job_id,
            state="failed",
            stage="failed",
            error=problem,
            finished=_now(),
            seconds=round(time.perf_counter() - started, 2),
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())[:1000]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
