"""GET and POST /sparql — read-only SPARQL 1.1 over the RDF store that `ukg build` writes.

The store (graph_loader.rdf_store) holds the same graph as Neo4j, as the RDF export writes it,
plus the OWL vocabulary. The request follows the SPARQL 1.1 Protocol: GET with `query=`, POST
with an `application/sparql-query` body or a form field `query=`. What may run is decided by
api.sparql_guard (bounded text, no SERVICE; an update is refused with 403 naming it); queries run
in worker processes killed at their timeout (api.sparql_pool); results are written, capped, by
api.sparql_results.

The current store is looked up at most once a second, so a build shows within a second; before
the first build there is none, and the answer is 503.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field, ValidationError

from api.errors import BadParameter, error_response
from api.schemas import Error
from api.sparql_guard import ForbiddenSparql, check_text
from api.sparql_pool import PoolBusy, SparqlPool, WorkerFailed, WorkerTimeout
from api.sparql_results import Answer, Job
from graph_loader.rdf_store import current

router = APIRouter(tags=["sparql"])

STORE_CHECK_SECONDS = 1.0
_POOL = SparqlPool()
_EXAMPLE = (
    "PREFIX ukg: <https://w3id.org/ukg/vocab#>\n"
    "SELECT ?practice ?name WHERE { ?practice a ukg:Practice ; ukg:name ?name } LIMIT 5"
)
_FORM = "application/x-www-form-urlencoded"
_DIRECT = "application/sparql-query"


class SparqlOptions(BaseModel):
    """How to answer: the format and the bounds (query-string parameters, or form fields in a POST form)."""

    format: Literal["json", "csv", "ttl", "nt"] | None = Field(
        None, description="overrides Accept: json or csv for SELECT and ASK, ttl or nt for CONSTRUCT and DESCRIBE"
    )
    limit: int = Field(1000, ge=1, le=10000, description="at most this many rows (or triples) are returned")
    max_bytes: int = Field(
        1_000_000,
        ge=1000,
        le=8_000_000,
        description="at most about this many bytes of rows; `X-UKG-Truncated` says when cut",
    )
    timeout: float = Field(10.0, ge=1, le=60, description="seconds before the query is stopped (504)")


class _StoreWatch:
    """The current store's folder, looked up at most once per STORE_CHECK_SECONDS."""

    def __init__(self) -> None:
        self._checked = float("-inf")
        self._path: Path | None = None

    def path(self) -> Path | None:
        now = time.monotonic()
        if now - self._checked >= STORE_CHECK_SECONDS:
            self._path, self._checked = current(), now
        return self._path


_WATCH = _StoreWatch()

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "SELECT/ASK: SPARQL JSON results or CSV; CONSTRUCT/DESCRIBE: Turtle or N-Triples. "
        "`X-UKG-Truncated: true` when the row or byte cap cut the answer.",
        "content": {
            "application/sparql-results+json": {"schema": {"type": "object"}},
            "application/json": {"schema": {"type": "object"}},  # the same, for `Accept: application/json`
            "text/csv": {"schema": {"type": "string"}},
            "text/turtle": {"schema": {"type": "string"}},
            "application/n-triples": {"schema": {"type": "string"}},
        },
    },
    403: {
        "model": Error,
        "description": "`forbidden`: an update (named), SERVICE, or a text over the length or nesting limit",
    },
    415: {"model": Error, "description": "`unsupported_media_type`: a POST body that is neither a query nor a form"},
    422: {
        "model": Error,
        "description": "`bad_parameter`: not a SPARQL query (the parser's message), or a bad parameter",
    },
    429: {"model": Error, "description": "`too_many_requests`: every SPARQL worker is busy; retry in a moment"},
    503: {
        "model": Error,
        "description": "`rdf_store_unavailable`: no RDF store yet (run `ukg build`) or it cannot be read",
    },
    504: {"model": Error, "description": "`query_timeout`: the query ran past its timeout and was stopped"},
}
_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            _DIRECT: {"schema": {"type": "string", "minLength": 1}, "example": _EXAMPLE},
            _FORM: {
                "schema": {
                    "type": "object",
                    "properties": {"query": {"type": "string", "minLength": 1}},
                    "required": ["query"],
                }
            },
        },
    }
}


