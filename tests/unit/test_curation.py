"""Corrections (graph_loader.curation) on a small invented graph: each kind, conflicts, reverts,
idempotence, the log's audit trail and the tokens."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from rdflib import RDF, Namespace

from graph_loader.curation.apply import apply_corrections
from graph_loader.curation.gold import gold_records
from graph_loader.curation.log import CurationLog, effective
from graph_loader.curation.provenance import add_provenance
from graph_loader.curation.records import Correction, CorrectionError, EdgeTarget
from graph_loader.curation.tokens import TokenStore
from graph_loader.errors import InputError
from graph_loader.neo4j.rows import GraphRows
from graph_loader.rdf_export import graph_to_rdf
from graph_loader.rdf_validate import validate
from graph_loader.records import Article, ConceptRef, Entity, Evidence, Relation, ResolvedGraph, SourceDocument
from ontology.model import get_ontology

TEXT = "青禾县白鹭镇工会建成职工书屋。白鹭镇工会主席李明说，明年将开设工匠学堂。"
UNION = "union-organization/青禾县白鹭镇工会"
OTHER = "union-organization/白鹭镇工会"
PERSON = "person/李明"
SCHOOL = "practice/craftsman-school"
LIBRARY = "practice/workers-library"


def _evidence(quote: str) -> Evidence:
    start = TEXT.index(quote)
    return Evidence("doc", "doc#000", start, start + len(quote), quote, "2024-05-01")


def graph() -> ResolvedGraph:
    union = Entity("UnionOrganization", "青禾县白鹭镇工会", [], {}, [_evidence("青禾县白鹭镇工会建成职工书屋")])
    other = Entity("UnionOrganization", "白鹭镇工会", ["白鹭工会"], {}, [_evidence("白鹭镇工会主席李明说")])
    person = Entity("Person", "李明", [], {}, [_evidence("白鹭镇工会主席李明说")])
    relations = (
        Relation(
            "ADOPTS",
            union.ref,
            ConceptRef("practice", "workers-library"),
            {"rule": "r", "year": 2023},
            [_evidence("青禾县白鹭镇工会建成职工书屋")],
        ),
        Relation(
            "ADOPTS",
            other.ref,
            ConceptRef("practice", "craftsman-school"),
            {"rule": "r"},
            [_evidence("明年将开设工匠学堂")],
        ),
        Relation("HOLDS_POSITION", person.ref, other.ref, {"title": "主席"}, [_evidence("白鹭镇工会主席李明说")]),
    )
    document = SourceDocument("doc", "doc.txt", TEXT, "0" * 64, "utf-8", date="2024-05-01")
    article = Article("doc", 0, "标题", TEXT, 0, len(TEXT), 0, len(TEXT), "2024-05-01")
    return ResolvedGraph((document,), (article,), (union, other, person), relations)


def fix(kind: str, number: int = 1, **fields) -> Correction:
    return Correction(id=f"c{number}", author="tester", time="2026-12-03T00:00:00Z", kind=kind, **fields)


def edges(result) -> dict[tuple[str, str, str], Relation]:
    def key(end) -> str:
        return f"{end.scheme}:{end.id}" if isinstance(end, ConceptRef) else end.name

    return {(key(r.head), r.type, key(r.tail)): r for r in result.graph.relations}


def test_an_empty_log_changes_nothing_and_the_writer_marks_everything_extracted() -> None:
    original = graph()
    result = apply_corrections(original, [])
    assert result.graph == original and not result.conflicts
    batch = GraphRows(get_ontology()).document_batches(
        result.graph.documents, result.graph.articles, result.graph.entities, result.graph.relations
    )[0]
    assert {row["props"]["status"] for row in batch.entities + batch.relations} == {"extracted"}


def test_reject_confirm_and_set_year() -> None:
    rejected = EdgeTarget(OTHER, "ADOPTS", SCHOOL)
    confirmed = EdgeTarget(PERSON, "HOLDS_POSITION", OTHER)
    dated = EdgeTarget(UNION, "ADOPTS", LIBRARY)
    result = apply_corrections(
        graph(),
        [
            fix("reject-edge", 1, edge=rejected),
            fix("confirm-edge", 2, edge=confirmed),
            fix("set-year", 3, edge=dated, year=2019),
        ],
    )
    found = edges(result)
    assert ("白鹭镇工会", "ADOPTS", "practice:craftsman-school") not in found
    assert found[("李明", "HOLDS_POSITION", "白鹭镇工会")].props["status"] == "confirmed"
    library = found[("青禾县白鹭镇工会", "ADOPTS", "practice:workers-library")]
    assert (library.props["year"], library.props["status"], library.props["curation"]) == (2019, "corrected", ["c3"])
    assert len(result.applied) == 3 and not result.conflicts


def test_add_edge_finds_the_quote_verbatim_and_computes_its_offsets() -> None:
    quote = "开设工匠学堂"
    result = apply_corrections(
        graph(), [fix("add-edge", edge=EdgeTarget(UNION, "ADOPTS", SCHOOL), doc_id="doc", quote=quote)]
    )
    added = edges(result)[("青禾县白鹭镇工会", "ADOPTS", "practice:craftsman-school")]
    evidence = added.evidence[0]
    assert added.props["status"] == "added" and TEXT[evidence.raw_start : evidence.raw_end] == quote
    assert evidence.article_id == "doc#000"


def test_a_quote_not_in_the_document_and_a_missing_end_are_conflicts_kept_with_their_reason() -> None:
    result = apply_corrections(
        graph(),
        [
            fix("add-edge", 1, edge=EdgeTarget(UNION, "ADOPTS", SCHOOL), doc_id="doc", quote="建成工匠学堂"),
            fix("reject-edge", 2, edge=EdgeTarget("union-organization/不存在工会", "ADOPTS", SCHOOL)),
            fix("add-edge", 3, edge=EdgeTarget(UNION, "ADOPTS", SCHOOL), doc_id="gone", quote="开设"),
        ],
    )
    assert [c.correction.id for c in result.conflicts] == ["c1", "c2", "c3"]
    assert "verbatim" in result.conflicts[0].reason and "不存在工会" in result.conflicts[1].reason
    assert "gone" in result.conflicts[2].reason
    assert edges(result).keys() == edges(apply_corrections(graph(), [])).keys()


def test_merge_moves_edges_and_names_and_later_corrections_follow_the_merge() -> None:
    result = apply_corrections(
        graph(),
        [
            fix("merge-entities", 1, entity=OTHER, into=UNION),
            fix("set-year", 2, edge=EdgeTarget(OTHER, "ADOPTS", SCHOOL), year=2021),  # names the merged-away key
        ],
    )
    union = next(e for e in result.graph.entities if e.name == "青禾县白鹭镇工会")
    assert {"白鹭镇工会", "白鹭工会"} <= set(union.aliases) and union.props["status"] == "corrected"
    assert all(e.name != "白鹭镇工会" for e in result.graph.entities)
    found = edges(result)
    assert found[("李明", "HOLDS_POSITION", "青禾县白鹭镇工会")]
    assert found[("青禾县白鹭镇工会", "ADOPTS", "practice:craftsman-school")].props["year"] == 2021
    assert not result.conflicts


def test_rename_split_and_not_an_entity() -> None:
    result = apply_corrections(
        graph(),
        [
            fix("rename-entity", 1, entity=OTHER, name="青禾县白鹭镇总工会"),
            fix("split-alias", 2, entity="union-organization/青禾县白鹭镇总工会", name="白鹭工会"),
            fix("not-an-entity", 3, entity=PERSON),
        ],
    )
    names = {e.name: e for e in result.graph.entities}
    assert "白鹭镇工会" in names["青禾县白鹭镇总工会"].aliases and "白鹭工会" not in names["青禾县白鹭镇总工会"].aliases
    assert "白鹭工会" in names and "李明" not in names
    assert all(r.type != "HOLDS_POSITION" for r in result.graph.relations)
    assert ("青禾县白鹭镇总工会", "ADOPTS", "practice:craftsman-school") in edges(result)


def test_applying_the_same_log_twice_gives_the_same_graph() -> None:
    log = [
        fix("merge-entities", 1, entity=OTHER, into=UNION),
        fix("set-year", 2, edge=EdgeTarget(UNION, "ADOPTS", SCHOOL), year=2020),
    ]
    assert apply_corrections(graph(), log).graph == apply_corrections(graph(), log).graph


def test_a_revert_restores_the_extracted_state_and_a_revert_of_it_the_correction() -> None:
    reject = fix("reject-edge", 1, edge=EdgeTarget(OTHER, "ADOPTS", SCHOOL))
    revert = fix("revert", 2, reverts="c1")
    assert effective([reject, revert]) == []
    assert effective([reject, revert, fix("revert", 3, reverts="c2")]) == [reject]


def test_malformed_corrections_name_the_field() -> None:
    with pytest.raises(CorrectionError, match="kind"):
        Correction.from_json({"id": "x", "author": "a", "time": "t", "kind": "delete-all"})
    with pytest.raises(CorrectionError, match="year"):
        Correction.from_json(
            {
                "id": "x",
                "author": "a",
                "time": "t",
                "kind": "set-year",
                "edge": {"head": UNION, "type": "ADOPTS", "tail": SCHOOL},
            }
        )
    with pytest.raises(CorrectionError, match="edge.type"):
        Correction.from_json(
            {
                "id": "x",
                "author": "a",
                "time": "t",
                "kind": "reject-edge",
                "edge": {"head": UNION, "type": "adopts; DROP", "tail": SCHOOL},
            }
        )


def test_the_log_appends_reads_back_and_imports_only_what_it_lacks(tmp_path: Path) -> None:
    log = CurationLog(tmp_path / "curation.jsonl")
    first = log.record(Correction(id="", author="甲", time="", kind="not-an-entity", entity=PERSON))
    assert first.id.startswith("c-") and first.time.endswith("Z")
    assert log.read() == [first] and (tmp_path / "curation.jsonl").stat().st_mode & 0o777 == 0o600
    other = CurationLog(tmp_path / "other.jsonl")
    other.append([first, fix("confirm-edge", 9, edge=EdgeTarget(PERSON, "HOLDS_POSITION", OTHER))])
    assert log.import_from(other.path) == (1, 1)
    assert [c.id for c in log.read()] == [first.id, "c9"]
    (tmp_path / "bad.jsonl").write_text(json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:1"):
        CurationLog(tmp_path / "bad.jsonl").read()


def test_tokens_are_stored_hashed_checked_and_revoked(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    secret = store.create("amy")
    assert secret not in (tmp_path / "tokens.json").read_text() and store.check(secret) == ("amy", True)
    assert store.check("ukg_wrong") is None
    store.revoke("amy")
    assert store.check(secret) == ("amy", False)
    with pytest.raises(InputError, match="name"):
        store.create("a b")


def test_corrections_become_gold_records_with_rejections_as_must_not() -> None:
    result = apply_corrections(
        graph(),
        [
            fix("reject-edge", 1, edge=EdgeTarget(OTHER, "ADOPTS", SCHOOL)),
            fix("set-year", 2, edge=EdgeTarget(UNION, "ADOPTS", LIBRARY), year=2019),
            fix("add-edge", 3, edge=EdgeTarget(UNION, "ADOPTS", SCHOOL), doc_id="doc", quote="开设工匠学堂"),
            fix("rename-entity", 4, entity=UNION, name="青禾县白鹭镇总工会"),  # after the facts: they follow it
        ],
    )
    (record,) = gold_records(result)
    assert (record["doc"], record["article"]) == ("doc", "标题")
    assert record["must_not"] == [{"type": "ADOPTS", "head": "白鹭镇工会", "tail": "practice:craftsman-school"}]
    assert sorted(record["relations"], key=str) == sorted(
        [
            {"type": "ADOPTS", "head": "青禾县白鹭镇总工会", "tail": "practice:workers-library", "year": 2019},
            {"type": "ADOPTS", "head": "青禾县白鹭镇总工会", "tail": "practice:craftsman-school"},
        ],
        key=str,
    )
    assert record["entities"] == [
        {"type": "UnionOrganization", "name": "青禾县白鹭镇总工会", "aliases": ["青禾县白鹭镇工会"]}
    ]


def test_the_rdf_export_carries_corrections_as_prov_and_stays_valid() -> None:
    result = apply_corrections(
        graph(),
        [
            fix("set-year", 1, edge=EdgeTarget(UNION, "ADOPTS", LIBRARY), year=2019, reason="见第二段"),
            fix("rename-entity", 2, entity=OTHER, name="青禾县白鹭镇总工会"),
        ],
    )
    curated = result.graph
    rdf = add_provenance(graph_to_rdf(curated.entities, curated.relations, curated.articles, curated.documents), result)
    prov = Namespace("http://www.w3.org/ns/prov#")
    activities = set(rdf.subjects(RDF.type, prov.Activity))
    assert len(activities) == 2
    influenced = {str(s) for s, _, _ in rdf.triples((None, prov.wasInfluencedBy, None))}
    assert any("assertion/" in s for s in influenced) and any("青禾县白鹭镇总工会" in unquote(s) for s in influenced)
    assert {o.toPython().isoformat() for o in rdf.objects(None, prov.endedAtTime)} == {"2026-12-03T00:00:00+00:00"}
    assert not [v for v in validate(rdf) if v.severity == "Violation"]


def test_an_empty_name_is_refused_before_it_reaches_the_log(tmp_path: Path) -> None:
    """What the log cannot read back must never be written: every later read would fail."""
    log = CurationLog(tmp_path / "curation.jsonl")
    for blank in ("", "   "):
        with pytest.raises(CorrectionError, match="name"):
            log.append([fix("rename-entity", entity=PERSON, name=blank)])
    assert log.read() == []


def test_an_added_edge_must_fit_its_type_domain_and_range() -> None:
    result = apply_corrections(
        graph(), [fix("add-edge", edge=EdgeTarget(PERSON, "ADOPTS", SCHOOL), doc_id="doc", quote="开设工匠学堂")]
    )
    assert "ADOPTS cannot have a Person as its head" in result.conflicts[0].reason
