"""`ukg build` — corpus → extraction → Neo4j, with a progress bar per stage and a summary.

Neo4j dying mid-build is a one-line error (ukg/cli.py renders StoreUnavailable), not the driver's
traceback: the loader marks a document complete only in its last transaction, so re-running is the
whole remedy, and the message says so.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph_loader.errors import InputError, StoreUnavailable
from graph_loader.settings import default_corpus_dir


def build(
    corpus: Path = typer.Option(None, "--corpus", help="Corpus folder or file (default: ../shared/corpus)."),
    reset: bool = typer.Option(False, "--reset", help="Delete everything in the database first."),
) -> None:
    """Build the graph from the corpus into Neo4j (idempotent: a second run changes nothing)."""
    from ukg.build import build_graph

    corpus_path = corpus or default_corpus_dir()
    if not corpus_path.exists():
        raise InputError(f"corpus not found: {corpus_path}")
    console = Console(stderr=True)
    started = time.perf_counter()
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        try:
            summary = build_graph(corpus_path, progress=progress, reset=reset)
        except (ServiceUnavailable, SessionExpired) as error:
            console.quiet = True  # the error line alone on stderr, not half-drawn bars above it
            raise StoreUnavailable(
                "Neo4j stopped answering during the build; start it (`ukg neo4j start`) and run `ukg build`"
                " again: unfinished documents are loaded again and the graph ends the same"
            ) from error
    seconds = time.perf_counter() - started
    table = Table(title=f"ukg build: {corpus_path}")
    table.add_column("what")
    table.add_column("count", justify="right")
    loaded, skipped = len(summary.report.loaded), len(summary.report.skipped)
    table.add_row("documents (loaded / unchanged)", f"{loaded} / {skipped}")
    if summary.report.removed:
        table.add_row("documents removed (file gone)", ", ".join(summary.report.removed))
    table.add_row("articles", str(summary.articles))
    if summary.corrections or summary.conflicts:
        table.add_row("corrections applied / conflicts", f"{len(summary.corrections)} / {len(summary.conflicts)}")
    for label, count in sorted(summary.counts["node"].items()):
        table.add_row(f"nodes :{label}", str(count))
    for rel_type, count in sorted(summary.counts["relationship"].items()):
        table.add_row(f"relationships :{rel_type}", str(count))
    table.add_row("extraction seconds", f"{summary.extract_seconds:.2f}")
    table.add_row("load seconds", f"{summary.load_seconds:.2f}")
    if summary.rdf is not None:
        reused = " (unchanged)" if summary.rdf.reused else ""
        table.add_row(f"RDF store triples / seconds{reused}", f"{summary.rdf.triples} / {summary.rdf.seconds:.2f}")
    table.add_row("total seconds", f"{seconds:.2f}")
    Console().print(table)
    for conflict in summary.conflicts:  # kept in the log; listed by `GET /curation/conflicts` too
        console.print(f"[yellow]conflict:[/] {conflict.correction.id} ({conflict.correction.kind}): {conflict.reason}")


def register(app: typer.Typer) -> None:
    app.command("build")(build)
