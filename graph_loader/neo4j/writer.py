"""Write the resolved graph to Neo4j: schema from the ontology, batched UNWIND … MERGE, evidence.

Why it is shaped this way:
- Every node is merged on the `Entity` label's unique `key` (the ontology's deterministic
  instance key), so re-running a load is a no-op and no duplicates can appear.
- Documents are keyed by a load stamp (content hash + pipeline fingerprint). An unchanged,
  completely loaded document is skipped. A new or changed one is loaded as: mark incomplete →
  (if begun before: delete evidence an interrupted load of this stamp left) → upsert its
  articles and nodes, merge its edges while creating its evidence nodes (stamped) → delete its
  evidence with an older stamp and collect the nodes/edges whose last evidence that was → mark
  complete. Every step is idempotent, so a load killed anywhere and run again ends with
  exactly the graph of an uninterrupted run.
- Evidence nodes are only ever created and deleted, never merged: no uniqueness check or key
  index to maintain for the most numerous nodes of the graph.
- Each batch is its own transaction: memory stays flat however large the corpus. Two run at
  a time where they cannot lock each other out (entities of a document; evidence beside edges).
- One entry point, `GraphWriter.load(graph, on_progress, reset)`: reset, schema, concepts and
  every document in the one order that is safe, so no caller (the build, the benchmark) can
  forget a step or write to Neo4j beside the writer. `load_document` stays public for tests
  that need to stop a load halfway.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver

from graph_loader.neo4j.rows import DocumentBatch, GraphRows, clean_props, split_relation_key
from graph_loader.neo4j.scheduler import BATCH_SIZE, Job, batched, run_overlapped
from graph_loader.records import ResolvedGraph, SourceDocument
from ontology.model import Ontology
from ontology.neo4j_schema import drop_statement, expected_schema, schema_statements
from queries import loader_query

# on_progress(stage, done, total): called as each stage starts (done=0) and as it advances
ProgressCallback = Callable[[str, int, int], None]
STAGE_SCHEMA = "schema and concepts"
STAGE_DOCUMENTS = "loading documents"


@dataclass(frozen=True)
class DocumentLoad:
    """What loading one document did: `loaded` is False when it was already current."""

    loaded: bool
    collected_nodes: int = 0
    collected_relations: int = 0
    seconds: Mapping[str, float] = field(default_factory=dict)  # wall seconds per step


@dataclass(frozen=True)
class LoadReport:
    """What a load did: documents loaded and skipped (unchanged), what garbage collection
    removed, and wall seconds per step (steps of a document summed over all documents)."""

    loaded: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # documents whose file left the corpus (a mirroring load)
    collected_nodes: int = 0
    collected_relations: int = 0
    seconds: Mapping[str, float] = field(default_factory=dict)


class _StepClock:
    """Wall seconds per step: each `lap(step)` charges the time since the previous lap to it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._mark = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.seconds[step] += now - self._mark
        self._mark = now


