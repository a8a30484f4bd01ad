"""Resolved records as per-document Neo4j parameter rows: keys, properties, edge ends, evidence.

Why apart from the writer: mapping records to rows is pure (no database), so it is tested and
reused (RDF parity, benchmarks) without a Neo4j; the writer only sends what it is given.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph_loader.curation.records import EXTRACTED
from graph_loader.records import (
    Article,
    ArticleRef,
    ConceptRef,
    Entity,
    EntityRef,
    Evidence,
    Relation,
    SourceDocument,
)
from ontology.model import Ontology, get_ontology

log = logging.getLogger(__name__)
ALIAS_SEPARATOR = " | "

_RELATION_KEY = re.compile(r"^(?P<head>[^|]+)\|(?P<type>[A-Z][A-Z_]*)\|(?P<tail>.+)$")


def split_relation_key(key: str) -> tuple[str, str, str] | None:
    """(head key, type, tail key) of a relationship key; None for an entity key."""
    match = _RELATION_KEY.match(key)
    return (match["head"], match["type"], match["tail"]) if match else None


def clean_props(props: dict[str, Any]) -> dict[str, Any]:
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


class GraphRows:
    """Turns resolved records into per-document parameter rows, using the ontology for names."""

    def __init__(self, ontology: Ontology | None = None) -> None:
        self.ont = ontology or get_ontology()
        self.entity_label = self.ont.label("Entity")
        self.mention_type = self.ont.rel("MENTIONED_IN")
        self.concept_labels = [self.ont.label(name) for name in ("Practice", "PracticeCategory", "Program")]
        self.skipped_relations = 0

    # keys ----------------------------------------------------------------------------------

    def entity_key(self, entity: Entity) -> str:
        return self.ont.instance_key(entity.type, entity.name)

    def concept_key(self, ref: ConceptRef) -> str:
        """Key of a practice or programme; an unknown id raises KeyError (the ontology's)."""
        class_name = "Practice" if ref.scheme == "practice" else "Program"
        concept = self.ont.practice(ref.id) if ref.scheme == "practice" else self.ont.program(ref.id)
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
            props = clean_props(
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
        props = clean_props(
            {
                "status": EXTRACTED,  # unless a correction says otherwise (graph_loader.curation)
                **entity.props,
                "key": key,
                "name": entity.name,
                "aliases": aliases,
                "aliasText": ALIAS_SEPARATOR.join(aliases),
            }
        )
        return {"key": key, "labels": [*self.ont.labels_for(entity.type), self.entity_label], "props": props}

    def article_row(self, article: Article) -> dict[str, Any]:
        props = clean_props(
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
        row = clean_props(
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
                "datedValue": evidence.dated,
                "dateBasis": evidence.date_basis,
                "datePhrase": evidence.date_phrase,
                "page": evidence.page,  # PDF sources only (None is dropped)
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
            head = self._end_key(relation.head, spec.domain, entity_rows)
            to_article = isinstance(relation.tail, ArticleRef)
            tail = relation.tail.id if isinstance(relation.tail, ArticleRef) else \
                self._end_key(relation.tail, spec.range, entity_rows)
            if head is None or tail is None:
                log.warning("skipping %s %s → %s: an end is not a known entity", rel_type, relation.head, relation.tail)
                self.skipped_relations += 1
                continue
            key = self.relation_key(head, rel_type, tail)
            seen: set[str] = set()
            for evidence in relation.evidence:
                batch = batches[evidence.doc_id]
                include_end(batch, head)
                include_end(batch, tail)
                if evidence.doc_id not in seen:
                    props = clean_props({"status": EXTRACTED, **relation.props, "key": key})
                    row = {"head": head, "tail": tail, "type": rel_type, "props": props}
                    (batch.article_relations if to_article else batch.relations).append(row)
                    seen.add(evidence.doc_id)
                batch.evidence.append(self.evidence_row(key, evidence))
        for batch in batches.values():  # one fact stated twice in the same sentence is one piece of evidence
            batch.evidence = list({row["key"]: row for row in batch.evidence}.values())
        return [batches[doc_id] for doc_id in sorted(batches)]

    def _end_key(
        self, end: EntityRef | ConceptRef | ArticleRef, allowed: tuple[str, ...], entity_rows: dict[str, Any]
    ) -> str | None:
        """Key of an entity or concept end; None for an entity that is not in the graph or whose
        class the relationship does not allow (a wrong-class end is not this end)."""
        if isinstance(end, ConceptRef):
            return self.concept_key(end)
        if not isinstance(end, EntityRef):
            return None
        key = self.ont.instance_key(end.cls, end.name)
        if key not in entity_rows or allowed and not any(self.ont.is_a(end.cls, label) for label in allowed):
            return None
        return key
