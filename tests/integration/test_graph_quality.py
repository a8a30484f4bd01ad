"""Whole-graph checks in Neo4j: no duplicate unions, every edge traceable to its source text."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import pytest

from graph_loader.reference.gazetteer import gazetteer
from graph_loader.text.sources import load_corpus
from tests.support.paths import CORPUS

pytestmark = pytest.mark.integration

# Form suffixes alone say nothing about which body a name denotes (湖州市总工会 ≠ 南浔区总工会).
GENERIC_CORES = {"总工会", "工会", "工会联合会", "工会联合委员会", "联合工会", "工会委员会", "镇总工会", "街道总工会"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_no_union_is_split_by_its_administrative_prefix(built_graph, driver) -> None:
    """Pairs of union nodes whose names differ only by a (compatible) administrative prefix."""
    records, _, _ = driver.execute_query("MATCH (u:UnionOrganization) RETURN u.name AS name")
    places = gazetteer()
    by_core: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for record in records:
        name = record["name"]
        county, city, consumed = places.parse_prefix(name)
        core = name[consumed:]
        if core and core not in GENERIC_CORES:
            by_core[core].append((name, county.name if county else "", city.name if city else ""))
    duplicates = []
    for variants in by_core.values():
        for i, (name_a, county_a, city_a) in enumerate(variants):
            for name_b, county_b, city_b in variants[i + 1 :]:
                same_county = not county_a or not county_b or county_a == county_b
                same_city = not city_a or not city_b or city_a == city_b
                if same_county and same_city:
                    duplicates.append((name_a, name_b))
    assert len(by_core) > 50  # the check really looked at the unions
    assert duplicates == []


def test_every_relationship_has_evidence_naming_both_ends(built_graph, driver) -> None:
    raw = {doc.id: doc.raw_text for doc in load_corpus(CORPUS)}
    records, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE r.key IS NOT NULL AND NOT type(r) IN ['BROADER'] "
        "OPTIONAL MATCH (e:Evidence {target: r.key}) "
        "RETURN type(r) AS type, a.name AS head, coalesce(b.name, b.title, b.key) AS tail, "
        "collect(e {.docId, .rawStart, .rawEnd, .surfaces}) AS evidence"
    )
    assert len(records) > 1000
    failures = []
    for record in records:
        ok = False
        for ev in record["evidence"]:
            span = _squash(raw[ev["docId"]][ev["rawStart"] : ev["rawEnd"]])
            surfaces = ev.get("surfaces") or []
            if surfaces and all(_squash(surface) in span for surface in surfaces):
                ok = True
                break
        if not ok:
            failures.append((record["type"], record["head"], record["tail"]))
    assert failures == []


def test_extracted_edges_carry_their_rule_and_confidence(built_graph, driver) -> None:
    """Researchers review the least certain edges first: the Neo4j edge says which rule made it."""
    records, _, _ = driver.execute_query(
        "MATCH ()-[r:ADOPTS|OPERATES|COVERS|HOLDS_POSITION]->() "
        "RETURN count(r) AS edges, count(r.rule) AS ruled, min(r.confidence) AS low, max(r.confidence) AS high"
    )
    row = records[0]
    assert row["edges"] > 0 and row["ruled"] == row["edges"]
    assert 0.0 <= row["low"] <= row["high"] <= 1.0
