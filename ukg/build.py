"""Orchestrates `ukg build`: extraction (pipeline), researchers' corrections (graph_loader.curation),
then the Neo4j writer, then the RDF store
(graph_loader.rdf_store, for /sparql), then a summary.

Kept apart from the CLI so tests and benchmarks can run a build without a terminal. The writer's
one entry point does reset, schema, concepts and documents; this module only turns its progress
reports into bars and reads the counts afterwards.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rich.progress import Progress, TaskID

from api.jobs import BuildResult
from api.jobs import Progress as JobProgress
from graph_loader.curation.provenance import add_provenance
from graph_loader.curation.records import Conflict, Correction
from graph_loader.curation.stage import curate, fingerprint_with_log, write_conflicts, write_rejected
from graph_loader.fingerprint import pipeline_fingerprint
from graph_loader.neo4j.diagnostics import counts
from graph_loader.neo4j.store import ensure_embedded_running, open_driver
from graph_loader.neo4j.writer import STAGE_DOCUMENTS, STAGE_SCHEMA, GraphWriter, LoadReport, ProgressCallback
from graph_loader.pipeline import run_extraction
from graph_loader.rdf_store import StoreReport
from graph_loader.rdf_store import write as write_rdf_store

EXTRACTING = "extracting documents"
RDF_STORE = "RDF store"


@dataclass(frozen=True)
class BuildSummary:
    report: LoadReport
    articles: int
    counts: dict[str, dict[str, int]]
    extract_seconds: float
    load_seconds: float
    rdf: StoreReport | None = None  # the RDF store /sparql reads (graph_loader.rdf_store)
    corrections: tuple[Correction, ...] = ()  # researchers' corrections applied (graph_loader.curation)
    conflicts: tuple[Conflict, ...] = ()  # … and those whose target this extraction lacks


def _bars(progress: Progress) -> ProgressCallback:
    """A writer progress callback that shows one bar per stage, added when the stage starts."""
    tasks: dict[str, TaskID] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total)
        progress.update(tasks[stage], total=total, completed=done)

    return report


def build_graph(
    corpus: Path, progress: Progress | None = None, reset: bool = False, on_stage: ProgressCallback | None = None
) -> BuildSummary:
    """Extract the corpus and load it; with `progress`, one bar per stage; `on_stage(stage, done,
    total)` hears the same stages, plus RDF_STORE (a build job's percentage). A corpus folder is
    mirrored: documents whose file has left it are removed from the graph (a single file given
    as the corpus adds to the graph and removes nothing)."""
    started = time.perf_counter()
    extracting = progress.add_task(EXTRACTING, total=None) if progress else None
    stage = on_stage or (lambda name, done, total: None)

    def extracted(_: object) -> None:
        if progress is not None and extracting is not None:
            progress.advance(extracting)

    result = run_extraction(
        corpus, on_document=extracted, on_progress=lambda done, total: stage(EXTRACTING, done, total)
    )
    if progress is not None and extracting is not None:
        progress.update(extracting, total=len(result.documents), completed=len(result.documents))
    extract_seconds = time.perf_counter() - started
    ensure_embedded_running(quiet=progress is None)
    driver = open_driver()
    try:
        curated = curate(result.graph)  # researchers' corrections, applied to this extraction
        write_conflicts(curated.conflicts)
        write_rejected(curated)
        writer = GraphWriter(driver, pipeline_version=fingerprint_with_log(pipeline_fingerprint()))
        load_started = time.perf_counter()
        graph = curated.graph  # what Neo4j receives; the RDF store gets the very same graph below
        mirror = Path(corpus).is_dir()
        report = writer.load(graph, _both(_bars(progress) if progress else None, on_stage), reset=reset, mirror=mirror)
        load_seconds = time.perf_counter() - load_started - report.seconds.get("reset", 0.0)  # as before: no reset
        provenance = add_provenance(Graph(), curated)  # the corrections as PROV-O beside the export
        stage(RDF_STORE, 0, 1)
        rdf = write_rdf_store(graph, add=not (mirror or reset), extra=provenance)  # after the load, never ahead
        stage(RDF_STORE, 1, 1)
        return BuildSummary(
            report, len(result.articles), counts(driver), extract_seconds, load_seconds, rdf, curated.applied,
            curated.conflicts,
        )
    finally:
        driver.close()


def _both(first: ProgressCallback | None, second: ProgressCallback | None) -> ProgressCallback | None:
    """One writer progress callback telling both (the bars and a job), or the one given."""
    if first is None or second is None:
        return first or second

    def report(stage: str, done: int, total: int) -> None:
        first(stage, done, total)
        second(stage, done, total)

    return report


# A build job's percentage per stage (api.jobs): where each stage starts and ends. Extraction reads
# the whole folder (0.3-0.7 s for the corpus); loading writes only new and changed documents; the RDF
# store is written again whenever the graph changed (about 2 s).
JOB_STAGES = {EXTRACTING: (0, 30), STAGE_SCHEMA: (30, 35), STAGE_DOCUMENTS: (35, 85), RDF_STORE: (85, 99)}


def build_for_jobs(corpus: Path, progress: JobProgress) -> BuildResult:
    """`ukg build` of a corpus folder for the API's build jobs (api.jobs): progress as a percentage."""

    def on_stage(stage: str, done: int, total: int) -> None:
        start, end = JOB_STAGES.get(stage, (0, 0))
        if end:
            progress(start + (end - start) * done // max(total, 1), stage)

    summary = build_graph(corpus, on_stage=on_stage)
    report = summary.report
    return BuildResult(loaded=report.loaded, skipped=report.skipped, removed=report.removed)
