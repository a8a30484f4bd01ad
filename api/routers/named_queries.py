"""GET /queries — the named-query catalogue; GET /queries/{name} — run one with its parameters.

Parameters are bound by the query's `.cypher` header (queries.registry): declared names only, of the
declared type and within the declared bounds, before anything reaches Neo4j; a query Neo4j still
refuses is a 422 (api.errors). Rows are returned as the query gives them, made JSON-safe by
queries.reader.jsonable (temporal and spatial values as strings, NaN/Infinity as strings).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.deps import Reader
from api.errors import NotFound
from api.lang import Lang, LangQuery
from api.schemas import QueryInfo, QueryResult, error_responses
from queries import NamedQuery, UnknownQuery, public_queries
from queries.reader import jsonable
from visualizations.lang import localise

router = APIRouter(tags=["queries"])


def describe(query: NamedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "description": query.description,
        "parameters": [
            {
                "name": param.name,
                "type": param.type,
                "default": param.default,
                "required": param.required,
                "minimum": param.minimum,
                "maximum": param.maximum,
                "description": param.description,
            }
            for param in query.params
        ],
        "cypher": query.text,
    }


@router.get("/queries", summary="List the named queries with their parameters", response_model=list[QueryInfo])
def list_queries() -> list[dict[str, Any]]:
    return [describe(query) for query in public_queries().values()]


@router.get(
    "/queries/{name}",
    summary="Run a named query; its parameters are passed as query-string parameters",
    response_model=QueryResult,
    responses=error_responses(404, 422, 503),
)
def run_query(name: str, request: Request, reader: Reader, lang: Lang = LangQuery) -> dict[str, Any]:
    given = {key: value for key, value in request.query_params.items() if key != "lang"}  # ours, not the query's
    try:
        params, rows = reader.run(name, given)
    except UnknownQuery as error:
        raise NotFound(f"no named query '{name}'; GET /queries lists them") from error
    return {"query": name, "parameters": params, "rows": localise(jsonable(rows), lang)}
