"""The ontology Turtle and its Python façade agree with the spec (ontology.md, practices/programs.yaml)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from ontology import INST, VOCAB, build_concepts, get_ontology
from ontology.model import Ontology, load_graph
from ontology.neo4j_schema import expected_schema, schema_differences, schema_statements

ONTOLOGY_DIR = Path(build_concepts.__file__).parent
SPEC_DIR = build_concepts.default_spec_dir()
needs_spec = pytest.mark.skipif(
    not (SPEC_DIR / "ontology.md").exists(), reason=f"spec not found in {SPEC_DIR}"
)


@pytest.fixture(scope="module")
def ont() -> Ontology:
    return get_ontology()


def _table_names(section: str) -> list[str]:
    """First-column `Name`s of the markdown table under '## <section>' in ontology.md."""
    text = (SPEC_DIR / "ontology.md").read_text(encoding="utf-8")
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([A-Za-z_]+)` \|", body, flags=re.MULTILINE)


# --- the Turtle --------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(ONTOLOGY_DIR.glob("*.ttl")), ids=lambda p: p.name)
def test_every_ttl_parses(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    assert len(graph) > 0


@needs_spec
def test_committed_concepts_ttl_is_up_to_date() -> None:
    committed = (ONTOLOGY_DIR / "concepts.ttl").read_text(encoding="utf-8")
    assert committed == build_concepts.render(SPEC_DIR), "run: python -m ontology.build_concepts"


def test_every_class_and_property_is_labelled_and_commented() -> None:
    graph = load_graph()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = [s for kind in kinds for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)]
    assert terms
    for term in terms:
        langs = {o.language for o in graph.objects(term, RDFS.label) if isinstance(o, Literal)}
        assert {"zh", "en"} <= langs, term
    for cls in graph.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef):
            assert graph.value(cls, RDFS.comment) is not None, cls


def test_located_in_is_transitive(ont: Ontology) -> None:
    assert ont.relations["LOCATED_IN"].transitive
    assert not ont.relations["ADOPTS"].transitive


# --- spec coverage -----------------------------------------------------------------------


@needs_spec
def test_every_spec_class_is_a_label(ont: Ontology) -> None:
    names = _table_names("Classes")
    assert len(names) == 19
    for name in names:
        assert ont.label(name) == name
        assert ont.classes[name].iri == VOCAB[name]
        assert ont.classes[name].label_zh and ont.classes[name].label_en
    assert ont.label("Evidence") == "Evidence"


@needs_spec
def test_every_spec_relationship_is_a_type(ont: Ontology) -> None:
    names = _table_names("Relationships")
    assert len(names) == 19
    for name in names:
        assert ont.rel(name) == name
        assert ont.relations[name].domain and ont.relations[name].range


def test_relationship_properties(ont: Ontology) -> None:
    assert ont.relations["ADOPTS"].properties == ("year",)
    assert ont.relations["HOLDS_POSITION"].properties == ("title",)
    assert ont.relations["PARTICIPATES_IN"].properties == ("level", "year")
    assert ont.relations["SPREAD_TO"].properties == ("practice", "year")
    assert ont.relations["PARTY_BUILDING"].properties == ("mode",)
    assert ont.allowed_properties("RECEIVED") == {"year"}


def test_domains_and_ranges(ont: Ontology) -> None:
    assert ont.relations["ADOPTS"].domain == ("Organization",)
    assert ont.relations["ADOPTS"].range == ("Practice",)
    assert set(ont.relations["PARTICIPATES_IN"].domain) == {"Organization", "Place"}
    assert set(ont.relations["LOCATED_IN"].domain) == {"Organization", "Place"}
    assert ont.relations["COVERS"].domain == ("UnionOrganization",)


@needs_spec
def test_every_yaml_concept_has_its_iri_and_labels(ont: Ontology) -> None:
    categories, practices, programs = build_concepts.load_spec(SPEC_DIR)
    graph = load_graph()
    for cat in categories:
        concept = ont.practice(cat["id"])
        assert concept.iri == INST[f"practice-category/{cat['id']}"]
        assert (concept.zh, concept.en, concept.category) == (cat["zh"], cat["en"], "")
        assert (concept.iri, SKOS.topConceptOf, INST["scheme/practices"]) in graph
    for prac in practices:
        concept = ont.practice(prac["id"])
        assert concept.iri == INST[f"practice/{prac['id']}"]
        assert (concept.zh, concept.en, concept.category) == (prac["zh"], prac["en"], prac["broader"])
        assert set(concept.alt_labels) == set(prac["cues"])
        assert concept.note == " ".join(str(prac.get("note", "")).split())
        assert (concept.iri, SKOS.prefLabel, Literal(prac["zh"], lang="zh")) in graph
        assert (concept.iri, SKOS.broader, INST[f"practice-category/{prac['broader']}"]) in graph
        assert (concept.iri, SKOS.inScheme, INST["scheme/practices"]) in graph
    for prog in programs:
        concept = ont.program(prog["id"])
        assert concept.iri == INST[f"program/{prog['id']}"]
        assert (concept.zh, concept.en, concept.scheme) == (prog["zh"], prog["en"], "program")
        assert (concept.iri, SKOS.inScheme, INST["scheme/programs"]) in graph
    assert {c.id for c in ont.practices} == {p["id"] for p in practices}
    assert {c.id for c in ont.programs} == {p["id"] for p in programs}
    assert len(ont.practice_categories) == len(categories)


@needs_spec
def test_yaml_flow_mapping_comma_is_repaired() -> None:
    raw = yaml.safe_load((SPEC_DIR / "practices.yaml").read_text(encoding="utf-8"))
    categories, _, _ = build_concepts.load_spec(SPEC_DIR)
    for raw_cat, cat in zip(raw["categories"], categories, strict=True):
        assert set(cat) <= build_concepts.KNOWN_KEYS
        if set(raw_cat) - build_concepts.KNOWN_KEYS:
            assert ", " in cat["en"]


def test_concept_lookup(ont: Ontology) -> None:
    assert ont.practice("practice:craftsman-school").category == "skills"
    assert "craftsman-school" in ont.narrower("skills")
    assert ont.narrower("craftsman-school") == []
    assert ont.program("program:characteristic-town-creation").zh == "省级特色小镇创建"
    with pytest.raises(KeyError):
        ont.practice("no-such-practice")
    with pytest.raises(KeyError):
        ont.program("craftsman-school")


# --- names -------------------------------------------------------------------------------


def test_label_and_rel_reject_unknown_names(ont: Ontology) -> None:
    with pytest.raises(KeyError, match="UnionOrganization"):
        ont.label("Union")
    with pytest.raises(KeyError, match="ADOPTS"):
        ont.rel("ADOPT")
    with pytest.raises(KeyError):
        ont.label("ADOPTS")
    with pytest.raises(KeyError):
        ont.rel("Organization")


def test_labels_for_lists_superclasses(ont: Ontology) -> None:
    assert ont.labels_for("UnionOrganization") == ["UnionOrganization", "Organization"]
    assert ont.labels_for("Carrier") == ["Carrier", "Place"]
    assert ont.labels_for("Person") == ["Person"]
    assert ont.is_a("Carrier", "Place") and not ont.is_a("Carrier", "Organization")


def test_keys(ont: Ontology) -> None:
    assert ont.classes["SourceDocument"].key == "id"
    assert ont.classes["Practice"].key == "id"
    assert ont.classes["Program"].key == "id"
    assert ont.classes["UnionOrganization"].key == "key"
    assert ont.classes["Organization"].abstract and ont.classes["Place"].abstract


def test_allowed_properties(ont: Ontology) -> None:
    union = ont.allowed_properties("UnionOrganization")
    assert {"key", "name", "aliases", "aliasText", "kind", "form", "level"} <= union
    assert "carrierType" not in union
    assert {"carrierType", "name"} <= ont.allowed_properties("Carrier")
    assert "adminLevel" in ont.allowed_properties("AdminArea")
    assert {"quote", "rawStart", "rawEnd", "date"} <= ont.allowed_properties("Evidence")
    assert {"id", "publication", "date", "contentHash"} <= ont.allowed_properties("SourceDocument")


# --- Neo4j schema ------------------------------------------------------------------------


def test_schema_statements_are_deterministic_and_cover_concrete_labels(ont: Ontology) -> None:
    statements = schema_statements(ont)
    assert statements == schema_statements(Ontology(load_graph()))
    assert len(statements) == len(set(statements))
    marker = ont.classes["Entity"]
    for cls in ont.classes.values():
        own = any(f"FOR (n:{cls.name}) REQUIRE n.{cls.key} IS UNIQUE" in s for s in statements)
        # every entity/concept node also carries Entity: its constraint covers their `key`
        covered = cls is not marker and not cls.record and cls.key == marker.key
        if cls.abstract or not cls.unique:
            assert not own, cls.name
        else:
            assert own != covered, cls.name  # unique one way, and no redundant constraint
    assert not ont.classes["Evidence"].unique and ont.classes["Evidence"].record
    for stmt in statements:
        assert "IF NOT EXISTS" in stmt
        assert re.match(r"^CREATE (CONSTRAINT|INDEX|FULLTEXT INDEX) \w+ IF NOT EXISTS FOR \(n:", stmt), stmt
    fulltext = [s for s in statements if s.startswith("CREATE FULLTEXT INDEX entityNames")]
    assert len(fulltext) == 1
    assert "n.aliasText" in fulltext[0] and "'cjk'" in fulltext[0]
    for label in ("Organization", "Person", "Place", "ServiceBrand"):
        assert re.search(rf"[:|]{label}[|)]", fulltext[0])
    assert (
        "CREATE INDEX union_organization_name IF NOT EXISTS FOR (n:UnionOrganization) ON (n.name)"
        in statements
    )


def test_expected_schema_matches_statements(ont: Ontology) -> None:
    schema = expected_schema(ont)
    statements = "\n".join(schema_statements(ont))
    for name in [*schema["constraints"], *schema["indexes"], *schema["fulltext"]]:
        assert f" {name} IF NOT EXISTS" in statements


def test_schema_differences() -> None:
    schema = expected_schema(get_ontology())
    constraints = [
        {"name": n, "labelsOrTypes": [label], "properties": [prop]}
        for n, (label, prop) in schema["constraints"].items()
    ]
    indexes = [
        {"name": n, "labelsOrTypes": [label], "properties": [prop], "type": "RANGE"}
        for n, (label, prop) in schema["indexes"].items()
    ]
    indexes += [
        {"name": n, "labelsOrTypes": list(labels), "properties": list(props), "type": "FULLTEXT"}
        for n, (labels, props) in schema["fulltext"].items()
    ]
    indexes += [{"name": "index_343aff4e", "type": "LOOKUP", "labelsOrTypes": None, "properties": None}]
    assert schema_differences(constraints, indexes) == []
    problems = schema_differences(constraints[1:], [*indexes, {"name": "stray", "type": "RANGE"}])
    assert any(p.startswith("missing constraint") for p in problems)
    assert "unexpected index stray" in problems


# --- instance identity -------------------------------------------------------------------


def test_instance_iris_are_deterministic(ont: Ontology) -> None:
    name = "浙江省总工会"
    assert ont.instance_iri("UnionOrganization", name) == ont.instance_iri("UnionOrganization", name)
    assert str(ont.instance_iri("UnionOrganization", name)).startswith(str(INST) + "union-organization/")
    assert ont.instance_key("UnionOrganization", name) == "union-organization/浙江省总工会"
    assert str(ont.instance_iri("UnionOrganization", name)).endswith(
        "union-organization/%E6%B5%99%E6%B1%9F%E7%9C%81%E6%80%BB%E5%B7%A5%E4%BC%9A"
    )
    assert ont.instance_iri("Person", name) != ont.instance_iri("UnionOrganization", name)


def test_nfkc_equal_names_share_an_iri(ont: Ontology) -> None:
    full_width = "ｅ港之家"  # full-width ｅ
    half_width = "e港之家"
    assert full_width != half_width
    assert unicodedata.normalize("NFKC", full_width) == half_width
    assert ont.instance_iri("ServiceBrand", full_width) == ont.instance_iri("ServiceBrand", half_width)
    assert ont.instance_iri("ServiceBrand", " e港之家 ") == ont.instance_iri("ServiceBrand", half_width)
    assert ont.instance_key("Article", "doc#001") == "article/doc#001"
    assert str(ont.instance_iri("Article", "doc#001")).endswith("article/doc%23001")
    with pytest.raises(ValueError):
        ont.instance_key("Person", "  ")
    with pytest.raises(KeyError):
        ont.instance_key("Nope", "x")


def test_instance_iris_of_concepts_match_concepts(ont: Ontology) -> None:
    concept = ont.practice("craftsman-school")
    assert ont.instance_iri("Practice", concept.id) == concept.iri
    assert ont.instance_iri("Program", "mass-org-reform-pilot") == ont.program("mass-org-reform-pilot").iri
