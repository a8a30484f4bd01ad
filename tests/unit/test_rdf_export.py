"""RDF export of pipeline records and SHACL validation: good data conforms, each defect is reported."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, SKOS, Graph, Literal
from typer.testing import CliRunner

from graph_loader.rdf_export import ExportError, Violation, graph_to_rdf, serialize, typed_date, validate
from graph_loader.records import Article, Author, ConceptRef, Entity, EntityRef, Evidence, Relation, SourceDocument
from ontology import VOCAB, get_ontology

DOC = SourceDocument(
    id="2018-zjgy-407-408",
    path="corpus/2018-zjgy-407-408.txt",
    raw_text="",
    sha256="0" * 64,
    encoding="utf-8",
    publication="浙江工运",
    date="2018-06",
)
ARTICLE = Article(
    doc_id=DOC.id,
    index=1,
    title="湖州市南浔区善琏湖笔小镇工会联合会 党工合力 书写文化新章",
    text="",
    start=0,
    end=200,
    raw_start=10,
    raw_end=230,
    date="2018-06",
    authors=(Author("马志良", "通讯员"),),
)
EV = Evidence(
    doc_id=DOC.id,
    article_id=ARTICLE.id,
    raw_start=40,
    raw_end=72,
    quote="湖笔小镇工会联合会开设工匠学堂",
    date="2018-06-12",
)
UNION = "湖州市南浔区善琏湖笔小镇工会联合会"
TOWN = "湖州市南浔区善琏湖笔小镇"
CLASSES = {UNION: "UnionOrganization", TOWN: "Carrier", "湖州市": "AdminArea", "笔工书画院": "ServiceBrand",
           "马志良": "Person", "x": "Person", "五星级工会": "Honor"}


def rel(rtype: str, head: str, tail: str, props: dict | None = None, evidence: list | None = None) -> Relation:
    """A relation between the test's entities (by name) or a concept (`practice:<id>`)."""

    def end(name: str) -> EntityRef | ConceptRef:
        scheme, sep, concept_id = name.partition(":")
        return ConceptRef(scheme, concept_id) if sep else EntityRef(CLASSES[name], name)

    return Relation(rtype, end(head), end(tail), props or {}, evidence or [])


def good_records() -> tuple[list[Entity], list[Relation]]:
    entities = [
        Entity(
            "UnionOrganization",
            UNION,
            ["湖笔小镇工会联合会", "小镇工会"],
            {"form": "工会联合会", "level": "carrier", "confidence": 0.8},
            [EV],
        ),
        Entity("Carrier", TOWN, ["湖笔小镇"], {"carrierType": "town", "county": "湖州市南浔区"}, [EV]),
        Entity("AdminArea", "湖州市", [], {"adminLevel": "city"}, [EV]),
        Entity("ServiceBrand", "笔工书画院", [], {}, [EV]),
        Entity("Person", "马志良", [], {}, [EV]),
        Entity("Event", "湖笔文化节", [], {"date": "2018-05"}, [EV]),
    ]
    relations = [
        rel("COVERS", UNION, TOWN, {}, [EV]),
        rel("ADOPTS", UNION, "practice:craftsman-school", {"year": 2017}, [EV]),
        rel("OPERATES", UNION, "笔工书画院", {}, [EV]),
        rel("INSTANCE_OF", "笔工书画院", "practice:craftsman-school", {}, [EV]),
        rel("PARTICIPATES_IN",
            TOWN,
            "program:characteristic-town-creation",
            {"level": "省级", "year": 2015},
            [EV],
        ),
        rel("HOLDS_POSITION", "马志良", UNION, {"title": "主席"}, [EV]),
        rel("LOCATED_IN", TOWN, "湖州市", {}, [EV]),
        rel("SPREAD_TO", UNION, "湖州市", {"practice": "craftsman-school", "year": 2019}, [EV]),
    ]
    return entities, relations


@pytest.fixture(scope="module")
def good_graph() -> Graph:
    entities, relations = good_records()
    return graph_to_rdf(entities, relations, [ARTICLE], [DOC])


