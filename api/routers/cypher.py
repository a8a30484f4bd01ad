"""POST /cypher — a caller's read-only Cypher with parameters, under a timeout and a row limit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from neo4j.exceptions import ClientError, Neo4jError
from pydantic import BaseModel, Field

from api.cypher_guard import ForbiddenCypher, check_read_only
from api.deps import Db
from api.errors import BadParameter, Forbidden
from api.schemas import CypherResult, error_responses

router = APIRouter(tags=["cypher"])


class CypherRequest(BaseModel):
    query: str = Field(..., min_length=1, examples=["MATCH (o:UnionOrganization) RETURN o.name AS name LIMIT 5"])
    parameters: dict[str, Any] = Field(default_factory=dict, examples=[{"name": "小镇"}])
    limit: int = Field(1000, ge=1, le=10000, description="at most this many rows are returned")
    timeout: float = Field(10.0, gt=0, le=60, description="seconds before the transaction is stopped")


@router.post(
    "/cypher",
    summary="Run read-only Cypher (writes, schema changes and admin procedures are refused)",
    response_model=CypherResult,
    responses=error_responses(403, 422, 503),
)
def run_cypher(body: CypherRequest, db: Db) -> dict[str, Any]:
    try:
        check_read_only(body.query)
    except ForbiddenCypher as error:
        raise Forbidden(str(error)) from error
    try:
        columns, rows, truncated = db.read_limited(body.query, body.parameters, body.limit, body.timeout)
    except ClientError as error:
        if "write" in (error.message or "").lower() or "AccessMode" in (error.code or ""):
            raise Forbidden(error.message) from error
        raise BadParameter(error.message or str(error)) from error
    except Neo4jError as error:
        raise BadParameter(error.message or str(error)) from error
    return {"columns": columns, "rows": rows, "truncated": truncated}
