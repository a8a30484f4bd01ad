"""Error → JSON response mapping, in one place. Never a stack trace in a response."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph_loader.errors import StoreUnavailable

log = logging.getLogger("ukg.api")


class NotFound(Exception):
    """An id or name that does not exist (404)."""


class BadParameter(ValueError):
    """A parameter that does not fit the query (422)."""


def _error(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": kind, "detail": message})


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(_: Request, error: NotFound) -> JSONResponse:
        return _error(404, "not_found", str(error))

    @app.exception_handler(BadParameter)
    async def bad_parameter(_: Request, error: BadParameter) -> JSONResponse:
        return _error(422, "bad_parameter", str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}" for item in error.errors())
        return _error(422, "bad_parameter", problems)

    @app.exception_handler(StoreUnavailable)
    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def store_unavailable(_: Request, error: Exception) -> JSONResponse:
        return _error(503, "neo4j_unavailable", str(error) or "Neo4j is not reachable")

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return _error(500, "internal_error", type(error).__name__)
