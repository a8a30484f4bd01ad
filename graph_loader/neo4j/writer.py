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
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver

from graph_loader.neo4j.rows import DocumentBatch, GraphRows, clean_props, split_relation_key
from graph_loader.neo4j.scheduler import BATCH_SIZE, Job, batched, run_overlapped
from graph_loader.records import SourceDocument
from ontology.model import Ontology
from queries import loader_query

ProgressCallback = Callable[[str, int], None]


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    collected_nodes: int = 0
    collected_relations: int = 0


class GraphWriter:
    """Applies the schema and loads document batches; the only module that writes to Neo4j."""

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

    def apply_schema(self) -> list[str]:
        """Create the ontology's constraints and indexes, and drop those on ontology labels that
        it no longer asks for (a database built by an older version would keep paying for them
        on every write). Schema objects on other labels are left alone. Returns what ran."""
        statements = self.ont.schema_statements()
        expected = self.ont.expected_schema()
        wanted = {name for part in expected.values() for name in part}
        ours = set(self.ont.classes)
        for kind in ("constraints", "indexes"):
            records, _, _ = self.driver.execute_query(loader_query(f"schema_{kind}"))
            for record in records:
                if record["name"] not in wanted and set(record["labelsOrTypes"] or []) <= ours:
                    statements.insert(0, self.ont.drop_statement(kind, record["name"]))
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

    def load_document(self, batch: DocumentBatch, progress: ProgressCallback | None = None) -> bool:
        """Load one document's share of the graph; False when it was already current."""
        doc = batch.document
        state = self.document_state(doc)
        if state == "current":
            return False
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
            if progress is not None:
                progress(query_name, len(rows))
        # Edges lock their ends' relationship chains, so a second edge writer only deadlocks; the
        # evidence nodes lock nothing an edge needs and keep the other core busy meanwhile.
        edges = (
            self._jobs("upsert_relations", batch.relations)
            + self._jobs("upsert_article_relations", batch.article_relations)
            + self._jobs("upsert_mentions", batch.mentions, extra)
        )
        self._overlap(edges, self._jobs("create_evidence", batch.evidence, extra))
        if progress is not None:
            progress("edges and evidence", len(batch.relations) + len(batch.mentions) + len(batch.evidence))
        if state != "new":  # a document never begun has nothing older to collect
            self.collect_stale(doc.id, stamp)
        self.driver.execute_query(loader_query("finish_document"), id=doc.id, hash=stamp)
        if progress is not None:
            progress("collect_stale", 0)
        return True

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

    def checksum(self) -> str:
        """SHA-256 over every node and relationship with all properties: equal graphs, equal sums."""
        digest = hashlib.sha256()
        for query_name in ("snapshot_nodes", "snapshot_relationships"):
            records, _, _ = self.driver.execute_query(loader_query(query_name))
            for record in records:
                row = record.data()
                if "labels" in row:
                    row["labels"] = sorted(row["labels"])
                digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str).encode())
        return digest.hexdigest()

    def counts(self) -> dict[str, dict[str, int]]:
        records, _, _ = self.driver.execute_query(loader_query("counts"))
        out: dict[str, dict[str, int]] = {"node": {}, "relationship": {}, "total": {}}
        for record in records:
            out[record["kind"]][record["name"]] = record["count"]
        return out
