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
import itertools
import json
import logging
import os
import queue
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import Driver

from graph_loader.records import Article, Entity, Evidence, Relation, SourceDocument
from ontology.model import Ontology, get_ontology
from queries import loader_query

T = TypeVar("T")
log = logging.getLogger(__name__)
BATCH_SIZE = int(os.environ.get("UKG_BATCH_SIZE", "5000"))  # rows per transaction
ALIAS_SEPARATOR = " | "

ProgressCallback = Callable[[str, int], None]


_RELATION_KEY = re.compile(r"^(?P<head>[^|]+)\|(?P<type>[A-Z][A-Z_]*)\|(?P<tail>.+)$")


def split_relation_key(key: str) -> tuple[str, str, str] | None:
    """(head key, type, tail key) of a relationship key; None for an entity key."""
    match = _RELATION_KEY.match(key)
    return (match["head"], match["type"], match["tail"]) if match else None


def batched(items: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j stores no nulls, nested maps or empty lists of unknown type: drop or flatten them."""
    out: dict[str, Any] = {}
    for name, value in props.items():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, tuple):
            value = list(value)
        if isinstance(value, dict):
            continue
        out[name] = value
    return out


@dataclass(frozen=True)
class Job:
    """One transaction of the writer: a loader query, its rows and any further parameters."""

    query: str
    rows: list[dict[str, Any]]
    params: dict[str, Any]


@dataclass
class DocumentBatch:
    """Everything the writer needs for one source document, as Neo4j parameter rows."""

    document: SourceDocument
    articles: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    edge_ends: list[dict[str, Any]] = field(default_factory=list)  # nodes only an edge here needs
    relations: list[dict[str, Any]] = field(default_factory=list)
    article_relations: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    collected_nodes: int = 0
    collected_relations: int = 0


class GraphRows:
    """Turns resolved records into per-document parameter rows, using the ontology for names."""

    def __init__(self, ontology: Ontology | None = None) -> None:
        self.ont = ontology or get_ontology()
        self.entity_label = self.ont.label("Entity")
        self.article_label = self.ont.label("Article")
        self.mention_type = self.ont.rel("MENTIONED_IN")
        self.concept_labels = [self.ont.label(name) for name in ("Practice", "PracticeCategory", "Program")]
        self.skipped_relations = 0

    # keys ----------------------------------------------------------------------------------

    def entity_key(self, entity: Entity) -> str:
        return self.ont.instance_key(entity.type, entity.name)

    def concept_key(self, reference: str) -> str | None:
        """Key of a `practice:<id>` / `program:<id>` reference, or None for a plain name."""
        scheme, sep, concept_id = reference.partition(":")
        if not sep or scheme not in {"practice", "program"}:
            return None
        class_name = "Practice" if scheme == "practice" else "Program"
        concept = self.ont.practice(concept_id) if scheme == "practice" else self.ont.program(concept_id)
        return self.ont.instance_key(class_name, concept.id)

    @staticmethod
    def relation_key(head: str, rel_type: str, tail: str) -> str:
        """`<head key>|<TYPE>|<tail key>`: readable, and parsed back by `split_relation_key`."""
        return f"{head}|{rel_type}|{tail}"

    @staticmethod
    def evidence_key(target: str, evidence: Evidence) -> str:
        digest = hashlib.sha1(
            f"{target}\x1f{evidence.article_id}\x1f{evidence.raw_start}\x1f{evidence.raw_end}".encode()
        ).hexdigest()[:24]  # 96 bits: no collision in any corpus we will see, and a third less to store
        return f"evidence/{digest}"

    # rows ----------------------------------------------------------------------------------

    def concept_rows(self) -> list[dict[str, Any]]:
        rows = []
        for concept in self.ont.practice_categories + self.ont.practices + self.ont.programs:
            class_name = {"practice": "Practice", "program": "Program"}[concept.scheme]
            if concept in self.ont.practice_categories:
                class_name = "PracticeCategory"
            key = self.ont.instance_key(class_name, concept.id)
            props = _clean(
                {
                    "key": key,
                    "id": concept.id,
                    "name": concept.zh,
                    "zh": concept.zh,
                    "en": concept.en,
                    "category": concept.category,
                    "aliases": list(concept.alt_labels),
                    "aliasText": ALIAS_SEPARATOR.join(concept.alt_labels),
                }
            )
            rows.append({"key": key, "labels": [*self.ont.labels_for(class_name), self.entity_label], "props": props})
        return rows

    def concept_hierarchy_rows(self) -> list[dict[str, Any]]:
        broader = self.ont.rel("BROADER")
        rows = []
        for concept in self.ont.practices:
            if concept.category:
                rows.append(
                    {
                        "head": self.ont.instance_key("Practice", concept.id),
                        "tail": self.ont.instance_key("PracticeCategory", concept.category),
                        "type": broader,
                        "props": {"key": self.relation_key(concept.id, broader, concept.category)},
                    }
                )
        return rows

    def entity_row(self, entity: Entity) -> dict[str, Any]:
        key = self.entity_key(entity)
        aliases = sorted({alias for alias in entity.aliases if alias != entity.name})
        props = _clean(
            {
                **entity.props,
                "key": key,
                "name": entity.name,
                "aliases": aliases,
                "aliasText": ALIAS_SEPARATOR.join(aliases),
            }
        )
        return {"key": key, "labels": [*self.ont.labels_for(entity.type), self.entity_label], "props": props}

    def article_row(self, article: Article) -> dict[str, Any]:
        props = _clean(
            {
                "key": article.id,
                "docId": article.doc_id,
                "index": article.index,
                "title": article.title,
                "subtitle": article.subtitle,
                "unit": article.unit,
                "kind": article.kind,
                "date": article.date,
                "authors": [author.name for author in article.authors],
                "start": article.start,
                "end": article.end,
                "rawStart": article.raw_start,
                "rawEnd": article.raw_end,
            }
        )
        return {"props": props}

    def evidence_row(self, target: str, evidence: Evidence) -> dict[str, Any]:
        row = _clean(
            {
                "key": self.evidence_key(target, evidence),
                "target": target,
                "docId": evidence.doc_id,
                "articleId": evidence.article_id,
                "rawStart": evidence.raw_start,
                "rawEnd": evidence.raw_end,
                "quote": evidence.quote,
                "date": evidence.date,
                "surfaces": [surface for surface in evidence.surfaces if surface],
            }
        )
        return row

    def document_batches(
        self,
        documents: Iterable[SourceDocument],
        articles: Iterable[Article],
        entities: Iterable[Entity],
        relations: Iterable[Relation],
    ) -> list[DocumentBatch]:
        """Split the resolved graph by the documents its evidence comes from."""
        batches = {doc.id: DocumentBatch(doc) for doc in documents}
        for article in articles:
            batches[article.doc_id].articles.append(self.article_row(article))
        keys_by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        entity_rows: dict[str, dict[str, Any]] = {}
        evidenced_in: dict[str, set[str]] = defaultdict(set)  # document id → entity keys it evidences
        ends_in: dict[str, set[str]] = defaultdict(set)

        def include_end(batch: DocumentBatch, key: str) -> None:
            """An edge's end node is ensured with the edge's document, so an edge never waits
            for a node that only a later document would create (its properties come from the
            documents that evidence it)."""
            doc_id = batch.document.id
            if key in entity_rows and key not in evidenced_in[doc_id] and key not in ends_in[doc_id]:
                batch.edge_ends.append(entity_rows[key])
                ends_in[doc_id].add(key)

        for entity in entities:
            row = self.entity_row(entity)
            entity_rows[row["key"]] = row
            keys_by_name[entity.name].append((entity.type, row["key"]))
            seen_mentions: set[str] = set()
            for evidence in entity.evidence:
                batch = batches[evidence.doc_id]
                if row["key"] not in evidenced_in[evidence.doc_id]:
                    batch.entities.append(row)
                    evidenced_in[evidence.doc_id].add(row["key"])
                if evidence.article_id not in seen_mentions:
                    batch.mentions.append(
                        {"entity": row["key"], "article": evidence.article_id, "type": self.mention_type}
                    )
                    seen_mentions.add(evidence.article_id)
                batch.evidence.append(self.evidence_row(row["key"], evidence))
        for relation in relations:
            rel_type = self.ont.rel(relation.type)
            spec = self.ont.relations[rel_type]
            head = self._resolve_end(relation.head, spec.domain, keys_by_name)
            to_article = self.article_label in spec.range
            tail = None if to_article else self._resolve_end(relation.tail, spec.range, keys_by_name)
            if head is None or (tail is None and not to_article):
                log.warning("skipping %s %s → %s: an end is not a known entity", rel_type, relation.head, relation.tail)
                self.skipped_relations += 1
                continue
            seen: set[tuple[str, str]] = set()
            for evidence in relation.evidence:
                # an edge to an article (AUTHORED) points at the article its evidence comes from
                end = evidence.article_id if to_article else tail
                assert end is not None
                key = self.relation_key(head, rel_type, end)
                batch = batches[evidence.doc_id]
                include_end(batch, head)
                include_end(batch, end)
                if (evidence.doc_id, key) not in seen:
                    row = {"head": head, "tail": end, "type": rel_type, "props": _clean({**relation.props, "key": key})}
                    (batch.article_relations if to_article else batch.relations).append(row)
                    seen.add((evidence.doc_id, key))
                batch.evidence.append(self.evidence_row(key, evidence))
        for batch in batches.values():  # one fact stated twice in the same sentence is one piece of evidence
            batch.evidence = list({row["key"]: row for row in batch.evidence}.values())
        return [batches[doc_id] for doc_id in sorted(batches)]

    def _resolve_end(
        self, reference: str, allowed: tuple[str, ...], keys_by_name: dict[str, list[tuple[str, str]]]
    ) -> str | None:
        concept = self.concept_key(reference)
        if concept is not None:
            return concept
        candidates = keys_by_name.get(reference, [])
        for class_name, key in candidates:
            if not allowed or any(self.ont.is_a(class_name, label) for label in allowed):
                return key
        return None  # a same-named entity of another class is not this end


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
        doc_props = _clean(
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
        """Run `ordered` in order on one thread while other threads take `shared` jobs (any
        order); the first thread helps with `shared` once its own are done. The first error
        stops every thread at its next job and is raised."""
        if self.parallel < 2 or len(ordered) + len(shared) < 2:
            for job in ordered + shared:
                self._run_job(job)
            return
        pending: queue.SimpleQueue[Job] = queue.SimpleQueue()
        for job in shared:
            pending.put(job)
        failed = threading.Event()

        def run(jobs: Iterable[Job]) -> None:
            try:
                for job in jobs:
                    if failed.is_set():
                        return
                    self._run_job(job)
            except BaseException:
                failed.set()
                raise

        def drain() -> Iterator[Job]:
            while True:
                try:
                    yield pending.get_nowait()
                except queue.Empty:
                    return

        with ThreadPoolExecutor(max_workers=self.parallel) as pool:
            futures = [pool.submit(run, itertools.chain(ordered, drain()))]
            futures += [pool.submit(run, drain()) for _ in range(self.parallel - 1)]
            for future in futures:
                future.result()

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
