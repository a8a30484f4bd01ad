"""REST endpoints over the named queries: organisations, practices, entities, places, people, search."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from neo4j.exceptions import ClientError

from api.errors import BadParameter, NotFound
from api.named import run_named, run_one, run_page
from ontology.model import get_ontology

router = APIRouter(tags=["graph"])

Limit = Query(50, ge=1, le=1000, description="page size")
Offset = Query(0, ge=0, description="page start")
CarrierType = Literal["town", "park", "business-district", "market"]

_ORG_EXAMPLE = {
    "total": 2,
    "limit": 50,
    "offset": 0,
    "items": [
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
                }
            ],
        }
    ],
}


def _example(example: Any) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {"application/json": {"example": example}}}}


@router.get(
    "/organizations",
    summary="Organisations by filter — e.g. all 小镇 unions with 工匠学堂",
    description="`GET /organizations?label=UnionOrganization&carrier_type=town&practice=craftsman-school`",
    responses=_example(_ORG_EXAMPLE),
)
def organizations(
    request: Request,
    label: str = Query("Organization", examples=["UnionOrganization"]),
    name: str | None = Query(None, examples=["小镇"]),
    form: str | None = Query(None, examples=["联合工会"]),
    level: str | None = Query(None, examples=["carrier"]),
    carrier_type: CarrierType | None = Query(None, examples=["town"]),
    place: str | None = Query(None, examples=["湖州市"]),
    practice: str | None = Query(None, examples=["craftsman-school"]),
    expand: bool = Query(False, description="include narrower practices of a category"),
    program: str | None = Query(None, examples=["mass-org-reform-pilot"]),
    year_from: int | None = Query(None, examples=[2015]),
    year_to: int | None = Query(None, examples=[2024]),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    _check_concept(practice, "practice")
    _check_concept(program, "program")
    return run_page(
        request,
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
    )


@router.get(
    "/practices",
    summary="Practice concepts with adopter counts",
    responses=_example(
        [{"id": "craftsman-school", "name": "工匠学堂", "en": "Craftsman school", "category": "skills", "adopters": 5}]
    ),
)
def practices(request: Request, category: str | None = Query(None, examples=["venues"])) -> list[dict[str, Any]]:
    if category is not None:
        _check_concept(category, "practice")
    return run_named(request, "practices", category=category)


@router.get(
    "/practices/{practice_id}/adopters",
    summary="Adopters of a practice, earliest first, with evidence",
    responses={
        **_example({"total": 1, "limit": 100, "offset": 0, "items": [{"name": "…", "year": 2018}]}),
        404: {"description": "unknown practice id"},
    },
)
def practice_adopters(
    request: Request,
    practice_id: str,
    expand: bool = Query(False),
    year_from: int | None = Query(None, examples=[2018]),
    year_to: int | None = Query(None, examples=[2024]),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Offset,
) -> dict[str, Any]:
    _check_concept(practice_id, "practice", NotFound)
    return run_page(
        request,
        "practice_adopters",
        limit,
        offset,
        practice=practice_id,
        expand=expand,
        year_from=year_from,
        year_to=year_to,
    )


@router.get(
    "/entities/{key:path}",
    summary="An entity with its neighbours and evidence (key as in other responses)",
    responses={
        **_example(
            {
                "entity": {"key": "union-organization/浙江省总工会", "name": "浙江省总工会"},
                "relationships": [],
                "evidence": [],
            }
        ),
        404: {"description": "no entity with that key"},
    },
)
def entity(
    request: Request,
    key: str,
    types: str | None = Query(None, description="comma-separated relationship types", examples=["ADOPTS,COVERS"]),
    limit: int = Query(200, ge=1, le=2000),
) -> dict[str, Any]:
    return run_one(request, "entity", f"no entity with key '{key}'", key=key, types=types, limit=limit)


@router.get(
    "/paths",
    summary="A shortest path between two entities",
    responses={
        **_example({"nodes": [], "relationships": [], "length": 2}),
        404: {"description": "an entity is unknown or no path joins them"},
    },
)
def path(
    request: Request,
    source: str = Query(..., examples=["union-organization/浙江省总工会"]),
    target: str = Query(..., examples=["carrier/湖州市南浔区善琏湖笔小镇"]),
) -> dict[str, Any]:
    not_found = f"no path between '{source}' and '{target}' (or an entity is unknown)"
    return run_one(request, "path", not_found, source=source, target=target)


@router.get(
    "/places/{place:path}",
    summary="A place with its hierarchy and organisations (key or canonical name)",
    responses={
        **_example({"place": {"name": "湖州市南浔区"}, "ancestors": [], "children": [], "organizations": []}),
        404: {"description": "unknown place"},
    },
)
def place(request: Request, place: str, limit: int = Query(500, ge=1, le=5000)) -> dict[str, Any]:
    return run_one(request, "place_hierarchy", f"no place '{place}'", place=place, limit=limit)


@router.get(
    "/party-building",
    summary="Party-building links, optionally within a place",
    responses=_example({"total": 1, "limit": 100, "offset": 0, "items": [{"party": {"name": "…党委"}}]}),
)
def party_building(
    request: Request,
    place: str | None = Query(None, examples=["宁波市"]),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Offset,
) -> dict[str, Any]:
    return run_page(request, "party_building", limit, offset, place=place)


@router.get(
    "/people",
    summary="People and their posts",
    responses=_example({"total": 1, "limit": 100, "offset": 0, "items": [{"name": "…", "posts": []}]}),
)
def people(
    request: Request,
    name: str | None = Query(None),
    organization: str | None = Query(None),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Offset,
) -> dict[str, Any]:
    return run_page(request, "people", limit, offset, name=name, organization=organization)


@router.get(
    "/search",
    summary="Full-text search over names and aliases",
    responses=_example([{"key": "union-organization/…", "name": "…小镇工会联合会", "score": 3.2}]),
)
def search(
    request: Request, q: str = Query(..., min_length=1, examples=["小镇"]), limit: int = Query(20, ge=1, le=200)
) -> list[dict[str, Any]]:
    try:
        return run_named(request, "search", q=q, limit=limit)
    except ClientError as error:  # Lucene syntax errors in q
        raise BadParameter(f"cannot parse search text {q!r}: {error.message}") from error


def _check_concept(concept_id: str | None, scheme: str, error_class: type[Exception] = BadParameter) -> None:
    """An unknown practice/programme id is an error, not an empty answer that looks right."""
    if concept_id is None:
        return
    ont = get_ontology()
    try:
        ont.practice(concept_id) if scheme == "practice" else ont.program(concept_id)
    except KeyError as error:
        raise error_class(f"unknown {scheme} id '{concept_id}'") from error
