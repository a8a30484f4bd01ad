"""Whole-corpus checks of the extraction pipeline (no Neo4j): evidence, ends, acceptance facts."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from graph_loader.pipeline import run_extraction
from graph_loader.records import ArticleRef, ConceptRef, EntityRef
from tests.support.paths import CORPUS
from ukg.commands.extract import record_json

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")


@pytest.fixture(scope="module")
def result():
    return run_extraction(CORPUS)


def _squash(text: str) -> str:
    """Raw PDF text breaks lines inside words; compare without white space, NFKC."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_every_relation_quote_contains_both_surface_forms(result):
    raw = {d.id: d.raw_text for d in result.documents}
    checked = 0
    for ex in result.extractions:
        for rel in ex.relations:
            for ev in rel.evidence:
                quote = _squash(raw[ev.doc_id][ev.raw_start:ev.raw_end])
                assert quote == _squash(ev.quote)
                for surface in ev.surfaces:
                    assert _squash(surface) in quote, (rel.type, rel.head, rel.tail, surface, ev.quote[:80])
                checked += 1
    assert checked > 1000


def test_entities_carry_evidence_with_raw_offsets(result):
    raw = {d.id: d.raw_text for d in result.documents}
    for entity in result.entities:
        for ev in entity.evidence:
            assert 0 <= ev.raw_start < ev.raw_end <= len(raw[ev.doc_id])
            assert ev.date


def test_relation_ends_are_entities_of_the_same_document(result):
    refs: dict[str, set[EntityRef]] = {}
    for ex in result.extractions:
        refs.setdefault(ex.article.doc_id, set()).update(e.ref for e in ex.entities)
    for ex in result.extractions:
        for rel in ex.relations:
            for end in (rel.head, rel.tail):
                if isinstance(end, EntityRef):
                    assert end in refs[ex.article.doc_id], (rel.type, end)
                elif isinstance(end, ArticleRef):
                    assert end.id == ex.article.id, (rel.type, end)
                else:
                    assert isinstance(end, ConceptRef) and end.scheme in ("practice", "program"), (rel.type, end)


def test_town_unions_with_craftsman_school(result):
    """The query 'all 小镇 unions with 工匠学堂' must find these two, with evidence."""
    wanted = ("ADOPTS", ConceptRef("practice", "craftsman-school"))
    adopters = {r.head.name: r for r in result.relations if (r.type, r.tail) == wanted}
    for union in ("湖州市南浔区善琏湖笔小镇工会联合会", "温州市瓯海区眼镜小镇联合工会"):
        assert union in adopters
        assert adopters[union].evidence and adopters[union].evidence[0].quote


def test_no_duplicate_town_union_nodes(result):
    names = {e.name for e in result.entities if e.type == "UnionOrganization"}
    assert "杭州市余杭区梦想小镇工会联合委员会" in names
    assert "梦想小镇工会联合委员会" not in names


def test_places_form_a_hierarchy(result):
    located = {(r.head.name, r.tail.name) for r in result.relations if r.type == "LOCATED_IN"}
    assert ("杭州市余杭区", "杭州市") in located
    assert ("杭州市", "浙江省") in located


def test_jsonl_records_are_gold_shaped(result):
    for ex in result.extractions[:20]:
        record = json.loads(json.dumps(record_json(ex), ensure_ascii=False))
        assert {"doc", "article", "entities", "relations"} <= set(record)
        for entity in record["entities"]:
            assert {"type", "name", "aliases", "evidence"} <= set(entity)
