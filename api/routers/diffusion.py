"""Practice diffusion: adoption timelines, the precedence network, regions, CSV, and their views.

Adoption events come from Neo4j through the named queries `adoption_events` and
`spread_claims` (no re-extraction); the statistics are analytics/* (docs/diffusion.md).
"""

from __future__ import annotations

import io
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from analytics.adoptions import AdoptionEvent, SpreadClaim, claims_from_rows, events_from_rows
from analytics.export import write_events_csv
from analytics.innovativeness import RegionScore, innovativeness
from analytics.precedence import PrecedenceNetwork, precedence_network
from analytics.regions import region_profile
from analytics.timeline import practice_timeline
from api.deps import Reader
from api.errors import NotFound
from api.lang import Lang, LangQuery
from api.schemas import AdoptionEvent as AdoptionEventModel
from api.schemas import Network, RegionProfile, Timeline, error_responses, page_error_responses
from ontology.model import get_ontology
from queries import QueryReader
from visualizations.diffusion import network_html, timeline_html
from visualizations.lang import localise
from visualizations.model import Links

router = APIRouter(tags=["diffusion"])

Level = Literal["city", "county"]
LevelQuery = Query("city", description="regions compared: city (地级市) or county (区/县/县级市)")
Alpha = Query(0.05, gt=0, le=1, description="largest Benjamini-Hochberg q-value of a shown edge")
MinWeight = Query(2, ge=1, le=50, description="fewest practices an edge must rest on")
# With lang=en, these fields (region and organisation names) gain `<field>Pinyin` (visualizations.lang).
NAME_FIELDS = ("organization", "county", "city", "region", "source", "target")


def _practice_id(practice_id: str) -> str:
    try:
        return get_ontology().practice(practice_id).id
    except KeyError as error:
        raise NotFound(f"unknown practice id '{practice_id}'") from error


def load_events(reader: QueryReader, practice: str | None = None) -> list[AdoptionEvent]:
    return events_from_rows(reader.rows("adoption_events", practice=practice))


def load_claims(reader: QueryReader, practice: str | None = None) -> list[SpreadClaim]:
    return claims_from_rows(reader.rows("spread_claims", practice=practice))


def _network(
    reader: QueryReader, level: str, alpha: float, min_weight: int
) -> tuple[PrecedenceNetwork, list[RegionScore]]:
    found = load_events(reader)
    return precedence_network(found, level, alpha=alpha, min_weight=min_weight), innovativeness(found, level)


@router.get(
    "/diffusion/practices/{practice_id}",
    summary="A practice's diffusion: first adopters, adoptions per year and city, cumulative curve, "
    "explicit spread claims, every adoption with its date basis and evidence",
    response_model=Timeline,
    responses=error_responses(404, 422, 503),
)
def practice(reader: Reader, practice_id: str, lang: Lang = LangQuery) -> dict[str, Any]:
    pid = _practice_id(practice_id)
    timeline = practice_timeline(load_events(reader, pid), pid, load_claims(reader, pid))
    return localise(timeline.to_dict(), lang, NAME_FIELDS)


@router.get(
    "/diffusion/network",
    summary="Region → region precedence network (sign test over established orders, BH-adjusted) "
    "and innovativeness scores",
    response_model=Network,
    responses=error_responses(422, 503),
)
def network(
    reader: Reader,
    level: Level = LevelQuery,
    alpha: float = Alpha,
    min_weight: int = MinWeight,
    all_edges: bool = Query(False, description="every pair with an established order, not only shown edges"),
    lang: Lang = LangQuery,
) -> dict[str, Any]:
    net, scores = _network(reader, level, alpha, min_weight)
    answer = {**net.to_dict(all_edges=all_edges), "innovativeness": [s.to_dict() for s in scores]}
    return localise(answer, lang, NAME_FIELDS)


@router.get(
    "/diffusion/regions/{region:path}",
    summary="A city or county: its adoptions, the practices it adopted first, its innovativeness, "
    "the regions it follows and those following it",
    response_model=RegionProfile,
    responses=error_responses(404, 422, 503),
)
def region(
    reader: Reader, region: str, alpha: float = Alpha, min_weight: int = MinWeight, lang: Lang = LangQuery
) -> dict[str, Any]:
    try:
        profile = region_profile(load_events(reader), region, alpha=alpha, min_weight=min_weight)
    except ValueError as error:
        raise NotFound(str(error)) from error
    return localise(profile, lang, NAME_FIELDS)


@router.get(
    "/diffusion/events",
    summary="Every adoption event (JSON, or with format=csv one CSV row per event; columns in docs/diffusion.md)",
    response_model=list[AdoptionEventModel],
    responses={200: {"content": {"text/csv": {}}}, **error_responses(404, 422, 503)},
)
def events(
    reader: Reader,
    practice: str | None = Query(None, examples=["craftsman-school"]),
    format: Literal["json", "csv"] = Query("json"),
    lang: Lang = LangQuery,
) -> Any:
    pid = _practice_id(practice) if practice else None
    found = load_events(reader, pid)
    if format == "json":
        return localise([e.to_dict() for e in found], lang, NAME_FIELDS)
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
    responses=page_error_responses(404, 422, 503),
)
def practice_view(reader: Reader, practice_id: str, lang: Lang = LangQuery) -> HTMLResponse:
    pid = _practice_id(practice_id)
    timeline = practice_timeline(load_events(reader, pid), pid, load_claims(reader, pid))
    return HTMLResponse(timeline_html(timeline, Links(lang=lang)))


@router.get(
    "/views/diffusion/network",
    response_class=HTMLResponse,
    tags=["views"],
    summary="The precedence network among cities or counties, with edge statistics and innovativeness",
    responses=page_error_responses(422, 503),
)
def network_view(
    reader: Reader, level: Level = LevelQuery, alpha: float = Alpha, min_weight: int = MinWeight, lang: Lang = LangQuery
) -> HTMLResponse:
    net, scores = _network(reader, level, alpha, min_weight)
    return HTMLResponse(network_html(net, scores, Links(lang=lang)))
