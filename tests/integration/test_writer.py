"""The Neo4j writer against a live Neo4j: idempotence, document replacement, garbage collection."""

from __future__ import annotations

import hashlib
import json

import pytest

from graph_loader.neo4j.writer import GraphWriter
from graph_loader.records import (
    Article,
    ConceptRef,
    Entity,
    EntityRef,
    Evidence,
    Relation,
    ResolvedGraph,
    SourceDocument,
)

pytestmark = pytest.mark.integration

UNION = "测试市测试小镇工会联合会"
TOWN = "测试市测试小镇"
OTHER = "测试市另一小镇联合工会"
ORG = "UnionOrganization"
SCHOOL = ConceptRef("practice", "craftsman-school")


def _doc(doc_id: str, text: str) -> SourceDocument:
    return SourceDocument(
        id=doc_id,
        path=f"/tmp/{doc_id}.txt",
        raw_text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        encoding="utf-8",
        date="2020-01-01",
    )


def _article(doc: SourceDocument) -> Article:
    return Article(
        doc_id=doc.id,
        index=0,
        title="t",
        text=doc.raw_text,
        start=0,
        end=len(doc.raw_text),
        raw_start=0,
        raw_end=len(doc.raw_text),
        date=doc.date,
    )


def _ev(doc: SourceDocument, needle: str) -> Evidence:
    start = doc.raw_text.index(needle)
    return Evidence(
        doc_id=doc.id,
        article_id=f"{doc.id}#000",
        raw_start=start,
        raw_end=start + len(needle),
        quote=needle,
        date=doc.date,
    )


def corpus(second_text: str) -> tuple[list[SourceDocument], list[Article], list[Entity], list[Relation]]:
    first = _doc("ukgtest-a", f"{UNION}覆盖{TOWN}，开办工匠学堂。")
    second = _doc("ukgtest-b", second_text)
    docs = [first, second]
    entities = [
        Entity(
            "UnionOrganization",
            UNION,
            aliases=["小镇工会"],
            props={"form": "工会联合会", "level": "carrier"},
            evidence=[_ev(first, UNION)] + ([_ev(second, UNION)] if UNION in second_text else []),
        ),
        Entity("Carrier", TOWN, props={"carrierType": "town"}, evidence=[_ev(first, TOWN)]),
    ]
    relations = [
        Relation(
            "COVERS", EntityRef(ORG, UNION), EntityRef("Carrier", TOWN), evidence=[_ev(first, f"{UNION}覆盖{TOWN}")]
        ),
        Relation(
            "ADOPTS",
            EntityRef(ORG, UNION),
            SCHOOL,
            props={"year": 2018},
            evidence=[_ev(first, f"{UNION}覆盖{TOWN}，开办工匠学堂")],
        ),
    ]
    if OTHER in second_text:
        entities.append(Entity("UnionOrganization", OTHER, props={"form": "联合工会"}, evidence=[_ev(second, OTHER)]))
        relations.append(
            Relation("ADOPTS", EntityRef(ORG, OTHER), SCHOOL, evidence=[_ev(second, f"{OTHER}开办工匠学堂")])
        )
    return docs, [_article(d) for d in docs], entities, relations


def load(writer: GraphWriter, second_text: str) -> None:
    docs, articles, entities, relations = corpus(second_text)
    writer.load(ResolvedGraph(tuple(docs), tuple(articles), tuple(entities), tuple(relations)))


