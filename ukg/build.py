"""Orchestrates `ukg build`: extraction (pipeline) then the Neo4j writer, reporting progress.

Kept apart from the CLI so tests and benchmarks can run a build without a terminal.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rich.progress import Progress

from graph_loader.fingerprint import pipeline_fingerprint
from graph_loader.neo4j.store import ensure_embedded_running, open_driver
from graph_loader.neo4j.writer import GraphWriter, LoadReport
from graph_loader.pipeline import run_extraction
from queries import loader_query


@dataclass(frozen=True)
class BuildSummary:
    report: LoadReport
    articles: int
    counts: dict[str, dict[str, int]]
    extract_seconds: float
    load_seconds: float


def build_graph(corpus: Path, progress: Progress | None = None, reset: bool = False) -> BuildSummary:
    """Extract the corpus and load it; with `progress`, one bar per stage."""
    started = time.perf_counter()
    extracting = progress.add_task("extracting documents", total=None) if progress else None

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
        if reset:
            with driver.session() as session:  # CALL … IN TRANSACTIONS needs an auto-commit transaction
                session.run(loader_query("delete_all")).consume()
        load_started = time.perf_counter()
        schema = progress.add_task("schema and concepts", total=2) if progress else None
        writer.apply_schema()
        if progress is not None and schema is not None:
            progress.advance(schema)
        writer.load_concepts()
        if progress is not None and schema is not None:
            progress.advance(schema)
        batches = writer.rows.document_batches(result.documents, result.articles, result.entities, result.relations)
        report = LoadReport()
        task = progress.add_task("loading documents", total=len(batches)) if progress else None
        for batch in batches:
            if writer.load_document(batch):
                report.loaded.append(batch.document.id)
            else:
                report.skipped.append(batch.document.id)
            if progress is not None and task is not None:
                progress.advance(task)
        load_seconds = time.perf_counter() - load_started
        return BuildSummary(report, len(result.articles), writer.counts(), extract_seconds, load_seconds)
    finally:
        driver.close()
