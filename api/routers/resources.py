"""REST endpoints over the named queries: organisations, practices, entities, places, people, search."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query
from neo4j.exceptions import ClientError

from api.deps import Reader
from api.errors import BadParameter, NotFound
from api.lang import Lang, LangQuery
from api.schemas import (
    Adopter,
    EntityView,
    GraphPath,
    Organization,
    Page,
    PartyBuildingLink,
    Person,
    PlaceView,
    Practice,
    SearchHit,
    error_responses,
)
from graph_loader.curation.stage import read_rejected
from ontology.model import get_ontology
from queries import QueryReader
from visualizations.lang import localise

router = APIRouter(tags=["graph"])

# Bounds are checked before any query runs (and are those of the .cypher headers): Neo4j takes SKIP
# and LIMIT as 32-bit integers and the driver 64-bit ones, so an unbounded value was a 500.
MAX_OFFSET = 100_000
Limit = Query(50, ge=1, le=1000, description="page size")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="page start")
YearFrom = Query(None, ge=1000, le=2100, description="adoptions in or after this year", examples=[2015])
YearTo = Query(None, ge=1000, le=2100, description="adoptions in or before this year", examples=[2024])
CarrierType = Literal["town", "park", "business-district", "market"]
# Evidence items per fact on list endpoints: the first (in document order) by default, so a page of
# 20 organisations is a few KB instead of hundreds; `evidenceCount` always says how many there are.
EVIDENCE_LIMITS = {"first": 1, "all": 1000, "none": 0}
EvidenceMode = Literal["first", "all", "none"]
EvidenceQuery = Query(
    "first", description="evidence per fact: `first` (default), `all` (up to 1000) or `none`; see evidenceCount"
)


def _one(reader: QueryReader, name: str, not_found: str, /, **given: Any) -> dict[str, Any]:
    """A query that answers one row about one thing; 404 with `not_found` when it answers none."""
    row = reader.one(name, **given)
    if row is None:
        raise NotFound(not_found)
    return row


@router.get(
    "/organizations",
    summary="Organisations by filter — e.g. all 小镇 unions with 工匠学堂",
    description="`GET /organizations?label=UnionOrganization&carrier_type=town&practice=craftsman-school`",
    response_model=Page[Organization],
    responses=error_responses(422, 503),
)
def organizations(
    reader: Reader,
    label: str = Query("Organization", examples=["UnionOrganization"]),
    name: str | None = Query(None, examples=["小镇"]),
    form: str | None = Query(None, examples=["联合工会"]),
    level: str | None = Query(None, examples=["carrier"]),
    carrier_type: CarrierType | None = Query(None, examples=["town"]),
    place: str | None = Query(None, examples=["湖州市"]),
    practice: str | None = Query(None, examples=["craftsman-school"]),
    expand: bool = Query(False, description="include narrower practices of a category"),
    program: str | None = Query(None, examples=["mass-org-reform-pilot"]),
    year_from: int | None = YearFrom,
    year_to: int | None = YearTo,
    evidence: EvidenceMode = EvidenceQuery,
    limit: int = Limit,
    offset: int = Offset,
    lang: Lang = LangQuery,
) -> dict[str, Any]:
    _check_concept(practice, "practice")
    _check_concept(program, "program")
    page = reader.page(
        "organizations",
        limit,
        offset,
        label=label,
        name=name,
        form=form,
        level=level,
        carrier_type=carrier_type,
        place=place,
        practice=practice,
        expand=expand,
        program=program,
        year_from=year_from,
        year_to=year_to,
        evidence_limit=EVIDENCE_LIMITS[evidence],
    )
    return localise(page, lang)


@router.get(
    "/practices",
    summary="Practice concepts with adopter counts",
    response_model=list[Practice],
    responses=error_responses(422, 503),
)
def practices(
    reader: Reader, category: str | None = Query(None, examples=["venues"]), lang: Lang = LangQuery
) -> list[dict[str, Any]]:
    if category is not None:
        _check_concept(category, "practice")
    return localise(reader.rows("practices", category=category), lang)


@router.get(
    "/practices/{practice_id}/adopters",
    summary="Adopters of a practice, earliest first, with evidence",
    response_model=Page[Adopter],
    responses=error_responses(404, 422, 503),
)
def practice_adopters(
    reader: Reader,
    practice_id: str,
    expand: bool = Query(False),
    year_from: int | None = YearFrom,
    year_to: int | None = YearTo,
    evidence: EvidenceMode = EvidenceQuery,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Offset,
    lang: Lang = LangQuery,
) -> dict[str, Any]:
    _check_concept(practice_id, "practice", NotFound)
    page = reader.page(
        "practice_adopters",
        limit,
        offset,
        practice=practice_id,
        expand=expand,
        year_from=year_from,
        year_to=year_to,
        evidence_limit=EVIDENCE_LIMITS[evidence],
    )
    return localise(page, lang, name_fields=("county", "city"))


@router.get(
    "/entities/{key:path}",
    summary="An entity with its neighbours and evidence (key as in other responses)",
    response_model=EntityView,
    responses=error_responses(404, 422, 503),
)
def entity(
    reader: Reader,
    key: str,
    types: str | None = Query(None, description="comma-separated relationship types", examples=["ADOPTS,COVERS"]),
    limit: int = Query(200, ge=1, le=2000),
    include_rejected: bool = Query(
        False, description="also list the edges researchers rejected (left out of the graph), with who and why"
    ),
    lang: Lang = LangQuery,
) -> dict[str, Any]:
    row = localise(_one(reader, "entity", f"no entity with key '{key}'", key=key, types=types, limit=limit), lang)
    return {**row, "rejected": read_rejected(key)} if include_rejected else row


@router.get(
    "/paths",
    summary="A shortest path between two entities",
    response_model=GraphPath,
    responses=error_responses(404, 422, 503),
)
def path(
    reader: Reader,
    source: str = Query(..., examples=["union-organization/浙江省总工会"]),
    target: str = Query(..., examples=["carrier/湖州市南浔区善琏湖笔小镇"]),
    lang: Lang = LangQuery,
) -> dict[str, Any]:
    not_found = f"no path between '{source}' and '{target}' (or an entity is unknown)"
    return localise(_one(reader, "path", not_found, source=source, target=target), lang)


@router.get(
    "/places/{place:path}",
    summary="A place with its hierarchy and organisations (key or canonical name)",
    response_model=PlaceView,
    responses=error_responses(404, 422, 503),
)
def place(
    reader: Reader, place: str, limit: int = Query(500, ge=1, le=5000), lang: Lang = LangQuery
) -> dict[str, Any]:
    return localise(_one(reader, "place_hierarchy", f"no place '{place}'", place=place, limit=limit), lang)


@router.get(
    "/party-building",
    summary="Party-building links, optionally within a place",
    response_model=Page[PartyBuildingLink],
    responses=error_responses(422, 503),
)
def party_building(
    reader: Reader,
    place: str | None = Query(None, examples=["宁波市"]),
    evidence: EvidenceMode = EvidenceQuery,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Offset,
    lang: Lang = LangQuery,
) -> dict[str, Any]:
    page = reader.page("party_building", limit, offset, place=place, evidence_limit=EVIDENCE_LIMITS[evidence])
    return localise(page, lang)


@router.get(
    "/people",
    summary="People and their posts",
    response_model=Page[Person],
    responses=error_responses(422, 503),
)
def people(
    reader: Reader,
    name: str | None = Query(None),
    organization: str | None = Query(None),
    evidence: EvidenceMode = EvidenceQuery,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Offset,
    lang: Lang = LangQuery,
) -> dict[str, Any]:
    limit_evidence = EVIDENCE_LIMITS[evidence]
    page = reader.page("people", limit, offset, name=name, organization=organization, evidence_limit=limit_evidence)
    return localise(page, lang)


@router.get(
    "/search",
    summary="Full-text search over names and aliases",
    response_model=list[SearchHit],
    responses=error_responses(422, 503),
)
def search(
    reader: Reader,
    q: str = Query(..., min_length=1, max_length=500, examples=["小镇"]),
    limit: int = Query(20, ge=1, le=200),
    lang: Lang = LangQuery,
) -> list[dict[str, Any]]:
    try:
        return localise(reader.rows("search", q=q, limit=limit), lang)
    except ClientError as error:  # Lucene syntax errors in q
        raise BadParameter(f"cannot parse search text {q!r}: {' '.join((error.message or '').split())}") from error


def _check_concept(concept_id: str | None, scheme: str, error_class: type[Exception] = BadParameter) -> None:
    """An unknown practice/programme id is an error, not an empty answer that looks right."""
    if concept_id is None:
        return
    ont = get_ontology()
    try:
        ont.practice(concept_id) if scheme == "practice" else ont.program(concept_id)
    except KeyError as error:
        raise error_class(f"unknown {scheme} id '{concept_id}'") from error
