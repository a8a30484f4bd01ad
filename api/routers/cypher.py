"""POST /cypher — a caller's read-only Cypher with parameters, under a timeout and row and byte caps.

What may run is decided by api.cypher_guard: the text is bounded first, then Neo4j's EXPLAIN plan
must contain only read operators and allowlisted procedures. Caller queries run in a pool of their
own (CALLER_SLOTS threads) rather than the thread pool every other endpoint shares, and a request
beyond those slots gets 429 at once instead of waiting: heavy caller queries cannot starve the
named endpoints, and a client learns to back off.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from fastapi import APIRouter
from neo4j.exceptions import ClientError
from pydantic import BaseModel, Field

from api.cypher_guard import ForbiddenCypher, check_plan, check_text
from api.deps import Db
from api.errors import Forbidden, error_response
from api.schemas import CypherResult, error_responses
from graph_loader.neo4j.database import CallerResult, Database, UnplannableQuery

router = APIRouter(tags=["cypher"])

CALLER_SLOTS = 4
MAX_BYTES_DEFAULT = 1_000_000
MAX_BYTES_CEILING = 8_000_000
_POOL = ThreadPoolExecutor(max_workers=CALLER_SLOTS, thread_name_prefix="ukg-cypher")
_SLOTS = threading.BoundedSemaphore(CALLER_SLOTS)

class CypherRequest(BaseModel):
    query: str = Field(..., min_length=1, examples=["MATCH (o:UnionOrganization) RETURN o.name AS name LIMIT 5"])
    parameters: dict[str, Any] = Field(default_factory=dict, examples=[{"name": "小镇"}])
    limit: int = Field(1000, ge=1, le=10000, description="at most this many rows are returned")
    max_bytes: int = Field(
        MAX_BYTES_DEFAULT,
        ge=1000,
        le=MAX_BYTES_CEILING,
        description="at most about this many bytes of rows (as JSON) are returned; `truncated` says when cut",
    )
    timeout: float = Field(10.0, gt=0, le=60, description="seconds before the transaction (planning included) stops")


@router.post(
    "/cypher",
    summary="Run read-only Cypher: reads and allowlisted procedures only, decided from Neo4j's plan",
    response_model=CypherResult,
    responses=error_responses(403, 422, 429, 503),
)
async def run_cypher(body: CypherRequest, db: Db) -> Any:
    try:
        check_text(body.query)
    except ForbiddenCypher as error:
        raise Forbidden(str(error)) from error
    if not _SLOTS.acquire(blocking=False):
        return error_response(
            429,
            "too_many_requests",
            f"{CALLER_SLOTS} caller queries are already running; retry in a moment",
            headers={"Retry-After": "1"},
        )
    try:
        result = await asyncio.get_running_loop().run_in_executor(_POOL, partial(_run, db, body))
    finally:
        _SLOTS.release()
    return {"columns": result.columns, "rows": result.rows, "truncated": result.truncated}


def _run(db: Database, body: CypherRequest) -> CallerResult:
    """In the caller pool: plan, check, run. Refusals become Forbidden (403); other Neo4j errors pass on."""
    try:
        return db.read_caller(
            body.query,
            body.parameters,
            limit=body.limit,
            max_bytes=body.max_bytes,
            timeout=body.timeout,
            check_plan=check_plan,
        )
    except ForbiddenCypher as error:
        raise Forbidden(str(error)) from error
    except UnplannableQuery as error:
        raise Forbidden(f"refused: Neo4j cannot parse or plan the query: {error}") from error
    except ClientError as error:
        if "write" in (error.message or "").lower() or "AccessMode" in (error.code or ""):
            raise Forbidden(f"refused: {error.message}") from error
        raise
