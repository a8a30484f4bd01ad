"""Response models of the graph resources, named queries, caller Cypher, health and views (see api.schemas)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import PlainSerializer

from api.schemas.base import Number, Row, examples
from queries.reader import jsonable

# Caller rows as JSON can carry them: NaN/±Infinity as "NaN"/"Infinity"/"-Infinity" (pydantic would
# write null, which reads as "no value"), temporal and spatial values as strings (queries.reader.jsonable).
JsonRows = Annotated[list[Any], PlainSerializer(jsonable, when_used="json")]

# --- graph resources -------------------------------------------------------------------


class Evidence(Row):
    quote: str | None
    docId: str | None
    page: int | None = None  # the page of a PDF source (absent for text documents)


class EntityRef(Row):
    key: str
    name: str | None


class PracticeUse(Row):
    id: str
    name: str | None
    year: int | None
    evidence: list[Evidence]
    evidenceCount: int  # all the evidence there is; `evidence` holds as many as `evidence=` asked for


class Organization(EntityRef):
    model_config = examples(
        {
            "key": "union-organization/湖州市南浔区善琏湖笔小镇工会联合会",
            "name": "湖州市南浔区善琏湖笔小镇工会联合会",
            "labels": ["UnionOrganization", "Organization", "Entity"],
            "form": "工会联合会",
            "level": "carrier",
            "aliases": ["湖笔小镇工会联合会"],
            "practices": [
                {
                    "id": "craftsman-school",
                    "name": "工匠学堂",
                    "year": 2018,
                    "evidence": [{"quote": "…", "docId": "2018-zjgy-407-408"}],
                    "evidenceCount": 2,
                }
            ],
        }
    )
    labels: list[str]
    form: str | None
    level: str | None
    aliases: list[str]
    practices: list[PracticeUse]


class Practice(Row):
    model_config = examples(
        {"id": "craftsman-school", "name": "工匠学堂", "en": "Craftsman school", "category": "skills", "adopters": 5}
    )
    id: str
    name: str | None
    en: str | None
    category: str | None
    adopters: int


class Adopter(EntityRef):
    model_config = examples(
        {
            "key": "union-organization/…",
            "name": "…工会",
            "labels": ["UnionOrganization"],
            "practice": "craftsman-school",
            "year": 2018,
            "county": "湖州市南浔区",
            "city": "湖州市",
            "evidence": [{"quote": "…", "docId": "…"}],
            "evidenceCount": 1,
        }
    )
    labels: list[str]
    practice: str
    year: int | None
    county: str | None
    city: str | None
    evidence: list[Evidence]
    evidenceCount: int


class LabelledRef(EntityRef):
    labels: list[str]


class Relationship(Row):
    type: str
    direction: str
    properties: dict[str, Any]
    neighbour: LabelledRef
    evidence: list[Evidence]


class EntityView(Row):
    """An entity (every stored property), its relationships with their neighbours, and its own evidence."""

    model_config = examples(
        {
            "entity": {
                "key": "union-organization/浙江省总工会",
                "name": "浙江省总工会",
                "labels": ["UnionOrganization"],
            },
            "relationships": [],
            "evidence": [],
        }
    )
    entity: LabelledRef
    relationships: list[Relationship]
    evidence: list[Evidence]
    # with include_rejected=true: {correction, edge {head, type, tail}, evidence[]} of each rejected edge
    rejected: list[dict[str, Any]] | None = None


class PathStep(Row):
    type: str
    source: str
    target: str


class GraphPath(Row):
    model_config = examples({"nodes": [], "relationships": [], "length": 2})
    nodes: list[LabelledRef]
    relationships: list[PathStep]
    length: int


class PlaceView(Row):
    model_config = examples({"place": {"name": "湖州市南浔区"}, "ancestors": [], "children": [], "organizations": []})
    place: LabelledRef
    ancestors: list[EntityRef]
    children: list[LabelledRef]
    organizations: list[LabelledRef]


class PartyBuildingLink(Row):
    model_config = examples(
        {
            "party": {"key": "…", "name": "…党委"},
            "organization": {"key": "…", "name": "…"},
            "mode": None,
            "evidence": [],
            "evidenceCount": 0,
        }
    )
    party: EntityRef
    organization: LabelledRef
    mode: str | None
    evidence: list[Evidence]
    evidenceCount: int


class Post(Row):
    organization: EntityRef | None
    title: str | None
    evidence: list[Evidence]
    evidenceCount: int


class Person(EntityRef):
    model_config = examples({"key": "person/…", "name": "…", "posts": []})
    posts: list[Post]


class SearchHit(LabelledRef):
    model_config = examples(
        {
            "key": "union-organization/…",
            "name": "…小镇工会联合会",
            "labels": ["UnionOrganization"],
            "aliases": [],
            "score": 3.2,
        }
    )
    aliases: list[str]
    score: Number


# --- named queries, caller Cypher, health --------------------------------------------------------


class QueryParameter(Row):
    """One parameter of a named query; `minimum`/`maximum` bound a number's value or a string's length."""

    name: str
    type: str
    default: Any
    required: bool
    minimum: Number | None
    maximum: Number | None
    description: str


class QueryInfo(Row):
    model_config = examples(
        {
            "name": "organizations",
            "description": "Organisations filtered by …",
            "parameters": [
                {
                    "name": "limit",
                    "type": "int",
                    "default": 50,
                    "required": False,
                    "minimum": 1,
                    "maximum": 1000,
                    "description": "page size",
                }
            ],
            "cypher": "MATCH (o:Organization) …",
        }
    )
    name: str
    description: str
    parameters: list[QueryParameter]
    cypher: str


class QueryResult(Row):
    model_config = examples(
        {"query": "organizations", "parameters": {"practice": "craftsman-school"}, "rows": [{"total": 2, "items": []}]}
    )
    query: str
    parameters: dict[str, Any]
    rows: list[dict[str, Any]]


class CypherResult(Row):
    model_config = examples({"columns": ["name"], "rows": [{"name": "浙江省总工会"}], "truncated": False})
    columns: list[str]
    rows: JsonRows
    truncated: bool


class Neo4jStatus(Row):
    reachable: bool
    uri: str


class Health(Row):
    model_config = examples(
        {
            "status": "ok",
            "neo4j": {"reachable": True, "uri": "bolt://127.0.0.1:7687", "version": "5.26.30"},
            "nodes": {"UnionOrganization": 120},
            "relationships": {"ADOPTS": 240},
            "total_nodes": 1500,
            "total_relationships": 4000,
        }
    )
    status: str
    neo4j: Neo4jStatus
    nodes: dict[str, int]
    relationships: dict[str, int]
    total_nodes: int
    total_relationships: int


class HealthUnavailable(Row):
    model_config = examples(
        {"status": "unavailable", "neo4j": {"reachable": False, "uri": "bolt://127.0.0.1:7687", "detail": "…"}}
    )
    status: str
    neo4j: Neo4jStatus


# --- views (`?format=json`: what the page draws; visualizations.model) -----------------------------


class ViewNode(Row):
    key: str
    name: str | None
    labels: list[str]
    year: int | None
    city: str | None
    role: str | None
    focus: bool


class ViewEdge(Row):
    source: str
    target: str
    type: str
    derived: bool
    rejected: bool = False  # a researcher rejected it (drawn only with include_rejected=true)


class ViewData(Row):
    """A view's data: the nodes and edges drawn, how many matched (`total`) and whether the limit cut it."""

    view: str
    title: str
    message: str
    total: int
    drawn: int
    maxNodes: int
    truncated: bool
    params: dict[str, Any]
    nodes: list[ViewNode]
    edges: list[ViewEdge]
