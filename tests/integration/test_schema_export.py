"""Schema generated from the ontology, and the RDF export agreeing with Neo4j (live database)."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, Graph

from graph_loader.neo4j.writer import GraphWriter
from graph_loader.pipeline import run_extraction
from graph_loader.rdf_export import graph_to_rdf, serialize, validate
from ontology.model import get_ontology
from ontology.neo4j_schema import schema_differences
from tests.support.paths import CORPUS

pytestmark = pytest.mark.integration


def _schema_rows(driver) -> tuple[list[dict], list[dict]]:
    constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties")
    indexes, _, _ = driver.execute_query("SHOW INDEXES YIELD name, type, labelsOrTypes, properties")
    return [r.data() for r in constraints], [r.data() for r in indexes]


def test_schema_in_neo4j_is_what_the_ontology_implies(built_graph, driver) -> None:
    constraints, indexes = _schema_rows(driver)
    assert schema_differences(constraints, indexes) == []
    GraphWriter(driver).apply_schema()  # applying it again is harmless
    assert _schema_rows(driver) == (constraints, indexes)


def test_apply_schema_drops_what_the_ontology_no_longer_asks_for(built_graph, driver) -> None:
    """A database built by an older version keeps no constraint it would pay for on every write;
    schema objects on labels outside the ontology are someone else's and stay."""
    before = _schema_rows(driver)
    driver.execute_query(
        "CREATE CONSTRAINT union_organization_key_unique IF NOT EXISTS "
        "FOR (n:UnionOrganization) REQUIRE n.key IS UNIQUE"
    )
    driver.execute_query("CREATE INDEX evidence_quote IF NOT EXISTS FOR (n:Evidence) ON (n.quote)")
    driver.execute_query("CREATE INDEX ukgtest_foreign IF NOT EXISTS FOR (n:UkgTestForeign) ON (n.x)")
    try:
        GraphWriter(driver).apply_schema()
        constraints, indexes = _schema_rows(driver)
        names = {row["name"] for row in constraints + indexes}
        assert "union_organization_key_unique" not in names and "evidence_quote" not in names
        assert "ukgtest_foreign" in names
        indexes = [row for row in indexes if row["name"] != "ukgtest_foreign"]
        assert (constraints, indexes) == before
    finally:
        driver.execute_query("DROP INDEX ukgtest_foreign IF EXISTS")


def test_fulltext_index_finds_chinese_names(built_graph, driver) -> None:
    records, _, _ = driver.execute_query(
        "CALL db.index.fulltext.queryNodes('entityNames', '湖笔') YIELD node RETURN node.name AS name"
    )
    assert any("湖笔" in record["name"] for record in records)


def test_exported_turtle_round_trips_with_neo4j_counts(built_graph, driver) -> None:
    result = run_extraction(CORPUS)
    graph = graph_to_rdf(result.entities, result.relations, result.articles, result.documents)
    assert validate(graph) == []
    parsed = Graph().parse(data=serialize(graph, "ttl"), format="turtle")
    assert len(parsed) == len(graph)
    ont = get_ontology()
    by_iri = {cls.iri: cls.name for cls in ont.classes.values()}
    rdf_counts = Counter(by_iri[o] for o in parsed.objects(None, RDF.type) if o in by_iri)
    records, _, _ = driver.execute_query("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count")
    neo4j_counts = {r["label"]: r["count"] for r in records}
    compared = [
        name
        for name, cls in ont.classes.items()
        # Evidence: per span in RDF, per fact in Neo4j
        if not cls.abstract and name not in {"Entity", "Evidence"}
    ]
    assert compared
    for label in compared:
        assert rdf_counts.get(label, 0) == neo4j_counts.get(label, 0), label