def snapshot(driver) -> str:
    """A checksum of every test node and relationship with all their properties."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE n.key STARTS WITH 'union-organization/测试' OR n.key STARTS WITH 'carrier/测试'"
        " OR n.docId STARTS WITH 'ukgtest' OR n.id STARTS WITH 'ukgtest'"
        " RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.key"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE a.key STARTS WITH 'union-organization/测试'"
        " OR a.docId STARTS WITH 'ukgtest'"
        " RETURN a.key AS a, type(r) AS type, properties(r) AS props, coalesce(b.key, b.id) AS b"
        " ORDER BY a, type, b"
    )
    rows = [sorted(r["labels"]) + [r["props"]] for r in nodes] + [dict(r) for r in rels]
    text = json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture()
def writer(driver):
    driver.execute_query(
        "MATCH (n) WHERE n.key STARTS WITH 'union-organization/测试' OR n.key STARTS WITH 'carrier/测试'"
        " OR n.docId STARTS WITH 'ukgtest' OR n.id STARTS WITH 'ukgtest' DETACH DELETE n"
    )
    return GraphWriter(driver)


def _count(driver, query: str) -> int:
    records, _, _ = driver.execute_query(query)
    return records[0][0]


def test_load_twice_is_identical(writer, driver) -> None:
    load(writer, f"{OTHER}开办工匠学堂，{UNION}也在。")
    first = snapshot(driver)
    load(writer, f"{OTHER}开办工匠学堂，{UNION}也在。")
    assert snapshot(driver) == first
    assert _count(driver, f"MATCH (n:UnionOrganization {{name: '{UNION}'}}) RETURN count(n)") == 1
    assert (
        _count(
            driver,
            f"MATCH (:Entity {{name: '{UNION}'}})-[r:ADOPTS]->(:Practice {{id: 'craftsman-school'}}) RETURN count(r)",
        )
        == 1
    )


def test_changed_document_replaces_only_its_evidence(writer, driver) -> None:
    load(writer, f"{OTHER}开办工匠学堂，{UNION}也在。")
    a_evidence = _count(driver, "MATCH (e:Evidence {docId: 'ukgtest-a'}) RETURN count(e)")
    load(writer, f"今年{UNION}也在。")  # document b changed: OTHER and its adoption are gone
    assert _count(driver, "MATCH (e:Evidence {docId: 'ukgtest-a'}) RETURN count(e)") == a_evidence
    assert _count(driver, f"MATCH (n {{name: '{OTHER}'}}) RETURN count(n)") == 0
    assert _count(driver, f"MATCH (n {{name: '{UNION}'}}) RETURN count(n)") == 1  # still evidenced by a
    b_evidence, _, _ = driver.execute_query("MATCH (e:Evidence {docId: 'ukgtest-b'}) RETURN collect(e.quote) AS q")
    assert b_evidence[0]["q"] == [UNION]


class CrashingWriter(GraphWriter):
    """Dies (like a killed process) when it comes to evidence: nodes and edges are half-done."""

    def _run_job(self, job):  # type: ignore[override]
        if ":Evidence" in job.query:
            raise RuntimeError("killed")
        super()._run_job(job)


def test_interrupted_load_is_completed_by_rerun(writer, driver) -> None:
    changed = f"今年{UNION}也在，{OTHER}开办工匠学堂。"
    load(writer, changed)
    reference = snapshot(driver)  # the uninterrupted result
    writer.driver.execute_query(
        "MATCH (n) WHERE n.key STARTS WITH 'union-organization/测试' OR n.key STARTS WITH 'carrier/测试'"
        " OR n.docId STARTS WITH 'ukgtest' OR n.id STARTS WITH 'ukgtest' DETACH DELETE n"
    )
    load(writer, f"{OTHER}开办工匠学堂，{UNION}也在。")
    with pytest.raises(RuntimeError):
        load(CrashingWriter(driver), changed)
    load(writer, changed)
    assert snapshot(driver) == reference


def test_new_pipeline_version_reloads_unchanged_documents(writer, driver) -> None:
    """An upgraded extractor may read the same text differently: its fingerprint forces a reload."""
    docs, articles, entities, relations = corpus(f"{OTHER}开办工匠学堂。")
    for version, expected in (("v1", True), ("v1", False), ("v2", True), ("v2", False)):
        versioned = GraphWriter(driver, pipeline_version=version)
        batch = versioned.rows.document_batches(docs, articles, entities, relations)[0]
        assert versioned.load_document(batch).loaded is expected, version


def test_pipeline_fingerprint_is_stable_and_short() -> None:
    from graph_loader.fingerprint import pipeline_fingerprint

    assert pipeline_fingerprint() == pipeline_fingerprint()
    assert len(pipeline_fingerprint()) == 16