@router.get(
    "/sparql",
    summary="Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the RDF store",
    response_class=Response,
    responses=_RESPONSES,
)
async def sparql_get(
    request: Request,
    query: Annotated[str, Query(min_length=1, description="the SPARQL query", examples=[_EXAMPLE])],
    options: Annotated[SparqlOptions, Query()],
) -> Response:
    return await _answer(request, query, options)


@router.post(
    "/sparql",
    summary="Run a read-only SPARQL query sent as the body (application/sparql-query) or a form field",
    response_class=Response,
    responses=_RESPONSES,
    openapi_extra=_POST_BODY,
)
async def sparql_post(request: Request, options: Annotated[SparqlOptions, Query()]) -> Response:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        body = (await request.body()).decode("utf-8")
    except UnicodeDecodeError as failure:
        raise BadParameter(f"the request body is not UTF-8: {failure.reason}") from failure
    if media == _DIRECT:
        return await _answer(request, body, options)
    if media == _FORM:
        fields = parse_qs(body, keep_blank_values=True)
        queries = fields.pop("query", [])
        if len(queries) != 1 or not queries[0]:
            raise BadParameter("query: the form needs exactly one non-empty field `query`")
        overrides = {name: values[-1] for name, values in fields.items() if name in SparqlOptions.model_fields}
        return await _answer(request, queries[0], _merged(options, overrides))
    return error_response(
        415, "unsupported_media_type", f"POST the query as {_DIRECT} or as a form ({_FORM}), not {media or 'no type'}"
    )


def _merged(options: SparqlOptions, overrides: dict[str, str]) -> SparqlOptions:
    """The query-string options with the form's fields on top, checked against the same bounds."""
    try:
        return SparqlOptions.model_validate({**options.model_dump(exclude_unset=True), **overrides})
    except ValidationError as failure:
        problem = failure.errors()[0]
        raise BadParameter(f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}") from failure


async def _answer(request: Request, query: str, options: SparqlOptions) -> Response:
    for unsupported in ("default-graph-uri", "named-graph-uri"):
        if unsupported in request.query_params:
            raise BadParameter(
                f"{unsupported}: not supported; the store has one default graph (use FROM or GRAPH in the query)"
            )
    try:
        check_text(query)
    except ForbiddenSparql as refused:
        return error_response(403, "forbidden", str(refused))
    store = _WATCH.path()
    if store is None:
        return error_response(503, "rdf_store_unavailable", "no RDF store yet: run `ukg build` to write one")
    job = Job(
        store=str(store),
        query=query,
        accept=_accepted(request.headers.get("accept", "")),
        format=options.format,
        limit=options.limit,
        max_bytes=options.max_bytes,
    )
    try:
        answer = await _POOL.run(job, options.timeout)
    except PoolBusy as busy:
        return error_response(429, "too_many_requests", str(busy), headers={"Retry-After": "1"})
    except WorkerTimeout as timeout:
        return error_response(504, "query_timeout", str(timeout))
    except WorkerFailed as failed:
        return error_response(500, "internal_error", str(failed))
    return _response(answer)


def _response(answer: Answer) -> Response:
    if answer.status != 200:
        return error_response(answer.status, answer.kind, answer.detail)
    headers = {"X-UKG-Truncated": "true" if answer.truncated else "false", "Vary": "Accept"}
    return Response(content=answer.body, media_type=answer.media_type, headers=headers)


def _accepted(header: str) -> tuple[str, ...]:
    """The media types of an Accept header, most preferred first (by q, then by order); q=0 left out."""
    entries: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    weight = float(param[2:])
                except ValueError:
                    weight = 0.0
        if media and weight > 0:
            entries.append((-weight, index, media.lower()))
    return tuple(media for _, _, media in sorted(entries))
