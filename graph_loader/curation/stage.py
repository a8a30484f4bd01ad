"""The curation stage as the build and the exports run it: read the log, apply what is in force,
and leave the conflicts where `GET /curation/conflicts` reads them."""

from __future__ import annotations

from pathlib import Path

import orjson

from graph_loader.curation.apply import CuratedGraph, apply_corrections, end_key
from graph_loader.curation.log import CurationLog, effective, write_private_json
from graph_loader.curation.records import Conflict
from graph_loader.records import ResolvedGraph
from graph_loader.settings import state_dir
from graph_loader.text.sources import load_corpus
from ontology.model import get_ontology

CONFLICTS_NAME = "curation-conflicts.json"
REJECTED_NAME = "curation-rejected.json"


def curate(graph: ResolvedGraph, log: CurationLog | None = None) -> CuratedGraph:
    """`graph` with the log's corrections in force (reverted ones left out) applied in log order."""
    return apply_corrections(graph, effective((log or CurationLog()).read()))


def fingerprint_with_log(pipeline_version: str, log: CurationLog | None = None) -> str:
    """The load stamp's pipeline part including the log, so a new correction reloads every document."""
    return f"{pipeline_version}+curation:{(log or CurationLog()).digest()}"


def write_conflicts(conflicts: tuple[Conflict, ...], path: Path | None = None) -> None:
    """Replace the last build's conflict list."""
    write_private_json([conflict.to_json() for conflict in conflicts], path or state_dir() / CONFLICTS_NAME)


def read_conflicts(path: Path | None = None) -> list[dict]:
    """The conflicts of the last build ([] before any build)."""
    source = path or state_dir() / CONFLICTS_NAME
    return orjson.loads(source.read_bytes()) if source.exists() else []


def write_rejected(curated: CuratedGraph, path: Path | None = None) -> None:
    """The edges the last build left out because a researcher rejected them, with the evidence the
    extractor had for them and who rejected them (what `include_rejected=true` shows)."""
    ont = get_ontology()
    rejected = [
        {
            "correction": correction.to_json(),
            "edge": {"head": end_key(ont, relation.head), "type": relation.type, "tail": end_key(ont, relation.tail)},
            "evidence": [
                {"quote": e.quote, "docId": e.doc_id, "rawStart": e.raw_start, "rawEnd": e.raw_end, "date": e.date}
                for e in relation.evidence
            ],
        }
        for correction, relation in curated.edges
        if correction.kind == "reject-edge"
    ]
    write_private_json(rejected, path or state_dir() / REJECTED_NAME)


def read_rejected(key: str, path: Path | None = None) -> list[dict]:
    """The rejected edges of the last build with `key` at one end."""
    source = path or state_dir() / REJECTED_NAME
    entries = orjson.loads(source.read_bytes()) if source.exists() else []
    return [entry for entry in entries if key in (entry["edge"]["head"], entry["edge"]["tail"])]


def quote_problem(corpus: Path, doc_id: str, quote: str) -> str | None:
    """Why a citation cannot be used (no such document in the corpus, quote not verbatim in it), or
    None: checked when a researcher adds an edge, so a typo is refused at once, not at the next build."""
    document = next((doc for doc in load_corpus(corpus) if doc.id == doc_id), None)
    if document is None:
        return f"doc_id: no document {doc_id!r} in the corpus {corpus}"
    if quote not in document.raw_text:
        return f"quote: not found verbatim in document {doc_id!r}"
    return None
