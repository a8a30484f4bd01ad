"""Bring documents into the graph through the API: upload, delete, and follow the build they queue.

`POST /documents` stores a `.txt` or `.pdf` in the corpus folder the server builds from (with its
manifest entry: graph_loader.text.corpus_folder) and queues a build (api.jobs); `DELETE
/documents/{id}` takes one out and queues the build that removes its facts. Both need the curation
bearer tokens (api.auth): they change the graph everyone reads. `GET /jobs/{id}` reports a build's
state and progress. The build mirrors the folder and skips unchanged documents, so it loads only
what changed.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from api.auth import Author
from api.errors import NotFound, error_response
from api.jobs import Builder, BuildResult, Job, JobQueue
from api.schemas import Error, error_responses
from api.schemas.documents import Accepted, JobList, JobOut
from graph_loader.errors import InputError, SettingsError
from graph_loader.text.corpus_folder import CorpusFolder, Metadata, StoredDocument, UploadRefused

router = APIRouter(tags=["documents"])

DEFAULT_UPLOAD_MB = 20
FORM_SLACK_BYTES = 64 * 1024  # multipart framing and the metadata fields around the file


def upload_limit(environ: dict[str, str] | os._Environ[str] = os.environ) -> int:
    """Bytes an uploaded file may have: `UKG_UPLOAD_MAX_MB` (default 20)."""
    raw = environ.get("UKG_UPLOAD_MAX_MB", str(DEFAULT_UPLOAD_MB))
    try:
        megabytes = float(raw)
    except ValueError as error:
        raise SettingsError(f"UKG_UPLOAD_MAX_MB must be a number of megabytes, not {raw!r}") from error
    if not 0 < megabytes <= 1024:
        raise SettingsError(f"UKG_UPLOAD_MAX_MB must be in (0, 1024], not {raw!r}")
    return int(megabytes * 1024 * 1024)


def install(app: FastAPI, builder: Builder | None, corpus: Path, max_bytes: int) -> None:
    """Give `app` its corpus folder, upload limit and job queue (None without a builder: then the
    writes answer 501, as under `ukg serve --workers N`, where each process would build on its own)."""
    app.state.corpus_folder = CorpusFolder(corpus)
    app.state.upload_max_bytes = max_bytes
    app.state.jobs = JobQueue(builder, corpus) if builder is not None else None


def _unavailable() -> JSONResponse:
    return error_response(
        501,
        "uploads_unavailable",
        "this server builds nothing itself: uploads need `ukg serve` with one worker (or run `ukg build`)",
    )


def _corpus_error(error: Exception) -> JSONResponse:
    message = " ".join(str(error).split())
    return error_response(409, "corpus_error", f"the corpus folder cannot take the change: {message}")


def _job_out(job: Job, request: Request) -> dict[str, Any]:
    base = str(request.scope.get("root_path") or "").rstrip("/")
    return {**asdict(job), "loaded": list(job.loaded), "removed": list(job.removed), "url": f"{base}/jobs/{job.id}"}


def _document_out(doc: StoredDocument) -> dict[str, str]:
    return {"id": doc.id, "file": doc.file, "sha256": doc.sha256}


_WRITE_ERRORS = {
    **error_responses(401, 403),
    501: {"model": Error, "description": "`uploads_unavailable`: this server process runs no builds"},
}


@router.post(
    "/documents",
    status_code=201,
    summary="Upload a .txt or .pdf into the corpus and build it in the background; needs a bearer token",
    response_model=Accepted,
    responses={
        **_WRITE_ERRORS,
        400: {"model": Error, "description": "`http_error`: the multipart body cannot be parsed"},
        409: {
            "model": Error,
            "description": "`duplicate`: the corpus already holds these bytes; `document` and `file` name them; "
            "`corpus_error`: the folder cannot be written (a malformed manifest, a read-only disk)",
        },
        413: {"model": Error, "description": "`payload_too_large`: the file is over the upload limit"},
        415: {"model": Error, "description": "`unsupported_media_type`: not a .txt or .pdf, or not what it says"},
        **error_responses(422),
    },
)
def upload(
    request: Request,
    who: Author,
    file: Annotated[UploadFile, File(description="the document: .txt (UTF-8, UTF-16 or GB18030) or .pdf")],
    publication: Annotated[str, Form(max_length=500, description="title or publication")] = "",
    date: Annotated[str, Form(max_length=10, description="publication date: YYYY, YYYY-MM or YYYY-MM-DD")] = "",
    kind: Annotated[str, Form(max_length=100, description="e.g. magazine issue, newspaper page")] = "",
) -> Any:
    jobs: JobQueue | None = request.app.state.jobs
    if jobs is None:
        return _unavailable()
    limit: int = request.app.state.upload_max_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        return error_response(413, "payload_too_large", f"file: uploads are limited to {limit} bytes")
    folder: CorpusFolder = request.app.state.corpus_folder
    name = file.filename or ""
    try:
        doc, new = folder.add(name, data, Metadata(publication, date, kind), by=who)
    except UploadRefused as error:
        kind_of = "unsupported_media_type" if error.status == 415 else "bad_parameter"
        return error_response(error.status, kind_of, str(error))
    except (InputError, OSError) as error:  # the folder, not the upload: a malformed manifest, a read-only disk
        return _corpus_error(error)
    if not new:
        return JSONResponse(
            status_code=409,
            content={
                "error": "duplicate",
                "detail": f"the corpus already holds this file as document {doc.id!r}",
                "document": doc.id,
                "file": doc.file,
            },
        )

    def built(result: BuildResult) -> str | None:
        if doc.id in result.loaded or doc.id in result.skipped:
            return None
        return f"the build did not read {doc.file} (no document {doc.id!r} came out of it)"

    job = jobs.submit("upload", doc.id, check=built, undo=lambda: folder.remove(doc.id))
    return {"document": _document_out(doc), "job": _job_out(job, request)}


@router.delete(
    "/documents/{doc_id}",
    status_code=200,
    summary="Remove a document from the corpus folder; the build it queues removes its facts; needs a bearer token",
    response_model=Accepted,
    responses={
        **_WRITE_ERRORS,
        **error_responses(404),
        409: {"model": Error, "description": "`corpus_error`: the folder cannot be written"},
    },
)
def delete(request: Request, who: Author, doc_id: str) -> Any:
    jobs: JobQueue | None = request.app.state.jobs
    if jobs is None:
        return _unavailable()
    folder: CorpusFolder = request.app.state.corpus_folder
    try:
        doc = folder.remove(doc_id) if len(doc_id) <= 200 else None
    except (InputError, OSError) as error:
        return _corpus_error(error)
    if doc is None:
        raise NotFound(f"no document {doc_id!r} in the corpus folder")
    job = jobs.submit("delete", doc.id)
    return {"document": _document_out(doc), "job": _job_out(job, request)}


@router.get(
    "/jobs/{job_id}",
    summary="A build job: state, progress 0–100, error",
    response_model=JobOut,
    responses=error_responses(404),
)
def job(request: Request, job_id: str) -> dict[str, Any]:
    jobs: JobQueue | None = request.app.state.jobs
    found = jobs.get(job_id) if jobs is not None else None
    if found is None:
        raise NotFound(f"no job {job_id!r} (jobs live in memory: a restart forgets them)")
    return _job_out(found, request)


@router.get("/jobs", summary="Recent build jobs, newest first (kept in memory)", response_model=JobList)
def jobs_list(
    request: Request, limit: int = Query(50, ge=1, le=200, description="how many of the newest jobs")
) -> dict[str, Any]:
    jobs: JobQueue | None = request.app.state.jobs
    recent = jobs.recent() if jobs is not None else []
    return {"total": len(recent), "items": [_job_out(item, request) for item in recent[:limit]]}