def _violations_about(violations: list[Violation], path: str) -> list[Violation]:
    return [v for v in violations if v.path == path and v.severity == "Violation"]


# --- building ----------------------------------------------------------------------------


def test_good_graph_conforms(good_graph: Graph) -> None:
    assert validate(good_graph) == []


def test_entities_relations_and_assertions(good_graph: Graph) -> None:
    ont = get_ontology()
    union = ont.instance_iri("UnionOrganization", UNION)
    practice = ont.practice("craftsman-school").iri
    assert (union, RDF.type, VOCAB.UnionOrganization) in good_graph
    assert (union, VOCAB.name, Literal(UNION)) in good_graph
    assert (union, VOCAB.aliases, Literal("小镇工会")) in good_graph
    assert (union, VOCAB.form, Literal("工会联合会")) in good_graph
    assert not list(good_graph.objects(union, VOCAB.confidence))  # not an ontology property
    assert (union, VOCAB.adopts, practice) in good_graph
    [assertion] = good_graph.subjects(RDF.predicate, VOCAB.adopts)
    assert (assertion, RDF.type, VOCAB.Assertion) in good_graph
    assert (assertion, RDF.subject, union) in good_graph
    assert (assertion, RDF.object, practice) in good_graph
    assert (assertion, VOCAB.year, Literal("2017", datatype=rdflib.XSD.gYear)) in good_graph
    [spread] = good_graph.subjects(RDF.predicate, VOCAB.spreadTo)
    assert (spread, VOCAB.practice, practice) in good_graph
    assert (union, VOCAB.mentionedIn, ont.instance_iri("Article", ARTICLE.id)) in good_graph
    assert (
        ont.instance_iri("Person", "马志良"),
        VOCAB.authored,
        ont.instance_iri("Article", ARTICLE.id),
    ) in good_graph


def test_organisations_people_and_places_carry_their_names_in_pinyin(good_graph: Graph) -> None:
    ont = get_ontology()

    def pinyin_of(class_name: str, name: str) -> list[str]:
        labels = good_graph.objects(ont.instance_iri(class_name, name), SKOS.altLabel)
        return [str(label) for label in labels if label.language == "zh-Latn-pinyin"]

    assert pinyin_of("Person", "马志良") == ["mǎ zhì liáng"]
    assert pinyin_of("AdminArea", "湖州市") == ["hú zhōu shì"]
    assert pinyin_of("UnionOrganization", UNION)[0].endswith("gōng huì lián hé huì")
    assert pinyin_of("ServiceBrand", "笔工书画院") == []  # a brand's name is not transliterated


def test_evidence_nodes(good_graph: Graph) -> None:
    ont = get_ontology()
    evidence = ont.instance_iri("Evidence", f"{DOC.id}@{EV.raw_start}-{EV.raw_end}")
    assert (evidence, RDF.type, VOCAB.Evidence) in good_graph
    assert (evidence, VOCAB.document, ont.instance_iri("SourceDocument", DOC.id)) in good_graph
    assert (evidence, VOCAB.article, ont.instance_iri("Article", ARTICLE.id)) in good_graph
    assert (evidence, VOCAB.rawStart, Literal(40)) in good_graph
    assert (evidence, VOCAB.rawEnd, Literal(72)) in good_graph
    assert (evidence, VOCAB.quote, Literal(EV.quote)) in good_graph
    assert (evidence, VOCAB.date, Literal("2018-06-12", datatype=rdflib.XSD.date)) in good_graph
    # every fact the sentence supports points at the same evidence node
    assert len(set(good_graph.subjects(VOCAB.evidence, evidence))) == 6 + 8


def test_dates_typed_by_shape() -> None:
    assert typed_date("2018-06-12").datatype == rdflib.XSD.date
    assert typed_date("2018-06").datatype == rdflib.XSD.gYearMonth
    assert typed_date("2018").datatype == rdflib.XSD.gYear
    assert typed_date(2018).datatype == rdflib.XSD.gYear
    assert typed_date("2018-13-01").datatype is None
    assert typed_date("去年").datatype is None


