"""App factory: routers per resource, error handlers, one Database per app (api.deps)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.deps import install
from api.errors import install_error_handlers
from api.graph_version import GraphVersion
from api.jobs import Builder
from api.limits import MAX_BODY_BYTES, BodySizeLimit
from api.response_cache import ResponseCache, cache_settings
from api.routers import (
    curation,
    cypher,
    diffusion,
    documents,
    exports,
    hazard,
    health,
    maps,
    named_queries,
    resources,
    sparql,
    views,
)
from api.schemas import error_responses
from graph_loader.settings import Neo4jSettings, default_corpus_dir, neo4j_settings


def create_app(
    settings: Neo4jSettings | None = None, *, cache_ttl: float | None = None, cache_bytes: int | None = None,
    builder: Builder | None = None, corpus: Path | None = None, upload_max_bytes: int | None = None,
) -> FastAPI:
    """The API. Responses are cached per graph version (api.response_cache): `cache_ttl` seconds
    between version checks and `cache_bytes` in all, from UKG_API_CACHE_TTL / UKG_API_CACHE_MB
    when not given; a size of 0 turns the cache off. Uploads (api.routers.documents) go into `corpus`
    (default: UKG_CORPUS or ../shared/corpus) and are built by `builder` (the composition root's,
    ukg.build.build_for_jobs; without one they answer 501), files up to `upload_max_bytes`
    (UKG_UPLOAD_MAX_MB, default 20 MB)."""
    env_ttl, env_bytes = cache_settings(os.environ)
    cache_ttl = env_ttl if cache_ttl is None else cache_ttl
    cache_bytes = env_bytes if cache_bytes is None else cache_bytes

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="ukg — Zhejiang trade-union reform knowledge graph",
        description="Named, parameterised Cypher queries over the graph, with evidence; interactive views. "
        'Every error answer is `{"error": kind, "detail": message}` (kinds in api/errors.py).',
        version="0.1.0",
        lifespan=lifespan,
    )
    database = install(app, settings or neo4j_settings())
    install_error_handlers(app)
    upload_max_bytes = documents.upload_limit() if upload_max_bytes is None else upload_max_bytes
    documents.install(app, builder, corpus or default_corpus_dir(), upload_max_bytes)
    uploads = {"/documents": upload_max_bytes + documents.FORM_SLACK_BYTES}
    app.add_middleware(BodySizeLimit, limit=MAX_BODY_BYTES, paths=uploads)
    if cache_bytes > 0:  # added last, so outermost: a hit skips routing, validation and the error handlers
        app.add_middleware(
            ResponseCache, version=GraphVersion(database.read, cache_ttl), max_bytes=cache_bytes
        )
    app.include_router(health.router)
    app.include_router(resources.router)
    app.include_router(named_queries.router)
    app.include_router(cypher.router)
    app.include_router(views.router)
    app.include_router(diffusion.router)
    app.include_router(hazard.router)
    app.include_router(maps.router)
    app.include_router(curation.router)
    app.include_router(exports.router)
    app.include_router(sparql.router)
    app.include_router(documents.router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _one_error_shape(
                get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _one_error_shape(spec: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document as the API answers: every error is `Error`, never FastAPI's own 422.

    Why after generation: FastAPI adds `HTTPValidationError` (a `detail` array) to every route with
    parameters that does not declare its own 422, while api.errors answers validation errors as
    Error; and the 413 of api.limits applies to every route that takes a body, whatever router it
    is in.
    """
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    documented = {
        str(status): {"description": entry["description"], **error}
        for status, entry in error_responses(413, 422).items()
    }
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            schema = responses.get("422", {}).get("content", {}).get("application/json", {}).get("schema", {})
            if schema.get("$ref", "").endswith("/HTTPValidationError"):
                responses["422"] = documented["422"]
            if "requestBody" in operation:
                responses.setdefault("413", documented["413"])
    schemas = spec.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return spec
