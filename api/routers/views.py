"""Interactive HTML views (pyvis, all assets inlined so they work offline) and their data as JSON.

Every view answers `?format=json` with exactly what the page draws (nodes, edges, total, drawn …).
Errors are pages too: an unknown entity is a 404 page, a bad parameter a 422 page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from neo4j.exceptions import ClientError

from api.deps import Reader
from api.errors import BadParameter, NotFound, is_timeout
from api.lang import Lang, LangQuery
from api.schemas import ViewData, error_responses, page_error_responses
from api.schemas.review import ReviewData
from graph_loader.curation.stage import read_rejected
from queries import BadQueryParameter
from visualizations.lang import localise
from visualizations.model import DEFAULT_MAX_NODES, MAX_MAX_NODES, Links, ViewGraph
from visualizations.render import render_index, render_message, render_view
from visualizations.review import DEFAULT_LIMIT, MAX_LIMIT, ReviewPage, render_review, review_page
from visualizations.style import node_style
from visualizations.views import (
    QUERY_VIEW_RESERVED,
    ViewNotFound,
    entity_view,
    index_data,
    overview_view,
    practice_view,
    query_view,
    region_view,
)


def _view_lang(lang: Lang = LangQuery) -> None:
    """Checks and documents `lang` on every view (an invalid one is a 422); `_links` carries it."""


router = APIRouter(tags=["views"], dependencies=[Depends(_view_lang)])

Format = Literal["html", "json"]
FormatQuery = Query("html", description="`json` returns what the page draws: nodes, edges, total, drawn, truncated")
MaxNodes = Query(
    DEFAULT_MAX_NODES,
    ge=1,
    le=MAX_MAX_NODES,
    description="size limit: above it the view draws the first N nodes and says so",
)
# Each view answers HTML, or with format=json its data (ViewData); the handlers return the Response
# themselves, so `response_model=ViewData` documents the JSON variant without filtering anything.
# A 404 or 422 is an HTML page too unless format=json asked for JSON (the Error shape), so both are documented.
_ERROR_PAGE = {"text/html": {"schema": {"type": "string"}}}
_PAGE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "an HTML page (or JSON with format=json)"},
    **{
        status: {**entry, "content": _ERROR_PAGE} if status in (404, 422) else entry
        for status, entry in error_responses(404, 422, 503).items()
    },
}


def _links(request: Request) -> Links:
    base = str(request.scope.get("root_path") or "").rstrip("/")
    return Links(base=base, lang=request.query_params.get("lang") or "zh")


def _respond(
    request: Request,
    fmt: str,
    build: Callable[[Links], ViewGraph | ReviewPage],
    render: Callable[[Any, Links], str] = render_view,
) -> Response:
    links = _links(request)
    try:
        graph = build(links)
    except ViewNotFound as error:
        if fmt == "json":
            raise NotFound(str(error)) from error
        return HTMLResponse(render_message("找不到 · Not found", str(error), links, 404), status_code=404)
    except (BadParameter, BadQueryParameter, ClientError) as error:
        if is_timeout(error):
            raise  # 504 query_timeout (api.errors): not a bad parameter
        message = f"the query cannot run: {error.message}" if isinstance(error, ClientError) else str(error)
        if fmt == "json":
            raise BadParameter(message) from error
        return HTMLResponse(render_message("参数有误 · Bad parameter", message, links, 422), status_code=422)
    graph = graph.in_language(links.lang)  # a ViewGraph or the review page: both name things in `lang`
    if fmt == "json":
        return JSONResponse(graph.to_json())
    return HTMLResponse(render(graph, links))


@router.get("/", include_in_schema=False)
def root(request: Request) -> RedirectResponse:
    return RedirectResponse(_links(request).index())


@router.get("/views", include_in_schema=False)
@router.get(
    "/views/",
    response_class=HTMLResponse,
    responses=page_error_responses(422, 503),
    summary="Index of the views, with full-text search",
)
def index(
    request: Request,
    reader: Reader,
    q: str | None = Query(None, max_length=500, description="search text (also searched live by the page)"),
) -> HTMLResponse:
    links = _links(request)
    hits = None
    if q and q.strip():
        try:
            rows = reader.rows("search", q=q.strip(), limit=30)
        except ClientError:
            rows = []
        hits = [
            {**row, "class": node_style(row["labels"]).label, "classZh": links.cls(node_style(row["labels"]))}
            for row in localise(rows, links.lang)
        ]
    return HTMLResponse(render_index(localise(index_data(reader), links.lang), links, query=q or "", hits=hits))


@router.get(
    "/views/overview",
    response_model=ViewData,
    responses=_PAGE,
    summary="The best-connected entities as a graph",
)
def overview(
    request: Request,
    reader: Reader,
    limit: int = Query(200, ge=1, le=MAX_MAX_NODES, examples=[200]),
    format: Format = FormatQuery,
) -> Response:
    return _respond(request, format, lambda links: overview_view(reader, limit, links))


@router.get(
    "/views/entity/{key:path}",
    response_model=ViewData,
    responses=_PAGE,
    summary="An entity with its neighbours to depth 1–2, filterable by relationship type",
)
def entity(
    request: Request,
    reader: Reader,
    key: str = Path(..., examples=["practice/craftsman-school"]),
    depth: int = Query(1, ge=1, le=2),
    types: list[str] | None = Query(
        None, description="relationship types (repeat or comma-separate)", examples=["ADOPTS,COVERS"]
    ),
    max_nodes: int = MaxNodes,
    format: Format = FormatQuery,
    include_rejected: bool = Query(
        False, description="also draw the edges researchers rejected (grey, dashed), with the extractor's evidence"
    ),
) -> Response:
    rejected = read_rejected(key) if include_rejected else ()
    return _respond(
        request, format, lambda links: entity_view(reader, key, depth, types, max_nodes, links, rejected=rejected)
    )


@router.get(
    "/views/practice/{practice_id}",
    response_model=ViewData,
    responses=_PAGE,
    summary="A practice with every adopter, coloured by year of first evidence, grouped by city",
)
def practice(
    request: Request,
    reader: Reader,
    practice_id: str = Path(..., examples=["craftsman-school"]),
    expand: bool = Query(False, description="include the narrower concepts and their adopters"),
    max_nodes: int = MaxNodes,
    format: Format = FormatQuery,
) -> Response:
    return _respond(request, format, lambda links: practice_view(reader, practice_id, expand, max_nodes, links))


@router.get(
    "/views/region/{place:path}",
    response_model=ViewData,
    responses=_PAGE,
    summary="A city or county with its carriers, unions, party-building links and practices",
)
def region(
    request: Request,
    reader: Reader,
    place: str = Path(..., examples=["湖州市"]),
    practices: bool = Query(True, description="include the practices the organisations adopt"),
    party: bool = Query(True, description="include party organisations linked by party building"),
    max_nodes: int = MaxNodes,
    format: Format = FormatQuery,
) -> Response:
    return _respond(request, format, lambda links: region_view(reader, place, practices, party, max_nodes, links))


@router.get(
    "/views/query/{name}",
    response_model=ViewData,
    responses=_PAGE,
    summary="Any named query's result drawn as a graph; its parameters go in the query string",
)
def named_query(
    request: Request, reader: Reader, name: str, max_nodes: int = MaxNodes, format: Format = FormatQuery
) -> Response:
    given: dict[str, Any] = {k: v for k, v in request.query_params.items() if k not in QUERY_VIEW_RESERVED}
    return _respond(request, format, lambda links: query_view(reader, name, given, max_nodes, links))


@router.get(
    "/views/review",
    response_model=ReviewData,
    responses=_PAGE,
    summary="Extracted edges to review, least certain first: accept, reject or fix the year (needs a token)",
)
def review(
    request: Request,
    reader: Reader,
    # Empty values count as not given: the page's filter form sends every select, chosen or not.
    practice: str | None = Query(
        None, max_length=200, description="practice or category id", examples=["craftsman-school"]
    ),
    rel_type: str | None = Query(
        None, alias="type", max_length=64, pattern=r"^[A-Za-z_]*$", description="relationship type",
        examples=["ADOPTS"],
    ),
    region: str | None = Query(
        None, max_length=200, description="place name: an end is it or lies in it", examples=["湖州市"]
    ),
    status: str | None = Query(
        None,
        pattern="^(extracted|confirmed|corrected|added)?$",
        description="only edges with this status (`extracted`: not reviewed yet)",
    ),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=100_000),
    format: Format = FormatQuery,
) -> Response:
    """The buttons post to `POST /curation` from the browser with the token the page asks for; the
    corrections take effect at the next build, so the rows keep their status until then."""
    return _respond(
        request,
        format,
        lambda links: review_page(
            reader, practice, rel_type, region, status, limit, offset, with_options=format == "html"
        ),
        render_review,
    )
