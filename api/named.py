"""Running a named query from a router: bind parameters (422 on misfit), read, shape pages."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from api.errors import BadParameter, NotFound
from queries import public_queries


def run_named(request: Request, query_name: str, /, **given: Any) -> list[dict[str, Any]]:
    query = public_queries()[query_name]
    try:
        params = query.bind({key: value for key, value in given.items() if value is not None})
    except ValueError as error:
        raise BadParameter(str(error)) from error
    return request.app.state.db.read(query.text, **params)


def run_page(request: Request, query_name: str, limit: int, offset: int, /, **given: Any) -> dict[str, Any]:
    """A paginated query (one row with `total` and `items`) as {total, limit, offset, items}."""
    rows = run_named(request, query_name, limit=limit, offset=offset, **given)
    row = rows[0] if rows else {"total": 0, "items": []}
    return {"total": row["total"], "limit": limit, "offset": offset, "items": row["items"]}


def run_one(request: Request, query_name: str, not_found: str, /, **given: Any) -> dict[str, Any]:
    """A query that answers one row about one thing; 404 with `not_found` when it answers none."""
    rows = run_named(request, query_name, **given)
    if not rows:
        raise NotFound(not_found)
    return rows[0]
