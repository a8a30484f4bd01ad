"""The curation API: researchers record corrections (bearer token), everyone reads the log.

Writes append to the log in the state directory (graph_loader.curation.log); they take effect at
the next build, which applies the log to the fresh extraction and lists what no longer fits as
conflicts (`GET /curation/conflicts`). A revert (`DELETE /curation/{id}`) is itself logged.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.auth import Author
from api.deps import Log
from api.errors import BadParameter, NotFound
from api.schemas import error_responses
from graph_loader.curation.log import in_force, new_id, now
from graph_loader.curation.records import KINDS, Correction, CorrectionError, EdgeTarget, check
from graph_loader.curation.stage import quote_problem, read_conflicts
from graph_loader.errors import InputError
from graph_loader.settings import default_corpus_dir

router = APIRouter(tags=["curation"])

Kind = Literal[tuple(kind for kind in KINDS if kind != "revert")]  # type: ignore[valid-type]


class EdgeIn(BaseModel):
    head: str = Field(..., max_length=500, examples=["union-organization/湖州市南浔区善琏湖笔小镇工会联合会"])
    type: str = Field(..., max_length=64, examples=["ADOPTS"])
    tail: str = Field(..., max_length=500, examples=["practice/craftsman-school"])


class CorrectionIn(BaseModel):
    """One correction; which fields a kind needs is in graph_loader.curation.records.KINDS."""

    kind: Kind  # type: ignore[valid-type]
    reason: str = Field("", max_length=2000)
    edge: EdgeIn | None = None
    entity: str | None = Field(None, max_length=500, description="entity key (merge: the one merged away)")
    into: str | None = Field(None, max_length=500, description="merge-entities: the entity that stays")
    name: str | None = Field(None, max_length=500, description="rename-entity: new name; split-alias: the alias")
    year: int | None = Field(None, ge=1900, le=2100, description="set-year")
    doc_id: str | None = Field(None, max_length=200, description="add-edge: the cited document")
    quote: str | None = Field(None, max_length=2000, description="add-edge: words copied verbatim from it")


class CorrectionOut(BaseModel):
    id: str
    author: str
    time: str
    kind: str
    reason: str = ""
    edge: EdgeIn | None = None
    entity: str | None = None
    into: str | None = None
    name: str | None = None
    year: int | None = None
    doc_id: str | None = None
    quote: str | None = None
    reverts: str | None = None
    inForce: bool = True


class CorrectionList(BaseModel):
    total: int
    items: list[CorrectionOut]


class ConflictOut(BaseModel):
    correction: dict[str, Any]
    reason: str


@router.post(
    "/curation",
    status_code=201,
    summary="Record a correction (applied at the next build); needs a bearer token",
    response_model=CorrectionOut,
    responses=error_responses(401, 403, 413, 422),
)
def record(body: CorrectionIn, who: Author, log: Log) -> dict[str, Any]:
    edge = EdgeTarget(**body.edge.model_dump()) if body.edge else None
    fields = body.model_dump(exclude={"edge"})
    try:
        correction = check(Correction(id=new_id(), author=who, time=now(), edge=edge, **fields))
    except CorrectionError as error:
        raise BadParameter(str(error)) from error
    if correction.kind == "add-edge":
        problem = quote_problem(default_corpus_dir(), correction.doc_id or "", correction.quote or "")
        if problem:
            raise BadParameter(problem)
    log.append([correction])
    return {**correction.to_json(), "inForce": True}


@router.get(
    "/curation",
    summary="The curation log (filter by author, kind, time); `inForce` is false once reverted",
    response_model=CorrectionList,
)
def list_corrections(
    log: Log,
    author: str | None = Query(None, max_length=64),
    kind: str | None = Query(None, max_length=32, examples=["reject-edge"]),
    since: str | None = Query(None, max_length=32, description="ISO time; corrections at or after it"),
    until: str | None = Query(None, max_length=32, description="ISO time; corrections before it"),
    limit: int = Query(1000, ge=1, le=10000, description="page size (oldest first)"),
    offset: int = Query(0, ge=0, le=10_000_000, description="page start"),
) -> dict[str, Any]:
    corrections = log.read()
    active = in_force(corrections)
    items = [
        {**c.to_json(), "inForce": c.id in active}
        for c in corrections
        if (author is None or c.author == author)
        and (kind is None or c.kind == kind)
        and (since is None or c.time >= since)
        and (until is None or c.time < until)
    ]
    return {"total": len(items), "items": items[offset : offset + limit]}


@router.get(
    "/curation/conflicts",
    summary="Corrections the last build could not apply (their target is gone), with the reason",
    response_model=list[ConflictOut],
)
def conflicts() -> list[dict[str, Any]]:
    return read_conflicts()


@router.delete(
    "/curation/{correction_id}",
    summary="Revert a correction (logged as a revert by the token's author); needs a bearer token",
    response_model=CorrectionOut,
    responses=error_responses(401, 403, 404),
)
def revert(correction_id: str, who: Author, log: Log, reason: str = Query("", max_length=2000)) -> dict[str, Any]:
    try:
        undo = log.revert(correction_id, who, reason)
    except InputError as error:
        raise NotFound(f"no correction {correction_id!r}") from error
    return {**undo.to_json(), "inForce": True}
