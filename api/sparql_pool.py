"""Caller SPARQL runs in worker processes of its own, and a query past its timeout is killed.

Why processes and not threads: pyoxigraph has no per-query timeout and no way to cancel a query
(oxigraph issue #1336), so a thread running a runaway query could only be abandoned, and would go
on using a core until the query ends — possibly hours, on a 2-core machine. A worker process can
be stopped: at the timeout the parent kills it (SIGKILL) and the next query gets a fresh one. A
worker that crashes (a parser stack overflow, say) takes only itself down.

- SLOTS workers at most; a query arriving when all are busy gets 429 at once instead of waiting
  (like /cypher), so clients learn to back off and the named endpoints keep their cores.
- Workers start on first use as `python -m api.sparql_pool FD` (a fresh interpreter: no threads,
  locks or sockets inherited from the server, and unlike multiprocessing's spawn it does not run
  the server's main module again), talk over a socket pair, and say "ready" before their first
  job, so their start (about half a second) is not counted against a query's timeout.
- Each job names the store folder to read; a worker opens it read-only and keeps it open until a
  job names another one (after a build), so the store is opened once per build per worker.
- A worker exits when the server's end of its pipe closes (and is a daemon of the server).
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph

from api.sparql_results import Answer, Job, error, execute

SLOTS = 2  # one per core of the machine we run on; each worker is a process of about 60 MB
STARTUP_SECONDS = 60.0  # a worker that has not said "ready" by then is a broken installation
_READY = "ready"
_PROJECT_ROOT = Path(__file__).resolve().parents[1]  # so the worker imports this checkout's `api`


class PoolBusy(Exception):
    """Every worker is running a query (429)."""


class WorkerTimeout(Exception):
    """The query ran past its timeout; its worker was killed (504)."""


class WorkerFailed(Exception):
    """A worker could not start or died while running a query."""


def serve(conn: Connection) -> None:
    """A worker's loop (in the child process): receive a Job, answer with an Answer, until the pipe closes."""
    conn.send(_READY)
    opened: tuple[str, pyoxigraph.Store] | None = None
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if opened is None or opened[0] != job.store:
                opened = None  # close the old store before opening the new one
                opened = (job.store, pyoxigraph.Store.read_only(job.store))
            answer = execute(opened[1], job)
        except OSError as failure:
            answer = error(503, "rdf_store_unavailable", f"cannot read the RDF store: {failure}")
        except Exception as failure:  # noqa: BLE001 — the parent maps it to a 500 without a traceback
            answer = error(500, "internal_error", type(failure).__name__)
        conn.send(answer)


class _Worker:
    """One worker process and the server's end of its socket pair."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PROJECT_ROOT), env.get("PYTHONPATH", "")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "api.sparql_pool", str(theirs.fileno())],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            env=env,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        try:
            ready = self.conn.poll(STARTUP_SECONDS) and self.conn.recv() == _READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.kill()
            raise WorkerFailed("the SPARQL worker process did not start")

    def call(self, job: Job, timeout: float) -> Answer:
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise WorkerTimeout(f"the query ran past its time limit of {timeout:g} s and was stopped")
        return self.conn.recv()

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.conn.close()


class SparqlPool:
    """At most `slots` queries at a time, each in a worker process, each killed at its timeout."""

    def __init__(self, slots: int = SLOTS) -> None:
        self.slots = slots
        self._free = threading.BoundedSemaphore(slots)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._threads = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="ukg-sparql")

    async def run(self, job: Job, timeout: float) -> Answer:
        """The worker's answer; PoolBusy, WorkerTimeout or WorkerFailed otherwise."""
        if not self._free.acquire(blocking=False):
            raise PoolBusy(f"{self.slots} SPARQL queries are already running; retry in a moment")
        try:
            future = self._threads.submit(self._call, job, timeout)
        except RuntimeError:
            self._free.release()
            raise
        return await asyncio.wrap_future(future)

    def _call(self, job: Job, timeout: float) -> Answer:
        """In a pool thread: the slot is held until the worker answered or was killed, even when
        the client has gone, so slots always count running queries."""
        try:
            worker = self._take()
            try:
                answer = worker.call(job, timeout)
            except WorkerTimeout:
                worker.kill()
                raise
            except (EOFError, OSError) as failure:
                worker.kill()
                raise WorkerFailed("the SPARQL worker process died while running the query") from failure
            with self._lock:
                self._idle.append(worker)
            return answer
        finally:
            self._free.release()

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
                worker.kill()
        return _Worker()

    def close(self) -> None:
        """Stop the idle workers (busy ones stop at their timeout or when their pipe closes)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


if __name__ == "__main__":  # a worker: python -m api.sparql_pool FD
    serve(Connection(int(sys.argv[1])))
