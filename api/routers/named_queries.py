"""GET /queries — the named-query catalogue; GET /queries/{name} — run one with its parameters."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.errors import BadParameter, NotFound
from queries import NamedQuery, public_queries

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
                "description": param.description,
            }
            for param in query.params
        ],
        "cypher": query.text,
    }


@router.get(
    "/queries",
    summary="List the named queries with their parameters",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": [
                        {
                            "name": "organizations",
                            "description": "Organisations filtered by …",
                            "parameters": [
                                {
                                    "name": "practice",
                                    "type": "string",
                                    "default": None,
                                    "required": False,
                                    "description": "practice id",
                                }
                            ],
                            "cypher": "MATCH (o:Organization) …",
                        }
                    ]
                }
            }
        }
    },
)
def list_queries() -> list[dict[str, Any]]:
    return [describe(query) for query in public_queries().values()]


@router.get(
    "/queries/{name}",
    summary="Run a named query; its parameters are passed as query-string parameters",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "query": "organizations",
                        "parameters": {"practice": "craftsman-school"},
                        "rows": [{"total": 2, "items": []}],
                    }
                }
            }
        },
        404: {"description": "no query of that name"},
        422: {"description": "a parameter is unknown, missing or of the wrong type"},
    },
)
def run_query(name: str, request: Request) -> dict[str, Any]:
    query = public_queries().get(name)
    if query is None:
        raise NotFound(f"no named query '{name}'; GET /queries lists them")
    try:
        params = query.bind(dict(request.query_params))
    except ValueError as error:
        raise BadParameter(str(error)) from error
    rows = request.app.state.db.read(query.text, **params)
    return {"query": name, "parameters": params, "rows": rows}
