"""How the writer spreads its transactions over threads (no database: jobs are recorded)."""

from __future__ import annotations

import threading

import pytest

from graph_loader.neo4j.scheduler import Job
from graph_loader.neo4j.writer import GraphWriter


class RecordingWriter(GraphWriter):
    """Records jobs instead of sending them; `fail_on` makes one job raise like a dead server."""

    def __init__(self, parallel: int, fail_on: str | None = None) -> None:
        super().__init__(driver=None)  # type: ignore[arg-type]
        self.parallel = parallel
        self.fail_on = fail_on
        self.ran: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    def _run_job(self, job: Job) -> None:
        if job.query == self.fail_on:
            raise RuntimeError("connection lost")
        with self.lock:
            self.ran.append((job.query, threading.current_thread().name))


def _jobs(prefix: str, count: int) -> list[Job]:
    return [Job(f"{prefix}{i}", [], {}) for i in range(count)]


@pytest.mark.parametrize("parallel", [1, 2, 3])
def test_overlap_runs_every_job_once_and_the_ordered_ones_in_order(parallel: int) -> None:
    writer = RecordingWriter(parallel)
    writer._overlap(_jobs("edge", 30), _jobs("evidence", 50))
    queries = [query for query, _ in writer.ran]
    assert sorted(queries) == sorted(f"edge{i}" for i in range(30)) + sorted(f"evidence{i}" for i in range(50))
    assert [q for q in queries if q.startswith("edge")] == [f"edge{i}" for i in range(30)]
    edge_threads = {thread for query, thread in writer.ran if query.startswith("edge")}
    assert len(edge_threads) == 1  # edges never run beside each other: they would deadlock


def test_overlap_stops_and_raises_on_the_first_error() -> None:
    writer = RecordingWriter(2, fail_on="edge3")
    with pytest.raises(RuntimeError, match="connection lost"):
        writer._overlap(_jobs("edge", 10), _jobs("evidence", 10_000))
    queries = [query for query, _ in writer.ran]
    assert "edge4" not in queries
    assert len(queries) < 10_000  # the evidence thread stopped too instead of writing everything


def test_entity_batches_all_run_and_relationship_batches_stay_on_one_thread() -> None:
    writer = RecordingWriter(2)
    rows = [{"key": f"k{i}", "labels": ["Person"], "props": {}} for i in range(40)]
    writer.batch_size = 2
    writer._write_batches("upsert_entities", rows)
    assert len(writer.ran) == 20
    writer.ran.clear()
    writer._write_batches("upsert_relations", [{"head": "a", "tail": f"b{i}", "type": "COVERS"} for i in range(40)])
    assert len(writer.ran) == 20 and len({thread for _, thread in writer.ran}) == 1
