"""Error → JSON response mapping, in one place. Never a stack trace in a response.

Every error answer has the shape `api.schemas.Error`: {"error": kind, "detail": message}.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph_loader.errors import StoreUnavailable
from queries import BadQueryParameter, UnknownQuery

log = logging.getLogger("ukg.api")


class NotFound(Exception):
    """An id or name that does not exist (404)."""


class BadParameter(ValueError):
    """A parameter that does not fit the query (422)."""


class Forbidden(Exception):
    """Caller Cypher that would write or administer (403)."""


def error_response(status: int, kind: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": kind, "detail": message})


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    @app.exception_handler(UnknownQuery)
    async def not_found(_: Request, error: Exception) -> JSONResponse:
        return error_response(404, "not_found", error.args[0] if error.args else str(error))

    @app.exception_handler(BadParameter)
    @app.exception_handler(BadQueryParameter)
    async def bad_parameter(_: Request, error: ValueError) -> JSONResponse:
        return error_response(422, "bad_parameter", str(error))

    @app.exception_handler(Forbidden)
    async def forbidden(_: Request, error: Forbidden) -> JSONResponse:
        return error_response(403, "forbidden", str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}" for item in error.errors())
        return error_response(422, "bad_parameter", problems)

    @app.exception_handler(StoreUnavailable)
    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def store_unavailable(_: Request, error: Exception) -> JSONResponse:
        return error_response(503, "neo4j_unavailable", str(error) or "Neo4j is not reachable")

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(500, "internal_error", type(error).__name__)
