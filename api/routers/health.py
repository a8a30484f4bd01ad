"""GET /health — is Neo4j reachable, which version, how many nodes and relationships."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import Db
from api.schemas import Health, HealthUnavailable
from graph_loader.errors import StoreUnavailable
from queries import loader_query

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    summary="Neo4j connectivity and graph counts",
    response_model=Health,
    responses={503: {"model": HealthUnavailable, "description": "Neo4j is not reachable"}},
)
def health(db: Db) -> Any:
    try:
        version_rows = db.read("CALL dbms.components() YIELD versions RETURN versions[0] AS version")
        rows = db.read(loader_query("counts"))
    except StoreUnavailable as error:
        return JSONResponse(
            status_code=503,
            content={
                "status": "unavailable",
                "neo4j": {"reachable": False, "uri": db.settings.uri, "detail": str(error)},
            },
        )
    by_kind: dict[str, dict[str, int]] = {"node": {}, "relationship": {}, "total": {}}
    for row in rows:
        by_kind[row["kind"]][row["name"]] = row["count"]
    return {
        "status": "ok",
        "neo4j": {"reachable": True, "uri": db.settings.uri, "version": version_rows[0]["version"]},
        "nodes": by_kind["node"],
        "relationships": by_kind["relationship"],
        "total_nodes": by_kind["total"].get("nodes", 0),
        "total_relationships": by_kind["total"].get("relationships", 0),
    }
