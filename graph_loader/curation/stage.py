"""The curation stage as the build and the exports run it: read the log, apply what is in force,
and leave the conflicts where `GET /curation/conflicts` reads them."""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from graph_loader.curation.apply import CuratedGraph, apply_corrections
from graph_loader.curation.log import CurationLog, effective
from graph_loader.curation.records import Conflict
from graph_loader.records import ResolvedGraph
from graph_loader.settings import state_dir
from graph_loader.text.sources import load_corpus

CONFLICTS_NAME = "curation-conflicts.json"


def curate(graph: ResolvedGraph, log: CurationLog | None = None) -> CuratedGraph:
    """`graph` with the log's corrections in force (reverted ones left out) applied in log order."""
    return apply_corrections(graph, effective((log or CurationLog()).read()))


def fingerprint_with_log(pipeline_version: str, log: CurationLog | None = None) -> str:
    """The load stamp's pipeline part including the log, so a new correction reloads every document."""
    return f"{pipeline_version}+curation:{(log or CurationLog()).digest()}"


def write_conflicts(conflicts: tuple[Conflict, ...], path: Path | None = None) -> None:
    """Replace the last build's conflict list (written whole, then renamed: never half a file)."""
    target = path or state_dir() / CONFLICTS_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(orjson.dumps([conflict.to_json() for conflict in conflicts], option=orjson.OPT_INDENT_2))
    partial.replace(target)


def read_conflicts(path: Path | None = None) -> list[dict]:
    """The conflicts of the last build ([] before any build)."""
    source = path or state_dir() / CONFLICTS_NAME
    return orjson.loads(source.read_bytes()) if source.exists() else []


def quote_problem(corpus: Path, doc_id: str, quote: str) -> str | None:
    """Why a citation cannot be used (no such document in the corpus, quote not verbatim in it), or
    None: checked when a researcher adds an edge, so a typo is refused at once, not at the next build."""
    document = next((doc for doc in load_corpus(corpus) if doc.id == doc_id), None)
    if document is None:
        return f"doc_id: no document {doc_id!r} in the corpus {corpus}"
    if quote not in document.raw_text:
        return f"quote: not found verbatim in document {doc_id!r}"
    return None
