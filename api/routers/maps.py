"""Map views: a practice's adoptions over Zhejiang's cities and counties, and practices per region.

Offline HTML with inline SVG (visualizations.maps); `format=json` answers the data the page
draws. An unknown practice is a 404 page (JSON with format=json), like the other views.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.deps import Reader
from api.errors import NotFound
from api.lang import Lang, LangQuery
from api.schemas import page_error_responses
from visualizations.map_views import count_map_data, count_map_page, practice_map_data, practice_map_page
from visualizations.model import Links
from visualizations.render import render_message
from visualizations.views import ViewNotFound

router = APIRouter(tags=["views"])

LevelQuery = Query("county", description="regions filled first: county (区/县/县级市) or city (地级市)")
FormatQuery = Query("html", description="`json` returns the data the map draws")
_ERRORS = page_error_responses(404, 422, 503)
# HTML, or with format=json the data; a 404 is an HTML page, or the Error JSON with format=json.
_PAGE: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    200: {
        "description": "an HTML page (or JSON with format=json)",
        "content": {"text/html": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "object"}}},
    },
    404: {**_ERRORS[404], "content": {**_ERRORS[404]["content"], "text/html": {"schema": {"type": "string"}}}},
}


def _links(request: Request, lang: str = "zh") -> Links:
    """Links of the page: a click on a region opens its view in the page's language (`lang`)."""
    return Links(base=str(request.scope.get("root_path") or "").rstrip("/"), lang=lang)


@router.get(
    "/views/diffusion/map/{practice_id}",
    response_class=HTMLResponse,
    responses=_PAGE,
    summary="Map of a practice's adoptions: cities and counties by the year it reached them "
    "(solid: stated year; hatched: no later than an article date), with a year slider",
)
def practice_map(
    request: Request,
    reader: Reader,
    practice_id: str = Path(..., examples=["craftsman-school"]),
    level: Literal["county", "city"] = LevelQuery,
    format: Literal["html", "json"] = FormatQuery,
    lang: Lang = LangQuery,
) -> Response:
    links = _links(request, lang)
    try:
        if format == "json":
            return JSONResponse(practice_map_data(reader, practice_id))
        return HTMLResponse(practice_map_page(reader, practice_id, links, level))
    except ViewNotFound as error:
        if format == "json":
            raise NotFound(str(error)) from error
        return HTMLResponse(render_message("找不到 · Not found", str(error), links, 404), status_code=404)


@router.get(
    "/views/map",
    response_class=HTMLResponse,
    responses=_PAGE,
    summary="Map of Zhejiang's counties (or cities) coloured by the number of practices adopted there",
)
def count_map(
    request: Request,
    reader: Reader,
    level: Literal["county", "city"] = LevelQuery,
    format: Literal["html", "json"] = FormatQuery,
    lang: Lang = LangQuery,
) -> Response:
    if format == "json":
        return JSONResponse(count_map_data(reader))
    return HTMLResponse(count_map_page(reader, _links(request, lang), level))
