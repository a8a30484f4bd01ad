"""Orchestrates `ukg build`: extraction (pipeline), then the Neo4j writer, then a summary.

Kept apart from the CLI so tests and benchmarks can run a build without a terminal. The writer's
one entry point does reset, schema, concepts and documents; this module only turns its progress
reports into bars and reads the counts afterwards.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rich.progress import Progress, TaskID

from graph_loader.fingerprint import pipeline_fingerprint
from graph_loader.neo4j.diagnostics import counts
from graph_loader.neo4j.store import ensure_embedded_running, open_driver
from graph_loader.neo4j.writer import GraphWriter, LoadReport, ProgressCallback
from graph_loader.pipeline import run_extraction

EXTRACTING = "extracting documents"


@dataclass(frozen=True)
class BuildSummary:
    report: LoadReport
    articles: int
    counts: dict[str, dict[str, int]]
    extract_seconds: float
    load_seconds: float


def _bars(progress: Progress) -> ProgressCallback:
    """A writer progress callback that shows one bar per stage, added when the stage starts."""
    tasks: dict[str, TaskID] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total)
        progress.update(tasks[stage], total=total, completed=done)

    return report


def build_graph(corpus: Path, progress: Progress | None = None, reset: bool = False) -> BuildSummary:
    """Extract the corpus and load it; with `progress`, one bar per stage. A corpus folder is
    mirrored: documents whose file has left it are removed from the graph (a single file given
    as the corpus adds to the graph and removes nothing)."""
    started = time.perf_counter()
    extracting = progress.add_task(EXTRACTING, total=None) if progress else None

    def extracted(_: object) -> None:
        if progress is not None and extracting is not None:
            progress.advance(extracting)

    result = run_extraction(corpus, on_document=extracted)
    if progress is not None and extracting is not None:
        progress.update(extracting, total=len(result.documents), completed=len(result.documents))
    extract_seconds = time.perf_counter() - started
    ensure_embedded_running(quiet=progress is None)
    driver = open_driver()
    try:
        writer = GraphWriter(driver, pipeline_version=pipeline_fingerprint())
        load_started = time.perf_counter()
        report = writer.load(result.graph, _bars(progress) if progress else None, reset=reset,
                             mirror=Path(corpus).is_dir())
        load_seconds = time.perf_counter() - load_started - report.seconds.get("reset", 0.0)  # as before: no reset
        return BuildSummary(report, len(result.articles), counts(driver), extract_seconds, load_seconds)
    finally:
        driver.close()