class GraphWriter:
    """Resets, applies the schema and loads the graph; the only module that writes to Neo4j."""

    def __init__(
        self,
        driver: Driver,
        ontology: Ontology | None = None,
        batch_size: int = BATCH_SIZE,
        pipeline_version: str = "",
    ) -> None:
        self.driver = driver
        self.pipeline_version = pipeline_version
        self.rows = GraphRows(ontology)
        self.ont = self.rows.ont
        self.batch_size = batch_size

    def load(
        self, graph: ResolvedGraph, on_progress: ProgressCallback | None = None, reset: bool = False,
        mirror: bool = False,
    ) -> LoadReport:
        """Load a resolved graph: with `reset`, empty the database first; then the schema, the
        concepts and every document (unchanged ones are skipped); with `mirror`, documents of
        the graph that `graph` no longer holds (their file is gone) are removed first, with
        everything only they supported, and then every other document is written again (facts
        they shared carry props merged from the removed one). Re-running it is a no-op."""
        progress = on_progress or (lambda stage, done, total: None)
        clock = _StepClock()
        if reset:
            self.reset()
            clock.lap("reset")
        progress(STAGE_SCHEMA, 0, 2)
        self.apply_schema()
        progress(STAGE_SCHEMA, 1, 2)
        self.load_concepts()
        progress(STAGE_SCHEMA, 2, 2)
        clock.lap(STAGE_SCHEMA)
        removed: list[str] = []
        nodes = relations = 0
        if mirror:  # a fact that a removed document shared keeps the props it merged in: reload the rest
            for doc_id in sorted(self.loaded_document_ids() - {d.id for d in graph.documents}):
                collected = self.remove_document(doc_id)
                nodes, relations = nodes + collected[0], relations + collected[1]
                removed.append(doc_id)
            clock.lap("remove_gone")
        batches = self.rows.document_batches(graph.documents, graph.articles, graph.entities, graph.relations)
        loaded: list[str] = []
        skipped: list[str] = []
        progress(STAGE_DOCUMENTS, 0, len(batches))
        for done, batch in enumerate(batches, 1):
            outcome = self.load_document(batch, force=bool(removed))
            (loaded if outcome.loaded else skipped).append(batch.document.id)
            nodes += outcome.collected_nodes
            relations += outcome.collected_relations
            for step, seconds in outcome.seconds.items():
                clock.seconds[step] += seconds
            progress(STAGE_DOCUMENTS, done, len(batches))
        return LoadReport(tuple(loaded), tuple(skipped), tuple(removed), nodes, relations, dict(clock.seconds))

    def loaded_document_ids(self) -> set[str]:
        records, _, _ = self.driver.execute_query(loader_query("loaded_documents"))
        return {record["id"] for record in records}

    def remove_document(self, doc_id: str) -> tuple[int, int]:
        """Delete a document: its articles, mentions and evidence (no stamp matches ""), then what
        only they supported (collect_stale), then its own node."""
        collected = self.collect_stale(doc_id, "")
        self.driver.execute_query(loader_query("delete_document"), id=doc_id)
        return collected

    def reset(self) -> None:
        """Delete every node and relationship (the schema stays)."""
        with self.driver.session() as session:  # CALL … IN TRANSACTIONS needs an auto-commit transaction
            session.run(loader_query("delete_all")).consume()

    def apply_schema(self) -> list[str]:
        """Create the ontology's constraints and indexes, and drop those on ontology labels that
        it no longer asks for (a database built by an older version would keep paying for them
        on every write). Schema objects on other labels are left alone. Returns what ran."""
        statements = schema_statements(self.ont)
        expected = expected_schema(self.ont)
        wanted = {name for part in expected.values() for name in part}
        ours = set(self.ont.classes)
        for kind in ("constraints", "indexes"):
            records, _, _ = self.driver.execute_query(loader_query(f"schema_{kind}"))
            for record in records:
                if record["name"] not in wanted and set(record["labelsOrTypes"] or []) <= ours:
                    statements.insert(0, drop_statement(kind, record["name"]))
        for statement in statements:
            self.driver.execute_query(statement)
        return statements

    def load_concepts(self) -> int:
        rows = self.rows.concept_rows()
        self._write_batches("upsert_concepts", rows)
        self._write_batches("upsert_relations", self.rows.concept_hierarchy_rows())
        return len(rows)

    def stamp(self, document: SourceDocument) -> str:
        """What a document was loaded as: its content hash and the pipeline that read it."""
        # 16 hex digits are plenty to tell versions apart, and every evidence node stores one
        return hashlib.sha256(f"{document.sha256}:{self.pipeline_version}".encode()).hexdigest()[:16]

    def document_state(self, document: SourceDocument) -> str:
        """'current' (loaded completely at this content hash), 'stale' (loaded or begun at some
        hash — evidence may exist) or 'new' (never begun: nothing of it is in the graph)."""
        records, _, _ = self.driver.execute_query(loader_query("document_state"), id=document.id)
        if not records:
            return "new"
        if records[0]["loadStamp"] == self.stamp(document) and records[0]["complete"] is True:
            return "current"
        return "stale"

    def load_document(self, batch: DocumentBatch, force: bool = False) -> DocumentLoad:
        """Load one document's share of the graph (nothing when it is already current, unless
        `force`: then it is written again as over an interrupted load of the same version)."""
        clock = _StepClock()
        doc = batch.document
        state = self.document_state(doc)
        if state == "current" and not force:
            return DocumentLoad(False)
        state = "stale" if state == "current" else state
        stamp = self.stamp(doc)
        doc_props = clean_props(
            {
                "id": doc.id,
                "key": doc.id,
                "path": doc.path,
                "contentHash": doc.sha256,
                "loadStamp": stamp,
                "pipeline": self.pipeline_version,
                "publication": doc.publication,
                "kind": doc.kind,
                "date": doc.date,
                "encoding": doc.encoding,
            }
        )
        self.driver.execute_query(loader_query("begin_document"), doc=doc_props)
        extra = {"hash": stamp}
        if state != "new":  # an interrupted load of this very version may have written some evidence
            self._delete_in_batches("partial_evidence", docId=doc.id, hash=stamp)
        for query_name, rows, params in (
            ("upsert_articles", batch.articles, extra),
            ("upsert_entities", batch.entities, {}),
            ("ensure_entities", batch.edge_ends, {}),
        ):
            self._write_batches(query_name, rows, **params)
            clock.lap(query_name)
        # Edges lock their ends' relationship chains, so a second edge writer only deadlocks; the
        # evidence nodes lock nothing an edge needs and keep the other core busy meanwhile.
        edges = (
            self._jobs("upsert_relations", batch.relations)
            + self._jobs("upsert_article_relations", batch.article_relations)
            + self._jobs("upsert_mentions", batch.mentions, extra)
        )
        self._overlap(edges, self._jobs("create_evidence", batch.evidence, extra))
        clock.lap("edges and evidence")
        collected = (0, 0)
        if state != "new":  # a document never begun has nothing older to collect
            collected = self.collect_stale(doc.id, stamp)
        self.driver.execute_query(loader_query("finish_document"), id=doc.id, hash=stamp)
        clock.lap("collect_stale")
        return DocumentLoad(True, collected[0], collected[1], dict(clock.seconds))

    def collect_stale(self, doc_id: str, content_hash: str) -> tuple[int, int]:
        """Delete evidence of older versions of a document and what only it supported."""
        nodes = relations = 0
        while True:
            with self.driver.session() as session:
                counted = session.execute_write(self._collect_batch, doc_id, content_hash, self.batch_size)
            if counted is None:
                break
            nodes += counted[0]
            relations += counted[1]
        self.driver.execute_query(loader_query("stale_articles"), docId=doc_id, hash=content_hash)
        return nodes, relations

    def _collect_batch(self, tx: Any, doc_id: str, content_hash: str, size: int) -> tuple[int, int] | None:
        stale = list(tx.run(loader_query("stale_evidence"), docId=doc_id, hash=content_hash, batch=size))
        if not stale:
            return None
        rel_rows, node_keys = {}, set()
        for row in stale:
            parts = split_relation_key(row["target"])
            if parts is None:
                node_keys.add(row["target"])  # an entity lost evidence
            else:  # an edge lost evidence; its ends may now be unsupported too
                head, rel_type, tail = parts
                rel_rows[row["target"]] = {"head": head, "relType": rel_type, "tail": tail, "target": row["target"]}
                node_keys.update((head, tail))
        rel_summary = tx.run(loader_query("collect_relations"), rows=list(rel_rows.values())).consume()
        node_summary = tx.run(
            loader_query("collect_entities"),
            keys=sorted(node_keys),
            mention=self.rows.mention_type,
            protected=self.rows.concept_labels,
        ).consume()
        return node_summary.counters.nodes_deleted, rel_summary.counters.relationships_deleted

    def _delete_in_batches(self, query_name: str, **params: Any) -> None:
        """Run a `… LIMIT $batch DELETE … RETURN count(*) AS deleted` query until it deletes nothing."""
        while True:
            records, _, _ = self.driver.execute_query(loader_query(query_name), batch=self.batch_size, **params)
            if not records or not records[0]["deleted"]:
                return

    # Statements whose batches may run concurrently: their rows have distinct keys (the entities
    # of one document) and lock nothing in common but index entries of their own.
    _INDEPENDENT = frozenset({"upsert_entities", "ensure_entities"})
    parallel = int(os.environ.get("UKG_LOAD_THREADS", "2"))

    # which row field fills which schema-name slot of a loader query
    _SLOTS = {
        "upsert_concepts": ("labels", "labels"),
        "upsert_entities": ("labels", "labels"),
        "ensure_entities": ("labels", "labels"),
        "upsert_relations": ("type", "type"),
        "upsert_article_relations": ("type", "type"),
        "upsert_mentions": ("type", "type"),
    }

    def _write_batches(self, query_name: str, rows: Sequence[dict[str, Any]], **params: Any) -> None:
        """Write rows in batches, one transaction each; independent ones on several threads."""
        jobs = self._jobs(query_name, rows, params)
        if query_name in self._INDEPENDENT:
            self._overlap([], jobs)
        else:
            for job in jobs:
                self._run_job(job)

    def _jobs(self, query_name: str, rows: Sequence[dict[str, Any]], params: dict[str, Any] | None = None) -> list[Job]:
        """One job per transaction: rows grouped by the schema names (labels or relationship
        type) their query's slot needs, in a stable order, and cut to the batch size."""
        slot = self._SLOTS.get(query_name)
        if slot is None:
            groups: dict[Any, list[dict[str, Any]]] = {None: list(rows)}
        else:
            groups = defaultdict(list)
            for row in rows:
                value = row[slot[1]]
                groups[tuple(value) if isinstance(value, list) else value].append(row)
        jobs = []
        for group_key in sorted(groups, key=str):
            names = {} if slot is None else {slot[0]: list(group_key) if isinstance(group_key, tuple) else group_key}
            query = loader_query(query_name, **names)
            jobs.extend(Job(query, list(chunk), params or {}) for chunk in batched(groups[group_key], self.batch_size))
        return jobs

    def _overlap(self, ordered: list[Job], shared: list[Job]) -> None:
        run_overlapped(ordered, shared, self._run_job, self.parallel)

    def _run_job(self, job: Job) -> None:
        self.driver.execute_query(job.query, rows=job.rows, **job.params)
