"""Practice diffusion: adoption timelines, the precedence network, regions, CSV, and their views.

Adoption events come from Neo4j through the named queries `adoption_events` and
`spread_claims` (no re-extraction); the statistics are analytics/* (docs/diffusion.md).
"""

from __future__ import annotations

import io
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from analytics.adoptions import AdoptionEvent, SpreadClaim, claims_from_rows, events_from_rows
from analytics.export import write_events_csv
from analytics.innovativeness import RegionScore, innovativeness
from analytics.precedence import PrecedenceNetwork, precedence_network
from analytics.regions import region_profile
from analytics.timeline import practice_timeline
from api.errors import NotFound
from api.named import run_named
from ontology.model import get_ontology
from visualizations.diffusion import network_html, timeline_html

router = APIRouter(tags=["diffusion"])

Level = Literal["city", "county"]
LevelQuery = Query("city", description="regions compared: city (地级市) or county (区/县/县级市)")
Alpha = Query(0.05, gt=0, le=1, description="largest Benjamini-Hochberg q-value of a shown edge")
MinWeight = Query(2, ge=1, le=50, description="fewest practices an edge must rest on")


def _example(example: Any) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {"application/json": {"example": example}}}}


def _practice_id(practice_id: str) -> str:
    try:
        return get_ontology().practice(practice_id).id
    except KeyError as error:
        raise NotFound(f"unknown practice id '{practice_id}'") from error


def load_events(request: Request, practice: str | None = None) -> list[AdoptionEvent]:
    return events_from_rows(run_named(request, "adoption_events", practice=practice))


def load_claims(request: Request, practice: str | None = None) -> list[SpreadClaim]:
    return claims_from_rows(run_named(request, "spread_claims", practice=practice))


def _network(
    request: Request, level: str, alpha: float, min_weight: int
) -> tuple[PrecedenceNetwork, list[RegionScore]]:
    found = load_events(request)
    return precedence_network(found, level, alpha=alpha, min_weight=min_weight), innovativeness(found, level)


@router.get(
    "/diffusion/practices/{practice_id}",
    summary="A practice's diffusion: first adopters, adoptions per year and city, cumulative curve, "
    "explicit spread claims, every adoption with its date basis and evidence",
    responses={
        **_example(
            {
                "practice": {"id": "craftsman-school", "zh": "工匠学堂", "en": "Craftsman school / worker classroom"},
                "adoptions": 13,
                "first_year": 2017,
                "first_adopters": [{"organization": "…", "county": "…", "city": "杭州市", "year": 2017}],
                "per_year": [{"year": 2018, "adoptions": 10}],
                "per_city": [{"city": "杭州市", "adoptions": 6}],
                "cumulative": [{"year": 2017, "adopters": 1}],
                "undated": 0,
                "events": [
                    {
                        "organization": "湖州市南浔区善琏湖笔小镇工会联合会",
                        "year": 2018,
                        "date_basis": "article",
                        "evidence": [{"quote": "…", "doc_id": "2018-zjgy-407-408"}],
                    }
                ],
                "spread_claims": [],
            }
        ),
        404: {"description": "unknown practice id"},
    },
)
def practice(request: Request, practice_id: str) -> dict[str, Any]:
    pid = _practice_id(practice_id)
    timeline = practice_timeline(load_events(request, pid), pid, load_claims(request, pid))
    return timeline.to_dict()


@router.get(
    "/diffusion/network",
    summary="Region → region precedence network (edges stronger than shuffled adoption years) "
    "and innovativeness scores",
    responses=_example(
        {
            "level": "city",
            "alpha": 0.05,
            "min_weight": 2,
            "tested_pairs": 104,
            "shown_edges": 1,
            "chance_edges": 0.15,
            "edges": [
                {
                    "source": "温州市",
                    "target": "宁波市",
                    "weight": 14,
                    "shared": 40,
                    "p_value": 0.0003,
                    "q_value": 0.027,
                    "direct": True,
                }
            ],
            "innovativeness": [{"region": "温州市", "score": 0.586, "practices": 47}],
        }
    ),
)
def network(
    request: Request,
    level: Level = LevelQuery,
    alpha: float = Alpha,
    min_weight: int = MinWeight,
    all_edges: bool = Query(False, description="every pair with weight ≥ 1, not only shown edges"),
) -> dict[str, Any]:
    net, scores = _network(request, level, alpha, min_weight)
    return {**net.to_dict(all_edges=all_edges), "innovativeness": [s.to_dict() for s in scores]}


@router.get(
    "/diffusion/regions/{region:path}",
    summary="A city or county: its adoptions, the practices it adopted first, its innovativeness, "
    "the regions it follows and those following it",
    responses={
        **_example(
            {
                "region": "湖州市",
                "level": "city",
                "adoptions": 28,
                "first_adopter_of": [],
                "innovativeness": {"score": 0.486},
                "follows": [],
                "followed_by": [],
                "events": [],
            }
        ),
        404: {"description": "not a Zhejiang city or county"},
    },
)
def region(request: Request, region: str, alpha: float = Alpha, min_weight: int = MinWeight) -> dict[str, Any]:
    try:
        return region_profile(load_events(request), region, alpha=alpha, min_weight=min_weight)
    except ValueError as error:
        raise NotFound(str(error)) from error


@router.get(
    "/diffusion/events",
    summary="Every adoption event (JSON, or with format=csv one CSV row per event; columns in docs/diffusion.md)",
    responses={200: {"content": {"application/json": {}, "text/csv": {}}}},
)
def events(
    request: Request,
    practice: str | None = Query(None, examples=["craftsman-school"]),
    format: Literal["json", "csv"] = Query("json"),
) -> Any:
    pid = _practice_id(practice) if practice else None
    found = load_events(request, pid)
    if format == "json":
        return [e.to_dict() for e in found]
    buffer = io.StringIO(newline="")
    write_events_csv(found, buffer)
    name = f"adoptions-{pid or 'all'}.csv"
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/views/diffusion/practices/{practice_id}",
    response_class=HTMLResponse,
    tags=["views"],
    summary="Timeline of a practice's adoptions (offline HTML with inline SVG)",
    responses={404: {"description": "unknown practice id"}},
)
def practice_view(request: Request, practice_id: str) -> HTMLResponse:
    pid = _practice_id(practice_id)
    timeline = practice_timeline(load_events(request, pid), pid, load_claims(request, pid))
    return HTMLResponse(timeline_html(timeline))


@router.get(
    "/views/diffusion/network",
    response_class=HTMLResponse,
    tags=["views"],
    summary="The precedence network among cities or counties, with edge statistics and innovativeness",
)
def network_view(
    request: Request, level: Level = LevelQuery, alpha: float = Alpha, min_weight: int = MinWeight
) -> HTMLResponse:
    net, scores = _network(request, level, alpha, min_weight)
    return HTMLResponse(network_html(net, scores))
