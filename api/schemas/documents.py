"""Response models of the upload API (api.routers.documents): stored documents and build jobs.

A duplicate upload (409) answers the Error shape with two more keys, `document` and `file`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class JobOut(BaseModel):
    """A background build, queued by an upload or a deletion; poll `url` until `state` is done or failed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "1764772800-3",
                    "kind": "upload",
                    "document": "2025-xiaozhen-report",
                    "state": "running",
                    "progress": 40,
                    "stage": "loading documents",
                    "error": None,
                    "created": "2026-12-03T14:00:00.000+00:00",
                    "started": "2026-12-03T14:00:00.100+00:00",
                    "finished": None,
                    "seconds": None,
                    "loaded": [],
                    "removed": [],
                    "url": "/jobs/1764772800-3",
                }
            ]
        }
    )

    id: str
    kind: Literal["upload", "delete"]
    document: str = Field(description="the document the upload added or the deletion removed")
    state: Literal["queued", "running", "done", "failed"]
    progress: int = Field(ge=0, le=100, description="0–100: extraction, loading, RDF store; 100 once done")
    stage: str = Field(description="what the build is doing now (queued, extracting documents, loading …)")
    error: str | None = Field(None, description="why the build failed (one line); the upload was taken back out")
    created: str
    started: str | None = None
    finished: str | None = None
    seconds: float | None = Field(None, description="how long the build ran")
    loaded: list[str] = Field(default_factory=list, description="documents the build loaded (changed or new)")
    removed: list[str] = Field(default_factory=list, description="documents the build removed from the graph")
    url: str


class JobList(BaseModel):
    total: int
    items: list[JobOut]


class StoredDocumentOut(BaseModel):
    id: str = Field(description="the document id: the file's name without its suffix (made unique)")
    file: str = Field(description="the file's name in the corpus folder")
    sha256: str


class Accepted(BaseModel):
    """The upload or deletion is done in the folder; the build that follows it is `job`."""

    document: StoredDocumentOut
    job: JobOut
