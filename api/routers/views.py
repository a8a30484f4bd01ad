"""HTML views (pyvis, all assets inlined so they work offline)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from queries import public_queries
from visualizations.render import render_graph

router = APIRouter(tags=["views"])


@router.get("/views/overview", response_class=HTMLResponse, summary="The best-connected entities as a graph")
def overview(request: Request, limit: int = Query(200, ge=1, le=2000, examples=[200])) -> HTMLResponse:
    query = public_queries()["overview"]
    rows = request.app.state.db.read(query.text, **query.bind({"limit": limit}))
    row = rows[0] if rows else {"nodes": [], "edges": []}
    return HTMLResponse(render_graph(row["nodes"], row["edges"], title="ukg — overview"))