def test_export_is_deterministic() -> None:
    first = serialize(graph_to_rdf(*good_records(), [ARTICLE], [DOC]), "nt")
    second = serialize(graph_to_rdf(*good_records(), [ARTICLE], [DOC]), "nt")
    assert first == second


def test_nfkc_equal_names_merge() -> None:
    entities = [
        Entity("ServiceBrand", "ｅ港之家", [], {}, [EV]),
        Entity("ServiceBrand", "e港之家", [], {}, [EV]),
    ]
    graph = graph_to_rdf(entities, [], [ARTICLE], [DOC], include_concepts=False)
    assert len(set(graph.subjects(RDF.type, VOCAB.ServiceBrand))) == 1


def test_unknown_types_are_refused() -> None:
    with pytest.raises(ExportError, match="Union"):
        graph_to_rdf([Entity("Union", "x")], [], [], [])
    with pytest.raises(ExportError, match="ADOPT"):
        graph_to_rdf([Entity("Person", "x")], [rel("ADOPT", "x", "practice:craftsman-school")], [], [])


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "nt"])
def test_serialize_round_trips(good_graph: Graph, fmt: str) -> None:
    text = serialize(good_graph, fmt)
    parsed = Graph().parse(data=text, format={"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}[fmt])
    assert len(parsed) == len(good_graph)
    if fmt == "jsonld":
        assert "ukg" in json.loads(text)["@context"]
    with pytest.raises(ValueError):
        serialize(good_graph, "xml")


# --- validation of broken graphs ---------------------------------------------------------


def test_organization_without_name() -> None:
    entities, relations = good_records()
    graph = graph_to_rdf(entities, relations, [ARTICLE], [DOC])
    union = get_ontology().instance_iri("UnionOrganization", UNION)
    graph.remove((union, VOCAB.name, None))
    [violation] = _violations_about(validate(graph), "ukg:name")
    assert violation.focus == f"ukgi:union-organization/{UNION}"
    assert "name" in violation.message


def test_adopts_target_must_be_a_practice() -> None:
    entities, relations = good_records()
    relations += [
        rel("ADOPTS", UNION, TOWN, {}, [EV]),  # a place, not a practice
        rel("ADOPTS", UNION, "practice:skills", {}, [EV]),  # a category, not a practice
        rel("ADOPTS", UNION, "practice:no-such-practice", {}, [EV]),
    ]
    violations = _violations_about(
        validate(graph_to_rdf(entities, relations, [ARTICLE], [DOC])), "ukg:adopts"
    )
    assert {v.value for v in violations} == {
        f"ukgi:carrier/{TOWN}",
        "ukgi:practice-category/skills",
        "ukgi:practice/no-such-practice",
    }
    assert all("ADOPTS" in v.message for v in violations)


def test_participates_in_target_must_be_a_program() -> None:
    entities, relations = good_records()
    relations.append(rel("PARTICIPATES_IN", TOWN, "practice:craftsman-school", {}, [EV]))
    violations = validate(graph_to_rdf(entities, relations, [ARTICLE], [DOC]))
    assert len(_violations_about(violations, "ukg:participatesIn")) == 1


def test_evidence_without_offsets() -> None:
    graph = graph_to_rdf(*good_records(), [ARTICLE], [DOC])
    evidence = get_ontology().instance_iri("Evidence", f"{DOC.id}@{EV.raw_start}-{EV.raw_end}")
    graph.remove((evidence, VOCAB.rawStart, None))
    graph.remove((evidence, VOCAB.rawEnd, None))
    violations = validate(graph)
    assert len(_violations_about(violations, "ukg:rawStart")) == 1
    assert len(_violations_about(violations, "ukg:rawEnd")) == 1


def test_evidence_without_document_and_with_bad_offsets() -> None:
    graph = graph_to_rdf(*good_records(), [ARTICLE], [DOC])
    evidence = get_ontology().instance_iri("Evidence", f"{DOC.id}@{EV.raw_start}-{EV.raw_end}")
    graph.remove((evidence, VOCAB.document, None))
    graph.set((evidence, VOCAB.rawStart, Literal("forty")))
    violations = validate(graph)
    assert _violations_about(violations, "ukg:document")
    assert _violations_about(violations, "ukg:rawStart")


@pytest.mark.parametrize(
    ("entity", "path"),
    [
        (Entity("UnionOrganization", "某某工会", [], {"form": "工会委员会"}), "ukg:form"),
        (Entity("UnionOrganization", "某某工会", [], {"level": "national"}), "ukg:level"),
        (Entity("Carrier", "某某园", [], {"carrierType": "industrial-park"}), "ukg:carrierType"),
        (Entity("AdminArea", "某某镇", [], {"adminLevel": "town"}), "ukg:adminLevel"),
        (Entity("Event", "某某大会", [], {"date": "2018年"}), "ukg:date"),
    ],
)
def test_bad_values(entity: Entity, path: str) -> None:
    entities, relations = good_records()
    violations = validate(graph_to_rdf([*entities, entity], relations, [ARTICLE], [DOC]))
    [violation] = _violations_about(violations, path)
    assert violation.focus.endswith(entity.name)


def test_bad_year_on_relation() -> None:
    entities, relations = good_records()
    relations.append(rel("RECEIVED", UNION, "五星级工会", {"year": "去年"}, [EV]))
    entities.append(Entity("Honor", "五星级工会", [], {}, [EV]))
    violations = validate(graph_to_rdf(entities, relations, [ARTICLE], [DOC]))
    assert len(_violations_about(violations, "ukg:year")) == 1


def test_ends_are_mapped_by_their_typed_class_not_by_name() -> None:
    """An end says its class: the export and the writer rows map it, without looking names up."""
    from graph_loader.neo4j.rows import GraphRows
    from graph_loader.records import ArticleRef

    entities, relations = good_records()
    entities.append(Entity("AdminArea", UNION, [], {}, [EV]))  # a same-named node of another class
    authored = Relation("AUTHORED", EntityRef("Person", "马志良"), ArticleRef(ARTICLE.id, ARTICLE.title), {}, [EV])
    dated = replace(EV, dated="2017", date_basis="stated", date_phrase="2017年")
    adopts = replace(relations[1], evidence=[dated])
    graph = graph_to_rdf(entities, [*relations, authored, adopts], [ARTICLE], [DOC])
    ont = get_ontology()
    union = ont.instance_iri("UnionOrganization", UNION)
    assert (union, VOCAB.adopts, ont.practice("craftsman-school").iri) in graph
    assert not list(graph.objects(ont.instance_iri("AdminArea", UNION), VOCAB.adopts))
    [batch] = GraphRows(ont).document_batches([DOC], [ARTICLE], entities, [*relations, authored, adopts])
    heads = {(row["type"], row["head"], row["tail"]) for row in batch.relations + batch.article_relations}
    assert ("ADOPTS", ont.instance_key("UnionOrganization", UNION), ont.instance_key("Practice", "craftsman-school")) \
        in heads
    assert ("AUTHORED", ont.instance_key("Person", "马志良"), ARTICLE.id) in heads
    assert {(row.get("datedValue"), row.get("dateBasis"), row.get("datePhrase")) for row in batch.evidence} >= {
        ("2017", "stated", "2017年"), (None, None, None)}


# --- command line ------------------------------------------------------------------------


def test_cli_validate_file(tmp_path: Path, good_graph: Graph) -> None:
    from ukg.cli import app

    good = tmp_path / "good.ttl"
    good.write_text(serialize(good_graph, "ttl"), encoding="utf-8")
    bad_graph = Graph()
    bad_graph += good_graph
    bad_graph.remove((get_ontology().instance_iri("UnionOrganization", UNION), VOCAB.name, None))
    bad = tmp_path / "bad.nt"
    bad.write_text(serialize(bad_graph, "nt"), encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", str(good)])
    assert ok.exit_code == 0, ok.output
    failed = runner.invoke(app, ["validate", str(bad)])
    assert failed.exit_code != 0
    assert "ukg:name" in failed.output
